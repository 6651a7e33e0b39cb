"""Untrusted text (village names, report text, file names, cells) is always shown escaped."""
import pytest

from db.engine import transaction
from etl.orgfile import import_org
from etl.reports import load_reports
from etl.upload import import_file
from tests.apphelpers import app_as, make_user

SCRIPT = "<script>alert(1)</script>村"
IMG = "<img src=x onerror=alert(2)>村"
PAGES = ["pages/overview.py", "pages/progress.py", "pages/alerts.py", "pages/compare.py", "pages/upload.py",
         "pages/reports.py", "pages/audit.py", "pages/admin.py"]


def add_hostile(engine, tmp_path):
    with transaction(engine) as s:
        import_org(s, f"乡镇,村\n示范乡,{SCRIPT}\n示范乡,{IMG}\n".encode(), "hostile.csv")
    data = f"示范乡2026年第三季度\n村名,集体经济收入（万元）\n\"{SCRIPT}\",1.5\n".encode()
    import_file(engine, data, "<b>bold</b>.csv", confirm_warnings=True)
    report = tmp_path / "<img src=x onerror=alert(3)>.txt"
    report.write_text(f"2026年上半年，{IMG}集体经济收入达到2.5万元。<script>alert(4)</script>", encoding="utf-8")
    load_reports(engine, [report], township="示范乡")


def raw_html_elements(at):
    """Every markdown element that was allowed to render raw HTML."""
    return [m.value for m in at.markdown if getattr(m.proto, "allow_html", False)]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """SQLite with the demo and hostile names (page rendering does not depend on the backend)."""
    from db.engine import upgrade
    from db.store import ensure_reference
    from etl.demo import load_demo
    from tests.conftest import make_backend

    tmp = tmp_path_factory.mktemp("hostile")
    b = make_backend("sqlite", tmp)
    upgrade(b.engine)
    with transaction(b.engine) as s:
        ensure_reference(s)
    load_demo(b.engine)
    add_hostile(b.engine, tmp)
    yield b
    b.close()


@pytest.mark.parametrize("page", PAGES)
def test_pages_escape_hostile_names(hostile_db, monkeypatch, page):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", hostile_db.url)
    admin, _ = make_user(hostile_db.engine, "admin")
    at = app_as(admin).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    for html in raw_html_elements(at):
        assert "<script" not in html.lower() and "<img" not in html.lower(), html[:300]
