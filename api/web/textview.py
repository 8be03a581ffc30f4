"""The document text as the web pages show it: highlighted segments and the redacted preview.

``segments`` cuts the text at every finding and manual-span boundary; each segment
carries its absolute start offset (``data-s`` in the page), so the browser can turn a
text selection back into ``[start, end)`` offsets of the stored text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from api.publishing import finding_from_dict

CATEGORY_LABELS = {"personal": "个人信息", "secrecy": "涉密及警示标识", "commercial": "商业秘密",
                   "credential": "安全信息", "process": "过程性信息", "manual": "人工标注"}
CATEGORY_ORDER = ("secrecy", "personal", "commercial", "credential", "process", "manual")
ACTION_LABELS = {"redact": "建议删除", "block": "不得公开", "review": "需人工判断"}
ATTRIBUTE_LABELS = {"proactive": "主动公开", "on_request": "依申请公开", "not_public": "不予公开"}
MASK_STYLES = {"partial": "部分遮盖（身份证号保留前6后4位等）", "label": "标注删除理由〔已删除：…〕",
               "block": "整段涂黑 ■■■"}


@dataclass
class Segment:
    start: int
    end: int
    text: str
    finding_ids: list[str] = field(default_factory=list)
    category: str | None = None        # the category whose colour the segment takes
    state: str = ""                    # accepted | rejected | undecided | manual
    part: str = "body"                 # the part of the file: body, header, footer, comment, properties …
    part_label: str = ""               # set on the first segment of a new part: 页眉, 批注, 文件属性 …


def _decision_of(f: dict[str, Any]) -> str:
    d = f.get("decision") or {}
    return d.get("decision") or "undecided"


def segments(text: str, findings: list[dict[str, Any]], manual: list[dict[str, Any]] = (),
             blocks: list[list] | None = None) -> list[Segment]:
    """``blocks`` (``[start, end, part, …]``, see api.cases.text_blocks) say which part of the file
    each stretch comes from; when the text has parts besides the body, the first segment of each
    new part carries its label (the page shows it with CSS, outside the selectable text)."""
    from reviewer.catalogue import part_label

    marks = []   # (start, end, id, category, state)
    for f in findings:
        s, e = int(f["start"]), int(f["end"])
        if 0 <= s < e <= len(text):
            marks.append((s, e, f["id"], f.get("category") or "personal", _decision_of(f)))
    for m in manual:
        s, e = int(m["start"]), int(m["end"])
        if 0 <= s < e <= len(text):
            marks.append((s, e, f"M{m['id']}", "manual", "manual"))
    parts = sorted((int(b[0]), int(b[1]), str(b[2] or "body")) for b in (blocks or ()) if 0 <= int(b[0]) <= len(text))
    labelled = any(p[2] != "body" for p in parts)
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks),
                   *((p[0] for p in parts) if labelled else ())})
    starts: dict[int, list[tuple]] = {}
    for m in marks:
        starts.setdefault(m[0], []).append(m)
    rank = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    active: list[tuple] = []          # marks covering the current segment (a sweep over the cuts)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m[1] > a] + starts.get(a, [])
        seg = Segment(a, b, text[a:b], [m[2] for m in active])
        if active:
            best = min(active, key=lambda m: rank.get(m[3], 99))
            seg.category, seg.state = best[3], best[4]
        out.append(seg)
    if labelled:
        import bisect

        starts_of = [p[0] for p in parts]
        prev = None
        for seg in out:
            i = bisect.bisect_right(starts_of, seg.start) - 1
            seg.part = parts[i][2] if i >= 0 and seg.start < parts[i][1] else (prev or "body")
            if seg.part != prev:
                seg.part_label = part_label(seg.part) or seg.part
                prev = seg.part
    return out


def redacted_preview(text: str, findings: list[dict[str, Any]], manual: list[dict[str, Any]],
                     style: str) -> tuple[str, dict[str, Any]]:
    """The text as the partially disclosable version would read with the decisions so far.

    Accepted findings and manual spans are removed with ``style``; undecided and rejected
    findings stay (the summary lists them).  The published file itself is built by the
    service on approval and verified there.
    """
    from reviewer.redaction import Decision, MaskStyle
    from reviewer.redaction.plan import ManualSpan, apply_to_text, plan_removals

    objs = [finding_from_dict(f) for f in findings]
    decisions = {f["id"]: Decision(_decision_of(f)) for f in findings if _decision_of(f) != "undecided"}
    spans = [ManualSpan(int(m["start"]), int(m["end"]), reason=m.get("reason") or "人工标注的不予公开内容")
             for m in manual]
    removals, summary = plan_removals(SimpleNamespace(text=text), objs, decisions, spans,
                                      MaskStyle.coerce(style if style in MASK_STYLES else None),
                                      False, "preview")
    return apply_to_text(text, removals), summary
