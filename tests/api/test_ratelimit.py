"""The per-user token bucket."""

from __future__ import annotations

from api.ratelimit import RateLimiter, retry_after


def test_ratelimit_bucket_allows_then_refuses_per_key():
    rl = RateLimiter()
    assert all(rl.take(("u", 1), 5) == 0 for _ in range(5))
    wait = rl.take(("u", 1), 5)
    assert 11 < wait <= 12.01                 # one token per 12 s at 5 a minute
    assert rl.take(("u", 2), 5) == 0          # another user has their own bucket
    assert rl.take(("u", 1), 0) == 0          # 0 disables the limit
    assert retry_after(0.2) == "1" and retry_after(11.2) == "12"


def test_ratelimit_give_back_returns_a_token():
    rl = RateLimiter()
    assert rl.take(("a",), 2) == 0 and rl.take(("a",), 2) == 0
    assert rl.take(("a",), 2) > 0
    rl.give_back(("a",), 2)
    assert rl.take(("a",), 2) == 0 and rl.take(("a",), 2) > 0
    rl.give_back(("never-taken",), 2)         # no bucket yet: nothing to return, no error


def test_ratelimit_failed_sign_ins_are_limited_per_address_across_usernames(tmp_path):
    """Password spraying: one wrong password each for many usernames, from one address."""
    from fastapi.testclient import TestClient

    from api.accounts import create_user
    from api.app import create_app
    from api.settings import Settings

    settings = Settings(data_dir=tmp_path / "d", login_rate_per_minute=100, login_failures_per_address_per_minute=3)
    app = create_app(settings, start_worker=False)

    def client(address: str) -> TestClient:
        return TestClient(app, client=(address, 40000))

    with client("203.0.113.7") as sprayer:
        rt = app.state.runtime
        with rt.sessions() as db:
            create_user(rt, db, "wang", "王", "password-123", ["drafter"], "综合科")
        # signing in successfully does not use up the address's allowance
        for _ in range(5):
            assert sprayer.post("/api/auth/token", json={"username": "wang", "password": "password-123"}).status_code == 200
        statuses = [sprayer.post("/api/auth/token", json={"username": f"user{i}", "password": "guess-1"}).status_code
                    for i in range(3)]
        assert statuses == [401, 401, 401]        # three usernames, one try each: the per-user limit never bites
        r = sprayer.post("/api/auth/token", json={"username": "user9", "password": "guess-1"})
        assert r.status_code == 429 and r.json()["error"]["code"] == "rate_limited"
        assert r.json()["error"]["details"]["scope"] == "address" and int(r.headers["Retry-After"]) >= 1
        # the address is held back whatever the username, even with the right password
        assert sprayer.post("/api/auth/token", json={"username": "wang", "password": "password-123"}).status_code == 429
        with client("198.51.100.9") as other:     # another address is not affected
            assert other.post("/api/auth/token", json={"username": "wang", "password": "password-123"}).status_code == 200
