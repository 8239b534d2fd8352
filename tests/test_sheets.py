"""Workbooks with a table on each of several sheets: a list a sheet per department, work orders
a sheet per month, a decision's annexes a sheet each, a 填表说明 or hidden 字典 sheet first.
Every sheet whose header is found is read, each row named by its sheet (file#sheet); a sheet
holding cells and no header is named in a warning."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import write_csv

from catalog_sync.cli import cli
from catalog_sync.errors import SourceError
from catalog_sync.mappings import load_mapping
from catalog_sync.sources import tabular
from catalog_sync.sources.decisions import load_decisions
from catalog_sync.sources.implementation_list import load_list
from catalog_sync.sources.tabular import read_tables
from catalog_sync.sources.work_orders import open_work_orders

MAPPING = load_mapping()
LIST_HEADER = ["实施编码", "事项名称", "实施主体"]
CODE = "11511602AB{:04d}-511602-{:03d}"


def code(n: int) -> str:
    return CODE.format(n, n)


def workbook(path: Path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()):
    """A workbook of the sheets, in order (an empty list: an empty sheet)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def test_every_sheet_with_a_header_is_read_and_names_its_rows(tmp_path: Path) -> None:
    """A list a sheet per department behind a 填表说明 sheet and a hidden 字典 sheet: both
    departments' items are read, each named list.xlsx#<sheet>; the sheets without a header
    are named in a warning said on stderr; the empty one is passed over."""
    path = workbook(
        tmp_path / "list.xlsx",
        {
            "填表说明": [["填表说明"], ["1. 实施编码按省平台生成"]],
            "字典": [["事项类型"], ["行政许可"], ["行政确认"]],
            "区公安分局": [LIST_HEADER, [code(1), "甲", "区公安分局"], ["", "乙", "区公安分局"]],
            "区教育局": [["区教育局实施清单"], LIST_HEADER, [code(2), "丙", "区教育局"]],
            "Sheet3": [],
        },
        hidden=("字典",),
    )
    loaded = load_list(path, "list.xlsx", MAPPING, {})
    assert [(i.ref.file, i.ref.row, i.name) for i in loaded.records] == [
        ("list.xlsx#区公安分局", 2, "甲"),
        ("list.xlsx#区教育局", 3, "丙"),
    ]
    assert [(r.file, r.row) for r in loaded.rejected] == [("list.xlsx#区公安分局", 3)]
    assert loaded.file == "list.xlsx" and loaded.rows_read == 3
    assert loaded.sheets == ["list.xlsx#区公安分局", "list.xlsx#区教育局"]
    said = [w for w in loaded.warnings if isinstance(w, tabular.Said)]
    assert [w.split(" skipped: ")[0] for w in said] == [
        "list.xlsx: sheet '填表说明'",
        "list.xlsx: sheet '字典'",
    ]
    assert "no header row found in the first 30 rows" in said[0]


def test_a_workbook_of_one_table_on_its_first_sheet_keeps_its_name(tmp_path: Path) -> None:
    """The usual export: the table on the first sheet, the others empty or without a header.
    Its rows are named as the file (finding ids as before); a table on a later sheet alone is
    named by its sheet, as a person opening the workbook would not find it on the first."""
    first = workbook(
        tmp_path / "first.xlsx",
        {"清单": [LIST_HEADER, [code(1), "甲", "局"]], "Sheet2": [], "备注": [["注：无"]]},
    )
    (table,) = read_tables(first, "first.xlsx", "list", MAPPING)
    assert (table.file, table.sheet, [n for n, _ in table.rows]) == ("first.xlsx", "清单", [2])
    later = workbook(
        tmp_path / "later.xlsx",
        {"说明": [["说明：见第二页"]], "清单": [LIST_HEADER, [code(1), "甲"]]},
    )
    (table,) = read_tables(later, "later.xlsx", "list", MAPPING)
    assert table.file == "later.xlsx#清单"


def test_no_sheet_with_a_header_names_the_sheets_looked_at(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "list.xlsx",
        {"填表说明": [["填表说明"]], "清单": [["编码", "事项名称"], ["x", "甲"]], "空": []},
    )
    with pytest.raises(SourceError) as e:
        read_tables(path, "list.xlsx", "list", MAPPING)
    assert str(e.value).startswith(
        "list.xlsx: none of its sheets has a header ('填表说明', '清单' looked at): sheet '清单' "
        "row 1: required column 实施编码 (task_code) is absent from the header"
    )
    empty = workbook(tmp_path / "empty.xlsx", {"Sheet1": [], "Sheet2": []})
    with pytest.raises(SourceError, match=r"empty.xlsx: is empty \(none of its 2 sheets"):
        read_tables(empty, "empty.xlsx", "list", MAPPING)
    one = workbook(tmp_path / "one.xlsx", {"Sheet1": [], "清单": [["编码", "名称"], ["x", "y"]]})
    with pytest.raises(SourceError, match=r"^one.xlsx#清单: no header row found"):
        read_tables(one, "one.xlsx", "list", MAPPING)


def test_work_orders_a_sheet_per_month_are_all_read(tmp_path: Path) -> None:
    """Work orders in sheets 1月, 2月, 3月: a part per sheet, each row and rejection named by
    its sheet, the notes under a month's rows rejected as notes."""
    header = ["办件编号", "实施编码", "受理时间", "受理部门"]
    path = workbook(
        tmp_path / "wo.xlsx",
        {
            "1月": [header, ["WO-1", code(1), "2026-01-05", "局"], ["合计", "1件"]],
            "2月": [header, ["WO-2", code(2), "2026-02-05", "局"], ["WO-3", code(3), "x", "局"]],
            "3月": [header, ["WO-4", code(4), "2026-03-05", "局"]],
        },
    )
    con = duckdb.connect()
    source = open_work_orders(con, [(path, "wo.xlsx")], MAPPING, tmp_path / "w", fast=True)
    assert source.files == ["wo.xlsx#1月", "wo.xlsx#2月", "wo.xlsx#3月"]
    rows = con.execute("SELECT src_file, src_row, order_no FROM work_orders ORDER BY 3").fetchall()
    assert rows == [
        ("wo.xlsx#1月", 2, "WO-1"),
        ("wo.xlsx#2月", 2, "WO-2"),
        ("wo.xlsx#2月", 3, "WO-3"),
        ("wo.xlsx#3月", 2, "WO-4"),
    ]
    assert [(r.file, r.row, r.reason[:10]) for r in source.rejected] == [
        ("wo.xlsx#1月", 3, "is a total")
    ]
    assert source.rows == {"wo.xlsx#1月": 2, "wo.xlsx#2月": 2, "wo.xlsx#3月": 1}


def test_a_decision_annex_a_sheet_each_takes_its_action_from_the_sheet(tmp_path: Path) -> None:
    """附件1 取消 and 附件2 下放 on two sheets, no 处理决定 column: each row's action is its
    sheet's."""
    header = ["文号", "发布日期", "生效日期", "序号", "项目名称", "审批部门"]
    row = ["国发〔2026〕99号", "2026-03-01", "2026-03-01", 1]
    path = workbook(
        tmp_path / "国发〔2026〕99号.xlsx",
        {
            "附件1 取消": [header, [*row, "甲许可", "部"]],
            "附件2 下放": [header, [*row, "乙许可", "部"]],
        },
    )
    loaded = load_decisions(path, "d.xlsx", MAPPING)
    assert [(d.ref.file, d.name, d.action) for d in loaded.records] == [
        ("d.xlsx#附件1 取消", "甲许可", "cancel"),
        ("d.xlsx#附件2 下放", "乙许可", "delegate"),
    ]


def test_a_code_listed_on_two_sheets_names_the_sheet_kept(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "list.xlsx",
        {"甲局": [LIST_HEADER, [code(1), "甲"]], "乙局": [LIST_HEADER, [code(1), "甲"]]},
    )
    loaded = load_list(path, "list.xlsx", MAPPING, {})
    assert [(r.file, r.row, r.reason) for r in loaded.rejected] == [
        ("list.xlsx#乙局", 2, f"duplicate 实施编码 {code(1)}; list.xlsx#甲局 row 2 kept")
    ]


def test_the_cell_limit_spans_every_sheet(tmp_path: Path, monkeypatch) -> None:
    """MAX_CELLS bounds the cells kept over all the sheets together, not each."""
    rows = [LIST_HEADER, *([code(n), "甲", "局"] for n in range(1, 6))]  # 18 cells a sheet
    path = workbook(tmp_path / "list.xlsx", {"a": rows, "b": rows})
    monkeypatch.setattr(tabular, "MAX_CELLS", 30)
    with pytest.raises(SourceError, match="holds more than 30 cells; split the file"):
        read_tables(path, "list.xlsx", "list", MAPPING)


def test_a_run_names_the_sheet_of_each_row(tmp_path: Path) -> None:
    """End to end: the rejected rows and the findings of a two-sheet list, and of work orders a
    sheet per month, name their sheet; run.json lists each workbook once, its sheets read under
    it, hashed."""
    folder = tmp_path / "in"
    catalogue = write_csv(
        folder / "catalogue.csv", [["基本编码", "事项名称"], ["000101001000", "企业投资项目核准"]]
    )
    decisions = write_csv(
        folder / "decisions.csv",
        [
            ["文号", "生效日期", "事项名称", "处理决定"],
            ["国发〔2026〕1号", "2026-01-01", "无", "取消"],
        ],
    )
    lst = workbook(
        folder / "list.xlsx",
        {
            "甲局": [LIST_HEADER, ["11511602AB0001-511602-001", "企业投资项目核准", "甲局"]],
            "乙局": [LIST_HEADER, ["", "未编码事项", "乙局"], [code(9), "某未知事项", "乙局"]],
        },
    )
    header = ["办件编号", "实施编码", "受理时间", "受理部门"]
    orders = workbook(
        folder / "wo.xlsx",
        {
            "1月": [header, ["WO-1", "X1", "2026-01-05", "局"]],
            "2月": [header, ["WO-2", "11511602AB0001-511602-001", "2026-02-30", "局"]],
        },
    )
    out = tmp_path / "out"
    args = ["diff", "--catalogue", str(catalogue), "--list", str(lst), "--decisions"]
    args += [str(decisions), "--out", str(out), "--as-of", "2026-10-01", "--format", "json"]
    args += ["--work-orders", str(orders)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    rejected = json.loads((out / "rejected_rows.json").read_text(encoding="utf-8"))
    assert [(r["file"], r["row"]) for r in rejected] == [(f"{lst}#乙局", 2), (f"{orders}#2月", 2)]
    unlinked = json.loads((out / "unlinked_work_orders.json").read_text(encoding="utf-8"))
    assert [(r["source_file"], r["source_row"]) for r in unlinked] == [(f"{orders}#1月", 2)]
    unmatched = json.loads((out / "unmatched_list_items.json").read_text(encoding="utf-8"))
    assert [(r["source_file"], r["source_row"]) for r in unmatched] == [(f"{lst}#乙局", 3)]
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    (entry,) = [i for i in run["inputs"] if i["kind"] == "list"]
    assert entry["file"] == str(lst) and entry["sheets"] == [f"{lst}#甲局", f"{lst}#乙局"]
    assert entry["rows_read"] == 3 and "sha256" in entry
    (entry,) = [i for i in run["inputs"] if i["kind"] == "work_orders"]
    assert entry["file"] == str(orders) and entry["sheets"] == [f"{orders}#1月", f"{orders}#2月"]
    assert (entry["rows_read"], entry["rows_rejected"]) == (2, 1) and "sha256" in entry


def test_sheets_are_read_in_the_workbooks_order_not_by_name(tmp_path: Path) -> None:
    """A workbook whose sheets stand 10月, 1月, 11月, 2月 (as a person arranged them) is read in
    that order, never sorted by name (which would put 10月 before 1月, or 1月 first): worked by
    hand, items row 2 of each sheet, named file#sheet, in the workbook's order."""
    sheets = {f"{m}月": [LIST_HEADER, [code(m), f"事项{m}", "区局"]] for m in (10, 1, 11, 2)}
    path = workbook(tmp_path / "list.xlsx", sheets)
    loaded = load_list(path, "list.xlsx", MAPPING, {})
    assert [str(i.ref) for i in loaded.records] == [
        "list.xlsx#10月:2",
        "list.xlsx#1月:2",
        "list.xlsx#11月:2",
        "list.xlsx#2月:2",
    ]
