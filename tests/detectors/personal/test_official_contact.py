"""personal.official_contact.v1 — official contact details are recognised, not findings."""

import pytest

from reviewer import detectors
from tests.detectors.helpers import make_doc


def _by(fs, text):
    return [f for f in fs if f.text == text]


@pytest.mark.parametrize("text, value", [
    ("请于6月30日前报送。联系人：李四，电话：0311-87654321。", "0311-87654321"),
    ("请于6月30日前报送。联系人：李四，电话：0311-87654321。", "李四"),
    ("咨询电话：0311-66908693，电子邮箱：zhengce@163.com", "zhengce@163.com"),
    ("来信请寄 office@hebei.gov.cn", "office@hebei.gov.cn"),
    ("省文化和旅游厅公共服务处田伟强0311-85918050", "0311-85918050"),
    ("省文化和旅游厅公共服务处田伟强0311-85918050", "田伟强"),
    ("技术处：胡新红（010）84661035；谈宇德（010）84661036。", "（010）84661036"),
    ("省残疾人联合会赵素青联系电话：0311-85206039", "0311-85206039"),       # 残疾 in an organ's name
    ("石家庄市教育局\n0311-86036697\nsjz6036652@163.com", "0311-86036697"),
    ("石家庄市教育局\n0311-86036697\nsjz6036652@163.com", "sjz6036652@163.com"),
    ("电子版材料发送至fgc66005085@163.com。", "fgc66005085@163.com"),
    ("高职学校联系人：于浩0311-85998907\n谢园0311-89636835", "0311-89636835"),
])
def test_official_contact_is_recognised(text, value):
    fs = detectors.analyze_all(make_doc(text))
    [f] = _by(fs, value)
    assert f.recognised == "official_contact"
    assert f.explanation["recognised_reason"]
    assert "第二十条" in f.explanation["lawful_basis"]
    assert not _by(detectors.analyze(make_doc(text)), value)  # not among the findings


def test_official_mobile_stays_a_finding():
    """A mobile beside 联系人 may be the official's own phone: a finding, for review."""
    [f] = _by(detectors.analyze(make_doc("联系人：王明，手机：13812345678。")), "13812345678")
    assert f.action == "review" and not f.recognised
    assert "个人号码" in f.explanation["text"]


@pytest.mark.parametrize("text, value", [
    ("联系人：王科长\n0311-87654321\n", "0311-87654321"),                  # label on the line above
    ("0311-87654321\n（联系人：王科长）\n", "0311-87654321"),               # label on the line below
    ("材料请发送电子邮件至 shebao_zx@126.com。", "shebao_zx@126.com"),
    ("如有疑问，请拨打12345政务服务便民热线。", "12345"),
])
def test_contact_with_label_nearby_is_recognised(text, value):
    [f] = _by(detectors.analyze_all(make_doc(text)), value)
    assert f.recognised in ("official_contact", "public_hotline")


def test_private_line_next_to_a_contact_label_stays_a_finding():
    text = "联系人：王科长\n申请人家属电话0311-87654321\n"
    [f] = _by(detectors.analyze(make_doc(text)), "0311-87654321")
    assert not f.recognised


@pytest.mark.parametrize("text, value", [
    ("申请人张三，联系电话：13812345678。", "13812345678"),
    ("户主李建国，身份证号11010519491231002X，电话13812345678", "13812345678"),
    ("户主李建国，身份证号11010519491231002X，电话13812345678", "11010519491231002X"),
    ("举报人王五手机13912345678", "13912345678"),
])
def test_private_contact_stays_redact(text, value):
    fs = detectors.analyze(make_doc(text))
    [f] = _by(fs, value)
    assert f.action == "redact"
    assert "official_contact" not in f.explanation


def test_leaders_in_an_institution_notice_are_recognised():
    text = "某某县民政局机构职能\n局长：张建军\n负责全面工作。\n副局长：李秀英\n办公电话：0311-87654321"
    fs = detectors.analyze_all(make_doc(text))
    got = {(f.type, f.text) for f in fs if f.category == "personal" and f.recognised}
    assert {("person_name", "张建军"), ("person_name", "李秀英"), ("landline", "0311-87654321")} <= got
    assert not detectors.analyze(make_doc(text))
