"""目标设置 (admins only): every-village and one-village annual targets, import from a sheet,
targets proposed in reports, and the history of target changes. Income is entered in 万元."""
from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
import streamlit as st

from db import cached
from db.engine import transaction
from db.errors import UserError
from db.targets import PACING_NAMES, clear_village_target, set_pacing, set_target_for
from etl.reports import review
from etl.targets_import import (
    commit_targets,
    own_targets,
    pending_report_targets,
    prepare_targets,
    target_years,
    template_xlsx,
)
from pages.common import local_time, md_escape, township_picker, write_then_rerun, year_of
from terms.indicators import INDICATOR_BY_CODE, TRACKED
from terms.labels import scope_label
from terms.periods import period_label
from terms.values import format_fact_value, format_value, to_display

principal = st.session_state["principal"]
st.title("目标设置")
if not principal.is_admin:
    st.error("只有管理员可以设置目标。")
    st.stop()
town = township_picker()
if "targets_flash" in st.session_state:
    st.success(md_escape(st.session_state.pop("targets_flash")))  # may hold a village name or report text

# ------------------------------------------------------------------ year and indicator
with cached.session() as s:
    years_with_targets = set(target_years(s, town.id))
years_with_data = {year_of(p) for p in cached.periods_with_data(cached.url(), town.id)}
known = years_with_targets | years_with_data
this_year = date.today().year
next_year = max(known | {this_year}) + 1
year_options = list(range(next_year, min(known | {this_year}) - 1, -1))  # every year, newest first


def _year_label(y: int) -> str:
    if y in years_with_targets:
        return f"{y}年"
    return f"{y}年（未设目标）"


if "targets_year_next" in st.session_state:  # after an import: show the year just imported
    wanted = st.session_state.pop("targets_year_next")
    if wanted in year_options:
        st.session_state["targets_year"] = wanted
col_year, col_ind = st.columns([1, 3])
with col_year:
    year = st.selectbox("年份", year_options, index=year_options.index(this_year), format_func=_year_label,
                        key="targets_year")
with col_ind:
    code = st.radio("指标", [i.code for i in TRACKED], format_func=lambda c: INDICATOR_BY_CODE[c].name,
                    horizontal=True, key="targets_indicator")
ind = INDICATOR_BY_CODE[code]
unit = ind.display_unit
st.caption(f"年度目标是每个村{year}年全年应达到的数，进度按“年度目标 × 季度/4”计算。"
           "全乡每村目标对本乡每个村都适用；某村另设了本村目标时，以本村目标为准。"
           + ("收入按万元填写。" if ind.display_factor != 1.0 else ""))


def _to_display(value: float | None):
    """The number input's value: 万元 as a float, counts as whole numbers."""
    shown = to_display(code, value)
    if shown is None:
        return None
    return float(shown) if ind.display_factor != 1.0 else int(round(shown))


def _value_input(label: str, current: float | None, key: str):
    """A number input in the unit people read: 万元 with two decimals, counts as integers."""
    if ind.display_factor != 1.0:
        return st.number_input(label, min_value=0.0, value=_to_display(current), step=1.0, format="%.2f", key=key,
                               placeholder="填写目标")
    return st.number_input(label, min_value=0, value=_to_display(current), step=1, key=key, placeholder="填写目标")


def _save_one(shown_value, village: str | None) -> None:
    if shown_value is None:
        st.error("请先填写目标值。")
        return
    value = round(float(shown_value) * ind.display_factor, 2)
    try:
        with transaction(cached.engine()) as s:
            changed, where = set_target_for(s, township=town.name, year=year, indicator=code, value=value,
                                            principal=principal, village=village)
    except UserError as exc:
        st.error(md_escape(exc.message))
        return
    cached.clear()
    target_name = f"{where}{year}年{ind.name}目标"
    st.session_state["targets_flash"] = (f"已保存：{target_name}为 {format_value(code, value)}" if changed
                                         else f"{target_name}本来就是 {format_value(code, value)}，没有变化")
    st.rerun()


with cached.session() as s:
    stored = own_targets(s, town.id, year)
    proposals = pending_report_targets(s, town.id)
effective = cached.effective_targets(cached.url(), town.id, year)
villages = cached.villages(cached.url(), town.id)
town_value = stored.get((None, code))

tab_set, tab_import, tab_reports, tab_history = st.tabs(
    ["每村目标", "从表格导入目标", f"报告中提出的目标（{len(proposals)}）", "目标修改记录"])

# ------------------------------------------------------------------ 全乡每村目标 / 单村目标
with tab_set:
    st.subheader("全乡每村目标")
    if town_value is None:
        st.warning(f"{md_escape(town.name)}还没有设{year}年每村{ind.name}目标。")
    else:
        st.markdown(f"目前：{md_escape(town.name)}每个村 **{format_value(code, town_value)}**")
    with st.form(f"targets_town_{town.id}_{year}_{code}"):
        c1, _ = st.columns([1, 2])
        with c1:
            town_input = _value_input(f"{year}年{ind.name}目标（每村，{unit}）", town_value,
                                      key=f"targets_town_value_{town.id}_{year}_{code}")
        save_town = st.form_submit_button("保存", type="primary")
    if save_town:
        _save_one(town_input, None)

    st.subheader("单村目标")
    rows = []
    for vid, vname, _since in villages:
        own = stored.get((vid, code))
        eff = effective.get((vid, code))
        rows.append({"村": vname, f"{year}年目标": format_value(code, eff) if eff is not None else "未设目标",
                     "目标来源": "本村目标" if own is not None else ("全乡每村目标" if eff is not None else "—")})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=min(560, 40 + 35 * len(rows)))
    n_own = sum(1 for vid, _n, _s in villages if (vid, code) in stored)
    st.caption(f"{len(villages)} 个村，其中 {n_own} 个村有本村目标。本村目标优先于全乡目标；"
               "要恢复按全乡每村目标，在下面选村后点“清除本村目标”。")
    with st.form(f"targets_village_{town.id}_{year}_{code}"):
        st.markdown(f"**设置某个村的{year}年{md_escape(ind.name)}目标**")
        c1, c2 = st.columns(2)
        with c1:
            names = [v[1] for v in villages]
            village_choice = st.selectbox("村", names, key=f"targets_village_{town.id}")
        with c2:
            village_input = _value_input(f"本村目标（{unit}）", None, key=f"targets_village_value_{town.id}_{year}_{code}")
        save_village = st.form_submit_button("保存本村目标", type="primary")
    if save_village:
        _save_one(village_input, village_choice)
    own_names = [vname for vid, vname, _s in villages if (vid, code) in stored]
    if own_names:
        with st.container(horizontal=True, vertical_alignment="bottom"):
            clear_choice = st.selectbox("有本村目标的村", own_names, key=f"targets_clear_village_{town.id}_{year}_{code}")
            if st.button("清除本村目标（改用全乡每村目标）", key=f"targets_clear_{town.id}_{year}_{code}"):
                write_then_rerun(lambda s: clear_village_target(s, township=town.name, year=year, indicator=code,
                                                                village=clear_choice, principal=principal),
                                 "targets_flash", f"已清除{clear_choice}{year}年{ind.name}的本村目标，改用全乡每村目标")

# ------------------------------------------------------------------ 从表格导入目标
with tab_import:
    st.markdown("一次设置多个指标和多个村的目标。表格格式与季度报表相同：一行表头写“村名”和指标"
                "（如“集体经济收入（万元）”“发展党员（人）”），标题写明年份（如“示范乡2027年村级指标目标”）。")
    st.markdown("- 村名写 **全乡**（或“每村”“各村”）的一行，是每个村统一的目标；\n"
                "- 其他各行是该村自己的目标，优先于全乡目标；\n"
                "- 空格不导入（不会当作 0），整份文件没有错误才会导入。")
    c1, c2 = st.columns([2, 1])
    with c1:
        import_year = st.selectbox("导入到哪一年", [None, *year_options], key="targets_import_year",
                                   format_func=lambda y: "按文件标题中的年份" if y is None else f"{y}年",
                                   help="文件标题里写了年份（如“2027年”）就按标题；标题没写时在这里选")
    with c2:
        tpl_year = import_year or year
        with cached.session() as s:
            tpl = template_xlsx(s, town.name, tpl_year)
        st.download_button(f"下载导入模板（{tpl_year}年，xlsx）", tpl, file_name=f"{town.name}{tpl_year}年目标模板.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    upload = st.file_uploader("上传目标表（.xlsx、.xls、.csv）", type=["xlsx", "xls", "csv"],
                              key=f"targets_upload_{st.session_state.get('targets_upload_round', 0)}")
    if upload is not None:
        data = upload.getvalue()
        plan = None
        try:
            with cached.session() as s:
                plan = prepare_targets(s, data, upload.name, township=town.name, year=import_year)
        except UserError as exc:
            st.error(md_escape(str(exc)))
        if plan is not None:
            counts = plan.counts()
            st.subheader(f"核对预览（{plan.year}年）" if plan.year else "核对预览（年份未确定）")
            m1, m2, m3 = st.columns(3)
            m1.metric("新设", counts["new"])
            m2.metric("修改", counts["changed"])
            m3.metric("不变", counts["unchanged"])
            if plan.errors:
                st.error(f"发现 {len(plan.errors)} 处错误，整份文件不会导入。请改正后重新上传：")
                st.dataframe(pd.DataFrame({"位置与问题": [str(p) for p in plan.errors]}), hide_index=True, width="stretch")
            if plan.warnings:
                st.warning(f"有 {len(plan.warnings)} 处提醒：")
                st.dataframe(pd.DataFrame({"提醒": [str(p) for p in plan.warnings]}), hide_index=True, width="stretch")
            if plan.targets:
                status_names = {"new": "新设", "changed": "修改", "unchanged": "不变"}
                preview = pd.DataFrame([{
                    "行": t.row, "范围": t.scope, "指标": INDICATOR_BY_CODE[t.indicator].name,
                    "原目标": "—" if t.old is None else format_value(t.indicator, t.old),
                    "新目标": format_value(t.indicator, t.value), "变化": status_names[t.status],
                } for t in plan.targets])
                st.dataframe(preview, hide_index=True, width="stretch", height=min(420, 40 + 35 * len(preview)))
            seen_key = f"targets_preview_{hashlib.sha256(data).hexdigest()[:16]}_{plan.year}"
            st.session_state.setdefault(seen_key, plan.olds())
            if not plan.errors and plan.targets:
                nothing = counts["new"] == 0 and counts["changed"] == 0
                if nothing:
                    st.info("文件里的目标与已有目标完全相同，无需导入。")
                elif st.button("确认导入", type="primary", key="targets_import_commit"):
                    try:
                        with transaction(cached.engine()) as s:
                            # Validate again inside the write; refuse if a target moved since the preview.
                            fresh = prepare_targets(s, data, upload.name, township=town.name, year=import_year)
                            n = commit_targets(s, fresh, principal, expect_old=st.session_state.get(seen_key))
                    except UserError as exc:
                        st.error(md_escape(str(exc)))
                    else:
                        cached.clear()
                        st.session_state["targets_flash"] = (f"已导入{fresh.year}年目标：新设 {counts['new']} 项，"
                                                             f"修改 {counts['changed']} 项（共写入 {n} 项）")
                        st.session_state["targets_upload_round"] = st.session_state.get("targets_upload_round", 0) + 1
                        st.session_state["targets_year_next"] = fresh.year
                        st.rerun()

# ------------------------------------------------------------------ 报告中提出的目标
with tab_reports:
    st.caption("工作总结、计划等报告里写到的目标（如“力争每村集体经济达到10万元以上”）。接受后即设为年度目标并留痕；"
               "已审核的和报告原文见“报告抽取”页。")
    if not proposals:
        st.info(f"{md_escape(town.name)}的报告里没有待审核的目标。")
    for f in proposals:
        f_ind = INDICATOR_BY_CODE[f["indicator"]]
        shown = format_fact_value(f["indicator"], f["value"], f["qualifier"])
        scope = scope_label(f["scope"])
        can_accept, effect = True, ""
        if f["value"] is None:
            can_accept, effect = False, "数字在报告中已遮挡，请到“报告抽取”页填写核实后的数值再接受。"
        elif f["year"] is None:
            can_accept, effect = False, "报告没有写明年份，请到“报告抽取”页填写期间后再接受。"
        elif f["scope"] == "township":
            effect = "这是全乡合计目标，不是每村目标：接受后记为全乡合计目标（显示在总览），不改动每村目标。"
        elif f["scope"].startswith("village:") and not f["village_id"]:
            can_accept, effect = False, "报告里的村名没有对应到本乡的村，请到“报告抽取”页选择对应的村后再接受。"
        else:
            where = f["village"] if f["village_id"] else f"{town.name}每村"
            now = "目前未设" if f["current"] is None else f"目前为 {format_value(f['indicator'], f['current'])}，将被替换"
            effect = f"接受后：{where}{f['year']}年{f_ind.name}目标设为 {format_value(f['indicator'], f['value'])}（{now}）。"
        with st.container(border=True):
            st.markdown(f"**{md_escape(f_ind.name)}：{md_escape(shown)}** · {md_escape(period_label(f['period']))}"
                        f" · {md_escape(scope)}")
            st.markdown(f"原文：「{md_escape(f['evidence'])}」")
            st.caption(f"出自《{md_escape(f['document'])}》。{md_escape(effect)}")
            with st.container(horizontal=True):
                accept = st.button("接受", key=f"targets_accept_{f['id']}", type="primary", disabled=not can_accept)
                reject = st.button("驳回", key=f"targets_reject_{f['id']}")
        if accept or reject:
            try:
                outcome = review(cached.engine(), f["id"], "accept" if accept else "reject", principal)
            except UserError as exc:
                st.error(md_escape(exc.message))
            else:
                cached.clear()
                st.session_state["targets_flash"] = (outcome.message if accept
                                                     else f"已驳回：{f_ind.name}{shown}（{f['evidence']}）")
                st.rerun()

# ------------------------------------------------------------------ 目标修改记录
with tab_history:
    entries = cached.audit_entries(cached.url(), township=town.name, indicator=code, period=str(year),
                                   action="target_set")
    if not entries:
        st.info(f"{md_escape(town.name)}{year}年{ind.name}目标还没有修改记录。")
    else:
        def _time(t: str) -> str:
            ts = pd.Timestamp(t)
            return local_time(ts)

        def _source(src: str | None) -> str:
            src = src or ""
            if src.startswith("报告:"):
                return f"报告《{src[3:].rsplit('#', 1)[0]}》"
            if src.startswith("表格导入:"):
                return f"表格导入《{src[5:]}》"
            return src

        st.dataframe(pd.DataFrame([{
            "时间": _time(e["time"]), "范围": e["village"] or f"{town.name}每村",
            "原目标": "—" if e["old"] is None else format_value(code, float(e["old"])),
            "新目标": "—" if e["new"] is None else format_value(code, float(e["new"])),
            "操作人": e["user"], "来源": _source(e["source"]),
        } for e in reversed(entries)]), hide_index=True, width="stretch")
        st.caption(f"{md_escape(town.name)}{year}年{md_escape(ind.name)}目标的每一次修改，最新的在最上面。")

# ------------------------------------------------------------------ 序时进度规则
st.divider()
st.subheader("序时进度规则")
current_rule = cached.township_pacing(cached.url(), town.id)
shape = cached.shapes(cached.url(), town.id, year).get("collective_income")
shape_text = ("、".join(f"第{q}季度末{round(shape.share[q] * 100)}%" for q in (1, 2, 3)) + f"（{shape.label}）"
              if shape and shape.method == "seasonal" else "本乡还没有完整的往年季度数据，选它也暂按时间均匀计算")
st.caption("时间过半、任务过半：第 q 季度末应完成年度目标的 q/4，是大家熟悉的规则。"
           "按往年季节规律：集体经济收入常在第四季度集中到账（租金、分红、补助），这个规则按本乡最近几年"
           f"各村实际到账的进度来要求——集体经济收入{shape_text}。"
           "选定的规则用于总览、村级进度、落后预警和季度通报；落后预警页两种要求并列显示。")
with st.form("targets_pacing"):
    chosen_rule = st.radio("本乡采用", list(PACING_NAMES), index=list(PACING_NAMES).index(current_rule),
                           format_func=PACING_NAMES.get, horizontal=True)
    save_rule = st.form_submit_button("保存规则")
if save_rule:
    write_then_rerun(lambda s: set_pacing(s, township_id=town.id, pacing=chosen_rule, principal=principal),
                     "targets_flash", lambda changed: f"{town.name}已改用“{PACING_NAMES[chosen_rule]}”" if changed
                     else "规则未变")
