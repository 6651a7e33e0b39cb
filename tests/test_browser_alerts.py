"""Browser: the four progress pages on the demo township; 落后预警 shows 大刘庄村 in red."""
import re

import pytest

from tests.browser import login, screenshot, settle

pytestmark = pytest.mark.browser


def whole_page_screenshot(page, name: str):
    """Streamlit scrolls inside its main block, so grow the viewport to the content first."""
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"], [data-testid=\"stMainBlockContainer\"]')]"
        ".map(e => e.scrollHeight), 800)")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 60, 6000)})
    settle(page)
    page.wait_for_timeout(500)  # plotly redraws at the new size
    return screenshot(page, name)


def open_page(page, title: str, wait_text: str) -> str:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    settle(page)
    page.wait_for_selector(f"text={wait_text}", timeout=30_000)
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    return page.inner_text("body")


def test_alerts_page_marks_dalizhuang_red(chromium_browser, demo_app):
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        login(page, demo_app)
        body = open_page(page, "落后预警", "示范乡 · 落后预警")
        # The sentence for 大刘庄村's income, with its red mark, on the default (latest) quarter.
        line = page.locator("li", has_text="大刘庄村：第三季度应完成7.5万元").first
        text = line.inner_text()
        assert "完成率54%（红）" in text
        # …led by a red badge 红 (a red text colour on a light red ground).
        badge = line.locator(".stMarkdownBadge").first
        assert badge.inner_text() == "红"
        r, g, b = [int(x) for x in badge.evaluate("e => getComputedStyle(e).color").strip("rgba()").split(",")[:3]]
        assert r > g + 60 and r > b + 60
        # 石桥村 is listed under 未报送, not among the red and yellow.
        shiqiao = page.locator("li", has_text="石桥村")
        assert shiqiao.count() == 1
        assert "第三季度四项指标均未报送" in shiqiao.inner_text()
        assert shiqiao.locator(".stMarkdownBadge").inner_text() == "未报送"
        assert "2026年第三季度" in body
        path = whole_page_screenshot(page, "alerts")
        assert path.stat().st_size > 10_000
    finally:
        page.close()


def test_other_dashboard_pages_render(chromium_browser, demo_app):
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        login(page, demo_app)
        body = open_page(page, "总览", "示范乡 · 总览")
        assert "1 / 14" in body and "13 / 14 个村" in body
        whole_page_screenshot(page, "overview-dashboard")
        page.set_viewport_size({"width": 1400, "height": 1000})
        body = open_page(page, "村级进度", "示范乡 · 村级进度")
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 2
        whole_page_screenshot(page, "progress")
        page.set_viewport_size({"width": 1400, "height": 1000})
        body = open_page(page, "指标对比", "示范乡 · 指标对比")
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
        whole_page_screenshot(page, "compare")
        page.set_viewport_size({"width": 1400, "height": 1000})
    finally:
        page.close()


def test_printing_alerts_shows_every_row_and_no_sidebar(chromium_browser, demo_app):
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        login(page, demo_app)
        open_page(page, "落后预警", "示范乡 · 落后预警")
        red = int(page.locator('[data-testid="stMetric"]', has_text="红（项）").locator('[data-testid="stMetricValue"]').inner_text())
        yellow = int(page.locator('[data-testid="stMetric"]', has_text="黄（项）").locator('[data-testid="stMetricValue"]').inner_text())
        page.emulate_media(media="print")
        page.wait_for_timeout(500)
        assert not page.get_by_test_id("stSidebar").is_visible()
        items = page.locator("li", has_text=re.compile("应完成|应达到"))
        visible = [i for i in range(items.count()) if items.nth(i).is_visible()]
        assert len(visible) >= red + yellow  # every red and yellow item, nothing scrolled away
        path = whole_page_screenshot(page, "alerts-print")
        assert path.stat().st_size > 10_000
    finally:
        page.close()
