"""Accounts: argon2 password hashes only, never the password itself."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import UserError
from db.models import OrgUnit, User, UserVillage, utcnow
from db.store import audit
from terms.labels import ROLES

_hasher = PasswordHasher()
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)
MIN_PASSWORD = 8


@dataclass(frozen=True)
class Principal:
    """Who is acting, and where they may write."""

    name: str
    role: str
    township_id: int | None = None
    village_ids: frozenset[int] = frozenset()
    # Changes when the password is reset, so a logged-in session ends (never the hash itself).
    credential: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


# The local operator at the command line: acts with admin rights, but is still bound by period locks.
LOCAL_OPERATOR = Principal(name="本机操作员", role="admin")


def principal_of(user: User) -> Principal:
    import hashlib

    stamp = hashlib.sha256(user.password_hash.encode()).hexdigest()[:12]
    return Principal(user.name, user.role, user.township_id, frozenset(v.village_id for v in user.villages), stamp)


def current_principal(session: Session, name: str) -> Principal | None:
    """The account as the database has it now: its principal, or None when gone or disabled."""
    user = session.scalar(select(User).where(User.name == name))
    if user is None or not user.active:
        return None
    return principal_of(user)


def set_active(session: Session, name: str, active: bool, actor: str = "本机操作员") -> bool:
    """Disable or re-enable an account (never deleted: its audit history stays meaningful)."""
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise UserError(f"用户“{name}”不存在")
    if user.active == active:
        return False
    user.active = active
    audit(session, user=actor, action="user_enable" if active else "user_disable", new=name)
    return True


def add_user(session: Session, name: str, role: str, password: str, *, township: OrgUnit | None = None,
             villages: list[OrgUnit] | None = None, actor: str = "本机操作员") -> User:
    name = name.strip()
    if not name:
        raise UserError("用户名不能为空")
    if role not in ROLES:
        raise UserError(f"角色“{role}”不存在，可用：admin（管理员）、clerk（村文书）、viewer（查看）")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码至少 {MIN_PASSWORD} 位")
    if session.scalar(select(User).where(User.name == name)):
        raise UserError(f"用户“{name}”已存在")
    villages = villages or []
    if villages and township is None:
        township = session.get(OrgUnit, villages[0].parent_id)
    if role == "clerk" and not villages:
        raise UserError("村文书账号必须指定至少一个村（--village）")
    user = User(name=name, role=role, password_hash=_hasher.hash(password),
                township_id=township.id if township else None)
    user.villages = [UserVillage(village_id=v.id) for v in villages]
    session.add(user)
    session.flush()
    audit(session, user=actor, action="user_add", township=township.name if township else None,
          new=f"{name}（{role}）")
    return user


def add_user_in(session: Session, name: str, role: str, password: str, *, township_id: int | None,
                village_ids: list[int], actor: str) -> User:
    """add_user for a page, which knows its township and villages by id."""
    villages = [session.get(OrgUnit, v) for v in village_ids]
    township = session.get(OrgUnit, township_id) if township_id is not None and role != "admin" else None
    return add_user(session, name, role, password, township=township, villages=villages, actor=actor)


def set_password(session: Session, name: str, password: str, actor: str = "本机操作员") -> None:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise UserError(f"用户“{name}”不存在")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码至少 {MIN_PASSWORD} 位")
    user.password_hash = _hasher.hash(password)
    user.failed_logins, user.locked_until = 0, None
    audit(session, user=actor, action="user_passwd", new=name)


def set_villages(session: Session, name: str, village_ids: list[int], actor: str = "本机操作员") -> bool:
    """Change the villages a clerk writes for (at least one; all of one township). Audited."""
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise UserError(f"用户“{name}”不存在")
    if user.role != "clerk":
        raise UserError(f"“{name}”不是村文书账号，没有负责的村")
    villages = [session.get(OrgUnit, v) for v in dict.fromkeys(village_ids)]
    if not villages or any(v is None or v.level != "village" for v in villages):
        raise UserError("村文书账号必须指定至少一个村")
    if len({v.parent_id for v in villages}) > 1:
        raise UserError("一个村文书账号负责的村须在同一个乡镇")
    old = sorted(session.get(OrgUnit, v.village_id).name for v in user.villages)
    new = sorted(v.name for v in villages)
    if old == new:
        return False
    user.villages = [UserVillage(village_id=v.id) for v in villages]
    user.township_id = villages[0].parent_id
    audit(session, user=actor, action="user_villages", township=session.get(OrgUnit, villages[0].parent_id).name,
          old=f"{name}：{'、'.join(old)}", new=f"{name}：{'、'.join(new)}")
    session.flush()
    return True


def authenticate(session: Session, name: str, password: str) -> Principal:
    """Check a login; throttles after MAX_FAILURES wrong passwords. Raises UserError."""
    user = session.scalar(select(User).where(User.name == name.strip()))
    generic = UserError("用户名或密码不正确")
    if user is None or not user.active:
        raise generic
    now = utcnow()
    locked_until = user.locked_until
    if locked_until is not None and locked_until.tzinfo is None:
        locked_until = locked_until.replace(tzinfo=now.tzinfo)
    if locked_until is not None and locked_until > now:
        minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
        raise UserError(f"密码错误次数过多，请 {minutes} 分钟后再试")
    try:
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until, user.failed_logins = now + LOCKOUT, 0
        raise generic
    user.failed_logins, user.locked_until = 0, None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return principal_of(user)


def list_users(session: Session) -> list[dict]:
    rows = []
    for u in session.scalars(select(User).order_by(User.name)):
        town = session.get(OrgUnit, u.township_id) if u.township_id else None
        villages = [session.get(OrgUnit, v.village_id).name for v in u.villages]
        rows.append({"name": u.name, "role": u.role, "township": town.name if town else None,
                     "villages": villages, "active": u.active})
    return rows
