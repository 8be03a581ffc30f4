"""The attribute is decided from the document's structure, not word lists; and a person is asked
when the text gives nothing to judge from (issue: the disclosure attribute a 政务公开办 would accept)."""

import pytest

from reviewer.parsers import parse_bytes
from reviewer.scan import scan_document


def _suggest(text: str):
    return scan_document(parse_bytes(text.encode("utf-8"), filename="draft.txt")).suggestion


# surnames in no list the code holds; the document speaks to one person about her own matter
@pytest.mark.parametrize("name", ["韦小红", "付建伟", "仝秀兰", "亓官明", "覃海燕"])
def test_a_reply_to_one_person_is_on_request_whatever_the_surname(name):
    text = (f"政府信息公开申请答复书\n某政信复〔2024〕15号\n{name}：\n"
            f"你于2024年5月6日提出的政府信息公开申请收悉。经查，你申请公开的你家房屋征收补偿协议，"
            f"身份证号110105194912310037，现予以提供。\n某某区人民政府办公室\n2024年5月20日")
    s = _suggest(text)
    assert s.attribute == "on_request", [r.text for r in s.reasons]
    assert any(name in r.text for r in s.reasons)


def test_a_notice_to_all_agencies_is_not_one_party():
    text = ("某某市人民政府办公室关于做好2024年防汛工作的通知\n各县（市、区）人民政府，市政府各部门：\n"
            "为做好今年防汛工作，现将有关事项通知如下。一、压实责任。二、加强值守。三、做好物资储备。\n"
            "某某市人民政府办公室\n2024年5月20日\n（此件公开发布）")
    s = _suggest(text)
    assert s.attribute == "proactive"


def test_a_credit_code_is_never_called_a_trade_secret():
    text = ("某某市市场监督管理局关于某某科技有限公司营业执照变更登记的公告\n"
            "某某科技有限公司（统一社会信用代码91110108MA01KJ3X4M）申请变更住所，经审查，准予变更登记。\n"
            "特此公告。\n某某市市场监督管理局\n2024年5月20日")
    s = _suggest(text)
    assert not any("商业秘密" in r.text for r in s.reasons), [r.text for r in s.reasons]


@pytest.mark.parametrize("text, why", [
    ("内容", "文本内容过少"),
    ("扫描二维码关注", "文本内容过少"),
    ("鍏充簬鍋氬ソ2024骞存斂鍔″叕寮€宸ヤ綔鐨勯€氱煡锛屽悇鍘裤€佸競銆佸尯浜烘皯鏀垮簻锛屼负璐拌溅钀藉疄銆傘€傘€傘€傛湰閫氱煡鑷彂甯冧箣鏃ヨ捣鏂借銆",
     "乱码"),
])
def test_nothing_to_judge_from_asks_a_person(text, why):
    s = _suggest(text)
    assert s.needs_human and s.confidence <= 0.5
    assert any(why in w for w in s.needs_human_reasons)


def test_a_party_organ_document_is_outside_government_information():
    text = ("中共某某县委员会文件\n关于加强基层党组织建设的意见\n各乡镇党委，县直各部门党组织：\n"
            "为深入贯彻落实有关要求，现提出如下意见。一、总体要求。二、主要任务。三、保障措施。坚持党建引领，"
            "推动基层治理现代化，切实提高基层党组织的组织力。\n中共某某县委员会\n2024年5月20日")
    s = _suggest(text)
    assert s.needs_human
    assert any("第二条" in w for w in s.needs_human_reasons)


def test_a_distribution_limit_asks_a_person():
    text = ("某某市人民政府办公室关于印发2024年重点工作任务的通知\n各县（市、区）人民政府：\n"
            "现将任务印发给你们，请认真贯彻执行。\n某某市人民政府办公室\n2024年3月1日\n（此件发至县级）")
    s = _suggest(text)
    assert s.needs_human and any("发放范围" in w for w in s.needs_human_reasons)


def test_the_model_is_shown_as_a_tendency_and_never_as_ngrams():
    text = ("某某市人民政府关于印发某某市2024年国民经济和社会发展计划的通知\n各县（市、区）人民政府：\n"
            "现将计划印发给你们，请认真组织实施。\n某某市人民政府\n2024年3月1日\n（此件公开发布）")
    s = _suggest(text)
    texts = [r.text for r in s.reasons]
    assert any(t.startswith("文本模型：倾向于") for t in texts), texts
    assert not any("主要文本特征" in t for t in texts)
    assert not any("与规则一致" in t for t in texts)     # no rule fired on this notice


def test_a_contradicting_annotation_is_overridden_with_the_article():
    text = ("关于做好机关内部停车证换发工作的通知\n机关各处室：\n现将2024年停车证换发事项通知如下。"
            "请各处室于3月5日前报送车辆信息。\n内部资料 注意保存\n办公室\n2024年3月1日\n（此件主动公开）")
    s = _suggest(text)
    assert s.attribute == "not_public"
    dc = s.declared_check
    assert dc["declared"] == "proactive" and not dc["agrees"]
    assert "第十六条" in dc["overriding_basis"] and "按内容确定为“不予公开”" in dc["override_note"]
    assert s.needs_human and any("附注" in w for w in s.needs_human_reasons)


@pytest.mark.parametrize("addressee, inside", [
    ("机关各处室、各直属单位", True),
    ("局机关各科室", True),
    ("全体干部职工", True),
    ("各县（市、区）体育局", False),
    ("各市人民政府，省政府各部门", False),
])
def test_a_notice_only_to_the_organs_own_units_is_internal_affairs(addressee, inside):
    text = (f"关于启用新版办公自动化系统的通知\n{addressee}：\n新版OA系统将于4月1日上线，请及时登录使用，"
            f"并做好相关工作安排，确保系统平稳运行。\n信息中心\n2024年3月20日")
    s = _suggest(text)
    hit = any("内部事务" in r.text and "第十六条" in r.basis for r in s.reasons)
    assert hit is inside, [r.text for r in s.reasons]
    if inside:
        assert s.attribute == "not_public"
