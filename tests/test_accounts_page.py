"""Accounts in the browser's page (AppTest) and db.accounts: reset a password once, disable, change a
clerk's villages — audited, admins only, the CLI's functions underneath."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from db.accounts import reset_password, set_account_active, set_clerk_villages
from db.engine import session_factory, transaction
from db.errors import PermissionDenied, UserError
from db.models import AuditLog
from db.store import township_by_name, village_index
from db.users import LOCAL_OPERATOR, Principal, authenticate
from tests.apphelpers import app_as, make_user, texts


def test_a_reset_password_works_once_shown_and_ends_old_logins(demo_backend):
    make_user(demo_backend.engine, "clerk", name="文书甲", villages=["大刘庄村"])
    with transaction(demo_backend.engine) as s:
        password = reset_password(s, "文书甲", LOCAL_OPERATOR)
    assert len(password) == 10
    with transaction(demo_backend.engine) as s:
        assert authenticate(s, "文书甲", password).name == "文书甲"
        with pytest.raises(PermissionDenied):
            reset_password(s, "文书甲", Principal("文书乙", "clerk"))


def test_disable_enable_and_villages_are_audited(demo_backend):
    make_user(demo_backend.engine, "clerk", name="文书甲", villages=["大刘庄村"])
    with transaction(demo_backend.engine) as s:
        town = township_by_name(s, "示范乡")
        index = village_index(s, town)
        ids = [index.resolve("胜利村").id, index.resolve("红旗村").id]
        assert set_account_active(s, "文书甲", False, LOCAL_OPERATOR)
        assert set_account_active(s, "文书甲", True, LOCAL_OPERATOR)
        assert set_clerk_villages(s, "文书甲", ids, LOCAL_OPERATOR)
        assert not set_clerk_villages(s, "文书甲", ids, LOCAL_OPERATOR)
        with pytest.raises(UserError, match="至少一个村"):
            set_clerk_villages(s, "文书甲", [], LOCAL_OPERATOR)
    with session_factory(demo_backend.engine)() as s:
        trail = [(a.action, a.old, a.new) for a in s.scalars(select(AuditLog).where(AuditLog.action.like("user_%")))
                 if "文书甲" in (a.new or "")]
    assert ("user_disable", None, "文书甲") in trail and ("user_enable", None, "文书甲") in trail
    assert ("user_villages", "文书甲：大刘庄村", "文书甲：红旗村、胜利村") in trail


def test_the_admin_page_resets_and_disables(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin", name="管理员甲")
    make_user(demo_backend.engine, "clerk", name="文书甲", villages=["大刘庄村"])
    at = app_as(admin).run()
    at.switch_page("pages/admin.py").run()
    at.selectbox(key="admin_account").set_value("文书甲").run()
    at.button(key="admin_reset").click().run()
    assert not at.exception, at.exception
    shown = at.code[0].value
    assert "一次性密码只显示这一次" in texts(at) and len(shown) == 10
    with transaction(demo_backend.engine) as s:
        assert authenticate(s, "文书甲", shown).name == "文书甲"
    at.run()  # a rerun: the password is not shown again
    assert not at.code
    at.selectbox(key="admin_account").set_value("文书甲").run()
    at.button(key="admin_disable").click().run()
    assert "已停用 文书甲" in texts(at)
    with transaction(demo_backend.engine) as s, pytest.raises(UserError):
        authenticate(s, "文书甲", shown)
