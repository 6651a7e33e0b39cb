"""The indicators, defined once: code, unit, Chinese labels, how upload headers and report tables name
them. `db.store.ensure_reference` writes the definitions into the `indicator` table for joins."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    name: str            # Chinese name shown on pages
    unit: str            # base unit stored in the database
    display_unit: str    # unit people read (万元 for income)
    display_factor: float  # base value / display_factor = displayed value
    accumulation: str    # flow (year-to-date) | stock (level) | rate
    sort_order: int
    tracked: bool = True  # shown on the dashboard with targets
    header_aliases: tuple[str, ...] = ()  # upload column headers (unit in brackets removed), longest tried first
    template_header: str = ""             # the header of the template and of a figure entered by hand
    table_header: str = ""                # regex: a report table's column header (the extractor)

    @property
    def label(self) -> str:
        """The name with the unit it is stored in: 村集体经济收入（元）."""
        return f"{self.name}（{self.unit}）"


INDICATORS: tuple[IndicatorDef, ...] = (
    IndicatorDef("collective_income", "村集体经济收入", "元", "万元", 10000.0, "flow", 1,
                 header_aliases=("村集体经济收入", "集体经济收入", "村级集体经济收入", "村集体经济", "集体经济", "集体收入"),
                 template_header="集体经济收入（万元）", table_header=r"集体经济|集体收入|经营性收入|集体经营收入"),
    IndicatorDef("new_members", "发展党员数", "人", "人", 1.0, "flow", 2,
                 header_aliases=("发展党员数", "发展党员", "新发展党员", "发展党员人数"),
                 template_header="发展党员（人）", table_header=r"发展党员|新发展党员|新党员"),
    IndicatorDef("grid_count", "网格数", "个", "个", 1.0, "stock", 3,
                 header_aliases=("网格数", "网格", "网格数量", "划分网格数", "网格个数"),
                 template_header="网格数（个）", table_header=r"网格(?:数|数量|个数|\(个\))?$|^网格"),
    IndicatorDef("training_attendance", "培训人次", "人次", "人次", 1.0, "flow", 4,
                 header_aliases=("培训人次", "培训", "党员培训人次", "培训人数"),
                 template_header="培训人次（人次）", table_header=r"培训(?:人次|人数|\(人次\))|参训"),
    IndicatorDef("collective_income_growth_pct", "集体经济收入增幅", "%", "%", 1.0, "rate", 5, tracked=False,
                 table_header=r"集体.*(?:增幅|增长率|增速|增长)|(?:增幅|增长率|增速).*集体"),
)
INDICATOR_BY_CODE = {i.code: i for i in INDICATORS}
TRACKED = tuple(i for i in INDICATORS if i.tracked)
INDICATOR_CODES = tuple(i.code for i in INDICATORS)
