"""What a detector reports, and what the disclosure suggestion looks like.

These are the shapes of the ``reviewer scan`` JSON contract (docs/cli.md): fields may
be added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reviewer.legal import cite

CATEGORIES = ("personal", "secrecy", "commercial", "credential", "process")
ACTIONS = ("redact", "review", "block")
ATTRIBUTES = {"proactive": "主动公开", "on_request": "依申请公开", "not_public": "不予公开"}

# Why an item the detectors saw may be published: rule -> (Chinese label, the article that allows it).
RECOGNISED_RULES = {
    "official_contact": ("机关工作联系方式", cite("ogi", 20, item=2)),
    "public_hotline": ("公共服务热线", cite("ogi", 20, item=2)),
    "agency_address": ("机关办公地址", cite("ogi", 20, item=2)),
    "official_acting": ("公职人员履行职务", cite("ogi", 20, item=2)),
    "published_by_rule": ("依规定公示的信息", cite("ogi", 20)),
    "masked": ("已遮盖的信息", cite("ogi", 37)),
}


@dataclass
class Finding:
    category: str                 # one of CATEGORIES
    type: str                     # e.g. id_card, mobile, secrecy_mark, intranet_ip (see docs/detectors.md)
    text: str                     # the matched text, exactly doc.text[start:end]
    start: int
    end: int
    score: float                  # 0..1
    action: str                   # one of ACTIONS
    basis: str                    # the article cited (reviewer.legal.cite), e.g. 《中华人民共和国政府信息公开条例》第十五条
    explanation: dict[str, Any] = field(default_factory=dict)
    detector: str = ""            # stable versioned id, e.g. personal.id_card.v1
    location: dict[str, Any] = field(default_factory=dict)
    id: str = ""                  # assigned by the scan: stable for the same text and span
    # the rule that makes this item lawful to publish (a key of RECOGNISED_RULES); None for a
    # finding a reviewer must decide.  Recognised items go to the contract's ``recognised``.
    recognised: str | None = None

    def recognise(self, rule: str, reason: str, basis: str | None = None) -> None:
        """Mark this item lawful to publish under ``rule``, saying why (in Chinese); ``basis``
        names a more specific article than the rule's own."""
        if rule not in RECOGNISED_RULES:
            raise ValueError(f"unknown recognised rule {rule!r}")
        self.recognised = rule
        self.explanation = dict(self.explanation)
        self.explanation["recognised_rule"] = rule
        self.explanation["recognised_reason"] = reason
        self.explanation["lawful_basis"] = basis or RECOGNISED_RULES[rule][1]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "category": self.category,
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": round(float(self.score), 4),
            "location": self.location,
            "action": self.action,
            "basis": self.basis,
            "explanation": self.explanation,
            "detector": self.detector,
        }


    def to_recognised_dict(self) -> dict:
        """The contract's ``recognised[]`` shape: the finding's keys plus why it is lawful."""
        out = self.to_dict()
        rule = self.recognised or ""
        label, basis = RECOGNISED_RULES.get(rule, ("", ""))
        out["rule"] = rule
        out["rule_label"] = label
        out["reason"] = (self.explanation or {}).get("recognised_reason") or label
        out["lawful_basis"] = (self.explanation or {}).get("lawful_basis") or basis
        return out


@dataclass
class Reason:
    text: str                     # in Chinese
    basis: str                    # article cited
    finding_ids: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = {"text": self.text, "basis": self.basis, "finding_ids": list(self.finding_ids)}
        if self.features:
            out["features"] = list(self.features)
        return out


@dataclass
class Suggestion:
    attribute: str                # proactive | on_request | not_public
    confidence: float
    reasons: list[Reason] = field(default_factory=list)
    needs_human: bool = False
    category_article20: str | None = None   # 第二十条 category for proactive documents
    partial_disclosure: bool = False        # 区分处理 (第三十七条) would make the rest publishable
    probabilities: dict[str, float] = field(default_factory=dict)
    declared_check: dict[str, Any] | None = None
    model_version: str | None = None
    needs_human_reasons: list[str] = field(default_factory=list)   # why a person must confirm

    @property
    def label(self) -> str:
        return ATTRIBUTES[self.attribute]

    def to_dict(self) -> dict:
        out = {
            "attribute": self.attribute,
            "label": self.label,
            "confidence": round(float(self.confidence), 4),
            "reasons": [r.to_dict() for r in self.reasons],
            "needs_human": self.needs_human,
            "partial_disclosure": self.partial_disclosure,
        }
        if self.category_article20:
            out["article20_category"] = self.category_article20
        if self.probabilities:
            out["probabilities"] = {k: round(float(v), 4) for k, v in self.probabilities.items()}
        if self.declared_check is not None:
            out["declared_check"] = self.declared_check
        if self.model_version:
            out["model_version"] = self.model_version
        if self.needs_human_reasons:
            out["needs_human_reasons"] = list(self.needs_human_reasons)
        return out
