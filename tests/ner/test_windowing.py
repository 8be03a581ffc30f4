"""The windowing helper keeps the stretches that can hold a name or a place, and nothing else."""

import pytest

from reviewer.ner.features import Lexicon
from reviewer.ner.windowing import entities_in_windows, windows

LEX = Lexicon(surnames=frozenset("王李张"), place_suffix=frozenset("市路号"), org_suffix=frozenset("局"),
              name_triggers=frozenset("王李张"), place_triggers=frozenset("市路号"))


def test_text_without_triggers_has_no_windows():
    assert windows("根据有关规定，经研究决定，现将有关事项通知如下。" * 20, LEX) == []


@pytest.mark.parametrize("text, inside", [
    ("经研究决定，由王小明同志负责此项工作，请各单位予以配合。", "王小明"),
    ("其住所位于石家庄市长安区建设北大街5号，联系电话另行通知。", "石家庄市长安区建设北大街5号"),
    ("张", "张"),
])
def test_a_window_covers_the_name_or_address(text, inside):
    a = text.index(inside)
    ws = windows(text, LEX)
    assert any(s <= a and a + len(inside) <= e for s, e in ws)


def test_windows_are_sorted_disjoint_and_inside_the_text():
    text = ("关于开展专项检查的通知。" * 5 + "王某某、李某某在市里开会，地址是某某路8号。" + "其他内容，" * 30) * 3
    ws = windows(text, LEX)
    assert ws and all(0 <= s < e <= len(text) for s, e in ws)
    assert all(ws[i][1] < ws[i + 1][0] for i in range(len(ws) - 1))
    assert sum(e - s for s, e in ws) < len(text) // 2


class _FakeModel:
    """Stands in for NerModel: calls every run of 王/李/张 + two characters a PER."""

    lexicon = LEX

    def entities(self, text, min_score=0.0):
        from reviewer.ner.model import Entity

        return [Entity(i, i + 3, "PER", 1.0) for i, c in enumerate(text) if c in "王李张" and i + 3 <= len(text)]


def test_entities_in_windows_gives_offsets_into_the_whole_text():
    text = "根据有关规定，经研究决定，现将有关事项通知如下。" * 10 + "由王小明负责。" + "其他内容。" * 40
    (e,) = entities_in_windows(_FakeModel(), text)
    assert text[e.start:e.end] == "王小明"
