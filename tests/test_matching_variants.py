"""A list item naming the whole of a matter the catalogue lists only as variants or 子项 (one name,
different notes, no record of the whole): it covers them all, so it is matched to none of them,
and a decision on one variant is not one on the item. Answers worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from conftest import run_on_rows

from catalog_sync import vocab

CATALOGUE_HEADER = ["基本编码", "事项名称", "事项类型"]
LIST_HEADER = ["实施编码", "事项名称", "事项类型", "实施主体"]
DECISION_HEADER = ["文号", "发布日期", "事项名称", "处理决定"]
FOOD = [
    ["000101001000", "食品经营许可（仅销售预包装食品）", "行政许可"],
    ["000101002000", "食品经营许可（除仅销售预包装食品外）", "行政许可"],
]
DEVICES = [
    ["000102001000", "第三类医疗器械经营许可（延续）", "行政许可"],
    ["000102002000", "第三类医疗器械经营许可（新办）", "行政许可"],
    ["000102003000", "第三类医疗器械经营许可（变更）", "行政许可"],
]
RADIATION = [
    ["000103001000", "放射诊疗许可（放射治疗）", "行政许可"],
    ["000103002000", "放射诊疗许可（X射线影像诊断）", "行政许可"],
    ["000103003000", "放射诊疗许可（核医学）", "行政许可"],
]


def _run(tmp_path: Path, catalogue: list[list[str]], items: list[str], cancelled: str) -> Any:
    lists = [[f"L{i:02d}", name, "行政许可", "区市场监督管理局"] for i, name in enumerate(items)]
    return run_on_rows(
        tmp_path,
        [CATALOGUE_HEADER, *catalogue],
        [LIST_HEADER, *lists],
        [DECISION_HEADER, ["国发〔2021〕7号", "2021-06-01", cancelled, "取消"]],
    )


def _tables(result: Any) -> tuple[dict[str, str], dict[str, str], set[str], set[str]]:
    """(item -> matter matched, item -> unmatched evidence, items reported cancelled, matters
    reported unimplemented)."""
    t = result.tables
    matched = {r["item_name"]: r["catalogue_name"] for r in t["list_catalogue_matches"].rows}
    unmatched = {r["item_name"]: r["evidence"] for r in t["unmatched_list_items"].rows}
    cancelled = {r["item_name"] for r in t["cancelled_still_listed"].rows if r["source"] == "list"}
    missing = {r["name"] for r in t["unimplemented_catalogue_items"].rows}
    return matched, unmatched, cancelled, missing


def test_a_whole_matter_item_is_none_of_its_variants_whatever_the_order(tmp_path: Path) -> None:
    """食品经营许可 against a catalogue holding only （仅销售预包装食品） and （除…外）: until
    session 19 the first in catalogue order was taken, and cancelling （仅销售预包装食品）
    reported the item cancelled, or not, by row order. Now neither order matches it, no decision
    on one variant reaches it, and neither variant is reported unimplemented (it covers both)."""
    for n, catalogue in enumerate((FOOD, FOOD[::-1])):
        result = _run(tmp_path / str(n), catalogue, ["食品经营许可"], FOOD[0][1])
        matched, unmatched, cancelled, missing = _tables(result)
        assert matched == {} and cancelled == set() and missing == set()
        why = unmatched["食品经营许可"]
        names = "、".join(row[1] for row in catalogue)
        assert (
            "it names the whole matter, which the catalogue lists only as 2 variants "
            f"({names}): it covers them all, none taken; variant '{FOOD[0][1]}' cancelled by "
            "国发〔2021〕7号 from 2021-06-01; 1 of its 2 variants cancelled" in why
        )
        assert not vocab.untranslated("evidence", why)


def test_a_procedure_or_scope_note_does_not_make_the_first_grant(tmp_path: Path) -> None:
    """第三类医疗器械经营许可 against its 子项 （延续）, （新办）, （变更）: the bare name and the
    names with notes naming no action (（告知承诺制）, （委托乡镇） procedure notes, (县级) a scope)
    name the whole matter, not the （新办） 子项 (formerly matched by the fuzzy tier) nor the
    first row; 放射诊疗许可证核发 (fuzzy, 70) and 放射诊疗许可 likewise name the whole of
    放射诊疗许可 over its three kinds. No decision on one 子项 or kind reaches them."""
    items = [
        "第三类医疗器械经营许可",
        "第三类医疗器械经营许可（告知承诺制）",
        "第三类医疗器械经营许可（委托乡镇）",
        "第三类医疗器械经营许可(县级)",
    ]
    result = _run(tmp_path / "d", DEVICES, items, "第三类医疗器械经营许可（延续）")
    matched, unmatched, cancelled, _ = _tables(result)
    assert matched == {} and cancelled == set() and set(unmatched) == set(items)
    assert all("lists only as 3 variants" in why for why in unmatched.values())
    items = ["放射诊疗许可", "放射诊疗许可证核发"]
    result = _run(tmp_path / "r", RADIATION, items, "放射诊疗许可（放射治疗）")
    matched, unmatched, cancelled, _ = _tables(result)
    assert matched == {} and cancelled == set() and set(unmatched) == set(items)


def test_items_naming_a_variant_or_the_only_record_stay_matched(tmp_path: Path) -> None:
    """Near pairs the rule leaves alone: an item naming the variant (with a further note, an
    action) is that variant's and is cancelled with it; an item naming an action is that 子项's
    （新办）; a bare name whose catalogue holds only one 子项 （新办） implements it (the matter's
    only record); with the whole matter in the catalogue the item is the whole matter's."""
    items = ["食品经营许可（仅销售预包装食品）（延续）", "食品经营许可（除仅销售预包装食品外）"]
    matched, _, cancelled, _ = _tables(_run(tmp_path / "v", FOOD, items, FOOD[0][1]))
    assert matched == {items[0]: FOOD[0][1], items[1]: FOOD[1][1]}
    assert cancelled == {items[0]}
    items = ["第三类医疗器械经营许可（新办）", "第三类医疗器械经营许可新办"]
    matched, _, _, _ = _tables(_run(tmp_path / "a", DEVICES, items, "无关事项"))
    assert set(matched.values()) == {"第三类医疗器械经营许可（新办）"}
    only = [DEVICES[1]]
    matched, _, _, _ = _tables(_run(tmp_path / "o", only, ["第三类医疗器械经营许可"], "无关事项"))
    assert matched == {"第三类医疗器械经营许可": "第三类医疗器械经营许可（新办）"}
    whole = [["000101000000", "食品经营许可", "行政许可"], *FOOD]
    matched, _, cancelled, _ = _tables(_run(tmp_path / "w", whole, ["食品经营许可"], FOOD[0][1]))
    assert matched == {"食品经营许可": "食品经营许可"} and cancelled == set()


def test_a_decision_on_the_whole_matter_still_reaches_the_item(tmp_path: Path) -> None:
    """Matched to no variant, the item is still reached by a decision naming the whole matter
    (by its name, not through the catalogue): recall is kept where the decision says so."""
    result = _run(tmp_path, FOOD, ["食品经营许可", "食品生产许可"], "食品经营许可")
    _, _, cancelled, _ = _tables(result)
    assert cancelled == {"食品经营许可"}


SECOND = [
    ["000105001000", "第二类医疗器械经营许可（延续）", "行政许可"],
    ["000105002000", "第二类医疗器械经营许可（新办）", "行政许可"],
]


def _cancels(tmp_path: Path, rows: list[list[str]], as_of: date = date(2026, 11, 1)) -> Any:
    """第三类医疗器械经营许可 listed whole beside its sibling 第二类… (each only as 子项 in the
    catalogue) and one of its 子项; the decision rows given (文号, 序号, 发布日期, 事项名称)."""
    items = ["第三类医疗器械经营许可", "第二类医疗器械经营许可", "第三类医疗器械经营许可（新办）"]
    lists = [[f"L{i:02d}", name, "行政许可", "区市场监督管理局"] for i, name in enumerate(items)]
    decisions = [["文号", "序号", "发布日期", "事项名称", "处理决定"]]
    decisions += [[*row, "取消"] for row in rows]
    return run_on_rows(
        tmp_path, [CATALOGUE_HEADER, *DEVICES, *SECOND], [LIST_HEADER, *lists], decisions, as_of
    )


ALL_THREE = [
    ["国发〔2021〕7号", "3", "2021-06-01", DEVICES[0][1]],
    ["国发〔2022〕3号", "1", "2022-03-01", DEVICES[1][1]],
    ["国发〔2022〕3号", "2", "2022-03-01", DEVICES[2][1]],
]


def test_a_whole_matter_every_variant_of_which_is_cancelled_is_cancelled(tmp_path: Path) -> None:
    """Decisions cancelling 第三类医疗器械经营许可's 延续, 新办 and 变更 one by one cancel
    the whole: the item naming it whole, matched to none of them, is cancelled_still_listed
    (via-catalogue) from the last of them (2022-03-01), each variant's decision named, and no
    longer unmatched. Its sibling 第二类医疗器械经营许可, listed whole the same way, is not
    reached."""
    t = _cancels(tmp_path, ALL_THREE).tables
    rows = {r["item_name"]: r for r in t["cancelled_still_listed"].rows if r["source"] == "list"}
    assert set(rows) == {"第三类医疗器械经营许可", "第三类医疗器械经营许可（新办）"}
    row = rows["第三类医疗器械经营许可"]
    assert (row["decision"], row["effective_date"], row["match_tier"]) == (
        "国发〔2022〕3号",
        "2022-03-01",
        "via-catalogue",
    )
    assert row["evidence"] == (
        "it names the whole matter, which the catalogue lists only as 3 variants, every one "
        "cancelled by a decision in force; "
        f"variant '{DEVICES[0][1]}' cancelled by 国发〔2021〕7号 item 3 from 2021-06-01; "
        f"variant '{DEVICES[1][1]}' cancelled by 国发〔2022〕3号 item 1 from 2022-03-01; "
        f"variant '{DEVICES[2][1]}' cancelled by 国发〔2022〕3号 item 2 from 2022-03-01"
    )
    assert not vocab.untranslated("evidence", row["evidence"])
    unmatched = {r["item_name"]: r["reason"] for r in t["unmatched_list_items"].rows}
    assert unmatched == {"第二类医疗器械经营许可": "no_basic_code"}


def test_a_whole_matter_cancelled_in_part_is_not_cancelled(tmp_path: Path) -> None:
    """Two of three variants cancelled, or the third's decision not yet in force: the whole is
    not cancelled (新办 or 变更 stays), and the unmatched item's reason says its variants are
    partly cancelled, naming the decisions; the sibling keeps no_basic_code."""
    for n, (rows, as_of) in enumerate(
        ((ALL_THREE[:2], date(2026, 11, 1)), (ALL_THREE, date(2021, 12, 1)))
    ):
        t = _cancels(tmp_path / str(n), rows, as_of).tables
        listed = {r["item_name"] for r in t["cancelled_still_listed"].rows if r["source"] == "list"}
        assert "第三类医疗器械经营许可" not in listed
        unmatched = {r["item_name"]: r for r in t["unmatched_list_items"].rows}
        row = unmatched["第三类医疗器械经营许可"]
        assert row["reason"] == "variants_partly_cancelled"
        cancelled = 2 if n == 0 else 1
        assert f"{cancelled} of its 3 variants cancelled, the others stay" in row["evidence"]
        assert f"variant '{DEVICES[0][1]}' cancelled by 国发〔2021〕7号 item 3" in row["evidence"]
        assert not vocab.untranslated("evidence", row["evidence"])
        assert unmatched["第二类医疗器械经营许可"]["reason"] == "no_basic_code"


def test_a_variant_cancelled_but_for_a_part_leaves_the_whole_standing(tmp_path: Path) -> None:
    """The third variant's decision sets a part apart (（变更）（许可事项变更除外）): that part
    stays, so the whole matter is not gone: the whole item is not cancelled, its variants only
    partly (2 of 3 counted)."""
    rows = [*ALL_THREE[:2], [*ALL_THREE[2][:3], f"{DEVICES[2][1]}（许可事项变更除外）"]]
    t = _cancels(tmp_path, rows).tables
    listed = {r["item_name"] for r in t["cancelled_still_listed"].rows if r["source"] == "list"}
    assert "第三类医疗器械经营许可" not in listed
    unmatched = {r["item_name"]: r for r in t["unmatched_list_items"].rows}
    assert unmatched["第三类医疗器械经营许可"]["reason"] == "variants_partly_cancelled"
    assert "2 of its 3 variants cancelled" in unmatched["第三类医疗器械经营许可"]["evidence"]


BEDS = [
    ["000104001000", "医疗机构执业登记（设床位）", "行政许可"],
    ["000104002000", "医疗机构执业登记（不设床位）", "行政许可"],
]


def _beds_run(folder: Path, catalogue: list[list[str]], names: dict[str, str], cancel: str) -> Any:
    rows = [LIST_HEADER] + [[c, n, "行政许可", "某县卫生健康局"] for c, n in names.items()]
    decisions = [DECISION_HEADER, ["示例〔2026〕9号", "2026-01-10", cancel, "取消"]]
    folder.mkdir()
    return run_on_rows(folder, [CATALOGUE_HEADER, *catalogue], rows, decisions)


def test_an_item_writing_its_variant_before_the_name_is_that_variant(tmp_path: Path) -> None:
    """Worked by hand (session 23): 不设床位的医疗机构执业登记 writes the note of 医疗机构执业登记
    （不设床位） in front with 的: it is that variant, and until session 23 it was told it named
    the whole matter (partly cancelled) once a decision cancelled 设床位的医疗机构执业登记. Now
    L1 takes …（不设床位）, the evidence naming the variant and the other kept apart; L2 takes
    …（设床位） and is cancelled with it; L4's note closing with 的 is the note. The catalogue
    writing the variants in front is read alike (L5, L6). Negative: the bare L3 still names the
    whole (partly cancelled), and 不设床位 is never 设床位 (L1, L4, L5 not cancelled)."""
    names = {
        "L1": "不设床位的医疗机构执业登记",
        "L2": "设床位的医疗机构执业登记",
        "L3": "医疗机构执业登记",
        "L4": "医疗机构执业登记（不设床位的）",
    }
    result = _beds_run(tmp_path / "a", BEDS, names, "设床位的医疗机构执业登记")
    matched = {r["item_code"]: r for r in result.tables["list_catalogue_matches"].rows}
    assert {k: r["basic_code"] for k, r in matched.items()} == {
        "L1": "000104002000",
        "L2": "000104001000",
        "L4": "000104002000",
    }
    said = matched["L1"]["evidence"]
    assert said.startswith("the variant '不设床位' of '医疗机构执业登记', written before"), said
    assert said.endswith("kept apart from the other variants (设床位) by that note"), said
    assert not vocab.untranslated("evidence", said), said
    unmatched = {r["item_code"]: r for r in result.tables["unmatched_list_items"].rows}
    assert unmatched["L3"]["reason"] == "variants_partly_cancelled"
    cancelled = {r["item_code"] for r in result.tables["cancelled_still_listed"].rows}
    assert cancelled == {"000104001000", "L2"}

    front = [[code, f"{name[9:-1]}的{name[:8]}", kind] for code, name, kind in BEDS]
    names = {"L5": "医疗机构执业登记（不设床位）", "L6": "医疗机构执业登记（设床位）"}
    result = _beds_run(tmp_path / "b", front, names, "医疗机构执业登记（设床位）")
    matched = {
        r["item_code"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows
    }
    assert matched == {"L5": "000104002000", "L6": "000104001000"}
    cancelled = {r["item_code"] for r in result.tables["cancelled_still_listed"].rows}
    assert cancelled == {"000104001000", "L6"}


def test_a_note_the_name_already_holds_names_no_other_matter(tmp_path: Path) -> None:
    """烟花爆竹生产企业安全检查 (主项) with 子项 （生产）（储存）（运输）: the note 生产 "put into"
    the name at the place where the name already says 生产 gives the plain name back, which
    is the 主项, not another matter the note names. Cancelling （生产） reaches its catalogue
    record and the one item naming it: 2 rows (until session 23 also the 主项 and the items of
    （储存） and （运输）, 7 rows, found by the province benchmark's 生猪屠宰生产企业…（生产））.
    Negative: a note the name does not hold still names the matter it makes
    (会计师事务所设立审批（分所） is 会计师事务所分所设立审批)."""
    checks = [
        ["000106001000", "烟花爆竹生产企业安全检查", "行政检查"],
        ["000106001001", "烟花爆竹生产企业安全检查（生产）", "行政检查"],
        ["000106001002", "烟花爆竹生产企业安全检查（储存）", "行政检查"],
        ["000106001003", "烟花爆竹生产企业安全检查（运输）", "行政检查"],
        ["000107001000", "会计师事务所分所设立审批", "行政许可"],
    ]
    items = [
        "烟花爆竹生产企业安全检查（生产）",
        "烟花爆竹生产企业安全检查（储存）",
        "烟花爆竹生产企业安全检查（运输）",
        "会计师事务所设立审批（分所）",
    ]
    lists = [
        [f"L{i:02d}", name, kind, "区应急管理局"]
        for i, (name, kind) in enumerate(zip(items, ["行政检查"] * 3 + ["行政许可"], strict=True))
    ]
    decisions = [
        ["国发〔2026〕1号", "2026-08-15", "烟花爆竹生产企业安全检查（生产）", "取消"],
        ["国发〔2026〕1号", "2026-08-15", "会计师事务所分所设立审批", "取消"],
    ]
    result = run_on_rows(
        tmp_path,
        [CATALOGUE_HEADER, *checks],
        [LIST_HEADER, *lists],
        [DECISION_HEADER, *decisions],
        as_of=date(2026, 10, 1),
    )
    reached = sorted(r["item_code"] for r in result.tables["cancelled_still_listed"].rows)
    assert reached == ["000106001001", "000107001000", "L00", "L03"]
