"""Errors with stable codes.

Every error the core raises on purpose is a :class:`ReviewerError` with a stable
``code`` (never renamed; add new ones) and a message in plain language that is safe
to show a user: it never contains a server path or a stack trace.  The CLI prints
``code`` and ``message``; the API maps each code to an HTTP status.
"""

from __future__ import annotations


class ReviewerError(Exception):
    """Base class: ``code`` is stable, ``message`` is safe to show a user."""

    code = "internal_error"
    http_status = 500

    def __init__(self, message: str, *, details: dict | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or {}
        if code is not None:
            self.code = code

    def to_dict(self) -> dict:
        out = {"code": self.code, "message": self.message}
        if self.details:
            out["details"] = self.details
        return out


class ParseError(ReviewerError):
    """The file could not be turned into a Document."""

    code = "parse_failed"
    http_status = 422


class EmptyFileError(ParseError):
    code = "empty_file"


class UnsupportedFormatError(ParseError):
    code = "unsupported_format"
    http_status = 415


class CorruptFileError(ParseError):
    code = "corrupt_file"


class EncryptedFileError(ParseError):
    code = "encrypted_file"


class LimitExceededError(ParseError):
    """A configured bound (size, decompressed size, pages, characters, time) was hit."""

    code = "limit_exceeded"
    http_status = 413


class UnsafeContentError(ParseError):
    """Hostile content: XML entities, zip bombs, path tricks."""

    code = "unsafe_content"


class UsageError(ReviewerError):
    code = "usage_error"
    http_status = 400


class ModelError(ReviewerError):
    """A trained artifact is missing, corrupt or does not match this code."""

    code = "model_error"


class RedactionError(ReviewerError):
    code = "redaction_failed"


class VerificationError(RedactionError):
    """Removed text was still found in the output; no output was written."""

    code = "verification_failed"
