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
