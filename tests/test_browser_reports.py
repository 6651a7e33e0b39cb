"""Browser: upload a .docx report on 报告抽取 and see its figures highlighted in place."""
import docx
import pytest

from tests.browser import goto_page, login, screenshot, settle

pytestmark = pytest.mark.browser


def test_upload_docx_and_see_highlights(chromium_browser, demo_app, tmp_path):
    d = docx.Document()
    d.add_paragraph("示范乡2026年前三季度党建工作情况")
    d.add_paragraph("今年以来，红旗村村集体经济收入达到13.4万元，全年发展党员3名。")
    d.add_paragraph("开展党员培训6期，培训党员群众260人次。")
    path = tmp_path / "前三季度情况.docx"
    d.save(path)

    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
    try:
        login(page, demo_app)
        goto_page(page, "报告抽取")
        page.get_by_text("上传新报告").click()
        settle(page)  # the page may rerun as the expander opens
        page.locator('input[type="file"]').set_input_files(str(path))
        page.get_by_role("button", name="抽取并保存").click()
        page.wait_for_selector("text=已保存，抽取到", timeout=30_000)
        settle(page)
        marks = page.locator("mark.zb-pending")
        texts = [marks.nth(i).inner_text() for i in range(marks.count())]
        assert any("13.4万元" in t for t in texts), texts
        assert any("260人次" in t for t in texts), texts
        assert page.locator('[data-testid="stException"]').count() == 0
        screenshot(page, "reports")
    finally:
        page.close()


def upload_report(page, path) -> None:
    page.get_by_text("上传新报告").click()
    settle(page)  # the page may rerun as the expander opens
    page.locator('input[type="file"]').set_input_files(str(path))
    page.get_by_role("button", name="抽取并保存").click()
    page.wait_for_selector("text=已保存，抽取到", timeout=120_000)
    settle(page)


def test_upload_a_doc_with_a_table_and_see_its_cells_highlighted(chromium_browser, demo_app, tmp_path):
    from tests import docfixtures as F

    path = F.table_doc(tmp_path)  # a .doc made by LibreOffice from a .docx with a table of 5 villages
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1400}, locale="zh-CN")
    try:
        login(page, demo_app)
        goto_page(page, "报告抽取")
        upload_report(page, path)
        marks = page.locator("mark.zb-pending")
        texts = [marks.nth(i).inner_text() for i in range(marks.count())]
        for village, income, _ in F.VILLAGES:
            assert any(village in t and income in t for t in texts), (village, texts)
        assert page.locator('[data-testid="stException"]').count() == 0
        screenshot(page, "reports-doc-table")
    finally:
        page.close()


def test_a_scan_is_marked_for_checking(chromium_browser, demo_app, tmp_path):
    from tests import docfixtures as F

    F.tesseract()
    path = F.scan_png(tmp_path / "东坡村扫描件.png")
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1400}, locale="zh-CN")
    try:
        login(page, demo_app)
        goto_page(page, "报告抽取")
        upload_report(page, path)
        assert page.get_by_text("扫描识别，请核对").count() >= 1
        marks = page.locator("mark.zb-pending")
        assert any("15.8万元" in marks.nth(i).inner_text() for i in range(marks.count()))
        screenshot(page, "reports-scan")
    finally:
        page.close()
