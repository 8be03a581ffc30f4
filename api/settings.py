"""Service settings, read once from the environment and passed in (docs/api.md)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

from reviewer.settings import Limits

MB = 1024 * 1024


def _bool(raw: str | None) -> bool:
    return (raw or "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("var")
    database_url: str | None = None             # default: SQLite file in data_dir
    secret: bytes = b""                          # server secret: seals signing keys, signs sessions
    demo: bool = False
    demo_password: str | None = None             # default: random, printed at start
    max_upload_bytes: int = 50 * MB
    background_threshold_bytes: int = 2 * MB     # larger uploads are scanned by the worker
    rate_limit_per_minute: int = 600             # requests per user per minute
    upload_rate_per_minute: int = 120            # uploads per user per minute
    login_rate_per_minute: int = 10              # sign-in attempts per (client address, username)
    login_failures_per_address_per_minute: int = 30   # failed sign-ins per client address, any username
    audit_checkpoint_seconds: float = 10.0       # at most this long between audit checkpoint writes
    session_hours: float = 8.0
    token_hours: float = 24.0
    secure_cookies: bool | None = None           # None: Secure when the request is HTTPS
    worker: bool = True
    batch_roots: tuple[Path, ...] = ()           # directories a batch scan may read (REVIEWER_BATCH_ROOTS)
    batch_workers: int = 0                       # run_batch workers; 0 scans in the batch's own thread
    limits: Limits = field(default_factory=Limits)

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'reviewer.db').resolve()}"

    @property
    def checkpoint_path(self) -> Path:
        return self.data_dir / "audit-checkpoint.json"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "Settings":
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("REVIEWER_DATA_DIR") or "var")
        kw: dict = {"data_dir": data_dir, "database_url": env.get("REVIEWER_DATABASE_URL") or None,
                    "demo": _bool(env.get("REVIEWER_DEMO")),
                    "demo_password": env.get("REVIEWER_DEMO_PASSWORD") or None}
        for name, var in (("max_upload_bytes", "REVIEWER_MAX_UPLOAD_BYTES"),
                          ("background_threshold_bytes", "REVIEWER_BACKGROUND_THRESHOLD_BYTES"),
                          ("rate_limit_per_minute", "REVIEWER_RATE_LIMIT_PER_MINUTE"),
                          ("upload_rate_per_minute", "REVIEWER_UPLOAD_RATE_PER_MINUTE"),
                          ("login_rate_per_minute", "REVIEWER_LOGIN_RATE_PER_MINUTE"),
                          ("login_failures_per_address_per_minute",
                           "REVIEWER_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE"),
                          ("audit_checkpoint_seconds", "REVIEWER_AUDIT_CHECKPOINT_SECONDS")):
            raw = env.get(var)
            if raw:
                try:
                    kw[name] = int(raw)
                except ValueError:
                    raise ValueError(f"{var} must be a whole number, got {raw!r}") from None
        if env.get("REVIEWER_SECURE_COOKIES"):
            kw["secure_cookies"] = _bool(env.get("REVIEWER_SECURE_COOKIES"))
        if env.get("REVIEWER_WORKER"):
            kw["worker"] = _bool(env.get("REVIEWER_WORKER"))
        roots = env.get("REVIEWER_BATCH_ROOTS") or ""
        kw["batch_roots"] = tuple(Path(r) for r in roots.split(os.pathsep) if r.strip())
        if env.get("REVIEWER_BATCH_WORKERS"):
            try:
                kw["batch_workers"] = int(env["REVIEWER_BATCH_WORKERS"])
            except ValueError:
                raise ValueError(f"REVIEWER_BATCH_WORKERS must be a whole number, got {env['REVIEWER_BATCH_WORKERS']!r}") from None
        kw["limits"] = Limits.from_env(env)
        secret = env.get("REVIEWER_SECRET")
        if secret:
            kw["secret"] = secret.encode("utf-8")
        kw.update(overrides)
        return cls(**kw)

    def resolved(self) -> "Settings":
        """Create the data directory and load (or create) the server secret."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.secret:
            return self
        path = self.data_dir / "server-secret.key"
        if not path.exists():
            tmp = path.with_suffix(".part")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
            try:
                os.link(tmp, path)      # never replace a secret another process wrote first
            except FileExistsError:
                pass
            os.unlink(tmp)
        return replace(self, secret=path.read_text().strip().encode("utf-8"))
