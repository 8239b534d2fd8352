"""子项 named by their action alone (变更, 注销, 新办), in a catalogue and in a list with 主项 and
子项 columns: each is its own 主项's, never another 主项's of the same action (hand-made cases;
the answers worked out from the 主项 each row names). docs/definitions.md, "子项 named by their
action alone"."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_on_rows

from catalog_sync import vocab
from catalog_sync.mappings import load_mapping
from catalog_sync.matching import subject_under_main

CATALOGUE_HEADER = ["基本编码", "事项名称", "事项类型", "主项编码"]
SUB_LIST_HEADER = ["实施编码", "主项名称", "子项名称", "事项类型", "实施主体"]
DECISION_HEADER = ["文号", "发布日期", "事项名称", "处理决定"]
FOOD, DRUG = "食品经营许可", "药品零售企业经营许可"
# Two 主项, each with 子项 named by the action alone (the 主项 named by its 主项编码 only).
CATALOGUE = [
    CATALOGUE_HEADER,
    ["F", FOOD, "行政许可", ""],
    ["F1", "新办", "行政许可", "F"],
    ["F2", "变更", "行政许可", "F"],
    ["F4", "注销", "行政许可", "F"],
    ["D", DRUG, "行政许可", ""],
    ["D1", "新办", "行政许可", "D"],
    ["D2", "变更", "行政许可", "D"],
    ["D4", "注销", "行政许可", "D"],
]


def _cancel(name: str) -> list[str]:
    return ["国发〔2020〕1号", "2020-01-01", name, "取消"]


def _matched(result) -> dict[str, tuple[str, str]]:
    return {
        r["item_code"]: (r["basic_code"], r["evidence"])
        for r in result.tables["list_catalogue_matches"].rows
    }


def _cancelled(result) -> set[tuple[str, str]]:
    return {(r["source"], r["item_code"]) for r in result.tables["cancelled_still_listed"].rows}


def test_a_sub_item_named_by_its_action_is_its_own_main_items(tmp_path: Path) -> None:
    """药品零售企业经营许可 | 变更 is D's 变更 (D2), not F's, though both are named 变更; a
    decision cancelling 食品经营许可 then reaches F and its 子项 and none of the list's items."""
    lst = [
        SUB_LIST_HEADER,
        ["L01", DRUG, "变更", "行政许可", "区市场监督管理局"],
        ["L02", DRUG, "注销", "行政许可", "区市场监督管理局"],
        ["L03", DRUG, "新办", "行政许可", "区市场监督管理局"],
    ]
    result = run_on_rows(tmp_path, CATALOGUE, lst, [DECISION_HEADER, _cancel(FOOD)])
    matched = _matched(result)
    assert {code: m[0] for code, m in matched.items()} == {"L01": "D2", "L02": "D4", "L03": "D1"}
    assert (
        "catalogue 子项 '变更' read under its 主项 as '药品零售企业经营许可（变更）'"
        in (matched["L01"][1])
    )
    assert not vocab.untranslated("evidence", matched["L01"][1])
    assert _cancelled(result) == {("catalogue", c) for c in ("F", "F1", "F2", "F4")}


def test_an_action_alone_without_its_main_item_matches_no_sub_item(tmp_path: Path) -> None:
    """A list item named just 变更 (no 主项 column) names no matter: every 主项 has a 变更.
    Before, it took the catalogue's first 变更. 食品经营许可（变更） is F's 变更."""
    lst = [
        ["实施编码", "事项名称", "事项类型", "实施主体"],
        ["L01", "变更", "行政许可", "区市场监督管理局"],
        ["L02", "食品经营许可（变更）", "行政许可", "区市场监督管理局"],
    ]
    result = run_on_rows(tmp_path, CATALOGUE, lst, [DECISION_HEADER, _cancel("无关事项")])
    matched = _matched(result)
    assert "L01" not in matched
    assert matched["L02"][0] == "F2"


def test_a_decision_on_a_sub_item_reaches_the_catalogue_row_named_by_its_action(
    tmp_path: Path,
) -> None:
    """取消 药品零售企业经营许可（变更） is D2 (named 变更 under D) and the list item of that
    wording; not F2 (变更 of another 主项) nor D4."""
    lst = [
        ["实施编码", "事项名称", "事项类型", "实施主体"],
        ["L01", "药品零售企业经营许可变更", "行政许可", "区市场监督管理局"],
        ["L02", "药品零售企业经营许可（注销）", "行政许可", "区市场监督管理局"],
        ["L03", "食品经营许可（变更）", "行政许可", "区市场监督管理局"],
    ]
    result = run_on_rows(
        tmp_path, CATALOGUE, lst, [DECISION_HEADER, _cancel("药品零售企业经营许可（变更）")]
    )
    assert _cancelled(result) == {("catalogue", "D2"), ("list", "L01")}


def test_a_main_items_code_with_an_action_sub_item_is_that_sub_item(tmp_path: Path) -> None:
    """A list giving the 主项's 基本编码 on each 子项 row (000301000000 | 注销): the code says the
    matter, the 子项 column which 业务办理项, so the row is 食品经营许可（注销） and a decision
    cancelling that reaches it. 延续, a 子项 the catalogue does not list, stays on the 主项;
    the 主项's own row too."""
    catalogue = [
        CATALOGUE_HEADER,
        ["000301000000", FOOD, "行政许可", ""],
        ["000301001000", "食品经营许可（新办）", "行政许可", "000301000000"],
        ["000301004000", "食品经营许可（注销）", "行政许可", "000301000000"],
    ]
    lst = [
        ["实施编码", "基本编码", "事项名称", "子项名称", "事项类型", "实施主体"],
        ["T01", "000301000000", FOOD, "", "行政许可", "区市场监督管理局"],
        ["T02", "000301000000", FOOD, "注销", "行政许可", "区市场监督管理局"],
        ["T03", "000301000000", FOOD, "延续", "行政许可", "区市场监督管理局"],
    ]
    result = run_on_rows(
        tmp_path, catalogue, lst, [DECISION_HEADER, _cancel("食品经营许可（注销）")]
    )
    matched = _matched(result)
    assert {code: m[0] for code, m in matched.items()} == {
        "T01": "000301000000",
        "T02": "000301004000",
        "T03": "000301000000",
    }
    assert matched["T02"][1] == (
        "基本编码 000301000000 (given in the list) is the 主项 of catalogue matter "
        "000301004000 食品经营许可（注销）; the 子项 '注销' under it is that matter"
    )
    assert vocab.cell("evidence", matched["T02"][1], "zh") == (
        "基本编码 000301000000（清单中给出）是目录事项 000301004000 食品经营许可（注销） 的主项；"
        "其下子项'注销'即该事项"
    )
    assert _cancelled(result) == {("catalogue", "000301004000"), ("list", "T02")}


def test_an_action_sub_item_on_its_main_items_code_names_no_other_main_items(
    tmp_path: Path,
) -> None:
    """食品经营许可 | 注销 on 食品经营许可's code, the catalogue listing no 注销 under it: the row
    stays on its 主项 and is no code problem; 社会团体登记's 注销 (a catalogue row named 注销)
    is another matter's, not this one's name. Before, code_names_another_matter told the
    department to correct a right code."""
    catalogue = [
        CATALOGUE_HEADER,
        ["000301000000", "社会团体登记", "行政许可", ""],
        ["000301002000", "变更", "行政许可", "000301000000"],
        ["000301003000", "注销", "行政许可", "000301000000"],
        ["000302000000", FOOD, "行政许可", ""],
        ["000302002000", "变更", "行政许可", "000302000000"],
    ]
    lst = [
        ["实施编码", "事项名称", "子项名称", "事项类型", "实施主体", "基本编码"],
        ["L4", FOOD, "注销", "行政许可", "市市场监管局", "000302000000"],
        ["L6", "社会团体登记", "变更", "行政许可", "市民政局", "000301000000"],
    ]
    result = run_on_rows(tmp_path, catalogue, lst, [DECISION_HEADER, _cancel("无关事项")])
    assert {c: m[0] for c, m in _matched(result).items()} == {
        "L4": "000302000000",
        "L6": "000301002000",
    }
    assert not result.tables["unmatched_list_items"].rows


def test_a_decision_reaches_a_list_sub_item_named_by_its_action_under_its_own_main_item(
    tmp_path: Path,
) -> None:
    """No catalogue matter for it: a decision cancelling 药品零售企业经营许可（注销） reaches the
    list's 药品零售企业经营许可 | 注销 (read under its 主项), not its 变更 nor 食品经营许可 | 注销
    (the same name under another 主项: grouped apart, never one name). Before, none."""
    lst = [
        SUB_LIST_HEADER,
        ["L1", DRUG, "变更", "行政许可", "区市场监管局"],
        ["L2", DRUG, "注销", "行政许可", "区市场监管局"],
        ["L3", FOOD, "注销", "行政许可", "区市场监管局"],
    ]
    catalogue = [CATALOGUE_HEADER, ["X1", "档案查阅服务", "公共服务", ""]]
    result = run_on_rows(tmp_path, catalogue, lst, [DECISION_HEADER, _cancel(f"{DRUG}（注销）")])
    assert _cancelled(result) == {("list", "L2")}


SOCIAL = "区人力资源和社会保障局"
SUBJECT_LIST = [
    SUB_LIST_HEADER,
    ["S1", "失业保险参保登记", "单位参保登记", "行政确认", SOCIAL],
    ["S2", "失业保险参保登记", "个人参保登记", "行政确认", SOCIAL],
    ["S3", "失业保险参保登记", "", "行政确认", SOCIAL],
    ["S4", "工伤保险参保登记", "单位参保登记", "行政确认", SOCIAL],
    ["S5", "住房公积金缴存登记", "单位缴存登记", "行政确认", "区住房公积金管理中心"],
]
NO_SUCH_MATTER = [CATALOGUE_HEADER, ["X1", "档案查阅服务", "公共服务", ""]]


def test_a_decision_reaches_a_list_sub_item_naming_a_subject_under_its_main_item(
    tmp_path: Path,
) -> None:
    """失业保险参保登记 | 单位参保登记: the 子项 repeats its 主项's tail (参保登记) after a subject
    the 主项 lacks, so it is 失业保险单位参保登记 and a decision cancelling that reaches it alone:
    not the 个人 子项 (the other party), not the row of the 主项 itself (cancelled whole it is
    not: its 单位 and 个人 子项 are named beside it), not 工伤保险参保登记's 单位参保登记 (a sibling
    主项). Before, only the 主项's row, named loosely, was reached."""
    decisions = [DECISION_HEADER, _cancel("失业保险单位参保登记")]
    result = run_on_rows(tmp_path, NO_SUCH_MATTER, SUBJECT_LIST, decisions)
    assert _cancelled(result) == {("list", "S1")}
    (row,) = result.tables["cancelled_still_listed"].rows
    said = "the 子项 '单位参保登记' read under its 主项 '失业保险参保登记'"
    assert said in row["evidence"]
    assert "子项'单位参保登记'按其主项'失业保险参保登记'读取" in vocab.cell(
        "evidence", row["evidence"], "zh"
    )


def test_a_sub_item_naming_one_party_is_not_reached_by_a_decision_on_the_other(
    tmp_path: Path,
) -> None:
    """住房公积金缴存登记 | 单位缴存登记 is 住房公积金单位缴存登记: a decision on
    住房公积金个人缴存登记 (the other party) reaches nothing, one on 住房公积金单位缴存登记
    reaches it."""
    lst = [SUB_LIST_HEADER, SUBJECT_LIST[5]]
    other = [DECISION_HEADER, _cancel("住房公积金个人缴存登记")]
    assert not _cancelled(run_on_rows(tmp_path / "a", NO_SUCH_MATTER, lst, other))
    same = [DECISION_HEADER, _cancel("住房公积金单位缴存登记")]
    assert _cancelled(run_on_rows(tmp_path / "b", NO_SUCH_MATTER, lst, same)) == {("list", "S5")}


SUBJECT_CATALOGUE = [
    CATALOGUE_HEADER,
    ["C1", "失业保险单位参保登记", "行政确认", ""],
    ["C2", "失业保险个人参保登记", "行政确认", ""],
]


def test_a_list_sub_item_naming_a_subject_takes_that_subjects_catalogue_matter(
    tmp_path: Path,
) -> None:
    """失业保险参保登记 | 单位参保登记 implements 失业保险单位参保登记 and its 个人 子项
    失业保险个人参保登记: the list's own grouping says whose 参保登记 it is (until session 22 only
    decisions read it so, and both were unmatched). Negative: 工伤保险参保登记 | 单位参保登记 and
    住房公积金缴存登记 | 单位缴存登记, whose matters the catalogue lacks, stay unmatched (not
    the 失业保险 matter of the same subject), as does the 主项's own row."""
    result = run_on_rows(tmp_path, SUBJECT_CATALOGUE, SUBJECT_LIST, [DECISION_HEADER])
    matched = _matched(result)
    assert {k: v[0] for k, v in matched.items()} == {"S1": "C1", "S2": "C2"}
    said = "the 子项 '单位参保登记' read under its 主项 '失业保险参保登记'"
    said += " as '失业保险单位参保登记'"
    assert matched["S1"][1].endswith(said)
    zh = "子项'单位参保登记'按其主项'失业保险参保登记'读作'失业保险单位参保登记'"
    assert zh in vocab.cell("evidence", matched["S1"][1], "zh")


def test_a_sub_item_naming_a_subject_never_takes_the_other_partys_matter(
    tmp_path: Path,
) -> None:
    """Negative: the catalogue lists only 失业保险个人参保登记. The 单位 子项 is no part of it
    (Subjects keep parties apart) and stays unmatched; the 个人 子项 takes it."""
    catalogue = [CATALOGUE_HEADER, SUBJECT_CATALOGUE[2]]
    result = run_on_rows(tmp_path, catalogue, SUBJECT_LIST[:3], [DECISION_HEADER])
    assert {k: v[0] for k, v in _matched(result).items()} == {"S2": "C2"}


@pytest.mark.parametrize(
    ("sub", "main", "read"),
    [
        ("单位参保登记", "失业保险参保登记", "失业保险单位参保登记"),
        ("事业单位参保登记", "失业保险参保登记", "失业保险事业单位参保登记"),
        ("单位缴存登记", "住房公积金缴存登记", "住房公积金单位缴存登记"),
        ("单位登记", "失业保险参保登记", ""),  # the act word alone is no tail of the 主项's
        ("单位备案", "失业保险参保登记", ""),  # another act
        ("单位参保登记", "企业职工参保登记", ""),  # the 主项 names a party already
        ("乡村参保登记", "失业保险参保登记", ""),  # no subject: a matter of its own
        ("单位参保登记（变更）", "失业保险参保登记", ""),  # a note: not read so
        ("单位参保登记", "参保登记", ""),  # the 子项 is the 主项 with its subject: its own name
    ],
)
def test_which_sub_items_name_a_subject_under_their_main_item(
    sub: str, main: str, read: str
) -> None:
    assert subject_under_main(sub, main, load_mapping().wording) == read


NOTED = "食品经营许可（变更、注销）"
NOTED_LIST = [
    ["实施编码", "事项名称", "事项类型", "实施主体"],
    ["N1", NOTED, "行政许可", "区市场监管局"],
    ["N2", "药品经营许可（变更、注销）", "行政许可", "区市场监管局"],
    ["N3", "食品经营许可（变更）", "行政许可", "区市场监管局"],
]


@pytest.mark.parametrize("decision", ["食品经营许可（注销）", "食品经营许可注销"])
def test_a_decision_on_one_action_reaches_in_part_an_item_listing_it_in_a_note(
    tmp_path: Path, decision: str
) -> None:
    """食品经营许可（变更、注销） is two 业务办理项 in one item: a decision cancelling 注销 reaches
    it in part, as it reaches 食品经营许可变更、注销 (the evidence says the item lists the
    decision's 业务办理项 among its own: the item must be split), whether the catalogue holds
    the 子项 or not. Not 药品经营许可 (another matter), not the item of the other action
    (（变更）). Before, none."""
    catalogue = [
        CATALOGUE_HEADER,
        ["F", FOOD, "行政许可", ""],
        ["F2", "食品经营许可变更", "行政许可", "F"],
        ["F4", "食品经营许可注销", "行政许可", "F"],
    ]
    for n, cat in enumerate((NO_SUCH_MATTER, catalogue)):
        result = run_on_rows(
            tmp_path / str(n), cat, NOTED_LIST, [DECISION_HEADER, _cancel(decision)]
        )
        rows = [r for r in result.tables["cancelled_still_listed"].rows if r["source"] == "list"]
        assert [r["item_code"] for r in rows] == ["N1"]
        said = "the second lists the first's 业务办理项 注销 among its own 变更/注销"
        assert said in rows[0]["evidence"]
        assert "后者所列业务办理项（变更/注销）包含前者的业务办理项（注销）" in vocab.cell(
            "evidence", rows[0]["evidence"], "zh"
        )


def test_a_decision_on_the_whole_matter_reaches_an_item_listing_actions_whole(
    tmp_path: Path,
) -> None:
    """取消 食品经营许可 names the whole matter: every food item is reached, none other; 取消
    药品经营许可（注销） reaches neither food item."""
    whole = [DECISION_HEADER, _cancel(FOOD)]
    result = run_on_rows(tmp_path / "a", NO_SUCH_MATTER, NOTED_LIST, whole)
    assert _cancelled(result) == {("list", "N1"), ("list", "N3")}
    (n1,) = [r for r in result.tables["cancelled_still_listed"].rows if r["item_code"] == "N1"]
    assert "among its own" not in n1["evidence"]
    drug = [DECISION_HEADER, _cancel("药品经营许可（注销）")]
    result = run_on_rows(tmp_path / "b", NO_SUCH_MATTER, NOTED_LIST, drug)
    assert _cancelled(result) == {("list", "N2")}


TWO_NOTES_LIST = [
    ["实施编码", "事项名称", "事项类型", "实施主体"],
    ["T1", "食品经营许可（变更）（注销）", "行政许可", "区市场监管局"],
    ["T2", "食品经营许可（变更）（延续）", "行政许可", "区市场监管局"],
    ["T3", "食品经营许可（变更）（乡镇）", "行政许可", "区市场监管局"],
    ["T4", "药品经营许可（变更）（注销）", "行政许可", "区市场监管局"],
]
FOOD_TREE = [
    CATALOGUE_HEADER,
    ["F", FOOD, "行政许可", ""],
    ["F2", "食品经营许可（变更）", "行政许可", "F"],
    ["F4", "食品经营许可（注销）", "行政许可", "F"],
]


def test_an_item_naming_two_actions_one_note_each_is_reached_in_part(tmp_path: Path) -> None:
    """Worked by hand. 食品经营许可（变更）（注销） lists two 业务办理项 as （变更、注销） does: a
    decision cancelling 注销 reaches it in part, the evidence saying it lists 注销 among its own
    变更/注销 (the item must be split). Until session 22 it was reached as if whole, its 变更
    read as a variant of 注销. Negative: （变更）（延续） and （变更）（乡镇） name no 注销, and
    药品经营许可 is another matter: none is reached."""
    decisions = [DECISION_HEADER, _cancel("食品经营许可（注销）")]
    result = run_on_rows(tmp_path, FOOD_TREE, TWO_NOTES_LIST, decisions)
    rows = [r for r in result.tables["cancelled_still_listed"].rows if r["source"] == "list"]
    assert [r["item_code"] for r in rows] == ["T1"]
    said = "the second lists the first's 业务办理项 注销 among its own 变更/注销"
    assert said in rows[0]["evidence"]
    assert "包含前者的业务办理项（注销）" in vocab.cell("evidence", rows[0]["evidence"], "zh")


def test_a_decision_on_one_action_reaches_an_item_of_that_action_and_a_place_whole(
    tmp_path: Path,
) -> None:
    """Negative: two notes of which one is no action (（变更）（乡镇）) list no actions: a
    decision on 食品经营许可（变更） reaches it whole, as before; （变更）（注销） in part."""
    decisions = [DECISION_HEADER, _cancel("食品经营许可（变更）")]
    result = run_on_rows(tmp_path, FOOD_TREE, TWO_NOTES_LIST, decisions)
    rows = {r["item_code"]: r for r in result.tables["cancelled_still_listed"].rows}
    assert {"T1", "T2", "T3"} <= set(rows) and "T4" not in rows
    assert "among its own" not in rows["T3"]["evidence"]
    assert "among its own 变更/注销" in rows["T1"]["evidence"]


# A 主项 whose name lists its actions (成立、变更、注销登记), as Hubei and Henan city lists and the
# national catalogue write 社会团体 and 民办非企业单位 registration, its 子项 named by one action.
LISTING = "社会团体成立、变更、注销登记"
LISTING_CATALOGUE = [
    CATALOGUE_HEADER,
    ["S", LISTING, "行政许可", ""],
    ["S1", "社会团体成立登记", "行政许可", "S"],
    ["S2", "社会团体变更登记", "行政许可", "S"],
    ["S3", "社会团体注销登记", "行政许可", "S"],
]


def _listing_run(folder: Path, subs: list[str], cancelled: str):
    items = [SUB_LIST_HEADER] + [
        [f"L{n}", LISTING, sub, "行政许可", "襄阳市行政审批局"] for n, sub in enumerate(subs, 1)
    ]
    return run_on_rows(folder, LISTING_CATALOGUE, items, [DECISION_HEADER, _cancel(cancelled)])


def test_a_sub_item_naming_one_of_the_actions_its_main_item_lists_is_that_action(
    tmp_path: Path,
) -> None:
    """变更登记 under 社会团体成立、变更、注销登记 is 社会团体变更登记 (the 主项's stem with the
    one action), not the whole 主项 whose list holds 变更: so each 子项 takes its own catalogue
    子项, and a decision cancelling 社会团体变更登记 reaches the 变更 item alone. Until session 24
    all three went to the 主项 (`fuzzy`, "same 业务办理项 变更/注销/设立") and the decision
    cancelled the 注销登记 item too."""
    result = _listing_run(tmp_path, ["成立登记", "变更登记", "注销"], "社会团体变更登记")
    codes = {r["item_code"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows}
    assert codes == {"L1": "S1", "L2": "S2", "L3": "S3"}
    cancelled = {
        r["item_code"] or r["basic_code"] for r in result.tables["cancelled_still_listed"].rows
    }
    assert cancelled == {"S2", "L2"}


def test_a_decision_on_the_whole_listing_main_item_still_reaches_every_sub_item(
    tmp_path: Path,
) -> None:
    """Negative: cancelling the 主项 社会团体成立、变更、注销登记 reaches every 子项 under it, and
    an action the 主项 does not list (延续 under it) is not read as one of its 业务办理项."""
    result = _listing_run(tmp_path, ["成立登记", "变更登记", "延续"], LISTING)
    codes = {r["item_code"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows}
    assert codes["L1"] == "S1" and codes["L2"] == "S2"
    assert codes.get("L3") != "S2"
    names = {r["item_code"] for r in result.tables["cancelled_still_listed"].rows}
    assert {"L1", "L2"} <= names


def test_how_a_sub_item_is_read_under_a_main_item_listing_its_actions() -> None:
    """read_under_main: the 主项's stem with the one action where the 主项 lists its actions;
    the 主项's name with the note otherwise (a 主项 listing none, an action it does not list)."""
    from catalog_sync.matching import read_under_main

    wording = load_mapping().wording
    assert read_under_main("变更", LISTING, wording) == "社会团体变更登记"
    assert read_under_main("成立", "民办非企业单位成立、变更、注销登记", wording) == (
        "民办非企业单位成立登记"
    )
    assert read_under_main("变更", FOOD, wording) == "食品经营许可（变更）"
    assert read_under_main("延续", LISTING, wording) == f"{LISTING}（延续）"


# A 主项 named by its certificate, its 子项 writing the certificate short before the act, as a
# Guangxi list groups 道路运输从业人员从业资格证 | 从业资格证换证.
QUALIFICATION = "道路运输从业人员从业资格证"
QUALIFICATION_CATALOGUE = [
    CATALOGUE_HEADER,
    ["Q1", f"{QUALIFICATION}核发", "行政许可", ""],
    ["Q2", f"{QUALIFICATION}换证", "行政许可", ""],
    ["Q3", f"{QUALIFICATION}补证", "行政许可", ""],
    ["V", "乡村建设规划许可证核发", "行政许可", ""],
]


def test_a_sub_item_writing_its_main_items_tail_before_an_act_is_that_act(
    tmp_path: Path,
) -> None:
    """从业资格证换证, …补证 and …核发 under 道路运输从业人员从业资格证 are that certificate's
    换证, 补证 and 核发 (read 道路运输从业人员从业资格证换证 …): each takes its catalogue matter
    (base: all three unmatched), and a decision cancelling …补证 reaches the 补证 item alone
    (base: missed)."""
    subs = ["从业资格证换证", "从业资格证补证", "从业资格证核发"]
    items = [SUB_LIST_HEADER] + [
        [f"L{n}", QUALIFICATION, sub, "行政许可", "某区行政审批局"] for n, sub in enumerate(subs, 1)
    ]
    decision = [DECISION_HEADER, _cancel(f"{QUALIFICATION}补证")]
    result = run_on_rows(tmp_path, QUALIFICATION_CATALOGUE, items, decision)
    codes = {r["item_code"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows}
    assert codes == {"L1": "Q2", "L2": "Q3", "L3": "Q1"}
    rows = result.tables["cancelled_still_listed"].rows
    assert {r["item_code"] for r in rows if r["source"] != "catalogue"} == {"L2"}


def test_a_sub_item_whose_words_are_no_tail_of_its_main_item_keeps_its_own_name(
    tmp_path: Path,
) -> None:
    """Negative: 乡村建设规划许可证核发 under 建设用地规划许可证 (its words before 核发 are no tail
    of the 主项) is its own matter, and 资格证考试 (no action after the tail) is not read as a
    业务办理项 of 道路运输从业人员从业资格证."""
    from catalog_sync.matching import tail_under_main

    wording = load_mapping().wording
    assert tail_under_main("乡村建设规划许可证核发", "建设用地规划许可证", wording) == ""
    assert tail_under_main("从业资格证考试", QUALIFICATION, wording) == ""
    assert tail_under_main("从业资格证换证", QUALIFICATION, wording) == f"{QUALIFICATION}换证"
    items = [
        SUB_LIST_HEADER,
        ["L1", "建设用地规划许可证", "乡村建设规划许可证核发", "行政许可", "某区行政审批局"],
    ]
    result = run_on_rows(tmp_path, QUALIFICATION_CATALOGUE, items, [DECISION_HEADER])
    codes = {r["item_code"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows}
    assert codes == {"L1": "V"}


def test_a_main_items_code_on_a_sub_item_naming_a_stated_sub_item_is_that_sub_item(
    tmp_path: Path,
) -> None:
    """A list giving the 主项's 基本编码 S on each 子项 row: 社会团体成立登记 (the catalogue's own
    子项 name) and 变更登记 (one of the actions the 主项 lists) are the 子项 S1 and S2 the
    catalogue states under S (base: both stayed on S, so a decision cancelling 社会团体成立登记
    missed the item). Negative: 年度检查 names no 子项 of S and stays on S, and is not
    cancelled; 社会团体成立登记 under another 主项's code (R) names no 子项 of R and stays on R
    (the decision still reaches it by its name, as before)."""
    catalogue = [*LISTING_CATALOGUE, ["R", "宗教团体成立、变更、注销前审批", "行政许可", ""]]
    header = ["实施编码", "基本编码", "主项名称", "子项名称", "事项类型", "实施主体"]
    rows = [
        ("S", "社会团体成立登记"),
        ("S", "变更登记"),
        ("S", "年度检查"),
        ("R", "社会团体成立登记"),
    ]
    lst = [header] + [
        [f"T{n}", code, LISTING, sub, "行政许可", "某市行政审批局"]
        for n, (code, sub) in enumerate(rows, 1)
    ]
    result = run_on_rows(tmp_path, catalogue, lst, [DECISION_HEADER, _cancel("社会团体成立登记")])
    codes = {r["item_code"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows}
    assert codes == {"T1": "S1", "T2": "S2", "T3": "S", "T4": "R"}
    cancelled = {i for s, i in _cancelled(result) if s != "catalogue"}
    assert "T1" in cancelled and not cancelled & {"T2", "T3"}
