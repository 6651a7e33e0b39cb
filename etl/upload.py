"""Quarterly upload: read → normalise → validate → preview → commit (all or nothing).

`prepare_import` only reads the database and returns a plan with every problem
found (errors and warnings, in Chinese, with row and column). `import_file`
checks a file and writes it in one transaction, chunk by chunk as it is read, and
rolls everything back if any problem is found; the CLI `zhibiao import` and the
page 数据上传 call it. Memory stays at one chunk plus compact per-key arrays,
whatever the file's size.
"""
from __future__ import annotations

import gc
import hashlib
import math
import re
import threading
from array import array
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from statistics import median
from typing import Callable, Iterable, Iterator

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import transaction
from db.errors import UserError
from db.models import OrgUnit
from db.permissions import ensure_unlocked, lock_message, locks_on, may_write_village, require
from db.store import (
    VillageIndex,
    VillageRef,
    create_batch,
    find_batch_by_sha,
    normalize_name,
    periods_stored,
    serialize_writers,
    stored_cells,
    township_by_name,
    township_figures,
    village_index,
    write_observations,
)
from db.users import LOCAL_OPERATOR, Principal
from etl.cells import (
    INDICATOR_COLUMNS,
    Problem,
    Problems,
    clean_text,
    find_header,
    is_blank,
    money_factor,
    parse_cell,
    parse_value,
    split_unit,
)
from etl.tabular import open_rows
from etl.upload_rules import (
    INDICATOR_ALIASES,
    OUTLIER_FACTOR,
    OUTLIER_MIN_PEERS,
    UNIT_ERROR_FACTOR,
    TEMPLATE_HEADERS,
    TOTAL_ROW_WORDS,
)
from terms.indicators import INDICATOR_BY_CODE
from terms.periods import find_quarter, parse_period, period_label, previous_period
from terms.values import format_value


@dataclass(slots=True)
class PlannedCell:
    row: int
    column: str
    village_id: int
    village: str
    indicator: str
    period: str
    value: float
    old: float | None = None
    township_id: int | None = None
    township: str | None = None
    slot: int = -1  # the cell's (village, indicator) slot in the file's arrays (see _FileKeys)

    @property
    def status(self) -> str:
        if self.old is None:
            return "new"
        return "unchanged" if self.old == self.value else "changed"


# A file is checked and written in chunks; the plan keeps what the preview shows, not the file.
CHUNK_CELLS = 5_000          # cells compared with the database (and written) together
PREVIEW_CELLS = 1_000        # cells a plan keeps for the preview table (new and changed first)
MAX_LISTED_PROBLEMS = 500    # errors (and warnings) listed one by one; the rest are counted


@dataclass
class ImportPlan(Problems):
    """What a file would do. `cells` holds every cell of a small file and the first
    PREVIEW_CELLS new/changed (then unchanged) cells of a large one; the counts, the
    problems' counts and `old_digest` always cover the whole file."""

    file_name: str
    sha256: str
    township: str | None = None
    township_id: int | None = None
    period: str | None = None
    basis: str = "cumulative"
    layout: str = "wide"
    cells: list[PlannedCell] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    data_rows: int = 0
    already_imported_batch: int | None = None
    n_new: int = 0
    n_changed: int = 0
    n_unchanged: int = 0
    periods: list[str] = field(default_factory=list)  # every quarter the file's cells are for
    old_digest: str = ""  # sha256 of every cell's key and stored value, in file order (see import_file)
    moved: list[PlannedCell] = field(default_factory=list)  # cells whose stored value moved since the preview
    n_moved: int = 0
    unit_override: bool = False  # an admin confirmed figures far off in unit: warnings, not errors
    blanks: list[tuple[int, str, str]] = field(default_factory=list)  # (row, village, indicator) left blank
    n_blanks: int = 0
    listed: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0})
    unlisted: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0})

    def note_blank(self, row: int, village: str, indicator: str) -> None:
        """A blank cell of a reported row: recorded as not reported (listed for the preview)."""
        self.n_blanks += 1
        if len(self.blanks) < MAX_LISTED_PROBLEMS:
            self.blanks.append((row, village, indicator))

    def unit_problem(self, message: str, row: int | None, column: str | None, ratio: float, money: bool) -> None:
        """A figure 100× or more off: an error suggesting the unit, unless an admin confirmed it."""
        if ratio >= UNIT_ERROR_FACTOR and not self.unit_override:
            hint = "是不是填成了元？万元栏里 6.8万元应填 6.8" if money else "是不是多写了0，或填了别的数？"
            self.error(f"{message}——{hint}（确实无误的，请管理员勾选“确认单位无误”后导入）", row, column)
        else:
            self.warn(f"{message}，请确认单位（元/万元）和数字", row, column)

    def _add(self, problem: Problem) -> None:
        if self.listed[problem.level] < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)
            self.listed[problem.level] += 1
        else:
            self.unlisted[problem.level] += 1

    @property
    def error_count(self) -> int:
        return self.listed["error"] + self.unlisted["error"]

    @property
    def warning_count(self) -> int:
        return self.listed["warning"] + self.unlisted["warning"]

    @property
    def cell_count(self) -> int:
        return self.n_new + self.n_changed + self.n_unchanged

    def counts(self) -> dict[str, int]:
        return {"new": self.n_new, "changed": self.n_changed, "unchanged": self.n_unchanged}


@dataclass
class ImportResult:
    plan: ImportPlan
    committed: bool
    batch_id: int | None = None
    message: str = ""


# ------------------------------------------------------------------ prepare
def prepare_import(session: Session, data: bytes, file_name: str, *, period: str | None = None,
                   basis: str = "cumulative", principal: Principal = LOCAL_OPERATOR,
                   township: str | None = None, unit_override: bool = False) -> ImportPlan:
    """Read and validate a file against the database without writing anything."""
    return _check_file(session, data, file_name, period=period, basis=basis, principal=principal, township=township,
                       unit_override=unit_override)


# Called with each checked chunk (cells in file order, their stored rows) while nothing is wrong.
Sink = Callable[[ImportPlan, list[PlannedCell], dict], None]


# ------------------------------------------------------------------ stages of a file's check
@dataclass
class _Header:
    """Stage 2, the header located: its row, each column's role and unit, the title above it."""
    head: list[list[object]]  # the rows read to find it
    index: int
    roles: dict[int, tuple[str, str]]
    names: dict[int, str]
    title: str
    layout: str

    @property
    def row(self) -> list[object]:
        return self.head[self.index]

    def col(self, role: str, default: int | None = None) -> int | None:
        return next((j for j, (r, _) in self.roles.items() if r == role), default)


def _locate_header(head: list[list[object]], file_name: str) -> _Header:
    """The header among the first rows read (HEADER_SEARCH_ROWS), or a UserError saying what is missing."""
    found = find_header(head)
    if found is None:
        raise UserError(
            f"文件“{file_name}”里找不到表头：前{HEADER_SEARCH_ROWS}行中没有同时含“村名”和指标名称（如“集体经济收入（万元）”）的一行。"
            "请使用模板（zhibiao template 或页面上的“下载模板”）"
        )
    index, roles = found
    found_roles = {role for role, _ in roles.values()}
    return _Header(head, index, roles, {j: str(head[index][j]).strip() for j in roles},
                   " ".join(str(c) for row in head[:index] for c in row if c is not None),
                   "long" if {"indicator", "value"} <= found_roles else "wide")


def _check_title(plan: ImportPlan, header: _Header, period: str | None, basis: str) -> None:
    """The period and basis a title row (or the file name) states, against those chosen."""
    file_period = (find_quarter(header.title) if header.title else None) or find_quarter(plan.file_name)
    if period and file_period and period != file_period:
        plan.error(f"文件标题写的是{period_label(file_period)}，但指定的期间是{period_label(period)}，两者不一致，请核对")
    plan.period = period or file_period
    stated = "quarter" if re.search(r"当季|本季度发生|季度发生额", header.title) else (
        "cumulative" if re.search(r"累计|年初至", header.title) else None)
    if stated and stated != basis:
        names = {"cumulative": "累计（年初至今）", "quarter": "当季"}
        plan.error(f"文件标题写的是{names[stated]}数，但导入时选择的口径是{names[basis]}，两者不一致，请核对")


def _file_township(session: Session, plan: ImportPlan, header: _Header, township: str | None,
                   principal: Principal) -> OrgUnit | None:
    """The township of the whole file: chosen, named in the title, the only one, or the user's."""
    towns = list(session.scalars(select(OrgUnit).where(OrgUnit.level == "township").order_by(OrgUnit.id)))
    title = header.title
    if township:
        town = township_by_name(session, township)
        named = [t for t in towns if t.id != town.id and t.name in title and t.name not in town.name]
        if named and town.name not in title:
            plan.error(f"文件标题写的是“{named[0].name}”，但当前选择的乡镇是“{town.name}”，请核对后再上传")
        return town
    for t in towns:
        if t.name in title or normalize_name(t.name) in normalize_name(title):
            return t
    if header.col("township") is None and len(towns) == 1:
        return towns[0]
    return session.get(OrgUnit, principal.township_id) if principal.township_id else None


class _RowCheck:
    """Stage 4: each data row's township, village (and the user's right to write it) and period,
    then its cells, into `pending`; totals rows aside, sums kept for them."""

    def __init__(self, session: Session, plan: ImportPlan, header: _Header, town: OrgUnit | None,
                 period: str | None, principal: Principal):
        self.session, self.plan, self.header, self.town = session, plan, header, town
        self.period, self.principal = period, principal
        self.vcol = header.col("village")
        self.vcolname = header.names[self.vcol]
        self.tcol, self.pcol = header.col("township"), header.col("period")
        self.icol, self.value_col = header.col("indicator", -1), header.col("value", -1)
        self.long = header.layout == "long"
        self.value_unit = header.roles[self.value_col][1] if self.long else ""
        self.value_name = header.names.get(self.value_col, "")
        self.wide = [(j, role, unit, header.names[j]) for j, (role, unit) in header.roles.items()
                     if role in INDICATOR_COLUMNS]
        self.value_cols = [j for j, (role, _) in header.roles.items() if role in INDICATOR_COLUMNS or role == "value"]
        self.columns = (dict.fromkeys(INDICATOR_COLUMNS, self.value_name) if self.long  # each indicator's column
                        else {role: name for _, role, _, name in self.wide})
        self.width = len(header.row)
        self.gaps = [j for j, c in enumerate(header.row) if c is None]  # columns without a header
        self.indexes: dict[int, VillageIndex] = {}
        self.keys = _FileKeys()
        self.total_rows: list[tuple[int, list[object]]] = []
        self.sums: dict[str, float] = {}
        self.pending: list[PlannedCell] = []
        # per-file caches: a 100,000-row file repeats the same names, townships, periods and units
        self.last_name, self.last_village, self.total = None, None, False
        self.last_town, self.town_id, self.town_name = None, None, None
        self.one_town: dict[str, VillageRef] | None = None  # the name index, when no column names a township
        self.towns_by_cell: dict[str, OrgUnit | UserError] = {}
        self.periods: dict[object, str | None] = {}
        self.long_cells: dict[object, tuple[str | None, str]] = {}
        self.factors: dict[str, tuple[float | None, str | None]] = {}
        self.wide_specs = [(j, role, name, *self._factor(role, unit)) for j, role, unit, name in self.wide]

    def index_for(self, town: OrgUnit) -> VillageIndex:
        if town.id not in self.indexes:
            self.indexes[town.id] = village_index(self.session, town)
        return self.indexes[town.id]

    def row(self, rownum: int, row: list[object]) -> None:
        vcell = row[self.vcol] if self.vcol < len(row) else None
        if (vcell is None or (vcell.__class__ is str and not vcell.strip())) and _row_empty(row):
            return  # a blank row (xlsx keeps cells holding only spaces as text)
        vname = str(vcell).strip() if vcell is not None else ""
        if vname != self.last_name:  # the long layout gives a village on consecutive rows
            self.last_name, self.last_village = vname, None
            self.total = _is_total_row(vname)
        if self.total:
            self.total_rows.append((rownum, row))
            return
        if len(row) > self.width or self.gaps:
            self._outside_header(rownum, row)
        if not vname:
            self.plan.error("村名为空", rownum, self.vcolname)
            return
        self.plan.data_rows += 1
        village = self._village(rownum, row, vname)
        if village is None:
            return
        n = len(row)
        for j in self.value_cols:
            if j < n and row[j] is not None and not is_blank(row[j]):
                break
        else:
            self.plan.data_rows -= 1
            return  # a village row left empty (e.g. the template's other villages): nothing to write
        if not may_write_village(self.principal, village.id):
            self.plan.error(f"您（{self.principal.name}）只能上传本村数据，不能修改“{village.name}”", rownum, self.vcolname)
            return
        period = self._period(rownum, row)
        if period is not None:
            self._cells(rownum, row, village, period)

    def _outside_header(self, rownum: int, row: list[object]) -> None:
        header_row = self.header.row
        for j in [j for j, c in enumerate(row) if c is not None and str(c).strip()
                  and (j >= self.width or header_row[j] is None)]:
            self.plan.error(f"表头之外的单元格有内容“{str(row[j]).strip()[:20]}”（第{_col_letter(j)}列没有表头），请删除或补上表头",
                            rownum)

    def _row_town(self, rownum: int, row: list[object]) -> OrgUnit | None:
        tcol = self.tcol
        if tcol is None or tcol >= len(row) or not row[tcol]:
            if self.town is None:
                self.plan.error("无法确定乡镇：请在标题中写明乡镇名称，或加“乡镇”列，或用 --township 指定", rownum)
            return self.town
        found = self.towns_by_cell.get(str(row[tcol]))
        if found is None:
            try:
                found = township_by_name(self.session, str(row[tcol]))
            except UserError as exc:
                found = exc
            self.towns_by_cell[str(row[tcol])] = found
        if isinstance(found, UserError):
            self.plan.error(found.message, rownum, self.header.names[tcol])
            return None
        return found

    def _village(self, rownum: int, row: list[object], vname: str) -> VillageRef | None:
        if self.one_town is not None:  # rows of the file's one township: its names as stored, first
            hit = self.one_town.get(vname)
            if hit is not None:
                return hit
        town = self._row_town(rownum, row)
        if town is None:
            return None
        if town is not self.last_town:  # ORM attribute reads are slow; most rows share one township
            self.last_town, self.town_id, self.town_name = town, town.id, town.name
        last = self.last_village
        if last is not None and last.parent_id == self.town_id:
            return last
        village = self.last_village = self.index_for(town).resolve(vname)
        if self.tcol is None:
            self.one_town = self.index_for(town).by_key
        if village is None:
            hint = self.index_for(town).suggest(vname)
            msg = f"{town.name}没有“{vname}”这个村"
            self.plan.error(msg + (f"，是不是“{hint}”？" if hint else "；如是新村或别名，请先用 zhibiao org import 登记"),
                            rownum, self.vcolname)
        return village

    def _period(self, rownum: int, row: list[object]) -> str | None:
        plan, pcol = self.plan, self.pcol
        if pcol is not None and pcol < len(row) and row[pcol] is not None:
            p = self.periods.get(row[pcol], "")
            if p == "":
                p = self.periods[row[pcol]] = find_quarter(str(row[pcol]))
            if p is None:
                plan.error(f"无法识别的期间“{row[pcol]}”，应写成 2025Q3 或 2025年第三季度", rownum, self.header.names[pcol])
                return None
            if plan.period and p != plan.period and self.period:
                plan.error(f"期间{period_label(p)}与指定的{period_label(self.period)}不一致", rownum, self.header.names[pcol])
                return None
            return p
        if plan.period is None:
            plan.error("无法确定期间：文件标题或“期间”列里没有季度，请用 --period 2025Q3 指定，或在页面上选择", rownum)
        return plan.period

    def _items(self, rownum: int, row: list[object]) -> list[tuple]:
        """The row's figures: (indicator, cell, column name, factor to the base unit, unit error)."""
        if not self.long:
            n = len(row)
            return [(code, row[j], name, factor, ferr) for j, code, name, factor, ferr in self.wide_specs if j < n]
        cell = row[self.icol] if self.icol < len(row) else None
        code, unit = self.long_cells.get(cell) or self.long_cells.setdefault(cell, _indicator_of(str(cell or "")))
        if code is None:
            self.plan.error(f"无法识别的指标“{cell}”，应为：村集体经济收入、发展党员数、网格数、培训人次", rownum,
                            self.header.names[self.icol])
            return []
        return [(code, row[self.value_col] if self.value_col < len(row) else None, self.value_name,
                 *self._factor(code, unit or self.value_unit))]

    def _factor(self, code: str, unit: str) -> tuple[float | None, str | None]:
        """(factor to 元, None) for a money column or value, (None, the error) for an unknown unit; 1 otherwise."""
        if code != "collective_income":
            return 1.0, None
        if unit not in self.factors:
            self.factors[unit] = _money_column_factor(self.header.title, unit, self.header.layout)
        return self.factors[unit]

    def _cells(self, rownum: int, row: list[object], village: VillageRef, period: str) -> None:
        plan, keys, sums, town_id, pending = self.plan, self.keys, self.sums, self.town_id, self.pending
        base = keys.base(self.indexes[town_id], village)
        given = keys.rows_for(period, base + 3)
        for code, cell, colname, factor, ferr in self._items(rownum, row):
            if ferr:
                plan.error(ferr, rownum, colname)
                continue
            value = parse_cell(code, cell, factor)
            if value is None:
                plan.note_blank(rownum, village.name, code)
                continue  # not reported: never zero
            if value.__class__ is str:
                plan.error(value, rownum, colname)
                continue
            slot = base + _IND_SLOT[code]
            first = given[slot]
            if not first:
                given[slot] = rownum
            else:
                plan.error(f"“{village.name}”的{INDICATOR_BY_CODE[code].name}在第{first}行已经填过，重复了", rownum, colname)
                continue
            sums[code] = sums.get(code, 0.0) + value
            pending.append(PlannedCell(rownum, colname, village.id, village.name, code, period, value,
                                       None, town_id, self.town_name, slot))


def _check_file(session: Session, data: bytes, file_name: str, *, period: str | None, basis: str,
                principal: Principal, township: str | None, sink: Sink | None = None, write_if_warned: bool = False,
                expect_old: dict | None = None, progress: Callable[[float, str], None] | None = None,
                table: tuple[_Header, Iterable[list[object]]] | None = None, unit_override: bool = False) -> ImportPlan:
    """Validate a file row by row against the database, in stages: read rows → locate the header →
    the title's period, basis and township → each row's village, rights, period and cells (parsed
    with no database) → every CHUNK_CELLS cells compared with what is stored and, while no error
    (and no warning, unless `write_if_warned`) has been found, handed to `sink`, which writes them in
    the caller's transaction → file-level checks (totals, spread, locks, re-imports). A caller that
    finds errors in the finished plan rolls that transaction back. Besides one chunk, the check keeps
    only compact arrays indexed by (village, indicator, quarter) (see _FileKeys).
    """
    plan = ImportPlan(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), basis=basis)
    if basis not in ("cumulative", "quarter"):
        raise UserError(f"口径“{basis}”不对，只能是 cumulative（累计）或 quarter（当季）")
    require(principal, "upload")
    if unit_override:
        require(principal, "override_units")
    plan.unit_override = unit_override
    if period is not None:
        try:
            parse_period(period)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    if table is None:  # a file: its rows as they are read
        stream = open_rows(data, file_name)
        header = _locate_header(list(islice(stream, HEADER_SEARCH_ROWS)), file_name)
        body, expected_rows = stream, max(stream.size_hint, 1)
    else:  # rows built by the caller (one figure entered by hand)
        (header, body), expected_rows = table, 1
    plan.layout = header.layout
    _check_title(plan, header, period, basis)
    town = _file_township(session, plan, header, township, principal)
    rows = _RowCheck(session, plan, header, town, period, principal)
    rows.keys.expected_rows = expected_rows
    tally = _Tally(plan, expect_old)

    def flush(rownum: int) -> None:
        _compare_chunk(session, plan, rows.pending, rows.keys)
        tally.add(rows.pending)
        if sink is not None and plan.error_count == 0 and (write_if_warned or plan.warning_count == 0):
            sink(plan, rows.pending, rows.keys.stored)
        rows.keys.stored = {}
        rows.pending.clear()
        if progress:
            progress(0.05 + 0.9 * min(rownum / expected_rows, 1.0), f"已{'校验并写入' if sink else '校验'} {rownum} 行…")

    rownum = header.index + 1
    check_row, pending = rows.row, rows.pending
    for rownum, row in enumerate(chain(header.head[header.index + 1:], body), start=header.index + 2):
        check_row(rownum, row)
        if len(pending) >= CHUNK_CELLS:
            flush(rownum)
    if pending:
        flush(rownum)
    _finish(session, plan, rows, town, tally)
    return plan


def _finish(session: Session, plan: ImportPlan, rows: _RowCheck, town: OrgUnit | None, tally: _Tally) -> None:
    """Stage 5, the checks of the whole file, then what the plan says of it."""
    if plan.data_rows == 0 and not plan.errors:
        plan.error(f"文件“{plan.file_name}”在表头下面没有数据行")
    if town is not None:
        plan.township, plan.township_id = town.name, town.id
    elif rows.indexes:
        first_town = next(iter(rows.indexes.values())).township
        plan.township, plan.township_id = first_town.name, first_town.id
    _check_totals(plan, rows.total_rows, rows.sums, rows.header.roles, rows.header.names)
    _check_spread(plan, rows.keys, rows.columns)
    _check_locks(session, plan, tally.locks)
    tally.finish()
    for level, name in (("error", "错误"), ("warning", "提醒")):
        if plan.unlisted[level]:
            plan.problems.append(Problem(f"以上只列出前 {MAX_LISTED_PROBLEMS} 处，另有 {plan.unlisted[level]} 处{name}未列出"
                                         f"（共 {plan.listed[level] + plan.unlisted[level]} 处）", level=level))
    prior = find_batch_by_sha(session, plan.sha256)
    if prior is not None and plan.n_unchanged == plan.cell_count:
        plan.already_imported_batch = prior.id


HEADER_SEARCH_ROWS = 15


class _FileKeys:
    """Compact per-file memory, indexed by (village, indicator, quarter): the row each key was
    first given on (0: not in the file) and its year-to-date value once compared. A slot is
    (township offset + village position in its index) × 4 + indicator position; each quarter
    has its own two arrays. Nothing here grows with the file beyond 12 bytes a slot."""

    def __init__(self) -> None:
        self.offset: dict[int, int] = {}             # township id → first position of its villages
        self.indexes: list[VillageIndex] = []
        self.by_town: dict[int, VillageIndex] = {}
        self.rows: dict[str, array] = {}
        self.values: dict[str, array] = {}
        self.flagged: set[tuple[str, int]] = set()  # cells already warned about (history)
        self.stored: dict = {}                      # the chunk's stored rows, for the sink
        # quarter → whether any figure was stored in it before this import (what the file itself
        # writes is in the arrays above, so quarters without one are never looked up)
        self.stored_before: dict[str, bool] = {}
        # the quarter before and the same quarter last year: their stored figures by slot, read once a
        # file for each township it covers well (8 bytes a slot; NaN: not read, -inf: read, none stored)
        self.earlier: dict[str, array] = {}
        self.earlier_read: set[tuple[int, str]] = set()
        self.expected_rows = 1  # the file's size, in rows, as its reader estimates it

    def reads_whole(self, town_id: int) -> bool:
        """Whether the quarters compared with are read for the whole township (a file covering a good
        part of it: one pass over its figures beats looking each cell up) or chunk by chunk."""
        return self.expected_rows * 4 >= len(self.by_town[town_id].villages)

    def village(self, slot: int) -> VillageRef:
        position = slot // 4
        for index in reversed(self.indexes):
            start = self.offset[index.township.id]
            if position >= start:
                return index.villages[position - start]
        raise IndexError(slot)

    def base(self, index: VillageIndex, village: VillageRef) -> int:
        """The first slot of a village (its indicators follow), registering its township's villages."""
        offset = self.offset.get(village.parent_id)
        if offset is None:
            last = self.indexes[-1] if self.indexes else None
            offset = self.offset[village.parent_id] = self.offset[last.township.id] + len(last.villages) if last else 0
            self.indexes.append(index)
            self.by_town[village.parent_id] = index
        return (offset + village.pos) * 4

    def rows_for(self, period: str, slot: int) -> array:
        """The quarter's array of the row each key was first given on (0: not yet), long enough
        for `slot`. A caller claims a key by writing its row number there."""
        rows = self.rows.get(period)
        if rows is None:
            rows = self.rows[period] = array("i")
            self.values[period] = array("d")
        if len(rows) <= slot:  # room for every village of the townships seen so far
            last = self.indexes[-1]
            grow = (self.offset[last.township.id] + len(last.villages)) * 4 - len(rows)
            rows.frombytes(bytes(rows.itemsize * grow))
            self.values[period].frombytes(bytes(8 * grow))
        return rows

    def read_earlier(self, session: Session, period: str, township_ids: Iterable[int]) -> None:
        """The figures stored for these townships in `period` (a quarter the file compares with),
        into `earlier`, once a file."""
        township_ids = [t for t in township_ids if (t, period) not in self.earlier_read]
        if not township_ids:
            return
        values = self.earlier.get(period)
        if values is None:
            values = self.earlier[period] = array("d")
        last = self.indexes[-1]
        size = (self.offset[last.township.id] + len(last.villages)) * 4
        if len(values) < size:
            values.extend(array("d", [math.nan]) * (size - len(values)))
        for town_id in township_ids:
            self.earlier_read.add((town_id, period))
            index = self.by_town[town_id]
            position = {v.id: v.pos for v in index.villages}
            offset = self.offset[town_id]
            values[offset * 4:(offset + len(index.villages)) * 4] = array("d", [-math.inf]) * (len(index.villages) * 4)
            for village_id, code, value in township_figures(session, town_id, period):
                k = _IND_SLOT.get(code)
                if k is not None and village_id in position:
                    values[(offset + position[village_id]) * 4 + k] = value

    def before(self, cell: PlannedCell, period: str) -> float | None:
        """The figure for the cell's village and indicator in another quarter: the file's own
        when an earlier row gave it, otherwise what was stored before this import."""
        rows = self.rows.get(period)
        slot = cell.slot
        if rows is not None and slot < len(rows) and 0 < rows[slot] < cell.row:  # the file's own
            return self.values[period][slot]
        earlier = self.earlier.get(period)
        if earlier is not None and slot < len(earlier):
            value = earlier[slot]
            if value == value:  # read for the whole township
                return None if value == -math.inf else value
        old = self.stored.get((cell.village_id, cell.indicator, period))
        return None if old is None else old.value


_IND_SLOT = {code: i for i, code in enumerate(INDICATOR_COLUMNS)}


def _compare_chunk(session: Session, plan: ImportPlan, cells: list[PlannedCell], keys: _FileKeys) -> None:
    """Turn quarter amounts into year-to-date, compare with what is stored (and with the
    quarter before and the year before), in file order."""
    periods = {c.period for c in cells}
    quarter = {p: parse_period(p)[1] for p in periods}
    before = {p: previous_period(p) for p in periods}
    year_before = {p: f"{int(p[:4]) - 1}{p[4:]}" for p in periods}
    wanted = periods | {before[p] for p in periods if quarter[p] > 1} | set(year_before.values())
    unknown = wanted - keys.stored_before.keys()
    if unknown:  # asked once a file: quarters with no figure stored when the import began need no look-up
        present = periods_stored(session, unknown)
        keys.stored_before.update({p: p in present for p in unknown})
    # the chunk's own quarters cell by cell (their stored rows are rewritten); the quarters it
    # compares with too, unless the file covers enough of a township to read them whole
    towns = {c.township_id for c in cells}
    whole = {t for t in towns if keys.reads_whole(t)}
    compared = {p for p in wanted - periods if keys.stored_before[p]}
    for p in compared:
        keys.read_earlier(session, p, whole)
    keys.stored = stored = stored_cells(
        session, {c.village_id for c in cells},
        {p for p in periods if keys.stored_before[p]} | (compared if towns - whole else set()))
    by_period = {p: (quarter[p], before[p], year_before[p], keys.values[p]) for p in periods}
    by_code = {code: (ind, ind.accumulation == "flow") for code, ind in INDICATOR_BY_CODE.items()}
    per_quarter, earlier = plan.basis == "quarter", keys.before
    # a quarter with no figure stored before the import and none given by the file: nothing to look up
    def answerable(p: str) -> bool:
        return keys.stored_before.get(p, False) or p in keys.rows

    looked_up = {p: answerable(before[p]) for p in periods}
    looked_up_year = {p: answerable(year_before[p]) for p in periods}
    for c in cells:
        code, period = c.indicator, c.period
        ind, flow = by_code[code]
        q, before_p, year_before_p, values = by_period[period]
        prev = earlier(c, before_p) if flow and q > 1 and looked_up[period] else None  # used for flows only
        if per_quarter and flow and q > 1:
            if prev is None:
                plan.error(f"按当季口径导入{period_label(period)}，需要先有{period_label(before_p)}的累计数，"
                           f"但“{c.village}”的{ind.name}没有", c.row, c.column)
                continue
            c.value = round(prev + c.value, 2)
        elif flow and prev is not None and c.value < prev:
            plan.warn(f"“{c.village}”{ind.name}累计数{format_value(code, c.value, grouping=False)}小于上季度的{format_value(code, prev, grouping=False)}，"
                      "累计数一般不会减少，请确认", c.row, c.column)
        if stored:
            old = stored.get((c.village_id, code, period))
            if old is not None:
                c.old = old.value
        value = values[c.slot] = c.value
        last_year = earlier(c, year_before_p) if looked_up_year[period] else None
        if last_year is not None and last_year > 0 and value > 0 and (
                value > last_year * OUTLIER_FACTOR or value * OUTLIER_FACTOR < last_year):
            ratio = max(value / last_year, last_year / value)
            plan.unit_problem(f"“{c.village}”{ind.name}{format_value(code, value, grouping=False)}与去年同期"
                              f"{format_value(code, last_year, grouping=False)}相差{ratio:.0f}倍", c.row, c.column,
                              ratio if value > last_year else 0.0, ind.display_factor != 1)
            keys.flagged.add((period, c.slot))


class _Tally:
    """Counts, the preview's cells, the quarters written to and the digest of stored values."""

    def __init__(self, plan: ImportPlan, expect_old: dict | None):
        self.plan = plan
        self.expect_old = expect_old
        self.changes: list[PlannedCell] = []
        self.unchanged: list[PlannedCell] = []
        self.locks: dict[tuple[int, str], str] = {}  # (township id, quarter) → township name
        self.digest = hashlib.sha256()
        self.moved: list[PlannedCell] = []
        self.n_moved = 0

    def add(self, cells: list[PlannedCell]) -> None:
        plan, changes, unchanged, expect_old = self.plan, self.changes, self.unchanged, self.expect_old
        seen: list[str] = []  # the stored values the cells meet, with their keys, for the digest
        n_new = n_changed = n_unchanged = 0
        for c in cells:
            old = c.old
            if old is None:
                n_new += 1
            else:
                seen.append(f"{c.village_id},{c.indicator},{c.period},{old!r};")
                if old == c.value:
                    n_unchanged += 1
                    if len(unchanged) < PREVIEW_CELLS:
                        unchanged.append(c)
                    continue
                n_changed += 1
            if len(changes) < PREVIEW_CELLS:
                changes.append(c)
        plan.n_new += n_new
        plan.n_changed += n_changed
        plan.n_unchanged += n_unchanged
        for key, town in {(c.township_id, c.period): c.township for c in cells if c.township_id is not None}.items():
            self.locks.setdefault(key, town)
        if expect_old is not None:
            for c in cells:
                if expect_old.get((c.village_id, c.indicator, c.period), c.old) != c.old:
                    self.n_moved += 1
                    if len(self.moved) < 5:
                        self.moved.append(c)
        self.digest.update("".join(seen).encode())

    def finish(self) -> None:
        plan = self.plan
        room = max(PREVIEW_CELLS - len(self.changes), 0)
        plan.cells = sorted(self.changes + self.unchanged[:room], key=lambda c: c.row)
        plan.old_digest = self.digest.hexdigest()
        plan.periods = sorted({p for _, p in self.locks}, key=parse_period)
        plan.moved = self.moved
        plan.n_moved = self.n_moved


_TOTAL_ROW = re.compile("|".join(TOTAL_ROW_WORDS))


def _is_total_row(name: str) -> bool:
    """A 合计/小计/全乡… row."""
    return _TOTAL_ROW.search(clean_text(name)) is not None


def _row_empty(row: list[object]) -> bool:
    for c in row:
        if c is not None and (c.__class__ is not str or c.strip()):
            return False
    return True


def _money_column_factor(title_text: str, unit: str, layout: str) -> tuple[float | None, str | None]:
    """(factor to 元, None) for a money column or value, or (None, the error to report)."""
    if unit and money_factor(unit) is None:
        return None, f"表头里的单位“{unit}”无法识别，请写成“（元）”或“（万元）”"
    if not unit and layout == "wide":
        wan = _title_unit(title_text)
        if wan is None:
            return None, "收入列的表头没有写单位，请写成“集体经济收入（万元）”或“（元）”"
        return wan, None
    return money_factor(unit) or 1.0, None


def _col_letter(j: int) -> str:
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


def _title_unit(title_text: str) -> float | None:
    """A money column without a unit in its header: a title row saying 单位：万元/元 decides, else None."""
    m = re.search(r"单位[:：]\s*(万元|元)", clean_text(title_text))
    return money_factor(m.group(1)) if m else None


def _indicator_of(text: str) -> tuple[str | None, str]:
    """The long layout's 指标 cell → (indicator code or None, unit written in it)."""
    name, unit = split_unit(text)
    for c, aliases in INDICATOR_ALIASES.items():
        if name in aliases:
            return c, unit
    return None, unit


def _check_totals(plan: ImportPlan, total_rows, sums: dict[str, float], roles, header_names) -> None:
    if plan.layout != "wide":
        return
    for rownum, row in total_rows:
        for j, (role, unit) in roles.items():
            if role not in INDICATOR_COLUMNS or j >= len(row):
                continue
            money = role == "collective_income"
            value, err = parse_value(row[j], base_factor=(money_factor(unit) or 1.0) if money else 1.0, money=money)
            if err or value is None:
                continue
            total = sums.get(role, 0.0)
            if abs(total - value) > max(0.01 * abs(value), 0.5):
                ind = INDICATOR_BY_CODE[role]
                plan.warn(
                    f"合计行为 {value / ind.display_factor:g}{ind.display_unit}，但各村相加为 {total / ind.display_factor:g}{ind.display_unit}，"
                    "合计行不导入，请核对各村数字", rownum, header_names[j])


def _check_spread(plan: ImportPlan, keys: _FileKeys, columns: dict[str, str]) -> None:
    """Warn about a value far above the township's median for its indicator and quarter
    (a cell already warned about against its own history is not warned twice)."""
    found: list[tuple[int, str, str, float]] = []
    for period, rows in keys.rows.items():
        values = keys.values[period]
        for code, k in _IND_SLOT.items():
            slots = [s for s in range(k, len(rows), 4) if rows[s]]
            if len(slots) < OUTLIER_MIN_PEERS:
                continue
            mid = median([values[s] for s in slots])
            if not mid > 0:
                continue
            ind = INDICATOR_BY_CODE[code]
            for s in slots:
                value = values[s]
                if value > mid * OUTLIER_FACTOR and (period, s) not in keys.flagged:
                    village = keys.village(s)
                    found.append((rows[s], code, f"“{village.name}”{ind.name}{format_value(code, value, grouping=False)}"
                                                 f"是全乡中位数{format_value(code, mid, grouping=False)}的{value / mid:.0f}倍",
                                  value / mid))
    for row, code, message, ratio in sorted(found):
        plan.unit_problem(message, row, columns.get(code), ratio, INDICATOR_BY_CODE[code].display_factor != 1)


def _check_locks(session: Session, plan: ImportPlan, pairs: dict[tuple[int, str], str]) -> None:
    """Every (township, quarter) the file writes to must be unlocked — rows of other townships too."""
    for lock in locks_on(session, pairs):
        plan.error(lock_message(lock, "不能再修改", where=pairs[(lock.township_id, lock.period)]))


# ------------------------------------------------------------------ commit
class _BatchWriter:
    """The sink of an import: writes each checked chunk's new and changed figures (and their
    audit rows) in the caller's transaction, under one import batch created on first use."""

    def __init__(self, session: Session, principal: Principal, source_type: str):
        self.session = session
        self.principal = principal
        self.source_type = source_type
        self.batch_id: int | None = None

    def __call__(self, plan: ImportPlan, cells: list[PlannedCell], stored: dict) -> None:
        changes = [c for c in cells if c.old is None or c.old != c.value]
        if not changes:
            return
        write_observations(self.session, changes, user=self.principal.name, source_type=self.source_type,
                           batch_id=self._batch(plan), current=stored)

    def _batch(self, plan: ImportPlan) -> int:
        if self.batch_id is None:
            batch = create_batch(self.session, file_name=plan.file_name, sha256=plan.sha256, user=self.principal.name,
                                 period=plan.period, basis=plan.basis, n_rows=0)
            self.batch_id = batch.id
        return self.batch_id

    def finish(self, plan: ImportPlan) -> int:
        """The batch's counts, once the whole file is checked and written. Returns its id."""
        from db.models import ImportBatch

        batch = self.session.get(ImportBatch, self._batch(plan))
        batch.n_rows = plan.data_rows
        batch.n_new, batch.n_changed, batch.n_unchanged = plan.n_new, plan.n_changed, plan.n_unchanged
        return batch.id


def _refuse_if_moved(plan: ImportPlan, expect_digest: str | None) -> None:
    """The page previewed the file; if a stored figure changed since, nothing is written."""
    if plan.n_moved:
        listed = "、".join(f"{c.village}{INDICATOR_BY_CODE[c.indicator].name}" for c in plan.moved)
        raise UserError(f"数据已被他人修改：预览之后{listed}等 {plan.n_moved} 项已有新值，请重新上传并核对预览")
    if expect_digest is not None and expect_digest != plan.old_digest:
        raise UserError("数据已被他人修改：预览之后本文件涉及的数字已有新值，请重新上传并核对预览")


_gc_lock = threading.Lock()
_gc_state = {"imports": 0, "was_enabled": True}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Cyclic garbage collection off while a file is checked and written: a 100,000-figure file
    allocates several hundred thousand small objects, none in a cycle, and the collections they
    trigger rescan the whole heap (a tenth of the import's time). Reference counting still frees
    each chunk; the collector is back as it was when the last import running in the process ends."""
    with _gc_lock:
        if _gc_state["imports"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_state["imports"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["imports"] -= 1
            if _gc_state["imports"] == 0 and _gc_state["was_enabled"]:
                gc.enable()


def import_file(engine: Engine, data: bytes, file_name: str, *, period: str | None = None, basis: str = "cumulative",
                principal: Principal = LOCAL_OPERATOR, township: str | None = None, dry_run: bool = False,
                confirm_warnings: bool = False, progress: Callable[[float, str], None] | None = None,
                expect_old: dict[tuple[int, str, str], float | None] | None = None,
                expect_digest: str | None = None, unit_override: bool = False) -> ImportResult:
    """Validate and (unless dry_run) commit a file in one transaction.

    The file is written chunk by chunk while it is checked (see `_check_file`); any error,
    an unconfirmed warning, or a stored figure that moved since the preview (`expect_old`:
    the old values the person saw; `expect_digest`: the preview's `old_digest`) raises
    UserError, and the transaction rolls back: nothing is written.
    """
    with _gc_paused(), transaction(engine) as session:
        if progress:
            progress(0.02, "正在读取并校验文件…")
        writer = None
        if not dry_run:
            serialize_writers(session)
            writer = _BatchWriter(session, principal, "upload")
        plan = _check_file(session, data, file_name, period=period, basis=basis, principal=principal, township=township,
                           sink=writer, write_if_warned=confirm_warnings, expect_old=expect_old, progress=progress,
                           unit_override=unit_override)
        _refuse_if_moved(plan, expect_digest)
        if plan.errors:
            raise UserError(f"文件“{plan.file_name}”有 {plan.error_count} 处错误，未导入任何数据", [str(p) for p in plan.errors])
        if plan.already_imported_batch is not None:
            return ImportResult(plan, False, plan.already_imported_batch,
                                f"这个文件已经导入过（批次 {plan.already_imported_batch}），内容相同，未做任何修改")
        if dry_run:
            c = plan.counts()
            return ImportResult(plan, False, None, f"预览：新增 {c['new']} 项，修改 {c['changed']} 项，不变 {c['unchanged']} 项（未写入）")
        if plan.warnings and not confirm_warnings:
            raise UserError(f"文件“{plan.file_name}”有 {plan.warning_count} 处需要确认的提醒，确认无误后请加 --yes（页面上勾选“确认”）再导入",
                            [str(p) for p in plan.warnings])
        batch_id = writer.finish(plan)
    if progress:
        progress(1.0, "导入完成")
    c = plan.counts()
    return ImportResult(plan, True, batch_id, f"已导入（批次 {batch_id}）：新增 {c['new']} 项，修改 {c['changed']} 项，不变 {c['unchanged']} 项")


# ------------------------------------------------------------------ rollback
def rollback_batch(engine: Engine, batch_id: int, *, principal: Principal = LOCAL_OPERATOR) -> int:
    """Restore the values a batch replaced (and remove the figures it added), as a new act kept in
    each figure's history. Refused, with nothing written, when a figure it wrote holds another value now.
    Returns the number of cells restored."""
    from db.models import ImportBatch
    from db.store import Restore, batch_versions, restore_cells, village_names

    with transaction(engine) as session:
        serialize_writers(session)
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise UserError(f"找不到批次 {batch_id}")
        if batch.status == "rolled_back":
            raise UserError(f"批次 {batch_id}（{batch.file_name}）已经撤销过")
        require(principal, "rollback", owner=batch.user, batch_id=batch_id)
        restores = [Restore(v.village_id, v.indicator, v.period, v.value, v.before)
                    for v in batch_versions(session, batch_id)]
        town_ids = {session.get(OrgUnit, r.village_id).parent_id for r in restores}
        ensure_unlocked(session, {(t, p) for t in town_ids for p in {r.period for r in restores}},
                        f"不能撤销批次 {batch_id}")
        conflicts = restore_cells(session, restores, user=principal.name, batch_id=batch_id)
        if conflicts:
            names = village_names(session, {c.village_id for c in conflicts[:10]})
            listed = "、".join(f"{names[c.village_id][1]}{period_label(c.period)}{INDICATOR_BY_CODE[c.indicator].name}"
                              for c in conflicts[:10])
            raise UserError(f"数据已被他人修改，批次 {batch_id} 不能整体撤销（之后又改过的：{listed}），未做任何修改")
        batch.status = "rolled_back"
    return len(restores)


# ------------------------------------------------------------------ one figure by hand
def enter_figure(engine: Engine, *, township: str, village: str, indicator: str, period: str, value: str,
                 principal: Principal = LOCAL_OPERATOR, confirm_warnings: bool = False,
                 basis: str = "cumulative") -> ImportResult:
    """Enter or correct one figure: the same validation, commit and audit as a file."""
    if indicator not in INDICATOR_COLUMNS:
        raise UserError(f"未知指标“{indicator}”")
    ind = INDICATOR_BY_CODE[indicator]
    head = [[f"{township}{period_label(period)}手工录入"], ["村名", TEMPLATE_HEADERS[indicator]]]
    name = f"手工录入 {village} {period_label(period)} {ind.name}"
    table = (_locate_header(head, name), [[village, value]])  # the cell, as a file's row would give it
    data = "\x1f".join((township, village, indicator, period, str(value))).encode("utf-8")  # its digest's input
    with transaction(engine) as session:
        serialize_writers(session)
        writer = _BatchWriter(session, principal, "manual")
        plan = _check_file(session, data, name, period=period, basis=basis, principal=principal, township=township,
                           sink=writer, write_if_warned=confirm_warnings, table=table)
        if plan.errors:
            raise UserError("未保存：" + "；".join(dict.fromkeys(p.message for p in plan.errors)))
        if plan.n_new == 0 and plan.n_changed == 0:
            return ImportResult(plan, False, None, "数值与已有数据相同，没有变化")
        if plan.warnings and not confirm_warnings:
            raise UserError("未保存，请先确认：" + "；".join(p.message for p in plan.warnings)
                            + "。核对无误后勾选“我确认数字无误”再保存")
        batch_id = writer.finish(plan)
    c = plan.cells[0]
    old = "（无）" if c.old is None else format_value(c.indicator, c.old, grouping=False)
    return ImportResult(plan, True, batch_id, f"已保存：{c.village}{period_label(c.period)}{ind.name} {old} → "
                                              f"{format_value(c.indicator, c.value, grouping=False)}（批次 {batch_id}）")


def preview_file(engine: Engine, data: bytes, file_name: str, **kwargs) -> ImportPlan:
    """Validate a file and compare it with the database; nothing is written."""
    from db.engine import session_factory

    with _gc_paused(), session_factory(engine)() as session:
        return prepare_import(session, data, file_name, **kwargs)
