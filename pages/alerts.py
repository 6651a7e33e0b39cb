"""落后预警: villages behind pace (red, then yellow) with a one-sentence reason each, the change
since last quarter, a ranking by completion, and the villages that did not report."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from db import cached
from db.pacing import STATUS_NAMES, STATUS_RANK, percent, sentence, trend
from db.targets import PACING_NAMES
from etl.reminders import default_deadline, reminder_docx, reminder_text
from pages.common import (
    STATUS_COLORS,
    TREND_MD,
    dashboard_pickers,
    indicator_names,
    md_escape,
    no_targets_notice,
    status_badge,
)
from terms.periods import QUARTER_NAMES, parse_period, period_label, previous_in_year
from terms.values import COUNT_ROUNDING, format_value

EXPECTED_COLUMN = {"linear": "进度要求（时间均匀）", "seasonal": "进度要求（季节规律）"}

town, period = dashboard_pickers()
st.title(f"{md_escape(town.name)} · 落后预警")
if period is None:
    st.info("这个乡镇还没有任何季度数据。请到“数据上传”导入季度报表。")
    st.stop()
year, quarter = parse_period(period)
prev = previous_in_year(period)
names = indicator_names()

f1, f2 = st.columns([3, 2])
chosen = f1.multiselect("指标", list(names), default=list(names), format_func=names.get, key="alerts_indicators",
                        placeholder="选择指标")
status_options = ["red", "yellow", "missing"]
statuses = f2.multiselect("状态", status_options, default=status_options, format_func=STATUS_NAMES.get,
                          key="alerts_statuses", placeholder="选择状态")
if not chosen:
    st.info("请至少选择一项指标。")
    st.stop()

rule = cached.township_pacing(cached.url(), town.id)
other_rule = "seasonal" if rule == "linear" else "linear"
changes = [c for c in cached.lagging_with_previous(cached.url(), town.id, period, None, rule) if c.now.indicator in chosen]
# the other rule's expectation, shown beside the one the colours follow
other_expected = {(a.village_id, a.indicator): a.expected for a in cached.lagging(cached.url(), town.id, period, None, other_rule)}
shapes = cached.shapes(cached.url(), town.id, year)
order = {code: i for i, code in enumerate(names)}
no_targets_notice([c.now for c in changes], town.name, year)


def rank(c):
    a = c.now
    return (STATUS_RANK[a.status], a.completion if a.completion is not None else 0.0, order[a.indicator], a.village_id)


flagged = sorted((c for c in changes if c.now.status in ("red", "yellow") and c.now.status in statuses), key=rank)
missing = [c for c in changes if c.now.status == "missing"]
# Worse between two reported quarters only; stopping to report is counted under 未报送.
worse = [c for c in changes if trend(c.now, c.before) == "恶化" and "missing" not in (c.now.status, c.before.status)]
better_green = [c for c in changes if c.now.status == "green" and trend(c.now, c.before) == "转好"]
no_target = [c for c in changes if c.now.status == "no_target"]

income_shape = shapes.get("collective_income")
season_text = (f"按往年季节规律，第{quarter}季度末应完成全年的{round(income_shape.share[quarter] * 100)}%"
               f"（集体经济收入，{income_shape.label}）" if income_shape and income_shape.method == "seasonal"
               else "按往年季节规律：本乡还没有完整的往年季度数据，暂按时间均匀计算")
st.caption(f"{period_label(period)}，年初至本季度末累计。完成率 = 实际 ÷ 进度要求。"
           f"**颜色按“{PACING_NAMES[rule]}”判断**（在“目标设置”中可改）。"
           f"时间过半、任务过半：第{quarter}季度末应完成年度目标的 {quarter}/4；{season_text}。网格数直接和年度目标比。"
           f"红：低于 80%；黄：80%–100%。{COUNT_ROUNDING}。"
           + (f"变化与上季度（{period_label(prev)}）比较。" if prev else "第一季度没有上季度可比（进度每年一月重新计算）。"))

m1, m2, m3, m4 = st.columns(4)
m1.metric("红（项）", sum(1 for c in changes if c.now.status == "red"),
          help="村 × 指标的项数；一个村可能有几项为红")
m2.metric("黄（项）", sum(1 for c in changes if c.now.status == "yellow"))
m3.metric("未报送的村", len({c.now.village_id for c in missing}))
m4.metric("较上季度恶化（项）", len(worse) if prev else "—")


def change_md(c) -> str:
    t = trend(c.now, c.before)
    if not t or c.before is None:
        return ""
    if t == "持平":
        return " · 与上季度持平"
    return f" · 较上季度{TREND_MD[t]}（上季度{STATUS_NAMES[c.before.status]}）"




def open_profile(village: str) -> None:
    """To the village's 村级画像 (the page reads and clears the choice)."""
    st.session_state["profile_village"] = village
    st.switch_page("pages/village.py")


# --- One village's whole picture: its 画像 ---------------------------------------------------------------
behind_first = list(dict.fromkeys([c.now.village for c in flagged] + [c.now.village for c in missing]
                                  + [c.now.village for c in changes]))
if behind_first:
    with st.container(horizontal=True, vertical_alignment="bottom"):
        target_village = st.selectbox("查看一个村的村级画像（落后、未报送的村在前）", behind_first, key="alerts_profile_village")
        if st.button("打开村级画像", icon=":material/holiday_village:", key="alerts_open_profile"):
            open_profile(target_village)

# --- Red, then yellow: one sentence each ------------------------------------------------------------
shown = [s for s in ("red", "yellow") if s in statuses]
if shown:
    label = "、".join(STATUS_NAMES[s] for s in shown)
    st.subheader(f"进度落后（{label}，{len(flagged)} 项）")
    if flagged:
        lines = [f"- {status_badge(c.now.status)} **{names[c.now.indicator]}** · {md_escape(sentence(c.now))}{change_md(c)}"
                 for c in flagged]
        st.markdown("\n".join(lines))  # every lagging item, no inner scrolling (and all of them when printed)
    else:
        st.success("所选指标没有进度落后的村。")

# --- Villages that did not report -------------------------------------------------------------------
if "missing" in statuses:
    by_village: dict[int, list] = {}
    for c in missing:
        by_village.setdefault(c.now.village_id, []).append(c)
    st.subheader(f"未报送（{len(by_village)} 个村）")
    if by_village:
        lines = []
        for vid, items in sorted(by_village.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            village = items[0].now.village
            what = "、".join(names[c.now.indicator] for c in sorted(items, key=lambda c: order[c.now.indicator]))
            if len(items) == len(names):
                what = "四项指标均"
            elif len(items) == len(chosen) and len(chosen) > 1:
                what = f"所选{len(items)}项指标均"
            reported_before = [c for c in items if c.before is not None and c.before.actual is not None]
            note = f"（上季度已报送 {len(reported_before)} 项）" if prev and reported_before else ""
            lines.append(f"- {status_badge('missing')} **{md_escape(village)}**：{QUARTER_NAMES[quarter]}"
                         f"{md_escape(what)}未报送{note}")
        st.markdown("\n".join(lines))
        st.caption("未报送不按 0 计算，也不计入红黄；请联系村里补报后到“数据上传”导入。")
        remind = {items[0].now.village: [names[c.now.indicator] for c in sorted(items, key=lambda c: order[c.now.indicator])]
                  for _, items in sorted(by_village.items(), key=lambda kv: kv[0])}
        with st.expander(f"催报（{len(remind)} 个村）", icon=":material/notification_important:"):
            deadline = st.date_input("报送截止日期", value=default_deadline(period), key="alerts_deadline",
                                     format="YYYY/MM/DD", disabled=not st.session_state["principal"].is_admin,
                                     help="由管理员设定")
            st.download_button("下载催报通知（.docx）", reminder_docx(town.name, period, remind, deadline),
                               file_name=f"{town.name}{period_label(period)}催报通知.docx", key="alerts_reminder",
                               mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            st.text_area("发到工作群的催报消息（可复制）", reminder_text(town.name, period, remind, deadline), height=150,
                         key="alerts_reminder_text")
    else:
        st.success("所选指标各村都已报送。")

# --- Ranking by completion ----------------------------------------------------------------------------
st.subheader("完成率排名（从低到高）")
# The status filter applies to the ranking too; with every status chosen, green items are listed as well.
rank_statuses = set(statuses) | ({"green"} if set(statuses) >= set(status_options) else set())
ranked = sorted((c for c in changes if c.now.completion is not None and c.now.status in rank_statuses),
                key=lambda c: (c.now.completion, order[c.now.indicator]))
if ranked:
    table = pd.DataFrame([{
        "排名": i,
        "村": c.now.village,
        "指标": names[c.now.indicator],
        "完成率": percent(c.now),
        "状态": [STATUS_NAMES[c.now.status]],
        "实际累计": format_value(c.now.indicator, c.now.actual),
        EXPECTED_COLUMN[rule]: format_value(c.now.indicator, c.now.expected),
        EXPECTED_COLUMN[other_rule]: format_value(c.now.indicator, other_expected.get((c.now.village_id, c.now.indicator))),
        "全年目标": format_value(c.now.indicator, c.now.target),
        "较上季度": trend(c.now, c.before) or "—",
    } for i, c in enumerate(ranked, start=1)])
    coloured = ("red", "yellow", "green")
    picked = st.dataframe(table, hide_index=True, width="stretch", height=38 + 35 * len(table),  # every row, no scrolling
                          on_select="rerun", selection_mode="single-row", key="alerts_ranking",
                 column_config={"完成率": st.column_config.NumberColumn("完成率", format="%d%%"),
                                "排名": st.column_config.NumberColumn(width="small"),
                                "状态": st.column_config.MultiselectColumn(
                                    "状态", options=[STATUS_NAMES[s] for s in coloured],
                                    color=[STATUS_COLORS[s] for s in coloured], width="small")})
    st.caption("只列有完成率的项（未报送、未设目标的不参与排名）。点一行的左端可打开该村的村级画像。")
    if picked.selection.rows:
        open_profile(table.iloc[picked.selection.rows[0]]["村"])
else:
    st.info("所选指标没有可排名的数字。")

# --- Improved to green, and items without a target ----------------------------------------------------
if better_green:
    with st.expander(f"本季度转为绿色（{len(better_green)} 项）"):
        st.markdown("\n".join(f"- {status_badge('green')} **{names[c.now.indicator]}** · {md_escape(sentence(c.now))}{change_md(c)}"
                              for c in sorted(better_green, key=rank)))
if no_target:
    villages_nt = sorted({c.now.village for c in no_target})
    listed = "、".join(md_escape(v) for v in villages_nt[:20]) + (f" 等 {len(villages_nt)} 个村" if len(villages_nt) > 20 else "")
    st.caption(f"{len(no_target)} 项未设年度目标，不参与预警：{listed}")
