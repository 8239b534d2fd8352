"""Decision files in the wordings real annexes use (session 23, hunt h23b), answers worked out
by hand:

1. a provincial annex naming 事项名称 and 子项名称 in two columns decides on the 子项 alone, and
   `decisions import` keeps that column and a receiving body under 承接单位;
2. the 证照分离 改革全覆盖 lists name their matters under 改革事项.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import write_csv
from test_decision_reach import CATALOGUE_HEADER, LIST_HEADER, _item

from catalog_sync import vocab
from catalog_sync.cli import cli
from catalog_sync.mappings import load_mapping
from catalog_sync.pipeline import Result, RunConfig, Source, run
from catalog_sync.sources.decisions import sub_item_read

PROVINCE_HEADER = [
    "文号",
    "发布日期",
    "序号",
    "事项名称",
    "子项名称",
    "原实施层级",
    "调整方式",
    "承接单位",
]


def _run(
    folder: Path,
    catalogue: list[list[str]],
    items: list[list[str]],
    decision_header: list[str],
    decisions: list[list[str]],
    decision_file: str = "decisions.csv",
) -> Result:
    write_csv(folder / "catalogue.csv", [CATALOGUE_HEADER, *catalogue])
    write_csv(folder / "list.csv", [LIST_HEADER, *items])
    if decision_file.endswith(".xlsx"):
        wb = openpyxl.Workbook()
        ws = wb.active
        for row in [decision_header, *decisions]:
            ws.append(row)
        wb.save(folder / decision_file)
    else:
        write_csv(folder / decision_file, [decision_header, *decisions])
    return run(
        RunConfig(
            catalogue=Source(folder / "catalogue.csv", "catalogue.csv"),
            lists=[Source(folder / "list.csv", "list.csv")],
            decisions=[Source(folder / decision_file, decision_file)],
            as_of=date(2026, 11, 1),
        )
    )


def _table(result: Result, table: str) -> list[str]:
    rows = result.tables[table].rows
    assert not [r["evidence"] for r in rows if vocab.untranslated("evidence", r["evidence"])]
    return sorted(r["item_code"] for r in rows)


# 1 -------------------------------------------------------------------------------------------

SCHOOL = "民办职业培训学校设立、分立、合并、变更及终止审批"
SCHOOL_CATALOGUE = [
    ["000106010000", SCHOOL, "行政许可", "人力资源社会保障部门", "", ""],
    ["000106010001", "民办职业培训学校设立审批", "行政许可", "", "000106010000", ""],
    ["000106010002", "民办职业培训学校分立、合并审批", "行政许可", "", "000106010000", ""],
    ["000106010003", "民办职业培训学校变更审批", "行政许可", "", "000106010000", ""],
    ["000106010004", "民办职业培训学校终止审批", "行政许可", "", "000106010000", ""],
    ["000117001000", "医疗机构执业登记", "行政许可", "卫生健康部门", "", ""],
    ["000117001001", "医疗机构执业登记（诊所）", "行政许可", "", "000117001000", ""],
    ["000117001002", "医疗机构执业登记（二级及以下医院）", "行政许可", "", "000117001000", ""],
]
SCHOOL_ITEMS = [
    _item("L1", "民办职业培训学校设立审批", "区人社局", "000106010001"),
    _item("L2", "民办职业培训学校分立、合并审批", "区人社局", "000106010002"),
    _item("L3", "民办职业培训学校变更审批", "区人社局", "000106010003"),
    _item("L4", "民办职业培训学校终止审批", "区人社局", "000106010004"),
    _item("L5", "医疗机构执业登记（诊所）", "区卫健局"),
    _item("L6", "医疗机构执业登记（二级及以下医院）", "区卫健局"),
]


def _province_row(seq: str, name: str, sub: str, action: str = "取消") -> list[str]:
    return ["川府发〔2019〕15号", "2019-06-20", seq, name, sub, "县级", action, ""]


def test_a_provincial_row_naming_a_sub_item_cancels_that_sub_item_only(tmp_path: Path) -> None:
    """序号 1 事项名称 民办职业培训学校设立、分立、合并、变更及终止审批 | 子项名称 民办职业培训学校
    分立、合并审批 | 取消: the 分立、合并 子项 (catalogue 002, list L2) is cancelled; the 主项, its
    设立/变更/终止 子项 and L1, L3, L4 stay. 序号 2 names the 子项 诊所 of 医疗机构执业登记: the
    主项's part, 医疗机构执业登记（诊所） (catalogue 001, L5), never the 二级及以下医院 子项 (L6).
    Until session 23 the 子项名称 column was not read and each row cancelled the whole 主项."""
    decisions = [
        _province_row("1", SCHOOL, "民办职业培训学校分立、合并审批"),
        _province_row("2", "医疗机构执业登记", "诊所"),
    ]
    result = _run(tmp_path, SCHOOL_CATALOGUE, SCHOOL_ITEMS, PROVINCE_HEADER, decisions)
    assert _table(result, "cancelled_still_listed") == ["000106010002", "000117001001", "L2", "L5"]


def test_a_sub_item_with_its_main_written_once_takes_the_main_above(tmp_path: Path) -> None:
    """The 事项名称 written once over its 子项 (blank below, as a CSV export of a merged cell):
    the second row's 子项 变更审批 is read under 民办职业培训学校设立、分立、合并、变更及终止审批,
    as the list's 民办职业培训学校变更审批 (L3) is that 子项 by its code; 终止 (L4) is not named."""
    decisions = [
        _province_row("1", SCHOOL, "民办职业培训学校分立、合并审批"),
        _province_row("2", "", "民办职业培训学校变更审批"),
    ]
    result = _run(tmp_path, SCHOOL_CATALOGUE, SCHOOL_ITEMS, PROVINCE_HEADER, decisions)
    cancelled = _table(result, "cancelled_still_listed")
    assert cancelled == ["000106010002", "000106010003", "L2", "L3"]


@pytest.mark.parametrize("none", ["", "无", "无子项", "不涉及", "/"])
def test_a_row_with_no_sub_item_is_on_the_whole_matter(tmp_path: Path, none: str) -> None:
    """Negative: the same annex, the 子项名称 cell empty or saying there is none (无子项, 不涉及:
    until the session-23 rehunt such a row reached nothing): the row is on the whole 事项, its
    主项 and every 子项 and item cancelled, as before the column was read."""
    decisions = [_province_row("1", SCHOOL, none)]
    result = _run(tmp_path, SCHOOL_CATALOGUE, SCHOOL_ITEMS, PROVINCE_HEADER, decisions)
    cancelled = _table(result, "cancelled_still_listed")
    assert cancelled == [*(f"00010601000{i}" for i in range(5)), "L1", "L2", "L3", "L4"]


def test_a_sub_item_is_read_as_a_list_reads_its_sub_items() -> None:
    """A 子项 naming its own matter stays as written; one naming only a part or an action is the
    主项's note; one equal to the 主项 is the 主项."""
    w = load_mapping().wording
    assert sub_item_read("出版物批发单位设立审批", "出版物发行单位设立、变更审批", w) == (
        "出版物批发单位设立审批"
    )
    assert sub_item_read("诊所", "医疗机构执业登记", w) == "医疗机构执业登记（诊所）"
    assert sub_item_read("注销登记", "社会团体登记", w) == "社会团体登记（注销）"
    assert sub_item_read("医疗机构执业登记", "医疗机构执业登记", w) == "医疗机构执业登记"


# 2 -------------------------------------------------------------------------------------------

LICENCE_CATALOGUE = [
    ["000122010000", "电子出版物制作单位设立审批", "行政许可", "新闻出版部门", "", ""],
    ["000122011000", "音像制作单位设立审批", "行政许可", "新闻出版部门", "", ""],
]


def test_a_reform_list_names_its_matters_under_改革事项(tmp_path: Path) -> None:
    """证照分离 改革全覆盖 清单 (国发〔2021〕7号 附件): 序号 | 主管部门 | 改革事项 | 设定依据 |
    审批层级和部门 | 改革方式. 直接取消审批 cancels 电子出版物制作单位设立审批 (the catalogue matter
    and the list's 电子出版物制作单位设立许可); 审批改为备案 retypes 音像制作单位设立审批 as a
    filing (其他行政权力), so the records still typed 行政许可 are reported, told to retype
    (Decisions, *Action*). Until session 23 the file stopped the run: no name column."""
    header = [
        "文号",
        "发布日期",
        "序号",
        "主管部门",
        "改革事项",
        "设定依据",
        "审批层级和部门",
        "改革方式",
    ]
    row = ["国发〔2021〕7号", "2021-05-19", "1", "中央宣传部", "电子出版物制作单位设立审批"]
    decisions = [
        [*row, "《音像制品管理条例》", "省级出版主管部门", "直接取消审批"],
        ["国发〔2021〕7号", "2021-05-19", "2", "中央宣传部", "音像制作单位设立审批"]
        + ["《音像制品管理条例》", "省级出版主管部门", "审批改为备案"],
    ]
    items = [
        _item("L1", "电子出版物制作单位设立许可", "省新闻出版局"),
        _item("L2", "音像制作单位设立审批", "省新闻出版局", "000122011000"),
    ]
    result = _run(
        tmp_path, LICENCE_CATALOGUE, items, header, decisions, "涉企经营许可事项改革清单.xlsx"
    )
    assert _table(result, "cancelled_still_listed") == ["000122010000", "000122011000", "L1", "L2"]
    retyped = [
        r["item_code"]
        for r in result.tables["cancelled_still_listed"].rows
        if "其他行政权力" in r["evidence"]
    ]
    assert retyped == ["000122011000", "L2"]
    assert _table(result, "other_decision_matches") == []


def test_an_imported_annex_keeps_its_sub_items_and_receiving_body(tmp_path: Path) -> None:
    """`decisions import` of a provincial workbook (序号 | 事项名称 | 子项名称 | 原实施层级 |
    调整方式 | 承接单位): the CSV carries a 子项名称 column after 事项名称 and the 承接单位 as
    下放后审批部门, so diff cancels the 分立、合并 子项 alone (catalogue 002, L2). Until session
    23 both columns were dropped: the CSV named the whole 主项, and diff cancelled all five
    records and four items."""
    book = tmp_path / "川府发〔2019〕15号.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "事项名称", "子项名称", "原实施层级", "调整方式", "承接单位"])
    ws.append([1, SCHOOL, "民办职业培训学校分立、合并审批", "省级、市级、县级", "取消", ""])
    ws.append([2, "种畜禽生产经营许可证核发", "", "省级", "下放", "设区的市农业农村部门"])
    wb.save(book)
    out = tmp_path / "d"
    args = ["decisions", "import", str(book), "--out", str(out)]
    got = CliRunner().invoke(cli, [*args, "--doc-no", "川府发〔2019〕15号", "--date", "2019-06-20"])
    assert got.exit_code == 0, got.output
    (written,) = sorted(out.glob("*.csv"))
    with written.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["子项名称"] for r in rows] == ["民办职业培训学校分立、合并审批", ""]
    assert [r["下放后审批部门"] for r in rows] == ["", "设区的市农业农村部门"]
    write_csv(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *SCHOOL_CATALOGUE])
    write_csv(tmp_path / "list.csv", [LIST_HEADER, *SCHOOL_ITEMS])
    result = run(
        RunConfig(
            catalogue=Source(tmp_path / "catalogue.csv", "catalogue.csv"),
            lists=[Source(tmp_path / "list.csv", "list.csv")],
            decisions=[Source(written, written.name)],
            as_of=date(2026, 11, 1),
        )
    )
    assert _table(result, "cancelled_still_listed") == ["000106010002", "L2"]


def test_a_reform_list_with_an_old_name_column_is_read_on_its_reform_names(tmp_path: Path) -> None:
    """改革事项 beside 原事项名称 (filled on a rename row only): the rows are named by 改革事项, so
    直接取消审批 still cancels 电子出版物制作单位设立审批 (catalogue 000122010000, L1). Until the
    session-23 rehunt 原事项名称 was taken as the name column, the row rejected as nameless."""
    header = ["文号", "发布日期", "序号", "改革事项", "原事项名称", "改革方式"]
    decisions = [
        ["国发〔2021〕7号", "2021-05-19", "1", "电子出版物制作单位设立审批", "", "直接取消审批"],
    ]
    items = [_item("L1", "电子出版物制作单位设立许可", "省新闻出版局")]
    result = _run(tmp_path, LICENCE_CATALOGUE, items, header, decisions)
    assert _table(result, "cancelled_still_listed") == ["000122010000", "L1"]
    assert result.tables["rejected_rows"].rows == []
