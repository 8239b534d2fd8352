"""A noted record beside the record of a decision's name exactly (诊所执业登记 and
诊所执业登记（备案）): where its note names another kind of act (备案, 核准, 确认 beside 登记) or
its 事项类型 is none of the exact record's, it is another matter, not a variant, and a decision
cancelling 诊所执业登记 does not reach it. Until session 24 "names equal without the
parenthetical note" (and the code family) took it, and its items, as cancelled. Small hand-made
cases, answers worked out by hand, end to end."""

from __future__ import annotations

from pathlib import Path

from conftest import cancelled_items, cancelled_names, matched_by_name, run_cancelling

CATALOGUE = ["基本编码", "事项名称", "事项类型", "主项编码"]
LIST = ["实施编码", "事项名称", "事项类型", "实施主体"]
AGENCY = "某区卫生健康局"


def _catalogue(rows: list[tuple[str, str, str]]) -> list[list[str]]:
    return [CATALOGUE] + [[code, name, kind, ""] for code, name, kind in rows]


def _list(rows: list[tuple[str, str]]) -> list[list[str]]:
    return [LIST] + [[f"L{n}", name, kind, AGENCY] for n, (name, kind) in enumerate(rows)]


def test_a_filing_of_another_type_beside_the_exact_name_is_not_reached(tmp_path: Path) -> None:
    """Worked by hand: the catalogue has 诊所执业登记 (行政许可) and 诊所执业登记（备案）
    (其他行政权力), the list an item of each. Cancelling 诊所执业登记 reaches the licence and
    its item only (base: the （备案） record and its item too)."""
    catalogue = _catalogue(
        [
            ("000117005000", "诊所执业登记", "行政许可"),
            ("000117006000", "诊所执业登记（备案）", "其他行政权力"),
        ]
    )
    items = _list([("诊所执业登记", "行政许可"), ("诊所执业登记（备案）", "其他行政权力")])
    result = run_cancelling(tmp_path, catalogue, items, ["诊所执业登记"])
    assert cancelled_names(result) == {"诊所执业登记"}
    assert cancelled_items(result) == {"诊所执业登记"}


def test_noted_records_told_apart_by_act_or_type_and_variants_kept(tmp_path: Path) -> None:
    """Worked by hand, the exact record 诊所执业登记 (行政许可) beside four noted ones:
    （核准） names another kind of act than 登记 (same type: still apart, base: reached);
    （中医） is of another type (base: reached); （诊所）, a variant of the same type, and
    （注销）, a 业务办理项 whatever its type, are reached as before (negatives)."""
    catalogue = _catalogue(
        [
            ("000117005000", "诊所执业登记", "行政许可"),
            ("000117006000", "诊所执业登记（中医）", "其他行政权力"),
            ("000117007000", "诊所执业登记（诊所）", "行政许可"),
            ("000117008000", "诊所执业登记（注销）", "其他行政权力"),
            ("000117009000", "诊所执业登记（核准）", "行政许可"),
        ]
    )
    result = run_cancelling(tmp_path, catalogue, _list([]), ["诊所执业登记"])
    assert cancelled_names(result) == {
        "诊所执业登记",
        "诊所执业登记（诊所）",
        "诊所执业登记（注销）",
    }


def test_without_the_exact_record_noted_records_are_reached(tmp_path: Path) -> None:
    """Negative, worked by hand: with no record of the decision's name exactly, nothing tells
    the note apart: cancelling 诊所执业登记 reaches （备案） and （零售） as names equal without
    the note, as before."""
    catalogue = _catalogue(
        [
            ("000117006000", "诊所执业登记（备案）", "其他行政权力"),
            ("000117007000", "诊所执业登记（零售）", "行政许可"),
        ]
    )
    result = run_cancelling(tmp_path, catalogue, _list([]), ["诊所执业登记"])
    assert cancelled_names(result) == {"诊所执业登记（备案）", "诊所执业登记（零售）"}


def test_a_code_family_does_not_carry_the_decision_to_another_noted_matter(
    tmp_path: Path,
) -> None:
    """Worked by hand: the same records under one Sichuan 主项 code (511A07001), no 主项编码:
    the family passes the decision from 诊所执业登记 to （零售） and （注销）, not to （备案）
    (another act) nor to （中医） of another type (base: both reached, `propagated`)."""
    catalogue = _catalogue(
        [
            ("511A0700100000", "诊所执业登记", "行政许可"),
            ("511A0700100001", "诊所执业登记（备案）", "其他行政权力"),
            ("511A0700100002", "诊所执业登记（中医）", "其他行政权力"),
            ("511A0700100003", "诊所执业登记（注销）", "其他行政权力"),
            ("511A0700100004", "诊所执业登记（零售）", "行政许可"),
        ]
    )
    result = run_cancelling(tmp_path, catalogue, _list([]), ["诊所执业登记"])
    assert cancelled_names(result) == {
        "诊所执业登记",
        "诊所执业登记（注销）",
        "诊所执业登记（零售）",
    }


def test_a_list_tells_its_noted_item_apart_by_its_own_exact_item(tmp_path: Path) -> None:
    """Worked by hand: the catalogue names none of these (a list matched by name alone); the
    list holds 诊所执业登记 itself, so its 诊所执业登记（备案） names another kind of act and is
    not reached by a decision cancelling 诊所执业登记 (base: reached as names equal without the
    note). Its 诊所执业登记（变更）, a 业务办理项, and 诊所执业登记（个体）, a variant, are
    (negatives)."""
    catalogue = _catalogue([("000101000000", "公共场所卫生许可", "行政许可")])
    names = ["诊所执业登记", "诊所执业登记（备案）", "诊所执业登记（变更）", "诊所执业登记（个体）"]
    items = _list([(name, "行政许可") for name in names])
    result = run_cancelling(tmp_path, catalogue, items, ["诊所执业登记"])
    assert cancelled_items(result) == {names[0], *names[2:]}


BENEFITS = [
    ("000130001000", "失业保险金申领", "公共服务"),
    ("000130002000", "失业补助金申领", "公共服务"),
]
BENEFIT_ITEMS = [
    ("失业保险金申领（失业补助金）", "公共服务"),
    ("失业保险金申领（农民合同制工人）", "公共服务"),
]


def test_a_note_naming_another_matter_in_place_of_the_stem_is_that_matter(tmp_path: Path) -> None:
    """Worked by hand: 失业保险金申领（失业补助金）: the note in place of the stem 失业保险金 gives
    失业补助金申领, a catalogue matter: the item implements it (base: 失业保险金申领, its note
    dropped), a decision cancelling 失业保险金申领 does not reach it and one cancelling
    失业补助金申领 does. The note 农民合同制工人 names no matter: that item stays a variant of
    失业保险金申领 and is reached by it (negative)."""

    catalogue = _catalogue(BENEFITS)
    result = run_cancelling(tmp_path / "a", catalogue, _list(BENEFIT_ITEMS), ["失业保险金申领"])
    assert matched_by_name(result) == {
        "失业保险金申领（失业补助金）": "000130002000",
        "失业保险金申领（农民合同制工人）": "000130001000",
    }
    assert cancelled_items(result) == {"失业保险金申领（农民合同制工人）"}
    result = run_cancelling(tmp_path / "b", catalogue, _list(BENEFIT_ITEMS), ["失业补助金申领"])
    assert cancelled_items(result) == {"失业保险金申领（失业补助金）"}


def test_without_the_other_matter_the_note_is_a_variant(tmp_path: Path) -> None:
    """Negative, worked by hand: with no 失业补助金申领 in the catalogue the note points to no
    matter and drops as before: both items are 失业保险金申领's and reached with it."""
    catalogue = _catalogue(BENEFITS[:1])
    result = run_cancelling(tmp_path, catalogue, _list(BENEFIT_ITEMS), ["失业保险金申领"])
    assert cancelled_items(result) == {name for name, _ in BENEFIT_ITEMS}


def test_a_note_of_another_kind_than_the_stem_names_no_matter_in_its_place(tmp_path: Path) -> None:
    """Worked by hand: a catalogue keeping the older 餐饮服务许可 beside 食品经营许可; the list's
    食品经营许可（餐饮服务） names the business the licence covers, no sibling of its stem
    食品经营 (neither opening nor ending as it does): it implements 食品经营许可 and is reached
    by a decision cancelling it (d0cb966: read as 餐饮服务许可, missed). 失业补助金 in place of
    失业保险金 is a sibling (above, negative)."""
    catalogue = _catalogue(
        [("000117100000", "食品经营许可", "行政许可"), ("000117200000", "餐饮服务许可", "行政许可")]
    )
    items = _list([("食品经营许可（餐饮服务）", "行政许可")])
    result = run_cancelling(tmp_path, catalogue, items, ["食品经营许可"])
    assert matched_by_name(result) == {"食品经营许可（餐饮服务）": "000117100000"}
    assert cancelled_items(result) == {"食品经营许可（餐饮服务）"}


def test_an_approval_noted_on_a_licence_is_a_variant_of_it(tmp_path: Path) -> None:
    """Worked by hand: 取水许可（审批） beside 取水许可, both 行政许可: 审批 and 许可 are one kind
    of act (an approval is the licence), so a decision cancelling 取水许可 reaches the noted
    record and its item (d0cb966: kept apart as another kind of act, missed). Negative:
    取水许可（备案）, of another act, stays apart."""
    catalogue = _catalogue(
        [
            ("000116001000", "取水许可", "行政许可"),
            ("000116002000", "取水许可（审批）", "行政许可"),
            ("000116003000", "取水许可（备案）", "行政许可"),
        ]
    )
    items = _list([("取水许可（审批）", "行政许可"), ("取水许可（备案）", "行政许可")])
    result = run_cancelling(tmp_path, catalogue, items, ["取水许可"])
    assert cancelled_names(result) == {"取水许可", "取水许可（审批）"}
    assert cancelled_items(result) == {"取水许可（审批）"}
