"""Templates of the labelled development set: realistic government drafts with planted findings.

Each template is a function ``(fk: Faker, r: random.Random) -> Draft``.  A Draft is a
list of paragraphs plus gold labels ``(type, exact text)``; every labelled text occurs
in the paragraphs (the generator checks it).  Hard negatives (发文字号, 索引号, dates,
money, 邮编, 12345, ICP备案号, 网站标识码, masked values, article numbers, law text) are
planted unlabelled: a finding on them counts against precision.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from reviewer.synth.fake import Faker, mask_id, mask_mobile, mask_name

AGENCIES = ["××市民政局", "××县人民政府办公室", "××市生态环境局", "××区应急管理局", "××市数据和政务服务局",
            "××县交通运输局", "××市财政局", "××市人力资源和社会保障局"]
HARD_NEGATIVE_FOOTERS = [
    "主办单位：{agency}　网站标识码：{site}　冀ICP备{icp}号-1　冀公网安备 {psb}号",
    "索引号：{index}　发布日期：{date}　政务服务便民热线：12345",
    "联系地址：××市人民路{no}号　邮政编码：{post}",
]
LAW_TEXT = [
    "根据《中华人民共和国政府信息公开条例》第十四条，依法确定为国家秘密的政府信息不予公开；"
    "第十五条规定，涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。",
    "对标注有“内部文件（资料）”和“注意保存”等警示字样的信息，未经批准不得上网公开。",
    "机关、单位可以确定机密级、秘密级国家秘密，涉及国家秘密的，依照有关规定执行。",
]


@dataclass
class Draft:
    kind: str
    paras: list[str] = field(default_factory=list)
    centered: set[int] = field(default_factory=set)
    # (type, text), (type, text, context) or (type, text, context|None, rule): a fourth element
    # marks a lawful item the scan must recognise, not flag (scan contract 2, ``recognised``)
    labels: list[tuple] = field(default_factory=list)
    docx_header: str | None = None
    header_labels: list[tuple[str, str]] = field(default_factory=list)

    def p(self, text: str, *labels: tuple, center: bool = False) -> "Draft":
        """A paragraph and its gold labels.  A label ``(type, value, context)`` is gold only
        where ``value`` occurs inside ``context`` (the same word elsewhere is not)."""
        for lab in labels:
            assert lab[1] in text and (len(lab) < 3 or lab[2] is None or lab[1] in lab[2]), (lab, text)
        if center:
            self.centered.add(len(self.paras))
        self.paras.append(text)
        self.labels.extend(labels)
        return self


def _doc_no(r: random.Random, prefix: str) -> str:
    return f"{prefix}〔{r.randint(2019, 2024)}〕{r.randint(1, 160)}号"


def _date(r: random.Random) -> str:
    return f"{r.randint(2021, 2024)}年{r.randint(1, 12)}月{r.randint(1, 28)}日"


def _footer(d: Draft, r: random.Random, agency: str) -> None:
    vals = {"agency": agency, "site": f"13{r.randint(10000000, 99999999)}", "icp": f"{r.randint(10000000, 99999999)}",
            "psb": f"1301{r.randint(1000000000, 9999999999)}", "index": f"{r.randint(100000000, 999999999)}/{r.randint(2020, 2024)}-{r.randint(10000, 99999)}",
            "date": f"{r.randint(2020, 2024)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}", "no": r.randint(1, 300),
            "post": f"0{r.randint(50000, 79999)}"}
    d.p(r.choice(HARD_NEGATIVE_FOOTERS).format(**vals))


def relief_notice(fk: Faker, r: random.Random) -> Draft:
    """城乡低保公示 with the identifiers the 云南 sweep lists."""
    agency = r.choice(AGENCIES[:2])
    d = Draft("公示")
    d.p(f"{agency}关于2024年第{r.randint(1, 4)}季度城乡最低生活保障新增对象的公示", center=True)
    d.p("各乡（镇）人民政府、街道办事处：")
    d.p(f"根据《社会救助暂行办法》第十条和{_doc_no(r, '冀民')}文件要求，经入户调查、民主评议，现将新增对象公示如下：")
    for i in range(r.randint(2, 3)):
        p = fk.person()
        card = fk.bank_card()
        id_lab = r.choice(["身份证号", "公民身份号码", "身份证号码", "证件号码"])
        addr_lab = r.choice(["家庭住址", "住址", "现住址", "居住地址"])
        tel_lab = r.choice(["联系电话", "手机", "电话", "手机号码"])
        card_lab = r.choice(["保障金发放账号", "银行卡号", "社保卡金融账户"])
        d.p(f"{i + 1}. 姓名：{p['name']}，{id_lab}：{p['id_card']}，{addr_lab}：{p['address']}，"
            f"{tel_lab}：{p['mobile']}，{card_lab}：{card}，月保障金额{r.randint(300, 900)}元。",
            ("person_name", p["name"]), ("id_card", p["id_card"]), ("address", p["address"]),
            ("mobile", p["mobile"]), ("bank_card", card))
    masked = fk.person()
    d.p(f"已退出对象：{mask_name(masked['name'])}，身份证号：{mask_id(masked['id_card'])}，"
        f"联系电话：{mask_mobile(masked['mobile'])}。")
    d.p(f"公示期为{r.randint(5, 7)}天。如有异议，请拨打监督电话{fk.landline('石家庄')}或12345政务服务便民热线反映。",
        )
    d.labels.append(("landline", d.paras[-1].split("监督电话")[1].split("或")[0], None, "official_contact"))
    _footer(d, r, agency)
    d.p(_date(r))
    return d


def penalty_decision(fk: Faker, r: random.Random) -> Draft:
    """行政处罚决定书 naming a natural person, a vehicle and contact data."""
    d = Draft("决定书")
    d.p("××县交通运输局行政处罚决定书", center=True)
    d.p(_doc_no(r, "×交罚"), center=True)
    p = fk.person()
    plate = fk.plate(new_energy=r.random() < 0.4)
    d.p(f"当事人：{p['name']}，公民身份号码：{p['id_card']}，住址：{p['address']}，联系电话：{p['mobile']}。",
        ("person_name", p["name"]), ("id_card", p["id_card"]), ("address", p["address"]), ("mobile", p["mobile"]))
    d.p(f"经查，当事人{p['name']}于{_date(r)}驾驶车牌号为{plate}的小型客车从事非法营运，"
        f"违反了《中华人民共和国道路运输条例》第六十三条的规定。",
        ("person_name", p["name"]), ("vehicle_plate", plate))
    d.p(f"依据《中华人民共和国道路运输条例》第六十三条，决定对当事人处以罚款人民币{r.randint(1, 3)}0000元。")
    acct = fk.bank_card(19)
    d.p(f"罚款请于十五日内缴至指定账户（开户行：中国农业银行××支行，账号：{acct}）。", ("bank_card", acct))
    d.p(r.choice(LAW_TEXT))
    _footer(d, r, "××县交通运输局")
    return d


def secret_notice(fk: Faker, r: random.Random) -> Draft:
    """A classified notice: 份号, 密级★期限 on line 2, 紧急程度, distribution limit."""
    d = Draft("通知")
    level = r.choice(["机密", "秘密", "绝密"])
    period = r.choice(["5年", "10年", "6个月", "长期", "会议开始前", "2025年12月31日前", ""])
    star = r.choice(["★", "★", "☆", "＊", "*"])
    spaced = r.random() < 0.3
    lv = f"{level[0]} {level[1]}" if spaced else level
    mark = f"{lv}{star}{period}"
    copy_no = f"{r.randint(1, 999999):06d}"
    if r.random() < 0.4:  # 份号 and 密级 on one line, as some offices print them
        d.p(f"{copy_no}　{mark}", ("secrecy_mark", mark))
    else:
        d.p(copy_no)
        d.p(mark, ("secrecy_mark", mark))
    d.p("特急")
    d.p(r.choice(AGENCIES) + "文件", center=True)
    d.p(_doc_no(r, "×政办发"), center=True)
    d.p("关于做好重大活动期间安全保卫工作的通知", center=True)
    d.p("各县（市、区）人民政府，市政府各部门：")
    d.p("为确保重大活动期间社会稳定，现将有关事项通知如下。")
    inner = f"{r.choice(['秘密', '机密'])}★{r.choice(['3个月', '1年'])}"
    d.p(f"（{inner}）一、安保力量部署方案另行下发。", ("secrecy_mark", inner))
    d.p("二、各单位要严格落实值班制度，不得公开涉及国家秘密的工作部署。")
    d.p(r.choice(LAW_TEXT))
    d.p(_date(r))
    if r.random() < 0.67:  # the DOCX also prints the level in the page header
        d.docx_header = level
        d.header_labels = [("secrecy_mark", level)]
    lim = r.choice(["此件发至县团级", "此件只发至各县（市、区）人民政府", "此件发至县处级"])
    d.p(f"（{lim}）", ("distribution_limit", lim))
    return d


def internal_duty(fk: Faker, r: random.Random) -> Draft:
    """An internal notice: warning labels, duty roster (internal affairs) with names and phones."""
    d = Draft("内部通知")
    top = r.choice([("内部资料  注意保存", ("内部资料", "注意保存")), ("【内部参阅】", ("内部参阅",)),
                    ("内部文件　请勿外传", ("内部文件", "请勿外传")), ("内部资料", ("内部资料",))])
    d.p(top[0], *[("warning_label", x) for x in top[1]])
    agency = r.choice(AGENCIES)
    title = f"{agency}关于{r.randint(2023, 2024)}年春节期间值班安排的通知"
    d.p(title, ("internal_affairs", "值班安排", title), center=True)
    d.p("各科室：")
    d.p("春节期间值班安排如下，请值班人员保持通讯畅通。")
    for _ in range(2):
        name, mob = fk.name(), fk.mobile(r.choice(["plain", "dashed"]))
        d.p(f"值班人员：{name}，手机：{mob}。", ("person_name", name), ("mobile", mob))
    tel = fk.landline()
    d.p(f"值班室电话：{tel}。", ("landline", tel, None, "official_contact"))
    tail = r.choice([("（此件属工作秘密，会后收回）", ("工作秘密", "会后收回")),
                     ("（此件内部使用，不得外传）", ("内部使用", "不得外传")),
                     ("本名单仅供内部参阅，严禁外传。", ("内部参阅", "严禁外传"))])
    d.p(tail[0], *[("warning_label", x) for x in tail[1]])
    d.docx_header = "内部文件"
    d.header_labels = [("warning_label", "内部文件")]
    _footer(d, r, agency)
    return d


def request_with_contact(fk: Faker, r: random.Random) -> Draft:
    """An upward 请示 with a contact person; process information."""
    d = Draft("请示")
    agency = r.choice(AGENCIES)
    title = f"{agency}关于申请{r.randint(2024, 2025)}年度专项经费的请示"
    d.p(title, ("request_report", title), center=True)
    d.p("市人民政府：")
    d.p(f"为推进政务公开标准化建设，我局拟申请专项经费{r.randint(50, 300)}.{r.randint(0, 9)}万元，"
        f"主要用于平台升级改造。根据《××市市级财政专项资金管理办法》第十二条的规定，特此请示。")
    d.p("妥否，请批示。")
    d.p(_date(r))
    name = fk.name()
    tel = fk.landline(style=r.choice(["dash", "paren"]))
    mail = fk.email()
    d.p(f"（联系人：{name}，联系电话：{tel}，电子邮箱：{mail}）",
        ("person_name", name, None, "official_contact"), ("landline", tel, None, "official_contact"),
        ("email", mail, None, "official_contact"))
    return d


def minutes_with_bid(fk: Faker, r: random.Random) -> Draft:
    """专题会议纪要 discussing a tender: minutes + bid prices + cost."""
    d = Draft("纪要")
    d.p(f"机密★会议开始前", ("secrecy_mark", "机密★会议开始前"))
    title = f"××市城市更新项目专题会议纪要"
    d.p(title, ("meeting_minutes", title), center=True)
    d.p(f"{_date(r)}，副市长主持召开专题会议，研究××片区改造项目招标事宜。会议议定事项如下：",
        ("meeting_minutes", "会议议定事项"))
    comp = fk.company("××市")
    price = f"{r.randint(1000, 9999)},{r.randint(100, 999)},{r.randint(100, 999)}.00元"
    d.p(f"一、{comp}投标报价为{price}，经评审排名第一。", ("bid_price", f"投标报价为{price}"))
    base = f"{r.randint(1000, 9999)}.{r.randint(10, 99)}万元"
    d.p(f"二、本项目标底为{base}，开标前严格保密。", ("bid_price", f"标底为{base}"))
    d.p(f"三、经测算，{comp}单位成本为{r.randint(100, 900)}元/平方米，利润率为{r.randint(5, 25)}%。",
        ("cost_profit", "单位成本为"), ("cost_profit", "利润率为"))
    d.p("四、请市财政局按照《中华人民共和国招标投标法》第二十二条的规定做好保密工作。")
    return d


def consultation(fk: Faker, r: random.Random) -> Draft:
    """征求意见函 with a draft attached."""
    d = Draft("函")
    agency = r.choice(AGENCIES)
    title = f"{agency}关于征求《××市政务数据共享管理办法（征求意见稿）》意见的函"
    d.p(title, ("consultation_letter", title), center=True)
    d.p("市直各有关单位：")
    dl = f"请于{r.randint(2024, 2025)}年{r.randint(1, 12)}月{r.randint(1, 28)}日前将修改意见书面反馈"
    d.p(f"为规范政务数据共享工作，我局起草了《××市政务数据共享管理办法（征求意见稿）》，现送你单位征求意见。"
        f"{dl}我局，逾期未反馈视为无意见。", ("consultation_letter", dl), ("consultation_letter", "逾期未反馈视为无意见"))
    name, mob = fk.name(), fk.mobile()
    d.p(f"联系人：{name}，电话：{mob}。", ("person_name", name), ("mobile", mob))
    d.p("附件")
    d.p("××市政务数据共享管理办法", center=True)
    d.p("（征求意见稿）", ("draft_marker", "（征求意见稿）", "管理办法\n（征求意见稿）\n第一条"), center=True)
    d.p("第一条 为了规范政务数据共享，制定本办法。公众对草案提出意见的，可以书面反馈。")
    return d


def it_notice(fk: Faker, r: random.Random) -> Draft:
    """An IT notice leaking intranet addresses, admin URLs and passwords."""
    d = Draft("通知")
    agency = r.choice(AGENCIES)
    d.p(f"{agency}关于启用新版协同办公系统的通知", center=True)
    d.p("各科室：")
    ip = f"192.168.{r.randint(0, 254)}.{r.randint(1, 254)}"
    d.p(f"新版系统已部署在服务器{ip}上，请勿外传。", ("intranet_ip", ip), ("warning_label", "请勿外传"))
    url = f"http://10.{r.randint(0, 254)}.{r.randint(0, 254)}.{r.randint(1, 254)}:{r.choice([8080, 8443, 7001])}/eportal/admin"
    d.p(f"管理后台地址：{url}。", ("admin_url", url))
    pw = r.choice(["Abc@1234", "Gov#2024!", "zwgk_8866", "Admin123"])
    acct = r.choice(["admin", "gov_user01", "zwgk"])
    d.p(f"初始账号：{acct} 密码：{pw}，首次登录后请修改。", ("password", f"{acct} 密码：{pw}"))
    key = "LTAI" + "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789") for _ in range(20))
    d.p(f"短信接口AccessKey ID：{key}。", ("api_key", key))
    d.p("请将客户端升级至2.10.3.1版本。")
    mail = fk.email()
    d.p(f"技术支持邮箱：{mail}。", ("email", mail, None, "official_contact"))
    d.p("附件：各科室系统账号及密码", ("account_attachment", "附件：各科室系统账号及密码"))
    return d


def bid_evaluation(fk: Faker, r: random.Random) -> Draft:
    """A tender evaluation report quoting bidders' commercial information."""
    d = Draft("报告")
    d.p("××市智慧城市一期项目评标情况说明", center=True)
    comp = fk.company("××市")
    d.p(f"{comp}提交的技术方案及源代码已由评审专家封存。", ("technical_secret", "技术方案"), ("technical_secret", "源代码"))
    d.p(f"{comp}客户名单共计{r.randint(20, 90)}家，详见投标文件。", ("customer_list", "客户名单"))
    d.p(f"{comp}{r.randint(2021, 2023)}年营业收入为{r.randint(1, 9)}.{r.randint(1, 9)}亿元，净利润{r.randint(100, 999)}万元（未公开）。",
        ("financial_data", "营业收入"), ("financial_data", "净利润"))
    d.p("本投标文件涉及商业秘密，请勿外传。", ("trade_secret_label", "商业秘密", "本投标文件涉及商业秘密"))
    d.p("根据《中华人民共和国反不正当竞争法》第九条，经营者不得实施侵犯商业秘密的行为。")
    return d


def travel_approval(fk: Faker, r: random.Random) -> Draft:
    """因公出国（境）审批公示 with passports and permits."""
    d = Draft("公示")
    d.p("××市外事办公室关于因公出国（境）团组人员情况的公示", center=True)
    for _ in range(2):
        name, pp = fk.name(), fk.passport()
        d.p(f"团员：{name}，护照号码：{pp}，出访国家：新加坡。", ("person_name", name), ("passport", pp))
    name, permit = fk.name(), fk.hk_macau_permit()
    d.p(f"团员：{name}，往来港澳通行证号码：{permit}。", ("person_name", name), ("travel_permit", permit))
    d.p(f"出访经费预算{r.randint(5, 20)}.{r.randint(1, 9)}万元，依据《因公临时出国经费管理办法》第六条列支。")
    _footer(d, r, "××市外事办公室")
    return d


def public_report(fk: Faker, r: random.Random) -> Draft:
    """A hard-negative document: 年度报告 full of numbers that are not personal data."""
    d = Draft("年度报告")
    d.p(f"××市{r.randint(2021, 2023)}年政府信息公开工作年度报告", center=True)
    d.p(f"本报告依据《中华人民共和国政府信息公开条例》第五十条和{_doc_no(r, '国办公开办函')}编制。")
    d.p(f"全年主动公开政府信息{r.randint(1000, 9999)}条，受理依申请公开{r.randint(100, 999)}件，"
        f"财政预算资金{r.randint(10000000, 99999999)}元，行政事业性收费{r.randint(100, 999)}.{r.randint(10, 99)}万元。")
    d.p(f"答复中，涉及国家秘密0件，涉及商业秘密{r.randint(0, 5)}件，涉及个人隐私{r.randint(0, 9)}件。")
    d.p(f"群众通过12345热线反映问题{r.randint(1000, 9999)}件，办结率{r.randint(90, 99)}.{r.randint(1, 9)}%。")
    d.p(f"统计截至{r.randint(2021, 2023)}1231。当事人张某（身份证号：{mask_id(fk.id_card())}，"
        f"电话：{mask_mobile(fk.mobile())}）的申请已按第三十六条第（三）项答复。")
    d.p(r.choice(LAW_TEXT))
    for _ in range(3):
        _footer(d, r, "××市人民政府办公室")
    return d


def review_rules(fk: Faker, r: random.Random) -> Draft:
    """Hard negatives only: a 保密审查制度 that talks about marks, labels, drafts and passwords."""
    d = Draft("制度")
    d.p("××市政府信息公开保密审查制度", center=True)
    d.p(f"第一条 为做好政府信息公开保密审查工作，根据《中华人民共和国保守国家秘密法》第三十五条和"
        f"《中华人民共和国政府信息公开条例》第十七条，结合本市实际，制定本制度。")
    d.p("第二条 国家秘密的密级分为绝密、机密、秘密三级。国家秘密标志形式为“密级★保密期限”，如“秘密★10年”。")
    d.p("第三条 下列信息不得公开：（一）涉及国家秘密、工作秘密的；（二）标注有“内部文件（资料）”和"
        "“注意保存（保管、保密）”等警示字样的；（三）涉及商业秘密、个人隐私的。")
    d.p("第四条 印刷内部资料性出版物的，按照出版管理规定办理。机关内部使用的表格不属于本制度所称政府信息。")
    d.p("第五条 过程性信息包括讨论记录、过程稿、磋商信函、请示报告等。对草案提出意见的，应当在征求意见期限内反馈。")
    d.p("第六条 信息系统口令长度不少于8位，初始密码为身份证号后六位的应当在首次登录后修改，密码：******。")
    d.p(f"第七条 客户端版本号为V{r.randint(1, 9)}.{r.randint(10, 30)}.{r.randint(0, 9)}.{r.randint(1, 9)}，"
        f"门户网站为https://www.{r.choice(['hebei', 'sz', 'zj'])}.gov.cn/col/col{r.randint(100, 999)}/index.html。")
    d.p(f"第八条 招标人设有标底的，标底必须保密；投标人不得以低于成本的报价竞标。")
    d.p(f"第九条 本制度自{_date(r)}起施行，{_doc_no(r, '×政办规')}同时废止。")
    _footer(d, r, "××市人民政府办公室")
    return d


TEMPLATES = [relief_notice, penalty_decision, secret_notice, internal_duty, request_with_contact,
             minutes_with_bid, consultation, it_notice, bid_evaluation, travel_approval, public_report, review_rules]
