"""Page 数据上传 (AppTest): template button, one figure by hand, history and rollback, roles."""
import pytest

from tests.apphelpers import app_as, make_user, texts
from tests.test_upload_flow import value_of


def open_upload(principal):
    at = app_as(principal).run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception, at.exception
    return at


def test_admin_sees_template_and_enters_one_figure(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_upload(admin)
    assert "数据上传" in texts(at)
    assert any(b.proto.label == "下载模板（xlsx）" for b in at.get("download_button"))
    form_village = [s for s in at.selectbox if s.label == "村"][0]
    form_village.set_value("北山村")
    [s for s in at.selectbox if s.label == "指标"][0].set_value("training_attendance")
    [s for s in at.selectbox if s.label == "期间"][1].set_value("2026Q3")
    [t for t in at.text_input if t.label.startswith("数值")][0].input("95")
    [b for b in at.button if b.label == "保存"][0].click().run()
    assert not at.exception
    assert "已保存：北山村2026年第三季度培训人次 58人次 → 95人次" in texts(at)
    assert value_of(demo_backend.engine, "北山村", "training_attendance", "2026Q3") == 95


def test_bad_value_is_explained_and_not_saved(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_upload(admin)
    [s for s in at.selectbox if s.label == "村"][0].set_value("北山村")
    [s for s in at.selectbox if s.label == "期间"][1].set_value("2026Q3")
    [t for t in at.text_input if t.label.startswith("数值")][0].input("很多")
    [b for b in at.button if b.label == "保存"][0].click().run()
    shown = texts(at)
    assert "无法识别的数值" in shown and "第3行" not in shown and "--yes" not in shown
    assert value_of(demo_backend.engine, "北山村", "collective_income", "2026Q3") == 52400


def test_rollback_from_history(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    admin, _ = make_user(demo_backend.engine, "admin")
    at = open_upload(admin)
    latest = [s for s in at.selectbox if s.label.startswith("撤销批次")][0]
    assert latest.value == 7  # the demo's 2026Q3 file is the newest batch
    undo = [b for b in at.button if b.label == "撤销该批次"][0]
    assert undo.disabled  # nothing is undone without ticking the confirmation
    [c for c in at.checkbox if c.label.startswith("我确认要撤销")][0].check().run()
    [b for b in at.button if b.label == "撤销该批次"][0].click().run()
    assert "已撤销批次 7" in texts(at)
    assert value_of(demo_backend.engine, "大刘庄村", "collective_income", "2026Q3") is None


def test_clerk_sees_only_own_villages_viewer_cannot_upload(demo_backend, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    clerk, _ = make_user(demo_backend.engine, "clerk", villages=["大刘庄村"])
    at = open_upload(clerk)
    assert [s for s in at.selectbox if s.label == "村"][0].options == ["大刘庄村"]
    viewer, _ = make_user(demo_backend.engine, "viewer")
    at = app_as(viewer).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/upload.py")  # the page is not in a viewer's navigation at all
