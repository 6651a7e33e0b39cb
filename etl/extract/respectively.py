"""Villages that share a list of figures: "上庄村、下庄村村集体经济收入分别为14.4万元、7.6万元".

`find_lists` reads every 分别 list of a document once; the pipeline then gives each listed figure
its village, and the two rules below claim a listed figure that no other rule did."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.extract import lexicon_context as C
from etl.extract.claims import at, money_candidates, same_indicator
from etl.extract.context import SENT_RE, is_name
from etl.extract.model import Candidate, Rule
from etl.extract.quantities import MONEY, NUM_RE
from etl.extract.rules_followup import ANY

_NAMES = re.compile(C.RESPECTIVELY_NAMES)
_NAME = re.compile(C.RESPECTIVELY_NAME)
_NAME_LIST_SEPARATOR = re.compile(C.NAME_LIST_SEPARATOR)
_NAME_LIST_LEAD = at(C.NAME_LIST_LEAD)
_WORD = re.compile("分别")
_GROUP = re.compile(C.RESPECTIVELY_GROUP)
_INHERIT = re.compile(C.RESPECTIVELY_INHERIT)
_SEPARATOR = re.compile(C.RESPECTIVELY_SEPARATOR)


@dataclass
class Lists:
    """Listed figures by number start: (group, village, written with a minus); the groups that
    repeat an earlier group's figure; and, filled while scanning, each group's indicator."""
    items: dict[int, tuple[int, str, bool]] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    indicator: dict[int, tuple[str, int, bool]] = field(default_factory=dict)

    def known(self, group: int) -> tuple[str, int, bool] | None:
        return self.indicator.get(group) or self.indicator.get(self.parent.get(group, -1))


def _names_before(scan, r: re.Match):
    """The list of names that a 分别 at r refers to, or None."""
    s, doc = scan.s, scan.doc
    found = None
    for found in _NAMES.finditer(s, max(0, r.start() - C.RESPECTIVELY_REUSE_CHARS), r.start()):
        pass
    if found is None:
        return None
    ls, le = found.start("names"), found.end("names")
    if r.start() - le > C.RESPECTIVELY_REUSE_CHARS or "\n\n" in s[le:r.start()]:
        return None
    own = le >= doc.sent_start(r.start()) and r.start() - le <= 30 and not SENT_RE.search(s, le, r.start())
    if not own and any(not _GROUP.search(n.group()) for n in _NAME.finditer(
            s, max(le, doc.clause_start(r.start())), r.start())):
        return None  # another village is named before this 分别
    return ls, le


def _list_names(scan, ls: int, le: int) -> list[str]:
    """"岔河村、凉水村和高坪村" → the names; a list is cut only after 村/社区, so 和平村
    stays whole, and a verb before the first name ("分别为岔河村") is not part of it."""
    parts, start = [], ls
    for sep in _NAME_LIST_SEPARATOR.finditer(scan.s, ls, le):
        parts.append((start, sep.start()))
        start = sep.end()
    parts.append((start, le))
    names = []
    for a, b in parts:
        lead = _NAME_LIST_LEAD.match(scan.s, a, b)
        if lead and b - lead.end() >= 3:
            a = lead.end()
        names.append(scan.shadow.slice(a, b))
    return names


def _figures_after(scan, r: re.Match, n: int) -> list[tuple[int, int, bool]]:
    s = scan.s
    nums: list[tuple[int, int, bool]] = []
    for m in NUM_RE.finditer(s, r.end(), scan.doc.sent_end(r.end())):
        if nums and not _SEPARATOR.fullmatch(s[nums[-1][1]:m.start()].rstrip("-")):
            break
        nums.append((m.start(), m.end(), s[m.start() - 1:m.start()] == "-"))
        if len(nums) > n:
            break  # more figures than names: the list is not about these villages
    return nums


def find_lists(scan) -> Lists:
    """The villages before each 分别 ("上庄村、下庄村村集体经济收入分别为…"), or the list last named in
    the paragraph when the words before 分别 name no other village ("两村分别发展党员…")."""
    out = Lists()
    group_of_list: dict[tuple[int, int], int] = {}
    for g, r in enumerate(_WORD.finditer(scan.s)):
        span = _names_before(scan, r)
        if span is None:
            continue
        names = _list_names(scan, *span)
        if not all(is_name(n) for n in names):
            continue
        if span in group_of_list and _INHERIT.fullmatch(scan.s, scan.doc.clause_start(r.start()), r.start()):
            out.parent[g] = group_of_list[span]  # "；2024年两村分别为12万元、8万元": the same figure again
        group_of_list.setdefault(span, g)
        nums = _figures_after(scan, r, len(names))
        if len(nums) == len(names):
            out.items.update({a: (g, name, neg) for (a, _, neg), name in zip(nums, names)})
    return out


def listed_income(scan, q, rule: Rule) -> list[Candidate] | None:
    """"…全部达到20万元以上，其中石门村、枧田村分别达到152万元和98.6万元": the sentence's income."""
    item = scan.lists.items.get(q.start)
    if item is None or item[0] in scan.lists.indicator or q.cls not in MONEY:
        return None
    if not scan.last_income or scan.last_income[0] != q.ss:
        return None
    return money_candidates(scan.s, q.m, "collective_income", q.start, q.ss)


def listed_same(scan, q, rule: Rule) -> list[Candidate] | None:
    """A later figure of a 分别 list takes the indicator of the list's first figure."""
    item = scan.lists.items.get(q.start)
    known = scan.lists.known(item[0]) if item else None
    if known is None:
        return None
    indicator, kw, _ = known
    if (indicator == "collective_income") != (q.cls in MONEY) \
            or (indicator == "collective_income_growth_pct") != (q.cls == "percent"):
        return None
    return same_indicator(scan.s, q.m, indicator, kw, q.ss)


def assign(scan, q, cands: list[Candidate], rule_id: str) -> None:
    """Give a listed figure's candidates their village (and the list's sign)."""
    item = scan.lists.items.get(q.start)
    if item is None:
        return
    group, name, negative = item
    if rule_id == "list.respectively_same":
        negative = negative or scan.lists.known(group)[2]
    else:
        # "同比分别下降31.2%、26.5%和19.7%": the decline word before the first figure holds for all
        first = cands[-1]
        declined = (first.indicator == "collective_income_growth_pct" and first.value is not None
                    and first.value < 0 and not negative)
        scan.lists.indicator.setdefault(group, (first.indicator, first.kw, declined))
    for c in cands:
        c.scope = f"village:{name}"
        if negative and c.indicator == "collective_income_growth_pct" and c.value and c.value > 0:
            c.value = -c.value  # "同比分别增长20%、-5%"


RULES = (
    Rule("list.respectively_income", "collective_income", MONEY, 5, listed_income, keywords="分别",
         note="其中石门村、枧田村分别达到152万元和98.6万元"),
    Rule("list.respectively_same", None, ANY, 4, listed_same, keywords="分别",
         note="岔河村、凉水村和高坪村…同比分别下降31.2%、26.5%和19.7%"),
)
