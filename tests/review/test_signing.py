"""Ed25519 sign-offs: sealed keys, canonical payloads, and what verification catches."""

from __future__ import annotations

import pytest

from reviewer.review.canonical import canonical_json
from reviewer.review.errors import SignatureError
from reviewer.review.signing import Ed25519Signer, b64, signoff_payload, verify_signoff

SECRET = b"s" * 32
OUT = "a" * 64


def signed(signer: Ed25519Signer):
    pair = signer.generate()
    payload = signoff_payload(case_id=1, version_id=2, version_no=1, tier=2, tier_label="承办部门负责人审核",
                              role="dept_head", user_id=5, username="head", display_name="张科长",
                              opinion="同意公开", decision="approve", signed_at="2026-11-22T10:00:00+00:00",
                              original_sha256="b" * 64, output_sha256=OUT, key_fingerprint=pair.fingerprint,
                              algorithm=signer.algorithm)
    return pair, payload, b64(signer.sign(pair.private_blob, canonical_json(payload)))


def test_signing_roundtrip_verifies():
    s = Ed25519Signer(SECRET)
    pair, payload, sig = signed(s)
    res = verify_signoff(s, signature_id=1, payload=payload, signature_b64=sig, public_key=pair.public_key,
                         expected_output_sha256=OUT, actual_output_sha256=OUT)
    assert res.valid and res.problems == []


@pytest.mark.parametrize("change, problem", [
    (lambda p: p.update(opinion="不同意"), "the signature does not match the signed statement"),
    (lambda p: p.update(output_sha256="c" * 64), "the statement names a different output"),
    (lambda p: p.update(key_fingerprint="0" * 16), "the signer's key does not match"),
])
def test_signing_tampered_statement_fails(change, problem):
    s = Ed25519Signer(SECRET)
    pair, payload, sig = signed(s)
    change(payload)
    res = verify_signoff(s, signature_id=1, payload=payload, signature_b64=sig, public_key=pair.public_key,
                         expected_output_sha256=OUT, actual_output_sha256=OUT)
    assert not res.valid and any(p.startswith(problem) for p in res.problems), res.problems


def test_signing_output_missing_or_swapped():
    s = Ed25519Signer(SECRET)
    pair, payload, sig = signed(s)
    for actual, problem in ((None, "missing"), ("d" * 64, "bytes differ")):
        res = verify_signoff(s, signature_id=1, payload=payload, signature_b64=sig, public_key=pair.public_key,
                             expected_output_sha256=OUT, actual_output_sha256=actual)
        assert not res.valid and any(problem in p for p in res.problems)


def test_signing_private_key_is_sealed_with_the_server_secret():
    s = Ed25519Signer(SECRET)
    pair = s.generate()
    raw_pub = pair.public_key
    assert raw_pub not in pair.private_blob and len(pair.private_blob) > 32 + 12
    with pytest.raises(SignatureError) as exc:
        Ed25519Signer(b"another-secret-of-length").sign(pair.private_blob, b"x")
    assert exc.value.code == "key_unreadable"
    with pytest.raises(ValueError):
        Ed25519Signer(b"short")


def test_canonical_json_is_stable():
    assert canonical_json({"b": 1, "a": "中"}) == canonical_json({"a": "中", "b": 1}) == '{"a":"中","b":1}'.encode()
