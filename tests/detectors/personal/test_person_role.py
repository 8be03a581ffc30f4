"""personal.person_role.v1 and the running-text name patterns: whose name is it.

Officials acting officially are recognised (with the reason), private persons stay
findings, and a private person beside an official in one sentence stays a finding.
Surnames outside any list (仝, 亓官, 覃, 韦, 付) are found like any other.
"""

import pytest

from reviewer import detectors
from tests.detectors.helpers import make_doc


def _names(text):
    return {f.text: f for f in detectors.analyze_all(make_doc(text)) if f.type == "person_name"}


@pytest.mark.parametrize("text, name", [
    ("救助对象张建国，男，身份证号110105194912310037，家住幸福村。", "张建国"),
    ("请与李秀英核实情况后报送。", "李秀英"),
    ("经查，张建国同志在工作中存在违规行为。", "张建国"),
    ("决定给予王大力同志警告处分。", "王大力"),
    ("患者刘淑芬因患糖尿病住院治疗。", "刘淑芬"),
    ("困难群众赵德明家中三口人，月收入1200元。", "赵德明"),
    ("投诉人付建伟反映，其所住小区噪音扰民。", "付建伟"),
    ("现将韦小宝、仝大勇、亓官明、覃海燕四名同志列为帮扶对象。", "亓官明"),
    ("现将韦小宝、仝大勇、亓官明、覃海燕四名同志列为帮扶对象。", "韦小宝"),
    ("现将韦小宝、仝大勇、亓官明、覃海燕四名同志列为帮扶对象。", "覃海燕"),
])
def test_private_person_in_running_text_is_a_finding(text, name):
    got = _names(text)
    assert name in got, got
    assert got[name].recognised is None


@pytest.mark.parametrize("text, name, rule, why", [
    ("张建国局长主持会议，申请人李小明列席。", "张建国", "official_acting", "局长"),
    ("签发人：韦国华", "韦国华", "official_acting", "签发人"),
    ("调整后，李耀明同志不再担任委员会副主任。", "李耀明", "official_acting", "任免"),
    ("出席：白芳航、田英福", "白芳航", "official_acting", "出席"),
    ("联系人：办公室覃丽，电话：0771-5551234。", "覃丽", "official_contact", "联系人"),
    ("平台技术联系人：姚海龙13717702345", "姚海龙", "official_contact", "联系人"),
    ("党组成员、副部长杨学山、刘利华、尚冰出席会议。", "刘利华", "official_acting", "副部长"),
    ("由省工信厅刘永亭、周军堂2位副厅长分别对政策进行解读。", "周军堂", "official_acting", "副厅长"),
])
def test_official_acting_officially_is_recognised_with_its_reason(text, name, rule, why):
    got = _names(text)
    assert name in got, got
    assert got[name].recognised == rule
    assert why in got[name].explanation["recognised_reason"] or why in got[name].explanation["text"]


def test_private_person_beside_an_official_stays_a_finding():
    got = _names("张建国局长主持会议，申请人李小明列席。")
    assert got["张建国"].recognised == "official_acting"
    assert got["李小明"].recognised is None


@pytest.mark.parametrize("text", [
    "各县、市、区人民政府，省政府各部门：为贯彻落实、推动发展、加强管理等工作",
    "加强学生资助、村民自治、居民医保和群众工作。",
    "石家庄、唐山、秦皇岛、邯郸等市要加强统筹。",
    "对重点领域实行全事项、全主体、全品种、全链条监管。",
    "白洋淀、东淀、文安洼、贾口洼、献县泛区等蓄滞洪区。",
    "方便农民工及时掌握本人工资支付情况。",
    "行政执法机关应当及时进行核实，经核实，公开更正。",
    "筹建邯郸幼儿师范高等专科学校。",
])
def test_lists_of_places_and_policy_words_are_not_names(text):
    assert not _names(text)
