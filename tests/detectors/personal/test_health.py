"""personal.health.v2 — diagnoses, treatment, lab values, pregnancy, disability of a person."""

import pytest

from reviewer import detectors
from reviewer.detectors.personal.health import HealthRecognizer
from reviewer.detectors.personal.person_anchor import PersonAnchorDetector
from tests.detectors.helpers import make_doc


def health(text):
    return [f.text for f in detectors.analyze(make_doc(text)) if f.type == "health"]


@pytest.mark.parametrize("text, expected", [
    ("张三，男，残疾类别：肢体残疾，残疾等级：二级", ["肢体残疾", "二级"]),
    ("户主李四，二级肢体残疾", ["二级肢体残疾"]),
    ("申请人王五，男，45岁，患有尿毒症，长期透析", ["尿毒症", "透析"]),
    ("该患者确诊为肺结核", ["肺结核"]),
    ("病历号：20240012345", ["20240012345"]),
])
def test_health_recognizer_alone(engine_for, text, expected):
    fs = engine_for(HealthRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "health" and "《中华人民共和国个人信息保护法》第二十八条" in f.basis for f in fs)


@pytest.mark.parametrize("text, expected", [
    # diagnosis verbs with a lexicon name or a disease ending, the person a name or a kin word
    ("刘建华，男，1968年出生，2022年3月确诊为右肺腺癌，先后行化疗6次。", ["右肺腺癌", "化疗"]),
    ("该户户主张建国因患尿毒症长期透析，妻子王秀兰患有类风湿关节炎。", ["尿毒症", "透析", "类风湿关节炎"]),
    ("我母亲2021年被诊断为阿尔茨海默病，生活不能自理。", ["阿尔茨海默病", "生活不能自理"]),
    ("其子罹患急性淋巴细胞白血病，在省儿童医院治疗。", ["急性淋巴细胞白血病"]),
    ("赵桂兰（女，67岁）2023年查出胃癌晚期。", ["胃癌"]),
    ("陈志强同志因脑出血住院，现已出院。", ["脑出血"]),
    # lab values with units, test results
    ("其妻空腹血糖9.8mmol/L，血压160/100mmHg，长期服用降压药。",
     ["空腹血糖9.8mmol/L", "血压160/100mmHg", "长期服用降压药"]),
    ("孙丽华的血肌酐为 486μmol/L，需透析。", ["血肌酐为 486μmol/L", "透析"]),
    ("该生HIV抗体检测结果呈阳性。", ["HIV抗体检测结果呈阳性"]),
    # surgery, pregnancy, disability classes and grades (GB/T 26341-2010, 伤残等级)
    ("王海波于2023年5月行腰椎间盘切除术。", ["行腰椎间盘切除术"]),
    ("王小明之女怀孕5个月。", ["怀孕5个月"]),
    ("申请人李桂芬现年62岁，视力二级残疾，持有残疾人证。", ["视力二级残疾", "持有残疾人证"]),
    ("周建军，男，经鉴定为九级伤残。", ["九级伤残"]),
    ("户主马春生精神残疾三级，其妻听力残疾。", ["精神残疾三级", "听力残疾"]),
    ("郭大海，诊断结果：慢性肾衰竭（CKD5期）", ["慢性肾衰竭"]),
    ("姓名：吴芳 健康状况：患病", ["患病"]),
    ("张三系二级肢体残疾人，无劳动能力。", ["二级肢体残疾"]),
    ("户主李四是一名视力残疾人。", ["视力残疾"]),
    ("马建军同志因突发心肌梗死经抢救无效去世。", ["心肌梗死"]),
    ("经医院诊断，曹某某为重度抑郁发作，建议住院治疗。", ["重度抑郁", "住院治疗"]),
    ("当事人吴海，男，44岁，定期服用抗病毒药物。", ["定期服用抗病毒药物"]),
    ("该户家中有一名精神病人，病情不稳定。", ["精神病"]),
    ("刘芳，女，患乳腺癌三年。", ["乳腺癌"]),
    ("困难原因：本人患肝硬化失代偿期，丧失劳动能力。", ["肝硬化", "丧失劳动能力"]),
    ("病情描述：左侧肢体偏瘫，言语不清。", ["左侧肢体偏瘫"]),
    ("申请人于2023年6月因胆结石在县医院住院治疗8天。", ["胆结石", "住院治疗"]),
    ("其子杨帆系孤独症患儿。", ["孤独症患儿"]),
])
def test_health_about_a_person_is_reported(text, expected):
    assert health(text) == expected


@pytest.mark.parametrize("text", [
    "为一级肢体残疾人提供补贴",
    "加强艾滋病防治工作",
    "做好传染病防控",
    "《医疗机构病历管理规定》",
    "对重度残疾人参保给予补助",
    "肺结核患者享受免费治疗政策",
    "对确诊为严重精神障碍的患者，应当纳入管理。",
    "为患有重大疾病的困难群众提供救助。",
    "加强艾滋病、结核病等重大传染病防控",
    "本人(精神病患者由其利害关系人)提出申请，评定残疾等级。",
    "应当由村民本人向村民委员会提出申请；因年幼或者智力残疾无法表达意愿的，由村民小组代为申请。",
    "因战致残被评定为5级至6级残疾等级的中级以上军士，本人自愿放弃以退休方式安置的",
    "（三）怀孕或者哺乳自己不满一周岁的婴儿的妇女。",
    "患者申请人体器官移植手术，其配偶、直系血亲应当提供证明。",
    "主要论著已在国内外公开发行的学术刊物上发表",
    "姓名：吴芳 健康状况：良好",
    "糖尿病、高血压患者纳入家庭医生签约服务",
    "全市新增肢体残疾人康复机构3家",
    "血糖监测仪器采购",
    "（三）施行避孕、节育手术和输卵(精)管复通手术；",
    "人畜共患传染病：指鼠疫、流行性出血热、狂犬病等",
    "对重点救助对象中需要长期药物维持的患慢性病、重特大疾病人员给予门诊救助",
    "排查安全隐患问题突出的企业",
])
def test_health_look_alikes_are_not_reported(text):
    assert health(text) == []


def test_health_needs_a_person_on_the_line():
    text = "2022年全县确诊为肺结核的有12例。\n患者确诊为肺结核后应当及时治疗。"
    assert health(text) == []
    assert PersonAnchorDetector.ID == "personal.person_anchor.v1"


def test_health_in_a_docx_table_and_paragraph():
    from reviewer.parsers import parse_bytes
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder()
    b.paragraph("关于2024年度困难群众入户核查情况的报告")
    b.paragraph("经核查，户主王建军，男，现年58岁，2023年因脑梗死住院治疗，右侧偏瘫。")
    b.table([["序号", "姓名", "健康状况", "主要病情"],
             ["1", "李秀英", "患病", "2型糖尿病"],
             ["2", "张国庆", "健康", "无"]])
    doc = parse_bytes(b.to_bytes(), "报告.docx")
    got = [f.text for f in detectors.analyze(doc) if f.type == "health"]
    assert got == ["脑梗死", "住院治疗", "偏瘫", "患病", "2型糖尿病"]


def test_health_in_a_text_table_row():
    text = "序号\t姓名\t备注\n1\t王建国\t患尿毒症，长期透析\n"
    assert health(text) == ["尿毒症", "透析"]


def test_health_in_a_pdf():
    from reviewer.parsers import parse_bytes
    from reviewer.synth.pdf_writer import have_cjk_font, text_pdf

    if not have_cjk_font():
        pytest.skip("no CJK font to draw the PDF")
    pdf = text_pdf(["关于申请临时救助的情况说明",
                    "申请人赵桂兰，女，67岁，2023年查出胃癌晚期，需长期化疗。",
                    "对患有重大疾病的困难群众，按规定给予救助。"])
    got = [f.text for f in detectors.analyze(parse_bytes(pdf, "说明.pdf")) if f.type == "health"]
    assert got == ["胃癌", "化疗"]
