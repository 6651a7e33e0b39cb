"""Extract indicator facts (figures) from township report text.

    python -m etl.extract PATH... [--format jsonl|table]

The rules live in ``etl/extract_rules.py``; this module compiles and applies
them.  Matching runs on a normalised *shadow* of the text (traditional →
simplified one character for one, full-width → half-width, markup markers
removed); every offset is mapped back so that ``text[start:end] == evidence``
on the text exactly as decoded.
"""
from __future__ import annotations

import argparse
import bisect
import functools
import importlib.util
import json
import re
import sys
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from etl import extract_rules as R
from etl.textio import iter_document_paths, read_document

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

    def to_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------------------
# Compiled rules
# ---------------------------------------------------------------------------
def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _at(pattern: str) -> re.Pattern:
    """Compile a "^…" rule for ``pattern.match(s, pos)`` (where "^" would only match at 0)."""
    return re.compile(pattern[1:] if pattern.startswith("^") else pattern)


_NUMBER = f"(?:{R.ARABIC_NUMBER}|{R.CHINESE_NUMBER}|{R.MASKED_NUMBER})"
_UNIT = "|".join(pattern for _, pattern in R.UNIT_CLASSES)
_NUM_RE = re.compile(
    rf"(?P<pct>{R.PERCENT_WORD})?(?P<n1>{_NUMBER})(?: ?(?P<m1>[万亿千]))?(?P<a1>{R.APPROX_SUFFIX})?(?P<m1b>[万亿])?"
    rf"(?:(?P<u1>元)? ?(?P<rs>{R.RANGE_SEPARATOR}) ?(?P<n2>{_NUMBER})(?: ?(?P<m2>[万亿千]))?(?P<a2>余|多)?)?"
    rf" ?(?:(?P<unit>{_UNIT})|(?<=[万亿])|(?(pct)|(?!)))(?P<post>{R.POST_QUALIFIER})?"
)
_UNIT_CLASS = [(cls, re.compile(rf"(?:{pattern})$")) for cls, pattern in R.UNIT_CLASSES]
_MASKED_RE = re.compile(rf"(?:{R.MASKED_NUMBER})$")
_ARABIC_RE = re.compile(r"[\d,.]+$")

_REMOVE_RE = re.compile("|".join(R.MARKUP_PATTERNS) + "|" + R.SOFT_WRAP_PATTERN)
_SENT_END = "。;!?\n"
_CLAUSE_END = _SENT_END + "，,:"
_SENT_RE = re.compile("[" + re.escape(_SENT_END) + "]")
_CLAUSE_RE = re.compile("[" + re.escape(_CLAUSE_END) + "]")

_INCOME_KW = re.compile(_alt(R.INCOME_KEYWORDS))
_INCOME_CTX_KW = re.compile(_alt(R.INCOME_CONTEXT_KEYWORDS))
_INCOME_CTX_REQ = re.compile(R.INCOME_CONTEXT_REQUIRES)
_INCOME_GAP_EXCLUDE = re.compile(_alt(R.INCOME_GAP_EXCLUDE))
_INCREMENT_TAIL = re.compile(R.INCREMENT_TAIL)
_LEVEL_AFTER_CHANGE = re.compile(R.LEVEL_AFTER_CHANGE)
_FROM_BASELINE_TAIL = re.compile(R.FROM_BASELINE_TAIL)
_COMPARED_YEAR_LEVEL = re.compile(R.COMPARED_YEAR_LEVEL_TAIL)
_GAP_VILLAGE = re.compile(R.GAP_VILLAGE)
_INCOME_BEFORE_EXCLUDE = re.compile(R.INCOME_BEFORE_EXCLUDE)
_INCOME_AFTER_EXCLUDE = [re.compile(p) for p in R.INCOME_AFTER_EXCLUDE]
_INCOME_CONTINUATION = _at(R.INCOME_CONTINUATION)
_INCOME_KEYWORD_AFTER = _at(R.INCOME_KEYWORD_AFTER)
_INCOME_KEYWORD_AFTER_BLOCK = re.compile(R.INCOME_KEYWORD_AFTER_BLOCK)
_SENTENCE_VILLAGE = re.compile(R.SENTENCE_VILLAGE)
_VILLAGE_BEFORE_KEYWORD = re.compile(R.VILLAGE_BEFORE_KEYWORD)
_PREVIOUS_CLAUSE_VILLAGE = re.compile(R.PREVIOUS_CLAUSE_VILLAGE)
_CLAUSE_VILLAGE = _at(R.CLAUSE_VILLAGE)
_PARAGRAPH_VILLAGE = _at(R.SENTENCE_VILLAGE)
_GROWTH_TAIL = re.compile(R.GROWTH_TAIL)
_GROWTH_NEXT_LINE = _at(R.GROWTH_NEXT_LINE)
_TABLE_RULE_LINE = re.compile(R.TABLE_RULE_LINE)
_GROWTH_DECREASE = re.compile(R.GROWTH_DECREASE)
_GROWTH_RATE_NOUN = re.compile(R.GROWTH_RATE_NOUN)
_GROWTH_GAP_EXCLUDE = re.compile(_alt(R.GROWTH_GAP_EXCLUDE))
_VILLAGE_COUNT = re.compile(R.VILLAGE_COUNT)
_ALL_VILLAGES_ADVERB = re.compile(R.ALL_VILLAGES_ADVERB)
_YEAR_IN_GAP = re.compile(R.YEAR_IN_GAP)
_FIGURE_IN_GAP = re.compile(R.FIGURE_IN_GAP)

_NEW_MEMBER_TAIL = re.compile(R.NEW_MEMBER_TAIL)
_NEW_MEMBER_BETWEEN_EXCLUDE = re.compile(R.NEW_MEMBER_BETWEEN_EXCLUDE)
_NEW_MEMBER_VERB_TAIL = re.compile(R.NEW_MEMBER_VERB_TAIL)
_NEW_MEMBER_AFTER = _at(R.NEW_MEMBER_AFTER)
_NEW_MEMBER_JOIN_AFTER = _at(R.NEW_MEMBER_JOIN_AFTER)

_GRID_TAIL = re.compile(R.GRID_TAIL)
_GRID_VERB_NEAR = re.compile(R.GRID_VERB_NEAR)
_GRID_AFTER = _at(R.GRID_AFTER)
_GRID_RATIO = _at(R.GRID_RATIO)
_GRID_STANDARD = re.compile(R.GRID_STANDARD)
_GRID_UNIT_STANDARD = re.compile(R.GRID_UNIT_STANDARD)
_GRID_TIER = re.compile(R.GRID_TIER)
_CONTINUATION = _at(R.CONTINUATION)
_GRID_LIST_ITEM = _at(R.GRID_LIST_ITEM)
_GROWTH_AFTER_INCOME = _at(R.GROWTH_AFTER_INCOME)
_PERIOD_CONTINUATION = _at(R.PERIOD_CONTINUATION)
_VAGUE_NUMBER = re.compile(R.VAGUE_NUMBER)
_ASSIGNED_VILLAGE = re.compile(R.ASSIGNED_VILLAGE)
_VILLAGE_LIST_ITEM = re.compile(R.VILLAGE_LIST_ITEM)
_VILLAGE_LIST_HEAD = re.compile(R.VILLAGE_LIST_HEAD)
_VILLAGE_LIST_CONTEXT = re.compile(R.VILLAGE_LIST_CONTEXT)
_SPAN_MONTHS = re.compile(r"(?P<a>" + R.MONTH + r")月?份?\s?[-~—–至到]\s?(?P<b>" + R.MONTH + r")月")
_SPAN_CUM_QUARTER = re.compile(r"前(?P<q>[一二两三])")
_SPAN_MONTH_END = re.compile(r"(?P<m>" + R.MONTH + r")月(?:底|末)")

_TRAINING_KW = re.compile(R.TRAINING_KEYWORDS)
_TRAINING_AFTER_SEP = re.compile(R.TRAINING_AFTER_SEPARATOR)
_TRAINING_GAP_EXCLUDE = re.compile(_alt(R.TRAINING_GAP_EXCLUDE))
_TRAINING_PERSON_GAP_EXCLUDE = re.compile(_alt(R.TRAINING_PERSON_GAP_EXCLUDE))
_TRAINING_SESSION = re.compile(R.TRAINING_SESSION_COUNT)
_TRAINING_AFTER = _at(R.TRAINING_AFTER)

_RANK_BEFORE = re.compile(R.RANK_BEFORE)
_COUNT_FOLLOW_OK = _at(R.COUNT_FOLLOW_OK)
_CN_SET_PHRASE_AFTER = _at(R.CN_SET_PHRASE_AFTER)

_TARGET_BEFORE = re.compile("|".join(R.TARGET_BEFORE))
_TARGET_AFTER = _at(R.TARGET_AFTER)
_TARGET_LIST_HEAD = re.compile(R.TARGET_LIST_HEAD)
_PLAN_HEADING = re.compile(R.PLAN_HEADING)
_PLAN_TITLE = re.compile(R.PLAN_TITLE)
_SUMMARY_TITLE = re.compile(R.SUMMARY_TITLE)
_ACTUAL_MARKERS = re.compile(R.ACTUAL_MARKERS)
_PLAN_TITLE_EXCLUDE = re.compile(R.PLAN_TITLE_EXCLUDE)

_PER_VILLAGE = re.compile("|".join(R.PER_VILLAGE))
_PER_VILLAGE_COUNT = re.compile(R.PER_VILLAGE_COUNT)
_TOTAL_WORDS = re.compile(R.TOTAL_WORDS)
_NAME_PREFIX = re.compile(rf"^(?:{R.NAME_PREFIXES})+")
_NAME_TRAILER = re.compile(R.NAME_TRAILER)
_VILLAGE_NAME = re.compile(R.VILLAGE_NAME)
_VILLAGE_SUFFIX_NAME = re.compile(R.VILLAGE_SUFFIX_NAME)
_APPOSITIVE_VILLAGE = re.compile(R.APPOSITIVE_VILLAGE)
_NOT_VILLAGE_NAME = re.compile(R.NOT_VILLAGE_NAME)
_THIS_VILLAGE = re.compile(rf"(?:{R.THIS_VILLAGE})$")
_TOWNSHIP_WORDS = re.compile(R.TOWNSHIP_WORDS)
_TITLE_VILLAGE = re.compile(R.TITLE_VILLAGE)
_OPENING_VILLAGE = re.compile(R.OPENING_VILLAGE)
_LINE_VILLAGE = re.compile(R.LINE_VILLAGE)
_HEAD_VILLAGE_LINE = re.compile(R.HEAD_VILLAGE_LINE, re.M)
_ISSUER_LINE = re.compile(R.ISSUER_LINE)

_PERIOD_RE = re.compile(R.PERIOD_EXPRESSION)
_PERIOD_BASE_BEFORE = re.compile(R.PERIOD_BASE_BEFORE)
_PERIOD_BASE_AFTER = _at(R.PERIOD_BASE_AFTER)
_YEAR_RE = re.compile(R.YEAR)
_TOP_HEADING = re.compile(R.TOP_HEADING)
_PLAN_PARAGRAPH = re.compile(R.PLAN_PARAGRAPH_START)
_OPENING_PERIOD = re.compile(R.OPENING_PERIOD)

_TABLE_FIRST = re.compile(R.TABLE_FIRST_CELL)
_TABLE_CELL = re.compile(R.TABLE_CELL_SEPARATOR)
_TABLE_CSV_HEADER = re.compile(R.TABLE_CSV_HEADER)
_NUMBERED_ITEM_LINE = re.compile(R.NUMBERED_ITEM_LINE)
_LIST_HEAD_TARGET = re.compile(R.LIST_HEAD_TARGET)
_TABLE_CSV_CELL = re.compile(R.TABLE_CSV_CELL)
_TABLE_COLUMNS = [(ind, re.compile(p)) for ind, p in R.TABLE_COLUMNS]
_TABLE_COLUMN_EXCLUDE = re.compile(R.TABLE_COLUMN_EXCLUDE)
_TABLE_BARE_GROWTH = re.compile(R.TABLE_BARE_GROWTH_COLUMN)
_TABLE_TOWNSHIP = re.compile(R.TABLE_TOWNSHIP_ROWS)
_TABLE_SKIP = re.compile(R.TABLE_SKIP_ROWS)
_TABLE_VALUE = re.compile(R.TABLE_VALUE)
_TABLE_NAME = re.compile(R.TABLE_NAME)
_TABLE_TARGET_COLUMN = re.compile(R.TABLE_TARGET_COLUMN)
_TABLE_INCOME_CONTEXT = re.compile(R.TABLE_INCOME_CONTEXT)
_TABLE_BARE_INCOME = re.compile(R.TABLE_BARE_INCOME_COLUMN)
_TABLE_LAST_YEAR = re.compile(R.TABLE_LAST_YEAR_COLUMN)
_TABLE_YEAR_ROW = re.compile(R.TABLE_YEAR_ROW)
_DOC_NUMBER_LINE = re.compile(R.DOC_NUMBER_LINE)
_GRID_FROM = re.compile(R.GRID_FROM)
_GRID_FROM_AFTER = _at(R.GRID_FROM_AFTER)
_EARLIER_YEAR = re.compile(R.EARLIER_YEAR)
_BASELINE_BEFORE = re.compile(R.BASELINE_BEFORE)
_BASE_HEADING = re.compile(R.BASE_HEADING)
_TABLE_UNIT_CAPTION = re.compile(R.TABLE_UNIT_CAPTION)
_TRAINING_QUOTE = re.compile(R.TRAINING_QUOTE)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_POST_QUALIFIER = re.compile(R.POST_QUALIFIER)
_DIGIT = re.compile(r"\d")

_MARKUP_RE = re.compile("|".join(R.MARKUP_PATTERNS))
_LINE_HEADING = re.compile(R.LINE_START_HEADING)
_KEY_VALUE_LINE = re.compile(R.KEY_VALUE_LINE)
_RESPECTIVELY_NAMES = re.compile(R.RESPECTIVELY_NAMES)
_RESPECTIVELY_NAME = re.compile(R.RESPECTIVELY_NAME)
_NAME_LIST_SEPARATOR = re.compile(R.NAME_LIST_SEPARATOR)
_NAME_LIST_LEAD = _at(R.NAME_LIST_LEAD)
_RESPECTIVELY_WORD = re.compile("分别")
_RESPECTIVELY_GROUP = re.compile(R.RESPECTIVELY_GROUP)
_RESPECTIVELY_INHERIT = re.compile(R.RESPECTIVELY_INHERIT)
_RESPECTIVELY_SEPARATOR = re.compile(R.RESPECTIVELY_SEPARATOR)
_WHOLE_SHORT_LINE = re.compile(R.WHOLE_SHORT_LINE)
_LONE_SPACE_BEFORE_NUMBER = re.compile(R.LONE_SPACE_BEFORE_NUMBER)
_SPACE_AFTER_DECIMAL_POINT = re.compile(R.SPACE_AFTER_DECIMAL_POINT)
_TABLE_LINE = re.compile(R.TABLE_LINE)
_COMPLETION_BEFORE = re.compile(R.COMPLETION_BEFORE)
_DANGLING_VERB_BREAK = re.compile(R.DANGLING_VERB_BREAK)
_WAN_TAIL = re.compile(R.WAN_TAIL)
_CN_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"两": 2}
_PARTY_VILLAGE = re.compile(R.PARTY_VILLAGE)
_SPEAKER_TAG_LINE = re.compile(R.SPEAKER_TAG_LINE)
_BY_FUTURE_YEAR = re.compile(R.BY_YEAR)
_COMPLETION_AFTER = _at(R.COMPLETION_AFTER)


def _qualifier_res():
    before = []
    for qualifier, words in R.QUALIFIER_BEFORE.items():
        for word in words:
            block = R.QUALIFIER_BEFORE_BLOCK.get(word)
            pattern = (f"(?<![{block}])" if block else "") + re.escape(word)
            before.append((len(word), pattern, qualifier))
    before.sort(key=lambda item: -item[0])
    alternation = "|".join(f"(?P<q{i}>{pattern})" for i, (_, pattern, _) in enumerate(before))
    compiled = re.compile(rf"(?:{alternation})(?:了|为|达到|达)?$")
    names = {f"q{i}": qualifier for i, (_, _, qualifier) in enumerate(before)}
    after = {word: qualifier for qualifier, words in R.QUALIFIER_AFTER.items() for word in words}
    return compiled, names, after


_QUAL_BEFORE, _QUAL_BEFORE_NAMES, _QUAL_AFTER = _qualifier_res()


# ---------------------------------------------------------------------------
# Normalised shadow text with an offset map back to the original
# ---------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _char_map() -> dict[int, str]:
    table: dict[int, str] = {}
    spec = importlib.util.find_spec("opencc")
    if spec and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            path = Path(folder) / "dictionary" / "TSCharacters.txt"
            if path.is_file():
                for line in path.read_text(encoding="utf-8").splitlines():
                    key, _, values = line.partition("\t")
                    first = values.split(" ")[0] if values else ""
                    if len(key) == 1 and len(first) == 1 and key != first:
                        table[ord(key)] = first
                break
    for cp in range(0xFF01, 0xFF5F):
        if cp != 0xFF0C:  # keep the Chinese comma distinct from a thousands separator
            table[cp] = chr(cp - 0xFEE0)
    table.update({0x3000: " ", 0xA0: " ", ord("\r"): "\n", ord("\t"): "\t", ord("﹪"): "%",
                  ord("％"): "%", ord("﹐"): "，", ord("﹔"): ";", ord("﹕"): ":"})
    return table


def normalise(text: str) -> str:
    """The same-length shadow: traditional → simplified, full-width → half-width."""
    return text.translate(_char_map())


class _Shadow:
    """Normalised text with markup removed, and the way back to original offsets."""

    def __init__(self, text: str):
        self.text = text
        norm = normalise(text)
        parts: list[str] = []
        self._pos: list[int] = []      # compact position before which a removal sits
        self._cum: list[int] = []      # removed characters up to and including that removal
        self._markers: list[tuple[int, int]] = []  # original spans of markup (not soft wraps)
        spans = [(m.start(), m.end()) for m in _REMOVE_RE.finditer(norm)]
        spans += [(m.start(), m.end()) for m in _SPACE_AFTER_DECIMAL_POINT.finditer(norm)]
        for m in _LONE_SPACE_BEFORE_NUMBER.finditer(norm):
            ls = norm.rfind("\n", 0, m.start()) + 1
            le = norm.find("\n", m.end())
            line = norm[ls:le if le >= 0 else len(norm)]
            if line.count(" ") == 1 and "\t" not in line and "|" not in line:
                spans.append((m.start(), m.end()))
        spans.sort()
        wraps = _wrapped_line_breaks(norm)
        if wraps:
            taken = {a for a, _ in spans}
            spans = sorted(spans + [(i, i + 1) for i in wraps if i not in taken])
        last = removed = 0
        for a, b in spans:
            if a < last:  # overlapping removals
                continue
            parts.append(norm[last:a])
            self._pos.append(a - removed)
            removed += b - a
            self._cum.append(removed)
            if norm[a:b] != "\n":
                self._markers.append((a, b))
            last = b
        parts.append(norm[last:])
        self.s = "".join(parts) if self._pos else norm

    def orig(self, i: int) -> int:
        """Original offset of compact start position i."""
        k = bisect.bisect_right(self._pos, i)
        return i + (self._cum[k - 1] if k else 0)

    def orig_end(self, e: int) -> int:
        """Original offset of compact end position e (exclusive)."""
        return self.orig(e - 1) + 1 if e > 0 else 0

    def marker_between(self, a: int, b: int) -> tuple[int, int] | None:
        """The last markup span inside original [a, b), if any."""
        found = None
        for ms, me in self._markers:
            if ms >= b:
                break
            if ms >= a and me <= b:
                found = (ms, me)
        return found


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------
def chinese_to_number(s: str) -> float:
    """一百二十 → 120, 三千五百 → 3500, 一万五千 → 15000, 一万五 → 15000, 十二点五 → 12.5."""
    if "点" in s:
        whole, frac = s.split("点", 1)
        digits = "".join(str(R.CN_DIGITS[c]) for c in frac if c in R.CN_DIGITS)
        return chinese_to_number(whole) + (float("0." + digits) if digits else 0.0)
    if s and all(c in R.CN_DIGITS for c in s):  # 二〇二三
        return float("".join(str(R.CN_DIGITS[c]) for c in s)) if len(s) > 1 else float(R.CN_DIGITS[s])
    total = section = number = 0
    last_unit = 0
    zero = False
    for ch in s:
        if ch in R.CN_DIGITS:
            number = R.CN_DIGITS[ch]
            zero = zero or number == 0
        elif ch in R.CN_SMALL_UNITS:
            unit = R.CN_SMALL_UNITS[ch]
            section += (number or 1) * unit
            number, last_unit, zero = 0, unit, False
        elif ch in R.CN_BIG_UNITS:
            unit = R.CN_BIG_UNITS[ch]
            total += ((section + number) or 1) * unit
            section = number = 0
            last_unit, zero = unit, False
    if number and last_unit >= 100 and not zero:  # 一万五 → 15000, 三千五 → 3500, 两百五 → 250
        number *= last_unit // 10
    return float(total + section + number)


def _to_number(token: str) -> float | None:
    if _MASKED_RE.match(token):
        return None
    if _ARABIC_RE.match(token):
        return float(token.replace(",", ""))
    return chinese_to_number(token)


def _clean_value(v: float | None):
    if v is None:
        return None
    v = round(v, 6)
    return int(round(v)) if abs(v - round(v)) < 1e-9 else v


def _unit_class(unit: str | None) -> str:
    if unit is None:
        return "money_bare"
    for cls, pattern in _UNIT_CLASS:
        if pattern.match(unit):
            return cls
    return "other"


# ---------------------------------------------------------------------------
# Document context: title, period, headings, the village a document is about
# ---------------------------------------------------------------------------
class _Doc:
    def __init__(self, shadow: _Shadow):
        s = shadow.s
        self.shadow = shadow
        self.s = s
        self.sent = [m.start() for m in _SENT_RE.finditer(s)]
        self.clause = [m.start() for m in _CLAUSE_RE.finditer(s)]
        self.lines = [i for i in self.sent if s[i] == "\n"]

        stripped = s.lstrip()
        title_start = len(s) - len(stripped)
        title_end = s.find("\n", title_start)
        title_end = len(s) if title_end < 0 else title_end
        if _ISSUER_LINE.fullmatch(s[title_start:title_end].strip()):
            # "中共枣林镇委员会\n关于印发《…工作要点》的通知": the issuer, then the title
            nxt = len(s) - len(s[title_end:].lstrip())
            nxt_end = s.find("\n", nxt)
            nxt_end = len(s) if nxt_end < 0 else nxt_end
            if nxt < len(s) and _DOC_NUMBER_LINE.fullmatch(s[nxt:nxt_end].strip()):
                nxt = len(s) - len(s[nxt_end:].lstrip())  # past the issuing number
                nxt_end = s.find("\n", nxt)
                nxt_end = len(s) if nxt_end < 0 else nxt_end
            if nxt < len(s):
                title_start, title_end = nxt, nxt_end
        self.title = s[title_start:title_end][:120]
        opening = s[title_start:min(len(s), title_end + R.OPENING_CHARS)]
        ym = _YEAR_RE.search(self.title) or _YEAR_RE.search(s, title_start, title_start + 200)
        self.year: int | None = int(ym.group()) if ym else None
        # the first year a titled span covers: "（2024—2026年）" in the title or on the line under it
        years = re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", self.title)
        if not years:
            under = s[title_end:title_end + 40].lstrip().split("\n", 1)[0]
            if re.fullmatch(r"[(（]?\s*(?:19|20)\d{2}\s*年?\s*[—\-~至到]+\s*(?:19|20)\d{2}\s*年?\s*[)）]?", under.strip()):
                years = re.findall(r"(?:19|20)\d{2}", under)
        self.first_title_year: int | None = min((int(y) for y in years), default=None)
        self.period: str | None = str(self.year) if self.year else None
        om = _OPENING_PERIOD.search(opening)
        if om and om.group("span") and om.end() > title_end - title_start:
            om = None  # a span of months dates the document only in its title
        if om and self.year and (om.group("year") is None or int(om.group("year")) == self.year):
            self.period = self._sub_period(self.year, om.group("half"), om.group("quarter"),
                                           om.group("span")) or self.period
        self.is_summary = bool(_SUMMARY_TITLE.search(self.title))
        self.is_plan = bool(_PLAN_TITLE.search(self.title)) and not _PLAN_TITLE_EXCLUDE.search(self.title)
        self.village = None
        self.village_orig = None
        tv = next((t for t in _TITLE_VILLAGE.finditer(self.title)
                   if not _NOT_VILLAGE_NAME.search(t.group("name")[:-1])), None)
        base = title_start
        if tv is None:
            base = min(len(s), title_end + 1)
            tv = _OPENING_VILLAGE.match(s[base:base + 40])
            for _ in range(2):  # a "——…" subtitle on one of the next two lines
                if tv is not None or base >= len(s):
                    break
                line_end = s.find("\n", base)
                line_end = len(s) if line_end < 0 else line_end
                if s.startswith("——", base):
                    tv = next((t for t in _TITLE_VILLAGE.finditer(s[base:line_end])
                               if not _NOT_VILLAGE_NAME.search(t.group("name")[:-1])), None)
                    break
                base = line_end + 1
        if tv and not _NOT_VILLAGE_NAME.search(tv.group("name")[:-1]):
            self.village = tv.group("name")
            self.village_orig = _orig_slice(shadow, base + tv.start("name"), base + tv.end("name"))
        if self.village is None:
            av = _ASSIGNED_VILLAGE.search(s, title_start, title_start + R.ASSIGNED_VILLAGE_CHARS)
            if av is None:
                av = _PARTY_VILLAGE.search(s, title_start, title_start + R.ASSIGNED_VILLAGE_CHARS)
            if av and not _NOT_VILLAGE_NAME.search(av.group("name")[:-1]):
                self.village = av.group("name")
                self.village_orig = _orig_slice(shadow, av.start("name"), av.end("name"))
        # Sections: (position, year, is_plan); in a plan, the sections saying where things stand
        heads = []
        self.base_sections: set[int] = set()
        for m in _TOP_HEADING.finditer(s):
            if m.start() <= title_start:
                continue
            line = m.group().strip()
            y = _YEAR_RE.search(line)
            heads.append((m.start(), int(y.group()) if y else None, bool(_PLAN_HEADING.search(line))))
            if _BASE_HEADING.search(line) and not _PLAN_HEADING.search(line):
                self.base_sections.add(m.start())
        for m in _PLAN_PARAGRAPH.finditer(s):
            y = _YEAR_RE.search(m.group())
            heads.append((m.start(), int(y.group()) if y else None, True))
        heads.sort()
        self.heads = heads
        self.head_pos = [h[0] for h in heads]
        # Ledger blocks: (position of a 【…】 head line, its village or None)
        self.block_heads: list[tuple[int, str | None]] = []
        for hm in _HEAD_VILLAGE_LINE.finditer(s):
            name = hm.group("name").strip()
            ok = _VILLAGE_NAME.fullmatch(name) and not _NOT_VILLAGE_NAME.search(name[:-1])
            self.block_heads.append((hm.start(), _orig_slice(shadow, hm.start("name"), hm.end("name")) if ok else None))
        self.block_pos = [b[0] for b in self.block_heads]

    @staticmethod
    def _sub_period(year: int, half: str | None, quarter: str | None, span: str | None = None) -> str | None:
        if span:
            suffix = _span_suffix(span)
            return None if suffix is None else f"{year}{suffix}"
        if half:
            return f"{year}{R.HALF_WORDS.get(half, 'H1')}"
        if quarter:
            return f"{year}{R.QUARTER_WORDS[quarter]}"
        return None

    def sent_start(self, i: int) -> int:
        k = bisect.bisect_left(self.sent, i)
        return self.sent[k - 1] + 1 if k else 0

    def sent_end(self, i: int) -> int:
        k = bisect.bisect_left(self.sent, i)
        return self.sent[k] if k < len(self.sent) else len(self.s)

    def clause_start(self, i: int) -> int:
        k = bisect.bisect_left(self.clause, i)
        return self.clause[k - 1] + 1 if k else 0

    def clause_end(self, i: int) -> int:
        k = bisect.bisect_left(self.clause, i)
        return self.clause[k] if k < len(self.clause) else len(self.s)

    def line_start(self, i: int) -> int:
        k = bisect.bisect_left(self.lines, i)
        return self.lines[k - 1] + 1 if k else 0

    def block_village(self, i: int) -> str | None:
        k = bisect.bisect_right(self.block_pos, i)
        return self.block_heads[k - 1][1] if k else None

    def section(self, i: int):
        k = bisect.bisect_right(self.head_pos, i)
        return self.heads[k - 1] if k else None


def _month(token: str) -> int:
    return int(token) if token.isdigit() else int(chinese_to_number(token))


def _span_suffix(span: str) -> str | None:
    """"1-9月" → "Q3", "前三季度" → "Q3", "截至6月底" → "H1", "1-12月" → "" (the year);
    None for a span that is no half or quarter ("3-5月")."""
    m = _SPAN_MONTHS.match(span)
    if m:
        return R.MONTH_SPAN_PERIODS.get((_month(m.group("a")), _month(m.group("b"))))
    m = _SPAN_CUM_QUARTER.match(span)
    if m:
        return R.CUMULATIVE_QUARTER_PERIODS.get(m.group("q"))
    m = _SPAN_MONTH_END.match(span)
    if m:
        return R.MONTH_END_PERIODS.get(_month(m.group("m")))
    return None


def _wrapped_line_breaks(norm: str) -> list[int]:
    """Positions of line breaks inside sentences, for text whose lines are broken
    everywhere (PDF text layers); [] for ordinary text."""
    dangling = [m.start() for m in _DANGLING_VERB_BREAK.finditer(norm)]  # "…收入达\n1536万元"
    if norm.count("\n") < R.WRAPPED_MIN_LINES:
        return dangling
    lines = norm.split("\n")
    breaks = []
    pos = 0
    total = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        stripped = line.rstrip()
        nxt = lines[i + 1]
        if stripped:
            total += 1
            if (stripped[-1] not in R.LINE_END_PUNCTUATION and nxt.strip()
                    and not _WHOLE_SHORT_LINE.fullmatch(stripped)
                    and not _LINE_HEADING.match(nxt) and not _LINE_HEADING.match(line)
                    and not _TABLE_LINE.search(line)
                    and not _TABLE_LINE.search(nxt)
                    and not _KEY_VALUE_LINE.match(line) and not _KEY_VALUE_LINE.match(nxt)):
                breaks.append(pos)
        pos += 1
    if total == 0 or len(breaks) < R.WRAPPED_MIN_SHARE * total:
        return dangling
    return sorted(set(breaks) | set(dangling))


def _orig_slice(shadow: _Shadow, a: int, b: int) -> str:
    raw = shadow.text[shadow.orig(a):shadow.orig_end(b)]
    return _MARKUP_RE.sub("", raw)


# ---------------------------------------------------------------------------
# Fact assembly
# ---------------------------------------------------------------------------
class _Candidate:
    __slots__ = ("indicator", "value", "qualifier", "a", "b", "kw", "n_start", "n_end", "scope", "kind")

    def __init__(self, indicator, value, qualifier, a, b, kw, n_start, n_end, scope=None):
        self.kind = None               # set when the rule itself decides (a completion rate's target)
        self.indicator = indicator
        self.value = value
        self.qualifier = qualifier
        self.a, self.b = a, b          # evidence core (compact)
        self.kw = kw                   # keyword start (compact), for scope
        self.n_start, self.n_end = n_start, n_end
        self.scope = scope


def _qualifier(s: str, m: re.Match, lo: int, which: str) -> str:
    """which: 'single', 'lower' or 'upper' for ranges."""
    token = m.group("n1") if which != "upper" else m.group("n2")
    if _MASKED_RE.match(token):
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
    return qb or "exact"


def _is_year_gap(gap: str) -> bool:
    return not _FIGURE_IN_GAP.search(_YEAR_IN_GAP.sub("", gap))


def _bucket(doc: _Doc, kw: int, n_start: int) -> bool:
    """A count of villages (not 'all') in the keyword's clause: a bucket statement."""
    cs = doc.clause_start(kw)
    region = doc.s[cs:n_start]
    if _TOTAL_WORDS.search(region):
        return False  # "23个行政村集体经济收入总额达…" is a total
    for vm in _VILLAGE_COUNT.finditer(region):
        if vm.group("all"):
            continue
        if _ALL_VILLAGES_ADVERB.search(region, vm.end()):
            continue
        return True
    return False


def _last(pattern: re.Pattern, s: str, lo: int, hi: int):
    found = None
    for found in pattern.finditer(s, lo, hi):
        pass
    return found


class _Extractor:
    def __init__(self, text: str, doc_name: str):
        self.text = text
        self.doc_name = doc_name
        self.shadow = _Shadow(text)
        self.s = self.shadow.s
        self.doc = _Doc(self.shadow)
        self.facts: list[Fact] = []
        self._last_income: tuple[int, int] | None = None   # (sentence start, number end)
        self._last_fact: tuple[int, int, str, str] | None = None  # (sentence start, end, indicator, unit class)
        self._cell_re = _TABLE_CELL  # set per table by _table_at

    # -- per indicator ---------------------------------------------------
    def _income(self, m, cls, ss) -> list[_Candidate] | None:
        return self._income_before(m, cls, ss) or self._income_keyword_after(m, cls, ss)

    def _income_before(self, m, cls, ss) -> list[_Candidate] | None:
        s, n_start = self.s, m.start()
        lo = max(ss, n_start - R.INCOME_CHANGE_GAP_MAX - 12)
        kw = _last(_INCOME_KW, s, lo, n_start)
        if kw is None:
            kw = _last(_INCOME_CTX_KW, s, lo, n_start)
            if kw is None:
                return None
            ctx_lo = max(self.doc.line_start(kw.start()), kw.start() - R.INCOME_CONTEXT_LOOKBACK)
            if not _INCOME_CTX_REQ.search(s, ctx_lo, kw.start()):
                return None
        gap = s[kw.end():n_start]
        gap_max = R.INCOME_CHANGE_GAP_MAX if _LEVEL_AFTER_CHANGE.search(gap) else R.INCOME_GAP_MAX
        if len(gap) > gap_max or gap.count("，") + gap.count(",") > 1:
            return None
        if _INCOME_GAP_EXCLUDE.search(gap) or _INCREMENT_TAIL.search(gap):
            return None
        if not _is_year_gap(gap) and not _LEVEL_AFTER_CHANGE.search(gap) and not _COMPARED_YEAR_LEVEL.search(gap):
            return None
        baseline = _FROM_BASELINE_TAIL.search(gap)
        if baseline and not baseline.group("year"):
            return None
        if _INCOME_BEFORE_EXCLUDE.search(s, max(0, kw.start() - 5), kw.start()):
            return None
        after = s[m.end():m.end() + 12]
        if any(p.search(after) for p in _INCOME_AFTER_EXCLUDE):
            return None
        if cls == "money_bare" and _HAN.match(after) and not _POST_QUALIFIER.match(after):
            return None
        if _bucket(self.doc, kw.start(), n_start):
            return None
        scope = None
        gv = _GAP_VILLAGE.search(gap)
        if gv and not _NOT_VILLAGE_NAME.search(gv.group("name")[:-1]):
            a = kw.end() + gv.start("name")
            scope = "village:" + _orig_slice(self.shadow, a, a + len(gv.group("name")))
        return self._money_candidates(m, "collective_income", kw.start(), ss, scope=scope)

    def _income_keyword_after(self, m, cls, ss):
        s = self.s
        if cls != "money" or m.group("n2"):
            return None
        after = _INCOME_KEYWORD_AFTER.match(s, m.end())
        if not after or _INCOME_KEYWORD_AFTER_BLOCK.search(s, max(ss, m.start() - 6), m.start()):
            return None
        if _bucket(self.doc, m.start(), m.start()):
            return None
        cands = self._money_candidates(m, "collective_income", m.start(), ss)
        for c in cands:
            c.b = after.end()
        return cands

    def _income_continuation(self, m, ss):
        if not self._last_income or self._last_income[0] != ss:
            return None
        prev_end = self._last_income[1]
        c = _INCOME_CONTINUATION.match(self.s, prev_end, m.start())
        if not c:
            return None
        name_start, name_end = c.start("name"), c.end("name")
        name = c.group("name")
        if _NOT_VILLAGE_NAME.search(name[:-1]):
            return None
        after = self.s[m.end():m.end() + 12]
        if any(p.search(after) for p in _INCOME_AFTER_EXCLUDE):
            return None
        scope = "village:" + _orig_slice(self.shadow, name_start, name_end)
        return self._money_candidates(m, "collective_income", name_start, ss, scope=scope)

    def _continuation(self, m, cls, ss):
        last = self._last_fact
        money = ("money", "money_bare")
        same_unit = last and (last[3] == cls or (last[3] in money and cls in money))  # 四十三万元 … 二十八万五
        indicator = last[2] if last else None
        if last and not same_unit and cls in money and last[2] == "collective_income_growth_pct" \
                and self._last_income and self._last_income[0] == last[0]:
            same_unit, indicator = True, "collective_income"  # "…231.9万元，同比增长24.4%，各村均超过10万元"
        joined = last and last[0] != ss and ss > 0 and self.s[ss - 1] in ";；" and self.doc.sent_start(ss - 1) == last[0]
        start = last[1] if last and last[0] == ss else ss  # "…增加52.3万元；所有村都超过20万元"
        if not same_unit or (last[0] != ss and not joined) or not _CONTINUATION.match(self.s, start, m.start()):
            return None
        if indicator in ("collective_income", "collective_income_growth_pct"):
            return self._money_candidates(m, indicator, m.start(), ss)
        return self._count_value(m, last[2], m.start(), m.start(), m.end(), ss)

    def _completion_target(self, m, cls, ss):
        """"…收入386.4万元，同比增长11.7%，完成全年目标任务（720万元）的53.7%": the target behind
        a completion rate, for the sentence's own indicator with that unit."""
        s = self.s
        if not _COMPLETION_BEFORE.search(s, max(ss, m.start() - 16), m.start()) or not _COMPLETION_AFTER.match(s, m.end()):
            return None
        if cls in ("money", "money_bare"):
            if not self._last_income or self._last_income[0] != ss:
                return None
            cands = self._money_candidates(m, "collective_income", m.start(), ss)
        else:
            last = self._last_fact
            if not last or last[0] != ss or last[3] != cls or last[2] in ("collective_income",
                                                                          "collective_income_growth_pct"):
                return None
            cands = self._count_value(m, last[2], m.start(), m.start(), m.end(), ss)
        for c in cands or []:
            c.kind = "target"
        return cands

    def _named_target(self, m, cls, ss):
        """"只发展党员4名，低于年初确定的7名目标": a figure followed by 目标, shortly after the
        sentence's own figure of the same unit, is that indicator's target."""
        last = self._last_fact
        if not last or last[0] != ss or last[3] != cls or not _TARGET_AFTER.match(self.s, m.end()):
            return None
        gap = self.s[last[1]:m.start()]
        if len(gap) > R.NAMED_TARGET_GAP or re.search(r"\d", gap):
            return None
        if last[2] in ("collective_income", "collective_income_growth_pct"):
            cands = self._money_candidates(m, last[2], m.start(), ss)
        else:
            cands = self._count_value(m, last[2], m.start(), m.start(), m.end(), ss)
        for c in cands or []:
            c.kind = "target"
        return cands

    def _period_continuation(self, m, cls, ss):
        """"…收入累计达到210万元；1-9月累计达到356.8万元": the previous sentence's indicator
        for the period the new sentence names."""
        last = self._last_fact
        if not last or last[3] != cls or ss == 0 or self.s[ss - 1] not in R.PERIOD_CONTINUATION_SEPARATORS:
            return None
        if self.doc.sent_start(ss - 1) != last[0] or not _PERIOD_CONTINUATION.match(self.s, ss, m.start()):
            return None
        if last[2] in ("collective_income", "collective_income_growth_pct"):
            after = self.s[m.end():m.end() + 12]
            if any(p.search(after) for p in _INCOME_AFTER_EXCLUDE):
                return None
            return self._money_candidates(m, last[2], ss, ss)
        return self._count_value(m, last[2], ss, ss, m.end(), ss)

    def _income_village_list(self, m, cls, ss):
        """"按累计收入排名，前三位的村分别是：城关镇东岗村186.5万元、河口镇柳河村152.3万元"."""
        s = self.s
        if cls != "money" or m.group("n2"):
            return None
        lo = max(ss, m.start() - 16)
        item = _VILLAGE_LIST_ITEM.search(s, lo, m.start())
        if not item or _NOT_VILLAGE_NAME.search(item.group("name")[:-1]):
            return None
        head = s[ss:item.start("name")]
        if not _VILLAGE_LIST_HEAD.search(head):
            lh = self._list_head(ss) if _NUMBERED_ITEM_LINE.fullmatch(head.strip()) else None
            head = s[lh[0]:lh[1]] if lh else head
        if not _VILLAGE_LIST_HEAD.search(head) or _INCOME_GAP_EXCLUDE.search(head):
            return None
        ctx_lo = max(0, ss - R.VILLAGE_LIST_LOOKBACK)
        if not _VILLAGE_LIST_CONTEXT.search(s, ctx_lo, m.start()):
            return None
        after = s[m.end():m.end() + 12]
        if any(p.search(after) for p in _INCOME_AFTER_EXCLUDE):
            return None
        scope = "village:" + _orig_slice(self.shadow, item.start("name"), item.end("name"))
        return self._money_candidates(m, "collective_income", item.start("name"), ss, scope=scope)

    def _list_head(self, ls: int) -> tuple[int, int] | None:
        """For a line that is an item of a numbered list (one item a line), the line
        above its first item: (start, end), or None."""
        s = self.s
        if not _NUMBERED_ITEM_LINE.match(s, ls):
            return None
        for _ in range(R.LIST_HEAD_MAX_ITEMS):
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

    def _money_candidates(self, m, indicator, kw, ss, scope=None):
        mult1 = R.MULTIPLIERS.get(m.group("m1") or m.group("m1b") or "", 1)
        out = []
        if m.group("n2"):
            mult2 = R.MULTIPLIERS.get(m.group("m2") or "", 1)
            if mult1 == 1 and not m.group("u1"):
                mult1 = mult2
            for which, token, mult in (("lower", m.group("n1"), mult1), ("upper", m.group("n2"), mult2)):
                v = _to_number(token)
                out.append(_Candidate(indicator, None if v is None else v * mult,
                                      _qualifier(self.s, m, ss, which), kw, m.end(), kw, m.start(), m.end(), scope))
        else:
            v = _to_number(m.group("n1"))
            value = None if v is None else v * mult1
            end = m.end()
            tail = _WAN_TAIL.match(self.s, end) if m.group().endswith("万") and not m.group("unit") else None
            if tail and value is not None:  # spoken "二十八万五" is 285,000
                value += _CN_DIGITS[tail.group()] * 1000
                end = tail.end()
            out.append(_Candidate(indicator, value, _qualifier(self.s, m, ss, "single"), kw, end, kw, m.start(), end,
                                  scope))
        return out

    def _growth(self, m, ss):
        s, n_start = self.s, m.start()
        lo = max(ss, n_start - R.GROWTH_GAP_MAX - 12)
        after = s[m.end():m.end() + 12]
        if any(p.search(after) for p in _INCOME_AFTER_EXCLUDE):
            return None  # "对增幅超过20%的村给予奖励": a condition, not a figure
        kw = _last(_INCOME_KW, s, lo, n_start) or _last(_INCOME_CTX_KW, s, lo, n_start)
        gap = s[kw.end():n_start] if kw is not None else ""
        if kw is None or len(gap) > R.GROWTH_GAP_MAX:
            # no keyword close by: the growth right after the sentence's income figure
            # ("…增长到2024年的52.3万元，2024年同比增长27.6%")
            last = self._last_income
            if last and ((last[0] == ss and _GROWTH_AFTER_INCOME.match(s, last[1], n_start))
                         or _GROWTH_NEXT_LINE.match(s, last[1], n_start)):
                return self._signed(self._money_candidates(m, "collective_income_growth_pct", last[2], ss),
                                    s[last[1]:n_start])
            return None
        if not _GROWTH_TAIL.search(gap) or _GROWTH_GAP_EXCLUDE.search(gap):
            return None
        if _INCOME_BEFORE_EXCLUDE.search(s, max(0, kw.start() - 5), kw.start()):
            return None
        if _bucket(self.doc, kw.start(), n_start):
            return None
        return self._signed(self._money_candidates(m, "collective_income_growth_pct", kw.start(), ss), gap)

    @staticmethod
    def _signed(cands: list[_Candidate], gap: str) -> list[_Candidate]:
        """A growth said as a fall ("同比下降12.4%") is negative."""
        tail = _GROWTH_TAIL.search(gap)
        said = tail.group(0) if tail else gap
        if _GROWTH_DECREASE.search(said) and not _GROWTH_RATE_NOUN.search(gap[-12:]):
            for c in cands:
                if c.value is not None:
                    c.value = -c.value
        return cands

    def _count_value(self, m, indicator, kw, a, b, ss):
        v = _to_number(m.group("n1"))
        mult = R.MULTIPLIERS.get(m.group("m1") or m.group("m1b") or "", 1)
        if m.group("n2"):
            return None  # ranges of counts are not reported as facts
        return [_Candidate(indicator, None if v is None else v * mult, _qualifier(self.s, m, ss, "single"),
                           a, b, kw, m.start(), m.end())]

    def _new_members(self, m, ss):
        s = self.s
        lo = max(ss, m.start() - 40)
        t = _NEW_MEMBER_TAIL.search(s, lo, m.start())
        if t and not _NEW_MEMBER_BETWEEN_EXCLUDE.search(t.group("between")):
            return self._count_value(m, "new_members", t.start(), t.start(), m.end(), ss)
        t = _NEW_MEMBER_VERB_TAIL.search(s, lo, m.start())
        if t:
            after = _NEW_MEMBER_AFTER.match(s, m.end())
            if after:
                return self._count_value(m, "new_members", t.start(), t.start(), after.end(), ss)
        join = _NEW_MEMBER_JOIN_AFTER.match(s, m.end())
        if join:
            return self._count_value(m, "new_members", m.start(), m.start(), join.end(), ss)
        return None

    def _grid(self, m, ss):
        s = self.s
        if _GRID_RATIO.match(s, m.start()) or s[m.start() - 1:m.start()] == "每":
            return None
        cs = self.doc.clause_start(m.start())
        if _GRID_STANDARD.search(s, cs, m.start()):
            return None
        if _GRID_UNIT_STANDARD.search(s, cs, m.start()):
            v = _to_number(m.group("n1"))
            if v is not None and v <= R.GRID_UNIT_STANDARD_MAX:
                return None
        ss_end = self.doc.sent_end(m.start())
        if len({t.group() for t in _GRID_TIER.finditer(s, ss, ss_end)}) > 1:
            return None
        gf = _GRID_FROM.search(s, max(ss, m.start() - 30), m.start())
        if gf and _GRID_FROM_AFTER.match(s, m.end()):
            return self._count_value(m, "grid_count", gf.start(), gf.start(), m.end(), ss)
        key_cs = self.doc.clause_start(cs - 1) if cs > 0 and s[cs - 1] == ":" else cs  # "网格数：12个"
        t = _GRID_TAIL.search(s, max(key_cs, m.start() - 40), m.start())
        if t and _COUNT_FOLLOW_OK.match(s, m.end()):
            return self._count_value(m, "grid_count", t.start(), t.start(), m.end(), ss)
        last = self._last_fact
        if last and last[0] == ss and last[2] == "grid_count" and _COUNT_FOLLOW_OK.match(s, m.end()):
            item = _GRID_LIST_ITEM.match(s, last[1], m.start())
            if item:
                return self._count_value(m, "grid_count", item.start(), item.start(), m.end(), ss)
        after = _GRID_AFTER.match(s, m.end())
        if after:
            verb = _last(_GRID_VERB_NEAR, s, max(cs, m.start() - R.GRID_VERB_WINDOW), m.start())
            if verb:
                return self._count_value(m, "grid_count", verb.start(), verb.start(), after.end(), ss)
        return None

    def _training(self, m, cls, ss):
        s = self.s
        if cls == "persons":
            after = _TRAINING_AFTER.match(s, m.end())
            if after:
                return self._count_value(m, "training_attendance", m.start(), m.start(), after.end(), ss)
        kw = _last(_TRAINING_KW, s, max(ss, m.start() - R.TRAINING_GAP_MAX - 3), m.start())
        if kw is None:
            return None
        gap = s[kw.end():m.start()]
        if len(gap) > R.TRAINING_GAP_MAX or _TRAINING_GAP_EXCLUDE.search(gap):
            return None
        if _DIGIT.search(_TRAINING_SESSION.sub("", gap)):
            return None
        cut = max(gap.rfind("，"), gap.rfind(","))
        if cut >= 0 and not _TRAINING_AFTER_SEP.match(gap[cut + 1:]):
            return None
        item = gap.rfind("、")
        if item > cut and not _TRAINING_AFTER_SEP.match(gap[item + 1:]) and (
                len(gap) - item - 1 > R.TRAINING_LIST_ITEM_MAX or _DIGIT.search(gap[item + 1:])):
            return None
        cut = max(cut, item)
        if cls == "persons":
            head = gap if cut < 0 else gap[cut + 1:]
            if len(gap) > R.TRAINING_PERSON_GAP_MAX or _TRAINING_PERSON_GAP_EXCLUDE.search(gap):
                return None
            if _TRAINING_QUOTE.search(head):
                return None
        return self._count_value(m, "training_attendance", kw.start(), kw.start(), m.end(), ss)

    # -- context ---------------------------------------------------------
    def _kind(self, c: _Candidate, ss: int) -> str:
        """target when the sentence says so, or inside a plan (document or section)."""
        s = self.s
        lo = max(ss, c.n_start - R.TARGET_BEFORE_WINDOW)
        if _BASELINE_BEFORE.search(s, max(ss, c.n_start - 12), c.n_start):
            return "actual"  # "计划将网格由去年底的58个调整为65个": the 58 is what there was
        if _TARGET_BEFORE.search(s, lo, c.n_start) or _TARGET_AFTER.match(s, c.n_end):
            return "target"
        if self._target_list_start(ss) is not None:
            return "target"
        by = _last(_BY_FUTURE_YEAR, s, lo, c.n_start)  # "到2027年，全镇…突破1200万元" in a 2025 text
        if by and self.doc.year and int(by.group("year")) > self.doc.year \
                and not _ACTUAL_MARKERS.search(s, by.end(), c.n_start):
            return "target"
        lh = self._list_head(self.doc.line_start(c.n_start))
        if lh and _LIST_HEAD_TARGET.search(s, lh[0], lh[1]) and not _ACTUAL_MARKERS.search(s, lh[0], lh[1]):
            return "target"  # "各村2025年集体经济收入目标\n1. 东岗村 25万元"
        sec = self.doc.section(c.n_start)
        plan = (self.doc.is_plan and not (sec and sec[0] in self.doc.base_sections)) or bool(sec and sec[2])
        if plan and not _ACTUAL_MARKERS.search(s, lo, c.n_start) and not self._earlier_year(ss, c.n_start, sec):
            return "target"
        return "actual"

    def _earlier_year(self, ss: int, n_start: int, sec) -> bool:
        """A plan that looks back first ("2021年，村集体经济收入还不到5万元", "去年底的58个"):
        a year before the plan's own is history, not a target."""
        # the first year a plan covers ("三年工作目标（2026—2028年）" starts in 2026)
        plan_year = (sec[1] if sec and sec[1] else None) or self.doc.first_title_year or self.doc.year
        y = _last(_EARLIER_YEAR, self.s, ss, n_start)
        if plan_year is None or y is None:
            return False
        if y.group("year"):
            return int(y.group("year")) < plan_year
        return True  # 去年, 上年, 前年

    def _target_list_start(self, ss: int) -> int | None:
        """An item after "目标是：…；": where the governing head's sentence starts."""
        s = self.s
        if ss == 0 or s[ss - 1] in R.TARGET_LIST_BOUNDARY:
            return None
        full = max(s.rfind(ch, 0, ss) for ch in R.TARGET_LIST_BOUNDARY) + 1
        return full if _TARGET_LIST_HEAD.search(s, full, ss) else None

    def _period(self, c: _Candidate, ss: int, kind: str) -> str | None:
        s, doc = self.s, self.doc
        if kind == "target" and not _PERIOD_RE.search(s, ss, c.n_start):
            ss = self._target_list_start(ss) or ss
        last = None
        for pm in _PERIOD_RE.finditer(s, ss, c.n_start):
            attached = s[pm.end():c.n_start] in ("", "的", "底的", "末的", "同期的")  # "由2022年的8万元": that figure's own year
            if not attached and _PERIOD_BASE_BEFORE.search(s, max(0, pm.start() - 3), pm.start()):
                continue
            if not attached and _PERIOD_BASE_AFTER.match(s, pm.end()):
                continue
            last = pm
        sec = doc.section(c.n_start)
        base_year = (sec[1] if sec and sec[1] else None) or doc.year
        if last is not None:
            if last.group("year"):
                y = int(last.group("year"))
                return doc._sub_period(y, last.group("half"), last.group("quarter"), last.group("span")) or str(y)
            if base_year is None:
                return None
            if last.group("next"):
                return str(base_year + 1)
            if last.group("last"):
                year = base_year - (2 if last.group("last") == "前年" else 1)
                if last.group("same") and doc.period and doc.period.startswith(str(base_year)):
                    return str(year) + doc.period[4:]
                return str(year)
            if last.group("half2") or last.group("quarter2") or last.group("span2"):
                return doc._sub_period(base_year, last.group("half2"), last.group("quarter2"),
                                       last.group("span2")) or str(base_year)
            if last.group("this"):
                return str(base_year) if kind == "target" else (doc.period if not (sec and sec[1]) else str(base_year))
        if sec and sec[1]:
            return str(sec[1])
        if doc.year is None:
            return None
        if kind == "target":
            if sec and sec[2] and doc.is_summary and not doc.is_plan:
                return str(doc.year + 1)
            return str(doc.year)
        return doc.period

    def _village_name(self, a: int, b: int, kw_has_cun: bool) -> str | None:
        """A village named as the subject in compact s[a:b] (clause start → keyword)."""
        region = self.s[a:b]
        trail = _NAME_TRAILER.search(region)
        if trail:
            region = region[:trail.start()]
            kw_has_cun = False  # "大刘庄村2023年村集体经济…": the keyword's 村 is not the name's
        pre = _NAME_PREFIX.match(region)
        off = pre.end() if pre else 0
        region = region[off:]
        if not region:
            return self._sentence_village(a)
        if _THIS_VILLAGE.fullmatch(region + ("村" if kw_has_cun else "")) or region in ("该", "本", "全", "我") and kw_has_cun:
            # "清水村将校舍改造为研学基地，…，全村集体经济收入…": the sentence's village first
            return self._sentence_village(a) or self.doc.village_orig
        if kw_has_cun and region.endswith(("村", "社区", "嘎查")):
            kw_has_cun = False  # "大坪村村集体经济收入": the keyword's 村 follows a full name
        cand = region + ("村" if kw_has_cun else "")
        ap = _APPOSITIVE_VILLAGE.search(cand)
        if ap and not _NOT_VILLAGE_NAME.search(ap.group("name")[:-1]):
            return _orig_slice(self.shadow, a + off + ap.start("name"), a + off + ap.end("name"))
        if kw_has_cun:
            ok = _VILLAGE_NAME.fullmatch(cand)
        else:
            ok = _VILLAGE_NAME.fullmatch(cand) or _VILLAGE_SUFFIX_NAME.fullmatch(cand)
        if ok and "村" in cand[:-1]:
            ok = None  # "石坎村实现村集体经济收入": a name, a verb, then the keyword's 村
        if not ok:
            # "后小郭村每年有…": the name starts the clause, a verb or time word follows
            sv = _SENTENCE_VILLAGE.match(region) or _VILLAGE_BEFORE_KEYWORD.search(region)
            if not sv or _NOT_VILLAGE_NAME.search(sv.group("name")[:-1]):
                return None
            return _orig_slice(self.shadow, a + off + sv.start("name"), a + off + sv.end("name"))
        if _NOT_VILLAGE_NAME.search(cand[:-1] if cand.endswith("村") else cand):
            return None
        start = a + off
        end = start + len(region) + (1 if kw_has_cun else 0)
        return _orig_slice(self.shadow, start, end)

    def _sentence_village(self, a: int) -> str | None:
        ss = self.doc.sent_start(a)
        if ss == a:
            return None
        head = self.s[ss:a]
        if _TOWNSHIP_WORDS.search(head):
            return None
        sv = _SENTENCE_VILLAGE.match(head)
        if not sv or _NOT_VILLAGE_NAME.search(sv.group("name")[:-1]):
            return None
        return _orig_slice(self.shadow, ss + sv.start("name"), ss + sv.end("name"))

    def _previous_clause_village(self, cs: int, kw: int) -> str | None:
        """The village named alone in the clause before (same sentence), when the figure's
        own clause names no subject before its keyword."""
        if cs <= self.doc.sent_start(cs) or cs < 2:
            return None
        head = self.s[cs:kw]
        pre = _NAME_PREFIX.match(head)
        rest = head[pre.end() if pre else 0:]
        if rest and not _NAME_TRAILER.fullmatch(rest):
            return None  # the clause has a subject of its own
        ps = self.doc.clause_start(cs - 1)
        m = _PREVIOUS_CLAUSE_VILLAGE.search(self.s, ps, cs)
        if m and not _NOT_VILLAGE_NAME.search(m.group("name")[:-1]):
            return _orig_slice(self.shadow, m.start("name"), m.end("name"))
        # The nearest clause before, in the same sentence, whose subject is a village.
        ss = self.doc.sent_start(cs)
        for _ in range(4):
            if _TOWNSHIP_WORDS.search(self.s, ps, cs):
                return None
            m = _CLAUSE_VILLAGE.match(self.s, ps, cs)
            group = ("object" if m.group("object") else "name") if m else None
            if m and not _NOT_VILLAGE_NAME.search(m.group(group)[:-1]):
                return _orig_slice(self.shadow, m.start(group), m.end(group))
            if ps <= ss:
                return None
            ps = self.doc.clause_start(ps - 1)
        return None

    def _paragraph_village(self, ls: int, end: int) -> str | None:
        """A paragraph that opens with a village as its subject ("东岙村是…。该村党委坚持…，
        2023年村集体经济收入达到386万元"): its figures are that village's while no sentence up
        to the figure speaks for the township or names another village's figure."""
        m = _PARAGRAPH_VILLAGE.match(self.s, ls, end)
        if not m or _NOT_VILLAGE_NAME.search(m.group("name")[:-1]) or _TOWNSHIP_WORDS.search(self.s, ls, end):
            return None
        return _orig_slice(self.shadow, m.start("name"), m.end("name"))

    def _scope(self, c: _Candidate) -> str:
        if c.scope:
            return c.scope
        s, doc = self.s, self.doc
        cs = doc.clause_start(c.kw)
        ce = doc.clause_end(c.n_end)
        kw_has_cun = s[c.kw:c.kw + 1] == "村" and c.indicator in ("collective_income", "collective_income_growth_pct")
        name = self._village_name(cs, c.kw, kw_has_cun)
        window = s[cs:ce]
        if not name and not _TOWNSHIP_WORDS.search(window) and not _PER_VILLAGE.search(window):
            name = self._previous_clause_village(cs, c.kw)
        if name:
            return f"village:{name}"
        if (_PER_VILLAGE.search(window) or (_PER_VILLAGE_COUNT.search(window) and c.qualifier == "at_least")) \
                and not _TOTAL_WORDS.search(window):
            return "per_village"
        if not _TOWNSHIP_WORDS.search(s, doc.sent_start(c.kw), ce):  # "全乡…，培训…": the sentence's subject
            ls = doc.line_start(c.kw)
            lv = _LINE_VILLAGE.match(s, ls, c.kw)
            group = ("name" if lv.group("name") else "speaker") if lv else None
            if lv and not _NOT_VILLAGE_NAME.search(lv.group(group)[:-1]):
                return "village:" + _orig_slice(self.shadow, lv.start(group), lv.end(group))
            block = doc.block_village(c.kw)
            if block:
                return f"village:{block}"
            para = self._paragraph_village(ls, ce)
            if para:
                return f"village:{para}"
            if ls >= 2:  # a quote under a speaker's tag line
                tag = _SPEAKER_TAG_LINE.match(s, doc.line_start(ls - 1), ls + 2)
                if tag and not _NOT_VILLAGE_NAME.search(tag.group("name")[:-1]):
                    return "village:" + _orig_slice(self.shadow, tag.start("name"), tag.end("name"))
        if doc.village_orig and not _TOWNSHIP_WORDS.search(window):
            return f"village:{doc.village_orig}"
        return "township"

    def _evidence(self, c: _Candidate) -> tuple[int, int]:
        """Original (start, end) of a 10–60 character evidence holding the figure."""
        sh, s = self.shadow, self.s
        a, b = min(c.a, c.n_start), max(c.b, c.n_end)
        cs = self.doc.clause_start(a)
        if sh.orig_end(b) - sh.orig(cs) <= EVIDENCE_MAX and _is_year_gap(s[cs:a]):
            a = cs  # the whole clause, unless that drags in another figure
        # never longer than 60 in the original (markers may lengthen it)
        while sh.orig_end(b) - sh.orig(a) > EVIDENCE_MAX and a < c.n_start:
            a += 1
        while sh.orig_end(b) - sh.orig(a) > EVIDENCE_MAX and b > c.n_end:
            b -= 1
        oa, ob = sh.orig(a), sh.orig_end(b)
        na, nb = sh.orig(c.n_start), sh.orig_end(c.n_end)
        text = self.text
        # Keep markup out when the figure's own clean stretch of text allows it.
        seg_a, seg_b = 0, len(text)
        if sh._markers and not sh.marker_between(na, nb):
            for ms, me in sh._markers:
                if me <= na:
                    seg_a = me
                elif ms >= nb:
                    seg_b = ms
                    break
        ca, cb = _grow(text, max(oa, seg_a), min(ob, seg_b), seg_a, seg_b)
        if cb - ca >= EVIDENCE_MIN:
            return ca, cb
        return _grow(text, oa, ob, 0, len(text))

    # -- main loop -------------------------------------------------------
    def _respectively(self) -> tuple[dict[int, tuple[int, str, bool]], dict[int, int]]:
        """Figures listed after 分别, by number start: (group id, village in the same place,
        written with a minus); and the groups that repeat an earlier group's figure. The villages are the list right before 分别 in its sentence
        ("上庄村、下庄村村集体经济收入分别为…"), or the list last named in the paragraph when
        the words before 分别 name no other village ("两村分别发展党员…")."""
        s, out = self.s, {}
        parent: dict[int, int] = {}  # a later group → the group whose figure it repeats
        group_of_list: dict[tuple[int, int], int] = {}
        for g, r in enumerate(_RESPECTIVELY_WORD.finditer(s)):
            # only near a 分别 (rare): the names-list pattern is costly over a whole text
            found = None
            for found in _RESPECTIVELY_NAMES.finditer(s, max(0, r.start() - R.RESPECTIVELY_REUSE_CHARS), r.start()):
                pass
            if found is None:
                continue
            ls, le = found.start("names"), found.end("names")
            if r.start() - le > R.RESPECTIVELY_REUSE_CHARS or "\n\n" in s[le:r.start()]:
                continue
            own = le >= self.doc.sent_start(r.start()) and r.start() - le <= 30 and not _SENT_RE.search(s, le, r.start())
            if not own and any(not _RESPECTIVELY_GROUP.search(n.group()) for n in _RESPECTIVELY_NAME.finditer(
                    s, max(le, self.doc.clause_start(r.start())), r.start())):
                continue  # another village is named before this 分别
            names = self._list_names(ls, le)
            if any(_NOT_VILLAGE_NAME.search(n[:-1]) for n in names):
                continue
            if (ls, le) in group_of_list and _RESPECTIVELY_INHERIT.fullmatch(s, self.doc.clause_start(r.start()), r.start()):
                parent[g] = group_of_list[(ls, le)]  # "；2024年两村分别为12万元、8万元": the same figure again
            group_of_list.setdefault((ls, le), g)
            end = self.doc.sent_end(r.end())
            nums = []
            for m in _NUM_RE.finditer(s, r.end(), end):
                if nums and not _RESPECTIVELY_SEPARATOR.fullmatch(s[nums[-1][1]:m.start()].rstrip("-")):
                    break
                nums.append((m.start(), m.end(), s[m.start() - 1:m.start()] == "-"))
                if len(nums) > len(names):
                    break  # more figures than names: the list is not about these villages
            if len(nums) == len(names):
                out.update({a: (g, name, neg) for (a, _, neg), name in zip(nums, names)})
        return out, parent

    def _list_names(self, ls: int, le: int) -> list[str]:
        """"岔河村、凉水村和高坪村" → the names; a list is cut only after 村/社区, so 和平村
        stays whole, and a verb before the first name ("分别为岔河村") is not part of it."""
        parts, start = [], ls
        for sep in _NAME_LIST_SEPARATOR.finditer(self.s, ls, le):
            parts.append((start, sep.start()))
            start = sep.end()
        parts.append((start, le))
        names = []
        for a, b in parts:
            lead = _NAME_LIST_LEAD.match(self.s, a, b)
            if lead and b - lead.end() >= 3:
                a = lead.end()
            names.append(_orig_slice(self.shadow, a, b))
        return names

    def run(self) -> list[Fact]:
        s = self.s
        respectively, repeats = self._respectively()
        group_indicator: dict[int, tuple[str, int]] = {}
        covered = self._tables()
        cov_starts = [a for a, _ in covered]
        for m in _NUM_RE.finditer(s):
            n_start = m.start()
            if covered:
                k = bisect.bisect_right(cov_starts, n_start)
                if k and covered[k - 1][1] > n_start:
                    continue
            cls = "percent" if m.group("pct") and not m.group("unit") else _unit_class(m.group("unit"))
            if cls in ("pp", "other"):
                continue
            token = m.group("n1")
            is_cn = not _ARABIC_RE.match(token) and not _MASKED_RE.match(token)
            if is_cn and _CN_SET_PHRASE_AFTER.match(s, m.end()):
                continue
            if is_cn and _VAGUE_NUMBER.search(s, max(0, n_start - 1), n_start + 1):
                continue  # 几十万元, 数十万元, 上百万元: no figure
            ss = self.doc.sent_start(n_start)
            cands = None
            if cls in ("money", "money_bare"):
                cands = (self._income(m, cls, ss) or self._income_continuation(m, ss)
                         or self._income_village_list(m, cls, ss))
                if cands:
                    self._last_income = (ss, m.end(), cands[0].kw)
            elif cls == "percent":
                cands = self._growth(m, ss)
            else:
                if _RANK_BEFORE.search(s, max(0, n_start - 4), n_start):
                    continue
                if cls == "persons":
                    cands = self._new_members(m, ss) or self._training(m, cls, ss)
                elif cls == "person_times":
                    cands = self._training(m, cls, ss)
                elif cls == "count":
                    cands = self._grid(m, ss)
            if not cands:
                cands = (self._continuation(m, cls, ss) or self._period_continuation(m, cls, ss)
                         or self._completion_target(m, cls, ss) or self._named_target(m, cls, ss))
            if n_start in respectively:
                group, name, negative = respectively[n_start]
                if not cands and group not in group_indicator and cls in ("money", "money_bare") \
                        and self._last_income and self._last_income[0] == ss:
                    # "…全部达到20万元以上，其中石门村、枧田村分别达到152万元和98.6万元": the sentence's income
                    cands = self._money_candidates(m, "collective_income", m.start(), ss)
                if cands:
                    # "同比分别下降31.2%、26.5%和19.7%": the decline word before the first figure holds for all
                    declined = (cands[-1].indicator == "collective_income_growth_pct" and cands[-1].value is not None
                                and cands[-1].value < 0 and not negative)
                    group_indicator.setdefault(group, (cands[-1].indicator, cands[-1].kw, declined))
                elif group in group_indicator or repeats.get(group) in group_indicator:
                    indicator, kw, declined = group_indicator.get(group) or group_indicator[repeats[group]]
                    negative = negative or declined
                    if (indicator == "collective_income") != (cls in ("money", "money_bare")) \
                            or (indicator == "collective_income_growth_pct") != (cls == "percent"):
                        indicator = None
                    cands = None if indicator is None else (
                        self._money_candidates(m, indicator, kw, ss)
                        if indicator in ("collective_income", "collective_income_growth_pct")
                        else self._count_value(m, indicator, kw, kw, m.end(), ss))
                for c in cands or []:
                    c.scope = f"village:{name}"
                    if negative and c.indicator == "collective_income_growth_pct" and c.value and c.value > 0:
                        c.value = -c.value  # "同比分别增长20%、-5%"
            if not cands:
                continue
            self._last_fact = (ss, m.end(), cands[-1].indicator, cls)
            if cands[-1].indicator == "collective_income":
                self._last_income = (ss, m.end(), cands[0].kw)
            for c in cands:
                self._emit(c, ss)
        self.facts.sort(key=lambda f: (f.start, f.end, f.indicator))
        return self._dedupe(self.facts)

    def _emit(self, c: _Candidate, ss: int, kind: str | None = None, period: str | None = None):
        if kind is None:
            kind = c.kind or self._kind(c, ss)
            period = self._period(c, ss, kind)
        scope = self._scope(c)
        oa, ob = self._evidence(c)
        value = _clean_value(c.value)
        qualifier = "redacted" if value is None else c.qualifier
        self.facts.append(Fact(self.doc_name, c.indicator, value, qualifier, kind, scope, period,
                               self.text[oa:ob], oa, ob))

    @staticmethod
    def _dedupe(facts: list[Fact]) -> list[Fact]:
        seen = set()
        out = []
        for f in facts:
            key = (f.indicator, f.value, f.qualifier, f.start, f.end)
            if key not in seen:
                seen.add(key)
                out.append(f)
        return out

    # -- flattened tables ------------------------------------------------
    def _tables(self) -> list[tuple[int, int]]:
        s = self.s
        covered: list[tuple[int, int]] = []
        pos = 0
        while True:
            m = _TABLE_FIRST.search(s, pos)
            if not m:
                break
            end = self._table_at(m.start("first"))
            if end:
                covered.append((m.start("first"), end))
                pos = end
            else:
                pos = m.end()
        return covered

    def _table_at(self, start: int) -> int | None:
        s = self.s
        hi = min(len(s), start + R.TABLE_SCAN_MAX)
        stop = s.find("\n\n", start)
        if 0 <= stop < hi:
            hi = stop
        first_nl = s.find("\n", start, hi)
        cell_re = _TABLE_CSV_CELL if _TABLE_CSV_HEADER.fullmatch(s, start, first_nl if first_nl >= 0 else hi) \
            else _TABLE_CELL
        self._cell_re = cell_re
        tokens = [(t.start(), t.end(), t.group()) for t in cell_re.finditer(s, start, hi)]
        # header cells: up to the first value cell; "(万元)" alone joins the cell before
        header: list[list] = []
        i = 0
        while i < len(tokens) and not _TABLE_VALUE.match(tokens[i][2]):
            if header and re.match(r"^[(（]", tokens[i][2]):
                header[-1] = [header[-1][0], tokens[i][1], header[-1][2] + tokens[i][2]]
            else:
                header.append(list(tokens[i]))
            i += 1
            if len(header) > 16:
                return None
        if i >= len(tokens):
            return None
        has_index = header and header[0][2] == "序号"
        line_end = s.find("\n", start, hi)
        if 0 <= line_end < tokens[i][0]:
            first_line = [h for h in header if h[1] <= line_end]
            if len(first_line) >= 2:
                return self._line_table(first_line, line_end, hi, has_index, self._income_table(start))
        if not has_index:
            if len(header) < 3:
                return None
            header, i = header[:-1], i - 1  # the last "header" cell is the first row's name
        ncols = len(header)
        columns = _table_columns([name for _, _, name in header], self._income_table(start))
        if not any(ind for ind, _ in columns):
            return None
        name_col = 1 if has_index else 0
        rows = []
        while i + ncols <= len(tokens):
            row = tokens[i:i + ncols]
            if not _TABLE_NAME.match(row[name_col][2]):
                break
            values = [cell for j, cell in enumerate(row) if j != name_col and not (has_index and j == 0)]
            if not all(_TABLE_VALUE.match(cell[2]) for cell in values):
                break
            rows.append(row)
            i += ncols
        if not rows:
            return None
        self._emit_table(columns, [(row, name_col, 0) for row in rows])
        return rows[-1][-1][1]

    def _income_table(self, start: int) -> bool:
        """The lines just above a table introduce it as collective income ("收入居前的村情况如下"
        after a paragraph on 集体经济收入): then a bare 收入 column is that income."""
        lo = self.s.rfind("\n\n", 0, start)
        if lo >= 0 and not self.s[lo:start].strip():  # a blank line right above the table: the block before
            lo = self.s.rfind("\n\n", 0, lo)
        return bool(_TABLE_INCOME_CONTEXT.search(self.s, max(lo, start - R.TABLE_CONTEXT_LOOKBACK, 0), start))

    def _line_table(self, header, line_end, hi, has_index, income_context=False) -> int | None:
        """A table laid out one row a line: text cells are allowed in columns that
        hold no indicator, trailing cells may be missing, and a row without an
        index cell ("合计 …" under "序号") is read one column to the right."""
        s = self.s
        columns = _table_columns([name for _, _, name in header], income_context)
        if not any(ind for ind, _ in columns):
            return None
        rows = []
        end = None
        pos = line_end + 1
        while pos < hi:
            nl = s.find("\n", pos, hi)
            nl = hi if nl < 0 else nl
            if not rows and _TABLE_RULE_LINE.fullmatch(s, pos, nl):
                pos = nl + 1  # a markdown table's "|---|---|" line under its header
                continue
            cells = [(t.start(), t.end(), t.group()) for t in self._cell_re.finditer(s, pos, nl)]
            if not cells:
                break
            shift = 0
            if has_index:
                if re.fullmatch(r"\d{1,3}", cells[0][2]):
                    name_col = 1
                else:
                    name_col, shift = 0, 1
            else:
                name_col = 0
            if len(cells) <= name_col or not _TABLE_NAME.match(cells[name_col][2]) \
                    or len(cells) + shift > len(columns):
                break
            ok = False
            for j, cell in enumerate(cells):
                ind = columns[j + shift][0]
                if ind and j != name_col:
                    if not _TABLE_VALUE.match(cell[2]):
                        ok = False
                        break
                    ok = True
            if not ok:
                break
            rows.append((cells, name_col, shift))
            end = cells[-1][1]
            pos = nl + 1
        if not rows:
            return None
        self._emit_table(columns, rows)
        return end

    def _emit_table(self, columns, rows):
        """rows: (cells, name column, shift), cell j being column j + shift."""
        for ci, (ind, colname) in enumerate(columns):
            if not ind:
                continue
            mult = 1
            if "亿元" in colname:
                mult = 100_000_000
            elif "万元" in colname or "万" in colname:
                mult = 10_000
            col_values = [row[ci - shift] for row, _, shift in rows if 0 <= ci - shift < len(row)]
            stated = _TABLE_UNIT_CAPTION.search(self.s, max(0, rows[0][0][0][0] - R.TABLE_CAPTION_LOOKBACK),
                                                rows[0][0][0][0]) if rows else None
            if ind == "collective_income" and mult == 1 and "元" not in colname and stated:
                mult = R.MULTIPLIERS.get(stated.group("unit")[0], 1) if stated.group("unit") != "元" else 1
            elif ind == "collective_income" and mult == 1 and "元" not in colname:
                nums = [float(re.sub(r"[^\d.]", "", c[2]) or 0) for c in col_values if re.match(r"\d", c[2])]
                mult = 10_000 if nums and max(nums) < 10_000 else 1
            kind = "target" if _TABLE_TARGET_COLUMN.search(colname) else "actual"
            ym = _YEAR_RE.search(colname)
            last_year = bool(_TABLE_LAST_YEAR.match(colname))
            for row, name_col, shift in rows:
                if not 0 <= ci - shift < len(row) or ci - shift == name_col:
                    continue
                name_cell = row[name_col]
                cell = row[ci - shift]
                name = name_cell[2]
                if _TABLE_SKIP.match(name) or cell[2] in ("-", "—", "/", "无"):
                    continue
                year_row = _TABLE_YEAR_ROW.fullmatch(name)
                if year_row:  # a table by year: the document's village, or the township
                    scope = f"village:{self.doc.village_orig}" if self.doc.village_orig else "township"
                else:
                    scope = "township" if _TABLE_TOWNSHIP.match(name) else \
                        "village:" + _orig_slice(self.shadow, name_cell[0], name_cell[1])
                raw = cell[2].lstrip("+")
                num = re.match(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[Xx×*]+", raw).group()
                v = _to_number(num.lstrip("-"))
                if v is not None and num.startswith("-"):
                    v = -v
                cell_mult = mult
                if raw[len(num):].startswith("万"):
                    cell_mult = 10_000 if mult == 1 else mult
                value = None if v is None else v * cell_mult
                c = _Candidate(ind, value, "redacted" if v is None else "exact", name_cell[0], cell[1],
                               name_cell[0], cell[0], cell[1], scope)
                ss = self.doc.sent_start(cell[0])
                period = str(ym.group()) if ym else (self.doc.period if kind == "actual" else
                                                   (str(self.doc.year) if self.doc.year else None))
                if year_row:
                    period = year_row.group("year")
                if last_year and period and period[:4].isdigit():
                    period = str(int(period[:4]) - 1) + period[4:]
                self._emit(c, ss, kind=kind, period=period)


def _table_columns(names: list[str], income_context: bool = False) -> list[tuple[str | None, str]]:
    """(indicator or None, header) per column; a bare growth column counts only
    beside a collective income column, and a bare income column ("上半年收入") only
    in a table introduced as collective income."""
    columns = []
    for name in names:
        ind = None
        if not _TABLE_COLUMN_EXCLUDE.search(name):
            ind = next((code for code, pattern in _TABLE_COLUMNS if pattern.search(name)), None)
        columns.append((ind, name))
    if income_context and not any(ind == "collective_income" for ind, _ in columns):
        bare = next((j for j, (ind, name) in enumerate(columns)
                     if ind is None and _TABLE_BARE_INCOME.search(name) and not _TABLE_COLUMN_EXCLUDE.search(name)), None)
        if bare is not None:
            columns[bare] = ("collective_income", columns[bare][1])
    if any(ind == "collective_income" for ind, _ in columns):
        columns = [("collective_income_growth_pct" if ind is None and _TABLE_BARE_GROWTH.match(name)
                    else "collective_income" if ind is None and _TABLE_LAST_YEAR.match(name) else ind, name)
                   for ind, name in columns]
    return columns


def _grow(text: str, a: int, b: int, lo: int, hi: int) -> tuple[int, int]:
    """Widen [a, b) inside [lo, hi) to EVIDENCE_MIN characters: first within the
    line (left, then right), then across lines."""
    while b - a < EVIDENCE_MIN and a > lo and text[a - 1] != "\n":
        a -= 1
    while b - a < EVIDENCE_MIN and b < hi and text[b] != "\n":
        b += 1
    while b - a < EVIDENCE_MIN and a > lo:
        a -= 1
    while b - a < EVIDENCE_MIN and b < hi:
        b += 1
    # never cut a number in two ("86万元" must not read "6万元")
    while a > lo and _digitish(text[a - 1]) and _digitish(text[a]) and b - a < EVIDENCE_MAX:
        a -= 1
    while b < hi and _digitish(text[b - 1]) and _digitish(text[b]) and b - a < EVIDENCE_MAX:
        b += 1
    return a, b


def _digitish(ch: str) -> bool:
    return ch in "0123456789.,０１２３４５６７８９．"


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def extract_text(text: str, doc: str = "") -> list[Fact]:
    """All indicator facts in a document's decoded text, ordered by start offset."""
    if not text:
        return []
    return _Extractor(text, doc).run()


def extract_paths(paths) -> list[Fact]:
    """Facts of every readable document under paths (files or directories).

    Raises ValueError (Chinese message) on the first unreadable file.
    """
    facts: list[Fact] = []
    for path in iter_document_paths(paths):
        facts.extend(extract_text(read_document(path), doc=path.name))
    return facts


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------
def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def format_table(facts: list[Fact]) -> str:
    headers = ["文件", "指标", "数值", "限定", "类型", "范围", "期间", "原文"]
    rows = []
    for f in facts:
        value = "已遮挡" if f.value is None else (f"{f.value:,}" if isinstance(f.value, int) else f"{f.value:,.2f}")
        scope = {"township": "全乡（镇）", "per_village": "每村"}.get(f.scope, f.scope.replace("village:", "村：", 1))
        rows.append([f.doc, R.INDICATOR_LABELS.get(f.indicator, f.indicator), value,
                     R.QUALIFIER_LABELS.get(f.qualifier, f.qualifier), R.KIND_LABELS.get(f.kind, f.kind),
                     scope, f.period or "—", f.evidence.replace("\n", " ")])
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, widths[i]) for i, h in enumerate(headers)).rstrip(),
             "  ".join("-" * widths[i] for i in range(len(headers)))]
    for r in rows:
        lines.append("  ".join(_pad(c, widths[i]) for i, c in enumerate(r)).rstrip())
    lines.append(f"共 {len(facts)} 条")
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    _MESSAGES = (("the following arguments are required", "缺少参数"), ("invalid choice", "无效的选项"),
                 ("unrecognized arguments", "无法识别的参数"), ("expected one argument", "缺少参数值"),
                 ("argument ", "参数 "), ("choose from", "可选"))

    def error(self, message):  # Chinese, no traceback
        for english, chinese in self._MESSAGES:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        print(f"参数错误：{message}", file=sys.stderr)
        raise SystemExit(2)


def main(argv=None) -> int:
    parser = _Parser(prog="python -m etl.extract", description="从乡镇工作报告中提取指标数字（村集体经济收入、发展党员、网格、培训人次、集体经济收入增幅）")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件（.txt/.docx/.pdf）或目录（递归查找）")
    parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl", help="输出格式：jsonl（默认，每行一条 JSON）或 table（对齐的表格）")
    args = parser.parse_args(argv)
    try:
        files = iter_document_paths(args.paths)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    facts: list[Fact] = []
    errors = 0
    for path in files:
        try:
            text = read_document(path)
        except ValueError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            errors += 1
            continue
        facts.extend(extract_text(text, doc=path.name))
    out = sys.stdout
    if args.format == "jsonl":
        for f in facts:
            out.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(format_table(facts) + "\n")
    out.flush()
    if errors:
        print(f"有 {errors} 个文件无法读取（见上方错误信息）", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
