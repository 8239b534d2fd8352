"""Dates as Chinese offices write them: 2026-09-01, 2026/9/1, 2026年9月1日, 20260901, 2026.9.1,
with or without a time, and Excel serial numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

_DAY = r"^\s*(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?|(\d{2})(\d{2}))"
# the time of day is read (groups 6 to 8) so that 25:00 or 23:61 rejects the date as 02-30 does
_CLOCK = r"(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.\d+)?)?"
_POSSIBLE_CLOCK = r"(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d(?:\.\d+)?)?"
_YMD = re.compile(_DAY + rf"(?:[\sT]+{_CLOCK})?\s*$")
# _YMD taking only a possible time of day (00:00:00 to 23:59:59): the SQL twin's pattern
YMD_POSSIBLE_TIME = _DAY + rf"(?:[\sT]+{_POSSIBLE_CLOCK})?\s*$"
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
            day_read = date(year, month, day)
        except ValueError:
            raise ValueError(f"'{text}' is not a calendar date") from None
        if not _possible_time(*m.group(6, 7, 8)):
            raise ValueError(f"'{text}' is not a calendar date and time")
        return day_read
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return _from_serial(float(text))
    raise ValueError(f"'{text}' is not a date (expected e.g. 2026-09-01, 2026年9月1日, 20260901)")


def _possible_time(hour: str | None, minute: str | None, second: str | None) -> bool:
    """No time, or one a clock shows (the date of 2026-09-01 25:00 is not taken on trust)."""
    if hour is None:
        return True
    return int(hour) <= 23 and int(minute or 0) <= 59 and int(second or 0) <= 59


def _from_serial(serial: float) -> date:
    if not 1 <= serial < 2958466:
        raise ValueError(f"{serial} is not an Excel date serial")
    return _EXCEL_EPOCH + timedelta(days=int(serial))
