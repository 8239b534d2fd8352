"""Precision defects of session 19, fixed in session 20, on small hand-made cases whose answers
are worked out by hand:

1. words set aside around the act word (登记管理→登记) do not let a decision reach an item whose
   事项类型 names another act (行政检查), nor does a decision reach by name an item of another
   type than the catalogue matters it names;
2. a province after the opening verb followed by 居民, 同胞, 籍 … is the subject, not the issuer;
3. an item naming no scope word matches neither of two catalogue matters of its stem that differ
   only by scope (国家 / 省) unless its agency singles one out;
4. matters of different names matched equally are never chosen by catalogue order.
"""

from __future__ import annotations

from pathlib import Path

from test_decision_reach import _cancel, _reached, _run

from catalog_sync import vocab
from catalog_sync.mappings import load_mapping
from catalog_sync.pipeline import Result
from catalog_sync.wording import parts

WORDING = load_mapping().wording
EQUIPMENT = ["000001000000", "特种设备使用登记", "行政许可", "市场监督管理部门", "", ""]
OTHER = ["000009000000", "某某无关事项许可", "行政许可", "某某部门", "", ""]


def _list_item(code: str, name: str, task_type: str, agency: str = "某市市场监督管理局") -> list:
    return [code, "", name, agency, task_type, "421000000000", ""]


def _unmatched(result: Result) -> dict[str, dict]:
    rows = result.tables["unmatched_list_items"].rows
    assert not [r["evidence"] for r in rows if vocab.untranslated("evidence", r["evidence"])]
    return {r["item_code"]: r for r in rows}


def _matched(result: Result) -> dict[str, str]:
    return {r["item_code"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows}


# 1 -------------------------------------------------------------------------------------------


def test_an_inspection_of_registrations_is_not_the_registration(tmp_path: Path) -> None:
    """特种设备使用登记管理 typed 行政检查 inspects the registrations: a decision cancelling
    特种设备使用登记 reaches it neither through the catalogue matter nor, where the catalogue
    lacks the matter, by its name with 管理 set aside. Typed 行政许可 it is the 登记 (管理 set
    aside as before), and is reached both ways."""
    items = [
        _list_item("A1", "特种设备使用登记管理", "行政检查"),
        _list_item("A2", "特种设备使用登记管理", "行政许可", "某县市场监督管理局"),
    ]
    for n, catalogue in enumerate(([EQUIPMENT], [OTHER])):
        result = _run(
            tmp_path / str(n), catalogue, {"list.csv": items}, [_cancel("特种设备使用登记")]
        )
        reached = _reached(result)
        assert "A1" not in reached, catalogue
        assert "登记管理→登记" in reached["A2"]["evidence"], catalogue


def test_an_act_word_of_the_items_own_type_is_set_aside_as_before() -> None:
    """The words around the act word set aside stay set aside where the type names that act
    (处罚决定 typed 行政处罚) or a kind a request is made for (行政许可, 行政确认): only a type
    naming another act no one applies for (检查, 处罚 …) changes the act."""
    from catalog_sync.wording import act_changed_by_type

    registration = parts("特种设备使用登记管理", WORDING)
    assert act_changed_by_type(registration, "行政检查", WORDING) == "登记管理→登记"
    assert act_changed_by_type(registration, "行政处罚", WORDING) == "登记管理→登记"
    for task_type in ("行政许可", "行政确认", "公共服务", ""):
        assert not act_changed_by_type(registration, task_type, WORDING), task_type
    penalty = parts("对违反特种设备安全管理规定的处罚决定", WORDING)
    assert not act_changed_by_type(penalty, "行政处罚", WORDING)


def test_a_decision_takes_the_type_of_the_catalogue_matter_it_names(tmp_path: Path) -> None:
    """A decision row matched to a 行政许可 matter reaches a list item of other wording only where
    the item is typed 行政许可 (or untyped), as the list item itself would be matched to the
    matter; an equal name crosses the type (provinces type one matter differently)."""
    items = [
        _list_item("B1", "特种设备使用登记证核发", "行政确认"),
        _list_item("B2", "特种设备使用登记证核发", "行政许可", "某县市场监督管理局"),
        _list_item("B3", "特种设备使用登记证核发", "", "某区市场监督管理局"),
        _list_item("B4", "特种设备使用登记", "行政确认", "某镇人民政府"),
    ]
    result = _run(tmp_path, [EQUIPMENT], {"list.csv": items}, [_cancel("特种设备使用登记")])
    reached = _reached(result)
    assert "B1" not in reached
    assert {"B2", "B3", "B4"} <= set(reached)


# 2 -------------------------------------------------------------------------------------------


def test_a_province_followed_by_its_residents_is_the_subject() -> None:
    """核发台湾省居民来往大陆通行证 names the residents of 台湾省: the province stays in the stem
    and names no scope; 申领四川省老年人优待证 still sets 四川省 aside as the granting province."""
    taiwan = parts("核发台湾省居民来往大陆通行证", WORDING)
    assert "台湾省" in taiwan.stem and not taiwan.level
    for name in ("核发香港特别行政区居民通行证", "办理台湾省籍人员证明", "核发台湾省同胞证件"):
        assert not parts(name, WORDING).level, name
    elder = parts("申领四川省老年人优待证", WORDING)
    assert "四川省" not in elder.stem and elder.level == "省"


def test_a_decision_on_a_permit_does_not_reach_one_of_taiwans_residents(tmp_path: Path) -> None:
    """A decision cancelling 核发居民来往大陆通行证 does not reach 核发台湾省居民来往大陆通行证,
    while the list's own province in front of a name, borne out by its agencies (四川省公安厅),
    is set aside as before, 户籍 after it or not."""
    items = [
        _list_item("C1", "核发台湾省居民来往大陆通行证", "行政许可", "某市公安局"),
        _list_item("C2", "四川省户籍迁移审批", "行政许可", "四川省公安厅"),
    ]
    decisions = [_cancel("核发居民来往大陆通行证"), _cancel("户籍迁移审批", seq=2)]
    reached = _reached(_run(tmp_path, [OTHER], {"list.csv": items}, decisions))
    assert "C1" not in reached
    assert "C2" in reached


# 3, 4 ----------------------------------------------------------------------------------------

WILDLIFE = "重点保护野生动物驯养繁殖许可"
NATIONAL = ["000005000000", f"国家{WILDLIFE}", "行政许可", "林业和草原部门", "", ""]
PROVINCIAL = ["000006000000", f"省{WILDLIFE}", "行政许可", "林业和草原部门", "", ""]


def test_an_item_without_a_scope_word_matches_neither_scope_sibling(tmp_path: Path) -> None:
    """重点保护野生动物驯养繁殖许可 beside 国家… and 省…: either may be meant, so neither is
    taken (not the nearer spelling), the evidence naming both, and neither is reported
    unimplemented; 四川省… (a place its agency bears out) is the 省 matter."""
    items = [
        _list_item("D1", WILDLIFE, "行政许可", "某市林业局"),
        _list_item("D2", f"四川省{WILDLIFE}", "行政许可", "四川省林业和草原局"),
    ]
    result = _run(tmp_path, [NATIONAL, PROVINCIAL], {"list.csv": items}, [])
    assert "D1" not in _matched(result)
    why = _unmatched(result)["D1"]["evidence"]
    assert f"it matches 2 catalogue matters equally (省{WILDLIFE}、国家{WILDLIFE})" in why
    assert "none taken" in why
    assert _matched(result)["D2"] == "000006000000"
    assert not result.tables["unimplemented_catalogue_items"].rows


def test_one_scope_alone_is_the_items_matter(tmp_path: Path) -> None:
    """Where the catalogue holds one scope alone, the name without it is that matter's."""
    for n, matter in enumerate((NATIONAL, PROVINCIAL)):
        items = [_list_item("E1", WILDLIFE, "行政许可", "某市林业局")]
        result = _run(tmp_path / str(n), [matter], {"list.csv": items}, [])
        assert _matched(result)["E1"] == matter[0]


def test_scope_siblings_stay_apart_after_a_prefix_naming_no_place(tmp_path: Path) -> None:
    """An agency (or words naming no place) in front of the name, set aside (林业局…, 【林业局】…,
    林业局-…), leaves the name naming no scope word: it matches 国家… and 省… equally and takes
    neither, as the bare name does; a decision cancelling 国家… reaches no such item by its
    name. With one scope alone in the catalogue the item is that matter's (the prefix said)."""
    names = (f"林业局{WILDLIFE}", f"【林业局】{WILDLIFE}", f"林业局-{WILDLIFE}证核发")
    items = [_list_item(f"G{n}", name, "行政许可", "林业局") for n, name in enumerate(names)]
    result = _run(tmp_path / "both", [NATIONAL, PROVINCIAL], {"list.csv": items}, [])
    assert not _matched(result)
    for row in _unmatched(result).values():
        assert "it matches 2 catalogue matters equally" in row["evidence"]
    reached = _reached(
        _run(tmp_path / "cut", [NATIONAL, PROVINCIAL], {"list.csv": items}, [_cancel(NATIONAL[1])])
    )
    assert not {"G0", "G1", "G2"} & set(reached)
    alone = _run(tmp_path / "alone", [NATIONAL], {"list.csv": items[:1]}, [])
    assert _matched(alone) == {"G0": NATIONAL[0]}
    rows = alone.tables["list_catalogue_matches"].rows
    assert "the list item's prefix '林业局' set aside" in rows[0]["evidence"]


def test_a_department_singles_out_one_of_matters_matched_equally(tmp_path: Path) -> None:
    """Matters matched equally: the one whose 主管部门 shares the most words with the item's
    agency is taken (by_department); with no department telling, none."""
    national = [*NATIONAL[:3], "农业农村部门", *NATIONAL[4:]]
    items = [
        _list_item("F1", WILDLIFE, "行政许可", "某市林业和草原局"),
        _list_item("F2", WILDLIFE, "行政许可", "某市行政审批局"),
    ]
    result = _run(tmp_path, [national, PROVINCIAL], {"list.csv": items}, [])
    assert _matched(result)["F1"] == "000006000000"
    assert "F2" in _unmatched(result)
