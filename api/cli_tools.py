"""Database-side helpers for ``reviewer verify`` and ``reviewer audit verify|checkpoint``."""

from __future__ import annotations

import os
from pathlib import Path

from api import audit_checkpoint, audit_store
from api.models import Case
from api.runtime import Runtime
from api.settings import Settings
from api.verification import verify_all, verify_case
from reviewer.errors import UsageError

_NO_SECRET = b"verification-only: cannot open signing keys"

NEED_SECRET = ("审计链以服务器密钥加密钥，核验和写检查点都需要它：设置 REVIEWER_SECRET，或用 --data-dir 指向含 "
               "server-secret.key 的数据目录 (the audit chain is keyed with the server secret: set "
               "REVIEWER_SECRET or point --data-dir at the directory holding server-secret.key)")


def open_runtime(database_url: str | None, data_dir: str | None) -> Runtime:
    """A read-only runtime: no migrations, no keyed genesis, never creates a server secret."""
    overrides = {}
    if database_url:
        overrides["database_url"] = database_url
    if data_dir:
        overrides["data_dir"] = Path(data_dir)
    settings = Settings.from_env(**overrides)
    known = bool(settings.secret)
    if not known:
        path = settings.data_dir / "server-secret.key"
        if os.access(path, os.R_OK):
            settings, known = settings.with_(secret=path.read_text().strip().encode("utf-8")), True
        else:
            # verifying signatures needs only public keys: do not create a server secret as a side effect
            settings = settings.with_(secret=_NO_SECRET)
    rt = Runtime.start(settings, migrate=False)
    if not known:
        rt.chain_keys = None
    return rt


def verify_signatures(rt: Runtime, case_id: int | None) -> list[dict]:
    try:
        with rt.sessions() as db:
            if case_id is None:
                return verify_all(db, rt.blobs, rt.signer)
            case = db.get(Case, case_id)
            if case is None:
                raise UsageError(f"There is no document {case_id}.")
            return [verify_case(db, rt.blobs, rt.signer, case)]
    finally:
        rt.close()


def verify_audit(rt: Runtime, checkpoint: str | None = None) -> dict:
    """The chain, keyed, against the checkpoint (``checkpoint`` or the data directory's) and the statements."""
    try:
        if rt.chain_keys is None:
            raise UsageError(NEED_SECRET)
        path = Path(checkpoint) if checkpoint else rt.settings.checkpoint_path
        with rt.sessions() as db:
            out = audit_store.verify(db, rt.chain_keys, path).to_dict()
        out["checkpoint"] = str(path)
        return out
    finally:
        rt.close()


def write_checkpoint(rt: Runtime, checkpoint: str | None = None) -> dict:
    """Sign the chain's current head into the checkpoint file, after verifying the chain up to it.

    A chain that does not verify gets no checkpoint: that would bless the tampering.
    """
    try:
        if rt.chain_keys is None:
            raise UsageError(NEED_SECRET)
        path = Path(checkpoint) if checkpoint else rt.settings.checkpoint_path
        with rt.sessions() as db:
            report = audit_store.verify(db, rt.chain_keys, path)
            genesis = audit_store.keyed_genesis(db)
        out = {"ok": report.ok, "checkpoint": str(path), "seq": report.last_seq, "head": report.head,
               "problems": report.problems, "written": False}
        if report.ok and genesis is not None:
            out["written"] = audit_checkpoint.write(path, rt.chain_keys, seq=report.last_seq, head=report.head,
                                                    genesis=genesis.hash)
        out["checkpoint_key"] = rt.chain_keys.checkpoint_key
        return out
    finally:
        rt.close()
