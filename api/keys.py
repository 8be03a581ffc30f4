"""Users' signing keys: created on first use, private halves sealed by the Signer."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import User, UserKey
from reviewer.review.signing import Signer


def active_key(db: Session, signer: Signer, user: User) -> UserKey:
    key = db.scalar(select(UserKey).where(UserKey.user_id == user.id, UserKey.active.is_(True),
                                          UserKey.algorithm == signer.algorithm))
    if key is None:
        pair = signer.generate()
        key = UserKey(user_id=user.id, algorithm=pair.algorithm, public_key=pair.public_key,
                      private_blob=pair.private_blob, fingerprint=pair.fingerprint, active=True)
        db.add(key)
        db.flush()
    return key
