"""A document-level rule: sees the whole Document, returns Findings that explain themselves.

The secrecy, credential, process and commercial detectors are rules about *where*
words stand (top lines, paragraph starts, the sentence around them), so each of them
looks at the whole document rather than at a chunk of text.  Every finding carries:
the detector id, the pattern that fired, its base score, the context word that raised
it, the validation result, the position facts, the article cited and a plain-Chinese
reason.
"""

from __future__ import annotations

from typing import Any, ClassVar

from reviewer.findings import Finding

# Article titles exactly as in /work/shared/data/laws (LawRefBook/Laws 2f4c5c2).
OGI = "《中华人民共和国政府信息公开条例》"
SECRETS_LAW = "《中华人民共和国保守国家秘密法》"
SECRETS_REG = "《中华人民共和国保守国家秘密法实施条例》"
UCL = "《中华人民共和国反不正当竞争法》"


class RuleDetector:
    """Base for the document-level rules of this package family.

    Subclasses set ``id``, ``category``, ``types`` (the Finding types they emit),
    ``action``, ``basis`` and implement ``analyze(doc) -> list[Finding]``.
    """

    id: ClassVar[str] = ""
    category: ClassVar[str] = ""
    types: ClassVar[tuple[str, ...]] = ()
    action: ClassVar[str] = "review"
    basis: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def analyze(self, doc) -> list[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, doc) -> list[Finding]:
        return self.analyze(doc)

    def finding(self, doc, start: int, end: int, *, type: str | None = None, score: float,
                pattern: str, reason: str, action: str | None = None, basis: str | None = None,
                context_word: str | None = None, validation: Any = None,
                **facts: Any) -> Finding:
        explanation: dict[str, Any] = {
            "recognizer": self.__class__.__name__,
            "pattern_name": pattern,
            "original_score": round(score, 4),
            "score_context_improvement": 0.0,
            "supportive_context_word": context_word or "",
            "validation_result": validation,
            "reason": reason,
        }
        explanation.update(facts)
        return Finding(
            category=self.category,
            type=type or self.types[0],
            text=doc.text[start:end],
            start=start,
            end=end,
            score=score,
            action=action or self.action,
            basis=basis or self.basis,
            explanation=explanation,
            detector=self.id,
        )
