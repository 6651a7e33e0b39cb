"""Browser: download the quarterly bulletin from 通报导出 with its Chinese file name."""
import docx
import openpyxl
import pytest

from tests.browser import goto_page, login, screenshot

pytestmark = pytest.mark.browser
TITLE = "示范乡2026年第三季度村级集体经济发展进度通报"


def test_download_bulletin(chromium_browser, demo_app, tmp_path):
    context = chromium_browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1100}, locale="zh-CN")
    page = context.new_page()
    try:
        login(page, demo_app)
        goto_page(page, "通报导出")
        page.wait_for_selector(f"text={TITLE}", timeout=30_000)
        with page.expect_download(timeout=30_000) as info:
            page.get_by_role("button", name="下载 Excel 通报（.xlsx）").click()
        download = info.value
        assert download.suggested_filename == f"{TITLE}.xlsx"
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        wb = openpyxl.load_workbook(path)
        assert wb["村集体经济收入"]["A1"].value == TITLE
        assert wb["村集体经济收入"]["B5"].value == "红旗村"  # the top of the ranking
        with page.expect_download(timeout=30_000) as info:
            page.get_by_role("button", name="下载 Word 通报（.docx）").click()
        assert info.value.suggested_filename == f"{TITLE}.docx"
        word = tmp_path / "bulletin.docx"
        info.value.save_as(word)
        section = docx.Document(word).sections[0]
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)  # A4
        fonts = docx.Document(word).styles["Normal"].element.rPr.rFonts
        assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋"
        screenshot(page, "bulletin")
    finally:
        context.close()
