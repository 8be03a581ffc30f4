"""One failing detector costs only its own findings, and the document says so."""

from __future__ import annotations

from reviewer.detectors import DetectorRegistry, ReviewerRecognizer, build_engine
from reviewer.detectors.personal.id_card import IdCardRecognizer
from tests.detectors.helpers import make_doc

ID = "11010519491231002X"


class BrokenRecognizer(ReviewerRecognizer):
    ID = "process.test_broken_text.v1"
    CATEGORY = "process"
    TYPE = "broken"
    LABEL = "坏识别器"
    ACTION = "review"
    BASIS = "《中华人民共和国政府信息公开条例》第十六条"
    PATTERNS = (("any", r"身份证", 0.9),)

    def analyze(self, text, entities, nlp_artifacts=None):
        raise RuntimeError("boom")


def test_a_failing_text_recognizer_costs_only_its_own_findings(caplog):
    reg = DetectorRegistry()
    reg.add(BrokenRecognizer())
    reg.add(IdCardRecognizer())
    doc = make_doc(f"申请人身份证号{ID}，请核实。\n第二行正文。")
    fs = build_engine(reg).analyze(doc)
    assert [f.text for f in fs] == [ID]
    assert "process.test_broken_text.v1" in caplog.text
    (w,) = [w for w in doc.warnings if w.code == "detector_failed"]
    assert w.details["detectors"] == ["process.test_broken_text.v1"]
    assert w.details["chunks"] == {"process.test_broken_text.v1": 1}


def test_scan_result_warnings_name_the_failed_detector(monkeypatch):
    from reviewer import detectors
    from reviewer.parsers import parse_bytes
    from reviewer.scan import scan_document

    eng = detectors.get_engine()
    broken = BrokenRecognizer()
    monkeypatch.setattr(eng, "recognizers", [broken, *eng.recognizers])
    monkeypatch.setitem(eng._by_id, broken.id, broken)
    monkeypatch.setitem(eng._meta, broken.id, broken.meta())
    res = scan_document(parse_bytes(f"申请人身份证号{ID}。\n".encode(), "a.txt"))
    assert ID in [f.text for f in res.findings]
    codes = [w["code"] for w in res.to_dict()["warnings"]]
    assert codes.count("detector_failed") == 1


def test_a_recognizer_whose_explanation_fails_costs_only_that_result():
    class BadExplain(IdCardRecognizer):
        def explain(self, value, validation, context_word):
            raise ValueError("no words")

    reg = DetectorRegistry()
    reg.add(BadExplain())
    from reviewer.detectors.personal.mobile import MobileRecognizer

    reg.add(MobileRecognizer())
    doc = make_doc(f"身份证号{ID}，电话13812345678。")
    fs = build_engine(reg).analyze(doc)
    assert [f.text for f in fs] == ["13812345678"]
    (w,) = [w for w in doc.warnings if w.code == "detector_failed"]
    assert w.details["detectors"] == [IdCardRecognizer.ID]
