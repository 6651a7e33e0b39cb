"""`zhibiao org import`: townships, villages and their aliases from CSV or XLSX."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import UserError
from db.models import AuditLog, OrgUnit, utcnow
from db.store import add_alias, audit, get_or_create_org
from etl.cells import clean_text
from etl.tabular import read_grid

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
            text = clean_text(cell) if cell is not None else ""
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
    known = OrgCache(session)
    new_villages: dict[tuple[int, str], dict] = {}
    placed: list[tuple[OrgUnit, str, list[str]]] = []
    for county_name, town_name, village_name, aliases in rows:
        county = known.get("county", county_name, None)[0] if county_name else None
        town, created = known.get("township", town_name, county)
        if created:
            result.townships += 1
            audit(session, user=user, action="org_add", township=town.name, source=file_name)
        name = unicodedata.normalize("NFKC", village_name).strip()
        if ("village", name, town.id) not in known.units and (town.id, name) not in new_villages:
            new_villages[(town.id, name)] = {"level": "village", "name": name, "parent_id": town.id,
                                             "created_at": utcnow()}
        placed.append((town, name, aliases))
    if new_villages:
        # One executemany for a county-sized list instead of a flush per village.
        session.execute(OrgUnit.__table__.insert(), list(new_villages.values()))
        now = utcnow()
        towns = {t.id: t.name for t, _, _ in placed}
        session.execute(AuditLog.__table__.insert(), [
            {"time": now, "user": user, "action": "org_add", "township": towns[tid], "village": name,
             "source": file_name} for tid, name in new_villages])
        result.villages = len(new_villages)
        known.reload()
    for town, name, aliases in placed:
        village = known.units[("village", name, town.id)]
        for alias in aliases:
            result.aliases += add_alias(session, village, alias)
    return result


class OrgCache:
    """Existing org units loaded once, so a county-sized list imports in one pass."""

    def __init__(self, session: Session):
        self.session = session
        self.reload()

    def reload(self) -> None:
        self.units = {(o.level, o.name, o.parent_id): o for o in self.session.scalars(select(OrgUnit))}

    def get(self, level: str, name: str, parent):
        name = unicodedata.normalize("NFKC", name).strip()
        key = (level, name, parent.id if parent is not None else None)
        if key in self.units:
            return self.units[key], False
        if level == "township" and parent is None:
            # A list without a 县 column names townships already known under their county.
            same = [o for (lv, n, _p), o in self.units.items() if lv == "township" and n == name]
            if len(same) == 1:
                return same[0], False
        org, created = get_or_create_org(self.session, level, name, parent)
        self.units[key] = org
        return org, created
