"""村级进度: each village's year-to-date figure against its own target and the pacing mark,
then one village in detail (the year quarter by quarter, and where every figure came from)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from db import cached
from db.pacing import STATUS_NAMES, percent, sentence
from pages.common import (
    STATUS_COLORS,
    assessments_by_quarter,
    completion_order,
    dashboard_pickers,
    indicator_names,
    local_time,
    md_escape,
    no_targets_notice,
    pager,
    quarter_short,
    status_badge,
    year_quarters,
)
from terms.indicators import INDICATOR_BY_CODE
from terms.periods import parse_period, period_label
from terms.values import display_unit, format_value, to_display

PER_PAGE = 30

town, period = dashboard_pickers()
st.title(f"{md_escape(town.name)} · 村级进度")
if period is None:
    st.info("这个乡镇还没有任何季度数据。请到“数据上传”导入季度报表。")
    st.stop()
year, quarter = parse_period(period)
names = indicator_names()
code = st.selectbox("指标", list(names), format_func=names.get, key="progress_indicator")
ind = INDICATOR_BY_CODE[code]
unit = display_unit(code)
flow = ind.accumulation == "flow"
rows = cached.lagging(cached.url(), town.id, period, code)
if not rows:
    st.info("这个乡镇在所选季度没有村。")
    st.stop()

pace_rule = f"年度目标 × {quarter}/4" if flow else "年度目标（网格数是存量，每季度都应达到）"
st.caption(f"{period_label(period)}：年初至本季度末累计（{unit}）。完成率 = 实际 ÷ 进度要求（{pace_rule}）；"
           "红：低于 80%，黄：80%–100%，绿：达到进度要求。")

ordered = sorted(rows, key=completion_order)
no_targets_notice(rows, town.name, year)
counts = {s: sum(1 for a in rows if a.status == s) for s in STATUS_NAMES}
st.markdown("　".join(f"{status_badge(s)} {counts[s]} 个村" for s in ("red", "yellow", "green", "missing", "no_target")
                     if counts[s]))
start, end = pager(len(ordered), PER_PAGE, key="progress_page")
page_rows = ordered[start:end]


# --- Bars: each village's figure, its own target, its pacing mark ----------------------------------
def axis_label(a) -> str:
    """The village on the axis with its completion, so the figure never hides under a marker."""
    if a.status == "missing":
        return f"{a.village} · 未报送"
    if a.status == "no_target":
        return f"{a.village} · 未设目标"
    return f"{a.village} · {percent(a)}%" if a.completion is not None else f"{a.village} · 达标"


label = {a.village_id: axis_label(a) for a in page_rows}
fig = go.Figure()
for status in ("red", "yellow", "green", "no_target"):
    mine = [a for a in page_rows if a.status == status and a.actual is not None]
    if not mine:
        continue
    fig.add_bar(
        y=[label[a.village_id] for a in mine], x=[to_display(code, a.actual) for a in mine], orientation="h",
        name=STATUS_NAMES[status], marker_color=STATUS_COLORS[status],
        customdata=[sentence(a) for a in mine], hovertemplate="%{customdata}<extra></extra>",
    )
missing = [a for a in page_rows if a.status == "missing"]
if missing:
    fig.add_scatter(y=[label[a.village_id] for a in missing], x=[0] * len(missing), mode="text",
                    text=["未报送"] * len(missing), textposition="middle right",
                    textfont=dict(color=STATUS_COLORS["missing"]), name="未报送",
                    customdata=[sentence(a) for a in missing], hovertemplate="%{customdata}<extra></extra>")
with_target = [a for a in page_rows if a.target is not None]
if with_target:
    fig.add_scatter(y=[label[a.village_id] for a in with_target], x=[to_display(code, a.target) for a in with_target],
                    mode="markers", name="全年目标",
                    marker=dict(symbol="line-ns-open", size=22, color="#263238", line=dict(width=3)),
                    hovertemplate=f"%{{y}} 全年目标：%{{x:,.2f}} {unit}<extra></extra>")
    if flow:
        fig.add_scatter(y=[label[a.village_id] for a in with_target], x=[to_display(code, a.expected) for a in with_target],
                        mode="markers", name=f"进度要求（{quarter_short(period)}末应完成）",
                        marker=dict(symbol="diamond", size=11, color="#ffffff", line=dict(width=2, color="#263238")),
                        hovertemplate=f"%{{y}} 本季度末应完成：%{{x:,.2f}} {unit}<extra></extra>")
page_note = f"（第 {start + 1}–{end} 个，共 {len(ordered)} 个村）" if len(ordered) > PER_PAGE else ""
fig.update_layout(
    title=f"{ind.name}：各村{period_label(period)}累计与目标（{unit}），按完成率从低到高{page_note}",
    xaxis_title=f"年初至{quarter_short(period)}末累计（{unit}）", yaxis_title="村 · 完成率",
    barmode="overlay", height=140 + 30 * len(page_rows), margin=dict(l=10, r=30, t=60, b=40),
    legend_orientation="h", legend_y=1.0, legend_yanchor="bottom", legend_x=0,
)
fig.update_yaxes(categoryorder="array", categoryarray=[label[a.village_id] for a in page_rows], autorange="reversed")
fig.update_xaxes(rangemode="tozero")
st.plotly_chart(fig, width="stretch", config={"displaylogo": False})
st.caption("条形：实际累计（颜色表示状态，村名后为完成率）；竖线：全年目标" + ("；菱形：本季度末按进度应完成" if flow else "")
           + "。未报送的村不画条形（不是 0）。")

# --- One village in detail -----------------------------------------------------------------------
st.divider()
st.subheader("单村详情")
by_id = {a.village_id: a for a in ordered}
village_id = st.selectbox("村", list(by_id), format_func=lambda v: by_id[v].village, key="progress_village",
                          help="默认是完成率最低的村")
village = by_id[village_id].village
if st.button(f"打开{village}的村级画像（各年走势、年末推算、来源和修改记录）", icon=":material/holiday_village:",
             key="progress_open_profile"):
    st.session_state["profile_village"] = village
    st.switch_page("pages/village.py")
everything = [a for a in cached.lagging(cached.url(), town.id, period) if a.village_id == village_id]
st.markdown("\n".join(f"- {status_badge(a.status)} **{md_escape(names[a.indicator])}**：{md_escape(sentence(a))}"
                      for a in everything))

year_rows = assessments_by_quarter(town.id, year_quarters(period, through_year_end=True), code)
xs, actual_y, pace_y, target_y, labels = [], [], [], [], []
for p, assessed in year_rows.items():
    mine = next((a for a in assessed if a.village_id == village_id), None)
    if mine is None:  # not yet a village in that quarter
        continue
    done = parse_period(p)[1] <= quarter
    xs.append(quarter_short(p))
    actual_y.append(to_display(code, mine.actual) if done else None)
    labels.append(("未报送" if mine.actual is None else format_value(code, mine.actual)) if done else "")
    pace_y.append(to_display(code, mine.expected))
    target_y.append(to_display(code, mine.target))
vfig = go.Figure()
vfig.add_scatter(x=xs, y=actual_y, mode="lines+markers+text", name="实际累计", text=labels, textposition="top center",
                 line=dict(color="#1f77b4", width=3), marker=dict(size=9),
                 hovertemplate=f"%{{x}}：%{{y:,.2f}} {unit}<extra></extra>")
gaps = [(x, p) for x, y, p, lab in zip(xs, actual_y, pace_y, labels) if lab == "未报送"]
if gaps:
    vfig.add_scatter(x=[g[0] for g in gaps], y=[0] * len(gaps), mode="markers+text", name="未报送",
                     text=["未报送"] * len(gaps), textposition="top center",
                     marker=dict(symbol="x", size=10, color=STATUS_COLORS["missing"]),
                     hovertemplate="%{x}：未报送<extra></extra>")
if any(v is not None for v in target_y):
    vfig.add_scatter(x=xs, y=target_y, mode="lines", name="全年目标",
                     line=dict(color=STATUS_COLORS["red"], dash="dot", width=2),
                     hovertemplate=f"全年目标 %{{y:,.2f}} {unit}<extra></extra>")
    if flow:
        vfig.add_scatter(x=xs, y=pace_y, mode="lines+markers", name="进度要求（年度目标 × 季度/4）",
                         line=dict(color=STATUS_COLORS["yellow"], dash="dash", width=2),
                         hovertemplate=f"%{{x}} 应完成 %{{y:,.2f}} {unit}<extra></extra>")
else:
    st.caption("这个村的这项指标没有年度目标，只画实际数。")
vfig.update_layout(title=f"{village}：{year}年{ind.name}逐季累计（{unit}）",
                   xaxis_title=f"{year}年季度", yaxis_title=f"累计（{unit}）", height=380,
                   margin=dict(l=10, r=10, t=60, b=40), legend_orientation="h", legend_y=-0.25)
vfig.update_yaxes(rangemode="tozero")
st.plotly_chart(vfig, width="stretch", config={"displaylogo": False})

st.markdown(f"**数字来源**（{year}年，{md_escape(village)}）")
all_indicators = st.toggle("显示四项指标", value=False, key="progress_sources_all")
sources = cached.village_sources(cached.url(), village_id, year)
sources = [s for s in sources if s["indicator"] in names and (all_indicators or s["indicator"] == code)
           and parse_period(s["period"]) <= (year, quarter)]
if not sources:
    st.info("这个村在所选年份还没有这项指标的数字。")
else:
    table = pd.DataFrame([{
        "季度": period_label(s["period"]),
        "指标": names[s["indicator"]],
        "数值": format_value(s["indicator"], s["value"]),
        "来源": s["source"],
        "录入人": s["updated_by"],
        "更新时间": local_time(s["updated_at"]),
    } for s in sources])
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"更新时间": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
                                "来源": st.column_config.TextColumn(width="large")})
