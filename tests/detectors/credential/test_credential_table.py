"""credential.credential_table.v1: every cell of an account or password column, in DOCX, TXT and PDF tables."""

import pytest

from reviewer.detectors.credential.credential_table import CredentialTableDetector
from reviewer.parsers import parse_bytes
from reviewer.synth.docx_writer import DocxBuilder
from tests.detectors.helpers import make_doc

DET = CredentialTableDetector()


def values(doc):
    return [f.text for f in DET.analyze(doc)]


@pytest.mark.parametrize("text, expected", [
    ("账号 | 密码\nadmin | Admin@123\nguest01 | Gu#2024x", ["Admin@123", "Gu#2024x", "admin", "guest01"]),
    ("单位\t用户名\t初始密码\n财政局\thbcz001\tCz123456\n教育局\thbjy002\tJy654321",
     ["Cz123456", "Jy654321", "hbcz001", "hbjy002"]),
    ("序号    管理账号    口令\n1    xzsp_admin    Xz#8899\n2    xzsp_ops    Ops@2024",
     ["Xz#8899", "Ops@2024", "xzsp_admin", "xzsp_ops"]),
    ("| 系统 | 登录名 | 登录密码 |\n|---|---|---|\n| 不动产 | bdc01 | Bdc!2024 |",
     ["Bdc!2024", "bdc01"]),
    # look-alikes
    ("账号 | 密码\nadmin | ******\nguest | ******", ["admin", "guest"]),   # masked passwords are no values
    ("用户名 初始密码\n各单位管理员 身份证号后六位", []),                 # a description, not a password
    ("户名 银行账号 开户行\n张三 6222020200112233445 工行", []),          # no password column
    ("密码应当定期更换，账号不得转借。", []),
])
def test_credential_table_text(text, expected):
    assert values(make_doc(text)) == expected


def test_credential_table_docx_every_cell_of_both_columns():
    b = DocxBuilder()
    b.paragraph("关于开通政务服务平台账号的通知")
    b.table([["单位", "账号", "初始密码"], ["财政局", "czj01", "Czj@2024"], ["教育局", "jyj02", "Jy#88991"]])
    b.table([["单位", "联系人", "电话"], ["财政局", "王明", "0311-1234567"]])
    doc = parse_bytes(b.to_bytes(), filename="t.docx")
    found = DET.analyze(doc)
    assert sorted(f.text for f in found) == sorted(["czj01", "jyj02", "Czj@2024", "Jy#88991"])
    assert {f.explanation["table_source"] for f in found} == {"docx"}
    assert all((f.category, f.action) == ("credential", "redact") for f in found)


def test_credential_table_pdf():
    from reviewer.synth import pdf_writer
    if not pdf_writer.have_cjk_font():
        pytest.skip("no CJK font")
    P = pdf_writer.Para
    pdf = pdf_writer.build_pdf([pdf_writer.Page([
        P("附件", indent=0), P("用户名        密码", indent=0),
        P("tjj_admin     Tj#20240601", indent=0), P("tjj_user      Us@778899", indent=0)])])
    doc = parse_bytes(pdf, filename="t.pdf")
    assert values(doc) == ["Tj#20240601", "Us@778899", "tjj_admin", "tjj_user"]


def test_credential_table_label_value_rows_in_docx():
    b = DocxBuilder()
    b.paragraph("政务服务平台开通回执")
    b.table([["单位名称", "××县民政局"], ["登录账号", "hbmz_0631"], ["初始密码", "Mz@2024#1"], ["联系人", "王明"]])
    b.table([["项目", "内容"], ["账号", "hb001"]])            # no password row: not a credential form
    doc = parse_bytes(b.to_bytes(), filename="f.docx")
    assert sorted(f.text for f in DET.analyze(doc)) == ["Mz@2024#1", "hbmz_0631"]
