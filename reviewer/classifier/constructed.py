"""Constructed documents for the classes that public data hardly has.

Real 依申请公开 and 不予公开 documents are rarely published, so the model also learns
from documents built here: 批复 and 复函 to one company, 答复书 to an applicant, 请示,
报告, 会议纪要, 内部通知, 征求意见函, 会签函, 人事任免 and 后勤管理 notices — and, so
that the style of this generator says nothing about the class, proactive 通知, 公告 and
公开征求意见 notices built from the same parts.

Everything is drawn from a seeded ``random.Random``.  ``split="test"`` uses places
(issuers) and whole template families that ``split="train"`` never uses, so a benchmark
on it measures documents of unseen issuers and unseen forms.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from reviewer.classifier import phrases as P


@dataclass
class Constructed:
    text: str
    label: str          # proactive | on_request | not_public
    family: str         # the template family
    issuer: str


class Ctx:
    """One document's random choices: issuer, dates, people, the company it concerns."""

    def __init__(self, rng: random.Random, places: list[str]):
        self.r = rng
        self.place = rng.choice(places)
        dept, short = rng.choice(P.DEPARTMENTS)
        if self.place.endswith(("省", "自治区")):
            self.level, self.issuer = "省", self.place + dept
        else:
            self.level = "县" if self.place in P.COUNTIES else "市"
            suffix = rng.choice(["县", "市"]) if self.level == "县" else "市"
            local = dept.replace("人民政府办公厅", "人民政府办公室").replace("厅", "局")
            self.issuer = self.place + suffix + local
        self.short = self.place[:1] + short
        self.year = rng.randint(2016, 2025)
        self.month, self.day = rng.randint(1, 12), rng.randint(1, 28)
        self.company = self.place + rng.choice(P.FIRM_WORDS) + rng.choice(P.FIRM_WORDS) + rng.choice(P.INDUSTRIES) \
            + rng.choice(["有限公司", "有限责任公司", "股份有限公司", "集团有限公司"])
        self.topic = rng.choice(P.TOPICS)
        where = self.place if self.level == "省" else self.issuer[: len(self.place) + 1]
        self.draft = where + rng.choice(P.DRAFT_NAMES).format(t=self.topic)

    def pick(self, seq, k: int | None = None):
        if k is None:
            return self.r.choice(seq)
        return self.r.sample(seq, min(k, len(seq)))

    def person(self) -> str:
        name = self.r.choice(P.SURNAMES) + "".join(self.r.choice(P.GIVEN) for _ in range(self.r.choice([1, 2, 2])))
        return name[0] + "某某" if self.r.random() < 0.25 else name

    def date(self, dm: int = 0) -> str:
        m = min(12, self.month + dm)
        return f"{self.year}年{m}月{self.day}日"

    def docno(self, kind: str = "") -> str:
        sep = self.r.choice(["〔{}〕", "〔{}〕", "[{}]", "（{}）"]).format(self.year)
        return f"{self.short}{kind or self.pick(P.NO_KINDS)}{sep}{self.r.randint(1, 260)}号"

    def mobile(self) -> str:
        return "1" + self.pick(["3", "5", "7", "8", "9"]) + "".join(str(self.r.randint(0, 9)) for _ in range(9))

    def phone(self) -> str:
        return f"0{self.r.randint(310, 939)}-{self.r.randint(2000000, 8999999)}"

    def uscc(self) -> str:
        return "91" + "".join(self.r.choice("0123456789") for _ in range(6)) + \
            "".join(self.r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(10))

    def idno(self) -> str:
        return f"{self.r.randint(110000, 659000)}{self.r.randint(1950, 2004)}{self.r.randint(1, 12):02d}" \
            f"{self.r.randint(1, 28):02d}{self.r.randint(100, 999)}{self.r.choice('0123456789X')}"

    def fill(self, s: str, **extra) -> str:
        slots = dict(p=self.place, t=self.topic, y=self.year, co=self.company, iss=self.issuer,
                     n=self.r.randint(2, 60), m=self.r.randint(3, 980), pct=self.r.randint(5, 95),
                     who=self.person(), d=self.draft, ph=self.phone(), mob=self.mobile(),
                     mo=self.r.randint(1, 12), da=self.r.randint(1, 28))
        slots.update(extra)
        return s.format(**slots)

    def paras(self, pool, lo: int, hi: int, numbered: bool | None = None) -> list[str]:
        chosen = self.pick(pool, self.r.randint(lo, hi))
        numbered = self.r.random() < 0.6 if numbered is None else numbered
        out = []
        for i, s in enumerate(chosen):
            s = self.fill(s)
            out.append((P.NUMERALS[i] + "、" + s) if numbered else s)
        return out


def _render(c: Ctx, title: str, addressee: str | None, body: list[str], *, docno: str | None = None,
            closing: str | None = None, signer: str | None = None, date: str | None = None,
            annex: list[str] | None = None, cc: bool | None = None) -> str:
    """Lay a document out like an issued 公文 — or flat, as HTML stripping leaves it."""
    r = c.r
    lines: list[str] = []
    if r.random() < 0.5:
        lines.append(c.issuer + r.choice(["文件", "", ""]))
    if docno and r.random() < 0.8:
        lines.append(docno)
    lines.append(title)
    if addressee:
        lines.append(addressee + "：")
    lines += body
    if closing:
        lines.append(closing)
    if annex and r.random() < 0.5:
        lines.append("附件：" + "；".join(f"{i + 1}.{a}" for i, a in enumerate(annex)))
    lines.append(signer or c.issuer)
    lines.append(date or c.date())
    if annex and r.random() < 0.3:
        lines.append("（联系人：" + c.person() + "，联系电话：" + c.phone() + "）")
    if cc if cc is not None else r.random() < 0.35:
        lines.append("抄送：" + "、".join(c.pick(P.CC_TARGETS, r.randint(1, 3))) + "。")
    if r.random() < 0.3:
        lines.append(f"{c.issuer}办公室　{c.date(r.randint(0, 1))}印发")
    if r.random() < 0.25:
        lines.append(r.choice(P.LABEL_LINES))   # the 附注 label: the model must never see it
    joiner = r.choice(["\n", "\n", "\n\n", "", " "])
    return joiner.join(lines)


# ---------------------------------------------------------------- on_request
def reply_to_company(c: Ctx) -> str:
    kind = c.pick(["批复", "复函"])
    app = c.pick(P.APPLICATION_ITEMS).format(t=c.topic)
    title = f"{c.issuer}关于{c.company}{app}的{kind}"
    body = [c.fill(c.pick(P.RECEIVED), app=app, no=c.docno("字"))]
    body += c.paras(P.APPROVAL_ITEMS if kind == "批复" else P.REPLY_ITEMS, 2, 6)
    if c.r.random() < 0.8:
        body.append(c.fill(c.pick(P.COMPANY_FACTS), uscc=c.uscc(), rep=c.person(), mob=c.mobile(),
                                                            m=c.r.randint(120, 98000)))
    return _render(c, title, c.company, body, docno=c.docno(c.pick(["批", "函", "字"])),
                   closing=c.pick(["此复。", "特此批复。", "特此函复。", "此复"]))


def answer_to_applicant(c: Ctx) -> str:
    who = c.person()
    title = c.pick(["政府信息公开申请答复书", "政府信息公开申请答复告知书", f"关于{who}政府信息公开申请的答复"])
    body = [c.fill(c.pick(P.APPLICANT_RECEIVED), who=who, idn=c.idno(), mob=c.mobile())]
    body += c.paras(P.APPLICANT_ANSWER, 2, 4, numbered=False)
    body.append(c.pick(P.REMEDY))
    return _render(c, title, None, body, docno=c.docno("依申请") if c.r.random() < 0.6 else None,
                   closing=None)


def personnel_notice(c: Ctx) -> str:
    title = c.pick([f"{c.issuer}关于{c.person()}等同志职务任免的通知", f"关于{c.person()}同志任职的通知",
                    f"{c.issuer}关于调整内设机构负责人的通知"])
    body = [c.pick(P.PERSONNEL_OPEN)]
    for _ in range(c.r.randint(1, 6)):
        body.append(c.fill(c.pick(P.PERSONNEL_ITEMS), who=c.person(), post=c.pick(P.POSTS),
                                                              post2=c.pick(P.POSTS)))
    if c.r.random() < 0.5:
        body.append(c.fill(c.pick(P.PERSONNEL_DETAIL), idn=c.idno(), mob=c.mobile()))
    return _render(c, title, c.pick(["机关各处室、直属各单位", "各科室", "局属各单位"]), body,
                   docno=c.docno("人"), closing=c.pick(["特此通知。", None]))


def decision_to_party(c: Ctx) -> str:
    title = c.pick(P.DECISION_TITLES)
    if c.r.random() < 0.5:
        title = c.issuer + title
    acct = "".join(str(c.r.randint(0, 9)) for _ in range(15))
    body = [c.fill(c.pick(P.DECISION_OPEN), idn=c.idno(), uscc=c.uscc())]
    body += [c.fill(s, acct=acct) for s in c.pick(P.DECISION_ITEMS, c.r.randint(2, 5))]
    body.append(c.fill(c.pick(P.DECISION_REMEDY)))
    return _render(c, title, None, body, docno=c.docno(c.pick(["认", "责改", "决", "补"])) if c.r.random() < 0.7 else None)


def _draft_content(c: Ctx, lo: int, hi: int) -> list[str]:
    """What a draft or plan says: policy wording inside a letter, 请示 or 纪要."""
    if c.r.random() < 0.35:
        return []
    return [c.fill(c.pick(P.DRAFT_CONTENT_OPEN))] + c.paras(P.POLICY_ITEMS, lo, hi, numbered=c.r.random() < 0.5)


def petition_opinion(c: Ctx) -> str:  # held out: test split only
    who = c.person()
    title = c.pick(["信访事项处理意见书", "信访事项复查意见书", f"关于{who}反映问题的处理意见"])
    body = [c.fill(c.pick(P.PETITION_OPEN), who=who, idn=c.idno(), mob=c.mobile())]
    body += c.paras(P.PETITION_ITEMS, 2, 4, numbered=False)
    body.append(c.pick(P.PETITION_REMEDY))
    return _render(c, title, None, body, docno=c.docno("信复") if c.r.random() < 0.5 else None)


# ---------------------------------------------------------------- not_public
def request_to_superior(c: Ctx) -> str:
    kind = c.pick(["请示", "请示", "报告"])
    title = f"{c.issuer}关于{c.pick(P.REQUEST_SUBJECTS).format(t=c.topic)}的{kind}"
    superior = c.place + c.pick(["人民政府", "人民政府办公厅", "财政局", "发展和改革委员会"])
    body = [c.fill(c.pick(P.REQUEST_OPEN))] + _draft_content(c, 1, 4) + c.paras(P.REQUEST_ITEMS, 2, 6)
    close = c.pick(["妥否，请批示。", "以上请示妥否，请予批复。", "特此请示。"]) if kind == "请示" \
        else c.pick(["特此报告。", "专此报告。"])
    return _render(c, title, superior, body, docno=c.docno(), closing=close, annex=[c.draft] if c.r.random() < 0.4 else None)


def meeting_minutes(c: Ctx) -> str:
    no = c.r.randint(1, 40)
    title = c.pick([f"{c.issuer}{c.topic}专题会议纪要", f"{c.issuer}局长办公会议纪要", f"{c.topic}工作协调会会议纪要",
                    f"{c.issuer}党组会议纪要"])
    body = [c.fill(c.pick(P.MINUTES_OPEN), no=no, who=c.person())]
    body += c.paras(P.MINUTES_ITEMS, 3, 7) + _draft_content(c, 1, 3)
    body.append("出席：" + "、".join(c.person() for _ in range(c.r.randint(3, 8))))
    if c.r.random() < 0.6:
        body.append("列席：" + "、".join(c.person() for _ in range(c.r.randint(1, 4))))
    return _render(c, title, None, body, docno=f"第{no}期" if c.r.random() < 0.5 else None)


def consultation_letter(c: Ctx) -> str:
    kind = c.pick(["征求意见", "会签"])
    if kind == "征求意见":
        title = c.pick([f"{c.issuer}关于征求《{c.draft}（征求意见稿）》意见的函",
                        f"关于对《{c.draft}（送审稿）》提出修改意见的函"])
        body = [c.fill(c.pick(P.CONSULT_OPEN))] + _draft_content(c, 1, 6) + c.paras(P.CONSULT_ITEMS, 1, 4)
    else:
        title = c.pick([f"{c.issuer}关于商请会签《{c.draft}》的函", f"关于会签《关于印发<{c.draft}>的通知》的函"])
        body = [c.fill(c.pick(P.COSIGN_OPEN))] + _draft_content(c, 1, 6) + c.paras(P.COSIGN_ITEMS, 1, 3)
    targets = "、".join(c.pick(P.PEER_DEPTS, c.r.randint(2, 6)))
    return _render(c, title, c.pick([targets, "省直有关部门、单位", "各成员单位"]), body, docno=c.docno("函"),
                   closing=c.pick(["特此函告。", "请予支持。", None]), annex=[c.draft, "反馈意见表"])


def internal_notice(c: Ctx) -> str:
    title = f"关于{c.pick(P.INTERNAL_SUBJECTS)}的通知"
    body = [c.fill(c.pick(P.INTERNAL_OPEN))] + c.paras(P.INTERNAL_ITEMS, 2, 6)
    text = _render(c, title, c.pick(["机关各处室", "各科室、各直属单位", "机关各部门"]), body,
                   docno=c.docno("办") if c.r.random() < 0.5 else None, closing="特此通知。")
    return (c.pick(P.WARNING_HEADS) + "\n" + text) if c.r.random() < 0.4 else text


def staff_notice(c: Ctx) -> str:
    title = f"关于{c.fill(c.pick(P.STAFF_SUBJECTS))}的通知"
    body = [c.fill(c.pick(P.INTERNAL_OPEN))] + c.paras(P.STAFF_ITEMS, 2, 5)
    return _render(c, title, c.pick(["机关各处室", "机关各部门、各直属单位", "各科室"]), body,
                   docno=c.docno("人") if c.r.random() < 0.4 else None, closing=c.pick(["特此通知。", None]))


def duty_logistics(c: Ctx) -> str:  # held out: test split only
    title = c.pick([f"关于{c.year}年{c.pick(['春节', '国庆节', '元旦', '五一'])}期间值班安排的通知",
                    "关于机关公务用车使用管理有关事项的通知", "关于调整机关办公用房的通知", "关于机关食堂就餐管理的通知"])
    body = [c.fill(c.pick(P.LOGISTICS_OPEN))] + c.paras(P.LOGISTICS_ITEMS, 2, 5)
    body.append("值班电话：" + c.phone() + "；带班领导：" + c.person() + " " + c.mobile())
    return _render(c, title, c.pick(["机关各处室", "各科室"]), body, closing="特此通知。")


# ---------------------------------------------------------------- proactive
def policy_notice(c: Ctx) -> str:
    title = c.pick([f"{c.issuer}关于进一步做好{c.topic}工作的通知", f"{c.issuer}关于印发《{c.draft}》的通知",
                    f"关于加强{c.topic}的实施意见"])
    body = [c.fill(c.pick(P.POLICY_OPEN))] + c.paras(P.POLICY_ITEMS, 3, 9)
    return _render(c, title, c.pick(P.BROAD_TARGETS), body, docno=c.docno(), closing=c.pick(["特此通知。", None]))


def public_announcement(c: Ctx) -> str:
    kind = c.pick(["公告", "通告"])
    title = f"{c.issuer}关于{c.pick(P.ANNOUNCE_SUBJECTS).format(t=c.topic, y=c.year)}的{kind}"
    body = [c.fill(c.pick(P.ANNOUNCE_OPEN))] + c.paras(P.ANNOUNCE_ITEMS, 2, 6)
    return _render(c, title, None, body, docno=c.docno("告") if c.r.random() < 0.4 else None,
                   closing=c.pick([f"特此{kind}。", None]))


def public_consultation(c: Ctx) -> str:
    title = f"{c.issuer}关于公开征求《{c.draft}（征求意见稿）》意见的公告"
    body = [c.fill(c.pick(P.PUBLIC_CONSULT_OPEN))] + c.paras(P.PUBLIC_CONSULT_ITEMS, 2, 4)
    return _render(c, title, None, body, closing="特此公告。", annex=[c.draft + "（征求意见稿）"])


def rules_document(c: Ctx) -> str:  # held out: test split only
    title = f"{c.draft}"
    body = [c.fill(s) for s in P.RULE_ARTICLES]
    c.r.shuffle(body)
    body = [f"第{P.NUMERALS[i]}条　{s}" for i, s in enumerate(body[: c.r.randint(5, len(body))])]
    return _render(c, title, None, body, docno=None)


Family = Callable[[Ctx], str]
FAMILIES: dict[str, tuple[str, Family, str]] = {
    # name: (label, builder, split)  split: "both" or "test"
    "reply_to_company": ("on_request", reply_to_company, "both"),
    "answer_to_applicant": ("on_request", answer_to_applicant, "both"),
    "personnel_notice": ("on_request", personnel_notice, "both"),
    "decision_to_party": ("on_request", decision_to_party, "both"),
    "petition_opinion": ("on_request", petition_opinion, "test"),
    "request_to_superior": ("not_public", request_to_superior, "both"),
    "meeting_minutes": ("not_public", meeting_minutes, "both"),
    "consultation_letter": ("not_public", consultation_letter, "both"),
    "internal_notice": ("not_public", internal_notice, "both"),
    "staff_notice": ("not_public", staff_notice, "both"),
    "duty_logistics": ("not_public", duty_logistics, "test"),
    "policy_notice": ("proactive", policy_notice, "both"),
    "public_announcement": ("proactive", public_announcement, "both"),
    "public_consultation": ("proactive", public_consultation, "both"),
    "rules_document": ("proactive", rules_document, "test"),
}


def generate(n_per_family: int, seed: int = 20241122, split: str = "train") -> list[Constructed]:
    """``n_per_family`` documents of each family usable in ``split`` ("train" or "test")."""
    if split not in ("train", "test"):
        raise ValueError("split must be 'train' or 'test'")
    rng = random.Random(f"{seed}:{split}")
    places = P.PLACES_TRAIN if split == "train" else P.PLACES_TEST
    out = []
    for name, (label, build, where) in FAMILIES.items():
        if split == "train" and where == "test":
            continue
        for _ in range(n_per_family):
            c = Ctx(rng, places)
            out.append(Constructed(build(c), label, name, c.issuer))
    return out
