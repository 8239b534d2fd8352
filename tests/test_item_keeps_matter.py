"""A list item matched to a catalogue matter is that matter (session 19): a decision row that
reaches another catalogue matter does not reach the item by its name. Hand-made cases of
国家 / 省 siblings, with codes of several layouts and without, cancelled and delegated; and a
list name that dropped its scope word is not taken for the row's scope where the catalogue
holds both."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_decision_reach import _cancel, _item, _reached, _run

from catalog_sync import vocab

BREED = "重点保护野生动物驯养繁殖许可证核发"
FOREST = "林业和草原部门"


def _catalogue(national: str, province: str) -> list[list[str]]:
    return [
        [national, f"国家{BREED}", "行政许可", FOREST, "", ""],
        [province, f"省{BREED}", "行政许可", FOREST, "", ""],
    ]


def _delegate(name: str) -> list[str]:
    return ["国发〔2017〕7号", "2017-01-12", "1", name, "", "", "下放"]


def _delegated(result) -> dict[str, dict]:
    rows = result.tables["delegated_items"].rows
    assert not [r["evidence"] for r in rows if vocab.untranslated("evidence", r["evidence"])]
    return {r["item_code"]: r for r in rows}


LAYOUTS = [
    ("XK-00123-000", "XK-00124-000"),  # no code_families pattern
    ("10012300", "10012400"),  # 8 digits
    ("3300001230001", "3300001240001"),  # 13 digits
    ("000120001000", "000120002000"),  # national 12 digits
]


@pytest.mark.parametrize(("national", "province"), LAYOUTS)
def test_an_item_coded_to_the_province_matter_is_not_cancelled_with_the_national_one(
    tmp_path: Path, national: str, province: str
) -> None:
    """Items written without the scope word carry the 省 matter's code: they implement it
    (tier code), so the row cancelling the 国家 matter reaches the 国家 catalogue row alone."""
    items = [
        _item("L1", "重点保护野生动物驯养繁殖许可", basic=province),
        _item("L2", BREED, basic=province),
    ]
    result = _run(
        tmp_path, _catalogue(national, province), {"list.csv": items}, [_cancel(f"国家{BREED}")]
    )
    assert sorted(_reached(result)) == [national]


def test_an_item_matched_by_name_to_the_province_matter_is_not_cancelled(tmp_path: Path) -> None:
    """Without codes the items match the 省 matter by name (names of one matter); the row
    cancelling the 国家 matter does not reach them by their names."""
    items = [
        _item("L1", "重点保护野生动物驯养繁殖许可"),
        _item("L2", f"{BREED}（市级）"),
    ]
    catalogue = _catalogue("000120001000", "000120002000")
    result = _run(tmp_path, catalogue, {"list.csv": items}, [_cancel(f"国家{BREED}")])
    assert sorted(_reached(result)) == ["000120001000"]


def test_an_item_of_the_province_matter_is_not_delegated_with_the_national_one(
    tmp_path: Path,
) -> None:
    """Delegation (下放) reaches what cancellation reaches: not the item of the 省 matter."""
    items = [_item("L1", "重点保护野生动物驯养繁殖许可", basic="XK-00124-000")]
    catalogue = _catalogue("XK-00123-000", "XK-00124-000")
    result = _run(tmp_path, catalogue, {"list.csv": items}, [_delegate(f"国家{BREED}")])
    assert sorted(_delegated(result)) == ["XK-00123-000"]


def test_an_item_coded_to_the_national_matter_is_still_reached(tmp_path: Path) -> None:
    """Recall: the item written without the scope word that carries the 国家 code implements
    the 国家 matter and is reached through it (via-catalogue)."""
    items = [_item("L1", "重点保护野生动物驯养繁殖许可", basic="XK-00123-000")]
    catalogue = _catalogue("XK-00123-000", "XK-00124-000")
    result = _run(tmp_path, catalogue, {"list.csv": items}, [_cancel(f"国家{BREED}")])
    reached = _reached(result)
    assert sorted(reached) == ["L1", "XK-00123-000"]
    assert reached["L1"]["match_tier"] == "via-catalogue"


def test_an_item_of_a_sub_item_of_the_matter_reached_is_still_reached(tmp_path: Path) -> None:
    """The item's matter in the tree of the one reached (a 子项 of the 主项 the row names) is
    reached, whichever way the item is reached."""
    main = "511A0400100000"
    catalogue = [
        [main, "野生动物人工繁育许可证核发", "行政许可", FOREST, "", ""],
        ["511A0400100001", "野生动物人工繁育许可证核发（变更）", "行政许可", FOREST, main, ""],
    ]
    items = [_item("L1", "野生动物人工繁育许可证变更", basic="511A0400100001")]
    result = _run(tmp_path, catalogue, {"list.csv": items}, [_cancel("野生动物人工繁育许可证核发")])
    assert "L1" in _reached(result)


def test_a_list_name_without_its_scope_word_is_not_the_rows_scope(tmp_path: Path) -> None:
    """An item matching no catalogue matter (its type disagrees) written without the scope word
    may be the 国家 matter or the 省 one, both in the catalogue: the row cancelling the 国家 one
    does not reach it by its name. An item naming 国家 is reached."""
    items = [
        [*_item("L1", "重点保护野生动物驯养繁殖许可")[:4], "行政确认", "421000000000", ""],
        [*_item("L2", f"国家{BREED}（县级）")[:4], "行政确认", "421000000000", ""],
    ]
    catalogue = _catalogue("000120001000", "000120002000")
    result = _run(tmp_path, catalogue, {"list.csv": items}, [_cancel(f"国家{BREED}")])
    assert sorted(_reached(result)) == ["000120001000", "L2"]


def test_a_scope_word_dropped_decides_nothing_without_a_sibling(tmp_path: Path) -> None:
    """Where the catalogue holds the 国家 matter alone, the name without the scope word is its
    name in other wording, and is reached (the catalogue's matter untyped: a decision row
    takes the type of the matters it names, and an item of another type, 行政确认 beside
    行政许可, is reached only by an equal name, session 20)."""
    items = [[*_item("L1", "重点保护野生动物驯养繁殖许可")[:4], "行政确认", "421000000000", ""]]
    catalogue = _catalogue("000120001000", "000120002000")[:1]
    result = _run(tmp_path, catalogue, {"list.csv": items}, [_cancel(f"国家{BREED}")])
    assert sorted(_reached(result)) == ["000120001000"]
    catalogue = [[*catalogue[0][:2], "", *catalogue[0][3:]]]
    result = _run(tmp_path / "untyped", catalogue, {"list.csv": items}, [_cancel(f"国家{BREED}")])
    assert sorted(_reached(result)) == ["000120001000", "L1"]


# --- an item carrying its 主项's code, named as the 子项 a row reaches (session 24) ---------

FOOD = "食品经营许可"
FOOD_DEPT = "市场监管部门"


def _food_catalogue(main: str, renew: str, change: str) -> list[list[str]]:
    """食品经营许可 and two 子项 under one 主项 code, the catalogue stating no 主项编码."""
    return [
        [main, FOOD, "行政许可", FOOD_DEPT, "", ""],
        [change, f"{FOOD}（变更）", "行政许可", FOOD_DEPT, "", ""],
        [renew, f"{FOOD}（延续）", "行政许可", FOOD_DEPT, "", ""],
    ]


def _food_items(main: str) -> list[list[str]]:
    """A list whose items all carry the 主项's code (the 子项 named, the code of the matter)."""
    return [
        _item("L1", FOOD, basic=main),
        _item("L2", f"{FOOD}（变更）", basic=main),
        _item("L3", f"{FOOD}（延续）", basic=main),
    ]


@pytest.mark.parametrize(
    ("main", "renew", "change"),
    [
        ("000105001000", "000105001003", "000105001002"),  # national: 9 + 3
        ("511A0100100000", "511A0100100003", "511A0100100002"),  # Sichuan: 511A + 5 + 5
        ("XK00105000", "XK00105003", "XK00105002"),  # Guizhou: XK + 5 + 3
    ],
)
def test_an_item_carrying_its_main_items_code_is_reached_with_its_sub_item(
    tmp_path: Path, main: str, renew: str, change: str
) -> None:
    """By hand: the row cancelling 食品经营许可（延续） reaches the catalogue's （延续） and the
    list item of that name, whose 基本编码 is the 主项's (one 主项 code, 子项 segment of zeros): the
    code says the matter, the name its 业务办理项. Until session 24 the item, kept to the 主项 it
    implements by its code, was not reached (the catalogue stating no 主项编码, no tree joined
    them). Negative: L1 (the 主项's own name) and L2 (（变更）) are not reached."""
    result = _run(
        tmp_path,
        _food_catalogue(main, renew, change),
        {"list.csv": _food_items(main)},
        [_cancel(f"{FOOD}（延续）")],
    )
    reached = _reached(result)
    assert sorted(reached) == sorted([renew, "L3"])
    assert f"its 基本编码 {main} is of the 主项 of {renew}" in reached["L3"]["evidence"]


def test_a_code_no_layout_reads_names_no_main_item(tmp_path: Path) -> None:
    """Negative: codes numbered 区划 + sequence (330100001000 …003), read by no layout, say
    nothing of a 主项: the item carrying 330100001000 implements 食品经营许可 and is not reached
    by the row cancelling （延续） (its code's matter is named otherwise only in a note: kept)."""
    main, renew, change = "330100001000", "330100001003", "330100001002"
    result = _run(
        tmp_path,
        _food_catalogue(main, renew, change),
        {"list.csv": _food_items(main)},
        [_cancel(f"{FOOD}（延续）")],
    )
    assert sorted(_reached(result)) == [renew]


def test_a_sibling_sub_items_code_is_no_main_items_code(tmp_path: Path) -> None:
    """Negative: an item named （延续） carrying the code of the sibling （变更） (000105001002, a
    子项 segment not of zeros) is kept to that matter, as before: the 主项 by code is the row of
    zeros alone."""
    main, renew, change = "000105001000", "000105001003", "000105001002"
    items = [_item("L3", f"{FOOD}（延续）", basic=change)]
    result = _run(
        tmp_path,
        _food_catalogue(main, renew, change),
        {"list.csv": items},
        [_cancel(f"{FOOD}（延续）")],
    )
    assert sorted(_reached(result)) == [renew]
