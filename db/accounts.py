"""Accounts managed in the browser by an admin: the same functions as the CLI (db.users), with the
permission checked here. A reset password is generated, returned once, and only its hash is kept."""
from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from db.errors import UserError
from db.permissions import require
from db.users import Principal, set_active, set_password, set_villages

ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read out over the phone


def reset_password(session: Session, name: str, principal: Principal) -> str:
    """A new one-time password for the account (its sessions end); shown once, never stored."""
    require(principal, "manage_users")
    password = "".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(10))
    set_password(session, name, password, actor=principal.name)
    return password


def set_account_active(session: Session, name: str, active: bool, principal: Principal) -> bool:
    require(principal, "manage_users")
    if not active and name == principal.name:
        raise UserError("不能停用自己正在使用的账号")
    return set_active(session, name, active, actor=principal.name)


def set_clerk_villages(session: Session, name: str, village_ids: list[int], principal: Principal) -> bool:
    require(principal, "manage_users")
    return set_villages(session, name, village_ids, actor=principal.name)
