"""Decision annexes and lists as real exports write them (session 21, hunt 21b), answers worked
out by hand:

1. an annex row with an empty 序号 but its own name and 处理决定 (or 审批部门) is a row of its
   own, not the rest of the row above;
2. a delegation annex's 原实施机关 (原审批部门, 原实施层级) is the row's 审批部门;
3. a list's repeated header whose first cell is empty is the header again, not an item.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import run_on_rows, write_csv

from catalog_sync.documents import Overrides, extract_decision, read_document
from catalog_sync.mappings import load_mapping
from catalog_sync.sources.implementation_list import load_list
from catalog_sync.sources.pages import HEADER_AGAIN
from catalog_sync.sources.tabular import resolve_columns

# 2 -------------------------------------------------------------------------------------------

PORT = [["基本编码", "事项名称", "事项类型"], ["000101001000", "港口经营许可", "行政许可"]]
PORT_ITEMS = [
    ["实施编码", "事项名称", "事项类型", "实施主体", "行政区划代码"],
    ["L1", "港口经营许可", "行政许可", "浙江省交通运输厅", "330000"],
]


def test_the_from_body_of_a_delegation_annex_is_its_department(tmp_path: Path) -> None:
    """原实施机关 beside 下放后实施机关: the row's 审批部门 is 省交通运输厅 (the body the matter
    is taken from), and the delegation to 设区市 is read as before (the province's item is a
    finding, decision_department 省交通运输厅). Until session 21 the column was not read."""
    header = ["文号", "发布日期", "事项名称", "原实施机关", "处理决定", "下放后实施机关"]
    row = ["浙政发〔2020〕1号", "2020-01-01", "港口经营许可", "省交通运输厅", "下放"]
    row.append("设区市交通运输局")
    result = run_on_rows(tmp_path, PORT, PORT_ITEMS, [header, row])
    rows = [r for r in result.tables["delegated_items"].rows if r["source"] == "list"]
    assert [(r["item_code"], r["decision_department"]) for r in rows] == [("L1", "省交通运输厅")]


def test_from_level_and_from_body_columns_read_as_the_department() -> None:
    """原审批部门 and 原实施层级 name the same 'from' side; the body, earlier in the mapping,
    wins over the level. 下放后实施层级 stays the 'to' side."""
    aliases = load_mapping().aliases("decisions")
    got = resolve_columns(["事项名称", "原实施层级", "原审批部门", "下放后实施层级"], aliases)
    assert got == {"name": 0, "department": 2, "delegated_to": 3}
    got = resolve_columns(["事项名称", "原实施层级", "处理决定"], aliases)
    assert got == {"name": 0, "department": 1, "action": 2}


# 3 -------------------------------------------------------------------------------------------

LIST_HEADER = ["序号", "实施编码", "事项名称", "事项类型", "实施主体"]
PAGED = [
    LIST_HEADER,
    ["1", "L1", "食品经营许可", "行政许可", "区市场监督管理局"],
    ["", *LIST_HEADER[1:]],  # page 2: the header again, its 序号 cell left empty
    ["", "L2", "公共场所卫生许可", "行政许可", "区卫生健康局"],  # an item without 序号
    ["3", "L3", "食品生产许可", "行政许可", "区市场监督管理局"],
]


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_repeated_header_with_its_first_cell_empty_is_no_item(tmp_path: Path, kind: str) -> None:
    """The header written again with an empty 序号 (row 3) is rejected as the header again,
    never read as an item coded 实施编码 named 事项名称 (until session 21 the quick pre-test
    let it through as a plain row). Negative: row 4, an item with no 序号, stays an item."""
    path = tmp_path / f"list.{kind}"
    write = write_csv if kind == "csv" else _xlsx
    write(path, PAGED)
    got = load_list(path, path.name, load_mapping())
    assert [i.task_code for i in got.records] == ["L1", "L2", "L3"]
    assert [(r.row, r.reason) for r in got.rejected] == [(3, HEADER_AGAIN)]


# 1 -------------------------------------------------------------------------------------------

ANNEX_HEAD = [["附件1"], ["国务院决定取消和下放的行政许可事项目录（共3项）"]]
ANNEX_HEADER = ["序号", "项目名称", "审批部门", "设定依据", "处理决定"]
PORT_LAW = "《中华人民共和国港口法》"
SCHOOL_LAW = "《中华人民共和国民办教育促进法》"
ANNEX = [
    *ANNEX_HEAD,
    ANNEX_HEADER,
    ["1", "港口经营许可", "交通运输部", PORT_LAW, "取消"],
    # a sub-row whose merged 序号 was lost: its own name and 处理决定
    ["", "危险货物港口作业认可", "交通运输部", PORT_LAW, "下放至设区的市"],
    ["2", "民办职业培训学校设立、", "人力资源社会保障部", SCHOOL_LAW, "取消"],
    ["", "分立审批", "", "《民办教育促进法实施条例》", ""],  # the name and a law continued
    ["3", "棉花加工资格认定", "市场监管总局", "《棉花质量监督管理条例》", "取消"],
]


def _annex(tmp_path: Path, kind: str, rows: list[list[str]]):  # type: ignore[no-untyped-def]
    path = tmp_path / f"annex.{kind}"
    (write_csv if kind == "csv" else _xlsx)(path, rows)
    mapping = load_mapping()
    doc = read_document(path.read_bytes(), path.name, mapping)
    return extract_decision(doc, mapping, Overrides("示例〔2026〕1号", date(2026, 1, 5)))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_unnumbered_row_with_its_own_decision_is_a_row_of_its_own(
    tmp_path: Path, kind: str
) -> None:
    """The row under 序号 1 has no 序号 but its own name and 处理决定 (下放): it is a row of its
    own, not '港口经营许可危险货物港口作业认可' with '取消下放至设区的市' (until session 21). It is
    part of entry 1: the annex's 共3项 is met, no warning. The row under 序号 2 carries only the
    rest of its name and a law: joined as before (negative)."""
    got = _annex(tmp_path, kind, ANNEX)
    assert [(r.seq, r.name, r.action) for r in got.rows] == [
        ("1", "港口经营许可", "取消"),
        ("", "危险货物港口作业认可", "下放至设区的市"),
        ("2", "民办职业培训学校设立、分立审批", "取消"),
        ("3", "棉花加工资格认定", "取消"),
    ]
    assert got.rows[2].by_law == f"{SCHOOL_LAW}\n《民办教育促进法实施条例》"
    assert not got.warnings and not got.rejected


def test_an_unnumbered_row_running_on_from_the_row_above_is_joined_and_noted(
    tmp_path: Path,
) -> None:
    """Negative: under 民办职业培训学校设立、 (ending in 、, the name goes on) a row with its own
    name and 审批部门 reads as the rest of it: joined, as before, and noted with its place, so
    nothing is lost and a person can look."""
    rows = [*ANNEX[:4], ANNEX[5], ["", "分立审批", "人力资源社会保障部", "", ""], ANNEX[7]]
    got = _annex(tmp_path, "csv", rows)
    assert [r.name for r in got.rows] == [
        "港口经营许可",
        "民办职业培训学校设立、分立审批",
        "棉花加工资格认定",
    ]
    assert [n for n in got.notes if "分立审批" in n] == [
        "table row 6: '分立审批' has no 序号 but its own 项目名称、审批部门; it reads as "
        "the rest of the row above, so it is joined to it: check the annex"
    ]


# a 处理决定 broken over two rows, its rest in the name column -----------------------------

CLAUSE = (
    "no 序号, only a 项目名称 '{text}', which reads as the rest of the 处理决定 above "
    "('{action}'), not of its name: not joined, check the annex"
)


@pytest.mark.parametrize(
    ("action", "text"),
    [
        ("取消审批，", "改由县级人民政府实施"),  # the 处理决定 above runs on
        ("下放至设区的市", "，由设区的市人民政府负责"),  # it opens a clause
        ("取消", "改为备案管理"),  # it opens with a word a 处理决定 opens with
    ],
)
def test_the_rest_of_a_decision_in_the_name_column_is_not_joined_to_the_name(
    tmp_path: Path, action: str, text: str
) -> None:
    """A PDF export broke the 处理决定 of row 2 over two rows and put its second half in the
    name column of an unnumbered row: joined, it made the name 民办职业培训学校设立审批改由…
    (until session 22). The row is rejected with its reason; row 2 keeps its name."""
    rows = [*ANNEX[:4], ["2", "民办职业培训学校设立审批", "人力资源社会保障部", SCHOOL_LAW, action]]
    rows += [["", text, "", "", ""], ANNEX[7]]
    got = _annex(tmp_path, "csv", rows)
    assert [(r.name, r.action) for r in got.rows] == [
        ("港口经营许可", "取消"),
        ("民办职业培训学校设立审批", action),
        ("棉花加工资格认定", "取消"),
    ]
    assert [(r.where, r.reason) for r in got.rejected] == [
        ("附件1 table row 6", CLAUSE.format(text=text, action=action))
    ]


def test_the_rest_of_a_name_without_a_mark_is_joined_as_before(tmp_path: Path) -> None:
    """Negative: 设立审批 under 出版物批发单位 (取消, complete) is the rest of the name, broken
    with no mark: joined as before, nothing rejected."""
    rows = [*ANNEX[:4], ["2", "出版物批发单位", "新闻出版署", "《出版管理条例》", "取消"]]
    rows += [["", "设立审批", "", "", ""], ANNEX[7]]
    got = _annex(tmp_path, "csv", rows)
    assert [r.name for r in got.rows][1] == "出版物批发单位设立审批"
    assert not got.rejected
