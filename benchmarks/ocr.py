"""OCR: accuracy on a regenerable scanned test set, and speed.

The set is made here, seeded (reviewer.synth.scan_render): A4 pages of a 公示 list (序号,
姓名, 身份证号, 手机, 银行卡号; fake people with valid GB 11643 / Luhn check digits) at 150,
200 and 300 dpi, each clean-ish (light noise, JPEG 70) and spoiled (noise, 1.5° turn,
JPEG 40, a red seal over the rows, a table grid); a photographed-looking list (uneven
yellowish light, blur, 2.5° turn); and pages of real published text from
../shared/data/corpus (govcn.jsonl) at 200 dpi.  Every page goes through the product
path: an image-only PDF → ``parse_bytes`` (render + OCR) → ``scan_document``.

Reported, per group and overall:

* CER — character error rate, edit distance between the text drawn and the OCR text
  (white space removed on both sides) over the length of the text drawn;
* recall of 身份证号, mobiles, bank cards and names: a planted value counts as found when a
  finding of that type has exactly that text (targets: identifier recall >= 0.95 at 200 dpi);
* leaks: the 200 dpi list pages are redacted (accept all, ``block``) and parsed again by
  OCR; any planted identifier still read is a leak (target 0);
* speed: pages/s and per-page latency (parse = render + OCR) by wall time and CPU time,
  peak memory (RSS) of the process; and the cost OCR adds to a text-layer PDF (target: none).

    .venv/bin/python benchmarks/ocr.py            # writes benchmarks/results/ocr.json
    .venv/bin/python benchmarks/ocr.py --quick    # 200 dpi only
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer.parsers import parse_bytes  # noqa: E402
from reviewer.scan import detect  # noqa: E402  (the findings; the attribute model is not measured here)
from reviewer.synth.fake import Faker  # noqa: E402
from reviewer.synth.scan_render import Spoil, image_pdf, render_page  # noqa: E402

CORPUS = Path(os.environ.get("REVIEWER_SHARED_DATA", ROOT.parent / "shared" / "data")) / "corpus" / "govcn.jsonl"
TYPES = {"id_card": 1, "mobile": 2, "bank_card": 3, "person_name": 0}


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


def list_page(fk: Faker, rows: int = 8):
    people = [(fk.name(), fk.id_card(), fk.mobile(), fk.bank_card(19)) for _ in range(rows)]
    lines = ["关于2024年度城乡低保对象的公示", "序号  姓名  身份证号码  联系电话  银行卡号"]
    lines += [f"{i}  {n}  {idn}  {m}  {card}" for i, (n, idn, m, card) in enumerate(people, 1)]
    lines += ["公示期：2024年6月1日至6月7日", "监督电话：0311-86012345"]
    return lines, people


def corpus_pages(n: int) -> list[list[str]]:
    out = []
    if not CORPUS.is_file():
        return out
    with CORPUS.open(encoding="utf-8") as fh:
        for row in fh:
            text = "".join(json.loads(row).get("text", "").split())
            if len(text) < 900:
                continue
            body = text[300:300 + 34 * 18]
            out.append([body[i:i + 34] for i in range(0, len(body), 34)])
            if len(out) >= n:
                break
    return out


def build_set(quick: bool):
    fk = Faker(2015)
    light = Spoil(noise=6, jpeg=70)
    heavy = Spoil(noise=12, rotate=1.5, jpeg=40, seal=True, grid=True)
    photo = Spoil(noise=8, rotate=2.5, jpeg=50, blur=1.0, tint=True)
    pages = []
    for dpi in ((200,) if quick else (150, 200, 300)):
        for label, sp in (("light", light), ("heavy", heavy)):
            lines, people = list_page(fk)
            pages.append({"group": f"list {dpi}dpi {label}", "dpi": dpi, "lines": lines, "people": people, "spoil": sp})
    lines, people = list_page(fk)
    pages.append({"group": "photographed list 200dpi", "dpi": 200, "lines": lines, "people": people, "spoil": photo})
    lines, people = list_page(fk)       # where it breaks: a bad fax of a copy
    pages.append({"group": "harsh list 150dpi", "dpi": 150, "lines": lines, "people": people,
                  "spoil": Spoil(noise=22, rotate=3.0, jpeg=25, blur=1.2, seal=True, grid=True)})
    for i, lines in enumerate(corpus_pages(1 if quick else 3)):
        pages.append({"group": "corpus text 200dpi", "dpi": 200, "lines": lines, "people": [], "spoil": light})
    return pages


def run_page(p: dict, seed: int) -> dict:
    img = render_page(p["lines"], dpi=p["dpi"], font_pt=11, spoil=p["spoil"], seed=seed)
    pdf = image_pdf([img], dpi=p["dpi"])
    env_dpi = os.environ.get("REVIEWER_OCR_DPI")
    os.environ["REVIEWER_OCR_DPI"] = str(p["dpi"])     # read at the resolution it was scanned at
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        doc = parse_bytes(pdf, "scan.pdf")
    finally:
        if env_dpi is None:
            os.environ.pop("REVIEWER_OCR_DPI", None)
        else:
            os.environ["REVIEWER_OCR_DPI"] = env_dpi
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    ocr_text = "".join(doc.text[b.start:b.end] for b in doc.blocks if b.part == "ocr")
    truth = "".join("".join(p["lines"]).split())
    got = "".join(ocr_text.split())
    findings = detect(doc)
    found = {(f.type, f.text) for f in findings}
    rec = {}
    for t, k in TYPES.items():
        planted = [person[k] for person in p["people"]]
        rec[t] = (sum(1 for v in planted if (t, v) in found), len(planted))
    out = {"group": p["group"], "dpi": p["dpi"], "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
           "chars": len(truth), "errors": edit_distance(truth, got), "recall": rec,
           "unreadable": [w.code for w in doc.warnings if w.code == "ocr_unreadable"]}
    if p["people"] and (p["dpi"] == 200 or p["group"].startswith("harsh")):
        out["leaks"] = leaks(doc, findings, p["people"])
    return out


def leaks(doc, findings, people) -> dict:
    """Redact every identifier and name found (accept all, ``block``), read the output again
    by OCR: a *removed* value still read is a leak (target 0); a planted value that was
    never found is a miss (it stays, as in any document where a detector misses)."""
    from reviewer.errors import VerificationError
    from reviewer.redaction import redact_document

    ids = [f for f in findings if f.type in ("id_card", "mobile", "bank_card", "person_name")]
    removed = {f.text for f in ids}
    try:
        res = redact_document(doc, ids, accept_all=True, style="block")
    except VerificationError as exc:
        return {"refused": exc.code}          # fail closed: nothing written, nothing leaked
    again = "".join(parse_bytes(res.output, "out.pdf").text.split())
    planted = [v for person in people for v in person[1:]]
    return {"leaked": sum(1 for v in planted if v in removed and v in again),
            "missed_still_readable": sum(1 for v in planted if v not in removed and v in again)}


def text_layer_cost() -> dict:
    from reviewer.synth.pdf_writer import Page, build_pdf

    pdf = build_pdf([Page([f"第{i}页正文，联系人王某，电话13812345678。" * 6]) for i in range(20)])
    times = {}
    for flag in ("0", "1"):
        os.environ["REVIEWER_OCR"] = flag
        best = 1e9
        for _ in range(3):
            t0 = time.perf_counter()
            doc = parse_bytes(pdf, "text.pdf")
            best = min(best, time.perf_counter() - t0)
        times[flag] = best
        assert not any(b.part == "ocr" for b in doc.blocks)
    os.environ.pop("REVIEWER_OCR", None)
    return {"pages": 20, "seconds_ocr_off": round(times["0"], 3), "seconds_ocr_on": round(times["1"], 3)}


def summarise(rows: list[dict]) -> dict:
    def agg(sel):
        chars = sum(r["chars"] for r in sel)
        out = {"pages": len(sel), "cer": round(sum(r["errors"] for r in sel) / chars, 4) if chars else None}
        for t in TYPES:
            f = sum(r["recall"][t][0] for r in sel)
            n = sum(r["recall"][t][1] for r in sel)
            if n:
                out[f"recall_{t}"] = round(f / n, 3)
        lk = [r["leaks"] for r in sel if "leaks" in r]
        if lk:
            out["leaked_removed_values"] = sum(x.get("leaked", 0) for x in lk)
            out["missed_values_left_readable"] = sum(x.get("missed_still_readable", 0) for x in lk)
            out["redactions_refused"] = sum(1 for x in lk if "refused" in x)
        walls = [r["wall_s"] for r in sel]
        out["latency_wall_s_median"] = round(statistics.median(walls), 2)
        out["latency_cpu_s_median"] = round(statistics.median(r["cpu_s"] for r in sel), 2)
        return out

    groups = {}
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
    by_dpi = {}
    for r in rows:
        by_dpi.setdefault(f"{r['dpi']}dpi", []).append(r)
    return {"overall": agg(rows), "by_group": {g: agg(v) for g, v in groups.items()},
            "by_dpi": {d: agg(v) for d, v in by_dpi.items()}}


def main() -> None:
    quick = "--quick" in sys.argv
    from reviewer.ocr.engine import get_engine

    t0 = time.perf_counter()
    get_engine()
    load_s = time.perf_counter() - t0
    rows = []
    for i, p in enumerate(build_set(quick)):
        r = run_page(p, seed=i)
        rows.append(r)
        print(f"{r['group']:<28} {r['wall_s']:6.1f} s wall {r['cpu_s']:6.1f} s cpu  CER {r['errors']}/{r['chars']}  "
              f"recall {r['recall']}  leaks {r.get('leaks', '-')}", flush=True)
    summary = summarise(rows)
    a4_200 = [r for r in rows if r["dpi"] == 200]
    wall = sum(r["wall_s"] for r in a4_200)
    cpu = sum(r["cpu_s"] for r in a4_200)
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_avg": os.getloadavg()},
        "engine": {"model": "rapidocr 3.10.0 PP-OCRv6 small det+rec (onnxruntime)", "load_s": round(load_s, 2)},
        "summary": summary,
        "speed_200dpi_a4": {"pages": len(a4_200), "pages_per_s_wall": round(len(a4_200) / wall, 3),
                            "pages_per_cpu_s": round(len(a4_200) / cpu, 3),
                            "latency_wall_s": sorted(r["wall_s"] for r in a4_200)},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "text_layer_pdf": text_layer_cost(),
        "pages": rows,
    }
    out = ROOT / "benchmarks" / "results" / "ocr.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "pages"}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
