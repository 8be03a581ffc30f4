"""Batch scans through the API against a real server process.

A zip upload or a directory under REVIEWER_BATCH_ROOTS runs ``reviewer.batch.run_batch``
in the background; progress counts the rows of results.jsonl; the reports download.
Anything outside the allowed roots is refused with 403 and the error shape.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
import zipfile

import pytest

from tests.api.conftest import ID_NUMBER, draft_paragraphs, make_docx, start_server, stop_server


@pytest.fixture(scope="module")
def batch_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("batch-srv")
    roots = tmp / "allowed"
    (roots / "pending").mkdir(parents=True)
    (tmp / "outside").mkdir()
    srv = start_server("sqlite", tmp, f"sqlite:///{(tmp / 'data' / 'reviewer.db').resolve()}",
                       {"REVIEWER_BATCH_ROOTS": str(roots)})
    srv.roots, srv.tmp = roots, tmp
    try:
        yield srv
    finally:
        stop_server(srv)


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def _wait(client, batch_id: str, timeout: float = 180, interval: float = 0.3) -> dict:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        body = client.get(f"/api/batches/{batch_id}").json()
        seen.append((body["state"], body["done"]))
        if body["state"] in ("done", "failed"):
            body["_seen"] = seen
            return body
        time.sleep(interval)
    raise AssertionError(f"batch did not finish: {seen[-5:]}")


def test_zip_batch_runs_reports_progress_and_serves_reports(batch_server):
    officer = batch_server.client("officer")
    data = _zip({"a/通知.docx": make_docx(draft_paragraphs()),
                 "b/便函.txt": f"联系人手机13912345678，身份证号{ID_NUMBER}。".encode("utf-8"),
                 "c/empty.txt": b""})
    r = officer.post("/api/batches", files={"file": ("pending.zip", data, "application/zip")})
    assert r.status_code == 202, r.text
    body = r.json()
    assert r.headers["Location"] == f"/api/batches/{body['id']}"
    assert body["state"] in ("queued", "running", "done") and body["kind"] == "zip"
    assert "_source_path" not in body                      # no server paths in answers
    done = _wait(officer, body["id"])
    assert done["state"] == "done", done
    assert done["items"] == 3 and done["done"] == 3 and done["errors"] == 1
    assert done["summary"]["unreadable"] == 1 and "report_dir" not in done["summary"]   # no server paths
    assert set(done["reports"]) >= {"report.html", "summary.csv", "results.jsonl", "summary.json"}

    rows = [json.loads(line) for line in officer.get(f"/api/batches/{body['id']}/files/results.jsonl").text.splitlines()]
    by_key = {row["batch"]["key"]: row for row in rows}
    assert set(by_key) == {"a/通知.docx", "b/便函.txt", "c/empty.txt"}
    assert {f["type"] for f in by_key["b/便函.txt"]["findings"]} >= {"id_card", "mobile"}
    assert by_key["c/empty.txt"]["errors"][0]["code"] == "empty_file"
    csv_resp = officer.get(f"/api/batches/{body['id']}/files/summary.csv")
    assert csv_resp.status_code == 200 and csv_resp.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(csv_resp.content.decode("utf-8-sig"))))
    assert len(lines) == 4
    html = officer.get(f"/api/batches/{body['id']}/files/report.html")
    assert html.status_code == 200 and "通知.docx" in html.text
    assert officer.get(f"/api/batches/{body['id']}/files/secret.txt").status_code == 404
    assert officer.get(f"/api/batches/{body['id']}/files/details/..%2Fmeta.json").status_code == 404
    listed = officer.get("/api/batches").json()["items"]
    assert body["id"] in [b["id"] for b in listed]


def test_zip_with_a_duplicated_member_name_counts_each_copy(batch_server):
    import warnings

    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                         # zipfile warns about the duplicate
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("通知.txt", f"身份证号{ID_NUMBER}。".encode("utf-8"))
            z.writestr("通知.txt", "第二份，没有敏感信息。".encode("utf-8"))
    officer = batch_server.client("officer")
    r = officer.post("/api/batches", files={"file": ("dup.zip", buf.getvalue(), "application/zip")})
    assert r.status_code == 202, r.text
    done = _wait(officer, r.json()["id"])
    assert done["state"] == "done" and done["items"] == 2 and done["done"] == 2 and done["errors"] == 0
    rows = [json.loads(x) for x in officer.get(f"/api/batches/{done['id']}/files/results.jsonl").text.splitlines()]
    by_key = {row["batch"]["key"]: row for row in rows}
    assert set(by_key) == {"通知.txt", "通知.txt#2"}
    assert by_key["通知.txt#2"]["batch"]["name"] == "通知.txt" and by_key["通知.txt#2"]["findings"] == []
    assert {f["type"] for f in by_key["通知.txt"]["findings"]} >= {"id_card"}


def test_allowed_directory_is_scanned(batch_server):
    folder = batch_server.roots / "pending"
    (folder / "x.txt").write_text(f"身份证号{ID_NUMBER}", encoding="utf-8")
    (folder / "y.docx").write_bytes(make_docx(draft_paragraphs()))
    admin = batch_server.client("admin")
    r = admin.post("/api/batches", json={"directory": str(folder)})
    assert r.status_code == 202, r.text
    done = _wait(admin, r.json()["id"])
    assert done["state"] == "done" and done["items"] == 2 and done["done"] == 2 and done["errors"] == 0


@pytest.mark.parametrize("where", ["outside", "/etc", "allowed/../outside", "symlink"])
def test_directory_outside_the_roots_is_403(batch_server, where):
    if where == "symlink":
        link = batch_server.roots / "escape"
        if not link.exists():
            os.symlink(batch_server.tmp / "outside", link)
        path = str(link)
    elif where.startswith("/"):
        path = where
    else:
        path = str(batch_server.tmp / where)
    r = batch_server.client("officer").post("/api/batches", json={"directory": path})
    assert r.status_code == 403, r.text
    err = r.json()["error"]
    assert err["code"] == "path_not_allowed" and set(err) == {"code", "message", "details"}


def test_roles_and_bad_requests(batch_server):
    drafter = batch_server.client("drafter")
    r = drafter.post("/api/batches", files={"file": ("a.zip", _zip({"a.txt": b"x"}), "application/zip")})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert drafter.get("/api/batches").status_code == 403
    officer = batch_server.client("officer")
    r = officer.post("/api/batches", files={"file": ("a.zip", b"not a zip", "application/zip")})
    assert r.status_code == 415 and r.json()["error"]["code"] == "not_a_zip"
    r = officer.post("/api/batches", json={})
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"
    r = officer.post("/api/batches", json={"directory": str(batch_server.roots / "missing")})
    assert r.status_code == 422 and r.json()["error"]["code"] == "not_a_directory"
    assert officer.get("/api/batches/20990101000000deadbeef").status_code == 404
    assert officer.get("/api/batches/../../etc").status_code == 404
    assert batch_server.client().get("/api/batches").status_code == 401


def test_progress_counts_rows_while_running(batch_server):
    """A bigger batch is seen part-way: done grows from 0 to items."""
    n = 40
    files = {f"d{i:03d}.docx": make_docx(draft_paragraphs(f"第{i}号")) for i in range(n)}
    officer = batch_server.client("officer")
    r = officer.post("/api/batches", files={"file": ("big.zip", _zip(files), "application/zip")})
    assert r.status_code == 202
    done = _wait(officer, r.json()["id"], interval=0.05)
    assert done["state"] == "done" and done["done"] == n and done["items"] == n
    partial = [d for s, d in done["_seen"] if s == "running" and 0 < d < n]
    assert partial, done["_seen"][:10]


def _wait_state(client, batch_id: str, states: set[str], timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    body = {}
    while time.monotonic() < deadline:
        body = client.get(f"/api/batches/{batch_id}").json()
        if body["state"] in states:
            return body
        time.sleep(0.05)
    raise AssertionError(f"batch never reached {states}: {body}")


def test_cancel_keeps_finished_rows_and_resume_completes_the_batch(batch_server):
    n = 80
    files = {f"d{i:03d}.docx": make_docx(draft_paragraphs(f"第{i}号")) for i in range(n)}
    officer = batch_server.client("officer")
    r = officer.post("/api/batches", files={"file": ("cancel-me.zip", _zip(files), "application/zip")})
    assert r.status_code == 202, r.text
    bid = r.json()["id"]
    deadline = time.monotonic() + 120
    while officer.get(f"/api/batches/{bid}").json()["done"] < 1:   # running, with at least one row
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert batch_server.client("drafter").post(f"/api/batches/{bid}/cancel").status_code == 403
    r = officer.post(f"/api/batches/{bid}/cancel")
    assert r.status_code == 202, r.text
    assert r.json()["state"] == "cancelling"
    assert officer.post(f"/api/batches/{bid}/cancel").status_code == 202        # asking twice is harmless
    r = officer.post(f"/api/batches/{bid}/resume")                             # not while it is stopping
    assert r.status_code == 409 and r.json()["error"]["code"] == "batch_not_resumable"
    cancelled = _wait_state(officer, bid, {"cancelled", "done", "failed"})
    assert cancelled["state"] == "cancelled", cancelled
    assert 1 <= cancelled["done"] < n and cancelled["items"] == n
    assert cancelled["summary"]["cancelled"] is True and cancelled["summary"]["not_scanned"] == n - cancelled["done"]
    assert "report.html" in cancelled["reports"]
    summary = officer.get(f"/api/batches/{bid}/files/summary.json").json()
    assert summary["cancelled"] is True and summary["documents"] == cancelled["done"]
    html = officer.get(f"/api/batches/{bid}/files/report.html").text
    assert "已取消" in html and f"还有 {n - cancelled['done']} 个文件未扫描" in html
    kept = [json.loads(x)["batch"]["key"] for x in officer.get(f"/api/batches/{bid}/files/results.jsonl").text.splitlines()]
    assert len(kept) == cancelled["done"] == len(set(kept))
    r = officer.post(f"/api/batches/{bid}/cancel")                             # nothing left to cancel
    assert r.status_code == 409
    err = r.json()["error"]
    assert err["code"] == "batch_not_running" and set(err) == {"code", "message", "details"}
    assert err["details"]["state"] == "cancelled"

    r = batch_server.client("admin").post(f"/api/batches/{bid}/resume")        # an admin of the organisation may
    assert r.status_code == 202, r.text
    assert r.json()["state"] in ("queued", "running", "done")
    done = _wait(officer, bid)
    assert done["state"] == "done", done
    assert done["done"] == n and done["items"] == n and done["errors"] == 0
    assert done["summary"]["skipped"] == len(kept) and done["summary"]["scanned"] == n - len(kept)
    rows = [json.loads(x) for x in officer.get(f"/api/batches/{bid}/files/results.jsonl").text.splitlines()]
    ks = [row["batch"]["key"] for row in rows]
    assert len(ks) == n and set(ks) == set(files)
    assert officer.get(f"/api/batches/{bid}/files/summary.json").json()["cancelled"] is False
    r = officer.post(f"/api/batches/{bid}/resume")                             # a finished batch is not resumed
    assert r.status_code == 409 and r.json()["error"]["code"] == "batch_not_resumable"
    r = officer.post(f"/api/batches/{bid}/cancel")
    assert r.status_code == 409 and r.json()["error"]["code"] == "batch_not_running"
    assert officer.post("/api/batches/20990101000000deadbeef/cancel").status_code == 404
