"""Across all detectors: masked values are compliant, and the usual false alarms of
government text are not reported as personal data."""

import pytest

from reviewer import detectors
from tests.detectors.helpers import make_doc


def personal(text):
    return [(f.type, f.text) for f in detectors.analyze(make_doc(text)) if f.category == "personal"]


@pytest.mark.parametrize("text", [
    "身份证号：510203********1234",
    "公民身份号码 510203199001****34",
    "手机：138****5678",
    "联系电话 138-****-5678",
    "当事人张某，男",
    "申请人：张*",
    "户主：张××",
    "姓名：李XX",
    "当事人王某某于2024年提出申请",
    "卡号：622848******4890018",
    "邮箱：z***g@qq.com",
    "车牌号：京A***45",
])
def test_masked_values_are_compliant(text):
    assert personal(text) == []


@pytest.mark.parametrize("text", [
    "资府办函〔2017〕71号",
    "冀政办字〔2024〕12号",
    "索引号：000014349/2024-00123",
    "索引号：11370000MB28403XXX/2024-01234",
    "成文日期：2024年6月4日",
    "20240604",
    "补助资金12,345.67元",
    "合计1234567890元",
    "邮政编码：100000",
    "请拨打12345政务服务便民热线",
    "京ICP备05070218号",
    "网站标识码：1100000088",
    "依据《政府信息公开条例》第十五条、第2条的规定",
    "第十五条 涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。",
    "处理不满十四周岁未成年人个人信息的，应当取得未成年人的父母或者其他监护人的同意。",
    "曾被判处有期徒刑以上刑罚的，不得担任该职务。",
    "加强艾滋病、结核病等重大传染病防控",
    "各行业主管部门要加强统筹",
    "申请人应当提交下列材料",
])
def test_not_personal_data(text):
    assert personal(text) == []


def test_org_id_is_a_public_register_number_recognised_not_a_finding():
    doc = make_doc("统一社会信用代码：91110000600037341L")
    assert detectors.analyze(doc) == []                         # never a finding, never a trade secret
    [f] = detectors.analyze_all(doc)
    assert (f.category, f.type, f.recognised) == ("commercial", "org_id", "published_by_rule")
    assert "登记号码" in f.explanation["recognised_reason"]
