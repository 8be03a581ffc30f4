"""Recognised items: what the scan judged lawful to publish, and turning one into a finding.

The scan contract (docs/cli.md, version 2) keeps lawful items — official contacts,
officials acting officially, names published by rule, public hotlines, masked values — in
``recognised`` instead of ``findings``.  A security officer who disagrees promotes an item:
it moves into the version's findings (action ``review``, so it needs a decision like any
other) and the move is audited.  The item's id keeps its hash: ``R…`` becomes ``F…``.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from api import uow
from api.cases import case_facts, current_version, load_case
from api.deps import DB, RT, CurrentUser
from api.errors import ApiError
from api.models import User
from api.runtime import Runtime
from api.schemas import ERRORS
from reviewer.review import workflow
from reviewer.review.carryover import context_key

router = APIRouter(prefix="/api/documents/{case_id}", tags=["review"], responses=ERRORS)


def promote(rt: Runtime, db: Session, user: User, case_id: int, rid: str, reason: str = "") -> dict[str, Any]:
    """Move recognised item ``rid`` into the findings of the current version."""
    case = load_case(db, user, case_id, for_update=True)
    workflow.check_decide(workflow.Actor(user.id, user.role_names, user.department_id), case_facts(db, case))
    version = current_version(db, case)
    scan = json.loads(version.scan_json or "{}")
    items = scan.get("recognised") or []
    item = next((r for r in items if r.get("id") == rid), None)
    if item is None:
        raise ApiError(404, "unknown_recognised", "当前版本中没有这一项已识别的合法内容。", {"recognised_id": rid})
    finding = {k: v for k, v in item.items() if k not in ("rule", "rule_label", "reason", "lawful_basis")}
    finding["id"] = "F" + rid[1:]
    finding["action"] = "review"
    expl = dict(finding.get("explanation") or {})
    expl["promoted_from"] = {"id": rid, "rule": item.get("rule"), "by": user.username,
                             "reason": (reason or "")[:500]}
    expl["text"] = f"{expl.get('text') or ''}；已由{user.display_name or user.username}转为待审查项".lstrip("；")
    finding["explanation"] = expl
    if scan.get("text_sha256"):
        text = rt.blobs.get(scan["text_sha256"]).decode("utf-8")
        finding["context_key"] = context_key(text, finding["start"], finding["end"], finding["type"])
    scan["recognised"] = [r for r in items if r.get("id") != rid]
    findings = [f for f in scan.get("findings") or [] if f.get("id") != finding["id"]] + [finding]
    scan["findings"] = sorted(findings, key=lambda f: (f.get("start", 0), f.get("end", 0)))
    version.scan_json = json.dumps(scan, ensure_ascii=False)
    db.flush()
    uow.commit(rt, db, user, [("recognised.promoted", case.id, version.id,
                               {"recognised_id": rid, "finding_id": finding["id"], "rule": item.get("rule"),
                                "reason": (reason or "")[:500]})])
    return finding


class PromoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field("", max_length=500, description="why the item is not lawful to publish after all")


@router.post("/recognised/{rid}/promote", status_code=201,
             summary="Turn a recognised (lawful) item into a finding that needs a decision — security officer")
def promote_route(case_id: int, rid: str, rt: RT, db: DB, user: CurrentUser, body: PromoteIn | None = None) -> dict:
    return {"finding": promote(rt, db, user, case_id, rid, body.reason if body else "")}
