"""Limits and settings, read once at the edge and passed in.

Every bound that protects the parsers from hostile or oversized input lives in
:class:`Limits`.  Defaults suit a government office workstation; each can be changed
by environment variable (``REVIEWER_MAX_FILE_BYTES`` …) or by passing a ``Limits``.
See docs/limits.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100 * MB          # an upload or a file on disk
    max_decompressed_bytes: int = 200 * MB  # all zip members of a DOCX together
    max_zip_members: int = 2000             # parts in a DOCX package
    max_compression_ratio: int = 200        # a single member's uncompressed/compressed
    max_pages: int = 2000                   # PDF pages read
    max_chars: int = 5_000_000              # characters of extracted text
    parse_timeout_s: float = 120.0          # wall time for one parse (checked between pages/parts)
    conversion_timeout_s: float = 60.0      # one LibreOffice conversion (DOC, WPS, RTF, XLS, ET)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Limits":
        env = os.environ if environ is None else environ
        kwargs = {}
        for f in fields(cls):
            raw = env.get("REVIEWER_" + f.name.upper())
            if raw is None or raw == "":
                continue
            try:
                kwargs[f.name] = type(f.default)(raw)
            except ValueError as exc:  # a clear message, not a traceback
                raise ValueError(f"REVIEWER_{f.name.upper()} must be a number, got {raw!r}") from exc
        return cls(**kwargs)

    def with_(self, **changes) -> "Limits":
        return replace(self, **changes)


DEFAULT_LIMITS = Limits()
