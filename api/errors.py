"""One error shape for every failure: ``{"error": {"code", "message", "details"}}``.

Core errors (:class:`reviewer.errors.ReviewerError`) keep their code and HTTP status;
HTTP-level errors (404, 405, 422 validation, 413, 429 …) are translated here; anything
unexpected becomes a 500 with a generic message — never a path or a traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from reviewer.catalogue import message as zh
from reviewer.errors import ReviewerError

log = logging.getLogger("api")

_HTTP_CODES = {
    400: ("bad_request", "The request is not valid."),
    401: ("unauthenticated", "Sign in first."),
    403: ("forbidden", "You may not do this."),
    404: ("not_found", "Nothing here."),
    405: ("method_not_allowed", "This method is not allowed here."),
    409: ("conflict", "This conflicts with the current state."),
    413: ("payload_too_large", "The request is too large."),
    415: ("unsupported_media_type", "This type of file is not accepted."),
    422: ("validation_error", "The request is not valid."),
    429: ("rate_limited", "Too many requests; slow down."),
    500: ("internal_error", "Something went wrong on the server."),
}


class ApiError(ReviewerError):
    """An error raised by the service itself, with its own status."""

    def __init__(self, status: int, code: str, message: str, details: dict | None = None,
                 headers: dict | None = None):
        super().__init__(message, details=details, code=code)
        self.http_status = status
        self.headers = headers or {}


def not_found(what: str = "document") -> ApiError:
    return ApiError(404, "not_found", f"No such {what}.")


def forbidden(message: str, **details) -> ApiError:
    return ApiError(403, "forbidden", message, details or None)


def conflict(code: str, message: str, **details) -> ApiError:
    return ApiError(409, code, message, details or None)


def error_body(code: str, message: str, details=None) -> dict:
    return {"error": {"code": code, "message": message, "details": details if details is not None else {}}}


def error_response(status: int, code: str, message: str, details=None, headers=None) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> dict:
    fields = []
    for e in exc.errors():
        loc = [str(p) for p in e.get("loc", ()) if p not in ("body",)]
        fields.append({"field": ".".join(loc), "problem": str(e.get("msg", ""))[:200], "type": e.get("type", "")})
    return {"fields": fields}


def install(app: FastAPI) -> None:
    # ``message`` is always the Chinese wording from reviewer.catalogue; ``code`` stays English.
    @app.exception_handler(ReviewerError)
    async def _reviewer_error(_req: Request, exc: ReviewerError):
        headers = getattr(exc, "headers", None)
        return error_response(exc.http_status, exc.code, zh(exc.code, exc.details, exc.message), exc.details, headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_req: Request, exc: StarletteHTTPException):
        code, _default = _HTTP_CODES.get(exc.status_code, ("http_error", ""))
        return error_response(exc.status_code, code, zh(code), None, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_req: Request, exc: RequestValidationError):
        details = _validation_details(exc)
        extra = [f["field"] for f in details["fields"] if f.get("type") == "extra_forbidden"]
        message = zh("validation_error")
        if extra:
            message = f"请求中含有不认识的字段：{'、'.join(extra)}，请检查字段名。"
        return error_response(422, "validation_error", message, details)

    @app.exception_handler(Exception)
    async def _unexpected(_req: Request, exc: Exception):
        log.error("unhandled error: %s", type(exc).__name__, exc_info=exc)
        return error_response(500, "internal_error", zh("internal_error"))
