"""Error pages: outside /api every error is a Chinese HTML page with its code, never a traceback.

The service's handlers (api.errors) keep answering /api/... with the JSON error shape;
these wrap them and choose by path.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.web.common import LoginRequired, login_url, render, wants_json
from reviewer.errors import ReviewerError

log = logging.getLogger("api.web")

_HTTP_CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
               422: "validation_error", 429: "rate_limited"}
TITLES = {400: "请求有误", 401: "请先登录", 403: "没有权限", 404: "页面不存在", 405: "不支持的操作",
          409: "当前状态不允许此操作", 413: "文件太大", 415: "文件格式不支持", 422: "填写有误",
          429: "操作过于频繁", 500: "服务器出错", 503: "服务暂不可用"}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path in ("/api", "/docs", "/openapi.json")


class PageError(Exception):
    """A form error already worded in Chinese, with where to go back to."""

    def __init__(self, status: int, code: str, message: str, back: str = ""):
        super().__init__(message)
        self.status, self.code, self.message, self.back = status, code, message, back


def _ctx_of(request: Request):
    """The signed-in user, if any, so an error page keeps its menu; never raises."""
    from api.models import User
    from api.security import SESSION_COOKIE, lookup_token
    from api.web.common import WebCtx

    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    try:
        with request.app.state.runtime.sessions() as db:
            tok = lookup_token(db, raw, "session")
            user = db.get(User, tok.user_id) if tok else None
            if user is None or not user.is_active:
                return None
            _ = user.roles, user.department
            db.expunge(user)
            return WebCtx(user, tok.csrf_token or "")
    except Exception:                   # the error page itself must not fail
        log.warning("error page: could not load the user", exc_info=True)
        return None


def error_page(request: Request, status: int, code: str, message: str = "", text: str | None = None,
               back: str = ""):
    if not text:
        from reviewer.catalogue import message as zh

        text = zh(code, None, message if status < 500 else "")
    if wants_json(request):
        return JSONResponse({"error": {"code": code, "message": text, "details": {}}}, status_code=status)
    return render(request, "error.html", _ctx_of(request), status=status, status_code=status, code=code,
                  title=TITLES.get(status, "出错了"), message=text, back=back)


def install(app: FastAPI) -> None:
    previous = dict(app.exception_handlers)

    def _delegate(exc_class):
        return previous.get(exc_class)

    async def reviewer_error(request: Request, exc: ReviewerError):
        if is_api(request):
            return await _delegate(ReviewerError)(request, exc)
        from reviewer.catalogue import message as zh

        return error_page(request, exc.http_status, exc.code, exc.message,
                          text=zh(exc.code, exc.details, exc.message if exc.http_status < 500 else ""))

    async def http_error(request: Request, exc: StarletteHTTPException):
        if is_api(request):
            return await _delegate(StarletteHTTPException)(request, exc)
        return error_page(request, exc.status_code, _HTTP_CODES.get(exc.status_code, "http_error"))

    async def validation_error(request: Request, exc: RequestValidationError):
        if is_api(request):
            return await _delegate(RequestValidationError)(request, exc)
        fields = "、".join(str(e.get("loc", ["", ""])[-1]) for e in exc.errors())
        return error_page(request, 422, "validation_error", f"请检查：{fields}" if fields else "")

    async def unexpected(request: Request, exc: Exception):
        if is_api(request):
            return await _delegate(Exception)(request, exc)
        log.error("unhandled error on a page: %s", type(exc).__name__, exc_info=exc)
        return error_page(request, 500, "internal_error")

    async def login_required(request: Request, exc: LoginRequired):
        if wants_json(request) or request.method != "GET":
            return error_page(request, 401, "unauthenticated")
        return RedirectResponse(login_url(request), status_code=303)

    async def page_error(request: Request, exc: PageError):
        return error_page(request, exc.status, exc.code, text=exc.message, back=exc.back)

    app.add_exception_handler(PageError, page_error)
    app.add_exception_handler(ReviewerError, reviewer_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)
    app.add_exception_handler(LoginRequired, login_required)
