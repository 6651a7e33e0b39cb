"""app.py: the one login gate, then the 总览 page with the demo township."""
from streamlit.testing.v1 import AppTest

from tests.apphelpers import APP, app_as, make_user, texts


def test_login_gate_then_overview(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    principal, password = make_user(demo_backend.engine, "viewer")
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["用户名", "密码"]
    assert "示范乡" not in texts(at), "no data before login"

    at.text_input[0].input(principal.name)
    at.text_input[1].input("wrong-password")
    at.button[0].click().run()
    assert "用户名或密码不正确" in texts(at)

    at.text_input[0].input(principal.name)
    at.text_input[1].input(password)
    at.button[0].click().run()
    assert not at.exception
    shown = texts(at)
    assert "示范乡 · 总览" in shown
    assert "2026年第三季度" in shown
    assert "13 / 14 个村" in shown  # 石桥村 did not report in 2026Q3


def test_logout(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    principal, _ = make_user(demo_backend.engine, "viewer")
    at = app_as(principal).run()
    assert "示范乡 · 总览" in texts(at)
    logout = [b for b in at.button if b.label == "退出登录"][0]
    logout.click().run()
    assert [t.label for t in at.text_input] == ["用户名", "密码"]


def test_idle_session_expires(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    principal, _ = make_user(demo_backend.engine, "viewer")
    at = app_as(principal)
    at.session_state["last_seen"] = 0  # idle since 1970
    at.run()
    assert "登录已过期" in texts(at)
    assert [t.label for t in at.text_input] == ["用户名", "密码"]


def test_password_reset_or_disable_ends_the_session(demo_backend, monkeypatch):
    from db.engine import transaction
    from db.users import set_active, set_password

    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    principal, _ = make_user(demo_backend.engine, "viewer")
    at = app_as(principal).run()
    assert "示范乡 · 总览" in texts(at)
    with transaction(demo_backend.engine) as s:
        set_password(s, principal.name, "a-new-password-123")
    at.run()
    assert "账号的权限或状态已变更" in texts(at) and [t.label for t in at.text_input] == ["用户名", "密码"]
    principal2, _ = make_user(demo_backend.engine, "viewer")
    at = app_as(principal2).run()
    with transaction(demo_backend.engine) as s:
        assert set_active(s, principal2.name, False)
    at.run()
    assert [t.label for t in at.text_input] == ["用户名", "密码"]
