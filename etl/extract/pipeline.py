"""The extractor's stages, in order: shadow text → document context → figures → candidates from
every rule → one selection by priority → kind, period and scope → evidence → facts."""
from __future__ import annotations

import bisect

from etl.extract import respectively
from etl.extract.context import Doc
from etl.extract.evidence import evidence
from etl.extract.kind import kind as resolve_kind
from etl.extract.model import Candidate, Fact, Rule
from etl.extract.period import period as resolve_period
from etl.extract.quantities import NUM_RE, Quantity, classify, clean_value
from etl.extract.registry import DOCUMENT_RULES, not_a_figure, rules_for
from etl.extract.scope import scope as resolve_scope
from etl.extract.shadow import Shadow


class Scan:
    """One document being read: its texts and context, and what the scan has found so far."""

    def __init__(self, text: str, doc_name: str):
        self.text = text
        self.doc_name = doc_name
        self.shadow = Shadow(text)
        self.s = self.shadow.s
        self.doc = Doc(self.shadow)
        self.last_income: tuple[int, int, int] | None = None     # (sentence start, number end, keyword)
        self.last_fact: tuple[int, int, str, str] | None = None  # (sentence start, end, indicator, unit class)
        self.last_scope: tuple[int, str] | None = None            # (sentence start, scope) of the last fact
        self.lists = respectively.find_lists(self)
        self.covered: list[tuple[int, int]] = []  # spans read as tables, which prose rules skip
        self._names: dict[str, int] = {}

    def name_count(self, name: str) -> int:
        """How often a name occurs in the shadow text (counted once per name)."""
        if name not in self._names:
            self._names[name] = self.s.count(name)
        return self._names[name]


def claims(scan: Scan, q: Quantity) -> list[tuple[Rule, list[Candidate]]]:
    """Every rule's candidates for one figure."""
    out = []
    for rule in rules_for(q.cls):
        cands = rule.find(scan, q, rule)
        if cands:
            out.append((rule, cands))
    return out


def select(found: list[tuple[Rule, list[Candidate]]]) -> tuple[Rule, list[Candidate]] | None:
    """The claim of the highest-priority rule (the earlier rule on a tie)."""
    best = None
    for claim in found:
        if best is None or claim[0].priority > best[0].priority:
            best = claim
    return best


def resolve(scan: Scan, c: Candidate, ss: int) -> Fact:
    if c.fixed:
        kind, period = c.kind, c.period
    else:
        kind = c.kind or resolve_kind(scan, c, ss)
        period = resolve_period(scan, c, ss, kind)
    oa, ob = evidence(scan, c)
    value = clean_value(c.value)
    qualifier = "redacted" if value is None else c.qualifier
    return Fact(scan.doc_name, c.indicator, value, qualifier, kind, resolve_scope(scan, c), period,
                scan.text[oa:ob], oa, ob, c.rule)


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen, out = set(), []
    for f in facts:
        key = (f.indicator, f.value, f.qualifier, f.start, f.end, f.scope)  # villages sharing a figure stay
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _figures(scan: Scan, covered: list[tuple[int, int]]):
    """Every figure outside the spans tables cover, with its unit class and sentence."""
    starts = [a for a, _ in covered]
    for m in NUM_RE.finditer(scan.s):
        if covered:
            k = bisect.bisect_right(starts, m.start())
            if k and covered[k - 1][1] > m.start():
                continue
        q = Quantity(m, classify(m, scan.s), scan.doc.sent_start(m.start()))
        if not not_a_figure(scan.s, q):
            yield q


def _document_claims(scan: Scan) -> list[Candidate]:
    """Candidates of the rules that read the whole document (tables first: prose skips their spans)."""
    out = []
    for rule in DOCUMENT_RULES:
        for c in rule.find(scan):
            c.rule = c.rule or rule.id
            out.append(c)
    return out


def run(scan: Scan) -> list[Fact]:
    facts = [resolve(scan, c, scan.doc.sent_start(c.n_start)) for c in _document_claims(scan)]
    for q in _figures(scan, scan.covered):
        chosen = select(claims(scan, q))
        if chosen is None:
            continue
        rule, cands = chosen
        for c in cands:
            c.rule = rule.id
        respectively.assign(scan, q, cands, rule.id)
        scan.last_fact = (q.ss, q.end, cands[-1].indicator, q.cls)
        if cands[-1].indicator == "collective_income":
            scan.last_income = (q.ss, q.end, cands[0].kw)
        found = [resolve(scan, c, q.ss) for c in cands]
        scan.last_scope = (q.ss, found[-1].scope)
        facts.extend(found)
    facts.sort(key=lambda f: (f.start, f.end, f.indicator))
    return _dedupe(facts)


def extract_text(text: str, doc: str = "") -> list[Fact]:
    """All indicator facts in a document's decoded text, ordered by start offset."""
    if not text:
        return []
    return run(Scan(text, doc))
