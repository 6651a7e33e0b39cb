"""Flattened tables: "村名 集体经济收入（万元） 发展党员 大刘庄村 12.5 2 …", one row a line or one
cell a token. Every indicator cell becomes a candidate for the row's village (or the township's
row), with the column's kind and period; prose rules skip the spans tables cover."""
from __future__ import annotations

import re

from etl.extract import lexicon_context as C
from etl.extract.model import Candidate, Rule
from etl.extract.quantities import to_number
from terms.numbers import MULTIPLIERS

_FIRST = re.compile(C.TABLE_FIRST_CELL)
_CELL = re.compile(C.TABLE_CELL_SEPARATOR)
_CSV_HEADER = re.compile(C.TABLE_CSV_HEADER)
_CSV_CELL = re.compile(C.TABLE_CSV_CELL)
_COLUMNS = [(ind, re.compile(p)) for ind, p in C.TABLE_COLUMNS]
_COLUMN_EXCLUDE = re.compile(C.TABLE_COLUMN_EXCLUDE)
_BARE_GROWTH = re.compile(C.TABLE_BARE_GROWTH_COLUMN)
_TOWNSHIP = re.compile(C.TABLE_TOWNSHIP_ROWS)
_SKIP = re.compile(C.TABLE_SKIP_ROWS)
_VALUE = re.compile(C.TABLE_VALUE)
_NAME = re.compile(C.TABLE_NAME)
_TARGET_COLUMN = re.compile(C.TABLE_TARGET_COLUMN)
_INCOME_CONTEXT = re.compile(C.TABLE_INCOME_CONTEXT)
_BARE_INCOME = re.compile(C.TABLE_BARE_INCOME_COLUMN)
_LAST_YEAR = re.compile(C.TABLE_LAST_YEAR_COLUMN)
_YEAR_ROW = re.compile(C.TABLE_YEAR_ROW)
_RULE_LINE = re.compile(C.TABLE_RULE_LINE)
_UNIT_CAPTION = re.compile(C.TABLE_UNIT_CAPTION)
_YEAR_RE = re.compile(C.YEAR)
_INDICATOR_ROW_LABEL = re.compile(C.INDICATOR_ROW_LABEL)
_INDICATOR_ROW_REST = re.compile(C.INDICATOR_ROW_REST)
_INDICATOR_ROW_CELL = re.compile(C.INDICATOR_ROW_CELL)
_CELL_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[Xx×*]+")


def columns_of(names: list[str], income_context: bool = False) -> list[tuple[str | None, str]]:
    """(indicator or None, header) per column; a bare growth column counts only
    beside a collective income column, and a bare income column ("上半年收入") only
    in a table introduced as collective income."""
    columns = []
    for name in names:
        ind = None
        if not _COLUMN_EXCLUDE.search(name):
            ind = next((code for code, pattern in _COLUMNS if pattern.search(name)), None)
        columns.append((ind, name))
    if income_context and not any(ind == "collective_income" for ind, _ in columns):
        bare = next((j for j, (ind, name) in enumerate(columns)
                     if ind is None and _BARE_INCOME.search(name) and not _COLUMN_EXCLUDE.search(name)), None)
        if bare is not None:
            columns[bare] = ("collective_income", columns[bare][1])
    if any(ind == "collective_income" for ind, _ in columns):
        columns = [("collective_income_growth_pct" if ind is None and _BARE_GROWTH.match(name)
                    else "collective_income" if ind is None and _LAST_YEAR.match(name) else ind, name)
                   for ind, name in columns]
    return columns


def _income_table(s: str, start: int) -> bool:
    """The lines just above a table introduce it as collective income ("收入居前的村情况如下"
    after a paragraph on 集体经济收入): then a bare 收入 column is that income."""
    lo = s.rfind("\n\n", 0, start)
    if lo >= 0 and not s[lo:start].strip():  # a blank line right above the table: the block before
        lo = s.rfind("\n\n", 0, lo)
    return bool(_INCOME_CONTEXT.search(s, max(lo, start - C.TABLE_CONTEXT_LOOKBACK, 0), start))


def _header(tokens) -> tuple[list[list], int] | None:
    """Header cells up to the first value cell; "(万元)" alone joins the cell before."""
    header: list[list] = []
    i = 0
    while i < len(tokens) and not _VALUE.match(tokens[i][2]):
        if header and re.match(r"^[(（]", tokens[i][2]):
            header[-1] = [header[-1][0], tokens[i][1], header[-1][2] + tokens[i][2]]
        else:
            header.append(list(tokens[i]))
        i += 1
        if len(header) > 16:
            return None
    return (header, i) if i < len(tokens) else None


def _token_rows(tokens, i: int, ncols: int, name_col: int, has_index: bool) -> list:
    rows = []
    while i + ncols <= len(tokens):
        row = tokens[i:i + ncols]
        if not _NAME.match(row[name_col][2]):
            break
        values = [cell for j, cell in enumerate(row) if j != name_col and not (has_index and j == 0)]
        if not all(_VALUE.match(cell[2]) for cell in values):
            break
        rows.append(row)
        i += ncols
    return rows


def _table_at(scan, start: int, out: list[Candidate]) -> int | None:
    """Read the table starting at start; its end, or None when there is none."""
    s = scan.s
    hi = min(len(s), start + C.TABLE_SCAN_MAX)
    stop = s.find("\n\n", start)
    if 0 <= stop < hi:
        hi = stop
    first_nl = s.find("\n", start, hi)
    cell_re = _CSV_CELL if _CSV_HEADER.fullmatch(s, start, first_nl if first_nl >= 0 else hi) else _CELL
    tokens = [(t.start(), t.end(), t.group()) for t in cell_re.finditer(s, start, hi)]
    found = _header(tokens)
    if found is None:
        return None
    header, i = found
    has_index = bool(header) and header[0][2] == "序号"
    if 0 <= first_nl < tokens[i][0]:
        first_line = [h for h in header if h[1] <= first_nl]
        if len(first_line) >= 2:
            return _line_table(scan, first_line, first_nl, hi, has_index, cell_re, out)
    if not has_index:
        if len(header) < 3:
            return None
        header, i = header[:-1], i - 1  # the last "header" cell is the first row's name
    columns = columns_of([name for _, _, name in header], _income_table(s, start))
    if not any(ind for ind, _ in columns):
        return None
    name_col = 1 if has_index else 0
    rows = _token_rows(tokens, i, len(header), name_col, has_index)
    if not rows:
        return None
    _emit_rows(scan, columns, [(row, name_col, 0) for row in rows], out)
    return rows[-1][-1][1]


def _line_row(cells, columns, has_index: bool):
    """(cells, name column, shift) for one line of a line table, or None when the line is no row."""
    shift = 0
    if has_index and not re.fullmatch(r"\d{1,3}", cells[0][2]):
        name_col, shift = 0, 1  # "合计 …" under "序号": one column to the right
    else:
        name_col = 1 if has_index else 0
    if len(cells) <= name_col or not _NAME.match(cells[name_col][2]) or len(cells) + shift > len(columns):
        return None
    ok = False
    for j, cell in enumerate(cells):
        if columns[j + shift][0] and j != name_col:
            if not _VALUE.match(cell[2]):
                return None
            ok = True
    return (cells, name_col, shift) if ok else None


def _line_table(scan, header, line_end, hi, has_index, cell_re, out) -> int | None:
    """A table laid out one row a line: text cells are allowed in columns that hold no
    indicator, trailing cells may be missing."""
    s = scan.s
    columns = columns_of([name for _, _, name in header], _income_table(s, header[0][0]))
    if not any(ind for ind, _ in columns):
        return None
    rows, end, pos = [], None, line_end + 1
    while pos < hi:
        nl = s.find("\n", pos, hi)
        nl = hi if nl < 0 else nl
        if not rows and _RULE_LINE.fullmatch(s, pos, nl):
            pos = nl + 1  # a markdown table's "|---|---|" line under its header
            continue
        cells = [(t.start(), t.end(), t.group()) for t in cell_re.finditer(s, pos, nl)]
        row = _line_row(cells, columns, has_index) if cells else None
        if row is None:
            break
        rows.append(row)
        end = cells[-1][1]
        pos = nl + 1
    if not rows:
        return None
    _emit_rows(scan, columns, rows, out)
    return end


def _column_multiplier(scan, ind: str, colname: str, col_values, first_cell: int) -> int:
    if "亿元" in colname:
        return 100_000_000
    if "万元" in colname or "万" in colname:
        return 10_000
    if ind != "collective_income" or "元" in colname:
        return 1
    stated = _UNIT_CAPTION.search(scan.s, max(0, first_cell - C.TABLE_CAPTION_LOOKBACK), first_cell)
    if stated:
        return MULTIPLIERS.get(stated.group("unit")[0], 1) if stated.group("unit") != "元" else 1
    nums = [float(re.sub(r"[^\d.]", "", c[2]) or 0) for c in col_values if re.match(r"\d", c[2])]
    return 10_000 if nums and max(nums) < 10_000 else 1


def _cell_value(raw: str, mult: int) -> float | None:
    raw = raw.lstrip("+")
    num = _CELL_NUMBER.match(raw).group()
    v = to_number(num.lstrip("-"))
    if v is None:
        return None
    if num.startswith("-"):
        v = -v
    if raw[len(num):].startswith("万"):
        mult = 10_000 if mult == 1 else mult
    return v * mult


def _row_scope(scan, name_cell) -> tuple[str, re.Match | None]:
    year_row = _YEAR_ROW.fullmatch(name_cell[2])
    if year_row:  # a table by year: the document's village, or the township
        return (f"village:{scan.doc.village_orig}" if scan.doc.village_orig else "township"), year_row
    if _TOWNSHIP.match(name_cell[2]):
        return "township", None
    return "village:" + scan.shadow.slice(name_cell[0], name_cell[1]), None


def _column_period(scan, colname: str, kind: str) -> str | None:
    ym = _YEAR_RE.search(colname)
    if ym:
        return str(ym.group())
    if kind == "actual":
        return scan.doc.period
    return str(scan.doc.year) if scan.doc.year else None


def _emit_rows(scan, columns, rows, out: list[Candidate]) -> None:
    """rows: (cells, name column, shift), cell j being column j + shift."""
    for ci, (ind, colname) in enumerate(columns):
        if not ind:
            continue
        col_values = [row[ci - shift] for row, _, shift in rows if 0 <= ci - shift < len(row)]
        mult = _column_multiplier(scan, ind, colname, col_values, rows[0][0][0][0])
        kind = "target" if _TARGET_COLUMN.search(colname) else "actual"
        last_year = bool(_LAST_YEAR.match(colname))
        for row, name_col, shift in rows:
            if not 0 <= ci - shift < len(row) or ci - shift == name_col:
                continue
            name_cell, cell = row[name_col], row[ci - shift]
            if _SKIP.match(name_cell[2]) or cell[2] in ("-", "—", "/", "无"):
                continue
            scope, year_row = _row_scope(scan, name_cell)
            value = _cell_value(cell[2], mult)
            c = Candidate(ind, value, "redacted" if value is None else "exact", name_cell[0], cell[1],
                          name_cell[0], cell[0], cell[1], scope)
            period = year_row.group("year") if year_row else _column_period(scan, colname, kind)
            if last_year and period and period[:4].isdigit():
                period = str(int(period[:4]) - 1) + period[4:]
            c.kind, c.period, c.fixed, c.rule = kind, period, True, "table.cells"
            out.append(c)


def read_tables(scan) -> list[Candidate]:
    """The candidates of every table's cells; the spans the tables cover go to scan.covered."""
    s = scan.s
    covered: list[tuple[int, int]] = []
    cands: list[Candidate] = []
    pos = 0
    while True:
        m = _FIRST.search(s, pos)
        if not m:
            break
        end = _table_at(scan, m.start("first"), cands)
        if end:
            covered.append((m.start("first"), end))
            pos = end
        else:
            pos = m.end()
    scan.covered = covered
    return cands


def _row_unit(scan, unit: str | None, at: int) -> int:
    if unit is None:
        stated = _UNIT_CAPTION.search(scan.s, max(0, at - C.TABLE_CAPTION_UNIT_LOOKBACK), at)
        unit = stated.group("unit") if stated else "元"
    return MULTIPLIERS.get(unit[0], 1) if unit in ("万元", "亿元") else 1


def _indicator_row(scan, ls: int, le: int):
    """(indicator, label match) for a line that is an indicator's row of figures, or None."""
    m = _INDICATOR_ROW_LABEL.match(scan.s, ls, le)
    if not m or not _INDICATOR_ROW_REST.fullmatch(scan.s, m.end(), le) or _COLUMN_EXCLUDE.search(m.group("label")):
        return None
    ind = next((code for code, pattern in _COLUMNS if pattern.search(m.group("label"))), None)
    if ind is None or len(_INDICATOR_ROW_CELL.findall(scan.s, m.end(), le)) < 2:
        return None
    return ind, m


def indicator_rows(scan) -> list[Candidate]:
    """"2.村组集体经营收入 281623 4996 7850 …" under a caption "单位:万元": one figure a place."""
    out, s, ls = [], scan.s, 0
    while ls < len(s):
        le = s.find("\n", ls)
        le = len(s) if le < 0 else le
        row = _indicator_row(scan, ls, le) if s[ls:le].rstrip()[-1:].isdigit() or s[ls:le].rstrip()[-1:] in "|｜" else None
        if row and not any(a <= ls < b for a, b in scan.covered):
            ind, m = row
            mult = _row_unit(scan, m.group("unit"), ls) if ind == "collective_income" else 1
            for cell in _INDICATOR_ROW_CELL.finditer(s, m.end(), le):
                value = float(cell.group().replace(",", "")) * mult
                out.append(Candidate(ind, value, "exact", m.start("label"), cell.end(), m.start("label"),
                                     cell.start(), cell.end(), "township"))
            scan.covered.append((ls, le))
        ls = le + 1
    scan.covered.sort()
    return out


RULES = (
    Rule("table.indicator_rows", None, frozenset(), 99, indicator_rows, keywords=C.INDICATOR_ROW_LABEL, level="document",
         note="2.村组集体经营收入 281623 4996 7850（单位：万元）"),
    Rule("table.cells", None, frozenset(), 100, read_tables, keywords=C.TABLE_FIRST_CELL, level="document",
         note="村名 集体经济收入（万元） 发展党员 / 大刘庄村 12.5 2"),
)
