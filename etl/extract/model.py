"""The types that pass between the extractor's stages: rules, candidates and facts."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Callable

EVIDENCE_MIN = 10
EVIDENCE_MAX = 60


@dataclass(frozen=True)
class Fact:
    doc: str
    indicator: str
    value: int | float | None
    qualifier: str
    kind: str
    scope: str
    period: str | None
    evidence: str
    start: int
    end: int
    rule: str = ""
    source: str = ""   # "ocr" when the figure was read from a scan or photo; "" for the text layer

    def to_dict(self) -> dict:
        out = asdict(self)
        if not self.source:
            del out["source"]
        return out


class Candidate:
    """A figure a rule claims for an indicator, before kind, period, scope and evidence are resolved.
    Offsets are in the shadow text."""
    __slots__ = ("indicator", "value", "qualifier", "a", "b", "kw", "n_start", "n_end", "scope", "kind", "period",
                 "fixed", "rule")

    def __init__(self, indicator, value, qualifier, a, b, kw, n_start, n_end, scope=None):
        self.kind = None               # set when the rule itself decides (a completion rate's target)
        self.period = None
        self.fixed = False             # kind and period decided by the rule (a table's column)
        self.indicator = indicator
        self.value = value
        self.qualifier = qualifier
        self.a, self.b = a, b          # evidence core
        self.kw = kw                   # keyword start, for scope
        self.n_start, self.n_end = n_start, n_end
        self.scope = scope
        self.rule = ""


@dataclass(frozen=True)
class Rule:
    """A named rule: which figures it reads (unit classes), the indicator it yields (None: the
    indicator of an earlier fact), its cue words and window, its exclusions, and its priority
    when several rules claim one figure (higher wins). ``find`` reads these fields and returns
    the candidates for one figure, or None."""
    id: str
    indicator: str | None
    units: frozenset[str]
    priority: int
    find: Callable = field(repr=False, compare=False)
    keywords: str = ""
    window: int = 0
    excludes: str = ""
    note: str = ""
    level: str = "figure"   # "figure": find(scan, quantity, rule); "document": find(scan) once

    @cached_property
    def keyword_re(self) -> re.Pattern:
        return re.compile(self.keywords)

    @cached_property
    def exclude_re(self) -> re.Pattern:
        return re.compile(self.excludes)
