"""Rules for counted indicators: new party members (名/人), grids (个), training attendance (人次/人)."""
from __future__ import annotations

import re

from etl.extract import lexicon as L
from etl.extract.claims import alt, at, count_value, last
from etl.extract.model import Candidate, Rule
from etl.extract.quantities import to_number

_NEW_MEMBER_TAIL = re.compile(L.NEW_MEMBER_TAIL)
_NEW_MEMBER_BETWEEN_EXCLUDE = re.compile(L.NEW_MEMBER_BETWEEN_EXCLUDE)
_NEW_MEMBER_VERB_TAIL = re.compile(L.NEW_MEMBER_VERB_TAIL)
_NEW_MEMBER_AFTER = at(L.NEW_MEMBER_AFTER)
_NEW_MEMBER_JOIN_AFTER = at(L.NEW_MEMBER_JOIN_AFTER)
_GRID_TAIL = re.compile(L.GRID_TAIL)
_GRID_VERB_NEAR = re.compile(L.GRID_VERB_NEAR)
_GRID_AFTER = at(L.GRID_AFTER)
_GRID_RATIO = at(L.GRID_RATIO)
_GRID_STANDARD = re.compile(L.GRID_STANDARD)
_GRID_UNIT_STANDARD = re.compile(L.GRID_UNIT_STANDARD)
_GRID_NOUN_BEFORE = re.compile(L.GRID_NOUN_BEFORE)
_GRID_COUNT_THEN_KIND = at(L.GRID_COUNT_THEN_KIND)
_GRID_CHANGE_BEFORE = re.compile(L.GRID_CHANGE_BEFORE)
_GRID_LIST_ITEM = at(L.GRID_LIST_ITEM)
_GRID_FROM = re.compile(L.GRID_FROM)
_GRID_FROM_AFTER = at(L.GRID_FROM_AFTER)
_COUNT_FOLLOW_OK = at(L.COUNT_FOLLOW_OK)
_TRAINING_KW = re.compile(L.TRAINING_KEYWORDS)
_TRAINING_AFTER_SEP = re.compile(L.TRAINING_AFTER_SEPARATOR)
_TRAINING_GAP_EXCLUDE = re.compile(alt(L.TRAINING_GAP_EXCLUDE))
_TRAINING_PERSON_GAP_EXCLUDE = re.compile(alt(L.TRAINING_PERSON_GAP_EXCLUDE))
_TRAINING_SESSION = re.compile(L.TRAINING_SESSION_COUNT)
_TRAINING_AFTER = at(L.TRAINING_AFTER)
_TRAINING_QUOTE = re.compile(L.TRAINING_QUOTE)
_TRAINING_AFTER_WORDS = at(L.TRAINING_AFTER_WORDS)
_TRAINING_LIST_NEXT = at(L.TRAINING_LIST_NEXT)
_CULTIVATED_AFTER = at(L.CULTIVATED_AFTER)
_TRAINING_LIST_PERSONS = at(L.TRAINING_LIST_PERSONS)
_BREAKDOWN_BEFORE = at(L.BREAKDOWN_BEFORE)
_DIGIT = re.compile(r"\d")
_FULL_STOP = re.compile(r"[。！？!?\n]")
_TRAINING_EVENT = re.compile(L.TRAINING_EVENT)
_TRAINING_EVENT_LEAD = re.compile(L.TRAINING_EVENT_LEAD)
_TRAINING_EVENT_AFTER = at(L.TRAINING_EVENT_AFTER)
_TRAINING_EVENT_EXCLUDE = re.compile(L.TRAINING_EVENT_EXCLUDE)


def _a_breakdown(scan, q, indicator: str) -> bool:
    """A figure of a sentence or clause that opens with 其中, right after a figure of the same
    indicator in that sentence or the one before: a part of it ("…发展党员10.87万名。其中，发展35岁及以下…")."""
    lf, doc = scan.last_fact, scan.doc
    if not lf or lf[2] != indicator:
        return False
    if lf[0] >= doc.sent_start(max(0, q.ss - 1)) and (
            _BREAKDOWN_BEFORE.match(scan.s, doc.clause_start(q.start)) or _BREAKDOWN_BEFORE.match(scan.s, q.ss)):
        return True
    # "…发展党员21.19万名。其中发展35岁及以下的党员16.97万名；发展具有大专及以上学历的党员12.26万名":
    # every item of the list that 其中 opens, up to the sentence's full stop
    opened = scan.s.rfind("其中", lf[1], q.start)
    return opened >= 0 and not _FULL_STOP.search(scan.s, opened, q.start) \
        and bool(_BREAKDOWN_BEFORE.match(scan.s, opened))


PERSONS = frozenset({"persons"})
COUNT = frozenset({"count"})
TRAINED = frozenset({"persons", "person_times"})


def members_tail(scan, q, rule: Rule) -> list[Candidate] | None:
    """"全年发展党员6名", "发展新党员的任务是16名": 发展…党员 before the figure."""
    t = _NEW_MEMBER_TAIL.search(scan.s, max(q.ss, q.start - rule.window), q.start)
    # "发展35岁及以下党员7.3万名", "在生产、工作一线发展党员…": recruits of a kind are recruits too
    if t and (t.group("attr") or not _NEW_MEMBER_BETWEEN_EXCLUDE.search(t.group("between"))) \
            and not _a_breakdown(scan, q, "new_members"):
        return count_value(scan.s, q.m, "new_members", t.start(), t.start(), q.end, q.ss)
    return None


def members_verb(scan, q, rule: Rule) -> list[Candidate] | None:
    """"发展了5名新党员": the verb before the figure, 党员 right after its unit."""
    t = _NEW_MEMBER_VERB_TAIL.search(scan.s, max(q.ss, q.start - rule.window), q.start)
    after = _NEW_MEMBER_AFTER.match(scan.s, q.end) if t else None
    if after:
        return count_value(scan.s, q.m, "new_members", t.start(), t.start(), after.end(), q.ss)
    return None


def members_join(scan, q, rule: Rule) -> list[Candidate] | None:
    """"吸收12名优秀青年入党", "8名同志光荣入党"."""
    join = _NEW_MEMBER_JOIN_AFTER.match(scan.s, q.end)
    if join:
        return count_value(scan.s, q.m, "new_members", q.start, q.start, join.end(), q.ss)
    return None


def _not_a_grid_count(scan, q) -> bool:
    """Ratios, standards and changes are no grid count ("每100户设置一个网格", "新增50个网格")."""
    if "grid_blocked" not in q.notes:
        q.notes["grid_blocked"] = _grid_blocked(scan, q)
    return q.notes["grid_blocked"]


def _grid_blocked(scan, q) -> bool:
    s = scan.s
    if _GRID_RATIO.match(s, q.start) or s[q.start - 1:q.start] == "每":
        return True
    cs = scan.doc.clause_start(q.start)
    if _GRID_CHANGE_BEFORE.search(s, cs, q.start):
        return True
    if _GRID_STANDARD.search(s, cs, q.start):
        return True
    if _GRID_UNIT_STANDARD.search(s, cs, q.start):
        v = to_number(q.m.group("n1"))
        if v is not None and v <= L.GRID_UNIT_STANDARD_MAX:
            return True
    return False


def grid_from(scan, q, rule: Rule) -> list[Candidate] | None:
    """"全乡网格由去年底的58个优化调整为65个": the count before a change."""
    if _not_a_grid_count(scan, q):
        return None
    gf = _GRID_FROM.search(scan.s, max(q.ss, q.start - 30), q.start)
    if gf and _GRID_FROM_AFTER.match(scan.s, q.end):
        return count_value(scan.s, q.m, "grid_count", gf.start(), gf.start(), q.end, q.ss)
    return None


def grid_tail(scan, q, rule: Rule) -> list[Candidate] | None:
    """"形成网格170个", "网格总数达86个"."""
    s = scan.s
    if _not_a_grid_count(scan, q):
        return None
    cs = scan.doc.clause_start(q.start)
    key_cs = scan.doc.clause_start(cs - 1) if cs > 0 and s[cs - 1] == ":" else cs  # "网格数：12个"
    t = _GRID_TAIL.search(s, max(key_cs, q.start - rule.window), q.start)
    if t and _COUNT_FOLLOW_OK.match(s, q.end):
        return count_value(s, q.m, "grid_count", t.start(), t.start(), q.end, q.ss)
    return None


def grid_list_item(scan, q, rule: Rule) -> list[Candidate] | None:
    """"设置综合网格95个、专属网格12个": a second grid type listed after the first."""
    s, lf = scan.s, scan.last_fact
    if _not_a_grid_count(scan, q) or not (lf and lf[0] == q.ss and lf[2] == "grid_count"):
        return None
    if not _COUNT_FOLLOW_OK.match(s, q.end):
        return None
    item = _GRID_LIST_ITEM.match(s, lf[1], q.start)
    return count_value(s, q.m, "grid_count", item.start(), item.start(), q.end, q.ss) if item else None


def grid_noun_number(scan, q, rule: Rule) -> list[Candidate] | None:
    """"行业网格2655个", "小区(自然村)网格1672个": the count right after a kind of grid."""
    s = scan.s
    if _not_a_grid_count(scan, q) or not _COUNT_FOLLOW_OK.match(s, q.end):
        return None
    t = _GRID_NOUN_BEFORE.search(s, max(scan.doc.clause_start(q.start), q.start - rule.window), q.start)
    return count_value(s, q.m, "grid_count", t.start(), t.start(), q.end, q.ss) if t else None


def grid_count_then_kind(scan, q, rule: Rule) -> list[Candidate] | None:
    """"30个村(社)网格—132个微网格", "将全镇98个网格划分为…": N个…网格 as a list item or a subject."""
    if _not_a_grid_count(scan, q):
        return None
    after = _GRID_COUNT_THEN_KIND.match(scan.s, q.end)
    return count_value(scan.s, q.m, "grid_count", q.start, q.start, after.end(), q.ss) if after else None


def grid_after(scan, q, rule: Rule) -> list[Candidate] | None:
    """"划分为126个网格": a verb in the clause, 网格 after the unit."""
    s = scan.s
    if _not_a_grid_count(scan, q):
        return None
    after = _GRID_AFTER.match(s, q.end)
    if not after:
        return None
    cs = scan.doc.clause_start(q.start)
    verb = last(_GRID_VERB_NEAR, s, max(cs, q.start - rule.window), q.start)
    return count_value(s, q.m, "grid_count", verb.start(), verb.start(), after.end(), q.ss) if verb else None


def training_persons_after(scan, q, rule: Rule) -> list[Candidate] | None:
    """"17名党员参加“……”培训": the head count before 参加…培训."""
    after = _TRAINING_AFTER.match(scan.s, q.end)
    if after:
        return count_value(scan.s, q.m, "training_attendance", q.start, q.start, after.end(), q.ss)
    return None


def training_persons_then_keyword(scan, q, rule: Rule) -> list[Candidate] | None:
    """"1300余名基层党员实现就近培训": a head count, then the training it had, in one clause."""
    s = scan.s
    after = _TRAINING_AFTER_WORDS.match(s, q.end)
    if not after or _TRAINING_GAP_EXCLUDE.search(s, q.end, after.start() + len(after.group()) - 2):
        return None
    if _TRAINING_KW.search(s, scan.doc.clause_start(q.start), q.start):
        return None  # a training word before the figure: training.keyword_before decides
    return count_value(s, q.m, "training_attendance", q.start, q.start, after.end(), q.ss)


def training_event_participants(scan, q, rule: Rule) -> list[Candidate] | None:
    """"…培训班开班，首期53名学员参加": the head count of a training event that the sentence, or
    the one before it, names — led in (来自…的, 首期, 共计) or followed by its people and a verb."""
    s, doc = scan.s, scan.doc
    cs, ce = doc.clause_start(q.start), doc.clause_end(q.end)
    if _TRAINING_EVENT_EXCLUDE.search(s, cs, ce):
        return None
    after = _TRAINING_EVENT_AFTER.match(s, q.end)
    if not after and not _TRAINING_EVENT_LEAD.search(s, max(cs, q.start - 24), q.start):
        return None
    before = doc.sent_start(max(0, q.ss - 1))
    if not _TRAINING_EVENT.search(s, before, ce):
        return None
    return count_value(s, q.m, "training_attendance", q.start, q.start, after.end() if after else q.end, q.ss)


def _training_gap_ok(gap: str, persons: bool) -> bool:
    if len(gap) > L.TRAINING_GAP_MAX or _TRAINING_GAP_EXCLUDE.search(gap):
        return False
    if _DIGIT.search(_TRAINING_SESSION.sub("", gap)):
        return False
    cut = max(gap.rfind("，"), gap.rfind(","))
    if cut >= 0 and not _TRAINING_AFTER_SEP.match(gap[cut + 1:]):
        return False
    item = gap.rfind("、")
    if item > cut and not _TRAINING_AFTER_SEP.match(gap[item + 1:]) and (
            len(gap) - item - 1 > L.TRAINING_LIST_ITEM_MAX or _DIGIT.search(gap[item + 1:])):
        return False
    cut = max(cut, item)
    if persons:
        head = gap if cut < 0 else gap[cut + 1:]
        gap_max = L.TRAINING_PERSON_LIST_GAP_MAX if "、" in gap and gap.endswith("等") else L.TRAINING_PERSON_GAP_MAX
        if len(gap) > gap_max or _TRAINING_PERSON_GAP_EXCLUDE.search(gap):
            return False
        if _TRAINING_QUOTE.search(head):
            return False
    return True


def training_keyword(scan, q, rule: Rule) -> list[Candidate] | None:
    """"培训党员438人次", "开展培训5场，400余人次"."""
    s = scan.s
    kw = last(_TRAINING_KW, s, max(q.ss, q.start - rule.window), q.start)
    if kw is not None and kw.end() == q.start and kw.group()[:2] in ("培育", "培养") \
            and not _CULTIVATED_AFTER.match(s, q.end):
        return None
    if kw is None or not _training_gap_ok(s[kw.end():q.start], q.cls == "persons") \
            or _a_breakdown(scan, q, "training_attendance"):
        return None
    return count_value(s, q.m, "training_attendance", kw.start(), kw.start(), q.end, q.ss)


def training_list_next(scan, q, rule: Rule) -> list[Candidate] | None:
    """"培训农村干部经纪人3.9万人次，党员经纪人11.3万人次": the next group trained, same unit."""
    lf = scan.last_fact
    if not lf or lf[0] != q.ss or lf[2] != "training_attendance" or lf[3] != q.cls:
        return None
    listed = _TRAINING_LIST_NEXT if q.cls == "person_times" else _TRAINING_LIST_PERSONS
    if not listed.match(scan.s, lf[1], q.start) or "其中" in scan.s[q.ss:q.start]:
        return None  # the groups after 其中 are a breakdown
    return count_value(scan.s, q.m, "training_attendance", q.start, lf[1] + 1, q.end, q.ss)


RULES = (
    Rule("members.keyword_before", "new_members", PERSONS, 90, members_tail, keywords=L.NEW_MEMBER_TAIL, window=40,
         excludes=L.NEW_MEMBER_BETWEEN_EXCLUDE, note="全年发展党员6名"),
    Rule("members.verb_number_noun", "new_members", PERSONS, 88, members_verb, keywords=L.NEW_MEMBER_VERB_TAIL,
         window=40, note="发展了5名新党员"),
    Rule("members.joined", "new_members", PERSONS, 86, members_join, keywords=L.NEW_MEMBER_JOIN_AFTER,
         note="8名同志光荣入党"),
    Rule("training.persons_attending", "training_attendance", PERSONS, 84, training_persons_after,
         keywords=L.TRAINING_AFTER, note="17名党员参加培训"),
    Rule("training.persons_then_keyword", "training_attendance", PERSONS, 80, training_persons_then_keyword,
         keywords=L.TRAINING_AFTER_WORDS, excludes=alt(L.TRAINING_GAP_EXCLUDE), note="1300余名基层党员实现就近培训"),
    Rule("training.keyword_before", "training_attendance", TRAINED, 82, training_keyword,
         keywords=L.TRAINING_KEYWORDS, window=L.TRAINING_GAP_MAX + 3, excludes=alt(L.TRAINING_GAP_EXCLUDE),
         note="培训党员438人次"),
    Rule("training.next_group", "training_attendance", TRAINED, 81, training_list_next,
         keywords=L.TRAINING_LIST_NEXT, note="培训农村干部经纪人3.9万人次，党员经纪人11.3万人次"),
    Rule("training.event_participants", "training_attendance", PERSONS, 60, training_event_participants,
         keywords=L.TRAINING_EVENT, excludes=L.TRAINING_EVENT_EXCLUDE, note="培训班开班，首期53名学员参加"),
    Rule("grid.count_before_change", "grid_count", COUNT, 90, grid_from, keywords=L.GRID_FROM, window=30,
         note="网格由去年底的58个调整为65个"),
    Rule("grid.keyword_before", "grid_count", COUNT, 88, grid_tail, keywords=L.GRID_TAIL, window=40,
         note="形成网格170个"),
    Rule("grid.list_item", "grid_count", COUNT, 86, grid_list_item, keywords=L.GRID_LIST_ITEM,
         note="综合网格95个、专属网格12个"),
    Rule("grid.noun_number", "grid_count", COUNT, 85, grid_noun_number, keywords=L.GRID_NOUN_BEFORE, window=24,
         note="行业网格2655个、单位网格1537个"),
    Rule("grid.count_then_kind", "grid_count", COUNT, 83, grid_count_then_kind, keywords=L.GRID_COUNT_THEN_KIND,
         note="30个村(社)网格—132个微网格"),
    Rule("grid.number_before_keyword", "grid_count", COUNT, 84, grid_after, keywords=L.GRID_AFTER,
         window=L.GRID_VERB_WINDOW, note="划分为126个网格"),
)
