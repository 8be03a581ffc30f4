"""Cookie sessions for the web UI (HttpOnly, SameSite=Lax, CSRF) and bearer tokens for the API."""

from __future__ import annotations

from tests.api.conftest import DEMO_PASSWORD


def test_auth_cookie_session_requires_csrf_on_unsafe_methods(server):
    c = server.client()
    r = c.post("/api/auth/login", json={"username": "officer", "password": DEMO_PASSWORD})
    assert r.status_code == 200, r.text
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie   # plain http on loopback
    csrf = r.json()["csrf_token"]
    assert c.get("/api/auth/me").json()["username"] == "officer"        # safe method: no token needed
    r = c.post("/api/documents/1/decisions", json={"decisions": [{"finding_id": "x", "decision": "accept"}]})
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf_failed"
    r = c.post("/api/documents/1/decisions", headers={"X-CSRF-Token": "wrong"},
               json={"decisions": [{"finding_id": "x", "decision": "accept"}]})
    assert r.json()["error"]["code"] == "csrf_failed"
    r = c.post("/api/documents/999999/decisions", headers={"X-CSRF-Token": csrf},
               json={"decisions": [{"finding_id": "x", "decision": "accept"}]})
    assert r.status_code == 404                                           # past CSRF, into the handler
    assert c.post("/api/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    c.cookies.clear()
    assert c.get("/api/auth/me").status_code == 401


def test_auth_bearer_token_and_logout(server):
    c = server.client()
    r = c.post("/api/auth/token", data={"username": "head", "password": DEMO_PASSWORD})   # form, OAuth2 style
    assert r.status_code == 200
    tok = r.json()["access_token"]
    h = {"Authorization": f"Bearer {tok}"}
    me = c.get("/api/auth/me", headers=h).json()
    assert me["roles"] == ["dept_head"] and me["department"] == "综合科"
    assert c.post("/api/auth/logout", headers=h).status_code == 204
    assert c.get("/api/auth/me", headers=h).status_code == 401
    assert c.get("/api/auth/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_auth_admin_cli_creates_user(server):
    import uuid

    name = f"cli_{uuid.uuid4().hex[:6]}"
    import subprocess

    from tests.api.conftest import BIN

    res = subprocess.run([str(BIN / "reviewer"), "admin", "create-user", name, "--name", "命令行用户",
                          "--role", "drafter", "--department", "综合科", "--password-stdin"],
                         input="long-enough-pw\n", env=server.env, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    me = server.client(name, "long-enough-pw").get("/api/auth/me").json()
    assert me["display_name"] == "命令行用户" and me["roles"] == ["drafter"]
    res = server.cli("admin", "create-user", name, "--role", "drafter", "--department", "综合科", "--password-stdin")
    assert res.returncode == 2
