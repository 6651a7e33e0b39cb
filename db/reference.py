"""Reference data in one place: indicators, periods, roles.

Indicator definitions are data; `db.store.ensure_reference` writes them into
the `indicator` table so queries can join on them.
"""
from __future__ import annotations

import re
from functools import lru_cache
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


INDICATORS: tuple[IndicatorDef, ...] = (
    IndicatorDef("collective_income", "村集体经济收入", "元", "万元", 10000.0, "flow", 1),
    IndicatorDef("new_members", "发展党员数", "人", "人", 1.0, "flow", 2),
    IndicatorDef("grid_count", "网格数", "个", "个", 1.0, "stock", 3),
    IndicatorDef("training_attendance", "培训人次", "人次", "人次", 1.0, "flow", 4),
    IndicatorDef("collective_income_growth_pct", "集体经济收入增幅", "%", "%", 1.0, "rate", 5, tracked=False),
)
INDICATOR_BY_CODE = {i.code: i for i in INDICATORS}
TRACKED = tuple(i for i in INDICATORS if i.tracked)

ROLES = ("admin", "clerk", "viewer")
ROLE_NAMES = {"admin": "管理员", "clerk": "村文书", "viewer": "查看"}

QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
_PERIOD_RE = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")


@lru_cache(maxsize=4096)
def parse_period(text: str) -> tuple[int, int]:
    """'2025Q3' → (2025, 3). Raises ValueError with a Chinese message."""
    m = _PERIOD_RE.match(str(text))
    if not m:
        raise ValueError(f"期间“{text}”格式不对，应写成 2025Q3 这样的年份加季度")
    return int(m.group(1)), int(m.group(2))


def format_period(year: int, quarter: int) -> str:
    return f"{year}Q{quarter}"


def period_label(period: str) -> str:
    """'2025Q3' → '2025年第三季度'."""
    year, q = parse_period(period)
    return f"{year}年{QUARTER_NAMES[q]}"


def previous_period(period: str) -> str:
    year, q = parse_period(period)
    return format_period(year - 1, 4) if q == 1 else format_period(year, q - 1)


def format_value(code: str, value: float | None) -> str:
    """A figure as people read it: income in 万元, counts as integers."""
    if value is None:
        return "未报送"
    ind = INDICATOR_BY_CODE[code]
    shown = value / ind.display_factor
    if ind.display_factor != 1.0:
        text = f"{shown:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{shown:,.0f}" if float(shown).is_integer() else f"{shown:,.1f}"
    return f"{text}{ind.display_unit}"

QUALIFIER_NAMES = {"exact": "确数", "at_least": "以上/余", "at_most": "以内", "about": "约", "redacted": "已遮挡"}
KIND_NAMES = {"actual": "实际", "target": "目标"}
FACT_STATUS_NAMES = {"pending": "待审核", "accepted": "已接受", "rejected": "已驳回"}


def scope_label(scope: str) -> str:
    if scope == "township":
        return "全乡镇"
    if scope == "per_village":
        return "每村"
    if scope.startswith("village:"):
        return scope.split(":", 1)[1]
    return scope


def period_any_label(period: str | None) -> str:
    """Report periods: 2023 → 2023年, 2023H1 → 2023年上半年, 2023Q2 → 2023年第二季度."""
    if not period:
        return "未注明"
    if len(period) == 4:
        return f"{period}年"
    if period.endswith("H1"):
        return f"{period[:4]}年上半年"
    if period.endswith("H2"):
        return f"{period[:4]}年下半年"
    return period_label(period)


def format_fact_value(code: str, value: float | None, qualifier: str) -> str:
    """A report figure as people read it; a masked figure is 已遮挡, never a number."""
    if qualifier == "redacted" or value is None:
        return "已遮挡"
    if code == "collective_income_growth_pct":
        text = f"{value:g}%"
    else:
        text = format_value(code, value)
    suffix = {"at_least": "以上", "at_most": "以内"}.get(qualifier, "")
    prefix = "约" if qualifier == "about" else ""
    return f"{prefix}{text}{suffix}"
