"""Targets as the CLI and the pages set them: permission checked here, not only in the UI."""
from __future__ import annotations

from sqlalchemy.orm import Session

from db.errors import UserError
from db.models import OrgUnit
from db.permissions import require
from db.store import audit, clear_target, serialize_writers, set_target, township_by_name, village_index
from db.users import Principal


def set_target_for(session: Session, *, township: str, year: int, indicator: str, value: float,
                   principal: Principal, village: str | None = None, source: str = "手工设置") -> tuple[bool, str]:
    """Set a township-wide (every village) or one village's annual target. Admins only."""
    require(principal, "set_target")
    if not (2000 <= year <= 2100):
        raise UserError(f"年份“{year}”不对")
    serialize_writers(session)
    town = township_by_name(session, township)
    org, where = town, f"{town.name}每村"
    if village:
        found = village_index(session, town).resolve(village)
        if found is None:
            hint = village_index(session, town).suggest(village)
            raise UserError(f"{town.name}没有“{village}”这个村" + (f"，是不是“{hint}”？" if hint else ""))
        org, where = found, found.name
    return set_target(session, org=org, indicator=indicator, year=year, value=value, user=principal.name,
                      source=source), where


def clear_village_target(session: Session, *, township: str, year: int, indicator: str, village: str,
                         principal: Principal) -> bool:
    """Back to the township's every-village target: the village's own target removed. Admins only."""
    require(principal, "set_target")
    serialize_writers(session)
    town = township_by_name(session, township)
    found = village_index(session, town).resolve(village)
    if found is None:
        raise UserError(f"{town.name}没有“{village}”这个村")
    return clear_target(session, org=found, indicator=indicator, year=year, user=principal.name)

PACING_NAMES = {"linear": "时间过半、任务过半（按时间均匀）", "seasonal": "按往年季节规律"}


def set_pacing(session: Session, *, township_id: int, pacing: str, principal: Principal) -> bool:
    """Choose the township's pacing rule for the pages and the 通报. Admins only; audited."""
    require(principal, "set_target")
    if pacing not in PACING_NAMES:
        raise UserError(f"进度规则“{pacing}”不对，只能是 linear（按时间均匀）或 seasonal（按往年季节规律）")
    town = session.get(OrgUnit, township_id)
    if town is None or town.level != "township":
        raise UserError("找不到这个乡镇")
    if town.pacing == pacing:
        return False
    old, town.pacing = town.pacing, pacing
    audit(session, user=principal.name, action="pacing", township=town.name, old=PACING_NAMES[old],
          new=PACING_NAMES[pacing])
    session.flush()
    return True
