"""Request dependencies as ``Annotated`` aliases: runtime, database session, current user."""

from __future__ import annotations

from typing import Annotated, Iterator

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from api.errors import ApiError
from api.models import User
from api.ratelimit import retry_after
from api.runtime import Runtime
from api.security import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, csrf_ok, lookup_token
from reviewer.review.workflow import Actor

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RT = Annotated[Runtime, Depends(get_runtime)]


def get_db(rt: RT) -> Iterator[Session]:
    db = rt.sessions()
    try:
        yield db
    finally:
        db.close()


DB = Annotated[Session, Depends(get_db)]


def _unauthenticated(message: str = "Sign in first.") -> ApiError:
    return ApiError(401, "unauthenticated", message, headers={"WWW-Authenticate": "Bearer"})


async def _csrf_from_request(request: Request) -> str | None:
    presented = request.headers.get(CSRF_HEADER)
    if presented:
        return presented
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()      # cached by Starlette; the handler can read it again
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


async def csrf_token_presented(request: Request) -> str | None:
    if request.method in SAFE_METHODS or request.headers.get("authorization"):
        return None
    if SESSION_COOKIE not in request.cookies:
        return None
    return await _csrf_from_request(request)


def current_user(request: Request, rt: RT, db: DB,
                 csrf: Annotated[str | None, Depends(csrf_token_presented)]) -> User:
    """Bearer token (API) or cookie session (web UI, CSRF-checked on unsafe methods)."""
    auth = request.headers.get("authorization", "")
    user: User | None = None
    if auth:
        scheme, _, raw = auth.partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise _unauthenticated("Use 'Authorization: Bearer <token>'.")
        tok = lookup_token(db, raw.strip(), "bearer")
        if tok is None:
            raise _unauthenticated("The token is not valid or has expired.")
        user = db.get(User, tok.user_id)
    elif SESSION_COOKIE in request.cookies:
        tok = lookup_token(db, request.cookies[SESSION_COOKIE], "session")
        if tok is None:
            raise _unauthenticated("The session has expired; sign in again.")
        if request.method not in SAFE_METHODS and not csrf_ok(tok.csrf_token, csrf):
            raise ApiError(403, "csrf_failed", "The CSRF token is missing or wrong.")
        user = db.get(User, tok.user_id)
    else:
        raise _unauthenticated()
    if user is None or not user.is_active:
        raise _unauthenticated("This account is disabled.")
    _ = user.roles, user.department            # load before the transaction ends
    db.commit()                                # end the read transaction (SQLite write lock)
    wait = rt.limiter.take(("all", user.id), rt.settings.rate_limit_per_minute)
    if wait:
        raise ApiError(429, "rate_limited", "Too many requests; slow down.",
                       {"retry_after_s": round(wait, 1)}, headers={"Retry-After": retry_after(wait)})
    request.state.user = user
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def actor_of(user: User) -> Actor:
    return Actor(user_id=user.id, roles=user.role_names, department_id=user.department_id)


def require_role(user: User, *roles: str) -> None:
    if not (user.role_names & set(roles)):
        raise ApiError(403, "forbidden", f"This needs one of the roles: {', '.join(roles)}.",
                       {"required_roles": list(roles)})
