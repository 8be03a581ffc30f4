"""Per-user rate limits and HTTPS cookies, on an in-process app with tiny limits (real SQLite)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.accounts import create_user
from api.app import create_app
from api.settings import Settings


@pytest.fixture
def app_client(tmp_path):
    settings = Settings(data_dir=tmp_path / "d", rate_limit_per_minute=3, upload_rate_per_minute=1,
                        max_upload_bytes=4096)
    app = create_app(settings, start_worker=False)
    with TestClient(app, base_url="https://testserver") as client:
        rt = app.state.runtime
        with rt.sessions() as db:
            create_user(rt, db, "wang", "王", "password-123", ["drafter"], "综合科")
        yield client


def test_limits_per_user_rate_limit_answers_429(app_client):
    tok = app_client.post("/api/auth/token", json={"username": "wang", "password": "password-123"}).json()
    h = {"Authorization": f"Bearer {tok['access_token']}"}
    statuses = [app_client.get("/api/auth/me", headers=h).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    r = app_client.get("/api/auth/me", headers=h)
    assert r.json()["error"]["code"] == "rate_limited" and int(r.headers["Retry-After"]) >= 1


def test_limits_body_over_the_limit_is_413_before_parsing(app_client):
    tok = app_client.post("/api/auth/token", json={"username": "wang", "password": "password-123"}).json()
    h = {"Authorization": f"Bearer {tok['access_token']}"}
    r = app_client.post("/api/documents", headers=h, files={"file": ("a.txt", b"x" * 200_000)})
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"


def test_limits_session_cookie_is_secure_over_https(app_client):
    r = app_client.post("/api/auth/login", json={"username": "wang", "password": "password-123"})
    cookie = r.headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie
