"""Documents and findings built by the classifier tests themselves."""

from __future__ import annotations

from reviewer.findings import Finding
from reviewer.parsers import parse_bytes

NOTICE = """河北省人力资源和社会保障厅关于做好2024年高校毕业生就业创业工作的通知
各市人力资源社会保障局，雄安新区公共服务局：
为深入贯彻落实党中央、国务院关于稳就业的决策部署，进一步做好高校毕业生就业创业工作，现就有关事项通知如下：
一、拓宽就业渠道。落实一次性扩岗补助政策，鼓励中小微企业吸纳高校毕业生就业。
二、加强就业服务。各地要组织开展公共就业服务进校园活动，举办专场招聘会。
三、强化困难帮扶。对离校未就业毕业生实施实名制服务，提供职业指导和技能培训。
河北省人力资源和社会保障厅
2024年3月1日
"""

REQUEST = """某某市交通运输局关于申请追加农村公路养护专项经费的请示
市人民政府：
近年来，我局农村公路养护任务逐年加重，现有人员和经费难以满足工作需要。经测算，今年养护资金缺口较大，拟申请追加专项经费300万元，主要用于路面修复和桥梁检测。
以上请示妥否，请批示。
某某市交通运输局
2024年5月6日
（联系人：张三，联系电话：0311-12345678）
"""

REPLY_TO_COMPANY = """某某市生态环境局关于某某新材料有限公司年产5000吨涂料项目环境影响报告书的批复
某某新材料有限公司：
你公司报送的《年产5000吨涂料项目环境影响报告书》收悉。经研究，批复如下：
一、原则同意项目按报告书所列性质、规模、地点建设。项目总投资3000万元。
二、项目联系人李四，身份证号110101199003071234，手机13912345678。
此复。
某某市生态环境局
2024年6月1日
"""


def doc(text: str, name: str = "doc.txt"):
    return parse_bytes(text.encode("utf-8"), filename=name)


def finding(category: str, type_: str, text: str, source: str, action: str = "redact", fid: str | None = None,
            **explanation) -> Finding:
    start = source.find(text)
    start = max(start, 0)
    return Finding(category=category, type=type_, text=text, start=start, end=start + len(text), score=0.9,
                   action=action, basis="", explanation=dict(explanation), id=fid or f"F-{type_}")
