"""Credential detectors: intranet addresses, admin URLs, passwords, keys (条例 第十四条).

Publishing an intranet address, a management URL or a password may endanger 公共安全
and 网络安全, which 《中华人民共和国政府信息公开条例》第十四条 puts among the grounds
for non-disclosure.  Such a value can be removed without losing the document
(区分处理, 第三十七条), so most credential findings are ``redact``.
"""

from reviewer.legal import cite

BASIS_SECURITY = cite("ogi", 14)
