"""Large uploads are scanned in the background: 202, a job, a status endpoint."""

from __future__ import annotations

import time

from tests.api.conftest import ID_NUMBER


def test_jobs_large_upload_is_scanned_in_the_background(server):
    drafter = server.client("drafter")
    line = "本通知所称困难群众包括城乡低保对象、特困人员和低保边缘家庭成员。\n"
    text = "关于做好困难群众救助工作的通知\n" + f"联系人身份证号：{ID_NUMBER}\n" + line * 2500   # > 200 kB threshold
    data = text.encode("utf-8")
    assert len(data) > 200_000
    r = drafter.post("/api/documents", files={"file": ("big.txt", data, "text/plain")})
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["state"] == "uploaded" and body["job"]["status"] in ("queued", "running", "done")
    job_url = r.headers["Location"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = drafter.get(job_url).json()
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.3)
    assert job["status"] == "done", job
    assert job["started_at"] and job["finished_at"]
    doc = drafter.get(f"/api/documents/{body['id']}").json()
    assert doc["state"] == "scanned"
    assert any(f["type"] == "id_card" and f["text"] == ID_NUMBER for f in doc["current_version"]["scan"]["findings"])
    assert server.client("drafter2").get(job_url).status_code == 403
    assert drafter.get("/api/jobs/999999").status_code == 404


def test_jobs_broken_large_upload_fails_with_a_clear_error(server):
    drafter = server.client("drafter")
    junk = b"PK\x03\x04" + b"word/document.xml" + bytes(range(256)) * 1000        # sniffed as DOCX, unreadable
    r = drafter.post("/api/documents", files={"file": ("broken.docx", junk)})
    assert r.status_code == 202, r.text
    job_url = r.headers["Location"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = drafter.get(job_url).json()
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.3)
    assert job["status"] == "failed"
    assert job["error"]["code"] in ("corrupt_file", "parse_failed", "unsafe_content")
    message = job["error"]["message"]
    assert message and not any(leak in message for leak in ("Traceback", "/work", "/tmp", ".py"))
    doc = drafter.get(f"/api/documents/{r.json()['id']}").json()
    assert doc["state"] == "uploaded" and doc["current_version"]["scan_status"] == "failed"
    assert "revise" in doc["allowed_actions"]
