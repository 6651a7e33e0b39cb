"""Every rule of the extractor, in one list, and the figure filters that come before them."""
from __future__ import annotations

import re
from functools import lru_cache

from etl.extract import lexicon as L
from etl.extract import respectively, rules_counts, rules_followup, rules_income, rules_labels, tables
from etl.extract.claims import at
from etl.extract.model import Rule

RULES: tuple[Rule, ...] = (rules_income.RULES + rules_counts.RULES + rules_followup.RULES
                           + respectively.RULES + tables.RULES + rules_labels.RULES)
FIGURE_RULES = tuple(r for r in RULES if r.level == "figure")
DOCUMENT_RULES = tuple(sorted((r for r in RULES if r.level == "document"), key=lambda r: -r.priority))


@lru_cache(maxsize=16)
def rules_for(cls: str) -> tuple[Rule, ...]:
    """The figure rules that read figures of unit class cls, highest priority first."""
    return tuple(sorted((r for r in FIGURE_RULES if cls in r.units), key=lambda r: -r.priority))


def by_id() -> dict[str, Rule]:
    return {r.id: r for r in RULES}


_VAGUE_NUMBER = re.compile(L.VAGUE_NUMBER)
_CN_SET_PHRASE_AFTER = at(L.CN_SET_PHRASE_AFTER)
_RANK_BEFORE = re.compile(L.RANK_BEFORE)
COUNTED = frozenset({"persons", "person_times", "count"})


def not_a_figure(s: str, q) -> bool:
    """Numbers no rule may read: 个百分点 and other units, set phrases (一人一档), vague amounts
    (几十万元, 上百万元) and ranks (第3名)."""
    if q.cls in ("pp", "other"):
        return True
    if q.is_chinese and (_CN_SET_PHRASE_AFTER.match(s, q.end)
                         or _VAGUE_NUMBER.search(s, max(0, q.start - 1), q.start + 1)):
        return True
    return q.cls in COUNTED and bool(_RANK_BEFORE.search(s, max(0, q.start - 4), q.start))
