"""Typed SQLAlchemy 2 models: the indicator store.

The schema changes only through Alembic migrations (db/migrations); a test
compares these models with the migrated database and fails on drift.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Alembic's recommended naming convention, so constraints have stable names on
# SQLite (batch mode needs them) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class OrgUnit(Base):
    """county → township → village."""

    __tablename__ = "org_unit"
    __table_args__ = (
        UniqueConstraint("parent_id", "name", name="uq_org_unit_parent_name"),
        CheckConstraint("level IN ('county', 'township', 'village')", name="level"),
        CheckConstraint("pacing IN ('linear', 'seasonal')", name="pacing"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100), index=True)
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("org_unit.id"), index=True)
    # First quarter a village takes part (a village added mid-year); None = always.
    since_period: Mapped[Optional[str]] = mapped_column(String(8))
    # A township's pacing rule for pages and the 通报: "linear" (时间过半、任务过半) or "seasonal".
    pacing: Mapped[str] = mapped_column(String(16), default="linear", server_default="linear")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    parent: Mapped[Optional["OrgUnit"]] = relationship(remote_side=[id])
    aliases: Mapped[list["OrgAlias"]] = relationship(back_populates="org", cascade="all")


class OrgAlias(Base):
    __tablename__ = "org_alias"
    __table_args__ = (UniqueConstraint("org_id", "alias", name="uq_org_alias_org_alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    alias: Mapped[str] = mapped_column(String(100), index=True)

    org: Mapped[OrgUnit] = relationship(back_populates="aliases")


class Indicator(Base):
    """Indicators are data: code, Chinese name, unit, flow vs stock."""

    __tablename__ = "indicator"
    __table_args__ = (CheckConstraint("accumulation IN ('flow', 'stock', 'rate')", name="accumulation"),)

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str] = mapped_column(String(8))
    display_unit: Mapped[str] = mapped_column(String(8))
    display_factor: Mapped[float] = mapped_column(Float, default=1.0)
    accumulation: Mapped[str] = mapped_column(String(8))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    tracked: Mapped[bool] = mapped_column(default=True)


class Target(Base):
    """Annual target for one village, or for every village of a township."""

    __tablename__ = "target"
    __table_args__ = (
        UniqueConstraint("org_id", "indicator_code", "year", name="uq_target_org_indicator_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicator.code"))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(200), default="")
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    user: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    period: Mapped[Optional[str]] = mapped_column(String(8))
    basis: Mapped[str] = mapped_column(String(16), default="cumulative")
    n_rows: Mapped[int] = mapped_column(Integer, default=0)
    n_new: Mapped[int] = mapped_column(Integer, default=0)
    n_changed: Mapped[int] = mapped_column(Integer, default=0)
    n_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="committed")


class Document(Base):
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    township_id: Mapped[Optional[int]] = mapped_column(ForeignKey("org_unit.id"))
    loaded_by: Mapped[str] = mapped_column(String(64), default="")
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    facts: Mapped[list["ReportFact"]] = relationship(back_populates="document", order_by="ReportFact.start")


class ReportFact(Base):
    """A figure extracted from a document, waiting for a person's review."""

    __tablename__ = "report_fact"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    indicator_code: Mapped[str] = mapped_column(String(40))
    value: Mapped[Optional[float]] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(8))
    scope: Mapped[str] = mapped_column(String(120))
    village_id: Mapped[Optional[int]] = mapped_column(ForeignKey("org_unit.id"))
    period: Mapped[Optional[str]] = mapped_column(String(8))
    evidence: Mapped[str] = mapped_column(String(200))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reviewed_by: Mapped[Optional[str]] = mapped_column(String(64))
    reviewed_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True))
    rule: Mapped[Optional[str]] = mapped_column(String(64))          # the extractor rule that found it
    source: Mapped[str] = mapped_column(String(8), default="text", server_default="text")  # text | ocr

    document: Mapped[Document] = relationship(back_populates="facts")


class TownshipFigure(Base):
    """A township's own total or total target, as an accepted report states it (全乡合计数、全乡目标):
    kept beside the villages' figures, never added to them; reconciliation compares the two."""

    __tablename__ = "township_figure"
    __table_args__ = (
        UniqueConstraint("township_id", "indicator_code", "kind", "period", name="uq_township_figure_key"),
        CheckConstraint("kind IN ('actual', 'target')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), index=True)
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicator.code"))
    kind: Mapped[str] = mapped_column(String(8))
    period: Mapped[str] = mapped_column(String(8))   # a quarter for an actual, a year for a target
    value: Mapped[float] = mapped_column(Float)
    fact_id: Mapped[Optional[int]] = mapped_column(ForeignKey("report_fact.id"))
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Observation(Base):
    """One figure: village × indicator × quarter, year-to-date for flow indicators."""

    __tablename__ = "observation"
    __table_args__ = (
        UniqueConstraint("village_id", "indicator_code", "period", name="uq_observation_cell"),
        Index("ix_observation_period", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicator.code"))
    period: Mapped[str] = mapped_column(String(8))
    value: Mapped[float] = mapped_column(Float)
    source_type: Mapped[str] = mapped_column(String(16))  # upload | report | manual
    batch_id: Mapped[Optional[int]] = mapped_column(ForeignKey("import_batch.id"))
    fact_id: Mapped[Optional[int]] = mapped_column(ForeignKey("report_fact.id"))
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)


class ObservationHistory(Base):
    """A figure's earlier versions (system versioning): when a figure is replaced or deleted, the
    version that ends is copied here with who ended it, when and how. The current version stays in
    `observation`, whose row (source, batch, user, time) is the record of the act that wrote it, so
    a new figure costs one row; a figure's full history is its rows here plus its current row."""

    __tablename__ = "observation_history"
    __table_args__ = (Index("ix_observation_history_cell", "village_id", "indicator_code", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[Optional[int]] = mapped_column(Integer)  # the figure's row (gone once removed)
    village_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicator.code"))
    period: Mapped[str] = mapped_column(String(8))
    value: Mapped[float] = mapped_column(Float)
    source_type: Mapped[str] = mapped_column(String(16))
    batch_id: Mapped[Optional[int]] = mapped_column(ForeignKey("import_batch.id"), index=True)
    fact_id: Mapped[Optional[int]] = mapped_column(ForeignKey("report_fact.id"))
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer)
    ended_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_by: Mapped[str] = mapped_column(String(64))
    ended_action: Mapped[str] = mapped_column(String(16))   # upload | manual | report | rollback
    # the batch of the act that ended it: the new upload's, or for a rollback the batch undone
    ended_batch_id: Mapped[Optional[int]] = mapped_column(ForeignKey("import_batch.id"))
    deleted: Mapped[bool] = mapped_column(default=False)   # ended by removing the figure, not by a new value


class User(Base):
    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint("role IN ('admin', 'clerk', 'viewer')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    township_id: Mapped[Optional[int]] = mapped_column(ForeignKey("org_unit.id"))
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    villages: Mapped[list["UserVillage"]] = relationship(cascade="all, delete-orphan")


class UserVillage(Base):
    __tablename__ = "user_village"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"), primary_key=True)


class PeriodLock(Base):
    __tablename__ = "period_lock"
    __table_args__ = (UniqueConstraint("township_id", "period", name="uq_period_lock_township_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id"))
    period: Mapped[str] = mapped_column(String(8))
    locked_by: Mapped[str] = mapped_column(String(64))
    locked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditLog(Base):
    """Append-only: one row per act (targets, locks, accounts, reviews …). Figures keep their own
    history in `observation` and `observation_history`; `audit_entries` lists both."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    township: Mapped[Optional[str]] = mapped_column(String(100))
    village: Mapped[Optional[str]] = mapped_column(String(100))
    indicator: Mapped[Optional[str]] = mapped_column(String(40))
    period: Mapped[Optional[str]] = mapped_column(String(8))
    old: Mapped[Optional[str]] = mapped_column(String(255))
    new: Mapped[Optional[str]] = mapped_column(String(255))
    source: Mapped[Optional[str]] = mapped_column(String(255))
    batch_id: Mapped[Optional[int]] = mapped_column(ForeignKey("import_batch.id"))
    detail: Mapped[Optional[dict]] = mapped_column(JSON)
