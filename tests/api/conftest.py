"""A real review server (``reviewer serve`` as a subprocess on a free loopback port) per backend.

Every API test runs twice: on SQLite (a file in a temporary data directory) and on the
PostgreSQL on loopback (a uniquely named database created for this session and dropped
after).  PostgreSQL is skipped, with the reason, only when it cannot be reached.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("REVIEWER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
DEMO_PASSWORD = "demo-pass-123"
ID_NUMBER = "11010519491231002X"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    backend: str
    url: str
    db_url: str
    data_dir: Path
    env: dict
    proc: subprocess.Popen
    log: Path
    _tokens: dict = field(default_factory=dict)

    def client(self, username: str | None = None, password: str = DEMO_PASSWORD) -> httpx.Client:
        c = httpx.Client(base_url=self.url, timeout=60)
        if username:
            tok = self._tokens.get((username, password))
            if tok is None:
                r = c.post("/api/auth/token", json={"username": username, "password": password})
                assert r.status_code == 200, r.text
                tok = self._tokens[(username, password)] = r.json()["access_token"]
            c.headers["Authorization"] = f"Bearer {tok}"
        return c

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "reviewer"), *args], env=self.env, capture_output=True, text=True,
                              timeout=120)


def _pg_create() -> tuple[str, str]:
    """(database name, URL), or ("", why it failed)."""
    try:
        import psycopg

        name = f"reviewer_t_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:   # unreachable: skip with the reason
        return "", f"{type(exc).__name__}: {exc}"
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    return name, f"{base}/{name}"


def _pg_drop(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server(backend: str, tmp: Path, db_url: str, extra_env: dict | None = None) -> Server:
    port = free_port()
    data_dir = tmp / "data"
    env = {**os.environ, "REVIEWER_DATA_DIR": str(data_dir), "REVIEWER_DEMO_PASSWORD": DEMO_PASSWORD,
           "REVIEWER_BACKGROUND_THRESHOLD_BYTES": "200000", "REVIEWER_RATE_LIMIT_PER_MINUTE": "100000",
           "REVIEWER_UPLOAD_RATE_PER_MINUTE": "100000", "REVIEWER_MAX_UPLOAD_BYTES": str(3 * 1024 * 1024),
           "REVIEWER_AUDIT_CHECKPOINT_SECONDS": "0",   # a checkpoint after every commit: tamper tests see the head
           "PYTHONUNBUFFERED": "1"}
    if backend == "postgresql":
        env["REVIEWER_DATABASE_URL"] = db_url
    else:
        env.pop("REVIEWER_DATABASE_URL", None)
    env.update(extra_env or {})
    log = tmp / "server.log"
    proc = subprocess.Popen([str(BIN / "reviewer"), "serve", "--demo", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=str(tmp))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-3000:]}")
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.terminate()
        raise RuntimeError(f"server did not start: {log.read_text()[-3000:]}")
    return Server(backend, url, db_url, data_dir, env, proc, log)


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(20)
    except subprocess.TimeoutExpired:
        server.proc.kill()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory):
    backend = request.param
    tmp = tmp_path_factory.mktemp(f"srv-{backend}")
    pg_name = None
    if backend == "postgresql":
        pg_name, db_url = _pg_create()
        if not pg_name:
            pytest.skip(f"PostgreSQL on loopback is unreachable ({db_url})")
    else:
        db_url = f"sqlite:///{(tmp / 'data' / 'reviewer.db').resolve()}"
    srv = start_server(backend, tmp, db_url)
    try:
        yield srv
    finally:
        stop_server(srv)
        if pg_name:
            _pg_drop(pg_name)


def make_docx(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def draft_paragraphs(extra: str = "") -> list[str]:
    return [
        "内部资料",
        "示例市人民政府办公室关于开展困难群众走访慰问工作的通知",
        "各区县人民政府，市政府各部门：",
        f"经研究，决定对困难群众王小明（身份证号：{ID_NUMBER}）开展走访慰问。{extra}",
        "请各单位按照要求认真组织实施，确保慰问资金及时足额发放。",
        "特此通知。",
    ]


def upload(client: httpx.Client, data: bytes, name: str = "draft.docx", title: str | None = None):
    files = {"file": (name, data, "application/octet-stream")}
    return client.post("/api/documents", files=files, data={"title": title} if title else None)


def docx_text(data: bytes) -> str:
    import docx

    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)
