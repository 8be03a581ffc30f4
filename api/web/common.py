"""Shared pieces of the web UI: the signed-in context, rendering, Chinese messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from api.deps import DB, RT, csrf_token_presented, current_user
from api.errors import ApiError
from api.models import User
from api.security import SESSION_COOKIE, lookup_token
from reviewer.review.workflow import ROLE_LABELS, TIERS

from reviewer import catalogue, formats

from api.web.textview import ACTION_LABELS, ATTRIBUTE_LABELS, CATEGORY_LABELS, MASK_STYLES

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
# The upload fields' accept= lists and the formats named beside them come from the format registry.
templates.env.globals["upload_accept"] = formats.accept_list
templates.env.globals["upload_formats"] = formats.labels

STATE_LABELS = {
    "uploaded": "已上传，扫描中", "scanned": "待删除审批", "redactions_approved": "待初审",
    "tier1_signed": "待审核", "tier2_signed": "待审发", "published": "已发布",
    "withheld": "审查完毕，不予公开",
    "returned": "已退回修改", "rejected": "已否决", "recalled": "已撤回发布",
}
TIER_LABELS = {t: label for t, (_r, _b, _a, label) in TIERS.items()}

# What to tell the user, in Chinese, for the codes the service and the core raise: one
# catalogue (reviewer.catalogue) for the pages and the API's ``message`` alike.
MESSAGES = catalogue.MESSAGES


def message_for(code: str, fallback: str = "", details: dict | None = None) -> str:
    return catalogue.message(code, details, fallback)


class LoginRequired(Exception):
    """Raised by pages when there is no valid session: the handler redirects to /login."""


@dataclass
class WebCtx:
    user: User
    csrf: str

    @property
    def roles(self) -> frozenset[str]:
        return self.user.role_names


def web_ctx(request: Request, rt: RT, db: DB,
            csrf: Annotated[str | None, Depends(csrf_token_presented)]) -> WebCtx:
    """The signed-in user of a page (cookie session; CSRF checked on POST by the service)."""
    raw = request.cookies.get(SESSION_COOKIE)
    tok = lookup_token(db, raw, "session") if raw else None
    if tok is None:
        raise LoginRequired()
    token = tok.csrf_token or ""
    request.state.db = db
    try:
        user = current_user(request, rt, db, csrf)
    except ApiError as exc:
        if exc.http_status == 401:
            raise LoginRequired() from None
        raise
    return WebCtx(user, token)


Ctx = Annotated[WebCtx, Depends(web_ctx)]


def inbox_counts(request: Request, user: User) -> dict[str, int]:
    """待我处理 by state, for the header badge and the inbox page; never fails a page."""
    from api.listing import assigned_counts

    db = getattr(request.state, "db", None)     # the page's own session: a second one would wait for
    if db is None:                              # SQLite's write lock, which this request holds
        return {}
    try:
        counts = assigned_counts(db, user)
        db.commit()
        return counts
    except Exception:                   # the badge is a convenience; the page still renders
        db.rollback()
        return {}


def render(request: Request, name: str, ctx: WebCtx | None, status: int = 200, **values: Any):
    if ctx is not None and "inbox_total" not in values:
        values["inbox_total"] = sum(inbox_counts(request, ctx.user).values())
    values.update(request=request, ctx=ctx, user=ctx.user if ctx else None, csrf=ctx.csrf if ctx else "",
                  roles=ctx.roles if ctx else frozenset(), STATE_LABELS=STATE_LABELS, TIER_LABELS=TIER_LABELS,
                  ROLE_LABELS=ROLE_LABELS, CATEGORY_LABELS=CATEGORY_LABELS, ACTION_LABELS=ACTION_LABELS,
                  ATTRIBUTE_LABELS=ATTRIBUTE_LABELS, MASK_STYLES=MASK_STYLES, zh=catalogue.message,
                  type_label=catalogue.type_label, where=catalogue.where)
    return templates.TemplateResponse(request, name, values, status_code=status)


def login_url(request: Request) -> str:
    nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(nxt, safe="")


def wants_json(request: Request) -> bool:
    return request.headers.get("x-requested-with") == "XMLHttpRequest"
