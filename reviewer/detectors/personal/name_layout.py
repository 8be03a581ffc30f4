"""Names found by where they stand: table columns under 姓名, 公示 lists, and the name
written right before an identifier (``刘涛0311-66908752``, ``张三 110105…``).

* DOCX tables: a header cell 姓名/户主/申请人… makes the cells below it names; a header
  残疾类别/病种/诊断… makes them health details.  Text tables (TXT, PDF): a header
  line with 姓名 among whitespace-separated columns, and the rows under it.
* 公示 lists: after a line announcing a list (公示, 名单, 如下…), a line that is mostly
  names separated by 、/，/spaces — action ``review`` (a 公示 may be lawful).
* Next to an identifier: the name takes the action of the identifier (``review`` when
  that is an official contact, see ``personal.official_contact.v1``).
"""

from __future__ import annotations

import re
from collections import defaultdict

from reviewer.detectors.base import DocumentDetector
from reviewer.detectors.personal._common import BASIS_PRIVACY, BASIS_SENSITIVE
from reviewer.detectors.personal._names import is_masked_name, looks_like_name

NAME_HEADERS = frozenset(("姓名", "名字", "户主", "户主姓名", "申请人", "申请人姓名", "当事人", "救助对象",
                          "救助对象姓名", "患者姓名", "学生姓名", "家长姓名", "监护人", "持卡人", "收款人",
                          "困难群众姓名", "被征收人", "承包人", "权利人", "受助人", "供养对象", "联系人",
                          "负责人", "法定代表人"))
OFFICER_HEADERS = frozenset(("联系人", "负责人", "法定代表人"))
HEALTH_HEADERS = frozenset(("残疾类别", "残疾类型", "残疾等级", "病种", "疾病名称", "诊断", "诊断结果", "病情",
                            "患病情况", "致贫原因", "健康状况", "身体状况", "疾病类型", "患病种类", "诊断意见",
                            "病史", "检查结果", "残疾情况", "主要病情", "残疾类别及等级", "所患疾病"))
# a person's income, debts and benefits (personal.income.v1); benefit columns of a 公示 are published by rule
INCOME_HEADERS = frozenset(("月收入", "年收入", "家庭月收入", "家庭年收入", "家庭总收入", "人均收入", "家庭人均收入",
                            "月人均收入", "年人均收入", "家庭年人均收入", "家庭月人均收入", "人均纯收入", "工资收入",
                            "欠款金额", "欠缴金额", "负债金额", "债务金额", "低保金", "保障金额", "救助金额", "补助金额"))
INCOME_PUBLISHED = frozenset(("低保金", "保障金额", "救助金额", "补助金额"))
# a pupil's school, grade, class or an age under 18 (personal.minor.v2)
MINOR_HEADERS = frozenset(("就读学校", "学校名称", "所在学校", "年级", "就读年级", "班级", "所在班级", "年龄"))
_TEXT_TABLE_HEADERS = NAME_HEADERS | HEALTH_HEADERS | INCOME_HEADERS | MINOR_HEADERS
ADDRESS_HEADERS = frozenset(("住址", "家庭住址", "现住址", "户籍地址", "居住地址", "家庭地址", "现居住地",
                             "户籍所在地", "联系地址"))
IDENTIFIER_TYPES = {"id_card", "id_card_legacy", "mobile", "landline", "bank_card", "passport",
                    "travel_permit", "email"}
# a name written as its own segment shortly before one of these is that person's name
SEGMENT_ANCHOR_TYPES = IDENTIFIER_TYPES | {"address", "health", "criminal_record", "minor", "vehicle_plate"}
_SEGMENTS = re.compile(r"[^，,。；;：:\s（）()、\n]+")
_TYPE_LABEL = {"id_card": "身份证号码", "id_card_legacy": "身份证号码", "mobile": "手机号码",
               "landline": "电话号码", "bank_card": "银行卡号", "passport": "护照号码",
               "travel_permit": "通行证号码", "email": "电子邮箱"}
# 出席：白芳航、田英福、夏艳 / 评审专家：宋浩俊、顾松思
NAME_LIST = re.compile(r"(?:出席|列席|缺席|请假|参加人员|参会人员|与会人员|出席人员|列席人员|评审专家|评标专家|专家组成员|"
                       r"专家组|成员|组长|副组长|记录人?|主持人?|审核|审定|校对|拟稿|考评员|监考人?)\s*[:：]\s*"
                       r"(?P<v>[\u4e00-\u9fa5]{2,4}(?:\s*[、，,]\s*[\u4e00-\u9fa5]{2,4})*)")
AUTHOR_FIELDS = frozenset(("author", "last_modified_by", "lastModifiedBy", "creator", "Author", "Creator",
                           "T", "manager", "Manager"))
PUBLICITY_DOC = re.compile(r"公示|公告|名单|名册|表彰|通报")
LIST_INTRO = re.compile(r"公示|名单|名册|如下|以下同志|拟录用|拟聘用|拟推荐|获奖|表彰")
_TOKEN = re.compile(r"[^\s|｜\t]+")
_SPLIT = re.compile(r"[、，,；;\s]+")
_HAN = re.compile(r"[\u4e00-\u9fa5]")
_ORG_END = set("厅局处科室部委办会站所院队司中心组校社股")
# what may stand between a name and its identifier: 张三，身份证号：…, 李四 电话 …
_GAP = re.compile(r"[\s,，:：（(]{0,2}(?:(?:公民)?身份证(?:件)?号?码?|公民身份号码|联系电话|电话|手机(?:号码?)?|"
                  r"护照号?码?|银行卡号|卡号|账号|邮箱)?[\s:：]{0,2}\Z")
_LABEL_END = ("联系人", "姓名", "负责人", "经办人", "户主", "申请人", "当事人", "：", ":")
# words for a person written straight before the name: 困难群众王小明（身份证号…）
_PERSON_DESCRIPTOR = ("群众", "居民", "村民", "农民", "市民", "公民", "职工", "员工", "工人", "患者", "病人",
                      "学生", "儿童", "老人", "对象", "家属", "同志", "人员", "户主", "监护人", "投诉人",
                      "举报人", "受害人", "被申请人", "犯罪嫌疑人", "被告人", "当事人", "申请人", "贫困户", "低保户")


def _norm(s: str) -> str:
    return re.sub(r"[\s\u3000:：*＊]", "", s)


class NameLayoutDetector(DocumentDetector):
    ID = "personal.name_layout.v1"
    TYPES = ("person_name", "health", "address", "income", "minor")
    TYPE = "person_name"
    LABEL = "自然人姓名"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    ORDER = 60

    def detect(self, doc, text_results):
        if self._name_action(doc, "redact") == "review":
            for f in text_results:
                if f.type == "person_name" and f.action == "redact":
                    f.action = "review"
                    f.explanation = dict(f.explanation)
                    f.explanation["text"] = (f.explanation.get("text") or "") + "；公示类文件中的姓名，请确认是否依法应予公示"
        out = []
        out += self._docx_tables(doc)
        out += self._authors(doc)
        out += self._labelled_lists(doc)
        out += self._text_tables(doc)
        out += self._publicity_lists(doc)
        out += self._next_to_identifiers(doc, text_results)
        out += self._segment_before(doc, text_results, {(f.start, f.end) for f in out})
        return out

    # -- 罗建东，家住…; 王五，二级肢体残疾 ------------------------------------------------
    def _segment_before(self, doc, text_results, taken):
        text = doc.text
        out = []
        for f in text_results:
            if f.type not in SEGMENT_ANCHOR_TYPES or f.category != "personal":
                continue
            lo = max(0, f.start - 30)
            nl = text.rfind("\n", lo, f.start)
            lo = nl + 1 if nl >= 0 else lo
            segs = list(_SEGMENTS.finditer(text, lo, f.start))
            for m in reversed(segs[-3:]):
                name = m.group()
                if (m.start(), m.end()) in taken or not looks_like_name(name):
                    continue
                if m.start() > lo and text[m.start() - 1] not in "，,。；;：:（）()、\n \t\u3000":
                    continue
                out.append(self.finding(doc, m.start(), m.end(), score=0.7, action=self._name_action(doc, f.action),
                                        text="与其个人信息同句出现的自然人姓名",
                                        pattern="segment_before_personal", context_word=f.type))
                taken.add((m.start(), m.end()))
                break
        return out

    @staticmethod
    def _name_action(doc, action: str) -> str:
        """低保/救助/拟录用… 公示 publish names by law (e.g. 最低生活保障审核确认办法): names
        there are for review, while IDs, phones and addresses stay redact."""
        head = (getattr(doc.structure, "title", None) or "") + doc.text[:300]
        return "review" if PUBLICITY_DOC.search(head) else action

    # -- who wrote the file: DOCX core properties, PDF metadata and annotation authors --
    def _authors(self, doc):
        out = []
        for b in doc.blocks:
            if b.part not in ("properties", "metadata", "annotation", "comment"):
                continue
            if b.location.get("field") not in AUTHOR_FIELDS:
                continue
            raw = doc.text[b.start:b.end]
            value = raw.strip()
            if looks_like_name(value):
                s = b.start + raw.index(value)
                out.append(self.finding(doc, s, s + len(value), score=0.8, action="redact",
                                        text=f"文件属性/批注作者（{b.location.get('field')}）中的自然人姓名，发布前应清除",
                                        pattern="author_field", context_word=b.location.get("field")))
        return out

    # -- 出席：白芳航、田英福 ---------------------------------------------------------------
    def _labelled_lists(self, doc):
        text = doc.text
        out = []
        for m in NAME_LIST.finditer(text):
            for t in re.finditer(r"[\u4e00-\u9fa5]{2,4}", m.group("v")):
                s, e = m.start("v") + t.start(), m.start("v") + t.end()
                if looks_like_name(t.group(), trusted=True):
                    out.append(self.finding(doc, s, e, score=0.75, action="review",
                                            text="人员名单中的自然人姓名，请确认是否应当公开",
                                            pattern="labelled_list", context_word=m.group(0).split("：")[0][:6]))
        return out

    # -- DOCX tables -------------------------------------------------------------------
    def _docx_tables(self, doc):
        cells = defaultdict(list)  # (xml_part, table) -> [(row, col, block)]
        for b in doc.blocks:
            loc = b.location
            if b.part == "table" and "row" in loc and "col" in loc:
                cells[(loc.get("xml_part"), loc.get("table"))].append((loc["row"], loc["col"], b))
        out = []
        for rows in cells.values():
            headers = {}
            header_row = None
            for row, col, b in sorted(rows, key=lambda t: (t[0], t[1])):
                txt = _norm(doc.text[b.start:b.end])
                if header_row is None or row == header_row:
                    if txt in NAME_HEADERS or txt in HEALTH_HEADERS or txt in ADDRESS_HEADERS or txt in INCOME_HEADERS \
                            or txt in MINOR_HEADERS:
                        headers[col] = txt
                        header_row = row
                    continue
                head = headers.get(col)
                if head is None or row <= header_row:
                    continue
                if head in MINOR_HEADERS and not any(h in NAME_HEADERS for h in headers.values()):
                    continue  # a list of schools, not of pupils
                out += self._cell_finding(doc, b.start, b.end, head, "table_column")
        return out

    def _cell_finding(self, doc, start, end, head, pattern):
        raw = doc.text[start:end]
        lead = len(raw) - len(raw.lstrip())
        value = raw.strip()
        s = start + lead
        e = s + len(value)
        if not value:
            return []
        if head in ADDRESS_HEADERS:
            if len(value) < 4 or "*" in value or "×" in value:
                return []
            return [self.finding(doc, s, e, score=0.8, type="address",
                                 text=f"表格“{head}”列中的住址", pattern=pattern, context_word=head)]
        if head in MINOR_HEADERS:
            age = re.fullmatch(r"(\d{1,3})\s*周?岁?", value)
            if value in ("无", "-", "—", "/") or (head == "年龄" and (age is None or int(age.group(1)) >= 18)):
                return []
            return [self.finding(doc, s, e, score=0.75, type="minor", action="review", basis=BASIS_SENSITIVE,
                                 text=f"表格“{head}”列中的未成年人信息", pattern=pattern, context_word=head)]
        if head in INCOME_HEADERS:
            if not re.search(r"\d", value) or (head in INCOME_PUBLISHED and self._name_action(doc, "redact") == "review"):
                return []
            return [self.finding(doc, s, e, score=0.8, type="income", basis=BASIS_SENSITIVE,
                                 text=f"表格“{head}”列中的个人收入或财务状况", pattern=pattern, context_word=head)]
        if head in HEALTH_HEADERS:
            if value in ("无", "-", "—", "/", "健康", "良好", "正常", "一般", "否") or is_masked_name(value):
                return []
            return [self.finding(doc, s, e, score=0.8, type="health", basis=BASIS_SENSITIVE,
                                 text=f"表格“{head}”列中的健康信息", pattern=pattern, context_word=head)]
        if not looks_like_name(value, trusted=True):
            return []
        action = "review" if head in OFFICER_HEADERS else self._name_action(doc, "redact")
        return [self.finding(doc, s, e, score=0.85, action=action,
                             text=f"表格“{head}”列中的自然人姓名", pattern=pattern, context_word=head)]

    # -- text tables -----------------------------------------------------------------
    def _text_tables(self, doc):
        text = doc.text
        out = []
        header_cols = None
        ncols = 0
        pos = 0
        for line in text.split("\n"):
            if line:
                b = doc.block_at(pos)
                if b is not None and b.part == "table":  # DOCX tables are read cell by cell
                    pos += len(line) + 1
                    header_cols = None
                    continue
            toks = [(m.start() + pos, m.end() + pos, m.group()) for m in _TOKEN.finditer(line)]
            names = [t[2] for t in toks]
            if len(toks) >= 2 and any(n in _TEXT_TABLE_HEADERS for n in names):
                header_cols = {i: n for i, n in enumerate(names) if n in _TEXT_TABLE_HEADERS}
                ncols = len(toks)
            elif header_cols is not None:
                if not toks or abs(len(toks) - ncols) > 1:
                    header_cols = None
                else:
                    named = any(h in NAME_HEADERS for h in header_cols.values())
                    for i, head in header_cols.items():
                        if head in MINOR_HEADERS and not named:
                            continue
                        if i < len(toks):
                            s, e, _ = toks[i]
                            out += self._cell_finding(doc, s, e, head, "text_table_column")
            pos += len(line) + 1
        return out

    # -- 公示 lists --------------------------------------------------------------------
    def _publicity_lists(self, doc):
        text = doc.text
        out = []
        intro_left = 0
        pos = 0
        for line in text.split("\n"):
            body = line
            off = pos
            k = max(line.rfind("："), line.rfind(":"))
            if LIST_INTRO.search(line):
                intro_left = 4
                if k >= 0:
                    body, off = line[k + 1:], pos + k + 1
                else:
                    body = ""
            if intro_left and body.strip():
                toks = [(m.start() + off, m.end() + off, m.group())
                        for m in re.finditer(r"[^、，,；;\s]+", body)]
                good = [t for t in toks if looks_like_name(t[2])]
                masked = [t for t in toks if is_masked_name(t[2])]
                if len(toks) >= 3 and (len(good) + len(masked)) >= 0.7 * len(toks) and good:
                    for s, e, _ in good:
                        out.append(self.finding(doc, s, e, score=0.75, action="review",
                                                text="公示名单中的自然人姓名，请确认是否依法应予公示",
                                                pattern="publicity_list"))
                intro_left -= 1
            pos += len(line) + 1
        return out

    # -- names next to identifiers ---------------------------------------------------
    def _next_to_identifiers(self, doc, text_results):
        text = doc.text
        out = []
        for f in text_results:
            if f.type not in IDENTIFIER_TYPES:
                continue
            j = f.start
            gap = _GAP.search(text, max(0, f.start - 14), f.start)
            if gap is not None:
                j = gap.start()
            i = j
            while i > 0 and j - i < 12 and _HAN.match(text[i - 1]):
                i -= 1
            run = text[i:j]
            for n in (3, 2):
                if len(run) < n:
                    continue
                cand = run[-n:]
                before = run[:-n]
                if not looks_like_name(cand):
                    continue
                if (before and before[-1] not in _ORG_END and not before.endswith(_LABEL_END)
                        and not before.endswith(_PERSON_DESCRIPTOR)):
                    continue
                s = j - n
                out.append(self.finding(doc, s, j, score=0.75, action=self._name_action(doc, f.action),
                                        text=f"紧邻{_TYPE_LABEL[f.type]}的自然人姓名",
                                        pattern="next_to_identifier", context_word=_TYPE_LABEL[f.type]))
                break
        return out
