"""Character features for the CRF: the character, its neighbours, n-grams, character classes
and three small lexicons derived from the training data only (``Lexicon.from_training``):
surname characters, place-suffix characters and organisation-suffix characters.

Two feature sets: ``w2`` (characters −2…+2) and ``w3`` (adds characters at ±3, the skip
bigram (−1,+1), character classes −3…+3 and place/org flags at ±3 — addresses are long).  The
set a model was trained with is recorded in its lexicon.json (``feature_set``), so a model
is always read with its own features.

Characters are normalised first (NFKC: full-width digits and letters to ASCII; every digit → 0,
letters lower-cased), so 1998 and １９９８ look alike to the model.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

_CACHE: dict[str, str] = {}


def _norm_char(c: str) -> str:
    n = _CACHE.get(c)
    if n is None:
        n = unicodedata.normalize("NFKC", c)
        n = n[0] if n else c
        if n.isdigit():
            n = "0"
        elif n.isascii() and n.isalpha():
            n = n.lower()
        elif n.isspace():
            n = "_"
        _CACHE[c] = n
    return n


def _cls(c: str) -> str:
    if c == "0":
        return "d"
    if "a" <= c <= "z":
        return "a"
    if "\u4e00" <= c <= "\u9fff":
        return "h"
    if c in "^$":
        return c
    return "p"


@dataclass(frozen=True)
class Lexicon:
    surnames: frozenset
    place_suffix: frozenset
    org_suffix: frozenset
    # for windows.py: characters that often start a name / end a place, and rarely do anything else
    name_triggers: frozenset = frozenset()
    place_triggers: frozenset = frozenset()
    feature_set: str = "w2"

    @classmethod
    def from_training(cls, sentences, min_count: int = 3, min_suffix: int = 25, feature_set: str = "w2") -> "Lexicon":
        first, place, org, chars = Counter(), Counter(), Counter(), Counter()
        for s in sentences:
            chars.update(s.text)
            for a, b, t in s.spans:
                mention = s.text[a:b]
                if t == "PER" and 2 <= len(mention) <= 4 and "\u4e00" <= mention[0] <= "\u9fff":
                    first[mention[0]] += 1
                elif t in ("LOC", "ADDR") and len(mention) >= 2:
                    place[mention[-1]] += 1
                elif t == "ORG" and len(mention) >= 2:
                    org[mention[-1]] += 1
        han = lambda c: "\u4e00" <= c <= "\u9fff"  # noqa: E731
        # a name trigger starts a name in at least 4 % of its occurrences (5 names at least), a place
        # trigger ends a place in at least 15 % (10 places); measured trade-off in models/ner/README.md
        name_trig = {c for c, n in first.items() if n >= 5 and n / chars[c] >= 0.04 and han(c)}
        place_trig = {c for c, n in place.items() if n >= 10 and n / chars[c] >= 0.15 and han(c)}
        return cls(frozenset(c for c, n in first.items() if n >= min_count),
                   frozenset(c for c, n in place.items() if n >= min_suffix and han(c)),
                   frozenset(c for c, n in org.items() if n >= min_suffix and han(c)),
                   frozenset(name_trig), frozenset(place_trig), feature_set)

    def to_dict(self) -> dict:
        return {"surnames": "".join(sorted(self.surnames)), "place_suffix": "".join(sorted(self.place_suffix)),
                "org_suffix": "".join(sorted(self.org_suffix)), "name_triggers": "".join(sorted(self.name_triggers)),
                "place_triggers": "".join(sorted(self.place_triggers)), "feature_set": self.feature_set}

    @classmethod
    def from_dict(cls, d: dict) -> "Lexicon":
        return cls(frozenset(d["surnames"]), frozenset(d["place_suffix"]), frozenset(d["org_suffix"]),
                   frozenset(d.get("name_triggers", "")), frozenset(d.get("place_triggers", "")),
                   d.get("feature_set", "w2"))


def sentence_features(text: str, lex: Lexicon) -> list[list[str]]:
    """One list of attribute strings per character of ``text``, in the lexicon's feature set."""
    if lex.feature_set == "w3":
        return _features_w3(text, lex)
    if lex.feature_set != "w2":
        raise ValueError(f"unknown feature set {lex.feature_set!r}")
    c = ["^", "^"] + [_norm_char(ch) for ch in text] + ["$", "$"]
    k = [_cls(x) for x in c]
    sur, pla, org = lex.surnames, lex.place_suffix, lex.org_suffix
    s = ["S" if x in sur else "" for x in c]
    p = ["P" if x in pla else ("G" if x in org else "") for x in c]
    out = []
    for i in range(2, len(c) - 2):
        a, b, x, d, e = c[i - 2], c[i - 1], c[i], c[i + 1], c[i + 2]
        f = ["c=" + x, "l=" + b, "r=" + d, "ll=" + a, "rr=" + e,
             "lc=" + b + x, "cr=" + x + d, "lla=" + a + b, "rrb=" + d + e, "lcr=" + b + x + d,
             "k=" + k[i - 1] + k[i] + k[i + 1],
             "sp=" + s[i - 2] + s[i - 1] + s[i] + "|" + p[i] + p[i + 1] + p[i + 2]]
        out.append(f)
    return out


def _features_w3(text: str, lex: Lexicon) -> list[list[str]]:
    c = ["^", "^", "^"] + [_norm_char(ch) for ch in text] + ["$", "$", "$"]
    k = [_cls(x) for x in c]
    sur, pla, org = lex.surnames, lex.place_suffix, lex.org_suffix
    s = ["S" if x in sur else "" for x in c]
    p = ["P" if x in pla else ("G" if x in org else "") for x in c]
    out = []
    for i in range(3, len(c) - 3):
        a, b, x, d, e = c[i - 2], c[i - 1], c[i], c[i + 1], c[i + 2]
        out.append(["c=" + x, "l=" + b, "r=" + d, "ll=" + a, "rr=" + e,
                    "lc=" + b + x, "cr=" + x + d, "lla=" + a + b, "rrb=" + d + e, "lcr=" + b + x + d,
                    "k=" + k[i - 1] + k[i] + k[i + 1], "kk=" + "".join(k[i - 3:i + 4]),
                    "l3=" + c[i - 3], "r3=" + c[i + 3], "lr=" + b + d,
                    "sp=" + s[i - 2] + s[i - 1] + s[i] + "|" + p[i] + p[i + 1] + p[i + 2],
                    "pp=" + p[i - 3] + p[i - 2] + p[i - 1] + "|" + p[i + 3]])
    return out
