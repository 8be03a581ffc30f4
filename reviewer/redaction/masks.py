"""Masking styles: what replaces a removed span, and which characters really go.

Three modes, chosen per finding type (``MaskStyle.types``) with a default:

* ``label``   — the whole span becomes 〔已删除：<reason>〕, the reason coming from the
  type, else the category (个人隐私, 商业秘密, 国家秘密 for a 密级标志 only, 警示字样 for
  内部资料 / 注意保存 …; see ``reason_for``);
* ``block``   — the whole span becomes ■■■ (``block_text``);
* ``partial`` — the common government practice (domain.md §4): ID numbers and bank
  cards keep the first 6 and last 4 characters (510203********1234), mobiles keep
  3 + 4 (138****5678), a name keeps the surname (张某 or 张*), an address is cut after
  its 县/区 (or 旗, 乡镇 when no 县/区 is given).  A type with no partial rule falls back
  to ``label``.

``mask(...)`` returns the replacement text for text formats and the ``hidden``
sub-ranges (offsets inside the span) whose characters are removed; PDF pages use
the hidden ranges (they black out exactly those glyphs), TXT and DOCX use the
replacement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reviewer.errors import UsageError

MODES = ("label", "block", "partial")

# Finding types of the same kind, as different detectors may spell them.
TYPE_ALIASES = {
    "id_card": "id_card", "id_card_legacy": "id_card", "resident_id": "id_card", "id_number": "id_card", "hk_macau_tw_residence": "id_card",
    "social_security": "id_card",
    "mobile": "mobile", "mobile_phone": "mobile", "phone_mobile": "mobile", "cell_phone": "mobile",
    "bank_card": "bank_card", "bank_account": "bank_card", "bank_card_number": "bank_card",
    "person_name": "name", "name": "name", "personal_name": "name", "person": "name",
    "address": "address", "home_address": "address", "residential_address": "address",
}

REASONS = {
    "personal": "个人隐私",
    "commercial": "商业秘密",
    "secrecy": "涉密信息",
    "credential": "安全信息",
    "process": "过程性信息",
}
# The label follows the finding's type before its category: of the ``secrecy`` category only a
# 密级标志 is a 国家秘密 mark; 内部资料 / 注意保存 are warning labels (警示字样), 发至县团级 a
# distribution limit (保密法 第二十二条 forbids calling non-secret matter secret).
TYPE_REASONS = {
    "secrecy_mark": "国家秘密",
    "warning_label": "警示字样",
    "distribution_limit": "内部发放范围",
    "internal_affairs": "内部事务信息",
}
# A type outside both maps (a manual span, a new detector) is labelled by the article it cites.
BASIS_REASONS = (("第十四条", "不予公开信息"), ("第十五条", "个人隐私或商业秘密"), ("第十六条", "内部事务或过程性信息"))

DEFAULT_TYPES = {"id_card": "partial", "mobile": "partial", "bank_card": "partial",
                 "name": "partial", "address": "partial"}


@dataclass
class MaskStyle:
    default: str = "label"                  # mode for types not listed in ``types``
    types: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TYPES))
    mask_char: str = "*"
    name_mask: str = "某"                   # 张某; use "*" for 张*
    block_text: str = "■■■"
    label_format: str = "〔已删除：{reason}〕"

    @classmethod
    def coerce(cls, value: "MaskStyle | dict | str | None") -> "MaskStyle":
        """Accept a MaskStyle, a dict of its fields, a mode name, or None (defaults)."""
        if value is None:
            return cls()
        if isinstance(value, MaskStyle):
            style = value
        elif isinstance(value, str):
            style = cls(default=value, types={} if value != "partial" else dict(DEFAULT_TYPES))
        elif isinstance(value, dict):
            unknown = set(value) - set(cls.__dataclass_fields__)
            if unknown:
                raise UsageError(f"Unknown mask style field(s): {', '.join(sorted(unknown))}.",
                                 code="bad_mask_style")
            kw = dict(value)
            given = {TYPE_ALIASES.get(k, k): v for k, v in (kw.pop("types", None) or {}).items()}
            # Without a default of its own, a mapping refines the usual per-type modes;
            # with one, only the types it lists differ from that default.
            kw["types"] = given if "default" in kw else {**DEFAULT_TYPES, **given}
            style = cls(**kw)
        else:
            raise UsageError("A mask style is a name (label, block, partial) or a mapping.", code="bad_mask_style")
        style.validate()
        return style

    def validate(self) -> None:
        for mode in [self.default, *self.types.values()]:
            if mode not in MODES:
                raise UsageError(f"Unknown mask mode {mode!r}; use one of {', '.join(MODES)}.", code="bad_mask_style")
        if len(self.mask_char) != 1:
            raise UsageError("mask_char must be one character.", code="bad_mask_style")
        if not self.block_text or "{reason}" not in self.label_format:
            raise UsageError("block_text must not be empty and label_format must contain {reason}.",
                             code="bad_mask_style")

    def mode_for(self, ftype: str) -> str:
        key = TYPE_ALIASES.get(ftype, ftype)
        return self.types.get(key, self.types.get(ftype, self.default))

    def to_dict(self) -> dict[str, Any]:
        return {"default": self.default, "types": dict(self.types), "mask_char": self.mask_char,
                "name_mask": self.name_mask, "block_text": self.block_text, "label_format": self.label_format}


def reason_for(category: str, ftype: str | None = None, basis: str | None = None) -> str:
    """The reason a label names: by the finding's type, then its category, then its basis."""
    if ftype and ftype in TYPE_REASONS:
        return TYPE_REASONS[ftype]
    if category in REASONS:
        return REASONS[category]
    for article, reason in BASIS_REASONS:
        if basis and article in basis:
            return reason
    return "不予公开信息"


@dataclass
class Mask:
    replacement: str                # what the span becomes in TXT/DOCX
    hidden: list[tuple[int, int]]   # offsets inside the span whose characters are removed
    mode: str                       # the mode actually applied


_ADDR_CUT = re.compile(r"(?:区|县|旗|自治县|特区|林区)")
_ADDR_CUT_TOWN = re.compile(r"(?:乡|镇|街道)")


def _keep_ends(text: str, head: int, tail: int, mask_char: str) -> Mask | None:
    idx = [i for i, ch in enumerate(text) if ch.isascii() and ch.isalnum()]
    if len(idx) <= head + tail:
        return None
    gone = set(idx[head:len(idx) - tail])
    repl = "".join(mask_char if i in gone else ch for i, ch in enumerate(text))
    return Mask(repl, _merge([(i, i + 1) for i in sorted(gone)]), "partial")


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _partial(kind: str, text: str, style: MaskStyle) -> Mask | None:
    if kind in ("id_card", "bank_card"):
        return _keep_ends(text, 6, 4, style.mask_char)
    if kind == "mobile":
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        if len(digits) < 11:
            return None
        # A +86 / 86 prefix is kept as it is; the 11 national digits keep 3 + 4.
        national = digits[-11:]
        hidden = [(i, i + 1) for i in national[3:7]]
        repl = "".join(style.mask_char if (i, i + 1) in hidden else ch for i, ch in enumerate(text))
        return Mask(repl, _merge(hidden), "partial")
    if kind == "name":
        stripped = text.strip()
        if len(stripped) < 2 or not all("\u4e00" <= ch <= "\u9fff" or ch == "·" for ch in stripped):
            return None
        first = text.index(stripped[0])
        keep = 2 if len(stripped) >= 4 and "·" not in stripped else 1  # 复姓 such as 欧阳 in a 4-char name
        end = first + len(stripped)
        repl = text[:first + keep] + (style.name_mask if style.name_mask != "*" else "*" * (len(stripped) - keep)) + text[end:]
        return Mask(repl, [(first + keep, end)], "partial")
    if kind == "address":
        m = None
        for m in _ADDR_CUT.finditer(text):
            if m.start() >= 1:
                break
        else:
            m = None
        if m is None:
            m = _ADDR_CUT_TOWN.search(text)
        if m is None or m.end() >= len(text):
            return None
        cut = m.end()
        return Mask(text[:cut] + style.mask_char * 3, [(cut, len(text))], "partial")
    return None


def mask(ftype: str, category: str, text: str, style: MaskStyle, mode: str | None = None) -> Mask:
    """The mask for one span of ``text`` (a finding's or a manual span's text)."""
    mode = mode or style.mode_for(ftype)
    if mode == "partial":
        m = _partial(TYPE_ALIASES.get(ftype, ftype), text, style)
        if m is not None:
            return m
        mode = "label"
    if mode == "block":
        return Mask(style.block_text, [(0, len(text))], "block")
    return Mask(style.label_format.format(reason=reason_for(category, ftype)), [(0, len(text))], "label")
