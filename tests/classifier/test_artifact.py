"""The loader refuses an artifact that was changed or does not match this code."""

import json
import shutil

import pytest

from reviewer.classifier import artifact, load_model, reset_model_cache, suggest
from reviewer.errors import ModelError

from .helpers import NOTICE, doc


@pytest.fixture
def copied(tmp_path):
    src = artifact.default_model_dir()
    dst = tmp_path / "v1"
    shutil.copytree(src, dst)
    return dst


def _edit_metadata(directory, **changes):
    path = directory / "metadata.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    for k, v in changes.items():
        if k == "sklearn":
            meta["libraries"]["scikit-learn"] = v
        else:
            meta[k] = v
    path.write_text(json.dumps(meta), encoding="utf-8")


def test_an_untouched_copy_loads(copied):
    bundle, meta = artifact.load(copied)
    assert meta["format_version"] == artifact.FORMAT_VERSION
    assert set(bundle["labels"]) == {"proactive", "on_request", "not_public"}


def test_a_tampered_model_file_is_refused(copied):
    path = copied / artifact.MODEL_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="checksum"):
        artifact.load(copied)


def test_a_wrong_format_version_is_refused(copied):
    _edit_metadata(copied, format_version=artifact.FORMAT_VERSION + 1)
    with pytest.raises(ModelError, match="format version"):
        artifact.load(copied)


def test_another_scikit_learn_version_does_not_matter_to_the_arrays(copied):
    _edit_metadata(copied, sklearn="0.24.2")   # format 2 is plain arrays: no pickle to break
    bundle, _ = artifact.load(copied)
    assert bundle["weights"].dtype.kind == "f"


def test_arrays_that_do_not_match_the_metadata_are_refused(copied):
    path = copied / "metadata.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["arrays"]["weights"]["shape"] = [1, 1]
    path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="do not match metadata"):
        artifact.load(copied)


def test_a_pickle_inside_the_model_file_is_refused(copied):
    import io
    import zipfile

    import numpy as np

    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    path = copied / artifact.MODEL_FILE
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("evil.npy", buf.getvalue())
    digest = artifact._sha256(path)
    (copied / (artifact.MODEL_FILE + ".sha256")).write_text(f"{digest}  {artifact.MODEL_FILE}\n")
    _edit_metadata(copied, model_sha256=digest)
    with pytest.raises(ModelError, match="cannot be loaded"):
        artifact.load(copied)


def test_a_missing_checksum_file_is_refused(copied):
    (copied / (artifact.MODEL_FILE + ".sha256")).unlink()
    with pytest.raises(ModelError, match="checksum"):
        artifact.load(copied)


def test_an_unsigned_model_is_refused_when_a_key_is_set(copied, monkeypatch):
    monkeypatch.setenv(artifact.KEY_ENV, "secret-key")
    with pytest.raises(ModelError, match="not signed"):
        artifact.load(copied)


def test_a_missing_model_directory_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="not installed"):
        artifact.load(tmp_path / "absent")


def test_suggest_with_a_tampered_model_is_rules_only_and_says_why(copied):
    (copied / artifact.MODEL_FILE).write_bytes(b"not a model")
    reset_model_cache()
    s = suggest(doc(NOTICE), [], model_dir=copied)
    assert s.needs_human and s.model_version is None
    assert any("checksum" in r.text for r in s.reasons)
    with pytest.raises(ModelError):
        load_model(copied)
    reset_model_cache()


def test_save_writes_checksum_hmac_and_metadata_atomically(tmp_path, monkeypatch):
    bundle, _ = artifact.load()
    monkeypatch.setenv(artifact.KEY_ENV, "k")
    out = tmp_path / "m"
    meta = artifact.save(bundle, out, {"labels": bundle["labels"]})
    assert sorted(p.name for p in out.iterdir()) == ["metadata.json", "model.npz", "model.npz.hmac",
                                                      "model.npz.sha256"]
    assert meta["signed"] and meta["model_sha256"] in (out / "model.npz.sha256").read_text()
    artifact.load(out)  # signed with the key in force: accepted
    monkeypatch.setenv(artifact.KEY_ENV, "another key")
    with pytest.raises(ModelError, match="HMAC"):
        artifact.load(out)


def test_save_writes_the_same_bytes_for_the_same_arrays(tmp_path):
    bundle, meta = artifact.load()
    artifact.save(bundle, tmp_path / "a", {})
    artifact.save(bundle, tmp_path / "b", {})
    first = (tmp_path / "a" / artifact.MODEL_FILE).read_bytes()
    assert first == (tmp_path / "b" / artifact.MODEL_FILE).read_bytes()
    assert artifact._sha256(tmp_path / "a" / artifact.MODEL_FILE) == meta["model_sha256"]
