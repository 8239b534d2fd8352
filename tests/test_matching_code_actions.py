"""An item on its 主项's 基本编码 whose name names one of the 主项's 业务办理项, however the
action is punctuated (docs/definitions.md, code_names_another_matter): found by a hunt."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_on_rows

from catalog_sync import vocab

CATALOGUE = [
    ["基本编码", "事项名称", "事项类型", "主项编码"],
    ["000301000000", "食品经营许可", "行政许可", ""],
    ["000301004000", "食品经营许可（注销）", "行政许可", "000301000000"],
    ["000302000000", "食品生产许可", "行政许可", ""],
]
AGENCY = "杭州市西湖区市场监督管理局"
NAMES = [
    "食品经营许可（注销）",
    "食品经营许可-注销",
    "食品经营许可：注销",
    "食品经营许可—注销",
    "食品经营许可注销",
    "食品经营许可证注销",
    "注销食品经营许可",
    "食品经营许可 注销",
]


def _reported(tmp_path: Path, rows: list[list[str]]) -> dict[str, dict]:
    items = [["实施编码", "事项名称", "事项类型", "实施主体", "基本编码"], *rows]
    decisions = [["文号", "发布日期", "事项名称", "处理决定"]]
    result = run_on_rows(tmp_path, CATALOGUE, items, decisions)
    return {r["item_code"]: r for r in result.tables["unmatched_list_items"].rows}


@pytest.mark.parametrize("name", NAMES)
def test_the_subitem_named_on_the_main_code_is_reported_however_punctuated(
    tmp_path: Path, name: str
) -> None:
    """Worked by hand: each spelling reads as the 注销 子项 000301004000 by the name tier, so an
    item carrying the 主项's code 000301000000 is reported, whatever separates the action."""
    rows = _reported(tmp_path, [["A1", name, "行政许可", AGENCY, "000301000000"]])
    assert rows["A1"]["reason"] == "code_names_another_matter", rows
    assert rows["A1"]["best_candidate_code"] == "000301004000"
    assert not vocab.untranslated("evidence", rows["A1"]["evidence"]), rows["A1"]["evidence"]


def test_an_action_no_subitem_names_or_the_subitems_own_code_is_not_reported(
    tmp_path: Path,
) -> None:
    """Negative, worked by hand: 食品生产许可-注销 on 食品生产许可's code names an action of a
    matter with no such 子项 (the name reads as no other matter); 食品经营许可-注销 on the 注销
    子项's own code agrees with it; 食品经营许可-延续 on the 主项 code names a 子项 the catalogue
    lacks (not the 注销 sibling)."""
    rows = _reported(
        tmp_path,
        [
            ["B1", "食品生产许可-注销", "行政许可", AGENCY, "000302000000"],
            ["B2", "食品经营许可-注销", "行政许可", AGENCY, "000301004000"],
            ["B3", "食品经营许可-延续", "行政许可", AGENCY, "000301000000"],
        ],
    )
    assert not rows, rows
