"""Periods, the one home of how they are written, read and labelled.

Codes as stored and exchanged: a year "2025", a half "2025H1", a quarter "2025Q3". Figures of flow
indicators are year-to-date, so a half or a year states the figure of the quarter it ends in
(`quarter_for`). People write periods in many ways; `Period.parse` reads all of them:

    2025Q3, 2025 q3, 2025年第三季度, 2025年三季度, 2025年3季度, 2025年1-9月, 2025年前三季度,
    2025年9月底, 2025H1, 2025年上半年, 2025年1—6月, 2025年下半年, 2025, 2025年, 2025年度, 2025年全年
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
HALF_NAMES = {1: "上半年", 2: "下半年"}
CHINESE_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "十二": 12}

_CODE = re.compile(r"^\s*(\d{4})\s*(?:([Qq])\s*([1-4])|([Hh])\s*([12]))?\s*$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９ＱＨｑｈ－—～", "0123456789QHqh--~")
_YEAR = r"(?P<year>(?:19|20)\d{2})\s*年?度?"
_SPELLINGS = (
    ("quarter", re.compile(r"(?P<year>(?:19|20)\d{2})\s*[Qq]\s*(?P<q>[1-4])")),
    ("quarter", re.compile(rf"(?:{_YEAR})?\s*(?:第|前)?(?P<q>[一二三四1-4])\s*(?:个)?季度")),
    ("half", re.compile(r"(?P<year>(?:19|20)\d{2})\s*[Hh]\s*(?P<h>[12])")),
    ("half", re.compile(rf"(?:{_YEAR})?\s*(?P<h>上|下)半年")),
    ("months", re.compile(rf"{_YEAR}\s*(?:(?:1|一)\s*(?:-|~|至|到)\s*)?(?P<m>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?:份)?(?:底|末)?")),
    ("year", re.compile(rf"{_YEAR}(?:全年)?")),
)


@dataclass(frozen=True, order=True)
class Period:
    """A year, a half (1, 2) or a quarter (1–4) of a year."""
    year: int
    half: int | None = None
    quarter: int | None = None

    @classmethod
    def parse(cls, text: str, default_year: int | None = None) -> Period:
        """A period written on its own, however it is written (see the module's docstring).
        Raises ValueError in Chinese for anything else ("2026Q9", "上半年" with no year)."""
        found = cls._read(text, default_year, whole=True)
        if found is None:
            raise ValueError(f"期间“{text}”格式不对，请写成 2025年第三季度、2025年上半年、2025年 或 2025Q3")
        return found

    @classmethod
    def find(cls, text: str, default_year: int | None = None) -> Period | None:
        """The first period written in free text (a file name, a title row), or None."""
        return cls._read(text, default_year, whole=False)

    @classmethod
    def _read(cls, text: str, default_year: int | None, whole: bool) -> Period | None:
        t = str(text).translate(_FULLWIDTH)
        m = _CODE.match(t)
        if m:
            year = int(m.group(1))
            if m.group(2):
                return cls(year, quarter=int(m.group(3)))
            return cls(year, half=int(m.group(5))) if m.group(4) else cls(year)
        for kind, pattern in _SPELLINGS:
            m = pattern.fullmatch(t.strip()) if whole else pattern.search(t)
            if not m:
                continue
            year = int(m.group("year")) if m.groupdict().get("year") else _year_in(t, default_year)
            if year is None:
                continue
            if kind == "quarter":
                return cls(year, quarter=CHINESE_QUARTERS[m.group("q")])
            if kind == "half":
                return cls(year, half=1 if m.group("h") in ("1", "上") else 2)
            if kind == "months":
                month = int(m.group("m")) if m.group("m").isdigit() else _MONTHS[m.group("m")]
                if month % 3:
                    continue  # a month that ends no quarter (2025年5月) is no period we store
                return cls(year, quarter=month // 3)
            return cls(year)
        return None

    @property
    def code(self) -> str:
        if self.quarter:
            return f"{self.year}Q{self.quarter}"
        return f"{self.year}H{self.half}" if self.half else str(self.year)

    @property
    def label(self) -> str:
        if self.quarter:
            return f"{self.year}年{QUARTER_NAMES[self.quarter]}"
        return f"{self.year}年{HALF_NAMES[self.half]}" if self.half else f"{self.year}年"

    def quarter_for(self) -> Period:
        """The quarter whose year-to-date figure this period states: 2023 → 2023Q4, 2023H1 → 2023Q2."""
        if self.quarter:
            return self
        return Period(self.year, quarter=2 if self.half == 1 else 4)

    def previous(self) -> Period:
        """The quarter before (2025Q1 → 2024Q4)."""
        q = self.quarter_for()
        return Period(q.year - 1, quarter=4) if q.quarter == 1 else Period(q.year, quarter=q.quarter - 1)


def _year_in(text: str, default_year: int | None) -> int | None:
    m = re.search(r"((?:19|20)\d{2})\s*年", text)
    return int(m.group(1)) if m else default_year


# ------------------------------------------------------------------ quarter codes, the stored form
@lru_cache(maxsize=4096)
def parse_period(text: str) -> tuple[int, int]:
    """'2025Q3' → (2025, 3): a stored quarter code. Raises ValueError with a Chinese message."""
    m = _CODE.match(str(text))
    if not m or not m.group(2):
        raise ValueError(f"期间“{text}”格式不对，应写成 2025Q3 这样的年份加季度")
    return int(m.group(1)), int(m.group(3))


def format_period(year: int, quarter: int) -> str:
    return f"{year}Q{quarter}"


def period_label(code: str | None) -> str:
    """'2025Q3' → '2025年第三季度', '2025H1' → '2025年上半年', '2025' → '2025年', None → '未注明'."""
    if not code:
        return "未注明"
    return Period.parse(code).label


def previous_period(code: str) -> str:
    return Period.parse(code).previous().code


def previous_in_year(code: str) -> str | None:
    """The previous quarter of the same year (pacing restarts each January), or None for Q1."""
    year, q = parse_period(code)
    return format_period(year, q - 1) if q > 1 else None


def quarter_for(code: str | None) -> str | None:
    """A report period as the quarter whose year-to-date figure it states (2023H1 → 2023Q2)."""
    if not code:
        return None
    found = Period.find(code)
    return found.quarter_for().code if found else None


def find_quarter(text: str, default_year: int | None = None) -> str | None:
    """The quarter a file name or title row speaks of (2025年第三季度, 2025年1-9月, 2025年上半年 → 2025Q2)."""
    found = Period.find(text, default_year)
    return found.quarter_for().code if found and (found.quarter or found.half) else None
