"""Generate the sample drafts in samples/txt, samples/docx, samples/pdf and samples/expected.json.

    .venv/bin/python samples/generate.py            # (re)write everything
    .venv/bin/python samples/generate.py --check    # exit 1 if a file would change

All people, companies and numbers are synthetic (reviewer.synth.fake, seeded per file):
the identifiers pass their real check-digit tests, the people do not exist.  The output
is deterministic: the same code gives the same bytes.  expected.json records, per file,
the structure a correct extractor reads (written by hand here, never computed by the
extractor) and every identifier planted, by type and value, for the detectors' tests.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer.synth.fake import Faker, mask_id, mask_mobile, mask_name  # noqa: E402

HERE = ROOT / "samples"
S = "\u3000\u3000"  # the two-character paragraph indent


class Sample:
    """One file: its bytes, the structure it should yield and the identifiers planted in it."""

    def __init__(self, name: str, fmt: str, structure: dict, encoding: str | None = None):
        self.name, self.fmt, self.structure, self.encoding = name, fmt, structure, encoding
        self.identifiers: list[dict] = []
        self.markers: list[dict] = []
        self.masked: list[str] = []
        self.data = b""

    def plant(self, type_: str, value: str, part: str | None = None, **note) -> str:
        """Record an identifier put in the file; ``part`` as in Block.part (body, table, comment, page …)."""
        part = part or ("page" if self.fmt == "pdf" else "body")
        self.identifiers.append({"type": type_, "value": value, "part": part, **note})
        return value

    def expected(self) -> dict:
        out = {"format": self.fmt, "structure": self.structure,
               "declared_attribute": self.structure.get("declared_attribute"),
               "identifiers": self.identifiers, "markers": self.markers, "masked": self.masked}
        if self.encoding:
            out["encoding"] = self.encoding
        return out


def _st(doc_number=None, title=None, secrecy_line=None, declared=None, **more) -> dict:
    d = {"doc_number": doc_number, "title": title, "secrecy_line": secrecy_line, "declared_attribute": declared}
    d.update(more)
    return d


def _txt(sample: Sample, lines: list[str]) -> Sample:
    sample.data = ("\n".join(lines) + "\n").encode(sample.encoding or "utf-8")
    return sample


# --------------------------------------------------------------------------- TXT
def notice_proactive() -> Sample:
    f = Faker(101)
    title = "某某市人民政府办公室关于做好2024年政务公开工作的通知"
    s = Sample("01_notice_proactive.txt", "txt", _st(
        "某府办发〔2024〕12号", title, None, "proactive", doc_kind="通知", date="2024-03-15",
        addressee="各县（市、区）人民政府，市政府各部门", printed_by="某某市人民政府办公室", printed_date="2024-03-18"),
        "utf-8")
    staff = f.name()
    phone = s.plant("landline", f.landline("资阳"))
    return _txt(s, [
        "某某市人民政府办公室文件", "", "某府办发〔2024〕12号", "", title, "",
        "各县（市、区）人民政府，市政府各部门：",
        S + "为深入贯彻《中华人民共和国政府信息公开条例》，进一步提升政务公开质量，现就做好2024年政务公开工作通知如下。",
        S + "一、加强政策文件公开。各地各部门制发的规范性文件，应当在印发之日起20个工作日内在政府网站公开。",
        S + "二、严格保密审查。坚持“先审查、后公开”和“谁公开、谁审查”原则，涉及国家秘密、商业秘密和个人隐私的信息不得公开。",
        S + "三、做好解读回应。起草部门应同步提交解读材料，重大政策由部门主要负责人解读。",
        S + f"联系人：市政务公开办 {staff}，联系电话：{phone}。",
        "", "某某市人民政府办公室", "2024年3月15日", "（此件主动公开）", "",
        "抄送：市委办公室，市人大常委会办公室，市政协办公室。",
        "某某市人民政府办公室　　　　　　　　2024年3月18日印发",
    ])


def dibao_gongshi() -> Sample:
    f = Faker(102)
    title = "某某街道办事处关于2024年第二季度城乡低保对象的公示"
    s = Sample("02_dibao_gongshi_gb18030.txt", "txt", _st(
        None, title, None, None, doc_kind=None, date="2024-06-20"), "gb18030")
    rows = []
    for i in range(1, 9):
        p = f.person()
        s.plant("person_name", p["name"])
        s.plant("id_card", p["id_card"])
        s.plant("address", p["address"])
        phone = s.plant("mobile", f.mobile(("plain", "spaced", "dashed", "+86")[i % 4]))
        card = s.plant("bank_card", f.bank_card())
        rows.append(f"{i}. {p['name']}，身份证号{p['id_card']}，家庭住址{p['address']}，"
                    f"联系电话{phone}，保障人口{f.r.randint(1, 4)}人，月保障金{f.r.randint(3, 12) * 100}元，"
                    f"发放账户{card}")
    masked_id = mask_id(f.id_card())
    masked_phone = mask_mobile(f.mobile())
    masked_name = mask_name(f.name())
    s.masked += [masked_id, masked_phone, masked_name]
    return _txt(s, [
        title, "",
        S + "根据《社会救助暂行办法》和低保审核确认有关规定，经个人申请、入户调查、民主评议，"
            "拟将以下家庭纳入城乡最低生活保障范围，现予公示。公示期7天。",
        *rows,
        f"9. {masked_name}，身份证号{masked_id}，联系电话{masked_phone}（已脱敏示例）",
        S + "公示期间如有异议，请向街道社会事务办反映。监督电话：" + s.plant("landline", f.landline("成都", style="paren")),
        "", "某某街道办事处", "2024年6月20日",
    ])


def request_qingshi() -> Sample:
    f = Faker(103)
    title = "某某县人民政府关于申请安排2024年防汛应急资金的请示"
    s = Sample("03_request_qingshi.txt", "txt", _st(
        "某府〔2024〕35号", title, None, "not_public", doc_kind="请示", signer="刘建国",
        addressee="某某市人民政府", date="2024-05-08"), "utf-8")
    contact = s.plant("person_name", f.name())
    return _txt(s, [
        "某某县人民政府文件", "", "某府〔2024〕35号　　　　　　　　签发人：刘建国", "", title, "",
        "某某市人民政府：",
        S + "入汛以来，我县先后遭受3次强降雨过程，部分堤防、塘坝出现险情。为确保安全度汛，"
            "经县政府常务会议研究，拟申请市级防汛应急资金850万元，主要用于堤防除险加固和应急物资储备。",
        S + "妥否，请批示。",
        "", "某某县人民政府", "2024年5月8日", "（此件不予公开）",
        f"（联系人：{contact}，联系电话：{s.plant('mobile', f.mobile())}，"
        f"办公电话：{s.plant('landline', f.landline('成都', extension=True))}）",
    ])


def internal_secret() -> Sample:
    f = Faker(104)
    title = "某某市国家安全工作领导小组办公室关于开展重点部位安全检查的通知"
    s = Sample("04_internal_secret_gb18030.txt", "txt", _st(
        "某安办发〔2024〕3号", title, "机密★5年", None, copy_number="000086", secrecy_level="机密",
        secrecy_period="5年", urgency="特急", doc_kind="通知", date="2024-04-02"), "gb18030")
    s.markers += [{"type": "secrecy_mark", "value": "机密★5年"}, {"type": "warning_label", "value": "内部资料"}]
    officer = s.plant("person_name", f.name())
    return _txt(s, [
        "000086", "机密★5年", "特急", "", "某某市国家安全工作领导小组办公室文件", "", "某安办发〔2024〕3号", "",
        title, "", "各县（市、区）国家安全工作领导小组办公室：",
        S + "（本文为合成示例，内容虚构。）根据《中华人民共和国保守国家秘密法》有关规定，"
            "定于4月10日至20日对全市重点部位开展安全检查。检查中涉及国家秘密的事项，按规定范围知悉。",
        S + "一、检查对象：市级重点单位12家，名单另行通知。",
        S + f"二、带队人员：{officer}（{s.plant('mobile', f.mobile('dashed'))}）。",
        S + "三、本通知仅限内部资料使用，不得外传。",
        "", "某某市国家安全工作领导小组办公室", "2024年4月2日", "（此件发至县级）",
    ])


def approval_company() -> Sample:
    f = Faker(105)
    company = f.company("某某市")
    title = f"某某市发展和改革委员会关于{company}污水处理厂扩建项目的批复"
    s = Sample("05_approval_company.txt", "txt", _st(
        "某发改审批〔2024〕71号", title, None, "on_request", doc_kind="批复", date="2024-07-09"), "utf-8")
    uscc = s.plant("org_id", f.uscc("512002"))
    legal = s.plant("person_name", f.name())
    card = s.plant("bank_card", f.bank_card(19))
    return _txt(s, [
        "某某市发展和改革委员会", "某发改审批[2024]第071号", "", title, "",
        f"{company}：",
        S + f"你公司（统一社会信用代码：{uscc}，法定代表人：{legal}）报来的项目申请报告及相关材料收悉。经研究，批复如下：",
        S + "一、同意建设某某市污水处理厂扩建项目，新增处理规模每日5万吨。",
        S + "二、项目总投资18650万元。经招标确定施工单位，中标价12387.56万元；"
            "投标报价明细：土建工程8123.40万元，设备购置3102.16万元，安装工程1162.00万元，成本利润率6.8%。",
        S + f"三、项目资金监管账户：{card}（开户行：某某银行某某支行）。",
        "", "某某市发展和改革委员会", "2024年7月9日", "（此件依申请公开）",
    ])


def meeting_minutes() -> Sample:
    f = Faker(106)
    title = "某某区人民政府第十二次常务会议纪要"
    s = Sample("06_meeting_minutes.txt", "txt", _st(
        "某区府纪（2023）5号", title, None, "not_public", doc_kind="纪要", date="2023-11-08"), "utf-8")
    s.structure["doc_number"] = "某区府纪〔2023〕5号"
    attendees = [s.plant("person_name", f.name()) for _ in range(4)]
    return _txt(s, [
        "某某区人民政府常务会议纪要", "某区府纪（2023）5号", "", title, "",
        S + "二〇二三年十一月八日，区长主持召开区政府第十二次常务会议。现将会议议定事项纪要如下：",
        S + "一、会议讨论了《某某区老旧小区改造实施方案（讨论稿）》，原则同意，请区住建局根据讨论意见修改完善后按程序报批。",
        S + "二、会议研究了某某片区征收补偿问题，补偿标准暂按讨论意见执行，不对外公布。",
        "出席：" + "、".join(attendees),
        f"记录：{s.plant('person_name', f.name())}（{s.plant('email', f.email())}）",
        "", "某某区人民政府办公室", "二〇二三年十一月八日", "政府信息公开属性：不予公开　理由：内部讨论事项",
    ])


def runon_penalty() -> Sample:
    """HTML-stripped text: no paragraph breaks, the 附注 in the middle, attachments after."""
    f = Faker(107)
    title = "某某市交通运输局关于公布2024年第一批道路运输违法案件处理结果的通知"
    s = Sample("07_runon_penalty_notice.txt", "txt", _st(
        "某交运发〔2024〕9号", title, None, "proactive", doc_kind="通知", date="2024-04-26"), "utf-8")
    parts = [f"某某市交通运输局文件某交运发〔2024〕9号{title}各区县交通运输局，局属各单位：",
             "根据《中华人民共和国道路运输条例》，现将2024年第一批道路运输违法案件处理结果通知如下：一、案件情况"]
    for i in range(1, 4):
        p = f.person()
        s.plant("person_name", p["name"])
        plate = s.plant("vehicle_plate", f.plate(new_energy=i == 2))
        parts.append(f"（{i}）当事人{p['name']}（身份证号：{s.plant('id_card', p['id_card'])}），"
                     f"驾驶车牌号{plate}车辆未取得道路运输经营许可擅自从事经营，罚款{f.r.randint(2, 10)}000元。")
    legacy = s.plant("id_card_legacy", f.id_card_15())
    parts.append(f"（4）当事人某某（旧身份证号：{legacy}，护照号码：{s.plant('passport', f.passport())}，"
                 f"往来港澳通行证：{s.plant('travel_permit', f.hk_macau_permit())}）超限运输，罚款3000元。")
    parts.append("二、工作要求各单位要加强执法监督，依法公开行政处罚信息。某某市交通运输局2024年4月26日（此件主动公开）")
    parts.append("附件2024年第一批道路运输违法案件汇总表" + "序号当事人违法行为处理结果" * 6)
    parts.append("更多信息请关注官方微信")
    sample = _txt(s, ["".join(parts)])
    return sample


# --------------------------------------------------------------------------- DOCX
def docx_notice() -> Sample:
    from reviewer.synth.docx_writer import Comment, Del, DocxBuilder, Ins

    f = Faker(108)
    title = "某某市人力资源和社会保障局关于开展2024年度职业技能竞赛的通知"
    s = Sample("08_notice_tracked_changes.docx", "docx", _st(
        "某人社发〔2024〕21号", title, None, "proactive", doc_kind="通知", date="2024-05-20",
        addressee="各县（市、区）人力资源和社会保障局"))
    author = s.plant("person_name", f.name(), "properties")
    idc = s.plant("id_card", f.id_card(), "comment")
    deleted_phone = s.plant("mobile", f.mobile(), "deletion")
    contacts = [[f.name(), f.mobile(), f.email()] for _ in range(3)]
    for n, m, e in contacts:
        s.plant("person_name", n, "table")
        s.plant("mobile", m, "table")
        s.plant("email", e, "table")
    reviewer_name = f.name()
    b = DocxBuilder()
    b.header("某某市人力资源和社会保障局")
    b.footer("— 1 —")
    for line in ["某某市人力资源和社会保障局文件", "某人社发〔2024〕21号", title, "各县（市、区）人力资源和社会保障局："]:
        b.paragraph(line)
    b.paragraph(S + "为推动技能人才队伍建设，经研究，决定举办2024年度职业技能竞赛。现将有关事项通知如下。")
    b.paragraph([S + "一、竞赛项目：电工、焊工、育婴员等", Ins("12", author=reviewer_name), "个职业（工种）。"])
    b.paragraph([S + "二、报名咨询：", Del(f"市职业技能鉴定中心{deleted_phone}，", author=reviewer_name),
                 "各级人社部门就业服务窗口。"])
    b.paragraph([S + "三、", Comment("参赛选手须提交身份证明", f"选手代表身份证号{idc}请核对", author=reviewer_name),
                 "及技能等级证书复印件。"])
    b.paragraph("四、各地联络员：")
    b.table([["姓名", "手机", "电子邮箱"], *contacts])
    for line in ["某某市人力资源和社会保障局", "2024年5月20日", "（此件主动公开）"]:
        b.paragraph(line)
    b.properties(author=author, last_modified_by=reviewer_name, title=title)
    s.data = b.to_bytes()
    return s


def docx_bid_report() -> Sample:
    from reviewer.synth.docx_writer import DocxBuilder

    f = Faker(109)
    title = "某某县财政局关于某某县政府采购项目评审情况的报告"
    s = Sample("09_bid_evaluation_report.docx", "docx", _st(
        "某财采〔2024〕8号", title, None, "not_public", doc_kind="报告", date="2024-08-16",
        addressee="某某县人民政府"))
    s.markers.append({"type": "warning_label", "value": "内部资料　注意保存"})
    bidders = []
    for _ in range(3):
        c = f.company("某某县")
        bidders.append([c, s.plant("org_id", f.uscc("512002")), f"{f.r.randint(3200, 4100)}.{f.r.randint(10, 99)}万元"])
    b = DocxBuilder()
    b.header("内部资料　注意保存")
    for line in ["某某县财政局", "某财采〔2024〕8号", title, "某某县人民政府："]:
        b.paragraph(line)
    b.paragraph(S + "按照县政府安排，我局组织对某某县智慧城市一期项目开展公开招标评审。评审委员会依法评审，现将评审情况报告如下。")
    b.paragraph("一、投标单位及投标报价（含成本构成，属投标人商业秘密）：")
    b.table([["投标单位", "统一社会信用代码", "投标报价"], *bidders])
    b.paragraph(S + "二、标底价3980.00万元。评审专家：" + "、".join(s.plant("person_name", f.name()) for _ in range(3)) + "。")
    b.footnote("评审专家名单依规不予公开。", before=S + "三、评审结果经公示无异议后报批。")
    b.textbox("项目联系人电话 " + s.plant("mobile", f.mobile("spaced"), "textbox"))
    for line in ["某某县财政局", "2024年8月16日", "（此件不予公开）"]:
        b.paragraph(line)
    b.properties(author="县财政局采购办", title=title)
    s.data = b.to_bytes()
    return s


# --------------------------------------------------------------------------- PDF
def pdf_notice() -> Sample:
    from reviewer.synth.pdf_writer import Annotation, Page, Para, build_pdf

    f = Faker(110)
    title = "某某市民政局关于发放2024年度困难群众临时救助金的通知"
    s = Sample("10_notice_multipage.pdf", "pdf", _st(
        "某民发〔2024〕17号", title, None, "proactive", doc_kind="通知", date="2024-09-02",
        addressee="各县（市、区）民政局"))
    author = s.plant("person_name", f.name(), "metadata")
    p1 = [Para("某某市民政局文件", align="center", indent=0, size=22), Para("某民发〔2024〕17号", align="center", indent=0),
          Para(title, align="center", indent=0, size=20), Para("各县（市、区）民政局：", indent=0)]
    body = ("为切实保障困难群众基本生活，根据《社会救助暂行办法》和本市临时救助实施细则，"
            "现就发放2024年度困难群众临时救助金有关事项通知如下。")
    p1 += [body * 2, "一、救助对象为因火灾、交通事故、突发重大疾病等原因导致基本生活暂时出现严重困难的家庭或个人。" * 2]
    wrapped = s.plant("id_card", f.id_card(), wrapped_across_lines=True)
    applicant = s.plant("person_name", f.name())
    lead = f"二、个案：申请人{applicant}，身份证号"
    p2 = [Para(lead + wrapped + "，因突发重大疾病申请临时救助，经审核给予救助金8000元。",
               chars_per_line=len(lead) + 2 + 9)]
    p2 += [f"家庭住址：{s.plant('address', f.address())}，联系电话：{s.plant('mobile', f.mobile())}。",
           "三、各地要严格审核程序，及时足额发放，不得截留挪用。" * 3]
    p3 = ["四、各地于10月31日前将发放情况报市民政局社会救助科。",
          Para("某某市民政局", align="right", indent=0), Para("2024年9月2日", align="right", indent=0),
          Para("（此件主动公开）", indent=2)]
    s.data = build_pdf([Page(p1), Page(p2), Page(p3)],
                       info={"Title": title, "Author": author, "Creator": "reviewer.synth"},
                       annotations=[Annotation(page=2, contents="请复核申请人材料", author=author)])
    return s


def pdf_list() -> Sample:
    from reviewer.synth.pdf_writer import Page, Para, build_pdf

    f = Faker(111)
    title = "某某县2024年度农村危房改造补助对象名单公示"
    s = Sample("11_housing_subsidy_list.pdf", "pdf", _st(None, title, None, None, doc_kind=None, date="2024-10-12"))
    p1 = [Para(title, align="center", indent=0, size=20),
          "根据农村危房改造工作安排，经农户申请、村级评议、乡镇审核、县级审批，现将2024年度补助对象名单公示如下，公示期为7天。"]
    rows = []
    for i in range(1, 13):
        p = f.person()
        s.plant("person_name", p["name"])
        s.plant("id_card", p["id_card"])
        rows.append(f"{i}. {p['name']} 身份证号{p['id_card']} 补助{f.r.choice((2, 3, 4))}万元")
    p2 = rows[:6]
    p3 = rows[6:] + ["监督电话：" + s.plant("landline", f.landline("成都")),
                     Para("某某县住房和城乡建设局", align="right", indent=0),
                     Para("2024年10月12日", align="right", indent=0)]
    s.data = build_pdf([Page(p1), Page(p2), Page(p3)], info={"Title": title})
    return s


def pdf_secret_letter() -> Sample:
    from reviewer.synth.pdf_writer import Page, Para, build_pdf

    f = Faker(112)
    title = "某某市保密局关于协助核查涉密载体管理情况的函"
    s = Sample("12_secret_letter.pdf", "pdf", _st(
        "某保函〔2024〕4号", title, "秘密★1年", None, secrecy_level="秘密", secrecy_period="1年", doc_kind="函",
        date="2024-11-05", addressee="某某县保密局"))
    s.markers.append({"type": "secrecy_mark", "value": "秘密★1年"})
    person = s.plant("person_name", f.name())
    s.data = build_pdf([Page([
        Para("秘密★1年", indent=0), Para("某某市保密局", align="center", indent=0, size=22),
        Para("某保函〔2024〕4号", align="center", indent=0), Para(title, align="center", indent=0, size=20),
        Para("某某县保密局：", indent=0),
        "（本文为合成示例，内容虚构。）经核查，你县某单位工作人员" + person + "涉嫌违规存放涉密载体，请协助核查有关情况，并于11月20日前函复。",
        "联系人：市保密局检查科，电话：" + s.plant("landline", f.landline("成都", extension=True)) + "。",
        Para("某某市保密局", align="right", indent=0), Para("2024年11月5日", align="right", indent=0)])])
    return s


TXT = (notice_proactive, dibao_gongshi, request_qingshi, internal_secret, approval_company, meeting_minutes,
       runon_penalty)
DOCX = (docx_notice, docx_bid_report)
PDF = (pdf_notice, pdf_list, pdf_secret_letter)


def build_all() -> list[Sample]:
    return [make() for make in (*TXT, *DOCX, *PDF)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report files that would change; write nothing")
    ap.add_argument("--out", default=str(HERE), help="output folder (default: samples/)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    samples = build_all()
    expected = {f"{s.fmt}/{s.name}": s.expected() for s in samples}
    files = {out / s.fmt / s.name: s.data for s in samples}
    files[out / "expected.json"] = (json.dumps(expected, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    changed = [p for p, data in files.items() if not p.exists() or p.read_bytes() != data]
    if args.check:
        for p in changed:
            print(f"would change: {p}")
        return 1 if changed else 0
    for p, data in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    print(f"wrote {len(files)} files ({len(changed)} changed) under {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
