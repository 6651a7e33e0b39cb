"""Write functions of the store. The caller owns the session and its transaction.

Every act on a target, a lock or an account appends an audit row, and every figure
keeps the versions it replaces (observation_history), in the same transaction, so
a rolled-back write leaves no trace and a committed one is always explained.
"""
from __future__ import annotations

import difflib
import math
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Iterable, NamedTuple, Protocol, Sequence

from sqlalchemy import Boolean, Integer, String, bindparam, literal, select
from sqlalchemy.orm import Session

from db.errors import UserError
from db.models import (
    AuditLog,
    Document,
    ImportBatch,
    Indicator,
    Observation,
    ObservationHistory,
    OrgAlias,
    OrgUnit,
    Target,
    TownshipFigure,
    utcnow,
)
from terms.chinese import t2s_table
from terms.indicators import INDICATOR_BY_CODE, INDICATORS


# ---------------------------------------------------------------- reference
def ensure_reference(session: Session) -> None:
    """Insert or refresh the indicator rows from terms.indicators.INDICATORS."""
    existing = {i.code: i for i in session.scalars(select(Indicator))}
    for d in INDICATORS:
        row = existing.get(d.code) or Indicator(code=d.code)
        row.name, row.unit, row.display_unit = d.name, d.unit, d.display_unit
        row.display_factor, row.accumulation = d.display_factor, d.accumulation
        row.sort_order, row.tracked = d.sort_order, d.tracked
        session.add(row)
    session.flush()


# ---------------------------------------------------------------- names
@lru_cache(maxsize=4096)
def normalize_name(name: str) -> str:
    """Compare names the way a person would: width, spaces, traditional characters.
    (A small cache: townships repeat a few names; a county-size file must not leave
    every name it held behind in memory.)"""
    text = unicodedata.normalize("NFKC", str(name or "")).strip()
    return "".join(text.split()).translate(t2s_table())


# ---------------------------------------------------------------- org units
def get_or_create_org(session: Session, level: str, name: str, parent: OrgUnit | None = None) -> tuple[OrgUnit, bool]:
    name = unicodedata.normalize("NFKC", name).strip()
    parent_id = parent.id if parent is not None else None
    found = session.scalar(
        select(OrgUnit).where(OrgUnit.level == level, OrgUnit.name == name, OrgUnit.parent_id.is_(parent_id) if parent_id is None else OrgUnit.parent_id == parent_id)
    )
    if found:
        return found, False
    org = OrgUnit(level=level, name=name, parent_id=parent_id)
    session.add(org)
    session.flush()
    return org, True


def add_alias(session: Session, org: OrgUnit, alias: str) -> bool:
    alias = unicodedata.normalize("NFKC", alias).strip()
    if not alias or alias == org.name:
        return False
    exists = session.scalar(select(OrgAlias).where(OrgAlias.org_id == org.id, OrgAlias.alias == alias))
    if exists:
        return False
    session.add(OrgAlias(org_id=org.id, alias=alias))
    session.flush()
    return True


def township_by_name(session: Session, name: str) -> OrgUnit:
    wanted = normalize_name(name)
    towns = list(session.scalars(select(OrgUnit).where(OrgUnit.level == "township")))
    for t in towns:
        if normalize_name(t.name) == wanted:
            return t
    names = [t.name for t in towns]
    hint = difflib.get_close_matches(name, names, n=1)
    msg = f"找不到乡镇“{name}”"
    if hint:
        msg += f"，是不是“{hint[0]}”？"
    elif names:
        msg += f"。已有的乡镇：{'、'.join(names[:10])}"
    else:
        msg += "。数据库里还没有乡镇，请先用 zhibiao org import 或 zhibiao demo 导入"
    raise UserError(msg)


@dataclass(frozen=True, slots=True)
class VillageRef:
    """A village as the name index sees it: enough to write figures, targets and scopes
    without loading every village of a large township as an ORM object."""

    id: int
    name: str
    parent_id: int
    level: str = "village"
    pos: int = -1  # position in its township's index (VillageIndex.villages)


@dataclass
class VillageIndex:
    """Name and alias lookup for the villages of one township."""

    township: OrgUnit
    villages: list[VillageRef]
    by_key: dict[str, VillageRef]

    def resolve(self, name: str) -> VillageRef | None:
        hit = self.by_key.get(name)  # a name as stored (keys are normalised, and normalising is idempotent)
        if hit is not None:
            return hit
        key = normalize_name(name)
        if not key:
            return None
        hit = self.by_key.get(key)
        if hit is None and not key.endswith("村"):
            hit = self.by_key.get(key + "村")
        return hit

    def suggest(self, name: str) -> str | None:
        names = [v.name for v in self.villages]
        hint = difflib.get_close_matches(normalize_name(name), names, n=1, cutoff=0.4)
        return hint[0] if hint else None


def village_index(session: Session, township: OrgUnit) -> VillageIndex:
    """Every village of a township by normalised name and alias. A name without 村 is
    found through `resolve` (胜利 → 胜利村), so only the names themselves are keys; a key
    equal to the stored name shares its string (a county's index stays small)."""
    t = OrgUnit.__table__
    villages = [VillageRef(r[0], r[1], r[2], "village", i) for i, r in enumerate(session.execute(
        select(t.c.id, t.c.name, t.c.parent_id).where(t.c.parent_id == township.id, t.c.level == "village")
        .order_by(t.c.id)))]
    by_key: dict[str, VillageRef] = {}
    a = OrgAlias.__table__
    aliases = session.execute(
        select(a.c.org_id, a.c.alias).join(t, t.c.id == a.c.org_id).where(t.c.parent_id == township.id)
    ).all() if villages else []
    by_id = {v.id: v for v in villages} if aliases else {}
    for v in villages:
        key = normalize_name(v.name)
        by_key[v.name if key == v.name else key] = v
    for org_id, alias in aliases:
        if org_id in by_id:
            by_key.setdefault(normalize_name(alias), by_id[org_id])
    return VillageIndex(township, villages, by_key)


# ---------------------------------------------------------------- audit
def audit(session: Session, *, user: str, action: str, township: str | None = None, village: str | None = None,
          indicator: str | None = None, period: str | None = None, old=None, new=None,
          source: str | None = None, batch_id: int | None = None, detail: dict | None = None) -> None:
    session.add(AuditLog(
        time=utcnow(), user=user, action=action, township=township, village=village, indicator=indicator,
        period=period, old=None if old is None else _fmt(old), new=None if new is None else _fmt(new),
        source=source, batch_id=batch_id, detail=detail,
    ))


def _fmt(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


# ---------------------------------------------------------------- targets
def set_target(session: Session, *, org: OrgUnit, indicator: str, year: int, value: float, user: str,
               source: str = "手工设置") -> bool:
    """Set one annual target (for a township: every village; for a village: its own). Audited."""
    if indicator not in INDICATOR_BY_CODE:
        raise UserError(f"未知指标“{indicator}”，可用：{'、'.join(INDICATOR_BY_CODE)}")
    if value is None or not math.isfinite(value) or value < 0:
        raise UserError(f"目标值必须是不小于0的数，收到“{value}”")
    if not INDICATOR_BY_CODE[indicator].tracked:
        raise UserError(f"“{INDICATOR_BY_CODE[indicator].name}”不设年度目标")
    if INDICATOR_BY_CODE[indicator].display_factor == 1 and not float(value).is_integer():
        raise UserError(f"{INDICATOR_BY_CODE[indicator].name}目标应为整数，收到“{value:g}”")
    row = session.scalar(select(Target).where(Target.org_id == org.id, Target.indicator_code == indicator, Target.year == year))
    old = row.value if row else None
    if row is not None and row.value == value:
        return False
    if row is None:
        row = Target(org_id=org.id, indicator_code=indicator, year=year)
        session.add(row)
    row.value, row.source, row.updated_by, row.updated_at = float(value), source, user, utcnow()
    township = org if org.level == "township" else session.get(OrgUnit, org.parent_id)
    audit(session, user=user, action="target_set", township=township.name if township else None,
          village=org.name if org.level == "village" else None, indicator=indicator, period=str(year),
          old=old, new=float(value), source=source)
    session.flush()
    return True


def clear_target(session: Session, *, org: OrgUnit, indicator: str, year: int, user: str) -> bool:
    """Remove a village's own target, so its township's every-village target applies again. Audited."""
    if org.level != "village":
        raise UserError("只能清除某个村自己的目标（全乡每村目标请改数值）")
    row = session.scalar(select(Target).where(Target.org_id == org.id, Target.indicator_code == indicator, Target.year == year))
    if row is None:
        return False
    township = session.get(OrgUnit, org.parent_id)
    audit(session, user=user, action="target_set", township=township.name if township else None, village=org.name,
          indicator=indicator, period=str(year), old=row.value, new=None, source="清除本村目标，改用全乡每村目标")
    session.delete(row)
    session.flush()
    return True


def set_township_figure(session: Session, *, township: OrgUnit, indicator: str, kind: str, period: str, value: float,
                        user: str, fact_id: int | None = None, source: str | None = None) -> bool:
    """Keep a township's own total (kind actual, a quarter) or total target (kind target, a year). Audited."""
    row = session.scalar(select(TownshipFigure).where(
        TownshipFigure.township_id == township.id, TownshipFigure.indicator_code == indicator,
        TownshipFigure.kind == kind, TownshipFigure.period == period))
    old = row.value if row is not None else None
    if row is not None and row.value == value and row.fact_id == fact_id:
        return False
    if row is None:
        row = TownshipFigure(township_id=township.id, indicator_code=indicator, kind=kind, period=period)
        session.add(row)
    row.value, row.fact_id, row.updated_by, row.updated_at = float(value), fact_id, user, utcnow()
    audit(session, user=user, action="township_figure", township=township.name, indicator=indicator, period=period,
          old=old, new=float(value), source=source)
    session.flush()
    return True


# ---------------------------------------------------------------- observations
class Cell(NamedTuple):
    village_id: int
    indicator: str
    period: str
    value: float


class CellLike(Protocol):
    """Anything with a cell's four fields (a `Cell`, or an upload plan's cell)."""

    village_id: int
    indicator: str
    period: str
    value: float


@dataclass
class WriteResult:
    new: int = 0
    changed: int = 0
    unchanged: int = 0


def existing_cells(session: Session, keys: Iterable[tuple[int, str, str]]) -> dict[tuple[int, str, str], object]:
    """Stored figures for (village_id, indicator, period) keys, as light rows
    (id, village_id, indicator_code, period, value, version)."""
    keys = keys if isinstance(keys, (set, frozenset)) else set(keys)
    if not keys:
        return {}
    found = stored_cells(session, {k[0] for k in keys}, {k[2] for k in keys})
    return {k: r for k, r in found.items() if k in keys}


def stored_cells(session: Session, village_ids: set[int], periods: set[str],
                 indicators: Iterable[str] | None = None) -> dict[tuple[int, str, str], object]:
    """Every stored figure of these villages in these quarters (of these indicators, by
    default all), keyed (village_id, indicator, period).
    Villages are asked for 900 at a time (SQLite's bound-parameter limit stays far away);
    uploads call this once per chunk of a file, so each call stays small. Naming the
    indicators too lets SQLite look the cells up through the (village, indicator, quarter)
    key instead of reading every figure of the quarter through the period index."""
    if not village_ids or not periods:
        return {}
    t = Observation.__table__
    codes = sorted(indicators) if indicators is not None else sorted(INDICATOR_BY_CODE)
    query = select(t.c.id, t.c.village_id, t.c.indicator_code, t.c.period, t.c.value, t.c.version) \
        .where(t.c.period.in_(sorted(periods)), t.c.indicator_code.in_(codes))
    ids = sorted(village_ids)
    found: dict[tuple[int, str, str], object] = {}
    for start in range(0, len(ids), 900):
        for r in session.execute(query.where(t.c.village_id.in_(ids[start:start + 900]))):
            found[(r[1], r[2], r[3])] = r
    return found


def periods_stored(session: Session, periods: Iterable[str]) -> set[str]:
    """Those of these quarters for which any figure is stored (one look at the period index each)."""
    periods = sorted(set(periods))
    if not periods:
        return set()
    t = Observation.__table__
    return set(session.scalars(select(t.c.period).where(t.c.period.in_(periods)).distinct()))


def township_figures(session: Session, township_id: int, period: str) -> Iterable[tuple[int, str, float]]:
    """(village_id, indicator, value) of every figure stored for a township's villages in a quarter."""
    o, v = Observation.__table__, OrgUnit.__table__
    return session.execute(select(o.c.village_id, o.c.indicator_code, o.c.value).join(v, v.c.id == o.c.village_id)
                           .where(v.c.parent_id == township_id, o.c.period == period))


def write_observations(session: Session, cells: Sequence[CellLike], *, user: str, source_type: str,
                       batch_id: int | None = None, fact_id: int | None = None,
                       current: dict[tuple[int, str, str], object] | None = None) -> WriteResult:
    """Write figures on (village, indicator, period), keeping every version they replace.

    A new figure is one `observation` row, which records the act that wrote it (source, batch,
    fact, user, time); a figure that changes has its current version copied to
    `observation_history` (ended by this act) before it is updated. `current` is what
    `stored_cells` returned for these cells, when the caller has it. Large files write tens of
    thousands of figures, so new ones go in chunks of multi-row statements (see `_FigureWriter`).
    """
    result = WriteResult()
    if not cells:
        return result
    if current is None:
        current = stored_cells(session, {c.village_id for c in cells}, {c.period for c in cells})
    changed: list[tuple[object, float]] = []
    if not current:  # none of these figures is stored yet
        new = [(c.village_id, c.indicator, c.period, float(c.value)) for c in cells]
    else:
        new = []
        for c in cells:
            old = current.get((c.village_id, c.indicator, c.period))
            value = float(c.value)
            if old is None:
                new.append((c.village_id, c.indicator, c.period, value))
            elif old.value == value:
                result.unchanged += 1
            else:
                changed.append((old, value))
    result.new, result.changed = len(new), len(changed)
    if new or changed:
        writer = _FigureWriter(session, user=user, action=source_type, batch_id=batch_id, fact_id=fact_id)
        if new:
            writer.insert(new)
        if changed:
            writer.end_versions([old.id for old, _ in changed], deleted=False)
            writer.update([(value, old.id) for old, value in changed])
        session.expire_all()
    return result


_CHUNK = 5_000  # new figures per INSERT statement (fewer where the driver's parameter limit is lower)


class _FigureWriter:
    """One act's writes of figures, in the caller's transaction.

    New figures go to the database as one INSERT … SELECT … FROM (VALUES …) per few thousand:
    each row binds its four values (village, indicator, quarter, value) and the act's own columns
    (source, batch, fact, user, time) are bound once per statement — neither SQLAlchemy's
    per-row parameter handling nor one driver step per row is paid."""

    def __init__(self, session: Session, *, user: str, action: str, batch_id: int | None, fact_id: int | None,
                 undoes: int | None = None):
        self.conn = session.connection()
        self.when = utcnow()
        self.act = {"user": user, "action": action, "batch_id": batch_id, "fact_id": fact_id, "now": self.when}
        self.ended_batch = undoes if undoes is not None else batch_id  # what the versions it ends record
        self._sql: dict[int, str] = {}
        dialect = self.conn.dialect
        self._mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}[dialect.paramstyle]
        limit = (self.conn.connection.dbapi_connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
                 if dialect.name == "sqlite" else 65_535)
        self._per = min(_CHUNK, (limit - 5) // 4)  # rows per statement: 4 parameters each, 5 for the act
        to_driver = Observation.__table__.c.updated_at.type._cached_bind_processor(dialect)
        self._act_values = (action, batch_id, fact_id, user, to_driver(self.when) if to_driver else self.when)

    def insert(self, rows: list[tuple]) -> None:
        """(village_id, indicator, period, value) rows of figures not stored yet."""
        mark = self._mark
        for start in range(0, len(rows), self._per):
            part = rows[start:start + self._per]
            sql = self._sql.get(len(part))
            if sql is None:
                sql = self._sql[len(part)] = (
                    "INSERT INTO observation (village_id, indicator_code, period, value, source_type, batch_id, fact_id,"
                    " updated_by, updated_at, version) SELECT v.column1, v.column2, v.column3, v.column4,"
                    f" CAST({mark} AS VARCHAR), CAST({mark} AS INTEGER), CAST({mark} AS INTEGER),"
                    f" CAST({mark} AS VARCHAR), {mark}, 1 FROM (VALUES "
                    + ",".join([f"({mark}, {mark}, {mark}, {mark})"] * len(part)) + ") AS v")
            self.conn.exec_driver_sql(sql, self._act_values + tuple(chain.from_iterable(part)))

    def end_versions(self, ids: list[int], *, deleted: bool) -> None:
        """Copy the current versions of these observations to the history, ended by this act."""
        o, h = Observation.__table__, ObservationHistory.__table__
        kept = ["village_id", "indicator_code", "period", "value", "source_type", "batch_id", "fact_id", "updated_by",
                "updated_at", "version"]
        copy = h.insert().from_select(
            ["observation_id", *kept, "ended_at", "ended_by", "ended_action", "ended_batch_id", "deleted"],
            select(o.c.id, *[o.c[k] for k in kept], bindparam("now", type_=h.c.ended_at.type),
                   bindparam("user", type_=String), bindparam("action", type_=String),
                   bindparam("ended_batch", type_=Integer), literal(deleted, Boolean))
            .where(o.c.id.in_(bindparam("ids", expanding=True))))
        for start in range(0, len(ids), 900):
            self.conn.execute(copy, {**self.act, "ended_batch": self.ended_batch, "ids": ids[start:start + 900]})

    def update(self, rows: list[tuple[float | None, int]]) -> None:
        """(value, observation id) pairs: the new version of each figure."""
        o = Observation.__table__
        a = self.act
        stmt = o.update().where(o.c.id == bindparam("oid")).values(
            value=bindparam("v"), source_type=a["action"], batch_id=a["batch_id"], fact_id=a["fact_id"],
            updated_by=a["user"], updated_at=self.when, version=o.c.version + 1)
        self.conn.execute(stmt, [{"v": v, "oid": i} for v, i in rows])

    def delete(self, ids: list[int]) -> None:
        o = Observation.__table__
        for start in range(0, len(ids), 900):
            self.conn.execute(o.delete().where(o.c.id.in_(ids[start:start + 900])))


def village_names(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    ids = list(ids)
    if not ids:
        return {}
    town = OrgUnit.__table__.alias("town")
    rows = session.execute(
        select(OrgUnit.id, town.c.name, OrgUnit.name).join(town, town.c.id == OrgUnit.parent_id).where(OrgUnit.id.in_(ids))
    ).all()
    return {r[0]: (r[1], r[2]) for r in rows}


# ---------------------------------------------------------------- batches and documents
def create_batch(session: Session, *, file_name: str, sha256: str, user: str, period: str | None, basis: str,
                 n_rows: int) -> ImportBatch:
    batch = ImportBatch(file_name=file_name, sha256=sha256, user=user, period=period, basis=basis, n_rows=n_rows)
    session.add(batch)
    session.flush()
    return batch


def find_batch_by_sha(session: Session, sha256: str) -> ImportBatch | None:
    return session.scalar(
        select(ImportBatch).where(ImportBatch.sha256 == sha256, ImportBatch.status == "committed").order_by(ImportBatch.id.desc())
    )


def add_document(session: Session, *, file_name: str, sha256: str, text: str, township: OrgUnit | None,
                 user: str) -> tuple[Document, bool]:
    """Store a report once per sha256; loading it again returns the stored one."""
    doc = session.scalar(select(Document).where(Document.sha256 == sha256))
    if doc is not None:
        return doc, False
    doc = Document(file_name=file_name, sha256=sha256, text=text, township_id=township.id if township else None,
                   loaded_by=user)
    session.add(doc)
    session.flush()
    audit(session, user=user, action="document_load", township=township.name if township else None,
          source=f"{file_name} sha256:{sha256[:12]}")
    return doc, True


@dataclass(frozen=True)
class Restore:
    """Put a cell back: `expected` is what the batch wrote, `value` what was there before (None = no figure)."""

    village_id: int
    indicator: str
    period: str
    expected: float
    value: float | None


@dataclass(frozen=True, slots=True)
class BatchVersion:
    """A figure as a batch wrote it: `value`, and `before`, the value it replaced (None: it was new)."""

    village_id: int
    indicator: str
    period: str
    value: float
    before: float | None = None


def batch_versions(session: Session, batch_id: int) -> list[BatchVersion]:
    """Every figure a batch wrote, current or replaced since, with the value it replaced."""
    o, h = Observation.__table__, ObservationHistory.__table__
    wrote = [(r[0], r[1], r[2], r[3], float("inf")) for r in session.execute(
        select(o.c.village_id, o.c.indicator_code, o.c.period, o.c.value).where(o.c.batch_id == batch_id))]
    wrote += [tuple(r) for r in session.execute(
        select(h.c.village_id, h.c.indicator_code, h.c.period, h.c.value, h.c.id).where(h.c.batch_id == batch_id))]
    earlier: dict[tuple[int, str, str], list[tuple[int, float, bool]]] = {}  # each figure's ended versions
    villages, periods = sorted({w[0] for w in wrote}), sorted({w[2] for w in wrote})
    for start in range(0, len(villages), 900):
        for r in session.execute(
                select(h.c.village_id, h.c.indicator_code, h.c.period, h.c.id, h.c.value, h.c.deleted)
                .where(h.c.village_id.in_(villages[start:start + 900]), h.c.period.in_(periods)).order_by(h.c.id)):
            earlier.setdefault((r[0], r[1], r[2]), []).append((r[3], r[4], bool(r[5])))
    out = []
    for vid, code, period, value, seq in sorted(wrote, key=lambda w: (w[0], w[1], w[2])):
        # the version the batch replaced ended when the batch wrote: the last one ended before its own
        before = [e for e in earlier.get((vid, code, period), ()) if e[0] < seq]
        out.append(BatchVersion(vid, code, period, value,
                                None if not before or before[-1][2] else before[-1][1]))
    return out


def restore_cells(session: Session, restores: Sequence[Restore], *, user: str, batch_id: int) -> list[Restore]:
    """Undo cells written by a batch: put back each one's earlier value, or remove it where there
    was none; the versions undone stay in the history. Returns the cells changed since (nothing is
    written then)."""
    current = existing_cells(session, [(r.village_id, r.indicator, r.period) for r in restores])
    conflicts = [r for r in restores if (o := current.get((r.village_id, r.indicator, r.period))) is None
                 or o.value != r.expected]
    if conflicts:
        return conflicts
    ids = {r: current[(r.village_id, r.indicator, r.period)].id for r in restores}
    # the restored versions do not claim the undone batch; the versions they end record it
    writer = _FigureWriter(session, user=user, action="rollback", batch_id=None, fact_id=None, undoes=batch_id)
    back = [r for r in restores if r.value is not None]
    gone = [r for r in restores if r.value is None]
    if back:
        writer.end_versions([ids[r] for r in back], deleted=False)
        writer.update([(r.value, ids[r]) for r in back])
    if gone:  # the figure did not exist before the batch; the history keeps the version undone
        writer.end_versions([ids[r] for r in gone], deleted=True)
        writer.delete([ids[r] for r in gone])
    session.expire_all()
    return []


WRITER_LOCK_KEY = 7_231_001  # PostgreSQL advisory lock shared by every figure writer


def serialize_writers(session: Session) -> None:
    """Take the database's writer lock at the start of a write transaction, so concurrent
    imports commit one after the other and each re-reads what the previous one wrote
    (its audit rows then chain old → new without a gap). SQLite: a write statement takes
    the RESERVED lock (others wait up to busy_timeout); PostgreSQL: a transaction-level
    advisory lock."""
    from sqlalchemy import text

    name = session.get_bind().dialect.name
    if name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITER_LOCK_KEY})
    else:
        session.execute(text("UPDATE import_batch SET id = id WHERE 1 = 0"))
