"""Stage 2: the document context — title, year, period, plan or summary, the village a document is
about, its sections and ledger blocks, and the sentence and clause boundaries of the shadow."""
from __future__ import annotations

import bisect
import re

from etl.extract import lexicon_context as C
from etl.extract.shadow import Shadow, normalise
from terms.numbers import chinese_to_number

_SENT_END = "。;!?\n"
_CLAUSE_END = _SENT_END + "，,:"
SENT_RE = re.compile("[" + re.escape(_SENT_END) + "]")
_CLAUSE_RE = re.compile("[" + re.escape(_CLAUSE_END) + "]")
YEAR_RE = re.compile(C.YEAR)
NOT_VILLAGE_NAME = re.compile(C.NOT_VILLAGE_NAME)
VILLAGE_NAME = re.compile(C.VILLAGE_NAME)
_ISSUER_LINE = re.compile(C.ISSUER_LINE)
_DOC_NUMBER_LINE = re.compile(C.DOC_NUMBER_LINE)
_OPENING_PERIOD = re.compile(C.OPENING_PERIOD)
_SUMMARY_TITLE = re.compile(C.SUMMARY_TITLE)
_OWN_REPORT_TITLE = re.compile(C.OWN_REPORT_TITLE)
_TO_THE_VILLAGE = "到驻进回入下包联帮"  # "干部到村", "驻村": a verb before 村, no name
_PLAN_TITLE = re.compile(C.PLAN_TITLE)
_PLAN_TITLE_EXCLUDE = re.compile(C.PLAN_TITLE_EXCLUDE)
_TITLE_VILLAGE = re.compile(C.TITLE_VILLAGE)
_OPENING_VILLAGE = re.compile(C.OPENING_VILLAGE)
_ASSIGNED_VILLAGE = re.compile(C.ASSIGNED_VILLAGE)
_PARTY_VILLAGE = re.compile(C.PARTY_VILLAGE)
_TOP_HEADING = re.compile(C.TOP_HEADING)
_PLAN_HEADING = re.compile(C.PLAN_HEADING)
_BASE_HEADING = re.compile(C.BASE_HEADING)
_PLAN_PARAGRAPH = re.compile(C.PLAN_PARAGRAPH_START)
_HEAD_VILLAGE_LINE = re.compile(C.HEAD_VILLAGE_LINE, re.M)
_NAME_END = re.compile(r"村(?!民|级|委|干|两|务|集|组|庄|里|内|外|的)")
_HAN_NAME = re.compile(r"(?:(?![村的该本全我每各有是在和与及个])[\u4e00-\u9fff])+村")
_SPAN_MONTHS = re.compile(r"(?P<a>" + C.MONTH + r")月?份?\s?[-~—–至到]\s?(?P<b>" + C.MONTH + r")月")
_SPAN_CUM_QUARTER = re.compile(r"前(?P<q>[一二两三])")
_SPAN_MONTH_END = re.compile(r"(?P<m>" + C.MONTH + r")月(?:底|末)")
_BOILERPLATE_LINE = re.compile(C.BOILERPLATE_LINE)
_SPAN_YEARS_LINE = re.compile(r"[(（]?\s*(?:19|20)\d{2}\s*年?\s*[—\-~至到]+\s*(?:19|20)\d{2}\s*年?\s*[)）]?")


_TOWNSHIP_BEFORE_NAME = re.compile(C.TOWNSHIP_BEFORE_NAME)


def is_name(name: str) -> bool:
    """A village-like name ("大刘庄村") that is not a word such as 各村, 该村, 示范村."""
    return not NOT_VILLAGE_NAME.search(name[:-1])


def clean_name(name: str) -> str:
    """"城东街道德民社区" → "德民社区", "最高的奇榜村" → "奇榜村": the village, not what stands before it."""
    norm = normalise(name)  # one character for one: offsets carry over to the name as written
    m = _TOWNSHIP_BEFORE_NAME.match(norm)
    return name[m.end():] if m and is_name(norm[m.end():]) else name


def _month(token: str) -> int:
    return int(token) if token.isdigit() else int(chinese_to_number(token))


def span_suffix(span: str) -> str | None:
    """"1-9月" → "Q3", "前三季度" → "Q3", "截至6月底" → "H1", "1-12月" → "" (the year);
    None for a span that is no half or quarter ("3-5月")."""
    m = _SPAN_MONTHS.match(span)
    if m:
        return C.MONTH_SPAN_PERIODS.get((_month(m.group("a")), _month(m.group("b"))))
    m = _SPAN_CUM_QUARTER.match(span)
    if m:
        return C.CUMULATIVE_QUARTER_PERIODS.get(m.group("q"))
    m = _SPAN_MONTH_END.match(span)
    if m:
        return C.MONTH_END_PERIODS.get(_month(m.group("m")))
    return None


def sub_period(year: int, half: str | None, quarter: str | None, span: str | None = None) -> str | None:
    if span:
        suffix = span_suffix(span)
        return None if suffix is None else f"{year}{suffix}"
    if half:
        return f"{year}{C.HALF_WORDS.get(half, 'H1')}"
    if quarter:
        return f"{year}{C.QUARTER_WORDS[quarter]}"
    return None


def _line_end(s: str, i: int) -> int:
    e = s.find("\n", i)
    return len(s) if e < 0 else e


def _next_line(s: str, end: int) -> int:
    return len(s) - len(s[end:].lstrip())


def _past_boilerplate(s: str, start: int) -> int:
    """The first line at or after start that is not a saved page's navigation, site name or date."""
    pos = start
    for _ in range(C.BOILERPLATE_MAX_LINES):
        end = _line_end(s, pos)
        if pos >= len(s) or not _BOILERPLATE_LINE.fullmatch(s[pos:end].strip()):
            return pos if pos < len(s) else start
        pos = _next_line(s, end)
    return start


def _title_bounds(s: str) -> tuple[int, int]:
    """The title line: past a saved page's navigation lines; after an issuer line ("中共枣林镇委员会")
    and an issuing number, the next one."""
    start = _past_boilerplate(s, len(s) - len(s.lstrip()))
    end = _line_end(s, start)
    if _ISSUER_LINE.fullmatch(s[start:end].strip()):
        nxt = _next_line(s, end)
        nxt_end = _line_end(s, nxt)
        if nxt < len(s) and _DOC_NUMBER_LINE.fullmatch(s[nxt:nxt_end].strip()):
            nxt = _next_line(s, nxt_end)  # past the issuing number
            nxt_end = _line_end(s, nxt)
        if nxt < len(s):
            return nxt, nxt_end
    return start, end


def _first_title_year(s: str, title: str, title_end: int) -> int | None:
    """The first year a titled span covers: "（2024—2026年）" in the title or on the line under it."""
    years = re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", title)
    if not years:
        under = s[title_end:title_end + 40].lstrip().split("\n", 1)[0]
        if _SPAN_YEARS_LINE.fullmatch(under.strip()):
            years = re.findall(r"(?:19|20)\d{2}", under)
    return min((int(y) for y in years), default=None)


_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[-/.年])(?:1[0-2]|0?[1-9])(?:[-/.月])(?:3[01]|[12]\d|0?[1-9])(?!\d)")


def _document_year(s: str, title: str, title_start: int) -> int | None:
    """The title's year; else the year of a date near the top (a news item's "2021-06-10");
    else the latest year in the opening (news retell history: "1921年…到2019年")."""
    ym = YEAR_RE.search(title)
    if ym:
        return int(ym.group())
    dm = _DATE.search(s, 0, title_start + 300)
    if dm:
        return int(dm.group(1))
    years = [int(m.group()) for m in YEAR_RE.finditer(s, title_start, title_start + 200)]
    return max(years) if years else None


def _is_title(line: str) -> bool:
    """A heading line rather than the text's first sentence ("根据…方案要求，镇党委于6月22日举办了…")."""
    return len(line) <= 48 and not re.search(r"[，。；]", line.strip().rstrip("。"))


def _named(matches) -> re.Match | None:
    return next((t for t in matches if is_name(t.group("name"))), None)


class Doc:
    def __init__(self, shadow: Shadow):
        s = self.s = shadow.s
        self.shadow = shadow
        self.sent = [m.start() for m in SENT_RE.finditer(s)]
        self.clause = [m.start() for m in _CLAUSE_RE.finditer(s)]
        self.lines = [i for i in self.sent if s[i] == "\n"]
        title_start, title_end = _title_bounds(s)
        self.title = s[title_start:title_end][:120]
        self.year: int | None = _document_year(s, self.title, title_start)
        self.first_title_year = _first_title_year(s, self.title, title_end)
        self.period = self._opening_period(s[title_start:min(len(s), title_end + C.OPENING_CHARS)],
                                           title_end - title_start)
        # a title, not a first sentence; a name in quotes ("耕耘者振兴计划") is no plan word (a 《…》 title is)
        headline = re.sub(r"[“\"][^”\"]{0,20}[”\"]", "", self.title) if _is_title(self.title) else ""
        self.is_summary = bool(_SUMMARY_TITLE.search(headline))
        self.is_plan = bool(_PLAN_TITLE.search(headline)) and not _PLAN_TITLE_EXCLUDE.search(headline)
        self.village_orig = self._village(title_start, title_end)
        self.is_own_report = bool(_OWN_REPORT_TITLE.search(self.title))
        self.heads, self.base_sections = self._sections(title_start)
        self.head_pos = [h[0] for h in self.heads]
        self.block_heads = self._block_heads()
        self.block_pos = [b[0] for b in self.block_heads]

    def _opening_period(self, opening: str, title_len: int) -> str | None:
        period = str(self.year) if self.year else None
        om = _OPENING_PERIOD.search(opening)
        if om and om.group("span") and om.end() > title_len:
            om = None  # a span of months dates the document only in its title
        if om and self.year and (om.group("year") is None or int(om.group("year")) == self.year):
            period = sub_period(self.year, om.group("half"), om.group("quarter"), om.group("span")) or period
        return period

    def _village(self, title_start: int, title_end: int) -> str | None:
        """The village the document is about: named in its title, opening or a "——" subtitle,
        or the village its author was sent to (第一书记) or signed with (乙方)."""
        s = self.s
        # "八把刀村是我镇唯一的移民村": a title that is an opening sentence names its subject first
        tv, base = _OPENING_VILLAGE.match(self.title) or _named(_TITLE_VILLAGE.finditer(self.title)), title_start
        if tv is None:
            base = min(len(s), title_end + 1)
            tv = _OPENING_VILLAGE.match(s[base:base + 40])
            for _ in range(2):  # a "——…" subtitle on one of the next two lines
                if tv is not None or base >= len(s):
                    break
                if s.startswith("——", base):
                    tv = _named(_TITLE_VILLAGE.finditer(s[base:_line_end(s, base)]))
                    break
                base = _line_end(s, base) + 1
        if tv and is_name(normalise(clean_name(tv.group("name")))):
            return clean_name(self.shadow.slice(base + tv.start("name"), base + tv.end("name")))
        hi = title_start + C.ASSIGNED_VILLAGE_CHARS
        av = _ASSIGNED_VILLAGE.search(s, title_start, hi) or _PARTY_VILLAGE.search(s, title_start, hi)
        if av and is_name(av.group("name")):
            return self.shadow.slice(av.start("name"), av.end("name"))
        return self._subject_village()

    def _subject_village(self) -> str | None:
        """The one village a story keeps naming (three times or more, at least twice as often as any
        other village): a document about a village that its title does not name."""
        seen: set[str] = set()
        for m in _NAME_END.finditer(self.s):
            e = m.end()
            for n in range(2, 5):
                name = self.s[e - 1 - n:e]
                if len(name) == n + 1 and _HAN_NAME.fullmatch(name) and is_name(name) \
                        and name[-2] not in _TO_THE_VILLAGE:
                    seen.add(name)
        counts = {name: self.s.count(name) for name in seen}
        # "臣南河村" and "南河村" are one name: keep the longest of a family named as often
        counts = {name: c for name, c in counts.items()
                  if not any(name in other and other != name and counts[other] == c for other in counts)}
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0])))
        if not ranked or ranked[0][1] < 3:
            return None
        best, top = ranked[0]
        if any(2 * c > top and best not in name and name not in best for name, c in ranked[1:]):
            return None
        i = self.s.find(best)
        return clean_name(self.shadow.slice(i, i + len(best)))

    def _sections(self, title_start: int):
        """Headings as (position, year, is_plan), and the plan sections that say where things stand."""
        heads, base = [], set()
        for m in _TOP_HEADING.finditer(self.s):
            if m.start() <= title_start:
                continue
            line = m.group().strip()
            y = YEAR_RE.search(line)
            heads.append((m.start(), int(y.group()) if y else None, bool(_PLAN_HEADING.search(line))))
            if _BASE_HEADING.search(line) and not _PLAN_HEADING.search(line):
                base.add(m.start())
        for m in _PLAN_PARAGRAPH.finditer(self.s):
            y = YEAR_RE.search(m.group())
            heads.append((m.start(), int(y.group()) if y else None, True))
        return sorted(heads), base

    def _block_heads(self) -> list[tuple[int, str | None]]:
        """Ledger blocks: (position of a 【…】 head line, its village or None)."""
        out = []
        for hm in _HEAD_VILLAGE_LINE.finditer(self.s):
            name = hm.group("name").strip()
            ok = VILLAGE_NAME.fullmatch(name) and is_name(name)
            out.append((hm.start(), self.shadow.slice(hm.start("name"), hm.end("name")) if ok else None))
        return out

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
