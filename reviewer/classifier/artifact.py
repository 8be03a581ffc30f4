"""The disclosure model on disk: write it safely, and refuse to load one that does not match.

Layout of ``models/disclosure/<version>/``:

* ``model.npz``           the model as plain arrays (model.py: vocabulary, idf, the folds' weights,
                          intercepts and sigmoid parameters); no pickle, read with ``allow_pickle=False``
* ``model.npz.sha256``    ``<hex>  model.npz`` — checked before the file is read
* ``model.npz.hmac``      optional HMAC-SHA256, written and required when ``REVIEWER_MODEL_KEY`` is set
* ``metadata.json``       format version, library versions, labels, data hashes, metrics, date, and
                          the shape and dtype of every array (checked at load)

Every file is written to ``*.part`` and renamed, so a crash never leaves half a model; the
``.npz`` is written with fixed zip timestamps, so the same arrays give the same bytes.
Loading needs numpy only (format 1 was a scikit-learn pickle that needed the same
scikit-learn major.minor; format 2 arrays do not depend on the library that trained them).
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

FORMAT_VERSION = 2
MODEL_VERSION = "v1"
MODEL_FILE = "model.npz"
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
    """Versions at training time (scikit-learn trains; numpy alone scores)."""
    import numpy
    import scipy
    import sklearn

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": numpy.__version__, "scipy": scipy.__version__}


def _npz_bytes(arrays: dict[str, Any]) -> bytes:
    """An ``.npz`` (zip of ``.npy``) with fixed timestamps and order: same arrays, same bytes."""
    import io
    import zipfile

    import numpy as np

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            arr = np.asarray(arrays[name])
            if arr.dtype == object:
                raise ValueError(f"array {name!r} is of object dtype; the model file holds plain arrays only")
            member = io.BytesIO()
            np.lib.format.write_array(member, arr, allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, member.getvalue(), compresslevel=6)
    return buf.getvalue()


def _plain(value: Any) -> Any:
    """numpy values in metadata (labels passed as an array) as JSON."""
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def array_specs(arrays: dict[str, Any]) -> dict[str, dict[str, Any]]:
    import numpy as np

    return {k: {"shape": list(np.asarray(v).shape), "dtype": np.asarray(v).dtype.str} for k, v in sorted(arrays.items())}


def save(bundle: dict[str, Any], directory: Path, metadata: dict[str, Any]) -> dict[str, Any]:
    """Write the model's arrays (``model.export``), its checksum (and HMAC) and metadata.json
    into ``directory``.  ``metadata`` may carry ``model_id`` (the weights' identity when only
    the storage changed); otherwise the file's sha256 is the model's id."""
    from reviewer.classifier.model import ARRAYS

    missing = [k for k in ARRAYS if k not in bundle]
    if missing:
        raise ValueError(f"the model bundle lacks {missing}")
    arrays = {k: bundle[k] for k in ARRAYS}
    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    _write_atomic(model_path, _npz_bytes(arrays))
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
        "arrays": array_specs(arrays),
        **metadata,
    }
    meta.setdefault("model_id", digest)
    _write_atomic(directory / "metadata.json", json.dumps(meta, ensure_ascii=False, indent=2, default=_plain).encode("utf-8"))
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
    """Check format version, checksum and HMAC; return the metadata."""
    directory = Path(directory)
    meta = read_metadata(directory)
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"The disclosure model has format version {meta.get('format_version')!r}; this code reads "
            f"version {FORMAT_VERSION}. Retrain it with `python -m reviewer.classifier.train`.",
            details={"expected": FORMAT_VERSION, "found": meta.get("format_version")})
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
    """The verified model arrays and their metadata; raises ModelError on any mismatch."""
    import numpy as np

    from reviewer.classifier.model import ARRAYS

    directory = Path(directory) if directory is not None else default_model_dir()
    if not directory.is_dir():
        raise ModelError("The disclosure model is not installed (models/disclosure/ is missing).",
                         details={"model_version": MODEL_VERSION})
    meta = verify(directory)
    try:
        with np.load(directory / MODEL_FILE, allow_pickle=False) as npz:
            bundle = {k: npz[k] for k in npz.files}
    except Exception as exc:  # not a zip of plain .npy arrays
        raise ModelError("The disclosure model file cannot be loaded.") from exc
    specs = meta.get("arrays") or {}
    found = array_specs(bundle)
    if set(bundle) != set(ARRAYS) or any(specs.get(k) != found[k] for k in ARRAYS):
        raise ModelError(f"The disclosure model file is not a format-{FORMAT_VERSION} disclosure model "
                         "(its arrays do not match metadata.json).",
                         details={"expected": specs, "found": found})
    return bundle, meta
