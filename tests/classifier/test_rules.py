"""Rules over findings decide or narrow the attribute, with the article and the finding ids."""

import pytest

from reviewer.classifier import rules, suggest

from .helpers import NOTICE, REPLY_TO_COMPANY, REQUEST, doc, finding

NO_MODEL = "/nonexistent/disclosure-model"


@pytest.fixture(params=["model", "rules-only"])
def model_dir(request):
    return None if request.param == "model" else NO_MODEL


def test_secrecy_mark_in_force_is_not_public_under_article_14(model_dir):
    text = "机密★5年\n" + NOTICE
    f = finding("secrecy", "secrecy_mark", "机密★5年", text, action="block", fid="F-secret")
    s = suggest(doc(text), [f], model_dir=model_dir)
    assert s.attribute == "not_public"
    first = s.reasons[0]
    assert first.basis == "《中华人民共和国政府信息公开条例》第十四条"
    assert first.finding_ids == ["F-secret"]
    assert "国家秘密" in first.text
    assert not s.partial_disclosure


def test_declassified_secrecy_mark_does_not_bind():
    text = "机密★5年（已解密）\n" + NOTICE
    f = finding("secrecy", "secrecy_mark", "机密★5年", text, action="block", in_force=False)
    assert rules.evaluate(doc(text), [f]).binding == []


def test_warning_label_is_not_public_pending_approval(model_dir):
    text = "内部资料　注意保存\n" + NOTICE
    f = finding("secrecy", "warning_label", "内部资料", text, action="block", fid="F-warn")
    s = suggest(doc(text), [f], model_dir=model_dir)
    assert s.attribute == "not_public"
    r = s.reasons[0]
    assert "第十六条" in r.basis and "报批" in r.text and r.finding_ids == ["F-warn"]


def test_process_information_is_not_public_or_on_request(model_dir):
    f = finding("process", "request_report", "请示", REQUEST, action="review", fid="F-req")
    s = suggest(doc(REQUEST), [f], model_dir=model_dir)
    assert s.attribute in ("not_public", "on_request")
    r = next(r for r in s.reasons if r.basis.endswith("第十六条第二款"))
    assert "F-req" in r.finding_ids and "请示" in r.text


def test_request_is_process_information_from_its_doc_kind_alone():
    res = rules.evaluate(doc(REQUEST), [])
    assert res.doc_kind == "请示"
    assert [h.attribute for h in res.hits] == ["not_public"]


@pytest.mark.parametrize("ftype, basis", [("meeting_minutes", "第十六条第二款"), ("consultation_letter", "第十六条第二款"),
                                          ("draft_marker", "第十六条第二款"), ("internal_affairs", "第十六条第一款")])
def test_each_process_type_points_to_article_16(ftype, basis):
    f = finding("process", ftype, "通知", NOTICE, action="review")
    res = rules.evaluate(doc(NOTICE), [f])
    assert res.hits and res.hits[0].attribute == "not_public"
    assert res.hits[0].allowed == {"not_public", "on_request"}
    assert res.hits[0].reason.basis.endswith(basis)


def test_personal_data_in_reply_to_one_company_is_on_request(model_dir):
    t = REPLY_TO_COMPANY
    fs = [finding("personal", "id_card", "110101199003071234", t, fid="F-id"),
          finding("personal", "mobile", "13912345678", t, fid="F-mob")]
    d = doc(t)
    res = rules.evaluate(d, fs)
    assert res.doc_kind == "批复" and res.one_party == "某某新材料有限公司"
    s = suggest(d, fs, model_dir=model_dir)
    assert s.attribute == "on_request"
    r = next(r for r in s.reasons if "第三十二条" in r.basis)
    assert r.basis == "《中华人民共和国政府信息公开条例》第十五条、第三十二条"
    assert set(r.finding_ids) == {"F-id", "F-mob"}
    assert s.partial_disclosure
    assert any(r.basis.endswith("第三十七条") for r in s.reasons)


def test_commercial_secret_in_reply_to_one_company_is_on_request():
    t = REPLY_TO_COMPANY.replace("项目总投资3000万元", "投标报价明细：单价48.6元")
    f = finding("commercial", "bid_price", "投标报价明细：单价48.6元", t, action="review", fid="F-bid")
    res = rules.evaluate(doc(t), [f])
    assert [h.attribute for h in res.hits] == ["on_request"]
    assert "商业秘密" in res.hits[0].reason.text


def test_redactable_personal_data_in_a_public_notice_means_partial_disclosure(model_dir):
    t = NOTICE.replace("举办专场招聘会。", "举办专场招聘会。咨询人王五，手机13812345678。")
    f = finding("personal", "mobile", "13812345678", t, fid="F-m")
    s = suggest(doc(t), [f], model_dir=model_dir)
    assert s.attribute == "proactive"
    assert s.partial_disclosure
    r = next(r for r in s.reasons if r.basis.endswith("第三十七条"))
    assert r.finding_ids == ["F-m"] and "区分处理" in r.text


def test_no_partial_disclosure_when_a_state_secret_is_present():
    t = "秘密★1年\n" + NOTICE
    fs = [finding("secrecy", "secrecy_mark", "秘密★1年", t, action="block"),
          finding("personal", "mobile", "13812345678", t)]
    s = suggest(doc(t), fs, model_dir=NO_MODEL)
    assert s.attribute == "not_public" and not s.partial_disclosure


def test_clean_public_notice_with_no_findings_has_no_rule_hits():
    res = rules.evaluate(doc(NOTICE), [])
    assert res.hits == [] and res.partial is None


def test_article20_category_for_a_proactive_employment_notice():
    s = suggest(doc(NOTICE), [], model_dir=NO_MODEL)
    assert s.attribute == "proactive"
    assert s.category_article20 and s.category_article20.startswith("第二十条（十一）")
    assert any(r.basis == "《中华人民共和国政府信息公开条例》第二十条（十一）" for r in s.reasons)


def test_without_the_model_the_suggestion_is_rules_only_and_needs_a_human():
    s = suggest(doc(NOTICE), [], model_dir=NO_MODEL)
    assert s.needs_human and s.model_version is None and s.probabilities == {}
    assert any("未使用文本模型" in r.text for r in s.reasons)


def test_a_request_quoted_in_the_body_is_not_the_documents_kind():
    text = ("某某省教育厅关于同意某某学校变更名称的通知\n某某市教育局：\n"
            "你局《关于某某学校变更学校名称的请示》收悉。经研究，同意变更。\n特此通知。")
    assert rules.infer_doc_kind(doc(text)) == "通知"


def test_a_draft_published_for_public_comment_is_not_process_information():
    text = ("某某市生态环境局关于公开征求《某某市扬尘污染防治办法（征求意见稿）》意见的公告\n"
            "为提高行政决策透明度，现向社会公开征求意见。\n特此公告。")
    f = finding("process", "draft_marker", "征求意见稿", text, action="review")
    assert rules.evaluate(doc(text), [f]).hits == []
    letter = ("某某市生态环境局关于征求《某某市扬尘污染防治办法（征求意见稿）》意见的函\n"
              "省直有关部门：\n现送你单位征求意见，请于5月1日前反馈。\n特此函告。")
    f2 = finding("process", "draft_marker", "征求意见稿", letter, action="review")
    assert [h.attribute for h in rules.evaluate(doc(letter), [f2]).hits] == ["not_public"]


@pytest.mark.parametrize("title, process", [
    ("某某省应急管理厅关于商请会签《某某省海洋灾害应急预案》的函", True),
    ("某某省生态环境厅关于请确认《三年行动方案》目标指标的函", True),
    ("某某省住房和城乡建设厅关于征求《绿色发展若干措施》意见建议的函", True),
    ("某某省应急管理厅关于更换电话号码的函", False),
])
def test_consultation_letters_are_process_information_by_their_form(title, process):
    text = title + "\n省直有关部门：\n请于5月1日前反馈。\n特此函告。"
    hits = rules.evaluate(doc(text), []).hits
    assert bool(hits) is process
    if process:
        assert "磋商信函" in hits[0].reason.text


def test_an_answer_to_a_named_applicant_with_an_id_number_is_on_request():
    text = ("政府信息公开申请答复书\n张某某（身份证号：110101199003071234）：本机关于2024年3月收到您的申请。\n"
            "经检索，该信息不存在。\n某某市自然资源局\n2024年4月1日")
    f = finding("personal", "id_card", "110101199003071234", text, fid="F-id")
    res = rules.evaluate(doc(text), [f])
    assert res.one_party == "张某某"
    assert [h.attribute for h in res.hits] == ["on_request"]


@pytest.mark.parametrize("text", ["附件：1.名单\n", "抄送：市财政局。\n", "某某市财政局：\n"])
def test_headings_and_agencies_are_not_taken_for_a_person(text):
    assert rules.addressed_to_one(doc(text + "正文。")) is None


def test_personnel_appointments_are_internal_affairs():
    text = "关于王某某等同志职务任免的通知\n机关各处室：\n经研究决定：任命王某某同志为办公室主任。\n特此通知。"
    hits = rules.evaluate(doc(text), []).hits
    assert hits and hits[0].reason.basis.endswith("第十六条第一款")
    assert hits[0].allowed == {"not_public", "on_request"}
