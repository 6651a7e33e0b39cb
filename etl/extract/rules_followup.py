"""Rules for a figure that continues an earlier fact: the same indicator in the next clause, for a
new period, as the target behind a completion rate, or named as a target. They yield the
indicator of the sentence's last fact, so they run only after a fact was found."""
from __future__ import annotations

import re

from etl.extract import lexicon as L
from etl.extract import lexicon_context as C
from etl.extract.claims import MONEY_INDICATORS, at, money_candidates, same_indicator
from etl.extract.model import Candidate, Rule
from etl.extract.quantities import MONEY
from etl.extract.rules_income import excluded_after

_CONTINUATION = at(L.CONTINUATION)
_PERIOD_CONTINUATION = at(L.PERIOD_CONTINUATION)
_ACHIEVED_AFTER_TARGET = at(L.ACHIEVED_AFTER_TARGET)
_COMPLETION_BEFORE = re.compile(C.COMPLETION_BEFORE)
_COMPLETION_AFTER = at(C.COMPLETION_AFTER)
TARGET_AFTER = at(C.TARGET_AFTER)
ANY = frozenset({"money", "money_bare", "percent", "persons", "person_times", "count"})


def continuation(scan, q, rule: Rule) -> list[Candidate] | None:
    """"年内发展党员5名，预计年底达到8名": the previous fact's indicator, same unit, same sentence
    (or the next one after a semicolon)."""
    last = scan.last_fact
    if not last:
        return None
    same_unit = last[3] == q.cls or (last[3] in MONEY and q.cls in MONEY)  # 四十三万元 … 二十八万五
    indicator = last[2]
    if not same_unit and q.cls in MONEY and last[2] == "collective_income_growth_pct" \
            and scan.last_income and scan.last_income[0] == last[0]:
        same_unit, indicator = True, "collective_income"  # "…231.9万元，同比增长24.4%，各村均超过10万元"
    ss, s = q.ss, scan.s
    joined = last[0] != ss and ss > 0 and s[ss - 1] in ";；" and scan.doc.sent_start(ss - 1) == last[0]
    start = last[1] if last[0] == ss else ss  # "…增加52.3万元；所有村都超过20万元"
    if not same_unit or (last[0] != ss and not joined) or not _CONTINUATION.match(s, start, q.start):
        return None
    return same_indicator(s, q.m, indicator, q.start, ss)


def period_continuation(scan, q, rule: Rule) -> list[Candidate] | None:
    """"…收入累计达到210万元；1-9月累计达到356.8万元": the same indicator for the new period."""
    last, s, ss = scan.last_fact, scan.s, q.ss
    if not last or last[3] != q.cls or ss == 0 or s[ss - 1] not in L.PERIOD_CONTINUATION_SEPARATORS:
        return None
    if scan.doc.sent_start(ss - 1) != last[0] or not _PERIOD_CONTINUATION.match(s, ss, q.start):
        return None
    if last[2] in MONEY_INDICATORS:
        return None if excluded_after(s, q.end) else money_candidates(s, q.m, last[2], ss, ss)
    return same_indicator(s, q.m, last[2], ss, ss)


def achieved_after_target(scan, q, rule: Rule) -> list[Candidate] | None:
    """"今年培训任务数为2460人,截止9月底,完成2622人": what was done against the sentence's target."""
    last = scan.last_fact
    if not last or last[0] != q.ss or last[3] != q.cls or last[2] in MONEY_INDICATORS:
        return None
    if not _ACHIEVED_AFTER_TARGET.match(scan.s, last[1], q.start):
        return None
    return same_indicator(scan.s, q.m, last[2], q.start, q.ss)


def _as_targets(cands: list[Candidate] | None) -> list[Candidate] | None:
    for c in cands or []:
        c.kind = "target"
    return cands


def completion_target(scan, q, rule: Rule) -> list[Candidate] | None:
    """"…收入386.4万元，同比增长11.7%，完成全年目标任务（720万元）的53.7%": the target behind a
    completion rate, for the sentence's own indicator with that unit."""
    s, ss, last = scan.s, q.ss, scan.last_fact
    if not _COMPLETION_BEFORE.search(s, max(ss, q.start - 16), q.start) or not _COMPLETION_AFTER.match(s, q.end):
        return None
    if q.cls in MONEY:
        if not scan.last_income or scan.last_income[0] != ss:
            return None
        return _as_targets(money_candidates(s, q.m, "collective_income", q.start, ss))
    if not last or last[0] != ss or last[3] != q.cls or last[2] in MONEY_INDICATORS:
        return None
    return _as_targets(same_indicator(s, q.m, last[2], q.start, ss))


def named_target(scan, q, rule: Rule) -> list[Candidate] | None:
    """"只发展党员4名，低于年初确定的7名目标": a figure followed by 目标, shortly after the
    sentence's own figure of the same unit, is that indicator's target."""
    last = scan.last_fact
    if not last or last[0] != q.ss or last[3] != q.cls or not TARGET_AFTER.match(scan.s, q.end):
        return None
    gap = scan.s[last[1]:q.start]
    if len(gap) > C.NAMED_TARGET_GAP or re.search(r"\d", gap):
        return None
    return _as_targets(same_indicator(scan.s, q.m, last[2], q.start, q.ss))


RULES = (
    Rule("followup.same_sentence", None, ANY, 40, continuation, keywords=L.CONTINUATION,
         note="年内发展党员5名，预计年底达到8名"),
    Rule("followup.achieved_after_target", None, ANY, 35, achieved_after_target, keywords=L.ACHIEVED_AFTER_TARGET,
         note="今年培训任务数为2460人,截止9月底,完成2622人"),
    Rule("followup.next_period", None, ANY, 30, period_continuation, keywords=L.PERIOD_CONTINUATION,
         note="…达到210万元；1-9月累计达到356.8万元"),
    Rule("followup.completion_target", None, ANY, 20, completion_target, keywords=C.COMPLETION_BEFORE, window=16,
         note="完成全年目标任务（720万元）的53.7%"),
    Rule("followup.named_target", None, ANY, 10, named_target, keywords=C.TARGET_AFTER,
         window=C.NAMED_TARGET_GAP, note="只发展党员4名，低于年初确定的7名目标"),
)
