"""A document-level rule: sees the whole Document, returns Findings that explain themselves.

The secrecy, credential, process and commercial rules are about *where* words stand
(top lines, paragraph starts, the sentence around them), so they are
:class:`~reviewer.detectors.base.DocumentDetector` s that read the whole document.
Subclasses implement ``analyze(doc) -> list[Finding]`` and build findings with
:meth:`RuleDetector.make_finding`, whose explanation carries the pattern that fired,
its score, the context word that raised it, the validation result, the position facts,
the article cited and a plain-Chinese reason.
"""

from __future__ import annotations

from typing import Any

from reviewer.detectors.base import DocumentDetector
from reviewer.findings import Finding

# Article titles exactly as in /work/shared/data/laws (LawRefBook/Laws 2f4c5c2).
from reviewer.legal import AUCL as UCL  # noqa: E402
from reviewer.legal import OGI, SECRETS_LAW, TITLES  # noqa: E402

SECRETS_REG = f"《{TITLES['secrets_impl']}》"


class RuleDetector(DocumentDetector):
    """Base for the document-level rules of the secrecy, credential, process and commercial packages
    (it lives in the detectors' base, below all of them, so none reaches into another)."""

    ORDER = 50

    def analyze(self, doc) -> list[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def detect(self, doc, text_results: list) -> list[Finding]:
        return self.analyze(doc)

    def __call__(self, doc) -> list[Finding]:
        return self.analyze(doc)

    def make_finding(self, doc, start: int, end: int, *, score: float, pattern: str, reason: str,
                     type: str | None = None, action: str | None = None, basis: str | None = None,
                     context_word: str | None = None, validation: str | None = None,
                     **facts: Any) -> Finding:
        explanation: dict[str, Any] = {
            "detector": self.ID,
            "pattern": pattern,
            "original_score": round(score, 4),
            "score": round(score, 4),
            "validation": validation,
            "context_word": context_word,
            "text": reason,
        }
        explanation.update(facts)
        return Finding(
            category=self.CATEGORY,
            type=type or self.TYPE or self.TYPES[0],
            text=doc.text[start:end],
            start=start,
            end=end,
            score=score,
            action=action or self.ACTION,
            basis=basis or self.BASIS,
            explanation=explanation,
            detector=self.ID,
        )
