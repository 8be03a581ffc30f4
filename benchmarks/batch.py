"""Batch throughput: documents/s for a mixed TXT/DOCX/PDF corpus.

Builds N documents of about 10,000 characters each from the real government documents
in ../shared/data/corpus (synthetic text when that is absent), renders a third each as
TXT, DOCX and PDF, then times ``reviewer batch`` with 1 and 2 local workers and, when
the Redis on loopback answers, with 2 Celery workers.  Prints the figures and writes
benchmarks/results/batch.json.  Target: ≥ 20 documents/s with 2 local workers.

    .venv/bin/python benchmarks/batch.py [--n 1000] [--no-celery]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("REVIEWER_SHARED_DATA", ROOT.parent / "shared" / "data")) / "corpus"
CACHE = Path(os.environ.get("REVIEWER_BENCH_CACHE", "/tmp/reviewer-bench-batch"))
TARGET_CHARS = 10_000


def corpus_texts(n: int) -> tuple[list[str], str]:
    texts: list[str] = []
    files = ["hebei_gov.jsonl", "govcn.jsonl", "shandong_gov_letters.jsonl", "regulations.jsonl"]
    if CORPUS.is_dir():
        for name in files:
            path = CORPUS / name
            if path.exists():
                for line in path.open(encoding="utf-8"):
                    t = json.loads(line).get("text") or ""
                    if len(t) > 500:
                        texts.append(t)
        source = "shared/data/corpus"
    if not texts:
        rnd = random.Random(3)
        texts = ["".join(f"关于第{i}项工作的通知，各单位要认真落实，咨询电话010-6{rnd.randrange(10**7):07d}。" for i in range(400))]
        source = "synthetic"
    rnd = random.Random(42)
    rnd.shuffle(texts)
    out = []
    for i in range(n):
        t = texts[i % len(texts)]
        while len(t) < TARGET_CHARS:
            t += "\n" + texts[(i + len(t)) % len(texts)]
        out.append(t[:TARGET_CHARS])
    return out, source


def paragraphs(text: str) -> list[str]:
    parts = [p.strip() for p in text.replace("\r", "").split("\n") if p.strip()]
    out = []
    for p in parts:  # HTML-stripped texts have no breaks: cut long runs at sentence ends
        while len(p) > 600:
            cut = p.rfind("。", 0, 600) + 1 or 600
            out.append(p[:cut])
            p = p[cut:]
        if p:
            out.append(p)
    return out


def drawable(text: str, _cache: dict = {}) -> str:
    """Replace characters the PDF writer's fonts cannot draw (rare symbols in real texts)."""
    from reviewer.synth.pdf_writer import font_for

    out = []
    for ch in text:
        ok = _cache.get(ch)
        if ok is None:
            try:
                font_for(ch)
                ok = True
            except ValueError:
                ok = False
            _cache[ch] = ok
        out.append(ch if ok else "□")
    return "".join(out)


def build_corpus(n: int) -> tuple[Path, dict]:
    src = CACHE / f"src-{n}"
    stamp = CACHE / f"src-{n}.complete"
    texts, source = corpus_texts(n)
    if stamp.exists():
        return src, json.loads(stamp.read_text())
    from reviewer.synth.docx_writer import DocxBuilder
    from reviewer.synth.pdf_writer import text_pdf

    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    counts = {"txt": 0, "docx": 0, "pdf": 0}
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        kind = ("txt", "docx", "pdf")[i % 3]
        sub = src / kind
        sub.mkdir(exist_ok=True)
        if kind == "txt":
            (sub / f"d{i:05d}.txt").write_bytes(text.encode("gb18030" if i % 2 else "utf-8"))
        elif kind == "docx":
            b = DocxBuilder()
            for p in paragraphs(text):
                b.paragraph(p)
            (sub / f"d{i:05d}.docx").write_bytes(b.to_bytes())
        else:
            (sub / f"d{i:05d}.pdf").write_bytes(text_pdf(paragraphs(drawable(text))))
        counts[kind] += 1
    info = {"documents": n, "chars_each": TARGET_CHARS, "by_format": counts, "text_source": source,
            "build_seconds": round(time.perf_counter() - t0, 1)}
    stamp.write_text(json.dumps(info))
    return src, info


def run_local(src: Path, workers: int) -> dict:
    from reviewer.batch import run_batch

    out = CACHE / f"out-local-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    s = run_batch(str(src), str(out), workers=workers, progress=False)
    return {"workers": workers, "documents": s.scanned + s.errors, "errors": s.errors,
            "seconds": s.seconds, "docs_per_s": round((s.scanned + s.errors) / s.seconds, 2)}


def run_celery(src: Path, workers: int = 2) -> dict | None:
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=6379, db=13, socket_connect_timeout=2)
        client.ping()
        client.flushdb()
    except Exception as exc:
        print(f"celery: skipped, Redis not reachable ({exc})")
        return None
    from reviewer.batch import run_batch

    queue = "redis://127.0.0.1:6379/13"
    procs = [subprocess.Popen([sys.executable, "-m", "reviewer.cli", "worker", "--queue", queue, "-c", "1",
                               "--hostname", f"bench{i}@%h"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True) for i in range(workers)]
    try:
        time.sleep(8)  # let both workers load the detectors before timing
        out = CACHE / "out-celery"
        shutil.rmtree(out, ignore_errors=True)
        s = run_batch(str(src), str(out), queue_url=queue, progress=False)
        return {"workers": workers, "documents": s.scanned + s.errors, "errors": s.errors,
                "seconds": s.seconds, "docs_per_s": round((s.scanned + s.errors) / s.seconds, 2)}
    finally:
        for p in procs:
            os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            p.wait(timeout=30)
        client.flushdb()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--no-celery", action="store_true")
    args = ap.parse_args()
    src, info = build_corpus(args.n)
    print(f"corpus: {info}")
    results = {"corpus": info, "local": [], "celery": None}
    for w in (1, 2):
        r = run_local(src, w)
        results["local"].append(r)
        print(f"local  {w} worker(s): {r['docs_per_s']:7.2f} docs/s  ({r['documents']} docs in {r['seconds']} s, {r['errors']} errors)")
    one, two = results["local"][0]["docs_per_s"], results["local"][1]["docs_per_s"]
    results["scaling_1_to_2"] = round(two / one, 2) if one else None
    print(f"scaling 1 -> 2 workers: x{results['scaling_1_to_2']}   (target >= 20 docs/s with 2 workers: "
          f"{'met' if two >= 20 else 'NOT met'})")
    if not args.no_celery:
        results["celery"] = run_celery(src)
        if results["celery"]:
            c = results["celery"]
            print(f"celery 2 workers:    {c['docs_per_s']:7.2f} docs/s  ({c['documents']} docs in {c['seconds']} s)")
    results["cpus"] = os.cpu_count()
    results["measured_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
    out = ROOT / "benchmarks" / "results" / "batch.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
