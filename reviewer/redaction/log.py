"""The redaction log: a JSON record for the file, and a table that can go to the applicant.

第三十七条 requires the agency to give reasons for what it withholds.  Each removal
is one entry: where (page / part and paragraph / line), the type, the article cited,
who accepted it and when, and a short reason in Chinese.  The log never repeats the
removed text; it shows its length and a masked preview only.
"""

from __future__ import annotations

from typing import Any

from reviewer.document import Document
from reviewer.redaction.plan import Removal

LOG_VERSION = "1"

_PART_ZH = {"body": "正文", "table": "表格", "header": "页眉", "footer": "页脚", "footnote": "脚注",
            "endnote": "尾注", "textbox": "文本框", "comment": "批注", "insertion": "修订(插入)",
            "deletion": "修订(删除)", "properties": "文档属性", "page": "页面", "annotation": "注释",
            "metadata": "元数据", "attachment": "附件", "link": "超链接", "alt_text": "替代文字",
            "field": "域代码", "equation": "公式", "watermark": "水印", "drawing": "图形文字", "glossary": "文档部件", "alt_chunk": "导入内容(altChunk)", "embedded": "嵌入对象",
            "macro": "宏", "image": "图片", "chart": "图表", "diagram": "SmartArt图形", "custom_xml": "自定义XML", "variable": "文档变量",
            "theme": "主题", "people": "批注人员", "other": "其他部件", "revision": "早期修订版本",
            "ocr": "扫描图像(文字识别)"}
TYPE_ZH = {"id_card": "身份证号码", "id_card_legacy": "身份证号码", "mobile": "手机号码", "landline": "固定电话",
           "bank_card": "银行卡号", "bank_account": "银行账号", "person_name": "姓名", "name": "姓名",
           "address": "住址", "email": "电子邮箱", "passport": "护照号码", "travel_permit": "通行证号码",
           "vehicle_plate": "车牌号码", "org_id": "机构代码", "secrecy_mark": "密级标志", "warning_label": "警示标注",
           "distribution_limit": "发放范围", "intranet_ip": "内网地址", "admin_url": "管理后台地址", "password": "密码",
           "api_key": "密钥", "account_attachment": "账号信息", "manual": "人工标注"}
_CATEGORY_ZH = {"personal": "个人信息", "secrecy": "涉密信息", "commercial": "商业秘密", "credential": "账号/内网信息",
                "process": "过程性信息"}
_MODE_ZH = {"label": "整体删除(标注理由)", "block": "整体删除(■遮盖)", "partial": "部分遮盖"}


def where_of(doc: Document, r: Removal) -> dict[str, Any]:
    loc = doc.location_of(r.start, r.end)
    keep = {k: loc[k] for k in ("part", "page", "line", "xml_part", "paragraph", "table", "row", "col",
                                "kind", "field", "node", "carrier", "spans_blocks") if k in loc}
    if loc.get("part") == "ocr":       # read by OCR: the confidence of the line, the picture
        keep.update({k: loc[k] for k in ("source", "confidence", "image") if k in loc})
    if "bboxes" in loc:
        keep["bboxes"] = loc["bboxes"]
    return keep


def where_text(w: dict[str, Any]) -> str:
    part = _PART_ZH.get(w.get("part", ""), w.get("part", ""))
    if w.get("page"):
        s = f"第{w['page']}页"
        if w.get("line"):
            s += f"第{w['line']}行"
        return s if w.get("part") in (None, "page") else f"{part} {s}"
    if w.get("xml_part"):
        s = f"{part}（{w['xml_part']}"
        if w.get("paragraph") is not None:
            s += f"，第{int(w['paragraph']) + 1}段"
        return s + "）"
    if w.get("line"):
        return f"第{w['line']}行"
    return part or "—"


def entries(doc: Document, removals: list[Removal]) -> list[dict[str, Any]]:
    out = []
    for n, r in enumerate(removals, 1):
        w = where_of(doc, r)
        first = r.sources[0]
        out.append({
            "n": n,
            "location": w,
            "where": where_text(w),
            "type": r.type,
            "type_zh": TYPE_ZH.get(r.type) or _CATEGORY_ZH.get(r.category, r.type),
            "category": r.category,
            "basis": first.basis,
            "reason": first.reason,
            "mode": r.mask.mode,
            "replacement": r.replacement,
            "chars_removed": sum(e - s for s, e in r.mask.hidden),
            "start": r.start,
            "end": r.end,
            "accepted_by": first.by,
            "accepted_at": first.at,
            "sources": [{"kind": s.kind, "id": s.id, "type": s.type, "basis": s.basis, "by": s.by, "at": s.at}
                        for s in r.sources],
        })
    return out


def build_log(doc: Document, removals: list[Removal], summary: dict[str, Any], style: dict, out_sha256: str,
              engine: dict[str, Any], verification: dict[str, Any]) -> dict[str, Any]:
    return {
        "log_version": LOG_VERSION,
        "document": {"filename": doc.metadata.filename, "format": doc.metadata.format,
                     "sha256_in": doc.metadata.sha256, "sha256_out": out_sha256, "pages": doc.metadata.pages},
        "style": style,
        "removals": entries(doc, removals),
        "decisions": dict(summary),
        "engine": engine,
        "rasterised_pages": engine.get("rasterised_pages", []),
        "verification": verification,
    }


def _cell(s: Any) -> str:
    return str(s if s is not None else "").replace("|", "｜").replace("\n", " ")


def render_table(log: dict[str, Any]) -> str:
    """A Markdown table in Chinese: one row per removal, then the checks."""
    d = log["document"]
    lines = [
        "# 政府信息区分处理说明（删除记录）",
        "",
        f"文件：{_cell(d.get('filename') or '—')}　格式：{d['format'].upper()}",
        f"原文件 SHA-256：{d['sha256_in']}",
        f"处理后 SHA-256：{d['sha256_out']}",
        "",
        "依据《中华人民共和国政府信息公开条例》第三十七条，对不应当公开的内容作区分处理，"
        "提供可以公开的内容，并说明理由如下：",
        "",
        "| 序号 | 位置 | 类型 | 处理方式 | 依据 | 理由 | 确认人 | 确认时间 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for e in log["removals"]:
        lines.append("| " + " | ".join(_cell(x) for x in (
            e["n"], e["where"], e["type_zh"], _MODE_ZH.get(e["mode"], e["mode"]), e["basis"], e["reason"],
            e["accepted_by"], e["accepted_at"])) + " |")
    if not log["removals"]:
        lines.append("| — | — | — | — | — | 未删除任何内容 | — | — |")
    lines.append("")
    eng = log.get("engine", {})
    for item in eng.get("cleaned", []):
        lines.append(f"- 已清除：{item}")
    for item in eng.get("warnings", []):
        lines.append(f"- 注意：{item}")
    for p in log.get("rasterised_pages", []):
        lines.append(f"- 第{p['page']}页已转为图像并烧入遮盖（原因：{p['reason_zh']}）")
    v = log["verification"]
    lines.append(f"- 独立校验（{v.get('extractor')}）：{'通过' if v.get('passed') else '未通过'}，"
                 f"检查 {v.get('needles', 0)} 个删除项的文本形式")
    if v.get("skipped"):
        lines.append(f"- 因同一内容在保留部分中出现而无法校验：{len(v['skipped'])} 项")
    dec = log.get("decisions", {})
    if dec.get("propagated"):
        lines.append(f"- 同一删除内容在文中其他位置（含页眉、表格、批注、属性等）出现 {dec['propagated']} 处，已一并删除")
    if dec.get("blocking_removed"):
        lines.append(f"- 注意：有 {len(dec['blocking_removed'])} 处“不得公开”的内容（如国家秘密标志）已按“全部接受”删除，"
                     "删除标志不等于本文件可以公开")
    if dec.get("blocking_unresolved"):
        lines.append(f"- 注意：有 {len(dec['blocking_unresolved'])} 处“不得公开”的问题未作删除处理，"
                     "本文件整体可能不宜公开")
    return "\n".join(lines) + "\n"
