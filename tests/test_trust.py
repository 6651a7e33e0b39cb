"""Issue 7: permissions in the write functions, locks, the audit trail, concurrent writers,
backup and restore."""
import json
import secrets

import pytest
from sqlalchemy import func, select

from cli.main import run
from db.backup import backup, restore, table_dump
from db.engine import session_factory, transaction
from db.errors import PermissionDenied, UserError
from db.locks import lock, unlock
from db.models import AuditLog, User
from db.targets import set_target_for
from db.users import LOCAL_OPERATOR, authenticate
from etl.upload import enter_figure, import_file, rollback_batch
from tests.apphelpers import make_user
from tests.conftest import make_backend
from tests.test_upload_flow import counts, value_of

Q = "示范乡2027年第一季度\n村名,集体经济收入（万元）\n"


def test_clerk_cannot_touch_another_village_or_targets(demo_backend):
    engine = demo_backend.engine
    clerk, _ = make_user(engine, "clerk", villages=["大刘庄村"])
    before = counts(engine)
    with pytest.raises(UserError, match="只能上传本村数据"):
        enter_figure(engine, township="示范乡", village="胜利村", indicator="collective_income", period="2027Q1",
                     value="3", principal=clerk)
    with pytest.raises(PermissionDenied):
        with transaction(engine) as s:
            set_target_for(s, township="示范乡", year=2027, indicator="collective_income", value=1, principal=clerk)
    with pytest.raises(PermissionDenied):
        with transaction(engine) as s:
            lock(s, "示范乡", "2027Q1", clerk)
    assert counts(engine) == before


def test_lock_binds_everyone_until_unlocked(demo_backend):
    engine = demo_backend.engine
    with transaction(engine) as s:
        assert lock(s, "示范乡", "2027Q1", LOCAL_OPERATOR)
    before = counts(engine)
    for attempt in (lambda: import_file(engine, (Q + "大刘庄村,1\n").encode(), "a.csv"),
                    lambda: enter_figure(engine, township="示范乡", village="大刘庄村", indicator="grid_count",
                                         period="2027Q1", value="6")):
        with pytest.raises(UserError, match="已审核锁定"):
            attempt()
    assert counts(engine) == before
    with transaction(engine) as s:
        assert unlock(s, "示范乡", "2027Q1", LOCAL_OPERATOR)
    assert import_file(engine, (Q + "大刘庄村,1\n").encode(), "a.csv").committed
    with session_factory(engine)() as s:
        acts = [a for (a,) in s.execute(select(AuditLog.action).where(AuditLog.period == "2027Q1").order_by(AuditLog.id))]
    assert acts == ["lock", "unlock", "upload"]


def test_history_of_a_figure_changed_three_times_and_rolled_back_once(demo_backend, monkeypatch, capsys):
    engine = demo_backend.engine
    batches = [import_file(engine, (Q + f"大刘庄村,{v}\n").encode(), f"v{v}.csv").batch_id for v in (1, 2, 3)]
    rollback_batch(engine, batches[-1])
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    assert run(["audit", "--format", "json", "--village", "大刘庄村", "--period", "2027Q1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["action"], r["old"], r["new"]) for r in rows] == [
        ("upload", None, 10000), ("upload", 10000, 20000), ("upload", 20000, 30000), ("rollback", 30000, 20000)]
    assert all(set(r) == {"time", "user", "action", "township", "village", "indicator", "period", "old", "new",
                          "source"} for r in rows)
    assert "v3.csv" in rows[2]["source"] and rows[0]["time"].endswith("+00:00")
    assert value_of(engine, "大刘庄村", "collective_income", "2027Q1") == 20000


WRITER = """
import json, os, sys, time
from pathlib import Path
from db.engine import make_engine
from etl.upload import import_file
url, value, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
engine = make_engine(url)
data = ("示范乡2027年第一季度\\n村名,集体经济收入（万元）,培训人次（人次）\\n"
        f"大刘庄村,{value},{value}\\n胜利村,{value},{value}\\n").encode()
while not go.exists():
    time.sleep(0.005)
try:
    r = import_file(engine, data, f"w{value}.csv", confirm_warnings=True)
    print(json.dumps(["ok", value, r.batch_id]))
except Exception as exc:
    print(json.dumps(["error", value, str(exc)]))
"""


def test_two_concurrent_writers_end_consistent(demo_backend, tmp_path):
    """Two separate processes import the same cells at the same moment."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, demo_backend.url, str(v), str(go)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for v in (4, 5)]
    import time

    time.sleep(1.5)  # both interpreters started and waiting
    go.touch()
    outcomes = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outcomes.append(json.loads(out.strip().splitlines()[-1]))
    assert all(o[0] == "ok" for o in outcomes), outcomes  # serialised: both commit, one after the other
    engine = demo_backend.engine
    with session_factory(engine)() as s:
        trail = s.execute(select(AuditLog.village, AuditLog.indicator, AuditLog.old, AuditLog.new)
                          .where(AuditLog.period == "2027Q1").order_by(AuditLog.id)).all()
    for village in ("大刘庄村", "胜利村"):
        for ind in ("collective_income", "training_attendance"):
            chain = [(o, n) for v, i, o, n in trail if v == village and i == ind]
            assert len(chain) == 2 and chain[0][0] is None
            assert chain[1][0] == chain[0][1], f"the later writer saw the earlier one's value: {chain}"
            final = value_of(engine, village, ind, "2027Q1")
            assert str(int(final)) == chain[1][1]


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


def test_passwords_are_hashed_and_logins_throttled(demo_backend):
    engine = demo_backend.engine
    principal, password = make_user(engine, "viewer")
    with session_factory(engine)() as s:
        stored = s.scalar(select(User.password_hash).where(User.name == principal.name))
    assert stored.startswith("$argon2") and password not in stored
    for _ in range(5):
        with pytest.raises(UserError, match="用户名或密码不正确"):
            with transaction(engine) as s:
                try:
                    authenticate(s, principal.name, "wrong" + secrets.token_hex(2))
                finally:
                    s.commit()
    with pytest.raises(UserError, match="分钟后再试"):
        with transaction(engine) as s:
            authenticate(s, principal.name, password)  # even the right password waits now


def test_users_cli(db_env, monkeypatch, capsys):
    import io

    assert run(["demo", "--no-admin"]) == 0
    pw = secrets.token_urlsafe(10)
    monkeypatch.setattr("sys.stdin", io.StringIO(pw + "\n"))
    assert run(["users", "add", "dlz", "--role", "clerk", "--village", "大刘庄", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(pw + "\n"))
    assert run(["users", "add", "x", "--role", "clerk", "--password-stdin"]) == 1
    assert "至少一个村" in capsys.readouterr().err
    assert run(["users", "list"]) == 0
    assert "dlz" in capsys.readouterr().out
    assert run(["users", "disable", "dlz"]) == 0
    assert run(["users", "list"]) == 0
    assert "（已停用）" in capsys.readouterr().out
    with pytest.raises(UserError, match="用户名或密码不正确"):
        with transaction(db_env.engine) as s:
            authenticate(s, "dlz", pw)  # a disabled account cannot log in
    assert run(["users", "add", "y", "--role", "viewer"]) == 1  # never a password on the command line
    assert "--password-stdin" in capsys.readouterr().err
    with session_factory(db_env.engine)() as s:
        assert s.scalar(select(func.count()).select_from(User)) == 1
