"""通报导出: the quarterly ranking bulletin, in Excel and Word, one click each."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from db import cached
from db.pacing import STATUS_NAMES
from etl.bulletin import HEADERS, build_bulletin, bulletin_docx, bulletin_xlsx, table_cells
from pages.common import md_escape, period_picker, township_picker
from terms.indicators import INDICATOR_BY_CODE
from terms.periods import period_label

town = township_picker()
period = period_picker(town.id)
st.title("通报导出")
if period is None:
    st.info("这个乡镇还没有季度数据，无法生成通报。")
    st.stop()

with cached.session() as s:
    bulletin = build_bulletin(s, town.name, period)

st.subheader(md_escape(bulletin.title))
st.write(bulletin.summary)
c1, c2 = st.columns(2)
c1.download_button("下载 Excel 通报（.xlsx）", bulletin_xlsx(bulletin), file_name=f"{bulletin.file_stem}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", type="primary",
                   icon=":material/table_view:")
c2.download_button("下载 Word 通报（.docx）", bulletin_docx(bulletin), file_name=f"{bulletin.file_stem}.docx",
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   icon=":material/description:")
st.caption(f"{period_label(period)}；数字与“落后预警”页面相同（同一计算）。Excel 每个指标一张表，另有未报送名单；Word 含标题、小结、收入排名表（含预计年末）、未报送名单和报告数与村数合计不一致的项，可直接打印。")

sheet = bulletin.sheets[0]
ind = INDICATOR_BY_CODE[sheet.indicator]
st.markdown(f"**预览：{ind.name}排名（单位：{ind.display_unit}）**")
preview = pd.DataFrame(table_cells(sheet), columns=HEADERS)
colors = {STATUS_NAMES[s]: c for s, c in (("green", "#C6EFCE"), ("yellow", "#FFEB9C"), ("red", "#FFC7CE"))}
st.dataframe(preview.style.map(lambda v: f"background-color: {colors.get(v, '')}", subset=["状态"]),
             hide_index=True, width="stretch")
if sheet.missing:
    st.warning("未报送：" + "、".join(md_escape(v) for v in sheet.missing))
