"""Rules of the quarterly upload as data: header aliases, blank markers, period words."""
from __future__ import annotations

from terms.indicators import TRACKED

# Column role → header texts people write (compared after removing the unit in brackets,
# spaces and width differences). Longer aliases are tried first.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "village": ("村名", "村庄", "行政村", "村", "村名称", "村（社区）", "村社区", "村居", "单位", "单位名称"),
    "township": ("乡镇", "乡镇名称", "乡（镇）", "乡"),
    "period": ("期间", "季度", "报告期", "统计期"),
    "indicator": ("指标", "指标名称", "项目"),
    "value": ("数值", "数据", "值", "完成值", "数量"),
    **{i.code: i.header_aliases for i in TRACKED},  # an indicator's headers live with its definition
    "note": ("备注", "说明"),
}

# Indicator names written in the 指标 column of the long layout.
INDICATOR_ALIASES: dict[str, tuple[str, ...]] = {i.code: i.header_aliases + (i.code,) for i in TRACKED}

# A cell that means "not reported" — never zero.
BLANK_MARKERS = frozenset({"", "—", "–", "-", "－", "/", "／", "——", "无数据", "未报", "未报送", "暂无", "n/a", "na", "null"})

# Rows that are totals, not villages.
TOTAL_ROW_WORDS = ("合计", "总计", "小计", "全乡", "全镇", "汇总")

# Unit words read from a header or a value live with the number parser, in terms/numbers.py.

BASIS_NAMES = {"cumulative": "累计（年初至今）", "quarter": "当季"}

# A value more than OUTLIER_FACTOR times (or less than 1/OUTLIER_FACTOR of) the village's figure
# a year earlier, or more than OUTLIER_FACTOR times the township median (with at least
# OUTLIER_MIN_PEERS villages in the file), needs a confirmation: usually 元 typed as 万元.
OUTLIER_FACTOR = 8.0
OUTLIER_MIN_PEERS = 5
# ...and one UNIT_ERROR_FACTOR times or more off (68000 typed in a 万元 column) is refused, suggesting the
# unit, unless an admin confirms it.
UNIT_ERROR_FACTOR = 100.0

# Headers of the template (and of one figure entered by hand).
TEMPLATE_HEADERS = {i.code: i.template_header for i in TRACKED}
