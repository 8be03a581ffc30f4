"""The detector framework: registry, engine, context, offline, document detectors."""

from __future__ import annotations

import socket
import textwrap

import pytest

from reviewer import detectors
from reviewer.detectors import DetectorRegistry, DocumentDetector, ReviewerRecognizer, build_engine
from reviewer.detectors.engine import iter_chunks
from reviewer.findings import ACTIONS, CATEGORIES, Finding
from tests.detectors.helpers import make_doc

EXPLANATION_KEYS = {"detector", "pattern", "original_score", "score", "validation", "context_word", "text"}


class CaseNumberRecognizer(ReviewerRecognizer):
    """A toy recognizer: 案号 like 案2024-001, only reported next to a context word."""

    ID = "process.test_case_number.v1"
    CATEGORY = "process"
    TYPE = "case_number"
    LABEL = "案号"
    ACTION = "review"
    BASIS = "《中华人民共和国政府信息公开条例》第十六条"
    PATTERNS = (("case", r"案\d{4}-\d{3}(?![0-9])", 0.3),)
    CONTEXT = ("案号",)
    NEGATIVE_CONTEXT = ("示例",)
    MIN_SCORE = 0.5
    PREFILTER = r"案\d"


class FirstLineDetector(DocumentDetector):
    ID = "secrecy.test_first_line.v1"
    CATEGORY = "secrecy"
    TYPE = "first_line"
    ACTION = "block"
    BASIS = "《保守国家秘密法》第二十二条"

    def __init__(self):
        self.seen = None

    def detect(self, doc, text_results):
        self.seen = list(text_results)
        for f in text_results:  # document detectors may downgrade an action in place
            f.action = "review"
        end = doc.text.find("\n")
        end = len(doc.text) if end < 0 else end
        return [self.finding(doc, 0, end, score=0.9, text="首行")]


def engine_with(*dets):
    reg = DetectorRegistry()
    for d in dets:
        reg.add(d)
    return build_engine(reg)


def test_context_enhancer_fires_on_chinese_character_window():
    eng = engine_with(CaseNumberRecognizer())
    assert eng.analyze_text("另见案2024-001。") == []          # 0.3 < 0.5 without context
    [f] = eng.analyze_text("本案案号：案2024-001。")
    assert f.text == "案2024-001"
    assert f.score == pytest.approx(0.65)
    assert f.explanation["original_score"] == pytest.approx(0.3)
    assert f.explanation["context_word"] == "案号"
    assert set(f.explanation) == EXPLANATION_KEYS
    assert "案号" in f.explanation["text"]


def test_context_enhancer_respects_window_size():
    eng = engine_with(CaseNumberRecognizer())
    far = "案号" + "一" * 30 + "案2024-001"
    assert eng.analyze_text(far) == []


def test_negative_context_vetoes_a_match():
    eng = engine_with(CaseNumberRecognizer())
    assert eng.analyze_text("案号示例：案2024-001") == []


@pytest.mark.parametrize("text", ["案号案2024-001后", "（案号）案2024-001号", "案号\n案2024-001"])
def test_matches_touching_chinese_and_across_lines_context(text):
    eng = engine_with(CaseNumberRecognizer())
    assert [f.text for f in eng.analyze_text(text)] == ["案2024-001"]


def test_offsets_map_back_to_doc_text_across_chunks():
    line = "身份证号11010519491231002X。"
    text = "\n".join(["无关文字" * 20] * 300 + [line] + ["其他" * 50] * 300 + [line])
    doc = make_doc(text)
    eng = engine_with(CaseNumberRecognizer())
    from reviewer.detectors.personal.id_card import IdCardRecognizer
    eng = engine_with(IdCardRecognizer())
    eng.chunk_chars = 1000
    fs = eng.analyze(doc)
    assert len(fs) == 2
    for f in fs:
        assert f.text == doc.text[f.start:f.end] == "11010519491231002X"


def test_iter_chunks_covers_text_on_line_boundaries():
    text = "\n".join("行%d" % i * (i % 7 + 1) for i in range(500)) + "\n" + "长" * 5000
    chunks = list(iter_chunks(text, 300))
    assert "".join(c for _, c in chunks) == text
    for off, c in chunks:
        assert text[off:off + len(c)] == c
        assert off == 0 or text[off - 1] == "\n"


def test_yaml_recognizer_loaded_through_registry(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text(textwrap.dedent("""\
        recognizers:
          - id: commercial.contract_no.v1
            name: Contract number
            supported_language: zh
            supported_entity: CONTRACT_NO
            type: contract_no
            label: 合同编号
            action: review
            basis: 《中华人民共和国政府信息公开条例》第十五条
            patterns:
              - name: contract
                regex: "HT\\\\d{8}(?![0-9])"
                score: 0.4
            context: [合同编号]
            min_score: 0.5
          - id: personal.yaml_bank.v1
            supported_entity: BANK
            patterns:
              - {name: card, regex: "(?<![0-9])62\\\\d{14,17}(?![0-9])", score: 0.5}
            validator: luhn
            prefilter: "62"
        """), encoding="utf-8")
    reg = DetectorRegistry()
    recs = reg.load_yaml(path)
    assert [r.detector_id for r in recs] == ["commercial.contract_no.v1", "personal.yaml_bank.v1"]
    eng = build_engine(reg)
    [f] = eng.analyze_text("合同编号HT20240101，见附件")
    assert (f.category, f.type, f.action, f.detector) == ("commercial", "contract_no", "review",
                                                          "commercial.contract_no.v1")
    assert f.explanation["context_word"] == "合同编号"
    fs = eng.analyze_text("卡号6228480402564890018，6228480402564890019")
    assert [(f.text, f.explanation["validation"]) for f in fs] == [("6228480402564890018", "checksum passed")]


@pytest.mark.parametrize("spec, message", [
    ({"id": "bad id", "patterns": [{"name": "a", "regex": "a", "score": 1}]}, "must look like"),
    ({"id": "personal.x.v1"}, "needs patterns"),
    ({"id": "personal.x.v1", "action": "delete", "patterns": [{"name": "a", "regex": "a", "score": 1}]}, "action"),
    ({"id": "personal.x.v1", "supported_language": "en", "patterns": [{"name": "a", "regex": "a", "score": 1}]}, "zh"),
    ({"id": "personal.x.v1", "validator": "nope", "patterns": [{"name": "a", "regex": "a", "score": 1}]}, "validator"),
])
def test_bad_recognizer_specs_are_refused(spec, message):
    with pytest.raises(ValueError, match=message):
        DetectorRegistry().add_from_dict(spec)


def test_duplicate_ids_are_refused():
    reg = DetectorRegistry()
    reg.add(CaseNumberRecognizer())
    with pytest.raises(ValueError, match="twice"):
        reg.add(CaseNumberRecognizer())


def test_plain_presidio_recognizer_can_be_registered():
    from presidio_analyzer import Pattern, PatternRecognizer

    rec = PatternRecognizer(supported_entity="WORK_ID", name="work_id", supported_language="zh",
                            patterns=[Pattern("w", r"GH\d{6}", 0.8)], context=["工号"])
    eng = engine_with(rec)
    [f] = eng.analyze_text("工号GH123456")
    assert (f.type, f.detector, f.explanation["context_word"]) == ("work_id", "work_id", "工号")


def test_document_detector_sees_doc_and_text_results():
    det = FirstLineDetector()
    eng = engine_with(CaseNumberRecognizer(), det)
    doc = make_doc("机密★1年\n案号：案2024-001")
    fs = eng.analyze(doc)
    assert [f.type for f in det.seen] == ["case_number"]
    assert [(f.type, f.text, f.action) for f in fs] == [("first_line", "机密★1年", "block"),
                                                         ("case_number", "案2024-001", "review")]
    assert set(fs[0].explanation) >= EXPLANATION_KEYS


def test_overlaps_keep_the_best():
    class Long(CaseNumberRecognizer):
        ID = "process.test_long.v1"
        TYPE = "long"
        PATTERNS = (("long", r"案\d{4}-\d{3}号", 0.9),)
        CONTEXT = ()
    eng = engine_with(CaseNumberRecognizer(), Long())
    assert [f.type for f in eng.analyze_text("案号案2024-001号")] == ["long"]


def test_no_network_is_touched(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("network touched")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    import tldextract
    assert tldextract.extract("gov.cn.example.com.cn").suffix == "com.cn"
    eng = build_engine()
    eng.analyze(make_doc("身份证号11010519491231002X，邮箱 zhang@example.gov.cn"))
    res = eng.presidio_engine().analyze("身份证号11010519491231002X", language="zh")
    assert [r.entity_type for r in res] == ["id_card"]


def test_builtin_detectors_have_complete_metadata():
    reg = detectors.default_registry()
    assert "personal.id_card.v2" in reg.ids()
    for m in reg.describe():
        assert m["category"] in CATEGORIES
        assert m["action"] in ACTIONS
        assert m["type"] and m["basis"].startswith("《"), m


def test_builtin_detectors_are_documented():
    from tests.conftest import ROOT
    # docs/detectors.md or a category's own page (docs/detectors-secrecy.md …)
    doc = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
    missing = [m["id"] for m in detectors.default_registry().describe() if m["id"] not in doc]
    assert not missing, f"undocumented detectors: {missing}"


def test_analyze_returns_findings_for_a_document():
    doc = make_doc("申请人身份证号：11010519491231002X")
    fs = detectors.analyze(doc)
    assert fs and all(isinstance(f, Finding) for f in fs)


def test_jieba_nlp_engine_builds_offline():
    from reviewer.detectors.nlp import blank_zh
    nlp = blank_zh()
    assert [t.text for t in nlp("政府信息公开")] != ["政府信息公开"[i] for i in range(6)]


def test_a_finding_whose_text_does_not_match_its_span_is_dropped(caplog):
    class Liar(DocumentDetector):
        ID = "process.test_liar.v1"
        CATEGORY = "process"
        TYPE = "liar"
        BASIS = "《中华人民共和国政府信息公开条例》第十六条"

        def detect(self, doc, text_results):
            f = self.finding(doc, 0, 2, score=0.9, text="x")
            f.text = "不对"
            return [f, self.finding(doc, 2, 4, score=0.9, text="y")]

    eng = engine_with(Liar())
    fs = eng.analyze(make_doc("一二三四"))
    assert [f.text for f in fs] == ["三四"]
    assert "does not match" in caplog.text


def test_engine_is_safe_to_share_between_threads():
    from concurrent.futures import ThreadPoolExecutor

    docs = [make_doc(f"申请人王建国，身份证号11010519491231002X，手机1381234{i:04d}。") for i in range(40)]
    eng = detectors.get_engine()
    serial = [[(f.type, f.start, f.end) for f in eng.analyze(d)] for d in docs]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(lambda d: [(f.type, f.start, f.end) for f in eng.analyze(d)], docs))
    assert threaded == serial and all(len(s) >= 3 for s in serial)


def test_full_width_characters_are_read_as_ascii_and_reported_as_written():
    doc = make_doc("手机：１３８１２３４５６７８，身份证号１１０１０５１９４９１２３１００２Ｘ")
    fs = detectors.analyze(doc)
    got = {(f.type, f.text) for f in fs}
    assert ("mobile", "１３８１２３４５６７８") in got
    assert ("id_card", "１１０１０５１９４９１２３１００２Ｘ") in got
    assert all(f.text == doc.text[f.start:f.end] for f in fs)


def test_every_builtin_finding_keeps_the_contract():
    text = ("关于2024年低保对象入户核查情况的报告\n"
            "户主：王建国，男，65岁，二级肢体残疾，身份证号11010519491231002X，手机13812345678，"
            "家住石家庄市长安区幸福小区3号楼2单元501室，银行卡6228480402564890018，车牌冀A12345。\n"
            "统一社会信用代码：91110000600037341L\n"
            "联系人：李秀英，电话：0311-87654321，邮箱 office@hebei.gov.cn")
    doc = make_doc(text)
    eng = detectors.get_engine()
    ids = set(eng.registry.ids())
    fs = eng.analyze(doc)
    assert {"id_card", "mobile", "address", "bank_card", "vehicle_plate", "person_name", "health",
            "org_id", "landline", "email"} <= {f.type for f in fs}
    for f in fs:
        assert f.text == doc.text[f.start:f.end]
        assert f.category in CATEGORIES and f.action in ACTIONS and f.detector in ids
        assert EXPLANATION_KEYS <= set(f.explanation), f
        assert f.basis.startswith("《") and 0 < f.score <= 1


def test_a_failing_document_detector_costs_only_its_own_findings(caplog):
    class Broken(DocumentDetector):
        ID = "process.test_broken.v1"
        CATEGORY = "process"
        TYPE = "broken"
        BASIS = "《中华人民共和国政府信息公开条例》第十六条"

        def detect(self, doc, text_results):
            raise RuntimeError("boom")

    eng = engine_with(CaseNumberRecognizer(), Broken())
    fs = eng.analyze(make_doc("案号：案2024-001"))
    assert [f.type for f in fs] == ["case_number"]
    assert "process.test_broken.v1" in caplog.text
