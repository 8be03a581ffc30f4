import pytest

from reviewer.detectors.personal.person_name import PersonNameRecognizer


@pytest.mark.parametrize("text, expected, action", [
    ("姓名：张三", ["张三"], "redact"),
    ("申请人张三，男，汉族", ["张三"], "redact"),
    ("申请人王小明于2024年5月提出申请", ["王小明"], "redact"),
    ("当事人：刘德华（身份证号略）", ["刘德华"], "redact"),
    ("户主 李建国", ["李建国"], "redact"),
    ("法定代表人：欧阳明华", ["欧阳明华"], "review"),
    ("联系人：李四，电话：0311-87654321", ["李四"], "review"),
    ("负责人：张伟同志", ["张伟"], "review"),
])
def test_person_name_reported(engine_for, text, expected, action):
    fs = engine_for(PersonNameRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "person_name" and f.action == action for f in fs)


@pytest.mark.parametrize("text", [
    "当事人张某",                    # masked
    "户主：王××",
    "姓名：张*",
    "申请人：李XX",
    "申请人：赵○○",
    "当事人张某某",
    "申请人应当提交材料",             # 应 is a surname, 应当 is a word
    "申请人数量",
    "联系人：王科长",                 # a title
    "申请人：河北某公司",
    "姓名 性别 年龄",                 # a table header
    "当事人陈述和申辩",
    "第十五条 申请人可以委托代理人",
    "当事人要求不通知使馆、领馆，且我国与当事人国籍国未签署双边协议",
])
def test_person_name_not_reported(engine_for, text):
    assert engine_for(PersonNameRecognizer).analyze_text(text) == []


@pytest.mark.parametrize("text, expected", [
    ("张三，男，1965年生，汉族", ["张三"]),
    ("被申请人：李秀英（女，汉族）", ["李秀英"]),
    ("现有工作人员，男，35岁", []),          # not a name
    ("李×，男，1965年生", []),               # masked
])
def test_person_name_before_gender(engine_for, text, expected):
    assert [f.text for f in engine_for(PersonNameRecognizer).analyze_text(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("经核查，你县某单位工作人员尹秋思涉嫌违规存放涉密载体", ["尹秋思"]),
    ("村民王五因宅基地纠纷", ["王五"]),
    ("工作人员应当依法履职", []),
    ("工作人员张某涉嫌违纪", []),
])
def test_person_in_case(engine_for, text, expected):
    assert [f.text for f in engine_for(PersonNameRecognizer).analyze_text(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("请认真贯彻落实。陈春海的电子邮件为", ["陈春海"]),
    ("经查，王五的身份证号码已登记", ["王五"]),
    ("本单位的电子邮件", []),
    ("申请人的联系电话", []),
    ("张某的手机", []),
])
def test_person_name_owning_personal_data(engine_for, text, expected):
    assert [f.text for f in engine_for(PersonNameRecognizer).analyze_text(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("被告人李四，男，1990年生", ["李四"]),
    ("其父王大明患有尿毒症", ["王大明"]),
    ("儿子刘洋，12岁，在读小学", ["刘洋"]),
    ("被告人应当到庭", []),
    ("其父母双亡", []),
])
def test_person_name_family_and_court_labels(engine_for, text, expected):
    assert [f.text for f in engine_for(PersonNameRecognizer).analyze_text(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("姓名：高洋", ["高洋"]),            # a dictionary word, but after 姓名： it is a name
    ("当事人：梁海，男", ["梁海"]),
    ("申请人高洋提出", []),              # glued: the dictionary wins
])
def test_person_name_after_a_colon_is_trusted(engine_for, text, expected):
    assert [f.text for f in engine_for(PersonNameRecognizer).analyze_text(text)] == expected
