"""The one Chinese catalogue of what users read: labels and messages.

Web pages, the API's ``message`` field and the review record all take their wording from
here; the English ``code`` stays the stable machine field.  ``message(code, details)``
words an error or a notice (parser warnings such as ``comments`` carry their numbers in
``details``); ``type_label``, ``part_label`` and ``where`` name finding types and places.
"""

from __future__ import annotations

from typing import Any

ATTRIBUTE_LABELS = {"proactive": "主动公开", "on_request": "依申请公开", "not_public": "不予公开"}
DECISION_LABELS = {"accept": "删除", "reject": "保留"}
SIGN_DECISION_LABELS = {"approve": "同意", "return": "退回修改", "reject": "不同意"}
CATEGORY_LABELS = {"personal": "个人信息", "secrecy": "涉密及警示标识", "commercial": "商业秘密",
                   "credential": "安全信息", "process": "过程性信息", "manual": "人工标注"}

TYPE_LABELS = {
    # personal
    "id_card": "身份证号码", "id_card_legacy": "身份证号码（15位）", "mobile": "手机号码", "landline": "固定电话",
    "bank_card": "银行卡号", "bank_account": "银行账号", "person_name": "姓名", "name": "姓名",
    "address": "住址", "email": "电子邮箱", "passport": "护照号码", "travel_permit": "通行证号码",
    "vehicle_plate": "车牌号码", "org_id": "统一社会信用代码", "minor": "未成年人信息",
    "criminal_record": "违法犯罪记录", "health": "健康信息", "official_contact": "公务联系方式",
    # secrecy
    "secrecy_mark": "密级标志", "warning_label": "警示字样", "distribution_limit": "发放范围",
    # commercial
    "bid_price": "投标报价", "cost_profit": "成本利润", "customer_list": "客户名单", "financial_data": "财务数据",
    "technical_secret": "技术秘密", "trade_secret_label": "商业秘密标注",
    # credential
    "intranet_ip": "内网地址", "admin_url": "管理后台地址", "password": "密码", "api_key": "密钥",
    "account_attachment": "账号信息",
    # process
    "consultation_letter": "征求意见稿", "draft_marker": "草稿标识", "meeting_minutes": "会议纪要",
    "internal_affairs": "内部事务信息", "request_report": "请示报告",
    "manual": "人工标注内容",
}

PART_LABELS = {"ocr": "扫描页（文字识别）", "body": "正文", "table": "表格", "header": "页眉", "footer": "页脚", "footnote": "脚注",
               "endnote": "尾注", "textbox": "文本框", "comment": "批注", "comments": "批注",
               "insertion": "修订（插入）", "deletion": "修订（删除）", "properties": "文件属性",
               "property": "文件属性", "page": "页面", "annotation": "注释", "metadata": "元数据",
               "attachment": "附件", "title": "标题", "revision": "早期修订版本", "custom_xml": "自定义 XML 数据", "rels": "链接目标",
               "comment_story": "批注", "story": "正文部件", "people": "作者信息", "variable": "文档变量",
               "theme": "主题", "chart": "图表", "diagram": "SmartArt 图形", "macro": "宏", "revision": "修订",
               "glossary": "文档部件库", "field": "域代码", "hyperlink": "超链接", "alt_text": "替换文字",
               "embedded": "嵌入对象", "other": "其他部件", "sheet_name": "工作表名称",
               "defined_name": "定义的名称", "data_validation": "数据验证列表", "formula": "公式",
               "pivot_cache": "数据透视表缓存", "custom_tag": "自定义标引", "external_link": "外部链接", "script": "脚本", "html_attribute": "网页属性",
               "html_comment": "网页注释", "meta": "网页元数据"}

MESSAGES = {
    "image_unreadable": "图片无法解码（不支持的编码或文件已损坏），请另存为 PNG 或 JPEG 后重新上传。",
    "ocr_failed": "文字识别（OCR）出错，图片中的文字未能读取。",
    "ocr_unavailable": "未安装文字识别（OCR）程序，图片中的文字未能读取。",
    "ocr_model_missing": "文字识别（OCR）模型文件缺失（系统不会联网下载），图片中的文字未能读取。",
    "ocr_image_too_large": "图片过大，未进行文字识别。",
    "bad_manual_box": "框选的区域无效：请在 PDF 页面或图片的页面图像上拖动鼠标框选一块区域。",
    "bad_pages": "只能确认被列为无法识别的页面，请核对页码。",
    "pages_unchecked": "有页面或图片无法可靠识别，须先逐页目视核对并确认，或在页面图像上手工框选删除，才能批准。",
    "not_found": "没有找到这个页面或文件，可能已被删除，或编号有误。",
    "forbidden": "您没有权限执行此操作。",
    "not_permitted": "您的角色不能执行此操作。",
    "csrf_failed": "页面已过期（安全校验失败），请刷新页面后重试。",
    "unauthenticated": "请先登录。",
    "bad_credentials": "用户名或密码错误，请检查后重新输入。",
    "rate_limited": "操作过于频繁，请稍候再试。",
    "payload_too_large": "文件太大，超过了系统允许的上限。",
    "unsupported_format": "不支持此文件格式，请上传 {formats} 文件。",
    "unsupported_media_type": "不支持此文件格式，请上传 {formats} 文件。",
    "empty_file": "文件是空的，请选择一个有内容的 {formats} 文件。",
    "no_file": "请选择要上传的文件（{formats}）。",
    "invalid_transition": "文件当前所处环节不允许此操作，请刷新页面查看最新状态。",
    "undecided_findings": "还有必须处理的删除建议尚未决定，请逐条选择“删除”或“保留”后再批准。",
    "reason_required": "保留标为“不得公开”的内容须填写理由，请在理由栏中说明。",
    "comment_required": "退回或否决须填写意见，请在意见栏中说明需要修改的内容。",
    "opinion_required": "所定公开属性与系统建议不一致，须填写审批意见说明理由。",
    "bad_span": "所选文字超出了文件正文范围，请重新选择。",
    "no_output": "删除审批尚未完成，还没有可签发的公开版本。",
    "not_scanned": "文件尚未扫描完成，请稍候。",
    "withheld": "该文件审查结论为不予公开，不提供公开版本下载；审查记录载明结论及依据。",
    "bad_mask_style": "遮盖方式无效，请重新选择。",
    "validation_error": "提交的内容不完整或格式不对，请检查后重试。",
    "unknown_field": "请求中含有不认识的字段，请检查字段名。",
    "unknown_filter": "筛选条件的取值无效，请检查后重试。",
    "username_taken": "该用户名已被使用，请换一个用户名。",
    "department_required": "承办人员和部门负责人必须填写所属部门。",
    "encrypted": "文件有密码保护，请先去除密码再上传。",
    "encrypted_file": "文件有密码保护，请先去除密码再上传。",
    "corrupt_file": "文件已损坏，无法读取，请检查后重新上传。",
    "parse_failed": "无法读取文件内容，请检查文件后重新上传。",
    "read_failed": "无法读取文件内容，请检查文件后重新上传。",
    "not_text": "文件不是可识别编码（UTF-8、GB18030、Big5、UTF-16）的文本，其中含有二进制数据，无法按文本读取。",
    "unknown_encoding": "无法识别文本文件的编码，请另存为 UTF-8 或 GB18030 后再上传。",
    "limit_exceeded": "文件超出了系统的处理上限（页数、字数或大小），请拆分后再上传。",
    "docx_strict_unsupported": "不支持 Strict Open XML 格式的 DOCX，请在 Word 中另存为普通 DOCX 后再上传。",
    "ofd_text_mismatch": "OFD 内容与扫描结果对不上，未生成公开版本；请重新扫描。",
    "csv_span_crosses_cells": "一处删除跨越了 CSV 表格的单元格，未生成公开版本；请分别标注各单元格中的内容。",
    "archive_text_mismatch": "压缩包中的文件与扫描结果对不上，未生成公开版本；请重新扫描。",
    "archive_span_crosses": "一处删除跨越了压缩包中的两个文件，未生成公开版本；请分别标注。",
    "service_not_installed": "此命令需要审查服务组件，本机未安装。",
    "converter_missing": "读取此类文件（DOC、WPS、RTF）需要 LibreOffice，本机未安装，请另存为 DOCX 后再上传。",
    "conversion_timeout": "文件转换超时（可能已损坏），已停止；请在 Word 或 WPS 中另存为 DOCX 后再上传。",
    "conversion_failed": "文件无法转换（可能已损坏或并非其所示格式），请在 Word 或 WPS 中另存为 DOCX 后再上传。",
    "timeout": "处理超时，请稍后重试。",
    "unknown_finding": "当前稿件中没有这条发现，请刷新页面。",
    "internal_error": "服务器内部出错，请稍后重试；如果反复出现，请联系系统管理员。",
    "path_not_allowed": "该目录不在允许批量扫描的范围内。",
    "not_a_directory": "所填路径不是目录。",
    "not_a_zip": "上传的文件不是 ZIP 压缩包。",
    "report_not_ready": "批量扫描尚未结束，报告还未生成。",
    "account_disabled": "该账号已被停用，不能登录。如需恢复使用，请联系系统管理员。",
    "last_admin": "这是本单位最后一位在用的系统管理员，不能停用或取消其“系统管理员”角色；请先把另一位用户设为系统管理员。",
    "roles_required": "请至少选择一个角色。",
    "bad_role": "所选角色无效，请重新选择。",
    "password_too_short": "新密码至少 8 位。",
    "bad_request": "请求无效。",
    "method_not_allowed": "此处不支持该操作。",
    "conflict": "与当前状态冲突，请刷新后重试。",
    "redaction_unavailable": "本系统未启用删除处理功能。",
    "verification_failed": "公开版本校验未通过（仍能读出应删除的内容），未生成公开版本。",
    "output_format_mismatch": "公开版本的文件名扩展名与其实际格式不符（原件扩展名有误），请按实际格式命名。",
    "verification_incomplete": "独立提取程序读不全公开版本的文字（例如缺少中文字体数据 poppler-data），无法确认删除是否彻底，未生成公开版本。",
    "finding_mismatch": "发现与文件正文对不上，请重新扫描。",
    "bad_manual_span": "人工标注的范围无效，请重新选择。",
    "nothing_selected": "没有符合所选条件的发现。",
    "recalled": "该文件已撤回发布，公开版本不再提供；审查记录载明撤回理由。",
    "image_unreadable": "图片文件无法读取，或不支持此类图片，请检查后重新上传。",
    "ocr_unreadable": "图片中的文字无法识别，请上传清晰的文件或文字版。",
    "unsafe_content": "文件含有不安全的内容（如超大的压缩数据），已拒绝处理。",
    "batch_not_running": "该批量扫描已结束，不能取消。",
    "batch_not_resumable": "只有已取消或失败的批量扫描可以继续。",
    "bad_decision": "删除决定无效，请选择“删除”或“保留”。",
    "bad_decisions": "删除决定的格式不对，请检查后重试。",
    "bad_page": "页码无效。",
    "unknown_recognised": "当前稿件中没有这条识别结果，请刷新页面。",
    "file_not_found": "找不到该文件。",
    "not_a_file": "所填路径不是文件。",
    "permission_denied": "没有读取该文件的权限。",
    "redaction_failed": "删除处理失败，未生成公开版本，请联系系统管理员。",
    "docx_text_mismatch": "删除处理后的文件与预期不符，未生成公开版本，请联系系统管理员。",
    "xlsx_text_mismatch": "删除处理后的文件与预期不符，未生成公开版本，请联系系统管理员。",
    "html_text_mismatch": "删除处理后的文件与预期不符，未生成公开版本，请联系系统管理员。",
    "page_mismatch": "删除处理后的页面与预期不符，未生成公开版本，请联系系统管理员。",
    "docx_unreadable_part": "文件中有部件无法读取，请检查文件后重新上传。",
    "encoding_cannot_hold_mask": "原文件的编码无法写入遮盖字符，请改用其他遮盖方式。",
    "font_missing": "缺少所需的字体，请联系系统管理员安装。",
    "no_source": "缺少原始文件，无法处理。",
    "queue_unreachable": "无法连接批量扫描队列，请联系系统管理员。",
    "worker_crashed": "扫描进程意外退出，请重试。",
    "worker_failed": "扫描进程出错，请重试。",
    "key_unreadable": "签名密钥无法读取，请联系系统管理员。",
    "signature_error": "签名出错，请联系系统管理员。",
    "model_error": "模型加载出错，请联系系统管理员。",
    "usage_error": "参数有误，请检查后重试。",
    "workflow_error": "当前环节不允许此操作。",
    "service_not_installed": "未安装审查服务组件。",
}

# Parser and scan notices (``warnings`` of the scan contract), worded from their details.
NOTICES = {
    "signed": "OFD 文件带有电子签名/签章；删除任何内容都会使签名失效，公开版本不再带有签名。",
    "hidden_cells": "工作簿含隐藏的工作表、行或列，已一并审查；隐藏不等于删除，公开前须处理。",
    "macro_present": "工作簿含宏（VBA），系统未运行；生成公开版本时一并删除。",
    "pictures_not_read": "文件含 {count} 张图片，图片中的文字未读取，请人工核对。",
    "converted_format": "文件已由 LibreOffice 转换为 DOCX 后审查，公开版本为 DOCX 格式。",
    "linked_attachments": "网页链接了附件文件，附件未在此审查，请另行上传审查。",
    "comments": "文件含 {count} 条批注（作者：{authors}），已一并审查。",
    "tracked_changes": "文件含修订（插入 {insertions} 处、删除 {deletions} 处，作者：{authors}），被删除的文字也已一并审查。",
    "macros": "文件含宏（VBA），系统未运行也未读取。",
    "embedded_objects": "文件含 {count} 个嵌入对象，其内容未读取，请人工核对。",
    "images": "文件含 {count} 张图片，图片中的文字未读取，请人工核对。",
    "alt_chunk": "文件引入了 {count} 个外部片段（altChunk），其文字未读取，请人工核对。",
    "external_relationships": "文件链接了外部目标（超链接、模板或外部图片）。",
    "charts_diagrams": "文件含图表或 SmartArt，其中的文字未读取，请人工核对。",
    "custom_xml": "文件含 {count} 个自定义 XML 部件，其数据未读取。",
    "hidden_text": "文件有 {count} 处隐藏格式的文字，已一并审查。",
    "page_without_text": "部分页面没有文字层（扫描件或图片），未能读取，请人工核对。",
    "ocr_read": "第 {pages} 页为图像，已通过文字识别（OCR）读取并一并审查；识别结果请对照页面图像核对。",
    "ocr_unreadable": "第 {pages} 页无法可靠识别，其中内容未经审查；批准前须逐页目视核对并确认，或在页面图像上手工框选删除。",
    "garbled_text": "部分页面的字体没有 Unicode 映射，文字层无法识别，请人工或 OCR 核对。",
    "invisible_text": "部分页面含不可见文字（扫描件上的 OCR 层或隐藏文字），已读取，删除时须一并删除。",
    "attachments_present": "PDF 内嵌了未经审查的附件，发布前请删除或另行审查。",
    "owner_password_only": "PDF 设有权限密码（限制复制或打印），已照常读取。",
    "metadata_unreadable": "PDF 的 XMP 元数据无法安全读取，已跳过。",
    "private_use_characters": "文本含 {count} 个私用区字符（常为自造字），在网站上可能显示不同。",
    "detector_failed": "检测器 {detectors} 运行出错，已跳过；它们所查的内容未经检查，其他检测器的结果完整。",
    "earlier_revisions": "PDF 含 {revisions} 个早期修订版本（增量更新），其中 {lines} 处文字已不在当前版本中，已一并审查；公开版本为全新保存，不含这些早期版本。",
    "extension_mismatch": "文件扩展名为 {extension_format}，内容却是 {content_format}，已按 {content_format} 读取。",
}


def _fmt(template: str, details: dict[str, Any]) -> str:
    class Safe(dict):
        def __missing__(self, key):
            return "—"

    values = Safe()
    for k, v in (details or {}).items():
        if isinstance(v, (list, tuple)):
            v = "、".join(str(x) for x in v) or "未署名"
        elif isinstance(v, str) and k.endswith("format"):
            v = v.upper()
        values[k] = v
    if "authors" in template and not values.get("authors"):
        values["authors"] = "未署名"
    return template.format_map(values)


# What an unsupported file is, from the core's English message (the code alone is too coarse).
_UNSUPPORTED = (("PNG", "PNG 图片"), ("JPEG", "JPEG 图片"), ("GIF", "GIF 图片"), ("gzip", "gzip 压缩包"),
                ("RAR", "RAR 压缩包"), ("7z", "7z 压缩包"), ("program", "程序文件"), ("RTF", "RTF 文件"),
                ("Legacy Word", "旧版 Word/Excel（.doc/.xls）文件"), ("spreadsheet", "电子表格或演示文稿"),
                ("zip archive", "ZIP 压缩包"), ("binary data", "二进制数据"))


def message(code: str, details: dict[str, Any] | None = None, fallback: str = "") -> str:
    """The Chinese wording for ``code`` (an error or a notice); ``fallback`` is the core's own
    message, used only when it is already Chinese."""
    if code in NOTICES:
        return _fmt(NOTICES[code], details or {})
    if code == "unsupported_format" and fallback:
        for needle, what in _UNSUPPORTED:
            if needle in fallback:
                return f"不支持此文件格式：该文件是{what}，不是可审查的文件；请上传 {_formats()} 文件。"
    if code == "unknown_filter" and details and details.get("field"):
        names = {"state": "状态", "attribute": "公开属性", "department": "部门", "uploader": "上传人", "sort": "排序"}
        return f"筛选条件“{names.get(details['field'], details['field'])}”的取值“{details.get('value')}”不存在，请检查后重试。"
    text = MESSAGES.get(code)
    if text is None and code.startswith("ner_model"):
        text = "人名识别模型无法加载，请联系系统管理员。"
    if text is None:       # a code the catalogue lacks: say so in Chinese, never the English sentence
        return fallback if fallback and not fallback.isascii() else f"操作未能完成（{code}）。"
    return text.replace("{formats}", _formats()) if "{formats}" in text else text


def _formats() -> str:
    """The readable formats, from the format registry: DOCX、PDF、TXT、XLSX …"""
    from reviewer import formats

    return formats.labels()


def known(code: str) -> bool:
    return code in MESSAGES or code in NOTICES


def type_label(ftype: str) -> str:
    return TYPE_LABELS.get(ftype, "其他信息")


def part_label(part: str) -> str:
    return PART_LABELS.get(part, "其他位置") if part else ""


def where(loc: dict[str, Any] | None) -> str:
    """A finding's location in words: 第 2 页, 页眉 第 1 段, 正文 第 3 段, 第 4 行."""
    if not loc:
        return ""
    part = part_label(loc.get("part") or "")
    if loc.get("member"):    # a member of a zip archive: its name, then where in it
        inner = where({k: v for k, v in loc.items() if k not in ("member", "member_format")})
        return f"{loc['member']} {inner}".strip()
    if loc.get("cell"):      # a spreadsheet cell: 工作表!单元格
        where_ = f"{loc['sheet']}!{loc['cell']}" if loc.get("sheet") else f"{loc['cell']}"
        return where_ if loc.get("part") in (None, "", "table") else f"{part} {where_}"
    if loc.get("page"):
        s = f"第 {loc['page']} 页"
        if loc.get("line"):
            s += f" 第 {loc['line']} 行"
        return s if (loc.get("part") in (None, "", "page", "body")) else f"{part} {s}"
    if loc.get("paragraph") is not None:
        return f"{part} 第 {int(loc['paragraph']) + 1} 段".strip()
    if loc.get("line"):
        return f"{part} 第 {loc['line']} 行".strip() if loc.get("part") not in (None, "", "body") else f"第 {loc['line']} 行"
    return part
