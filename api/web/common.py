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

from api.web.textview import ACTION_LABELS, ATTRIBUTE_LABELS, CATEGORY_LABELS, MASK_STYLES

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

STATE_LABELS = {
    "uploaded": "已上传，扫描中", "scanned": "待删除审批", "redactions_approved": "待初审",
    "tier1_signed": "待审核", "tier2_signed": "待审发", "published": "已发布",
    "withheld": "审查完毕，不予公开",
    "returned": "已退回修改", "rejected": "已否决",
}
TIER_LABELS = {t: label for t, (_r, _b, _a, label) in TIERS.items()}

# What to tell the user, in Chinese, for the codes the service and the core raise.
MESSAGES = {
    "not_found": "没有找到这个页面或文件，可能已被删除，或编号有误。",
    "forbidden": "您没有权限执行此操作。",
    "not_permitted": "您的角色不能执行此操作。",
    "csrf_failed": "页面已过期（安全校验失败），请刷新页面后重试。",
    "unauthenticated": "请先登录。",
    "bad_credentials": "用户名或密码错误，请检查后重新输入。",
    "rate_limited": "操作过于频繁，请稍候再试。",
    "payload_too_large": "文件太大，超过了系统允许的上限。",
    "unsupported_format": "不支持此文件格式，请上传 DOCX、PDF 或 TXT 文件。",
    "unsupported_media_type": "不支持此文件格式，请上传 DOCX、PDF 或 TXT 文件。",
    "empty_file": "文件是空的，请选择一个有内容的 DOCX、PDF 或 TXT 文件。",
    "invalid_transition": "文件当前所处环节不允许此操作，请刷新页面查看最新状态。",
    "undecided_findings": "还有必须处理的删除建议尚未决定，请逐条选择“删除”或“保留”后再批准。",
    "reason_required": "保留标为“不得公开”的内容须填写理由，请在理由栏中说明。",
    "comment_required": "退回或否决须填写意见，请在意见栏中说明需要修改的内容。",
    "bad_span": "所选文字超出了文件正文范围，请重新选择。",
    "no_output": "删除审批尚未完成，还没有可签发的公开版本。",
    "withheld": "该文件审查结论为不予公开，不提供公开版本下载；审查记录载明结论及依据。",
    "bad_mask_style": "遮盖方式无效，请重新选择。",
    "validation_error": "提交的内容不完整或格式不对，请检查后重试。",
    "username_taken": "该用户名已被使用，请换一个用户名。",
    "department_required": "承办人员和部门负责人必须填写所属部门。",
    "encrypted": "文件有密码保护，请先去除密码再上传。",
    "corrupt_file": "文件已损坏，无法读取，请检查后重新上传。",
    "internal_error": "服务器内部出错，请稍后重试；如果反复出现，请联系系统管理员。",
    "path_not_allowed": "该目录不在允许批量扫描的范围内。",
    "account_disabled": "该账号已被停用，不能登录。如需恢复使用，请联系系统管理员。",
    "last_admin": "这是本单位最后一位在用的系统管理员，不能停用或取消其“系统管理员”角色；请先把另一位用户设为系统管理员。",
    "roles_required": "请至少选择一个角色。",
    "bad_role": "所选角色无效，请重新选择。",
    "password_too_short": "新密码至少 8 位。",
}


def message_for(code: str, fallback: str = "") -> str:
    return MESSAGES.get(code) or fallback or "操作未能完成。"


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
    try:
        user = current_user(request, rt, db, csrf)
    except ApiError as exc:
        if exc.http_status == 401:
            raise LoginRequired() from None
        raise
    return WebCtx(user, token)


Ctx = Annotated[WebCtx, Depends(web_ctx)]


def render(request: Request, name: str, ctx: WebCtx | None, status: int = 200, **values: Any):
    values.update(request=request, ctx=ctx, user=ctx.user if ctx else None, csrf=ctx.csrf if ctx else "",
                  roles=ctx.roles if ctx else frozenset(), STATE_LABELS=STATE_LABELS, TIER_LABELS=TIER_LABELS,
                  ROLE_LABELS=ROLE_LABELS, CATEGORY_LABELS=CATEGORY_LABELS, ACTION_LABELS=ACTION_LABELS,
                  ATTRIBUTE_LABELS=ATTRIBUTE_LABELS, MASK_STYLES=MASK_STYLES)
    return templates.TemplateResponse(request, name, values, status_code=status)


def login_url(request: Request) -> str:
    nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(nxt, safe="")


def wants_json(request: Request) -> bool:
    return request.headers.get("x-requested-with") == "XMLHttpRequest"
