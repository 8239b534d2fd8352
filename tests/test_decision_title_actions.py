"""How a decision row's ACTION is read when its annex layout says it only in a title or in a
column other than 处理决定 (session 22, hunt 22b on real annex layouts: 证照分离 reform annexes,
provincial 取消和调整 decisions). Answers worked out by hand:

1. a title (附件 cell, sheet name, file name) names a row's action only when it names ONE kind:
   取消和调整, 取消、下放 give none (the row is rejected, never guessed); a sheet's own title
   beats the workbook's name; 改革方式 / 调整方式 are the 处理决定 column;
2. a title's action is that of its own clause: 承接国务院下放的… is 承接, …取消后我省实行告知承诺
   的… is 告知承诺;
3. 取消 followed by a procedure, condition, material or limit of the matter (取消年检) cancels no
   matter; 取消省级审批，下放至设区的市 is a delegation;
4. a title naming 下放 and 取消 with a filled 下放后实施机关 cell is a delegation.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import write_csv

from catalog_sync import vocab
from catalog_sync.mappings import load_mapping
from catalog_sync.model import CANCEL, DELEGATE, OTHER
from catalog_sync.pipeline import Result, RunConfig, Source, run
from catalog_sync.sources import decisions

CATALOGUE = [
    ["基本编码", "事项名称", "事项类型"],
    ["C001", "烟花爆竹批发许可", "行政许可"],
    ["C003", "危险化学品经营许可", "行政许可"],
    ["C008", "人力资源服务许可", "行政许可"],
    ["C009", "劳务派遣经营许可", "行政许可"],
    ["C012", "城市建筑垃圾处置核准", "行政许可"],
    ["C014", "公共场所卫生许可", "行政许可"],
    ["C015", "养老机构设立许可", "行政许可"],
]
LIST = [
    ["实施编码", "事项名称", "事项类型", "实施主体"],
    ["L01", "烟花爆竹批发许可", "行政许可", "某省应急管理厅"],
    ["L03", "危险化学品经营许可", "行政许可", "某市应急管理局"],
    ["L08", "人力资源服务许可", "行政许可", "某市人社局"],
    ["L09", "劳务派遣经营许可", "行政许可", "某市人社局"],
    ["L12", "城市建筑垃圾处置核准", "行政许可", "某县城管局"],
    ["L14", "公共场所卫生许可", "行政许可", "某县卫健局"],
    ["L15", "养老机构设立许可", "行政许可", "某县民政局"],
]
DOC = ["浙政发〔2023〕12号", "2023-05-01"]


def _run(folder: Path, path: Path) -> Result:
    return run(
        RunConfig(
            catalogue=Source(write_csv(folder / "catalogue.csv", CATALOGUE), "catalogue.csv"),
            lists=[Source(write_csv(folder / "list.csv", LIST), "list.csv")],
            decisions=[Source(path, path.name)],
            as_of=date(2026, 11, 1),
        )
    )


def _csv(folder: Path, header: list[str], rows: list[list[str]], name: str = "d.csv") -> Path:
    return write_csv(folder / name, [header, *rows])


def _xlsx(path: Path, sheets: list[tuple[str, list[list[str]]]]) -> Path:
    wb = openpyxl.Workbook()
    for i, (title, rows) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = title
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def _codes(result: Result, table: str) -> list[str]:
    return sorted(r["item_code"] for r in result.tables[table].rows)


def _reasons(result: Result) -> list[str]:
    rows = result.tables["rejected_rows"].rows
    assert not [r for r in rows if vocab.untranslated("reason", r["reason"])]
    return [r["reason"] for r in rows]


# 1 -------------------------------------------------------------------------------------------

ADJUST_TITLE = "附件 省政府决定取消和调整的行政权力事项目录"


def test_a_title_naming_cancel_and_adjust_names_no_action_its_rows_are_rejected(
    tmp_path: Path,
) -> None:
    """附件 '取消和调整' over a 处理决定 left blank on the 危险化学品 row: that row could be
    either, so it is rejected (the title and its two actions quoted), never cancelled; the
    养老机构 row saying 取消 itself cancels as before."""
    header = ["文号", "发布日期", "附件", "事项名称", "实施机关", "处理决定"]
    rows = [
        [*DOC, ADJUST_TITLE, "养老机构设立许可", "省民政厅", "取消"],
        ["", "", "", "危险化学品经营许可", "省应急管理厅", ""],
    ]
    result = _run(tmp_path, _csv(tmp_path, header, rows))
    assert _codes(result, "cancelled_still_listed") == ["C015", "L15"]
    (reason,) = _reasons(result)
    assert ADJUST_TITLE in reason and "several actions (取消、调整)" in reason


def test_a_file_name_naming_several_actions_names_none(tmp_path: Path) -> None:
    """No action column, file 关于取消和调整一批行政权力事项的决定.csv: every row rejected, none
    reported cancelled (the old reading took 取消 from the file name for all three)."""
    header = ["文号", "发布日期", "事项名称", "实施机关", "备注"]
    rows = [
        [*DOC, "危险化学品经营许可", "省应急管理厅", ""],
        ["", "", "城市建筑垃圾处置核准", "省建设厅", ""],
        ["", "", "养老机构设立许可", "省民政厅", ""],
    ]
    path = _csv(tmp_path, header, rows, "关于取消和调整一批行政权力事项的决定.csv")
    result = _run(tmp_path, path)
    assert _codes(result, "cancelled_still_listed") == []
    assert len(_reasons(result)) == 3


@pytest.mark.parametrize("column", ["调整方式", "改革方式", "调整类型"])
def test_a_reform_or_adjustment_way_column_is_the_action(tmp_path: Path, column: str) -> None:
    """调整方式 (改革方式, 调整类型) under a title naming 取消和调整: each row's own cell decides,
    实行告知承诺 and 名称变更为… are other actions, 取消 cancels."""
    header = ["文号", "发布日期", "附件", "事项名称", "实施机关", column]
    rows = [
        [*DOC, ADJUST_TITLE, "危险化学品经营许可", "省应急管理厅", "实行告知承诺"],
        ["", "", "", "城市建筑垃圾处置核准", "省建设厅", "名称变更为城市建筑垃圾处置（排放）核准"],
        ["", "", "", "养老机构设立许可", "省民政厅", "取消"],
    ]
    result = _run(tmp_path, _csv(tmp_path, header, rows))
    assert _codes(result, "cancelled_still_listed") == ["C015", "L15"]
    assert {"C003", "L03", "C012", "L12"} <= set(_codes(result, "other_decision_matches"))


SHEET_HEADER = ["序号", "文号", "发布日期", "事项名称", "实施机关"]


def _sheet(*names: str) -> list[list[str]]:
    return [SHEET_HEADER] + [
        [str(i), "苏政发〔2023〕5号", "2023-06-01", n, "省厅"] for i, n in enumerate(names, 1)
    ]


def test_a_sheet_naming_its_own_action_beats_the_workbook_name(tmp_path: Path) -> None:
    """Workbook 江苏省人民政府关于取消和下放一批行政许可事项的决定.xlsx: 附件1 取消的… cancels
    (negative: one action in a title still gives it), 附件2 下放的… delegates, 附件3 实行告知承诺
    的事项 and 附件4 承接的事项 are other actions, never the file name's 取消."""
    sheets = [
        ("附件1 取消的行政许可事项", _sheet("养老机构设立许可")),
        ("附件2 下放的行政许可事项", _sheet("烟花爆竹批发许可")),
        ("附件3 实行告知承诺的事项", _sheet("危险化学品经营许可", "公共场所卫生许可")),
        ("附件4 承接的事项", _sheet("人力资源服务许可")),
    ]
    path = _xlsx(tmp_path / "江苏省人民政府关于取消和下放一批行政许可事项的决定.xlsx", sheets)
    result = _run(tmp_path, path)
    assert _codes(result, "cancelled_still_listed") == ["C015", "L15"]
    assert "L01" in _codes(result, "delegated_items")
    others = set(_codes(result, "other_decision_matches"))
    assert {"L03", "L08", "L14"} <= others


# 2 -------------------------------------------------------------------------------------------


def test_a_title_is_read_in_its_own_clause(tmp_path: Path) -> None:
    """承接国务院下放和委托的… is what the province receives (承接: other), …国务院取消后我省实行
    告知承诺的事项 is 告知承诺 (the 取消 came before): neither row is delegated nor cancelled."""
    header = ["文号", "发布日期", "附件", "事项名称", "实施机关"]
    rows = [
        [
            "豫政〔2022〕9号",
            "2022-06-01",
            "附件3 省政府承接国务院下放和委托的行政许可事项目录",
            "人力资源服务许可",
            "省人社厅",
        ],
        ["", "", "附件4 国务院取消后我省实行告知承诺的事项", "危险化学品经营许可", "省应急管理厅"],
    ]
    result = _run(tmp_path, _csv(tmp_path, header, rows))
    assert _codes(result, "cancelled_still_listed") == []
    assert _codes(result, "delegated_items") == []
    assert {"L03", "L08"} <= set(_codes(result, "other_decision_matches"))


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("附件1 国务院决定取消的行政许可事项目录（共25项）", CANCEL),
        ("附件2 国务院决定下放管理层级的行政许可事项目录", DELEGATE),
        ("附件2 承接国务院下放的行政许可事项", OTHER),
        ("附件4 国务院取消后我省实行告知承诺的事项", OTHER),
        ("附件3 实行告知承诺的事项", OTHER),
        ("附件 省政府决定取消和调整的行政权力事项目录", ""),
        ("证照分离改革（取消、下放、告知承诺）", ""),
        ("关于取消和下放一批行政许可事项的决定", ""),
        ("国务院关于调整一批行政许可事项的决定", ""),  # 调整: an adjustment of any kind
        ("附件 由行政许可调整为行政确认的事项", OTHER),
        ("附件2 省政府决定下放和取消的行政许可事项目录", ""),
        ("decisions", ""),
    ],
)
def test_title_action(title: str, kind: str) -> None:
    assert decisions.title_action(title, load_mapping())[0] == kind


# 3 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "action"),
    [
        ("劳务派遣经营许可", "取消年检"),
        ("人力资源服务许可", "取消数量限制"),
        ("危险化学品经营许可", "取消现场核查，实行告知承诺"),
        ("城市建筑垃圾处置核准", "取消申请材料中的营业执照复印件"),
        ("公共场所卫生许可", "取消许可证有效期限制，实行长期有效"),
        ("养老机构设立许可", "取消前置审批条件"),
    ],
)
def test_cancelling_a_procedure_of_the_matter_cancels_no_matter(
    tmp_path: Path, name: str, action: str
) -> None:
    """取消 + a procedure, condition, material or limit: the matter stays; its records are
    matches to review as part only, quoting the 处理决定."""
    header = ["文号", "发布日期", "事项名称", "实施机关", "处理决定"]
    result = _run(tmp_path, _csv(tmp_path, header, [[*DOC, name, "省厅", action]]))
    assert _codes(result, "cancelled_still_listed") == []
    statuses = {r["decision_status"] for r in result.tables["other_decision_matches"].rows}
    assert statuses == {f"part only: {action}"}


@pytest.mark.parametrize(
    "action", ["取消", "取消审批", "取消行政许可", "直接取消审批", "取消养老机构设立许可"]
)
def test_cancelling_the_matter_itself_still_cancels(tmp_path: Path, action: str) -> None:
    """Negative: bare 取消, 取消 + an act word or the matter's own name is the whole matter."""
    header = ["文号", "发布日期", "事项名称", "实施机关", "处理决定"]
    rows = [[*DOC, "养老机构设立许可", "省民政厅", action]]
    result = _run(tmp_path, _csv(tmp_path, header, rows))
    assert _codes(result, "cancelled_still_listed") == ["C015", "L15"]


def test_cancelling_a_levels_approval_and_handing_it_down_is_a_delegation() -> None:
    """取消省级审批，下放至设区的市…: the matter moves; 取消审批，改为备案 (no level) cancels."""
    mapping = load_mapping()
    assert (
        decisions.classify_action("取消省级审批，下放至设区的市应急管理部门", mapping) == DELEGATE
    )
    assert decisions.classify_action("取消审批，改为备案", mapping) == CANCEL
    assert decisions.classify_action("取消省级审批", mapping) == CANCEL


# 4 -------------------------------------------------------------------------------------------


def test_a_filled_delegated_to_cell_under_a_delegate_and_cancel_title_is_a_delegation(
    tmp_path: Path,
) -> None:
    """附件2 …下放和取消的… with 下放后实施机关 filled: delegated (the cell shows it), not
    cancelled; negative: the same title over a row with the cell empty is rejected."""
    header = ["文号", "发布日期", "附件", "事项名称", "实施机关", "下放后实施机关"]
    title = "附件2 省政府决定下放和取消的行政许可事项目录"
    rows = [
        [
            "鲁政发〔2023〕3号",
            "2023-05-01",
            title,
            "烟花爆竹批发许可",
            "省应急管理厅",
            "设区的市应急管理部门",
        ],
        ["", "", "", "养老机构设立许可", "省民政厅", ""],
    ]
    result = _run(tmp_path, _csv(tmp_path, header, rows))
    assert _codes(result, "cancelled_still_listed") == []
    assert "C001" in _codes(result, "delegated_items")
    (reason,) = _reasons(result)
    assert "several actions (取消、下放)" in reason


@pytest.mark.parametrize(
    ("name", "action"),
    [
        ("企业年度检验", "取消企业年检"),
        ("无犯罪记录证明", "取消证明"),
    ],
)
def test_a_procedure_the_matter_itself_spells_is_the_whole_matter(name: str, action: str) -> None:
    """The procedure word spelled by the matter's own name, its characters in order (年检 in
    企业年度检验): the matter is that procedure, and cancelled whole (third hunter)."""
    assert decisions.restriction(action, CANCEL, name, load_mapping()) == ""
    # negative: on a matter that does not spell it, the word stays a procedure of it
    assert decisions.restriction("取消年检", CANCEL, "劳务派遣经营许可", load_mapping())
