"""指标对比: completion of every village, quarter by quarter, for the four indicators side by side."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from db.pacing import STATUS_NAMES, percent
from pages.common import (
    assessments_by_quarter,
    completion_order,
    dashboard_pickers,
    indicator_names,
    md_escape,
    no_targets_notice,
    pager,
    quarter_short,
    same_quarter_last_year,
    year_quarters,
)
from terms.indicators import TRACKED
from terms.periods import parse_period, period_label
from terms.values import format_value

PER_PAGE = 40
ZMAX = 120  # completion above this is drawn like 120 %
# Red below 80 %, yellow 80–99 %, green from 100 % (percent() never rounds across a boundary).
COLORSCALE = [
    [0.0, "#8e0000"], [79.5 / ZMAX, "#ef9a9a"],
    [79.5 / ZMAX, "#fff176"], [99.5 / ZMAX, "#fbc02d"],
    [99.5 / ZMAX, "#a5d6a7"], [1.0, "#1b5e20"],
]

town, period = dashboard_pickers()
st.title(f"{md_escape(town.name)} · 指标对比")
if period is None:
    st.info("这个乡镇还没有任何季度数据。请到“数据上传”导入季度报表。")
    st.stop()
year, quarter = parse_period(period)
names = indicator_names()
quarters = year_quarters(period)
by_q = assessments_by_quarter(town.id, quarters)  # period → every village × indicator
cell = {(p, a.village_id, a.indicator): a for p, rows in by_q.items() for a in rows}
villages = {a.village_id: a.village for rows in by_q.values() for a in rows}  # active in some quarter
no_targets_notice(by_q[period], town.name, year)
st.caption(f"{year}年第一季度至{quarter_short(period)}，每格为该季度末的完成率（实际累计 ÷ 进度要求）。"
           "红：低于 80%；黄：80%–100%；绿：达到 100%；写着“未报送”的格子不着色。")
if not villages:
    st.info("这个乡镇没有村。")
    st.stop()

sort_options = ["list", *names]
sort_by = st.selectbox("排序", sort_options, key="compare_sort",
                       format_func=lambda s: "按村名单顺序" if s == "list" else f"按{names[s]}（{quarter_short(period)}）完成率从低到高")
ids = list(villages)
if sort_by != "list":
    ids.sort(key=lambda vid: completion_order(cell.get((period, vid, sort_by))))
start, end = pager(len(ids), PER_PAGE, key="compare_page")
ids = ids[start:end]
ylabels = [villages[v] for v in ids]
xlabels = [quarter_short(p) for p in quarters]


def cell_text(a) -> tuple[float | None, str, str]:
    """(colour value, text in the cell, hover detail)."""
    if a is None:
        return None, "", "当时还不是本乡镇的村"
    if a.status == "missing":
        return None, "未报送", "未报送"
    if a.status == "no_target":
        return None, "未设目标", f"实际 {format_value(a.indicator, a.actual)}，未设年度目标"
    detail = (f"实际 {format_value(a.indicator, a.actual)}，应完成 {format_value(a.indicator, a.expected)}"
              f"（{STATUS_NAMES[a.status]}）")
    if a.completion is None:  # target 0: any figure meets it
        return float(ZMAX), "达标", detail
    pct = percent(a)
    return float(min(pct, ZMAX)), f"{pct}%", detail


fig = make_subplots(rows=1, cols=len(TRACKED), shared_yaxes=True, horizontal_spacing=0.015,
                    subplot_titles=[i.name for i in TRACKED])
for col, ind in enumerate(TRACKED, start=1):
    z, text, hover = [], [], []
    for vid in ids:
        zr, tr, hr = [], [], []
        for p in quarters:
            v, t, h = cell_text(cell.get((p, vid, ind.code)))
            zr.append(v)
            tr.append(t)
            hr.append(h)
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    fig.add_trace(go.Heatmap(
        z=z, x=xlabels, y=ylabels, text=text, customdata=hover, texttemplate="%{text}",
        textfont=dict(size=11), coloraxis="coloraxis", xgap=2, ygap=2, hoverongaps=True,
        hovertemplate=f"%{{y}} · {ind.name} · %{{x}}<br>完成率 %{{text}}<br>%{{customdata}}<extra></extra>",
    ), row=1, col=col)
    fig.update_xaxes(title_text="季度", side="bottom", row=1, col=col)
fig.update_yaxes(autorange="reversed", ticks="", showgrid=False, zeroline=False)
fig.update_xaxes(showgrid=False, zeroline=False)
fig.update_yaxes(title_text="村", row=1, col=1)
page_note = f"（第 {start + 1}–{end} 个村，共 {len(villages)} 个）" if len(villages) > PER_PAGE else ""
fig.update_layout(
    title=f"{town.name}{year}年各村四项指标完成率（截至{period_label(period)}）{page_note}",
    coloraxis=dict(colorscale=COLORSCALE, cmin=0, cmax=ZMAX,
                   colorbar=dict(title=dict(text="完成率"), tickvals=[0, 40, 80, 100, ZMAX],
                                 ticktext=["0%", "40%", "80% 黄", "100% 绿", f"≥{ZMAX}%"])),
    height=160 + 26 * len(ids), margin=dict(l=10, r=10, t=80, b=50), plot_bgcolor="#ffffff",
)
st.plotly_chart(fig, width="stretch", config={"displaylogo": False})
st.caption("完成率：流量指标（收入、发展党员、培训）按“年度目标 × 季度/4”计算，网格数按年度目标计算。"
           "写着“未报送”的格子不按 0 计；空白格为未设目标。")

# --- The same quarter last year beside this year ---------------------------------------------------------
st.subheader("与去年同期比较")
yoy = same_quarter_last_year(town.id, period)
st.dataframe([{k: v for k, v in r.items() if not k.startswith("_")} for r in yoy], hide_index=True, width="stretch")
st.caption("各指标已报送村的年初至本季度末累计之和（网格数为各村网格数之和）；两年报送的村数不同时，合计不宜直接比较。")
