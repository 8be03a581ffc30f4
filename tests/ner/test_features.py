"""Features: one attribute list per character, normalised, read with the model's own feature set."""

import pytest

from reviewer.ner.data import Sentence, bio_from_spans
from reviewer.ner.features import Lexicon, sentence_features


def _lex(feature_set="w2"):
    return Lexicon(frozenset("王"), frozenset("市"), frozenset("局"), feature_set=feature_set)


@pytest.mark.parametrize("feature_set", ["w2", "w3"])
def test_one_attribute_list_per_character_and_full_width_digits_read_like_ascii(feature_set):
    lex = _lex(feature_set)
    a, b = sentence_features("王某1998年", lex), sentence_features("王某１９９８年", lex)
    assert len(a) == 7 and a == b
    assert "c=0" in a[2] and "sp=S|" in a[0] and "sp=|" in a[3]   # the surname flag reaches two characters on


def test_an_unknown_feature_set_is_refused():
    with pytest.raises(ValueError):
        sentence_features("王某", _lex("w9"))


def _sent(text, spans):
    return Sentence(text, bio_from_spans(len(text), spans), "t", spans)


def test_lexicon_comes_from_the_training_spans_and_round_trips():
    sents = [_sent(f"{n}在{c}工作", [(0, len(n), "PER"), (len(n) + 1, len(n) + 4, "LOC")])
             for n in ("钱一", "钱二", "钱三", "孙一") for c in ("保定市",)] * 10
    lex = Lexicon.from_training(sents, min_count=3, min_suffix=5, feature_set="w3")
    assert "钱" in lex.surnames and "孙" in lex.surnames and "市" in lex.place_suffix
    assert "在" not in lex.surnames
    assert Lexicon.from_dict(lex.to_dict()) == lex


def test_window_triggers_are_characters_that_often_start_a_name_or_end_a_place():
    sents = [_sent(f"{n}说，{c}的事情在办理", [(0, len(n), "PER"), (len(n) + 2, len(n) + 5, "LOC")])
             for n in ("钱一", "钱二", "钱三", "钱四", "钱五") for c in ("保定市", "沧州市")] * 2
    lex = Lexicon.from_training(sents)
    assert lex.name_triggers == frozenset("钱")          # 说, 的, 事 never start a name
    assert lex.place_triggers == frozenset("市")
