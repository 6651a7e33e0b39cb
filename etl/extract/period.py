"""Stage 4b: the period a candidate speaks of ("2023", "2023H1", "2023Q3" or None)."""
from __future__ import annotations

import re

from etl.extract import lexicon_context as C
from etl.extract.claims import at
from etl.extract.context import sub_period
from etl.extract.kind import target_list_start
from etl.extract.model import Candidate

_PERIOD_RE = re.compile(C.PERIOD_EXPRESSION)
_PERIOD_BASE_BEFORE = re.compile(C.PERIOD_BASE_BEFORE)
_PERIOD_BASE_AFTER = at(C.PERIOD_BASE_AFTER)
_ATTACHED = ("", "的", "底的", "末的", "同期的")  # "由2022年的8万元": that figure's own year


def _last_time_expression(s: str, lo: int, hi: int):
    found = None
    for pm in _PERIOD_RE.finditer(s, lo, hi):
        attached = s[pm.end():hi] in _ATTACHED
        if not attached and _PERIOD_BASE_BEFORE.search(s, max(0, pm.start() - 3), pm.start()):
            continue
        if not attached and _PERIOD_BASE_AFTER.match(s, pm.end()):
            continue
        found = pm
    return found


def _relative(doc, pm, sec, base_year: int, kind: str) -> str | None:
    """明年, 去年同期, 上半年, 今年… read against the section's or the document's year."""
    if pm.group("next"):
        return str(base_year + 1)
    if pm.group("last"):
        year = base_year - (2 if pm.group("last") == "前年" else 1)
        if pm.group("same") and doc.period and doc.period.startswith(str(base_year)):
            return str(year) + doc.period[4:]
        return str(year)
    if pm.group("half2") or pm.group("quarter2") or pm.group("span2"):
        return sub_period(base_year, pm.group("half2"), pm.group("quarter2"), pm.group("span2")) or str(base_year)
    if pm.group("this"):
        return str(base_year) if kind == "target" else (doc.period if not (sec and sec[1]) else str(base_year))
    return None


def period(scan, c: Candidate, ss: int, kind: str) -> str | None:
    s, doc = scan.s, scan.doc
    if kind == "target" and not _PERIOD_RE.search(s, ss, c.n_start):
        ss = target_list_start(s, ss) or ss
    pm = _last_time_expression(s, ss, c.n_start)
    sec = doc.section(c.n_start)
    base_year = (sec[1] if sec and sec[1] else None) or doc.year
    if pm is not None:
        if pm.group("year"):
            y = int(pm.group("year"))
            return sub_period(y, pm.group("half"), pm.group("quarter"), pm.group("span")) or str(y)
        if base_year is None:
            return None
        found = _relative(doc, pm, sec, base_year, kind)
        if found is not None or pm.group("this"):
            return found
    if sec and sec[1]:
        return str(sec[1])
    if doc.year is None:
        return None
    if kind == "target":
        if sec and sec[2] and doc.is_summary and not doc.is_plan:
            return str(doc.year + 1)
        return str(doc.year)
    return doc.period
