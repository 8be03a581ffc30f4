"""Which 第二十条 category a proactive document falls under (keyword rules).

《政府信息公开条例》第二十条 lists fifteen kinds of information an agency must disclose
proactively.  The title weighs most; the opening of the body breaks ties.  Item (十五)
("其他") is never guessed: it needs the specific law that requires disclosure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.findings import Reason
from reviewer.legal import cite

ARTICLE = cite("ogi", 20)


@dataclass(frozen=True)
class Category:
    item: str          # (一) … (十四)
    name: str          # the item's wording, shortened
    title_words: tuple[str, ...]
    body_words: tuple[str, ...] = ()


CATEGORIES: tuple[Category, ...] = (
    Category("（一）", "行政法规、规章和规范性文件",
             ("条例", "规定", "办法", "细则", "规则", "规范性文件", "实施意见", "指导意见", "暂行"),
             ("本办法", "本规定", "本细则", "本条例", "自发布之日起施行", "有效期")),
    Category("（二）", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
             ("机构职能", "主要职责", "内设机构", "职能配置", "办公地址", "领导分工", "联系方式"),
             ("主要职责", "内设机构", "办公时间")),
    Category("（三）", "国民经济和社会发展规划、专项规划、区域规划及相关政策",
             ("规划", "纲要", "行动计划"), ("规划期", "发展目标", "到20")),
    Category("（四）", "国民经济和社会发展统计信息",
             ("统计公报", "统计数据", "统计信息", "经济运行", "主要指标"), ("同比增长", "统计局")),
    Category("（五）", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
             ("行政许可", "审批", "办事指南", "资质", "认定", "备案", "登记", "准予", "名单", "职称"),
             ("申请条件", "办理流程", "受理", "审批结果")),
    Category("（六）", "实施行政处罚、行政强制的依据、条件、程序以及有一定社会影响的行政处罚决定",
             ("行政处罚", "处罚决定", "行政强制", "执法"), ("罚款", "违法行为", "处罚依据")),
    Category("（七）", "财政预算、决算信息",
             ("预算", "决算", "三公经费"), ("一般公共预算", "财政拨款")),
    Category("（八）", "行政事业性收费项目及其依据、标准",
             ("收费", "收费标准", "收费项目"), ("收费标准", "价格主管")),
    Category("（九）", "政府集中采购项目的目录、标准及实施情况",
             ("政府采购", "集中采购", "采购目录", "采购意向", "中标", "成交公告"), ("采购限额", "采购人")),
    Category("（十）", "重大建设项目的批准和实施情况",
             ("重大建设项目", "重点项目", "重点建设", "工程建设项目"), ("项目建设", "开工", "竣工")),
    Category("（十一）", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
             ("扶贫", "脱贫", "乡村振兴", "教育", "学校", "医疗", "医保", "卫生健康", "社会保障", "社会保险",
              "养老", "就业", "创业", "工伤", "失业", "职业技能", "人才", "工资", "低保", "救助", "残疾人"),
             ("就业", "社会保险", "教育", "医疗")),
    Category("（十二）", "突发公共事件的应急预案、预警信息及应对情况",
             ("应急预案", "应急", "预警", "防汛", "抗旱", "地震", "疫情", "突发"), ("应急响应", "预警")),
    Category("（十三）", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
             ("监督检查", "抽查", "抽检", "专项检查", "安全生产", "环境保护", "生态环境", "食品", "药品",
              "产品质量", "督查", "双随机"), ("检查", "整改")),
    Category("（十四）", "公务员招考的职位、名额、报考条件等事项以及录用结果",
             ("公务员", "招考", "录用", "招录", "遴选", "公开招聘"), ("报考条件", "职位")),
)

_ORDER = {c.item: i for i, c in enumerate(CATEGORIES)}


def categorize(title: str | None, text: str) -> tuple[Category, list[str]] | None:
    """The best 第二十条 category for a document and the words that matched, or None."""
    title = title or _guess_title(text)
    head = text[:3000]
    best = None
    for cat in CATEGORIES:
        words = [w for w in cat.title_words if w in title]
        score = 3.0 * len(words)
        body = [w for w in cat.title_words + cat.body_words if w in head]
        score += min(len(set(body)), 4) * 0.5
        if cat.item == "（十一）":  # the broad item needs the title to say so
            score = score if words else 0.0
        if score >= 2.0 and (best is None or score > best[0]):
            best = (score, cat, words or body[:3])
    if best is None:
        return None
    return best[1], best[2]


def article20_reason(cat: Category, words: list[str]) -> Reason:
    shown = "、".join(words[:4])
    return Reason(f"属于第二十条{cat.item}“{cat.name}”（依据：{shown}），应当主动公开。",
                  ARTICLE + cat.item, [])


def label(cat: Category) -> str:
    return f"第二十条{cat.item}{cat.name}"


_TITLE = re.compile(r"[^\n。]{0,60}?关于[^\n。]{2,80}?的(?:通知|通告|公告|决定|意见|办法|规定|批复|报告|请示|函)")


def _guess_title(text: str) -> str:
    m = _TITLE.search(text[:600])
    if m:
        return m.group(0)
    first = text.strip().split("\n", 1)[0]
    return re.sub(r"^#+\s*", "", first)[:80]
