"""personal.person_model.v1 — names the NER model finds in running text, where it pays."""

import pytest

from reviewer import detectors
from reviewer.detectors.personal.person_model import PersonModelDetector
from tests.detectors.helpers import make_doc


def _names(text):
    return {f.text: f for f in detectors.analyze_all(make_doc(text)) if f.type == "person_name"}


@pytest.mark.parametrize("text, name", [
    ("据了解，王小明长期患病，家中生活困难。", "王小明"),        # no label, no identifier: only the model sees it
    ("走访中发现，李华一家三口仅靠低保生活。", "李华"),
])
def test_a_name_with_private_evidence_is_an_undecided_finding(text, name):
    got = _names(text)
    assert name in got, got
    f = got[name]
    assert f.explanation["pattern"] == "ner_model" and f.action == "review" and f.recognised is None
    assert "统计模型" in f.explanation["text"] and f.score < 0.75


@pytest.mark.parametrize("text", [
    "会上，贾海明强调要抓好落实。",                       # a speaker: no private evidence, not raised
    "以邓小平理论和“三个代表”重要思想为指导。",
    "入出境人员及其行李物品、货物应当接受检查。",
])
def test_no_evidence_no_finding(text):
    assert not [f for f in _names(text).values() if f.explanation.get("pattern") == "ner_model" and not f.recognised]


def test_a_missing_model_leaves_the_rules_and_says_so(monkeypatch):
    monkeypatch.setattr(PersonModelDetector, "_model", None)
    monkeypatch.setattr(PersonModelDetector, "_failed", "ner_model_missing")
    doc = make_doc("据了解，王小明长期患病，家中生活困难。")
    fs = detectors.analyze_all(doc)
    assert not [f for f in fs if f.explanation.get("pattern") == "ner_model"]
    assert any(w.code == "ner_model_unavailable" for w in doc.warnings)
