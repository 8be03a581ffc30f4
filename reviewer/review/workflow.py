"""The review workflow as a pure state machine (三审: 初审 → 审核 → 审发).

States::

    uploaded → scanned → redactions_approved → tier1_signed → tier2_signed → published
                                                                           ↘ withheld (not_public)
                  ↘ returned (for revision, with a comment, from any open state)
                  ↘ rejected (final)

The final approval (tier 3) ends in ``published`` when the decided disclosure attribute is
主动公开 or 依申请公开 (the output is the version approved for release), and in ``withheld``
(审查完毕，不予公开) when it is ``not_public``: the review is complete, nothing is released.

Who may do what (also in docs/api.md):

* ``scan``              — the system (background worker or the upload request).
* ``approve_redactions``— a ``security_officer`` (保密审查员), any department.
* ``sign_tier1``        — a ``drafter`` (承办人员) of the document's department: 承办人员初审.
* ``sign_tier2``        — the ``dept_head`` of the document's department: 承办部门负责人审核.
* ``sign_tier3``        — a ``unit_head``: 单位负责人审发; the document is then ``published``,
  or ``withheld`` when its disclosure attribute is ``not_public``.
* ``return``            — whoever may act at the current step (the security officer before
  the redactions are approved; the signer of the next tier after that), with a comment.
* ``reject``            — a ``dept_head`` (own department) or ``unit_head`` at their step.
* ``revise``            — a drafter of the department uploads a new version of a returned
  (or, before approval, a scanned) document; the case starts over at ``uploaded``.

Nobody signs two tiers of the same document, whatever roles they hold: not in one version,
and not across its versions (whoever signed tier 1 of a returned draft cannot sign tier 2
of the revision).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer.review.errors import InvalidTransition, NotPermitted

ROLES = ("drafter", "security_officer", "dept_head", "unit_head", "admin")
ROLE_LABELS = {
    "drafter": "承办人员",
    "security_officer": "保密审查员",
    "dept_head": "承办部门负责人",
    "unit_head": "单位负责人",
    "admin": "系统管理员",
}

STATES = ("uploaded", "scanned", "redactions_approved", "tier1_signed", "tier2_signed",
          "published", "withheld", "returned", "rejected", "recalled")
FINAL_STATES = ("published", "withheld", "rejected", "recalled")
RECALLED = "recalled"          # a published document taken back by the unit head (with a reason)
RELEASED_STATES = ("published",)                 # states whose output is released
OPEN_STATES = ("uploaded", "scanned", "redactions_approved", "tier1_signed", "tier2_signed")

# tier -> (role that signs, state before, state after, label); tier 3 of a not_public
# document ends in WITHHELD instead (see ``state_after``)
TIERS = {
    1: ("drafter", "redactions_approved", "tier1_signed", "承办人员初审"),
    2: ("dept_head", "tier1_signed", "tier2_signed", "承办部门负责人审核"),
    3: ("unit_head", "tier2_signed", "published", "单位负责人审发"),
}
DECISIONS = ("approve", "return", "reject")
WITHHELD = "withheld"
ATTRIBUTES = ("proactive", "on_request", "not_public")


@dataclass(frozen=True)
class Actor:
    user_id: int
    roles: frozenset[str]
    department_id: int | None = None

    def has(self, role: str) -> bool:
        return role in self.roles


@dataclass
class CaseFacts:
    """What the state machine needs to know about one document version."""

    state: str
    department_id: int | None
    drafter_id: int | None = None
    signers: dict[int, int] = field(default_factory=dict)   # tier -> user_id, current version
    earlier_signers: dict[int, set[int]] = field(default_factory=dict)  # tier -> user_ids, earlier versions
    redactions_approved_by: int | None = None
    attribute: str | None = None      # the decided disclosure attribute of the current version


def _need_state(case: CaseFacts, *states: str, action: str) -> None:
    if case.state not in states:
        raise InvalidTransition(
            f"Cannot {action.replace('_', ' ')} a document that is {case.state}.",
            details={"state": case.state, "action": action, "allowed_from": list(states)},
        )


def _need_role(actor: Actor, role: str, action: str) -> None:
    if not actor.has(role):
        raise NotPermitted(
            f"Only a {ROLE_LABELS[role]} ({role}) may {action.replace('_', ' ')}.",
            details={"required_role": role, "action": action},
        )


def _need_department(actor: Actor, case: CaseFacts, action: str) -> None:
    if case.department_id is not None and actor.department_id != case.department_id:
        raise NotPermitted(
            "This document belongs to another department.",
            details={"action": action, "reason": "other_department"},
        )


def tier_of_state(state: str) -> int | None:
    """The tier whose signature is due in ``state`` (None when no signature is due)."""
    for tier, (_role, before, _after, _label) in TIERS.items():
        if before == state:
            return tier
    return None


def state_after(tier: int, attribute: str | None) -> str:
    """The state an approval at ``tier`` leads to; the last tier depends on the attribute."""
    after = TIERS[tier][2]
    if tier == max(TIERS) and attribute == "not_public":
        return WITHHELD
    return after


def check_scan(case: CaseFacts) -> str:
    _need_state(case, "uploaded", action="scan")
    return "scanned"


def check_approve_redactions(actor: Actor, case: CaseFacts) -> str:
    _need_state(case, "scanned", action="approve_redactions")
    _need_role(actor, "security_officer", "approve_redactions")
    return "redactions_approved"


def check_decide(actor: Actor, case: CaseFacts) -> None:
    """Accepting/rejecting findings and adding manual spans: the security officer, before approval."""
    _need_state(case, "scanned", action="decide_redactions")
    _need_role(actor, "security_officer", "decide_redactions")


def check_sign(actor: Actor, case: CaseFacts, tier: int) -> str:
    if tier not in TIERS:
        raise InvalidTransition(f"There is no tier {tier}.", details={"tier": tier})
    role, before, _after, _label = TIERS[tier]
    after = state_after(tier, case.attribute)
    _need_state(case, before, action=f"sign_tier{tier}")
    _need_role(actor, role, f"sign_tier{tier}")
    if role in ("drafter", "dept_head"):
        _need_department(actor, case, f"sign_tier{tier}")
    signed = {t: {uid} for t, uid in case.signers.items()}
    for t, uids in case.earlier_signers.items():
        signed.setdefault(t, set()).update(uids)
    for other_tier, uids in sorted(signed.items()):
        if actor.user_id in uids and other_tier != tier:
            raise NotPermitted(
                f"You already signed tier {other_tier} of this document; one person may sign only one tier.",
                details={"reason": "already_signed_other_tier", "tier": other_tier},
            )
    return after


def _may_act_now(actor: Actor, case: CaseFacts) -> bool:
    if case.state in ("uploaded", "scanned"):
        return actor.has("security_officer")
    tier = tier_of_state(case.state)
    if tier is None:
        return False
    role = TIERS[tier][0]
    if not actor.has(role):
        return False
    if role in ("drafter", "dept_head"):
        return case.department_id is None or actor.department_id == case.department_id
    return True


def check_return(actor: Actor, case: CaseFacts, comment: str) -> str:
    _need_state(case, *OPEN_STATES, action="return")
    if not (comment or "").strip():
        raise InvalidTransition("A return for revision needs a comment.", details={"field": "comment"},
                                code="comment_required")
    if not _may_act_now(actor, case):
        raise NotPermitted("Only whoever acts at the current step may return the document.",
                           details={"action": "return", "state": case.state})
    return "returned"


def check_reject(actor: Actor, case: CaseFacts, comment: str) -> str:
    _need_state(case, "tier1_signed", "tier2_signed", action="reject")
    if not (comment or "").strip():
        raise InvalidTransition("A rejection needs a comment.", details={"field": "comment"},
                                code="comment_required")
    if not _may_act_now(actor, case):
        raise NotPermitted("Only the signer of the current tier may reject the document.",
                           details={"action": "reject", "state": case.state})
    return "rejected"


def check_recall(actor: Actor, case: CaseFacts, reason: str) -> str:
    """Recall a published document: the unit head (单位负责人), with a reason; final."""
    _need_state(case, "published", action="recall")
    _need_role(actor, "unit_head", "recall")
    if len((reason or "").strip()) < 2:
        raise InvalidTransition("A recall needs a reason.", details={"field": "reason"}, code="reason_required")
    return RECALLED


def check_revise(actor: Actor, case: CaseFacts) -> str:
    _need_state(case, "returned", "uploaded", "scanned", action="revise")
    _need_role(actor, "drafter", "revise")
    _need_department(actor, case, "revise")
    return "uploaded"


def check_upload(actor: Actor) -> None:
    _need_role(actor, "drafter", "upload")
    if actor.department_id is None:
        raise NotPermitted("A drafter must belong to a department to upload.",
                           details={"reason": "no_department"})


def allowed_actions(actor: Actor, case: CaseFacts) -> list[str]:
    """Everything ``actor`` could do now (for the UI)."""
    out = []
    probes = [
        ("decide_redactions", lambda: check_decide(actor, case)),
        ("approve_redactions", lambda: check_approve_redactions(actor, case)),
        ("sign_tier1", lambda: check_sign(actor, case, 1)),
        ("sign_tier2", lambda: check_sign(actor, case, 2)),
        ("sign_tier3", lambda: check_sign(actor, case, 3)),
        ("return", lambda: check_return(actor, case, "-")),
        ("reject", lambda: check_reject(actor, case, "-")),
        ("revise", lambda: check_revise(actor, case)),
        ("recall", lambda: check_recall(actor, case, "--")),
    ]
    for name, probe in probes:
        try:
            probe()
        except (InvalidTransition, NotPermitted):
            continue
        out.append(name)
    return out


STATE_LABELS = {
    "uploaded": "已上传", "scanned": "待删除审批", "redactions_approved": "待初审", "tier1_signed": "待审核",
    "tier2_signed": "待审发", "published": "已发布", "withheld": "审查完毕，不予公开", "returned": "已退回修改",
    "rejected": "已否决", "recalled": "已撤回发布",
}
# state -> the approvals the current version must carry (tiers 1..n); a recalled document was
# published, so it keeps the three approvals it was published with
_APPROVED_TIERS = {"uploaded": 0, "scanned": 0, "redactions_approved": 0, "tier1_signed": 1,
                   "tier2_signed": 2, "published": 3, "withheld": 3, "recalled": 3}


def _sequence_problems(sigs: list[tuple[int, str]], what: str) -> tuple[list[str], int, str | None]:
    """Tiers must run 1, 2, … without a gap; every one but the last must approve.

    Returns (problems, number of leading approvals, the last decision if it is not an approval).
    """
    problems: list[str] = []
    tiers = sorted(sigs)
    for i, (tier, decision) in enumerate(tiers, start=1):
        if tier != i:
            problems.append(f"{what}: tier {i} ({TIERS[i][3] if i in TIERS else '?'}) has no signature, "
                            f"but tier {tier} has one")
            break
        if decision not in DECISIONS:
            problems.append(f"{what}: tier {tier} has the unknown decision {decision!r}")
        elif decision != "approve" and i != len(tiers):
            problems.append(f"{what}: tier {tier} signed {decision!r}, yet a later tier signed too")
    approvals = 0
    for tier, decision in tiers:
        if decision != "approve":
            break
        approvals += 1
    last = tiers[-1][1] if tiers and tiers[-1][1] != "approve" else None
    return problems, approvals, last


def signature_set_problems(state: str, current: list[tuple[int, str]],
                           earlier: dict[int, list[tuple[int, str]]]) -> list[str]:
    """Whether a document in ``state`` carries exactly the sign-offs that state requires.

    ``current``: (tier, decision) of each signature of the current version; ``earlier``: the same
    per earlier version number.  ``published``/``withheld`` need approvals at tiers 1–3,
    ``tier2_signed`` at 1–2, ``tier1_signed`` at 1 and nothing else; ``returned`` either none
    (returned before approval) or approvals then one ``return``; ``rejected`` approvals then one
    ``reject`` at tier 2 or 3.  An earlier version was returned: none, or approvals then a return.
    An empty list means it all agrees.
    """
    label = f"the document is {state} ({STATE_LABELS.get(state, '?')})"
    problems, approvals, last = _sequence_problems(current, label)
    if problems:
        return problems
    if state in _APPROVED_TIERS:
        need = _APPROVED_TIERS[state]
        if last is not None:
            problems.append(f"{label}, but tier {approvals + 1} of this version signed {last!r}")
        elif approvals < need:
            missing = ", ".join(f"tier {t} ({TIERS[t][3]})" for t in range(approvals + 1, need + 1))
            problems.append(f"{label}, but {missing} of this version has no signature")
        elif approvals > need:
            extra = ", ".join(f"tier {t}" for t in range(need + 1, approvals + 1))
            problems.append(f"{label}, yet this version carries a signature for {extra}")
    elif state == "returned":
        if current and last != "return":
            problems.append(f"{label}, but its last signature (tier {approvals}) is an approval, not a return")
    elif state == "rejected":
        if last != "reject" or approvals + 1 not in (2, 3):
            problems.append(f"{label}, but this version has no signed rejection at tier 2 or 3")
    else:
        problems.append(f"{label}: not a state this service knows")
    for version_no, sigs in sorted(earlier.items()):
        what = f"version {version_no} (an earlier, returned version)"
        seq, _approvals, last = _sequence_problems(sigs, what)
        problems.extend(seq)
        if not seq and sigs and last != "return":
            problems.append(f"{what} has signatures but no signed return, so it cannot have been revised")
    return problems
