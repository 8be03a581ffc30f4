"""The NER model on disk: written safely, refused on load when anything does not match.

Layout of ``models/ner/<version>/``:

* ``model.crfsuite``         the CRFsuite model (binary)
* ``lexicon.json``           the surname / place-suffix / organisation-suffix characters the features use
* ``model.crfsuite.sha256``  ``<hex>  model.crfsuite`` and ``<hex>  lexicon.json`` — checked before use
* ``model.crfsuite.hmac``    optional HMAC-SHA256 of both files, written and required when
  ``REVIEWER_MODEL_KEY`` is set
* ``metadata.json``          format version, library versions, labels, data hashes, metrics, date

The bytes that are hashed are the bytes handed to CRFsuite (``Tagger.open_inmemory``), so a
file swapped between the check and the load cannot slip through.  Every file is written to
``*.part``, fsynced and renamed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import platform
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reviewer.errors import ModelError

FORMAT_VERSION = 1
MODEL_VERSION = "v1"
MODEL_FILE = "model.crfsuite"
LEXICON_FILE = "lexicon.json"
KEY_ENV = "REVIEWER_MODEL_KEY"
DIR_ENV = "REVIEWER_NER_MODEL_DIR"


class NerModelError(ModelError):
    """The NER artifact is missing, damaged, or was made by other code; ``code`` says which."""

    code = "ner_model_error"


def models_root() -> Path:
    return Path(__file__).resolve().parents[2] / "models" / "ner"


def default_model_dir() -> Path:
    override = os.environ.get(DIR_ENV)
    return Path(override) if override else models_root() / MODEL_VERSION


def crfsuite_version() -> str:
    from importlib.metadata import version

    return version("python-crfsuite")


def library_versions() -> dict[str, str]:
    return {"python": platform.python_version(), "python-crfsuite": crfsuite_version()}


def _major_minor(v: str) -> str:
    return ".".join(v.split(".")[:2])


def _mac(key: str, *blobs: bytes) -> str:
    mac = hmac.new(key.encode("utf-8"), digestmod=hashlib.sha256)
    for b in blobs:
        mac.update(hashlib.sha256(b).digest())
    return mac.hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    part = path.with_name(path.name + ".part")
    with open(part, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, path)


def save(model_bytes: bytes, lexicon: dict, directory: Path, metadata: dict[str, Any]) -> dict[str, Any]:
    """Write model, lexicon, checksums (and HMAC) and metadata.json into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    lex_bytes = json.dumps(lexicon, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    write_atomic(directory / MODEL_FILE, model_bytes)
    write_atomic(directory / LEXICON_FILE, lex_bytes)
    m_hex, l_hex = hashlib.sha256(model_bytes).hexdigest(), hashlib.sha256(lex_bytes).hexdigest()
    write_atomic(directory / (MODEL_FILE + ".sha256"), f"{m_hex}  {MODEL_FILE}\n{l_hex}  {LEXICON_FILE}\n".encode())
    key = os.environ.get(KEY_ENV)
    if key:
        write_atomic(directory / (MODEL_FILE + ".hmac"), (_mac(key, model_bytes, lex_bytes) + "\n").encode())
    meta = {
        "format_version": FORMAT_VERSION,
        "model_version": MODEL_VERSION,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "libraries": library_versions(),
        "model_file": MODEL_FILE,
        "model_sha256": m_hex,
        "model_bytes": len(model_bytes),
        "lexicon_file": LEXICON_FILE,
        "lexicon_sha256": l_hex,
        "signed": bool(key),
        **metadata,
    }
    write_atomic(directory / "metadata.json", json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8"))
    return meta


def read_metadata(directory: Path) -> dict[str, Any]:
    path = Path(directory) / "metadata.json"
    if not path.is_file():
        raise NerModelError("The NER model has no metadata.json; retrain it with `python -m reviewer.ner.train`.",
                            code="ner_model_missing", details={"model_version": MODEL_VERSION})
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NerModelError("The NER model's metadata.json cannot be read.", code="ner_model_corrupt") from exc


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise NerModelError(f"The NER model file {path.name} is missing or unreadable.",
                            code="ner_model_missing") from exc


def verified_bytes(directory: Path) -> tuple[bytes, dict, dict[str, Any]]:
    """(model bytes, lexicon, metadata) after every check; raises NerModelError with a code."""
    directory = Path(directory)
    if not directory.is_dir():
        raise NerModelError("The NER model is not installed (models/ner/ is missing).", code="ner_model_missing",
                            details={"model_version": MODEL_VERSION})
    meta = read_metadata(directory)
    if meta.get("format_version") != FORMAT_VERSION:
        raise NerModelError(
            f"The NER model has format version {meta.get('format_version')!r}; this code reads version "
            f"{FORMAT_VERSION}. Retrain it with `python -m reviewer.ner.train`.", code="ner_model_version",
            details={"expected": FORMAT_VERSION, "found": meta.get("format_version")})
    trained = (meta.get("libraries") or {}).get("python-crfsuite", "")
    installed = crfsuite_version()
    if _major_minor(trained) != _major_minor(installed):
        raise NerModelError(
            f"The NER model was trained with python-crfsuite {trained or 'unknown'}, but {installed} is installed.",
            code="ner_model_version", details={"trained_with": trained, "installed": installed})
    sums_path = directory / (MODEL_FILE + ".sha256")
    sums = {}
    for line in _read(sums_path).decode("utf-8", "replace").splitlines():
        parts = line.split()
        if len(parts) == 2:
            sums[parts[1]] = parts[0].lower()
    model_bytes, lex_bytes = _read(directory / MODEL_FILE), _read(directory / LEXICON_FILE)
    for name, blob, meta_key in ((MODEL_FILE, model_bytes, "model_sha256"), (LEXICON_FILE, lex_bytes, "lexicon_sha256")):
        actual = hashlib.sha256(blob).hexdigest()
        expected = sums.get(name, "")
        if not hmac.compare_digest(expected, actual) or meta.get(meta_key) != actual:
            raise NerModelError(f"The NER model file {name} does not match its checksum; it was changed or damaged. "
                                "Restore it from the repository or retrain it.", code="ner_model_corrupt",
                                details={"file": name, "expected_sha256": expected, "actual_sha256": actual})
    key = os.environ.get(KEY_ENV)
    if key:
        mac_path = directory / (MODEL_FILE + ".hmac")
        if not mac_path.is_file():
            raise NerModelError(f"{KEY_ENV} is set but the NER model is not signed.", code="ner_model_unsigned")
        if not hmac.compare_digest(mac_path.read_text(encoding="utf-8").strip(), _mac(key, model_bytes, lex_bytes)):
            raise NerModelError("The NER model's signature (HMAC) does not match.", code="ner_model_signature")
    try:
        lexicon = json.loads(lex_bytes.decode("utf-8"))
    except ValueError as exc:
        raise NerModelError("The NER model's lexicon.json cannot be read.", code="ner_model_corrupt") from exc
    return model_bytes, lexicon, meta
