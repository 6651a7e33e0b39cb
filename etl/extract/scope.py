"""Stage 4c: whose figure is it — the township's, every village's, or one named village's."""
from __future__ import annotations

import re

from etl.extract import lexicon as L
from etl.extract import lexicon_context as C
from etl.extract.claims import at
from etl.extract.context import NOT_VILLAGE_NAME, clean_name, is_name
from etl.extract.model import Candidate

_PER_VILLAGE = re.compile("|".join(C.PER_VILLAGE))
_PER_VILLAGE_COUNT = re.compile(C.PER_VILLAGE_COUNT)
_APPROXIMATE_TOTAL = re.compile(C.APPROXIMATE_TOTAL)
_TOTAL_WORDS = re.compile(C.TOTAL_WORDS)
_NAME_PREFIX = re.compile(rf"^(?:{C.NAME_PREFIXES})+")
_NAME_TRAILER = re.compile(C.NAME_TRAILER)
_VILLAGE_NAME = re.compile(C.VILLAGE_NAME)
_VILLAGE_SUFFIX_NAME = re.compile(C.VILLAGE_SUFFIX_NAME)
_APPOSITIVE_VILLAGE = re.compile(C.APPOSITIVE_VILLAGE)
_THIS_VILLAGE = re.compile(rf"(?:{C.THIS_VILLAGE})$")
TOWNSHIP_WORDS = re.compile(C.TOWNSHIP_WORDS)
_SENTENCE_VILLAGE = re.compile(C.SENTENCE_VILLAGE)
_PARAGRAPH_VILLAGE = at(C.SENTENCE_VILLAGE)
_VILLAGE_BEFORE_KEYWORD = re.compile(C.VILLAGE_BEFORE_KEYWORD)
_PREVIOUS_CLAUSE_VILLAGE = re.compile(C.PREVIOUS_CLAUSE_VILLAGE)
_CLAUSE_VILLAGE = at(C.CLAUSE_VILLAGE)
_LINE_VILLAGE = re.compile(C.LINE_VILLAGE)
_SPEAKER_TAG_LINE = re.compile(C.SPEAKER_TAG_LINE)
_VILLAGE_MENTION = re.compile(C.VILLAGE_MENTION)
_PLACE_SENTENCE = at(C.PLACE_SENTENCE)
_TOWNSHIP_SUBJECT = re.compile(C.TOWNSHIP_SUBJECT)
_VILLAGE_GROUP = re.compile(L.VILLAGE_GROUP)
_PLACE_BEFORE = re.compile(r"(?:[镇乡县]|街道)$")


def _township_subject(scan, cs: int, kw: int) -> bool:
    """The clause's subject is a township ("袁桥镇已建立基本网格43个")."""
    head = scan.s[cs:kw]
    pre = _NAME_PREFIX.match(head)
    return bool(_TOWNSHIP_SUBJECT.match(head[pre.end() if pre else 0:]))


def _named(scan, m: re.Match | None, group: str = "name") -> str | None:
    """The original text of a matched name, unless it is a word such as 各村/该村."""
    if m is None or not is_name(m.group(group)):
        return None
    return scan.shadow.slice(m.start(group), m.end(group))


def _sentence_village(scan, a: int) -> str | None:
    ss = scan.doc.sent_start(a)
    if ss == a:
        return None
    head = scan.s[ss:a]
    if TOWNSHIP_WORDS.search(head):
        return None
    sv = _SENTENCE_VILLAGE.match(head)
    if not sv or not is_name(sv.group("name")):
        return None
    return scan.shadow.slice(ss + sv.start("name"), ss + sv.end("name"))


def _subject_village(scan, a: int, off: int, region: str, kw_has_cun: bool) -> str | None:
    """The name in region (the clause before the keyword, prefixes removed), when it is one."""
    cand = region + ("村" if kw_has_cun else "")
    ap = _APPOSITIVE_VILLAGE.search(cand)
    if ap and is_name(ap.group("name")):
        return scan.shadow.slice(a + off + ap.start("name"), a + off + ap.end("name"))
    ok = _VILLAGE_NAME.fullmatch(cand) or (not kw_has_cun and _VILLAGE_SUFFIX_NAME.fullmatch(cand))
    if ok and "村" in cand[:-1]:
        ok = None  # "石坎村实现村集体经济收入": a name, a verb, then the keyword's 村
    if not ok:
        # "后小郭村每年有…": the name starts the clause, a verb or time word follows
        for sv in (_SENTENCE_VILLAGE.match(region), _VILLAGE_BEFORE_KEYWORD.search(region)):
            if sv and is_name(sv.group("name")):
                return scan.shadow.slice(a + off + sv.start("name"), a + off + sv.end("name"))
        return None
    if NOT_VILLAGE_NAME.search(cand[:-1] if cand.endswith("村") else cand):
        return None
    start = a + off
    return scan.shadow.slice(start, start + len(region) + (1 if kw_has_cun else 0))


def village_name(scan, a: int, b: int, kw_has_cun: bool) -> str | None:
    """A village named as the subject in s[a:b] (clause start → keyword)."""
    region = scan.s[a:b]
    trail = _NAME_TRAILER.search(region)
    if trail:
        region = region[:trail.start()]
        kw_has_cun = False  # "大刘庄村2023年村集体经济…": the keyword's 村 is not the name's
    pre = _NAME_PREFIX.match(region)
    off = pre.end() if pre else 0
    region = region[off:]
    if not region:
        return _sentence_village(scan, a)
    if _THIS_VILLAGE.fullmatch(region + ("村" if kw_has_cun else "")) or region in ("该", "本", "全", "我") and kw_has_cun:
        # "清水村将校舍改造为研学基地，…，全村集体经济收入…": the sentence's village first
        return _sentence_village(scan, a) or scan.doc.village_orig
    if kw_has_cun and region.endswith(("村", "社区", "嘎查")):
        kw_has_cun = False  # "大坪村村集体经济收入": the keyword's 村 follows a full name
    return _subject_village(scan, a, off, region, kw_has_cun)


def _acting_clause_village(scan, ps: int, cs: int) -> str | None:
    """The nearest clause before, in the same sentence, whose subject is a village."""
    ss = scan.doc.sent_start(cs)
    for _ in range(4):
        if TOWNSHIP_WORDS.search(scan.s, ps, cs):
            return None
        m = _CLAUSE_VILLAGE.match(scan.s, ps, cs)
        if m:
            name = _named(scan, m, "object" if m.group("object") else "name")
            if name:
                return name
        if ps <= ss:
            return None
        ps = scan.doc.clause_start(ps - 1)
    return None


def _no_subject(scan, cs: int, kw: int) -> bool:
    head = scan.s[cs:kw]
    pre = _NAME_PREFIX.match(head)
    rest = head[pre.end() if pre else 0:]
    return not rest or bool(_NAME_TRAILER.fullmatch(rest))


def carried_village(scan, cs: int, kw: int) -> str | None:
    """"大坪村村财收入5万元，集体经济净收入3.5万元": a clause with no subject of its own after a
    clause of the same sentence whose figure was a village's."""
    last = scan.last_scope
    if not last or last[0] != scan.doc.sent_start(kw) or not last[1].startswith("village:"):
        return None
    return last[1][len("village:"):] if _no_subject(scan, cs, kw) else None


def previous_clause_village(scan, cs: int, kw: int) -> str | None:
    """The village named alone in the clause before (same sentence), when the figure's
    own clause names no subject before its keyword."""
    if cs <= scan.doc.sent_start(cs) or cs < 2:
        return None
    if not _no_subject(scan, cs, kw):
        return None  # the clause has a subject of its own
    ps = scan.doc.clause_start(cs - 1)
    found = _named(scan, _PREVIOUS_CLAUSE_VILLAGE.search(scan.s, ps, cs))
    return found or _acting_clause_village(scan, ps, cs)


def _paragraph_village(scan, ls: int, end: int) -> str | None:
    """A paragraph that opens with a village as its subject ("东岙村是…。该村党委坚持…，
    2023年村集体经济收入达到386万元"): its figures are that village's while no sentence up
    to the figure speaks for the township."""
    m = _PARAGRAPH_VILLAGE.match(scan.s, ls, end)
    if not m or TOWNSHIP_WORDS.search(scan.s, ls, end):
        return None
    return _named(scan, m)


def _line_context_village(scan, c: Candidate, ce: int) -> str | None:
    """A line headed by a village, a ledger block, a paragraph's subject, a speaker's tag line."""
    s, doc = scan.s, scan.doc
    ls = doc.line_start(c.kw)
    lv = _LINE_VILLAGE.match(s, ls, c.kw)
    if lv:
        name = _named(scan, lv, "name" if lv.group("name") else "speaker")
        if name:
            return name
    block = doc.block_village(c.kw)
    if block:
        return block
    para = _paragraph_village(scan, ls, ce)
    if para:
        return para
    if ls >= 2:  # a quote under a speaker's tag line
        return _named(scan, _SPEAKER_TAG_LINE.match(s, doc.line_start(ls - 1), ls + 2))
    return None


def scope(scan, c: Candidate) -> str:
    found = _scope(scan, c)
    return f"village:{clean_name(found[8:])}" if found.startswith("village:") else found


def _every_village(scan, c: Candidate, window: str) -> bool:
    """Every village reaches the figure (每村…10万元, 全乡7个村…10万元以上) — not a total of them
    ("全县463个村…1600余万元", "各村集体经济收入…达到816.82万元")."""
    if _TOTAL_WORDS.search(window):
        return False
    figure = scan.s[c.n_start:c.n_end]
    if _PER_VILLAGE_COUNT.search(window):
        return c.qualifier == "at_least" and not _APPROXIMATE_TOTAL.search(figure)
    cue = _PER_VILLAGE.search(window)
    if cue and cue.group() in ("各村", "各行政村") and (
            c.indicator == "training_attendance"  # "各村(社区)600余名网格员参加培训": the total trained
            or (c.qualifier == "exact" and not re.search(r"均|都|全部", window))):
        return False
    return bool(cue)


def _referent(scan, kw: int) -> str | None:
    """The village last mentioned by name before kw in the paragraph, with no township between."""
    lo = max(0, kw - C.REFERENT_LOOKBACK, scan.s.rfind("\n\n", 0, kw) + 1)
    found = None
    for m in _VILLAGE_MENTION.finditer(scan.s, lo, kw):
        # a name, not a verb before 村 ("依托村…"): it is named at least twice in the document, or
        # after its township ("渠江镇桃坪村")
        if is_name(m.group("name")) and (scan.name_count(m.group("name")) >= 2
                                         or _PLACE_BEFORE.search(scan.s, max(0, m.start("name") - 2), m.start("name"))):
            found = m
    if found is None or TOWNSHIP_WORDS.search(scan.s, found.end(), kw):
        return None
    return clean_name(scan.shadow.slice(found.start("name"), found.end("name")))


def _own_collective(scan, c: Candidate, cs: int) -> bool:
    """The figure is "the village's": 村集体…/村级… with no subject, or 该村/全村/我们 before it."""
    s = scan.s
    if c.indicator not in ("collective_income", "collective_income_growth_pct"):
        return False
    head = s[cs:c.kw]
    pre = _NAME_PREFIX.match(head)
    rest = head[pre.end() if pre else 0:]
    trail = _NAME_TRAILER.search(rest)
    rest = rest[:trail.start()] if trail else rest
    return (s[c.kw:c.kw + 1] == "村" and not rest) or bool(rest and _THIS_VILLAGE.fullmatch(rest))


def _continued_village(scan, c: Candidate, cs: int) -> str | None:
    """"张庄村…从2017年的0元到2018年的5.09万元，到2019年的11.36万元": the next level of a village's
    figure in the same sentence is that village's, unless a cue of its own comes between."""
    last, lf = scan.last_scope, scan.last_fact
    if c.rule != "followup.same_sentence" or not last or not lf or not last[1].startswith("village:"):
        return None
    if last[0] != scan.doc.sent_start(c.n_start):
        return None
    between = scan.s[max(cs, lf[1]):c.n_start]
    if _PER_VILLAGE.search(between) or TOWNSHIP_WORDS.search(between) or _VILLAGE_MENTION.search(between):
        return None
    return last[1]


def _scope(scan, c: Candidate) -> str:
    if c.scope:
        return c.scope
    s, doc = scan.s, scan.doc
    cs, ce = doc.clause_start(c.kw), doc.clause_end(c.n_end)
    continued = _continued_village(scan, c, cs)
    if continued:
        return continued
    # "大坪村集体经济收入": the keyword's 村 ends the name; "贵阳贵安村级集体经济": 村级 is "village-level"
    kw_has_cun = s[c.kw:c.kw + 1] == "村" and not s.startswith("村级", c.kw) \
        and c.indicator in ("collective_income", "collective_income_growth_pct")
    name = village_name(scan, cs, c.kw, kw_has_cun)
    window = s[cs:ce]
    if not name and not TOWNSHIP_WORDS.search(window) and not _PER_VILLAGE.search(window):
        name = previous_clause_village(scan, cs, c.kw) or carried_village(scan, cs, c.kw)
    if name:
        return f"village:{name}"
    if _every_village(scan, c, window):
        return "per_village"
    if _township_subject(scan, cs, c.kw):
        return "township"
    if not TOWNSHIP_WORDS.search(s, doc.sent_start(c.kw), ce):  # "全乡…，培训…": the sentence's subject
        name = _line_context_village(scan, c, ce)
        if name:
            return f"village:{name}"
    # "贵阳贵安996个行政村经营性收入总额突破6亿元": many villages' figure, not the document's village
    if _PLACE_SENTENCE.match(s, doc.sent_start(c.kw)):
        return "township"
    if not TOWNSHIP_WORDS.search(window) and _own_collective(scan, c, cs):
        name = _referent(scan, c.kw)
        if name:
            return f"village:{name}"
    # trainees gathered in a village a story is about come from the county ("兴十四村又迎来210名党员");
    # in the village's own summary, plan or ledger they are its own
    if doc.village_orig and (c.indicator != "training_attendance" or doc.is_own_report) \
            and not TOWNSHIP_WORDS.search(window) \
            and not _VILLAGE_GROUP.search(s, doc.sent_start(c.kw), c.n_start):
        return f"village:{doc.village_orig}"
    return "township"
