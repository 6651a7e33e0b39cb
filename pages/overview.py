"""总览: the township at a glance."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from db import cached
from db.reference import INDICATOR_BY_CODE, TRACKED, parse_period, period_label
from pages.common import period_picker, township_picker, year_of

town = township_picker()
period = period_picker(town.id)
st.title(f"{town.name} · 总览")
if period is None:
    st.info("这个乡镇还没有任何季度数据。请到“数据上传”导入季度报表。")
    st.stop()

year, quarter = parse_period(period)
frame = cached.observations_frame(cached.url(), town.id, year)
targets = cached.effective_targets(cached.url(), town.id, year)
villages = cached.villages(cached.url(), town.id)
now = frame[frame["period"] == period]

st.caption(f"{period_label(period)} · 共 {len(villages)} 个村 · 收入单位：万元")
income = now[now["indicator"] == "collective_income"].set_index("village_id")["value"]
income_target = sum(v for (vid, code), v in targets.items() if code == "collective_income")
reached = sum(1 for (vid, code), t in targets.items() if code == "collective_income" and income.get(vid, -1) >= t)
reported = now["village_id"].nunique()

c1, c2, c3 = st.columns(3)
c1.metric("达到全年收入目标的村", f"{reached} / {len(villages)}")
c2.metric("集体经济收入合计（万元）", f"{income.sum() / 10000:,.1f}",
          help=f"全年目标合计 {income_target / 10000:,.1f} 万元")
c3.metric("本季度报送", f"{reported} / {len(villages)} 个村")

rows = []
for vid, name, _since in villages:
    row = {"村": name}
    for ind in TRACKED:
        cell = now[(now["village_id"] == vid) & (now["indicator"] == ind.code)]
        value = float(cell["value"].iloc[0]) / ind.display_factor if len(cell) else None
        row[f"{ind.name}（{ind.display_unit}）"] = value
    t = targets.get((vid, "collective_income"))
    row["收入目标（万元）"] = t / 10000 if t is not None else None
    rows.append(row)
table = pd.DataFrame(rows)
st.subheader(f"各村{period_label(period)}累计数")
shown = table.copy()
for col in shown.columns[1:]:
    digits = 2 if "万元" in col else 0
    shown[col] = [("未报送" if col != "收入目标（万元）" else "未设目标") if pd.isna(v) else f"{v:,.{digits}f}"
                  for v in shown[col]]
st.dataframe(shown, hide_index=True, width="stretch")

fig = go.Figure()
ordered = table.sort_values("村集体经济收入（万元）", na_position="first")
fig.add_bar(y=ordered["村"], x=ordered["村集体经济收入（万元）"], orientation="h", name="累计收入",
            marker_color="#2e86c1", hovertemplate="%{y}：%{x:.2f} 万元<extra></extra>")
fig.add_scatter(y=ordered["村"], x=ordered["收入目标（万元）"], mode="markers", name="全年目标",
                marker=dict(symbol="line-ns-open", size=18, color="#c0392b", line=dict(width=3)),
                hovertemplate="%{y} 全年目标：%{x:.1f} 万元<extra></extra>")
fig.update_layout(title=f"村集体经济收入（{period_label(period)}累计，万元）", xaxis_title="万元", yaxis_title=None,
                  height=40 + 28 * len(ordered), margin=dict(l=10, r=10, t=50, b=30), legend_orientation="h")
st.plotly_chart(fig, width="stretch")
