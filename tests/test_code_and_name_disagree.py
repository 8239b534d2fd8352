"""A list item whose 基本编码 is one catalogue matter's and whose name is another's (hunt 23c):
a row copied with its code, or a code a new catalogue version reused for another matter. Hand-made
cases whose answers are worked out by hand:

1. a decision reaching the coded matter reaches the item by its code, and the finding says that
   the item's name is another matter (the department must know before taking it off);
2. a decision naming the item's own name exactly reaches it, though its code is another
   matter's (a catalogue keeping the cancelled matter as 取消 made the row reach that matter,
   and the item was kept to the matter of its code: a cancellation missed); a name the row's
   only loosely (…许可证核发) still keeps to the matter of its code.
"""

from __future__ import annotations

from pathlib import Path

from conftest import run_cancelling

from catalog_sync import vocab
from catalog_sync.pipeline import Result

CATALOGUE_HEADER = ["基本编码", "事项名称", "事项类型", "主管部门", "设定依据", "事项状态"]
LIST_HEADER = ["实施编码", "基本编码", "事项名称", "实施主体", "事项类型", "行政区划代码"]
FILLERS = [
    "城镇污水排入排水管网许可", "建设工程消防设计审查", "建设工程规划许可证核发", "取水许可",
    "林草种子生产经营许可证核发", "兽药经营许可证核发", "动物防疫条件合格证核发",
    "生鲜乳收购站许可",
    "农药经营许可", "娱乐场所经营许可", "道路旅客运输经营许可", "出租汽车经营许可", "校车使用许可",
    "民办学校设立审批", "建筑工程施工许可", "酒类商品零售许可", "药品零售企业经营许可",
    "互联网上网服务营业场所经营单位设立审批",
]  # fmt: skip


def _catalogue(*rows: tuple[str, str, str]) -> list[list[str]]:
    """The matters given, after 18 others coded alike: the list's codes are the catalogue's
    scheme, so codes decide."""
    filler = [(f"XK00{200 + n}000", name, "在用") for n, name in enumerate(FILLERS)]
    return [[code, name, "行政许可", "某部门", "", state] for code, name, state in (*filler, *rows)]


def _items(*rows: tuple[str, str, str]) -> list[list[str]]:
    filler = [(f"F{n:02d}", f"XK00{200 + n}000", name) for n, name in enumerate(FILLERS)]
    return [
        [code, basic, name, "示县市场监督管理局", "行政许可", "330122000000"]
        for code, basic, name in (*filler, *rows)
    ]


def _run(
    folder: Path, catalogue: list[list[str]], items: list[list[str]], cancelled: list[str]
) -> Result:
    return run_cancelling(
        folder,
        [CATALOGUE_HEADER, *catalogue],
        [LIST_HEADER, *items],
        cancelled,
        "示政发〔2026〕2号",
    )


def _reached(result: Result) -> dict[str, dict]:
    rows = result.tables["cancelled_still_listed"].rows
    assert not [r["evidence"] for r in rows if vocab.untranslated("evidence", r["evidence"])]
    return {r["item_code"]: r for r in rows}


def test_a_finding_by_the_code_says_the_name_is_another_matter(tmp_path: Path) -> None:
    """医疗机构执业登记（变更） carries the code of 公共场所卫生许可, which a decision cancels: the
    item is reached by its code (the code may be right), and the finding now says its name is
    catalogue matter XK00104000 医疗机构执业登记, so the code or the name is wrong. Until hunt 23c
    it said only 'names differ (similarity 0)'. An item whose name is its code's matter
    (公共场所卫生许可) says nothing of the kind."""
    catalogue = _catalogue(
        ("XK00103000", "公共场所卫生许可", "在用"), ("XK00104000", "医疗机构执业登记", "在用")
    )
    items = _items(
        ("L03", "XK00103000", "医疗机构执业登记（变更）"), ("L04", "XK00103000", "公共场所卫生许可")
    )
    reached = _reached(_run(tmp_path, catalogue, items, ["公共场所卫生许可"]))
    assert sorted(reached) == ["L03", "L04", "XK00103000"]
    said = "its name names another catalogue matter, XK00104000 医疗机构执业登记"
    assert said in reached["L03"]["evidence"]
    assert "another catalogue matter" not in reached["L04"]["evidence"]


def test_a_row_naming_the_item_exactly_reaches_it_whatever_its_code(tmp_path: Path) -> None:
    """食品流通许可 carries XK00107000, the code the catalogue reused for 小餐饮经营许可; the
    catalogue keeps 食品流通许可 as 取消 under its own code. The row cancelling 食品流通许可 reaches
    that catalogue matter and the item, whose name is the row's exactly, the evidence saying its
    code is another matter's. Until hunt 23c the item was kept to the matter of its code and not
    reached: a cancelled item left listed. 食品流通许可证核发 on the same code, the row's name
    only loosely, keeps to the matter of its code as before, and 小餐饮经营许可 is not reached."""
    catalogue = _catalogue(
        ("XK00106000", "食品流通许可", "取消"), ("XK00107000", "小餐饮经营许可", "在用")
    )
    items = _items(
        ("L06", "XK00107000", "食品流通许可"),
        ("L07", "XK00107000", "小餐饮经营许可"),
        ("N06", "XK00107000", "食品流通许可证核发"),
    )
    result = _run(tmp_path, catalogue, items, ["食品流通许可"])
    reached = _reached(result)
    assert sorted(reached) == ["L06"]
    said = "its 基本编码 is of catalogue matter XK00107000 小餐饮经营许可, named otherwise"
    assert said in reached["L06"]["evidence"]
    other = result.tables["other_decision_matches"].rows
    assert [r["item_code"] for r in other] == ["XK00106000"]  # already 取消 in the catalogue
