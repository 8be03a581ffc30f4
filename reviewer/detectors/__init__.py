"""Detectors: what in a document may not be published as it is.

``analyze(doc)`` returns the findings of every registered detector over a Document.
The engine (all built-in detectors, see docs/detectors.md) is built once per process
and cached; :func:`get_engine` gives it, :func:`build_engine` makes a fresh one (for a
registry with user recognizers added in Python or YAML).
"""

from __future__ import annotations

import threading

from reviewer.detectors import offline  # noqa: F401  (must precede presidio imports)
from reviewer.detectors.base import DocumentDetector, ReviewerRecognizer
from reviewer.detectors.engine import Engine
from reviewer.detectors.registry import DetectorRegistry

_ENGINE: Engine | None = None
_LOCK = threading.Lock()


def default_registry() -> DetectorRegistry:
    """A registry holding every built-in detector (discovered by category package)."""
    return DetectorRegistry().discover()


def build_engine(registry: DetectorRegistry | None = None) -> Engine:
    return Engine(registry if registry is not None else default_registry())


def get_engine() -> Engine:
    global _ENGINE
    if _ENGINE is None:
        with _LOCK:
            if _ENGINE is None:
                _ENGINE = build_engine()
    return _ENGINE


def analyze_all(doc) -> list:
    """Everything the built-in detectors saw in ``doc`` (offsets in ``doc.text``): findings
    and the items recognised as lawful to publish (``Finding.recognised`` set)."""
    return get_engine().analyze(doc)


def analyze(doc) -> list:
    """Findings of all built-in detectors over ``doc``: what a reviewer must decide.  Items
    recognised as lawful (official contacts, masked values …) are left out; see
    :func:`analyze_all`."""
    return [f for f in analyze_all(doc) if not f.recognised]


__all__ = ["analyze", "analyze_all", "get_engine", "build_engine", "default_registry", "DetectorRegistry",
           "Engine", "ReviewerRecognizer", "DocumentDetector"]
