"""The project's own Chinese named-entity recogniser (PER, LOC, ADDR, ORG).

    from reviewer import ner
    model = ner.load()                      # verified once per process, then cached
    model.entities("张三住在石家庄市长安区建设北大街5号。")
    # [Entity(start=0, end=2, label='PER', score=0.93), Entity(start=4, end=16, label='ADDR', score=0.71)]
    ner.entities_in_windows(model, text)    # the same, run only on windows that can hold a name/address

A character CRF (CRFsuite) trained by ``python -m reviewer.ner.train`` on the NER sets in
../shared/data/ner and shipped in ``models/ner/v1`` (model card: models/ner/README.md).
``load()`` raises :class:`NerModelError` (a ``ModelError``) with a stable ``code`` —
``ner_model_missing``, ``ner_model_corrupt``, ``ner_model_version``, ``ner_model_unsigned``,
``ner_model_signature`` — when the artifact is absent, damaged or made by other code.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reviewer.ner.artifact import NerModelError, default_model_dir, verified_bytes
from reviewer.ner.features import Lexicon
from reviewer.ner.model import Entity, NerModel
from reviewer.ner.windowing import entities_in_windows, windows

__all__ = ["Entity", "NerModel", "NerModelError", "load", "load_from", "entities_in_windows", "windows"]

_lock = threading.Lock()
_cached: NerModel | None = None


def load_from(directory: Path) -> NerModel:
    """A fresh, verified model from ``directory`` (no caching)."""
    import pycrfsuite

    model_bytes, lexicon, meta = verified_bytes(Path(directory))
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open_inmemory(model_bytes)
    except Exception as exc:  # bytes that pass the checksum but are not a CRFsuite model
        raise NerModelError("The NER model file is not a CRFsuite model.", code="ner_model_corrupt") from exc
    if not tagger.labels():  # CRFsuite crashes when tagging with a model that has no labels
        raise NerModelError("The NER model file has no labels.", code="ner_model_corrupt")
    try:
        lex = Lexicon.from_dict(lexicon)
    except (KeyError, TypeError) as exc:
        raise NerModelError("The NER model's lexicon.json lacks a field.", code="ner_model_corrupt") from exc
    model = NerModel(tagger, lex, meta)
    model.model_bytes = model_bytes  # CRFsuite reads the model from this buffer: it must outlive the tagger
    return model


def load(directory: Path | None = None) -> NerModel:
    """The shipped model, verified and loaded once per process (``directory`` bypasses the cache)."""
    global _cached
    if directory is not None:
        return load_from(directory)
    with _lock:
        if _cached is None:
            _cached = load_from(default_model_dir())
        return _cached
