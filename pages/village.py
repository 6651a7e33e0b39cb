"""村级画像: one village — every indicator's quarters across years against its targets, the year-end
projection, where each figure came from (an upload, a report with its sentence, a hand entry), the
audit history, and a 催报通知 when something is still not reported."""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from db import cached
from db.pacing import sentence
from etl.reminders import default_deadline, reminder_docx, reminder_text
from pages.common import dashboard_pickers, local_time, md_escape, status_badge
from terms.indicators import INDICATOR_BY_CODE, TRACKED
from terms.labels import AUDIT_ACTION_NAMES
from terms.periods import QUARTER_NAMES, parse_period, period_label
from terms.values import format_value, to_display

YEAR_COLORS = ["#9e9e9e", "#90caf9", "#42a5f5", "#1565c0"]  # older years lighter, this year darkest

town, period = dashboard_pickers()
if period is None:
    st.title(f"{md_escape(town.name)} · 村级画像")
    st.info("这个乡镇还没有任何季度数据。请到“数据上传”导入季度报表。")
    st.stop()
year, quarter = parse_period(period)
villages = cached.villages(cached.url(), town.id)
names = [name for _, name, _ in villages]
wanted = st.session_state.pop("profile_village", None)  # set by 落后预警 and 村级进度
if wanted in names:
    st.session_state["profile_choice"] = wanted
choice = st.sidebar.selectbox("村", names, key="profile_choice")
village_id = next(vid for vid, name, _ in villages if name == choice)
st.title(f"{md_escape(choice)} · 村级画像")

assessments = [a for a in cached.lagging(cached.url(), town.id, period) if a.village_id == village_id]
projections = {p.indicator: p for p in cached.forecast(cached.url(), town.id, period) if p.village == choice}
frame = cached.observations_frame(cached.url(), town.id, None)
mine = frame[frame["village_id"] == village_id]
years = sorted({parse_period(p)[0] for p in mine["period"]} | {year})[-4:]
targets_by_year = {y: cached.effective_targets(cached.url(), town.id, y) for y in years}

# --- This quarter at a glance, and what is still not reported -------------------------------------------
missing = [INDICATOR_BY_CODE[a.indicator].name for a in assessments if a.status == "missing"]
st.caption(f"{period_label(period)}，年初至本季度末累计；颜色按本乡的序时进度规则。")
st.markdown("\n".join(f"- {status_badge(a.status)} **{INDICATOR_BY_CODE[a.indicator].name}** · {md_escape(sentence(a))}"
                      for a in assessments))
if missing:
    st.warning(f"本村{QUARTER_NAMES[quarter]}{'、'.join(missing)}还未报送。")
    deadline = st.date_input("报送截止日期", value=default_deadline(period), key="profile_deadline", format="YYYY/MM/DD")
    notice = {choice: missing}
    st.download_button("下载催报通知（.docx）", reminder_docx(town.name, period, notice, deadline),
                       file_name=f"{town.name}{choice}{period_label(period)}催报通知.docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       icon=":material/notification_important:")
    st.text_area("发到工作群的催报消息（可复制）", reminder_text(town.name, period, notice, deadline), height=110)

# --- Each indicator across years --------------------------------------------------------------------------
tabs = st.tabs([i.name for i in TRACKED])
for tab, ind in zip(tabs, TRACKED):
    with tab:
        rows = mine[mine["indicator"] == ind.code]
        fig = go.Figure()
        by_period = dict(zip(rows["period"], rows["value"]))
        for k, y in enumerate(years):
            ys = [to_display(ind.code, by_period.get(f"{y}Q{q}")) for q in (1, 2, 3, 4)]
            if any(v is not None for v in ys):
                fig.add_scatter(x=[QUARTER_NAMES[q] for q in (1, 2, 3, 4)], y=ys, name=f"{y}年累计", mode="lines+markers",
                                line=dict(color=YEAR_COLORS[-len(years) + k], width=3 if y == year else 2),
                                connectgaps=False,
                                hovertemplate=f"{y}年" + "%{x}：%{y:,.2f} " + ind.display_unit + "<extra></extra>")
            target = targets_by_year[y].get((village_id, ind.code))
            if target is not None and y == year:
                fig.add_scatter(x=[QUARTER_NAMES[1], QUARTER_NAMES[4]], y=[to_display(ind.code, target)] * 2,
                                name=f"{y}年目标", mode="lines", line=dict(color="#d32f2f", dash="dot", width=2),
                                hovertemplate=f"{y}年目标 %{{y:,.2f}} {ind.display_unit}<extra></extra>")
        p = projections.get(ind.code)
        if p is not None and p.projected is not None:
            fig.add_scatter(x=[QUARTER_NAMES[4]], y=[to_display(ind.code, p.projected)], name="推算年末",
                            mode="markers", marker=dict(symbol="diamond", size=12, color="#ef6c00"),
                            error_y=dict(type="data", symmetric=False,
                                         array=[to_display(ind.code, p.high - p.projected)],
                                         arrayminus=[to_display(ind.code, p.projected - p.low)]),
                            hovertemplate="推算年末 %{y:,.2f} " + ind.display_unit + "<extra></extra>")
        fig.update_layout(title=f"{choice}{ind.name}：各年逐季累计（{ind.display_unit}）", height=340,
                          xaxis_title="季度", yaxis_title=f"累计（{ind.display_unit}）", legend_orientation="h",
                          legend_y=-0.25, margin=dict(l=10, r=10, t=50, b=40))
        st.plotly_chart(fig, width="stretch", config={"displaylogo": False}, key=f"profile_chart_{ind.code}")
        if p is not None:
            if p.projected is None:
                st.caption(md_escape(p.note or ""))
            else:
                need = ("" if p.needed_per_quarter is None else
                        f"；要完成年度目标，以后每季度还需增加{format_value(ind.code, p.needed_per_quarter)}")
                how = "按本乡往年的季度规律" if p.method == "seasonal" else "按时间均匀（本乡没有完整的往年数据）"
                low, high = format_value(ind.code, p.low), format_value(ind.code, p.high)
                span = "" if low == high else f"{low}–{high}，"  # villages that all pace alike leave no range
                st.markdown(f"**推算年末：{format_value(ind.code, p.projected)}**（{span}{how}）{need}。")
        elif ind.accumulation == "stock":
            st.caption("网格数是存量，不做年末推算。")

# --- Where this year's figures came from ---------------------------------------------------------------------
st.subheader(f"{year}年数字的来源")
sources = cached.village_sources(cached.url(), village_id, year)
if not sources:
    st.info(f"{md_escape(choice)}{year}年还没有数字。")
else:
    st.dataframe(pd.DataFrame([{
        "季度": period_label(s["period"]), "指标": INDICATOR_BY_CODE[s["indicator"]].name,
        "数值": format_value(s["indicator"], s["value"]), "来源": s["source"], "修改人": s["updated_by"],
    } for s in sources]), hide_index=True, width="stretch")
    reported = [s for s in sources if s["evidence"]]
    for s in reported:  # the report's sentence, the figure marked (untrusted text: escaped, our <mark> only)
        st.markdown(f"<div class='zb-evidence'>{html.escape(period_label(s['period']))} · "
                    f"{html.escape(INDICATOR_BY_CODE[s['indicator']].name)}，出自《{html.escape(s['document'] or '')}》："
                    f"「<mark>{html.escape(s['evidence'])}</mark>」</div>", unsafe_allow_html=True)

# --- The audit history ------------------------------------------------------------------------------------------
st.subheader("修改记录")
entries = cached.audit_entries(cached.url(), township=town.name, village=choice)
if not entries:
    st.info("没有修改记录。")
else:
    st.dataframe(pd.DataFrame([{
        "时间": local_time(pd.Timestamp(e["time"])), "人": e["user"], "操作": AUDIT_ACTION_NAMES.get(e["action"], e["action"]),
        "指标": INDICATOR_BY_CODE[e["indicator"]].name if e["indicator"] in INDICATOR_BY_CODE else (e["indicator"] or ""),
        "季度": period_label(e["period"]) if e["period"] and "Q" in e["period"] else (e["period"] or ""),
        "原值": "" if e["old"] is None or e["indicator"] not in INDICATOR_BY_CODE else format_value(e["indicator"], e["old"]),
        "新值": "" if e["new"] is None or e["indicator"] not in INDICATOR_BY_CODE else format_value(e["indicator"], e["new"]),
        "来源": e["source"] or "",
    } for e in reversed(entries)]), hide_index=True, width="stretch", height=min(420, 38 + 35 * len(entries)))
