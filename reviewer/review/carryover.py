"""Redaction decisions carried from one version of a draft to the next.

A decision is carried over when the finding's text and its context (the characters
just before and after it) are unchanged: the ``context_key``.  Anything else is new and
needs a fresh decision.
"""

from __future__ import annotations

from typing import Any

from reviewer.review.canonical import canonical_json, sha256_hex

CONTEXT_CHARS = 24


def context_key(text: str, start: int, end: int, kind: str) -> str:
    before = text[max(0, start - CONTEXT_CHARS):start]
    after = text[end:end + CONTEXT_CHARS]
    return sha256_hex(canonical_json([kind, text[start:end], before, after]))[:32]


def carry_over(previous: dict[str, dict[str, Any]], new_findings: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Map new finding ids to decisions taken on findings with the same context key.

    ``previous`` maps a context key to the earlier decision (a dict); each new finding
    dict carries ``id`` and ``context_key``.
    """
    out: dict[str, dict[str, Any]] = {}
    for f in new_findings:
        key = f.get("context_key")
        if key and key in previous:
            out[f["id"]] = previous[key]
    return out


def locate_span(text: str, span_text: str, before: str, after: str) -> tuple[int, int] | None:
    """Find a manual span again in a revised text: same text with the same context."""
    if not span_text:
        return None
    needle = before + span_text + after
    i = text.find(needle)
    if i >= 0:
        return i + len(before), i + len(before) + len(span_text)
    return None
