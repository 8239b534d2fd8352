"""The code tier as SQL (code_tier.py), on hand-worked items; Spark runs the same cases in
test_engines.py."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from catalog_sync.code_tier import DuckDBTables, code_tier_pairs
from catalog_sync.mappings import load_mapping
from catalog_sync.matching import NameIndex, entry, match_items_to_catalogue

MAPPING = load_mapping()


def _matter(node: str, code: str, name: str = "") -> Any:
    return SimpleNamespace(node=node, basic_code=code, name=name or node, task_type="行政许可")


def _item(node: str, code: str, name: str = "", origin: str = "given") -> Any:
    return SimpleNamespace(
        node=node,
        basic_code=code,
        basic_code_origin=origin,
        name=name or node,
        parent_name="",
        task_type="行政许可",
        agency="区农业农村局",
        by_law="",
        area_code="",
        ref=SimpleNamespace(file="list.csv", row=2),
    )


# Worked by hand: a code the catalogue has (twice: the first row of a code wins, as the
# catalogue reader keeps it), no code, a code the catalogue lacks, the same code denied for
# one item and not for another, and an item whose code is the lower-case of a real one
# (codes arrive normalised: the tier compares them as they are).
MATTERS = [
    _matter("m:first", "B1"),
    _matter("m:other", "B2"),
    _matter("m:third", "B3"),
    _matter("m:duplicate", "B1"),
]
ITEMS = [
    _item("i:coded", "B1"),
    _item("i:none", ""),
    _item("i:unknown", "ZZ"),
    _item("i:denied", "B2"),
    _item("i:allowed", "B2"),
    _item("i:lower", "b3"),
]
DENIED = {"i:denied": {"m:other"}, "i:missing": {"m:first"}, "i:coded": {"m:gone"}}
EXPECTED = {"i:coded": "m:first", "i:allowed": "m:other"}


def test_code_tier_pairs_on_hand_worked_items() -> None:
    assert code_tier_pairs(ITEMS, MATTERS, DENIED, DuckDBTables()) == EXPECTED


def test_code_tier_with_nothing_to_match() -> None:
    assert code_tier_pairs([], MATTERS) == {}
    assert code_tier_pairs(ITEMS, []) == {}
    assert code_tier_pairs([_item("i:none", "")], MATTERS, {}) == {}


def test_a_denied_code_pair_falls_through_to_the_name_tier() -> None:
    matters = [_matter("m:a", "A1", "蚕种生产许可"), _matter("m:b", "B1", "种畜禽生产经营许可")]
    item = _item("i:1", "A1", "种畜禽生产经营许可")
    index = NameIndex([entry(m.node, m.name, MAPPING) for m in matters], MAPPING)
    matched, _ = match_items_to_catalogue([item], matters, index)
    assert matched["i:1"][0].node == "m:a" and matched["i:1"][1].tier == "code"
    assert "names differ" in matched["i:1"][1].evidence
    matched, _ = match_items_to_catalogue([item], matters, index, denied={"i:1": {"m:a"}})
    assert matched["i:1"][0].node == "m:b" and matched["i:1"][1].tier == "name"
