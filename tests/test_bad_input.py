"""`catalog-sync diff` given one bad input at a time: one line on stderr, exit 2, no report.

Each test starts from a good run's inputs (a catalogue of 3 matters, a list of 4 items and a
decision of 2 rows) and spoils one of them.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import write_csv

from catalog_sync.cli import cli

CATALOGUE = [
    ["基本编码", "事项名称", "事项类型", "主管部门"],
    ["000101001000", "企业投资项目核准", "行政许可", "发展改革委"],
    ["000201002000", "公共场所卫生许可", "行政许可", "卫生健康委"],
    ["000301003000", "学生资助政策咨询", "公共服务", "教育部门"],
]
LIST = [
    ["实施编码", "基本编码", "事项名称", "事项类型", "实施主体", "行政区划代码"],
    ["11511602AB0001-511602-001", "000101001000", "企业投资项目核准", "行政许可", "区发展改革局",
     "511602000000"],
    ["11511602AB0002-511602-002", "000201002000", "公共场所卫生许可", "行政许可", "区卫生健康局",
     "511602000000"],
    ["11511602AB0003-511602-003", "000301003000", "学生资助政策咨询", "公共服务", "区教育局",
     "511602000000"],
    ["11511602AB0004-511602-004", "", "农村宅基地审批", "行政许可", "区农业农村局",
     "511602000000"],
]  # fmt: skip
DECISIONS = [
    ["文号", "发布日期", "生效日期", "事项名称", "审批部门", "处理决定"],
    ["国发〔2026〕1号", "2026-08-15", "2026-09-01", "公共场所卫生许可", "卫生健康委", "取消"],
    ["", "", "", "企业投资项目核准", "发展改革委", "下放"],
]


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    return {
        "catalogue": write_csv(folder / "catalogue.csv", CATALOGUE),
        "list": write_csv(folder / "list.csv", LIST),
        "decisions": write_csv(folder / "decisions.csv", DECISIONS),
    }


def invoke(
    runner: CliRunner, inputs: dict[str, Path], out: Path, *extra: str, **override: Path
) -> Result:
    files = {**inputs, **override}
    args = ["diff", "--catalogue", str(files["catalogue"]), "--list", str(files["list"])]
    args += ["--decisions", str(files["decisions"]), "--out", str(out)]
    if "--as-of" not in extra:
        args += ["--as-of", "2026-10-01"]
    return runner.invoke(cli, [*args, *extra])


def assert_clean_failure(result: Result, out: Path, *needles: str) -> str:
    """Exit 2, one stderr line naming what is wrong, nothing on stdout, no report at all."""
    assert result.exit_code == 2, result.output
    # Only the CLI's own sys.exit(2), never an exception escaping it.
    assert isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("catalog-sync: error: ")
    for needle in needles:
        assert needle in line, (needle, line)
    assert not out.exists() or not any(out.iterdir())
    assert list(out.parent.glob(f".{out.name}.tmp-*")) == []
    return line


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_good_inputs_run(runner, inputs, tmp_path):
    # The baseline the other tests spoil: 公共场所卫生许可 is cancelled from 2026-09-01 and is
    # still in the catalogue (row 3) and the list (row 3); 企业投资项目核准 is delegated from
    # 发展改革委 (the State Council's: the catalogue's row 2; the county's list row 2 never held
    # that power); 农村宅基地审批 has no 基本编码 and matches nothing: 2 + 1 + 1 = 4.
    out = tmp_path / "out"
    result = invoke(runner, inputs, out)
    assert result.exit_code == 1, result.output
    assert result.stderr == ""
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["catalogue_items"] == 3
    assert summary["list_items"] == 4
    assert summary["decision_items"] == 2
    assert summary["cancelled_still_listed"] == 2
    assert summary["delegated_items"] == 1
    assert summary["unmatched_list_items"] == 1
    assert summary["discrepancies"] == 4
    assert list(tmp_path.glob(".out.tmp-*")) == []


def test_missing_file(runner, inputs, tmp_path):
    missing = tmp_path / "in" / "no-such-list.csv"
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, list=missing)
    line = assert_clean_failure(result, out, str(missing))
    assert line == f"catalog-sync: error: {missing}: file not found"


@pytest.mark.parametrize(
    "content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n  \r\n"], ids=["zero-bytes", "bom-only", "blank"]
)
def test_empty_file(runner, inputs, tmp_path, content):
    empty = tmp_path / "in" / "empty.csv"
    empty.write_bytes(content)
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, catalogue=empty)
    line = assert_clean_failure(result, out, str(empty))
    assert line == f"catalog-sync: error: {empty}: is empty"


def test_an_xlsx_whose_first_sheet_is_empty_is_read_on_its_table_sheet(runner, inputs, tmp_path):
    """The table on the second sheet is read (until session 17: 'is empty'; until session 18:
    'only the first sheet is read'), its rows named list.xlsx#清单; an empty sheet is passed
    over without a word."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "说明"
    data = book.create_sheet("清单")
    for row in LIST:
        data.append(row)
    path = tmp_path / "in" / "list.xlsx"
    book.save(path)
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, list=path)
    assert result.exit_code == 1, result.output
    assert result.stderr == ""
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["list_items"] == 4
    cancelled = json.loads((out / "cancelled_still_listed.json").read_text(encoding="utf-8"))
    assert {r["source_file"] for r in cancelled} >= {f"{path}#清单"}


def test_header_only_catalogue_is_refused(runner, inputs, tmp_path):
    # No matters: every list item would be reported unmatched, from an export that failed
    header_only = write_csv(tmp_path / "in" / "header-only.csv", CATALOGUE[:1])
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, catalogue=header_only)
    line = assert_clean_failure(result, out, str(header_only))
    assert line.endswith("holds a header and no rows: the basic catalogue is empty")


@pytest.mark.parametrize("role", ["catalogue", "list", "work-orders"])
def test_a_pipe_given_as_an_input_is_refused_not_waited_on(runner, inputs, tmp_path, role):
    """Opening a pipe waits for a writer, for ever: it is refused before it is opened."""
    import os

    fifo = tmp_path / "in" / "pipe.csv"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    if role == "work-orders":
        result = invoke(runner, inputs, out, "--work-orders", str(fifo))
    else:
        result = invoke(runner, inputs, out, **{role: fifo})
    line = assert_clean_failure(result, out, str(fifo))
    assert line.endswith(
        "is not a regular file (a pipe, socket or device); save it to a file first"
    )


def test_xlsx_that_is_really_text(runner, inputs, tmp_path):
    fake = tmp_path / "in" / "catalogue.xlsx"
    fake.write_bytes(inputs["catalogue"].read_bytes())
    out = tmp_path / "out"
    line = assert_clean_failure(invoke(runner, inputs, out, catalogue=fake), out, str(fake))
    assert "not an XLSX workbook" in line


def test_truncated_xlsx(runner, inputs, tmp_path):
    broken = tmp_path / "in" / "catalogue.xlsx"
    broken.write_bytes(b"PK\x03\x04" + random.Random(1).randbytes(500))
    out = tmp_path / "out"
    line = assert_clean_failure(invoke(runner, inputs, out, catalogue=broken), out, str(broken))
    assert "not a readable XLSX workbook" in line


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (random.Random(7).randbytes(2048), ": contains NUL bytes"),
        (b"\x80\xff" * 100, " row 1: bytes at offset 0 are not UTF-8 or GB18030/GBK text"),
    ],
    ids=["random", "high-bytes"],
)
def test_binary_bytes_named_csv(runner, inputs, tmp_path, data, where):
    binary = tmp_path / "in" / "list.csv"
    binary.write_bytes(data)
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, list=binary)
    assert_clean_failure(result, out, f"{binary}{where}")


def test_list_without_task_code_column(runner, inputs, tmp_path):
    no_code = write_csv(
        tmp_path / "in" / "list.csv",
        [["事项名称", "实施主体"], ["企业投资项目核准", "区发展改革局"]],
    )
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, list=no_code)
    assert_clean_failure(result, out, f"{no_code} row 1: required column 实施编码 (task_code)")


def test_decision_with_unparsable_date(runner, inputs, tmp_path):
    bad = write_csv(
        tmp_path / "in" / "decisions.csv",
        [
            *DECISIONS,
            ["国发〔2026〕2号", "2026-08-15", "2026年13月", "学生资助政策咨询", "", "取消"],
        ],
    )
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, decisions=bad)
    line = assert_clean_failure(result, out, f"{bad} row 4 column 生效日期: ")
    assert "2026年13月" in line


def test_bad_as_of(runner, inputs, tmp_path):
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, "--as-of", "2026-02-30")
    assert_clean_failure(result, out, "--as-of '2026-02-30'")


def test_unknown_format(runner, inputs, tmp_path):
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, "--format", "csv,pdf")
    assert_clean_failure(result, out, "--format", "unknown format pdf")


@pytest.mark.parametrize(
    ("option", "name", "file", "said"),
    [
        ("catalogue", "catalogue-folder", "notes.doc", ""),
        ("list", "lists", "readme.doc", "folder holds no implementation-list files"),
    ],
)
def test_input_folder_without_tables(runner, inputs, tmp_path, option, name, file, said):
    """A folder given for an input whose only file is no table: refused, the folder named."""
    folder = tmp_path / "in" / name
    folder.mkdir()
    (folder / file).write_text("not a table", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, **{option: folder})
    assert_clean_failure(result, out, f"{folder}: {said}")


def test_out_is_a_file(runner, inputs, tmp_path):
    out = tmp_path / "out"
    out.write_text("keep me", encoding="utf-8")
    result = invoke(runner, inputs, out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"catalog-sync: error: output directory {out} exists and is a file; choose another --out"
    ]
    assert out.read_text(encoding="utf-8") == "keep me"
    assert list(tmp_path.glob(".out.tmp-*")) == []


def test_out_below_a_file_names_the_file(runner, inputs, tmp_path):
    """--out report.csv/sub: the parent is a file (until session 17: 'File exists')."""
    parent = tmp_path / "report.csv"
    parent.write_text("keep me", encoding="utf-8")
    out = parent / "sub"
    result = invoke(runner, inputs, out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"catalog-sync: error: output directory {out}: {parent} is a file, not a folder; "
        "choose another --out"
    ]
    assert parent.read_text(encoding="utf-8") == "keep me"


def test_failed_run_leaves_previous_report_untouched(runner, inputs, tmp_path):
    out = tmp_path / "out"
    first = invoke(runner, inputs, out)
    assert first.exit_code == 1, first.output
    before = snapshot(out)
    assert "summary.json" in before and "cancelled_still_listed.csv" in before

    bad = write_csv(
        tmp_path / "in" / "bad-decisions.csv",
        [
            DECISIONS[0],
            ["国发〔2026〕2号", "2026-08-15", "2026/13/01", "学生资助政策咨询", "", "取消"],
        ],
    )
    second = invoke(runner, inputs, out, decisions=bad)
    assert second.exit_code == 2
    assert second.stderr.startswith(f"catalog-sync: error: {bad} row 2 column 生效日期: ")
    assert snapshot(out) == before
    assert list(tmp_path.glob(".out.tmp-*")) == []


WORK_ORDERS = [
    ["办件编号", "实施编码", "受理部门", "受理时间"],
    ["WO-1", "11511602AB0001-511602-001", "区发展改革局", "2026-09-02"],
]


@pytest.mark.parametrize(
    ("given_as", "content", "needle"),
    [
        ("list", WORK_ORDERS, "looks like a work-order file (办件编号, 受理时间): did you mean "
         "--work-orders?"),
        ("catalogue", LIST, "looks like an implementation-list file (实施编码, 事项名称): did you "
         "mean --list?"),
        ("list", CATALOGUE, "looks like a catalogue file (基本编码, 事项名称): did you mean "
         "--catalogue?"),
        ("list", DECISIONS, "looks like a decision file (处理决定, 事项名称): did you mean "
         "--decisions?"),
        ("decisions", LIST, "did you mean --list?"),
    ],
)  # fmt: skip
def test_a_file_of_another_kind_is_named(runner, inputs, tmp_path, given_as, content, needle):
    wrong = write_csv(tmp_path / "wrong.csv", content)
    out = tmp_path / "out"
    line = assert_clean_failure(invoke(runner, inputs, out, **{given_as: wrong}), out, needle)
    assert "wrong.csv row 1:" in line


def test_a_list_given_as_work_orders_is_named(runner, inputs, tmp_path):
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, "--work-orders", str(inputs["list"]))
    assert_clean_failure(result, out, "looks like an implementation-list file", "--list?")


def test_licence_and_text_without_a_table_in_a_folder_are_skipped(runner, inputs, tmp_path):
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "list.csv").write_bytes(inputs["list"].read_bytes())
    (folder / "LICENSE-data.txt").write_text("Apache License\nVersion 2.0\n", encoding="utf-8")
    (folder / "README.md.txt").write_text("# read me\n", encoding="utf-8")
    (folder / "notes.txt").write_text("说明：本目录为实施清单\n无表格\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, list=folder)
    assert result.exit_code == 1, result.output  # the same findings as test_good_inputs_run
    assert result.stderr.splitlines() == [
        f"catalog-sync: note: {folder / 'LICENSE-data.txt'}: skipped, a licence or read-me file",
        f"catalog-sync: note: {folder / 'README.md.txt'}: skipped, a licence or read-me file",
        f"catalog-sync: note: {folder / 'notes.txt'}: skipped, no table found in this text file",
    ]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["list_items"] == 4 and summary["cancelled_still_listed"] == 2


def test_what_a_folder_holds_and_is_not_read_is_named_in_a_warning(runner, inputs, tmp_path):
    """An .xls or WPS .et workbook, a subfolder and a document in a folder given as --list are
    not read: each is named on stderr (and in summary.json's warnings) with why, not skipped
    silently; Office's lock file and hidden files hold no rows and are passed over."""
    folder = tmp_path / "lists"
    (folder / "乡镇").mkdir(parents=True)
    (folder / "list.csv").write_bytes(inputs["list"].read_bytes())
    (folder / "乡镇" / "town.csv").write_bytes(inputs["list"].read_bytes())
    (folder / "dept.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60))
    (folder / "dept.et").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60))
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "~$list.xlsx").write_bytes(b"lock")
    (folder / ".DS_Store").write_bytes(b"")
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, "--lang", "en", list=folder)
    assert result.exit_code == 1, result.output
    read = ".csv, .txt, .xlsx, .xlsm, .json, .tsv"
    said = [
        f"{folder / 'dept.et'}: skipped, a .et workbook is not read: save it as .xlsx/.csv",
        f"{folder / 'dept.xls'}: skipped, a .xls workbook is not read: save it as .xlsx/.csv",
        f"{folder / 'notes.docx'}: skipped, not a table file (.docx): {read} files are read",
        f"{folder / '乡镇'}: skipped, a folder inside the folder: its files are not read (name "
        "it on its own)",
    ]
    assert result.stderr.splitlines() == [f"catalog-sync: warning: {w}" for w in said]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [w for w in summary["warnings"] if "skipped" in w] == said
    assert summary["list_items"] == 4
    zh = invoke(runner, inputs, tmp_path / "zh", list=folder)
    assert f"{folder / 'dept.xls'}：已跳过，.xls 工作簿不能读取：请另存为" in zh.stderr


def test_order_numbers_that_lost_digits_are_said_on_stderr(runner, inputs, tmp_path):
    """办件编号 of 20 digits stored as numbers keep 15: the run goes on and says so."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["办件编号", "实施编码", "受理时间"])
    for n in (1, 2):
        wb.active.append([11511602202603051000 + n, "11511602AB0001-511602-001", "2026-09-10"])
    orders = tmp_path / "wo.xlsx"
    wb.save(orders)
    result = invoke(runner, inputs, tmp_path / "out", "--lang", "en", "--work-orders", str(orders))
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"catalog-sync: warning: {orders}: column A (办件编号) holds 2 numbers of more than 15 "
        "digits: Excel keeps 15 significant digits, so the digits after them were lost (read "
        "as zeros) and rows whose numbers agree in those can no longer be told apart; "
        "store codes as text"
    ]


def test_a_folder_of_xls_workbooks_names_them_in_its_error(runner, inputs, tmp_path):
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "dept.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60))
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, list=folder)
    assert_clean_failure(
        result, out, "folder holds no implementation-list files", "dept.xls: skipped, a .xls"
    )


def test_a_named_text_file_without_a_table_still_stops_the_run(runner, inputs, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("说明\n", encoding="utf-8")
    out = tmp_path / "out"
    assert_clean_failure(invoke(runner, inputs, out, list=notes), out, "no header row found")


def test_a_header_wider_than_the_column_limit_is_refused_not_cut(runner, inputs, tmp_path):
    """README's limits: 16,384 columns (Excel's) and the file is refused, not read in part."""
    wide = [[*CATALOGUE[0], *(f"列{n}" for n in range(16_384))], [*CATALOGUE[1], *[""] * 16_384]]
    catalogue = write_csv(tmp_path / "in" / "wide.csv", wide)
    out = tmp_path / "out"
    result = invoke(runner, inputs, out, catalogue=catalogue)
    line = assert_clean_failure(result, out, str(catalogue))
    assert line.endswith("row 1: has more than 16,384 columns; split the file")
