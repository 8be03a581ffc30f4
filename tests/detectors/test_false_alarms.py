"""The false alarms users hate: each realistic sentence yields no finding of the wrong kind.

Every row names a *token* that is not personal data, not a secret mark and not a
credential (发文字号, 索引号, dates, money, 邮政编码, 12345, ICP备案号, 网站标识码, masked
values, article numbers); the test asserts that no detector reports anything that
overlaps it.  The law-text rows assert that a mention of secrets raises no secrecy,
commercial or process finding anywhere in the sentence.
"""

import pytest

from reviewer.detectors import analyze
from reviewer.parsers import parse_bytes


def findings_over(text: str, token: str) -> list:
    assert token in text, "the row's token must occur in its sentence"
    start = text.index(token)
    end = start + len(token)
    doc = parse_bytes(text.encode("utf-8"))
    return [(f.type, f.text, f.detector) for f in analyze(doc) if f.start < end and f.end > start]


CASES = {
    # 发文字号 and 索引号
    "doc_number": ("根据《河北省人民政府办公厅关于加强政务公开工作的通知》（冀政办字〔2024〕12号）要求，现通知如下。",
                   "冀政办字〔2024〕12号"),
    "doc_number_brackets": ("国务院办公厅印发《关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号）。",
                            "国办发〔2019〕54号"),
    "index_number": ("索引号：000014349/2024-00123　　主题分类：政务公开", "000014349/2024-00123"),
    "index_number_18": ("索引号：11130000000018011X/2024-01234　发布机构：河北省人民政府办公厅",
                        "11130000000018011X/2024-01234"),
    # dates
    "date_chinese": ("本通知自2024年3月15日起施行，有效期至2029年3月14日。", "2024年3月15日"),
    "date_compact": ("数据统计截至20240315，共受理申请1200件。", "20240315"),
    "date_iso": ("发布日期：2024-03-15 10:30:00", "2024-03-15 10:30:00"),
    # money amounts
    "money_yuan": ("省财政下达专项资金13800000000元，用于农村公路建设。", "13800000000元"),
    "money_decimal": ("项目总投资6228480402.56万元，其中中央预算内投资1.2亿元。", "6228480402.56万元"),
    "money_comma": ("合同金额为人民币1,234,567.89元（大写：壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分）。", "1,234,567.89元"),
    # 邮政编码
    "postcode": ("通讯地址：石家庄市维明南大街46号，邮政编码：050051。", "050051"),
    "postcode_short": ("来信请寄北京市西城区府右街2号（邮编100017）。", "100017"),
    # hotlines
    "hotline_12345": ("群众可拨打12345政务服务便民热线反映问题。", "12345"),
    "hotline_12345_bare": ("12345热线受理量同比增长15%。", "12345"),
    "hotline_12315": ("消费者可拨打12315投诉举报。", "12315"),
    # website registration
    "icp": ("主办单位：河北省人民政府办公厅　冀ICP备05003015号-1", "冀ICP备05003015号-1"),
    "public_security_filing": ("冀公网安备 13010202000123号", "13010202000123号"),
    "site_code": ("网站标识码：1300000034　　政府网站找错", "1300000034"),
    # masked values
    "masked_id": ("申请人：张某，身份证号：510203********1234，已补正材料。", "510203********1234"),
    "masked_mobile": ("联系电话：138****5678（已脱敏）", "138****5678"),
    "masked_name": ("经查，当事人张某某于2023年5月在本市经营。", "张某某"),
    "masked_name_single": ("申请人张某提出政府信息公开申请。", "张某"),
    # article and clause numbers
    "article_number": ("依据《中华人民共和国政府信息公开条例》第三十六条第（三）项的规定。", "第三十六条第（三）项"),
    "clause_number": ("按照本办法第3.2.1条和第120条执行。", "第3.2.1条和第120条"),
    "standard_clause": ("10.1.2.3 技术要求应符合GB/T 9704-2012的规定。", "10.1.2.3"),
    "version": ("请将客户端升级至1.10.2.3版本。", "1.10.2.3"),
    # organisation codes are not personal data
    "uscc": ("统一社会信用代码：91110000600037341L", "91110000600037341L"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_false_alarm_token_not_reported(name):
    text, token = CASES[name]
    found = findings_over(text, token)
    if name == "uscc":  # the organisation code itself may be reported, as commercial org_id
        found = [f for f in found if f[0] != "org_id"]
    assert found == [], f"{name}: {found}"


LAW_TEXT = [
    "第十四条 依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、"
    "公共安全、经济安全、社会稳定的政府信息，不予公开。",
    "第十五条 涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。",
    "第十六条 行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。"
    "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息以及行政执法案卷信息，可以不予公开。",
    "标注有“内部文件（资料）”和“注意保存（保管、保密）”等警示字样的信息，未经批准不得上网公开。",
    "第十条 国家秘密的密级分为绝密、机密、秘密三级。",
    "机关、单位可以确定机密级、秘密级国家秘密。涉及国家秘密的，依照有关规定执行。",
    "第九条 经营者不得实施下列侵犯商业秘密的行为：（一）以盗窃、贿赂、欺诈、胁迫、电子侵入或者其他不正当手段获取权利人的商业秘密。",
    "招标人不得向他人透露已获取招标文件的潜在投标人的名称、数量以及可能影响公平竞争的有关招标投标的其他情况。招标人设有标底的，标底必须保密。",
    "对草案提出意见的，应当在征求意见期限内反馈。",
    # published 政策解读 describing how a rule was drafted (real hebei_gov wording)
    "起草单位根据征求意见和专家论证的情况，对规章征求意见稿进行修改，形成规章草案送审稿。",
    "先后经过动员部署、调研论证、文本编制、讨论修改等工作环节，形成了征求意见稿。",
    "2018年4月底，将《规定（征求意见稿）》及《修订说明》在全国档案系统征求意见。",
    "第二十条 印刷企业接受委托印刷内部资料性出版物的，必须验证准印证。",
]


@pytest.mark.parametrize("text", LAW_TEXT)
def test_law_text_mentioning_secrets_raises_no_marker(text):
    doc = parse_bytes(text.encode("utf-8"))
    wrong = [(f.type, f.text) for f in analyze(doc) if f.category in ("secrecy", "commercial", "process")]
    assert wrong == []
