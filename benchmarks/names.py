"""NER benchmark: PER / LOC / ADDR / ORG precision, recall, F1 on held-out sets; load time,
memory and speed of the shipped model (models/ner/v1); the windowing helper on real text.

    .venv/bin/python benchmarks/names.py            # prints, writes benchmarks/results/names.json

Held-out sets (never trained on; reviewer/ner/data.py): MSRA SIGHAN-2006 test, People's Daily
1998 example.dev, CLUENER2020 dev (name → PER, address → ADDR; a predicted LOC counts as
address there), Weibo test.  Each is scored twice: the model on every sentence ("full") and
the model only on the windows ``reviewer.ner.windowing.windows`` picks ("windowed", what a
scan would run).  Speed is measured on one core on real text from corpus/hebei_gov.jsonl.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer import ner  # noqa: E402
from reviewer.ner import data  # noqa: E402
from reviewer.ner.evaluate import evaluate  # noqa: E402
from reviewer.ner.windowing import entities_in_windows, windows  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "names.json"
SPEED_CHARS = 1_000_000
TARGETS = {"msra/test PER F1": 0.92, "cluener/dev PER F1": 0.80, "cluener/dev ADDR F1": 0.60,
           "scan chars/s with model (one core)": 300_000}


class _Windowed:
    """The model seen through the windowing helper, for evaluate()."""

    def __init__(self, model):
        self.model = model

    def entities(self, text):
        return entities_in_windows(self.model, text)


def _rss_kb() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


def measure_load() -> dict:
    import gc

    gc.collect()
    import pycrfsuite  # noqa: F401  (library import is measured separately, cold, below)

    rss0 = _rss_kb()
    t0, c0 = time.perf_counter(), time.process_time()
    model = ner.load()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss1 = _rss_kb()
    cold = subprocess.run([sys.executable, "-c", "import time; t=time.perf_counter(); c=time.process_time();"
                           "from reviewer import ner; ner.load();"
                           "print(time.perf_counter()-t, time.process_time()-c)"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    mdir = ner.artifact.default_model_dir()
    size = sum(p.stat().st_size for p in mdir.iterdir() if p.is_file())
    return {"model": model.version, "artifact_bytes": size, "model_bytes": model.metadata.get("model_bytes"),
            "load_wall_s": round(wall, 3), "load_cpu_s": round(cpu, 3),
            "cold_process_import_and_load_wall_s": round(float(cold[0]), 3),
            "cold_process_import_and_load_cpu_s": round(float(cold[1]), 3),
            "memory_added_mb": round((rss1 - rss0) / 1024, 1),
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def measure_accuracy(model) -> dict:
    out = {}
    sets = data.load("heldout")
    for name, sents in sets.items():
        full = evaluate(model, sents, name)
        win = evaluate(_Windowed(model), sents, name)
        out[name] = {"full": full, "windowed": win}
    return out


def speed_text() -> tuple[str, str]:
    src = data.default_data_dir() / "corpus" / "hebei_gov.jsonl"
    parts, total = [], 0
    for line in src.open(encoding="utf-8"):
        t = json.loads(line)["text"]
        parts.append(t)
        total += len(t) + 1
        if total >= SPEED_CHARS:
            break
    return "\n".join(parts)[:SPEED_CHARS], "hebei_gov.jsonl (real)"


def _best(fn, repeat=2):
    best = None
    out = None
    for _ in range(repeat):
        c0 = time.process_time()
        out = fn()
        dt = time.process_time() - c0
        best = dt if best is None else min(best, dt)
    return best, out


def measure_speed(model) -> dict:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
    text, origin = speed_text()
    n = len(text)
    model.entities("预热：张三住在石家庄市。")
    win_s, wins = _best(lambda: windows(text, model.lexicon), 3)
    covered = sum(b - a for a, b in wins)
    windowed_s, ents_w = _best(lambda: entities_in_windows(model, text), 2)
    full_s, ents_f = _best(lambda: model.entities(text), 1)
    # the scan without the model, same text and core (benchmarks/detect.py measures it the same way)
    from reviewer import detectors
    from reviewer.parsers import parse_bytes

    doc = parse_bytes(text.encode("utf-8"), filename="speed.txt")
    detectors.analyze(parse_bytes("预热：身份证号11010519491231002X".encode("utf-8")))
    scan_s, _ = _best(lambda: detectors.analyze(doc), 2)
    from collections import Counter

    full_set = {(e.start, e.end, e.label) for e in ents_f}
    kept = Counter(e.label for e in ents_w if (e.start, e.end, e.label) in full_set)
    full_by = Counter(e.label for e in ents_f)
    return {
        "source": origin, "chars": n, "clock": "CPU seconds (process_time), one core",
        "windowing_chars_per_s": round(n / win_s) if win_s else None,
        "windows": len(wins), "window_coverage": round(covered / n, 4),
        "model_full_chars_per_s": round(n / full_s),
        "model_windowed_chars_per_s": round(n / windowed_s),
        "scan_without_model_chars_per_s": round(n / scan_s),
        "scan_with_windowed_model_chars_per_s": round(n / (scan_s + windowed_s)),
        "scan_with_full_model_chars_per_s": round(n / (scan_s + full_s)),
        "entities_full": dict(full_by),
        "entities_windowed": dict(Counter(e.label for e in ents_w)),
        "windowed_reproduces_full": {t: round(kept[t] / full_by[t], 4) for t in full_by},
    }


def report(res: dict) -> None:
    ld = res["load"]
    print(f"model {ld['model']}: {ld['artifact_bytes'] / 1e6:.1f} MB on disk; load {ld['load_wall_s']} s wall / "
          f"{ld['load_cpu_s']} s CPU; cold process (import + load) {ld['cold_process_import_and_load_wall_s']} s; "
          f"memory added {ld['memory_added_mb']} MB")
    print(f"\n{'set':<14}{'type':<6}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}   windowed P / R / F1")
    for name, r in res["accuracy"].items():
        for t, m in r["full"]["per_type"].items():
            w = r["windowed"]["per_type"].get(t, {"p": 0, "r": 0, "f1": 0})
            print(f"{name:<14}{t:<6}{m['p']:7.3f}{m['r']:7.3f}{m['f1']:7.3f}{m['gold']:7d}   "
                  f"{w['p']:.3f} / {w['r']:.3f} / {w['f1']:.3f}")
    s = res["speed"]
    print(f"\nSpeed ({s['source']}, {s['chars']:,} chars, {s['clock']}): windowing {s['windowing_chars_per_s']:,} chars/s, "
          f"windows cover {s['window_coverage']:.1%}; model on all text {s['model_full_chars_per_s']:,} chars/s, "
          f"on windows {s['model_windowed_chars_per_s']:,} chars/s of text")
    print(f"scan without model {s['scan_without_model_chars_per_s']:,} chars/s; with the windowed model "
          f"{s['scan_with_windowed_model_chars_per_s']:,}; with the model on all text {s['scan_with_full_model_chars_per_s']:,}"
          f" (target {TARGETS['scan chars/s with model (one core)']:,})")
    print(f"windowed run reproduces the full run's entities: {s['windowed_reproduces_full']}")


def main() -> int:
    if not data.available():
        print("the NER sets are not under ../shared/data/ner; nothing to measure", file=sys.stderr)
        return 2
    res = {"load": measure_load()}
    model = ner.load()
    res["accuracy"] = measure_accuracy(model)
    res["speed"] = measure_speed(model)
    res["targets"] = TARGETS
    res["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    report(res)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
