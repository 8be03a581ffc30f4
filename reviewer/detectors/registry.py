"""Where detectors are registered: presidio's RecognizerRegistry plus document detectors.

Built-in detectors are discovered: every module under ``reviewer.detectors.<category>``
(personal, secrecy, commercial, credential, process) is imported and each concrete
:class:`ReviewerRecognizer` / :class:`DocumentDetector` subclass defined in it with an
``ID`` is registered.  Users add their own in Python (:meth:`DetectorRegistry.add`)
or in YAML (:meth:`DetectorRegistry.load_yaml`, presidio's recognizer format plus our
keys).  Ids are unique: registering an id twice is an error.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import Any, Iterable, Union

import yaml

from reviewer.detectors import offline  # noqa: F401
from reviewer.detectors.presidio_core import EntityRecognizer, Pattern

from reviewer.detectors import validators
from reviewer.detectors.base import LANGUAGE, DocumentDetector, ReviewerRecognizer
from reviewer.findings import ACTIONS, CATEGORIES

CATEGORY_PACKAGES = ("personal", "secrecy", "commercial", "credential", "process")
ID_RE = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+\.v\d+$")

# Validators a YAML recognizer may name.
NAMED_VALIDATORS = {
    "id_card": lambda v: validators.id_checksum_ok(v) and validators.id_birth_date_ok(v[:18]),
    "luhn": lambda v: validators.luhn_ok(re.sub(r"[\s-]", "", v)),
    "uscc": validators.uscc_ok,
    "org_code": validators.org_code_ok,
}


class TextRecognizers:
    """The text recognizers, in the shape of presidio's ``RecognizerRegistry``
    (``recognizers``, ``add_recognizer``, ``supported_languages``) without importing it:
    its module imports spaCy and every predefined recognizer (presidio_core.py).
    :meth:`presidio` gives a real one over the same recognizers."""

    def __init__(self, supported_languages: list[str]) -> None:
        self.supported_languages = list(supported_languages)
        self.recognizers: list[EntityRecognizer] = []

    def add_recognizer(self, recognizer: EntityRecognizer) -> None:
        if not isinstance(recognizer, EntityRecognizer):
            raise ValueError("Input is not of type EntityRecognizer")
        self.recognizers.append(recognizer)

    def presidio(self):
        """A presidio ``RecognizerRegistry`` holding these recognizers (for ``AnalyzerEngine``)."""
        from presidio_analyzer import RecognizerRegistry

        reg = RecognizerRegistry(supported_languages=self.supported_languages)
        reg.recognizers = list(self.recognizers)
        return reg


class DetectorRegistry:
    def __init__(self) -> None:
        self.recognizers = TextRecognizers(supported_languages=[LANGUAGE])
        self.document_detectors: list[DocumentDetector] = []
        self._ids: set[str] = set()

    # -- adding ------------------------------------------------------------------
    def add(self, detector: Union[EntityRecognizer, DocumentDetector]) -> None:
        if isinstance(detector, DocumentDetector):
            self._claim(detector.ID)
            self.document_detectors.append(detector)
            self.document_detectors.sort(key=lambda d: d.ORDER)
            return
        if isinstance(detector, EntityRecognizer):
            did = detector.detector_id if isinstance(detector, ReviewerRecognizer) else detector.name
            if detector.supported_language != LANGUAGE:
                raise ValueError(f"recognizer {did!r} must support language {LANGUAGE!r}")
            self._claim(did)
            self.recognizers.add_recognizer(detector)
            return
        raise TypeError(f"not a detector: {detector!r}")

    def _claim(self, did: str) -> None:
        if not did:
            raise ValueError("a detector needs an id")
        if did in self._ids:
            raise ValueError(f"detector id {did!r} is registered twice")
        self._ids.add(did)

    def add_from_dict(self, spec: dict[str, Any]) -> ReviewerRecognizer:
        """One recognizer from a dict in presidio's YAML shape plus our keys."""
        rec = recognizer_from_dict(spec)
        self.add(rec)
        return rec

    def load_yaml(self, path: Union[str, Path]) -> list[ReviewerRecognizer]:
        """Add every recognizer listed under ``recognizers:`` in a YAML file."""
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        specs = data.get("recognizers") if isinstance(data, dict) else None
        if not isinstance(specs, list):
            raise ValueError(f"{Path(path).name}: expected a 'recognizers:' list")
        return [self.add_from_dict(s) for s in specs]

    def discover(self, packages: Iterable[str] = CATEGORY_PACKAGES) -> "DetectorRegistry":
        for pkg_name in packages:
            try:
                pkg = importlib.import_module(f"reviewer.detectors.{pkg_name}")
            except ModuleNotFoundError:
                continue
            for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
                if info.name.startswith("_"):
                    continue
                mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
                for _, cls in inspect.getmembers(mod, inspect.isclass):
                    if cls.__module__ != mod.__name__ or inspect.isabstract(cls):
                        continue
                    if issubclass(cls, (ReviewerRecognizer, DocumentDetector)) and cls.ID:
                        self.add(cls())
        return self

    # -- reading -----------------------------------------------------------------
    @property
    def text_recognizers(self) -> list[EntityRecognizer]:
        return list(self.recognizers.recognizers)

    def ids(self) -> list[str]:
        return sorted(self._ids)

    def get(self, did: str):
        for r in self.recognizers.recognizers:
            if (r.detector_id if isinstance(r, ReviewerRecognizer) else r.name) == did:
                return r
        for d in self.document_detectors:
            if d.ID == did:
                return d
        raise KeyError(did)

    def describe(self) -> list[dict[str, Any]]:
        out = []
        for r in self.recognizers.recognizers:
            out.append(r.meta() if isinstance(r, ReviewerRecognizer) else foreign_meta(r))
        out.extend(d.meta() for d in self.document_detectors)
        return sorted(out, key=lambda m: m["id"])


def foreign_meta(rec: EntityRecognizer) -> dict[str, Any]:
    """Metadata for a plain presidio recognizer someone registered."""
    return {"id": rec.name, "kind": "text", "category": "personal",
            "type": rec.supported_entities[0].lower(), "action": "review", "basis": "", "label": ""}


def recognizer_from_dict(spec: dict[str, Any]) -> ReviewerRecognizer:
    """Build a :class:`ReviewerRecognizer` subclass from a YAML/dict spec.

    Presidio keys: ``name``, ``supported_entity``, ``supported_language`` (must be zh),
    ``patterns`` (``name``/``regex``/``score``), ``context``, ``deny_list``.
    Ours: ``id`` (required), ``category``, ``type``, ``label``, ``action``, ``basis``,
    ``negative_context``, ``min_score``, ``prefilter``, ``validator`` (one of
    ``NAMED_VALIDATORS``), ``context_before``, ``context_after``.
    """
    spec = dict(spec)
    did = spec.get("id") or spec.get("name")
    if not did or not ID_RE.match(did):
        raise ValueError(f"recognizer id {did!r} must look like 'category.name.v1'")
    category = spec.get("category", did.split(".")[0])
    if category not in CATEGORIES:
        raise ValueError(f"{did}: category must be one of {CATEGORIES}")
    action = spec.get("action", "review")
    if action not in ACTIONS:
        raise ValueError(f"{did}: action must be one of {ACTIONS}")
    lang = spec.get("supported_language", LANGUAGE)
    if lang != LANGUAGE:
        raise ValueError(f"{did}: supported_language must be {LANGUAGE!r}")
    patterns = [(p["name"], p["regex"], float(p["score"])) for p in spec.get("patterns") or []]
    deny = spec.get("deny_list") or []
    if deny:
        alt = "|".join(re.escape(w) for w in sorted(deny, key=len, reverse=True))
        patterns.append(("deny_list", f"(?:{alt})", float(spec.get("deny_list_score", 1.0))))
    if not patterns:
        raise ValueError(f"{did}: needs patterns or a deny_list")
    for _, rx, _ in patterns:
        re.compile(rx)
    attrs: dict[str, Any] = {
        "ID": did, "CATEGORY": category,
        "TYPE": spec.get("type") or str(spec.get("supported_entity", did.split(".")[1])).lower(),
        "LABEL": spec.get("label", ""), "ACTION": action, "BASIS": spec.get("basis", ""),
        "PATTERNS": tuple(patterns), "CONTEXT": tuple(spec.get("context") or ()),
        "NEGATIVE_CONTEXT": tuple(spec.get("negative_context") or ()),
        "MIN_SCORE": float(spec.get("min_score", 0.5)), "PREFILTER": spec.get("prefilter"),
        "CONTEXT_BEFORE": int(spec.get("context_before", 16)),
        "CONTEXT_AFTER": int(spec.get("context_after", 6)),
    }
    vname = spec.get("validator")
    if vname:
        if vname not in NAMED_VALIDATORS:
            raise ValueError(f"{did}: unknown validator {vname!r}; known: {sorted(NAMED_VALIDATORS)}")
        fn = NAMED_VALIDATORS[vname]
        attrs["validate_result"] = lambda self, value, _fn=fn: bool(_fn(value))
    cls = type("YamlRecognizer_" + re.sub(r"\W", "_", did), (ReviewerRecognizer,), attrs)
    return cls()


__all__ = ["DetectorRegistry", "TextRecognizers", "recognizer_from_dict", "Pattern", "NAMED_VALIDATORS"]
