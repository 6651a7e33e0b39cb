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
    earlier versions; the audit log lists the same changes once, and a batch still rolls back.
    The rows are as revision 0004's code wrote them: a rollback row's detail is JSON null, older
    rows have no village id, a report row names its document and span."""
    from db.engine import session_factory
    from db.queries import audit_entries
    from etl.upload import rollback_batch

    engine = raw_backend.engine
    upgrade(engine, "0004")
    t1, t2, t3, t4 = "2026-03-01 08:00:00", "2026-03-02 08:00:00", "2026-03-03 08:00:00", "2026-03-04 08:00:00"
    with engine.begin() as conn:
        conn.execute(text("insert into org_unit (id, level, name, created_at, pacing) values (1, 'township', '旧乡', :t, 'linear')"), {"t": t1})
        conn.execute(text("insert into org_unit (id, level, name, parent_id, created_at, pacing) "
                          "values (2, 'village', '旧村', 1, :t, 'linear')"), {"t": t1})
        conn.execute(text("insert into indicator (code, name, unit, display_unit, display_factor, accumulation, sort_order,"
                          " tracked) values ('collective_income', '村集体经济收入', '元', '万元', 10000, 'flow', 1, true),"
                          " ('grid_count', '网格数', '个', '个', 1, 'stock', 3, true)"))
        for bid, name, t, status in ((1, "a.csv", t1, "committed"), (2, "b.csv", t2, "rolled_back")):
            conn.execute(text("insert into import_batch (id, file_name, sha256, \"user\", created_at, period, basis, n_rows,"
                              " n_new, n_changed, n_unchanged, status) values (:id, :f, :sha, '张三', :t, '2026Q1',"
                              " 'cumulative', 1, 1, 0, 0, :st)"), {"id": bid, "f": name, "sha": f"{bid}" * 64, "t": t, "st": status})
        conn.execute(text("insert into document (id, file_name, sha256, text, loaded_by, loaded_at) "
                          "values (1, '总结.txt', :sha, '旧村网格8个', 'x', :t)"), {"sha": "d" * 64, "t": t1})
        conn.execute(text("insert into report_fact (id, document_id, indicator_code, value, qualifier, kind, scope, period,"
                          " evidence, start, \"end\", status, source) values (1, 1, 'grid_count', 8, 'exact', 'actual',"
                          " 'village:旧村', '2026Q1', '旧村网格8个', 2, 6, 'accepted', 'text')"))
        conn.execute(text("insert into observation (village_id, indicator_code, period, value, source_type, batch_id,"
                          " updated_by, updated_at, version) values (2, 'collective_income', '2026Q1', 10000, 'rollback',"
                          " NULL, '管理员', :t, 3)"), {"t": t3})
        conn.execute(text("insert into observation (village_id, indicator_code, period, value, source_type, batch_id,"
                          " updated_by, updated_at, version) values (2, 'grid_count', '2026Q1', 9, 'upload', 1,"
                          " '张三', :t, 2)"), {"t": t4})
        audit = text("insert into audit_log (time, \"user\", action, township, village, indicator, period, old, new, source,"
                     " batch_id, detail) values (:t, :u, :a, '旧乡', :v, :i, :p, :old, :new, :s, :b, :d)")
        for row in (
            (t1, "张三", "upload", "collective_income", None, "10000", "a.csv sha256:111111111111", 1, '{"village_id": 2}'),
            (t2, "李四", "upload", "collective_income", "10000", "20000", "b.csv sha256:222222222222", 2, None),
            (t3, "管理员", "rollback", "collective_income", "20000", "10000", "撤销批次2 b.csv", 2, "null"),
            (t1, "审核员", "report", "grid_count", None, "8", "报告:总结.txt#2-6", None, "null"),
            (t4, "张三", "upload", "grid_count", "8", "9", "a.csv sha256:111111111111", 1, '{"village_id": 2}'),
        ):
            t, u, a, i, old, new, src, b, d = row
            conn.execute(audit, {"t": t, "u": u, "a": a, "v": "旧村", "i": i, "p": "2026Q1", "old": old, "new": new,
                                 "s": src, "b": b, "d": d})
        conn.execute(audit, {"t": t3, "u": "管理员", "a": "lock", "v": None, "i": None, "p": "2026Q2",
                             "old": None, "new": "已锁定", "s": None, "b": None, "d": None})
    upgrade(engine)
    with session_factory(engine)() as s:
        income = [(e["user"], e["action"], e["old"], e["new"], e["source"])
                  for e in audit_entries(s, township="旧乡", indicator="collective_income")]
        grid = [(e["action"], e["old"], e["new"], e["source"]) for e in audit_entries(s, indicator="grid_count")]
        acts = [e["action"] for e in audit_entries(s) if e["indicator"] is None]
        left = s.execute(text("select count(*) from audit_log where indicator is not null")).scalar()
    assert income == [("张三", "upload", None, 10000, "a.csv sha256:111111111111"),
                      ("李四", "upload", 10000, 20000, "b.csv sha256:222222222222"),
                      ("管理员", "rollback", 20000, 10000, "撤销批次2 b.csv")]
    assert grid == [("report", None, 8, "报告:总结.txt#2-6"), ("upload", 8, 9, "a.csv sha256:111111111111")]
    assert acts == ["lock"] and left == 0
    with pytest.raises(Exception, match="已经撤销过"):
        rollback_batch(engine, 2)
    assert rollback_batch(engine, 1) == 2  # the first value is back as B1 wrote it: removed; the grid count back to 8
    with engine.connect() as conn:
        assert conn.execute(text("select indicator_code, value, source_type from observation")).all() == \
            [("grid_count", 8, "rollback")]
