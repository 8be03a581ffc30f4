"""The OpenAPI description: security schemes for 'Authorize', a schema for every success response."""

from __future__ import annotations


def _schema() -> dict:
    from api.app import create_app

    return create_app().openapi()


def test_openapi_declares_bearer_and_cookie_security():
    s = _schema()
    schemes = s["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {**schemes["bearerAuth"], "type": "http", "scheme": "bearer"}
    assert schemes["cookieAuth"]["in"] == "cookie" and schemes["cookieAuth"]["name"] == "reviewer_session"
    assert schemes["csrfToken"]["in"] == "header" and schemes["csrfToken"]["name"] == "X-CSRF-Token"
    op = s["paths"]["/api/documents"]["get"]
    assert {"bearerAuth": []} in op["security"] and {"cookieAuth": [], "csrfToken": []} in op["security"]
    assert "security" not in s["paths"]["/api/auth/token"]["post"]


def test_openapi_every_success_response_has_a_schema():
    s = _schema()
    missing = []
    for path, ops in s["paths"].items():
        for method, op in ops.items():
            for status, resp in op["responses"].items():
                if status.startswith("2") and status != "204":       # 204: no content by definition
                    content = resp.get("content") or {}
                    if not content or not all(m.get("schema") for m in content.values()):
                        missing.append((method, path, status))
    assert missing == []
    listing = s["paths"]["/api/documents"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert listing == {"$ref": "#/components/schemas/DocumentListOut"}
    assert "total" in s["components"]["schemas"]["DocumentListOut"]["properties"]
    out = s["paths"]["/api/documents/{case_id}/output"]["get"]["responses"]["200"]["content"]
    assert out == {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}


def test_docs_assets_are_local():
    from fastapi.testclient import TestClient

    from api.app import create_app

    client = TestClient(create_app(start_worker=False))      # no lifespan: the pages need no database
    html = client.get("/docs").text
    assert "cdn.jsdelivr.net" not in html and "unpkg" not in html and "http" not in html.split("<body>")[1]
    assert client.get("/static/apidocs/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/apidocs/swagger-ui.css").status_code == 200
