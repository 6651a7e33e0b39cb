"""Building candidates from a figure, and the small text tests the rules share."""
from __future__ import annotations

import re

from etl.extract import lexicon as L
from etl.extract import lexicon_context as C
from etl.extract.model import Candidate
from etl.extract.quantities import multiplier, qualifier, spoken_thousands, to_number

_YEAR_IN_GAP = re.compile(C.YEAR_IN_GAP)
_FIGURE_IN_GAP = re.compile(C.FIGURE_IN_GAP)
_NUMBERED_ITEM_LINE = re.compile(C.NUMBERED_ITEM_LINE)
_TOTAL_WORDS = re.compile(C.TOTAL_WORDS)
_VILLAGE_COUNT = re.compile(L.VILLAGE_COUNT)
_ALL_VILLAGES_ADVERB = re.compile(L.ALL_VILLAGES_ADVERB)
_VILLAGE_SHARE = re.compile(L.VILLAGE_SHARE)
MONEY_INDICATORS = ("collective_income", "collective_income_growth_pct")


def alt(words) -> str:
    """An alternation of words, longest first."""
    return "|".join(sorted(words, key=len, reverse=True))


def at(pattern: str) -> re.Pattern:
    """Compile a "^…" rule for ``pattern.match(s, pos)`` (where "^" would only match at 0)."""
    return re.compile(pattern[1:] if pattern.startswith("^") else pattern)


def last(pattern: re.Pattern, s: str, lo: int, hi: int):
    """The last match of pattern inside s[lo:hi], or None."""
    found = None
    for found in pattern.finditer(s, lo, hi):
        pass
    return found


def is_year_gap(gap: str) -> bool:
    """Nothing but years between two points (no other figure)."""
    return not _FIGURE_IN_GAP.search(_YEAR_IN_GAP.sub("", gap))


def money_candidates(s: str, m: re.Match, indicator: str, kw: int, ss: int, scope=None) -> list[Candidate]:
    """A money (or percent) figure → one candidate, or two for a range (lower at_least, upper at_most)."""
    mult1 = multiplier(m)
    if m.group("n2"):
        mult2 = multiplier(m, "2")
        if mult1 == 1 and not m.group("u1"):
            mult1 = mult2
        out = []
        for which, token, mult in (("lower", m.group("n1"), mult1), ("upper", m.group("n2"), mult2)):
            v = to_number(token)
            out.append(Candidate(indicator, None if v is None else v * mult, qualifier(s, m, ss, which),
                                 kw, m.end(), kw, m.start(), m.end(), scope))
        return out
    v = to_number(m.group("n1"))
    value = None if v is None else v * mult1
    end = m.end()
    tail = spoken_thousands(s, m)
    if tail and value is not None:  # spoken "二十八万五" is 285,000
        value += tail[0]
        end = tail[1]
    return [Candidate(indicator, value, qualifier(s, m, ss, "single"), kw, end, kw, m.start(), end, scope)]


def count_value(s: str, m: re.Match, indicator: str, kw: int, a: int, b: int, ss: int) -> list[Candidate] | None:
    """A counted figure (persons, grids) → one candidate; ranges of counts are not facts."""
    if m.group("n2"):
        return None
    v = to_number(m.group("n1"))
    mult = multiplier(m)
    return [Candidate(indicator, None if v is None else v * mult, qualifier(s, m, ss, "single"),
                      a, b, kw, m.start(), m.end())]


def same_indicator(s: str, m: re.Match, indicator: str, kw: int, ss: int) -> list[Candidate] | None:
    """Candidates of the given indicator for a figure that continues an earlier one."""
    if indicator in MONEY_INDICATORS:
        return money_candidates(s, m, indicator, kw, ss)
    return count_value(s, m, indicator, kw, kw, m.end(), ss)


def bucket(doc, kw: int, n_start: int) -> bool:
    """A count of villages (not 'all') in the keyword's clause: a bucket statement."""
    region = doc.s[doc.clause_start(kw):n_start]
    if _TOTAL_WORDS.search(region):
        return False  # "23个行政村集体经济收入总额达…" is a total
    if _VILLAGE_SHARE.search(region):
        return True  # "全市四分之一的涉农村(社区)集体经济收入达到10万元以上"
    for vm in _VILLAGE_COUNT.finditer(region):
        if vm.group("all") or _ALL_VILLAGES_ADVERB.search(region, vm.end()):
            continue
        return True
    return False


def list_head(s: str, ls: int) -> tuple[int, int] | None:
    """For a line that is an item of a numbered list (one item a line), the line
    above its first item: (start, end), or None."""
    if not _NUMBERED_ITEM_LINE.match(s, ls):
        return None
    for _ in range(C.LIST_HEAD_MAX_ITEMS):
        if ls == 0:
            return None
        end = ls - 1
        while end > 0 and s[end - 1] == "\n":
            end -= 1  # blank lines between head and items
        start = s.rfind("\n", 0, end) + 1
        if not _NUMBERED_ITEM_LINE.match(s, start):
            return (start, end) if start < end else None
        ls = start
    return None
