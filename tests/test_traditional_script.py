"""Sources written in traditional script (session 23): their column headings (事項名稱,
處理決定, 行使層級, 實施機關) and the cells read against a vocabulary (事项类型 行政許可, 行使层级
市級, 事项状态 廢止) are read as the simplified ones, as names already were (OpenCC t2s). Worked by
hand on 港口經營許可, which a decision hands from the province to the cities: the province's L1
is the finding, the city's L2 already at 市级. Until session 23 the catalogue's headings were not
found at all (exit 2: no header row) and a list's 市級 named no level.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_on_rows

from catalog_sync.mappings import header_key, load_mapping

CATALOGUE = [
    ["基本編碼", "事項名稱", "事項類型", "行使層級"],
    ["000101001000", "港口經營許可", "行政許可", "市級"],
]
ITEMS = [
    ["實施編碼", "事項名稱", "事項類型", "實施機關", "行使層級", "事項狀態"],
    ["L1", "港口經營許可", "行政許可", "浙江省交通運輸廳", "省級", "在用"],
    ["L2", "港口經營許可", "行政許可", "杭州市交通運輸局", "市級", "在用"],
    ["L3", "港口經營許可", "行政許可", "寧波市交通運輸局", "市級", "廢止"],
]
DECISIONS = [
    ["文號", "發布日期", "序號", "事項名稱", "審批部門", "處理決定", "下放後事中事後監管措施"],
    [
        "浙政發〔2026〕1號",
        "2026-01-01",
        "1",
        "港口經營許可",
        "省交通運輸廳",
        "下放至設區的市",
        "加強監管",
    ],
]


def test_a_project_in_traditional_script_is_read_as_in_simplified(tmp_path: Path) -> None:
    """L1 (省級, the level 省交通運輸廳 is at) is delegated; L2 (市級) is already at 市级; L3,
    廢止, is out of use; 行政許可 is a known type (no warning). Negative: a heading no field
    reads in either script (下放後事中事後監管措施) is still named in a warning."""
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, DECISIONS)
    delegated = result.tables["delegated_items"].rows
    assert {r["item_code"] for r in delegated if r["source"] == "list"} == {"L1"}
    other = {
        r["item_code"]: r["decision_status"]
        for r in result.tables["other_decision_matches"].rows
        if r["source"] == "list"
    }
    assert other == {"L2": "already at 市级", "L3": "already out of use (廢止)"}
    assert not [w for w in result.warnings if "事项类型" in w or "事項類型" in w]
    assert [w for w in result.warnings if "下放後事中事後監管措施" in w]


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("行使層級", "行使层级"),
        ("處理決定", "处理决定"),
        ("實施機關", "实施机关"),
        ("*事項名稱（必填）", "事项名称"),
    ],
)
def test_a_traditional_heading_is_its_simplified_key(heading: str, key: str) -> None:
    assert header_key(heading) == key


def test_vocabulary_cells_in_traditional_script() -> None:
    mapping = load_mapping()
    assert mapping.task_type("行政許可") == "行政许可"
    assert not mapping.in_use("廢止")
    assert mapping.levels_in("市級") == {"市级"}
