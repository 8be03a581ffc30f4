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
