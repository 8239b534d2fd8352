"""Masking of applicants' personal data.

Work orders carry the applicant's name, ID number and phone. Reports go to departments that have
no need for them, so a table may show a masked name at most and never an ID or a phone; these
pure functions are the one place masking is defined, following common Chinese practice
(张*丰, 510104********1234, 138****8000).
"""

from __future__ import annotations

import re

PERSONAL_FIELDS = ("applicant_name", "applicant_id", "applicant_phone")

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_PHONE_SEPARATORS = re.compile(r"[\s\-()（）]+")
_MOBILE = re.compile(r"(?:\+?86)?(1\d{10})")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def mask_name(value: object) -> str:
    """张三 -> 张*, 张三丰 -> 张*丰, 欧阳娜娜 -> 欧**娜; a Latin name keeps its first letter."""
    s = _text(value)
    if not s:
        return ""
    if len(s) == 1:
        return "*"
    if not _CJK.search(s):
        return s[0] + "***"
    if len(s) == 2:
        return s[0] + "*"
    return s[0] + "*" * (len(s) - 2) + s[-1]


def mask_id(value: object) -> str:
    """First 6 and last 4 characters kept (510104********1234); short numbers keep the last 2."""
    s = _text(value)
    if len(s) >= 11:
        return s[:6] + "*" * (len(s) - 10) + s[-4:]
    if len(s) <= 2:
        return "*" * len(s)
    return "*" * (len(s) - 2) + s[-2:]


def mask_phone(value: object) -> str:
    """A mobile (11 digits, +86 allowed) keeps 3 + 4 digits: 138****8000; others the last 4."""
    s = _text(value)
    compact = _PHONE_SEPARATORS.sub("", s)
    m = _MOBILE.fullmatch(compact)
    if m:
        mobile = m.group(1)
        return mobile[:3] + "****" + mobile[-4:]
    if len(compact) <= 4:
        return "*" * len(compact)
    return "*" * (len(compact) - 4) + compact[-4:]
