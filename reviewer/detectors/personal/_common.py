"""Shared pieces of the personal-data detectors."""

from __future__ import annotations

BASIS_PRIVACY = "《政府信息公开条例》第十五条"
BASIS_SENSITIVE = "《政府信息公开条例》第十五条；《个人信息保护法》第二十八条"
BASIS_OFFICIAL = "《政府信息公开条例》第二十条"

# A masked value is compliant: a mask character next to a match means the match is
# only the visible part of a masked identifier.
MASK_CHARS = "*＊×xX●•·○□■◆#"
NO_MASK_BEFORE = r"(?<![*＊×●•○□■])"
NO_MASK_AFTER = r"(?![*＊×●•○□■])"

# Words near a number that say it is not personal data.
NOT_PERSONAL_CONTEXT = ("发文字号", "文号", "索引号", "邮编", "邮政编码", "备案号", "ICP",
                        "网站标识码", "标识码", "统一社会信用代码", "信用代码", "组织机构代码",
                        "注册号", "登记号", "批准文号", "许可证号", "编号：", "订单号", "流水号")
