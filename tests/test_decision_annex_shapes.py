"""Decision rows as real annexes write them (session 20, hunt 20a), answers worked out by hand:

1. a row followed by its numbered sub-rows （1）… is a heading: the decision is on the parts;
2. a 处理决定 or 备注 restricting the action (a stage, named parts, 保留…) reaches only what it
   names, or is left for review, never read as the whole matter cancelled.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import write_csv
from test_decision_reach import CATALOGUE_HEADER, LIST_HEADER, _item, _run

from catalog_sync.checks.uncertain import matches_to_review
from catalog_sync.cli import cli
from catalog_sync.mappings import load_mapping
from catalog_sync.model import CANCEL, DELEGATE
from catalog_sync.pipeline import Result, RunConfig, Source, run
from catalog_sync.sources.decisions import fold_sub_rows, part_of, restriction
from catalog_sync.vocab import render

WORDING = load_mapping().wording
CONSTRUCTION = "《建筑业企业资质管理规定》"
CATALOGUE = [
    ["000101001000", "建筑业企业资质认定", "行政许可", "住房城乡建设部门", "", ""],
    ["000101001001", "建筑业企业资质认定（施工总承包一级）", "行政许可", "", "000101001000", ""],
    ["000101001002", "建筑业企业资质认定（施工总承包二级）", "行政许可", "", "000101001000", ""],
    ["000101001003", "建筑业企业资质认定（施工总承包三级）", "行政许可", "", "000101001000", ""],
    ["000101001004", "建筑业企业资质认定（专业承包三级）", "行政许可", "", "000101001000", ""],
]
BUILD_ITEMS = [
    _item("L1", "建筑业企业资质认定（施工总承包一级）", "省住房和城乡建设厅"),
    _item("L2", "建筑业企业资质认定（施工总承包二级）", "省住房和城乡建设厅"),
    _item("L3", "建筑业企业资质认定（施工总承包三级）", "杭州市建设委员会"),
]


def _row(seq: str, name: str, action: str = "取消", doc: str = "浙政发〔2020〕5号") -> list[str]:
    return [doc, "2020-03-02", seq, name, "省建设厅", CONSTRUCTION, action]


def _cancelled(result) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(r["item_code"] for r in result.tables["cancelled_still_listed"].rows)


def test_a_row_with_numbered_sub_rows_is_a_heading_the_parts_are_cancelled(
    tmp_path: Path,
) -> None:
    """序号 2 建筑业企业资质认定 over （1）施工总承包三级资质 and （2）专业承包三级资质
    (序号 merged, 处理决定 on the heading only): the decision cancels the two 三级 parts. Read
    as 建筑业企业资质认定（施工总承包三级） and （专业承包三级） (资质 is the heading's word), reach
    the catalogue's two 三级 子项 and the city's 三级 item; the 一级/二级 items and the 主项 stay,
    the heading alone cancelling nothing."""
    decisions = [
        _row("2", "建筑业企业资质认定"),
        _row("2", "（1）施工总承包三级资质", action=""),
        _row("2", "（2）专业承包三级资质", action=""),
    ]
    result = _run(tmp_path, CATALOGUE, {"list.csv": BUILD_ITEMS}, decisions)
    assert _cancelled(result) == ["000101001003", "000101001004", "L3"]
    assert any("heading of the numbered sub-rows" in w for w in result.warnings)


def test_a_numbered_row_of_another_entry_is_no_part_of_the_row_above(tmp_path: Path) -> None:
    """Negative: （1）… under another 序号 (or another 文号) is its own row, not a part of the
    row above; the row above keeps its whole decision."""
    decisions = [
        _row("2", "建筑业企业资质认定"),
        _row("3", "（1）施工总承包三级资质"),
    ]
    result = _run(tmp_path, CATALOGUE, {"list.csv": BUILD_ITEMS}, decisions)
    cancelled = _cancelled(result)
    assert {"L1", "L2", "L3", "000101001000"} <= set(cancelled)


def test_sub_row_parts_drop_what_the_heading_already_says() -> None:
    assert part_of("特种设备安装改造维修许可", "电梯安装改造维修许可", WORDING) == (
        "特种设备安装改造维修许可（电梯）"
    )
    assert (
        part_of("建筑业企业资质认定", "施工总承包三级资质", WORDING)
        == "建筑业企业资质认定（施工总承包三级）"
    )
    assert part_of("食品生产许可", "变更", WORDING) == "食品生产许可（变更）"
    recs = [
        {
            "seq": "1",
            "name": "特种设备安装改造维修许可",
            "action": "下放",
            "delegated_to": "设区市",
        },
        {"seq": "", "name": "（一）电梯安装改造维修许可", "action": "", "delegated_to": ""},
        {"seq": "2", "name": "港口经营许可", "action": "下放"},
        {"seq": "3", "name": "① 另一事项", "action": "取消"},
    ]
    assert fold_sub_rows(recs, WORDING) == {0}
    assert recs[1]["name"] == "特种设备安装改造维修许可（电梯）"
    assert recs[1]["action"] == "下放" and recs[1]["delegated_to"] == "设区市"
    assert recs[3]["name"] == "① 另一事项"


INSPECTION = "特种设备检验检测人员资格认定"
INSPECTION_CATALOGUE = [
    ["000301001000", INSPECTION, "行政许可", "市场监管部门", "", ""],
    ["000301001001", f"{INSPECTION}（无损检测人员）", "行政许可", "", "000301001000", ""],
    ["000301001002", f"{INSPECTION}（检验人员）", "行政许可", "", "000301001000", ""],
]
INSPECTION_ITEMS = [
    _item("L1", f"{INSPECTION}（无损检测人员）", "省市场监督管理局"),
    _item("L2", f"{INSPECTION}（检验人员）", "省市场监督管理局"),
]


@pytest.mark.parametrize("mark", ["1.", "1、", "1．", "（1）"])
def test_sub_rows_numbered_as_a_list_numbers_them_are_parts(tmp_path: Path, mark: str) -> None:
    """A provincial decision numbers its 子项 1. / 1、 as often as （1）: 序号 1
    特种设备检验检测人员资格认定 (no 处理意见) over {mark}无损检测人员 取消 cancels the
    无损检测人员 part alone: the catalogue's 子项 and the item L1, not the 检验人员 part (L2)
    nor the 主项. 检测人员 is said in the heading but is not its head (资格 stands before 认定):
    the part stays 无损检测人员. Until session 24 a 1. sub-row was a matter of its own
    (无损检测人员, reaching nothing) and its heading was rejected for want of a 处理决定; a
    （1） sub-row read （无损）, reaching nothing either."""
    decisions = [_row("1", INSPECTION, action=""), _row("", f"{mark}无损检测人员")]
    result = _run(tmp_path, INSPECTION_CATALOGUE, {"list.csv": INSPECTION_ITEMS}, decisions)
    assert _cancelled(result) == ["000301001001", "L1"]
    assert not result.tables["rejected_rows"].rows


def test_a_numbered_name_is_no_sub_row_under_its_own_number_or_as_a_decimal() -> None:
    """Negatives: a row numbered 2. under its own 序号 is an entry of its own, and 1.5 opens
    a quantity (1.5吨以下…), no sub-number; a tail said in the heading's middle is kept."""
    recs = [
        {"seq": "1", "name": "港口经营许可", "action": "取消"},
        {"seq": "2", "name": "2.道路运输经营许可", "action": "取消"},
        {"seq": "3", "name": "锅炉使用登记", "action": "取消"},
        {"seq": "", "name": "1.5吨以下锅炉使用登记", "action": ""},
    ]
    assert fold_sub_rows(recs, WORDING) == set()
    assert recs[1]["name"] == "2.道路运输经营许可"
    # an annex without 序号 writing its section in the name column: the rows under it are
    # matters of their own, each numbered 1. 2.
    sections = [
        {"seq": "", "name": "一、取消的行政权力事项", "action": ""},
        {"seq": "", "name": "1.港口经营许可", "action": "取消"},
    ]
    assert fold_sub_rows(sections, WORDING) == set()
    assert sections[1]["name"] == "1.港口经营许可"
    assert part_of(INSPECTION, "无损检测人员", WORDING) == f"{INSPECTION}（无损检测人员）"


GROUP_ROWS = [
    "省市场监督管理局",
    "（一）省市场监督管理局",
    "特种设备类（共1项）",
    "市场监管",
    "省政府决定取消的行政许可事项",
]


@pytest.mark.parametrize("group", GROUP_ROWS)
def test_numbered_rows_under_a_department_or_a_count_are_matters_of_their_own(
    tmp_path: Path, group: str
) -> None:
    """An annex grouping its rows by department (省市场监督管理局, （一）省…), with a count
    (（共1项）) or by field or title (市场监管, …事项: no act word closes them, no matter's
    name) numbers the matters under it 1. 2.: each is a matter of its own, cancelled as
    named (the 无损检测人员 子项 and L1), and the group row names no matter. Until session 24's
    merge (1. read as a sub-row mark) they were parts of the department row, reaching nothing,
    and the cancellation was missed without a word."""
    decisions = [
        _row("", group, action=""),
        _row("", f"1.{INSPECTION}（无损检测人员）"),
    ]
    result = _run(tmp_path, INSPECTION_CATALOGUE, {"list.csv": INSPECTION_ITEMS}, decisions)
    assert _cancelled(result) == ["000301001001", "L1"]


def test_a_matter_heading_still_takes_its_parts_beside_department_rows() -> None:
    """Negative: a matter's name over 1. rows is a heading whatever its ending (诊所 is no
    department: …登记 ends with an act), also right after a department row; the department
    row and a section are no headings."""
    recs = [
        {"seq": "", "name": "（二）省卫生健康委员会", "action": ""},
        {"seq": "", "name": "医疗机构执业登记", "action": "取消"},
        {"seq": "", "name": "1.诊所", "action": ""},
    ]
    assert fold_sub_rows(recs, WORDING) == {1}
    assert recs[2]["name"] == "医疗机构执业登记（诊所）"
    # a （1） part under a name closing with no act word is a part as before session 24
    older = [{"seq": "1", "name": "建设项目环境影响评价"}, {"seq": "", "name": "（1）报告书"}]
    assert fold_sub_rows(older, WORDING) == {0}


SUB_ROWS_PAGE = """<html><head><meta charset="utf-8"><title>
浙江省人民政府关于取消一批行政许可事项的决定</title></head><body><p>浙江省人民政府关于取消一批行政许可事项的决定</p><p>浙政发〔2020〕5号</p>
<p>浙江省人民政府</p><p>2020年3月2日</p><p>附件1</p><p>省政府决定取消的行政许可事项目录</p>
<p>（共2项）</p><table border="1">
<tr><td>序号</td><td>项目名称</td><td>审批部门</td><td>设定依据</td></tr>
<tr><td>1</td><td>港口经营许可</td><td>省交通运输厅</td><td>《港口法》</td></tr>
<tr><td rowspan="3">2</td><td>建筑业企业资质认定</td><td rowspan="3">省建设厅</td>
<td rowspan="3">《建筑业企业资质管理规定》</td></tr>
<tr><td>（1）施工总承包三级资质</td></tr><tr><td>（2）专业承包三级资质</td></tr>
</table></body></html>"""


def test_an_imported_annex_with_sub_rows_counts_entries_and_cancels_the_parts(
    tmp_path: Path,
) -> None:
    """The page states 共2项: 序号 1 and 序号 2 (a heading over two parts, 序号 merged). Import
    reads 2 entries (no count warning, no repeated-序号 warning, exit 0) and diff cancels the
    two 三级 parts only."""
    page = tmp_path / "zj.html"
    page.write_text(SUB_ROWS_PAGE, encoding="utf-8")
    got = CliRunner().invoke(cli, ["decisions", "import", str(page), "--out", str(tmp_path / "d")])
    assert got.exit_code == 0, got.output
    assert "states" not in got.output and "appears on" not in got.output
    write_csv(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *CATALOGUE])
    write_csv(tmp_path / "list.csv", [LIST_HEADER, *BUILD_ITEMS])
    decisions = [Source(p, p.name) for p in sorted((tmp_path / "d").glob("*.csv"))]
    result = run(
        RunConfig(
            catalogue=Source(tmp_path / "catalogue.csv", "catalogue.csv"),
            lists=[Source(tmp_path / "list.csv", "list.csv")],
            decisions=decisions,
            as_of=date(2026, 11, 1),
        )
    )
    assert _cancelled(result) == ["000101001003", "000101001004", "L3"]


# 2 -------------------------------------------------------------------------------------------

COTTON = ["000102001000", "棉花加工资格认定", "行政许可", "市场监管部门", "", ""]
SCHOOL = [
    "000103001000",
    "民办职业培训学校设立、分立、合并、变更及终止审批",
    "行政许可",
    "",
    "",
    "",
]
DANGER = "道路危险货物运输经营许可"
DANGER_ROWS = [
    ["000104001000", DANGER, "行政许可", "", "", ""],
    *(
        [f"00010400100{n}", f"{DANGER}（{part}）", "行政许可", "", "000104001000", ""]
        for n, part in enumerate(("新办", "变更", "注销"), 1)
    ),
]
PARTIAL_ITEMS = [
    _item("L1", "棉花加工资格认定", "省市场监督管理局"),
    _item("L2", "棉花加工资格认定（初审）", "萧山区市场监督管理局"),
    _item("L3", "民办职业培训学校设立审批", "省人力资源和社会保障厅"),
    _item("L4", "民办职业培训学校变更审批", "省人力资源和社会保障厅"),
    _item("L5", f"{DANGER}（变更）", "市交通运输局"),
    _item("L7", f"{DANGER}（新办）", "市交通运输局"),
]


def test_a_cancel_restricted_to_a_stage_or_parts_cancels_no_whole_matter(tmp_path: Path) -> None:
    """取消县级初审环节 cancels a stage, 取消分立、合并审批 two of the five parts the name lists,
    取消（保留变更、注销） all but two parts: none cancels the matter. Each record the rows reach
    is in other_decision_matches as `part only`, its evidence quoting the 处理决定, and in the
    review table for a person to settle; cancelled_still_listed is empty (a whole-matter
    cancellation would send the department after items the decision keeps)."""
    decisions = [
        _row("1", "棉花加工资格认定", "取消县级初审环节"),
        _row("2", "民办职业培训学校设立、分立、合并、变更及终止审批", "取消分立、合并审批"),
        _row("3", DANGER, "取消（保留变更、注销）"),
    ]
    result = _run(tmp_path, [COTTON, SCHOOL, *DANGER_ROWS], {"list.csv": PARTIAL_ITEMS}, decisions)
    assert _cancelled(result) == []
    other = result.tables["other_decision_matches"].rows
    listed = {r["item_code"]: r for r in other if r["source"] == "list"}
    assert sorted(listed) == ["L1", "L2", "L3", "L4", "L5", "L7"]
    assert listed["L2"]["decision_status"] == "part only: 取消县级初审环节"
    assert "the 处理决定 reads '取消（保留变更、注销）'" in listed["L5"]["evidence"]
    assert render(listed["L5"]["evidence"], "zh") is not None
    assert render(listed["L2"]["decision_status"], "zh") is not None
    decision_nodes = [n for n, d in result.graph.nodes(data=True) if d["kind"] == "decision"]
    records = [result.graph.nodes[n]["record"] for n in decision_nodes]
    assert result.book is not None
    review = matches_to_review(result.graph, records, result.book, result.level_qualifiers)
    reviewed = {r["right_code"] for r in review.rows if r["kind"] == "决定→清单"}
    assert reviewed == {"L1", "L2", "L3", "L4", "L5", "L7"}


def test_the_action_with_the_matters_name_or_an_act_word_cancels_the_whole(
    tmp_path: Path,
) -> None:
    """Negative: 取消审批, 取消棉花加工资格认定 and 取消。 restrict nothing: the whole matter is
    cancelled, every item of it with it."""
    decisions = [
        _row("1", "棉花加工资格认定", "取消棉花加工资格认定"),
        _row("3", DANGER, "取消审批。"),
    ]
    result = _run(tmp_path, [COTTON, *DANGER_ROWS], {"list.csv": PARTIAL_ITEMS}, decisions)
    assert {"L1", "L2", "L5", "L7", "000104001000"} <= set(_cancelled(result))


# 5 -------------------------------------------------------------------------------------------


def _one_sheet(tmp_path: Path, sheet: str) -> Result:
    """A workbook of one sheet, no 处理决定 column: 文号 and date merged down."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["文号", "发布日期", "序号", "项目名称", "审批部门", "下放后审批部门"])
    ws.append(
        ["浙政发〔2020〕5号", "2020-03-02", "1", "建设工程消防设计审查", "省住建厅", "市住建部门"]
    )
    ws.append([None, None, "2", "棉花加工资格认定", "省市场监管局", "市市场监管部门"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    wb.save(tmp_path / "decisions.xlsx")
    catalogue = [COTTON, ["000105001000", "建设工程消防设计审查", "行政许可", "", "", ""]]
    write_csv(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *catalogue])
    write_csv(
        tmp_path / "list.csv", [LIST_HEADER, _item("L1", "棉花加工资格认定", "省市场监督管理局")]
    )
    return run(
        RunConfig(
            catalogue=Source(tmp_path / "catalogue.csv", "catalogue.csv"),
            lists=[Source(tmp_path / "list.csv", "list.csv")],
            decisions=[Source(tmp_path / "decisions.xlsx", "decisions.xlsx")],
            as_of=date(2026, 11, 1),
        )
    )


def test_a_one_sheet_workbook_named_for_its_action_gives_its_rows_the_action(
    tmp_path: Path,
) -> None:
    """The only sheet is named 附件2 下放 and no row has a 处理决定: as for a sheet among several,
    its name gives the action, so both rows delegate (the catalogue's two matters are in
    delegated_items; the list's 棉花加工资格认定, a city's item, is already where
    市市场监管部门, a city's body, puts it) and no row is rejected."""
    result = _one_sheet(tmp_path, "附件2 下放")
    assert not result.tables["rejected_rows"].rows
    delegated = sorted(r["item_code"] for r in result.tables["delegated_items"].rows)
    assert delegated == ["000102001000", "000105001000"]
    status = {
        r["item_code"]: r["decision_status"] for r in result.tables["other_decision_matches"].rows
    }
    assert status["L1"] == "already at 市级"


def test_a_one_sheet_workbook_named_otherwise_gives_no_action(tmp_path: Path) -> None:
    """Negative: a sheet named Sheet1 names no action; the rows are rejected as before."""
    result = _one_sheet(tmp_path, "Sheet1")
    assert len(result.tables["rejected_rows"].rows) == 2
    assert not result.tables["delegated_items"].rows


# 3 -------------------------------------------------------------------------------------------

PORT = ["000106001000", "港口经营许可", "行政许可", "", "", ""]
ROAD = ["000107001000", "道路旅客运输站经营许可", "行政许可", "", "", ""]
DELEGATE_ITEMS = [
    _item("L8", "港口经营许可", "省交通运输厅"),
    _item("R1", "道路旅客运输站经营许可", "省交通运输厅"),
    _item("C1", "棉花加工资格认定", "省市场监督管理局"),
]


def test_who_hands_down_and_how_come_before_the_delegate_word(tmp_path: Path) -> None:
    """由省级下放至设区市 and 直接下放 are delegations (the words before 下放 say who and how);
    部分下放 is a delegation of part only (as 2: part only, for review). Negative:
    由省级审批改为备案 names no delegation: a retyping (session 23: the approval becomes a
    filing, 其他行政权力), so the items still typed 行政许可 are reported cancelled, told to
    retype; none is delegated."""
    decisions = [
        _row("1", "港口经营许可", "由省级下放至设区市"),
        _row("2", "道路旅客运输站经营许可", "直接下放"),
        _row("3", "棉花加工资格认定", "部分下放"),
    ]
    result = _run(tmp_path, [PORT, ROAD, COTTON], {"list.csv": DELEGATE_ITEMS}, decisions)
    delegated = sorted(r["item_code"] for r in result.tables["delegated_items"].rows)
    # L8's 行政区划代码 421000 is a city's: 设区市, read after 下放 (not 由省级), is its level
    assert delegated == ["000106001000", "000107001000"]
    status = {
        r["item_code"]: r["decision_status"] for r in result.tables["other_decision_matches"].rows
    }
    assert status["L8"] == "already at 市级"
    # 直接下放 is a delegation: R1, a city's item (421000), is not at the level its 审批部门
    # 省建设厅 takes the matter from (an action of another kind would say `action 直接下放`)
    assert status["R1"] == "at 市级, not the level it is taken from (省级)"
    assert status["C1"] == "part only: 部分下放"
    other = [_row("1", "港口经营许可", "由省级审批改为备案")]
    result = _run(tmp_path / "b", [PORT], {"list.csv": DELEGATE_ITEMS}, other)
    assert not result.tables["delegated_items"].rows
    cancelled = result.tables["cancelled_still_listed"].rows
    assert {r["item_code"] for r in cancelled} == {"000106001000", "L8"}
    assert all(r["evidence"].endswith("retype the record") for r in cancelled)


# 4 -------------------------------------------------------------------------------------------

PORT_TREE = [
    PORT,
    ["000106001001", "港口经营许可（港口理货）", "行政许可", "", "000106001000", ""],
    ["000106001002", "港口经营许可（港口装卸）", "行政许可", "", "000106001000", ""],
]
PORT_ITEMS = [
    _item("P1", "港口经营许可", "省交通运输厅"),
    _item("P2", "港口经营许可（港口理货）", "市交通运输局"),
    _item("P3", "港口经营许可（港口装卸）", "市交通运输局"),
]


def test_an_exclusion_note_sets_the_named_part_apart(tmp_path: Path) -> None:
    """港口经营许可（港口理货业务除外）, a two-line name in the annex: the decision is on
    港口经营许可 but 港口理货 (业务 is no part of how lists name it). It cancels the 主项, its
    港口装卸 子项 and the items naming them, not the 港口理货 子项 nor the city's 理货 item; the
    evidence says what is set apart."""
    decisions = [_row("1", "港口经营许可\n（港口理货业务除外）")]
    result = _run(tmp_path, PORT_TREE, {"list.csv": PORT_ITEMS}, decisions)
    assert _cancelled(result) == ["000106001000", "000106001002", "P1", "P3"]
    row = next(r for r in result.tables["cancelled_still_listed"].rows if r["item_code"] == "P1")
    assert "sets apart '港口理货业务'" in row["evidence"]
    assert render(row["evidence"], "zh") is not None


def test_a_note_naming_a_part_without_除外_is_no_exclusion(tmp_path: Path) -> None:
    """Negative: 港口经营许可（港口理货） names the part; the whole matter and its other parts
    stay (as before)."""
    decisions = [_row("1", "港口经营许可（港口理货）")]
    result = _run(tmp_path, PORT_TREE, {"list.csv": PORT_ITEMS}, decisions)
    assert not {"000106001000", "000106001002", "P1", "P3"} & set(_cancelled(result))


def test_a_part_note_with_a_closing_business_word_names_that_part(tmp_path: Path) -> None:
    """Worked by hand. 港口经营许可（港口理货业务） names the part 港口理货 (业务 is no part of
    how lists name it, as in an exclusion note): it cancels the 理货 子项 (name tier, evidence
    saying 业务 is set aside), the city's 理货 item implementing it, a county's item naming the
    part 港口理货服务, and an item writing the part inline, 港口理货业务经营许可. Until session
    22 it reached nothing. Negative: the whole matter (P1), the 装卸 子项 and its items (P3, the
    inline 港口装卸业务经营许可) stay."""
    items = [
        *PORT_ITEMS,
        _item("P4", "港口理货业务经营许可", "县交通运输局"),
        _item("P5", "港口装卸业务经营许可", "县交通运输局"),
        _item("P6", "港口经营许可（港口理货服务）", "县交通运输局"),
    ]
    decisions = [_row("1", "港口经营许可（港口理货业务）")]
    result = _run(tmp_path, PORT_TREE, {"list.csv": items}, decisions)
    assert _cancelled(result) == ["000106001001", "P2", "P4", "P6"]
    rows = {r["item_code"]: r for r in result.tables["cancelled_still_listed"].rows}
    said = rows["000106001001"]["evidence"]
    assert "closing 业务/事项/服务 is set aside: '港口经营许可(港口理货)'" in said
    assert render(said, "zh") != said
    assert "put into the name gives '港口理货业务经营许可'" in rows["P4"]["evidence"]


def test_a_part_note_without_its_business_word_reaches_no_other_part(tmp_path: Path) -> None:
    """Negative: 港口经营许可（港口装卸业务） names 港口装卸, never 港口理货 nor the whole."""
    decisions = [_row("1", "港口经营许可（港口装卸业务）")]
    result = _run(tmp_path, PORT_TREE, {"list.csv": PORT_ITEMS}, decisions)
    assert _cancelled(result) == ["000106001002", "P3"]


def test_an_exclusion_note_sets_apart_a_lists_main_item_group_too(tmp_path: Path) -> None:
    """A list grouping items under a 主项名称 (a node with no record of its own): the group named
    for the excluded part is set apart like a record, and the run goes through (a crash before)."""
    header = [*LIST_HEADER, "主项名称"]
    rows = [
        [
            *_item("G1", "港口经营许可（港口理货）（新办）", "市交通运输局"),
            "港口经营许可（港口理货）",
        ],
        [
            *_item("G2", "港口经营许可（港口装卸）（新办）", "市交通运输局"),
            "港口经营许可（港口装卸）",
        ],
    ]
    write_csv(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *PORT_TREE])
    write_csv(tmp_path / "list.csv", [header, *rows])
    write_csv(
        tmp_path / "decisions.csv",
        [["文号", "生效日期", "序号", "事项名称", "处理决定"]]
        + [["浙政发〔2020〕5号", "2020-03-02", "1", "港口经营许可（港口理货业务除外）", "取消"]],
    )
    result = run(
        RunConfig(
            catalogue=Source(tmp_path / "catalogue.csv", "catalogue.csv"),
            lists=[Source(tmp_path / "list.csv", "list.csv")],
            decisions=[Source(tmp_path / "decisions.csv", "decisions.csv")],
            as_of=date(2026, 11, 1),
        )
    )
    cancelled = _cancelled(result)
    assert "G1" not in cancelled and "000106001001" not in cancelled
    assert "000106001000" in cancelled


def test_an_annex_title_naming_part_of_a_list_restricts_no_row(tmp_path: Path) -> None:
    """Negative: with no 处理决定 cell the action is the annex title's; a title such as
    取消的部分行政许可事项目录 says the annex holds some of the matters, not that each row is on
    part of one: the row cancels the whole matter."""
    header = ["文号", "生效日期", "附件", "序号", "事项名称"]
    annex = "附件1 国务院决定取消的部分行政许可事项目录"
    write_csv(
        tmp_path / "decisions.csv", [header, ["国发〔2020〕1号", "2020-01-01", annex, "1", DANGER]]
    )
    write_csv(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *DANGER_ROWS])
    write_csv(tmp_path / "list.csv", [LIST_HEADER, *PARTIAL_ITEMS])
    result = run(
        RunConfig(
            catalogue=Source(tmp_path / "catalogue.csv", "catalogue.csv"),
            lists=[Source(tmp_path / "list.csv", "list.csv")],
            decisions=[Source(tmp_path / "decisions.csv", "decisions.csv")],
            as_of=date(2026, 11, 1),
        )
    )
    assert {"000104001000", "L5", "L7"} <= set(_cancelled(result))


# 2b ------------------------------------------------------------------------------------------
# Only the action's own clause restricts it (a second hunt on session 20's rule): what follows a
# ，or 。 says what comes after; 含/包括 widen, 不再保留 keeps nothing, a level set apart from a
# delegation (直辖市除外) is no part; the matter's name again with another act word is the whole.
WHOLE = [
    ("取消，不再保留该项审批", "港口经营许可"),
    ("取消（含初审）", "港口经营许可"),
    ("取消审批（包括地方初审、转报环节）", "港口经营许可"),
    ("取消。取消后，企业仅需向所在地出版主管部门备案", "港口经营许可"),
    ("取消审批，保留备案", "港口经营许可"),
    ("取消审批，实行部分事项告知承诺制", "港口经营许可"),
    ("取消审批，改为备案管理，备案环节不得设置前置条件", "港口经营许可"),
    ("下放至设区的市级人民政府，省级部门不再保留审批权", "港口经营许可"),
    ("下放至市县两级人民政府，省级以下不再转报", "港口经营许可"),
    ("取消。取消后，住房城乡建设部门以外的部门不再审查", "港口经营许可"),
    ("取消港口经营审批", "港口经营许可"),
    ("取消粮食收购资格许可", "粮食收购资格认定"),
    ("下放至设区的市级人民政府出版主管部门（直辖市除外）", "港口经营许可"),
]
PART = [
    ("取消县级初审环节", "棉花加工资格认定"),
    ("取消分立、合并审批", "民办职业培训学校设立、分立、合并、变更及终止审批"),
    ("取消（保留变更、注销）", "道路危险货物运输经营许可"),
    ("取消【保留变更】", "港口经营许可"),
    ("部分下放", "港口经营许可"),
    ("仅取消初审", "港口经营许可"),
    ("取消（港口理货业务除外）", "港口经营许可"),
    ("在自由贸易试验区内取消", "港口经营许可"),
]
# a third hunt: what follows the action (取消后…) or came before it (已先行取消) restricts nothing
WHOLE += [
    ("取消后仅需备案", "港口经营许可"),
    ("取消后仅对企业实施事中事后监管", "港口经营许可"),
    ("部分地区已先行取消", "港口经营许可"),
]


@pytest.mark.parametrize(("text", "name"), WHOLE + PART)
def test_only_the_actions_own_clause_restricts_it(text: str, name: str) -> None:
    action = DELEGATE if "下放" in text else CANCEL
    got = restriction(text, action, name, load_mapping([]))
    assert got == (text if (text, name) in PART else "")


def test_what_follows_the_action_cancels_the_whole_all_the_same(tmp_path: Path) -> None:
    """取消审批，保留备案 and 取消（含初审） cancel 棉花加工资格认定 whole: every item of it is
    reported, its 初审 item too."""
    for n, text in enumerate(("取消审批，保留备案", "取消（含初审）")):
        decisions = [_row("1", "棉花加工资格认定", text)]
        result = _run(tmp_path / str(n), [COTTON], {"list.csv": PARTIAL_ITEMS}, decisions)
        assert {"L1", "L2"} <= set(_cancelled(result))


# 2c ------------------------------------------------------------------------------------------
# A 备注 restricting the action (仅取消分立、合并审批) makes the row part only, in a decision file
# and through `decisions import`, which keeps the 备注 column; a 备注 saying what follows does not.
REMARK_PAGE = """<html><head><meta charset="utf-8"><title>关于取消一批行政许可事项的决定</title>
</head><body><p>浙江省人民政府关于取消一批行政许可事项的决定</p><p>浙政发〔2020〕5号</p>
<p>2020年3月2日</p><p>附件1</p><p>省政府决定取消的行政许可事项目录</p><p>（共2项）</p>
<table border="1">
<tr><td>序号</td><td>项目名称</td><td>审批部门</td><td>处理决定</td><td>备注</td></tr>
<tr><td>1</td><td>民办职业培训学校设立、分立、合并、变更及终止审批</td><td>省人力社保厅</td>
<td>取消</td><td>仅取消分立、合并审批</td></tr>
<tr><td>2</td><td>棉花加工资格认定</td><td>省市场监管局</td><td>取消</td>
<td>取消后由市场监管部门加强事中事后监管</td></tr></table></body></html>"""


def test_a_remark_restricting_the_action_makes_the_row_part_only(tmp_path: Path) -> None:
    """序号 1's 备注 仅取消分立、合并审批: its items (设立, 变更 审批) are not cancelled but part
    only, the 处理决定 and the 备注 quoted; 序号 2's 备注 says what follows the cancellation:
    棉花加工资格认定 is cancelled whole. Before, the 备注 was not read (nor kept on import)."""
    page = tmp_path / "zj.html"
    page.write_text(REMARK_PAGE, encoding="utf-8")
    got = CliRunner().invoke(cli, ["decisions", "import", str(page), "--out", str(tmp_path / "d")])
    assert got.exit_code == 0, got.output
    (written,) = sorted((tmp_path / "d").glob("*.csv"))
    assert "备注" in written.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    write_csv(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, COTTON, SCHOOL])
    write_csv(tmp_path / "list.csv", [LIST_HEADER, *PARTIAL_ITEMS[:4]])
    result = run(
        RunConfig(
            catalogue=Source(tmp_path / "catalogue.csv", "catalogue.csv"),
            lists=[Source(tmp_path / "list.csv", "list.csv")],
            decisions=[Source(written, written.name)],
            as_of=date(2026, 11, 1),
        )
    )
    assert _cancelled(result) == ["000102001000", "L1", "L2"]
    status = {
        r["item_code"]: r["decision_status"] for r in result.tables["other_decision_matches"].rows
    }
    assert status["L3"] == "part only: 取消（备注：仅取消分立、合并审批）"


@pytest.mark.parametrize(
    ("remark", "part"),
    [
        ("仅取消分立、合并审批", True),
        ("仅在自由贸易试验区外保留", True),  # an area the cancellation is confined to
        ("在自由贸易试验区内取消", True),
        ("取消后仅需备案", False),  # what follows the cancellation
        ("取消后仅对企业实施事中事后监管", False),
        ("部分地区已先行取消", False),  # what was done before
        ("仅保留备案管理", False),  # no action named, no area: the approval goes whole
        # a clause keeping the matter or a part its name says, before the action's (session 24)
        ("保留民办职业培训学校设立审批，取消其分立、合并审批", True),
        ("保留其他，取消", True),
        ("保留备案，取消审批", False),  # keeps what the name does not say: the approval goes
    ],
)
def test_a_remark_restricts_the_row_only_by_its_own_words(remark: str, part: bool) -> None:
    from catalog_sync.sources.decisions import _restricted

    rec = {"action": "取消", "remark": remark}
    got = _restricted(
        rec, CANCEL, "民办职业培训学校设立、分立、合并、变更及终止审批", load_mapping([])
    )
    assert got == (f"取消（备注：{remark}）" if part else "")
