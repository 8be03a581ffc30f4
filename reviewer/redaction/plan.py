"""From findings, decisions and manual spans to the list of removals to apply.

A finding is removed when its decision says ``accept``.  Findings without a decision:

* ``accept_all`` — every one is accepted, whatever its suggested action (``redact``,
  ``review`` or ``block``), as the name says.  ``block`` findings accepted this way are
  listed in ``summary["blocking_removed"]``: removing a 国家秘密 mark does not make a
  secret document publishable, and the log and the CLI say so.
* ``accept_suggested`` — only findings whose suggested action is ``redact``; ``review``
  findings need a person, and ``block`` findings (不得公开) stay visible, listed in
  ``summary["blocking_unresolved"]``.
* neither — kept, listed as ``undecided``.

Then every other occurrence of a removed value anywhere in the text is removed too
(propagate.py), and overlapping spans are merged into one removal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from reviewer.document import Document
from reviewer.errors import UsageError
from reviewer.findings import Finding
from reviewer.legal import cite
from reviewer.redaction.masks import Mask, MaskStyle, mask, reason_for
from reviewer.redaction.propagate import occurrences

BASIS = {
    "personal": cite("ogi", 15),
    "commercial": cite("ogi", 15),
    "secrecy": cite("ogi", 14),
    "credential": cite("ogi", 14),
    "process": cite("ogi", 16),
}


@dataclass
class Decision:
    action: str                       # "accept" (remove) or "reject" (keep)
    by: str | None = None             # who decided
    at: str | None = None             # when (ISO 8601)
    reason: str | None = None         # why, in Chinese, for the log

    def __post_init__(self) -> None:
        if self.action not in ("accept", "reject"):
            raise UsageError(f"A decision is 'accept' or 'reject', not {self.action!r}.", code="bad_decision")

    @classmethod
    def coerce(cls, value: "Decision | dict | str") -> "Decision":
        if isinstance(value, Decision):
            return value
        if isinstance(value, str):
            return cls(value)
        if isinstance(value, dict):
            return cls(value.get("action", ""), value.get("by"), value.get("at"), value.get("reason"))
        raise UsageError("A decision is 'accept', 'reject' or an object with an action.", code="bad_decision")


@dataclass
class ManualSpan:
    start: int                        # offsets in doc.text
    end: int
    type: str = "manual"
    reason: str = "人工标注的不予公开内容"
    category: str = "personal"
    basis: str | None = None
    by: str | None = None
    at: str | None = None

    @classmethod
    def coerce(cls, value: "ManualSpan | dict") -> "ManualSpan":
        if isinstance(value, ManualSpan):
            return value
        try:
            kw = {k: value[k] for k in ("start", "end", "type", "reason", "category", "basis", "by", "at") if k in value}
            return cls(int(kw.pop("start")), int(kw.pop("end")), **kw)
        except (KeyError, TypeError, ValueError):
            raise UsageError("A manual span needs integer start and end.", code="bad_manual_span") from None


@dataclass
class Source:
    """One reason a range is removed (a finding or a manual span)."""

    kind: str                         # finding | manual
    id: str
    type: str
    category: str
    basis: str
    reason: str
    by: str
    at: str
    text: str


@dataclass
class Removal:
    start: int
    end: int
    text: str
    type: str
    category: str
    mask: Mask
    sources: list[Source] = field(default_factory=list)

    @property
    def replacement(self) -> str:
        return self.mask.replacement

    def hidden_ranges(self) -> list[tuple[int, int]]:
        """Absolute ``[start, end)`` ranges of doc.text whose characters are removed."""
        return [(self.start + s, self.start + e) for s, e in self.mask.hidden]

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "type": self.type, "category": self.category,
                "mode": self.mask.mode, "replacement": self.replacement}


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _basis_text(category: str, basis: str | None) -> str:
    base = basis or BASIS.get(category, cite("ogi", 37))
    return f"{base} {reason_for(category)}" if reason_for(category) not in base else base


def plan_removals(doc: Document, findings: list[Finding], decisions: dict[str, Any] | None,
                  manual, style: MaskStyle, accept_all: bool, actor: str | None, *,
                  accept_suggested: bool = False, propagate: bool = True
                  ) -> tuple[list[Removal], dict[str, Any]]:
    """Return the merged removals and a summary of what was decided and left undecided.

    ``propagate=False`` removes only the spans given, no other occurrence of their values
    (redact_document always propagates)."""
    decisions = {k: Decision.coerce(v) for k, v in (decisions or {}).items()}
    stamp = now_iso()
    sources: list[tuple[int, int, Source]] = []
    kept: list[tuple[int, int]] = []
    summary: dict[str, Any] = {"accepted": [], "rejected": [], "undecided": [], "blocking_unresolved": [],
                               "blocking_removed": [], "propagated": 0}
    known = {f.id for f in findings}
    unknown = sorted(set(decisions) - known)
    if unknown:
        raise UsageError(f"Decisions name findings that do not exist: {', '.join(unknown[:5])}.",
                         code="unknown_finding", details={"ids": unknown})
    for f in findings:
        if not (0 <= f.start < f.end <= len(doc.text)) or doc.text[f.start:f.end] != f.text:
            raise UsageError(f"Finding {f.id or f.type} does not match the document text.", code="finding_mismatch")
        d = decisions.get(f.id)
        if d is None and accept_all:
            d = Decision("accept", by=actor or "auto:accept-all", at=stamp, reason=None)
            if f.action == "block":
                summary["blocking_removed"].append(f.id)
        elif d is None and accept_suggested and f.action == "redact":
            d = Decision("accept", by=actor or "auto:accept-suggested", at=stamp, reason=None)
        if d is None:
            summary["undecided"].append(f.id)
            if f.action == "block":
                summary["blocking_unresolved"].append(f.id)
            continue
        if d.action == "reject":
            summary["rejected"].append(f.id)
            kept.append((f.start, f.end))
            if f.action == "block":
                summary["blocking_unresolved"].append(f.id)
            continue
        summary["accepted"].append(f.id)
        reason = d.reason or f"涉及{reason_for(f.category, f.type)}，依法不予公开"
        sources.append((f.start, f.end, Source("finding", f.id, f.type, f.category, _basis_text(f.category, f.basis),
                                               reason, d.by or actor or "unknown", d.at or stamp, f.text)))
    for i, m in enumerate(ManualSpan.coerce(x) for x in (manual or ())):
        if not (0 <= m.start < m.end <= len(doc.text)):
            raise UsageError(f"Manual span {m.start}–{m.end} lies outside the document text.", code="bad_manual_span")
        text = doc.text[m.start:m.end]
        if not text.strip():
            raise UsageError(f"Manual span {m.start}–{m.end} holds only white space.", code="bad_manual_span")
        sources.append((m.start, m.end, Source("manual", f"M{i + 1}", m.type, m.category, _basis_text(m.category, m.basis),
                                               m.reason, m.by or actor or "unknown", m.at or stamp, text)))
    if propagate and sources:
        sources += _propagated(doc.text, sources, kept)
        summary["propagated"] = sum(1 for *_, src in sources if src.kind == "propagated")
    sources.sort(key=lambda t: (t[0], -t[1]))
    removals: list[Removal] = []
    for s, e, src in sources:
        if removals and s < removals[-1].end:
            last = removals[-1]
            last.end = max(last.end, e)
            last.sources.append(src)
            continue
        removals.append(Removal(s, e, "", src.type, src.category, Mask("", [], ""), [src]))
    for r in removals:
        r.text = doc.text[r.start:r.end]
        kinds = {src.type for src in r.sources}
        forced = None if len(kinds) == 1 and r.sources[0].text == r.text else ("label" if style.default == "partial" else style.default)
        r.mask = _trimmed_mask(r, style, forced)
    return removals, summary


def _propagated(text: str, sources: list[tuple[int, int, Source]], kept: list[tuple[int, int]]
                ) -> list[tuple[int, int, Source]]:
    """Every other occurrence of a removed value, as a source of kind ``propagated``."""
    taken = [(s, e) for s, e, _ in sources]
    out = []
    for s, e, origin in occurrences(text, [(src.text, src) for *_, src in sources], kept, taken):
        out.append((s, e, Source("propagated", origin.id, origin.type, origin.category, origin.basis,
                                 f"{origin.reason}（同一内容在文中其他位置出现，一并删除）", origin.by, origin.at,
                                 text[s:e])))
    return out


_EDGE_WS = re.compile(r"^\s*(.*?)\s*$", re.S)


def _trimmed_mask(r: Removal, style: MaskStyle, mode: str | None) -> Mask:
    """Mask the span without eating the line breaks or spaces at its edges."""
    m = _EDGE_WS.match(r.text)
    lead, core = m.start(1), m.group(1)
    inner = mask(r.type, r.category, core, style, mode)
    if core == r.text:
        return inner
    tail = r.text[lead + len(core):]
    hidden = [(s + lead, e + lead) for s, e in inner.hidden]
    return Mask(r.text[:lead] + inner.replacement + tail, hidden, inner.mode)


def replacement_pieces(r: Removal, cuts: list[tuple[int, int]]) -> list[str]:
    """Split ``r.replacement`` over the absolute sub-ranges ``cuts`` of the span.

    A length-preserving mask (510203********1234) is cut character by character, so a
    number split over two runs or lines is masked in place; any other replacement goes
    whole into the first piece and the other pieces become empty.
    """
    if len(r.replacement) == len(r.text):
        return [r.replacement[s - r.start:e - r.start] for s, e in cuts]
    return [r.replacement if i == 0 else "" for i in range(len(cuts))]


def apply_to_text(text: str, removals: list[Removal]) -> str:
    """``text`` with every removal replaced, keeping the line breaks inside a span."""
    out, pos = [], 0
    for r in removals:
        out.append(text[pos:r.start])
        cuts, s = [], r.start
        for i in range(r.start, r.end):
            if text[i] == "\n":
                cuts.append((s, i))
                s = i + 1
        cuts.append((s, r.end))
        pieces = replacement_pieces(r, cuts)
        out.append("\n".join(pieces))
        pos = r.end
    out.append(text[pos:])
    return "".join(out)


def hidden_segments(r: Removal) -> list[str]:
    """The removed parts of a partial mask long enough to mean something (4 characters,
    or 6 digits): ``19491231`` of ``110105********002X``."""
    out = []
    for s, e in r.hidden_ranges():
        seg = r.text[s - r.start:e - r.start].strip()
        if len(seg) >= 4 or sum(ch.isdigit() for ch in seg) >= 6:
            out.append(seg)
    return out


def needle_strings(removals: list[Removal]) -> list[str]:
    """Every string that must not survive: each removal whole, and its hidden segments."""
    out = []
    for r in removals:
        out.append(r.text.strip())
        out.extend(hidden_segments(r))
    return [s for s in out if s]
