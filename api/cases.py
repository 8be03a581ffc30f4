"""Cases and versions: upload, scan (inline or in the background), revisions, carry-over."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api import uow
from api.errors import ApiError, not_found
from api.models import Case, Department, Job, ManualSpan, RedactionDecision, User, Version
from api.runtime import Runtime
from reviewer.parsers import parse_bytes, sniff
from reviewer.review import workflow
from reviewer.review.carryover import context_key, locate_span
from reviewer.scan import scan_document

ORG_WIDE_ROLES = frozenset({"security_officer", "unit_head", "admin"})


def case_facts(db: Session, case: Case) -> workflow.CaseFacts:
    from api.models import Signature

    signers: dict[int, int] = {}
    earlier: dict[int, set[int]] = {}
    for s in db.scalars(select(Signature).where(Signature.case_id == case.id)):
        if s.version_id == case.current_version_id:
            signers[s.tier] = s.user_id
        else:
            earlier.setdefault(s.tier, set()).add(s.user_id)
    version = db.get(Version, case.current_version_id) if case.current_version_id else None
    return workflow.CaseFacts(state=case.state, department_id=case.department_id,
                              drafter_id=case.drafter_id, signers=signers, earlier_signers=earlier,
                              attribute=version.attribute if version is not None else None)


def can_see(db: Session, user: User, case: Case) -> bool:
    """Own department; organisation-wide roles see every department of their organisation."""
    if user.department_id == case.department_id:
        return True
    if user.role_names & ORG_WIDE_ROLES:
        dept = db.get(Department, case.department_id)
        return dept is not None and dept.organisation_id == user.organisation_id
    return False


def load_case(db: Session, user: User, case_id: int, *, for_update: bool = False) -> Case:
    q = select(Case).where(Case.id == case_id)
    if for_update and db.get_bind().dialect.name == "postgresql":
        q = q.with_for_update()
    case = db.scalar(q)
    if case is None:
        raise not_found("document")
    if not can_see(db, user, case):
        raise ApiError(403, "forbidden", "This document belongs to another department.",
                       {"reason": "other_department"})
    return case


def current_version(db: Session, case: Case) -> Version:
    v = db.get(Version, case.current_version_id) if case.current_version_id else None
    if v is None:
        raise not_found("version")
    return v


def findings_of(version: Version) -> list[dict[str, Any]]:
    if not version.scan_json:
        return []
    return json.loads(version.scan_json).get("findings", [])


def scan_bytes(rt: Runtime, data: bytes, filename: str) -> tuple[dict[str, Any], str]:
    """Parse and scan; return the contract JSON (findings carry a ``context_key``) and the text."""
    doc = parse_bytes(data, filename=filename, limits=rt.settings.limits)
    result = scan_document(doc).to_dict(path=filename)
    for f in result["findings"]:
        f["context_key"] = context_key(doc.text, f["start"], f["end"], f["type"])
    result["text_sha256"] = rt.blobs.put(doc.text.encode("utf-8"))
    result["text_blocks"] = text_blocks(doc)
    return result, doc.text


def text_blocks(doc) -> list[list]:
    """The stored text's blocks, compact: ``[start, end, part, paragraph or None, page or None]``.

    They say which part of the file (正文, 页眉, 批注, 文件属性 …) each stretch of the text
    comes from: the text view labels the parts, ``GET /api/documents/{id}/text`` returns them.
    """
    out = []
    for b in doc.blocks:
        loc = b.location or {}
        out.append([b.start, b.end, b.part, loc.get("paragraph"), loc.get("page")])
    return out


def _title_of(result: dict[str, Any], filename: str) -> str:
    title = (result.get("structure") or {}).get("title") or ""
    return (title or filename or "未命名文件")[:500]


def apply_scan(db: Session, case: Case, version: Version, result: dict[str, Any], text: str,
               actor: User | None) -> dict[str, Any]:
    """Store a finished scan, carry decisions over from the previous version, move to ``scanned``."""
    version.scan_json = json.dumps(result, ensure_ascii=False)
    version.scan_status = "done"
    version.scan_error = None
    sug = result.get("suggestion") or {}
    version.attribute = sug.get("attribute")
    if case.title in ("", version.filename) or case.title.startswith("未命名"):
        case.title = _title_of(result, version.filename)
    from api import search

    search.index_case(db, case.id, version.id, case.title, (result.get("structure") or {}).get("doc_number"), text)
    carried = _carry_over(db, version, result["findings"], text, actor)
    case.state = workflow.check_scan(workflow.CaseFacts(case.state, case.department_id))
    case.updated_at = datetime.now(timezone.utc)
    return {"findings": len(result["findings"]), "carried_decisions": carried[0],
            "carried_manual_spans": carried[1], "sha256": version.original_sha256}


def _carry_over(db: Session, version: Version, findings: list[dict], text: str,
                actor: User | None) -> tuple[int, int]:
    prev = db.scalar(select(Version).where(Version.case_id == version.case_id,
                                           Version.version_no == version.version_no - 1))
    if prev is None:
        return 0, 0
    by_key = {d.context_key: d for d in db.scalars(select(RedactionDecision).where(
        RedactionDecision.version_id == prev.id)) if d.context_key}
    n_dec = 0
    for f in findings:
        old = by_key.get(f.get("context_key"))
        if old is None:
            continue
        db.add(RedactionDecision(version_id=version.id, finding_id=f["id"], context_key=old.context_key,
                                 decision=old.decision, reason=old.reason, basis=old.basis,
                                 decided_by=old.decided_by, carried_from=prev.id))
        n_dec += 1
    n_man = 0
    for m in db.scalars(select(ManualSpan).where(ManualSpan.version_id == prev.id)):
        where = locate_span(text, m.text, m.before, m.after)
        if where is None:
            continue
        db.add(ManualSpan(version_id=version.id, start=where[0], end=where[1], text=m.text, before=m.before,
                          after=m.after, reason=m.reason, basis=m.basis, created_by=m.created_by,
                          carried_from=prev.id))
        n_man += 1
    return n_dec, n_man


def create_version(rt: Runtime, db: Session, user: User, data: bytes, filename: str,
                   case: Case | None, title: str | None) -> tuple[Case, Version, Job | None]:
    """Store the upload; scan it now (small files) or queue a job (large ones); commit."""
    actor = workflow.Actor(user.id, user.role_names, user.department_id)
    if case is None:
        workflow.check_upload(actor)
    fmt = sniff(data)               # 415 for images, archives, legacy .doc …
    background = len(data) > rt.settings.background_threshold_bytes
    result = text = None
    if not background:
        result, text = scan_bytes(rt, data, filename)   # outside any transaction
    sha = rt.blobs.put(data)
    events: list[tuple] = []
    if case is None:
        case = Case(title=(title or "").strip()[:500] or (filename or "未命名文件")[:500],
                    department_id=user.department_id, drafter_id=user.id, state="uploaded")
        db.add(case)
        db.flush()
        version_no = 1
    else:
        case = db.merge(case)
        workflow.check_revise(actor, case_facts(db, case))
        version_no = (db.scalar(select(Version.version_no).where(Version.case_id == case.id)
                                .order_by(Version.version_no.desc()).limit(1)) or 0) + 1
        case.state = "uploaded"
    version = Version(case_id=case.id, version_no=version_no, filename=(filename or "upload")[:255],
                      original_sha256=sha, size=len(data), format=fmt,
                      scan_status="queued" if background else "running", created_by=user.id)
    db.add(version)
    db.flush()
    case.current_version_id = version.id
    events.append(("document.uploaded" if version_no == 1 else "document.revised", case.id, version.id,
                   {"sha256": sha, "size": len(data), "format": fmt, "filename": version.filename,
                    "version_no": version_no}))
    job = None
    if background:
        job = Job(kind="scan", version_id=version.id, status="queued")
        db.add(job)
        db.flush()
        events.append(("job.queued", case.id, version.id, {"job_id": job.id, "kind": "scan"}))
    else:
        summary = apply_scan(db, case, version, result, text, user)
        events.append(("document.scanned", case.id, version.id, summary))
    uow.commit(rt, db, user, events)
    if job is not None and rt.worker is not None:
        rt.worker.notify()
    return case, version, job


def versions_of(db: Session, case: Case) -> list[Version]:
    return list(db.scalars(select(Version).where(Version.case_id == case.id).order_by(Version.version_no)))


def stored_text(rt: Runtime, version: Version) -> tuple[str, list[list]]:
    """The scanned text of a version (the offsets of findings and manual spans index it) and its
    blocks; a scan stored before blocks were kept is re-read from the original for them."""
    scan = json.loads(version.scan_json or "{}")
    if not scan.get("text_sha256"):
        return "", []
    text = rt.blobs.get(scan["text_sha256"]).decode("utf-8")
    blocks = scan.get("text_blocks")
    if blocks is None:
        try:
            doc = parse_bytes(rt.blobs.get(version.original_sha256), filename=version.filename,
                              limits=rt.settings.limits)
            blocks = text_blocks(doc) if doc.text == text else []
        except Exception:                  # the blocks only label the text; without them it is one part
            blocks = []
    return text, blocks
