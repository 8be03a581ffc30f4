"""Train the NER model: ``python -m reviewer.ner.train [--data DIR] [--out DIR] [--force]``.

Reads the NER sets under ../shared/data/ner (data.py says which file is trained on and which is
held out), drops training sentences that overlap a held-out one, derives the lexicons from the
training sentences, fits a CRF (CRFsuite, L-BFGS, one thread), measures every held-out set and
writes models/ner/<version>/.  Retraining is skipped when the hash of the data and of the
training settings equals the one recorded in metadata.json, unless ``--force``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from reviewer.ner import artifact, augment, data
from reviewer.ner.evaluate import evaluate
from reviewer.ner.features import Lexicon, sentence_features
from reviewer.ner.model import NerModel

DEFAULT_PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 250, "feature.possible_transitions": True,
                  "feature.minfreq": 1}
FEATURE_SET = "w2"   # features.py; "w3" (wider context) is the alternative being measured
NAME_LISTS = 1500   # constructed name-list sentences (augment.py)

LICENCES = {
    "msra": "SIGHAN 2006 MSRA NER (Microsoft Research Asia); research use",
    "pd": "People's Daily 1998 NER (zjy-ucas/ChineseNER copy); research use",
    "cluener": "CLUENER2020 (CLUE benchmark); public benchmark, no licence file",
    "weibo": "Weibo NER (Peng & Dredze 2015, revised by He & Sun 2016); annotations CC BY-SA 3.0, "
             "messages under Weibo's terms of service",
}


def _settings_hash(params: dict) -> str:
    from reviewer.ner import features

    code = b"".join(Path(m.__file__).read_bytes() for m in (features, data, augment))
    return hashlib.sha256(json.dumps(params, sort_keys=True).encode() + code).hexdigest()


def fit(sentences: list[data.Sentence], lexicon: Lexicon, params: dict, log=print) -> bytes:
    import pycrfsuite

    if not any(s.spans for s in sentences):
        raise ValueError("no training sentence with an entity: nothing to learn")
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(sentence_features(s.text, lexicon), s.tags)
    trainer.set_params(params)
    log(f"fitting CRF on {len(sentences)} sentences ({params})")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()


def train(data_dir: Path, out_dir: Path, force: bool = False, params: dict | None = None,
          name_lists: int = NAME_LISTS, feature_set: str = FEATURE_SET, log=print) -> dict | None:
    import pycrfsuite

    params = {**DEFAULT_PARAMS, **(params or {}), "name_lists": name_lists, "feature_set": feature_set}
    hashes = data.source_hashes(data_dir)
    digest = data.data_hash(hashes, _settings_hash(params))
    if not force and (out_dir / "metadata.json").is_file():
        try:
            old = artifact.read_metadata(out_dir)
        except Exception:
            old = {}
        if old.get("training_data_sha256") == digest:
            log(f"training data and settings unchanged (sha256 {digest[:12]}); keeping {out_dir} (--force to retrain)")
            return None
    t0 = time.perf_counter()
    train_sets = data.load("train", data_dir)
    heldout_sets = data.load("heldout", data_dir)
    heldout_all = [s for v in heldout_sets.values() for s in v]
    train_all, dropped = data.dedupe_against([s for v in train_sets.values() for s in v], heldout_all)
    lexicon = Lexicon.from_training(train_all, feature_set=feature_set)
    train_all = train_all + augment.name_lists(train_all, lexicon.surnames, name_lists)
    crf_params = {k: v for k, v in params.items() if k not in ("name_lists", "feature_set")}
    model_bytes = fit(train_all, lexicon, crf_params, log)
    fit_s = time.perf_counter() - t0
    log(f"fitted in {fit_s:.0f} s ({len(model_bytes) / 1e6:.1f} MB)")
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(model_bytes)
    assert tagger.labels(), "CRFsuite wrote a model without labels"
    model = NerModel(tagger, lexicon, {})
    model.model_bytes = model_bytes
    metrics = {}
    for name, sents in heldout_sets.items():
        metrics[name] = evaluate(model, sents, name)
        log(f"{name}: " + ", ".join(f"{t} F1 {m['f1']:.3f}" for t, m in metrics[name]["per_type"].items()))
    counts = Counter(s.source for s in train_all)
    meta = artifact.save(model_bytes, lexicon.to_dict(), out_dir, {
        "labels": list(data.LABELS),
        "entity_types": {"PER": "person", "LOC": "place (country, region, city, river, scene)",
                         "ADDR": "address as CLUENER annotates it", "ORG": "organisation, company, government body"},
        "features": f"feature set {feature_set} (reviewer/ner/features.py): NFKC, digits→0; characters at −2…+2, "
                    "bigrams (−2,−1) (−1,0) (0,1) (1,2), trigram (−1,0,1), character classes (−1,0,1), surname / "
                    "place-suffix / org-suffix flags (lexicon.json, from the training sentences)"
                    + ("; w3 adds characters at ±3, skip bigram (−1,+1), classes −3…+3, flags at ±3"
                       if feature_set == "w3" else ""),
        "estimator": "CRFsuite linear-chain CRF, L-BFGS, " + json.dumps(crf_params, sort_keys=True),
        "constructed_name_lists": name_lists,
        "training_data": {
            "sources": hashes,
            "sets_trained": sorted(train_sets),
            "sets_held_out": sorted(heldout_sets),
            "train_sentences": dict(sorted(counts.items())),
            "train_characters": sum(len(s.text) for s in train_all),
            "dropped_overlapping_held_out": dropped,
            "mapping": {"msra/pd": data.MSRA_MAP, "cluener": data.CLUENER_MAP, "weibo": data.WEIBO_MAP},
            "licences": LICENCES,
        },
        "training_data_sha256": digest,
        "held_out": {"description": "MSRA SIGHAN-2006 test, People's Daily example.dev, CLUENER dev, Weibo test; "
                                    "never trained on; exact-span scoring (reviewer/ner/evaluate.py)",
                     "metrics": metrics},
        "fit_seconds": round(fit_s, 1),
    })
    log(f"wrote {out_dir} ({meta['model_bytes'] / 1e6:.2f} MB)")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reviewer.ner.train", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=data.default_data_dir(), help="the shared data folder")
    ap.add_argument("--out", type=Path, default=artifact.default_model_dir())
    ap.add_argument("--force", action="store_true", help="retrain even when data and settings are unchanged")
    ap.add_argument("--iterations", type=int, default=DEFAULT_PARAMS["max_iterations"])
    ap.add_argument("--c1", type=float, default=DEFAULT_PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=DEFAULT_PARAMS["c2"])
    ap.add_argument("--features", choices=("w2", "w3"), default=FEATURE_SET, help="feature set (features.py)")
    args = ap.parse_args(argv)
    if not data.available(args.data):
        print(f"the NER sets are not under {args.data}/ner; pass --data", file=sys.stderr)
        return 2
    train(args.data, args.out, force=args.force,
          params={"max_iterations": args.iterations, "c1": args.c1, "c2": args.c2}, feature_set=args.features)
    return 0


if __name__ == "__main__":
    sys.exit(main())
