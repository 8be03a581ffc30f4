"""GB/T 9704 structure read from text: a table of headers, 文号 variants, attribute forms."""

import time

import pytest

from reviewer.structure import doc_kind_of, extract_structure, to_iso_date

BODY = "    为做好相关工作，现将有关事项通知如下。\n    特此通知。\n"


def _doc(header: str, title: str = "某某市人民政府关于做好2024年政务公开工作的通知",
         tail: str = "某某市人民政府\n2024年6月4日\n（此件主动公开）\n") -> str:
    return f"{header}{title}\n各县（区）人民政府，市政府各部门：\n{BODY}{tail}"


@pytest.mark.parametrize("header,expected", [
    ("某府发〔2024〕7号\n", {"copy_number": None, "secrecy_line": None, "urgency": None}),
    ("000123\n机密★5年\n特急\n某某市人民政府文件\n某府发〔2024〕7号\n",
     {"copy_number": "000123", "secrecy_line": "机密★5年", "secrecy_level": "机密", "secrecy_period": "5年",
      "urgency": "特急", "issuer_mark": "某某市人民政府文件"}),
    ("秘密★1年\n某府发〔2024〕7号\n", {"secrecy_level": "秘密", "secrecy_period": "1年", "copy_number": None}),
    ("绝密★长期\n", {"secrecy_level": "绝密", "secrecy_period": "长期"}),
    ("机密★会议开始前\n", {"secrecy_level": "机密", "secrecy_period": "会议开始前"}),
    ("秘 密★\n", {"secrecy_level": "秘密", "secrecy_period": None, "secrecy_line": "秘 密★"}),
    ("机密☆3年\n", {"secrecy_level": "机密", "secrecy_period": "3年"}),
    ("秘密＊6个月\n", {"secrecy_level": "秘密", "secrecy_period": "6个月"}),
    ("秘密*2年\n", {"secrecy_level": "秘密", "secrecy_period": "2年"}),
    ("加急\n某某市人民政府文件\n", {"urgency": "加急", "secrecy_line": None}),
    ("000001 机密★5年\n", {"copy_number": "000001", "secrecy_level": "机密", "secrecy_period": "5年"}),
    ("机密★5年 特急\n", {"secrecy_period": "5年", "urgency": "特急"}),
    ("机 密 ★ 5 年\n", {"secrecy_level": "机密", "secrecy_period": "5年", "secrecy_line": "机 密 ★ 5 年"}),
    ("份号：000123\n秘密★6个月\n", {"copy_number": "000123", "secrecy_period": "6个月"}),
    ("国家秘密\n", {"secrecy_line": None, "secrecy_level": None}),
])
def test_structure_header_elements(header, expected):
    s = extract_structure(_doc(header))
    for field, value in expected.items():
        assert getattr(s, field) == value, field
    assert s.title == "某某市人民政府关于做好2024年政务公开工作的通知"
    assert s.doc_kind == "通知"


def test_structure_spans_point_at_the_values():
    text = _doc("000123\n机密★5年\n特急\n某某市人民政府文件\n某府发〔2024〕7号\n")
    s = extract_structure(text)
    for field in ("copy_number", "urgency", "issuer_mark", "doc_number_raw", "declared_attribute_text"):
        a, b = s.spans[field]
        assert text[a:b] == getattr(s, field), field
    a, b = s.spans["secrecy_line"]
    assert text[a:b] == "机密★5年"


@pytest.mark.parametrize("line", [
    "根据《中华人民共和国保守国家秘密法》，涉及国家秘密的事项不得公开。",
    "机密★5年的文件应当按照规定管理。",
    "本文件不涉及国家秘密",
])
def test_structure_sentence_mentioning_secrets_is_not_a_secrecy_line(line):
    s = extract_structure(f"某府发〔2024〕7号\n{line}\n关于做好保密工作的通知\n各单位：\n{line}\n")
    assert s.secrecy_line is None and s.secrecy_level is None


def test_structure_secrecy_mark_in_body_is_not_header():
    text = _doc("某府发〔2024〕7号\n") + "附件\n机密★5年\n"
    assert extract_structure(text).secrecy_line is None


@pytest.mark.parametrize("raw,normalised", [
    ("资府办函〔2017〕71号", "资府办函〔2017〕71号"),
    ("资府办函[2017]71号", "资府办函〔2017〕71号"),
    ("资府办函(2017)71号", "资府办函〔2017〕71号"),
    ("资府办函【2017】71号", "资府办函〔2017〕71号"),
    ("资府办函［2017］71号", "资府办函〔2017〕71号"),
    ("资府办函（2017）71号", "资府办函〔2017〕71号"),
    ("资府办函〔2017〕第71号", "资府办函〔2017〕71号"),
    ("资府办函〔2017〕071号", "资府办函〔2017〕71号"),
    ("资府办函 〔 2017 〕 71 号", "资府办函〔2017〕71号"),
])
def test_structure_doc_number_variants_normalise(raw, normalised):
    text = _doc(f"某某市人民政府办公室\n{raw}\n")
    s = extract_structure(text)
    assert s.doc_number == normalised
    assert s.doc_number_raw == raw
    a, b = s.spans["doc_number_raw"]
    assert text[a:b] == raw


def test_structure_doc_number_cited_in_body_is_not_the_header():
    text = "关于做好团费收缴工作的通知\n各单位：\n    根据《规定》（中青发〔2016〕13号），现通知如下。\n"
    assert extract_structure(text).doc_number is None


def test_structure_signer_on_the_doc_number_line():
    text = "某某县人民政府文件\n某府〔2024〕12号　　　　签发人：王某明\n某某县人民政府关于申请防汛资金的请示\n某某市人民政府：\n" + BODY
    s = extract_structure(text)
    assert s.doc_number == "某府〔2024〕12号"
    assert s.signer == "王某明"
    assert s.doc_kind == "请示"
    assert s.addressee == "某某市人民政府"


@pytest.mark.parametrize("note,attribute", [
    ("（此件主动公开）", "proactive"),
    ("(此件主动公开)", "proactive"),
    ("（此件公开发布）", "proactive"),
    ("（此件主动公开)", "proactive"),
    ("（此件依申请公开）", "on_request"),
    ("（此件不予公开）", "not_public"),
    ("（此件不公开）", "not_public"),
    ("(此件不予公开)", "not_public"),
    ("【此件主动公开】", "proactive"),
    ("（此件　依申请公开）", "on_request"),
    ("（此件不予公开，理由：涉及第三方商业秘密）", "not_public"),
    ("公开属性：主动公开", "proactive"),
    ("公开方式：依申请公开", "on_request"),
    ("信息公开属性：不公开", "not_public"),
    ("政府信息公开属性:不予公开依申请公开或不予公开理由:内部事宜", "not_public"),
    ("政府信息公开选项:依申请公开", "on_request"),
    ("（此件为规范性文件，作为主动公开信息）", "proactive"),
    ("（此件作为依申请公开信息）", "on_request"),
    ("此件作为免予公开信息", "not_public"),
])
def test_structure_declared_attribute_forms(note, attribute):
    text = _doc("某府发〔2024〕7号\n", tail=f"某某市人民政府\n2024年6月4日\n{note}\n")
    s = extract_structure(text)
    assert s.declared_attribute == attribute
    a, b = s.spans["declared_attribute"]
    assert text[a:b] == s.declared_attribute_text
    assert s.date == "2024-06-04"


def test_structure_declared_attribute_in_run_on_text_before_attachment():
    text = ("为做好工作现通知如下：一、……二、……请遵照执行。河北省人力资源和社会保障厅2023年1月6日"
            "（此件主动公开）附件河北省某某名单（共13个）" + "名单内容" * 500 + "更多信息请关注官方微信")
    s = extract_structure(text)
    assert s.declared_attribute == "proactive"
    assert s.date == "2023-01-06"
    assert s.annotation.startswith("（此件主动公开）")


@pytest.mark.parametrize("sentence", [
    "起草部门应在附注部分标注“此件公开发布”“此件依申请公开”等字样。",
    "明确界定该文件的公开属性，即“此件公开发布”“此件不公开”。",
    "以非公开方式募集资金设立投资基金的，应当备案。",
    "确定为“此件不公开”“此件依申请公开”等属性的公文，要依法依规说明理由。",
])
def test_structure_quoted_attribute_is_not_a_declaration(sentence):
    assert extract_structure(f"关于加强政务公开工作的意见\n各单位：\n{sentence}\n").declared_attribute is None


def test_structure_no_attribute_when_absent():
    s = extract_structure(_doc("某府发〔2024〕7号\n", tail="某某市人民政府\n2024年6月4日\n"))
    assert s.declared_attribute is None and s.declared_attribute_text is None


@pytest.mark.parametrize("raw,iso", [
    ("2024年6月4日", "2024-06-04"),
    ("2024年06月04日", "2024-06-04"),
    ("二〇二四年六月四日", "2024-06-04"),
    ("二○二三年十二月三十一日", "2023-12-31"),
    ("二〇〇六年九月七日", "2006-09-07"),
    ("二〇二四年十月二十日", "2024-10-20"),
    ("二〇二四年二月三十日", None),
])
def test_structure_dates_in_both_numeral_forms(raw, iso):
    assert to_iso_date(raw) == iso
    if iso:
        s = extract_structure(_doc("某府发〔2024〕7号\n", tail=f"某某市人民政府\n{raw}\n（此件主动公开）\n"))
        assert s.date == iso


def test_structure_footer_cc_and_printing():
    tail = ("某某市人民政府\n2024年6月4日\n（此件主动公开）\n"
            "抄送：市委办公室，市人大常委会办公室，市政协办公室。\n"
            "某某市人民政府办公室　　　　　　2024年6月5日印发\n")
    text = _doc("某府发〔2024〕7号\n", tail=tail)
    s = extract_structure(text)
    assert s.cc == "市委办公室，市人大常委会办公室，市政协办公室"
    assert s.printed_by == "某某市人民政府办公室"
    assert s.printed_date == "2024-06-05"
    assert s.date == "2024-06-04"
    a, b = s.spans["cc"]
    assert text[a:b] == s.cc


@pytest.mark.parametrize("title,kind", [
    ("某某市人民政府关于做好2024年政务公开工作的通知", "通知"),
    ("某某县人民政府关于申请防汛资金的请示", "请示"),
    ("某某市人民政府关于同意某某公司项目的批复", "批复"),
    ("国务院办公厅关于科技节水建议的复函", "函"),
    ("某某市人民政府令", "令"),
    ("某某区政府常务会议纪要", "纪要"),
    ("关于印发《某某办法》的通知（试行）", "通知"),
    ("某某市2024年第二季度城乡低保对象公示", None),
    (None, None),
])
def test_structure_doc_kind_from_title_ending(title, kind):
    assert doc_kind_of(title) == kind


def test_structure_title_wrapped_over_lines():
    text = ("国办发〔2018〕123号\n国务院办公厅关于推进\n政务新媒体健康有序发展的意见\n"
            "各省、自治区、直辖市人民政府：\n" + BODY)
    s = extract_structure(text)
    assert s.title == "国务院办公厅关于推进政务新媒体健康有序发展的意见"
    assert s.doc_kind == "意见"
    assert s.addressee == "各省、自治区、直辖市人民政府"


@pytest.mark.parametrize("above,title", [
    ("内部资料\n某某市人民政府\n", "某某市人民政府关于某事项的通知"),
    ("某某市人民政府\n某某市财政局\n", "某某市人民政府某某市财政局关于某事项的通知"),
    ("注意保存\n", "关于某事项的通知"),
])
def test_structure_title_keeps_agency_lines_only(above, title):
    s = extract_structure(f"{above}关于某事项的通知\n各单位：\n正文。\n")
    assert s.title == title


def test_structure_run_on_header():
    text = ("山东省医疗保险事业中心文件鲁医保中心发〔2020〕11号关于做好省直生育保险待遇联网结算工作的通知"
            "各省直医疗保险参保单位，各有关定点医疗机构:根据要求，现将有关事项通知如下:" + "一、内容。" * 200
            + "山东省医疗保险事业中心2020年9月14日")
    s = extract_structure(text)
    assert s.doc_number == "鲁医保中心发〔2020〕11号"
    assert s.issuer_mark == "山东省医疗保险事业中心文件"
    assert s.title == "关于做好省直生育保险待遇联网结算工作的通知"
    assert s.addressee == "各省直医疗保险参保单位，各有关定点医疗机构"
    assert s.date == "2020-09-14"


def test_structure_empty_and_plain_text():
    assert extract_structure("").to_dict()["title"] is None
    s = extract_structure("今天天气很好。\n")
    assert all(v is None for k, v in s.to_dict().items() if k != "spans")


def test_structure_one_megabyte_is_fast():
    text = _doc("000123\n机密★5年\n某府发〔2024〕7号\n") + ("根据保守国家秘密法，此件内容为示例。公开方式多样。" * 40 + "\n") * 1000
    assert len(text) > 1_000_000
    t0 = time.perf_counter()
    s = extract_structure(text)
    elapsed = time.perf_counter() - t0
    assert s.secrecy_level == "机密"
    # 此件 and 公开方式 everywhere in the filler, but the declaration is the 附注 near the top
    assert s.declared_attribute == "proactive" and s.spans["declared_attribute"][0] < 200
    # Only a guard against catastrophic backtracking (quadratic regexes take minutes here);
    # the speed itself is measured by benchmarks/structure_eval.py (~5-20 ms per MB).
    assert elapsed < 5


@pytest.mark.parametrize("line,level,period,urgency", [
    ("机 密 ★ 5 年", "机 密", "5 年", None),
    ("秘密★会议开始前 特急", "秘密", "会议开始前", "特急"),
    ("绝密（长期）", "绝密", "长期", None),
])
def test_structure_secrecy_parts_and_their_spans(line, level, period, urgency):
    text = f"{line}\n关于某事项的通知\n各单位：\n正文。\n"
    s = extract_structure(text)
    a, b = s.spans["secrecy_level"]
    assert text[a:b] == level and s.secrecy_level == level.replace(" ", "")
    a, b = s.spans["secrecy_period"]
    assert text[a:b] == period and s.secrecy_period == period.replace(" ", "")
    assert s.urgency == urgency


def test_structure_urgency_written_as_a_field():
    s = extract_structure("某某省人民政府办公厅发电\n等级特急·明电\n某政办发明电〔2021〕1号\n关于做好防凌工作的通知\n各市：\n正文。\n")
    assert s.urgency == "特急"
    assert s.doc_number == "某政办发明电〔2021〕1号"


def test_structure_cc_wrapped_to_a_second_line():
    tail = ("某某市人民政府\n2024年6月4日\n（此件主动公开）\n"
            "抄送：市委办公室，市人大常委会办公室，\n　　　市政协办公室，市法院，市检察院。\n"
            "某某市人民政府办公室　　2024年6月5日印发\n")
    text = _doc("某府发〔2024〕7号\n", tail=tail)
    s = extract_structure(text)
    assert s.cc == "市委办公室，市人大常委会办公室，市政协办公室，市法院，市检察院"
    a, b = s.spans["cc"]
    assert text[a:b].startswith("市委办公室") and text[a:b].endswith("市检察院")
    assert s.printed_date == "2024-06-05"


@pytest.mark.parametrize("head,doc_number,title", [
    ("财政部科技部关于印发《某某资金管理规定》的通知财教[2013]433号国务院各部委、各直属机构：",
     "财教〔2013〕433号", "财政部科技部关于印发《某某资金管理规定》的通知"),
    ("冀科平规〔2022〕2号河北省科学技术厅关于印发《某某管理办法》的通知各市科技局，有关单位：",
     "冀科平规〔2022〕2号", "河北省科学技术厅关于印发《某某管理办法》的通知"),
    ("冀人社字〔2024〕124号各市人力资源社会保障局：按照《关于开展某某行动的通知》要求，",
     "冀人社字〔2024〕124号", None),  # a title quoted in the body is not the title
])
def test_structure_run_on_title_before_or_after_the_number(head, doc_number, title):
    s = extract_structure(head + "现将有关事项通知如下。" * 30)
    assert s.doc_number == doc_number
    assert s.title == title


def test_structure_run_on_number_inside_the_title_is_cited_not_ours():
    head = "山东省某某厅关于商请会签鲁政发〔2017〕36号文件清理意见的函省教育厅、省财政厅：" + "请于3日内反馈。" * 30
    s = extract_structure(head)
    assert s.title == "山东省某某厅关于商请会签鲁政发〔2017〕36号文件清理意见的函"
    assert s.doc_number is None and "doc_number" not in s.spans
    assert s.addressee == "省教育厅、省财政厅"


def test_structure_number_cited_in_a_title_line_is_not_the_doc_number():
    s = extract_structure("某某县人民政府办公室\n关于转发某府办发〔2018〕12号文件的通知\n各乡镇人民政府：\n正文。\n")
    assert s.doc_number is None
    assert s.title == "某某县人民政府办公室关于转发某府办发〔2018〕12号文件的通知"


def test_structure_date_is_not_taken_from_a_sentence_before_a_field_attribute():
    text = ("关于某事项的通知\n各单位：\n请于2024年6月30日前报送材料，公开属性：主动公开。\n"
            "某某市人民政府\n2024年6月4日\n")
    s = extract_structure(text)
    assert s.declared_attribute == "proactive"
    assert s.date == "2024-06-04"


@pytest.mark.parametrize("unit,times", [
    ("此件", 500_000), ("（此件主动公开", 140_000), ("公开属性：", 200_000), ("关于", 500_000),
    ("某", 1_000_000), ("某\n", 500_000), ("某局2024年1月1日印发", 60_000), ("抄送：", 300_000),
])
def test_structure_hostile_megabyte_inputs_stay_bounded(unit, times):
    text = unit * times
    t0 = time.perf_counter()
    extract_structure(text)
    assert time.perf_counter() - t0 < 5  # guard against runaway regexes only; typical is < 20 ms
