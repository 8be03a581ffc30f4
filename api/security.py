"""Passwords (argon2), bearer tokens, cookie sessions with CSRF tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import AuthToken, User

_hasher = PasswordHasher()
# A fixed hash to verify against when the user does not exist, so that timing does not
# reveal which usernames exist.
_DUMMY_HASH = _hasher.hash("not-a-real-password")

SESSION_COOKIE = "reviewer_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(user: User | None, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash if user else _DUMMY_HASH, password) and user is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(db: Session, user: User, kind: str, hours: float) -> tuple[str, AuthToken]:
    """A new random token; only its sha256 is stored.  Sessions also get a CSRF token."""
    raw = secrets.token_urlsafe(32)
    row = AuthToken(user_id=user.id, kind=kind, token_hash=_digest(raw),
                    csrf_token=secrets.token_urlsafe(24) if kind == "session" else None,
                    expires_at=datetime.now(timezone.utc) + timedelta(hours=hours))
    db.add(row)
    db.flush()
    return raw, row


def lookup_token(db: Session, raw: str, kind: str) -> AuthToken | None:
    row = db.scalar(select(AuthToken).where(AuthToken.token_hash == _digest(raw), AuthToken.kind == kind))
    if row is None or row.revoked:
        return None
    exp = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=timezone.utc)
    if exp <= datetime.now(timezone.utc):
        return None
    return row


def csrf_ok(expected: str | None, presented: str | None) -> bool:
    return bool(expected and presented) and hmac.compare_digest(expected, presented)
