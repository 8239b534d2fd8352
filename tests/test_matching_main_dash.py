"""A 主项's name in front of its 子项's own name, a dash between (广东政务服务网:
道路运输经营许可—道路旅客运输经营许可（设立）): the first part only says where the item
belongs, as a 主项名称 column does, and is set aside like an agency before a separator. Until
session 23 the item stayed unmatched ("qualifier '道路运输经营许可' added in front") and a
decision cancelling its 子项 missed it. Small hand-made cases, answers worked out by hand, end
to end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import cancelled_items, matched_by_name, run_on_rows

CATALOGUE = [
    ["基本编码", "事项名称", "事项类型", "主项编码"],
    ["440A0002000000", "道路运输经营许可", "行政许可", ""],
    ["440A0002000001", "道路旅客运输经营许可（设立）", "行政许可", "440A0002000000"],
    ["440A0002000004", "道路货物运输经营许可（注销）", "行政许可", "440A0002000000"],
    ["440A0001000000", "建设工程规划许可", "行政许可", ""],
    ["440A0001000001", "建设工程规划许可（新建）", "行政许可", "440A0001000000"],
    ["440C0008000000", "住房公积金缴存登记", "行政许可", ""],
]
LIST = ["实施编码", "事项名称", "事项类型", "实施主体"]
DECISIONS = ["文号", "发布日期", "事项名称", "处理决定"]


def _run(folder: Path, items: list[str], decisions: list[str]) -> Any:
    listed = [LIST] + [
        [f"L{n}", name, "行政许可", "某区交通运输局"] for n, name in enumerate(items)
    ]
    rows = [DECISIONS] + [["粤示例〔2026〕1号", "2026-01-01", d, "取消"] for d in decisions]
    return run_on_rows(folder, CATALOGUE, listed, rows)


def test_a_main_item_before_a_dash_is_set_aside(tmp_path: Path) -> None:
    """Both items take their 子项 (base: unmatched), the evidence naming what was set aside,
    and the decision cancelling 道路旅客运输经营许可（设立） reaches the first, not the second."""
    items = [
        "道路运输经营许可—道路旅客运输经营许可（设立）",
        "道路运输经营许可——道路货物运输经营许可（注销）",
    ]
    result = _run(tmp_path, items, ["道路旅客运输经营许可（设立）"])
    assert matched_by_name(result) == dict(
        zip(items, ["440A0002000001", "440A0002000004"], strict=True)
    )
    said = result.tables["list_catalogue_matches"].rows[0]["evidence"]
    assert "the list item's prefix '道路运输经营许可' set aside" in said
    assert cancelled_items(result) == {items[0]}


def test_a_note_or_a_word_after_the_dash_is_read_as_before(tmp_path: Path) -> None:
    """Negatives: a 子项 written as a note (建设工程规划许可—新建) still takes （新建） by the note
    put into the name; a subject after the dash (住房公积金缴存登记—单位) names no matter of its
    own and is not set aside: the item is not read as the bare word 单位."""
    items = ["建设工程规划许可—新建", "住房公积金缴存登记—单位"]
    result = _run(tmp_path, items, ["建设工程规划许可（新建）"])
    assert matched_by_name(result)["建设工程规划许可—新建"] == "440A0001000001"
    said = {r["item_name"]: r["evidence"] for r in result.tables["list_catalogue_matches"].rows}
    assert "prefix" not in said["建设工程规划许可—新建"]
    assert "prefix" not in said.get("住房公积金缴存登记—单位", "")
    assert cancelled_items(result) == {"建设工程规划许可—新建"}


EXTENDED = [
    CATALOGUE[0],
    ["440A0003000000", "道路旅客运输经营许可", "行政许可", ""],
    ["440A0003000001", "道路旅客运输经营许可（新办）", "行政许可", "440A0003000000"],
    ["440A0003000002", "道路旅客运输经营许可（延续）", "行政许可", "440A0003000000"],
    ["440A0003000003", "道路旅客运输经营许可（变更）", "行政许可", "440A0003000000"],
    ["440A0004000000", "食品经营许可", "行政许可", ""],
]


def _run_on(folder: Path, catalogue: list[list[str]], items: list[str], decision: str) -> Any:
    listed = [LIST] + [
        [f"L{n}", name, "行政许可", "某区交通运输局"] for n, name in enumerate(items)
    ]
    rows = [DECISIONS, ["粤示例〔2026〕1号", "2026-01-01", decision, "取消"]]
    return run_on_rows(folder, catalogue, listed, rows)


def test_a_sub_item_ending_with_an_action_is_that_business_item(tmp_path: Path) -> None:
    """Worked by hand: 道路旅客运输经营许可—道路旅客运输经营许可延续 (…变更) is the 延续 (变更)
    of that 主项: it takes the 子项 （延续） (（变更）) (base: unmatched, the 子项's action made
    it no name of a kind of act), and a decision cancelling （延续） reaches it, not the 变更
    item; one cancelling （新办） reaches neither."""
    items = [
        "道路旅客运输经营许可—道路旅客运输经营许可延续",
        "道路旅客运输经营许可—道路旅客运输经营许可变更",
    ]
    result = _run_on(tmp_path / "a", EXTENDED, items, "道路旅客运输经营许可（延续）")
    assert matched_by_name(result) == dict(
        zip(items, ["440A0003000002", "440A0003000003"], strict=True)
    )
    assert cancelled_items(result) == {items[0]}
    result = _run_on(tmp_path / "b", EXTENDED, items, "道路旅客运输经营许可（新办）")
    assert cancelled_items(result) == set()


def test_an_action_after_words_of_no_act_is_not_set_aside(tmp_path: Path) -> None:
    """Negative, worked by hand: 食品经营许可—餐饮服务变更: what is left of the 子项 once its
    action is read (餐饮服务) ends in no act word, so the 主项 is not set aside and the item is
    not read as 餐饮服务变更: a decision cancelling 餐饮服务变更 does not reach it."""
    items = ["食品经营许可—餐饮服务变更"]
    result = _run_on(tmp_path, EXTENDED, items, "餐饮服务变更")
    assert cancelled_items(result) == set()
