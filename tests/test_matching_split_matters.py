"""A matter the catalogue splits into 业务办理项 under one 主项: a 子项 naming no act but the
first grant (排污许可证核发) beside a sibling naming another act (排污许可证延续), or naming how
its certificate is issued (核发) under its 主项, is the first grant, one 业务办理项, not the
whole matter its wording alone would make it. A list item naming another act (变更, 注销) is
none of its 业务办理项 (until session 23 it was matched to the …核发 record). A decision naming
the first grant keeps its whole reach (取消 or 下放 of 某某证核发 takes the licence with its 变更
and 延续: the lead's ruling, session 23). Small hand-made cases, answers worked out by hand, end
to end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import matched_by_name, run_on_rows

CATALOGUE = ["基本编码", "事项名称", "事项类型", "主项编码"]
LIST = ["实施编码", "事项名称", "事项类型", "实施主体"]
DECISIONS = ["文号", "发布日期", "事项名称", "处理决定", "下放后审批部门"]
# a 主项 row and its two 子项
POLLUTION = [
    ["510A0100100000", "排污许可", "行政许可", ""],
    ["510A0100100001", "排污许可证核发", "行政许可", "510A0100100000"],
    ["510A0100100002", "排污许可证延续", "行政许可", "510A0100100000"],
]
# two 子项 whose 主项 row the catalogue lacks (its code stated)
SAFETY = [
    ["510A0100200001", "建筑施工企业安全生产许可证核发", "行政许可", "510A0100200000"],
    ["510A0100200002", "建筑施工企业安全生产许可证延期", "行政许可", "510A0100200000"],
]
# a 主项 and one 子项 naming how the certificate is issued
WHOLESALE = [
    ["JS-XK-00012-000", "药品经营许可（批发）", "行政许可", ""],
    ["JS-XK-00012-001", "药品批发企业经营许可证核发", "行政许可", "JS-XK-00012-000"],
]


def _run(
    folder: Path, catalogue: list[list[str]], items: list[str], decisions: list[list[str]]
) -> Any:
    """The pipeline on one catalogue, one list of one agency (行政许可), decisions in force."""
    listed = [LIST] + [[f"L{n}", name, "行政许可", "某区某局"] for n, name in enumerate(items)]
    rows = [["示例〔2026〕1号", "2026-01-01", name, act, to] for name, act, to in decisions]
    return run_on_rows(folder, [CATALOGUE, *catalogue], listed, [DECISIONS, *rows])


def _reached(result: Any, table: str) -> set[str]:
    """The list items (not catalogue matters) a table reports."""
    return {r["item_name"] for r in result.tables[table].rows if r["source"] != "catalogue"}


def test_an_item_naming_another_act_is_no_business_item_of_the_first_grant(
    tmp_path: Path,
) -> None:
    """建筑施工企业安全生产许可证变更 does not implement the 子项 …核发 (base: fuzzy, "a 业务办理项
    (变更) of the second"): it stays unmatched, as the catalogue names no 变更 of that matter;
    排污许可证变更, 排污许可证注销 and 排污许可证核发（变更） implement the 主项 排污许可, the first
    grant 排污许可证核发 its own record. Cancelling the two 核发 子项 still cancels the licences
    whole: the 主项 排污许可 and its 子项, and every item naming another act of them (their
    names reach the decision's as a 业务办理项 of the whole), …延期 (an extension, 延续) with
    its record, which the stated 主项编码 puts in the 核发's family."""
    items = [
        "建筑施工企业安全生产许可证变更",
        "建筑施工企业安全生产许可证延期",
        "排污许可证变更",
        "排污许可证注销",
        "排污许可证核发",
        "排污许可证核发（变更）",
    ]
    decisions = [("建筑施工企业安全生产许可证核发", "取消", ""), ("排污许可证核发", "取消", "")]
    result = _run(tmp_path, POLLUTION + SAFETY, items, decisions)
    assert matched_by_name(result) == {
        "建筑施工企业安全生产许可证延期": "510A0100200002",
        "排污许可证变更": "510A0100100000",
        "排污许可证注销": "510A0100100000",
        "排污许可证核发": "510A0100100001",
        "排污许可证核发（变更）": "510A0100100000",
    }
    unmatched = {r["item_name"] for r in result.tables["unmatched_list_items"].rows}
    assert unmatched == {"建筑施工企业安全生产许可证变更"}
    assert _reached(result, "cancelled_still_listed") == {
        "建筑施工企业安全生产许可证变更",
        "建筑施工企业安全生产许可证延期",
        "排污许可证变更",
        "排污许可证注销",
        "排污许可证核发",
        "排污许可证核发（变更）",
    }
    catalogue = {
        r["item_code"]
        for r in result.tables["cancelled_still_listed"].rows
        if r["source"] == "catalogue"
    }
    assert catalogue == {
        "510A0100200001",
        "510A0100200002",
        "510A0100100000",
        "510A0100100001",
        "510A0100100002",
    }


def test_a_single_issuing_sub_item_is_the_first_grant(tmp_path: Path) -> None:
    """药品批发企业经营许可证核发, the only 子项 of 药品经营许可（批发）, names how the certificate
    is issued: the item …变更初审 is not its 业务办理项 (base: matched it); delegating 核发
    delegates the licence whole, so both items are delegated."""
    items = ["药品批发企业经营许可证变更初审", "药品批发企业经营许可证核发"]
    result = _run(tmp_path, WHOLESALE, items, [("药品批发企业经营许可证核发", "下放", "设区的市")])
    assert matched_by_name(result) == {"药品批发企业经营许可证核发": "JS-XK-00012-001"}
    assert _reached(result, "delegated_items") == set(items)


def test_without_a_stated_main_item_the_issue_names_the_whole_matter(tmp_path: Path) -> None:
    """Negative: the same names as matters of their own (no 主项编码): 核发 names the whole
    matter as before, 变更 is its 业务办理项, and cancelling 核发 reaches it."""
    plain = [[code, name, kind, ""] for code, name, kind, _ in SAFETY[:1] + WHOLESALE[1:]]
    items = ["建筑施工企业安全生产许可证变更", "药品批发企业经营许可证变更"]
    decisions = [
        ("建筑施工企业安全生产许可证核发", "取消", ""),
        ("药品批发企业经营许可证核发", "取消", ""),
    ]
    result = _run(tmp_path, plain, items, decisions)
    assert matched_by_name(result) == {
        "建筑施工企业安全生产许可证变更": "510A0100200001",
        "药品批发企业经营许可证变更": "JS-XK-00012-001",
    }
    assert _reached(result, "cancelled_still_listed") == set(items)


def test_the_whole_matter_and_variant_sub_items_still_reach(tmp_path: Path) -> None:
    """Negatives: a decision naming the 主项 排污许可 reaches every item under it; a 子项 naming a
    kind, no issue (第二类医疗器械生产许可 under 医疗器械生产许可), keeps its 变更 item."""
    kinds = [
        ["510A0100500000", "医疗器械生产许可", "行政许可", ""],
        ["510A0100500002", "第二类医疗器械生产许可", "行政许可", "510A0100500000"],
    ]
    items = ["排污许可证变更", "排污许可证核发", "排污许可证延续", "第二类医疗器械生产许可（变更）"]
    result = _run(tmp_path, POLLUTION + kinds, items, [("排污许可", "取消", "")])
    assert matched_by_name(result)["第二类医疗器械生产许可（变更）"] == "510A0100500002"
    assert _reached(result, "cancelled_still_listed") == set(items[:3])


# A 主项 split into 子项 each naming its act, in the licence's own words (许可证核发, 许可证变更 …),
# as the national catalogue writes 公共场所卫生许可; and a 登记 whose 子项 name the certificate
# (医疗机构执业登记 over 医疗机构执业许可证…), as Beijing and Shanghai lists name them
# 主项（办理项）: 公共场所卫生许可（首次）, 医疗机构执业登记（校验）.
HYGIENE = [
    ["H", "公共场所卫生许可", "行政许可", ""],
    ["H1", "公共场所卫生许可证核发", "行政许可", "H"],
    ["H2", "公共场所卫生许可证变更", "行政许可", "H"],
    ["H3", "公共场所卫生许可证延续", "行政许可", "H"],
]
CLINIC = [
    ["M", "医疗机构执业登记", "行政许可", ""],
    ["M1", "医疗机构执业许可证核发", "行政许可", "M"],
    ["M2", "医疗机构执业许可证校验", "行政许可", "M"],
    ["M3", "医疗机构执业许可证注销", "行政许可", "M"],
]


def test_a_first_grant_note_takes_the_issue_of_a_split_matter(tmp_path: Path) -> None:
    """公共场所卫生许可（首次） is the first grant, which the catalogue states as its 子项
    公共场所卫生许可证核发 (beside …变更, …延续 under the 主项): it implements H1, not the 主项
    (base: name tier, "the first is a 业务办理项 (首次) of the second"). （变更） keeps H2 and a
    （新办） item H1 too; the bare 主项 name stays the 主项's (negative)."""
    items = ["公共场所卫生许可（首次）", "公共场所卫生许可（新办）", "公共场所卫生许可（变更）"]
    result = _run(tmp_path, HYGIENE, [*items, "公共场所卫生许可"], [])
    assert matched_by_name(result) == {
        "公共场所卫生许可（首次）": "H1",
        "公共场所卫生许可（新办）": "H1",
        "公共场所卫生许可（变更）": "H2",
        "公共场所卫生许可": "H",
    }


def test_an_action_note_takes_the_sub_item_the_catalogue_states_for_it(tmp_path: Path) -> None:
    """医疗机构执业登记（校验） and （注销） implement the catalogue's 子项 医疗机构执业许可证校验
    and …注销, which the catalogue states under 医疗机构执业登记 in other words (the licence, not
    the registration), not the 主项 (base: name tier, "a 业务办理项 (校验) of the second"). So
    a decision cancelling 医疗机构执业许可证校验 reaches the （校验） item (base: missed), and not
    the （注销） one."""
    items = ["医疗机构执业登记（校验）", "医疗机构执业登记（注销）"]
    result = _run(tmp_path, CLINIC, items, [("医疗机构执业许可证校验", "取消", "")])
    assert matched_by_name(result) == {items[0]: "M2", items[1]: "M3"}
    assert _reached(result, "cancelled_still_listed") == {items[0]}


def test_an_action_note_the_catalogue_states_no_sub_item_for_keeps_the_main_item(
    tmp_path: Path,
) -> None:
    """Negative: an action no stated 子项 names alone (变更 under 医疗机构执业登记, whose 子项
    name 核发, 校验, 注销) leaves the item the 主项's, as before; without the 主项编码 (no stated
    grouping) （校验） is the 主项's too: a stem alone does not say which 子项 it is."""
    result = _run(tmp_path / "a", CLINIC, ["医疗机构执业登记（变更）"], [])
    assert matched_by_name(result) == {"医疗机构执业登记（变更）": "M"}
    flat = [row[:3] + [""] for row in CLINIC]
    result = _run(tmp_path / "b", flat, ["医疗机构执业登记（校验）"], [])
    assert matched_by_name(result) == {"医疗机构执业登记（校验）": "M"}


def test_an_action_note_keeps_the_main_item_where_its_sub_items_name_other_parties(
    tmp_path: Path,
) -> None:
    """Negative: a 主项 split by party as well as by act (对食品小作坊、小经营店进行备案 over
    食品小作坊备案发放, …续期 and 食品小经营店备案发放, …注销, as the demo catalogue states it):
    its one 注销 子项 is the 小经营店's, so 对食品小作坊、小经营店进行备案（注销）, which names no
    party, is not taken to it (the first version of the session-24 rule did, and suggested
    食品小经营店备案注销 for the demo's 食品小作坊备案注销); it stays the 主项's."""
    catalogue = [
        ["B", "对食品小作坊、小经营店进行备案", "其他行政权力", ""],
        ["B1", "食品小作坊备案发放", "其他行政权力", "B"],
        ["B2", "食品小作坊备案续期", "其他行政权力", "B"],
        ["B3", "食品小经营店备案发放", "其他行政权力", "B"],
        ["B4", "食品小经营店备案注销", "其他行政权力", "B"],
    ]
    listed = [LIST, ["L0", "对食品小作坊、小经营店进行备案（注销）", "其他行政权力", "某区某局"]]
    rows = [["示例〔2026〕1号", "2026-01-01", "食品小经营店备案注销", "取消", ""]]
    result = run_on_rows(tmp_path, [CATALOGUE, *catalogue], listed, [DECISIONS, *rows])
    assert matched_by_name(result).get(listed[1][1]) != "B4"
    assert _reached(result, "cancelled_still_listed") == set()
