"""The review state machine: who may do what, in which state (docs/api.md)."""

from __future__ import annotations

import pytest

from reviewer.review.errors import InvalidTransition, NotPermitted
from reviewer.review.workflow import FINAL_STATES, RELEASED_STATES, STATES, Actor, CaseFacts, allowed_actions, \
    check_approve_redactions, check_reject, state_after, \
    check_return, check_revise, check_scan, check_sign, check_upload

DEPT, OTHER = 1, 2
drafter = Actor(10, frozenset({"drafter"}), DEPT)
drafter_other = Actor(11, frozenset({"drafter"}), OTHER)
officer = Actor(20, frozenset({"security_officer"}), 9)
head = Actor(30, frozenset({"dept_head"}), DEPT)
head_other = Actor(31, frozenset({"dept_head"}), OTHER)
unit = Actor(40, frozenset({"unit_head"}), None)
both = Actor(50, frozenset({"drafter", "dept_head"}), DEPT)


def case(state: str, signers: dict | None = None) -> CaseFacts:
    return CaseFacts(state=state, department_id=DEPT, drafter_id=10, signers=signers or {})


@pytest.mark.parametrize("actor, state, tier, result", [
    (drafter, "redactions_approved", 1, "tier1_signed"),
    (head, "tier1_signed", 2, "tier2_signed"),
    (unit, "tier2_signed", 3, "published"),
    (drafter, "tier1_signed", 2, NotPermitted),             # not a dept head
    (head_other, "tier1_signed", 2, NotPermitted),          # another department
    (drafter_other, "redactions_approved", 1, NotPermitted),
    (officer, "redactions_approved", 1, NotPermitted),
    (head, "tier2_signed", 3, NotPermitted),
    (drafter, "scanned", 1, InvalidTransition),              # redactions not approved yet
    (unit, "tier1_signed", 3, InvalidTransition),            # tier 2 first
    (unit, "published", 3, InvalidTransition),
    (head, "returned", 2, InvalidTransition),
])
def test_workflow_sign_table(actor, state, tier, result):
    if isinstance(result, str):
        assert check_sign(actor, case(state), tier) == result
    else:
        with pytest.raises(result):
            check_sign(actor, case(state), tier)


def test_workflow_one_person_signs_one_tier_even_with_two_roles():
    c = case("tier1_signed", {1: both.user_id})
    with pytest.raises(NotPermitted) as exc:
        check_sign(both, c, 2)
    assert exc.value.details["reason"] == "already_signed_other_tier"
    assert check_sign(head, c, 2) == "tier2_signed"


def test_workflow_approve_return_reject_revise():
    assert check_scan(case("uploaded")) == "scanned"
    with pytest.raises(InvalidTransition):
        check_scan(case("scanned"))
    assert check_approve_redactions(officer, case("scanned")) == "redactions_approved"
    with pytest.raises(NotPermitted):
        check_approve_redactions(drafter, case("scanned"))
    assert check_return(officer, case("scanned"), "请修改") == "returned"
    with pytest.raises(InvalidTransition):
        check_return(officer, case("scanned"), "  ")
    with pytest.raises(NotPermitted):
        check_return(unit, case("tier1_signed"), "not my step")
    assert check_return(head, case("tier1_signed"), "请补充") == "returned"
    with pytest.raises(InvalidTransition):
        check_return(head, case("published"), "too late")
    assert check_reject(unit, case("tier2_signed"), "不予公开") == "rejected"
    with pytest.raises(InvalidTransition):
        check_reject(officer, case("scanned"), "x")
    assert check_revise(drafter, case("returned")) == "uploaded"
    with pytest.raises(NotPermitted):
        check_revise(drafter_other, case("returned"))
    with pytest.raises(InvalidTransition):
        check_revise(drafter, case("tier1_signed"))
    check_upload(drafter)
    with pytest.raises(NotPermitted):
        check_upload(officer)
    with pytest.raises(NotPermitted):
        check_upload(Actor(1, frozenset({"drafter"}), None))


@pytest.mark.parametrize("actor, state, expected", [
    (officer, "scanned", {"decide_redactions", "approve_redactions", "return"}),
    (drafter, "scanned", {"revise"}),
    (drafter, "redactions_approved", {"sign_tier1", "return"}),
    (head, "tier1_signed", {"sign_tier2", "return", "reject"}),
    (head_other, "tier1_signed", set()),
    (unit, "tier2_signed", {"sign_tier3", "return", "reject"}),
    (unit, "published", {"recall"}),          # the unit head may recall a published document
    (head, "published", set()),
])
def test_workflow_allowed_actions(actor, state, expected):
    assert set(allowed_actions(actor, case(state))) == expected


def test_workflow_one_tier_per_person_across_versions():
    c = CaseFacts(state="tier1_signed", department_id=DEPT, signers={1: drafter.user_id},
                  earlier_signers={1: {both.user_id}})
    with pytest.raises(NotPermitted):
        check_sign(both, c, 2)            # signed tier 1 of the earlier draft
    c = CaseFacts(state="redactions_approved", department_id=DEPT, earlier_signers={1: {both.user_id}})
    assert check_sign(both, c, 1) == "tier1_signed"     # the same tier again on the revision is fine


@pytest.mark.parametrize("attribute, final", [
    ("proactive", "published"), ("on_request", "published"), (None, "published"), ("not_public", "withheld"),
])
def test_workflow_final_approval_depends_on_the_attribute(attribute, final):
    def facts(state):
        return CaseFacts(state=state, department_id=DEPT, drafter_id=10, attribute=attribute)

    # only the last tier looks at the attribute: tiers 1 and 2 move on as before
    assert check_sign(drafter, facts("redactions_approved"), 1) == "tier1_signed"
    assert check_sign(head, facts("tier1_signed"), 2) == "tier2_signed"
    assert check_sign(unit, facts("tier2_signed"), 3) == final
    assert state_after(3, attribute) == final
    # the end state is final: nothing more to sign, return, reject or revise
    for tier in (1, 2, 3):
        with pytest.raises(InvalidTransition):
            check_sign(unit, facts(final), tier)
    with pytest.raises(InvalidTransition):
        check_return(unit, facts(final), "too late")
    with pytest.raises(InvalidTransition):
        check_reject(unit, facts(final), "too late")
    with pytest.raises(InvalidTransition):
        check_revise(drafter, facts(final))
    assert final in FINAL_STATES and final in STATES
    for actor in (drafter, officer, head, unit):
        # only a recall is left, for the unit head, of a published document
        assert allowed_actions(actor, facts(final)) == (["recall"] if actor is unit and final == "published" else [])


def test_workflow_withheld_is_never_released():
    assert "withheld" not in RELEASED_STATES and "published" in RELEASED_STATES
    # a not_public document can still be returned or rejected at tier 3 instead of approved
    c = CaseFacts(state="tier2_signed", department_id=DEPT, attribute="not_public")
    assert check_reject(unit, c, "不同意") == "rejected"
    assert check_return(unit, c, "请补充不予公开的依据") == "returned"
    assert set(allowed_actions(unit, c)) == {"sign_tier3", "return", "reject"}


# --- the signatures a state requires (reviewer verify) ---------------------------------------

A, R, J = "approve", "return", "reject"


@pytest.mark.parametrize("state, current, earlier, problem", [
    ("published", [(1, A), (2, A), (3, A)], {}, None),
    ("withheld", [(1, A), (2, A), (3, A)], {}, None),
    ("tier2_signed", [(1, A), (2, A)], {}, None),
    ("tier1_signed", [(1, A)], {}, None),
    ("redactions_approved", [], {1: [(1, A), (2, R)]}, None),
    ("returned", [], {}, None),
    ("returned", [(1, A), (2, R)], {}, None),
    ("rejected", [(1, A), (2, A), (3, J)], {}, None),
    ("rejected", [(1, A), (2, J)], {}, None),
    ("published", [(1, A), (2, A)], {}, "tier 3 (单位负责人审发) of this version has no signature"),
    ("published", [], {}, "tier 1 (承办人员初审), tier 2 (承办部门负责人审核), tier 3"),
    ("withheld", [(1, A), (3, A)], {}, "tier 2 (承办部门负责人审核) has no signature, but tier 3 has one"),
    ("tier1_signed", [(1, A), (2, A)], {}, "yet this version carries a signature for tier 2"),
    ("scanned", [(1, A)], {}, "yet this version carries a signature for tier 1"),
    ("published", [(1, A), (2, A), (3, R)], {}, "but tier 3 of this version signed 'return'"),
    ("returned", [(1, A), (2, A)], {}, "is an approval, not a return"),
    ("rejected", [(1, A), (2, A)], {}, "no signed rejection"),
    ("rejected", [(1, J)], {}, "no signed rejection"),
    ("published", [(1, R), (2, A), (3, A)], {}, "tier 1 signed 'return', yet a later tier signed too"),
    ("uploaded", [], {1: [(1, A), (2, A)]}, "version 1 (an earlier, returned version) has signatures but no signed return"),
])
def test_workflow_signature_set_matches_state(state, current, earlier, problem):
    from reviewer.review.workflow import signature_set_problems

    problems = signature_set_problems(state, current, earlier)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_workflow_recall_of_a_published_document():
    from reviewer.review.workflow import check_recall, signature_set_problems

    def facts(state):
        return CaseFacts(state=state, department_id=DEPT, drafter_id=10, attribute="proactive")

    assert check_recall(unit, facts("published"), "发现遗漏的个人信息") == "recalled"
    with pytest.raises(NotPermitted):
        check_recall(head, facts("published"), "发现遗漏")
    for state in ("tier2_signed", "withheld", "recalled"):
        with pytest.raises(InvalidTransition):
            check_recall(unit, facts(state), "发现遗漏")
    with pytest.raises(InvalidTransition):
        check_recall(unit, facts("published"), " ")
    assert "recalled" in FINAL_STATES and allowed_actions(unit, facts("recalled")) == []
    # a recalled document keeps the three approvals it was published with
    assert signature_set_problems("recalled", [(1, "approve"), (2, "approve"), (3, "approve")], {}) == []
    assert signature_set_problems("recalled", [(1, "approve"), (2, "approve")], {})
