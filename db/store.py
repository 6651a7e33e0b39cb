"""Write functions of the store. The caller owns the session and its transaction.

Every change to a figure or a target appends an audit row in the same
transaction, so a rolled-back write leaves no trace and a committed one is
always explained.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from sqlalchemy import select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.errors import UserError
from db.models import AuditLog, Document, ImportBatch, Indicator, Observation, OrgAlias, OrgUnit, Target, utcnow
from db.reference import INDICATOR_BY_CODE, INDICATORS


# ---------------------------------------------------------------- reference
def ensure_reference(session: Session) -> None:
    """Insert or refresh the indicator rows from db.reference.INDICATORS."""
    existing = {i.code: i for i in session.scalars(select(Indicator))}
    for d in INDICATORS:
        row = existing.get(d.code) or Indicator(code=d.code)
        row.name, row.unit, row.display_unit = d.name, d.unit, d.display_unit
        row.display_factor, row.accumulation = d.display_factor, d.accumulation
        row.sort_order, row.tracked = d.sort_order, d.tracked
        session.add(row)
    session.flush()


# ---------------------------------------------------------------- names
@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def normalize_name(name: str) -> str:
    """Compare names the way a person would: width, spaces, traditional characters."""
    text = unicodedata.normalize("NFKC", str(name or "")).strip()
    text = "".join(text.split())
    return _t2s().convert(text)


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


@dataclass
class VillageIndex:
    """Name and alias lookup for the villages of one township."""

    township: OrgUnit
    villages: list[OrgUnit]
    by_key: dict[str, OrgUnit]

    def resolve(self, name: str) -> OrgUnit | None:
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
    villages = list(
        session.scalars(select(OrgUnit).where(OrgUnit.parent_id == township.id, OrgUnit.level == "village").order_by(OrgUnit.id))
    )
    by_key: dict[str, OrgUnit] = {}
    ids = [v.id for v in villages]
    aliases = session.execute(select(OrgAlias.org_id, OrgAlias.alias).where(OrgAlias.org_id.in_(ids))).all() if ids else []
    by_id = {v.id: v for v in villages}
    for v in villages:
        by_key[normalize_name(v.name)] = v
        if v.name.endswith("村") and len(v.name) > 2:
            by_key.setdefault(normalize_name(v.name[:-1]), v)
    for org_id, alias in aliases:
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
    if value is None or value < 0:
        raise UserError(f"目标值必须是不小于0的数，收到“{value}”")
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


# ---------------------------------------------------------------- observations
@dataclass(frozen=True)
class Cell:
    village_id: int
    indicator: str
    period: str
    value: float


@dataclass
class WriteResult:
    new: int = 0
    changed: int = 0
    unchanged: int = 0


def existing_cells(session: Session, keys: Iterable[tuple[int, str, str]]) -> dict[tuple[int, str, str], Observation]:
    keys = list(keys)
    found: dict[tuple[int, str, str], Observation] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        rows = session.scalars(
            select(Observation).where(tuple_(Observation.village_id, Observation.indicator_code, Observation.period).in_(chunk))
        )
        for o in rows:
            found[(o.village_id, o.indicator_code, o.period)] = o
    return found


def _insert_for(session: Session):
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert
    if name == "sqlite":
        return sqlite.insert
    raise UserError(f"不支持的数据库类型：{name}（请用 SQLite 或 PostgreSQL）")


def write_observations(session: Session, cells: Sequence[Cell], *, user: str, source_type: str, source: str,
                       batch_id: int | None = None, fact_id: int | None = None,
                       names: dict[int, tuple[str, str]] | None = None) -> WriteResult:
    """Upsert figures on (village, indicator, period) and audit every change.

    `names` maps village_id → (township name, village name) for the audit rows.
    """
    result = WriteResult()
    if not cells:
        return result
    current = existing_cells(session, [(c.village_id, c.indicator, c.period) for c in cells])
    if names is None:
        names = village_names(session, {c.village_id for c in cells})
    now = utcnow()
    rows = []
    for c in cells:
        old = current.get((c.village_id, c.indicator, c.period))
        if old is not None and old.value == c.value:
            result.unchanged += 1
            continue
        if old is None:
            result.new += 1
        else:
            result.changed += 1
        rows.append({
            "village_id": c.village_id, "indicator_code": c.indicator, "period": c.period, "value": float(c.value),
            "source_type": source_type, "batch_id": batch_id, "fact_id": fact_id, "updated_by": user,
            "updated_at": now, "version": 1 if old is None else old.version + 1,
        })
        town, village = names.get(c.village_id, (None, None))
        audit(session, user=user, action=f"{source_type}", township=town, village=village, indicator=c.indicator,
              period=c.period, old=None if old is None else old.value, new=float(c.value), source=source,
              batch_id=batch_id)
    insert = _insert_for(session)
    for i in range(0, len(rows), 1000):
        stmt = insert(Observation).values(rows[i:i + 1000])
        excluded = stmt.excluded
        stmt = stmt.on_conflict_do_update(
            index_elements=["village_id", "indicator_code", "period"],
            set_={k: getattr(excluded, k) for k in ("value", "source_type", "batch_id", "fact_id", "updated_by", "updated_at", "version")},
        )
        session.execute(stmt)
    session.expire_all()
    return result


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
