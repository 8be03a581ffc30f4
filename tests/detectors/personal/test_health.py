import pytest

from reviewer.detectors.personal.health import HealthRecognizer


@pytest.mark.parametrize("text, expected", [
    ("张三，男，残疾类别：肢体残疾，残疾等级：二级", ["肢体残疾", "二级"]),
    ("户主李四，二级肢体残疾", ["二级肢体残疾"]),
    ("申请人王五，男，45岁，患有尿毒症，长期透析", ["尿毒症"]),
    ("该患者确诊为肺结核", ["肺结核"]),
    ("病历号：20240012345", ["20240012345"]),
])
def test_health_reported(engine_for, text, expected):
    fs = engine_for(HealthRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "health" and "《中华人民共和国个人信息保护法》第二十八条" in f.basis for f in fs)


@pytest.mark.parametrize("text", [
    "为一级肢体残疾人提供补贴",
    "加强艾滋病防治工作",
    "做好传染病防控",
    "《医疗机构病历管理规定》",
    "对重度残疾人参保给予补助",
    "肺结核患者享受免费治疗政策",
])
def test_health_not_reported(engine_for, text):
    assert engine_for(HealthRecognizer).analyze_text(text) == []
