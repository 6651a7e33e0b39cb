"""Stage 4a: is a candidate an actual figure or a target?"""
from __future__ import annotations

import re

from etl.extract import lexicon_context as C
from etl.extract.claims import last, list_head
from etl.extract.model import Candidate
from etl.extract.rules_followup import TARGET_AFTER

_TARGET_BEFORE = re.compile("|".join(C.TARGET_BEFORE))
_TARGET_LIST_HEAD = re.compile(C.TARGET_LIST_HEAD)
_ACTUAL_MARKERS = re.compile(C.ACTUAL_MARKERS)
_BASELINE_BEFORE = re.compile(C.BASELINE_BEFORE)
_EARLIER_YEAR = re.compile(C.EARLIER_YEAR)
_BY_FUTURE_YEAR = re.compile(C.BY_YEAR)
_LIST_HEAD_TARGET = re.compile(C.LIST_HEAD_TARGET)
_TARGET_CANCELLED = re.compile(C.TARGET_CANCELLED)
_COMPLETION_BEFORE = re.compile(C.COMPLETION_BEFORE)
_COMPLETION_AFTER = re.compile(C.COMPLETION_AFTER[1:])
_FUTURE_WILL = re.compile(C.FUTURE_WILL)


def _target_cue(s: str, lo: int, n_start: int) -> bool:
    """A target word before the figure whose reach no clause of what was done cuts off."""
    cue = last(_TARGET_BEFORE, s, lo, n_start)
    if cue and cue.group() == "任务" and "完成" in s[max(lo, cue.start() - 12):cue.start()]:
        return False  # "完成全年培训任务1200人次": what was done, not the task
    # "到2020年底村集体经济收入已达到83万元": 已 says it was done
    return bool(cue) and not _TARGET_CANCELLED.search(s, cue.end(), n_start) and "已" not in s[cue.end():n_start]


def target_list_start(s: str, ss: int) -> int | None:
    """An item after "目标是：…；": where the governing head's sentence starts."""
    if ss == 0 or s[ss - 1] in C.TARGET_LIST_BOUNDARY:
        return None
    full = max(s.rfind(ch, 0, ss) for ch in C.TARGET_LIST_BOUNDARY) + 1
    return full if _TARGET_LIST_HEAD.search(s, full, ss) else None


def _earlier_year(scan, ss: int, n_start: int, sec) -> bool:
    """A plan that looks back first ("2021年，村集体经济收入还不到5万元", "去年底的58个"):
    a year before the plan's own is history, not a target."""
    doc = scan.doc
    # the first year a plan covers ("三年工作目标（2026—2028年）" starts in 2026)
    plan_year = (sec[1] if sec and sec[1] else None) or doc.first_title_year or doc.year
    y = last(_EARLIER_YEAR, scan.s, ss, n_start)
    if plan_year is None or y is None:
        return False
    if y.group("year"):
        return int(y.group("year")) < plan_year
    return True  # 去年, 上年, 前年


def _said_as_target(scan, c: Candidate, ss: int, lo: int) -> bool:
    s, doc = scan.s, scan.doc
    if _target_cue(s, lo, c.n_start) or TARGET_AFTER.match(s, c.n_end):
        return True
    # "完成全年培训任务1600人的42.81%": the figure a completion rate is measured against
    if _COMPLETION_BEFORE.search(s, max(lo, c.n_start - 20), c.n_start) and _COMPLETION_AFTER.match(s, c.n_end):
        return True
    if target_list_start(s, ss) is not None:
        return True
    will = last(_FUTURE_WILL, s, ss, c.n_start)
    if will and not _ACTUAL_MARKERS.search(s, will.end(), c.n_start) and not _TARGET_CANCELLED.search(s, will.end(), c.n_start):
        return True
    # "今年全市农民培训目标任务是：开展…3.8万人，职业农民培训1600人，…培训600人": every item after the head
    head = last(_TARGET_LIST_HEAD, s, ss, c.n_start)
    if head and not _ACTUAL_MARKERS.search(s, head.end(), c.n_start):
        return True
    by = last(_BY_FUTURE_YEAR, s, lo, c.n_start)  # "到2027年，全镇…突破1200万元" in a 2025 text
    if by and doc.year and int(by.group("year")) > doc.year and not _ACTUAL_MARKERS.search(s, by.end(), c.n_start):
        return True
    lh = list_head(s, doc.line_start(c.n_start))
    # "各村2025年集体经济收入目标\n1. 东岗村 25万元"
    # a head line, not a paragraph that happens to precede a numbered item
    return bool(lh and lh[1] - lh[0] <= C.LIST_HEAD_MAX_CHARS and _LIST_HEAD_TARGET.search(s, lh[0], lh[1])
                and not _ACTUAL_MARKERS.search(s, lh[0], lh[1]))


def kind(scan, c: Candidate, ss: int) -> str:
    """target when the sentence says so, or inside a plan (document or section)."""
    s, doc = scan.s, scan.doc
    lo = max(ss, c.n_start - C.TARGET_BEFORE_WINDOW)
    if _BASELINE_BEFORE.search(s, max(ss, c.n_start - 12), c.n_start):
        return "actual"  # "计划将网格由去年底的58个调整为65个": the 58 is what there was
    if _said_as_target(scan, c, ss, lo):
        return "target"
    sec = doc.section(c.n_start)
    plan = (doc.is_plan and not (sec and sec[0] in doc.base_sections)) or bool(sec and sec[2])
    if plan and not _ACTUAL_MARKERS.search(s, lo, c.n_start) and not _earlier_year(scan, ss, c.n_start, sec):
        return "target"
    return "actual"
