"""报告抽取: upload or pick a report, see every figure highlighted, accept / correct / reject."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from db import cached
from db.errors import UserError
from etl.reports import load_report_bytes, review
from pages.common import highlight_html, md_escape, township_picker
from terms.indicators import INDICATOR_BY_CODE
from terms.labels import FACT_STATUS_NAMES, KIND_NAMES, scope_label
from terms.numbers import parse_amount
from terms.periods import period_label
from terms.values import format_fact_value

principal = st.session_state["principal"]
town = township_picker()
st.title("报告抽取")
if "report_flash" in st.session_state:
    st.success(md_escape(st.session_state.pop("report_flash")))
st.caption("从工作总结、半年报告、新闻稿中找出四项指标的数字，核实后写入数据。报告里的数字在接受之前不会进入统计。")

if principal.role in ("admin", "clerk"):
    with st.expander("上传新报告", expanded=False):
        upload = st.file_uploader("选择报告文件（Word .docx/.doc、WPS .wps、PDF、扫描件照片 .jpg/.png、文本 .txt）",
                                  type=["txt", "docx", "doc", "wps", "pdf", "jpg", "jpeg", "png"], key="report_upload")
        st.caption("扫描件和照片会先做文字识别（每页几秒到几十秒），识别出的数字标为“扫描识别，请核对”。")
        if upload is not None and st.button("抽取并保存", type="primary"):
            bar = st.progress(0.0, text="正在读取文件…")

            def show(page: int, pages: int, source: str) -> None:
                what = "文字识别" if source == "ocr" else "读取"
                bar.progress(page / pages, text=f"第 {page}/{pages} 页（{what}）")

            try:
                r = load_report_bytes(cached.engine(), upload.getvalue(), upload.name, township=town.name,
                                      principal=principal, progress=show)
            except UserError as exc:
                bar.empty()
                st.error(md_escape(exc.message))
            else:
                bar.empty()
                cached.clear()
                if r.new_documents:
                    st.success(f"已保存，抽取到 {r.facts} 个数字，请在下方逐条审核")
                else:
                    st.info("这份报告之前已经保存过，未重复保存")
                st.session_state["report_doc"] = r.document_ids[0]

docs = cached.documents(cached.url(), town.id)
if principal.role == "clerk":  # a clerk sees the reports they saved, not the township's review queue
    docs = [d for d in docs if d["loaded_by"] == principal.name]
    st.caption("这里列出您上传的报告；全乡报告由乡镇管理员审核。")
if not docs:
    st.info("还没有报告。请上传一份工作总结或新闻稿。")
    st.stop()
ids = [d["id"] for d in docs]
labels = {d["id"]: f"{d['title'] or d['file_name']}（{d['file_name']}；{d['facts']} 个数字，待审核 {d['pending']}）"
          for d in docs}
current = st.session_state.get("report_doc")
doc_id = st.selectbox("报告", ids, index=ids.index(current) if current in ids else 0,
                      format_func=lambda i: labels[i])
st.session_state["report_doc"] = doc_id
text = cached.document_text(cached.url(), doc_id) or ""
facts = cached.document_facts(cached.url(), doc_id)

STATUS_CLASS = {"pending": "zb-pending", "accepted": "zb-accepted", "rejected": "zb-rejected"}
st.markdown(
    "<style>mark.zb-pending{background:#ffe08a}mark.zb-accepted{background:#b7e4c7}"
    "mark.zb-rejected{background:#eee;text-decoration:line-through}"
    ".zb-report{line-height:1.9;font-size:0.95rem;white-space:pre-wrap;tab-size:12}</style>",
    unsafe_allow_html=True,
)
st.subheader("原文")
st.caption("黄色：待审核　绿色：已接受　灰色：已驳回")
with st.container(height=380):
    # Every character of the report is HTML-escaped inside highlight_html.
    spans = [(f["start"], f["end"], STATUS_CLASS[f["status"]]) for f in facts]
    st.markdown(f'<div class="zb-report">{highlight_html(text, spans)}</div>', unsafe_allow_html=True)

st.subheader(f"抽取到的数字（{len(facts)} 个）")
if not facts:
    st.info("这份报告里没有找到四项指标的数字。")
else:
    table = pd.DataFrame([{
        "编号": f["id"],
        "指标": INDICATOR_BY_CODE[f["indicator"]].name if f["indicator"] in INDICATOR_BY_CODE else f["indicator"],
        "数值": format_fact_value(f["indicator"], f["value"], f["qualifier"]),
        "类型": KIND_NAMES.get(f["kind"], f["kind"]),
        "范围": scope_label(f["scope"]) + ("（未匹配到村）" if f["scope"].startswith("village:") and not f["village_id"] else ""),
        "期间": period_label(f["period"]),
        "状态": FACT_STATUS_NAMES[f["status"]],
        "来源": "扫描识别，请核对" if f["source"] == "ocr" else "文字",
        "原文": f["evidence"],
    } for f in facts])
    st.dataframe(table, hide_index=True, width="stretch", height=min(460, 40 + 35 * len(table)))

pending = [f for f in facts if f["status"] == "pending"]
if principal.is_admin and pending:
    st.subheader("审核")
    by_id = {f["id"]: f for f in pending}
    fact_id = st.selectbox("选择一个待审核的数字", list(by_id),
                           format_func=lambda i: f"#{i} {INDICATOR_BY_CODE[by_id[i]['indicator']].name}："
                                                 f"{format_fact_value(by_id[i]['indicator'], by_id[i]['value'], by_id[i]['qualifier'])}"
                                                 f"（{by_id[i]['evidence']}）")
    fact = by_id[fact_id]
    ind = INDICATOR_BY_CODE[fact["indicator"]]
    st.markdown(f"原文：「{md_escape(fact['evidence'])}」")
    if fact["source"] == "ocr":
        st.warning("扫描识别，请核对：这个数字是从扫描件或照片上识别出来的，可能认错，请对照原件核实后再接受。")
    with st.form(f"review_{fact_id}"):
        shown = "" if fact["value"] is None else f"{fact['value'] / ind.display_factor:g}"
        value_text = st.text_input(f"核实后的数值（{ind.display_unit}，已遮挡的数字必须填写）", value=shown)
        period_text = st.text_input("期间（如 2024、2024H1、2024Q3）", value=fact["period"] or "")
        village_names = {v[0]: v[1] for v in cached.villages(cached.url(), town.id)}
        village_choice = None
        if fact["scope"].startswith("village:"):
            options = [None, *village_names]
            village_choice = st.selectbox("对应的村", options, index=options.index(fact["village_id"]) if fact["village_id"] in options else 0,
                                          format_func=lambda v: "（未匹配）" if v is None else village_names[v])
        accept = st.form_submit_button("接受", type="primary")
        reject = st.form_submit_button("驳回")
    if accept or reject:
        try:
            changes = {}
            if accept:
                if value_text.strip() != shown:
                    amount = parse_amount(value_text, money=ind.display_unit.endswith("元"),
                                          base_factor=ind.display_factor)
                    if amount is None:
                        raise UserError(f"数值“{value_text}”不是数字（可以写 5.2、5.2万 或 52000元）")
                    changes["value"] = amount.value
                if period_text.strip() != (fact["period"] or ""):
                    changes["period"] = period_text.strip() or None
                if village_choice is not None and village_choice != fact["village_id"]:
                    changes["village_id"] = village_choice
            outcome = review(cached.engine(), fact_id, "accept" if accept else "reject", principal, **changes)
        except UserError as exc:
            st.error(md_escape(exc.message))
        else:
            cached.clear()
            st.session_state["report_flash"] = outcome.message
            st.rerun()
elif pending:
    st.caption("只有管理员可以审核报告中的数字。")
