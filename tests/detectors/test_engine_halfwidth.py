"""Full-width digits, letters and ＋－＠．＿ are read as ASCII, one character for one."""

import random

import pytest

from reviewer.detectors.engine import _HALFWIDTH, to_halfwidth


@pytest.mark.parametrize("text, expected", [
    ("", ""),
    ("电话１３８１２３４５６７８", "电话13812345678"),
    ("ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ", "abc@example.com"),
    ("ＡＢ－１２＋３＿４", "AB-12+3_4"),
    ("全角！（）不变　", "全角！（）不变　"),
])
def test_to_halfwidth_table(text, expected):
    assert to_halfwidth(text) == expected


def test_to_halfwidth_equals_translate_on_random_text():
    rnd = random.Random(7)
    alphabet = [chr(c) for c in _HALFWIDTH] + list("中文，。\n 0aZ！～＝")
    for _ in range(500):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(40)))
        assert to_halfwidth(s) == s.translate(_HALFWIDTH)
        assert len(to_halfwidth(s)) == len(s)
