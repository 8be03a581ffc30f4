"""Sign-off signatures behind a :class:`Signer` interface.

The default :class:`Ed25519Signer` keeps one Ed25519 key per user on the server; the
private key is stored encrypted (AES-256-GCM, key derived from the server secret with
HKDF-SHA256), so a copy of the database alone cannot forge a sign-off.  An agency CA or
an SM2 signer can replace it by implementing the same four methods.

What is signed is :func:`signoff_payload` in canonical JSON: case, version, tier, role,
user, opinion, decision, time, the sha256 of the exact output approved and (from payload
version 2) the audit chain's head at signing, ``audit_seq`` and ``audit_head``: each sign-off
is then an anchor of the chain outside its table (reviewer.review.audit).
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reviewer.review.canonical import canonical_json, sha256_hex
from reviewer.review.errors import SignatureError

PAYLOAD_VERSION = 2          # 2: with audit_seq / audit_head; statements of version 1 stay valid


@dataclass(frozen=True)
class KeyPair:
    algorithm: str
    public_key: bytes          # what verifiers need (raw 32 bytes for Ed25519)
    private_blob: bytes        # opaque to callers: encrypted at rest

    @property
    def fingerprint(self) -> str:
        return sha256_hex(self.public_key)[:16]


class Signer(Protocol):
    algorithm: str

    def generate(self) -> KeyPair: ...

    def sign(self, private_blob: bytes, message: bytes) -> bytes: ...

    def verify(self, public_key: bytes, message: bytes, signature: bytes) -> bool: ...


def key_fingerprint(public_key: bytes) -> str:
    return sha256_hex(public_key)[:16]


class Ed25519Signer:
    """Per-user Ed25519 keys, private halves sealed with a key derived from ``server_secret``."""

    algorithm = "ed25519"
    _BLOB_VERSION = b"k1"

    def __init__(self, server_secret: bytes):
        if len(server_secret) < 16:
            raise ValueError("the server secret must be at least 16 bytes")
        self._aead = AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=b"reviewer.signing",
                                 info=b"user private keys v1").derive(server_secret))

    def generate(self) -> KeyPair:
        key = Ed25519PrivateKey.generate()
        raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
        pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        nonce = os.urandom(12)
        blob = self._BLOB_VERSION + nonce + self._aead.encrypt(nonce, raw, self._BLOB_VERSION)
        return KeyPair(self.algorithm, pub, blob)

    def _unseal(self, blob: bytes) -> Ed25519PrivateKey:
        if not blob.startswith(self._BLOB_VERSION) or len(blob) < 2 + 12 + 16:
            raise SignatureError("The stored signing key has an unknown format.", code="key_unreadable")
        nonce, ct = blob[2:14], blob[14:]
        try:
            raw = self._aead.decrypt(nonce, ct, self._BLOB_VERSION)
        except InvalidTag:
            raw = None
        if raw is None:
            raise SignatureError("The signing key cannot be opened with this server secret.",
                                 code="key_unreadable")
        return Ed25519PrivateKey.from_private_bytes(raw)

    def sign(self, private_blob: bytes, message: bytes) -> bytes:
        return self._unseal(private_blob).sign(message)

    def verify(self, public_key: bytes, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


def signoff_payload(*, case_id: int, version_id: int, version_no: int, tier: int, tier_label: str,
                    role: str, user_id: int, username: str, display_name: str, opinion: str,
                    decision: str, signed_at: str, original_sha256: str, output_sha256: str,
                    key_fingerprint: str, algorithm: str, audit_seq: int | None = None,
                    audit_head: str | None = None) -> dict[str, Any]:
    """The statement a signer signs.  Every field is covered by the signature.

    ``audit_seq``/``audit_head``: the newest audit event when the statement was made (version 2);
    without them the statement has the version 1 shape.
    """
    anchor = {} if audit_seq is None else {"audit_seq": audit_seq, "audit_head": audit_head}
    return {
        "v": PAYLOAD_VERSION if anchor else 1,
        **anchor,
        "case_id": case_id,
        "version_id": version_id,
        "version_no": version_no,
        "tier": tier,
        "tier_label": tier_label,
        "role": role,
        "user_id": user_id,
        "username": username,
        "display_name": display_name,
        "opinion": opinion,
        "decision": decision,
        "signed_at": signed_at,
        "original_sha256": original_sha256,
        "output_sha256": output_sha256,
        "key_fingerprint": key_fingerprint,
        "algorithm": algorithm,
    }


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass
class SignatureCheck:
    signature_id: int | None
    tier: int | None
    valid: bool
    problems: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"signature_id": self.signature_id, "tier": self.tier, "valid": self.valid,
                "problems": list(self.problems)}


def verify_signoff(signer: Signer, *, signature_id: int | None, payload: dict[str, Any],
                   signature_b64: str, public_key: bytes, expected_output_sha256: str | None,
                   actual_output_sha256: str | None) -> SignatureCheck:
    """Check one stored sign-off: the signature over the payload, the key, and the output bytes.

    ``expected_output_sha256`` is what the database says the version's output is;
    ``actual_output_sha256`` is the hash of the bytes found in storage (None if missing).
    """
    problems: list[str] = []
    try:
        sig = unb64(signature_b64)
    except (ValueError, TypeError):
        sig = b""
        problems.append("signature is not valid base64")
    if payload.get("key_fingerprint") != key_fingerprint(public_key):
        problems.append("the signer's key does not match the key named in the statement")
    if sig and not signer.verify(public_key, canonical_json(payload), sig):
        problems.append("the signature does not match the signed statement")
    if expected_output_sha256 is not None and payload.get("output_sha256") != expected_output_sha256:
        problems.append("the statement names a different output than the one on record")
    if actual_output_sha256 is None:
        problems.append("the approved output is missing from storage")
    elif payload.get("output_sha256") != actual_output_sha256:
        problems.append("the stored output's bytes differ from what was signed")
    return SignatureCheck(signature_id, payload.get("tier"), not problems, problems)
