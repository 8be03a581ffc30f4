"""commercial.figure_table.v1 — tables of enterprises' prices, costs and financial figures.

An evaluation report lists 投标人 | 投标报价（万元） | 得分; a loan review lists 企业名称 |
授信额度 | 贷款利率.  Each figure in such a column belongs to the enterprise on its row
and is reported with the type of its column (bid_price, cost_profit, financial_data,
customer_list).  The table must name enterprises (an 投标人/企业名称 column, or company
names in its cells).  A 中标/成交公告 publishes its prices by rule: not reported there.
DOCX tables and text tables (TXT, PDF) alike (``reviewer/detectors/tables.py``).
"""

from __future__ import annotations

import re

from reviewer.detectors import tables
from reviewer.detectors.commercial._common import BASIS_TRADE_SECRET, PUBLISHED_RESULT, doc_head
from reviewer.detectors.rule import RuleDetector

COLUMNS = (
    ("bid_price", r"报价|投标总价|投标价|投标单价|评标价|下浮率|优惠率|让利"),
    ("cost_profit", r"成本|毛利率|利润率|净利率|毛利|出厂价|采购单价|采购价|供货价|结算价|单价"),
    ("financial_data", r"营业收入|主营业务收入|销售收入|营收|销售额|销售金额|营业额|净利润|利润总额|利润|资产总额|负债总额|"
                       r"资产负债率|纳税额|纳税|授信额度|授信|贷款余额|贷款金额|贷款|利率|融资金额|融资"),
    ("customer_list", r"采购量|供货量|销量|销售量|订单量|欠款金额|欠款|应收账款|交易额"),
)
# A column heading names its figure in a few words ("2023年营业收入（万元）", "投标总报价（元）");
# budgets, price caps and awarded prices are published by rule.
COLUMN_RE = [(t, re.compile(rx)) for t, rx in COLUMNS]
PUBLIC_COLUMN = re.compile(r"预算|限价|控制价|中标|成交|最高|财政|补助|奖励|补贴")
MAX_HEADING = 16
HEADER_WORD = re.compile(r"[^\s|｜]{0,8}?(?:" + "|".join(rx for _, rx in COLUMNS) + r")[^\s|｜]{0,10}")
ENTERPRISE_COL = re.compile(r"投标人|投标单位|供应商|企业名称|单位名称|公司名称|企业|客户名称|申请人|借款人|名称")
CUSTOMER_COL = re.compile(r"客户|经销商|销售对象|供货对象|采购方|下游")
COMPANY = re.compile(r"公司|集团|厂|合作社|事务所")
FIGURE = re.compile(r"[\d,，.]+\s*(?:万元|亿元|元|%|％|吨|件|台)?|[壹贰叁肆伍陆柒捌玖拾佰仟万亿零]{2,}元(?:整)?")
LABEL_TYPE = {"bid_price": "投标报价", "cost_profit": "成本利润", "financial_data": "财务数据", "customer_list": "客户交易量"}


def column_type(heading: str) -> str | None:
    """The finding type a column heading announces, or None (too long to be a heading, or public)."""
    if len(heading) > MAX_HEADING or PUBLIC_COLUMN.search(heading):
        return None
    return next((t for t, rx in COLUMN_RE if rx.search(heading)), None)


class FigureTableDetector(RuleDetector):
    ID = "commercial.figure_table.v1"
    CATEGORY = "commercial"
    TYPES = ("bid_price", "cost_profit", "financial_data", "customer_list")
    ACTION = "review"
    BASIS = BASIS_TRADE_SECRET
    LABEL = "表格中企业的报价、成本、财务数据"
    ORDER = 60

    def analyze(self, doc) -> list:
        published = PUBLISHED_RESULT.search(doc_head(doc)) is not None
        out = []
        all_tables = tables.docx_tables(doc) + tables.text_tables(doc, HEADER_WORD)
        out.extend(self._label_rows(doc, all_tables, published))
        for table in all_tables:
            names = [c.text.strip() for c in table.header]
            who_col = next((i for i, n in enumerate(names) if ENTERPRISE_COL.search(n)), None)
            if who_col is None and not any(COMPANY.search(c.text) for r in table.rows for c in r):
                continue
            for i, name in enumerate(names):
                typ = column_type(name)
                if typ is None or (typ == "bid_price" and published):
                    continue
                for row in table.rows:
                    if i >= len(row) or not FIGURE.fullmatch(row[i].text.strip()) or not re.search(r"\d|[壹贰叁]", row[i].text):
                        continue
                    who = row[who_col].text.strip() if who_col is not None and who_col < len(row) else None
                    cell = row[i]
                    out.append(self.make_finding(
                        doc, cell.start, cell.end, score=0.8, pattern="figure_table", type=typ,
                        context_word=name,
                        reason=f"表格“{name}”列中{('“' + who + '”的') if who else '企业的'}{LABEL_TYPE[typ]}，"
                               f"可能属商业秘密，公开前须征求第三方意见（第三十二条）。",
                        enterprise=who, column=name, table_source=table.source))
            out.extend(self._customers(doc, table, names))
        return out

    def _customers(self, doc, table, names: list[str]) -> list:
        """A table of an enterprise's customers with their volumes or arrears: the customer names too."""
        col = next((i for i, n in enumerate(names) if CUSTOMER_COL.search(n) and len(n) <= MAX_HEADING), None)
        if col is None or not any(column_type(n) == "customer_list" for n in names):
            return []
        return [self.make_finding(
            doc, c.start, c.end, score=0.75, pattern="customer_table", type="customer_list",
            context_word=names[col],
            reason=f"表格“{names[col]}”列中的客户名称（附交易量或欠款），可能属商业秘密，公开前须征求第三方意见（第三十二条）。",
            column=names[col], table_source=table.source)
            for c in table.column(col) if re.search(r"[\u4e00-\u9fa5A-Za-z]{2,}", c.text)]

    def _label_rows(self, doc, all_tables, published: bool) -> list:
        """A form of label | value rows ("企业名称 | ××有限公司", "授信额度 | 5000万元"): the figure of
        each row whose label is a price / cost / financial heading, tied to the form's enterprise."""
        out = []
        for table in all_tables:
            rows = [r for r in [table.header] + table.rows if len(r) >= 2]
            who = next((r[1].text.strip() for r in rows if ENTERPRISE_COL.search(r[0].text)
                        and COMPANY.search(r[1].text)), None)
            if who is None:
                continue
            for r in rows:
                label = r[0].text.strip()
                typ = column_type(label)
                value = r[1].text.strip()
                if typ is None or (typ == "bid_price" and published) or not FIGURE.fullmatch(value) \
                        or not re.search(r"\d|[壹贰叁]", value):
                    continue
                out.append(self.make_finding(
                    doc, r[1].start, r[1].end, score=0.8, pattern="figure_form", type=typ, context_word=label,
                    reason=f"表格“{label}”一栏中“{who}”的{LABEL_TYPE[typ]}，可能属商业秘密，公开前须征求第三方意见（第三十二条）。",
                    enterprise=who, column=label, table_source=table.source))
        return out
