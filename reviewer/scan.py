"""Parse → detect → suggest, and the ``reviewer scan`` JSON contract.

``scan_document`` is what the CLI, the batch runner and the service all call, so the
result has one shape everywhere (docs/cli.md).  Fields may be added, never renamed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

from reviewer.document import Document
from reviewer.errors import ReviewerError
from reviewer.findings import Finding, Suggestion
from reviewer.parsers import parse_file
from reviewer.settings import Limits

CONTRACT_VERSION = "2"   # 2: lawful items moved from ``findings`` to ``recognised``


def _finding_id(f: Finding) -> str:
    h = hashlib.sha1(f"{f.detector}|{f.type}|{f.start}|{f.end}|{f.text}".encode("utf-8")).hexdigest()
    return ("R" if f.recognised else "F") + h[:10]


def detect_all(doc: Document) -> tuple[list[Finding], list[Finding]]:
    """All registered detectors over the document, with ids and locations filled in:
    ``(findings, recognised)`` — what a reviewer must decide, and what the detectors saw
    and judged lawful to publish (official contacts, officials acting officially, names
    published by rule, masked values), each with the rule that allows it."""
    from reviewer import detectors

    items = detectors.analyze_all(doc)
    items.sort(key=lambda f: (f.start, f.end, f.category, f.type))
    for f in items:
        if not f.id:
            f.id = _finding_id(f)
        if not f.location:
            f.location = doc.location_of(f.start, f.end)
    return [f for f in items if not f.recognised], [f for f in items if f.recognised]


def detect(doc: Document) -> list[Finding]:
    """The findings a reviewer must decide (recognised lawful items left out)."""
    return detect_all(doc)[0]


def suggest(doc: Document, findings: list[Finding]) -> Suggestion | None:
    from reviewer import classifier

    return classifier.suggest(doc, findings)


@dataclass
class ScanResult:
    document: Document
    findings: list[Finding]
    suggestion: Suggestion | None
    recognised: list[Finding] = field(default_factory=list)

    def to_dict(self, path: str | None = None) -> dict[str, Any]:
        return result_dict(self.document, self.findings, self.suggestion, path=path,
                           recognised=self.recognised)


def scan_document(doc: Document) -> ScanResult:
    findings, recognised = detect_all(doc)
    suggestion = suggest(doc, findings)
    return ScanResult(doc, findings, suggestion, recognised)


def result_dict(doc: Document, findings: list[Finding], suggestion: Suggestion | None,
                path: str | None = None, recognised: list[Finding] | None = None) -> dict[str, Any]:
    structure = doc.structure.to_dict()
    return {
        "contract_version": CONTRACT_VERSION,
        "path": path if path is not None else doc.metadata.filename,
        "sha256": doc.metadata.sha256,
        "format": doc.metadata.format,
        "encoding": doc.metadata.encoding,
        "pages": doc.metadata.pages,
        "chars": len(doc.text),
        "size": doc.metadata.size,
        "properties": doc.metadata.properties,
        "structure": structure,
        "findings": [f.to_dict() for f in findings],
        "recognised": [r.to_recognised_dict() for r in recognised or ()],
        "suggestion": suggestion.to_dict() if suggestion is not None else None,
        "declared_attribute": doc.structure.declared_attribute,
        "warnings": [w.to_dict() for w in doc.warnings],
        "errors": [],
    }


def error_dict(path: str, error: ReviewerError, data_sha256: str | None = None) -> dict[str, Any]:
    """The contract's shape for a file that could not be scanned."""
    return {
        "contract_version": CONTRACT_VERSION,
        "path": path,
        "sha256": data_sha256,
        "format": None,
        "encoding": None,
        "pages": None,
        "chars": 0,
        "size": None,
        "properties": {},
        "structure": {},
        "findings": [],
        "recognised": [],
        "suggestion": None,
        "declared_attribute": None,
        "warnings": [],
        "errors": [error.to_dict()],
    }


def _sha256_of(path: str) -> str | None:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def scan_path(path: str | os.PathLike, limits: Limits | None = None) -> dict[str, Any]:
    """Scan one file and return the contract dict; errors go into ``errors``, never raised."""
    spath = os.fspath(path)
    try:
        doc = parse_file(spath, limits=limits)
        return scan_document(doc).to_dict(path=spath)
    except ReviewerError as err:
        return error_dict(spath, err, _sha256_of(spath))
    except Exception as exc:  # a bug must not cost the user a traceback or the other files
        err = ReviewerError(f"Internal error while scanning ({type(exc).__name__}); the file was not scanned.")
        return error_dict(spath, err, _sha256_of(spath))
