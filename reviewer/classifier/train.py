"""Train the disclosure model: ``python -m reviewer.classifier.train [--data DIR] [--force]``.

Reads ../shared/data/corpus and the constructed documents, trains on everything except
the held-out split (corpus.py), measures the held-out split, and writes
models/disclosure/<version>/ as plain arrays (model.export).  Retraining is skipped when
the training data's hash equals the one recorded in metadata.json, unless ``--force``.

``--convert-format-1 DIR`` re-exports a format-1 artifact (a scikit-learn pickle) as
arrays without retraining: same weights, same probabilities, same ``model_id``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from reviewer.classifier import artifact, corpus
from reviewer.classifier.model import LABELS, DisclosureModel, fit


def evaluate(model: DisclosureModel, examples: list[corpus.Example]) -> dict:
    """Macro-F1, per-class figures and the confusion matrix over ``examples``."""
    from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

    if not examples:
        return {}
    proba = model.predict_many([e.text for e in examples])
    classes = list(model.labels)
    pred = [classes[i] for i in proba.argmax(axis=1)]
    gold = [e.label for e in examples]
    labels = [lab for lab in LABELS if lab in gold]  # macro over the classes present
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    cm = confusion_matrix(gold, pred, labels=list(LABELS))
    by_source: dict[str, dict] = {}
    for src in sorted({e.source.split(":")[0] for e in examples}):
        idx = [i for i, e in enumerate(examples) if e.source.split(":")[0] == src]
        by_source[src] = {"n": len(idx), "accuracy": round(sum(gold[i] == pred[i] for i in idx) / len(idx), 4)}
    regs = [i for i, e in enumerate(examples) if e.source == "regulations"]
    return {
        "n": len(examples),
        "support": dict(Counter(gold)),
        "macro_f1": round(float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)), 4),
        "per_class": {lab: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                            "f1": round(float(f[i]), 4), "support": int(s[i])} for i, lab in enumerate(labels)},
        "confusion_matrix": {"labels": list(LABELS), "rows_gold_cols_predicted": cm.tolist()},
        "not_public_recall": round(float(r[labels.index("not_public")]), 4) if "not_public" in labels else None,
        "regulations_proactive_rate": round(sum(pred[i] == "proactive" for i in regs) / len(regs), 4) if regs else None,
        "regulations_n": len(regs),
        "accuracy_by_source": by_source,
    }


def train(data_dir: Path, out_dir: Path, force: bool = False, log=print) -> dict | None:
    hashes = corpus.source_hashes(data_dir)
    digest = corpus.data_hash(hashes)
    if not force and (out_dir / "metadata.json").is_file():
        try:
            old = artifact.read_metadata(out_dir)
        except Exception:
            old = {}
        if old.get("training_data_sha256") == digest:
            log(f"training data unchanged (sha256 {digest[:12]}); keeping {out_dir} (use --force to retrain)")
            return None
    t0 = time.perf_counter()
    examples = corpus.all_examples(data_dir)
    train_set = [e for e in examples if not e.held_out]
    held_out = [e for e in examples if e.held_out]
    log(f"training on {len(train_set)} documents {dict(Counter(e.label for e in train_set))}; "
        f"{len(held_out)} held out")
    bundle = fit([e.text for e in train_set], [e.label for e in train_set])
    fit_s = time.perf_counter() - t0
    model = DisclosureModel(bundle, {})
    metrics = evaluate(model, held_out)
    log(f"held-out macro-F1 {metrics['macro_f1']}, not_public recall {metrics['not_public_recall']}, "
        f"regulations proactive {metrics['regulations_proactive_rate']}")
    meta = artifact.save(bundle, out_dir, {
        "labels": [str(x) for x in bundle["labels"]],
        "label_names": {"proactive": "主动公开", "on_request": "依申请公开", "not_public": "不予公开"},
        "features": "TfidfVectorizer(char 1-3-grams, sublinear tf, max 40k) on model_text() "
                    "(附注 disclosure labels stripped, whitespace removed, digits→0)",
        "estimator": "CalibratedClassifierCV(LinearSVC(C=0.3, balanced), cv=5, sigmoid)",
        "training_data": {"sources": hashes, "sha256": digest,
                          "train_counts": {f"{src}/{lab}": n for (src, lab), n in sorted(Counter(
                              (e.source.split(':')[0], e.label) for e in train_set).items())}},
        "training_data_sha256": digest,
        "held_out": {"description": "whole issuers/sources never trained on: hebei jyt.hebei.gov.cn, govcn, "
                                    "Shandong 生态环境厅 and 应急管理厅 letters, every fifth regulation, constructed "
                                    "test split (unseen places, unseen template families)",
                     "metrics": metrics},
        "fit_seconds": round(fit_s, 1),
    })
    log(f"wrote {out_dir} ({meta['model_bytes'] / 1e6:.2f} MB)")
    return meta


def convert_format_1(src: Path, out_dir: Path, log=print) -> dict:
    """Export the scikit-learn pickle of a format-1 artifact in ``src`` as format-2 arrays
    in ``out_dir``, keeping its metadata (data hashes, metrics) and its identity."""
    import joblib

    from reviewer.classifier.model import export

    old = artifact.read_metadata(src)
    if old.get("format_version") != 1:
        raise SystemExit(f"{src} is not a format-1 artifact")
    expected = (src / "model.joblib.sha256").read_text(encoding="utf-8").split()[0]
    if artifact._sha256(src / "model.joblib") != expected:
        raise SystemExit(f"{src}/model.joblib does not match its checksum")
    bundle = joblib.load(src / "model.joblib")
    arrays = export(bundle["vectorizer"], bundle["classifier"])
    keep = {k: v for k, v in old.items() if k not in (
        "format_version", "model_file", "model_sha256", "model_bytes", "signed", "arrays", "created")}
    keep["model_id"] = old.get("model_id") or old["model_sha256"]
    keep["trained"] = old.get("trained") or old.get("created")
    keep["converted_from"] = {"format_version": 1, "model_file": old.get("model_file"),
                              "model_sha256": old["model_sha256"], "libraries": old.get("libraries")}
    keep.pop("libraries", None)
    meta = artifact.save(arrays, out_dir, keep)
    meta_libs = meta["libraries"]
    log(f"converted {src} (format 1, sha256 {old['model_sha256'][:12]}) to {out_dir} "
        f"(format {meta['format_version']}, {meta['model_bytes'] / 1e6:.2f} MB, numpy {meta_libs['numpy']})")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reviewer.classifier.train", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=corpus.default_data_dir(), help="the shared data folder")
    ap.add_argument("--out", type=Path, default=artifact.default_model_dir())
    ap.add_argument("--force", action="store_true", help="retrain even when the data hash is unchanged")
    ap.add_argument("--convert-format-1", type=Path, metavar="DIR",
                    help="re-export a format-1 (pickled) artifact in DIR as arrays, without retraining")
    args = ap.parse_args(argv)
    if args.convert_format_1:
        convert_format_1(args.convert_format_1, args.out)
        return 0
    if not (args.data / "corpus").is_dir():
        print(f"no corpus under {args.data}; pass --data", file=sys.stderr)
        return 2
    train(args.data, args.out, force=args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
