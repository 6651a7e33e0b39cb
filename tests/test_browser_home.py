"""The home page in a real browser: Chinese, no exception box, a screenshot saved."""
import pytest

from tests.browser import login, screenshot, settle

pytestmark = pytest.mark.browser


def test_home_page_renders_in_chinese(chromium_browser, demo_app):
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        login(page, demo_app)
        page.wait_for_selector("text=示范乡 · 总览", timeout=30_000)
        body = page.inner_text("body")
        assert "达到全年收入目标的村" in body and "本季度报送" in body
        assert page.locator('[data-testid="stException"]').count() == 0
        # The sidebar lists pages by Chinese title, never a file name such as "app".
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text() if page.locator('[data-testid="stSidebarNav"]').count() else ""
        assert "app" not in nav.lower() and "overview" not in nav.lower()
        # Interacting reruns app.py (the login gate stays, the user stays logged in).
        page.get_by_text("退出登录").wait_for()
        path = screenshot(page, "home")
        assert path.stat().st_size > 10_000
    finally:
        page.close()


def test_wrong_password_is_refused(chromium_browser, demo_app):
    page = chromium_browser.new_page(locale="zh-CN")
    try:
        page.goto(demo_app.url)
        settle(page)
        page.get_by_label("用户名").fill(demo_app.login[0])
        page.get_by_label("密码").fill("not-the-password")
        page.get_by_role("button", name="登录").click()
        page.wait_for_selector("text=用户名或密码不正确", timeout=30_000)
        assert "示范乡" not in page.inner_text("body")
    finally:
        page.close()


def test_a_reload_keeps_the_login_and_logout_ends_it(chromium_browser, demo_app):
    from tests.browser import login, settle

    context = chromium_browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        login(page, demo_app)
        page.wait_for_timeout(800)  # the cookie is written by the page after the login
        page.reload()
        settle(page)
        page.wait_for_selector("text=退出登录", timeout=30_000)  # still logged in, no form
        assert page.get_by_role("button", name="登录", exact=True).count() == 0
        second = context.new_page()  # a new tab
        second.goto(demo_app.url)
        settle(second)
        second.wait_for_selector("text=退出登录", timeout=30_000)
        second.close()
        page.get_by_role("button", name="退出登录").click()
        page.wait_for_selector("text=密码", timeout=30_000)
        page.wait_for_timeout(800)
        page.reload()
        settle(page)
        page.wait_for_selector("text=密码", timeout=30_000)
        assert page.get_by_text("退出登录").count() == 0
        assert "zhibiao_session" not in {c["name"] for c in context.cookies() if c["value"]}
    finally:
        context.close()
