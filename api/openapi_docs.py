"""``/docs`` (Swagger UI) and ``/redoc`` served offline, and the OpenAPI description's security.

The Swagger UI and ReDoc assets come from the ``fastapi-offline`` package (MIT; Swagger UI
itself is Apache-2.0) and are served by the app at ``/static/apidocs/`` — nothing is loaded
from a CDN.  The description declares the two ways to authenticate, so 'Authorize' works:
``bearerAuth`` (``Authorization: Bearer <token>`` from ``POST /api/auth/token``) and
``cookieAuth`` (the ``reviewer_session`` cookie from ``POST /api/auth/login``) with
``csrfToken`` (the ``X-CSRF-Token`` header unsafe methods need).  Every success response has
a schema: a declared model, a file download, or at least a JSON object.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles

from api.security import CSRF_HEADER, SESSION_COOKIE

PUBLIC = {("/api/auth/token", "post"), ("/api/auth/login", "post"), ("/api/health", "get")}
FILES = {"/api/documents/{case_id}/original", "/api/documents/{case_id}/output", "/api/documents/{case_id}/record",
         "/api/batches/{batch_id}/files/{name}", "/api/batches/{batch_id}/files/details/{name}"}
SECURITY_SCHEMES = {
    "bearerAuth": {"type": "http", "scheme": "bearer",
                   "description": "POST /api/auth/token 取得的令牌（access_token）"},
    "cookieAuth": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE,
                   "description": "POST /api/auth/login 设置的会话 Cookie（浏览器自动携带）"},
    "csrfToken": {"type": "apiKey", "in": "header", "name": CSRF_HEADER,
                  "description": "使用会话 Cookie 时，POST/PUT/PATCH/DELETE 须带登录时返回的 csrf_token"},
}
ANY_JSON = {"type": "object", "additionalProperties": True}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _assets() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).resolve().parent / "static"


def _complete(schema: dict) -> dict:
    schema.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            if not isinstance(op, dict):
                continue
            if (path, method) not in PUBLIC:
                op["security"] = [{"bearerAuth": []}, {"cookieAuth": [], "csrfToken": []}]
            for status, resp in (op.get("responses") or {}).items():
                if not str(status).startswith("2") or str(status) == "204":
                    continue
                content = resp.setdefault("content", {})
                if path in FILES:
                    binary = {"schema": {"type": "string", "format": "binary"}}
                    if path.endswith("/record"):        # format=json, docx or pdf
                        content["application/json"] = {"schema": dict(ANY_JSON)}
                        content[DOCX] = binary
                        content["application/pdf"] = binary
                    else:
                        content.clear()
                        content["application/octet-stream"] = binary
                    continue
                if not content:
                    content["application/json"] = {"schema": dict(ANY_JSON)}
                for media in content.values():
                    if not media.get("schema"):
                        media["schema"] = dict(ANY_JSON)
    return schema


def install(app: FastAPI) -> None:
    """Call with ``FastAPI(docs_url=None, redoc_url=None)``; adds /docs, /redoc and the schema hook."""
    app.mount("/static/apidocs", StaticFiles(directory=str(_assets())), name="apidocs")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui():
        return get_swagger_ui_html(openapi_url=app.openapi_url, title=f"{app.title} · 接口文档",
                                   swagger_js_url="/static/apidocs/swagger-ui-bundle.js",
                                   swagger_css_url="/static/apidocs/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg",
                                   swagger_ui_parameters={"persistAuthorization": True})

    @app.get("/redoc", include_in_schema=False)
    def redoc():
        return get_redoc_html(openapi_url=app.openapi_url, title=f"{app.title} · 接口文档",
                              redoc_js_url="/static/apidocs/redoc.standalone.js",
                              redoc_favicon_url="/static/favicon.svg", with_google_fonts=False)

    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = _complete(get_openapi(title=app.title, version=app.version,
                                                       description=app.description, routes=app.routes))
        return app.openapi_schema

    app.openapi = openapi
