"""Who may do what, and which township quarters are locked: the one check every write path calls.

    require(principal, "upload")                   a viewer may not
    require(principal, "rollback", owner="张三")    a clerk only their own batches
    may_write_village(principal, village_id)       a clerk only their villages (checked per row)
    ensure_unlocked(session, {(town_id, "2026Q3")}, "撤销批次 7")

Pages and the CLI never decide this themselves: they call the library functions, which call these.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import PermissionDenied, UserError
from db.models import PeriodLock
from db.users import Principal
from terms.periods import period_label

# action → what it is called in a message, by who may do it
ADMIN_ONLY = {"lock": "锁定或解锁", "set_target": "设置目标", "review_fact": "审核报告数字", "manage_users": "管理账号",
              "override_units": "确认单位异常的数字"}
NOT_VIEWER = {"upload": "上传数据", "save_report": "保存报告", "rollback": "撤销批次"}
ACTIONS = frozenset(ADMIN_ONLY) | frozenset(NOT_VIEWER)


def require(principal: Principal, action: str, *, owner: str | None = None, batch_id: int | None = None) -> None:
    """Raise PermissionDenied (a Chinese message naming the user) unless principal may do action."""
    if action in ADMIN_ONLY:
        if not principal.is_admin:
            raise PermissionDenied(f"只有管理员可以{ADMIN_ONLY[action]}（当前用户“{principal.name}”）")
        return
    if action not in NOT_VIEWER:
        raise ValueError(f"unknown action {action!r}")
    if principal.role == "viewer":
        if action == "rollback":
            raise PermissionDenied(f"用户“{principal.name}”不能撤销别人的批次 {batch_id}")
        raise PermissionDenied(f"用户“{principal.name}”是查看账号，不能{NOT_VIEWER[action]}")
    if action == "rollback" and principal.role == "clerk" and owner != principal.name:
        raise PermissionDenied(f"用户“{principal.name}”不能撤销别人的批次 {batch_id}")


def may_write_village(principal: Principal, village_id: int) -> bool:
    """A clerk writes only the villages assigned to them; admins (and the local operator) any."""
    return principal.role != "clerk" or village_id in principal.village_ids


def locks_on(session: Session, pairs: Iterable[tuple[int, str]]) -> list[PeriodLock]:
    """The locks among (township id, quarter) pairs, in period order."""
    pairs = set(pairs)
    if not pairs:
        return []
    rows = session.scalars(select(PeriodLock).where(PeriodLock.township_id.in_({t for t, _ in pairs}),
                                                    PeriodLock.period.in_({p for _, p in pairs})))
    return sorted((r for r in rows if (r.township_id, r.period) in pairs), key=lambda r: (r.period, r.township_id))


def lock_message(lock: PeriodLock, what: str, where: str = "") -> str:
    return (f"{where}{period_label(lock.period)}已审核锁定（锁定人：{lock.locked_by}），{what}；"
            "如需更正请联系管理员解锁")


def ensure_unlocked(session: Session, pairs: Iterable[tuple[int, str]], what: str) -> None:
    """Raise UserError when any of the (township id, quarter) pairs is locked."""
    found = locks_on(session, pairs)
    if found:
        raise UserError(lock_message(found[0], what))
