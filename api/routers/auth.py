"""Sign-in: bearer tokens for the API, cookie sessions (with a CSRF token) for the web UI."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from api import uow
from api.deps import DB, RT, CurrentUser
from api.errors import ApiError
from api.models import User
from api.ratelimit import retry_after
from api.schemas import ERRORS, Credentials, SessionOut, TokenOut, UserOut
from api.security import SESSION_COOKIE, check_password, issue_token, lookup_token
from api.views import user_out

router = APIRouter(prefix="/api/auth", tags=["auth"], responses=ERRORS)


async def _credentials(request: Request) -> Credentials:
    """JSON body or an OAuth2-style form (username, password)."""
    ctype = request.headers.get("content-type", "")
    try:
        if ctype.startswith("application/json"):
            return Credentials.model_validate(await request.json())
        form = await request.form()
        return Credentials(username=str(form.get("username", "")), password=str(form.get("password", "")))
    except ValueError:
        raise ApiError(422, "validation_error", "Give a username and a password.",
                       {"fields": [{"field": "username"}, {"field": "password"}]}) from None


def _authenticate(rt, db, creds: Credentials, request: Request) -> User:
    ip = request.client.host if request.client else "-"
    wait = rt.limiter.take(("login", ip, creds.username), rt.settings.login_rate_per_minute)
    if wait:
        raise ApiError(429, "rate_limited", "Too many sign-in attempts; wait a little.",
                       {"retry_after_s": round(wait, 1)}, headers={"Retry-After": retry_after(wait)})
    # across usernames: failed sign-ins per address (password spraying).  A token is taken before
    # the check, so concurrent guesses cannot overrun the limit, and given back on success.
    per_address = rt.settings.login_failures_per_address_per_minute
    wait = rt.limiter.take(("login-address", ip), per_address)
    if wait:
        raise ApiError(429, "rate_limited", "Too many failed sign-ins from this address; wait a little.",
                       {"retry_after_s": round(wait, 1), "scope": "address"},
                       headers={"Retry-After": retry_after(wait)})
    user = db.scalar(select(User).where(User.username == creds.username))
    if check_password(user, creds.password):
        rt.limiter.give_back(("login-address", ip), per_address)
    else:
        uow.commit(rt, db, None, [("auth.failed", None, None, {"username": creds.username[:64]})])
        raise ApiError(401, "bad_credentials", "Wrong username or password.")
    if not user.is_active:       # told only to someone who knows the password
        uow.commit(rt, db, None, [("auth.failed", None, None, {"username": creds.username[:64],
                                                               "reason": "account_disabled"})])
        raise ApiError(403, "account_disabled", "This account is disabled; ask an administrator.")
    return user


@router.post("/token", response_model=TokenOut, summary="Get a bearer token")
async def token(request: Request, rt: RT, db: DB) -> dict:
    creds = await _credentials(request)
    user = _authenticate(rt, db, creds, request)
    raw, row = issue_token(db, user, "bearer", rt.settings.token_hours)
    uow.commit(rt, db, user, [("auth.token_issued", None, None, {"token_id": row.id})])
    return {"access_token": raw, "token_type": "bearer", "expires_at": row.expires_at.isoformat()}


@router.post("/login", response_model=SessionOut, summary="Open a cookie session (web UI)")
async def login(request: Request, response: Response, rt: RT, db: DB) -> dict:
    creds = await _credentials(request)
    user = _authenticate(rt, db, creds, request)
    raw, row = issue_token(db, user, "session", rt.settings.session_hours)
    uow.commit(rt, db, user, [("auth.login", None, None, {"session_id": row.id})])
    secure = rt.settings.secure_cookies
    if secure is None:
        secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    response.set_cookie(SESSION_COOKIE, raw, httponly=True, samesite="lax", secure=secure,
                        max_age=int(rt.settings.session_hours * 3600), path="/")
    return {"csrf_token": row.csrf_token, "user": user_out(user)}


@router.post("/logout", status_code=204, summary="End this session or revoke this token")
def logout(request: Request, response: Response, rt: RT, db: DB, user: CurrentUser) -> Response:
    auth = request.headers.get("authorization", "")
    raw, kind = (auth.partition(" ")[2].strip(), "bearer") if auth else (request.cookies.get(SESSION_COOKIE, ""), "session")
    row = lookup_token(db, raw, kind) if raw else None
    if row is not None:
        row.revoked = True
    uow.commit(rt, db, user, [("auth.logout", None, None, {"kind": kind})])
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me", response_model=UserOut, summary="Who am I")
def me(user: CurrentUser) -> dict:
    return user_out(user)
