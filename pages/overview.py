"""总览: the township at a glance for one quarter; every figure links to the page that explains it."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from db import cached
from db.pacing import STATUS_NAMES, sentence, summarize
from pages.common import (
    STATUS_COLORS,
    assessments_by_quarter,
    dashboard_pickers,
    md_escape,
    no_targets_notice,
    quarter_short,
    same_quarter_last_year,
    status_badge,
    year_quarters,
)
from terms.indicators import INDICATOR_BY_CODE, TRACKED
from terms.periods import parse_period, period_label
from terms.values import format_value, to_display

INCOME = "collective_income"

town, period = dashboard_pickers()
st.title(f"{md_escape(town.name)} · 总览")
if period is None:
    st.info("这个乡镇还没有任何季度数据。请到“数据上传”导入季度报表。")
    st.stop()

year, quarter = parse_period(period)
now = cached.lagging(cached.url(), town.id, period)  # every active village × the four indicators
income = [a for a in now if a.indicator == INCOME]
no_targets_notice(now, town.name, year)
village_ids = {a.village_id for a in now}
n_villages = len(village_ids)
st.caption(f"{period_label(period)}（年初至本季度末累计） · 共 {n_villages} 个村 · 收入单位：万元 · "
           f"进度要求：流量指标应完成“年度目标 × {quarter}/4”，网格数应达到年度目标")

# --- The four headline figures (computed in db.pacing.summarize) -------------------------------
summary = summarize(now)
with_target = summary.income_targets_set
reached = summary.reached_income_target
income_total = to_display(INCOME, summary.income_total) or 0.0
target_total = to_display(INCOME, summary.income_target_total) or 0.0
income_counts = summary.counts.get(INCOME, {"red": 0, "yellow": 0, "missing": 0})

c1, c2, c3, c4 = st.columns(4)
with c1:
    st.metric("达到全年收入目标的村", f"{reached} / {n_villages}",
              help="年初至本季度末的村集体经济收入已不少于全年目标的村数")
with c2:
    shown_target = f"{target_total:,.1f}" if with_target else "未设目标"
    st.metric("收入累计 / 全年目标（万元）", f"{income_total:,.1f} / {shown_target}",
              help="村集体经济收入：已报送各村年初至本季度末累计之和 / 各村全年目标之和（村有单独目标的按村目标）")
    if with_target and target_total:
        st.caption(f"完成全年目标的 {income_total / target_total:.0%}；按进度本季度末应完成 "
                   f"{to_display(INCOME, summary.income_expected_total):,.1f} 万元")
with c3:
    st.metric("本季度报送", f"{summary.reporting} / {n_villages} 个村",
              help="本季度至少报送了一项指标的村 / 应报送的村")
    if summary.partial:
        st.caption(f"其中 {summary.partial} 个村有指标漏报")
with c4:
    st.metric("收入进度落后的村", f"红 {income_counts['red']} · 黄 {income_counts['yellow']}",
              help="红：完成率低于 80%；黄：80%–100%（完成率 = 实际累计 ÷ 本季度进度要求）")
    if income_counts["missing"]:
        st.caption(f"另有 {income_counts['missing']} 个村收入未报送")
yoy = same_quarter_last_year(town.id, period)
y_cols = st.columns(len(yoy))
for col, r in zip(y_cols, yoy):
    delta = None if r["_now"] is None or r["_then"] is None else r["变化"] + " 较去年同期"
    col.metric(f"{r['指标']}（去年同期 {r[next(k for k in r if k.startswith('去年同期'))]}）",
               r[period_label(period)], delta=delta, delta_color="normal")
l1, l2, l3, l4 = st.columns(4)
l1.page_link("pages/progress.py", label="各村进度条 →", icon=":material/bar_chart:")
l2.page_link("pages/progress.py", label="各村收入与目标 →", icon=":material/stacked_bar_chart:")
l3.page_link("pages/alerts.py", label="未报送名单 →", icon=":material/assignment_late:")
l4.page_link("pages/alerts.py", label="落后预警 →", icon=":material/warning:")

# --- Four indicators: how many villages are red / yellow -------------------------------------------
st.subheader("四项指标进度（按村计）")
cols = st.columns(len(TRACKED))
for col, ind in zip(cols, TRACKED):
    mine = [a for a in now if a.indicator == ind.code]
    n = {s: sum(1 for a in mine if a.status == s) for s in STATUS_NAMES}
    with col:
        st.metric(ind.name, f"红 {n['red']} · 黄 {n['yellow']}")
        extra = [f"绿 {n['green']}"]
        if n["missing"]:
            extra.append(f"未报送 {n['missing']}")
        if n["no_target"]:
            extra.append(f"未设目标 {n['no_target']}")
        st.caption(" · ".join(extra))
any_red = {a.village_id for a in now if a.status == "red"}
st.caption(f"至少一项指标为红的村：{len(any_red)} 个")
st.page_link("pages/compare.py", label="各村四项指标逐季完成率 →", icon=":material/grid_on:")

# --- Township income through the year against the pacing line --------------------------------------
by_quarter = assessments_by_quarter(town.id, year_quarters(period, through_year_end=True), INCOME)
xs = [quarter_short(p) for p in by_quarter]
actual_y, pace_y, reported_n = [], [], []
for p, rows in by_quarter.items():
    done = parse_period(p)[1] <= quarter
    values = [a.actual for a in rows if a.actual is not None]
    actual_y.append(to_display(INCOME, sum(values)) if done and values else None)
    reported_n.append(f"{len(values)} / {len(rows)}" if done else "")
    pace_y.append(to_display(INCOME, sum(a.expected for a in rows if a.expected is not None)))

fig = go.Figure()
fig.add_bar(x=xs, y=actual_y, name="实际累计（已报送村合计）", marker_color="#1f77b4",
            text=[f"{v:,.1f}" if v is not None else "" for v in actual_y], textposition="inside",
            insidetextanchor="end", textfont=dict(color="#ffffff", size=13),
            customdata=reported_n,
            hovertemplate="%{x}：累计 %{y:,.2f} 万元<br>报送村数 %{customdata}<extra></extra>")
if with_target:
    fig.add_scatter(x=xs, y=pace_y, name="进度要求（年度目标 × 季度/4）", mode="lines+markers",
                    line=dict(color=STATUS_COLORS["yellow"], width=3, dash="dash"),
                    hovertemplate="%{x}：应完成 %{y:,.2f} 万元<extra></extra>")
    fig.add_scatter(x=xs, y=[target_total] * len(xs), name="全年目标", mode="lines",
                    line=dict(color=STATUS_COLORS["red"], width=2, dash="dot"),
                    hovertemplate="全年目标 %{y:,.1f} 万元<extra></extra>")
fig.update_layout(
    title=f"{town.name}{year}年村集体经济收入：逐季累计与进度要求（万元）",
    xaxis_title=f"{year}年季度（截至{quarter_short(period)}）", yaxis_title="累计收入（万元）",
    height=380, margin=dict(l=10, r=10, t=60, b=40), legend_orientation="h", legend_y=-0.2,
)
st.plotly_chart(fig, width="stretch", config={"displaylogo": False})
missing_income = [a for a in income if a.status == "missing"]
if missing_income:
    st.caption("未报送村不计入实际累计：" + "、".join(md_escape(a.village) for a in missing_income))

# --- The most urgent: income red ------------------------------------------------------------------
red_income = sorted((a for a in income if a.status == "red"), key=lambda a: a.completion or 0)
if red_income:
    st.subheader("收入进度为红的村")
    st.markdown("\n".join(f"- {status_badge(a.status)} {md_escape(sentence(a))}" for a in red_income[:10]))
    if len(red_income) > 10:
        st.caption(f"另有 {len(red_income) - 10} 个村，见“落后预警”。")
    st.page_link("pages/alerts.py", label="全部落后村与原因 →", icon=":material/warning:")

# --- The township's own figures, from accepted reports -------------------------------------------------------
figures = cached.township_figures(cached.url(), town.id, year)
if figures:
    st.subheader("报告中的全乡数")
    st.markdown("\n".join(
        f"- **{md_escape(INDICATOR_BY_CODE[f['indicator']].name)}** · "
        + (f"{period_label(f['period'])}全乡合计 {format_value(f['indicator'], f['value'])}" if f["kind"] == "actual"
           else f"{f['period']}年全乡合计目标 {format_value(f['indicator'], f['value'])}")
        + (f"（《{md_escape(f['document'])}》：「{md_escape(f['evidence'])}」）" if f["evidence"] else "")
        for f in figures))
    st.caption("报告里写的全乡合计数和全乡合计目标，审核接受后记在这里，不计入各村数字，也不改动每村目标。")

# --- Report totals that the villages' figures do not add up to ------------------------------------------
mismatches = cached.reconciliation(cached.url(), town.id, year)
if mismatches:
    st.subheader(f"报告数与村数合计不一致（{len(mismatches)} 项）")
    st.markdown("\n".join(
        f"- **{md_escape(INDICATOR_BY_CODE[m.indicator].name)}** · {period_label(m.period)}：报告写"
        f"{format_value(m.indicator, m.reported)}，{m.villages}个村报送的合计为{format_value(m.indicator, m.villages_sum)}"
        f"（相差{format_value(m.indicator, abs(m.difference))}）。原文：「{md_escape(m.evidence)}」，出自《{md_escape(m.document)}》"
        for m in mismatches))
    st.caption("已接受的报告中写的全乡合计，与各村在本系统中的数字之和相差超过 1%。请核对是报告写错、还是有村漏报或报错。")
