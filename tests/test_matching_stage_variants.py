"""A stage (初审, 审核转报) after a variant's name: 烟花爆竹经营（批发）许可初审 is the 初审
stage of the 子项 烟花爆竹经营（批发）许可, not of the 主项 烟花爆竹经营许可. The stage is read
among a name's notes; until session 23 it made the item's notes differ from the 子项's ({批发, 初审}
against {批发}), so its 批发 dropped and it implemented the 主项, and a decision cancelling the
批发 子项 missed it. Small hand-made cases, answers worked out by hand, end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import cancelled_items, matched_by_name, run_on_rows

CATALOGUE = [
    ["基本编码", "事项名称", "事项类型", "主项编码"],
    ["JS-XK-00014-000", "烟花爆竹经营许可", "行政许可", ""],
    ["JS-XK-00014-001", "烟花爆竹经营（批发）许可", "行政许可", "JS-XK-00014-000"],
    ["JS-XK-00014-002", "烟花爆竹经营（零售）许可", "行政许可", "JS-XK-00014-000"],
]
LIST = ["实施编码", "事项名称", "事项类型", "实施主体"]
DECISIONS = ["文号", "发布日期", "事项名称", "处理决定"]


def _run(folder: Path, items: list[str], decision: str) -> Any:
    listed = [LIST] + [
        [f"L{n}", name, "行政许可", "某县应急管理局"] for n, name in enumerate(items)
    ]
    rows = [DECISIONS, ["示例〔2026〕2号", "2026-01-01", decision, "取消"]]
    return run_on_rows(folder, CATALOGUE, listed, rows)


def test_a_stage_of_a_variant_implements_the_variant(tmp_path: Path) -> None:
    """批发…初审 and 零售…初审 implement their 子项 (base: both the 主项), and cancelling the
    批发 子项 reports the 批发 stage item, not the 零售 one."""
    items = ["烟花爆竹经营（批发）许可初审", "烟花爆竹经营（零售）许可初审"]
    result = _run(tmp_path, items, "烟花爆竹经营（批发）许可")
    assert matched_by_name(result) == {
        "烟花爆竹经营（批发）许可初审": "JS-XK-00014-001",
        "烟花爆竹经营（零售）许可初审": "JS-XK-00014-002",
    }
    assert cancelled_items(result) == {"烟花爆竹经营（批发）许可初审"}


def test_a_stage_alone_or_another_note_keeps_to_the_main_item(tmp_path: Path) -> None:
    """Negatives: a stage with no variant (烟花爆竹经营许可初审) and a stage after a note the
    catalogue names no 子项 by (（礼花弹）) still implement the 主项; cancelling the 零售 子项
    reaches neither."""
    items = ["烟花爆竹经营许可初审", "烟花爆竹经营（礼花弹）许可初审"]
    result = _run(tmp_path, items, "烟花爆竹经营（零售）许可")
    assert matched_by_name(result) == dict.fromkeys(items, "JS-XK-00014-000")
    assert cancelled_items(result) == set()
