"""process.draft_marker.v1 — 征求意见稿/讨论稿/送审稿/草案/初稿 marking this text as a draft.

Reported in the title, on a title-like line of its own (an attachment's title
"××办法（征求意见稿）"), at the top of the page, or in a DOCX header.  A draft named
inside a sentence ("现将《办法（征求意见稿）》印发", "对草案提出意见") is a mention.
"""

from __future__ import annotations

import re

from reviewer.detectors.process import BASIS_PROCESS
from reviewer.detectors import position as pos
from reviewer.detectors.rule import RuleDetector

WORDS = (r"征求意见稿|公开征求意见稿|讨论稿|送审稿|草案|草案稿|初稿|修改稿|修订稿|代拟稿|审议稿|草稿|报审稿|征询意见稿|"
         r"报批稿|会签稿|审定稿|第二稿|第三稿|第四稿|二稿|三稿")
# The bare words only (a pattern of literal alternatives is fast to scan); brackets are
# taken into the span afterwards, in ``_bracketed``.
DRAFT = re.compile("|".join(sorted(WORDS.split("|"), key=len, reverse=True)))
OPEN, CLOSE = "（(【[", "）)】]"
SENTENCE_PUNCT = re.compile(r"[。；;，,！？!?]")
# "本稿为讨论稿", "此件系征求意见稿": the text says it is a draft.
SELF_ASSERT = re.compile(r"(?:本稿|此稿|本文|本件|此件|本文件|此文件|本方案|本办法|本材料|以上内容)[^。；;，,\n]{0,4}?(?:系|为|是|属于?|仅为)$")


class DraftMarkerDetector(RuleDetector):
    ID = "process.draft_marker.v1"
    CATEGORY = "process"
    TYPE = "draft_marker"
    ACTION = "review"
    BASIS = BASIS_PROCESS
    LABEL = "过程稿标记（征求意见稿、讨论稿、送审稿、草案）"

    def analyze(self, doc) -> list:
        text = doc.text
        title = pos.title_span(doc)
        top_end = pos.top_zone_end(doc, max_lines=8)
        out = []
        for m in DRAFT.finditer(text):
            s, e = self._bracketed(text, m.start(), m.end())
            if pos.quoted(text, s, e):
                continue
            where = self._where(doc, text, s, e, title, top_end, bracketed=text[s] in OPEN)
            if where is None:
                continue
            pattern, score, why = where
            out.append(self.make_finding(
                doc, s, e, score=score, pattern=pattern,
                reason=f"文件标有“{m.group(0)}”，{why}，属过程性信息，可以不予公开。",
                **pos.describe(doc, s, e, top_end)))
        return out

    @staticmethod
    def _bracketed(text: str, s: int, e: int) -> tuple[int, int]:
        """Widen ``[s, e)`` to ``（…）`` when the word is bracketed (spaces allowed inside)."""
        i = s
        while i > 0 and text[i - 1] in " \u3000" and s - i < 3:
            i -= 1
        j = e
        while j < len(text) and text[j] in " \u3000" and j - e < 3:
            j += 1
        if i > 0 and text[i - 1] in OPEN and j < len(text) and text[j] in CLOSE:
            return i - 1, j + 1
        return s, e

    @staticmethod
    def _where(doc, text, s, e, title, top_end, bracketed):
        if title and title[0] <= s and e <= title[1] + 1:
            # in 关于征求《××（征求意见稿）》意见的函 the draft is the letter's subject: still process
            return "title", 0.9, "位于标题"
        if pos.in_header_part(doc, s):
            return "header", 0.9, "位于页眉"
        line = pos.line_bounds(text, s)
        content = text[line.start:line.end].strip()
        if pos.in_running_header(doc, s) and len(content) <= 60 and not SENTENCE_PUNCT.search(content):
            return "header", 0.85, "位于页面顶部（页眉）"
        if pos.standalone(text, s, e):
            # alone on its line: the draft mark of this text or of an attachment below page 1
            return "draft_line", 0.9 if (bracketed or s < top_end) else 0.85, "单独成行"
        if SELF_ASSERT.search(text[max(line.start, s - 16):s]):
            return "self_assertion", 0.85, "正文声明本文件为过程稿"
        at_end = text[e:line.end].strip() == ""
        if bracketed and at_end and len(content) <= 60 and not SENTENCE_PUNCT.search(content):
            return "title_like_line", 0.85, "位于标题行末"
        return None
