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
        # negatives: a named place is no level; a bracket of other words is no level
        ("杭州市交通运输局", set()),
        ("市场监管部门（含分局）", set()),
        ("设区的市", {"市级"}),
    ],
)
def test_level_cells(cell: str, levels: set[str]) -> None:
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
