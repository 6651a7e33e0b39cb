"""Browser fixtures: the real app in `streamlit run` on a free port against a temporary
database, driven by Debian's Chromium through Playwright (never a downloaded browser)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT, unavailable

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the browser fixtures skip with a reason
    PlaywrightTimeout = TimeoutError

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningApp:
    def __init__(self, url: str, db_url: str, proc: subprocess.Popen, log: Path):
        self.url, self.db_url, self.proc, self.log = url, db_url, proc, log


def start_app(db_url: str, log: Path, timeout: float = 90) -> RunningApp:
    port = free_port()
    env = {**os.environ, "ZHIBIAO_DATABASE_URL": db_url, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
           "--browser.gatherUsageStats", "false"]
    fh = open(log, "wb")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return RunningApp(url, db_url, proc, log)
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit did not become healthy in {timeout}s")


def stop_app(app: RunningApp) -> None:
    app.proc.terminate()
    try:
        app.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.proc.kill()


@pytest.fixture(scope="session")
def chromium_browser():
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        unavailable("Debian chromium is not installed (/usr/bin/chromium); browser tests skipped")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright (Python package) is not installed; browser tests skipped")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
                  "--no-first-run", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    """The app on a free port with the demo township loaded (SQLite), plus an admin login."""
    import secrets

    from db.engine import make_engine, transaction, upgrade
    from db.store import ensure_reference
    from db.users import add_user
    from etl.demo import load_demo

    tmp = tmp_path_factory.mktemp("app")
    db_url = f"sqlite:///{tmp / 'browser.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    with transaction(engine) as s:
        ensure_reference(s)
    load_demo(engine)
    password = secrets.token_urlsafe(12)
    with transaction(engine) as s:
        add_user(s, "browser_admin", "admin", password)
    engine.dispose()
    app = start_app(db_url, tmp / "streamlit.log")
    app.login = ("browser_admin", password)
    yield app
    stop_app(app)


def settle(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_timeout(300)
    page.wait_for_selector(SETTLED, timeout=timeout)


def login(page, app: RunningApp) -> None:
    page.goto(app.url)
    settle(page)
    name, password = app.login
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("text=退出登录", timeout=30_000)
    settle(page)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'


def goto_page(page, title: str) -> None:
    """Open a page by its Chinese title in the sidebar navigation, and wait for its script run to
    finish. A navigation always runs the script; on a loaded machine the run can start later than
    settle's first look, which would then see the previous run's state and return early."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    try:
        page.wait_for_selector(RUNNING, timeout=3_000)
    except PlaywrightTimeout:
        pass  # the run was over before we looked
    settle(page)


@contextmanager
def logged_in_page(browser, app: RunningApp, title: str, height: int = 1200):
    """A Chinese-locale page, logged in and on the page with this sidebar title; closed afterwards."""
    page = browser.new_page(viewport={"width": 1400, "height": height}, locale="zh-CN")
    try:
        login(page, app)
        goto_page(page, title)
        yield page
    finally:
        page.close()
