"""Decision annexes and lists as real exports write them (session 21, hunt 21b), answers worked
out by hand:

1. an annex row with an empty 序号 but its own name and 处理决定 (or 审批部门) is a row of its
   own, not the rest of the row above;
2. a delegation annex's 原实施机关 (原审批部门, 原实施层级) is the row's 审批部门;
3. a list's repeated header whose first cell is empty is the header again, not an item.
"""

from __future__ import annotations

from pathlib import Path

from conftest import run_on_rows

from catalog_sync.mappings import load_mapping
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
