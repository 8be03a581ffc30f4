"""Concurrent uploads and sign-offs: no errors, and the audit chain stays one unbroken chain."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.api.conftest import draft_paragraphs, make_docx, upload


def test_concurrent_uploads_keep_the_audit_chain_intact(server):
    data = [make_docx(draft_paragraphs(f"第{i}批。")) for i in range(8)]
    server.client("drafter")            # sign in once; the clients below reuse the token

    def one(blob: bytes) -> int:
        with server.client("drafter") as c:
            return upload(c, blob).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(one, data))
    assert statuses == [201] * 8
    report = server.client("admin").get("/api/admin/audit/verify").json()
    assert report["ok"] is True, report["problems"]
