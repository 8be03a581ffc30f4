"""A zip archive: each member redacted by its own format's engine and verifier, then zipped again.

The members are parsed again the same way (reviewer/parsers/archive_parser.members); each
member's removals are the archive's removals that fall inside its text, shifted.  A member
with removals is redacted and checked by its own verifier (a member whose format changes,
a .doc, is stored under its new extension); a member that was not scanned is left out; the
others are copied.  Then the whole output is read once more, every member and every package
inside it (verify_docx's member reader), for every removed string.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import replace

from reviewer.document import Document
from reviewer.errors import RedactionError
from reviewer.parsers.archive_parser import SEPARATOR, members
from reviewer.redaction.plan import Removal


def redact_archive(doc: Document, removals: list[Removal], options: dict) -> tuple[bytes, dict]:
    from reviewer import formats
    from reviewer.settings import DEFAULT_LIMITS

    offset = 0
    out = io.BytesIO()
    edited, dropped, pending = [], [], []
    first = True
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, raw, inner, _error in members(doc.source, DEFAULT_LIMITS):
            if inner is None:
                dropped.append(name)
                continue
            if not first:
                offset += len(SEPARATOR)
            first = False
            lo, hi = offset, offset + len(inner.text)
            if doc.text[lo:hi] != inner.text:
                raise RedactionError("An archive member does not hold the text the parser reported; nothing was "
                                     "written.", code="archive_text_mismatch", details={"member": name})
            mine = []
            for r in removals:
                if r.end <= lo or r.start >= hi:
                    continue
                if r.start < lo or r.end > hi:
                    raise RedactionError("A removal crosses two members of the archive.", code="archive_span_crosses",
                                         details={"member": name})
                mine.append(replace(r, start=r.start - lo, end=r.end - lo))
            offset = hi
            if not mine:
                z.writestr(name, raw)
                continue
            spec = formats.get(inner.metadata.format)
            data, engine = spec.redact(inner, mine, options)
            pending.append((name, spec, data, inner, mine, engine))
            target = name
            if spec.out_format != spec.name:
                target = posixpath.splitext(name)[0] + formats.get(spec.out_format).extension
            z.writestr(target, data)
            edited.append(name if target == name else f"{name} → {target}")
    cleaned = [f"未能审查的压缩包成员（未放入公开版本）：{', '.join(dropped)}"] if dropped else []
    # "_pending" carries the members' outputs to verify_archive, which takes it out of the
    # engine dict before the log is built (the log holds JSON only).
    return out.getvalue(), {"members_edited": edited, "members_dropped": dropped, "cleaned": cleaned,
                            "_pending": pending}


def verify_archive(output: bytes, needles, engine: dict) -> dict:
    """Each redacted member by its own verifier, then every member of the output together."""
    from reviewer.redaction.verify import _check
    from reviewer.redaction.verify_docx import docx_sources

    checks = {}
    for name, spec, data, inner, mine, member_engine in engine.pop("_pending", []):
        checks[name] = spec.verify(data, needles, doc=inner, removals=mine, engine=member_engine).get("extractor")
    engine["member_checks"] = checks
    try:
        sources = docx_sources(output)
    except zipfile.BadZipFile:
        from reviewer.errors import VerificationError

        raise VerificationError("The redacted archive is not a valid zip file.") from None
    result = _check(needles, sources, "zip-members")
    result["members"] = checks
    return result
