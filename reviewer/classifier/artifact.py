"""The disclosure model on disk: write it safely, and refuse to load one that does not match.

Layout of ``models/disclosure/<version>/``:

* ``model.joblib``        the fitted model (a dict; see model.py)
* ``model.joblib.sha256`` ``<hex>  model.joblib`` — checked before anything is unpickled
* ``model.joblib.hmac``   optional HMAC-SHA256, written and required when ``REVIEWER_MODEL_KEY`` is set
* ``metadata.json``       format version, library versions, labels, data hashes, metrics, date

Every file is written to ``*.part`` and renamed, so a crash never leaves half a model.
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
MODEL_FILE = "model.joblib"
KEY_ENV = "REVIEWER_MODEL_KEY"
DIR_ENV = "REVIEWER_DISCLOSURE_MODEL_DIR"


def models_root() -> Path:
    return Path(__file__).resolve().parents[2] / "models" / "disclosure"


def default_model_dir() -> Path:
    override = os.environ.get(DIR_ENV)
    return Path(override) if override else models_root() / MODEL_VERSION


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _hmac(path: Path, key: str) -> str:
    mac = hmac.new(key.encode("utf-8"), digestmod=hashlib.sha256)
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            mac.update(chunk)
    return mac.hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    part = path.with_name(path.name + ".part")
    with open(part, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, path)


def library_versions() -> dict[str, str]:
    import joblib
    import numpy
    import scipy
    import sklearn

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": numpy.__version__, "scipy": scipy.__version__, "joblib": joblib.__version__}


def _major_minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def save(bundle: dict[str, Any], directory: Path, metadata: dict[str, Any]) -> dict[str, Any]:
    """Write the model, its checksum (and HMAC) and metadata.json into ``directory``."""
    import joblib

    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    part = model_path.with_name(MODEL_FILE + ".part")
    joblib.dump(bundle, part, compress=("zlib", 3))
    os.replace(part, model_path)
    digest = _sha256(model_path)
    _write_atomic(directory / (MODEL_FILE + ".sha256"), f"{digest}  {MODEL_FILE}\n".encode())
    key = os.environ.get(KEY_ENV)
    if key:
        _write_atomic(directory / (MODEL_FILE + ".hmac"), (_hmac(model_path, key) + "\n").encode())
    meta = {
        "format_version": FORMAT_VERSION,
        "model_version": MODEL_VERSION,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "libraries": library_versions(),
        "model_file": MODEL_FILE,
        "model_sha256": digest,
        "model_bytes": model_path.stat().st_size,
        "signed": bool(key),
        **metadata,
    }
    _write_atomic(directory / "metadata.json", json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8"))
    return meta


def read_metadata(directory: Path) -> dict[str, Any]:
    path = Path(directory) / "metadata.json"
    if not path.is_file():
        raise ModelError("The disclosure model has no metadata.json; retrain it with "
                         "`python -m reviewer.classifier.train`.", details={"model_version": MODEL_VERSION})
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError("The disclosure model's metadata.json cannot be read.") from exc


def verify(directory: Path) -> dict[str, Any]:
    """Check format version, scikit-learn version, checksum and HMAC; return the metadata."""
    import sklearn

    directory = Path(directory)
    meta = read_metadata(directory)
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"The disclosure model has format version {meta.get('format_version')!r}; this code reads "
            f"version {FORMAT_VERSION}. Retrain it with `python -m reviewer.classifier.train`.",
            details={"expected": FORMAT_VERSION, "found": meta.get("format_version")})
    trained = (meta.get("libraries") or {}).get("scikit-learn", "")
    if _major_minor(trained) != _major_minor(sklearn.__version__):
        raise ModelError(
            f"The disclosure model was trained with scikit-learn {trained or 'unknown'}, but "
            f"{sklearn.__version__} is installed; retrain it or install scikit-learn {_major_minor(trained)}.",
            details={"trained_with": trained, "installed": sklearn.__version__})
    model_path = directory / MODEL_FILE
    sum_path = directory / (MODEL_FILE + ".sha256")
    if not model_path.is_file() or not sum_path.is_file():
        raise ModelError("The disclosure model file or its checksum file is missing.")
    expected = sum_path.read_text(encoding="utf-8").split()[0].strip().lower()
    actual = _sha256(model_path)
    if not hmac.compare_digest(expected, actual) or meta.get("model_sha256") not in (None, actual):
        raise ModelError("The disclosure model file does not match its checksum; it was changed or damaged. "
                         "Restore it from the repository or retrain it.",
                         details={"expected_sha256": expected, "actual_sha256": actual})
    key = os.environ.get(KEY_ENV)
    if key:
        mac_path = directory / (MODEL_FILE + ".hmac")
        if not mac_path.is_file():
            raise ModelError(f"{KEY_ENV} is set but the disclosure model is not signed.")
        if not hmac.compare_digest(mac_path.read_text(encoding="utf-8").strip(), _hmac(model_path, key)):
            raise ModelError("The disclosure model's signature (HMAC) does not match.")
    return meta


def load(directory: Path | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The verified model bundle and its metadata; raises ModelError on any mismatch."""
    import joblib

    directory = Path(directory) if directory is not None else default_model_dir()
    if not directory.is_dir():
        raise ModelError("The disclosure model is not installed (models/disclosure/ is missing).",
                         details={"model_version": MODEL_VERSION})
    meta = verify(directory)
    try:
        bundle = joblib.load(directory / MODEL_FILE)
    except Exception as exc:  # a truncated or foreign pickle
        raise ModelError("The disclosure model file cannot be loaded.") from exc
    if not isinstance(bundle, dict) or bundle.get("format_version") != FORMAT_VERSION:
        raise ModelError("The disclosure model file is not a format-1 disclosure model.")
    return bundle, meta
