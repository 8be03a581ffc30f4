"""The output that reviewers sign: the original with the approved removals applied.

Calls the core redaction (``reviewer.redaction.redact_document``), which verifies that
no removed text survives in the output (``VerificationError`` otherwise).
"""

from __future__ import annotations

import json
from typing import Any

from api.errors import ApiError
from api.models import ManualSpan as ManualSpanRow, RedactionDecision, User, Version
from api.runtime import Runtime
from reviewer.findings import Finding
from reviewer.parsers import parse_bytes

_FINDING_FIELDS = ("category", "type", "text", "start", "end", "score", "action", "basis",
                   "explanation", "detector", "location", "id")


def finding_from_dict(d: dict[str, Any]) -> Finding:
    return Finding(**{k: d[k] for k in _FINDING_FIELDS if k in d})


def build_output(rt: Runtime, version: Version, findings: list[dict[str, Any]],
                 decisions: list[RedactionDecision], manual: list[ManualSpanRow],
                 actor: User, style: str | None = None, boxes=()) -> tuple[bytes, str, dict[str, Any]]:
    """Return (output bytes, format, redaction log).

    ``style`` is a mask style name (``partial``, ``label``, ``block``) or None for
    reviewer.redaction's default; the log records it as ``mask_style`` (``default`` for None)
    beside the library's own ``style`` (the MaskStyle fields).
    """
    try:
        from reviewer.redaction import Decision, ManualSpan, redact_document
    except ImportError:
        raise ApiError(503, "redaction_unavailable",
                       "Redaction is not available in this build.") from None
    doc = parse_bytes(rt.blobs.get(version.original_sha256), filename=version.filename,
                      limits=rt.settings.limits)
    objs = [finding_from_dict(f) for f in findings]
    decided = {d.finding_id: Decision(d.decision, by=str(d.decided_by), at=d.decided_at.isoformat(),
                                      reason=d.reason or None) for d in decisions}
    spans = [ManualSpan(m.start, m.end, reason=m.reason or "人工标注的不予公开内容",
                        basis=m.basis or None, by=str(m.created_by), at=m.created_at.isoformat())
             for m in manual]
    # exactly what the reviewers accepted (and every other occurrence of those values):
    # no finding is accepted without a decision, neither all of them nor the suggested ones
    result = redact_document(doc, objs, decided, manual=spans, style=style, actor=actor.username,
                             accept_all=False, accept_suggested=False, boxes=boxes)
    if not getattr(result, "verified", False):
        raise ApiError(500, "verification_failed", "The redacted output could not be verified.")
    log = result.log if isinstance(result.log, dict) else {"log": result.log}
    log = {**log, "mask_style": style or "default"}
    json.dumps(log, ensure_ascii=False, default=str)   # must be storable
    return result.output, result.format, log
