"""The review record (保密审查记录), signature verification and the document's audit trail."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response

from api import audit_store, cases, records as record_builder
from api.deps import DB, RT, CurrentUser
from api.schemas import ERRORS
from api.verification import verify_case
from reviewer.review.record import to_docx, to_pdf

router = APIRouter(prefix="/api/documents/{case_id}", tags=["records"], responses=ERRORS)


@router.get("/record", summary="The 保密审查记录 as JSON, DOCX or PDF")
def record(case_id: int, db: DB, user: CurrentUser, format: Literal["json", "docx", "pdf"] = "json"):
    case = cases.load_case(db, user, case_id)
    rec = record_builder.build(db, case, cases.current_version(db, case))
    if format == "json":
        return rec.to_dict()
    if format == "docx":
        return Response(to_docx(rec), media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        headers={"Content-Disposition": f"attachment; filename=\"review-record-{case_id}.docx\""})
    return Response(to_pdf(rec), media_type="application/pdf",
                    headers={"Content-Disposition": f"attachment; filename=\"review-record-{case_id}.pdf\""})


@router.get("/signatures/verify", summary="Verify every sign-off of this document")
def verify_signatures(case_id: int, rt: RT, db: DB, user: CurrentUser) -> dict:
    case = cases.load_case(db, user, case_id)
    return verify_case(db, rt.blobs, rt.signer, case)


@router.get("/audit", summary="The audit events of this document, oldest first")
def audit(case_id: int, db: DB, user: CurrentUser) -> dict:
    case = cases.load_case(db, user, case_id)
    return {"case_id": case.id, "events": list(audit_store.iter_events(db, case_id=case.id))}
