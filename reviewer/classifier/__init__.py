"""Disclosure-attribute suggestion: rules over the findings, a text model, and both together.

``suggest(doc, findings)`` returns a :class:`reviewer.findings.Suggestion`:

* **rules** (rules.py) read the findings and the 文种: a 国家秘密标志 in force or a warning
  label decides 不予公开 outright (the model cannot outvote them); process information,
  internal affairs and a document addressed to one party whose personal data or
  commercial secrets it carries narrow the choice (第十五、十六、三十二条);
* **the model** (model.py, shipped in models/disclosure/) gives calibrated probabilities
  and the n-grams behind them;
* where they disagree, or the model is unsure, ``needs_human`` is set;
* 区分处理 (第三十七条), the 第二十条 category of a proactive document, and a check of the
  attribute the document itself declares in its 附注 complete the suggestion.

If the model cannot be loaded the suggestion is rules-only, says why, and asks for a human.
"""

from __future__ import annotations

import threading

from reviewer.classifier import article20, rules
from reviewer.classifier.text import declared_attribute_in, normalize_declared, strip_disclosure_labels
from reviewer.errors import ModelError
from reviewer.findings import ATTRIBUTES, Finding, Reason, Suggestion

__all__ = ["suggest", "load_model", "strip_disclosure_labels"]

NEEDS_HUMAN_BELOW = 0.6
LOW_MARGIN = 0.2   # the model's top two probabilities closer than this: ask a person
MODEL_BASIS = {
    "proactive": rules.ORDINANCE + "第五条、第十九条",
    "on_request": rules.ORDINANCE + "第十三条、第二十七条",
    "not_public": rules.ORDINANCE + "第十四条至第十六条",
}

_lock = threading.Lock()
_cache: dict[str, object] = {}


def load_model(directory=None):
    """The shipped model (cached), or raise ModelError saying what is wrong."""
    from reviewer.classifier.artifact import load
    from reviewer.classifier.model import DisclosureModel

    key = str(directory) if directory is not None else ""
    with _lock:
        if key not in _cache:
            try:
                bundle, meta = load(directory)
                _cache[key] = DisclosureModel(bundle, meta)
            except ModelError as err:
                _cache[key] = err
        hit = _cache[key]
    if isinstance(hit, ModelError):
        raise hit
    return hit


def reset_model_cache() -> None:
    with _lock:
        _cache.clear()


def suggest(doc, findings: list[Finding] | None, model_dir=None) -> Suggestion:
    findings = list(findings or [])
    rr = rules.evaluate(doc, findings)
    model_error = None
    pred = None
    try:
        model = load_model(model_dir)
        pred = model.predict(doc.text)
        version = model.version
    except ModelError as err:
        model, version, model_error = None, None, err.message

    reasons: list[Reason] = []
    needs_human = False
    ask: list[str] = []          # why a person must confirm, shown first
    binding = rr.binding
    soft = [h for h in rr.hits if not h.binding]
    p = pred.probabilities if pred else {}

    if binding:
        attribute = "not_public"
        reasons += [h.reason for h in binding]
        agrees = pred is None or pred.attribute == "not_public"
        confidence = 0.97 if agrees and pred is not None else 0.85
        if pred is not None and not agrees:
            needs_human = True
    elif soft:
        allowed = set.intersection(*(set(h.allowed) for h in soft)) or {h.attribute for h in soft}
        reasons += [h.reason for h in soft]
        if pred is not None and pred.attribute in allowed:
            attribute = pred.attribute
            confidence = max(p[attribute], 0.75)
        else:
            attribute = soft[0].attribute
            confidence = 0.6 if pred is None else min(0.6, max(p.get(attribute, 0.0), 0.4) + 0.2)
            needs_human = True
    elif pred is not None:
        attribute, confidence = pred.attribute, p[pred.attribute]
    else:
        attribute, confidence = "proactive", 0.5
        reasons.append(Reason("未发现不予公开或依申请公开的依据；公开为常态、不公开为例外。", rules.ORDINANCE + "第五条"))

    if pred is not None:
        label = ATTRIBUTES[pred.attribute]
        line = f"文本模型：倾向于{label}（概率{p[pred.attribute]:.2f}）"
        if binding or soft:   # a verdict against the rules only when a rule fired
            line += "，与规则" + ("一致" if pred.attribute == attribute
                                else f"不一致（规则建议{ATTRIBUTES[attribute]}）")
        reasons.append(Reason(line + "。", MODEL_BASIS[pred.attribute], []))
        if pred.attribute != attribute:
            needs_human = True
            ask.append("文本模型与规则的判断不一致")
        ranked = sorted(p.values(), reverse=True)
        if not (binding or soft) and len(ranked) > 1 and ranked[0] - ranked[1] < LOW_MARGIN:
            needs_human = True
            ask.append(f"文本模型对前两种属性的判断接近（相差{ranked[0] - ranked[1]:.2f}）")
    else:
        reasons.append(Reason(f"未使用文本模型（{model_error}），本建议仅依据规则，需人工确认。",
                              rules.ORDINANCE + "第十七条"))
        needs_human = True
        ask.append("文本模型不可用")
    reasons += rr.notes

    if confidence < NEEDS_HUMAN_BELOW:
        needs_human = True
        ask.append(f"建议的把握不足（{confidence:.2f}）")
    for code, why in rules.ask_a_person(doc, findings):
        needs_human = True
        ask.append(why)
        if code in ("too_little_text", "garbled_text"):   # nothing to judge from: no false certainty
            confidence = min(confidence, 0.5)

    partial = bool(rr.partial) and attribute in ("proactive", "on_request") and not binding
    if partial:
        reasons.append(rr.partial)

    category = None
    if attribute == "proactive":
        found = article20.categorize(getattr(doc.structure, "title", None), doc.text)
        if found:
            category = article20.label(found[0])
            reasons.append(article20.article20_reason(*found))

    sug = Suggestion(
        attribute=attribute,
        confidence=round(float(min(confidence, 0.99)), 4),
        reasons=reasons,
        needs_human=needs_human,
        category_article20=category,
        partial_disclosure=partial,
        probabilities={k: round(float(v), 4) for k, v in p.items()},
        model_version=version,
    )
    sug.declared_check = declared_check(doc, sug, rr)
    if sug.declared_check and sug.declared_check["severity"] != "ok":
        sug.needs_human = True
        ask.append("附注标注的公开属性与内容不一致")
    if ask:   # shown first on the review page; the reasons keep the articles in their order
        sug.needs_human_reasons = list(dict.fromkeys(ask))
    return sug


def _declared(doc) -> str | None:
    st = getattr(doc, "structure", None)
    raw = getattr(st, "declared_attribute", None) if st is not None else None
    return normalize_declared(raw) or declared_attribute_in(doc.text)


def declared_check(doc, sug: Suggestion, rr: rules.RuleResult) -> dict | None:
    """Compare the attribute the document declares (附注) with the suggestion."""
    declared = _declared(doc)
    if declared is None:
        return None
    agrees = declared == sug.attribute
    said, want = ATTRIBUTES[declared], ATTRIBUTES[sug.attribute]
    out = {"declared": declared, "declared_label": said, "suggested": sug.attribute, "agrees": agrees}
    # which article makes the content override the 附注: the bases of the rules that decided
    overriding = list(dict.fromkeys(h.reason.basis for h in rr.hits if h.attribute == sug.attribute))
    if not agrees:
        out["overriding_basis"] = "；".join(overriding) or (rules.ORDINANCE + "第五条")
        out["override_note"] = (f"附注标注的公开属性与文件内容不一致，按内容确定为“{want}”"
                                f"（依据{out['overriding_basis']}），请修改附注。")
    if declared == "proactive" and rr.unpublishable:
        kinds = "、".join(dict.fromkeys(_kind_word(f) for f in rr.unpublishable))
        ids = [f.id for f in rr.unpublishable if f.id]
        out.update(severity="error", finding_ids=ids, message=(
            f"文件标注为“主动公开”，但文中有{kinds}，按现状不得主动公开；"
            f"建议改为“{want}”" + ("，或删除、遮盖这些内容后再公开（区分处理）。" if sug.partial_disclosure else "。")))
    elif agrees:
        out.update(severity="ok", message=f"文件标注的公开属性“{said}”与建议一致。")
    elif declared == "proactive":
        out.update(severity="warning", message=(
            f"文件标注为“主动公开”，但审查建议为“{want}”，请在发布前核实公开属性。"))
    elif sug.attribute == "proactive":
        out.update(severity="warning", message=(
            f"文件标注为“{said}”，未发现不公开的依据，审查建议为“主动公开”；"
            "公开为常态、不公开为例外，请核实标注理由。"))
    else:
        out.update(severity="warning", message=f"文件标注为“{said}”，审查建议为“{want}”，请核实。")
    return out


def _kind_word(f: Finding) -> str:
    if f.type == "secrecy_mark":
        return "国家秘密标志"
    if f.type == "warning_label":
        return "内部资料等警示标注"
    if f.category == "personal":
        return "未遮盖的个人信息"
    return "商业秘密"
