"""Period locks (审核锁定): a locked township quarter refuses every later write, the local
operator's too, until an admin unlocks it. Locking and unlocking are audited."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import UserError
from db.models import PeriodLock
from db.permissions import require
from db.store import audit, serialize_writers, township_by_name
from db.users import Principal
from terms.periods import parse_period, period_label


def _check(principal: Principal, period: str) -> None:
    require(principal, "lock")
    try:
        parse_period(period)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def lock(session: Session, township: str, period: str, principal: Principal) -> bool:
    _check(principal, period)
    serialize_writers(session)  # wait for an import in flight, so nothing lands after the lock
    town = township_by_name(session, township)
    if session.scalar(select(PeriodLock).where(PeriodLock.township_id == town.id, PeriodLock.period == period)):
        return False
    session.add(PeriodLock(township_id=town.id, period=period, locked_by=principal.name))
    audit(session, user=principal.name, action="lock", township=town.name, period=period, new="已锁定")
    session.flush()
    return True


def unlock(session: Session, township: str, period: str, principal: Principal) -> bool:
    _check(principal, period)
    town = township_by_name(session, township)
    row = session.scalar(select(PeriodLock).where(PeriodLock.township_id == town.id, PeriodLock.period == period))
    if row is None:
        return False
    session.delete(row)
    audit(session, user=principal.name, action="unlock", township=town.name, period=period, old="已锁定",
          new="已解锁")
    session.flush()
    return True


def locked_periods(session: Session, township_id: int) -> list[dict]:
    rows = session.scalars(select(PeriodLock).where(PeriodLock.township_id == township_id).order_by(PeriodLock.period))
    return [{"period": r.period, "label": period_label(r.period), "locked_by": r.locked_by, "locked_at": r.locked_at}
            for r in rows]
