"""Income said without a numeral: no income at all (集体经济为零) and villages labelled by their
income (百万村). Both read the whole document once."""
from __future__ import annotations

import re

from etl.extract import lexicon as L
from etl.extract import lexicon_context as C
from etl.extract.claims import last
from etl.extract.context import is_name
from etl.extract.model import Candidate, Rule

_ZERO = re.compile(L.ZERO_INCOME)
_LABEL = re.compile(L.MILLION_VILLAGE)
_LABEL_COUNT = re.compile(L.MILLION_VILLAGE_COUNT)
_NAME = re.compile(C.RESPECTIVELY_NAME)
_NAME_LIST_SEPARATOR = re.compile(C.NAME_LIST_SEPARATOR)
_BUCKET_AFTER = re.compile(r"村(?!集体|级)")
_SENTENCE_VILLAGE = re.compile(C.SENTENCE_VILLAGE)
_OPENING_NAME = re.compile(r"\s*(?P<name>[\u4e00-\u9fff]{1,5}?(?:村|社区|嘎查))(?!民|级|委|集体)")


def zero_income(scan) -> list[Candidate]:
    """"该村集体经济几乎为零" → 0 (about); "暂无村集体经济收入" → 0; never "零收入村" (a bucket)."""
    out = []
    for m in _ZERO.finditer(scan.s):
        if m.group("zero") is not None:
            kw, (a, b) = m.start("kw"), m.span("zero")
            if _BUCKET_AFTER.match(scan.s, b):
                continue
        else:  # 暂无…收入, 零收入: the phrase is the figure
            kw, a, b = m.start(), m.start(), m.end()
        c = Candidate("collective_income", 0, "about" if m.group("q") else "exact", kw, m.end(), kw, a, b)
        out.append(c)
    return out


def _names_before(scan, cs: int, at: int) -> list[tuple[int, int]]:
    """The villages listed right before a label in its clause ("东岗村、柳河村等成为百万村")."""
    found = last(re.compile(C.RESPECTIVELY_NAMES + "|" + C.RESPECTIVELY_NAME), scan.s, cs, at)
    if found is None or not re.fullmatch(r"(?:等|均|都|先后|相继|已经?|也|了|被评为|成为|成功创建为?|晋升为|迈入|跻身|"
                                         r"进入|达到|创建|打造成?|建成)*", scan.s[found.end():at]):
        return []
    spans, start = [], found.start()
    for sep in _NAME_LIST_SEPARATOR.finditer(scan.s, found.start(), found.end()):
        spans.append((start, sep.start()))
        start = sep.end()
    spans.append((start, found.end()))
    return [(a, b) for a, b in spans if is_name(scan.s[a:b])]


def million_village(scan) -> list[Candidate]:
    """"A村、B村等成为百万村" → at least 1,000,000 for each; "全县有12个百万村" is a bucket."""
    out = []
    for m in _LABEL.finditer(scan.s):
        cs = scan.doc.clause_start(m.start())
        if _LABEL_COUNT.search(scan.s, cs, m.start()):
            continue
        value = L.MILLION_VILLAGE_VALUES[m.group("label")]
        names = _names_before(scan, cs, m.start())
        scopes = ["village:" + scan.shadow.slice(a, b) for a, b in names]
        if not scopes:
            # "炮台村探索成立…，村集体经济收入达150万元，成为园区首个“百万村”": the sentence's village
            ss = scan.doc.sent_start(m.start())
            sv = _SENTENCE_VILLAGE.match(scan.s, ss, m.start()) or _OPENING_NAME.match(scan.s, ss, m.start())
            if sv and is_name(sv.group("name")) and scan.name_count(sv.group("name")) >= 2:
                scopes = ["village:" + scan.shadow.slice(sv.start("name"), sv.end("name"))]
            elif scan.doc.village_orig:
                scopes = [f"village:{scan.doc.village_orig}"]
        for scope in scopes:
            out.append(Candidate("collective_income", value, "at_least", m.start(), m.end(), m.start(),
                                 m.start("label"), m.end("label"), scope))
    return out


RULES = (
    Rule("income.zero", "collective_income", frozenset(), 70, zero_income, keywords=L.ZERO_INCOME, level="document",
         note="该村集体经济几乎为零；暂无村集体经济收入"),
    Rule("income.million_village", "collective_income", frozenset(), 70, million_village,
         keywords=L.MILLION_VILLAGE, level="document", note="东岗村、柳河村等成为百万村"),
)
