"""数据上传: template, upload, validation in Chinese, preview, one-transaction commit, history, rollback."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from db import cached
from db.errors import UserError
from etl.exports import template_xlsx
from etl.upload import enter_figure, import_file, preview_file, rollback_batch
from pages.common import local_time, md_escape, township_picker
from terms.indicators import INDICATOR_BY_CODE, TRACKED
from terms.periods import format_period, parse_period, period_label
from terms.values import format_value



def problem_list(problems, heading: str) -> None:
    """A few problems as a list people can read (and print); many as a table to scroll."""
    if len(problems) <= 30:
        st.markdown("\n".join(f"- {md_escape(str(p))}" for p in problems))
    else:
        st.dataframe(pd.DataFrame({heading: [str(p) for p in problems]}), hide_index=True, width="stretch")


principal = st.session_state["principal"]
town = township_picker()
st.title("数据上传")
if "upload_flash" in st.session_state:
    st.success(md_escape(st.session_state.pop("upload_flash")))

if principal.role == "viewer":
    st.info("查看账号不能上传数据。")
    st.stop()

# The quarter being reported now is the last one that has ended (reports come in after the quarter).
today = date.today()
current = format_period(today.year, (today.month - 1) // 3) if today.month > 3 else format_period(today.year - 1, 4)
periods_known = cached.periods_with_data(cached.url(), town.id)
choices = sorted({current, *periods_known}, key=parse_period, reverse=True)
labels = {None: "按文件（标题或“期间”列）", **{p: period_label(p) for p in choices}}


def future_note(p: str | None) -> None:
    if p and parse_period(p) > parse_period(current):
        st.warning(f"{period_label(p)}还没有结束，请确认没有选错季度。")

tab_file, tab_one, tab_history = st.tabs(["上传报表", "单个数字录入/更正", "导入记录与撤销"])

with tab_file:
    c1, c2 = st.columns([2, 1])
    with c1:
        st.markdown("**第一步：下载模板**，填写各村年初至本季度末的**累计数**，没有数据的格子留空（不要填 0）。")
    period = st.selectbox("期间", [None, *choices], format_func=lambda p: labels[p], key="upload_period")
    future_note(period)
    with c2:
        tpl_period = period or current
        only = principal.village_ids if principal.role == "clerk" else None
        with cached.session() as s:
            tpl = template_xlsx(s, town.name, tpl_period, only=only)
        st.download_button("下载模板（xlsx）", tpl, file_name=f"{town.name}{period_label(tpl_period)}报表模板.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           help=f"模板的期间是{period_label(tpl_period)}（随上面的“期间”变化）")
    basis = st.radio("口径", ["cumulative", "quarter"], horizontal=True, key="upload_basis",
                     format_func=lambda b: {"cumulative": "累计（年初至本季度末，通报口径）", "quarter": "当季（仅本季度发生额）"}[b])
    upload = st.file_uploader("第二步：上传填好的报表（.xlsx、.xls、.csv）", type=["xlsx", "xls", "csv"],
                              key=f"upload_file_{st.session_state.get('upload_round', 0)}")
    unit_override = False
    if principal.is_admin:
        unit_override = st.checkbox("确认单位无误（数字与去年或全乡相差100倍以上也照样导入，只作提醒）",
                                    key="upload_unit_override",
                                    help="默认情况下，这样的数字多半是单位填错（如万元栏填了元），整份文件会被拒绝")
    if upload is not None:
        data = upload.getvalue()
        try:
            plan = preview_file(cached.engine(), data, upload.name, period=period, basis=basis, principal=principal,
                                township=town.name, unit_override=unit_override)
        except UserError as exc:
            st.error(md_escape(str(exc)))
            plan = None
        if plan is not None:
            counts = plan.counts()
            snapshot_key = f"preview_old_{upload.file_id}_{plan.sha256}_{period}_{basis}"
            # What the person saw: the listed cells' old values and a digest of every cell's old value.
            st.session_state.setdefault(snapshot_key, (
                {(c.village_id, c.indicator, c.period): c.old for c in plan.cells}, plan.old_digest))
            if plan.period:
                shown_period = period_label(plan.period)
            elif plan.periods:  # quarters from the file's 期间 column
                shown_period = period_label(plan.periods[0]) + (
                    f"至{period_label(plan.periods[-1])}，共 {len(plan.periods)} 个季度" if len(plan.periods) > 1 else "")
            else:
                shown_period = "期间未确定"
            st.subheader(f"第三步：核对预览（{shown_period}）")
            future_note(plan.period)
            m2, m3, m4 = st.columns(3)
            m2.metric("新增", counts["new"])
            m3.metric("修改", counts["changed"])
            m4.metric("不变", counts["unchanged"])
            if plan.errors:
                st.error(f"发现 {plan.error_count} 处错误，整份文件不会导入。请改正后重新上传（下面的预览只供核对）：")
                problem_list(plan.errors, "位置与问题")
            if plan.warnings:
                st.warning(f"有 {plan.warning_count} 处需要确认的提醒：")
                problem_list(plan.warnings, "提醒")
            if plan.cells:
                status_names = {"new": "新增", "changed": "修改", "unchanged": "不变"}
                preview = pd.DataFrame([{
                    "行": c.row, "村": c.village, "指标": INDICATOR_BY_CODE[c.indicator].name, "期间": period_label(c.period),
                    "原值": "—" if c.old is None else format_value(c.indicator, c.old),
                    "新值": format_value(c.indicator, c.value), "变化": status_names[c.status],
                } for c in sorted(plan.cells, key=lambda c: (c.status == "unchanged", c.row))])
                if plan.cell_count > len(plan.cells):
                    st.caption(f"共 {plan.cell_count} 项，下表列出其中 {len(plan.cells)} 项（新增和修改优先，按行号排列）")
                st.dataframe(preview, hide_index=True, width="stretch", height=min(420, 40 + 35 * len(preview)))
            if plan.n_blanks:
                listed = "；".join(f"第{r}行 {v} {INDICATOR_BY_CODE[c].name}" for r, v, c in plan.blanks[:20])
                more = f" 等 {plan.n_blanks} 项" if plan.n_blanks > 20 else ""
                st.info(f"留空的 {plan.n_blanks} 项将记为未报送（不按 0 计算）：{md_escape(listed)}{more}")
            if plan.already_imported_batch is not None:
                st.info(f"这个文件已经导入过（批次 {plan.already_imported_batch}），内容相同，无需再导入。")
            elif not plan.errors:
                confirmed = True
                if plan.warnings:
                    confirmed = st.checkbox("我已核对以上提醒，数字无误，确认导入", key="upload_confirm")
                if st.button("确认导入", type="primary", disabled=not confirmed or not plan.cells):
                    bar = st.progress(0.0, text="开始导入…")
                    try:
                        # The old values as first previewed: if someone changed them since, refuse (数据已被他人修改).
                        seen, digest = st.session_state.get(snapshot_key, (None, None))
                        result = import_file(cached.engine(), data, upload.name, period=period, basis=basis,
                                             principal=principal, township=town.name, confirm_warnings=confirmed,
                                             progress=lambda f, t: bar.progress(f, text=t), expect_old=seen,
                                             expect_digest=digest, unit_override=unit_override)
                    except UserError as exc:
                        st.error(md_escape(str(exc)))
                    else:
                        cached.clear()
                        st.session_state["upload_flash"] = result.message + "。可到“总览”“村级进度”查看。"
                        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
                        st.rerun()

with tab_one:
    villages = cached.villages(cached.url(), town.id)
    if principal.role == "clerk":
        villages = [v for v in villages if v[0] in principal.village_ids]
    with st.form("one_figure"):
        v = st.selectbox("村", [x[1] for x in villages])
        ind = st.selectbox("指标", [i.code for i in TRACKED], format_func=lambda c: INDICATOR_BY_CODE[c].name)
        p = st.selectbox("期间", choices, index=choices.index(current), format_func=period_label)
        value = st.text_input("数值（收入填万元；人数、个数、人次填整数；累计数）")
        confirm_one = st.checkbox("如有提醒（如累计数比上季度少），我确认数字无误")
        save = st.form_submit_button("保存", type="primary")
    if save:
        try:
            r = enter_figure(cached.engine(), township=town.name, village=v, indicator=ind, period=p, value=value,
                             principal=principal, confirm_warnings=confirm_one)
        except UserError as exc:
            st.error(md_escape(str(exc)))
        else:
            cached.clear()  # shown here, in this tab (a rerun would switch back to the first tab)
            (st.success if r.committed else st.info)(md_escape(r.message))
            future_note(p)

with tab_history:
    batches = cached.recent_batches(cached.url(), 50)
    if principal.role == "clerk":  # a clerk sees and may undo only their own uploads
        batches = [b for b in batches if b["user"] == principal.name]
    if not batches:
        st.info("还没有导入记录。")
    else:
        status = {"committed": "已导入", "rolled_back": "已撤销"}
        st.dataframe(pd.DataFrame([{
            "批次": b["id"], "文件": b["file_name"], "导入人": b["user"],
            "时间": local_time(b["created_at"]),
            "期间": period_label(b["period"]) if b["period"] else "", "新增": b["n_new"], "修改": b["n_changed"],
            "不变": b["n_unchanged"], "状态": status.get(b["status"], b["status"]), "sha256": b["sha256"][:12],
        } for b in batches]), hide_index=True, width="stretch")
        can_undo = [b for b in batches if b["status"] == "committed"
                    and (principal.is_admin or b["user"] == principal.name)]
        if can_undo:
            pick = st.selectbox("撤销批次（恢复导入前的数值，留痕）", [b["id"] for b in can_undo],
                                format_func=lambda i: f"批次 {i}：" + next(b["file_name"] for b in can_undo if b["id"] == i))
            sure = st.checkbox("我确认要撤销这个批次（恢复它导入前的数值）", key=f"undo_sure_{pick}")
            if st.button("撤销该批次", disabled=not sure):
                try:
                    n = rollback_batch(cached.engine(), pick, principal=principal)
                except UserError as exc:
                    st.error(md_escape(str(exc)))
                else:
                    cached.clear()
                    st.session_state["upload_flash"] = f"已撤销批次 {pick}，恢复 {n} 项"
                    st.rerun()
