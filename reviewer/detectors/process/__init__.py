"""Process-information detectors (条例 第十六条: 可以不予公开, so every action is ``review``).

Drafts, 请示/报告, minutes, consultation letters and internal-affairs documents are
recognised by the document's *kind* — its title, 版头, closing formula — not by a word
in a sentence ("对草案提出意见" is not a draft).
"""

from reviewer.detectors.rule import OGI

BASIS_PROCESS = f"{OGI}第十六条第二款"
BASIS_INTERNAL = f"{OGI}第十六条第一款"
