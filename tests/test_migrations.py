"""Schema only through Alembic; the models and the migrations must not drift."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from db.engine import current_revision, upgrade
from db.models import Base


@pytest.mark.parametrize("raw_backend", ["sqlite", "postgresql"], indirect=True)
def test_migrations_match_models(raw_backend):
    upgrade(raw_backend.engine)
    with raw_backend.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == [], f"models and migrations drift: {diff}"


@pytest.mark.parametrize("raw_backend", ["sqlite", "postgresql"], indirect=True)
def test_upgrade_is_repeatable_and_downgrade_removes_tables(raw_backend):
    from alembic import command

    from db.engine import alembic_config

    engine = raw_backend.engine
    upgrade(engine)
    head = current_revision(engine)
    upgrade(engine)  # a second run changes nothing
    assert current_revision(engine) == head
    assert "observation" in inspect(engine).get_table_names()
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert "observation" not in inspect(engine).get_table_names()


def test_sqlite_pragmas(tmp_path):
    from db.engine import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar().lower() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_database_url_default_and_override(monkeypatch):
    from db.engine import DEFAULT_SQLITE, database_url

    monkeypatch.delenv("ZHIBIAO_DATABASE_URL", raising=False)
    assert database_url() == f"sqlite:///{DEFAULT_SQLITE}"
    assert DEFAULT_SQLITE.parts[-2:] == ("data", "zhibiao.db")
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"


def test_foreign_keys_enforced(engine):
    from sqlalchemy.exc import IntegrityError

    from db.engine import transaction
    from db.models import OrgAlias

    with pytest.raises(IntegrityError):
        with transaction(engine) as s:
            s.add(OrgAlias(org_id=999999, alias="x"))


@pytest.mark.parametrize("raw_backend", ["sqlite", "postgresql"], indirect=True)
def test_an_installation_with_data_upgrades_to_head(raw_backend):
    """A database used at an earlier revision (villages, and rows referring to them) upgrades in place."""
    engine = raw_backend.engine
    upgrade(engine, "0002")
    with engine.begin() as conn:  # rows as revision 0002 stored them (the models are already newer)
        conn.execute(text("insert into org_unit (id, level, name, created_at) values (1, 'township', '旧乡', current_timestamp)"))
        conn.execute(text("insert into org_unit (id, level, name, parent_id, created_at) "
                          "values (2, 'village', '旧村', 1, current_timestamp)"))
        conn.execute(text("insert into org_alias (org_id, alias) values (2, '老村')"))
    upgrade(engine)
    assert current_revision(engine) == "0005"
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(text("select name, pacing from org_unit order by id"))] == \
            [("旧乡", "linear"), ("旧村", "linear")]
        assert conn.execute(text("select count(*) from org_alias")).scalar() == 1


@pytest.mark.parametrize("raw_backend", ["sqlite", "postgresql"], indirect=True)
def test_figure_audit_rows_become_figure_history(raw_backend):
    """Revision 0005: the per-figure audit rows of an earlier installation become the figures'
    earlier versions; the audit log lists the same changes once, and a batch still rolls back."""
    from db.engine import session_factory
    from db.queries import audit_entries
    from etl.upload import rollback_batch

    engine = raw_backend.engine
    upgrade(engine, "0004")
    t1, t2, t3 = "2026-03-01 08:00:00", "2026-03-02 08:00:00", "2026-03-03 08:00:00"
    with engine.begin() as conn:  # a figure uploaded twice, and a lock, as revision 0004 recorded them
        conn.execute(text("insert into org_unit (id, level, name, created_at, pacing) values (1, 'township', '旧乡', :t, 'linear')"), {"t": t1})
        conn.execute(text("insert into org_unit (id, level, name, parent_id, created_at, pacing) "
                          "values (2, 'village', '旧村', 1, :t, 'linear')"), {"t": t1})
        conn.execute(text("insert into indicator (code, name, unit, display_unit, display_factor, accumulation, sort_order,"
                          " tracked) values ('collective_income', '村集体经济收入', '元', '万元', 10000, 'flow', 1, true)"))
        for bid, name, t in ((1, "a.csv", t1), (2, "b.csv", t2)):
            conn.execute(text("insert into import_batch (id, file_name, sha256, \"user\", created_at, period, basis, n_rows,"
                              " n_new, n_changed, n_unchanged, status) values (:id, :f, :sha, '张三', :t, '2026Q1',"
                              " 'cumulative', 1, 1, 0, 0, 'committed')"), {"id": bid, "f": name, "sha": f"{bid}" * 64, "t": t})
        conn.execute(text("insert into observation (village_id, indicator_code, period, value, source_type, batch_id,"
                          " updated_by, updated_at, version) values (2, 'collective_income', '2026Q1', 20000, 'upload', 2,"
                          " '李四', :t, 2)"), {"t": t2})
        audit = text("insert into audit_log (time, \"user\", action, township, village, indicator, period, old, new, source,"
                     " batch_id, detail) values (:t, :u, :a, '旧乡', :v, :i, :p, :old, :new, 'x', :b, :d)")
        conn.execute(audit, {"t": t1, "u": "张三", "a": "upload", "v": "旧村", "i": "collective_income", "p": "2026Q1",
                             "old": None, "new": "10000", "b": 1, "d": '{"village_id": 2}'})
        conn.execute(audit, {"t": t2, "u": "李四", "a": "upload", "v": "旧村", "i": "collective_income", "p": "2026Q1",
                             "old": "10000", "new": "20000", "b": 2, "d": None})  # older rows: no village id
        conn.execute(audit, {"t": t3, "u": "管理员", "a": "lock", "v": None, "i": None, "p": "2026Q2",
                             "old": None, "new": "已锁定", "b": None, "d": None})
    upgrade(engine)
    with session_factory(engine)() as s:
        entries = [(e["user"], e["action"], e["village"], e["old"], e["new"]) for e in audit_entries(s, township="旧乡")]
        left = s.execute(text("select count(*) from audit_log where indicator is not null")).scalar()
    assert entries == [("张三", "upload", "旧村", None, 10000), ("李四", "upload", "旧村", 10000, 20000),
                       ("管理员", "lock", None, None, "已锁定")]
    assert left == 0
    assert rollback_batch(engine, 2) == 1
    with engine.connect() as conn:
        assert conn.execute(text("select value, source_type from observation")).one() == (10000, "rollback")
