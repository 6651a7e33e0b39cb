"""Browser: from 落后预警 to a village's 村级画像, and its 催报通知 downloaded."""
import docx
import pytest

from tests.browser import goto_page, login, screenshot, settle

pytestmark = pytest.mark.browser


def test_from_alerts_to_a_profile_and_its_reminder(chromium_browser, demo_app, tmp_path):
    context = chromium_browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1300}, locale="zh-CN")
    page = context.new_page()
    try:
        login(page, demo_app)
        goto_page(page, "落后预警")
        page.wait_for_selector("text=示范乡 · 落后预警", timeout=30_000)
        box = page.get_by_label("查看一个村的村级画像（落后、未报送的村在前）")
        box.click()
        page.get_by_role("option", name="石桥村", exact=True).click()
        settle(page)
        page.get_by_role("button", name="打开村级画像").click()
        page.wait_for_selector("text=石桥村 · 村级画像", timeout=30_000)
        settle(page)
        body = page.inner_text("body")
        assert "本村第三季度村集体经济收入、发展党员数、网格数、培训人次还未报送" in body
        assert page.locator('[data-testid="stException"]').count() == 0
        with page.expect_download(timeout=30_000) as info:
            page.get_by_role("button", name="下载催报通知（.docx）").click()
        download = info.value
        assert download.suggested_filename == "示范乡石桥村2026年第三季度催报通知.docx"
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        rows = [[c.text for c in r.cells] for r in docx.Document(path).tables[0].rows]
        assert rows[1] == ["1", "石桥村", "四项指标"]
        page.mouse.wheel(0, -3000)
        screenshot(page, "village-reminder")
        # a village with figures: its charts and projection
        page.get_by_test_id("stSidebar").get_by_label("村", exact=True).click()
        page.get_by_role("option", name="大刘庄村", exact=True).click()
        page.wait_for_selector("text=大刘庄村 · 村级画像", timeout=30_000)
        settle(page)
        page.wait_for_selector("text=推算年末：", timeout=30_000)
        page.wait_for_timeout(800)  # plotly draws
        screenshot(page, "village")
    finally:
        context.close()
