"""A real review server (uvicorn subprocess, SQLite, demo users) and Debian's Chromium.

Nothing downloads a browser: Playwright drives /usr/bin/chromium.  Screenshots of each
page go to test-artifacts/screenshots/ (gitignored).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.api.conftest import DEMO_PASSWORD, start_server, stop_server

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def web_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web-srv")
    roots = tmp / "batch-roots"
    roots.mkdir()
    srv = start_server("sqlite", tmp, f"sqlite:///{(tmp / 'data' / 'reviewer.db').resolve()}",
                       {"REVIEWER_BATCH_ROOTS": str(roots), "REVIEWER_LOGIN_RATE_PER_MINUTE": "1000"})
    srv.batch_root = roots
    try:
        yield srv
    finally:
        stop_server(srv)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (bash scripts/system-deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Session:
    """One signed-in person in their own browser context (own cookies)."""

    def __init__(self, browser, base_url: str):
        self.context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800},
                                           locale="zh-CN", accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(30000)

    def login(self, username: str, password: str = DEMO_PASSWORD):
        page = self.page
        page.goto("/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r".*/documents$"))
        return self

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        self.context.close()


@pytest.fixture
def session_factory(browser, web_server):
    made = []

    def make(username: str | None = None) -> Session:
        s = Session(browser, web_server.url)
        made.append(s)
        return s.login(username) if username else s

    yield make
    for s in made:
        s.close()


def assert_no_traceback(html: str) -> None:
    for needle in ("Traceback (most recent call last)", 'File "/', "Internal Server Error", "sqlalchemy.", "Exception:"):
        assert needle not in html, needle
