"""Dates as Chinese offices write them: 2026-09-01, 2026/9/1, 2026年9月1日, 20260901, 2026.9.1,
with or without a time, and Excel serial numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

_YMD = re.compile(
    r"^\s*(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?|(\d{2})(\d{2}))"
    r"(?:[\sT]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?\s*$"
)
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object) -> date | None:
    """A date, None for an empty cell; ValueError for text that is not a date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_serial(float(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    m = _YMD.match(text)
    if m:
        year = int(m.group(1))
        if m.group(4):
            month, day = int(m.group(4)), int(m.group(5))
        elif m.group(2) and m.group(3):
            month, day = int(m.group(2)), int(m.group(3))
        else:
            raise ValueError(f"'{text}' names no day")
        try:
            return date(year, month, day)
        except ValueError:
            raise ValueError(f"'{text}' is not a calendar date") from None
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return _from_serial(float(text))
    raise ValueError(f"'{text}' is not a date (expected e.g. 2026-09-01, 2026年9月1日, 20260901)")


def _from_serial(serial: float) -> date:
    if not 1 <= serial < 2958466:
        raise ValueError(f"{serial} is not an Excel date serial")
    return _EXCEL_EPOCH + timedelta(days=int(serial))
