"""personal.wechat_qq.v1 — WeChat ids and QQ numbers after their labels."""

import pytest

from reviewer import detectors
from reviewer.detectors.personal.wechat_qq import WechatQQRecognizer
from tests.detectors.helpers import make_doc


def ids(text):
    return [f.text for f in detectors.analyze(make_doc(text)) if f.type == "wechat_qq"]


@pytest.mark.parametrize("text, expected", [
    ("举报人张伟，微信号：zhang_san88，要求回复。", ["zhang_san88"]),
    ("申请人微信：wxid_a1b2c3d4e5f6", ["wxid_a1b2c3d4e5f6"]),
    ("QQ：123456789", ["123456789"]),
    ("其QQ号 87654321，微信号为Li-Ming_1990。", ["87654321", "Li-Ming_1990"]),
    ("投诉人李娜（VX：lina2024abc）", ["lina2024abc"]),
    ("本人qq号码是3345678901", ["3345678901"]),
    ("ＱＱ：９８７６５４３２１", ["９８７６５４３２１"]),            # full-width
    ("WeChat: wangfang_01", ["wangfang_01"]),
])
def test_wechat_and_qq_ids_are_reported(text, expected):
    got = ids(text)
    assert got == expected
    assert all(f.type == "wechat_qq" and f.action == "redact"
               for f in detectors.analyze(make_doc(text)) if f.type == "wechat_qq")


@pytest.mark.parametrize("text", [
    "关注微信公众号：hebeifabu",
    "请加入QQ群：123456789",
    "咨询QQ：800012345",
    "报名微信：bmzx2024",
    "微信：138****5678",
    "微信号：XXXXXX",
    "QQ邮箱：123456@qq.com",
    "通过微信、QQ等方式联系",
    "微信支付：12345678",
    "使用QQ浏览器访问",
    "微信：13812345678",             # a mobile number: personal.mobile reports it
    "联系人：杨冬0311-69691965邮箱：hbxjrcgj@163.com微信号：ydls1100",   # an office's channel
])
def test_wechat_qq_look_alikes_are_not_reported(text):
    assert ids(text) == []


def test_wechat_qq_declares_harm():
    assert WechatQQRecognizer.HARM is True


def test_wechat_qq_in_docx_and_pdf():
    from reviewer.parsers import parse_bytes
    from reviewer.synth.docx_writer import DocxBuilder
    from reviewer.synth.pdf_writer import have_cjk_font, text_pdf

    lines = ["关于王建国信访事项的处理意见", "信访人王建国，微信号：wjg_19750312，QQ：456789123。"]
    b = DocxBuilder()
    for line in lines:
        b.paragraph(line)
    b.table([["姓名", "微信号"], ["王建国", "微信号：wjg_19750312"]])
    docs = [parse_bytes(b.to_bytes(), "意见.docx")]
    if have_cjk_font():
        docs.append(parse_bytes(text_pdf(lines), "意见.pdf"))
    for doc in docs:
        got = [f.text for f in detectors.analyze(doc) if f.type == "wechat_qq"]
        assert got[:2] == ["wjg_19750312", "456789123"], doc.metadata.format
