"""登录 / 退出: the web UI's cookie session, opened with the service's own sign-in checks."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from api import uow
from api.deps import DB, RT
from api.errors import ApiError
from api.routers.auth import _authenticate
from api.schemas import Credentials
from api.security import SESSION_COOKIE, issue_token, lookup_token
from api.web.common import Ctx, message_for, render

router = APIRouter(include_in_schema=False)


def _safe_next(raw: str | None) -> str:
    """Only a local path: never send a signed-in user to another site."""
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return "/documents"


@router.get("/login")
def login_page(request: Request, next: str | None = None):
    return render(request, "login.html", None, next=_safe_next(next), errors={}, username="")


@router.post("/login")
async def login(request: Request, rt: RT, db: DB):
    form = await request.form()
    username = str(form.get("username", "")).strip()
    password = str(form.get("password", ""))
    nxt = _safe_next(str(form.get("next", "")))
    errors = {}
    if not username:
        errors["username"] = "请输入用户名。"
    if not password:
        errors["password"] = "请输入密码。"
    if errors:
        return render(request, "login.html", None, status=422, next=nxt, errors=errors, username=username)
    try:
        return await run_in_threadpool(_open_session, request, rt, db, username, password, nxt)
    except ApiError as exc:
        db.rollback()
        text = message_for(exc.code, exc.message)
        if exc.code == "bad_credentials":
            text = "用户名或密码错误，请检查后重新输入（注意大小写）。"
        return render(request, "login.html", None, status=exc.http_status, next=nxt,
                      errors={"form": text}, username=username)


def _open_session(request: Request, rt, db, username: str, password: str, nxt: str) -> RedirectResponse:
    """Check the password (argon2: off the event loop) and set the session cookie."""
    user = _authenticate(rt, db, Credentials(username=username[:64], password=password[:256]), request)
    raw, row = issue_token(db, user, "session", rt.settings.session_hours)
    uow.commit(rt, db, user, [("auth.login", None, None, {"session_id": row.id, "via": "web"})])
    secure = rt.settings.secure_cookies
    if secure is None:
        secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    resp = RedirectResponse(nxt, status_code=303)
    resp.set_cookie(SESSION_COOKIE, raw, httponly=True, samesite="lax", secure=secure,
                    max_age=int(rt.settings.session_hours * 3600), path="/")
    return resp


@router.post("/logout")
def logout(request: Request, rt: RT, db: DB, ctx: Ctx):
    row = lookup_token(db, request.cookies.get(SESSION_COOKIE, ""), "session")
    if row is not None:
        row.revoked = True
    uow.commit(rt, db, ctx.user, [("auth.logout", None, None, {"kind": "session", "via": "web"})])
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


@router.get("/")
def home(request: Request):
    return RedirectResponse("/documents" if request.cookies.get(SESSION_COOKIE) else "/login", status_code=303)
