"""The level a 下放 decision hands a matter to, and the level a list item is at, as provinces
write them. Worked by hand: 港口经营许可 is implemented by the province (330000), a city
(330100) and a county (330109); a decision hands it down. The items at a level the decision
names are already where it puts them (other_decision_matches, "already at …"); the others,
above or below, are findings (delegated_items), as docs/definitions.md says.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_on_rows

from catalog_sync import vocab
from catalog_sync.mappings import load_mapping

CATALOGUE = [["基本编码", "事项名称", "事项类型"], ["000101001000", "港口经营许可", "行政许可"]]
ITEMS = [
    ["实施编码", "事项名称", "事项类型", "实施主体", "行政区划代码"],
    ["L1", "港口经营许可", "行政许可", "浙江省交通运输厅", "330000"],
    ["L2", "港口经营许可", "行政许可", "杭州市交通运输局", "330100"],
    ["L3", "港口经营许可", "行政许可", "萧山区交通运输局", "330109"],
]
DECISION_HEADER = ["文号", "发布日期", "事项名称", "处理决定"]


def _findings(result) -> tuple[set[str], dict[str, str]]:
    """(list items reported delegated, list items elsewhere with their status)."""
    delegated = {
        r["item_code"] for r in result.tables["delegated_items"].rows if r["source"] == "list"
    }
    other = {
        r["item_code"]: r["decision_status"]
        for r in result.tables["other_decision_matches"].rows
        if r["source"] == "list"
    }
    return delegated, other


@pytest.mark.parametrize(
    ("action", "delegated", "already"),
    [
        ("下放至设区市人民政府", {"L1", "L3"}, {"L2": "already at 市级"}),
        ("下放至地级以上市", {"L1", "L3"}, {"L2": "already at 市级"}),
        ("下放至省辖市", {"L1", "L3"}, {"L2": "already at 市级"}),
        ("下放至市（州）级", {"L1", "L3"}, {"L2": "already at 市级"}),
        ("下放至县（市、区）", {"L1", "L2"}, {"L3": "already at 县级"}),
        ("下放至市县两级", {"L1"}, {"L2": "already at 市级", "L3": "already at 县级"}),
        (
            "下放至省、自治区、直辖市人民政府交通运输主管部门",
            {"L2", "L3"},
            {"L1": "already at 省级"},
        ),
    ],
)
def test_the_receiving_level_as_provinces_write_it(
    tmp_path: Path, action: str, delegated: set[str], already: dict[str, str]
) -> None:
    """Each wording names one receiving level (two for 市县两级). Until session 20 none was
    read, and every item, the receiving level's own too, was reported delegated."""
    decisions = [DECISION_HEADER, ["国发〔2020〕1号", "2020-01-01", "港口经营许可", action]]
    assert _findings(run_on_rows(tmp_path, CATALOGUE, ITEMS, decisions)) == (delegated, already)


def test_a_county_item_under_a_delegation_to_cities_is_still_reported(tmp_path: Path) -> None:
    """Negative: 设区市 is 市级 alone, not 区 (县级) and 市: the county's item, below the level
    the decision names, stays a finding with the province's."""
    decisions = [DECISION_HEADER, ["国发〔2020〕1号", "2020-01-01", "港口经营许可", "下放至设区市"]]
    delegated, _ = _findings(run_on_rows(tmp_path, CATALOGUE, ITEMS, decisions))
    assert delegated == {"L1", "L3"}


@pytest.mark.parametrize(
    ("cell", "levels"),
    [
        ("设区市级", {"市级"}),
        ("县（市、区）级", {"县级"}),
        ("县(区)", {"县级"}),
        ("市（州）、县（市、区）", {"市级", "县级"}),
        ("省市县三级", {"省级", "市级", "县级"}),
        ("盟级", {"市级"}),
        ("旗级", {"县级"}),
        ("省、自治区、直辖市人民政府", {"省级"}),
        ("市级、县级", {"市级", "县级"}),
        # a level's government names it (市、县人民政府 is 市 and 县); 自治区 is a province's
        ("市、县人民政府", {"市级", "县级"}),
        ("州人民政府", {"市级"}),
        ("自治州人民政府", {"市级"}),
        ("盟行政公署", {"市级"}),
        ("自治区人民政府", {"省级"}),
        # negatives (a third hunt): a named place's government is no level; 县级市 is 县级;
        # a 地区 is a city's level
        ("义乌市人民政府", set()),
        ("昆山市人民政府", set()),
        ("县级市人民政府", {"县级"}),
        ("各地区行政公署", {"市级"}),
        ("下放至各市（州）、县（市、区）人民政府", {"市级", "县级"}),
        # negatives: a named place is no level; a bracket of other words is no level
        ("杭州市交通运输局", set()),
        ("市场监管部门（含分局）", set()),
        ("设区的市", {"市级"}),
        # single level characters joined before a body: no place is so named
        ("市、县交通运输主管部门", {"市级", "县级"}),
        ("至市和县自然资源部门", {"市级", "县级"}),
        ("杭州市、县交通运输局", set()),  # after a place's name: not opening a level
    ],
)
def test_level_cells(cell: str, levels: set[str]) -> None:
    assert load_mapping().levels_in(cell) == levels


BOTH = {"L2": "already at 市级", "L3": "already at 县级"}


@pytest.mark.parametrize(
    ("action", "already"),
    [
        ("下放至设区的市和省直管县", BOTH),
        ("下放至设区市、省直管县（市）", BOTH),
        ("下放至市、县级", BOTH),
        ("下放至设区的市及直管县（市）", BOTH),
    ],
)
def test_cities_and_the_counties_the_province_governs_directly(
    tmp_path: Path, action: str, already: dict[str, str]
) -> None:
    """Worked by hand (session 23): 省直管县 (a county the province governs without a city
    between, 直管县/直管市 alike) is 县级, never the 省 its name opens with: the city's L2 and
    the county's L3 are already where the decision puts the matter; the province's L1 is the
    finding. Until session 23 下放至设区的市和省直管县 read 市级 alone and L3 was reported."""
    decisions = [DECISION_HEADER, ["国发〔2020〕1号", "2020-01-01", "港口经营许可", action]]
    assert _findings(run_on_rows(tmp_path, CATALOGUE, ITEMS, decisions)) == ({"L1"}, already)


@pytest.mark.parametrize(
    ("cell", "levels"),
    [
        ("设区的市和省直管县", {"市级", "县级"}),
        ("省直管县（市）人民政府", {"县级"}),
        ("直管市", {"县级"}),
        ("设区的市", {"市级"}),  # negative: the city alone
        ("设区的市（不含省直管县）", {"市级"}),  # a bracket leaving a level out names none
        ("设区的市(除省直管县外)", {"市级"}),
        ("省级", {"省级"}),
    ],
)
def test_directly_governed_counties_are_a_county_level(cell: str, levels: set[str]) -> None:
    assert load_mapping().levels_in(cell) == levels


def test_the_list_use_level_as_counties_write_it(tmp_path: Path) -> None:
    """行使层级 县（市、区）级 is 县级 and 设区市级 is 市级 (it was read as no level, and as 市级
    and 县级, so neither item had a level). Under 下放至县级人民政府 the county's item is
    already there; the province's and the city's are findings, and so is an item naming two
    levels (市级、县级: of no one level)."""
    items = [
        ["实施编码", "事项名称", "事项类型", "实施主体", "行使层级"],
        ["L1", "港口经营许可", "行政许可", "浙江省交通运输厅", "省级"],
        ["L2", "港口经营许可", "行政许可", "杭州市交通运输局", "设区市级"],
        ["L3", "港口经营许可", "行政许可", "某县交通运输局", "县（市、区）级"],
        ["L4", "港口经营许可", "行政许可", "某市交通运输局", "市级、县级"],
    ]
    decisions = [
        DECISION_HEADER,
        ["国发〔2020〕1号", "2020-01-01", "港口经营许可", "下放至县级人民政府"],
    ]
    result = run_on_rows(tmp_path, CATALOGUE, items, decisions)
    assert _findings(result) == ({"L1", "L2", "L4"}, {"L3": "already at 县级"})
    levels = {r["item_code"]: r["item_level"] for r in result.tables["delegated_items"].rows}
    assert levels["L2"] == "市级"


# --- where the row hands the matter, as annexes head it --------------------------------------

ANNEX_ITEMS = [
    ["实施编码", "事项名称", "事项类型", "实施主体", "行政区划代码"],
    ["L4", "港口经营许可", "行政许可", "省交通运输厅", "330000"],
    ["L5", "港口经营许可", "行政许可", "杭州市交通运输局", "330100"],
    ["L8", "道路旅客运输站经营许可", "行政许可", "萧山区交通运输局", "330109"],
    ["L9", "道路旅客运输站经营许可", "行政许可", "杭州市交通运输局", "330100"],
    ["L11", "水生野生动物人工繁育许可证核发", "行政许可", "省农业农村厅", "330000"],
]
ANNEX_CATALOGUE = [
    ["基本编码", "事项名称", "事项类型"],
    ["P2", "港口经营许可", "行政许可"],
    ["P4", "道路旅客运输站经营许可", "行政许可"],
    ["P6", "水生野生动物人工繁育许可证核发", "行政许可"],
]


@pytest.mark.parametrize("column", ["下放后实施机关", "下放后的实施机关", "承接层级", "下放层级"])
def test_the_receiving_agency_column_as_annexes_head_it(tmp_path: Path, column: str) -> None:
    """A provincial annex (附件2 下放, no 处理决定 column) names where each matter goes in a
    下放后实施机关 column. 港口经营许可 goes to 设区市…: the province's L4 must move, the city's L5
    is there. 道路旅客运输站经营许可 goes to 县（市、区）…: the city's L9 must move, the county's
    L8 is there. Until session 20 the column was not read: L5 and L8 were reported too."""
    decisions = [
        ["文号", "发布日期", "附件", "事项名称", column],
        [
            "浙政发〔2020〕5号",
            "2020-03-02",
            "附件2 下放的事项",
            "港口经营许可",
            "设区市交通运输主管部门",
        ],
        ["", "", "", "道路旅客运输站经营许可", "县（市、区）交通运输主管部门"],
    ]
    result = run_on_rows(tmp_path, ANNEX_CATALOGUE, ANNEX_ITEMS, decisions)
    assert _findings(result) == (
        {"L4", "L9"},
        {"L5": "already at 市级", "L8": "already at 县级"},
    )
    to = {r["item_code"]: r["delegated_to"] for r in result.tables["delegated_items"].rows}
    assert to["L4"] == "设区市交通运输主管部门"


def test_an_entrusted_matter_is_no_delegation(tmp_path: Path) -> None:
    """A row of a 下放 annex whose 下放后实施机关 says 委托设区市…实施: the power stays with the
    province (the city acts in its name). The province's L11 is no delegated item; the row is
    told as another action. Negative: a 下放 row beside it naming 设区市 still reports L4."""
    decisions = [
        ["文号", "发布日期", "附件", "事项名称", "下放后实施机关"],
        [
            "浙政发〔2020〕5号",
            "2020-03-02",
            "附件2 下放的事项",
            "港口经营许可",
            "设区市交通运输主管部门",
        ],
        ["", "", "", "水生野生动物人工繁育许可证核发", "委托设区市农业农村部门实施"],
    ]
    result = run_on_rows(tmp_path, ANNEX_CATALOGUE, ANNEX_ITEMS, decisions)
    delegated, other = _findings(result)
    assert delegated == {"L4"}
    assert other == {"L5": "already at 市级", "L11": "action 委托设区市农业农村部门实施"}


def test_an_item_out_of_use_is_not_delegated(tmp_path: Path) -> None:
    """The province's item is 停用 (it stopped when the matter went to the cities): the decision
    asks nothing more of it, as a cancellation asks nothing of an item out of use. Negative:
    the same item 在用 is still reported."""
    decisions = [
        DECISION_HEADER,
        ["国发〔2020〕1号", "2020-01-01", "港口经营许可", "下放至设区的市"],
    ]
    header = [*ITEMS[0], "事项状态"]
    for state, expected in (("停用", set()), ("在用", {"L1"})):
        items = [header, [*ITEMS[1], state], [*ITEMS[2], "在用"]]
        result = run_on_rows(tmp_path, CATALOGUE, items, decisions)
        delegated, other = _findings(result)
        assert delegated == expected
        if state == "停用":
            assert other["L1"] == "already out of use (停用)"


def test_delegated_to_names_the_level_written_in_the_action(tmp_path: Path) -> None:
    """With no 下放后审批部门 column, 下放至设区的市 says where the matter goes: delegated_to is
    设区的市 (it was empty). A bare 下放 names nowhere and leaves it empty."""
    for action, to in (("下放至设区的市", "设区的市"), ("下放", "")):
        decisions = [DECISION_HEADER, ["国发〔2020〕1号", "2020-01-01", "港口经营许可", action]]
        result = run_on_rows(tmp_path, CATALOGUE, ITEMS, decisions)
        rows = result.tables["delegated_items"].rows
        assert rows and {r["delegated_to"] for r in rows} == {to}


def test_an_annex_page_with_a_receiving_agency_column_is_imported() -> None:
    """`decisions import` of a page whose 下放 annex heads the column 下放后实施机关 keeps it as
    the row's 下放后审批部门 (it was dropped)."""
    from catalog_sync.documents import Overrides, extract_decision, read_document

    mapping = load_mapping()
    head = (
        "<p>某省人民政府关于下放一批行政许可事项的决定</p><p>示例〔2026〕3号</p><p>2026年2月1日</p>"
    )
    rows = [
        ["序号", "项目名称", "原实施机关", "下放后实施机关"],
        ["1", "港口经营许可", "省交通运输厅", "设区市交通运输主管部门"],
    ]
    body = (
        "<p>附件</p><p>下放的行政许可事项目录</p><table>"
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        + "</table>"
    )
    doc = read_document(f"<html><body>{head}{body}</body></html>".encode(), "x.html", mapping)
    got = extract_decision(doc, mapping, Overrides())
    assert [(r.name, r.action, r.delegated_to) for r in got.rows] == [
        ("港口经营许可", "下放", "设区市交通运输主管部门")
    ]


# --- the level the row takes the matter from (原实施机关) --------------------------------------

TAKEN_ITEMS = [
    ["实施编码", "事项名称", "事项类型", "实施主体", "行政区划代码"],
    ["L1", "港口经营许可", "行政许可", "浙江省交通运输厅", "330000"],
    ["L2", "港口经营许可", "行政许可", "杭州市交通运输局", "330100"],
    ["L3", "港口经营许可", "行政许可", "萧山区交通运输局", "330109"],
]


def _taken_from(column: str, cell: str, to: str) -> list[list[str]]:
    return [
        ["文号", "发布日期", "附件", "事项名称", column, "下放后实施机关"],
        ["浙政发〔2020〕5号", "2020-03-02", "附件2 下放的事项", "港口经营许可", cell, to],
    ]


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("原实施机关", "省交通运输厅"),
        ("原审批部门", "浙江省交通运输厅"),
        ("原实施层级", "省级"),
        ("下放前实施机关", "省级交通运输主管部门"),
    ],
)
def test_only_the_level_taken_from_is_delegated_still_listed(
    tmp_path: Path, column: str, cell: str
) -> None:
    """A province's annex hands 港口经营许可 from 省交通运输厅 to 交通运输主管部门 (a cell
    naming no level). The province's L1 still holds the power it gave away: the finding. The
    city's L2 and the county's L3 are at levels that never held it: the decision asks nothing
    of them (until session 22 both were reported delegated)."""
    decisions = _taken_from(column, cell, "交通运输主管部门")
    result = run_on_rows(tmp_path, CATALOGUE, TAKEN_ITEMS, decisions)
    status = "at {}, not the level it is taken from (省级)"
    assert _findings(result) == (
        {"L1"},
        {"L2": status.format("市级"), "L3": status.format("县级")},
    )
    row = next(r for r in result.tables["delegated_items"].rows if r["source"] == "list")
    said = f"; the item is at 省级, the level the decision takes it from ({cell})"
    assert row["evidence"].endswith(said)


def test_a_county_item_is_not_the_province_power_delegated_to_cities(tmp_path: Path) -> None:
    """下放 from 省交通运输厅 to 各设区市交通运输局: the city's item is already there, the
    county's is below the receiving level and was never the province's: other_decision_matches,
    the status saying so (until session 22 it was reported delegated). The province's is the
    finding."""
    decisions = _taken_from("原实施机关", "省交通运输厅", "各设区市交通运输局")
    delegated, other = _findings(run_on_rows(tmp_path, CATALOGUE, TAKEN_ITEMS, decisions))
    assert delegated == {"L1"}
    below = "at 县级, below the level it is handed to (市级)"
    assert other == {"L2": "already at 市级", "L3": below}


def test_an_item_between_the_level_taken_from_and_the_one_it_goes_to_is_a_finding(
    tmp_path: Path,
) -> None:
    """Negative: 省交通运输厅 hands the matter to 县（市、区）: the city's item stands where the
    power no longer is (it goes past the city to the counties) and stays a finding beside the
    province's, its evidence saying it is between the two levels; the county's is there."""
    decisions = _taken_from("原实施机关", "省交通运输厅", "县（市、区）交通运输主管部门")
    result = run_on_rows(tmp_path, CATALOGUE, TAKEN_ITEMS, decisions)
    assert _findings(result) == ({"L1", "L2"}, {"L3": "already at 县级"})
    said = {r["item_code"]: r["evidence"] for r in result.tables["delegated_items"].rows}
    between = (
        "; the item is at 市级, between the level the decision takes it from (省交通运输厅)"
        " and the one it hands it to (县级)"
    )
    assert said["L2"].endswith(between)
    zh = "该事项位于市级，在决定下放前的层级（原实施机关：省交通运输厅）与下放到的层级（县级）之间"
    assert zh in vocab.cell("evidence", said["L2"], "zh")


def test_another_department_of_the_level_taken_from_is_still_the_finding(tmp_path: Path) -> None:
    """Negative: the 原实施机关 names 省自然资源厅, the item is held by 浙江省行政审批局 (another
    department of the province: powers move between them, 相对集中行政许可权改革). The matter is
    the same by name, the item at the level the power is taken from: still a finding, its
    evidence naming the 原实施机关."""
    items = [TAKEN_ITEMS[0], ["L9", "港口经营许可", "行政许可", "浙江省行政审批局", "330000"]]
    decisions = _taken_from("原实施机关", "省自然资源厅", "设区市自然资源主管部门")
    result = run_on_rows(tmp_path, CATALOGUE, items, decisions)
    assert _findings(result) == ({"L9"}, {})
    row = next(r for r in result.tables["delegated_items"].rows if r["source"] == "list")
    assert "the level the decision takes it from (省自然资源厅)" in row["evidence"]


def test_an_item_of_no_known_level_stays_a_finding(tmp_path: Path) -> None:
    """Negative: with the level taken from known, an item whose level is not (no 行使层级, no
    行政区划代码) cannot be placed: reported as before."""
    items = [
        ["实施编码", "事项名称", "事项类型", "实施主体"],
        ["L7", "港口经营许可", "行政许可", "某交通运输局"],
    ]
    decisions = _taken_from("原实施机关", "省交通运输厅", "市、县交通运输主管部门")
    assert _findings(run_on_rows(tmp_path, CATALOGUE, items, decisions)) == ({"L7"}, {})


def test_without_the_level_taken_from_a_lower_item_says_its_level(tmp_path: Path) -> None:
    """With no 原实施机关 the county's item under 下放至设区市 stays a finding (it may be the
    one that held the power), its evidence saying it is below the level the decision hands
    the matter to; the province's, above it, is the finding as ever and says nothing of it."""
    decisions = [DECISION_HEADER, ["国发〔2020〕1号", "2020-01-01", "港口经营许可", "下放至设区市"]]
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, decisions)
    said = {r["item_code"]: r["evidence"] for r in result.tables["delegated_items"].rows}
    below = "; the item is at 县级, a level the decision does not hand it to (市级)"
    assert said["L3"].endswith(below)
    assert "the item is at" not in said["L1"]


@pytest.mark.parametrize(
    ("agency", "level"),
    [
        ("省交通运输厅", "省"),
        ("浙江省自然资源厅", "省"),
        ("杭州市交通运输局", "市"),
        ("市场监督管理局", ""),
        ("区民政局", "县"),
        # a `not_places` word across or inside a real place in front of an agency is the
        # name's own (session 24 re-hunt: each read no level, so a Chengdu decision's 实施部门
        # took the matter from no level and the province's item was reported delegated)
        ("成都市规划和自然资源局", "市"),
        ("厦门市市场监督管理局", "市"),
        ("广安市民政局", "市"),
        ("江门市蓬江区民政局", "县"),
        ("成都市武侯区行政审批局", "县"),
        ("城市管理局", ""),
        ("都市农业发展中心", ""),
    ],
)
def test_the_level_of_a_body_named(agency: str, level: str) -> None:
    """A lone 省 in front is the province's body; 市场…, 城市…, 都市… open no place
    (`not_places`), but inside or across a place in front they are the place's own."""
    from catalog_sync.wording import agency_level

    assert agency_level(agency, load_mapping().wording) == level


def test_the_receiving_body_names_its_level(tmp_path: Path) -> None:
    """下放后实施机关 杭州市交通运输局 (a body, no level word): a city's body, so the city's item
    is already there and the county's below it (it was read as no level: both were findings).
    The province's item, at the level taken from, is the finding."""
    decisions = _taken_from("原实施机关", "省交通运输厅", "杭州市交通运输局")
    delegated, other = _findings(run_on_rows(tmp_path, CATALOGUE, TAKEN_ITEMS, decisions))
    assert delegated == {"L1"}
    assert other == {
        "L2": "already at 市级",
        "L3": "at 县级, below the level it is handed to (市级)",
    }


@pytest.mark.parametrize(
    ("cell", "levels"),
    [
        ("省发展改革委", {"省级"}),  # a province's commission, not the State Council's
        ("发展改革委", {"国家级"}),
        ("市场监管总局", {"国家级"}),
        ("省交通运输厅", {"省级"}),
        ("市、县交通运输主管部门", {"市级", "县级"}),
        ("交通运输主管部门", set()),
    ],
)
def test_the_levels_of_a_body_cell(cell: str, levels: set[str]) -> None:
    """原实施机关 / 下放后实施机关 cells: level words first, else the body's own level."""
    from catalog_sync.sources.decisions import _body_levels

    assert _body_levels(cell, load_mapping()) == levels
