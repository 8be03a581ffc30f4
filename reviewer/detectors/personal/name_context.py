"""Names found by the word right after them: ，张建国同志在… / 张建国局长主持会议.

A document detector, because the cheap way to find these is to search for the closing word
(同志, 先生, 女士, or a post such as 局长, 主任) and look back at the two or three characters
before it, which must follow a boundary (start of line, punctuation, a space) and look like a
name.  Scanning every position for "a name followed by …" with one regular expression costs
several times more on long documents.  A name before a post is recognised as an official acting
officially by ``personal.person_role.v1``; one before 同志/先生/女士 stays a finding for review.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import DocumentDetector
from reviewer.detectors.personal._common import BASIS_PRIVACY
from reviewer.detectors.personal._names import looks_like_name
from reviewer.detectors.personal.person_name import TITLES_AFTER

_BOUNDARY = set("，,。；;：:（(、“”\"\n \t\u3000")
_HONORIFIC = re.compile(r"同志|先生|女士")
_TITLE = re.compile("|".join(sorted(TITLES_AFTER, key=len, reverse=True)))


class NameContextDetector(DocumentDetector):
    ID = "personal.name_context.v1"
    TYPE = "person_name"
    LABEL = "自然人姓名"
    ACTION = "review"
    BASIS = BASIS_PRIVACY
    ORDER = 55

    def detect(self, doc, text_results):
        text = doc.text
        taken = {(f.start, f.end) for f in text_results if f.type == "person_name"}
        out = []
        for rx, pattern, lengths, why in ((_HONORIFIC, "closer_after", (2, 3, 4), "其后为“{w}”称谓的自然人姓名"),
                                          (_TITLE, "title_after", (2, 3), "其后为职务“{w}”的姓名")):
            for m in rx.finditer(text):
                e = m.start()
                for n in lengths:
                    s = e - n
                    if s < 0 or (s > 0 and text[s - 1] not in _BOUNDARY):
                        continue
                    name = text[s:e]
                    strong = pattern == "title_after" or m.group(0) in ("同志", "先生", "女士")
                    if (s, e) in taken or not looks_like_name(name, strict=not strong):
                        continue
                    if pattern == "title_after" and text[e - 1:e] == "副":
                        continue
                    out.append(self.finding(doc, s, e, score=0.65 if pattern == "closer_after" else 0.6,
                                            text=why.format(w=m.group(0)), pattern=pattern,
                                            context_word=m.group(0)))
                    taken.add((s, e))
                    break
        return out
