"""The shipped model (models/ner/v1) finds names and addresses in sentences written here."""

import hashlib

import pytest

from reviewer import ner
from reviewer.ner import artifact
from reviewer.ner.model import segments


@pytest.fixture(scope="module")
def model():
    return ner.load()


def _found(model, text):
    return {(text[e.start:e.end], e.label) for e in model.entities(text)}


@pytest.mark.parametrize("text, expected", [
    ("昨天下午，王建国和李秀英在会议室见面。", {("王建国", "PER"), ("李秀英", "PER")}),
    ("经研究，决定任命张伟同志为省教育厅副厅长，免去刘志强同志的职务。", {("张伟", "PER"), ("刘志强", "PER")}),
    ("申请人赵丽华向本机关提出政府信息公开申请。", {("赵丽华", "PER")}),
])
def test_names_in_running_text_are_found(model, text, expected):
    assert expected <= _found(model, text)


def test_an_address_in_running_text_is_one_address_span(model):
    text = "申请人赵丽华，住址：保定市竞秀区朝阳南大街123号3单元502室。"
    spans = [(text[e.start:e.end], e.label) for e in model.entities(text) if e.label in ("ADDR", "LOC")]
    assert spans and spans[0][0].startswith("保定市竞秀区朝阳南大街") and spans[0][1] == "ADDR"


def test_text_without_names_yields_no_person(model):
    text = "为进一步做好政府信息公开工作，现就有关事项通知如下：一、提高认识，加强领导。二、完善制度，规范程序。"
    assert not [e for e in model.entities(text) if e.label == "PER"]


def test_entities_carry_offsets_into_the_text_and_scores_between_0_and_1(model):
    text = "（一）\n\n各有关单位：\n王建国同志任办公室主任。" * 3
    ents = model.entities(text)
    assert [text[e.start:e.end] for e in ents if e.label == "PER"] == ["王建国"] * 3
    assert all(0.0 < e.score <= 1.0 and 0 <= e.start < e.end <= len(text) for e in ents)
    assert all(e.score >= 0.9 for e in model.entities(text, min_score=0.9))


def test_segments_cover_the_text_in_order_and_split_long_runs():
    text = "甲" * 450 + "。短句。" + "乙，" * 150
    segs = list(segments(text, max_len=200))
    assert segs[0][0] == 0 and segs[-1][1] == len(text)
    assert all(segs[i][1] == segs[i + 1][0] for i in range(len(segs) - 1))
    assert max(b - a for a, b in segs) <= 200


def test_load_is_verified_and_cached_once_per_process(model):
    assert ner.load() is model
    meta = artifact.read_metadata(artifact.default_model_dir())
    shipped = (artifact.default_model_dir() / meta["model_file"]).read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == meta["model_sha256"] == model.metadata["model_sha256"]
    assert model.version.startswith("ner-v1+")


def test_the_shipped_artifact_is_small_and_described(model):
    meta = model.metadata
    assert meta["model_bytes"] <= 50 * 1024 * 1024
    assert {"msra/test", "pd/dev", "cluener/dev"} <= set(meta["held_out"]["metrics"])
    assert set(meta["training_data"]["sets_held_out"]).isdisjoint(meta["training_data"]["sets_trained"])
