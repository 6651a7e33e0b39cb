"""Backup and restore.

`backup`: the SQLite online backup API — a consistent copy while the app is running.
For PostgreSQL use pg_dump (see README); `backup` explains that instead of guessing.
`restore`: copies every table of a backup file into the database at the target URL
(SQLite or PostgreSQL) after migrating it, in foreign-key order, in one transaction.
The target must be empty unless `force` is given.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, func, insert, inspect, select, text

from db.engine import make_engine, transaction, upgrade
from db.errors import UserError
from db.models import Base


def backup(engine: Engine, out: Path) -> int:
    """Write a consistent SQLite copy of the database to `out`. Returns its size in bytes."""
    if engine.dialect.name != "sqlite":
        raise UserError("PostgreSQL 数据库请用 pg_dump 备份，例如：pg_dump -Fc -d 库名 -f zhibiao.dump（见 README）")
    out = Path(out)
    if out.exists():
        raise UserError(f"备份文件“{out}”已存在，请换一个文件名")
    out.parent.mkdir(parents=True, exist_ok=True)
    source = engine.raw_connection()
    try:
        dest = sqlite3.connect(out)
        try:
            source.driver_connection.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return out.stat().st_size


def _is_empty(engine: Engine) -> bool:
    names = set(inspect(engine).get_table_names())
    if not names:
        return True
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in names and table.name != "indicator":
                if conn.execute(select(func.count()).select_from(table)).scalar():
                    return False
    return True


def restore(backup_file: Path, target: Engine, *, force: bool = False) -> dict[str, int]:
    """Copy every table of `backup_file` into `target`. Returns rows per table."""
    backup_file = Path(backup_file)
    if not backup_file.exists():
        raise UserError(f"找不到备份文件“{backup_file}”")
    with open(backup_file, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise UserError(f"“{backup_file}”不是 zhibiao 的备份文件（SQLite 格式）")
    if not _is_empty(target) and not force:
        raise UserError("目标数据库不是空的，恢复会覆盖现有数据。确认要覆盖请加 --force")
    import shutil
    import tempfile

    work = Path(tempfile.mkdtemp()) / "restore-source.db"
    shutil.copyfile(backup_file, work)  # the user's backup file is never modified
    source = make_engine(f"sqlite:///{work}")
    upgrade(source)  # an older backup is brought to the current schema first (on the copy)
    upgrade(target)
    counts: dict[str, int] = {}
    try:
        with source.connect() as src, transaction(target) as session:
            conn = session.connection()
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
            for table in Base.metadata.sorted_tables:
                rows = [{k: _utc(v) for k, v in r._mapping.items()} for r in src.execute(select(table))]
                if rows:
                    conn.execute(insert(table), rows)
                counts[table.name] = len(rows)
            if target.dialect.name == "postgresql":
                for table in Base.metadata.sorted_tables:
                    pk = list(table.primary_key.columns)
                    if len(pk) == 1 and pk[0].autoincrement is not False and pk[0].type.python_type is int:
                        conn.execute(text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                            f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"))
    finally:
        source.dispose()
        shutil.rmtree(work.parent, ignore_errors=True)
    return counts


def _utc(v):
    """SQLite drops the zone of stored times (all UTC); say so before PostgreSQL reads them."""
    from datetime import datetime, timezone

    if isinstance(v, datetime) and v.tzinfo is None:
        return v.replace(tzinfo=timezone.utc)
    return v


def table_dump(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, ordered by primary key (for comparisons)."""
    out = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            pk = list(table.primary_key.columns)
            rows = conn.execute(select(table).order_by(*pk)).all()
            out[table.name] = [tuple(_plain(v) for v in r) for r in rows]
    return out


def _plain(v):
    from datetime import datetime, timezone

    if isinstance(v, datetime):
        return (v if v.tzinfo else v.replace(tzinfo=timezone.utc)).astimezone(timezone.utc).isoformat()
    return v
