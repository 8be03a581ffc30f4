"""GET /api/documents: a total, pagination that reaches every document, sorting, filters, full-text
search over title, 文号 and content; unknown filter values, parameters and body fields are 422."""

from __future__ import annotations

import uuid

from tests.api.helpers import make_user, scanned


def _txt_upload(client, text: str, name: str):
    r = client.post("/api/documents", files={"file": (name, text.encode("utf-8"), "text/plain")})
    assert r.status_code == 201, r.text
    return r.json()


def test_list_total_pagination_and_sort(server):
    dept = f"档案科{uuid.uuid4().hex[:6]}"
    drafter = make_user(server, f"lister{uuid.uuid4().hex[:6]}", ["drafter"], dept)
    ids = [_txt_upload(drafter, f"关于第{i}批档案移交工作的通知\n请按要求办理。\n", f"n{i}.txt")["id"] for i in range(206)]
    r = drafter.get("/api/documents")
    body = r.json()
    assert r.status_code == 200 and body["total"] == 206 and body["limit"] == 50 and len(body["items"]) == 50
    seen = []
    for offset in range(0, 206, 50):
        page = drafter.get("/api/documents", params={"offset": offset, "limit": 50, "sort": "-id"}).json()
        assert page["total"] == 206
        seen += [d["id"] for d in page["items"]]
    assert seen == sorted(ids, reverse=True)            # every document once, the oldest six included
    assert ids[0] in seen[-6:]
    oldest = drafter.get("/api/documents", params={"sort": "id", "limit": 1}).json()["items"][0]
    assert oldest["id"] == ids[0]
    titles = [d["title"] for d in drafter.get("/api/documents", params={"sort": "title", "limit": 500}).json()["items"]]
    assert titles == sorted(titles)
    # filters: department (by name), state, uploader, date, assigned
    assert drafter.get("/api/documents", params={"department": dept}).json()["total"] == 206
    assert drafter.get("/api/documents", params={"state": "scanned"}).json()["total"] == 206
    assert drafter.get("/api/documents", params={"state": "published"}).json()["total"] == 0
    assert drafter.get("/api/documents", params={"date_from": "2000-01-01", "date_to": "2999-12-31"}).json()["total"] == 206
    assert drafter.get("/api/documents", params={"date_to": "2000-01-01"}).json()["total"] == 0
    assert drafter.get("/api/documents", params={"assigned": "true"}).json()["total"] == 0   # nothing waits for a drafter yet
    officer = server.client("officer")
    mine = officer.get("/api/documents", params={"department": dept, "assigned": "true"}).json()
    assert mine["total"] == 206                         # all scanned: they wait for the security officer


def test_list_text_search_and_unknown_filters(server):
    drafter = server.client("drafter")
    word = "蓝鲸湾水库"
    doc = _txt_upload(drafter, f"示例市水务局关于加强水库安全管理的通知\n示水发〔2026〕88号\n{word}除险加固工程即将开工。\n", "w.txt")
    other = scanned(server)
    hits = drafter.get("/api/documents", params={"q": "蓝鲸湾"}).json()
    assert [d["id"] for d in hits["items"]] == [doc["id"]] and hits["total"] == 1
    assert doc["id"] in [d["id"] for d in drafter.get("/api/documents", params={"q": "除险加固 工程"}).json()["items"]]
    assert drafter.get("/api/documents", params={"q": "蓝鲸湾 走访慰问"}).json()["total"] == 0   # all terms must occur
    assert other["id"] in [d["id"] for d in drafter.get("/api/documents", params={"q": "走访慰问"}).json()["items"]]
    assert doc["id"] in [d["id"] for d in drafter.get("/api/documents", params={"q": "水库安全管理"}).json()["items"]]
    assert doc["id"] in [d["id"] for d in drafter.get("/api/documents", params={"q": "示水发"}).json()["items"]]

    for params, field in (({"state": "bogus"}, "state"), ({"attribute": "public"}, "attribute"),
                          ({"department": "没有这个科"}, "department"), ({"uploader": "nobody-here"}, "uploader"),
                          ({"sort": "size"}, "sort")):
        r = drafter.get("/api/documents", params=params)
        assert r.status_code == 422, (params, r.text)
        err = r.json()["error"]
        assert err["code"] == "unknown_filter" and err["details"]["field"] == field
        assert not err["message"].isascii()             # the message is Chinese
    r = drafter.get("/api/documents", params={"colour": "red"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "unknown_field"
    r = drafter.get("/api/documents", params={"date_from": "yesterday"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"


def test_unknown_body_fields_are_refused(server):
    doc = scanned(server)
    r = server.client("officer").post(f"/api/documents/{doc['id']}/redactions/approve",
                                      json={"attribute": "not_public", "opinion": "typo for comment"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"
    assert any(f["field"] == "opinion" for f in r.json()["error"]["details"]["fields"])
    r = server.client("drafter").post(f"/api/documents/{doc['id']}/sign", json={"tier": 1, "comment": "同意"})
    assert r.status_code == 422 and any(f["field"] == "comment" for f in r.json()["error"]["details"]["fields"])
