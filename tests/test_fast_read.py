"""A UTF-8 work-order CSV is read by DuckDB in parallel as it is (sources.work_orders._read_fast);
a file that reading cannot number exactly is loaded the careful way. Either way the tables must
be the same: that is what these tests hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from catalog_sync.checks.linkage import link_work_orders
from catalog_sync.mappings import load_mapping
from catalog_sync.model import ListItem, SourceRef
from catalog_sync.sources.work_orders import open_work_orders

MAPPING = load_mapping()
LINKED = "11510100AB0001-510100-001"
HEADER = "办件编号,实施编码,受理时间,受理部门,申请人姓名\n"
ITEMS = [ListItem(SourceRef("list.csv", 2), LINKED, LINKED, LINKED[:14], "given", "事项")]


def link(path: Path, tmp_path: Path, fast: bool):
    con = duckdb.connect()
    source = open_work_orders(con, [(path, path.name)], MAPPING, tmp_path / "work", fast=fast)
    result = link_work_orders(con, source, ITEMS, set(), {}, date(2026, 6, 30))
    tables = {
        name: [{k: v for k, v in r.items()} for r in table.rows]
        for name, table in result.tables.items()
    }
    return source, result, tables


def rows(n: int) -> list[str]:
    """Work orders whose number is their spreadsheet row; every third one unlinked."""
    return [
        f"R{r},{LINKED if r % 3 else f'51X{r:011d}'},2026-0{1 + r % 9}-1{r % 10},局{r % 7},张三\n"
        for r in range(2, n + 2)
    ]


def test_a_big_file_is_read_once_and_keeps_its_row_numbers(tmp_path: Path) -> None:
    """~36 MB: more than one of DuckDB's read buffers and row groups, read on every thread."""
    path = tmp_path / "big.csv"
    path.write_text(HEADER + "".join(rows(400_000)), encoding="utf-8")
    source, result, _ = link(path, tmp_path, fast=True)
    assert source.read_fast == {0}  # the fast reading was exact
    unlinked = result.tables["unlinked_work_orders"]
    seen = []
    for row in unlinked.stream.fetch():
        assert row["source_row"] == int(row["order_no"][1:])
        assert row["reason"] == "unknown_code"
        seen.append(row["source_row"])
    # in file order, though the rule's joins hand rows on out of order: the stage is sorted
    # once and the table read from it as it stands (no sorted copy, TableQuery.select)
    assert seen == [r for r in range(2, 400_002) if r % 3 == 0]
    assert result.work_orders == 400_000
    assert source.rows == {"big.csv": 400_000}


WIDE_LINKED = LINKED.replace("1", "\uff11")  # full-width digits, normalised when linked
BODY = rows(3000)  # ~130 KB: the odd row at 2,000 is past the 64 KB read first
A, B = BODY[:2000], BODY[2001:]
CASES = {
    # read fast, and exact
    "plain": (HEADER + "".join(BODY), True),
    "crlf": ((HEADER + "".join(BODY)).replace("\n", "\r\n"), True),
    "no final newline": (HEADER + "".join(BODY).rstrip("\n"), True),
    "blank lines at the end": (HEADER + "".join(BODY) + "\n\n\n", True),
    "title row above the header": ("2026年办件\n" + HEADER + "".join(BODY), True),
    # not exact when read fast: loaded carefully, same tables
    "blank line inside": (HEADER + "".join(A) + "\n" + "".join(B), False),
    "cell on two lines": (
        HEADER + "".join(A) + f'R2002,{LINKED},2026-01-01,"局\n二",张三\n' + "".join(B),
        False,
    ),
    "long row": (HEADER + "".join(A) + "R2002,a,b,c,d,e,f\n" + "".join(B), False),
    # read fast; the careful checks applied to the odd rows alone
    "short row": (HEADER + "".join(A) + "R2002\n" + "".join(B), True),
    # a field missing in the middle: rejected, the columns cannot be lined up
    "row short of its order number": (
        HEADER + "".join(A) + f"{LINKED},2026-01-01,局,张三\n" + "".join(B),
        True,
    ),
    # totals and notes rows: rejected as notes, never counted as work orders
    "totals and notes rows": (
        HEADER
        + "".join(A[:1000])
        + "合计,1000件,,,\n"
        + ",,小 计,,\n"
        + "".join(A[1000:])
        + "注：本表含个人信息\n"
        + "制表人：刘晓东 电话：13700001234,,,,\n"
        + "审批001,,2026-01-01,局,张三\n"  # starts as a note may, and is none
        + "".join(B),
        True,
    ),
    # an exporter dropping the empty fields ending each row: most rows are short, padded
    "trailing empty fields dropped": (
        HEADER
        + "".join(r.replace(",张三\n", "\n") for r in A)
        + f"R2002,{LINKED},2026-01-01,局,李四\n"
        + "".join(r.replace(",张三\n", "\n") for r in B),
        True,
    ),
    "blank row of commas": (HEADER + "".join(A) + ", ,,\u3000,\n" + "".join(B), True),
    "short blank row": (HEADER + "".join(A) + ",\u3000\n" + "".join(B), True),
    "spaces only": (HEADER + "".join(A) + "   \n" + "".join(B), True),
    "header repeated": (HEADER + "".join(A) + HEADER + "".join(B), True),
    "paged export": (
        "办件明细表（第1页）\n"
        + HEADER
        + "".join(A)
        + "办件明细表（第2页）,,,,\n"
        + HEADER
        + "".join(B),
        True,
    ),
    "empty code, unread cell filled": (
        "办件编号,实施编码,受理时间,受理部门,申请人姓名,证件号码\n"
        + "".join(r.rstrip("\n") + ",\n" for r in A)
        + ",,,,,51\n"
        + "".join(r.rstrip("\n") + ",\n" for r in B),
        True,
    ),
    "odd rows of every kind": (
        HEADER
        + "".join(A[:500])
        + "R502\n"
        + "".join(A[501:1000])
        + ", ,,,\n"
        + "".join(A[1001:1500])
        + HEADER
        + "".join(A[1500:])
        + "R2002,\u3000\n"
        + "".join(B),
        True,
    ),
    "blank row of wide spaces": (
        HEADER + "".join(A) + "\u3000,\u00a0,\u2003 ,\u3000\u3000,\u202f\n" + "".join(B),
        True,
    ),
    "code after a wide space, full-width code": (
        HEADER
        + "".join(A[:1000])
        + f"R1002,\u3000{LINKED},2026-01-01,局,张三\n"
        + "".join(A[1001:])
        + f"R2002,{WIDE_LINKED},2026-01-01,局,张三\n"
        + "".join(B),
        True,
    ),
    "blank code, a wide space where the order number was": (
        HEADER + "".join(A) + "\u3000R2002, ,2026-01-01,局,张三\n" + "".join(B),
        True,
    ),
    "NUL in a cell": (HEADER + "".join(A) + "R2002,\x00,,,\n" + "".join(B), False),
    "NUL in an unread column": (
        "办件编号,实施编码,受理时间,受理部门,申请人姓名,证件号码\n"
        + "".join(r.rstrip("\n") + ",\n" for r in A)
        + f"R2002,{LINKED},2026-01-01,局,张三,51\x00\n"
        + "".join(r.rstrip("\n") + ",\n" for r in B),
        False,
    ),
    "cell over 32,767 characters": (
        HEADER + "".join(A) + f"R2002,{LINKED},2026-01-01,{'局' * 33_000},张三\n" + "".join(B),
        False,
    ),
    "GBK line": (HEADER + "".join(A) + "R2002,x,2026-01-01,市局,张三\n" + "".join(B), False),
    "text after a closing quote": (
        HEADER + "".join(A) + f'R2002,"{LINKED}"x,2026-01-01,局,张三\n' + "".join(B),
        False,
    ),
    "quote never closed": (HEADER + "".join(BODY) + 'R99,"x,2026-01-01,局,张三\n', False),
}


def readings_agree(path: Path, tmp_path: Path, stays_fast: bool):
    """Read fast and carefully; both must give the same tables, rejected rows and counts."""
    fast_source, fast_result, fast_tables = link(path, tmp_path / "a", fast=True)
    careful_source, careful_result, careful_tables = link(path, tmp_path / "b", fast=False)
    assert bool(fast_source.read_fast) is stays_fast
    assert fast_tables == careful_tables
    assert fast_result.rejected == careful_result.rejected
    assert fast_source.rows == careful_source.rows
    assert fast_result.by_reason == careful_result.by_reason
    return fast_source, careful_source, careful_result


@pytest.mark.parametrize("case", sorted(CASES))
def test_fast_and_careful_readings_agree(case: str, tmp_path: Path) -> None:
    text, stays_fast = CASES[case]
    path = tmp_path / "wo.csv"
    path.write_bytes(text.encode("utf-8").replace("市局".encode(), "市局".encode("gbk")))
    readings_agree(path, tmp_path, stays_fast)


# In a GB18030 file: the same cases, read fast after a transcoding, except that a line in UTF-8
# (two encodings in one file) sends it the careful way, which rejects that line.
GB_CASES = {
    **{name: (text, fast or name == "GBK line") for name, (text, fast) in CASES.items()},
    "UTF-8 line": (HEADER + "".join(A) + "R2002,x,2026-01-01,市局,李四\n" + "".join(B), False),
}
UTF8_LINE = "R2002,x,2026-01-01,市局,李四\n"


@pytest.mark.parametrize("case", sorted(GB_CASES))
def test_fast_and_careful_readings_agree_on_gb18030(case: str, tmp_path: Path) -> None:
    text, stays_fast = GB_CASES[case]
    path = tmp_path / "wo.csv"
    data = text.encode("gb18030")
    if case == "UTF-8 line":  # that whole line in UTF-8
        data = data.replace(UTF8_LINE.encode("gb18030"), UTF8_LINE.encode())
    path.write_bytes(data)
    fast_source, careful_source, careful_result = readings_agree(path, tmp_path, stays_fast)
    assert fast_source.encodings == careful_source.encodings == {"wo.csv": "gb18030"}
    if case == "UTF-8 line":
        assert [r.row for r in careful_result.rejected] == [2002]


@pytest.mark.parametrize("gb_rows", [3000, 1])
def test_gb18030_past_an_ascii_head_is_loaded_carefully(gb_rows: int, tmp_path: Path) -> None:
    """3,000 GB18030 rows are found by the sampled windows; one GB18030 line between them is
    refused by DuckDB instead. Either way the careful loading decides, as it always did."""
    head = "task_code,accept_date,org_name\n" + f"{LINKED},2026-01-01,ju\n" * 3000
    middle = f"{LINKED},2026-01-02,市局\n" * gb_rows
    tail = f"{LINKED},2026-01-03,ju\n" * 20_000
    path = tmp_path / "gb.csv"
    path.write_bytes(head.encode() + middle.encode("gb18030") + tail.encode())
    fast_source, fast_result, fast_tables = link(path, tmp_path / "a", fast=True)
    careful_source, careful_result, careful_tables = link(path, tmp_path / "b", fast=False)
    assert fast_source.read_fast == set()
    assert fast_source.encodings == careful_source.encodings
    assert fast_tables == careful_tables
    assert fast_result.rejected == careful_result.rejected
    assert fast_result.work_orders == 23_000 + gb_rows - len(fast_result.rejected)


@pytest.mark.parametrize("fast", [True, False])
def test_totals_and_notes_rows_are_rejected_as_notes(fast: bool, tmp_path: Path) -> None:
    """合计, 注：… and 制表人 rows under the work orders are rejected as notes (their text, a
    name among it, never shown), not counted as work orders without a code."""
    path = tmp_path / "wo.csv"
    notes = ["合计,10件,,,", "注：本表含个人信息,,,,", "制表人：刘晓东 电话：13700001234,,,,"]
    path.write_text(HEADER + "".join(A[:10]) + "\n".join(notes) + "\n", encoding="utf-8")
    _, result, tables = link(path, tmp_path / "a", fast)
    assert [(r.row, r.reason[:30], r.column) for r in result.rejected] == [
        (r, "is a totals or notes row (合计, ", "") for r in (12, 13, 14)
    ]
    assert result.work_orders == 10
    assert "刘晓东" not in repr(tables) and "合计" not in repr(tables["unlinked_work_orders"])


@pytest.mark.parametrize("fast", [True, False])
def test_short_rows_are_rejected_unless_most_rows_are_short(fast: bool, tmp_path: Path) -> None:
    """A row with fewer fields than the header is rejected; in a file most of whose rows are
    short (an exporter dropping the empty fields that end a row) short rows are padded."""
    path = tmp_path / "wo.csv"
    short = f"{LINKED},2026-01-01,局,张三\n"  # no 办件编号: every cell one column left
    path.write_text(HEADER + "".join(A[:10]) + short, encoding="utf-8")
    _, result, tables = link(path, tmp_path / "a", fast)
    assert [(r.row, r.reason[:42]) for r in result.rejected] == [
        (12, "has 4 fields where the header has 5: the c")
    ]
    assert result.work_orders == 10
    dropped = "".join(r.replace(",张三\n", "\n") for r in A[:10])
    path.write_text(HEADER + dropped + f"R12,{LINKED},2026-01-01,局\n", encoding="utf-8")
    _, result, tables = link(path, tmp_path / "b", fast)
    assert result.rejected == [] and result.work_orders == 11


def test_a_piece_is_searched_for_utf8_lines_as_line_by_line() -> None:
    """_has_utf8_line decodes a piece once; it must answer as _reads_as_utf8 on each line."""
    import random

    from catalog_sync.sources.work_orders import _has_utf8_line, _reads_as_utf8

    rng = random.Random(3)
    parts = ["市局".encode(), "市局".encode("gb18030"), b"abc", b"\xe5\xb8", b"\n", b"\r\n",
             b"\xff", "张三".encode(), "\ufffd".encode(), b"", b"\xc0\x80", b"\xf5\x80\x80\x80",
             b"\xf4\x8f\xbf\xbf", b"\xc2\xa0", "张".encode("gb18030")[:1]]  # fmt: skip
    for _ in range(5000):
        piece = b"".join(rng.choice(parts) for _ in range(rng.randrange(1, 8)))
        expected = any(_reads_as_utf8(line) for line in piece.split(b"\n"))
        assert _has_utf8_line(piece) is expected, piece


def test_a_solid_cell_is_never_blank() -> None:
    """_suspect settles the usual row by _solid, two string comparisons: no character it
    passes may be one that str.strip() removes, and the usual first characters of a code, a
    date, an agency or a name (ASCII, CJK, full-width digits) must pass."""
    from catalog_sync.sources.work_orders import _solid

    con = duckdb.connect()
    solid = {
        int(i)
        for (i,) in con.execute(
            "SELECT i FROM range(1, 1114112) r(i) WHERE (i < 55296 OR i > 57343) "
            f"AND {_solid('(chr(CAST(i AS INTEGER)) || ' + chr(39) + 'x' + chr(39) + ')')}"
        ).fetchall()
    }
    assert not [i for i in solid if chr(i).isspace() or not (chr(i) + "x").strip()]
    assert {ord(c) for c in "09AZaz-#~实局张０１Ｇ\ufeff"} <= solid
    assert not {ord(c) for c in " \t\u3000\u00a0\u2003\u202f\x7f"} & solid
    row = con.execute(f"SELECT {_solid('NULL')}, {_solid(chr(39) * 2)}").fetchone()
    assert row in ((None, False), (False, False))  # never true: CASE takes NULL as false


@pytest.mark.parametrize("case", ["plain", "GBK line", "UTF-8 line", "odd rows of every kind"])
def test_a_big_gb18030_file_is_transcoded_on_every_core(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over PARALLEL_BYTES the pieces go to a process per core: the transcoding must be the
    same bytes, in the same order, and a UTF-8 line must still send the file the careful way."""
    from catalog_sync.sources import work_orders

    text, stays_fast = GB_CASES[case]
    text = HEADER + "".join(rows(40_000)) + text[len(HEADER) :]  # ~2 MB: several pieces
    data = text.encode("gb18030")
    if case == "UTF-8 line":
        data = data.replace(UTF8_LINE.encode("gb18030"), UTF8_LINE.encode())
    path = tmp_path / "wo.csv"
    path.write_bytes(data)
    monkeypatch.setattr(work_orders, "CHUNK_BYTES", 64 * 1024)
    monkeypatch.setattr(work_orders, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(work_orders, "usable_cores", lambda: 2)
    out = tmp_path / "utf8.csv"
    assert work_orders._gb18030_as_utf8(path, out) is stays_fast
    if stays_fast:
        assert out.read_bytes() == data.decode("gb18030").encode()
    readings_agree(path, tmp_path, stays_fast)


@pytest.mark.parametrize("worker", ["import os; os._exit(3)", "import sys; sys.stdin.read(8)"])
def test_a_transcoding_process_that_fails_leaves_its_pieces_to_this_one(
    worker: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from catalog_sync.sources import work_orders

    text = HEADER + "".join(rows(20_000))
    path, out = tmp_path / "gb.csv", tmp_path / "utf8.csv"
    path.write_bytes(text.encode("gb18030"))
    monkeypatch.setattr(work_orders, "CHUNK_BYTES", 16 * 1024)
    monkeypatch.setattr(work_orders, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(work_orders, "usable_cores", lambda: 2)
    monkeypatch.setattr(work_orders, "_WORKER", worker)
    assert work_orders._gb18030_as_utf8(path, out)
    assert out.read_bytes() == text.encode()


def test_without_transcoding_processes_this_one_transcodes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from catalog_sync.sources import work_orders

    text = HEADER + "".join(rows(5_000))
    path, out = tmp_path / "gb.csv", tmp_path / "utf8.csv"
    path.write_bytes(text.encode("gb18030"))
    monkeypatch.setattr(work_orders, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(work_orders, "usable_cores", lambda: 2)
    monkeypatch.setattr(work_orders.sys, "executable", str(tmp_path / "no-python"))
    assert work_orders._gb18030_as_utf8(path, out)
    assert out.read_bytes() == text.encode()


TITLE = "成都市高新区政务服务办件明细表"
PAGED = [
    f"{TITLE}（第1页）,,,,",
    HEADER.rstrip("\n"),
    f"R3,{LINKED},2026-01-01,局,张三",
    f"{TITLE}（第 2 页）,,,,",
    "办件编号,实施编码,受理时间,受理部门,",  # the header again, a cell left empty
    f"R6,{LINKED},2026-01-02,局,李四",
    ",,,,",
    f"{TITLE},,,,",  # the title again without its page mark, after a blank row
    HEADER.rstrip("\n"),
    f"R10,{LINKED},2026-01-03,局,王五",
]


@pytest.mark.parametrize("fast", [True, False, "xlsx"])
def test_a_paged_export_s_repeated_title_and_header_are_rejected_as_such(
    fast: bool | str, tmp_path: Path
) -> None:
    """Work orders exported page by page, as lists are (sources/pages.py): worked by hand, rows
    4 and 8 are the title again, rows 5 and 9 the header again, each rejected with the lists'
    reason; the three work orders (rows 3, 6, 10) are read and nothing else is counted."""
    from catalog_sync.sources.pages import HEADER_AGAIN, TITLE_AGAIN

    path = tmp_path / "wo.csv"
    path.write_text("\n".join(PAGED) + "\n", encoding="utf-8")
    if fast == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        for line in PAGED:
            wb.active.append([c or None for c in line.split(",")])
        wb.save(path := tmp_path / "wo.xlsx")
    source, result, _ = link(path, tmp_path / "a", fast is True)
    assert bool(source.read_fast) is (fast is True)  # the large path stays fast
    assert [(r.row, r.reason, r.column) for r in result.rejected] == [
        (4, TITLE_AGAIN, ""),
        (5, HEADER_AGAIN, ""),
        (8, TITLE_AGAIN, ""),
        (9, HEADER_AGAIN, ""),
    ]
    assert result.work_orders == 3


@pytest.mark.parametrize("fast", [True, False])
def test_a_one_cell_row_or_a_page_word_is_no_repeat_unless_the_file_writes_it_so(
    fast: bool, tmp_path: Path
) -> None:
    """Negative: under a titled header, a section heading (一、窗口办件) that is no title, a page
    footer followed by a work order, a work order whose agency holds 页 and one whose cells
    name headers beside its data are not repeats: the heading and the work orders are read as
    rows (as before), the footer rejected as a note."""
    from catalog_sync.sources.notes import NOTE_REASON

    lines = [
        f"{TITLE}（第1页）,,,,",
        HEADER.rstrip("\n"),
        "一、窗口办件,,,,",
        f"R4,{LINKED},2026-01-01,页岩气管理局,张三",
        "第1页,,,,",
        f"办件编号,{LINKED},2026-01-04,受理部门,李四",
    ]
    path = tmp_path / "wo.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, result, _ = link(path, tmp_path / "a", fast)
    assert [(r.row, r.reason) for r in result.rejected] == [(5, NOTE_REASON)]
    assert result.work_orders == 3
