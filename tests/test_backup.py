"""Backup and restore."""

import pytest

from db.backup import backup, restore, table_dump
from db.engine import transaction
from db.errors import UserError
from etl.upload import import_file
from tests.apphelpers import make_user
from tests.conftest import make_backend

Q = "示范乡2027年第一季度\n村名,集体经济收入（万元）\n"


@pytest.fixture
def sqlite_demo(tmp_path):
    """A SQLite source database with the demo (backups are SQLite files)."""
    from db.engine import upgrade
    from db.store import ensure_reference
    from etl.demo import load_demo

    source = make_backend("sqlite", tmp_path / "source")
    upgrade(source.engine)
    with transaction(source.engine) as s:
        ensure_reference(s)
    load_demo(source.engine)
    yield source
    source.close()


@pytest.mark.parametrize("target_kind", ["sqlite", "postgresql"])
def test_backup_restore_identical(sqlite_demo, tmp_path, target_kind):
    engine = sqlite_demo.engine
    make_user(engine, "admin")
    out = tmp_path / "zhibiao-backup.db"
    assert backup(engine, out) > 0
    with pytest.raises(UserError, match="已存在"):
        backup(engine, out)
    (tmp_path / "restore").mkdir()
    target = make_backend(target_kind, tmp_path / "restore")
    try:
        counts_by_table = restore(out, target.engine)
        assert counts_by_table["observation"] == 14 * 4 * 7 - 6
        assert table_dump(target.engine) == table_dump(engine)
        with pytest.raises(UserError, match="不是空的"):
            restore(out, target.engine)
        # the restored copy works: new rows get fresh ids
        assert import_file(target.engine, (Q + "大刘庄村,1\n").encode(), "after.csv").committed
    finally:
        target.close()


@pytest.mark.parametrize("raw_backend", ["postgresql"], indirect=True)
def test_backup_refuses_postgres_with_pg_dump_hint(raw_backend):
    with pytest.raises(UserError, match="pg_dump"):
        backup(raw_backend.engine, "/tmp/x.db")
