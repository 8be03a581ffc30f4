import pytest

from reviewer.detectors.personal.org_id import OrgIdRecognizer


@pytest.mark.parametrize("text, expected, validation", [
    ("统一社会信用代码91110000600037341L", ["91110000600037341L"], "checksum passed"),
    ("91350100M000100Y43", ["91350100M000100Y43"], "checksum passed"),
    ("统一社会信用代码：91110000600037341A", ["91110000600037341A"], "checksum failed"),
    ("91110000600037341A", [], None),
    ("索引号：11370000MB28403XXX/2024-01234", [], None),
    ("11370000MB2840300X/2024-01234", [], None),
    ("统一社会信用代码：91130100MA0CXXXX1Y", [], None),              # masked
    ("身份证号码：130102196804123426", [], None),                     # an ID, even if GB 32100 passes
])
def test_org_id(engine_for, text, expected, validation):
    fs = engine_for(OrgIdRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    for f in fs:
        assert (f.category, f.type, f.action) == ("commercial", "org_id", "review")
        assert f.explanation["validation"] == validation
