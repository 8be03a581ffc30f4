"""The readers map each NER set to PER/LOC/ADDR/ORG; spans and BIO tags convert both ways."""

import json

import pytest

from reviewer.ner import data


@pytest.mark.parametrize("tags, spans", [
    (["O", "B-PER", "I-PER", "O"], [(1, 3, "PER")]),
    (["B-LOC", "B-LOC", "I-LOC"], [(0, 1, "LOC"), (1, 3, "LOC")]),
    (["I-ORG", "I-ORG", "O"], [(0, 2, "ORG")]),                 # a stray I- starts a span
    (["B-PER", "I-LOC", "O"], [(0, 1, "PER"), (1, 2, "LOC")]),  # a type change ends one
    (["O", "O"], []),
])
def test_spans_from_bio_reads_each_tag_run(tags, spans):
    assert data.spans_from_bio(tags) == spans


def test_bio_from_spans_round_trips_and_keeps_the_first_of_overlapping_spans():
    assert data.spans_from_bio(data.bio_from_spans(6, [(0, 2, "PER"), (3, 6, "ADDR")])) == [(0, 2, "PER"), (3, 6, "ADDR")]
    assert data.bio_from_spans(4, [(0, 3, "ORG"), (2, 4, "LOC")]) == ["B-ORG", "I-ORG", "I-ORG", "O"]


def test_read_msra_keeps_per_loc_org(tmp_path):
    (tmp_path / "sentences.txt").write_text("王 小 明 去 北 京\n坏 行\n", encoding="utf-8")
    (tmp_path / "tags.txt").write_text("B-PER I-PER I-PER O B-LOC I-LOC\nO\n", encoding="utf-8")
    sents = data.read_msra(tmp_path, "msra/x")
    assert [s.text for s in sents] == ["王小明去北京"]          # a line whose tag count differs is skipped
    assert sents[0].spans == [(0, 3, "PER"), (4, 6, "LOC")]


def test_read_char_bio_maps_weibo_named_mentions_and_drops_nominal_ones(tmp_path):
    p = tmp_path / "weibo.train"
    p.write_text("张0\tB-PER.NAM\n三1\tI-PER.NAM\n的0\tO\n老0\tB-PER.NOM\n师1\tI-PER.NOM\n\n"
                 "在0\tO\n上0\tB-GPE.NAM\n海1\tI-GPE.NAM\n", encoding="utf-8")
    sents = data.read_char_bio(p, "weibo/x", data.WEIBO_MAP)
    assert [(s.text, s.spans) for s in sents] == [("张三的老师", [(0, 2, "PER")]), ("在上海", [(1, 3, "LOC")])]


def test_read_cluener_converts_inclusive_offsets_and_classes(tmp_path):
    p = tmp_path / "dev.jsonl"
    row = {"text": "李四住在北京市海淀区中关村大街1号，在腾讯工作，读《三体》", "label": {
        "name": {"李四": [[0, 1]]}, "address": {"北京市海淀区中关村大街1号": [[4, 16]]},
        "company": {"腾讯": [[19, 20]]}, "book": {"三体": [[26, 27]]}}}
    p.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (s,) = data.read_cluener(p, "cluener/x")
    assert s.spans == [(0, 2, "PER"), (4, 17, "ADDR"), (19, 21, "ORG")]   # book → O
    assert s.text[4:17] == "北京市海淀区中关村大街1号"


def test_dedupe_drops_training_sentences_that_share_a_stretch_with_held_out_text():
    held = [data.Sentence("新华社北京二月一日电国务院总理今天在人民大会堂会见了来访的客人。", ["O"] * 32, "h")]
    same_inside = data.Sentence("据报道，新华社北京二月一日电国务院总理今天在人民大会堂会见了来访", ["O"] * 33, "t")
    other = data.Sentence("石家庄市人民政府办公厅关于印发工作方案的通知，请认真贯彻执行落实。", ["O"] * 33, "t")
    kept, dropped = data.dedupe_against([same_inside, other], held)
    assert kept == [other] and dropped == 1
