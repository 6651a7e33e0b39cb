"""Browser: the 目标设置 page as an admin sees it; import a target sheet through the dropzone."""
import io

import pytest
import xlsxwriter

from tests.browser import goto_page, login, screenshot, settle

pytestmark = pytest.mark.browser


def target_xlsx() -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    ws.merge_range(0, 0, 0, 4, "示范乡2027年村级指标目标")
    ws.write_row(1, 0, ["村名", "集体经济收入（万元）", "发展党员（人）", "网格数（个）", "培训人次（人次）"])
    ws.write_row(2, 0, ["全乡", 12, 2, 6, 130])
    ws.write_row(3, 0, ["胜利村", 18])
    ws.write_row(4, 0, ["红旗村", None, 3])
    wb.close()
    return buf.getvalue()


def test_targets_page_and_import(chromium_browser, demo_app, tmp_path):
    path = tmp_path / "示范乡2027年目标.xlsx"
    path.write_bytes(target_xlsx())
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
    try:
        login(page, demo_app)
        goto_page(page, "目标设置")
        page.wait_for_selector("text=全乡每村目标", timeout=30_000)
        page.wait_for_selector('[data-testid="stDataFrame"] canvas, [data-testid="stDataFrame"] table', timeout=30_000)
        page.wait_for_timeout(800)
        body = page.inner_text("body")
        assert "单村目标" in body and "本村目标" in body
        screenshot(page, "targets")
        page.get_by_role("button", name="保存本村目标").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        screenshot(page, "targets-village-form")
        page.get_by_role("tab", name="从表格导入目标").click()
        page.locator('input[type="file"]').first.set_input_files(str(path))
        page.wait_for_selector("text=核对预览（2027年）", timeout=30_000)
        settle(page)
        metrics = {m.locator('[data-testid="stMetricLabel"]').inner_text(): m.locator('[data-testid="stMetricValue"]').inner_text()
                   for m in page.locator('[data-testid="stMetric"]').all()}
        assert (metrics["新设"], metrics["修改"], metrics["不变"]) == ("6", "0", "0")
        screenshot(page, "targets-import-preview")
        page.get_by_role("button", name="确认导入").click()
        page.wait_for_selector("text=已导入2027年目标", timeout=30_000)
        settle(page)
        # The page now shows the imported year: 胜利村 has its own 18万元, the others 12万元.
        page.get_by_role("tab", name="每村目标").click()
        page.wait_for_selector("text=目前：示范乡每个村 12万元", timeout=30_000)
        page.wait_for_timeout(800)
        screenshot(page, "targets-2027")
        page.get_by_role("tab", name="报告中提出的目标（1）").click()
        settle(page)
        screenshot(page, "targets-reports")
        page.get_by_role("tab", name="目标修改记录").click()
        settle(page)
        screenshot(page, "targets-history")
    finally:
        page.close()
