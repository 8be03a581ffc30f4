"""Errors of the review workflow, with stable codes (see reviewer/errors.py)."""

from __future__ import annotations

from reviewer.errors import ReviewerError


class WorkflowError(ReviewerError):
    code = "workflow_error"
    http_status = 409


class InvalidTransition(WorkflowError):
    """The action is not possible in the document's current state."""

    code = "invalid_transition"
    http_status = 409


class NotPermitted(WorkflowError):
    """The actor's role, department or earlier sign-off rules the action out."""

    code = "forbidden"
    http_status = 403


class SignatureError(ReviewerError):
    code = "signature_error"
    http_status = 500
