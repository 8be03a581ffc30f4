"""Database-side helpers for ``reviewer verify`` and ``reviewer audit verify``."""

from __future__ import annotations

from pathlib import Path

from api import audit_store
from api.models import Case
from api.runtime import Runtime
from api.settings import Settings
from api.verification import verify_all, verify_case


def open_runtime(database_url: str | None, data_dir: str | None) -> Runtime:
    overrides = {}
    if database_url:
        overrides["database_url"] = database_url
    if data_dir:
        overrides["data_dir"] = Path(data_dir)
    settings = Settings.from_env(**overrides)
    if not settings.secret:
        # verifying needs only public keys: do not create a server secret as a side effect
        settings = settings.with_(secret=b"verification-only: cannot open signing keys")
    return Runtime.start(settings, migrate=False)


def verify_signatures(rt: Runtime, case_id: int | None) -> list[dict]:
    try:
        with rt.sessions() as db:
            if case_id is None:
                return verify_all(db, rt.blobs, rt.signer)
            case = db.get(Case, case_id)
            if case is None:
                from reviewer.errors import UsageError

                raise UsageError(f"There is no document {case_id}.")
            return [verify_case(db, rt.blobs, rt.signer, case)]
    finally:
        rt.close()


def verify_audit(rt: Runtime) -> dict:
    try:
        with rt.sessions() as db:
            return audit_store.verify(db).to_dict()
    finally:
        rt.close()
