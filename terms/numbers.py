"""Numbers and units as people write them: one parser for uploads, review corrections and reports.

    parse_amount("5.2万", money=True)   → Amount(52000.0, "万")
    parse_amount("一千二百人次")          → Amount(1200.0, "人次")
    parse_amount("3,200")               → Amount(3200.0, "")
    chinese_to_number("三千五百")         → 3500.0

The report extractor matches numbers inside running text with its own patterns, but turns every
token it finds into a value with `parse_number` and `chinese_to_number` from here; uploads and the
review page parse whole cells and typed corrections with `parse_amount`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
# A multiplier word after a figure ("5.2万", "1.2亿", "3千").
MULTIPLIERS = {"千": 1_000, "万": 10_000, "亿": 100_000_000}
# Money units written after a figure or in a header, longest first; factor to 元.
MONEY_UNITS = (("亿元", 100_000_000.0), ("万元", 10_000.0), ("亿", 100_000_000.0), ("万", 10_000.0), ("元", 1.0))
# Count units a cell may carry ("12人", "380人次", "6个").
COUNT_UNITS = ("人次", "人", "个", "名", "次")

_ARABIC = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_ARABIC_TOKEN = re.compile(r"[\d,.]+")
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?")


def chinese_to_number(s: str) -> float:
    """一百二十 → 120, 三千五百 → 3500, 一万五千 → 15000, 一万五 → 15000, 十二点五 → 12.5, 二〇二三 → 2023."""
    if "点" in s:
        whole, frac = s.split("点", 1)
        digits = "".join(str(CN_DIGITS[c]) for c in frac if c in CN_DIGITS)
        return chinese_to_number(whole) + (float("0." + digits) if digits else 0.0)
    if s and all(c in CN_DIGITS for c in s):
        return float("".join(str(CN_DIGITS[c]) for c in s)) if len(s) > 1 else float(CN_DIGITS[s])
    total = section = number = 0
    last_unit = 0
    zero = False
    for ch in s:
        if ch in CN_DIGITS:
            number = CN_DIGITS[ch]
            zero = zero or number == 0
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            section += (number or 1) * unit
            number, last_unit, zero = 0, unit, False
        elif ch in CN_BIG_UNITS:
            unit = CN_BIG_UNITS[ch]
            total += ((section + number) or 1) * unit
            section = number = 0
            last_unit, zero = unit, False
    if number and last_unit >= 100 and not zero:  # 一万五 → 15000, 三千五 → 3500, 两百五 → 250
        number *= last_unit // 10
    return float(total + section + number)


def parse_number(token: str) -> float:
    """An Arabic ("1,200.5") or Chinese ("一千二百") numeral token → its value."""
    if _ARABIC_TOKEN.fullmatch(token):
        return float(token.replace(",", ""))
    return chinese_to_number(token)


@dataclass(frozen=True)
class Amount:
    value: float    # in the base unit (元 for money)
    unit: str       # the unit word written after the figure ("万", "万元", "人次"), or ""


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).replace(",", "").replace("，", "")


def parse_amount(text: str, *, money: bool = False, base_factor: float = 1.0) -> Amount | None:
    """A figure typed in a cell or a form ("5.2万", "52,000元", "五点二万", "３８０人次") → Amount, or None
    when it is no number. base_factor converts a bare figure (a 万元 column: 10000). A money unit
    after the figure replaces base_factor; for counts only 万/亿 are multipliers and a count unit
    (人, 个, 名, 人次, 次) may follow."""
    t = _compact(text)
    factor, unit = base_factor, ""
    for word, f in MONEY_UNITS:
        if t.endswith(word) and len(t) > len(word):
            if not money and word not in ("万", "亿"):
                break
            t, factor, unit = t[: -len(word)], f, word
            break
    if not money and not unit:
        for word in COUNT_UNITS:
            if t.endswith(word) and len(t) > len(word):
                t, unit = t[: -len(word)], word
                break
    if _ARABIC.fullmatch(t):
        return Amount(float(t) * factor, unit)
    if _CHINESE.fullmatch(t) and t[0] not in "万亿":
        return Amount(chinese_to_number(t) * factor, unit)
    return None
