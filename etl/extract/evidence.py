"""Stage 5: the verbatim evidence of a fact — 10–60 characters of the original text holding the
figure, as much of its clause as fits, markup kept out where the text allows."""
from __future__ import annotations

from etl.extract.claims import is_year_gap
from etl.extract.model import EVIDENCE_MAX, EVIDENCE_MIN, Candidate


def _digitish(ch: str) -> bool:
    return ch in "0123456789.,０１２３４５６７８９．"


def grow(text: str, a: int, b: int, lo: int, hi: int) -> tuple[int, int]:
    """Widen [a, b) inside [lo, hi) to EVIDENCE_MIN characters: first within the
    line (left, then right), then across lines; never cut a number in two."""
    while b - a < EVIDENCE_MIN and a > lo and text[a - 1] != "\n":
        a -= 1
    while b - a < EVIDENCE_MIN and b < hi and text[b] != "\n":
        b += 1
    while b - a < EVIDENCE_MIN and a > lo:
        a -= 1
    while b - a < EVIDENCE_MIN and b < hi:
        b += 1
    while a > lo and _digitish(text[a - 1]) and _digitish(text[a]) and b - a < EVIDENCE_MAX:
        a -= 1  # "86万元" must not read "6万元"
    while b < hi and _digitish(text[b - 1]) and _digitish(text[b]) and b - a < EVIDENCE_MAX:
        b += 1
    return a, b


def _clean_stretch(shadow, na: int, nb: int) -> tuple[int, int]:
    """The stretch of original text around the figure that holds no markup."""
    seg_a, seg_b = 0, len(shadow.text)
    if shadow.markers and not shadow.marker_between(na, nb):
        for ms, me in shadow.markers:
            if me <= na:
                seg_a = me
            elif ms >= nb:
                seg_b = ms
                break
    return seg_a, seg_b


def evidence(scan, c: Candidate) -> tuple[int, int]:
    """Original (start, end) of the evidence of candidate c."""
    sh, s = scan.shadow, scan.s
    a, b = min(c.a, c.n_start), max(c.b, c.n_end)
    cs = scan.doc.clause_start(a)
    if sh.orig_end(b) - sh.orig(cs) <= EVIDENCE_MAX and is_year_gap(s[cs:a]):
        a = cs  # the whole clause, unless that drags in another figure
    while sh.orig_end(b) - sh.orig(a) > EVIDENCE_MAX and a < c.n_start:
        a += 1  # never longer than 60 in the original (markers may lengthen it)
    while sh.orig_end(b) - sh.orig(a) > EVIDENCE_MAX and b > c.n_end:
        b -= 1
    oa, ob = sh.orig(a), sh.orig_end(b)
    seg_a, seg_b = _clean_stretch(sh, sh.orig(c.n_start), sh.orig_end(c.n_end))
    ca, cb = grow(sh.text, max(oa, seg_a), min(ob, seg_b), seg_a, seg_b)
    if cb - ca >= EVIDENCE_MIN:
        return ca, cb
    return grow(sh.text, oa, ob, 0, len(sh.text))
