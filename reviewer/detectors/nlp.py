"""NLP engines for Chinese that never download anything.

No recognizer shipped with reviewer needs tokens (context is counted in characters,
see context.py), so the engine used by :func:`reviewer.detectors.analyze` is the
lightweight :class:`ChineseNlpEngine`: it returns empty artifacts and costs nothing.
Measured on 1 MB of government text: the blank ``zh`` + jieba pipeline alone costs
several seconds, the lightweight engine ~0.

For a recognizer that does need tokens, :func:`jieba_nlp_engine` builds a presidio
``SpacyNlpEngine`` around ``spacy.blank("zh")`` with the jieba segmenter, which ships
with spaCy and jieba (no model download; the ``zh_core_web_sm`` on PyPI is a stub).
"""

from __future__ import annotations

from reviewer.detectors import offline  # noqa: F401
from presidio_analyzer.nlp_engine import NlpEngine
from presidio_analyzer.nlp_engine.no_op_nlp_engine import NoOpNlpEngine

LANGUAGE = "zh"


class ChineseNlpEngine(NoOpNlpEngine):
    """Presidio NLP engine for ``zh`` with no linguistic processing."""

    engine_name = "reviewer_zh_light"

    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "none"}])
        self.load()


def blank_zh():
    """``spacy.blank("zh")`` segmenting with jieba (bundled, offline)."""
    import spacy

    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def jieba_nlp_engine() -> NlpEngine:
    """A presidio ``SpacyNlpEngine`` over :func:`blank_zh` — tokens, no lemmas, no NER."""
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    engine = SpacyNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "blank_zh"}])
    engine.nlp = {LANGUAGE: blank_zh()}
    return engine
