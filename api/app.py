"""The application factory: ``create_app(settings)``.

At start it runs ``alembic upgrade head``, starts the background worker and, in demo
mode, creates the demo accounts and prints them.
"""

from __future__ import annotations

import json
import logging
import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import errors
from api.routers import admin, auth, documents, records, review
from api.runtime import Runtime
from api.settings import Settings

log = logging.getLogger("api")

DESCRIPTION = """Pre-publication review (政府信息公开 · 保密审查) of government documents.

Every error has the shape `{"error": {"code", "message", "details"}}`.  Authenticate with
`POST /api/auth/token` and `Authorization: Bearer <token>`, or with a cookie session
(`POST /api/auth/login`) plus the `X-CSRF-Token` header on unsafe methods.  See docs/api.md.
"""


class BodyLimit:
    """Refuse a request body over the limit with 413 before anything reads it."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    size = -1
                if size > self.limit or size < 0:
                    return await self._reject(send, size)
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise errors.ApiError(413, "payload_too_large", "请求太大，超过了系统允许的上限。")
            return message

        return await self.app(scope, limited_receive, send)

    async def _reject(self, send, size: int):
        status = 413 if size > self.limit else 400
        from reviewer.catalogue import message as zh

        code = "payload_too_large" if status == 413 else "bad_request"
        message = zh(code)
        body = json.dumps(errors.error_body(code, message, {"limit": self.limit} if status == 413 else {}),
                          ensure_ascii=False).encode("utf-8")
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class HandleUnexpected:
    """Answer an unhandled exception inside the app, with the registered 500 handler.

    Starlette's outermost ServerErrorMiddleware sends the 500 and then re-raises, and uvicorn
    answers the re-raise by closing the connection, although the 500 did not say
    ``Connection: close``. A keep-alive client that sends its next request on that connection
    at once gets "connection reset by peer". Handled here, the exception never reaches the
    server: the 500 (JSON error shape under /api, a Chinese page elsewhere; the handler logs
    it) completes normally and the connection stays usable. An exception after the response
    has started cannot be answered any more and still goes to the server, which must drop the
    connection because the response is cut short.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:
                raise
            from starlette.requests import Request

            handler = scope["app"].exception_handlers.get(Exception) or scope["app"].exception_handlers.get(500)
            if handler is None:
                raise
            response = await handler(Request(scope, receive), exc)
            await response(scope, receive, send)


def _warm_up(rt=None) -> None:
    """Load the detectors, the models and the search segmenter now, so the first upload does not
    pay for it; then index for search the cases scanned before the search index existed."""
    try:
        from reviewer.parsers import parse_bytes
        from reviewer.scan import scan_document

        scan_document(parse_bytes("预热：联系电话13812345678。".encode("utf-8"), "warm-up.txt"))
    except Exception:                      # a broken detector shows up on the first real scan instead
        log.warning("warm-up scan failed", exc_info=True)
    if rt is not None:
        try:
            from api import search

            search.index_terms("预热")
            search.backfill(rt)
        except Exception:                  # search then misses the old cases; everything else works
            log.warning("search backfill failed", exc_info=True)


def create_app(settings: Settings | None = None, *, start_worker: bool | None = None,
               print_demo=print) -> FastAPI:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        rt = Runtime.start(settings)
        app.state.runtime = rt
        if settings.demo:
            from api.accounts import ensure_demo_users

            rows = ensure_demo_users(rt, settings.demo_password)
            print_demo("Demo mode: these accounts exist" + ("" if settings.demo_password else " (passwords change at every start)") + ":")
            for username, password, roles in rows:
                print_demo(f"  {username:<10} {password:<14} {roles}")
        threading.Thread(target=_warm_up, args=(rt,), name="reviewer-warm-up", daemon=True).start()
        if settings.worker if start_worker is None else start_worker:
            from api.worker import Worker

            rt.worker = Worker(rt).start()
        try:
            yield
        finally:
            rt.close()

    app = FastAPI(title="reviewer", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)       # served offline by api.openapi_docs
    errors.install(app)
    for r in (auth.router, documents.router, review.router, records.router, admin.router):
        app.include_router(r)
    from api import batches, recognised, web

    app.include_router(batches.router)
    app.include_router(recognised.router)
    from api import openapi_docs

    openapi_docs.install(app)        # /docs and /redoc from local assets; security schemes (before /static)
    web.install(app)                 # pages, /static and HTML error pages outside /api

    @app.get("/api/health", tags=["health"], summary="Liveness")
    def health() -> dict:
        return {"status": "ok"}

    @app.middleware("http")
    async def security_headers(request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    # a little headroom over the file limit for the multipart envelope
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes + 64 * 1024)
    app.add_middleware(HandleUnexpected)     # outermost of ours: unhandled errors end here, not in uvicorn
    return app
