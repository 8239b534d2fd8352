"""Date forms exports write in 受理时间 (and decisions in their date cells): a 14-digit stamp, an
ISO time with an offset, 10时20分, 上午/下午. Every expectation worked out by hand.

The time zone rule: a time with an offset (Z, +08:00, -0500) names an instant, and the date
taken is that instant's date in Beijing time (+08:00), the time of the decisions' effective
dates; a time without an offset is Beijing time as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from catalog_sync.checks.linkage import link_work_orders, sql_parse_date
from catalog_sync.dates import parse_date
from catalog_sync.mappings import load_mapping
from catalog_sync.model import CancelledInfo, ListItem, SourceRef
from catalog_sync.sources.work_orders import open_work_orders

MAPPING = load_mapping()

# text -> the date read, by hand (None: not a date, the work order is rejected)
READ = {
    # 14 digits: yyyyMMddHHmmss, as the exchange platforms export it
    "20260305102030": date(2026, 3, 5),
    "20260305000000": date(2026, 3, 5),
    "20260305235959": date(2026, 3, 5),
    "20261305102030": None,  # month 13
    "20260230102030": None,  # 30 February
    "20260305250000": None,  # 25 o'clock
    "20260305106000": None,  # minute 60
    "20260305102060": None,  # second 60
    "202603051020": None,  # 12 digits: neither a date nor a stamp
    " 20260305102030 ": date(2026, 3, 5),
    "１９９９１２３１２３５９５９": date(1999, 12, 31),
    "51201104100007": None,  # a 14-digit 基本编码 shifted into the column: no year 5120 stamp
    "21000101000000": None,  # a stamp's year is of the 1900s or 2000s
    "20260305102030 10:20": None,  # a stamp followed by another time
    # an offset: the instant's date in Beijing (+08:00)
    "2026-03-05T10:20:30+08:00": date(2026, 3, 5),
    "2026-03-05T10:20:30.123+08:00": date(2026, 3, 5),
    "2026-03-05 10:20:30+0800": date(2026, 3, 5),
    "2026-03-05 10:20:30 +08": date(2026, 3, 5),
    "2026-03-05T10:20:30Z": date(2026, 3, 5),  # 18:20:30 in Beijing
    "2026-03-05T10:20:30.123Z": date(2026, 3, 5),
    "2026-03-05T15:59:59Z": date(2026, 3, 5),  # 23:59:59 in Beijing
    "2026-03-05T16:00:00Z": date(2026, 3, 6),  # 00:00 the next day in Beijing
    "2026-03-05T20:00:00.5Z": date(2026, 3, 6),  # 04:00 the next day
    "2026-02-28T20:00:00Z": date(2026, 3, 1),  # across the month (2026 is no leap year)
    "2026-12-31T16:00Z": date(2027, 1, 1),  # across the year
    "2026-03-01T00:30:00+09:00": date(2026, 2, 28),  # 23:30 the day before in Beijing
    "2026-03-01T01:00:00+09:00": date(2026, 3, 1),  # 00:00 in Beijing
    "2026-03-01T20:00:00-05:00": date(2026, 3, 2),  # 01:00Z, 09:00 in Beijing
    "2026-03-01T00:00:00-05:00": date(2026, 3, 1),  # 13:00 in Beijing
    "2026-03-01T10:00:00+05:45": date(2026, 3, 1),  # 12:15 in Beijing
    "2026-02-29T10:00:00Z": None,  # no 29 February in 2026
    "2026-03-05T10:20:30+15:00": None,  # no such offset (they run from -14:59 to +14:59)
    "2026-03-05T10:20:30+08:60": None,
    "2026-03-05T25:20:30Z": None,
    "2026-03-05Z": None,  # an offset needs a time
    # 时分秒 (点 is 时 as spoken)
    "2026年03月05日 10时20分": date(2026, 3, 5),
    "2026年03月05日 10时20分30秒": date(2026, 3, 5),
    "2026年3月5日10时20分": date(2026, 3, 5),  # after 日 no space is needed
    "2026年3月5日 9时": date(2026, 3, 5),
    "2026-03-05 10点20分": date(2026, 3, 5),
    "2026年3月5日 25时": None,
    "2026年3月5日 10时60分": None,
    "2026年3月5日 10时20分60秒": None,
    "2026年13月5日 10时20分": None,
    # 上午 / 下午: 下午3:05 is 15:05, 下午12:30 is 12:30; an hour past 12 contradicts the word
    "2026-03-05 上午10:20": date(2026, 3, 5),
    "2026-03-05 下午3:05": date(2026, 3, 5),
    "2026-03-05 下午12:30": date(2026, 3, 5),
    "2026-03-05 下午 3:05:09": date(2026, 3, 5),
    "2026年3月5日下午3时5分": date(2026, 3, 5),
    "2026-03-05 下午13:05": None,
    "2026-03-05 上午25:00": None,
    "2026-03-05 下午3:65": None,
    "2026-03-05下午3:05": None,  # a marker, as a time, stands apart from a day not ended by 日
    # with an offset the hour of 下午 counts: 下午11:30 is 23:30
    "2026-03-05 下午11:30+08:00": date(2026, 3, 5),
    "2026-03-05 下午11:30Z": date(2026, 3, 6),  # 23:30Z is 07:30 on the 6th in Beijing
    "2026-03-05 上午11:30Z": date(2026, 3, 5),  # 11:30Z is 19:30 in Beijing
    # what was read before still is
    "2026-03-05 10:20:30.0": date(2026, 3, 5),
    "2026-03-05T10:20:30": date(2026, 3, 5),
    "2026年3月5日": date(2026, 3, 5),
    "20260305": date(2026, 3, 5),
    "2026.3.5 10:20": date(2026, 3, 5),
    "46086": date(2026, 3, 5),
    "2026-03-05 24:00:00": None,
    # full-width, as typed on a Chinese keyboard
    "２０２６－０３－０５Ｔ２０：００：００Ｚ": date(2026, 3, 6),
    "２０２６－０３－０５Ｔ１０：２０：３０＋０８：００": date(2026, 3, 5),
}


@pytest.mark.parametrize(("text", "expected"), list(READ.items()))
def test_parse_date_reads_the_form_by_hand(text: str, expected: date | None) -> None:
    if expected is None:
        with pytest.raises(ValueError):
            parse_date(text)
    else:
        assert parse_date(text) == expected


def test_sql_parse_date_reads_each_form_as_parse_date_does() -> None:
    con = duckdb.connect()
    texts = list(READ)
    con.execute("CREATE TABLE t AS SELECT unnest($1::VARCHAR[]) AS v", [texts])
    got = con.execute(f"SELECT v, {sql_parse_date('v')} FROM t").fetchall()
    assert dict(got) == READ


I1 = "11510100AB0001-510100-001"  # cancelled, in force from 2026-03-06


def test_a_utc_time_is_placed_on_its_beijing_day_after_a_cancellation(tmp_path: Path) -> None:
    """A decision in force from 2026-03-06: 2026-03-05T16:00:00Z is 00:00 on the 6th in Beijing
    (on the cancelled item, 0 days after); 15:59:59Z is 23:59:59 on the 5th (not listed). Every
    form of the file is read: no row is rejected."""
    rows = [
        ("WO-1", "2026-03-05T16:00:00Z"),
        ("WO-2", "2026-03-05T15:59:59Z"),
        ("WO-3", "20260307102030"),
        ("WO-4", "2026年03月08日 10时20分"),
        ("WO-5", "2026-03-09 下午3:05"),
        ("WO-6", "2026-03-05 上午10:20"),
        ("WO-7", "2026-03-10T09:00:00+08:00"),
    ]
    path = tmp_path / "wo.csv"
    path.write_text(
        "办件编号,实施编码,受理时间\n" + "".join(f"{n},{I1},{t}\n" for n, t in rows),
        encoding="utf-8",
    )
    items = [ListItem(SourceRef("list.csv", 2), I1, I1, I1[:14], "given", "事项2")]
    cancelled = {
        I1: CancelledInfo("国发〔2026〕1号", "7", date(2026, 3, 6), "name", "名称相同", "事项2")
    }
    con = duckdb.connect()
    source = open_work_orders(con, [(path, path.name)], MAPPING, tmp_path / "work")
    result = link_work_orders(con, source, items, set(), cancelled, date(2026, 9, 30))
    assert result.rejected == []
    assert (result.work_orders, result.linked) == (7, 7)
    listed = result.tables["work_orders_on_cancelled_items"].rows
    assert [(r["order_no"], r["days_after"]) for r in listed] == [
        ("WO-1", 0),
        ("WO-3", 1),
        ("WO-4", 2),
        ("WO-5", 3),
        ("WO-7", 4),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20260305102030", (46086 + (10 * 3600 + 20 * 60 + 30) / 86400, True)),
        ("2026年03月05日 10时20分", (46086 + (10 * 60 + 20) / 1440, True)),
        ("2026年3月5日下午3时5分9秒", (46086 + (15 * 3600 + 5 * 60 + 9) / 86400, True)),
        ("2026-03-05 下午3:05", (46086 + (15 * 60 + 5) / 1440, True)),
        ("2026-03-05 下午12:30", (46086 + (12 * 60 + 30) / 1440, True)),
        ("2026-03-05 10:20:30.0", (46086 + (10 * 3600 + 20 * 60 + 30) / 86400, True)),
        ("2026-03-05", (46086.0, False)),
        # a time in another zone is shown as written (the CSV's text), not moved to Beijing
        ("2026-03-05T20:00:00Z", None),
        ("2026-03-05T10:20:30+08:00", None),
        ("2026-03-05 下午13:05", None),
    ],
)
def test_the_workbook_shows_the_time_written(text: str, expected: tuple[float, bool] | None):
    """A 受理时间 cell of the workbook: the date and 24-hour time of the text as an Excel
    serial, or the text itself (None)."""
    from catalog_sync.reports.xlsx_stream import excel_datetime

    found = excel_datetime(text)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found[1] == expected[1]
        assert found[0] == pytest.approx(expected[0], abs=1e-9)
