"""Everything one running service holds: settings, database, storage, signer, limiter."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from api.db import make_engine, make_sessionmaker, upgrade
from api.ratelimit import RateLimiter
from api.settings import Settings
from api.storage import BlobStore
from reviewer.review.signing import Ed25519Signer, Signer


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    blobs: BlobStore
    signer: Signer
    limiter: RateLimiter
    audit_lock: threading.Lock = field(default_factory=threading.Lock)
    worker: object | None = None

    @classmethod
    def start(cls, settings: Settings, migrate: bool = True) -> "Runtime":
        settings = settings.resolved()
        engine = make_engine(settings.db_url)
        if migrate:
            upgrade(engine)
        return cls(settings=settings, engine=engine, sessions=make_sessionmaker(engine),
                   blobs=BlobStore(settings.blob_dir), signer=Ed25519Signer(settings.secret),
                   limiter=RateLimiter())

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.engine.dispose()
