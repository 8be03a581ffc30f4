"""Dates in a workbook as the sheet shows them: a number cell whose style is a date format
(built-in ids 14-22, 45-47 …, or a custom format with y/m/d outside quotes) is read as
``1990-03-07`` (``1990-03-07 08:30`` with a time), in the workbook's 1900 or 1904 system."""

from __future__ import annotations

import re

from reviewer.parsers.xlsx_walk import M

_DATE_IDS = set(range(14, 23)) | {27, 30, 36, 45, 46, 47, 50, 57}
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


class DateStyles:
    """Which cell styles (``s``) show a number as a date, from xl/styles.xml, and the workbook's
    date system (1900 or 1904)."""

    def __init__(self, styles_root, date1904: bool):
        custom = {}
        for nf in styles_root.iter(f"{M}numFmt"):
            code = _QUOTED.sub("", nf.get("formatCode") or "").lower()
            custom[nf.get("numFmtId")] = any(ch in code for ch in "ymd") and "0." not in code
        self.date_xf = set()
        xfs = styles_root.find(f"{M}cellXfs")
        for i, xf in enumerate(xfs if xfs is not None else []):
            fid = xf.get("numFmtId") or "0"
            if (fid.isdigit() and int(fid) in _DATE_IDS) or custom.get(fid):
                self.date_xf.add(str(i))
        self.date1904 = date1904

    def show(self, style: str | None, value: str) -> str | None:
        import datetime as dt

        if style not in self.date_xf:
            return None
        try:
            serial = float(value)
        except ValueError:
            return None
        if not 0 < serial < 2958466:
            return None
        base = dt.datetime(1904, 1, 1) if self.date1904 else dt.datetime(1899, 12, 30)
        when = base + dt.timedelta(days=serial)
        return when.strftime("%Y-%m-%d") if serial == int(serial) else when.strftime("%Y-%m-%d %H:%M")


