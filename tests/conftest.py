"""Shared fixtures: every database test runs on SQLite and, when ZHIBIAO_TEST_POSTGRES_URL
is set, on PostgreSQL too (each test in its own schema, dropped afterwards).

Under CI (CI=true) a PostgreSQL or browser test that cannot run is a failure, not a skip.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from db.engine import make_engine, transaction, upgrade
from db.store import ensure_reference
from etl.orgfile import import_org

ROOT = Path(__file__).resolve().parents[1]
pytest_plugins = ["tests.browser"]  # browser fixtures, registered once for the session
PG_URL = os.environ.get("ZHIBIAO_TEST_POSTGRES_URL", "").strip()
IN_CI = os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str):
    """Skip with a visible reason on a developer machine; fail under CI."""
    if IN_CI:
        pytest.fail(f"CI=true: this test must run, but {reason}")
    pytest.skip(reason)


def _pg_schema_url(schema: str) -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"


class Backend:
    """A fresh, migrated database on one backend; `url` works for the CLI and the app too."""

    def __init__(self, name: str, url: str, cleanup=None):
        self.name = name
        self.url = url
        self.engine = make_engine(url)
        self._cleanup = cleanup

    def close(self):
        self.engine.dispose()
        if self._cleanup:
            self._cleanup()


def make_backend(kind: str, tmp_path: Path) -> Backend:
    if kind == "sqlite":
        return Backend("sqlite", f"sqlite:///{tmp_path / 'zhibiao-test.db'}")
    if not PG_URL:
        unavailable("ZHIBIAO_TEST_POSTGRES_URL is not set, PostgreSQL variant skipped")
    schema = f"zbt_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # server down
        admin.dispose()
        unavailable(f"PostgreSQL at ZHIBIAO_TEST_POSTGRES_URL is not reachable: {exc}")

    def drop():
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

    return Backend("postgresql", _pg_schema_url(schema), drop)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    """A migrated empty database with the indicator rows, on each backend."""
    b = make_backend(request.param, tmp_path)
    try:
        upgrade(b.engine)
        with transaction(b.engine) as s:
            ensure_reference(s)
        yield b
    finally:
        b.close()


@pytest.fixture
def engine(backend):
    return backend.engine


@pytest.fixture
def raw_backend(request, tmp_path):
    """An empty database (no migrations), parametrised by the test."""
    b = make_backend(request.param, tmp_path)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def demo_backend(backend):
    from etl.demo import load_demo

    load_demo(backend.engine)
    return backend


@pytest.fixture
def db_env(backend, monkeypatch):
    """Point the CLI and app at the test database."""
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", backend.url)
    return backend


def pytest_collection_modifyitems(config, items):
    """Browser tests run first: Streamlit's AppTest leaves an asyncio loop marked running in
    the main thread, and Playwright's sync API refuses to start inside a running loop."""
    items.sort(key=lambda item: 0 if item.get_closest_marker("browser") else 1)


@pytest.fixture
def two_towns(demo_backend):
    with transaction(demo_backend.engine) as s:
        import_org(s, '乡镇,村\n新河镇,大刘庄村\n新河镇,"=HYPERLINK(""http://x"",""点此"")"\n'.encode(), "b.csv")
    return demo_backend.engine
