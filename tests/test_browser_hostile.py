"""Browser: hostile village names and report text render as text; no script runs."""
import pytest

from db.engine import make_engine
from tests.browser import login, screenshot, settle
from tests.test_hostile_text import IMG, SCRIPT, add_hostile

pytestmark = pytest.mark.browser


def test_hostile_names_do_not_run(chromium_browser, demo_app, tmp_path):
    engine = make_engine(demo_app.db_url)
    add_hostile(engine, tmp_path)
    engine.dispose()
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        login(page, demo_app)
        for link in ("落后预警", "报告抽取"):
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
            settle(page)
            page.wait_for_timeout(500)
        body = page.inner_text("body")
        assert SCRIPT in body or IMG in body, "the hostile name is shown literally"
        assert page.locator("script:has-text('alert(')").count() == 0
        assert page.locator('img[src="x"]').count() == 0
        assert dialogs == []
        screenshot(page, "hostile")
    finally:
        page.close()
