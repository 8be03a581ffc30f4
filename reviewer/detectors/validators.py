"""Checksums and plausibility checks for Chinese identifiers (docs: domain.md §5)."""

from __future__ import annotations

import datetime as _dt

# GB/T 2260 province-level codes (first two digits of a 居民身份证号), plus 71 台湾,
# 81 香港, 82 澳门 (港澳台居民居住证 use 810000/820000/830000; 83 is for Taiwan).
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15",
    "21", "22", "23",
    "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46",
    "50", "51", "52", "53", "54",
    "61", "62", "63", "64", "65",
    "71", "81", "82", "83",
})

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 17 digits (GB 11643)."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def id_checksum_ok(value: str) -> bool:
    v = value.upper()
    if len(v) != 18 or not v[:17].isdigit():
        return False
    return id_check_char(v[:17]) == v[17]


def valid_date(year: int, month: int, day: int, *, min_year: int = 1890,
               today: _dt.date | None = None) -> bool:
    try:
        d = _dt.date(year, month, day)
    except ValueError:
        return False
    today = today or _dt.date.today()
    return min_year <= year and d <= today


def id_birth_date_ok(value: str) -> bool:
    """The birth date inside an 18-digit (YYYYMMDD) or 15-digit (YYMMDD) ID is real."""
    try:
        if len(value) == 18:
            return valid_date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
        if len(value) == 15:
            # legacy IDs were issued 1984-2004 to people born in the 1900s
            return valid_date(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))
    except ValueError:
        return False
    return False


def id_region_ok(value: str) -> bool:
    return value[:2] in PROVINCE_CODES and value[2:6] != "0000" or value[:6] in {"810000", "820000", "830000"}


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# GB 32100-2015 统一社会信用代码
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VAL = {c: i for i, c in enumerate(USCC_CHARSET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str | None:
    try:
        total = sum(_USCC_VAL[c] * w for c, w in zip(first17.upper(), _USCC_WEIGHTS))
    except KeyError:
        return None
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_ok(value: str) -> bool:
    v = value.upper()
    if len(v) != 18 or any(c not in _USCC_VAL for c in v):
        return False
    return uscc_check_char(v[:17]) == v[17]


# GB 11714 组织机构代码
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code_ok(value: str) -> bool:
    v = value.upper().replace("-", "")
    if len(v) != 9 or not v[:8].isalnum():
        return False
    total = 0
    for c, w in zip(v[:8], _ORG_WEIGHTS):
        n = int(c) if c.isdigit() else ord(c) - 55
        total += n * w
    c = 11 - total % 11
    check = "X" if c == 10 else "0" if c == 11 else str(c)
    return v[8] == check
