"""What the findings and the document's form say about its disclosure attribute.

Each rule that fires gives a :class:`RuleHit`: the attribute it points to, the
attributes it can live with (process information may be 不予公开 *or* 依申请公开),
whether it is binding (a 国家秘密标志 in force cannot be outvoted by the model) and a
reason in Chinese that cites the article and the findings it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.findings import Finding, Reason
from reviewer.legal import OGI

ORDINANCE = OGI
A14 = ORDINANCE + "第十四条"
A15 = ORDINANCE + "第十五条"
A15_32 = ORDINANCE + "第十五条、第三十二条"
A16_1 = ORDINANCE + "第十六条第一款"
A16_2 = ORDINANCE + "第十六条第二款"
A16_17 = ORDINANCE + "第十六条、第十七条"
A37 = ORDINANCE + "第三十七条"

# Personal data whose disclosure harms the person (条例 第十五条): derived from the detectors'
# own declaration (``HARM``), so a new personal type needs no edit here.  Names, office phones,
# e-mails and addresses are left out (HARM = False): 负责人姓名 and 联系方式 are proactive
# under 第二十条(二).
class _SensitivePersonal:
    """A lazily built set of the personal types whose detectors declare ``HARM = True``."""

    _types: frozenset[str] | None = None

    def types(self) -> frozenset[str]:
        if self._types is None:
            from reviewer.detectors import default_registry

            metas = [m for m in default_registry().describe() if m.get("category") == "personal"]
            self._types = frozenset(m["type"] for m in metas if m.get("harm") is True and "," not in m["type"])
        return self._types

    def __contains__(self, typ: object) -> bool:
        return typ in self.types()

    def __iter__(self):
        return iter(sorted(self.types()))


SENSITIVE_PERSONAL = _SensitivePersonal()
COMMERCIAL_SECRET = {
    "bid_price", "cost_profit", "technical_secret", "customer_list", "financial_data",
    "trade_secret_label",
}
PROCESS_TYPES = {
    "draft_marker": "过程稿（征求意见稿、讨论稿、送审稿）",
    "request_report": "请示报告",
    "meeting_minutes": "会议纪要（讨论记录）",
    "consultation_letter": "磋商信函（征求意见函、会签函）",
    "internal_remark": "内部沟通意见（批注、协调意见）",
}
# 文种 that are process information by their nature (第十六条第二款), and 文种 that
# are addressed to one party.
PROCESS_KINDS = {"请示": "请示", "报告": "报告", "纪要": "会议纪要", "会议纪要": "会议纪要"}
ONE_PARTY_KINDS = {"批复", "复函", "答复书", "答复", "告知书", "意见书", "决定书", "函"}


@dataclass
class RuleHit:
    attribute: str                 # the attribute the rule points to
    allowed: frozenset[str]        # attributes compatible with this rule
    binding: bool                  # True: the model cannot outvote it
    reason: Reason


@dataclass
class RuleResult:
    hits: list[RuleHit] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)  # reasons that do not steer the attribute
    partial: Reason | None = None          # 区分处理 is possible (第三十七条)
    unpublishable: list[Finding] = field(default_factory=list)  # never under 主动公开 as it stands
    redactable: list[Finding] = field(default_factory=list)
    doc_kind: str | None = None
    one_party: str | None = None

    @property
    def binding(self) -> list[RuleHit]:
        return [h for h in self.hits if h.binding]


_TITLE_KIND = re.compile(
    r"关于[^。\n]{2,80}?的(请示|报告|批复|复函|会议纪要|纪要|通知|通告|公告|决定|意见|函|答复书|告知书)"
)
_MINUTES = re.compile(r"(?:会议|办公会|专题会|协调会)纪要")
_REPLY_BOOK = re.compile(r"(?:政府信息公开申请)?答复(?:书|告知书)|信访事项处理意见书|告知书")


def infer_doc_kind(doc) -> str | None:
    """The 文种: from the structure when it is known, else from the title or the opening."""
    st = getattr(doc, "structure", None)
    if st is not None and st.doc_kind:
        return st.doc_kind
    title = (st.title if st is not None else None) or ""
    head = title or doc.text[:400]
    if _MINUTES.search(head[:120]):
        return "纪要"
    for m in _TITLE_KIND.finditer(head):
        if head[m.end():m.end() + 1] in ("》", "”", "\"", ">"):  # a title quoted in the body, not this one
            continue
        return m.group(1)
    m = _REPLY_BOOK.search(head[:160])
    return "答复书" if m else None


_CONSULT_TITLE = re.compile(r"会签|征求[^。\n]{0,60}意见|商请|请确认|送审稿")
_PUBLIC_CONSULTATION = re.compile(r"公开征求|向社会(?:公开)?征求|征求社会各界|社会公众意见")
_ONE_PARTY = re.compile(
    r"(?:^|\n)\s*([^\n：:，,。各]{2,40}?(?:有限责任公司|股份有限公司|有限公司|集团|合作社|研究院|医院|学校"
    r"|先生|女士|同志))\s*[：:]"
)
_PERSON_HEAD = re.compile(
    r"(?:^|\n)\s*(?:申请人)?([\u4e00-\u9fa5][\u4e00-\u9fa5某*＊X×]{1,3})\s*"
    r"(?:[（(][^）)\n]{0,40}[）)]|[，,][^：:\n]{0,30})?\s*[：:]"
)
_NOT_A_PERSON = {"附件", "抄送", "联系人", "主送", "标题", "出席", "列席", "主持人", "会议时间", "会议地点", "发文机关",
                 "成文日期", "主题分类", "索引号", "值班电话", "带班领导", "签发人", "印发", "电话", "地址", "邮编"}
_PERSONNEL_TITLE = re.compile(r"职务任免|任免的通知|同志[^。\n]{0,12}(?:任职|免职)|(?:任职|免职)的通知")
_MASKED_PERSON = re.compile(r"(?:^|\n)\s*([\u4e00-\u9fa5][\u4e00-\u9fa5某*＊X×]{1,3})\s*[：:]\s*\n")


_COMPANY = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|公司|集团|合作社)$")
_ORG_PART = re.compile(r"[省市县区局厅委办院部处科会组室校所站队]|中心|单位|代表|委员|主席|下载|说明|分类|对象|职责|方式|电话|邮箱|信箱")
# the document speaks to its addressee in the second person: 你, 您, 你单位, 你公司, 贵公司
_SECOND_PERSON = re.compile(r"你(?:单位|公司|们|局|厂|社|院|校|会|中心|家)?|您|贵(?:公司|单位|院|校|会|社|中心|厂)")
# a block naming the one party a decision or reply is about: 申请人：韦某某 / 当事人：仝小红
_PARTY_BLOCK = re.compile(r"(?:^|\n)\s*(?:申请人|被申请人|当事人|被处罚人|行政相对人|相对人|投诉人|举报人|信访人|"
                          r"复议申请人|受送达人)(?:姓名|名称)?\s*[:：]\s*([^\n，,。；;（(：:]{2,40})")


def _party_name(name: str) -> bool:
    """A company, or what can be a person's name (2–4 characters, possibly masked) — not an
    agency, a list or a heading.  No surname list: whether it is a person is decided by the
    document's structure (second-person address, the 文种, a 申请人/当事人 block)."""
    name = name.strip()
    if not name or name in _NOT_A_PERSON or re.search(r"各|、|，|,|有关|所属|直属|成员", name):
        return False
    if _COMPANY.search(name):
        return True
    return 2 <= len(name) <= 4 and bool(re.fullmatch(r"[\u4e00-\u9fa5某*＊X×]+", name)) \
        and not _ORG_PART.search(name)


def _speaks_to_one(doc, after: int) -> bool:
    """Structural evidence that a document addresses one party about its own matter."""
    if _SECOND_PERSON.search(doc.text[after:after + 600]):
        return True
    kind = infer_doc_kind(doc) or ""
    return kind in ONE_PARTY_KINDS - {"函"} or bool(_REPLY_BOOK.search(doc.text[:200]))


def addressed_to_one(doc) -> str | None:
    """The single company or person a document is addressed to, or None — read from the
    主送 line, the salutation, a 申请人/当事人 block and the 文种, never from a list of
    surnames."""
    st = getattr(doc, "structure", None)
    addressee = (st.addressee if st is not None else None) or ""
    text = doc.text
    if addressee.strip():
        name = addressee.strip()
        if not _party_name(name):
            return None
        if _COMPANY.search(name) or re.search(r"[某*＊X×]", name):
            return name
        pos = text.find(name)
        return name if _speaks_to_one(doc, max(pos, 0) + len(name)) else None
    head = text[:1200]
    for m in _ONE_PARTY.finditer(head):
        if _party_name(m.group(1)):
            return m.group(1).strip()
    for m in _MASKED_PERSON.finditer(head[:600]):
        if re.search(r"[某*＊X×]", m.group(1)) and _party_name(m.group(1)):
            return m.group(1).strip()
    for m in _PERSON_HEAD.finditer(head[:600]):
        if _party_name(m.group(1)) and _speaks_to_one(doc, m.end()):
            return m.group(1).strip()
    for m in _PARTY_BLOCK.finditer(head):
        name = m.group(1).strip()
        if _party_name(name) and _speaks_to_one(doc, m.end()):
            return name
    return None


# a 主送 line that names only the organ's own units or staff: 机关各处室, 局属各单位, 全体干部职工
_INSIDE = re.compile(r"^(?:(?:本|局|厅|委|办|院|中心)?机关)?(?:各|全体)?(?:处室|科室|处（室）|科（室）|处、室|股室|内设机构|"
                     r"部门|直属单位|局属单位|局属各单位|厅属单位|下属单位|干部职工|职工|工作人员|党员干部|同志)"
                     r"(?:[、，,及和](?:(?:本|局|厅|委)?机关)?(?:各|全体)?(?:处室|科室|处（室）|科（室）|股室|内设机构|部门|"
                     r"直属单位|局属单位|局属各单位|厅属单位|下属单位|干部职工|职工|工作人员|党员干部|同志))*$")


def internal_addressee(doc) -> str | None:
    """The 主送 line when it names only the organ's own units or staff (机关各处室、各直属单位)."""
    st = getattr(doc, "structure", None)
    addressee = ((st.addressee if st is not None else None) or "").strip()
    if not addressee:
        m = re.search(r"(?:^|\n)\s*([^\n：:]{2,30})[：:]\s*\n", doc.text[:600])
        addressee = m.group(1).strip() if m else ""
    norm = re.sub(r"\s", "", addressee)
    return addressee if norm and _INSIDE.match(norm) else None


def _ids(findings: list[Finding]) -> list[str]:
    return [f.id for f in findings if f.id]


def _in_force(f: Finding) -> bool:
    ex = f.explanation or {}
    if ex.get("in_force") is False or ex.get("declassified") or ex.get("expired"):
        return False
    return "解密" not in f.text


def evaluate(doc, findings: list[Finding]) -> RuleResult:
    """Apply the rules of 条例 第十四、十五、十六、三十二、三十七条 to one document."""
    res = RuleResult(doc_kind=infer_doc_kind(doc), one_party=addressed_to_one(doc))
    by = lambda pred: [f for f in findings if pred(f)]  # noqa: E731

    secret = by(lambda f: f.category == "secrecy" and f.type == "secrecy_mark" and _in_force(f))
    if secret:
        marks = "、".join(dict.fromkeys(f.text for f in secret))
        res.hits.append(RuleHit("not_public", frozenset({"not_public"}), True, Reason(
            f"文中有国家秘密标志（{marks}），属于依法确定为国家秘密的政府信息，不予公开；"
            "在解密前不得公开，也不能通过删除标志后公开。", A14, _ids(secret))))

    warning = by(lambda f: f.category == "secrecy" and f.type == "warning_label")
    if warning:
        marks = "、".join(dict.fromkeys(f.text for f in warning))
        res.hits.append(RuleHit("not_public", frozenset({"not_public"}), True, Reason(
            f"文中有警示标注（{marks}），属内部掌握的信息，建议不予公开；"
            "确需公开的，应按保密审查程序报批后再定。", A16_17, _ids(warning))))

    limit = by(lambda f: f.category == "secrecy" and f.type == "distribution_limit")
    if limit:
        res.notes.append(Reason(
            "文件限定了发放范围（如“此件发至……”），公开前应核实发文机关对公开范围的意见。",
            ORDINANCE + "第十七条", _ids(limit)))

    process = by(lambda f: f.category == "process" and f.type in PROCESS_TYPES)
    if _PUBLIC_CONSULTATION.search(doc.text[:300]):
        # a draft put out for public comment is published on purpose (第十九条: public participation)
        process = [f for f in process if f.type not in ("draft_marker", "consultation_letter")]
    kind_label = PROCESS_KINDS.get(res.doc_kind or "")
    title = (getattr(doc.structure, "title", None) or "") + doc.text[:200]
    if res.doc_kind == "函" and _CONSULT_TITLE.search(title) and not _PUBLIC_CONSULTATION.search(title + doc.text[:300]):
        kind_label = "磋商信函（会签、征求意见）"
    if process or kind_label:
        what = "、".join(dict.fromkeys([PROCESS_TYPES[f.type] for f in process] + ([kind_label] if kind_label else [])))
        res.hits.append(RuleHit("not_public", frozenset({"not_public", "on_request"}), False, Reason(
            f"属于行政机关履职过程中形成的过程性信息（{what}），可以不予公开；"
            "法律、法规、规章规定应当公开的除外。", A16_2, _ids(process))))

    internal = by(lambda f: f.category == "process" and f.type == "internal_affairs")
    to_inside = internal_addressee(doc)
    credentials = by(lambda f: f.category == "credential")
    if to_inside and not internal and not process:
        what = "并载有系统账号、口令等访问凭据" if credentials else ""
        res.hits.append(RuleHit("not_public", frozenset({"not_public", "on_request"}), False, Reason(
            f"文件只发给机关内部（主送：{to_inside}）{what}，属于内部管理、内部工作流程等内部事务信息，"
            "可以不予公开。", A16_1, _ids(credentials))))
    if _PERSONNEL_TITLE.search(doc.text[:160]) and not internal:
        res.hits.append(RuleHit("on_request", frozenset({"not_public", "on_request"}), False, Reason(
            "属于人事任免等人事管理信息（内部事务），可以不予公开或依申请公开。", A16_1, [])))
    if internal:
        res.hits.append(RuleHit("not_public", frozenset({"not_public", "on_request"}), False, Reason(
            "属于人事管理、后勤管理、内部工作流程等内部事务信息，可以不予公开。", A16_1, _ids(internal))))

    personal = by(lambda f: f.category == "personal" and f.type in SENSITIVE_PERSONAL)
    # a 统一社会信用代码 (org_id) is a public register number, never a trade secret
    commercial = by(lambda f: f.category == "commercial" and f.type in COMMERCIAL_SECRET)
    third_party = personal + [f for f in commercial if f.type in COMMERCIAL_SECRET]
    one_party_kind = (res.doc_kind or "") in ONE_PARTY_KINDS
    if third_party and res.one_party and (one_party_kind or commercial or personal):
        kinds = ("个人信息" if personal else "") + ("、" if personal and commercial else "") + ("商业秘密" if commercial else "")
        res.hits.append(RuleHit("on_request", frozenset({"on_request", "not_public"}), False, Reason(
            f"文件主送{res.one_party}，并载有其{kinds}；公开会损害第三方合法权益，"
            "宜依申请公开，公开前书面征求第三方意见。", A15_32, _ids(third_party))))
    elif personal or [f for f in commercial if f.type in COMMERCIAL_SECRET]:
        kinds = "、".join(dict.fromkeys(("个人信息" if f.category == "personal" else "商业秘密") for f in third_party))
        res.notes.append(Reason(
            f"文中载有第三方的{kinds}，公开会损害其合法权益，这些内容不得公开。", A15, _ids(third_party)))

    res.unpublishable = secret + warning + third_party
    res.redactable = [f for f in findings
                      if f.action == "redact" or f in personal or f.category == "credential"
                      or (f.category == "commercial" and f.type in COMMERCIAL_SECRET)]
    if res.redactable and not secret:
        res.partial = Reason(
            f"不应公开的内容（{len(res.redactable)}处）可以区分处理：删除或遮盖后，其余部分可以公开，"
            "并说明删除的理由。", A37, _ids(res.redactable))
    return res


# -- when a person must confirm (needs_human) ---------------------------------------------
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# what text decoded with the wrong code page looks like: UTF-8 read as GBK (锛 for ，, 銆 for 。,
# 鈥 for “), GBK read as Latin-1 (runs of À-ÿ), the replacement character and its GBK ghost 锟斤拷
_MOJIBAKE = re.compile(r"[锛銆鈥]|锟斤拷|\ufffd|[À-ÿ]{2,}|â€")
_PARTY_ISSUER = re.compile(r"^(?:中共|中国共产党|共青团)|(?:党委|党组|党工委|团委|团市委|团县委|团省委|"
                           r"纪律检查委员会|纪委)(?:办公室)?(?:文件)?$")
_PARTY_TITLE = re.compile(r"^(?:中共|中国共产党|共青团)[^关]{0,30}?(?:委员会|党委|党组|团委)|"
                          r"^[^关]{0,20}?(?:党委|党组|党工委|团委)(?:办公室)?(?=关于)")
MIN_HAN = 40


def ask_a_person(doc, findings: list[Finding]) -> list[tuple[str, str]]:
    """Why the suggestion must be confirmed by a person, whatever its confidence: too little
    text to judge, garbled text, a document of a party organ (not 政府信息, 条例第二条), a
    distribution limit (此件发至…).  ``(code, reason)`` pairs."""
    out = []
    text = doc.text
    han = len(_HAN_RE.findall(text))
    if han < MIN_HAN:
        out.append(("too_little_text", f"文本内容过少（仅{han}个汉字），无法据此判断公开属性"))
    bad = len(_MOJIBAKE.findall(text))
    if bad >= 3 and bad >= 0.01 * max(1, han):
        out.append(("garbled_text", f"文本疑似乱码（{bad}处编码错误的字符），请核对原件"))
    st = getattr(doc, "structure", None)
    issuer = (getattr(st, "issuer_mark", None) or "").strip()
    title = (getattr(st, "title", None) or text[:80]).strip()
    if (issuer and _PARTY_ISSUER.search(issuer)) or _PARTY_TITLE.search(title):
        out.append(("outside_scope", f"发文机关为党的机关或群团组织（{issuer or title[:20]}），其文件不属于"
                   f"{ORDINANCE}第二条所称的政府信息，是否公开按其自身规定办理"))
    if any(f.category == "secrecy" and f.type == "distribution_limit" for f in findings):
        out.append(("distribution_limit", "文件限定了发放范围（此件发至……），公开前须核实发文机关的意见"))
    return out
