"""Runs the registered detectors over a Document.

Text recognizers see ``doc.text`` in chunks of whole lines (split on ``\\n``, grouped
up to ``CHUNK_CHARS``), never the whole document in one call: presidio's flow over a
long text costs quadratic time, and a match never spans a line break (the parsers
already join a number wrapped across PDF lines).  Per chunk: recognizers (each with a
cheap prefilter) → character-window context enhancer → per-recognizer threshold →
overlap resolution → :class:`Finding` with offsets in ``doc.text``.  Then the document
detectors run over the whole document.

A detector that raises (a text recognizer on one chunk, a document detector) is logged
and skipped; every other detector's findings are kept, and ``analyze`` adds a
``detector_failed`` warning to ``doc.warnings`` naming it, since the document was then
not fully checked.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from typing import Iterator, Optional

from reviewer.detectors import offline  # noqa: F401
from reviewer.detectors.presidio_core import EntityRecognizer, RecognizerResult

from reviewer.detectors.base import LANGUAGE, ReviewerRecognizer
from reviewer.detectors.context import CharWindowContextEnhancer
from reviewer.detectors.registry import DetectorRegistry, foreign_meta
from reviewer.document import Notice
from reviewer.findings import Finding

logger = logging.getLogger(__name__)

CHUNK_CHARS = 4000
# Full-width digits, letters and ＋－＠．＊ are read as their ASCII forms (one character
# for one, so offsets do not move): １３８１２３４５６７８ is a mobile number too.
_HALFWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_HALFWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})
_HALFWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})
_HALFWIDTH.update({ord("＋"): "+", ord("－"): "-", ord("＠"): "@", ord("．"): ".", ord("＿"): "_"})
# str.translate looks every character up in the dict (1.7 ms for a 4,000-character chunk);
# a regex finds the few full-width runs and only those are translated (same result).
_FULLWIDTH_RUN = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _HALFWIDTH) + "]+")
DEFAULT_MIN_SCORE = 0.5
_VALIDATION = {True: "checksum passed", False: "checksum failed", None: None}


def to_halfwidth(text: str) -> str:
    """``text.translate(_HALFWIDTH)``, faster: only the full-width runs are translated."""
    return _FULLWIDTH_RUN.sub(lambda m: m.group().translate(_HALFWIDTH), text)


def iter_chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, chunk)`` pairs of whole lines, each chunk at most ``size`` characters
    unless a single line is longer."""
    n = len(text)
    pos = 0
    while pos < n:
        end = pos + size
        if end >= n:
            yield pos, text[pos:]
            return
        # prefer a paragraph break (blank line) in the last quarter, so a label and its value
        # on neighbouring lines stay in one chunk and context still sees them
        cut = text.rfind("\n\n", pos + size * 3 // 4, end)
        if cut < pos:
            cut = text.rfind("\n", pos, end)
        if cut < pos:  # one line longer than size: take it whole
            cut = text.find("\n", end)
            if cut < 0:
                yield pos, text[pos:]
                return
        yield pos, text[pos:cut + 1]
        pos = cut + 1


class Engine:
    """All detectors of one registry.  Build once, call :meth:`analyze` many times."""

    def __init__(self, registry: DetectorRegistry, enhancer: Optional[CharWindowContextEnhancer] = None,
                 chunk_chars: int = CHUNK_CHARS) -> None:
        self.registry = registry
        self.enhancer = enhancer or CharWindowContextEnhancer()
        self.chunk_chars = chunk_chars
        self.recognizers: list[EntityRecognizer] = registry.text_recognizers
        for r in self.recognizers:
            if not r.is_loaded:
                r.load()
                r.is_loaded = True
        self._by_id = {r.id: r for r in self.recognizers}
        self._meta = {r.id: (r.meta() if isinstance(r, ReviewerRecognizer) else foreign_meta(r))
                      for r in self.recognizers}

    # -- text --------------------------------------------------------------------
    def analyze_chunk(self, text: str, context: Optional[list[str]] = None,
                      failed: Optional[Counter] = None) -> list[RecognizerResult]:
        """Presidio results for one chunk: recognized, context-enhanced, thresholded,
        overlaps resolved.  Recognizers see full-width characters as ASCII; offsets are
        those of ``text``.  A recognizer that raises is logged and skipped for this chunk
        (counted in ``failed`` by id); the others' results stand."""
        text = to_halfwidth(text)
        raw: list[RecognizerResult] = []
        for rec in self.recognizers:
            try:
                res = rec.analyze(text, rec.supported_entities, None)
            except Exception:  # one broken recognizer must not cost the other findings
                did = self._meta.get(rec.id, {}).get("id") or rec.name
                logger.exception("text recognizer %s failed on a chunk of %d characters", did, len(text))
                if failed is not None:
                    failed[did] += 1
                continue
            if res:
                for r in res:
                    meta = r.recognition_metadata
                    if meta is None:
                        r.recognition_metadata = meta = {}
                    meta.setdefault(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, rec.id)
                    meta.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, rec.name)
                raw.extend(res)
        if not raw:
            return []
        results = self.enhancer.enhance_using_context(text, raw, None, self.recognizers, context)
        kept = [r for r in results if r.score >= self._min_score(r)]
        return resolve_overlaps(kept, self._priority)

    def _rec(self, r: RecognizerResult) -> EntityRecognizer:
        return self._by_id[r.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY]]

    def _min_score(self, r: RecognizerResult) -> float:
        rec = self._rec(r)
        th = rec.score_thresholds
        return th.get(r.entity_type, th.get("default", DEFAULT_MIN_SCORE))

    def _priority(self, r: RecognizerResult) -> int:
        return getattr(self._rec(r), "PRIORITY", 0)

    def to_finding(self, r: RecognizerResult, text: str, offset: int) -> Finding:
        rec = self._rec(r)
        meta = self._meta[rec.id]
        value = text[r.start:r.end]
        expl = r.analysis_explanation
        validation = expl.validation_result if expl is not None else None
        context_word = (expl.supportive_context_word if expl is not None else "") or ""
        if isinstance(rec, ReviewerRecognizer):
            line = rec.explain(value, validation, context_word)
        else:
            line = f"疑似{meta['type']}（{rec.name}）"
        explanation = {
            "detector": meta["id"],
            "pattern": expl.pattern_name if expl is not None else None,
            "original_score": round(float(expl.original_score), 4) if expl is not None else None,
            "score": round(float(r.score), 4),
            "validation": _VALIDATION.get(validation),
            "context_word": context_word or None,
            "text": line,
        }
        action = meta["action"]
        if expl is not None and getattr(rec, "PATTERN_ACTIONS", None):
            action = rec.PATTERN_ACTIONS.get(expl.pattern_name, action)
        return Finding(category=meta["category"], type=meta["type"], text=value,
                       start=offset + r.start, end=offset + r.end, score=float(r.score),
                       action=action, basis=meta["basis"], explanation=explanation,
                       detector=meta["id"])

    def analyze_text(self, text: str, context: Optional[list[str]] = None,
                     failed: Optional[Counter] = None) -> list[Finding]:
        out: list[Finding] = []
        for offset, chunk in iter_chunks(text, self.chunk_chars):
            for r in self.analyze_chunk(chunk, context, failed):
                try:
                    out.append(self.to_finding(r, chunk, offset))
                except Exception:  # a recognizer's own explain() hook, say: only this result goes
                    did = r.recognition_metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "?")
                    rec = self._by_id.get(r.recognition_metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
                    did = self._meta.get(rec.id, {}).get("id", did) if rec is not None else did
                    logger.exception("text recognizer %s failed to explain a result", did)
                    if failed is not None:
                        failed[did] += 1
        return out

    # -- document ------------------------------------------------------------------
    def analyze(self, doc) -> list[Finding]:
        failed: Counter = Counter()
        findings = self.analyze_text(doc.text, failed=failed)
        extra: list[Finding] = []
        for det in self.registry.document_detectors:
            try:
                got = det.detect(doc, findings + extra) or []
            except Exception:  # one broken detector must not cost the other findings
                logger.exception("document detector %s failed", det.ID)
                failed[det.ID] += 1
                continue
            extra.extend(got)
        if failed:
            _warn_failed(doc, failed)
        findings = [f for f in findings if "suppressed_by" not in f.explanation]
        if extra:
            findings = merge_document_findings(findings, extra)
        bad = [f for f in findings if f.text != doc.text[f.start:f.end]]
        if bad:  # the contract is text == doc.text[start:end]; a detector bug must not leak
            for f in bad:
                logger.error("%s: finding text does not match its span [%d, %d); dropped",
                             f.detector, f.start, f.end)
            findings = [f for f in findings if f.text == doc.text[f.start:f.end]]
        findings.sort(key=lambda f: (f.start, f.end, f.category, f.type))
        return findings

    # -- presidio interoperability -----------------------------------------------------
    def presidio_engine(self) -> "AnalyzerEngine":  # noqa: F821
        """A stock presidio ``AnalyzerEngine`` over the same recognizers, for callers who
        want presidio's API (``analyze(text, language="zh")``); offline.  Imports the whole of
        presidio (spaCy included), which a scan never needs (see presidio_core.py)."""
        from presidio_analyzer import AnalyzerEngine

        from reviewer.detectors.nlp import ChineseNlpEngine

        return AnalyzerEngine(registry=self.registry.recognizers.presidio(), nlp_engine=ChineseNlpEngine(),
                              supported_languages=[LANGUAGE],
                              context_aware_enhancer=self.enhancer, default_score_threshold=0.0)


def _warn_failed(doc, failed: Counter) -> None:
    """Say in the document's warnings which detectors failed: what they look for was not
    checked (everywhere, or in ``chunks`` pieces of the text), so "no finding" is not a result."""
    ids = sorted(failed)
    notice = Notice(
        "detector_failed",
        f"{len(ids)} detector(s) failed and were skipped, so what they look for was not checked: "
        f"{', '.join(ids)}. The other detectors' findings are complete.",
        {"detectors": ids, "chunks": {i: failed[i] for i in ids}})
    warnings = getattr(doc, "warnings", None)
    if isinstance(warnings, list):
        warnings[:] = [w for w in warnings if getattr(w, "code", None) != "detector_failed"] + [notice]


def resolve_overlaps(results: list[RecognizerResult], priority=lambda r: 0) -> list[RecognizerResult]:
    """Keep the best of overlapping results: higher score, then priority, then longer.
    O(n log n): kept spans are disjoint, so one bisect finds the neighbour to test."""
    if len(results) < 2:
        return results
    ranked = sorted(results, key=lambda r: (-r.score, -priority(r), -(r.end - r.start), r.start))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[RecognizerResult] = []
    for r in ranked:
        i = bisect.bisect_left(starts, r.end)  # kept spans starting before r ends
        if i > 0 and ends[i - 1] > r.start:
            continue
        starts.insert(i, r.start)
        ends.insert(i, r.end)
        kept.append(r)
    kept.sort(key=lambda r: r.start)
    return kept


def merge_document_findings(text_findings: list[Finding], extra: list[Finding]) -> list[Finding]:
    """Add document-detector findings; the same span and type is reported once (best score)."""
    by_key = {(f.start, f.end, f.type): f for f in text_findings}
    for f in extra:
        key = (f.start, f.end, f.type)
        cur = by_key.get(key)
        if cur is None or f.score > cur.score:
            by_key[key] = f
    return list(by_key.values())
