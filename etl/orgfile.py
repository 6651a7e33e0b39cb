"""`zhibiao org import`: townships, villages and their aliases from CSV or XLSX."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from db.errors import UserError
from db.store import add_alias, audit, get_or_create_org
from etl.tabular import read_grid
from etl.upload import _norm

ORG_HEADERS = {"county": ("县", "县区", "县（区）", "县市区"), "township": ("乡镇", "乡（镇）", "乡镇名称"),
               "village": ("村", "村名", "行政村", "村庄", "村名称"), "alias": ("别名", "简称", "曾用名")}
ALIAS_SPLIT = re.compile(r"[、,，;；/|\s]+")


@dataclass
class OrgImportResult:
    townships: int = 0
    villages: int = 0
    aliases: int = 0


def import_org(session: Session, data: bytes, file_name: str, *, user: str = "本机操作员") -> OrgImportResult:
    grid = read_grid(data, file_name)
    cols: dict[str, int] = {}
    header_row = None
    for i, row in enumerate(grid.rows[:10]):
        found = {}
        for j, cell in enumerate(row):
            text = _norm(cell) if cell is not None else ""
            for role, names in ORG_HEADERS.items():
                if text in names and role not in found:
                    found[role] = j
        if "township" in found and "village" in found:
            cols, header_row = found, i
            break
    if header_row is None:
        raise UserError(f"文件“{Path(file_name).name}”前10行找不到表头：需要“乡镇”和“村”两列（“别名”列可选）")
    problems = []
    rows = []
    for i in range(header_row + 1, len(grid.rows)):
        row = grid.rows[i]
        get = lambda role: (str(row[cols[role]]).strip() if role in cols and cols[role] < len(row) and row[cols[role]] is not None else "")
        town, village = get("township"), get("village")
        if not town and not village:
            continue
        if not town:
            problems.append(f"第{i + 1}行「乡镇」：为空")
            continue
        if not village:
            problems.append(f"第{i + 1}行「村」：为空")
            continue
        if len(village) > 100 or len(town) > 100:
            problems.append(f"第{i + 1}行：名称超过100个字")
            continue
        rows.append((get("county"), town, village, [a for a in ALIAS_SPLIT.split(get("alias")) if a]))
    if problems:
        raise UserError(f"文件“{Path(file_name).name}”有 {len(problems)} 处错误，未导入任何数据", problems)
    if not rows:
        raise UserError(f"文件“{Path(file_name).name}”在表头下面没有数据行")
    result = OrgImportResult()
    for county_name, town_name, village_name, aliases in rows:
        county = get_or_create_org(session, "county", county_name)[0] if county_name else None
        town, created = get_or_create_org(session, "township", town_name, county)
        if created:
            result.townships += 1
            audit(session, user=user, action="org_add", township=town.name, source=file_name)
        village, created = get_or_create_org(session, "village", village_name, town)
        if created:
            result.villages += 1
            audit(session, user=user, action="org_add", township=town.name, village=village.name, source=file_name)
        for alias in aliases:
            result.aliases += add_alias(session, village, alias)
    return result
