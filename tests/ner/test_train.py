"""`python -m reviewer.ner.train` on a miniature copy of the shared data layout written here;
and, when the real ../shared/data/ner is present, that its held-out sets never reach training."""

import json

import pytest

from reviewer import ner
from reviewer.ner import data, train

NAMES = ["王小明", "李建国", "张丽华", "刘强", "陈静", "杨帆", "赵志刚", "孙丽", "周建华", "吴敏", "郑伟", "黄海燕"]
CITIES = ["保定市", "邯郸市", "唐山市", "沧州市"]


def _lines(k):
    return [(NAMES[(i + k) % len(NAMES)], CITIES[(i * 3 + k) % len(CITIES)]) for i in range(12)]


def _write_tiny_data(root):
    ner_dir = root / "ner"
    for sub, k in (("stanleysun233_val", 0), ("stanleysun233_test", 1)):
        d = ner_dir / "msra" / sub
        d.mkdir(parents=True)
        sents, tags = [], []
        for name, city in _lines(k):
            verb = ("今天在", "昨天到")[k]   # held-out sentences differ from trained ones (dedupe_against)
            text = f"{name}{verb}{city}讲话"
            sents.append(" ".join(text))
            tags.append(" ".join(["B-PER"] + ["I-PER"] * (len(name) - 1) + ["O"] * 3 + ["B-LOC", "I-LOC", "I-LOC", "O", "O"]))
        (d / "sentences.txt").write_text("\n".join(sents) + "\n", encoding="utf-8")
        (d / "tags.txt").write_text("\n".join(tags) + "\n", encoding="utf-8")
    pd = ner_dir / "peoples_daily_1998"
    pd.mkdir(parents=True)
    for fname, k in (("example.test", 2), ("example.dev", 3)):
        rows = []
        for name, city in _lines(k):
            rows += [f"{c} {'B-PER' if i == 0 else 'I-PER'}" for i, c in enumerate(name)] + ["来 O", ("自 O", "到 O")[k - 2]]
            rows += [f"{c} {'B-LOC' if i == 0 else 'I-LOC'}" for i, c in enumerate(city)] + [""]
        (pd / fname).write_text("\n".join(rows) + "\n", encoding="utf-8")
    cl = ner_dir / "cluener2020"
    cl.mkdir(parents=True)
    for fname, k in (("train.jsonl", 4), ("dev.jsonl", 5)):
        with open(cl / fname, "w", encoding="utf-8") as fh:
            for name, city in _lines(k):
                text = f"{name}住在{city}" + ("建设路8号", "和平路3号")[k - 4]
                fh.write(json.dumps({"text": text, "label": {"name": {name: [[0, len(name) - 1]]},
                                     "address": {text[len(name) + 2:]: [[len(name) + 2, len(text) - 1]]}}},
                                    ensure_ascii=False) + "\n")
    wb = ner_dir / "weibo_ner"
    wb.mkdir(parents=True)
    for fname, k in (("weiboNER_2nd_conll.train", 6), ("weiboNER_2nd_conll.dev", 7), ("weiboNER_2nd_conll.test", 8)):
        rows = []
        for name, _ in _lines(k):
            rows += [f"{c}0\t{'B-PER.NAM' if i == 0 else 'I-PER.NAM'}" for i, c in enumerate(name)] + [f"{'好坏棒'[k - 6]}0\tO", ""]
        (wb / fname).write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def test_train_writes_a_loadable_artifact_and_skips_when_nothing_changed(tmp_path):
    root = _write_tiny_data(tmp_path / "shared")
    assert data.available(root)
    out = tmp_path / "model"
    meta = train.train(root, out, params={"max_iterations": 30}, name_lists=40, log=lambda *_: None)
    assert meta["training_data"]["train_sentences"]["msra/val"] == 12 and meta["training_data"]["dropped_overlapping_held_out"] == 0
    assert "constructed/name_lists" in meta["training_data"]["train_sentences"]
    assert set(meta["held_out"]["metrics"]) == {"msra/test", "pd/dev", "cluener/dev", "weibo/test"}
    model = ner.load(out)
    text = "王小明今天在保定市讲话"
    assert ("王小明", "PER") in {(text[e.start:e.end], e.label) for e in model.entities(text)}
    assert train.train(root, out, params={"max_iterations": 30}, name_lists=40, log=lambda *_: None) is None   # unchanged
    again = train.train(root, out, force=True, params={"max_iterations": 30}, name_lists=40, log=lambda *_: None)
    assert again["model_sha256"] == meta["model_sha256"]                                      # same bytes


def test_main_says_so_when_the_data_are_absent(tmp_path, capsys):
    assert train.main(["--data", str(tmp_path), "--out", str(tmp_path / "m")]) == 2
    assert "not under" in capsys.readouterr().err


@pytest.mark.skipif(not data.available(), reason="../shared/data/ner is not on this machine")
def test_no_held_out_sentence_reaches_the_training_sentences():
    held = [s for v in data.load("heldout").values() for s in v]
    trained, dropped = data.dedupe_against([s for v in data.load("train").values() for s in v], held)
    assert dropped > 0
    held_texts = {s.text for s in held}
    assert not [s for s in trained if s.text in held_texts]
