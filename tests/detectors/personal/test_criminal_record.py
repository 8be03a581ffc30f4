import pytest

from reviewer.detectors.personal.criminal_record import CriminalRecordRecognizer


@pytest.mark.parametrize("text, expected", [
    ("张三，男，1975年生，因盗窃罪被判处有期徒刑三年", ["因盗窃罪被判处有期徒刑三年"]),
    ("村民赵六有犯罪记录", ["有犯罪记录"]),
    ("当事人李某曾被刑事拘留", ["曾被刑事拘留"]),
])
def test_criminal_record_reported(engine_for, text, expected):
    fs = engine_for(CriminalRecordRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "criminal_record" and f.action == "redact" for f in fs)


@pytest.mark.parametrize("text", [
    "曾被判处有期徒刑以上刑罚的，不得担任",
    "做好刑满释放人员安置帮教工作",
    "本人无犯罪记录",
    "有犯罪记录的人员不得报考",
    "构成犯罪的，依法追究刑事责任",
])
def test_criminal_record_not_reported(engine_for, text):
    assert engine_for(CriminalRecordRecognizer).analyze_text(text) == []


@pytest.mark.parametrize("text, expected", [
    ("被告人李四，男，1990年生，因犯盗窃罪于2015年被判处有期徒刑一年", ["因犯盗窃罪于2015年被判处有期徒刑一年"]),
    ("当事人赵某某，男，因酒后驾驶被依法行政拘留十日", ["被依法行政拘留"]),
])
def test_criminal_record_court_forms(engine_for, text, expected):
    assert [f.text for f in engine_for(CriminalRecordRecognizer).analyze_text(text)] == expected
