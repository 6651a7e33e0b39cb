"""Browser: an admin adds a clerk, resets the clerk's password (shown once) and disables the account;
the clerk, logged in with the one-time password, lands on their own village."""
import pytest

from tests.browser import goto_page, login, screenshot, settle

pytestmark = pytest.mark.browser


def test_accounts_in_the_browser_and_a_clerk_s_landing(chromium_browser, demo_app):
    admin_ctx = chromium_browser.new_context(viewport={"width": 1400, "height": 1300}, locale="zh-CN")
    page = admin_ctx.new_page()
    try:
        login(page, demo_app)
        goto_page(page, "审核锁定与账号")
        page.get_by_text("添加账号").click()
        settle(page)  # the page may rerun as the expander opens; typing into a list being redrawn is lost
        page.get_by_label("新用户名").fill("柳树湾文书")
        # the role 村文书 is the form's default
        villages = page.get_by_role("combobox", name="负责的村（村文书必选）")
        villages.click()
        villages.fill("柳树湾")
        # Enter picks the highlighted option: wait until the filtered list highlights it
        page.locator('[role="option"][data-focused="true"]', has_text="柳树湾村").wait_for(timeout=30_000)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        page.locator('[data-testid="stMultiSelect"]', has_text="柳树湾村").wait_for(timeout=30_000)  # chosen
        page.get_by_label("初始密码（至少 8 位）").fill("first-password-1")
        page.get_by_label("再输一次密码").fill("first-password-1")
        page.get_by_role("button", name="添加", exact=True).click()
        page.wait_for_selector("text=已添加账号 柳树湾文书", timeout=60_000)
        settle(page)
        page.get_by_role("combobox", name="账号").click()
        page.get_by_role("option", name="柳树湾文书（村文书）").click()
        settle(page)
        page.get_by_role("button", name="重设密码").click()
        page.wait_for_selector("text=一次性密码只显示这一次", timeout=30_000)
        one_time = page.locator('[data-testid="stCode"]').first.inner_text().strip()
        assert len(one_time) == 10
        screenshot(page, "accounts-reset")

        clerk_ctx = chromium_browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        clerk = clerk_ctx.new_page()
        login(clerk, demo_app_as(demo_app, "柳树湾文书", one_time))
        clerk.wait_for_selector("text=柳树湾村 · 村级画像", timeout=30_000)
        assert "本村第三季度培训人次还未报送" in clerk.inner_text("body")
        screenshot(clerk, "clerk-landing")
        clerk_ctx.close()

        page.get_by_role("combobox", name="账号").click()
        page.get_by_role("option", name="柳树湾文书（村文书）").click()
        settle(page)
        page.get_by_role("button", name="停用账号").click()
        page.wait_for_selector("text=已停用 柳树湾文书", timeout=30_000)
        again = chromium_browser.new_context(locale="zh-CN").new_page()
        again.goto(demo_app.url)
        settle(again)
        again.get_by_label("用户名").fill("柳树湾文书")
        again.get_by_label("密码").fill(one_time)
        again.get_by_role("button", name="登录").click()
        again.wait_for_selector("text=用户名或密码不正确", timeout=30_000)
        again.context.close()
    finally:
        admin_ctx.close()


def demo_app_as(app, name: str, password: str):
    """The same running app, logged in as someone else."""
    import copy

    other = copy.copy(app)
    other.login = (name, password)
    return other
