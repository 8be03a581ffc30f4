"""Constructed training sentences: lists of names written one after another.

Name lists (委员名单, 表彰名单, 参会人员) are common in government documents, and once HTML or
a PDF is turned into text the line breaks and spaces between the names are often gone:
"委员：李鹏乔石李瑞环彭真朱镕基……".  The news training sets have few such lists (35 of
their 3,067 names sit in one), while a third of the names in the MSRA test set sit in one, so a model
trained on the sets alone reads a run of names as one long name.  ``name_lists`` writes
such lists from the person names of the **training** sentences only (never a held-out name
list), seeded, with the separators and notes real lists have: nothing, 、, a space, （女）,
（回族）.
"""

from __future__ import annotations

import random

from reviewer.ner.data import Sentence, bio_from_spans

HEADS = ("", "", "委员：", "成员：", "名单：", "主任委员：", "副主任：", "参加人员：", "出席：", "获奖人员：",
         "组长：", "副组长：", "工作人员：", "主席团成员：", "常务委员：", "评审专家：")
NOTES = ("（女）", "（回族）", "（女，壮族）", "（蒙古族）", "（满族）", "（藏族）", "（女，回族）", "（特邀）")
TAILS = ("", "", "", "。", "（按姓氏笔画为序）", "等同志")


def _is_han_name(name: str) -> bool:
    return 2 <= len(name) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in name)


def name_pool(sentences: list[Sentence], surnames=frozenset()) -> list[str]:
    """Chinese person names of the news and CLUENER training sentences (Weibo nicknames left out)."""
    seen, out = set(), []
    for s in sentences:
        if s.source.startswith("weibo"):
            continue
        for a, b, t in s.spans:
            n = s.text[a:b]
            if t == "PER" and _is_han_name(n) and (not surnames or n[0] in surnames) and n not in seen:
                seen.add(n)
                out.append(n)
    return out


def name_lists(sentences: list[Sentence], surnames=frozenset(), count: int = 1500, seed: int = 13) -> list[Sentence]:
    rng = random.Random(seed)
    pool = name_pool(sentences, surnames)
    if len(pool) < 10:
        return []
    out = []
    for _ in range(count):
        sep = rng.choices(("", "、", " ", "，"), weights=(70, 15, 10, 5))[0]
        text, spans = rng.choice(HEADS), []
        for k in range(rng.randint(3, 30)):
            if k:
                text += sep
            name = rng.choice(pool)
            spans.append((len(text), len(text) + len(name), "PER"))
            text += name
            if rng.random() < 0.08:
                text += rng.choice(NOTES)
        text += rng.choice(TAILS)
        out.append(Sentence(text, bio_from_spans(len(text), spans), "constructed/name_lists", spans))
    return out
