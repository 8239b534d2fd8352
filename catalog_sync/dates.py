"""Dates as Chinese offices write them: 2026-09-01, 2026/9/1, 2026年9月1日, 20260901, 2026.9.1,
with or without a time, and Excel serial numbers.

A time may follow the day: 10:20, 10:20:30.0, 10时20分(30秒) (点 for 时), after 上午 or 下午
(下午3:05 is 15:05, 下午12:30 is 12:30; an hour past 12 contradicts the word and is no time);
after 日 no space is needed. A 14-digit stamp 20260305102030 is the day and time run together
(its year of the 1900s or 2000s).
A time may carry an offset (Z, +08:00, +0800, +08, -05:00): it then names an instant, and the
date read is the instant's date in Beijing time (+08:00). A time without an offset is Beijing
time as written. The date is what counts: 受理时间 is compared with decisions' effective
dates, which are Beijing calendar days, so an export in UTC (2026-03-05T20:00:00Z, 04:00 on the
6th in Beijing) is read on the day the office saw. An impossible value rejects the text: a month
13, 30 February, 25:00, 23:61, 25时, an offset beyond ±14:59.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta, timezone

BEIJING = timezone(timedelta(hours=8))


# the pattern's groups, in the order they open
GROUPS = (
    "year", "month", "day", "month_run", "day_run", "half", "hour", "minute", "second", "zone",
    "sign", "zone_hours", "zone_minutes", "cn_hour", "cn_minute", "cn_second",
)  # fmt: skip


def _pattern(possible: bool, capture: tuple[str, ...] | None = None) -> str:
    """The date pattern. `possible` takes only times a clock shows (and offsets that exist),
    the form the SQL twin reads. The groups are named (`capture` None), else only those in
    `capture` capture, numbered in GROUPS order (DuckDB numbers no more than nine)."""

    def g(name: str, body: str) -> str:
        if capture is None:
            return f"(?P<{name}>{body})"
        return f"({body})" if name in capture else f"(?:{body})"

    if possible:
        hour, two, offset = r"[01]?\d|2[0-3]", r"[0-5]\d", r"0\d|1[0-4]"
        cn = (hour, r"[0-5]?\d", r"[0-5]?\d")
    else:
        hour, two, offset = r"\d{1,2}", r"\d{2}", r"\d{2}"
        cn = (r"\d{1,2}", r"\d{1,2}", r"\d{1,2}")
    year, month, day = g("year", r"\d{4}"), g("month", r"\d{1,2}"), g("day", r"\d{1,2}")
    run_day = g("month_run", r"\d{2}") + g("day_run", r"\d{2}")
    days = rf"^\s*{year}\s*(?:[-/.年]\s*{month}\s*(?:[-/.月]\s*{day})?|{run_day})"
    signed = g("sign", "[+-]") + g("zone_hours", offset) + f"(?:[:：]?{g('zone_minutes', two)})?"
    zone = g("zone", f"[Zz]|{signed}")
    seconds = g("second", two) + r"(?:\.\d+)?"
    clock = g("hour", hour) + f"[:：]{g('minute', two)}(?:[:：]{seconds})?" + rf"(?:\s*{zone})?"
    cn_seconds = f"(?:{g('cn_second', cn[2])}秒)?"
    cn_clock = g("cn_hour", cn[0]) + f"[时点](?:{g('cn_minute', cn[1])}分{cn_seconds})?"
    half = g("half", "上午|下午")
    tail = rf"(?:\s*日[\sT]*|[\sT]+)(?:{half}\s*)?(?:{clock}|{cn_clock})"
    return rf"{days}(?:\s*日?|{tail})\s*$"


def possible_pattern(capture: tuple[str, ...]) -> tuple[str, dict[str, int]]:
    """The pattern taking only possible times, capturing the named groups, and their numbers:
    the SQL twin's pattern (checks.linkage.sql_parse_date)."""
    numbers = {name: i for i, name in enumerate((n for n in GROUPS if n in capture), start=1)}
    return _pattern(possible=True, capture=capture), numbers


_YMD = re.compile(_pattern(possible=False))
# an exchange's stamp, yyyyMMddHHmmss: a year of the 1900s or 2000s, so that a 14-digit code in
# the column (51201104100007) is no date
STAMP = r"(?:19|20)[0-9]{6}"
_STAMP = re.compile(rf"({STAMP})([0-9]{{2}})([0-9]{{2}})([0-9]{{2}})")
AFTERNOON = "下午"
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object) -> date | None:
    """A date, None for an empty cell; ValueError for text that is not a date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(BEIJING).date()
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_serial(float(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    read = read_date_time(text)
    if read is not None:
        return read[0]
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return _from_serial(float(text))
    raise ValueError(f"'{text}' is not a date (expected e.g. 2026-09-01, 2026年9月1日, 20260901)")


def read_date_time(text: str) -> tuple[date, time | None, bool] | None:
    """(the date, the time of day written or None, whether an offset was written) of an
    NFKC-normalised, trimmed text in one of the day forms; None when it is in none of them (a
    serial, a word); ValueError for one naming an impossible day, time or offset. The time is
    on the 24-hour clock (下午3:05 is 15:05); with an offset the date is Beijing's and the time
    the one written."""
    stamp = _STAMP.fullmatch(text)
    if stamp:
        day_read = _calendar(text, int(text[:4]), int(text[4:6]), int(text[6:8]))
        hms = [int(stamp.group(i)) for i in (2, 3, 4)]
        if hms[0] > 23 or hms[1] > 59 or hms[2] > 59:
            raise ValueError(f"'{text}' is not a calendar date and time")
        return day_read, time(*hms), False
    m = _YMD.match(text)
    if not m:
        return None

    def g(name: str) -> str | None:
        return m.group(name)

    year = int(g("year"))  # type: ignore[arg-type]
    if g("month_run"):
        month, day = int(g("month_run")), int(g("day_run"))  # type: ignore[arg-type]
    elif g("month") and g("day"):
        month, day = int(g("month")), int(g("day"))  # type: ignore[arg-type]
    else:
        raise ValueError(f"'{text}' names no day")
    day_read = _calendar(text, year, month, day)
    for prefix in ("", "cn_"):
        if g(f"{prefix}hour") is not None:
            hms = [int(g(f"{prefix}{p}") or 0) for p in ("hour", "minute", "second")]
            break
    else:
        return day_read, None, False
    half = g("half")
    if hms[0] > (12 if half else 23) or hms[1] > 59 or hms[2] > 59:
        raise ValueError(f"'{text}' is not a calendar date and time")
    hour = hms[0] + 12 if half == AFTERNOON and hms[0] < 12 else hms[0]
    written = time(hour, hms[1], hms[2])
    if not g("zone"):
        return day_read, written, False
    zone_hours, zone_minutes = int(g("zone_hours") or 0), int(g("zone_minutes") or 0)
    if zone_hours > 14 or zone_minutes > 59:
        raise ValueError(f"'{text}' has no such offset from UTC")
    offset = (zone_hours * 60 + zone_minutes) * (-1 if g("sign") == "-" else 1)
    instant = datetime.combine(day_read, written) - timedelta(minutes=offset)
    return (instant + timedelta(hours=8)).date(), written, True


# A 生效日期 cell naming the day of publication rather than a date: 自发布之日起施行, 自公布之日起
# 施行, 发布之日起施行, 自印发之日起施行, 自下发之日起施行, (自)即日起施行 (实施, 实行, 执行, 生效
# for 施行), also after the document naming itself (本决定自发布之日起施行, 本通知自印发之日起施行).
_FROM_PUBLICATION = re.compile(
    r"(?:本(?:决定|通知|公告|办法|规定|意见|目录|文件|批复))?"
    r"自?(?:(?:发布|公布|印发|公告|颁布|下发)之日|即日)(?:起(?:施行|实施|实行|执行|生效))?[。.]?"
)


def from_publication(value: object) -> bool:
    """Whether a 生效日期 cell says the decision is in force from the day it is published."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value or "")))
    return bool(_FROM_PUBLICATION.fullmatch(text))


def _calendar(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a calendar date") from None


def _from_serial(serial: float) -> date:
    if not 1 <= serial < 2958466:
        raise ValueError(f"{serial} is not an Excel date serial")
    return _EXCEL_EPOCH + timedelta(days=int(serial))
