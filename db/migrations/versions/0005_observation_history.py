"""figures keep their earlier versions in observation_history instead of one audit_log row per figure

An upload of 100,000 figures wrote 100,000 audit rows beside its 100,000 figures. The current
version of a figure (its row in `observation`: value, source, batch, user, time) already records
the act that wrote it, so only the versions a later act replaces or deletes need another row.
The per-figure audit rows written before this revision (actions upload, manual, report and
rollback) become those versions here and leave audit_log, so every change listed before is still
listed, once.

Downgrading below this revision drops the table and the earlier versions with it (restore the
backup taken before upgrading to get them back).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 02:00:00
"""
from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

def upgrade() -> None:
    op.create_table(
        'observation_history',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('observation_id', sa.Integer(), nullable=True),
        sa.Column('village_id', sa.Integer(), nullable=False),
        sa.Column('indicator_code', sa.String(length=40), nullable=False),
        sa.Column('period', sa.String(length=8), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('source_type', sa.String(length=16), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.Column('fact_id', sa.Integer(), nullable=True),
        sa.Column('updated_by', sa.String(length=64), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_by', sa.String(length=64), nullable=False),
        sa.Column('ended_action', sa.String(length=16), nullable=False),
        sa.Column('ended_batch_id', sa.Integer(), nullable=True),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'],
                                name=op.f('fk_observation_history_batch_id_import_batch')),
        sa.ForeignKeyConstraint(['ended_batch_id'], ['import_batch.id'],
                                name=op.f('fk_observation_history_ended_batch_id_import_batch')),
        sa.ForeignKeyConstraint(['fact_id'], ['report_fact.id'], name=op.f('fk_observation_history_fact_id_report_fact')),
        sa.ForeignKeyConstraint(['indicator_code'], ['indicator.code'],
                                name=op.f('fk_observation_history_indicator_code_indicator')),
        sa.ForeignKeyConstraint(['village_id'], ['org_unit.id'], name=op.f('fk_observation_history_village_id_org_unit')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_observation_history')),
    )
    op.create_index('ix_observation_history_cell', 'observation_history', ['village_id', 'indicator_code', 'period'],
                    unique=False)
    op.create_index(op.f('ix_observation_history_batch_id'), 'observation_history', ['batch_id'], unique=False)
    _move_figure_audit_rows(op.get_bind())


def downgrade() -> None:
    op.drop_index(op.f('ix_observation_history_batch_id'), table_name='observation_history')
    op.drop_index('ix_observation_history_cell', table_name='observation_history')
    op.drop_table('observation_history')


_FIGURE_ROWS = (
    "FROM audit_log WHERE indicator IS NOT NULL AND village IS NOT NULL AND action IN "
    "('upload', 'manual', 'report', 'rollback')")
_KEYS_AT_ONCE = 1000  # figures whose versions are written together (and whose stored rows are read together)


def _move_figure_audit_rows(conn) -> None:
    """Each figure's audit rows, oldest first, are its versions: every version but the current one
    becomes a history row, ended by the act of the row after it. Read in key order, a thousand
    figures at a time, so a county's audit log is never held in memory whole."""
    if not conn.execute(sa.text("SELECT COUNT(*) " + _FIGURE_ROWS)).scalar():
        return
    names = {(t, v): i for i, v, t in conn.execute(sa.text(
        "SELECT v.id, v.name, t.name FROM org_unit v JOIN org_unit t ON t.id = v.parent_id WHERE v.level = 'village'"))}
    facts = {(f, start, end): i for i, f, start, end in conn.execute(sa.text(
        "SELECT r.id, d.file_name, r.start, r.\"end\" FROM report_fact r JOIN document d ON d.id = r.document_id"))}
    rows = conn.execute(sa.text(
        'SELECT id, time, "user", action, township, village, indicator, period, old, new, source, batch_id, detail '
        + _FIGURE_ROWS + " ORDER BY township, village, indicator, period, id").execution_options(
        stream_results=True, yield_per=5000))
    group: list = []
    batch: dict[tuple[int, str, str], list] = {}
    unresolved: list[int] = []
    for r in rows:
        if group and (group[0].township, group[0].village, group[0].indicator, group[0].period) != \
                (r.township, r.village, r.indicator, r.period):
            _add_group(group, names, batch, unresolved)
            group = []
            if len(batch) >= _KEYS_AT_ONCE:
                _write_versions(conn, batch, facts)
                batch = {}
        group.append(r)
    _add_group(group, names, batch, unresolved)
    _write_versions(conn, batch, facts)
    keep = " AND id NOT IN (%s)" % ",".join(str(int(i)) for i in unresolved) if unresolved else ""
    conn.execute(sa.text("DELETE " + _FIGURE_ROWS + keep))


def _add_group(group: list, names: dict, batch: dict, unresolved: list[int]) -> None:
    """One figure's audit rows, under its (village id, indicator, quarter)."""
    if not group:
        return
    first = group[0]
    detail = (json.loads(first.detail) if isinstance(first.detail, str) else first.detail) or {}  # JSON null: None
    vid = detail.get("village_id") or names.get((first.township, first.village))
    if vid is None:  # a village no longer known: its audit rows stay as they are
        unresolved.extend(r.id for r in group)
        return
    batch.setdefault((vid, first.indicator, first.period), []).extend(group)


def _write_versions(conn, batch: dict, facts: dict) -> None:
    if not batch:
        return
    villages = sorted({k[0] for k in batch})
    current = {}
    for start in range(0, len(villages), 500):
        part = ",".join(str(int(v)) for v in villages[start:start + 500])
        current.update({(r[0], r[1], r[2]): (r[3], r[4]) for r in conn.execute(sa.text(
            f"SELECT village_id, indicator_code, period, value, id FROM observation WHERE village_id IN ({part})"))})
    history = []
    for (vid, code, period), entries in batch.items():
        versions = []  # [value, entry that wrote it, entry that ended it]
        for e in entries:
            if versions and versions[-1][2] is None:
                versions[-1][2] = e
            if e.new is not None:
                versions.append([float(e.new), e, None])
        stored = current.get((vid, code, period))
        if versions and versions[-1][2] is None and stored is not None and stored[0] == versions[-1][0]:
            versions.pop()  # the current version: its observation row records it
        for n, (value, wrote, ended) in enumerate(versions, start=1):
            if ended is None:  # the audit trail stops before the stored figure's own act: keep the value
                ended = wrote
            fact = None
            if wrote.action == "report" and wrote.source and wrote.source.startswith("报告:") and "#" in wrote.source:
                name, _, span = wrote.source[3:].rpartition("#")
                a, _, b = span.partition("-")
                fact = facts.get((name, int(a), int(b))) if a.isdigit() and b.isdigit() else None
            history.append({
                "observation_id": stored[1] if stored is not None else None,
                "village_id": vid, "indicator_code": code, "period": period, "value": value,
                "source_type": wrote.action, "batch_id": wrote.batch_id if wrote.action != "rollback" else None,
                "fact_id": fact, "updated_by": wrote.user, "updated_at": wrote.time, "version": n,
                "ended_at": ended.time, "ended_by": ended.user, "ended_action": ended.action,
                "ended_batch_id": ended.batch_id, "deleted": ended.new is None})
    if history:
        conn.execute(sa.text(
            "INSERT INTO observation_history (observation_id, village_id, indicator_code, period, value, source_type,"
            " batch_id, fact_id, updated_by, updated_at, version, ended_at, ended_by, ended_action, ended_batch_id,"
            " deleted) VALUES (:observation_id, :village_id, :indicator_code, :period, :value, :source_type, :batch_id,"
            " :fact_id, :updated_by, :updated_at, :version, :ended_at, :ended_by, :ended_action, :ended_batch_id,"
            " :deleted)"), history)
