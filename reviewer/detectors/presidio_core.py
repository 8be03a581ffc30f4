"""Presidio's core classes, without what ``import presidio_analyzer`` drags in.

The detectors use six small modules of presidio-analyzer: ``Pattern``,
``PatternRecognizer`` (and its bases ``LocalRecognizer``, ``EntityRecognizer``),
``RecognizerResult`` and ``AnalysisExplanation``.  But the package's ``__init__`` imports
everything — ``RecognizerRegistry``, which imports every predefined country recognizer
(scipy.stats among them) and the NLP engines (spaCy, thinc) — and Python runs a package's
``__init__`` before any of its submodules, so ``from presidio_analyzer.pattern import
Pattern`` costs the same.  Measured with ``python -X importtime`` on presidio-analyzer
2.2.366 (see benchmarks/speed.py for the cold-start ratio): about 2 CPU-s of the 3.2 of a cold
``reviewer scan`` went to that import, and none of it is used by a scan.

:func:`load` therefore registers ``presidio_analyzer`` as a package whose ``__init__``
has not run yet (``__path__`` is the real one, so submodules import normally), imports
the six modules and puts their classes on it.  Any other name asked of the package
(``from presidio_analyzer import AnalyzerEngine``) runs the real ``__init__`` then and
there, so code that wants the whole of presidio still gets it — only later.  So does
importing any other submodule (``presidio_analyzer.nlp_engine``): a finder on
``sys.meta_path`` runs the real ``__init__`` first, because presidio's own modules import
each other in the order that ``__init__`` sets.  When presidio was already imported in
full, :func:`load` just uses it.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import logging
import sys
import threading
import types

from reviewer.detectors import offline  # noqa: F401  (before presidio)

PACKAGE = "presidio_analyzer"
# (submodule, class) in dependency order: each module imports the ones above it by name
CORE = (("analysis_explanation", "AnalysisExplanation"), ("recognizer_result", "RecognizerResult"),
        ("entity_recognizer", "EntityRecognizer"), ("local_recognizer", "LocalRecognizer"),
        ("pattern", "Pattern"), ("pattern_recognizer", "PatternRecognizer"))
_lock = threading.RLock()


def _full_loader(pkg: types.ModuleType, spec):
    state = {"done": False}

    def __getattr__(name: str):
        if name.startswith("__") or state["done"]:
            raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")
        with _lock:
            if not state["done"]:
                state["done"] = True
                del pkg.__dict__["__getattr__"]
                spec.loader.exec_module(pkg)   # the real __init__: everything presidio has
        return getattr(pkg, name)

    return __getattr__


class _AlreadyLoaded(importlib.abc.Loader):
    """Hands the import system a module the full ``__init__`` has just imported."""

    def create_module(self, spec):
        return sys.modules[spec.name]

    def exec_module(self, module):
        pass


class _FullBeforeOtherSubmodules(importlib.abc.MetaPathFinder):
    """Runs presidio's real ``__init__`` before a submodule outside :data:`CORE` is imported."""

    def find_spec(self, name, path, target=None):
        if not name.startswith(PACKAGE + ".") or is_fully_loaded() or PACKAGE not in sys.modules:
            return None
        if name.split(".")[1] in _CORE_MODULES:
            return None
        getattr(sys.modules[PACKAGE], "AnalyzerEngine")   # the real __init__ runs here
        if name in sys.modules:                            # it imported what was asked for
            return importlib.util.spec_from_loader(name, _AlreadyLoaded())
        return None


_CORE_MODULES = frozenset(sub for sub, _ in CORE) | {"score_thresholds"}


def load() -> types.ModuleType:
    """The ``presidio_analyzer`` module with at least the core classes on it."""
    with _lock:
        pkg = sys.modules.get(PACKAGE)
        if pkg is not None:
            return pkg
        spec = importlib.util.find_spec(PACKAGE)
        if spec is None:  # pragma: no cover - presidio is a dependency
            raise ModuleNotFoundError(PACKAGE)
        pkg = importlib.util.module_from_spec(spec)
        pkg.__getattr__ = _full_loader(pkg, spec)
        sys.modules[PACKAGE] = pkg
        if not any(isinstance(f, _FullBeforeOtherSubmodules) for f in sys.meta_path):
            sys.meta_path.insert(0, _FullBeforeOtherSubmodules())
        try:
            for sub, cls in CORE:
                mod = importlib.import_module(f"{PACKAGE}.{sub}")
                setattr(pkg, cls, getattr(mod, cls))
        except BaseException:
            sys.modules.pop(PACKAGE, None)
            raise
        logging.getLogger("presidio-analyzer").addHandler(logging.NullHandler())  # as the real __init__ does
        return pkg


def is_fully_loaded() -> bool:
    """Has presidio's own ``__init__`` run (spaCy and the predefined recognizers imported)?"""
    pkg = sys.modules.get(PACKAGE)
    return pkg is not None and "__getattr__" not in pkg.__dict__


_pkg = load()
AnalysisExplanation = _pkg.AnalysisExplanation
RecognizerResult = _pkg.RecognizerResult
EntityRecognizer = _pkg.EntityRecognizer
LocalRecognizer = _pkg.LocalRecognizer
Pattern = _pkg.Pattern
PatternRecognizer = _pkg.PatternRecognizer

__all__ = ["AnalysisExplanation", "RecognizerResult", "EntityRecognizer", "LocalRecognizer", "Pattern",
           "PatternRecognizer", "load", "is_fully_loaded"]
