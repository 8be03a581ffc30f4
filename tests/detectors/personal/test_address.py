import pytest

from reviewer.detectors.personal.address import AddressRecognizer


@pytest.mark.parametrize("text, expected", [
    ("张三，家住石家庄市长安区幸福小区3号楼2单元501室，", ["石家庄市长安区幸福小区3号楼2单元501室"]),
    ("住址：河北省保定市竞秀区东风路12号院5-2-301", ["河北省保定市竞秀区东风路12号院5-2-301"]),
    ("王五，男，住阜平县城南庄镇北庄村3组15号。", ["阜平县城南庄镇北庄村3组15号"]),
    ("幸福家园小区12栋", ["幸福家园小区12栋"]),
    ("现住址：北京市朝阳区建国路88号SOHO现代城5号楼1单元1203",
     ["北京市朝阳区建国路88号SOHO现代城5号楼1单元1203"]),
    ("户籍地址：某县某镇某村17号", ["某县某镇某村17号"]),
])
def test_address_reported(engine_for, text, expected):
    fs = engine_for(AddressRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "address" for f in fs)


@pytest.mark.parametrize("text", [
    "会议在省政府1号楼301室召开",          # a meeting room
    "地址：石家庄市维明北大街118号",         # street door, no home context: office address
    "报名地点：省人社厅3号楼502室",
    "石家庄市长安区幸福小区3号楼*单元***室",  # masked
    "资府办函〔2017〕71号",
    "第十五条",
    "2024年6月4日",
])
def test_address_not_reported(engine_for, text):
    assert engine_for(AddressRecognizer).analyze_text(text) == []
