"""Stage 1: every figure with its unit in the shadow text — a number (Arabic, Chinese or masked),
an optional multiplier (万/亿/千), a range, approximation words and the unit class it belongs to.
Values come from the shared parser in terms/numbers.py."""
from __future__ import annotations

import re

from etl.extract import lexicon as L
from terms.numbers import CN_DIGITS, MULTIPLIERS, parse_number

NUMBER = f"(?:{L.ARABIC_NUMBER}|{L.CHINESE_NUMBER}|{L.MASKED_NUMBER})"
_UNIT = "|".join(pattern for _, pattern in L.UNIT_CLASSES)
NUM_RE = re.compile(
    r"(?=[\d一二两三四五六七八九十百千万Xx×*□■○])"  # fail fast on the characters no figure starts with
    rf"(?P<pct>{L.PERCENT_WORD})?(?P<n1>{NUMBER})(?: ?(?P<m1>[万亿千]))?(?P<a1>{L.APPROX_SUFFIX})?(?P<m1b>[万亿])?"
    rf"(?:(?P<u1>元)? ?(?P<rs>{L.RANGE_SEPARATOR}) ?(?P<n2>{NUMBER})(?: ?(?P<m2>[万亿千]))?(?P<a2>余|多)?)?"
    rf" ?(?:(?P<unit>{_UNIT})|(?<=[万亿])|(?(pct)|(?!)))(?P<post>{L.POST_QUALIFIER})?"
)
_UNIT_CLASS = [(cls, re.compile(rf"(?:{pattern})$")) for cls, pattern in L.UNIT_CLASSES]
MASKED_RE = re.compile(rf"(?:{L.MASKED_NUMBER})$")
ARABIC_RE = re.compile(r"[\d,.]+$")
WAN_TAIL = re.compile(L.WAN_TAIL)
_AT_LEAST_AFTER = re.compile(L.AT_LEAST_AFTER_PHRASE[1:])
_PERSONS_AFTER_WAN = re.compile(L.PERSONS_AFTER_WAN[1:])
MONEY = frozenset({"money", "money_bare"})


def _qualifier_res():
    before = []
    for qualifier, words in L.QUALIFIER_BEFORE.items():
        for word in words:
            block = L.QUALIFIER_BEFORE_BLOCK.get(word)
            pattern = (f"(?<![{block}])" if block else "") + re.escape(word)
            before.append((len(word), pattern, qualifier))
    before.sort(key=lambda item: -item[0])
    alternation = "|".join(f"(?P<q{i}>{pattern})" for i, (_, pattern, _) in enumerate(before))
    compiled = re.compile(rf"(?:{alternation})(?:了|为|达到|达)?$")
    names = {f"q{i}": qualifier for i, (_, _, qualifier) in enumerate(before)}
    after = {word: qualifier for qualifier, words in L.QUALIFIER_AFTER.items() for word in words}
    return compiled, names, after


_QUAL_BEFORE, _QUAL_BEFORE_NAMES, _QUAL_AFTER = _qualifier_res()


def unit_class(unit: str | None) -> str:
    if unit is None:
        return "money_bare"
    for cls, pattern in _UNIT_CLASS:
        if pattern.match(unit):
            return cls
    return "other"


class Quantity:
    """One figure found in the shadow text: the match, its unit class, its sentence's start, and
    what rules computed about it once (``notes``) for the other rules of the same figure."""
    __slots__ = ("m", "cls", "ss", "start", "end", "notes")

    def __init__(self, m: re.Match, cls: str, ss: int):
        self.m, self.cls, self.ss = m, cls, ss
        self.start, self.end = m.span()
        self.notes: dict = {}

    @property
    def is_chinese(self) -> bool:
        token = self.m.group("n1")
        return not ARABIC_RE.match(token) and not MASKED_RE.match(token)


def classify(m: re.Match, s: str = "") -> str:
    if m.group("pct") and not m.group("unit"):
        return "percent"
    cls = unit_class(m.group("unit"))
    if cls == "money_bare" and _PERSONS_AFTER_WAN.match(s, m.end()):
        return "persons"  # "计划培训100万新型职业农民": people counted in 万, no unit
    return cls


def to_number(token: str) -> float | None:
    """A numeral token → value; None for a masked figure (XX, ××, **)."""
    return None if MASKED_RE.match(token) else parse_number(token)


def clean_value(v: float | None):
    if v is None:
        return None
    v = round(v, 6)
    return int(round(v)) if abs(v - round(v)) < 1e-9 else v


def multiplier(m: re.Match, which: str = "1") -> int:
    if which == "2":
        return MULTIPLIERS.get(m.group("m2") or "", 1)
    return MULTIPLIERS.get(m.group("m1") or m.group("m1b") or "", 1)


def spoken_thousands(s: str, m: re.Match) -> tuple[int, int] | None:
    """"二十八万五": (5000, end) for the digit after 万 with no unit, else None."""
    if not m.group().endswith("万") or m.group("unit"):
        return None
    tail = WAN_TAIL.match(s, m.end())
    return (CN_DIGITS[tail.group()] * 1000, tail.end()) if tail else None


def qualifier(s: str, m: re.Match, lo: int, which: str) -> str:
    """The figure's qualifier from the words around it; which: 'single', 'lower' or 'upper'."""
    token = m.group("n1") if which != "upper" else m.group("n2")
    if MASKED_RE.match(token):
        return "redacted"
    if which == "lower":
        return "at_least"
    if which == "upper":
        return "at_most"
    post = m.group("post")
    before = _QUAL_BEFORE.search(s, max(lo, m.start() - 8), m.start())
    qb = None
    if before:
        qb = next(_QUAL_BEFORE_NAMES[k] for k, v in before.groupdict().items() if v)
    if post in _QUAL_AFTER:
        qa = _QUAL_AFTER[post]
        if qb == "at_most" and qa == "at_most":
            return "at_most"
        return qa
    approx = m.group("a1")
    if approx in _QUAL_AFTER:
        return _QUAL_AFTER[approx]
    if qb is None and _AT_LEAST_AFTER.match(s, m.end()):
        return "at_least"
    return qb or "exact"
