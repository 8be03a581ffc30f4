"""The recogniser: a linear-chain CRF over characters (CRFsuite), wrapped to return spans.

``NerModel.entities(text)`` cuts ``text`` into sentences (。！？；, line breaks, and at most
``MAX_SEGMENT`` characters), tags each with the CRF and returns ``Entity(start, end, label,
score)`` with offsets into ``text``; ``score`` is the lowest per-character marginal probability
of the predicted tags inside the span (how sure the model is of the whole span).
"""

from __future__ import annotations

import re
import threading
from typing import NamedTuple

from reviewer.ner.data import spans_from_bio
from reviewer.ner.features import Lexicon, sentence_features

MAX_SEGMENT = 200
_BREAK = re.compile(r"[。！？；!?;\n\r]+")


class Entity(NamedTuple):
    start: int
    end: int
    label: str      # PER, LOC, ADDR, ORG
    score: float


def segments(text: str, max_len: int = MAX_SEGMENT):
    """(start, end) pieces of ``text``: sentence ends kept with their sentence, long runs split at ，、 or hard."""
    pos = 0
    for m in _BREAK.finditer(text):
        yield from _split_long(text, pos, m.end(), max_len)
        pos = m.end()
    if pos < len(text):
        yield from _split_long(text, pos, len(text), max_len)


def _split_long(text: str, a: int, b: int, max_len: int):
    while b - a > max_len:
        cut = max(text.rfind("，", a, a + max_len), text.rfind("、", a, a + max_len), text.rfind(" ", a, a + max_len))
        cut = cut + 1 if cut > a + max_len // 2 else a + max_len
        yield a, cut
        a = cut
    if b > a:
        yield a, b


class NerModel:
    def __init__(self, tagger, lexicon: Lexicon, metadata: dict):
        self.tagger = tagger
        self.lexicon = lexicon
        self.metadata = metadata
        self.model_bytes: bytes | None = None   # the buffer an in-memory tagger reads; kept alive here
        self._lock = threading.Lock()           # a CRFsuite tagger holds the last sequence: one caller at a time

    @property
    def version(self) -> str:
        return f"ner-{self.metadata.get('model_version', '?')}+{self.metadata.get('model_sha256', '')[:12]}"

    def tag(self, text: str) -> list[str]:
        """BIO tags for one segment."""
        if not text:
            return []
        return self.tagger.tag(sentence_features(text, self.lexicon))

    def entities(self, text: str, *, min_score: float = 0.0) -> list[Entity]:
        out: list[Entity] = []
        for a, b in segments(text):
            piece = text[a:b]
            if not piece.strip():
                continue
            with self._lock:
                tags = self.tag(piece)
                for s, e, label in spans_from_bio(tags):
                    if not piece[s:e].strip():
                        continue
                    score = min(self.tagger.marginal(tags[k], k) for k in range(s, e))
                    if score >= min_score:
                        out.append(Entity(a + s, a + e, label, round(float(score), 4)))
        return out
