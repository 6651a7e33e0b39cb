"""Accounts: hashed passwords, throttled logins, the users CLI."""
import secrets

import pytest
from sqlalchemy import func, select

from cli.main import run
from db.engine import session_factory, transaction
from db.errors import UserError
from db.models import User
from db.users import authenticate
from tests.apphelpers import make_user

Q = "示范乡2027年第一季度\n村名,集体经济收入（万元）\n"


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
