"""The demo township 示范乡: generated deterministically, kept as files under seeds/demo,
and loaded through the same import path users use (org import, targets, quarterly upload).

    python -m etl.demo write seeds/demo      # regenerate the files (a test checks they match)
"""
from __future__ import annotations

import csv
import io
import random
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from db.engine import ROOT, transaction
from db.store import set_target, township_by_name
from db.users import LOCAL_OPERATOR
from terms.periods import QUARTER_NAMES

SEEDS = ROOT / "seeds"
DEMO_DIR = SEEDS / "demo"
TOWNSHIP = "示范乡"
COUNTY = "示范县"
YEARS = (2025, 2026)
LAST_PERIOD = (2026, 3)
ORG_FILE = "示范乡_村庄名单.csv"

# name, aliases, income pace (share of the 10万 target reached by year end), character
VILLAGES = (
    ("大刘庄村", "大劉莊", 0.55, "lagging"),       # red all year
    ("胜利村", "", 1.25, "strong"),                # own, higher target
    ("红旗村", "紅旗", 1.6, "early"),              # reaches its annual target by Q2
    ("石桥村", "石橋", 0.95, "stops"),             # stops reporting in 2026Q3
    ("王家营村", "王家营", 1.05, "normal"),
    ("柳树湾村", "", 0.88, "yellow"),
    ("东坡村", "", 1.1, "normal"),
    ("西河村", "", 0.92, "yellow"),
    ("南岗村", "", 1.02, "normal"),
    ("北山村", "", 0.7, "red"),
    ("杨庄村", "", 1.15, "normal"),
    ("李家寨村", "李寨", 1.0, "normal"),
    ("新建村", "", 1.08, "normal"),
    ("青龙村", "", 1.2, "normal"),
)
TARGETS = {"collective_income": 100_000.0, "new_members": 2.0, "grid_count": 6.0, "training_attendance": 120.0}
OWN_TARGETS = {("胜利村", "collective_income"): 150_000.0}
HEADER = ["序号", "村名", "集体经济收入（万元）", "发展党员（人）", "网格数（个）", "培训人次（人次）"]
# Share of the year's income earned by the end of each quarter (seasonal, not linear).
INCOME_CURVE = (0.2, 0.45, 0.75, 1.0)


@dataclass(frozen=True)
class DemoRow:
    village: str
    income_wan: float | None
    members: int | None
    grids: int | None
    training: int | None


def _quarter_rows(year: int, q: int) -> list[DemoRow]:
    rows = []
    for i, (name, _alias, pace, character) in enumerate(VILLAGES):
        rng = random.Random(f"{year}-{name}")  # same village, same year → same numbers
        year_pace = pace * (0.9 if year == 2025 else 1.0) if character != "lagging" else pace
        curve = INCOME_CURVE
        if character == "early":
            curve = (0.3, 0.65, 0.85, 1.0)
        income = TARGETS["collective_income"] * year_pace * curve[q - 1] * rng.uniform(0.97, 1.03)
        members_year = max(0, round(TARGETS["new_members"] * pace))
        members = min(members_year, (members_year * q + 3) // 4) if character != "lagging" else (1 if q >= 3 else 0)
        grids = 6 if pace >= 0.9 else 5
        training = round(TARGETS["training_attendance"] * pace * q / 4 * rng.uniform(0.9, 1.1))
        if character == "stops" and (year, q) == LAST_PERIOD:
            rows.append(DemoRow(name, None, None, None, None))
            continue
        if character == "yellow" and (year, q) == LAST_PERIOD:
            training = None  # one blank cell: not reported, never 0
        rows.append(DemoRow(name, round(income / 10_000, 2), members, grids, training))
    return rows


def periods() -> list[tuple[int, int]]:
    out = []
    for year in YEARS:
        for q in range(1, 5):
            if (year, q) <= LAST_PERIOD:
                out.append((year, q))
    return out


def quarter_file_name(year: int, q: int) -> str:
    return f"{TOWNSHIP}_{year}Q{q}.xlsx" if (year, q) == LAST_PERIOD else f"{TOWNSHIP}_{year}Q{q}.csv"


def _table(year: int, q: int) -> list[list[object]]:
    title = f"{TOWNSHIP}{year}年{QUARTER_NAMES[q]}村级重点指标统计表（累计数）"
    table: list[list[object]] = [[title], ["填报单位：示范乡党建办", "", "", "", "", ""], HEADER]
    rows = _quarter_rows(year, q)
    for n, r in enumerate(rows, start=1):
        table.append([n, r.village, r.income_wan, r.members, r.grids, r.training])
    total = ["", "合计",
             round(sum(r.income_wan or 0 for r in rows), 2), sum(r.members or 0 for r in rows),
             sum(r.grids or 0 for r in rows), sum(r.training or 0 for r in rows)]
    table.append(total)
    return table


def render_quarter(year: int, q: int) -> bytes:
    table = _table(year, q)
    if (year, q) == LAST_PERIOD:
        return _xlsx(table)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in table:
        writer.writerow(["" if c is None else c for c in row])
    text = buf.getvalue()
    # The files people send: one old-Excel GBK export, the rest UTF-8 with BOM.
    return text.encode("gb18030") if (year, q) == (2025, 4) else text.encode("utf-8-sig")


def _xlsx(table: list[list[object]]) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": datetime(2026, 10, 10, 9, 0, 0), "author": "示范乡党建办"})
    ws = wb.add_worksheet("数据")
    title_fmt = wb.add_format({"bold": True, "font_size": 14})
    ws.merge_range(0, 0, 0, len(HEADER) - 1, table[0][0], title_fmt)
    for i, row in enumerate(table[1:], start=1):
        for j, c in enumerate(row):
            if c is None or c == "":
                continue
            ws.write(i, j, c)
    ws.set_column(1, 5, 16)
    wb.close()
    return buf.getvalue()


def render_org() -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["县", "乡镇", "村", "别名"])
    for name, alias, _pace, _c in VILLAGES:
        writer.writerow([COUNTY, TOWNSHIP, name, alias])
    return buf.getvalue().encode("utf-8-sig")


def render_all() -> dict[str, bytes]:
    files = {ORG_FILE: render_org()}
    for year, q in periods():
        files[quarter_file_name(year, q)] = render_quarter(year, q)
    return files


def write_files(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in render_all().items():
        path = out / name
        path.write_bytes(data)
        written.append(path)
    return written


def seed_reports() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@dataclass
class DemoResult:
    villages: int
    batches: int
    already: int
    targets: int
    documents: int


def load_demo(engine: Engine, demo_dir: Path = DEMO_DIR, user: str = LOCAL_OPERATOR.name) -> DemoResult:
    """Load the demo township through the user-facing import paths. Idempotent."""
    from etl.orgfile import import_org
    from etl.reports import load_reports
    from etl.upload import import_file

    with transaction(engine) as session:
        org = import_org(session, (demo_dir / ORG_FILE).read_bytes(), ORG_FILE, user=user)
        town = township_by_name(session, TOWNSHIP)
        targets = 0
        for year in YEARS:
            for code, value in TARGETS.items():
                targets += set_target(session, org=town, indicator=code, year=year, value=value, user=user,
                                      source="示范数据")
        from db.store import village_index

        idx = village_index(session, town)
        for (vname, code), value in OWN_TARGETS.items():
            targets += set_target(session, org=idx.resolve(vname), indicator=code, year=YEARS[-1], value=value,
                                  user=user, source="示范数据")
    batches = already = 0
    for year, q in periods():
        name = quarter_file_name(year, q)
        result = import_file(engine, (demo_dir / name).read_bytes(), name, township=TOWNSHIP, confirm_warnings=True)
        batches += result.committed
        already += not result.committed
    docs = load_reports(engine, seed_reports(), township=TOWNSHIP)
    return DemoResult(org.villages, batches, already, targets, docs.new_documents)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 2 and argv[0] == "write":
        for p in write_files(Path(argv[1])):
            print(p)
        return 0
    print("用法：python -m etl.demo write 目录", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
