"""Context boosting counted in characters, for Chinese text.

Presidio's ``LemmaContextAwareEnhancer`` compares token lemmas around a match with a
recognizer's context words.  A blank spaCy ``zh`` pipeline leaves lemmas empty, so it
never fires on Chinese.  Here context is what it is for a reader of Chinese: a context
word within ``N`` characters before or after the match.

A recognizer may also list ``NEGATIVE_CONTEXT`` words (发文字号, 索引号, 邮编…):
a match with one of them close by is dropped, and the veto is recorded.
"""

from __future__ import annotations

import logging
from typing import Optional

from reviewer.detectors import offline  # noqa: F401
from reviewer.detectors.presidio_core import EntityRecognizer, RecognizerResult

logger = logging.getLogger(__name__)

VETOED_KEY = "vetoed_by"


def nearest_word(text: str, start: int, end: int, words, before: int, after: int) -> str:
    """The context word closest to ``[start, end)`` within the window, or ''."""
    if not words:
        return ""
    left = text[max(0, start - before):start]
    right = text[end:end + after]
    best, best_dist = "", None
    for w in words:
        i = left.rfind(w)
        if i >= 0:
            dist = len(left) - (i + len(w))
            if best_dist is None or dist < best_dist:
                best, best_dist = w, dist
        j = right.find(w)
        if j >= 0 and (best_dist is None or j < best_dist):
            best, best_dist = w, j
    return best


class CharWindowContextEnhancer:
    """Raise the score of a match when a context word is within a character window.

    Window sizes come from the recognizer (``CONTEXT_BEFORE``/``CONTEXT_AFTER``) or,
    for a plain presidio recognizer, from ``context_prefix_count`` /
    ``context_suffix_count`` — counted in characters, not words.

    It has the interface of presidio's ``ContextAwareEnhancer`` (the same attributes and
    ``enhance_using_context``; presidio's ``AnalyzerEngine`` takes it as one) but does not
    inherit from it: that module imports presidio's NLP engines, hence spaCy, at import
    time (presidio_core.py).
    """

    MIN_SCORE = 0
    MAX_SCORE = 1.0

    def __init__(self, context_similarity_factor: float = 0.35,
                 min_score_with_context_similarity: float = 0.6,
                 context_prefix_count: int = 16, context_suffix_count: int = 6) -> None:
        self.context_similarity_factor = context_similarity_factor
        self.min_score_with_context_similarity = min_score_with_context_similarity
        self.context_prefix_count = context_prefix_count
        self.context_suffix_count = context_suffix_count

    def enhance_using_context(self, text: str, raw_results: list[RecognizerResult],
                              nlp_artifacts=None, recognizers: Optional[list[EntityRecognizer]] = None,
                              context: Optional[list[str]] = None) -> list[RecognizerResult]:
        by_id = {r.id: r for r in (recognizers or [])}
        extra = [c for c in (context or []) if c]
        out = []
        for result in raw_results:
            meta = result.recognition_metadata or {}
            rec = by_id.get(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if rec is None:
                out.append(result)
                continue
            negative = getattr(rec, "NEGATIVE_CONTEXT", ())
            if negative:
                veto = nearest_word(text, result.start, result.end, negative,
                                    getattr(rec, "NEGATIVE_BEFORE", 12), getattr(rec, "NEGATIVE_AFTER", 4))
                if veto:
                    meta[VETOED_KEY] = veto
                    logger.debug("%s vetoed by %r", rec.name, veto)
                    continue
            words = rec.context or []
            if not words or meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                out.append(result)
                continue
            word = nearest_word(text, result.start, result.end, words,
                                getattr(rec, "CONTEXT_BEFORE", self.context_prefix_count),
                                getattr(rec, "CONTEXT_AFTER", self.context_suffix_count))
            if not word and extra:
                word = next((w for w in words if any(w in c for c in extra)), "")
            if word:
                factor = getattr(rec, "CONTEXT_BOOST", self.context_similarity_factor)
                score = max(result.score + factor, self.min_score_with_context_similarity)
                result.score = min(score, self.MAX_SCORE)
                if result.analysis_explanation is not None:
                    result.analysis_explanation.set_supportive_context_word(word)
                    result.analysis_explanation.set_improved_score(result.score)
                meta[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            out.append(result)
        return out
