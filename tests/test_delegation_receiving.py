"""Where a 下放 row hands a matter, as annexes of other provinces head and word it (session 22,
hunt 22b). Worked by hand on 港口经营许可, implemented by the province (L1, 330000), a city (L2,
330100) and a county (L3, 330109): the items at the level the decision names are already there
(other_decision_matches, "already at …"); the others are findings (delegated_items).
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import run_on_rows
from test_delegation_levels import CATALOGUE, ITEMS, _findings

from catalog_sync.cli import cli

TO_CITIES = "设区市交通运输主管部门"


def _annex(column: str, cell: str = TO_CITIES, action: str = "下放") -> list[list[str]]:
    return [
        ["文号", "发布日期", "事项名称", "处理决定", column],
        ["国发〔2020〕1号", "2020-01-01", "港口经营许可", action, cell],
    ]


@pytest.mark.parametrize(
    "column",
    [
        "下放后审批层级",
        "调整后实施层级",
        "调整后实施机关",
        "下放后的管理层级",
        "承接单位",
        "下放后行使层级",
        "审批层级和部门",
    ],
)
def test_a_receiving_heading_of_the_class_is_read(tmp_path: Path, column: str) -> None:
    """下放后/调整后/承接 … 层级/机关/部门/单位 (and a 证照分离 annex's 审批层级和部门) name where
    the matter goes. The city's L2 is already at 市级; until now the column was dropped
    without a word and L2 was reported delegated too."""
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, _annex(column))
    assert _findings(result) == ({"L1", "L3"}, {"L2": "already at 市级"})
    assert {r["delegated_to"] for r in result.tables["delegated_items"].rows} == {TO_CITIES}
    assert not any(column in w for w in result.warnings)


def test_a_heading_of_another_kind_is_no_receiving_level_and_is_warned(tmp_path: Path) -> None:
    """Negative: 下放后事中事后监管措施 is what is done after the delegation, not where it goes;
    its 市级 words do not place L2 (all three items stay findings), and the column, not read,
    is named in one warning with its file."""
    decisions = _annex("下放后事中事后监管措施", "市级部门加强日常监管")
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, decisions)
    assert _findings(result) == ({"L1", "L2", "L3"}, {})
    unread = [w for w in result.warnings if "下放后事中事后监管措施" in w]
    assert len(unread) == 1 and "decisions.csv" in unread[0]


def _with_remark(action: str, remark: str) -> list[list[str]]:
    return [
        ["文号", "发布日期", "事项名称", "处理决定", "备注"],
        ["国发〔2020〕1号", "2020-01-01", "港口经营许可", action, remark],
    ]


@pytest.mark.parametrize(
    ("action", "remark", "status"),
    [
        ("下放至设区的市（委托实施）", "", "action 下放至设区的市（委托实施）"),
        ("下放", "委托设区市交通运输部门实施", "action 下放（备注：委托设区市交通运输部门实施）"),
    ],
)
def test_an_entrusted_delegation_in_a_bracket_or_remark_is_no_delegation(
    tmp_path: Path, action: str, remark: str, status: str
) -> None:
    """委托 said in the 处理决定's bracket or in a 备注 委托…实施: the power stays with the
    province, no item has to move (it was reported delegated); each item is told the action."""
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, _with_remark(action, remark))
    assert _findings(result) == (set(), {c: status for c in ("L1", "L2", "L3")})


@pytest.mark.parametrize(
    ("action", "remark"),
    [("下放至设区的市", "不得委托下级实施"), ("下放至设区的市（不含委托事项）", "")],
)
def test_a_delegation_that_refuses_or_sets_apart_entrusting_is_still_one(
    tmp_path: Path, action: str, remark: str
) -> None:
    """Negative: 不得委托… and （不含委托…） say no 委托: a delegation to the cities, the
    province's and the county's items still reported."""
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, _with_remark(action, remark))
    assert _findings(result)[0] == {"L1", "L3"}


def _to(action: str) -> list[list[str]]:
    return [
        ["文号", "发布日期", "事项名称", "处理决定"],
        ["国发〔2020〕1号", "2020-01-01", "港口经营许可", action],
    ]


@pytest.mark.parametrize(
    ("action", "delegated", "already", "to"),
    [
        # what follows the 下放 clause names no receiving level (it was read: the province's
        # L1 counted as already at 省级, the county's L3 as already at 县级)
        (
            "下放至设区的市级人民政府，省级部门不再保留审批权",
            {"L1", "L3"},
            {"L2": "already at 市级"},
            "设区的市级人民政府",
        ),
        ("下放至设区的市，省级负责指导监督", {"L1", "L3"}, {"L2": "already at 市级"}, "设区的市"),
        ("下放至设区的市，不再下放至县级", {"L1", "L3"}, {"L2": "already at 市级"}, "设区的市"),
        ("由省级下放至设区的市", {"L1", "L3"}, {"L2": "already at 市级"}, "设区的市"),
        # traditional characters (設區的市) read as simplified (no level was read)
        ("下放至設區的市", {"L1", "L3"}, {"L2": "already at 市级"}, "設區的市"),
        # negative: a named place, traditional or not, is no level
        ("下放至義烏市人民政府", {"L1", "L2", "L3"}, {}, ""),
    ],
)
def test_the_receiving_level_is_read_in_the_delegations_own_clause(
    tmp_path: Path, action: str, delegated: set[str], already: dict[str, str], to: str
) -> None:
    """Only the words after 下放(至) up to ，；。 say where the matter goes."""
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, _to(action))
    assert _findings(result) == (delegated, already)
    assert {r["delegated_to"] for r in result.tables["delegated_items"].rows} == {to}


@pytest.mark.parametrize(
    ("remark", "delegated", "already"),
    [
        ("下放至设区的市交通运输主管部门", {"L1", "L3"}, {"L2": "already at 市级"}),
        ("下放到市、县级交通运输部门", {"L1"}, {"L2": "already at 市级", "L3": "already at 县级"}),
        # negatives: a remark not opening with 下放, or naming no level, says nothing of where
        ("不再下放至县级", {"L1", "L2", "L3"}, {}),
        ("下放后加强事中事后监管", {"L1", "L2", "L3"}, {}),
    ],
)
def test_the_receiving_level_in_a_remark_opening_with_the_delegation(
    tmp_path: Path, remark: str, delegated: set[str], already: dict[str, str]
) -> None:
    """A provincial order's annex (session 23): 调整方式 下放, and where to in its 备注 (下放至
    设区的市…). Until session 23 the remark was not read and the city's L2, already where the
    decision puts the matter, was reported delegated with the others."""
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, _with_remark("下放", remark))
    assert _findings(result) == (delegated, already)
    if already:
        to = {r["delegated_to"] for r in result.tables["delegated_items"].rows}
        assert to == {remark.removeprefix("下放至").removeprefix("下放到")}


def _reform(way: str, measures: str, level: str = "") -> list[list[str]]:
    """A 证照分离 annex row: 审批层级和部门 (the level approving after the reform), 改革方式 and
    具体改革举措."""
    return [
        ["文号", "发布日期", "事项名称", "审批层级和部门", "改革方式", "具体改革举措"],
        ["国发〔2021〕7号", "2021-06-03", "港口经营许可", level, way, measures],
    ]


@pytest.mark.parametrize(
    ("way", "measures", "level", "delegated", "already"),
    [
        # the level in the measure's own clause: the county's L3 is already there
        ("优化审批服务", "下放审批权限：将审批权限由省级下放至县级", "", {"L1", "L2"}, {"L3"}),
        # the level in 审批层级和部门, the measure saying only 下放审批权限
        (
            "优化审批服务",
            "1.下放审批权限；2.压减审批时限",
            "设区的市级交通运输部门",
            {"L1", "L3"},
            {"L2"},
        ),
    ],
)
def test_a_delegation_among_the_measures_of_a_reform_is_a_delegation(
    tmp_path: Path, way: str, measures: str, level: str, delegated: set[str], already: set[str]
) -> None:
    """Worked by hand (session 23): a 证照分离 row 优化审批服务 whose 具体改革举措 hands the
    approval down (下放审批权限) moves the matter: the items not at the level it goes to are
    delegation findings. Until session 23 the measures were not read and every item was told
    `action 优化审批服务`: the province's item, still approving, went unreported."""
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, _reform(way, measures, level))
    found, other = _findings(result)
    assert found == delegated
    assert set(other) == already and all(s.startswith("already at") for s in other.values())


@pytest.mark.parametrize(
    "measures",
    [
        "压减审批时限，精简申请材料",
        "不再下放至县级",
        "委托下放至设区的市实施",
        "",
        # a delegation made before, spoken of (the session-23 rehunt: reported delegated)
        "下放后，省级部门加强事中事后监管",
        # limited to a pilot zone: nothing moves where the list's items stand
        "将审批权限下放至区级（限中国（浙江）自由贸易试验区）",
        "下放审批权限：在自由贸易试验区内由区级部门审批",
    ],
)
def test_measures_handing_nothing_down_leave_the_reform_another_action(
    tmp_path: Path, measures: str
) -> None:
    """Negatives: other measures, a 下放 negated or entrusted, or none: 优化审批服务 stays another
    action, every item told so, none reported."""
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, _reform("优化审批服务", measures))
    assert _findings(result) == (set(), {c: "action 优化审批服务" for c in ("L1", "L2", "L3")})


@pytest.mark.parametrize(
    ("action", "delegated", "already"),
    [
        # a provincial decision handing the matter down without the word 下放 (session 24,
        # hunt 24b): until then each was another action and no item was reported delegated
        ("交由设区的市实施", {"L1", "L3"}, {"L2": "already at 市级"}),
        ("交由设区的市交通运输主管部门实施，省级负责指导", {"L1", "L3"}, {"L2": "already at 市级"}),
        ("赋予县级人民政府行使", {"L1", "L2"}, {"L3": "already at 县级"}),
        ("下沉至设区的市", {"L1", "L3"}, {"L2": "already at 市级"}),
        # the level in brackets as Sichuan writes it (市（州）, 县（市、区）): after session
        # 24's merge the brackets were stripped before the level was read, another action
        ("交由市（州）实施", {"L1", "L3"}, {"L2": "already at 市级"}),
        ("赋予县（市、区）行使", {"L1", "L2"}, {"L3": "already at 县级"}),
    ],
)
def test_a_matter_handed_to_a_lower_level_without_xiafang_is_delegated(
    tmp_path: Path, action: str, delegated: set[str], already: dict[str, str]
) -> None:
    """交由, 赋予, 下沉 (`actions.hand_down`) followed, in their own clause, by levels below the
    province: a delegation, the level read as after 下放."""
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, _to(action))
    assert _findings(result) == (delegated, already)


@pytest.mark.parametrize(
    "action",
    [
        "交由行业协会实施",
        "交由省级交通运输主管部门实施",
        "赋予企业更大经营自主权",
        "交由设区的市级行业协会实施",
        "交由县级供电企业办理",
    ],
)
def test_a_matter_handed_to_no_lower_level_is_no_delegation(tmp_path: Path, action: str) -> None:
    """Negatives: handed to a body that is no level (an association), to the province, or 赋予
    naming no body of a level: another action, every item in other_decision_matches. Nor to a
    body outside government a level qualifies (`actions.hand_down_not_government`: 设区的市级
    行业协会, 县级供电企业): the matter leaves government (after session 24's merge the level
    was read and the items were reported delegated)."""
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, _to(action))
    assert _findings(result) == (set(), {c: f"action {action}" for c in ("L1", "L2", "L3")})


def test_the_implementing_department_of_a_provincial_decision_is_where_it_is_taken_from(
    tmp_path: Path,
) -> None:
    """序号 | 实施部门 | 事项名称 | 处理意见, as provincial decisions head it: 实施部门
    浙江省交通运输厅 is the body the matter is taken from (省级), so the county's L3, below
    the 市级 it is handed to, is no delegated item; until session 24 the column was not read
    and L3 was reported."""
    decisions = [
        ["文号", "发布日期", "实施部门", "事项名称", "处理意见"],
        ["浙政发〔2026〕1号", "2026-01-01", "浙江省交通运输厅", "港口经营许可", "下放至设区的市"],
    ]
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, decisions)
    delegated, other = _findings(result)
    assert delegated == {"L1"}
    assert other["L2"] == "already at 市级" and "below" in other["L3"]


@pytest.mark.parametrize(
    ("department", "delegated", "other"),
    [
        # a 实施部门 cell listing the province's body beside level words: both levels hand the
        # matter down (after session 24's merge only 市级 was read, L1 said to be at 省级, not
        # the level it is taken from)
        ("浙江省交通运输厅、设区市交通运输主管部门", {"L1", "L2"}, "already at 县级"),
        # negative: the cities' departments alone, the province's L1 is not reported
        ("设区市交通运输主管部门", {"L2"}, "already at 县级"),
    ],
)
def test_every_body_an_implementing_department_cell_lists_is_taken_from(
    tmp_path: Path, department: str, delegated: set[str], other: str
) -> None:
    """实施部门 naming two levels' bodies, one by its agency name and one by a level word:
    the matter is taken from both, handed to the counties (L3 already there)."""
    decisions = [
        ["文号", "发布日期", "实施部门", "事项名称", "处理意见"],
        ["浙政发〔2026〕1号", "2026-01-01", department, "港口经营许可", "下放至县级"],
    ]
    found, elsewhere = _findings(run_on_rows(tmp_path, CATALOGUE, ITEMS, decisions))
    assert found == delegated and elsewhere["L3"] == other


def _imported(tmp_path: Path, header: list[str], row: list[object]) -> list[dict[str, str]]:
    """`decisions import` of a one-row 证照分离 workbook: the rows of the CSV it writes."""
    book = tmp_path / "国发〔2021〕7号.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(header)
    wb.active.append(row)
    wb.save(book)
    out = tmp_path / "d"
    args = ["decisions", "import", str(book), "--out", str(out), "--doc-no", "国发〔2021〕7号"]
    got = CliRunner().invoke(cli, [*args, "--date", "2021-06-03"])
    assert got.exit_code == 0, got.output
    (written,) = sorted(out.glob("*.csv"))
    with written.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_an_imported_reform_keeps_its_measures(tmp_path: Path) -> None:
    """Worked by hand (session 24): `decisions import` of a 证照分离 annex (序号 | 改革事项 |
    审批层级和部门 | 改革方式 | 具体改革举措) writes the 具体改革举措 column, so diff reads its
    下放 clause as a delegation to the county: L1 and L2 delegated, L3 already there (as
    test_a_delegation_among_the_measures_of_a_reform_is_a_delegation on a file written by
    hand). Until session 24 the column was dropped and every item was told `action
    优化审批服务`."""
    header = ["序号", "改革事项", "审批层级和部门", "改革方式", "具体改革举措"]
    measure = "下放审批权限：将审批权限由省级下放至县级"
    rows = _imported(tmp_path, header, [1, "港口经营许可", "", "优化审批服务", measure])
    assert [r["具体改革举措"] for r in rows] == [measure]
    decisions = [list(rows[0]), list(rows[0].values())]
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, decisions)
    found, other = _findings(result)
    assert found == {"L1", "L2"} and set(other) == {"L3"}


def test_an_imported_decision_without_measures_has_no_measures_column(tmp_path: Path) -> None:
    """Negative: an annex with no 具体改革举措 column is written as before (no such column), and
    its 优化审批服务 row delegates nothing: every item is told the action."""
    header = ["序号", "改革事项", "审批层级和部门", "改革方式"]
    rows = _imported(tmp_path, header, [1, "港口经营许可", "", "优化审批服务"])
    assert "具体改革举措" not in rows[0]
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, [list(rows[0]), list(rows[0].values())])
    assert _findings(result) == (set(), {c: "action 优化审批服务" for c in ("L1", "L2", "L3")})
