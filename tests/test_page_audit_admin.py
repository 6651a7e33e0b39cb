"""Pages 审计日志 and 审核锁定与账号 (AppTest)."""
import pytest

from db.engine import session_factory
from db.models import PeriodLock
from etl.upload import import_file, rollback_batch
from tests.apphelpers import app_as, make_user, texts

Q = "示范乡2027年第一季度\n村名,集体经济收入（万元）\n"


def test_audit_page_filters_and_history(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    engine = demo_backend.engine
    ids = [import_file(engine, (Q + f"大刘庄村,{v}\n").encode(), f"v{v}.csv").batch_id for v in (1, 2, 3)]
    rollback_batch(engine, ids[-1])
    admin, _ = make_user(engine, "admin")
    at = app_as(admin).run()
    at.switch_page("pages/audit.py").run()
    assert not at.exception
    [s for s in at.selectbox if s.label == "村"][0].set_value("大刘庄村")
    [s for s in at.selectbox if s.label == "指标"][0].set_value("collective_income")
    [s for s in at.selectbox if s.label == "期间"][0].set_value("2027Q1").run()
    assert "这个数字的历史（4 次修改）" in texts(at)
    history = at.dataframe[-1].value
    assert list(history["新值"]) == ["1万元", "2万元", "3万元", "2万元"]
    assert list(history["操作"]) == ["上传", "上传", "上传", "撤销批次"]


def test_admin_locks_and_unlocks_a_quarter(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = app_as(admin).run()
    at.switch_page("pages/admin.py").run()
    assert not at.exception and "目前没有锁定的季度" in texts(at)
    [b for b in at.button if b.label == "锁定该季度"][0].click().run()
    assert "示范乡2026年第三季度已锁定" in texts(at)
    with session_factory(demo_backend.engine)() as s:
        assert [p.period for p in s.query(PeriodLock)] == ["2026Q3"]
    [b for b in at.button if b.label == "解除锁定"][0].click().run()
    assert "已解锁" in texts(at)


def test_admin_pages_hidden_from_clerks(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    clerk, _ = make_user(demo_backend.engine, "clerk", villages=["大刘庄村"])
    at = app_as(clerk).run()
    for page in ("pages/admin.py", "pages/audit.py"):
        with pytest.raises(ValueError):
            at.switch_page(page)


def test_admin_adds_a_clerk_on_the_page(demo_backend, monkeypatch):
    import secrets

    from sqlalchemy import select

    from db.engine import transaction
    from db.models import User
    from db.users import authenticate

    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = app_as(admin).run()
    at.switch_page("pages/admin.py").run()
    pw = secrets.token_urlsafe(10)
    [t for t in at.text_input if t.label == "新用户名"][0].input("新文书")
    [m for m in at.multiselect if m.label.startswith("负责的村")][0].set_value(["大刘庄村"])
    [t for t in at.text_input if t.label.startswith("初始密码")][0].input(pw)
    [t for t in at.text_input if t.label == "再输一次密码"][0].input(pw + "x")
    [b for b in at.button if b.label == "添加"][0].click().run()
    assert "两次输入的密码不一致" in texts(at)
    [t for t in at.text_input if t.label == "新用户名"][0].input("新文书")
    [m for m in at.multiselect if m.label.startswith("负责的村")][0].set_value(["大刘庄村"])
    [t for t in at.text_input if t.label.startswith("初始密码")][0].input(pw)
    [t for t in at.text_input if t.label == "再输一次密码"][0].input(pw)
    [b for b in at.button if b.label == "添加"][0].click().run()
    assert "已添加账号 新文书（村文书）" in texts(at)
    with transaction(demo_backend.engine) as s:
        clerk = authenticate(s, "新文书", pw)
        assert clerk.role == "clerk" and len(clerk.village_ids) == 1
        assert pw not in s.scalar(select(User.password_hash).where(User.name == "新文书"))
