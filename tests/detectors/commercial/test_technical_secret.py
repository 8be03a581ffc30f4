"""commercial.technical_secret.v1: technical information of a named enterprise."""

import pytest

from reviewer.detectors.commercial.technical_secret import TechnicalSecretDetector
from reviewer.parsers import parse_bytes

DET = TechnicalSecretDetector()


@pytest.mark.parametrize("text, expected", [
    ("××制药股份有限公司提交的配方及工艺参数详见附件。", ["配方", "工艺参数"]),
    ("我公司软件的源代码已提交评审专家。", ["源代码"]),
    # negatives
    ("支持企业研发核心算法，推动产业升级。", []),
    ("第三十六条 特殊医学用途配方食品生产企业应当按照标准检验。", []),
    ("开展数据分析挖掘算法研究，依托产业技术研究院孵化成果。", []),
])
def test_technical_secret(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


@pytest.mark.parametrize("text, expected", [
    ("保定科润化工有限公司的关键工艺为：反应温度控制在185℃，压力保持在0.8MPa，保温时间4小时。",
     ["关键工艺为：反应温度控制在185℃，压力保持在0.8MPa，保温时间4小时"]),
    ("据企业提供的资料，该厂产品配方中硅酸盐含量占比为62%，添加剂占比8%。", ["配方中硅酸盐含量占比为62%，添加剂占比8%"]),
    ("石家庄康力药业有限公司提交的材料显示，其发酵温度为32℃，发酵时间72小时。", ["发酵温度为32℃，发酵时间72小时"]),
    # look-alikes: policy text, standards, the word inside another word
    ("推广微通道反应器，实现对反应温度、反应时间、物料用量等的精确控制。", []),
    ("按照服务质量确定技术转移机构的收益分配方式及比例。", []),
    ("产品中铅含量不得超过0.1%，应符合国家标准。", []),
    ("提高钢铁企业厂外物料和产品清洁运输比例。", []),
])
def test_technical_secret_statements(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


def test_technical_secret_in_docx():
    from reviewer.synth.docx_writer import DocxBuilder
    b = DocxBuilder()
    b.paragraph("关于保定科润化工有限公司技术改造项目的核查意见")
    b.paragraph("该公司的关键工艺为：反应温度控制在185℃，压力保持在0.8MPa。")
    doc = parse_bytes(b.to_bytes(), filename="t.docx")
    assert [f.text for f in DET.analyze(doc)] == ["关键工艺为：反应温度控制在185℃，压力保持在0.8MPa"]
