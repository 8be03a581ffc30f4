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

_SEP = r"[^\S\n]|[\-\u2010-\u2015\u2212\ufe63\uff0d_\u200b\u200c\u200d\u2060\ufeff]"
_DROP = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe63\uff0d_\u200b\u200c\u200d\u2060\ufeff]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_ALNUM = "0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
MAX_VALUES = 2000


def key_of(text: str) -> str:
    """The value as compared: NFKC (full-width → ASCII), separators removed."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text))


def propagates(key: str) -> bool:
    if _CJK.search(key):
        return len(key) >= 2
    return len(key) >= 6


def _alt(ch: str) -> str:
    """Every spelling of one character of the key."""
    forms = {ch}
    if ch.isascii() and ch.isalpha():
        forms |= {ch.upper(), ch.lower()}
    for f in list(forms):
        if "!" <= f <= "~":
            forms.add(chr(ord(f) + 0xFEE0))  # full-width form
    for f in list(forms):
        nf = unicodedata.normalize("NFKC", f)
        if len(nf) == 1:
            forms.add(nf)
    return "[" + "".join(re.escape(f) for f in sorted(forms)) + "]"


def pattern_for(key: str) -> re.Pattern:
    digits = sum(c.isdigit() for c in key)
    sep = f"(?:{_SEP}|\\n)*" if digits >= 6 else f"(?:{_SEP})*"
    body = sep.join(_alt(c) for c in key)
    if key[0].isascii() and key[0].isalnum():
        body = f"(?<![{_ALNUM}])" + body
    if key[-1].isascii() and key[-1].isalnum():
        body += f"(?![{_ALNUM}])"
    return re.compile(body)


def occurrences(text: str, values: list[tuple[str, object]], keep: list[tuple[int, int]],
                taken: list[tuple[int, int]]) -> list[tuple[int, int, object]]:
    """``(start, end, origin)`` of every other occurrence of each value.

    ``values`` are ``(text, origin)``; ``keep`` are spans the reviewer kept (never
    touched); ``taken`` are spans already removed (an occurrence inside one is skipped).
    """
    by_key: dict[str, object] = {}
    for value, origin in values:
        key = key_of(value.strip())
        if key and propagates(key) and key not in by_key:
            by_key[key] = origin
        if len(by_key) >= MAX_VALUES:
            break
    out = []
    for key, origin in by_key.items():
        for m in pattern_for(key).finditer(text):
            s, e = m.start(), m.end()
            if any(a <= s and e <= b for a, b in taken) or any(s < b and a < e for a, b in keep):
                continue
            out.append((s, e, origin))
    return out
