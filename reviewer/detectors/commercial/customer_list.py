"""commercial.customer_list.v1 — 客户名单, 客户信息, 供应商名单 of a named enterprise or a bidder.

SPC 2020 商业秘密规定 第一条: 客户信息 (names, addresses, contacts, trading habits) is
business information.
"""

from __future__ import annotations

import re

from reviewer.detectors.commercial._common import KeywordRule


class CustomerListDetector(KeywordRule):
    ID = "commercial.customer_list.v1"
    TYPE = "customer_list"
    LABEL = "客户名单、供应商名单"
    KEYWORDS = re.compile(r"客户名单|客户信息|客户资料|客户清单|客户联系方式|主要客户|供应商名单|供应商信息|"
                          r"供货商名单|经销商名单|货源渠道")
