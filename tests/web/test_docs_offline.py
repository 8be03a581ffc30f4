"""/docs renders in Chromium with every request outside the service blocked (offline)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_with_the_network_blocked(session_factory, web_server):
    s = session_factory()
    outside = []

    def guard(route):
        if route.request.url.startswith(web_server.url):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    s.context.route("**/*", guard)
    page = s.page
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=30000)
    assert "reviewer" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector("#operations-documents-list_documents_api_documents_get")
    # 'Authorize' offers both ways in: the bearer token and the session cookie (+ CSRF header)
    page.click("button.authorize")
    dialog = page.locator(".dialog-ux .modal-ux")
    dialog.wait_for()
    text = dialog.inner_text()
    assert "bearerAuth" in text and "cookieAuth" in text and "csrfToken" in text
    s.shot("docs-offline-authorize")
    assert outside == []
