"""Long waits show progress; the review page works at 1280 px and on a tablet; a favicon."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_slow_page_shows_progress_then_arrives(session_factory, web_server):
    from tests.api.helpers import scanned

    case_id = scanned(web_server)["id"]
    s = session_factory("officer")
    page = s.page
    page.goto(f"/documents/{case_id}")
    held = []
    page.route(re.compile(rf".*/documents/{case_id}/review.*"), lambda route: held.append(route))
    # the old page stays while the next one is held back; it reports what it shows through the
    # console (an evaluate or a locator would wait for the held navigation to finish)
    seen = []
    page.on("console", lambda m: seen.append(m.text) if m.text.startswith("LOADING:") else None)
    page.evaluate("""() => setTimeout(() => {
        const b = document.getElementById('loading');
        console.log('LOADING:' + (b && !b.hidden ? b.innerText : ''));
    }, 1800)""")
    page.click(".subnav a[href$='/review']", no_wait_after=True)
    for _ in range(80):
        if seen:
            break
        page.wait_for_timeout(100)                  # runs Playwright's event loop (console events)
    text = seen[0] if seen else ""
    assert "正在打开" in text and "删除审批" in text and "已等待 1 秒" in text, text
    assert held, "the navigation was not held"
    held[0].continue_()
    page.unroute(re.compile(rf".*/documents/{case_id}/review.*"))
    page.wait_for_url(re.compile(rf".*/documents/{case_id}/review$"))
    assert page.locator("#loading").count() == 0                       # a fresh page, no overlay


def test_review_page_at_1280_and_on_a_tablet_and_the_favicon(session_factory, web_server):
    from tests.api.helpers import scanned

    case_id = scanned(web_server)["id"]
    s = session_factory("officer")
    page = s.page
    page.goto(f"/documents/{case_id}/review")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280       # nothing sticks out at 1280 px
    cols = page.evaluate("getComputedStyle(document.querySelector('.review-grid')).gridTemplateColumns")
    assert len(cols.split()) == 3
    s.shot("review-1280")
    page.set_viewport_size({"width": 820, "height": 1180})                       # a tablet, portrait
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 820
    cols = page.evaluate("getComputedStyle(document.querySelector('.review-grid')).gridTemplateColumns")
    assert len(cols.split()) == 1
    s.shot("review-tablet")
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(href).status == 200
