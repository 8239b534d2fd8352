"""The report writers: encodings, formula safety, workbook layout, atomic output."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from catalog_sync import vocab
from catalog_sync.errors import UsageError
from catalog_sync.model import Table
from catalog_sync.reports import FORMATS, write_report
from catalog_sync.reports.csv import csv_cell, write_csv, writerows
from catalog_sync.reports.json import table_records, write_json
from catalog_sync.reports.markdown import write_markdown
from catalog_sync.reports.output import staged_output
from catalog_sync.reports.terminal import summary_line_table
from catalog_sync.reports.xlsx import write_xlsx
from catalog_sync.reports.xlsx_stream import excel_datetime
from catalog_sync.tables import TABLE_TITLES, new_table

BOM = b"\xef\xbb\xbf"


def rejected_table() -> Table:
    """A four-column table whose cells cover formulas, signed numbers and blanks."""
    table = new_table("rejected_rows")
    table.rows = [
        {"file": "=1+1", "row": 7, "column": "-3", "reason": "@SUM(A1)"},
        {"file": "\t=cmd", "row": -2, "column": "-0.5", "reason": "+86 10"},
        {"file": "a-b", "row": None, "column": 2.5, "reason": "-"},
    ]
    return table


def unmatched_table() -> Table:
    table = new_table("unmatched_list_items")
    table.rows = [
        {
            "item_code": "0012",
            "item_name": "甲|乙\n第二行",
            "reason": "原因" * 40,
            "best_candidate_score": 0.5,
        }
    ]
    return table


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


# --- CSV ---------------------------------------------------------------------------------


def test_csv_has_bom_and_chinese_header_by_default(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_csv(rejected_table(), path, "zh")
    assert path.read_bytes().startswith(BOM)
    assert read_csv(path)[0] == ["文件", "行号", "列", "原因"]


def test_csv_english_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_csv(rejected_table(), path, "en")
    assert path.read_bytes().startswith(BOM + b"File,Row,Column,Reason")


def test_csv_neutralises_formulas_but_not_numbers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_csv(rejected_table(), path, "zh")
    assert read_csv(path)[1:] == [
        ["'=1+1", "7", "-3", "'@SUM(A1)"],
        ["'\t=cmd", "-2", "-0.5", "'+86 10"],
        ["a-b", "", "2.5", "'-"],
    ]


def test_csv_in_batches_is_csv_cell_row_by_row(tmp_path: Path) -> None:
    """Batches where nothing needs csv_cell, one with a formula late in it, a row without a
    column, values that are neither text nor numbers, one-column tables: as csv.writer writes
    csv_cell of every cell."""
    table = new_table("rejected_rows")
    values = ["plain", "a,b", 'q"q', "line\nbreak", "", 1.5, -2, None, True, "许可", "x\x00y"]
    table.rows = [
        {"file": values[i % len(values)], "row": i, "column": values[-i % len(values)]}
        for i in range(5_000)
    ]
    table.rows[3_999] = {**table.rows[3_999], "reason": "=HYPERLINK(1)"}
    table.rows[4_500] = {"row": date(2026, 1, 1)}
    for columns in (table.columns, table.columns[:1]):
        table.columns = columns
        path = tmp_path / "t.csv"
        write_csv(table, path, "en")
        keys = [c.key for c in table.columns]
        with open(tmp_path / "expected.csv", "w", encoding="utf-8", newline="") as fh:
            fh.write("\ufeff")
            writer = csv.writer(fh)
            writer.writerow(table.header("en"))
            writerows(fh, ([csv_cell(row.get(k, "")) for k in keys] for row in table.rows))
        assert path.read_bytes() == (tmp_path / "expected.csv").read_bytes()


def test_csv_columns_without_a_call_a_value_are_csv_cell_quoted() -> None:
    """A column's cells as csv_cell and csv.writer's quoting make them, whichever way
    _csv_texts takes: texts as they are, texts quoted, a formula first or later, an empty
    first text, numbers, a mix, a NUL before a formula character."""
    from catalog_sync.reports.csv import _csv_texts

    cases = [
        (["a", "许可", "b c"], ["a", "许可", "b c"]),
        (["a,b", 'say "hi"', "c"], ['"a,b"', '"say ""hi"""', "c"]),
        (["a", "=1+1", "@x", "-1"], ["a", "'=1+1", "'@x", "-1"]),
        (["=SUM(A1)", "b"], ["'=SUM(A1)", "b"]),
        (["", "+x", "y"], ["", "'+x", "y"]),
        (["x\r\ny", "-"], ['"x\r\ny"', "'-"]),
        ([1, 2.5, True, -3], ["1", "2.5", "True", "-3"]),
        ([1, None, "=x"], ["1", "", "'=x"]),
        (["a\x00=b", "c"], ["a\x00=b", "c"]),
        ([], []),
    ]
    for values, expected in cases:
        assert _csv_texts(values) == expected, values


# --- XLSX --------------------------------------------------------------------------------


def test_xlsx_layout(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_xlsx([rejected_table(), unmatched_table()], path, "zh", TABLE_TITLES)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["拒收行", "清单未对应目录"]
    ws = wb["拒收行"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "文件"
    assert ws["A1"].font.b is True
    assert ws["A2"].value == "=1+1"
    assert ws["A2"].data_type == "s"
    assert ws["B2"].value == 7
    assert ws["B2"].data_type == "n"
    assert ws["C2"].value == "-3"  # a string stays a string
    assert ws["C4"].value == 2.5
    assert ws.auto_filter.ref == "A1:D4"
    # 行号 (width 4) vs "-2": 4 + 2 padding; reason "+86 10" etc.: narrow.
    assert 5 < ws.column_dimensions["B"].width < 8
    other = wb["清单未对应目录"]
    assert other["C2"].value == "0012"  # after 问题编号 and 状态
    # 80 CJK characters would be 160 wide: capped at 60.
    assert 60 <= other.column_dimensions["I"].width < 61


def test_xlsx_english_sheet_names_are_truncated_and_unique(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    titles = {
        "rejected_rows": ("拒收行", "Rows: rejected?"),
        "unmatched_list_items": ("x", "Rows rejected"),
    }
    write_xlsx([new_table("unmatched_list_items"), rejected_table()], path, "en", TABLE_TITLES)
    assert openpyxl.load_workbook(path).sheetnames == [
        "List items without a catalogue",
        "Rejected rows",
    ]
    write_xlsx([rejected_table(), new_table("unmatched_list_items")], path, "en", titles)
    assert openpyxl.load_workbook(path).sheetnames == ["Rows rejected", "Rows rejected (2)"]


def test_xlsx_cuts_long_tables_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_xlsx([rejected_table()], path, "en", TABLE_TITLES, max_rows=3)
    ws = openpyxl.load_workbook(path).active
    assert ws.max_row == 3
    assert ws["A2"].value == "=1+1"
    assert ws["A3"].value.startswith("Cut: 2 more rows not shown")
    assert "rejected_rows.csv" in ws["A3"].value


# --- JSON --------------------------------------------------------------------------------


def test_table_records_use_english_keys_in_column_order() -> None:
    records = table_records(unmatched_table())
    assert list(records[0]) == [
        "finding_id",
        "status",
        "item_code",
        "item_name",
        "agency",
        "task_type",
        "basic_code",
        "basic_code_origin",
        "reason",
        "best_candidate_code",
        "best_candidate_name",
        "best_candidate_score",
        "evidence",
        "source_file",
        "source_row",
        "first_seen",
        "age_days",
    ]
    assert records[0]["agency"] == ""


def test_json_round_trips_with_chinese_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    write_json({"as_of": date(2024, 1, 2), "rows": table_records(rejected_table())}, path)
    text = path.read_text(encoding="utf-8")
    assert '"as_of": "2024-01-02"' in text
    loaded = json.loads(text)
    assert loaded["rows"] == table_records(rejected_table())
    path2 = tmp_path / "u.json"
    write_json(table_records(unmatched_table()), path2)
    assert "甲|乙" in path2.read_text(encoding="utf-8")  # not \\u escaped


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_letter_headline_rejections_and_escaping(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    summary = {
        "as_of": "2026-11-01",
        "tool_version": "9.9",
        "cancelled_still_listed": 0,
        "list_conformance_rate": 0.5599,
        "list_code_conformance_rate": 0.5,
        "unmatched_list_items": 3,
        "inputs": [{"kind": "list", "file": "l.csv", "rows_read": 5, "rows_used": 4}],
        "rejected_rows": {
            "count": 2,
            "by_file": {"a.csv": 2},
            "rows": [
                {"file": "a.csv", "row": 2, "column": "实施编码", "reason": "实施编码 is empty"},
                {"file": "a.csv", "row": 3, "column": "x", "reason": "x '?' is not a date"},
            ],
            "truncated": False,
        },
    }
    write_markdown([rejected_table(), unmatched_table()], summary, path, "zh", TABLE_TITLES)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 政务服务事项目录核对报告（2026-11-01）\n")
    assert "- 实施清单：`l.csv`（读入 5 行，使用 4 行）" in text
    assert "| 清单符合率 | 55.99% |" in text and "| 清单符合率（仅编码） | 50.00% |" in text
    assert "| 拒收行 | 2 |" in text  # the rows, not the keys of the summary's entry
    assert "- `a.csv` 第 2 行：实施编码 为空" in text
    assert "- `a.csv` 第 3 行：x '?' 不是日期" in text
    assert "## 各部门需要做什么" in text
    assert "- 清单未对应目录：`unmatched_list_items.csv`（" in text


def test_markdown_groups_what_to_do_by_agency(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    table = new_table("unmatched_list_items")
    table.rows = [
        {"agency": a, "item_name": f"事项{i}", "item_code": f"C{i}", "status": s,
         "source_file": "l.csv", "source_row": i}
        for i, (a, s) in enumerate(
            [("乙局", "new"), ("甲局", "new"), ("乙局", "new"), ("乙局", "resolved"),
             ("乙局", "persisting"), ("乙局", "new"), ("乙局", "new")]
        )
    ]  # fmt: skip
    write_markdown([table], {}, path, "zh", TABLE_TITLES)
    text = path.read_text(encoding="utf-8")
    # 乙局: 5 open rows (one resolved left out), first three named, then 等; 甲局 after it
    assert "### 乙局（5 行）" in text and "### 甲局（1 行）" in text
    assert text.index("### 乙局") < text.index("### 甲局")
    assert (
        "如 事项0（C0）、事项2（C2）、事项4（C4）等；完整表格见 `unmatched_list_items.csv`" in text
    )
    assert "如 事项1（C1）；" in text


# --- terminal ----------------------------------------------------------------------------


def test_summary_line_table() -> None:
    summary = {
        "catalogue_items": 120,
        "list_items": 300,
        "decision_items": 8,
        "work_orders": 5000,
        "cancelled_still_listed": 2,
        "delegated_items": 1,
        "unmatched_list_items": 7,
        "unimplemented_catalogue_items": 9,
        "list_conformance_rate": 0.55987,
        "work_order_linkage_rate": None,
    }
    lines = summary_line_table(summary).splitlines()
    assert len(lines) == 3
    assert lines[0].split()[:2] == ["catalogue", "list"]
    assert "cancelled+listed" in lines[0] and lines[0].split()[-1] == "linkage"
    assert lines[2].split() == ["120", "300", "8", "5000", "2", "1", "7", "9", "55.99%", "—"]
    zh = summary_line_table(summary, "zh").splitlines()
    assert zh[0].split()[0] == "目录" and zh[0].split()[-1] == "关联率"


# --- staged output -----------------------------------------------------------------------


def test_staged_output_leaves_nothing_on_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="boom"):
        with staged_output(out) as stage:
            (stage / "a.csv").write_text("partial")
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_staged_output_keeps_old_files_on_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.csv").write_text("old")
    with pytest.raises(RuntimeError):
        with staged_output(out) as stage:
            (stage / "a.csv").write_text("new")
            raise RuntimeError("boom")
    assert (out / "a.csv").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_staged_output_replaces_files_by_rename(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    out.mkdir(parents=True)
    (out / "a.csv").write_text("old")
    (out / "keep.txt").write_text("kept")
    with staged_output(out) as stage:
        assert stage.parent == out.parent and stage.name.startswith(".out.tmp-")
        (stage / "a.csv").write_text("new")
        staged_inode = os.stat(stage / "a.csv").st_ino
        assert (out / "a.csv").read_text() == "old"  # nothing visible until the end
    assert (out / "a.csv").read_text() == "new"
    assert os.stat(out / "a.csv").st_ino == staged_inode  # moved, not copied
    assert (out / "keep.txt").read_text() == "kept"
    assert [p.name for p in out.parent.iterdir()] == ["out"]


def test_staged_output_refuses_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("x")
    with pytest.raises(UsageError, match="is a file"):
        with staged_output(out):
            pass


# --- write_report ------------------------------------------------------------------------


def test_write_report_writes_exactly_the_expected_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    tables = [rejected_table(), unmatched_table()]
    summary = {"catalogue_items": 3, "as_of": date(2024, 5, 6)}
    paths = write_report(out, tables, summary, ["csv", "xlsx", "json", "md"], "zh", TABLE_TITLES)
    expected = {
        "rejected_rows.csv",
        "unmatched_list_items.csv",
        "catalog-sync-report.xlsx",
        "summary.json",
        "rejected_rows.json",
        "unmatched_list_items.json",
        "report.md",
    }
    assert {p.name for p in paths} == expected
    assert all(p.parent == out for p in paths)
    assert {p.name for p in out.iterdir()} == expected
    assert json.loads((out / "summary.json").read_text(encoding="utf-8")) == {
        "catalogue_items": 3,
        "as_of": "2024-05-06",
    }
    rows = json.loads((out / "rejected_rows.json").read_text(encoding="utf-8"))
    assert list(rows[0]) == ["file", "row", "column", "reason"]  # English even with zh


def test_write_report_extra_files_and_ttl(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert "ttl" in FORMATS
    paths = write_report(
        out, [rejected_table()], {}, ["ttl"], "en", TABLE_TITLES, {"graph.ttl": b"@prefix x: <y> ."}
    )
    assert paths == [out / "graph.ttl"]
    assert (out / "graph.ttl").read_bytes() == b"@prefix x: <y> ."
    with pytest.raises(ValueError, match="unknown report formats"):
        write_report(out, [], {}, ["pdf"], "en", TABLE_TITLES)


# --- province scale: the fast writers write what the library writers wrote ----------------


@pytest.mark.parametrize(
    "records",
    [
        [],
        [{}],
        [{"a": 'x"\\\n\u2028许', "b": 1.5, "c": None, "d": True, "e": False, "f": -0.0}],
        [{"n": float("nan"), "i": float("inf"), "m": -float("inf"), "big": 10**30}, {}],
        [{"when": date(2026, 1, 1)}],  # not a JSON scalar: json.dump's default=str writes it
        [{"nested": {"a": [1, 2]}}],
        {"not": "a list"},
    ],
)
def test_json_is_byte_for_byte_json_dump(tmp_path: Path, records: object) -> None:
    path = tmp_path / "t.json"
    write_json(records, path)
    expected = json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"
    assert path.read_text(encoding="utf-8") == expected


def test_table_json_is_table_records_dumped(tmp_path: Path) -> None:
    from catalog_sync.reports.json import write_table_json

    for table in (rejected_table(), unmatched_table(), new_table("rejected_rows")):
        path = tmp_path / f"{table.name}.json"
        write_table_json(table, path)
        expected = json.dumps(table_records(table), ensure_ascii=False, indent=2) + "\n"
        assert path.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    "column",
    [
        [1, 1.0, True, 0, 0.0, -0.0, False, None, ""],  # equal as dict keys, each its own text
        [0.0, -0.0, 2.5, float("nan")],  # floats only: 0.0 and -0.0 are one key
        [True, False, None, "True"],
        ["许可", "a,b", 'q"q', "=1", "-2", "+x", "\n=y", "", None, "plain"],
    ],
)
def test_tables_written_a_column_at_a_time_keep_each_value_its_text(
    tmp_path: Path, column: list[object]
) -> None:
    """The writers render a batch's distinct values once (reports.columnar); values a dict
    holds as one key (1, 1.0, True; 0.0, -0.0) still get their own text."""
    from catalog_sync.reports.json import write_table_json

    table = new_table("rejected_rows")
    keys = [c.key for c in table.columns]
    table.rows = [
        {keys[0]: column[i % len(column)], keys[1]: i % 3, keys[2]: column[-i % len(column)]}
        for i in range(25_000)  # more than one batch
    ]
    write_table_json(table, tmp_path / "t.json")
    expected = json.dumps(table_records(table), ensure_ascii=False, indent=2) + "\n"
    assert (tmp_path / "t.json").read_text(encoding="utf-8") == expected
    write_csv(table, tmp_path / "t.csv", "en")
    assert (tmp_path / "t.csv").read_bytes() == _csv_writer_bytes(table, tmp_path / "e.csv")


def test_table_json_of_one_row_object_repeated(tmp_path: Path) -> None:
    """Rows may be one dict many times: only the table's last row closes the array."""
    from catalog_sync.reports.json import write_table_json

    table = new_table("rejected_rows")
    table.rows = [{c.key: "x" for c in table.columns}] * 25_000
    write_table_json(table, tmp_path / "t.json")
    expected = json.dumps(table_records(table), ensure_ascii=False, indent=2) + "\n"
    assert (tmp_path / "t.json").read_text(encoding="utf-8") == expected


def _csv_writer_bytes(table: Table, path: Path) -> bytes:
    """What csv.writer writes of csv_cell of every cell, with the BOM and English header."""
    keys = [c.key for c in table.columns]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\ufeff")
        csv.writer(fh).writerow(table.header("en"))
        writerows(fh, ([csv_cell(row.get(k, "")) for k in keys] for row in table.rows))
    return path.read_bytes()


def test_table_json_in_batches_is_table_records_dumped(tmp_path: Path) -> None:
    """Several batches of the C encoder, a missing key, text that looks like the breaks between
    records, NUL, numbers that are not finite, and one-column tables."""
    from catalog_sync.reports.json import write_table_json

    table = new_table("rejected_rows")
    odd = ["},\n    {", "a\x00b", "\u2028许\n", 'x"\\', "", "},\\n    {"]
    values = [*odd, 1.5, -0.0, float("nan"), float("inf"), 10**30, None, True, False, 7]
    table.rows = [
        {"file": values[i % len(values)], "row": i, "column": values[-i % len(values)]}
        for i in range(4_321)
    ]
    table.rows[2_500] = {"row": 1}  # no "file", "column" or "reason": written as ""
    path = tmp_path / "t.json"
    write_table_json(table, path)
    expected = json.dumps(table_records(table), ensure_ascii=False, indent=2) + "\n"
    assert path.read_text(encoding="utf-8") == expected
    table.columns = table.columns[:1]
    write_table_json(table, path)
    expected = json.dumps(table_records(table), ensure_ascii=False, indent=2) + "\n"
    assert path.read_text(encoding="utf-8") == expected


def test_xlsx_cells_that_xml_cannot_hold_as_they_are(tmp_path: Path) -> None:
    import zipfile
    from xml.dom.minidom import parseString

    table = new_table("rejected_rows")
    table.rows = [
        {"file": "a&b<c>.csv", "row": 1, "column": " lead", "reason": "ctrl\x01 trail "},
        {"file": "x" * 40_000, "row": float("nan"), "column": None, "reason": True},
    ]
    path = tmp_path / "r.xlsx"
    write_xlsx([table], path, "en", TABLE_TITLES)
    with zipfile.ZipFile(path) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        for name in z.namelist():
            parseString(z.read(name))  # every part is well-formed XML
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[2]] == ["a&b<c>.csv", 1, " lead", "ctrl_x0001_ trail "]
    assert [c.value for c in ws[3]] == ["x" * 32_767, "nan", None, "True"]
    assert ws["B2"].data_type == "n" and ws["B3"].data_type == "s"


def test_report_written_on_two_cores_is_the_same(tmp_path: Path) -> None:
    from catalog_sync.reports.parallel import CPU_AT_FORK

    tables = [rejected_table(), unmatched_table()]
    summary = {"catalogue_items": 3}
    extra = {"x.txt": lambda p: p.write_text("streamed", encoding="utf-8"), "y.bin": b"y"}
    one, two = tmp_path / "one", tmp_path / "two"
    timings: dict[str, float] = {}
    a = write_report(one, tables, summary, list(FORMATS[:4]), "zh", TABLE_TITLES, extra)
    b = write_report(
        two, tables, summary, list(FORMATS[:4]), "zh", TABLE_TITLES, extra,
        timings=timings, parallel=True,
    )  # fmt: skip
    assert [p.name for p in a] == [p.name for p in b]
    for p in a:
        if p.suffix != ".xlsx":  # a ZIP records its own write times
            assert p.read_bytes() == (two / p.name).read_bytes(), p.name
    assert CPU_AT_FORK in timings  # forked (the child may have found no job left to take)


def test_one_number_among_many_rows_is_masked_in_every_format(tmp_path: Path) -> None:
    table = new_table("unmatched_list_items")
    table.rows = [{"item_code": f"C{i:05}", "item_name": "名称", "source_row": i} for i in range(9)]
    table.rows[7] = {**table.rows[7], "item_name": "联系 13800138000"}
    write_report(tmp_path / "out", [table], {}, ["csv", "json", "md"], "zh", TABLE_TITLES)
    for path in (tmp_path / "out").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "13800138000" not in text, path.name
    assert "138****8000" in (tmp_path / "out" / "unmatched_list_items.csv").read_text("utf-8")


def test_a_failing_second_process_fails_the_report(tmp_path: Path) -> None:
    def broken(path: Path) -> None:
        raise OSError("disk full")

    out = tmp_path / "out"
    extra = {"a.bin": broken, "b.bin": broken}
    with pytest.raises(Exception, match="disk full"):
        write_report(out, [rejected_table()], {}, ["csv"], "zh", TABLE_TITLES, extra, parallel=True)
    assert not out.exists() or not any(out.iterdir())


def test_xlsx_cuts_informational_tables_sooner(tmp_path: Path, monkeypatch) -> None:
    from catalog_sync.reports import xlsx

    monkeypatch.setattr(xlsx, "INFO_MAX_ROWS", 3)
    matches = new_table("list_catalogue_matches")  # informational
    matches.rows = [{"item_code": f"C{i}"} for i in range(5)]
    unmatched = new_table("unmatched_list_items")  # findings: whole
    unmatched.rows = [{"item_code": f"U{i}"} for i in range(5)]
    path = tmp_path / "r.xlsx"
    write_xlsx([matches, unmatched], path, "en", TABLE_TITLES)
    wb = openpyxl.load_workbook(path)
    cut, whole = wb.worksheets
    assert cut.max_row == 3 and cut["A3"].value.startswith("Cut: 4 more rows not shown")
    assert whole.max_row == 6


SOFFICE = shutil.which("soffice")
LO_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_the_demo_workbook_opens_in_libreoffice_with_the_csv_cells(tmp_path: Path) -> None:
    """A real spreadsheet program reads every sheet of the demo's workbook, and each sheet's
    cells are those of the table's CSV file (numbers compared as numbers)."""
    from click.testing import CliRunner

    from catalog_sync.cli import cli

    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["diff", str(root / "fixtures" / "demo"), "--out", str(out), "--format", "csv,xlsx"]
    )
    assert result.exit_code == 1, result.output
    sheets = tmp_path / "sheets"
    subprocess.run(
        [str(SOFFICE), "--headless", "--convert-to", LO_CSV, "--outdir", str(sheets),
         str(out / "catalog-sync-report.xlsx")],
        check=True, capture_output=True, timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},  # a profile of its own: no lock on the user's
    )  # fmt: skip
    ours = {}
    for f in out.glob("*.csv"):
        with f.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        ours[tuple(rows[0])] = rows[1:]
    exported = sorted(f for f in sheets.glob("*.csv") if not f.stem.endswith("-概要"))
    assert len(exported) == len(ours) == 14  # 10, then guides, rates, certificates, codes

    def same(a: str, b: str) -> bool:
        """Equal, as numbers, as a percent of the fraction, or as the date the text names."""
        when = excel_datetime(b)
        if when is not None:
            shown = datetime(1899, 12, 30) + timedelta(days=when[0])
            return a == shown.strftime("%Y-%m-%d %H:%M:%S" if when[1] else "%Y-%m-%d")
        try:
            if a.endswith("%"):  # a rate shown as a percent
                return math.isclose(float(a[:-1]), float(b) * 100, abs_tol=0.005)
            return a == b or float(a) == float(b)
        except ValueError:
            return False

    for f in exported:
        with f.open(encoding="utf-8", newline="") as fh:
            header, *body = [r for r in csv.reader(fh) if any(r)]  # the blank row above 合计
        mine = ours[tuple(header[: len(header)])]
        assert len(body) == len(mine), f.name
        for got, want in zip(body, mine, strict=True):
            assert all(same(a, b) for a, b in zip(got, want, strict=True)), (f.name, got, want)


def test_run_summary_counts_findings_apart_from_unlinked_work_orders() -> None:
    from catalog_sync.reports.terminal import run_summary

    open_rows = {"cancelled_still_listed": 2, "unlinked_work_orders": 5, "delegated_items": 1}
    text, code = run_summary(
        open_rows, {"missing_code": 5, "unknown_code": 0}, 0, "any", "o/report.html", (3, "o"), "zh"
    )
    assert code == 1
    assert text.splitlines()[-4:] == [
        "未关联办件（另计）：5 件（缺少编码 5）",
        "退出码 1：仍有 8 行待处理（问题 3 行，未关联办件 5 件；--fail-on any）。",
        "请打开报告：o/report.html",
        "已写入 3 个文件：o",
    ]
    assert [line.split() for line in text.splitlines()[1:4]] == [
        ["已取消仍在清单", "2"],
        ["已下放事项", "1"],
        ["合计", "3"],
    ]
    text, code = run_summary(open_rows, {}, 0, "new", "o", (1, "o"), "en")
    assert code == 0 and "Exit code 0: nothing new since the baseline (--fail-on new)." in text
    text, code = run_summary(open_rows, {}, 4, "new", "o", (1, "o"), "en")
    assert code == 1 and "Exit code 1: 4 rows new since the baseline (--fail-on new)." in text
    assert run_summary(open_rows, {}, 4, "none", "o", (1, "o"), "zh")[1] == 0
    assert run_summary({"delegated_items": 0}, {}, 0, "any", "o", (1, "o"), "zh") == (
        run_summary({"delegated_items": 0}, {}, 0, "any", "o", (1, "o"), "zh")[0],
        0,
    )


def test_xlsx_typed_cells_totals_print_setup_and_summary(tmp_path: Path) -> None:
    linkage = new_table("work_order_linkage")
    linkage.rows = [
        {"agency": "乙局", "work_orders": 4, "linked": 1, "linkage_rate": 0.25},
        {"agency": "甲局", "work_orders": 2, "linked": 2, "linkage_rate": 1.0},
        {"agency": "合计", "work_orders": 6, "linked": 3, "linkage_rate": 0.5},
    ]
    orders = new_table("unlinked_work_orders")
    orders.rows = [
        {"order_no": "1", "accept_time": "2026-04-13 20:21:00", "first_seen": "2026-11-01"},
        {"order_no": "2", "accept_time": "20260617", "first_seen": "2026-11-01"},
        {"order_no": "3", "accept_time": "待定", "task_code": "_x0041_B", "agency": "a\ufffeb"},
    ]
    summary = {
        "as_of": "2026-11-01",
        "cancelled_still_listed": 3,
        "list_conformance_rate": 0.5,
        "work_orders": 6,
        "work_order_linkage_rate": 0.5,
        "work_orders_linked": 3,
    }
    path = tmp_path / "r.xlsx"
    write_xlsx([linkage, orders], path, "zh", TABLE_TITLES, summary=summary)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["概要", "办件关联率", "未关联办件"]
    first = wb["概要"]
    assert first["A1"].value == "政务服务事项目录核对报告（2026-11-01）"
    figures = {r[0].value: r[1] for r in first.iter_rows(min_row=4, max_row=9)}
    assert figures["取消仍在清单"].value == 3
    assert figures["办件关联率"].value == 0.5 and figures["办件关联率"].number_format == "0.00%"
    assert len(first._charts) == 1
    ws = wb["办件关联率"]
    assert ws.auto_filter.ref == "A1:H3"  # the two agencies, not the totals
    assert [c.value for c in ws[4]] == [None] * 8  # a blank row, then 合计 in bold
    assert ws["A5"].value == "合计" and ws["A5"].font.b and ws["D5"].value == 0.5
    assert ws["D2"].value == 0.25 and ws["D2"].number_format == "0.00%"
    ws = wb["未关联办件"]
    times = [ws.cell(r, 7) for r in (2, 3, 4)]  # 受理时间
    assert times[0].value == datetime(2026, 4, 13, 20, 21)
    assert times[0].number_format == "yyyy-mm-dd hh:mm:ss"
    assert times[1].value == datetime(2026, 6, 17) and times[1].number_format == "yyyy-mm-dd"
    assert times[2].value == "待定"  # not a date: the text as given
    import zipfile

    with zipfile.ZipFile(path) as z:  # Excel's escape of the escape (openpyxl does not undo it)
        sheet = z.read("xl/worksheets/sheet3.xml")  # inline strings (constant_memory)
        assert b"_x005F_x0041_B" in sheet
        assert b"a_xFFFE_b" in sheet
    for sheet in wb.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
        assert sheet.oddFooter.left.text == "&A"
        assert sheet.oddFooter.right.text == "第 &P 页，共 &N 页"
    assert wb["未关联办件"].print_title_rows == "$1:$1"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_escapes_and_non_characters_as_written(tmp_path: Path) -> None:
    table = new_table("rejected_rows")
    table.rows = [
        {"file": "_x0041_B", "row": 1, "reason": "a\ufffeb"},
        {"file": "after", "row": 2, "reason": "c"},
    ]
    write_xlsx([table], tmp_path / "r.xlsx", "en", TABLE_TITLES)
    subprocess.run(
        [str(SOFFICE), "--headless", "--convert-to", LO_CSV, "--outdir", str(tmp_path),
         str(tmp_path / "r.xlsx")],
        check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    (exported,) = tmp_path.glob("r*.csv")
    with exported.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][0] == "_x0041_B"  # not "AB"
    assert rows[2][:2] == ["after", "2"]  # U+FFFE did not end the row or the sheet


PDFTOPPM = shutil.which("pdftoppm")
DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.skipif(
    SOFFICE is None or PDFTOPPM is None, reason="LibreOffice or poppler-utils not installed"
)
def test_the_demo_workbook_prints_landscape_fit_to_width(tmp_path: Path, update_golden) -> None:
    """LibreOffice prints the demo's workbook: the 概要 sheet first, few pages (every sheet one
    page wide); its first page is the README's screenshot (docs/workbook.png, --update-golden)."""
    from conftest import run_demo

    out = tmp_path / "out"
    run_demo(out)
    subprocess.run(
        [str(SOFFICE), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(out / "catalog-sync-report.xlsx")],
        check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    pdf = tmp_path / "catalog-sync-report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    assert pages < 75  # it printed 375 pages, columns split across them, before print setup
    subprocess.run(
        [str(PDFTOPPM), "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(tmp_path / "first")],
        check=True, timeout=120,
    )  # fmt: skip
    png = (tmp_path / "first.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000  # a page with a chart, not blank
    if update_golden:
        (DOCS / "workbook.png").write_bytes(png)


def test_the_letter_says_whether_codes_or_names_decided(tmp_path: Path) -> None:
    summary = {
        "as_of": "2026-11-01",
        "list_code_schemes": {
            "city.csv": {
                "items_with_basic_code": 40,
                "found_in_catalogue": 38,
                "scheme": "catalogue",
            },
            "local.csv": {"items_with_basic_code": 30, "found_in_catalogue": 2, "scheme": "other"},
        },
    }
    path = tmp_path / "report.md"
    write_markdown([], summary, path, "zh", {})
    text = path.read_text(encoding="utf-8")
    assert "`city.csv` 使用基本目录的编码（40 个基本编码中 38 个在目录中）：以编码为准" in text
    assert "`local.csv` 使用另一套编码（30 个基本编码中 2 个在目录中）：按名称与目录对应" in text


def test_csv_rendered_as_written_is_the_localized_table_written(tmp_path: Path) -> None:
    """write_csv with a vocab.Rendering (each column's distinct values rendered once a batch)
    writes what it writes of vocab.localized's rows: enum values and evidence sentences in
    Chinese, unknown values as they are, 1 beside True (one key of the memo), a row without a
    rendered column, a NUL, a rendering that starts like a formula."""
    from catalog_sync.vocab import Rendering, localized

    table = new_table("unmatched_list_items")
    sentences = [
        "基本编码 511Z0715800000 is not in the catalogue; no name match: closest '拆除' scores 67",
        "基本编码 512036008002 is not in the catalogue; no name match: closest '计划生育' "
        "scores 88 but differs in qualifier '计划' added in front",
        "not a sentence of the vocabulary",
        "=not a formula",
    ]
    statuses = ["new", "persisting", "resolved", "unknown", None, 1, True, ""]
    reasons = ["missing_code", "malformed_code", "basic_code_only", "unknown_code", "a\x00b"]
    table.rows = [
        {
            "finding_id": f"f{i}",
            "status": statuses[i % len(statuses)],
            "reason": reasons[i % len(reasons)] if i < 20_000 else "unknown_code",
            "basic_code_origin": "given" if i % 3 else "=given",
            "evidence": sentences[i % len(sentences)],
            "source_row": i,
        }
        for i in range(25_000)  # more than one batch
    ]
    del table.rows[12_345]["status"]  # rendered row by row in that batch
    for lang in ("zh", "en"):
        write_csv(localized(table, lang), tmp_path / "localized.csv", lang)
        write_csv(table, tmp_path / "rendered.csv", lang, Rendering(table, lang))
        expected = (tmp_path / "localized.csv").read_bytes()
        assert (tmp_path / "rendered.csv").read_bytes() == expected
        rendered = vocab.value("reason", "missing_code", lang)
        assert rendered != "missing_code"
        assert f",{rendered},".encode() in expected


def test_the_workbook_renders_only_the_rows_it_shows() -> None:
    """An informational table longer than the workbook shows is rendered for its first rows
    only, as they are written, still counting them all (the cells those of
    vocab.localized); with a totals row (合计 first) anywhere, whole."""
    from catalog_sync.reports import _shown_in_workbook
    from catalog_sync.reports.xlsx import INFO_MAX_ROWS, TOTAL, _row_cells
    from catalog_sync.vocab import localized

    table = new_table("list_catalogue_matches")
    table.counts_as_discrepancy = False
    first = table.columns[0].key
    table.rows = [{first: f"f{i}", "status": "new", "match_tier": "code"} for i in range(100_010)]
    (shown,) = _shown_in_workbook([table], "zh")
    assert shown.count() == 100_010 and shown.rows is table.rows  # rendered as written
    keys = [c.key for c in table.columns]
    cells = list(_row_cells(shown.rows, INFO_MAX_ROWS, keys, shown.rendering))
    expected = [tuple(r.get(k, "") for k in keys) for r in localized(table, "zh").rows]
    assert cells == expected[:INFO_MAX_ROWS]
    del table.rows[5]["status"]  # a chunk with a missing column: row by row, the same cells
    cells = list(_row_cells(shown.rows, 20_000, keys, shown.rendering))
    assert (
        cells == [tuple(r.get(k, "") for k in keys) for r in localized(table, "zh").rows][:20_000]
    )
    table.rows[-1] = {first: TOTAL, "status": "new"}
    (shown,) = _shown_in_workbook([table], "zh")
    assert shown.count() == len(shown.rows) == 100_010
    assert getattr(shown, "rendering", None) is None  # rendered whole: the totals move


def test_each_writing_process_takes_the_biggest_job_left_when_free(tmp_path: Path) -> None:
    """Two processes share the jobs as they go: while one writes the slow biggest job, the
    other takes every other job; each job runs once."""
    from catalog_sync.reports.parallel import run_jobs

    def job(name: str, seconds: float) -> Callable[[], None]:
        def run() -> None:
            time.sleep(seconds)
            with (tmp_path / "ran").open("a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()} {name}\n")

        return run

    jobs = [(f"quick{n}", 1.0, job(f"quick{n}", 0.0)) for n in range(6)]
    jobs.insert(3, ("slow", 10.0, job("slow", 2.0)))
    timings: dict[str, float] = {}
    run_jobs(jobs, timings, parallel=True)
    ran = [line.split() for line in (tmp_path / "ran").read_text("utf-8").splitlines()]
    assert sorted(name for _, name in ran) == sorted(name for name, _, _ in jobs)
    by_pid: dict[str, list[str]] = {}
    for pid, name in ran:
        by_pid.setdefault(pid, []).append(name)
    assert sorted(by_pid.values(), key=len) == [["slow"], [f"quick{n}" for n in range(6)]]
    assert ("slow" in timings) != ("slow (second process)" in timings)


def test_the_demo_graph_written_ahead_is_the_graph_written_at_the_end(
    tmp_path: Path, monkeypatch
) -> None:
    """graph.ttl written by a child forked when the graph is final (every graph, here) holds
    the bytes the run writes at the end, and nothing of it is left beside the report."""
    from click.testing import CliRunner

    from catalog_sync.cli import cli
    from catalog_sync.reports import parallel

    placed: list[dict[str, float]] = []
    place = parallel.WrittenAhead.place
    monkeypatch.setattr(
        parallel.WrittenAhead, "place", lambda self, p: placed.append(place(self, p)) or {}
    )
    demo = str(Path(__file__).resolve().parent.parent / "fixtures" / "demo")
    for out, ahead_from in ((tmp_path / "end", 10**9), (tmp_path / "ahead", 0)):
        monkeypatch.setattr(parallel, "AHEAD_FROM", ahead_from)
        result = CliRunner().invoke(cli, ["diff", demo, "--out", str(out), "--format", "ttl"])
        assert result.exit_code == 1, result.output
    assert len(placed) == 1 and placed[0]["seconds"] > 0  # the child's, once: the second run
    assert (tmp_path / "ahead" / "graph.ttl").read_bytes() == (
        tmp_path / "end" / "graph.ttl"
    ).read_bytes()
    runs = tmp_path / ".ahead.runs"
    assert [p.name for p in runs.iterdir()] == [os.readlink(tmp_path / "ahead").split("/")[-1]]


def _write_in_child_only(parent: int) -> object:
    def write(path: Path) -> None:
        if os.getpid() != parent:
            raise OSError("the child's disk is full")
        path.write_text("written here", encoding="utf-8")

    return write


def test_a_file_the_child_failed_to_write_is_written_here(tmp_path: Path) -> None:
    from catalog_sync.reports.parallel import WrittenAhead

    early = WrittenAhead(_write_in_child_only(os.getpid()), tmp_path / "runs", "f.ttl")
    assert early.place(tmp_path / "f.ttl") == {}
    assert (tmp_path / "f.ttl").read_text(encoding="utf-8") == "written here"
    early.close()
    assert list((tmp_path / "runs").iterdir()) == []


def test_a_file_written_ahead_and_never_placed_is_removed(tmp_path: Path) -> None:
    """A run that fails after the fork: close() ends the child and removes what it wrote."""
    import threading

    from catalog_sync.reports.parallel import WrittenAhead

    def slow(path: Path) -> None:
        path.write_text("partial", encoding="utf-8")
        threading.Event().wait(60)

    early = WrittenAhead(slow, tmp_path / "runs", "f.ttl")
    for _ in range(200):  # until the child has begun its file
        if any((tmp_path / "runs").iterdir()):
            break
        threading.Event().wait(0.05)
    assert any((tmp_path / "runs").iterdir())
    early.close()
    assert list((tmp_path / "runs").iterdir()) == []


def test_making_a_report_current_syncs_its_files_not_the_folder_s_others(
    tmp_path: Path, monkeypatch
) -> None:
    """The link's rename is made durable by syncing the parent folder itself; the user's own
    files beside --out are none of the report's business (they were all fsynced once)."""
    from catalog_sync.reports import output

    synced: list[Path] = []
    monkeypatch.setattr(output, "fsync_file", lambda p: synced.append(Path(p)))
    (tmp_path / "unrelated.bin").write_bytes(b"x" * 1000)
    with output.report_generation(tmp_path / "out") as generation:
        (generation / "a.csv").write_text("a", encoding="utf-8")
    assert set(synced) == {generation / "a.csv", generation, generation.parent, tmp_path}
