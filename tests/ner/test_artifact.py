"""The NER artifact is refused, with a code that says why, when anything about it does not match."""

import json
import shutil

import pytest

from reviewer import ner
from reviewer.errors import ModelError
from reviewer.ner import artifact
from reviewer.ner.data import Sentence, bio_from_spans
from reviewer.ner.features import Lexicon
from reviewer.ner.train import fit

LEX = Lexicon(frozenset("王李张"), frozenset("市"), frozenset("局"), frozenset("王李张"), frozenset("市"))


def _sentences():
    out = []
    for name in ("王小明", "李建国", "张丽", "王芳", "李强", "张伟"):
        for city in ("保定市", "邯郸市", "唐山市"):
            text = f"{name}昨天到{city}开会。"
            spans = [(0, len(name), "PER"), (len(name) + 3, len(name) + 6, "LOC")]
            out.append(Sentence(text, bio_from_spans(len(text), spans), "test", spans))
    return out


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("ner") / "v1"
    model_bytes = fit(_sentences(), LEX, {"c1": 0.0, "c2": 0.01, "max_iterations": 60}, log=lambda *_: None)
    artifact.save(model_bytes, LEX.to_dict(), d, {"labels": ["O"]})
    return d


def _copy(src, tmp_path):
    dst = tmp_path / "copy"
    shutil.copytree(src, dst)
    return dst


def test_a_saved_model_loads_and_tags_what_it_was_trained_on(tiny_model_dir):
    model = ner.load(tiny_model_dir)
    labels = [(text, e.label) for e in model.entities("王小明昨天到保定市开会。")
              for text in ["王小明昨天到保定市开会。"[e.start:e.end]]]
    assert ("王小明", "PER") in labels and ("保定市", "LOC") in labels
    assert model.metadata["model_sha256"] == artifact.hashlib.sha256((tiny_model_dir / "model.crfsuite").read_bytes()).hexdigest()


def test_saving_twice_writes_the_same_model_bytes(tiny_model_dir, tmp_path):
    again = fit(_sentences(), LEX, {"c1": 0.0, "c2": 0.01, "max_iterations": 60}, log=lambda *_: None)
    assert again == (tiny_model_dir / "model.crfsuite").read_bytes()


@pytest.mark.parametrize("damage, code", [
    (lambda d: (d / "model.crfsuite").write_bytes((d / "model.crfsuite").read_bytes()[:-7] + b"garbage"), "ner_model_corrupt"),
    (lambda d: (d / "lexicon.json").write_text('{"surnames": "王", "place_suffix": "", "org_suffix": ""}'), "ner_model_corrupt"),
    (lambda d: (d / "model.crfsuite").unlink(), "ner_model_missing"),
    (lambda d: (d / "model.crfsuite.sha256").unlink(), "ner_model_missing"),
    (lambda d: (d / "metadata.json").unlink(), "ner_model_missing"),
    (lambda d: (d / "metadata.json").write_text("{not json"), "ner_model_corrupt"),
    (lambda d: _edit_meta(d, format_version=99), "ner_model_version"),
    (lambda d: _edit_meta(d, libraries={"python-crfsuite": "0.1.0"}), "ner_model_version"),
    (lambda d: _edit_meta(d, model_sha256="0" * 64), "ner_model_corrupt"),
])
def test_a_damaged_or_foreign_artifact_is_refused_with_its_code(tiny_model_dir, tmp_path, damage, code):
    d = _copy(tiny_model_dir, tmp_path)
    damage(d)
    with pytest.raises(ModelError) as err:
        ner.load(d)
    assert err.value.code == code
    assert str(d) not in err.value.message   # no server path in a message a user may see


def _edit_meta(d, **changes):
    meta = json.loads((d / "metadata.json").read_text(encoding="utf-8"))
    meta.update(changes)
    (d / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")


def test_a_missing_directory_is_ner_model_missing(tmp_path):
    with pytest.raises(ModelError) as err:
        ner.load(tmp_path / "nowhere")
    assert err.value.code == "ner_model_missing"


def test_with_a_key_set_an_unsigned_model_is_refused_and_a_signed_one_must_match(tiny_model_dir, tmp_path, monkeypatch):
    d = _copy(tiny_model_dir, tmp_path)
    monkeypatch.setenv(artifact.KEY_ENV, "k1")
    with pytest.raises(ModelError) as err:
        ner.load(d)
    assert err.value.code == "ner_model_unsigned"
    signed = tmp_path / "signed"
    artifact.save((d / "model.crfsuite").read_bytes(), LEX.to_dict(), signed, {})
    assert ner.load(signed).metadata["signed"] is True
    monkeypatch.setenv(artifact.KEY_ENV, "another key")
    with pytest.raises(ModelError) as err:
        ner.load(signed)
    assert err.value.code == "ner_model_signature"


def test_no_part_files_are_left_behind(tiny_model_dir):
    assert not list(tiny_model_dir.glob("*.part"))
