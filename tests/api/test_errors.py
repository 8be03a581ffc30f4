"""One error shape everywhere: {"error": {"code", "message", "details"}}, no paths, no tracebacks."""

from __future__ import annotations

import pytest

from tests.api.conftest import make_docx


def assert_error_shape(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"code", "message", "details"}
    assert isinstance(err["code"], str) and isinstance(err["message"], str) and isinstance(err["details"], dict)
    for leak in ("Traceback", "/work/", "/tmp/", "site-packages", ".py\""):
        assert leak not in r.text
    if code:
        assert err["code"] == code
    return err


def test_errors_http_level_shapes(server):
    anon = server.client()
    assert_error_shape(anon.get("/api/nope"), 404, "not_found")
    assert_error_shape(anon.delete("/api/health"), 405, "method_not_allowed")
    assert_error_shape(anon.get("/api/documents"), 401, "unauthenticated")
    assert_error_shape(anon.post("/api/auth/token", json={"username": "drafter", "password": "wrong"}), 401,
                       "bad_credentials")
    drafter = server.client("drafter")
    assert_error_shape(drafter.get("/api/documents/999999"), 404, "not_found")
    assert_error_shape(drafter.get("/api/documents/not-a-number"), 422, "validation_error")
    err = assert_error_shape(drafter.post("/api/documents/1/sign", json={"tier": 7}), 422, "validation_error")
    assert err["details"]["fields"]
    assert_error_shape(drafter.post("/api/documents", files={}), 422, "validation_error")


def test_errors_upload_limits(server):
    drafter = server.client("drafter")
    # 415: sniffed from the content, whatever the name says
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    err = assert_error_shape(drafter.post("/api/documents", files={"file": ("scan.docx", png)}), 415,
                             "unsupported_format")
    assert "PNG" in err["message"]
    # 413: over REVIEWER_MAX_UPLOAD_BYTES (3 MiB on the test server), refused before parsing
    big = b"a" * (3 * 1024 * 1024 + 200 * 1024)
    assert_error_shape(drafter.post("/api/documents", files={"file": ("big.txt", big)}), 413, "payload_too_large")
    # a broken DOCX: a clear parse error, no traceback
    broken = make_docx(["x"])[:400]
    r = drafter.post("/api/documents", files={"file": ("broken.docx", broken)})
    assert r.status_code in (415, 422)
    assert_error_shape(r, r.status_code)


def test_errors_rate_limited_sign_in(server):
    anon = server.client()
    statuses = [anon.post("/api/auth/token", json={"username": "ratelimit-probe", "password": "x"}).status_code
                for _ in range(14)]   # the limit is 10 a minute
    assert statuses[0] == 401 and statuses[-1] == 429
    r = anon.post("/api/auth/token", json={"username": "ratelimit-probe", "password": "x"})
    assert_error_shape(r, 429, "rate_limited")
    assert int(r.headers["Retry-After"]) >= 1


def test_errors_internal_error_has_the_shape(tmp_path):
    """A handler that crashes: 500 with the shape and a generic message (in-process app)."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(data_dir=tmp_path / "d"), start_worker=False)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError(f"secret detail at {tmp_path}/x.py")

    with TestClient(app, raise_server_exceptions=False) as client:
        err = assert_error_shape(client.get("/api/boom"), 500, "internal_error")
        assert "secret detail" not in err["message"]


@pytest.mark.parametrize("path", ["/openapi.json", "/docs"])
def test_errors_openapi_is_served(server, path):
    r = server.client().get(path)
    assert r.status_code == 200
    if path == "/openapi.json":
        paths = r.json()["paths"]
        for p in ("/api/auth/token", "/api/documents", "/api/documents/{case_id}/sign",
                  "/api/documents/{case_id}/signatures/verify", "/api/documents/{case_id}/record",
                  "/api/jobs/{job_id}", "/api/admin/users"):
            assert p in paths


def _raw_exchange(sock, request: bytes) -> tuple[bytes, bytes]:
    """Send one request on a raw keep-alive socket; return (head, body) of the response."""
    sock.sendall(request)
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"connection closed after {len(buf)} bytes")
        buf += chunk
    head, _, body = buf.partition(b"\r\n\r\n")
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("connection closed inside the body")
        body += chunk
    return head, body


def test_errors_unexpected_500_keeps_the_connection_usable(server):
    """After a 500 the server must not drop the keep-alive connection unannounced: a client that
    reuses it at once used to get "connection reset by peer" (the exception reached uvicorn)."""
    import json
    import socket
    import uuid

    from tests.api.conftest import draft_paragraphs, upload

    drafter = server.client("drafter")
    doc = upload(drafter, make_docx(draft_paragraphs(uuid.uuid4().hex))).json()   # a blob of its own
    sha = doc["current_version"]["sha256"]
    next((server.data_dir / "blobs").rglob(sha)).unlink()          # the stored original is gone
    assert_error_shape(drafter.get(f"/api/documents/{doc['id']}/original"), 500, "internal_error")

    host, port = server.url.split("//", 1)[1].rsplit(":", 1)
    failing = (f"GET /api/documents/{doc['id']}/original HTTP/1.1\r\nHost: {host}\r\n"
               f"Authorization: {drafter.headers['Authorization']}\r\n\r\n").encode()
    health = f"GET /api/health HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    for _ in range(5):
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            head, body = _raw_exchange(sock, failing)
            assert head.startswith(b"HTTP/1.1 500")
            assert json.loads(body)["error"]["code"] == "internal_error"
            if b"connection: close" in head.lower():      # announced: the client must not reuse it
                continue
            head, body = _raw_exchange(sock, health)       # reused at once, as keep-alive clients do
            assert head.startswith(b"HTTP/1.1 200") and json.loads(body) == {"status": "ok"}
