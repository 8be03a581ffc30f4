"""Scanning one batch item: the unit of work for a local process or a Celery worker.

The worker loads the detectors and the disclosure model once (``warm_up``) and then
scans item after item.  Whatever happens inside, the result is a ``reviewer scan``
contract row: a file that cannot be parsed is an error row, never an exception.
"""

from __future__ import annotations

import hashlib
import os
import socket
import time
from datetime import datetime, timezone

from reviewer.errors import ReviewerError
from reviewer.settings import Limits

_WARM = False


def warm_up() -> None:
    """Load detectors and classifier now rather than on the first file."""
    global _WARM
    if _WARM:
        return
    from reviewer.document import Document, Metadata
    from reviewer.scan import scan_document

    doc = Document(text="预热", blocks=[], metadata=Metadata(format="txt", sha256="", size=0))
    try:
        scan_document(doc)
    except Exception:
        pass  # the first real file will report any real problem
    _WARM = True


def batch_info(key: str, sha256: str | None, started: float, name: str | None = None) -> dict:
    info = {
        "key": key,
        "sha256": sha256,
        "scanned_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - started, 4),
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }
    if name is not None and name != key:
        info["name"] = name      # a duplicated zip member: its name, where the key is made distinct
    return info


def scan_bytes(key: str, data: bytes, limits: Limits | None = None, name: str | None = None) -> dict:
    """Scan one item's bytes and return its contract row (with the ``batch`` field).

    ``name`` is the file's path in the source when it differs from ``key`` (a zip member
    whose name occurs twice has the key ``name#2``); its extension picks the parser."""
    from reviewer.parsers import parse_bytes
    from reviewer.scan import error_dict, scan_document

    started = time.monotonic()
    sha = hashlib.sha256(data).hexdigest()
    filename = (name or key).rsplit("/", 1)[-1]
    try:
        doc = parse_bytes(data, filename=filename, limits=limits)
        row = scan_document(doc).to_dict(path=key)
    except ReviewerError as err:
        row = error_dict(key, err, sha)
    except Exception as exc:  # a bug costs one row, not the batch
        import logging

        logging.getLogger("reviewer.batch").error("internal error scanning %s", key, exc_info=exc)
        row = error_dict(key, ReviewerError(f"Internal error while scanning ({type(exc).__name__})."), sha)
    row["batch"] = batch_info(key, sha, started, name)
    return row


def error_row(key: str, err: ReviewerError, sha256: str | None = None, name: str | None = None) -> dict:
    from reviewer.scan import error_dict

    row = error_dict(key, err, sha256)
    row["batch"] = batch_info(key, sha256, time.monotonic(), name)
    return row
