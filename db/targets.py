"""Targets as the CLI and the pages set them: permission checked here, not only in the UI."""
from __future__ import annotations

from sqlalchemy.orm import Session

from db.errors import UserError
from db.permissions import require
from db.store import serialize_writers, set_target, township_by_name, village_index
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
