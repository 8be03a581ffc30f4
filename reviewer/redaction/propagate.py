"""A value removed once is removed everywhere (issue #11).

The verifier searches the whole output for every removed string; removal has to match.
When a finding or a manual span is removed, every other occurrence of the same value in
the document text — any part: another paragraph, a table, the header, a comment, a
link target, the properties — becomes a removal too, logged as ``propagated``.  The
value is matched in every spelling: full-width digits and letters (１３８, Ｘ), upper
or lower case Latin letters, and spaces, hyphens or dashes anywhere inside
(``138 1234 5678``, ``138-1234-5678``); a value with six digits or more may also be
split by a line break (a number wrapped in a PDF).

Not propagated:

* a value too short to be told apart from ordinary text: under 2 characters when it
  holds a CJK character, under 6 otherwise (``502``, ``dp``); the verifier lists such
  strings as unverifiable (``verification.skipped``);
* an occurrence the reviewer explicitly kept (a finding with a ``reject`` decision);
* an occurrence inside a longer Latin or digit string (13812345678 inside
  6228138123456780), where it is not the same value.
"""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe63\uff0d_\u200b\u200c\u200d\u2060\ufeff]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
MAX_VALUES = 2000


def key_of(text: str) -> str:
    """The value as compared: NFKC (full-width → ASCII), separators removed."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text))


def propagates(key: str) -> bool:
    if _CJK.search(key):
        return len(key) >= 2
    return len(key) >= 6


_SEPARATORS = set(" \t\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                  "\u2028\u2029\u202f\u205f\u3000-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d_"
                  "\u200b\u200c\u200d\u2060\ufeff\x1c\x1d\x1e\x1f\x85")


class _Folded:
    """``text`` folded once: NFKC, ASCII lower case, separators dropped, with the index of
    each folded character in ``text``.  ``lines`` keeps the line breaks (a name never
    runs from one line into the next); ``flat`` drops them too (a wrapped number)."""

    def __init__(self, text: str):
        cache: dict[str, str] = {}
        lines, lines_idx, flat, flat_idx = [], [], [], []
        for i, ch in enumerate(text):
            if ch in _SEPARATORS:
                continue
            if ch == "\n":
                lines.append("\n")
                lines_idx.append(i)
                continue
            f = cache.get(ch)
            if f is None:
                f = cache[ch] = key_of(ch).lower() if not ch.isascii() else ch.lower()
            for c in f:
                lines.append(c)
                lines_idx.append(i)
                flat.append(c)
                flat_idx.append(i)
        self.lines, self.lines_idx = "".join(lines), lines_idx
        self.flat, self.flat_idx = "".join(flat), flat_idx


def _edge_ok(text: str, s: int, e: int, key: str) -> bool:
    """Not part of a longer Latin or digit string (13812345678 in 6228138123456780)."""
    def alnum(i):
        return 0 <= i < len(text) and key_of(text[i])[:1].isascii() and key_of(text[i])[:1].isalnum()
    if key[0].isascii() and key[0].isalnum() and alnum(s - 1):
        return False
    if key[-1].isascii() and key[-1].isalnum() and alnum(e):
        return False
    return True


class _Spans:
    """Answers "does a span contain / overlap [s, e)?" in O(log n)."""

    def __init__(self, spans):
        import bisect

        self._bisect = bisect
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.maxend, m = [], -1
        for _, b in spans:
            m = max(m, b)
            self.maxend.append(m)

    def _max_end_before(self, pos: int, inclusive: bool) -> int:
        i = (self._bisect.bisect_right if inclusive else self._bisect.bisect_left)(self.starts, pos)
        return self.maxend[i - 1] if i else -1

    def contains(self, s: int, e: int) -> bool:
        return self._max_end_before(s, True) >= e

    def overlaps(self, s: int, e: int) -> bool:
        return self._max_end_before(e, False) > s


def occurrences(text: str, values: list[tuple[str, object]], keep: list[tuple[int, int]],
                taken: list[tuple[int, int]]) -> list[tuple[int, int, object]]:
    """``(start, end, origin)`` of every other occurrence of each value.

    ``values`` are ``(text, origin)``; ``keep`` are spans the reviewer kept (never
    touched); ``taken`` are spans already removed (an occurrence inside one is skipped).
    """
    by_key: dict[str, object] = {}
    for value, origin in values:
        key = key_of(value.strip()).lower()
        if key and propagates(key) and key not in by_key:
            by_key[key] = origin
        if len(by_key) >= MAX_VALUES:
            break
    if not by_key:
        return []
    folded = _Folded(text)
    kept, done = _Spans(keep), _Spans(taken)
    out = []
    for key, origin in by_key.items():
        digits = sum(c.isdigit() for c in key) >= 6
        hay, idx = (folded.flat, folded.flat_idx) if digits else (folded.lines, folded.lines_idx)
        pos = hay.find(key)
        while pos >= 0:
            s, e = idx[pos], idx[pos + len(key) - 1] + 1
            pos = hay.find(key, pos + 1)
            if done.contains(s, e) or kept.overlaps(s, e) or not _edge_ok(text, s, e, key):
                continue
            out.append((s, e, origin))
    return out
