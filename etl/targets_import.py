"""Annual targets from a spreadsheet: read → validate → preview → commit (all or nothing).

The sheet is the quarterly upload's wide layout: a header row with 村名 and the
indicator columns (units in the header, e.g. 集体经济收入（万元）), the year in
the title above it (示范乡2027年村级指标目标) or chosen by the caller.

* a row whose 村名 is 全乡 / 每村 / 各村 sets the township's every-village target;
* every other row sets that village's own target (it wins over the township's);
* a blank cell is skipped, never 0; a 合计 row is not a target and is skipped.

`prepare_targets` only reads the database and returns a plan with every problem
(Chinese, with row and column). `commit_targets` writes a clean plan through
`db.targets.set_target_for` (admin only, audited) in the caller's transaction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import UserError
from db.models import Document, OrgUnit, ReportFact, Target
from db.permissions import require
from db.store import normalize_name, township_by_name, village_index
from db.targets import set_target_for
from db.users import Principal
from etl.cells import INDICATOR_COLUMNS, Problem, Problems, clean_text, find_header, money_factor, parse_value
from etl.exports import neutralise
from etl.tabular import read_grid
from etl.upload_rules import TEMPLATE_HEADERS
from terms.indicators import INDICATOR_BY_CODE, TRACKED
from terms.numbers import MONEY_UNITS
from terms.values import format_value

# A 村名 cell that means "every village of the township" (compared after removing spaces).
TOWNSHIP_ROW_WORDS = ("全乡", "全镇", "每村", "各村")
# A row that adds the villages up: not a target, skipped with a warning (checked first: 全乡合计).
TOTAL_WORDS = ("合计", "总计", "小计", "汇总")
# An income target above this (元, per village) is probably 元 typed into a 万元 column.
INCOME_SANITY_LIMIT = 10_000_000.0
_YEAR_RE = re.compile(r"((?:19|20|21)\d{2})\s*年")


@dataclass
class PlannedTarget:
    row: int
    column: str
    indicator: str
    value: float                 # base unit (元 for income)
    village_id: int | None       # None: the township's every-village target
    village: str | None
    old: float | None = None     # the target stored for the same org (a village's own, or the township's)

    @property
    def status(self) -> str:
        if self.old is None:
            return "new"
        return "unchanged" if self.old == self.value else "changed"

    @property
    def scope(self) -> str:
        return self.village or "全乡每村"


@dataclass
class TargetPlan(Problems):
    file_name: str
    township: str
    township_id: int
    year: int | None = None
    targets: list[PlannedTarget] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    data_rows: int = 0

    def counts(self) -> dict[str, int]:
        out = {"new": 0, "changed": 0, "unchanged": 0}
        for t in self.targets:
            out[t.status] += 1
        return out

    def olds(self) -> dict[tuple[int | None, str], float | None]:
        """What the preview compared against: (village_id or None, indicator) → stored value."""
        return {(t.village_id, t.indicator): t.old for t in self.targets}



def years_in(text: str) -> list[int]:
    """Distinct years written as 2027年 in a text, in order."""
    out: list[int] = []
    for m in _YEAR_RE.finditer(clean_text(text)):
        y = int(m.group(1))
        if y not in out:
            out.append(y)
    return out


def _cell_has_money_unit(cell: object) -> bool:
    if not isinstance(cell, str):
        return False
    text = clean_text(cell)
    return any(text.endswith(word) for word, _ in MONEY_UNITS)


def is_township_row(name: str) -> bool:
    key = clean_text(name)
    return any(w in key for w in TOWNSHIP_ROW_WORDS) and not any(w in key for w in TOTAL_WORDS)


def is_total_row(name: str) -> bool:
    key = clean_text(name)
    return any(w in key for w in TOTAL_WORDS)


# ------------------------------------------------------------------ prepare
def prepare_targets(session: Session, data: bytes, file_name: str, *, township: str,
                    year: int | None = None) -> TargetPlan:
    """Read and validate a target sheet against the database; nothing is written."""
    town = township_by_name(session, township)
    plan = TargetPlan(file_name=file_name, township=town.name, township_id=town.id)
    grid = read_grid(data, file_name)
    header = find_header(grid.rows)
    if header is None:
        raise UserError(
            f"文件“{grid.file_name}”里找不到表头：前15行中没有同时含“村名”和指标名称（如“集体经济收入（万元）”）的一行。"
            "请使用页面上的“下载导入模板”")
    header_idx, roles = header
    role_cols = {role: j for j, (role, _) in roles.items()}
    header_row = grid.rows[header_idx]
    header_names = {j: str(header_row[j]).strip() for j in roles}
    indicator_cols = [(j, role, unit) for j, (role, unit) in sorted(roles.items()) if role in INDICATOR_COLUMNS]
    if not indicator_cols:
        raise UserError("表头里没有指标列。目标表请每个指标一列：村名、集体经济收入（万元）、发展党员（人）、网格数（个）、培训人次（人次）")

    # --- year: the title above the header, else the caller's choice, else the file name
    title_text = " ".join(str(c) for row in grid.rows[:header_idx] for c in row if c is not None)
    title_years = years_in(title_text)
    if len(title_years) > 1:
        plan.error(f"标题里有多个年份（{'、'.join(f'{y}年' for y in title_years)}），无法确定是哪一年的目标；"
                   "一个文件只放一年的目标")
    elif title_years:
        if year is not None and year != title_years[0]:
            plan.error(f"文件标题写的是{title_years[0]}年，但页面上选的是{year}年，两者不一致，请核对")
        plan.year = title_years[0] if year is None else year
    elif year is not None:
        plan.year = year
    else:
        name_years = years_in(file_name)
        if len(name_years) == 1:
            plan.year = name_years[0]
        else:
            plan.error("无法确定年份：标题里没有写年份（如“示范乡2027年村级指标目标”），请在页面上选择年份")
    if plan.year is not None and not (2000 <= plan.year <= 2100):
        plan.error(f"年份“{plan.year}”不对")
        plan.year = None

    # --- township named in the title must be the chosen one
    others = session.scalars(select(OrgUnit.name).where(OrgUnit.level == "township", OrgUnit.id != town.id)).all()
    title_key = normalize_name(title_text)
    if title_key and normalize_name(town.name) not in title_key:
        named = [n for n in others if normalize_name(n) in title_key]
        if named:
            plan.error(f"文件标题写的是“{named[0]}”，但当前选择的乡镇是“{town.name}”，请核对")

    # --- units of the indicator columns
    factors: dict[int, float | None] = {}
    for j, role, unit in indicator_cols:
        if role != "collective_income":
            factors[j] = 1.0
            continue
        if unit:
            f = money_factor(unit)
            if f is None:
                plan.error(f"无法识别的单位“{unit}”，收入请用“万元”或“元”", header_idx + 1, header_names[j])
            factors[j] = f
        elif "万元" in title_text and "单位" in title_text:
            factors[j] = 10_000.0
        else:
            factors[j] = None  # a bare number is ambiguous; a cell like “10万元” is fine

    index = village_index(session, town)
    vcol = role_cols["village"]
    tcol = role_cols.get("township")
    seen_rows: dict[int | None, int] = {}
    planned: list[PlannedTarget] = []
    for i in range(header_idx + 1, len(grid.rows)):
        row = grid.rows[i]
        rownum = i + 1
        if not any(c is not None and (not isinstance(c, str) or c.strip()) for c in row):
            continue
        vcell = row[vcol] if vcol < len(row) else None
        vname = str(vcell).strip() if vcell is not None else ""
        cells = [(j, role, row[j] if j < len(row) else None) for j, role, _ in indicator_cols]
        has_values = any(c is not None and (not isinstance(c, str) or c.strip()) for _, _, c in cells)
        if not vname:
            if has_values:
                plan.error("村名为空", rownum, header_names[vcol])
            continue
        if is_total_row(vname):
            if has_values:
                plan.warn(f"“{vname}”是合计行，不是每村目标，不导入；全乡每村统一的目标请在村名处写“全乡”",
                          rownum, header_names[vcol])
            continue
        if tcol is not None and tcol < len(row) and row[tcol] is not None and str(row[tcol]).strip():
            if normalize_name(str(row[tcol])) != normalize_name(town.name):
                plan.error(f"这一行的乡镇是“{str(row[tcol]).strip()}”，不是当前选择的“{town.name}”", rownum,
                           header_names[tcol])
                continue
        if is_township_row(vname):
            village_id, village_name = None, None
        else:
            found = index.resolve(vname)
            if found is None:
                hint = index.suggest(vname)
                plan.error(f"{town.name}没有“{vname}”这个村" + (f"，是不是“{hint}”？" if hint else
                                                              "；如是新村或别名，请先用 zhibiao org import 登记"),
                           rownum, header_names[vcol])
                continue
            village_id, village_name = found.id, found.name
        plan.data_rows += 1
        if village_id in seen_rows:
            what = "全乡每村目标" if village_id is None else f"“{village_name}”"
            plan.error(f"{what}在第{seen_rows[village_id]}行已经填过，重复了", rownum, header_names[vcol])
            continue
        seen_rows[village_id] = rownum
        for j, code, cell in cells:
            colname = header_names[j]
            factor = factors[j]
            money = code == "collective_income"
            if money and factor is None:
                if cell is None or (isinstance(cell, str) and not cell.strip()):
                    continue
                if not _cell_has_money_unit(cell):
                    value, err = parse_value(cell, money=True)
                    if err is None and value is not None:
                        plan.error(f"表头没有写单位，无法确定“{str(cell).strip()}”是元还是万元；"
                                   "请把表头写成“集体经济收入（万元）”", rownum, colname)
                        continue
                factor = 1.0
            value, err = parse_value(cell, base_factor=factor, money=money)
            if err:
                plan.error(err, rownum, colname)
                continue
            if value is None:
                continue  # blank: no target from this cell, never 0
            raw = f"{cell:g}" if isinstance(cell, (int, float)) else str(cell).strip()
            if value < 0:
                plan.error(f"目标不能为负数（{raw}）", rownum, colname)
                continue
            if not money and not float(value).is_integer():
                plan.error(f"{INDICATOR_BY_CODE[code].name}目标应为整数，收到“{raw}”", rownum, colname)
                continue
            value = round(value, 2)
            if money and value > INCOME_SANITY_LIMIT:
                plan.warn(f"每村目标{format_value(code, value, grouping=False)}异常偏大，请确认单位（元/万元）", rownum, colname)
            planned.append(PlannedTarget(rownum, colname, code, value, village_id, village_name))

    if not planned and not plan.errors:
        plan.error(f"文件“{grid.file_name}”在表头下面没有填写任何目标（空格不会当作0导入）")
    if plan.year is not None and planned:
        ids = [town.id, *{t.village_id for t in planned if t.village_id is not None}]
        stored = {(org, code): value for org, code, value in session.execute(
            select(Target.org_id, Target.indicator_code, Target.value)
            .where(Target.year == plan.year, Target.org_id.in_(ids)))}
        for t in planned:
            t.old = stored.get((t.village_id or town.id, t.indicator))
    plan.targets = planned
    return plan


# ------------------------------------------------------------------ commit
def commit_targets(session: Session, plan: TargetPlan, principal: Principal,
                   expect_old: dict[tuple[int | None, str], float | None] | None = None) -> int:
    """Write a clean plan in the caller's transaction (all or nothing). Returns how many targets changed.

    `expect_old` is what the person saw in the preview; if a stored target moved since, nothing is written.
    """
    require(principal, "set_target")
    if plan.errors:
        raise UserError(f"文件“{plan.file_name}”有 {len(plan.errors)} 处错误，未导入任何目标",
                        [str(p) for p in plan.errors])
    if plan.year is None:
        raise UserError("无法确定年份，未导入任何目标")
    if expect_old is not None:
        moved = [t for t in plan.targets if expect_old.get((t.village_id, t.indicator), t.old) != t.old]
        if moved:
            listed = "、".join(f"{t.scope}{INDICATOR_BY_CODE[t.indicator].name}" for t in moved[:5])
            raise UserError(f"目标已被他人修改：预览之后{listed}等 {len(moved)} 项已有新值，请重新上传并核对预览")
    source = f"表格导入:{plan.file_name}"[:200]
    changed = 0
    for t in plan.targets:
        did, _ = set_target_for(session, township=plan.township, year=plan.year, indicator=t.indicator,
                                value=t.value, principal=principal, village=t.village, source=source)
        changed += did
    return changed


# ------------------------------------------------------------------ reads for the page
def pending_report_targets(session: Session, township_id: int) -> list[dict]:
    """Pending target facts (tracked indicators) of the reports stored for a township, with what
    accepting would overwrite: the township's target (每村) or the village's own."""
    tracked = [i.code for i in TRACKED]
    village = OrgUnit.__table__.alias("v")
    rows = session.execute(
        select(ReportFact, Document.file_name, village.c.name)
        .join(Document, Document.id == ReportFact.document_id)
        .outerjoin(village, village.c.id == ReportFact.village_id)
        .where(Document.township_id == township_id, ReportFact.kind == "target", ReportFact.status == "pending",
               ReportFact.indicator_code.in_(tracked))
        .order_by(ReportFact.document_id, ReportFact.start)
    ).all()
    out = []
    for f, doc_name, vname in rows:
        year = int(f.period[:4]) if f.period and f.period[:4].isdigit() else None
        org_id = f.village_id or township_id
        current = None
        if year is not None:
            current = session.scalar(select(Target.value).where(
                Target.org_id == org_id, Target.indicator_code == f.indicator_code, Target.year == year))
        out.append({"id": f.id, "document": doc_name, "indicator": f.indicator_code, "value": f.value,
                    "qualifier": f.qualifier, "scope": f.scope, "village_id": f.village_id, "village": vname,
                    "period": f.period, "year": year, "evidence": f.evidence, "current": current})
    return out


def own_targets(session: Session, township_id: int, year: int) -> dict[tuple[int | None, str], float]:
    """(village_id, indicator) → the village's own target, and (None, indicator) → the township's."""
    ids = [r[0] for r in session.execute(select(OrgUnit.id).where(OrgUnit.parent_id == township_id,
                                                                   OrgUnit.level == "village"))]
    out: dict[tuple[int | None, str], float] = {}
    for org, code, value in session.execute(select(Target.org_id, Target.indicator_code, Target.value)
                                            .where(Target.year == year, Target.org_id.in_([township_id, *ids]))):
        out[(None if org == township_id else org, code)] = value
    return out


def target_years(session: Session, township_id: int) -> list[int]:
    ids = [township_id, *session.scalars(select(OrgUnit.id).where(OrgUnit.parent_id == township_id))]
    return sorted(set(session.scalars(select(Target.year).where(Target.org_id.in_(ids)).distinct())))


def template_xlsx(session: Session, township: str, year: int) -> bytes:
    """A target sheet to fill in: the title with the year, the header, the 全乡 row and every village,
    prefilled with the targets stored now (a village's row only where it has its own)."""
    import io

    import xlsxwriter

    town = township_by_name(session, township)
    stored = own_targets(session, town.id, year)
    villages = list(session.execute(select(OrgUnit.id, OrgUnit.name).where(
        OrgUnit.parent_id == town.id, OrgUnit.level == "village").order_by(OrgUnit.id)))
    codes = list(INDICATOR_COLUMNS)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("目标")
    bold = wb.add_format({"bold": True, "font_size": 14})
    note = wb.add_format({"font_color": "#666666"})
    ws.merge_range(0, 0, 0, len(codes), f"{town.name}{year}年村级指标目标", bold)
    ws.write(1, 0, "说明：“全乡（每村）”一行是每个村统一的目标；某村另有目标才在该村一行填写，不填的村按全乡目标。"
                   "空格不导入（不会当作0）。", note)
    ws.write_row(2, 0, ["村名", *[TEMPLATE_HEADERS[c] for c in codes]])

    def shown(code: str, value: float | None):
        if value is None:
            return None
        v = value / INDICATOR_BY_CODE[code].display_factor
        return int(v) if float(v).is_integer() else round(v, 4)

    rows = [("全乡（每村）", None), *[(name, vid) for vid, name in villages]]
    for r, (name, vid) in enumerate(rows, start=3):
        ws.write_string(r, 0, neutralise(name))
        for c, code in enumerate(codes, start=1):
            v = shown(code, stored.get((vid, code)))
            if v is not None:
                ws.write_number(r, c, v)
    ws.set_column(0, 0, 16)
    ws.set_column(1, len(codes), 20)
    wb.close()
    return buf.getvalue()
