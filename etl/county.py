"""A synthetic county for scale tests: `zhibiao demo --scale county`.

50 townships × 200 villages (10,000 villages), 4 indicators × 20 quarters
(2022Q1–2026Q4), loaded through the same org import and quarterly upload as users'
files (one long-layout CSV per township), deterministically.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import Engine

from db.engine import transaction
from db.store import set_target, township_by_name
from db.users import LOCAL_OPERATOR
from terms.periods import format_period

INDICATOR_NAMES = {"collective_income": "村集体经济收入", "new_members": "发展党员数", "grid_count": "网格数",
                   "training_attendance": "培训人次"}
TARGETS = {"collective_income": 100_000.0, "new_members": 2.0, "grid_count": 6.0, "training_attendance": 120.0}
CURVE = (0.2, 0.45, 0.75, 1.0)


@dataclass
class CountyResult:
    townships: int
    villages: int
    cells: int


def township_name(t: int) -> str:
    return f"规模{t + 1:02d}镇"


def org_csv(townships: int, villages: int) -> bytes:
    lines = ["县,乡镇,村"]
    lines += [f"规模县,{township_name(t)},{township_name(t)}第{v + 1:03d}村" for t in range(townships) for v in range(villages)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def township_csv(t: int, villages: int, years: tuple[int, ...]) -> bytes:
    name = township_name(t)
    lines = [f"{name}村级指标（累计）", "村名,指标,期间,数值"]
    for v in range(villages):
        rng = random.Random(f"{t}-{v}")
        pace = rng.uniform(0.5, 1.4)
        for year in years:
            for q in range(1, 5):
                period = format_period(year, q)
                lines.append(f"{name}第{v + 1:03d}村,{INDICATOR_NAMES['collective_income']},{period},"
                             f"{round(TARGETS['collective_income'] * pace * CURVE[q - 1])}")
                lines.append(f"{name}第{v + 1:03d}村,{INDICATOR_NAMES['new_members']},{period},{round(2 * pace * q / 4)}")
                lines.append(f"{name}第{v + 1:03d}村,{INDICATOR_NAMES['grid_count']},{period},{5 + (v % 3)}")
                lines.append(f"{name}第{v + 1:03d}村,{INDICATOR_NAMES['training_attendance']},{period},{round(120 * pace * q / 4)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def load_county(engine: Engine, townships: int = 50, villages: int = 200, years: tuple[int, ...] = (2022, 2023, 2024, 2025, 2026),
                progress=None) -> CountyResult:
    from etl.orgfile import import_org
    from etl.upload import import_file

    with transaction(engine) as session:
        import_org(session, org_csv(townships, villages), "规模县村庄名单.csv")
        for t in range(townships):
            town = township_by_name(session, township_name(t))
            for year in years:
                for code, value in TARGETS.items():
                    set_target(session, org=town, indicator=code, year=year, value=value,
                               user=LOCAL_OPERATOR.name, source="规模测试数据")
    cells = 0
    for t in range(townships):
        result = import_file(engine, township_csv(t, villages, years), f"{township_name(t)}.csv",
                             township=township_name(t), confirm_warnings=True)
        cells += result.plan.counts()["new"]
        if progress:
            progress(t + 1, townships)
    return CountyResult(townships, townships * villages, cells)
