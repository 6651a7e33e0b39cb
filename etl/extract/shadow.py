"""The normalised shadow of a document's text, and the way back to the text as decoded.

Rules match on the shadow: traditional → simplified one character for one, full-width → half-width,
markup markers, soft line wraps and stray spaces removed. Every offset found in the shadow is
mapped back, so that evidence is always a verbatim slice of the original text.
"""
from __future__ import annotations

import bisect
import functools
import re

from etl.extract import lexicon as L
from terms.chinese import t2s_table

# (the lookahead lets the scan skip every character no removal starts with)
_REMOVE_RE = re.compile("(?=[#<&(\n\u200b\u200c\u200d\u2060\ufeff\u00ad])(?:"
                        + "|".join(L.METADATA_PATTERNS + L.MARKUP_PATTERNS) + "|" + L.SOFT_WRAP_PATTERN + ")")
_MARKUP_RE = re.compile("|".join(L.MARKUP_PATTERNS))
_METADATA_RE = re.compile("|".join(L.METADATA_PATTERNS))
_LONE_SPACE_BEFORE_NUMBER = re.compile(L.LONE_SPACE_BEFORE_NUMBER)
_SPACE_AFTER_DECIMAL_POINT = re.compile(L.SPACE_AFTER_DECIMAL_POINT)
_DANGLING_VERB_BREAK = re.compile(L.DANGLING_VERB_BREAK)
_WHOLE_SHORT_LINE = re.compile(L.WHOLE_SHORT_LINE)
_LINE_HEADING = re.compile(L.LINE_START_HEADING)
_TABLE_LINE = re.compile(L.TABLE_LINE)
_KEY_VALUE_LINE = re.compile(L.KEY_VALUE_LINE)
_OPEN_LINE_END = re.compile("[^\\s" + re.escape(L.LINE_END_PUNCTUATION) + "]\n")
_FULL_LINE_END = re.compile(r"\S\n")


@functools.lru_cache(maxsize=1)
def _char_map() -> dict[int, str]:
    table: dict[int, str] = dict(t2s_table())
    for cp in range(0xFF01, 0xFF5F):
        if cp != 0xFF0C:  # keep the Chinese comma distinct from a thousands separator
            table[cp] = chr(cp - 0xFEE0)
    table.update({0x3000: " ", 0xA0: " ", ord("\r"): "\n", ord("\t"): "\t", ord("﹪"): "%",
                  ord("％"): "%", ord("﹐"): "，", ord("﹔"): ";", ord("﹕"): ":",
                  ord("丨"): "|"})  # "为了人民丨代村": a separator in titles, not a character of a name
    return table


def normalise(text: str) -> str:
    """The same-length shadow: traditional → simplified, full-width → half-width."""
    return text.translate(_char_map())


def _removals(norm: str) -> list[tuple[int, int]]:
    """Spans of the normalised text that the shadow drops, sorted."""
    spans = [(m.start(), m.end()) for m in _REMOVE_RE.finditer(norm)]
    spans += [(m.start(), m.end()) for m in _SPACE_AFTER_DECIMAL_POINT.finditer(norm)]
    for m in _LONE_SPACE_BEFORE_NUMBER.finditer(norm):
        ls = norm.rfind("\n", 0, m.start()) + 1
        le = norm.find("\n", m.end())
        line = norm[ls:le if le >= 0 else len(norm)]
        if line.count(" ") == 1 and "\t" not in line and "|" not in line:
            spans.append((m.start(), m.end()))
    spans.sort()
    wraps = wrapped_line_breaks(norm)
    if wraps:
        taken = {a for a, _ in spans}
        spans = sorted(spans + [(i, i + 1) for i in wraps if i not in taken])
    return spans


class Shadow:
    """Normalised text with markup removed (``s``), and the way back to original offsets."""

    def __init__(self, text: str):
        self.text = text
        norm = normalise(text)
        parts: list[str] = []
        self._pos: list[int] = []      # compact position before which a removal sits
        self._cum: list[int] = []      # removed characters up to and including that removal
        self.markers: list[tuple[int, int]] = []  # original spans of markup (not soft wraps)
        last = removed = 0
        for a, b in _removals(norm):
            if a < last:  # overlapping removals
                continue
            parts.append(norm[last:a])
            self._pos.append(a - removed)
            removed += b - a
            self._cum.append(removed)
            if norm[a:b] != "\n" and not _METADATA_RE.fullmatch(norm, a, b):
                self.markers.append((a, b))
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
        for ms, me in self.markers:
            if ms >= b:
                break
            if ms >= a and me <= b:
                found = (ms, me)
        return found

    def slice(self, a: int, b: int) -> str:
        """The original text of compact [a, b), markup and pinyin left out (for names)."""
        return _METADATA_RE.sub("", _MARKUP_RE.sub("", self.text[self.orig(a):self.orig_end(b)]))


def _breaks_inside(line: str, nxt: str) -> bool:
    stripped = line.rstrip()
    return (stripped[-1] not in L.LINE_END_PUNCTUATION and bool(nxt.strip())
            and not _WHOLE_SHORT_LINE.fullmatch(stripped)
            and not _LINE_HEADING.match(nxt) and not _LINE_HEADING.match(line)
            and not _TABLE_LINE.search(line) and not _TABLE_LINE.search(nxt)
            and not _KEY_VALUE_LINE.match(line) and not _KEY_VALUE_LINE.match(nxt))


def wrapped_line_breaks(norm: str) -> list[int]:
    """Positions of line breaks inside sentences, for text whose lines are broken
    everywhere (PDF text layers); otherwise only the breaks after a dangling verb."""
    dangling = [m.start() for m in _DANGLING_VERB_BREAK.finditer(norm)]  # "…收入达\n1536万元"
    if norm.count("\n") < L.WRAPPED_MIN_LINES:
        return dangling
    # A cheap bound first: only lines that end without punctuation can be broken inside a sentence.
    # (breaks ≤ open ends, and lines ending in a visible character are a lower bound of all lines)
    open_ends = len(_OPEN_LINE_END.findall(norm))
    if open_ends < L.WRAPPED_MIN_SHARE * len(_FULL_LINE_END.findall(norm)):
        return dangling
    lines = norm.split("\n")
    breaks = []
    pos = total = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        if line.rstrip():
            total += 1
            if _breaks_inside(line, lines[i + 1]):
                breaks.append(pos)
        pos += 1
    if total == 0 or len(breaks) < L.WRAPPED_MIN_SHARE * total:
        return dangling
    return sorted(set(breaks) | set(dangling))
