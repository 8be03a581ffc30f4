"""Scoring on the frozen held-out sets — figures the detectors were never tuned on.

Two sets, each built by a different method from the dev set, both frozen (MANIFEST.sha256)
before any tuning, never edited to make a case pass:

* ``benchmarks/heldout/`` — drafts written blind (by a helper that never read the
  detectors or the classifier) from a brief of the phenomena, in TXT, DOCX and PDF, with
  gold findings, gold lawful ("recognised") items and a gold disclosure attribute.
* ``benchmarks/heldout_real/`` — a seeded random draw of real Hebei pages from
  ``../shared/data/corpus/hebei_gov.jsonl``, labelled by hand (blind); the texts are read from
  the shared data at run time, never copied into the project.

A gold label is every occurrence of its text (white space between characters allowed,
for PDF line joins), narrowed by ``context`` when given.  Personal types are matched by
type (``id_card_legacy`` counts as ``id_card``); secrecy, commercial, credential and process
items by category, since their type vocabularies are finer than any one detector's.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from reviewer.parsers import parse_bytes
from reviewer.scan import detect_all

ROOT = Path(__file__).resolve().parents[1]
SYNTH = ROOT / "benchmarks" / "heldout"
REAL = ROOT / "benchmarks" / "heldout_real"
TYPE_ALIASES = {"id_card_legacy": "id_card"}
BY_CATEGORY = ("secrecy", "commercial", "credential", "process")
TARGETS = {"personal_recall": 0.97, "personal_type_recall": 0.9, "commercial_recall": 0.9,
           "credential_recall": 0.9, "process_recall": 0.85, "lawful_flagged_max": 0.01,
           "real_strict_precision": 0.8}


def _loose(value: str) -> re.Pattern:
    return re.compile(r"\s*".join(re.escape(c) for c in value if not c.isspace()))


def occurrences(text: str, value: str, context: str | None = None) -> list[tuple[int, int]]:
    rx = _loose(value)
    if not context:
        return [m.span() for m in rx.finditer(text)]
    out = []
    for c in _loose(context).finditer(text):
        m = rx.search(text, c.start(), c.end())
        if m:
            out.append(m.span())
    return out


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def gold_key(category: str, typ: str) -> str:
    """What a label is scored as: the personal type, or the category for the others."""
    if category in BY_CATEGORY:
        return category
    return TYPE_ALIASES.get(typ, typ)


def pred_key(f) -> str:
    return gold_key(f.category, f.type)


def manifest_ok(folder: Path) -> bool | None:
    """True when every file in MANIFEST.sha256 still has its frozen hash."""
    man = folder / "MANIFEST.sha256"
    if not man.exists():
        return None
    for line in man.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, name = line.split(maxsplit=1)
        p = folder / name.strip().lstrip("*")
        if not p.exists() or hashlib.sha256(p.read_bytes()).hexdigest() != digest:
            return False
    return True


class Tally:
    """Counts over many documents: recall per key, lawful items flagged, precision."""

    def __init__(self) -> None:
        self.gold, self.hit = Counter(), Counter()
        self.lawful, self.lawful_flagged, self.lawful_recognised = Counter(), Counter(), Counter()
        self.found, self.found_ok, self.found_lenient = Counter(), Counter(), Counter()
        self.misses, self.flagged, self.false_pos = [], [], []

    def add(self, name: str, text: str, findings, recognised, gold_findings, gold_lawful,
            limit: int | None = None) -> None:
        limit = len(text) if limit is None else limit
        gold = {}
        for lab in gold_findings:
            for sp in occurrences(text, lab["text"], lab.get("context")):
                if sp[0] < limit:
                    gold[(gold_key(lab.get("category", "personal"), lab["type"]), sp)] = lab
        lawful = {}
        for lab in gold_lawful:
            for sp in occurrences(text, lab["text"], lab.get("context")):
                if sp[0] < limit and not any(_overlaps(sp, s) for _, s in gold):
                    lawful[sp] = lab
        findings = [f for f in findings if f.start < limit]
        for (key, sp), lab in gold.items():
            self.gold[key] += 1
            if any(pred_key(f) == key and _overlaps((f.start, f.end), sp) for f in findings):
                self.hit[key] += 1
            else:
                self.misses.append({"file": name, "key": key, "text": lab["text"]})
        for sp, lab in lawful.items():
            self.lawful[lab.get("rule", "?")] += 1
            hit = [f for f in findings if _overlaps((f.start, f.end), sp)]
            if hit:
                self.lawful_flagged[lab.get("rule", "?")] += 1
                self.flagged.append({"file": name, "rule": lab.get("rule"), "text": lab["text"],
                                     "as": hit[0].type})
            if any(_overlaps((r.start, r.end), sp) for r in recognised):
                self.lawful_recognised[lab.get("rule", "?")] += 1
        for f in findings:
            key = pred_key(f)
            self.found[key] += 1
            if any(k == key and _overlaps((f.start, f.end), sp) for k, sp in gold):
                self.found_ok[key] += 1
            elif any(_overlaps((f.start, f.end), sp) for _, sp in gold):
                self.found_lenient[key] += 1
            else:
                self.false_pos.append({"file": name, "key": key, "text": f.text, "detector": f.detector})

    def summary(self) -> dict:
        per_key = {k: {"gold": self.gold[k], "found": self.found[k],
                       "recall": round(self.hit[k] / self.gold[k], 4) if self.gold[k] else None,
                       "precision": round(self.found_ok[k] / self.found[k], 4) if self.found[k] else None}
                   for k in sorted(set(self.gold) | set(self.found))}
        personal = [k for k in self.gold if k not in BY_CATEGORY]
        pg = sum(self.gold[k] for k in personal)
        ph = sum(self.hit[k] for k in personal)
        n_lawful = sum(self.lawful.values())
        n_found = sum(self.found.values())
        return {
            "per_key": per_key,
            "personal_recall": round(ph / pg, 4) if pg else None,
            "gold_findings": sum(self.gold.values()),
            "findings": n_found,
            "strict_precision": round(sum(self.found_ok.values()) / n_found, 4) if n_found else None,
            "lenient_precision": round((sum(self.found_ok.values()) + sum(self.found_lenient.values()))
                                       / n_found, 4) if n_found else None,
            "lawful_items": n_lawful,
            "lawful_flagged": sum(self.lawful_flagged.values()),
            "lawful_flagged_share": round(sum(self.lawful_flagged.values()) / n_lawful, 4) if n_lawful else None,
            "lawful_recognised_share": round(sum(self.lawful_recognised.values()) / n_lawful, 4)
            if n_lawful else None,
            "lawful_by_rule": {r: {"items": self.lawful[r], "flagged": self.lawful_flagged[r],
                                   "recognised": self.lawful_recognised[r]} for r in sorted(self.lawful)},
            "misses": self.misses[:80], "lawful_flagged_examples": self.flagged[:60],
            "false_positives": self.false_pos[:60],
        }


def evaluate_synthetic() -> dict | None:
    """The blind-written drafts in every format they were rendered to."""
    labels_path = SYNTH / "labels.json"
    if not labels_path.exists():
        return None
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["files"]
    by_format: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    not_in_text = []
    for stem, lab in sorted(labels.items()):
        for path in sorted((SYNTH / "files").glob(stem + ".*")):
            fmt = path.suffix.lstrip(".")
            try:
                doc = parse_bytes(path.read_bytes(), filename=path.name)
            except Exception as exc:  # a file we cannot parse is a miss of everything in it
                not_in_text.append({"file": path.name, "error": type(exc).__name__})
                continue
            findings, recognised = detect_all(doc)
            for lb in lab.get("findings", []):
                if not occurrences(doc.text, lb["text"], lb.get("context")):
                    not_in_text.append({"file": path.name, "text": lb["text"]})
            for t in (by_format[fmt], total):
                t.add(path.name, doc.text, findings, recognised, lab.get("findings", []), lab.get("recognised", []))
    out = total.summary()
    out["by_format"] = {fmt: {k: v for k, v in t.summary().items()
                              if k in ("personal_recall", "strict_precision", "lawful_flagged_share")}
                        for fmt, t in sorted(by_format.items())}
    out["documents"] = len(labels)
    out["labels_not_in_extracted_text"] = not_in_text[:40]
    out["labels_not_in_extracted_text_count"] = len(not_in_text)
    out["frozen"] = manifest_ok(SYNTH)
    return out


def evaluate_real(corpus: Path) -> dict | None:
    """The hand-labelled random sample of real Hebei pages."""
    labels_path = REAL / "labels.json"
    src = corpus / "hebei_gov.jsonl"
    if not labels_path.exists() or not src.exists():
        return None
    data = json.loads(labels_path.read_text(encoding="utf-8"))
    docs = data["docs"]
    texts = {}
    for line in src.open(encoding="utf-8"):
        d = json.loads(line)
        if d["id"] in docs:
            texts[d["id"]] = d["text"]
    t = Tally()
    for did in data["meta"]["drawn_ids"]:
        lab = docs[did]
        text = texts[did]
        limit = lab.get("labelled_chars")
        doc = parse_bytes(text.encode("utf-8"), filename=f"{did}.txt")
        findings, recognised = detect_all(doc)
        t.add(did, doc.text, findings, recognised, lab.get("findings", []), lab.get("recognised", []), limit)
    out = t.summary()
    out["documents"] = len(data["meta"]["drawn_ids"])
    out["frozen"] = manifest_ok(REAL)
    return out


def report(name: str, res: dict | None) -> None:
    if res is None:
        print(f"\n{name}: absent")
        return
    print(f"\n{name}: {res['documents']} documents, frozen manifest intact: {res['frozen']}")
    print(f"  personal recall {res['personal_recall']}  (target ≥ {TARGETS['personal_recall']})")
    for k, v in res["per_key"].items():
        r = "-" if v["recall"] is None else f"{v['recall']:.3f}"
        p = "-" if v["precision"] is None else f"{v['precision']:.3f}"
        print(f"  {k:20} gold {v['gold']:4d} found {v['found']:4d} recall {r:>6} precision {p:>6}")
    print(f"  findings {res['findings']}: strict precision {res['strict_precision']}, "
          f"lenient {res['lenient_precision']}")
    print(f"  lawful items {res['lawful_items']}: flagged {res['lawful_flagged']} "
          f"({res['lawful_flagged_share']}; target ≤ {TARGETS['lawful_flagged_max']}), "
          f"recognised {res['lawful_recognised_share']}")
    for r, v in res["lawful_by_rule"].items():
        print(f"    {r:18} items {v['items']:4d} flagged {v['flagged']:4d} recognised {v['recognised']:4d}")
    if res.get("by_format"):
        for fmt, v in res["by_format"].items():
            print(f"  {fmt}: {v}")


# -- the disclosure attribute on the blind drafts ------------------------------------------
def evaluate_attribute(formats: tuple[str, ...] = ("txt", "docx", "pdf")) -> dict | None:
    """Suggested attribute against the gold one, for the whole pipeline (parse → detectors →
    rules + model) and for the model alone, overall and per genre; 附注 overrides."""
    from sklearn.metrics import f1_score, recall_score

    from reviewer.classifier import load_model
    from reviewer.scan import scan_document

    labels_path = SYNTH / "labels.json"
    if not labels_path.exists():
        return None
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["files"]
    model = load_model()
    gold, pipe, alone, rows = [], [], [], []
    mismatch_total = mismatch_overridden = 0
    needs_h = Counter()
    for stem, lab in sorted(labels.items()):
        for fmt in formats:
            path = SYNTH / "files" / f"{stem}.{fmt}"
            if not path.exists():
                continue
            try:
                res = scan_document(parse_bytes(path.read_bytes(), filename=path.name))
            except Exception as exc:
                rows.append({"file": path.name, "error": type(exc).__name__})
                continue
            sug = res.suggestion
            from reviewer.classifier.text import strip_disclosure_labels

            m = model.predict(strip_disclosure_labels(res.document.text)).attribute
            gold.append(lab["attribute"])
            pipe.append(sug.attribute)
            alone.append(m)
            expected_h = bool(lab.get("needs_human_expected"))
            needs_h[(expected_h, bool(sug.needs_human))] += 1
            if lab.get("annotation_mismatch"):
                mismatch_total += 1
                declared = (sug.declared_check or {}).get("declared")
                if sug.attribute == lab["attribute"] and declared != lab["attribute"]:
                    mismatch_overridden += 1
            rows.append({"file": path.name, "genre": lab.get("genre"), "gold": lab["attribute"],
                         "pipeline": sug.attribute, "model": m, "needs_human": sug.needs_human})

    def scores(pred):
        present = sorted(set(gold))
        out = {"macro_f1": round(float(f1_score(gold, pred, labels=present, average="macro", zero_division=0)), 4)}
        for cls in ("not_public", "on_request", "proactive"):
            if cls in gold:
                out[f"{cls}_recall"] = round(float(recall_score(gold, pred, labels=[cls], average="macro",
                                                                zero_division=0)), 4)
        cm = Counter(zip(gold, pred))
        out["confusion"] = {g: {p: cm[(g, p)] for p in ("proactive", "on_request", "not_public")}
                            for g in ("proactive", "on_request", "not_public")}
        return out

    by_genre: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        if "error" in r:
            continue
        g = by_genre[r["genre"] or "?"]
        g["n"] += 1
        g["pipeline_ok"] += r["pipeline"] == r["gold"]
        g["model_ok"] += r["model"] == r["gold"]
    return {
        "files": len(gold), "documents": len(labels), "formats": list(formats),
        "pipeline": scores(pipe), "model_alone": scores(alone),
        "annotation_mismatch": {"files": mismatch_total, "overridden": mismatch_overridden},
        "needs_human": {"expected_and_set": needs_h[(True, True)], "expected_not_set": needs_h[(True, False)],
                        "set_not_expected": needs_h[(False, True)], "neither": needs_h[(False, False)]},
        "by_genre": {g: dict(c) for g, c in sorted(by_genre.items())},
        "errors": [r for r in rows if "error" in r or r["pipeline"] != r["gold"]][:80],
        "frozen": manifest_ok(SYNTH),
    }
