"""personal.name_layout.v1 — names found by their place in the document."""


import pytest

from reviewer import detectors
from tests.detectors.helpers import make_doc
from tests.detectors import helpers


def docx_table(rows, title="关于2024年度低保对象入户调查情况的报告"):
    return helpers.docx_table(rows, title)


def _names(fs):
    return [(f.text, f.action) for f in fs if f.type == "person_name"]


def test_docx_table_name_column():
    doc = docx_table([["序号", "姓 名", "残疾类别", "金额"],
                      ["1", "王建国", "肢体", "500"],
                      ["2", "李秀英", "无", "600"],
                      ["3", "张某", "视力", "700"],          # masked: compliant
                      ["4", "赵  六", "", "800"]])
    fs = detectors.analyze(doc)
    assert ("王建国", "redact") in _names(fs) and ("李秀英", "redact") in _names(fs)
    assert not any(f.text == "张某" for f in fs)
    health = [f.text for f in fs if f.type == "health"]
    assert health == ["肢体", "视力"]
    for f in fs:
        assert f.text == doc.text[f.start:f.end]


def test_names_in_a_publicity_list_table_are_review_but_ids_stay_redact():
    doc = docx_table([["序号", "户主姓名", "身份证号", "保障金额"],
                      ["1", "王建国", "11010519491231002X", "500"]], title="关于2024年度低保对象的公示")
    got = {(f.type, f.text, f.action, f.recognised) for f in detectors.analyze_all(doc)}
    assert ("person_name", "王建国", "review", None) in got   # a 低保 公示 name: the officer decides
    assert ("id_card", "11010519491231002X", "redact", None) in got       # never the ID


def test_text_table_name_column():
    text = "序号  姓名  性别  住址\n1  王建国  男  幸福村\n2  李秀英  女  和平村\n\n以上名单"
    fs = detectors.analyze(make_doc(text))
    assert [n for n, _ in _names(fs)] == ["王建国", "李秀英"]


def test_publicity_list():
    text = "现将拟录用人员名单公示如下：\n王建国、李秀英、张伟、刘某某、陈晓明\n公示期为5个工作日。"
    fs = detectors.analyze_all(make_doc(text))
    assert [(f.text, f.recognised) for f in fs if f.type == "person_name" and f.text != "刘某某"] == [
        (n, "published_by_rule") for n in ("王建国", "李秀英", "张伟", "陈晓明")]
    assert not _names(detectors.analyze(make_doc(text)))


def test_name_next_to_identifier_takes_its_action():
    fs = detectors.analyze_all(make_doc("低保户：王建国 11010519491231002X\n联系人：省民政厅李秀英0311-87654321"))
    assert ("王建国", "redact") in _names(fs)
    [li] = [f for f in fs if f.text == "李秀英"]
    assert li.recognised == "official_contact"


@pytest.mark.parametrize("text, name", [
    ("经研究，决定对困难群众王小明（身份证号：11010519491231002X）开展走访慰问。", "王小明"),
    ("慰问对象家属李秀英电话13912345678。", "李秀英"),
    ("投诉人张建军身份证号码110105194912310037", "张建军"),
])
def test_name_after_a_person_descriptor_next_to_an_identifier(text, name):
    assert (name, "redact") in _names(detectors.analyze(make_doc(text)))


def test_org_word_before_an_identifier_is_not_a_name():
    fs = detectors.analyze(make_doc("经研究，请财政局会计核算中心（电话：0311-87654321）办理。"))
    assert not [n for n, _ in _names(fs)]


@pytest.mark.parametrize("text", [
    "序号  姓名  性别\n1  张某  男\n2  李×× 女",              # masked names
    "各市人力资源社会保障局、财政局：现将有关事项通知如下：一、提高标准。二、加强管理。",
    "公示名单如下：\n第一批、第二批、第三批",
])
def test_layout_not_reported(text):
    assert _names(detectors.analyze(make_doc(text))) == []


@pytest.mark.parametrize("text, name", [
    ("罗建东，家住石家庄市长安区幸福小区3号楼2单元501室。", "罗建东"),
    ("王建国，身份证号码：11010519491231002X", "王建国"),
    ("户主情况：李秀英，二级肢体残疾，家庭人口3人。", "李秀英"),
])
def test_name_as_its_own_segment_before_personal_data(text, name):
    assert name in [n for n, _ in _names(detectors.analyze(make_doc(text)))]


def test_real_docx_table_through_the_parser():
    from reviewer.parsers import parse_bytes
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder()
    b.paragraph("关于2024年度城乡低保对象入户核查情况的报告")
    b.table([["序号", "姓名", "身份证号", "残疾类别", "住址"],
             ["1", "王建国", "11010519491231002X", "肢体", "幸福村东街"],
             ["2", "李秀英", "360426199101010071", "无", "和平小区2号楼1单元302室"],
             ["3", "张某", "360426********0071", "视力", "和平小区"]])
    b.paragraph("联系人：张伟，电话：0311-87654321")
    doc = parse_bytes(b.to_bytes(), "公示.docx")
    got = {(f.type, f.text, f.action) for f in detectors.analyze(doc)}
    assert {("person_name", "王建国", "redact"), ("person_name", "李秀英", "redact"),
            ("id_card", "11010519491231002X", "redact"), ("health", "肢体", "redact"),
            ("address", "幸福村东街", "redact"), ("address", "和平小区2号楼1单元302室", "redact")} <= got
    assert not any(t in ("张某", "360426********0071", "张伟", "0311-87654321") for _, t, _ in got)
    lawful = {(f.text, f.recognised) for f in detectors.analyze_all(doc) if f.recognised}
    assert {("张伟", "official_contact"), ("0311-87654321", "official_contact"),
            ("360426********0071", "masked")} <= lawful


@pytest.mark.parametrize("text, expected", [
    ("出席：白芳航、田英福、夏艳、武志海\n列席：办公室", ["白芳航", "田英福", "夏艳", "武志海"]),
    ("评审专家：宋浩俊、顾松思、吕军志。", ["宋浩俊", "顾松思", "吕军志"]),
    ("出席：张某、李某", []),
])
def test_labelled_name_lists(text, expected):
    fs = detectors.analyze_all(make_doc(text))
    acting = text.startswith(("出席", "主持", "列席"))   # attendees act for their organs; experts do not
    assert [(f.text, f.action, f.recognised) for f in fs if f.type == "person_name"] == [
        (n, "review", "official_acting" if acting else None) for n in expected]


def test_author_in_document_properties():
    from reviewer.parsers import parse_bytes
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder().paragraph("关于开展2024年职业技能竞赛的通知")
    b.properties(author="覃雨海", last_modified_by="办公室")
    doc = parse_bytes(b.to_bytes(), "通知.docx")
    got = [(f.text, f.explanation["pattern"]) for f in detectors.analyze(doc) if f.type == "person_name"]
    assert got == [("覃雨海", "author_field")]


def test_labelled_names_in_a_publicity_document_are_review():
    text = "关于2024年第二季度低保对象的公示\n户主：王建国，家庭人口3人\n身份证号：11010519491231002X"
    got = {(f.type, f.text, f.action) for f in detectors.analyze(make_doc(text))}
    assert ("person_name", "王建国", "review") in got
    assert ("id_card", "11010519491231002X", "redact") in got
