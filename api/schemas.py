"""Request and response bodies (input, stored and output shapes are kept apart)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Role = Literal["drafter", "security_officer", "dept_head", "unit_head", "admin"]
Attribute = Literal["proactive", "on_request", "not_public"]


class ErrorBody(BaseModel):
    code: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorResponse(BaseModel):
    error: ErrorBody


ERRORS = {s: {"model": ErrorResponse} for s in (400, 401, 403, 404, 409, 413, 415, 422, 429)}


# ---- auth
class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_at: str


class SessionOut(BaseModel):
    csrf_token: str
    user: "UserOut"


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    roles: list[str]
    department_id: int | None
    department: str | None
    organisation_id: int
    active: bool = Field(default=True, description="false once an admin disabled the account")


# ---- admin
class UserIn(BaseModel):
    username: str = Field(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")
    display_name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=8, max_length=256)
    roles: list[Role] = Field(min_length=1)
    department: str | None = Field(default=None, max_length=200)


class UserUpdateIn(BaseModel):
    """Only the fields given change.  `department: null` (or "") takes the user out of any department."""

    display_name: str | None = Field(default=None, min_length=1, max_length=100)
    roles: list[Role] | None = Field(default=None, min_length=1,
                                     description="the complete new set of roles (replaces the old one)")
    department: str | None = Field(default=None, max_length=200,
                                   description="department name, created if missing; required for drafter and dept_head")


class PasswordResetIn(BaseModel):
    password: str | None = Field(default=None, min_length=8, max_length=256,
                                 description="the new password; omit it to have one generated")


class PasswordResetOut(BaseModel):
    user: UserOut
    generated_password: str | None = Field(
        description="the generated password, shown only in this answer (never stored in clear); null when the admin set one")
    sessions_ended: int = Field(description="sessions and bearer tokens of the user that were ended")


class DepartmentIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class DepartmentOut(BaseModel):
    id: int
    name: str
    organisation_id: int


# ---- documents and review
class StrictIn(BaseModel):
    """A request body that refuses unknown fields (422), so a misspelt field is not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class DecisionIn(StrictIn):
    finding_id: str = Field(min_length=1, max_length=64)
    decision: Literal["accept", "reject"]
    reason: str | None = Field(default=None, max_length=2000)
    basis: str | None = Field(default=None, max_length=500)


class DecisionsIn(StrictIn):
    decisions: list[DecisionIn] = Field(min_length=1, max_length=5000)


class ManualSpanIn(StrictIn):
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    reason: str = Field(default="", max_length=2000)
    basis: str = Field(default="", max_length=500)


def mask_style_names() -> tuple[str, ...]:
    """The mask style names reviewer.redaction accepts (``label``, ``block``, ``partial``)."""
    from reviewer.redaction.masks import MODES

    return tuple(MODES)


class ApproveIn(StrictIn):
    attribute: Attribute | None = None
    comment: str = Field(default="", max_length=2000)
    style: str | None = Field(
        default=None, max_length=16,
        description="Mask style of the published file: `partial` (510203********1234, 138****5678, 张某; "
                    "other types get the label), `label` (〔已删除：个人隐私〕 for everything) or `block` (■■■). "
                    "Omitted: reviewer.redaction's default (partial masks for ID numbers, phones, bank cards, "
                    "names and addresses, the label for everything else).")

    @field_validator("style")
    @classmethod
    def _known_style(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from reviewer.errors import UsageError
        from reviewer.redaction.masks import MaskStyle

        if value not in mask_style_names():
            raise ValueError(f"unknown mask style; use one of {', '.join(mask_style_names())}")
        try:
            MaskStyle.coerce(value)
        except UsageError as exc:
            raise ValueError(exc.message) from None
        return value


class SignIn(StrictIn):
    tier: int = Field(ge=1, le=3)
    decision: Literal["approve", "return", "reject"] = "approve"
    opinion: str = Field(default="", max_length=4000)


class CommentIn(StrictIn):
    comment: str = Field(min_length=1, max_length=4000)


class JobOut(BaseModel):
    id: int
    kind: str
    status: str
    version_id: int
    case_id: int | None = None
    error: dict[str, Any] | None = None
    created_at: str
    started_at: str | None = None
    finished_at: str | None = None


class TextBlock(BaseModel):
    start: int
    end: int
    part: str = Field(description="body, header, footer, comment, properties, … (stable machine name)")
    part_label: str = Field(description="the part in Chinese: 正文, 页眉, 页脚, 批注, 文件属性 …")
    paragraph: int | None = None
    page: int | None = None


class TextOut(BaseModel):
    case_id: int
    version_no: int
    text_sha256: str | None
    chars: int
    text: str = Field(description="the scanned text; finding and manual-span offsets index it")
    blocks: list[TextBlock]


class DocumentSummary(BaseModel):
    id: int
    title: str
    state: str
    department_id: int
    department: str | None
    drafter_id: int
    created_at: str
    updated_at: str
    tier_due: int | None
    signed_tiers: list[int]
    tier_decisions: dict[str, str] = Field(default_factory=dict,
                                           description="tier → the decision signed there: approve, return, reject")
    allowed_actions: list[str]


class DocumentListOut(BaseModel):
    items: list[DocumentSummary]
    total: int = Field(description="how many documents match, over all pages")
    limit: int
    offset: int


class BulkDecisionIn(StrictIn):
    """One decision for many findings: all of one `type`, every occurrence of the same `text`, or
    every finding the scan suggests removing (`select: "suggested"`, action `redact`)."""

    select: Literal["type", "text", "suggested"]
    type: str | None = Field(default=None, max_length=64, description="with select=type, e.g. `person_name`")
    text: str | None = Field(default=None, max_length=2000, description="with select=text: the finding's text")
    decision: Literal["accept", "reject"]
    reason: str | None = Field(default=None, max_length=2000, description="one reason for all of them")
    basis: str | None = Field(default=None, max_length=500)


class DecisionsOut(BaseModel):
    decisions: list[dict[str, Any]]
    count: int = 0


class ReasonIn(StrictIn):
    reason: str = Field(min_length=1, max_length=2000)
