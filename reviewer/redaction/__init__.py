"""Redaction (区分处理, 《政府信息公开条例》第三十七条): remove what must not be published.

API
---
``redact_document(doc, findings, decisions=None, manual=(), style=None, accept_all=False,
actor=None, keep_rsid=False, *, accept_suggested=False) -> RedactionResult``

* ``doc``       — a :class:`~reviewer.document.Document` from ``reviewer.parsers.parse_bytes``
  (``doc.source`` holds the original bytes; nothing re-reads the file).
* ``findings``  — the scan's findings (``reviewer.scan.scan_document(doc).findings``).
* ``decisions`` — ``{finding_id: Decision | "accept" | "reject" | {"action", "by", "at", "reason"}}``.
  ``accept`` removes the finding, ``reject`` keeps it.
* ``manual``    — extra :class:`ManualSpan` (or dicts) with ``start``/``end`` in ``doc.text``,
  ``type``, ``reason``, optional ``category``/``basis``/``by``/``at``.
* ``style``     — a :class:`MaskStyle`, a dict of its fields, or ``"label"|"block"|"partial"``.
* ``accept_all``— every finding without a decision is accepted, whatever its suggested
  action (``block`` findings accepted so are listed in ``log["decisions"]["blocking_removed"]``).
* ``accept_suggested`` — only findings without a decision whose action is ``redact`` are
  accepted (``review`` findings need a person; ``block`` findings stay; see plan.py).
* Every other occurrence of a removed value is removed too (``propagated``, propagate.py).
* ``actor``     — recorded as the person who accepted when a decision names nobody.
* ``keep_rsid`` — DOCX only: keep the ``w:rsid*`` revision-session attributes (removed by default).

Returns :class:`RedactionResult` — ``output`` (bytes, same format as the input), ``format``,
``log`` (JSON-able dict), ``log_table`` (Markdown, Chinese), ``verified`` (always True:
verification failure raises :class:`~reviewer.errors.VerificationError`), ``removed``.

``write_output(result, path)`` writes ``path + ".part"``, checks the bytes on disk are the
verified bytes, then renames; on any failure the ``.part`` file is deleted.

Formats: each format's redactor and verifier are declared in reviewer.formats (one module
per format).  TXT (txt.py); DOCX (docx.py, docx_clean.py); PDF (pdf.py, pdf_text.py,
pdf_fonts.py, pdf_labels.py, pdf_raster.py); XLSX (xlsx.py).  Independent verification: verify.py.
The log: log.py.  See docs/redaction.md.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

from reviewer.document import Document
from reviewer.errors import RedactionError, ReviewerError, UsageError, VerificationError
from reviewer.findings import Finding
from reviewer.redaction.masks import Mask, MaskStyle
from reviewer.redaction.plan import Decision, ManualSpan, Removal, apply_to_text, needle_strings, plan_removals

__all__ = ["redact_document", "write_output", "check_output_name", "RedactionResult", "Decision", "ManualSpan",
           "MaskStyle", "RedactionError", "VerificationError"]



def dropped_parts(fmt: str) -> frozenset[str]:
    """Parts whose content the format's engine drops whole, whatever was found in them
    (declared by the format in reviewer.formats)."""
    from reviewer import formats

    return formats.get(fmt).dropped_parts


@dataclass
class RedactionResult:
    output: bytes
    format: str
    log: dict[str, Any]
    log_table: str
    verified: bool
    removed: list[dict[str, Any]] = field(default_factory=list)


def expected_text(doc: Document, removals: list[Removal], dropped: set[str] = frozenset()) -> str:
    """The document text as the output should read: removals applied, dropped parts blanked."""
    if not dropped:
        return apply_to_text(doc.text, removals)
    gone = bytearray(len(doc.text))
    for b in doc.blocks:
        if b.part in dropped:
            gone[b.start:b.end] = b"\1" * (b.end - b.start)

    def keep(lo: int, hi: int) -> str:
        return "".join(" " if gone[i] else doc.text[i] for i in range(lo, hi))

    out, pos = [], 0
    for r in removals:
        out.append(keep(pos, r.start))
        out.append(keep(r.start, r.end) if all(gone[r.start:r.end]) else apply_to_text(r.text, [_shift(r)]))
        pos = r.end
    out.append(keep(pos, len(doc.text)))
    return "".join(out)


def _text_layer_only(r: Removal) -> Removal:
    hidden = bytearray(len(r.text))
    for s, e in r.mask.hidden:
        hidden[s:e] = b"\1" * (e - s)
    kept = "".join(ch for i, ch in enumerate(r.text) if not hidden[i])
    return Removal(r.start, r.end, r.text, r.type, r.category, Mask(kept, r.mask.hidden, r.mask.mode), r.sources)


def _shift(r: Removal) -> Removal:
    return Removal(0, r.end - r.start, r.text, r.type, r.category, r.mask, r.sources)


def redact_document(doc: Document, findings: list[Finding], decisions: dict[str, Any] | None = None,
                    manual=(), style: MaskStyle | dict | str | None = None, accept_all: bool = False,
                    actor: str | None = None, keep_rsid: bool = False, *,
                    accept_suggested: bool = False, boxes=()) -> RedactionResult:
    from reviewer.redaction import log as logmod
    from reviewer.redaction import verify

    from reviewer import formats

    fmt = doc.metadata.format
    spec = formats.get(fmt) if fmt in formats.names() else None
    if spec is None or spec.redact is None or spec.verify is None:
        raise RedactionError(f"Redaction of {fmt!r} documents is not supported.", code="unsupported_format")
    if not doc.source:
        raise RedactionError("The document carries no source bytes; parse it with parse_bytes.", code="no_source")
    mstyle = MaskStyle.coerce(style)
    removals, summary = plan_removals(doc, findings, decisions, manual, mstyle, accept_all, actor,
                                      accept_suggested=accept_suggested)
    # A PDF's text layer gets no replacement text: the kept characters close up around
    # the black box, so the expected text is the text without the hidden characters.
    planned = [_text_layer_only(r) for r in removals] if spec.text_layer_only else removals
    expected = expected_text(doc, planned, spec.dropped_parts)
    needles = verify.build_needles(needle_strings(removals), expected)
    try:
        options = {"keep_rsid": keep_rsid}
        if boxes:        # areas a person drew on a page picture: painted out (PDF pages, pictures)
            if not spec.accepts_boxes:
                raise UsageError("Boxes drawn by hand can only be applied to PDF pages and pictures.",
                                 code="bad_manual_box")
            options["boxes"] = [dict(b) for b in boxes]
        output, engine = spec.redact(doc, removals, options)
        verification = spec.verify(output, needles, doc=doc, removals=removals, engine=engine)
    except ReviewerError:
        raise
    except Exception as exc:  # a library's own error on a malformed file: a coded error, never a traceback
        raise RedactionError(f"The {fmt.upper()} file could not be redacted ({type(exc).__name__}).") from exc
    out_sha = hashlib.sha256(output).hexdigest()
    log = logmod.build_log(doc, removals, summary, mstyle.to_dict(), out_sha, engine, verification)
    return RedactionResult(output=output, format=spec.out_format, log=log, log_table=logmod.render_table(log),
                           verified=bool(verification.get("passed")), removed=[r.to_dict() for r in removals])


def check_output_name(path: str | os.PathLike, fmt: str) -> None:
    """Refuse (``output_format_mismatch``) an output name whose extension names another
    format than the content: a PDF that came in named ``.docx`` is not written as ``.docx``."""
    from reviewer import formats

    path = os.fspath(path)
    stem = os.path.splitext(path)[0]
    claimed = formats.format_for_name(path)
    if claimed and claimed != fmt:
        raise UsageError(
            f"输出文件名 {os.path.basename(path)} 的扩展名表示 {claimed.upper()}，但文件内容是 {fmt.upper()}"
            f"（原件的扩展名与内容不符）；请改用 {os.path.basename(stem)}{formats.get(fmt).extension}。",
            code="output_format_mismatch", details={"extension_format": claimed, "content_format": fmt})


def write_output(result: RedactionResult, path: str | os.PathLike) -> None:
    """Write the verified output atomically: ``.part``, check, rename; no file on failure.
    The name must not claim another format than the output's (:func:`check_output_name`)."""
    if not result.verified:
        raise VerificationError("Refusing to write output that was not verified.")
    check_output_name(path, result.format)
    path = os.fspath(path)
    part = path + ".part"
    try:
        with open(part, "wb") as fh:
            fh.write(result.output)
            fh.flush()
            os.fsync(fh.fileno())
        with open(part, "rb") as fh:
            if hashlib.sha256(fh.read()).hexdigest() != result.log["document"]["sha256_out"]:
                raise VerificationError("The file on disk differs from the verified output.")
        os.replace(part, path)
    except BaseException:
        try:
            os.unlink(part)
        except FileNotFoundError:
            pass
        raise
