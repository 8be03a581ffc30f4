"""Pick the stretches of a text worth running the NER model on, and run it only there.

A person's name in Chinese running text starts with a surname character; an address or place
name ends with a place character (省 市 县 区 镇 乡 村 路 街 号 …).  ``windows(text, lexicon)``
finds every *trigger* — a character of ``lexicon.name_triggers`` (characters that start a name
in at least 4 % of their occurrences in the training data) or ``lexicon.place_triggers`` (end
a place in at least 15 %) — and opens a window around it: ``NAME_LEFT``/``NAME_RIGHT``
characters around a name trigger, ``PLACE_LEFT``/``PLACE_RIGHT`` around a place trigger (an
address grows to the left of its last character).  Windows closer than ``MERGE_GAP`` are
merged, then each is widened to the nearest sentence punctuation within ``SNAP`` characters so
that the model sees a whole clause where it can.

``entities_in_windows(model, text)`` returns the model's entities from the windows only, with
offsets into ``text``.  An entity that touches a window's cut edge (not a text boundary or a
punctuation mark) is kept; its span may be short by the part outside the window.
"""

from __future__ import annotations

import re

NAME_LEFT, NAME_RIGHT = 3, 6
PLACE_LEFT, PLACE_RIGHT = 12, 3
MERGE_GAP = 4
SNAP = 6
_PUNCT = set("，。！？；：、,.!?;:\n\r\t （）()《》“”\"'")

_regex_cache: dict[int, tuple[re.Pattern, frozenset]] = {}


def _trigger_regex(lexicon) -> tuple[re.Pattern, frozenset]:
    key = id(lexicon)
    hit = _regex_cache.get(key)
    if hit is None:
        chars = "".join(sorted(lexicon.name_triggers | lexicon.place_triggers))
        hit = (re.compile("[" + re.escape(chars) + "]") if chars else re.compile(r"(?!x)x"),
               frozenset(lexicon.place_triggers))
        _regex_cache[key] = hit
    return hit


def windows(text: str, lexicon) -> list[tuple[int, int]]:
    """Sorted, disjoint [start, end) windows of ``text`` that may hold a name or a place."""
    rx, places = _trigger_regex(lexicon)
    n = len(text)
    out: list[list[int]] = []
    for m in rx.finditer(text):
        i = m.start()
        if text[i] in places:
            a, b = i - PLACE_LEFT, i + 1 + PLACE_RIGHT
        else:
            a, b = i - NAME_LEFT, i + 1 + NAME_RIGHT
        a = a if a > 0 else 0
        b = b if b < n else n
        if out and a <= out[-1][1] + MERGE_GAP:
            if b > out[-1][1]:
                out[-1][1] = b
        else:
            out.append([a, b])
    result = []
    for a, b in out:
        for k in range(a - 1, max(a - SNAP, 0) - 1, -1):
            if text[k] in _PUNCT:
                a = k + 1
                break
        else:
            a = max(a - SNAP, 0) if a - SNAP <= 0 else a
        for k in range(b, min(b + SNAP, n)):
            if text[k] in _PUNCT:
                b = k + 1
                break
        if result and a <= result[-1][1]:
            result[-1] = (result[-1][0], max(b, result[-1][1]))
        else:
            result.append((a, b))
    return result


def entities_in_windows(model, text: str, *, min_score: float = 0.0):
    """The model's entities found in ``windows(text)``, offsets into ``text``, in order."""
    from reviewer.ner.model import Entity

    out = []
    for a, b in windows(text, model.lexicon):
        for e in model.entities(text[a:b], min_score=min_score):
            out.append(Entity(e.start + a, e.end + a, e.label, e.score))
    return out
