"""Review service throughput: upload + scan of a 10-page DOCX, 8 concurrent clients on loopback.

Starts ``reviewer serve`` as a subprocess on a free port with a fresh SQLite data
directory (or REVIEWER_DATABASE_URL if set), signs in as the demo drafter, and has 8
client threads upload the same draft (each upload is parsed and scanned in the request).
Prints requests/s and latency percentiles and writes benchmarks/results/api.json
(api-postgresql.json when REVIEWER_DATABASE_URL points at PostgreSQL).
Target: p95 ≤ 1.5 s on 2 cores, zero errors.

    .venv/bin/python benchmarks/api.py [--requests 96] [--clients 8]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "api.json"
PASSWORD = "bench-pass-123"


def ten_page_docx() -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    # 10 pages: each block is about one A4 page of 仿宋 body text, then a page break
    d.add_paragraph("内部资料")
    d.add_paragraph("示例市人民政府办公室关于做好2026年困难群众基本生活保障工作的通知")
    d.add_paragraph("示政办发〔2026〕12号")
    d.add_paragraph("各区县人民政府，市政府各部门：")
    body = ("为切实保障困难群众基本生活，进一步健全分层分类的社会救助体系，根据国家和省有关规定，结合本市实际，"
            "现就做好有关工作通知如下。各地要加强组织领导，压实工作责任，确保各项政策措施落地见效。")
    for page in range(10):
        d.add_paragraph(f"{'一二三四五六七八九十'[page]}、工作要求")
        for i in range(9):
            d.add_paragraph(body)
        d.add_paragraph(f"联系人：王小明，电话：1381234{page:04d}，身份证号：11010519491231002X。")
        if page < 9:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("示例市人民政府办公室")
    d.add_paragraph("2026年3月1日")
    d.add_paragraph("（此件主动公开）")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "REVIEWER_DATA_DIR": str(data_dir), "REVIEWER_DEMO_PASSWORD": PASSWORD,
           "REVIEWER_RATE_LIMIT_PER_MINUTE": "100000", "REVIEWER_UPLOAD_RATE_PER_MINUTE": "100000"}
    exe = Path(sys.executable).parent / "reviewer"
    proc = subprocess.Popen([str(exe), "serve", "--demo", "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit("the server exited during start")
        try:
            if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("the server did not start")


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=96)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--warmup", type=int, default=4)
    args = ap.parse_args()

    draft = ten_page_docx()
    with tempfile.TemporaryDirectory(prefix="reviewer-bench-") as tmp:
        proc, url = start_server(Path(tmp) / "data")
        try:
            tok = httpx.post(url + "/api/auth/token", json={"username": "drafter", "password": PASSWORD}).json()
            headers = {"Authorization": f"Bearer {tok['access_token']}"}
            with httpx.Client(base_url=url, headers=headers, timeout=120) as c:
                first = c.post("/api/documents", files={"file": ("draft.docx", draft)})
                first.raise_for_status()
                scan = first.json()["current_version"]["scan"]
                pages, findings = scan.get("pages"), len(scan["findings"])
                for _ in range(args.warmup - 1):
                    c.post("/api/documents", files={"file": ("draft.docx", draft)}).raise_for_status()

            latencies: list[float] = []
            errors: list[str] = []
            lock = threading.Lock()
            counter = iter(range(args.requests))

            def client() -> None:
                with httpx.Client(base_url=url, headers=headers, timeout=120) as c:
                    while True:
                        with lock:
                            if next(counter, None) is None:
                                return
                        t0 = time.perf_counter()
                        try:
                            r = c.post("/api/documents", files={"file": ("draft.docx", draft)})
                            ok = r.status_code == 201 and r.json()["state"] == "scanned"
                            err = None if ok else f"HTTP {r.status_code}"
                        except httpx.HTTPError as exc:
                            err = type(exc).__name__
                        dt = time.perf_counter() - t0
                        with lock:
                            latencies.append(dt)
                            if err:
                                errors.append(err)

            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
        finally:
            proc.terminate()
            proc.wait(20)

    result = {
        "benchmark": "api upload+scan",
        "document": {"format": "docx", "pages": 10, "pages_reported_by_parser": pages, "bytes": len(draft),
                     "findings": findings},
        "clients": args.clients, "requests": len(latencies), "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "wall_s": round(wall, 3), "requests_per_s": round(len(latencies) / wall, 2),
        "latency_s": {"p50": round(statistics.median(latencies), 3), "p95": round(pct(latencies, 95), 3),
                      "p99": round(pct(latencies, 99), 3), "max": round(max(latencies), 3)},
        "target": {"p95_s": 1.5, "errors": 0},
        "database": "postgresql" if os.environ.get("REVIEWER_DATABASE_URL") else "sqlite",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    result["meets_target"] = result["latency_s"]["p95"] <= 1.5 and not errors
    print(f"upload+scan of a 10-page DOCX ({len(draft):,} bytes, {findings} findings), "
          f"{args.clients} clients, {len(latencies)} requests: {result['requests_per_s']} req/s, "
          f"p50 {result['latency_s']['p50']} s, p95 {result['latency_s']['p95']} s, errors {len(errors)}"
          f" — target p95 ≤ 1.5 s: {'met' if result['meets_target'] else 'NOT met'}")
    out = RESULTS if result["database"] == "sqlite" else RESULTS.with_name("api-postgresql.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(out)
    return 0 if not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
