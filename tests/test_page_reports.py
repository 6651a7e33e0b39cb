"""Page 报告抽取 (AppTest): highlighted evidence, 已遮挡 for masked figures, review, escaping."""
import pytest

from db.engine import session_factory
from db.models import Document, ReportFact
from etl.reports import load_reports
from pages.common import highlight_html
from tests.apphelpers import app_as, make_user, texts
from sqlalchemy import select

HOSTILE = ("<script>alert(1)</script><img src=x onerror=alert(2)>示范乡报告\n"
           "2026年上半年，大刘庄村集体经济收入达到3.5万元。全乡村级集体经济收入共XX万元。\n")


@pytest.fixture
def page_env(demo_backend, monkeypatch, tmp_path):
    monkeypatch.setenv("ZHIBIAO_DATABASE_URL", demo_backend.url)
    p = tmp_path / "hostile<b>.txt"
    p.write_text(HOSTILE, encoding="utf-8")
    load_reports(demo_backend.engine, [p], township="示范乡")
    with session_factory(demo_backend.engine)() as s:
        doc_id = s.scalar(select(Document.id).where(Document.file_name == p.name))
    return demo_backend, doc_id


def open_page(principal, doc_id):
    at = app_as(principal)
    at.session_state["report_doc"] = doc_id
    at.run()
    at.switch_page("pages/reports.py").run()
    assert not at.exception, at.exception
    return at


def test_report_is_escaped_and_highlighted(page_env):
    backend, doc_id = page_env
    admin, _ = make_user(backend.engine, "admin")
    at = open_page(admin, doc_id)
    html_blocks = [m.value for m in at.markdown if m.value.startswith("<div class=\"zb-report\">")]
    assert len(html_blocks) == 1
    block = html_blocks[0]
    assert "<script" not in block and "<img" not in block
    assert "&lt;script&gt;" in block and "&lt;img src=x onerror=alert(2)&gt;" in block
    assert block.count('<mark class="zb-pending">') >= 2
    assert '<mark class="zb-pending">大刘庄村集体经济收入达到3.5万元</mark>' in block or "3.5万元</mark>" in block
    table = at.dataframe[0].value
    assert "已遮挡" in set(table["数值"]), "a masked figure shows as 已遮挡, never a number"
    assert "3.5万元" in set(table["数值"])  # income shown in 万元


def test_admin_accepts_a_fact_on_the_page(page_env):
    backend, doc_id = page_env
    admin, _ = make_user(backend.engine, "admin")
    at = open_page(admin, doc_id)
    with session_factory(backend.engine)() as s:
        fid = s.scalar(select(ReportFact.id).where(ReportFact.document_id == doc_id, ReportFact.value == 35000))
    box = [b for b in at.selectbox if b.label == "选择一个待审核的数字"][0]
    box.set_value(fid).run()
    [b for b in at.button if b.label == "接受"][0].click().run()
    assert not at.exception
    assert "已写入大刘庄村2026年第二季度村集体经济收入" in texts(at)
    with session_factory(backend.engine)() as s:
        assert s.get(ReportFact, fid).status == "accepted"


def test_viewer_sees_no_review_form(page_env):
    backend, doc_id = page_env
    viewer, _ = make_user(backend.engine, "viewer")
    at = open_page(viewer, doc_id)
    assert not [b for b in at.button if b.label == "接受"]
    assert "只有管理员可以审核" in texts(at)


def test_highlight_html_escapes_everything():
    text = "a<b>&c 10万元 <i>"
    start = text.index("10万元")
    out = highlight_html(text, [(start, start + 4, "x")])
    assert out == 'a&lt;b&gt;&amp;c <mark class="x">10万元</mark> &lt;i&gt;'
