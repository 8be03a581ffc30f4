"""Build the 保密审查记录 of a case from the database (rendering is reviewer.review.record)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import AuditEvent, Case, Department, ManualSpan, Organisation, RedactionDecision, Signature, User, Version
from reviewer.catalogue import type_label, where as _where
from reviewer.legal import cite
from reviewer.review.record import (NOT_PUBLIC_BASIS, DecisionLine, RecognisedItem, ReviewRecord, SignerLine,
                                    WithheldItem, mask)
from reviewer.review.workflow import ROLE_LABELS, TIERS


def _approval(db: Session, case: Case, version: Version) -> AuditEvent | None:
    return db.scalar(select(AuditEvent).where(AuditEvent.case_id == case.id, AuditEvent.version_id == version.id,
                                              AuditEvent.action == "redactions.approved")
                     .order_by(AuditEvent.seq.desc()).limit(1))


def _not_public_basis(db: Session, case: Case, version: Version, suggestion: dict) -> str:
    """Why the document is not disclosed: the rules' reasons (when they said 不予公开), the legal
    basis, and the security officer's comment at approval."""
    parts: list[str] = []
    if suggestion.get("attribute") == "not_public":
        for r in suggestion.get("reasons") or []:
            text, basis = (r.get("text") or "").strip(), (r.get("basis") or "").strip()
            if text or basis:
                parts.append(f"{text}（{basis}）" if text and basis else text or basis)
    if not any("条例" in p for p in parts):
        parts.insert(0, NOT_PUBLIC_BASIS)
    approved = _approval(db, case, version)
    if approved is not None:
        comment = (json.loads(approved.data).get("comment") or "").strip()
        if comment:
            parts.append(f"保密审查员意见：{comment}")
    return "；".join(parts)


def _unreadable_pages(db: Session, version: Version, scan: dict, names: dict) -> list[list[str]]:
    """Pages OCR could not read, and who checked each by eye (api/page_checks.py)."""
    from api import page_checks
    from reviewer.ocr.notices import REASONS_ZH

    reasons: dict[str, str] = {}
    for w in scan.get("warnings", []):
        if w.get("code") == page_checks.BLOCKING:
            reasons.update((w.get("details") or {}).get("reasons") or {})
    if not reasons:
        return []
    checked = page_checks.checked_pages(db, version)
    rows = []
    for page in page_checks.unreadable_pages(version):
        c = checked.get(str(page)) or {}
        label = f"第{page}页" if isinstance(page, int) else str(page)
        by = names.get(c.get("by_id"), "") or c.get("by") or "未核对"
        rows.append([label, REASONS_ZH.get(reasons.get(str(page), ""), reasons.get(str(page), "")), by,
                     str(c.get("at") or "—")[:16].replace("T", " "), c.get("note") or "—"])
    return rows


def build(db: Session, case: Case, version: Version) -> ReviewRecord:
    scan = json.loads(version.scan_json or "{}")
    structure = scan.get("structure") or {}
    dept = db.get(Department, case.department_id)
    org = db.get(Organisation, dept.organisation_id) if dept else None
    drafter = db.get(User, case.drafter_id)
    names = {u.id: u.display_name for u in db.scalars(select(User))}
    decided = {d.finding_id: d for d in db.scalars(select(RedactionDecision).where(
        RedactionDecision.version_id == version.id).order_by(RedactionDecision.id))}
    withheld, decisions = [], []
    for f in scan.get("findings", []):
        d = decided.get(f["id"])
        where = _where(f.get("location") or {})
        decisions.append(DecisionLine(what=type_label(f.get("type", "")), excerpt=mask(f.get("text", "")), where=where,
                                      decision=d.decision if d else "", reason=(d.reason if d else "") or "",
                                      basis=(d.basis if d else "") or f.get("basis", ""),
                                      decided_by=names.get(d.decided_by, "") if d else "",
                                      category=f.get("category", "")))
        if d is not None and d.decision == "accept":
            withheld.append(WithheldItem(what=type_label(f.get("type", "")), excerpt=mask(f.get("text", "")),
                                         basis=d.basis or f.get("basis", ""), where=where))
    for m in db.scalars(select(ManualSpan).where(ManualSpan.version_id == version.id).order_by(ManualSpan.id)):
        withheld.append(WithheldItem(what=m.reason or "人工标注内容", excerpt=mask(m.text),
                                     basis=m.basis or cite("ogi", 37), manual=True,
                                     where=f"第 {m.start}–{m.end} 字"))
    recognised = []
    for r in scan.get("recognised", []):      # lawful items the detectors saw (scan contract 2)
        if not isinstance(r, dict):
            continue
        note = r.get("rule_label") or ""
        if r.get("reason") and r.get("reason") != note:
            note = f"{note}：{r['reason']}" if note else r["reason"]
        if r.get("lawful_basis"):
            note += f"（{r['lawful_basis']}）"
        recognised.append(RecognisedItem(what=type_label(r.get("type", "")), excerpt=r.get("text", ""),
                                         where=_where(r.get("location") or {}), note=note))
    from api.review_bulk import recall_of

    recalled = recall_of(db, case.id) if case.state == "recalled" else None
    approval = _approval(db, case, version)
    adata = json.loads(approval.data) if approval is not None else {}
    officer = ""
    if approval is not None:
        officer = names.get(approval.actor_id, "") or approval.actor or ""
    signers = []
    for sig in db.scalars(select(Signature).where(Signature.version_id == version.id).order_by(Signature.tier)):
        p = json.loads(sig.payload)
        signers.append(SignerLine(tier=sig.tier, tier_label=TIERS[sig.tier][3],
                                  role_label=ROLE_LABELS.get(sig.role, sig.role), name=p.get("display_name", ""),
                                  opinion=p.get("opinion", ""), decision=p.get("decision", ""),
                                  signed_at=p.get("signed_at", "")))
    sug = scan.get("suggestion") or {}
    unreadable = _unreadable_pages(db, version, scan, names)
    summary = ""
    if not structure.get("doc_number"):
        summary = (structure.get("title") or case.title or "")[:120]
    return ReviewRecord(
        title=structure.get("title") or case.title, doc_number=structure.get("doc_number"), summary=summary,
        unit=org.name if org else "", department=dept.name if dept else "",
        drafter=drafter.display_name if drafter else "", case_id=case.id, version_no=version.version_no,
        state=case.state, attribute=version.attribute,
        partial_disclosure=bool(sug.get("partial_disclosure")) or bool(withheld),
        withheld=withheld, signers=signers, decisions=decisions, recognised=recognised,
        unreadable_pages=unreadable,
        conclusion_note=(f"已撤回发布（{str(recalled['at'])[:16].replace('T', ' ')}）：{recalled['reason']}"
                         if recalled else ""),
        security_officer=officer, security_opinion=(adata.get("comment") or "").strip(),
        security_at=approval.at if approval is not None else "", suggested_attribute=sug.get("attribute"), original_sha256=version.original_sha256,
        output_sha256=version.output_sha256,
        not_public_basis=_not_public_basis(db, case, version, sug) if version.attribute == "not_public" else "",
        generated_at=datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"))
