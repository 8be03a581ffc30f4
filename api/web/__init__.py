"""The web UI (Chinese, server-rendered with Jinja2, small plain JavaScript served here).

``install(app)`` mounts the pages, the static files and the HTML error pages; the JSON
API under /api is untouched.  Pages use the service's cookie session; every form carries
the session's CSRF token, which the service checks (api.deps.current_user).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.web import admin_pages, auth_pages, errors, page_images, pages, review_pages
from api.web.common import HERE


def install(app: FastAPI) -> None:
    for r in (auth_pages.router, pages.router, review_pages.router, page_images.router, admin_pages.router):
        app.include_router(r)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    errors.install(app)
