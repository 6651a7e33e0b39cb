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
    assert current_revision(engine) == "0004"
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(text("select name, pacing from org_unit order by id"))] == \
            [("旧乡", "linear"), ("旧村", "linear")]
        assert conn.execute(text("select count(*) from org_alias")).scalar() == 1
