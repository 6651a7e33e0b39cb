"""Figures as people read them: the one formatter (income in 万元, counts as whole numbers)."""
from __future__ import annotations

import math

from terms.indicators import INDICATOR_BY_CODE

COUNT_ROUNDING = "人数、人次和网格数显示为整数，不足 1 的部分按 1 计（如进度要求 1.5人 显示为 2人，完成率仍按 1.5人 计算）"


def to_display(code: str, value: float | None) -> float | None:
    """Base unit → the unit people read (元 → 万元); None stays None (never 0)."""
    if value is None:
        return None
    return value / INDICATOR_BY_CODE[code].display_factor


def display_unit(code: str) -> str:
    return INDICATOR_BY_CODE[code].display_unit


def format_value(code: str, value: float | None, *, unit: bool = True, grouping: bool = True,
                 fixed: bool = False, missing: str = "未报送") -> str:
    """A figure in the unit people read: "12.5万元", "1,200人次"; `missing` for None (never 0).

    grouping: thousands separators (pages, 通报); off in sentences such as upload messages.
    Counts are whole: a fraction (a pace of 1.5人, a projection of 90.1人次) is rounded up (COUNT_ROUNDING).
    fixed: 万元 figures with exactly two decimals (a table column whose header carries the unit).
    """
    if value is None:
        return missing
    ind = INDICATOR_BY_CODE[code]
    shown = value / ind.display_factor
    comma = "," if grouping else ""
    if ind.display_factor != 1.0:
        text = f"{shown:{comma}.2f}"
        if not fixed:
            text = text.rstrip("0").rstrip(".")
    elif ind.accumulation == "rate":
        text = f"{shown:g}"
    else:  # people and grids come whole: a share of a person is rounded up (进度要求1.5人 → 2人)
        text = f"{math.ceil(round(shown, 6)):{comma}d}"
    return f"{text}{ind.display_unit}" if unit else text


def format_fact_value(code: str, value: float | None, qualifier: str) -> str:
    """A report figure as people read it; a masked figure is 已遮挡, never a number."""
    if qualifier == "redacted" or value is None:
        return "已遮挡"
    text = f"{value:g}%" if code == "collective_income_growth_pct" else format_value(code, value)
    suffix = {"at_least": "以上", "at_most": "以内"}.get(qualifier, "")
    prefix = "约" if qualifier == "about" else ""
    return f"{prefix}{text}{suffix}"
