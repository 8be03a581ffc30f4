"""The two kinds of detector.

* :class:`ReviewerRecognizer` — a presidio ``PatternRecognizer`` with the metadata a
  reviewer finding needs (stable id, category, type, action, legal basis).  It sees one
  chunk of text at a time (a few lines of ``doc.text``), like any presidio recognizer.
* :class:`DocumentDetector` — sees the whole :class:`~reviewer.document.Document`
  (blocks with parts and table cells, structure) and the text findings, and returns
  findings of its own.

See docs/detectors.md.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Iterable, Optional

from reviewer.detectors import offline  # noqa: F401  (before presidio)
from reviewer.detectors.presidio_core import AnalysisExplanation, Pattern, PatternRecognizer, RecognizerResult

LANGUAGE = "zh"

# Patterns must not rely on \b or \w: both treat Chinese characters as word characters.
NOT_DIGIT_BEFORE = r"(?<![0-9０-９])"
NOT_DIGIT_AFTER = r"(?![0-9０-９])"
NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"

# Explanation sentences for the checksum result.
_VALIDATION_TEXT = {True: "校验位正确", False: "校验位不符", None: ""}


def _pattern(name: str, regex: str, score: float) -> Pattern:
    """presidio's ``Pattern`` without its check that the ``regex`` module compiles the pattern:
    a ReviewerRecognizer matches with ``re`` and compiles every pattern with it at once (an
    invalid one raises ``re.error`` there), and the second compile cost ~0.08 CPU-s of a cold
    start for the 96 built-in patterns."""
    if not 0 <= score <= 1:
        raise ValueError(f"Invalid score: {score}. Score should be between 0 and 1")
    p = Pattern.__new__(Pattern)
    p.name, p.regex, p.score = name, regex, score
    p.compiled_regex = p.compiled_with_flags = None
    return p


class ReviewerRecognizer(PatternRecognizer):
    """A presidio pattern recognizer that knows what kind of finding it makes.

    Subclasses set class attributes (``PATTERNS`` as ``(name, regex, score)``
    tuples) and may override :meth:`validate_result`, :meth:`invalidate_result` and
    :meth:`accept`.  A pattern may narrow the reported span with a named group
    ``v`` (e.g. ``姓名[:：](?P<v>…)``).
    """

    ID: ClassVar[str] = ""               # stable versioned id, e.g. personal.id_card.v1
    CATEGORY: ClassVar[str] = "personal"
    TYPE: ClassVar[str] = ""             # finding type, see docs/detectors.md
    LABEL: ClassVar[str] = ""            # Chinese name of what is found, for explanations
    ACTION: ClassVar[str] = "redact"     # redact | review | block
    BASIS: ClassVar[str] = ""            # article cited, exactly as in the law text
    PATTERNS: ClassVar[tuple] = ()       # (name, regex, score)
    CONTEXT: ClassVar[tuple] = ()        # words that raise the score when near the match
    NEGATIVE_CONTEXT: ClassVar[tuple] = ()  # words that veto the match when near it
    CONTEXT_BEFORE: ClassVar[int] = 16   # context window, in characters
    CONTEXT_AFTER: ClassVar[int] = 6
    NEGATIVE_BEFORE: ClassVar[int] = 12
    NEGATIVE_AFTER: ClassVar[int] = 4
    CONTEXT_BOOST: ClassVar[float] = 0.35
    MIN_SCORE: ClassVar[float] = 0.5     # reported only at or above this (after context)
    INVALID_SCORE: ClassVar[Optional[float]] = None  # keep checksum failures at this score
    PREFILTER: ClassVar[Optional[str]] = r"\d"      # skip a chunk where this never matches
    PRIORITY: ClassVar[int] = 0          # breaks ties when findings overlap
    PATTERN_ACTIONS: ClassVar[dict] = {}  # pattern name -> action, overriding ACTION
    # pattern name -> literal strings; the pattern runs on a chunk only if one of them is in it
    # (a per-pattern prefilter: ``in`` on a str is far cheaper than a regex pass)
    PATTERN_NEEDS: ClassVar[dict] = {}
    # Personal types: does publishing this type harm the person whoever they are (条例第十五条)?
    # False for the types an organ's own public details share (names, office phones, e-mails,
    # addresses: 第二十条（二）); None: no opinion (the classifier reads these to know the type).
    HARM: ClassVar[bool | None] = None
    FLAGS: ClassVar[int] = 0

    def __init__(self, supported_language: str = LANGUAGE, **kwargs: Any) -> None:
        patterns = kwargs.pop("patterns", None)
        if patterns is None:
            patterns = [_pattern(n, r, s) for n, r, s in self.PATTERNS]
        context = kwargs.pop("context", None)
        if context is None:
            context = list(self.CONTEXT)
        super().__init__(
            supported_entity=kwargs.pop("supported_entity", None) or self.TYPE,
            name=kwargs.pop("name", None) or self.ID,
            supported_language=supported_language,
            patterns=patterns,
            context=context,
            version=self.ID.rsplit(".", 1)[-1] if self.ID else "v1",
            **kwargs,
        )
        # presidio's AnalyzerEngine applies this too (see Engine.presidio_engine)
        self.score_thresholds = {"default": self.MIN_SCORE}
        self._compiled = [(p, re.compile(p.regex, self.FLAGS)) for p in self.patterns]
        self._pattern_names = {rx: p.name for p, rx in self._compiled}
        self._prefilter = re.compile(self.PREFILTER) if self.PREFILTER else None

    # -- metadata ----------------------------------------------------------------
    @property
    def detector_id(self) -> str:
        return self.ID or self.name

    def meta(self) -> dict[str, Any]:
        return {"id": self.detector_id, "kind": "text", "category": self.CATEGORY,
                "type": self.TYPE or self.supported_entities[0], "action": self.ACTION,
                "basis": self.BASIS, "label": self.LABEL, "harm": self.HARM}

    # -- hooks -------------------------------------------------------------------
    def accept(self, text: str, start: int, end: int, match: re.Match) -> bool:
        """Last look at a match with its surroundings; False drops it."""
        return True

    def pattern_name(self, match: re.Match) -> str:
        """Which of ``PATTERNS`` produced ``match`` (for hooks that treat them differently)."""
        return self._pattern_names.get(match.re, "")

    def refine(self, text: str, start: int, end: int, match: re.Match) -> Optional[tuple[int, int]]:
        """Adjust the reported span (e.g. trim a name to its real length); None drops it.
        Runs before :meth:`accept`."""
        return start, end

    def explain(self, value: str, validation: Optional[bool], context_word: str) -> str:
        """One line in Chinese saying why this was reported."""
        parts = [f"疑似{self.LABEL or self.TYPE}"]
        if _VALIDATION_TEXT[validation]:
            parts.append(_VALIDATION_TEXT[validation])
        if context_word:
            parts.append(f"附近有“{context_word}”")
        return "，".join(parts)

    # -- presidio interface --------------------------------------------------------
    def analyze(self, text: str, entities: Iterable[str] | None = None, nlp_artifacts=None,
                regex_flags: Optional[int] = None) -> list[RecognizerResult]:
        if self._prefilter is not None and self._prefilter.search(text) is None:
            return []
        out: list[RecognizerResult] = []
        seen: set[tuple[int, int]] = set()
        needs = self.PATTERN_NEEDS
        for pattern, rx in self._compiled:
            need = needs.get(pattern.name) if needs else None
            if need and not any(w in text for w in need):
                continue
            for m in rx.finditer(text):
                if m.re.groupindex.get("v") and m.group("v") is not None:
                    start, end = m.span("v")
                else:
                    start, end = m.span()
                span = self.refine(text, start, end, m)
                if span is None:
                    continue
                start, end = span
                if start >= end or (start, end) in seen:
                    continue
                value = text[start:end]
                if not self.accept(text, start, end, m):
                    continue
                validation = self.validate_result(value)
                score = pattern.score
                if validation is True:
                    score = self.MAX_SCORE
                elif validation is False:
                    if self.INVALID_SCORE is None:
                        continue
                    score = self.INVALID_SCORE
                if self.invalidate_result(value):
                    continue
                expl = AnalysisExplanation(
                    recognizer=self.name, original_score=pattern.score,
                    pattern_name=pattern.name, pattern=pattern.regex,
                    validation_result=validation, textual_explanation=None)
                expl.score = score
                seen.add((start, end))
                out.append(RecognizerResult(
                    self.supported_entities[0], start, end, score, analysis_explanation=expl,
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


class DocumentDetector:
    """A detector that needs the whole document: position, tables, neighbours.

    ``detect(doc, text_results)`` receives the Document and the findings so far — the
    text recognizers' (already resolved, offsets in ``doc.text``) and those of document
    detectors with a lower ``ORDER`` — and returns new
    :class:`~reviewer.findings.Finding` objects.  It may also change the ``action`` or
    ``explanation`` of a finding in ``text_results`` in place (e.g. official contact
    details become ``review``); it does not remove them from the list, but may
    :meth:`suppress` one (the engine drops suppressed findings after all document
    detectors ran).  Detectors run in ascending ``ORDER``.
    """

    ID: ClassVar[str] = ""
    CATEGORY: ClassVar[str] = "personal"
    TYPE: ClassVar[str] = ""
    TYPES: ClassVar[tuple] = ()  # when a detector produces several types
    ACTION: ClassVar[str] = "review"
    BASIS: ClassVar[str] = ""
    LABEL: ClassVar[str] = ""
    ORDER: ClassVar[int] = 100
    HARM: ClassVar[bool | None] = None   # as ReviewerRecognizer.HARM, for a detector of one TYPE

    def detect(self, doc, text_results: list) -> list:  # pragma: no cover - interface
        raise NotImplementedError

    @property
    def detector_id(self) -> str:
        return self.ID

    def suppress(self, finding, reason: str) -> None:
        """Withdraw a text finding (e.g. a mention in law text, not a record); recorded in
        its explanation, dropped by the engine."""
        finding.explanation = dict(finding.explanation)
        finding.explanation["suppressed_by"] = self.ID
        finding.explanation["suppressed_reason"] = reason

    def meta(self) -> dict[str, Any]:
        return {"id": self.ID, "kind": "document", "category": self.CATEGORY,
                "type": self.TYPE or ",".join(self.TYPES), "action": self.ACTION,
                "basis": self.BASIS, "label": self.LABEL, "harm": self.HARM}

    def finding(self, doc, start: int, end: int, *, score: float, text: str,
                type: str | None = None, action: str | None = None, basis: str | None = None,
                category: str | None = None, pattern: str | None = None,
                context_word: str | None = None, validation: str | None = None, **extra):
        """Build a Finding with the standard explanation dict."""
        from reviewer.findings import Finding

        explanation = {"detector": self.ID, "pattern": pattern, "original_score": score,
                       "score": score, "validation": validation, "context_word": context_word,
                       "text": text, **extra}
        return Finding(category=category or self.CATEGORY, type=type or self.TYPE,
                       text=doc.text[start:end], start=start, end=end, score=score,
                       action=action or self.ACTION, basis=basis or self.BASIS,
                       explanation=explanation, detector=self.ID)

