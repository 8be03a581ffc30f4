"""User administration (docs/api.md, Admin): disable / re-enable, roles and department, password
reset, the last-admin guard, and the workflow rules that a role change must not get around."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import uuid

import httpx

from tests.api.conftest import BIN
from tests.api.helpers import approved, make_user, sign

PW = "pw-for-tests-1"


def _uniq(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:6]}"


def _err(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code, body
    return body["error"]


def _token(server, username: str, password: str = PW) -> httpx.Response:
    return httpx.post(server.url + "/api/auth/token", json={"username": username, "password": password}, timeout=60)


def _bearer(server, username: str, password: str = PW) -> httpx.Client:
    """A fresh token every time (Server.client caches them, and these tests revoke them)."""
    r = _token(server, username, password)
    assert r.status_code == 200, r.text
    return httpx.Client(base_url=server.url, timeout=60,
                        headers={"Authorization": f"Bearer {r.json()['access_token']}"})


def _cookie_session(server, username: str, password: str = PW) -> httpx.Client:
    c = httpx.Client(base_url=server.url, timeout=60)
    r = c.post("/api/auth/login", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c


def _new_user(server, roles: list[str], department: str | None, prefix: str = "u") -> tuple[str, int]:
    name = _uniq(prefix)
    me = make_user(server, name, roles, department, password=PW).get("/api/auth/me").json()   # one bearer token
    return name, me["id"]


@contextlib.contextmanager
def _raw_db(server):
    if server.backend == "sqlite":
        conn = sqlite3.connect(server.db_url.removeprefix("sqlite:///"), timeout=30)
        try:
            yield conn
        finally:
            conn.close()
    else:
        import psycopg

        with psycopg.connect(server.db_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
            yield conn


def _admin_events(server, user_id: int) -> list[tuple[str, dict, str | None]]:
    with _raw_db(server) as conn:
        rows = conn.execute("SELECT action, data, actor FROM audit_events WHERE action LIKE 'admin.%' "
                            "ORDER BY seq").fetchall()
    out = []
    for action, data, actor in rows:
        d = json.loads(data)
        if d.get("user_id") == user_id:
            out.append((action, d, actor))
    return out


def test_disable_ends_tokens_and_sessions_at_once_and_reenable(server):
    admin = server.client("admin")
    name, uid = _new_user(server, ["drafter"], "综合科")
    bearer, cookie = _bearer(server, name), _cookie_session(server, name)
    assert bearer.get("/api/auth/me").json()["active"] is True
    assert cookie.get("/api/auth/me").status_code == 200

    r = admin.post(f"/api/admin/users/{uid}/disable")
    assert r.status_code == 200, r.text
    assert r.json()["active"] is False and r.json()["username"] == name
    # existing credentials stop working at once, and the user cannot act
    _err(bearer.get("/api/auth/me"), 401, "unauthenticated")
    _err(cookie.get("/api/auth/me"), 401, "unauthenticated")
    from tests.api.conftest import draft_paragraphs, make_docx, upload

    _err(upload(bearer, make_docx(draft_paragraphs())), 401, "unauthenticated")
    # signing in is refused, with a clear code for whoever knows the password
    _err(_token(server, name), 403, "account_disabled")
    _err(httpx.post(server.url + "/api/auth/login", json={"username": name, "password": PW}), 403,
         "account_disabled")
    _err(_token(server, name, "wrong-password-9"), 401, "bad_credentials")
    listed = {u["username"]: u for u in admin.get("/api/admin/users").json()}
    assert listed[name]["active"] is False
    assert admin.get(f"/api/admin/users/{uid}").json()["active"] is False

    r = admin.post(f"/api/admin/users/{uid}/enable")
    assert r.status_code == 200 and r.json()["active"] is True
    _err(bearer.get("/api/auth/me"), 401, "unauthenticated")        # revoked tokens stay revoked
    again = _bearer(server, name)
    assert again.get("/api/auth/me").json()["username"] == name
    assert upload(again, make_docx(draft_paragraphs())).status_code == 201

    actions = [a for a, _d, _who in _admin_events(server, uid)]
    assert actions == ["admin.user_created", "admin.user_disabled", "admin.user_enabled"]
    disabled = next(d for a, d, _ in _admin_events(server, uid) if a == "admin.user_disabled")
    assert disabled["tokens_revoked"] == 3 and disabled["changed"] is True      # make_user's, bearer, cookie


def test_disabled_signer_cannot_act_but_their_signature_stays_valid(server):
    admin = server.client("admin")
    name, uid = _new_user(server, ["drafter"], "综合科", "signer")
    doc = approved(server)
    signer = _bearer(server, name)
    assert signer.post(f"/api/documents/{doc['id']}/sign", json={"tier": 1, "opinion": "初审同意"}).status_code == 200
    assert admin.post(f"/api/admin/users/{uid}/disable").status_code == 200
    _err(signer.post(f"/api/documents/{doc['id']}/return", json={"comment": "撤回"}), 401, "unauthenticated")
    assert sign(server, "head", doc["id"], 2).status_code == 200
    v = server.client("officer").get(f"/api/documents/{doc['id']}/signatures/verify").json()
    assert v["valid"] is True and v["count"] == 2
    mine = [s for s in v["signatures"] if s["user"] == name]
    assert len(mine) == 1 and mine[0]["valid"] is True
    res = server.cli("verify", str(doc["id"]))
    assert res.returncode == 0, res.stdout + res.stderr


def test_role_change_cannot_get_around_one_tier_per_person(server):
    admin = server.client("admin")
    name, uid = _new_user(server, ["dept_head"], "综合科", "head")
    doc = approved(server)
    assert sign(server, "drafter", doc["id"], 1).status_code == 200
    head = _bearer(server, name)
    assert head.post(f"/api/documents/{doc['id']}/sign", json={"tier": 2, "opinion": "审核同意"}).status_code == 200

    r = admin.patch(f"/api/admin/users/{uid}", json={"roles": ["unit_head"], "department": None})
    assert r.status_code == 200, r.text
    assert r.json()["roles"] == ["unit_head"] and r.json()["department"] is None
    assert head.get("/api/auth/me").json()["roles"] == ["unit_head"]        # takes effect at once
    got = head.get(f"/api/documents/{doc['id']}").json()
    assert "sign" not in " ".join(got["allowed_actions"])
    err = _err(head.post(f"/api/documents/{doc['id']}/sign", json={"tier": 3, "opinion": "审发同意"}),
               403, "forbidden")
    assert err["details"]["reason"] == "already_signed_other_tier" and err["details"]["tier"] == 2
    for action in ("reject", "return"):                  # a signed return or rejection at tier 3 is refused too
        err = _err(head.post(f"/api/documents/{doc['id']}/{action}", json={"comment": "不同意"}), 403, "forbidden")
        assert err["details"]["reason"] == "already_signed_other_tier"
    assert sign(server, "unithead", doc["id"], 3).status_code == 200

    events = [(a, d) for a, d, _ in _admin_events(server, uid) if a == "admin.user_updated"]
    assert len(events) == 1
    assert events[0][1]["before"]["roles"] == ["dept_head"] and events[0][1]["before"]["department"] == "综合科"
    assert events[0][1]["after"]["roles"] == ["unit_head"] and events[0][1]["after"]["department"] is None


def test_department_change_moves_a_dept_heads_reach(server):
    admin = server.client("admin")
    name, uid = _new_user(server, ["dept_head"], "综合科", "mover")
    doc = approved(server)                                  # a 综合科 document
    assert sign(server, "drafter", doc["id"], 1).status_code == 200
    r = admin.patch(f"/api/admin/users/{uid}", json={"department": "法规科"})
    assert r.status_code == 200 and r.json()["department"] == "法规科" and r.json()["roles"] == ["dept_head"]
    err = _err(_bearer(server, name).post(f"/api/documents/{doc['id']}/sign", json={"tier": 2, "opinion": "同意"}),
               403, "forbidden")
    assert err["details"]["reason"] == "other_department"
    # a drafter who signed tier 1 and is then made dept_head of the same department still cannot sign tier 2
    d_name, d_id = _new_user(server, ["drafter"], "综合科", "climber")
    doc2 = approved(server)
    drafter = _bearer(server, d_name)
    assert drafter.post(f"/api/documents/{doc2['id']}/sign", json={"tier": 1, "opinion": "同意"}).status_code == 200
    assert admin.patch(f"/api/admin/users/{d_id}", json={"roles": ["dept_head"]}).status_code == 200
    err = _err(drafter.post(f"/api/documents/{doc2['id']}/sign", json={"tier": 2, "opinion": "同意"}), 403, "forbidden")
    assert err["details"]["reason"] == "already_signed_other_tier"


def test_role_change_validation(server):
    admin = server.client("admin")
    name, uid = _new_user(server, ["drafter"], "综合科", "val")
    _err(admin.patch(f"/api/admin/users/{uid}", json={"department": None}), 422, "department_required")
    _err(admin.patch(f"/api/admin/users/{uid}", json={"roles": ["security_officer", "drafter"], "department": ""}),
         422, "department_required")
    _err(admin.patch(f"/api/admin/users/{uid}", json={"roles": ["boss"]}), 422, "validation_error")
    _err(admin.patch(f"/api/admin/users/{uid}", json={"roles": []}), 422, "validation_error")
    _err(admin.patch("/api/admin/users/987654", json={"roles": ["drafter"]}), 404, "not_found")
    _err(admin.post("/api/admin/users/987654/disable"), 404, "not_found")
    assert admin.get(f"/api/admin/users/{uid}").json()["roles"] == ["drafter"]    # nothing changed
    r = admin.patch(f"/api/admin/users/{uid}", json={"roles": ["security_officer"], "department": "新设科",
                                                     "display_name": "改名"})
    assert r.status_code == 200, r.text
    assert r.json()["department"] == "新设科" and r.json()["display_name"] == "改名"
    assert "新设科" in [d["name"] for d in admin.get("/api/admin/departments").json()]
    assert [a for a, _d, _ in _admin_events(server, uid)] == ["admin.user_created", "admin.user_updated"]


def test_password_reset_ends_sessions(server):
    admin = server.client("admin")
    name, uid = _new_user(server, ["drafter"], "综合科", "pw")
    bearer, cookie = _bearer(server, name), _cookie_session(server, name)
    _err(admin.post(f"/api/admin/users/{uid}/password", json={"password": "short"}), 422, "validation_error")
    assert bearer.get("/api/auth/me").status_code == 200                     # a refused reset ends nothing
    r = admin.post(f"/api/admin/users/{uid}/password", json={"password": "brand-new-pass-2"})
    assert r.status_code == 200, r.text
    assert r.json()["generated_password"] is None and r.json()["sessions_ended"] == 3   # make_user's too
    _err(bearer.get("/api/auth/me"), 401, "unauthenticated")
    _err(cookie.get("/api/auth/me"), 401, "unauthenticated")
    _err(_token(server, name), 401, "bad_credentials")
    fresh = _bearer(server, name, "brand-new-pass-2")
    # generated: shown once in the answer, works, and ends the session opened with the old one
    r = admin.post(f"/api/admin/users/{uid}/password")
    assert r.status_code == 200, r.text
    generated = r.json()["generated_password"]
    assert isinstance(generated, str) and len(generated) >= 12 and r.json()["sessions_ended"] == 1
    _err(fresh.get("/api/auth/me"), 401, "unauthenticated")
    assert _bearer(server, name, generated).get("/api/auth/me").json()["username"] == name
    events = [(a, d) for a, d, _ in _admin_events(server, uid) if a == "admin.password_reset"]
    assert [d["generated"] for _a, d in events] == [False, True]
    assert all(generated not in json.dumps(d) and "brand-new-pass-2" not in json.dumps(d) for _a, d in events)


def _cli_admin(server, username: str, organisation: str) -> None:
    res = subprocess.run([str(BIN / "reviewer"), "admin", "create-user", username, "--role", "admin",
                          "--organisation", organisation, "--password-stdin"], input=PW + "\n", env=server.env,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr


def test_last_active_admin_cannot_disable_or_demote_themselves(server):
    org = _uniq("另一单位")
    solo_name = _uniq("solo")
    _cli_admin(server, solo_name, org)              # the only admin of a fresh organisation
    solo = _bearer(server, solo_name)
    solo_id = solo.get("/api/auth/me").json()["id"]
    # another organisation's admin does not even see this user
    _err(server.client("admin").post(f"/api/admin/users/{solo_id}/disable"), 404, "not_found")

    err = _err(solo.post(f"/api/admin/users/{solo_id}/disable"), 409, "last_admin")
    assert err["details"]["user_id"] == solo_id
    _err(solo.patch(f"/api/admin/users/{solo_id}", json={"roles": ["unit_head"]}), 409, "last_admin")
    me = solo.get(f"/api/admin/users/{solo_id}").json()
    assert me["active"] is True and me["roles"] == ["admin"]

    second = _uniq("second")
    r = solo.post("/api/admin/users", json={"username": second, "display_name": "二号管理员", "password": PW,
                                            "roles": ["admin"]})
    assert r.status_code == 201, r.text
    second_id = r.json()["id"]
    r = solo.patch(f"/api/admin/users/{solo_id}", json={"roles": ["admin", "unit_head"]})
    assert r.status_code == 200                                 # keeping admin is always fine
    r = solo.patch(f"/api/admin/users/{solo_id}", json={"roles": ["unit_head"]})
    assert r.status_code == 200 and r.json()["roles"] == ["unit_head"]     # not the last one any more
    _err(solo.get("/api/admin/users"), 403, "forbidden")
    two = _bearer(server, second)
    _err(two.post(f"/api/admin/users/{second_id}/disable"), 409, "last_admin")
    _err(two.patch(f"/api/admin/users/{second_id}", json={"roles": ["drafter"], "department": "综合科"}),
         409, "last_admin")
    assert two.post(f"/api/admin/users/{solo_id}/disable").status_code == 200
    assert two.get("/api/auth/me").json()["active"] is True


def test_non_admins_get_403_on_every_user_action(server):
    _name, uid = _new_user(server, ["drafter"], "综合科", "target")
    for who in ("drafter", "officer", "head", "unithead"):
        c = server.client(who)
        _err(c.get(f"/api/admin/users/{uid}"), 403, "forbidden")
        _err(c.patch(f"/api/admin/users/{uid}", json={"roles": ["admin"]}), 403, "forbidden")
        _err(c.post(f"/api/admin/users/{uid}/disable"), 403, "forbidden")
        _err(c.post(f"/api/admin/users/{uid}/enable"), 403, "forbidden")
        _err(c.post(f"/api/admin/users/{uid}/password", json={"password": "taken-over-123"}), 403, "forbidden")
    assert server.client("admin").get(f"/api/admin/users/{uid}").json()["roles"] == ["drafter"]
    assert [a for a, _d, _ in _admin_events(server, uid)] == ["admin.user_created"]


def test_user_admin_is_in_openapi_and_the_audit_chain_still_verifies(server):
    spec = httpx.get(server.url + "/openapi.json").json()
    paths = spec["paths"]
    assert "patch" in paths["/api/admin/users/{user_id}"]
    for p in ("disable", "enable", "password"):
        assert "post" in paths[f"/api/admin/users/{{user_id}}/{p}"]
    a = server.client("admin").get("/api/admin/audit/verify").json()
    assert a["ok"] is True
