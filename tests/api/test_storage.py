"""Content-addressed storage (never overwritten) and settings read once from the environment."""

from __future__ import annotations

import hashlib

import pytest

from api.settings import Settings
from api.storage import BlobStore


def test_storage_content_addressed_and_never_overwritten(tmp_path):
    store = BlobStore(tmp_path / "blobs")
    data = "原稿".encode() * 100
    sha = store.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    path = store.path_for(sha)
    assert path.relative_to(tmp_path / "blobs").parts == (sha[:2], sha[2:4], sha)
    inode = path.stat().st_ino
    assert store.put(data) == sha and path.stat().st_ino == inode      # same content: not rewritten
    assert not list(path.parent.glob("*.part")) and not list(path.parent.glob(".tmp-*"))
    assert path.stat().st_mode & 0o222 == 0                              # read-only on disk
    assert store.get(sha) == data and store.hash_of_stored(sha) == sha
    assert store.hash_of_stored("0" * 64) is None
    with pytest.raises(ValueError):
        store.path_for("../../etc/passwd")


def test_settings_from_env(tmp_path):
    s = Settings.from_env({"REVIEWER_DATA_DIR": str(tmp_path), "REVIEWER_DEMO": "1",
                           "REVIEWER_MAX_UPLOAD_BYTES": "1234", "REVIEWER_SECRET": "x" * 20})
    assert s.demo and s.max_upload_bytes == 1234 and s.db_url.startswith("sqlite:///")
    assert s.db_url.endswith("reviewer.db")
    with pytest.raises(ValueError, match="REVIEWER_MAX_UPLOAD_BYTES"):
        Settings.from_env({"REVIEWER_MAX_UPLOAD_BYTES": "lots"})
    pg = Settings.from_env({"REVIEWER_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1/x"})
    assert pg.db_url.startswith("postgresql")


def test_settings_server_secret_created_once_and_private(tmp_path):
    a = Settings(data_dir=tmp_path).resolved()
    b = Settings(data_dir=tmp_path).resolved()
    assert a.secret == b.secret and len(a.secret) == 64
    assert (tmp_path / "server-secret.key").stat().st_mode & 0o077 == 0
