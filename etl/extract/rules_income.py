"""Rules for collective income (元) and its growth (%)."""
from __future__ import annotations

import re

from etl.extract import lexicon as L
from etl.extract import lexicon_context as C
from etl.extract.claims import alt, at, bucket, is_year_gap, last, list_head, money_candidates
from etl.extract.context import is_name
from etl.extract.model import Candidate, Rule
from etl.extract.quantities import MONEY, to_number

INCOME_KW = re.compile(L.INCOME_KEYWORD_FORMS + "|" + alt(L.INCOME_KEYWORDS))
_INCOME_CTX_KW = re.compile(alt(L.INCOME_CONTEXT_KEYWORDS))
_INCOME_CTX_REQ = re.compile(L.INCOME_CONTEXT_REQUIRES)
INCOME_GAP_EXCLUDE = re.compile(alt(L.INCOME_GAP_EXCLUDE))
_INCREMENT_TAIL = re.compile(L.INCREMENT_TAIL)
_LEVEL_AFTER_CHANGE = re.compile(L.LEVEL_AFTER_CHANGE)
_FROM_BASELINE_TAIL = re.compile(L.FROM_BASELINE_TAIL)
_COMPARED_YEAR_LEVEL = re.compile(L.COMPARED_YEAR_LEVEL_TAIL)
_GAP_VILLAGE = re.compile(L.GAP_VILLAGE)
INCOME_BEFORE_EXCLUDE = re.compile(L.INCOME_BEFORE_EXCLUDE)
INCOME_AFTER_EXCLUDE = [re.compile(p) for p in L.INCOME_AFTER_EXCLUDE]
_INCOME_CONTINUATION = at(L.INCOME_CONTINUATION)
_INCOME_KEYWORD_AFTER = at(L.INCOME_KEYWORD_AFTER)
_INCOME_KEYWORD_AFTER_BLOCK = re.compile(L.INCOME_KEYWORD_AFTER_BLOCK)
_EVERY_VILLAGE_AFTER = at(L.EVERY_VILLAGE_AFTER)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_POST_QUALIFIER = re.compile(L.POST_QUALIFIER)
_GROWTH_TAIL = re.compile(L.GROWTH_TAIL)
_GROWTH_NEXT_LINE = at(L.GROWTH_NEXT_LINE)
_GROWTH_AFTER_INCOME = at(L.GROWTH_AFTER_INCOME)
_GROWTH_DECREASE = re.compile(L.GROWTH_DECREASE)
_GROWTH_RATE_NOUN = re.compile(L.GROWTH_RATE_NOUN)
_GROWTH_GAP_EXCLUDE = re.compile(alt(L.GROWTH_GAP_EXCLUDE))
_VILLAGE_LIST_ITEM = re.compile(C.VILLAGE_LIST_ITEM)
_VILLAGE_LIST_HEAD = re.compile(C.VILLAGE_LIST_HEAD)
_VILLAGE_LIST_CONTEXT = re.compile(C.VILLAGE_LIST_CONTEXT)
_NUMBERED_ITEM_LINE = re.compile(C.NUMBERED_ITEM_LINE)


def excluded_after(s: str, end: int) -> bool:
    """A bucket, a condition or another noun right after a money figure ("50万元以上的村3个")."""
    after = s[end:end + 12]
    return any(p.search(after) for p in INCOME_AFTER_EXCLUDE)


def _income_keyword(s: str, doc, lo: int, n_start: int):
    kw = last(INCOME_KW, s, lo, n_start)
    if kw is not None:
        return kw
    kw = last(_INCOME_CTX_KW, s, lo, n_start)
    if kw is None:
        return None
    ctx_lo = max(doc.line_start(kw.start()), kw.start() - L.INCOME_CONTEXT_LOOKBACK)
    return kw if _INCOME_CTX_REQ.search(s, ctx_lo, kw.start()) else None


# "临翔区89个行政村集体经济经营性收入达2975万元": the villages' total, said with a plain verb
_GROUP_TOTAL_GAP = re.compile(L.GROUP_TOTAL_GAP)
_ELIMINATE_BELOW_AFTER = at(L.ELIMINATE_BELOW_AFTER)
_NAMED_GROUP_ALL = re.compile(L.NAMED_GROUP_ALL)
_ELIMINATE_BEFORE = re.compile(L.ELIMINATE_BEFORE)
_ELIMINATE_TARGET_CUE = re.compile(L.ELIMINATE_TARGET_CUE)


def _level_gap(gap: str) -> bool:
    """The words between keyword and figure let the figure be the income's level."""
    gap_max = L.INCOME_CHANGE_GAP_MAX if _LEVEL_AFTER_CHANGE.search(gap) else L.INCOME_GAP_MAX
    if len(gap) > gap_max or gap.count("，") + gap.count(",") > 1:
        return False
    if INCOME_GAP_EXCLUDE.search(gap) or _INCREMENT_TAIL.search(gap):
        return False
    if not is_year_gap(gap) and not _LEVEL_AFTER_CHANGE.search(gap) and not _COMPARED_YEAR_LEVEL.search(gap):
        return False
    baseline = _FROM_BASELINE_TAIL.search(gap)
    return not (baseline and not baseline.group("year"))


def _level_keyword(scan, q, window: int):
    """The income keyword whose level the figure is (no increment, average or other figure between)."""
    s, n_start = scan.s, q.start
    kw = _income_keyword(s, scan.doc, max(q.ss, n_start - window), n_start)
    if kw is None or not _level_gap(s[kw.end():n_start]):
        return None
    if INCOME_BEFORE_EXCLUDE.search(s, max(0, kw.start() - 5), kw.start()):
        return None
    return kw


def keyword_before(scan, q, rule: Rule) -> list[Candidate] | None:
    """"村集体经济收入达到15万元": an income keyword shortly before the figure."""
    s, m = scan.s, q.m
    kw = _level_keyword(scan, q, rule.window)
    if kw is None or excluded_after(s, m.end()):
        return None
    after = s[m.end():m.end() + 12]
    if q.cls == "money_bare" and _HAN.match(after) and not _POST_QUALIFIER.match(after):
        return None
    group = bucket(scan.doc, kw.start(), q.start)
    if group and not _GROUP_TOTAL_GAP.fullmatch(s, kw.end(), q.start):
        return None  # "8个村集体经济收入达到10万元以上": how many villages reach a threshold
    gv = _GAP_VILLAGE.search(s[kw.end():q.start])
    scope = None
    if gv and is_name(gv.group("name")):
        a = kw.end() + gv.start("name")
        scope = "village:" + scan.shadow.slice(a, a + len(gv.group("name")))
    cands = money_candidates(s, m, "collective_income", kw.start(), q.ss, scope=scope)
    if group and any(c.qualifier != "exact" for c in cands or []):
        return None  # "3个村集体经济收入为5万元以上": still a threshold
    return cands


def every_village_threshold(scan, q, rule: Rule) -> list[Candidate] | None:
    """"全市年经营性收入15万元以上建制村实现全覆盖": every village at least at the threshold."""
    if q.cls != "money" or q.m.group("n2") or not _EVERY_VILLAGE_AFTER.match(scan.s, q.end):
        return None
    kw = _level_keyword(scan, q, rule.window)
    if kw is None:
        return None
    cands = money_candidates(scan.s, q.m, "collective_income", kw.start(), q.ss, scope="per_village")
    for c in cands:
        c.qualifier = "redacted" if c.value is None else "at_least"
    return cands


def eliminate_below(scan, q, rule: Rule) -> list[Candidate] | None:
    """"今年将全面消除集体经济收入5万元以下的薄弱村": a target that every village reach the threshold."""
    s, m = scan.s, q.m
    if q.cls != "money" or m.group("n2"):
        return None
    after = _ELIMINATE_BELOW_AFTER.match(s, q.end)
    cs = scan.doc.clause_start(q.start)
    if not after or "以下" not in s[q.start:after.end()] \
            or not (after.group("zero") or _ELIMINATE_BEFORE.search(s, cs, q.start)):
        return None
    if not _ELIMINATE_TARGET_CUE.search(s, q.ss, q.start):
        return None
    cands = money_candidates(s, m, "collective_income", q.start, q.ss, scope="per_village")
    for c in cands or []:
        c.qualifier = "redacted" if c.value is None else "at_least"
        c.kind = "target"
        c.b = after.end()
    return cands


def named_group_all(scan, q, rule: Rule) -> list[Candidate] | None:
    """"…总收入突破700万元，其中七里、红星、沿垇、正兴4个村均破百万元": each named village at least the figure."""
    s, m = scan.s, q.m
    li = scan.last_income
    if q.cls != "money" or m.group("n2") or not li or li[0] != q.ss:
        return None
    g = _NAMED_GROUP_ALL.search(s, scan.doc.clause_start(q.start), q.start)
    if not g:
        return None
    names = re.split(r"[、和及]", g.group("names"))
    if len(names) != int(to_number(g.group("n")) or 0) or not all(is_name(n) or len(n) <= 4 for n in names):
        return None
    out, start = [], g.start("names")
    for name in names:
        a = s.index(name, start)
        start = a + len(name)
        for c in money_candidates(s, m, "collective_income", q.start, q.ss,
                                  scope="village:" + scan.shadow.slice(a, start)) or []:
            c.qualifier = "redacted" if c.value is None else "at_least"
            c.a = g.start("names")
            out.append(c)
    return out or None


def keyword_after(scan, q, rule: Rule) -> list[Candidate] | None:
    """"有五万多元集体收入", "实现12万元的村集体经济收入": the keyword right after the figure."""
    s, m = scan.s, q.m
    if q.cls != "money" or m.group("n2"):
        return None
    after = _INCOME_KEYWORD_AFTER.match(s, m.end())
    if not after or _INCOME_KEYWORD_AFTER_BLOCK.search(s, max(q.ss, m.start() - 6), m.start()):
        return None
    if bucket(scan.doc, m.start(), m.start()):
        return None
    cands = money_candidates(s, m, "collective_income", m.start(), q.ss)
    for c in cands:
        c.b = after.end()
    return cands


def continuation_village(scan, q, rule: Rule) -> list[Candidate] | None:
    """"…收入462万元，其中大刘庄村达到80万元": a named village's own figure after the sentence's income."""
    if not scan.last_income or scan.last_income[0] != q.ss:
        return None
    c = _INCOME_CONTINUATION.match(scan.s, scan.last_income[1], q.start)
    if not c or not is_name(c.group("name")) or excluded_after(scan.s, q.end):
        return None
    scope = "village:" + scan.shadow.slice(c.start("name"), c.end("name"))
    return money_candidates(scan.s, q.m, "collective_income", c.start("name"), q.ss, scope=scope)


def village_list(scan, q, rule: Rule) -> list[Candidate] | None:
    """"按累计收入排名，前三位的村分别是：城关镇东岗村186.5万元、河口镇柳河村152.3万元"."""
    s, m, ss = scan.s, q.m, q.ss
    if q.cls != "money" or m.group("n2"):
        return None
    item = _VILLAGE_LIST_ITEM.search(s, max(ss, m.start() - 16), m.start())
    if not item or not is_name(item.group("name")):
        return None
    head = s[ss:item.start("name")]
    if not _VILLAGE_LIST_HEAD.search(head):
        lh = list_head(s, ss) if _NUMBERED_ITEM_LINE.fullmatch(head.strip()) else None
        head = s[lh[0]:lh[1]] if lh else head
    if not _VILLAGE_LIST_HEAD.search(head) or INCOME_GAP_EXCLUDE.search(head):
        return None
    if not _VILLAGE_LIST_CONTEXT.search(s, max(0, ss - C.VILLAGE_LIST_LOOKBACK), m.start()):
        return None
    if excluded_after(s, m.end()):
        return None
    scope = "village:" + scan.shadow.slice(item.start("name"), item.end("name"))
    return money_candidates(s, m, "collective_income", item.start("name"), ss, scope=scope)


def _growth_keyword(scan, q):
    s = scan.s
    lo = max(q.ss, q.start - L.GROWTH_GAP_MAX - 12)
    kw = last(INCOME_KW, s, lo, q.start) or last(_INCOME_CTX_KW, s, lo, q.start)
    if kw is None or q.start - kw.end() > L.GROWTH_GAP_MAX:
        return None
    return kw


def signed(cands: list[Candidate], gap: str) -> list[Candidate]:
    """A growth said as a fall ("同比下降12.4%") is negative."""
    tail = _GROWTH_TAIL.search(gap)
    said = tail.group(0) if tail else gap
    if _GROWTH_DECREASE.search(said) and not _GROWTH_RATE_NOUN.search(gap[-12:]):
        for c in cands:
            if c.value is not None:
                c.value = -c.value
    return cands


def growth_keyword(scan, q, rule: Rule) -> list[Candidate] | None:
    """"村集体经济收入同比增长15.3%": a growth word between the income keyword and the percent."""
    s = scan.s
    if excluded_after(s, q.end):
        return None  # "对增幅超过20%的村给予奖励": a condition, not a figure
    kw = _growth_keyword(scan, q)
    if kw is None:
        return None
    gap = s[kw.end():q.start]
    if not _GROWTH_TAIL.search(gap) or _GROWTH_GAP_EXCLUDE.search(gap):
        return None
    if INCOME_BEFORE_EXCLUDE.search(s, max(0, kw.start() - 5), kw.start()) or bucket(scan.doc, kw.start(), q.start):
        return None
    return signed(money_candidates(s, q.m, "collective_income_growth_pct", kw.start(), q.ss), gap)


def growth_after_income(scan, q, rule: Rule) -> list[Candidate] | None:
    """"…增长到52.3万元，2024年同比增长27.6%": no keyword close by, the growth right after the
    sentence's income figure (or on the next bullet line)."""
    s, last_income = scan.s, scan.last_income
    if excluded_after(s, q.end) or _growth_keyword(scan, q) is not None or not last_income:
        return None
    if not ((last_income[0] == q.ss and _GROWTH_AFTER_INCOME.match(s, last_income[1], q.start))
            or _GROWTH_NEXT_LINE.match(s, last_income[1], q.start)):
        return None
    cands = money_candidates(s, q.m, "collective_income_growth_pct", last_income[2], q.ss)
    return signed(cands, s[last_income[1]:q.start])


PERCENT = frozenset({"percent"})
RULES = (
    Rule("income.keyword_before", "collective_income", MONEY, 90, keyword_before,
         keywords=L.INCOME_KEYWORD_FORMS + "|" + alt(L.INCOME_KEYWORDS), window=L.INCOME_CHANGE_GAP_MAX + 12, excludes=alt(L.INCOME_GAP_EXCLUDE),
         note="村集体经济收入达到15万元"),
    Rule("income.every_village_threshold", "collective_income", MONEY, 95, every_village_threshold,
         keywords=L.EVERY_VILLAGE_AFTER, window=L.INCOME_CHANGE_GAP_MAX + 12, note="15万元以上建制村实现全覆盖"),
    Rule("income.eliminate_below", "collective_income", MONEY, 96, eliminate_below,
         keywords=L.ELIMINATE_BEFORE, excludes=L.ELIMINATE_BELOW_AFTER, note="今年将全面消除集体经济收入5万元以下的薄弱村"),
    Rule("income.named_group_all", "collective_income", MONEY, 97, named_group_all,
         keywords=L.NAMED_GROUP_ALL, note="其中七里、红星、沿垇、正兴4个村均破百万元"),
    Rule("income.keyword_after", "collective_income", MONEY, 80, keyword_after,
         keywords=L.INCOME_KEYWORD_AFTER, excludes=L.INCOME_KEYWORD_AFTER_BLOCK, note="实现12万元的村集体经济收入"),
    Rule("income.named_village_after_total", "collective_income", MONEY, 70, continuation_village,
         keywords=L.INCOME_CONTINUATION, note="…收入462万元，其中大刘庄村达到80万元"),
    Rule("income.village_list", "collective_income", MONEY, 60, village_list,
         keywords=C.VILLAGE_LIST_ITEM, window=16, note="前三位的村分别是：东岗村186.5万元、柳河村152.3万元"),
    Rule("growth.keyword", "collective_income_growth_pct", PERCENT, 90, growth_keyword,
         keywords=L.GROWTH_TAIL, window=L.GROWTH_GAP_MAX + 12, excludes=alt(L.GROWTH_GAP_EXCLUDE),
         note="村集体经济收入同比增长15.3%"),
    Rule("growth.after_income", "collective_income_growth_pct", PERCENT, 85, growth_after_income,
         keywords=L.GROWTH_AFTER_INCOME, note="…52.3万元，2024年同比增长27.6%"),
)
