"""credential.credential_table.v1 — tables with account and password columns.

A table whose header has a password column (密码, 初始密码, 口令, 登录密码 …) lists
credentials: every cell of that column, and of the account columns beside it (账号,
用户名, 管理账号, 登录名 …), is a finding — in DOCX tables and in text tables (TXT, PDF:
cells separated by ``|``, tabs or spaces).  Masked cells (``******``), empty cells and
descriptions in Chinese (``身份证号后六位``) are not values.  A table of 银行账号 without a
password column is not a credential table (personal detectors see bank accounts).
"""

from __future__ import annotations

import re

from reviewer.detectors import tables
from reviewer.detectors.credential import BASIS_SECURITY
from reviewer.detectors.rule import RuleDetector

_NOTE = r"(?:[（(][^）)]{0,10}[）)])?"
PW_COL = re.compile(r"(?:初始|默认|登录|管理员?|临时|系统|原始|新|用户|账号|帐号)?(?:密码|口令|PIN码)" + _NOTE)
ACCT_COL = re.compile(r"(?:系统|管理|登录|用户|管理员|平台|后台|邮箱|平台登录)?(?:账号|帐号|用户名|账户|帐户|登录名|用户ID|ID|工号)"
                      + _NOTE)
HEADER_WORD = re.compile(r"(?:初始|默认|登录|管理员?|临时|系统|原始|新|用户|账号|帐号)?(?:密码|口令)" + _NOTE)
MASKED = re.compile(r"^[*＊xX×●•#?\-—/]+$|^(?:无|略|同上|见附件|待定|空)$")
BANK = re.compile(r"银行|开户|卡号")


class CredentialTableDetector(RuleDetector):
    ID = "credential.credential_table.v1"
    CATEGORY = "credential"
    TYPE = "password"
    ACTION = "redact"
    BASIS = BASIS_SECURITY
    LABEL = "账号密码表（账号、密码列）"

    def analyze(self, doc) -> list:
        text = doc.text
        if "密码" not in text and "口令" not in text:
            return []
        out = []
        all_tables = tables.docx_tables(doc) + tables.text_tables(doc, HEADER_WORD)
        out.extend(self._label_rows(doc, all_tables))
        for table in all_tables:
            names = [c.text.strip() for c in table.header]
            pw = [i for i, n in enumerate(names) if PW_COL.fullmatch(n)]
            if not pw:
                continue
            acct = [i for i, n in enumerate(names) if ACCT_COL.fullmatch(n) and not BANK.search(n)]
            for i in pw + acct:
                role = "密码" if i in pw else "账号"
                for cell in table.column(i):
                    value = cell.text.strip()
                    if MASKED.match(value) or not re.search(r"[A-Za-z0-9]", value):
                        continue
                    out.append(self.make_finding(
                        doc, cell.start, cell.end, score=0.9, pattern="credential_table",
                        context_word=names[i],
                        reason=f"表格“{names[i]}”列的{role}，公开可能危及网络安全，应删除。",
                        column=names[i], table_source=table.source))
        return out

    def _label_rows(self, doc, all_tables) -> list:
        """A form laid out as label | value rows ("登录账号 | hbzw01", "初始密码 | Zw@2024"): the value
        cells of the rows whose label is an account or a password, when one of them is a password."""
        out = []
        for table in all_tables:
            rows = [table.header] + table.rows
            labelled = [(r[0].text.strip(), r[1]) for r in rows if len(r) >= 2]
            if not any(PW_COL.fullmatch(lab) for lab, _ in labelled):
                continue
            for lab, cell in labelled:
                value = cell.text.strip()
                if not (PW_COL.fullmatch(lab) or (ACCT_COL.fullmatch(lab) and not BANK.search(lab))):
                    continue
                if MASKED.match(value) or not re.search(r"[A-Za-z0-9]", value):
                    continue
                out.append(self.make_finding(
                    doc, cell.start, cell.end, score=0.9, pattern="credential_form", context_word=lab,
                    reason=f"表格“{lab}”一栏的值，公开可能危及网络安全，应删除。",
                    column=lab, table_source=table.source))
        return out
