"""Everything one running service holds: settings, database, storage, signer, limiter, audit keys."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from api.audit_checkpoint import Checkpointer
from api.db import make_engine, make_sessionmaker, upgrade
from api.ratelimit import RateLimiter
from api.settings import Settings
from api.storage import BlobStore
from reviewer.review.audit import ChainKeys
from reviewer.review.signing import Ed25519Signer, Signer


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    blobs: BlobStore
    signer: Signer
    limiter: RateLimiter
    chain_keys: ChainKeys | None = None      # None: the server secret is not known (verification-only CLI)
    checkpoints: Checkpointer | None = None  # None: this process does not write checkpoints
    audit_lock: threading.Lock = field(default_factory=threading.Lock)
    worker: object | None = None

    @classmethod
    def start(cls, settings: Settings, migrate: bool = True) -> "Runtime":
        """Open the database; with ``migrate`` (the service), upgrade it and start the keyed chain."""
        settings = settings.resolved()
        engine = make_engine(settings.db_url)
        if migrate:
            upgrade(engine)
        keys = ChainKeys(settings.secret)
        rt = cls(settings=settings, engine=engine, sessions=make_sessionmaker(engine),
                 blobs=BlobStore(settings.blob_dir), signer=Ed25519Signer(settings.secret),
                 limiter=RateLimiter(), chain_keys=keys)
        if migrate:
            from api.audit_store import ensure_keyed_chain

            genesis = ensure_keyed_chain(rt.sessions, rt.audit_lock, keys)
            _warn_if_behind_checkpoint(rt)
            rt.checkpoints = Checkpointer(settings.checkpoint_path, keys, settings.audit_checkpoint_seconds)
            rt.checkpoints.genesis = genesis.hash
        return rt

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        if self.checkpoints is not None:
            self.checkpoints.flush()
        self.engine.dispose()


def _warn_if_behind_checkpoint(rt: Runtime) -> None:
    """Say at start, loudly, when the chain no longer reaches its checkpoint (events were removed)."""
    from api.audit_store import startup_check

    with rt.sessions() as db:
        bad = startup_check(db, rt.chain_keys, rt.settings.checkpoint_path)
    if bad is not None:
        logging.getLogger("reviewer.audit").error(
            "审计链与检查点不符，请运行 reviewer audit verify：%s [%s] (%s)", bad["message"], bad["code"], bad["problem"])
