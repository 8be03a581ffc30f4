import pytest

from reviewer.errors import UsageError
from reviewer.redaction.masks import MaskStyle, mask


@pytest.mark.parametrize("ftype,category,text,expected", [
    ("id_card", "personal", "11010519491231002X", "110105********002X"),
    ("id_card_legacy", "personal", "110105491231002", "110105*****1002"),
    ("mobile", "personal", "13812345678", "138****5678"),
    ("mobile", "personal", "138 1234 5678", "138 **** 5678"),
    ("mobile", "personal", "+86 138-1234-5678", "+86 138-****-5678"),
    ("bank_card", "personal", "6228480402564890018", "622848*********0018"),
    ("person_name", "personal", "张三丰", "张某"),
    ("person_name", "personal", "欧阳修文", "欧阳某"),
    ("address", "personal", "四川省成都市武侯区人民南路四段12号", "四川省成都市武侯区***"),
    ("address", "personal", "北京市海淀区中关村大街1号", "北京市海淀区***"),
    ("email", "personal", "a@b.cn", "〔已删除：个人隐私〕"),
    ("secrecy_mark", "secrecy", "机密★5年", "〔已删除：国家秘密〕"),
    ("bid_price", "commercial", "报价123万元", "〔已删除：商业秘密〕"),
])
def test_mask_default_style(ftype, category, text, expected):
    m = mask(ftype, category, text, MaskStyle())
    assert m.replacement == expected
    # every hidden character is gone from the replacement's matching position
    for s, e in m.hidden:
        assert 0 <= s < e <= len(text)


def test_mask_partial_hides_exactly_the_masked_characters():
    m = mask("id_card", "personal", "11010519491231002X", MaskStyle())
    assert m.hidden == [(6, 14)]
    m = mask("mobile", "personal", "138 1234 5678", MaskStyle())
    assert m.hidden == [(4, 8)]


def test_mask_block_and_label_styles():
    assert mask("id_card", "personal", "11010519491231002X", MaskStyle.coerce("block")).replacement == "■■■"
    assert mask("mobile", "personal", "13812345678", MaskStyle.coerce("label")).replacement == "〔已删除：个人隐私〕"


def test_mask_name_star_style_and_per_type_override():
    style = MaskStyle.coerce({"name_mask": "*", "types": {"mobile": "block"}})
    assert mask("person_name", "personal", "张三丰", style).replacement == "张**"
    assert mask("mobile", "personal", "13812345678", style).replacement == "■■■"


def test_mask_partial_falls_back_to_label_when_no_rule_fits():
    m = mask("mobile", "personal", "12345", MaskStyle())
    assert (m.mode, m.replacement) == ("label", "〔已删除：个人隐私〕")


@pytest.mark.parametrize("bad", ["nonsense", {"default": "fancy"}, {"colour": "red"}, {"mask_char": "**"}])
def test_mask_style_rejects_bad_values(bad):
    with pytest.raises(UsageError) as exc:
        MaskStyle.coerce(bad)
    assert exc.value.code == "bad_mask_style"
