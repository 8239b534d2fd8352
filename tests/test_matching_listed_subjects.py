"""A name listing several subjects under one tail (中外合资、合作医疗机构设置审批; 普通中小学、
幼儿园章程核准), in the catalogue or in a list, on small hand-made cases whose answers are worked
out by hand: a list item naming one listed subject takes the catalogue matter listing it, only
where no matter names that subject alone; a list item listing several subjects, each a matter,
takes none, and a decision on one of them reaches it in part. A subject not listed is never
reached."""

from __future__ import annotations

from pathlib import Path

from conftest import run_on_rows

from catalog_sync import vocab

DECISION_HEADER = ["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"]
CATALOGUE = [
    ["基本编码", "事项名称", "事项类型", "主项编码"],
    ["000401000000", "中外合资、合作医疗机构设置审批", "01", ""],
    ["000402000000", "普通中小学章程核准", "01", ""],
    ["000403000000", "幼儿园章程核准", "01", ""],
    ["000404000000", "中外合资、合作职业技能培训机构设立审批", "01", ""],
    ["000405000000", "中外合作职业技能培训机构设立审批", "01", ""],
]
ITEMS = [
    "中外合作医疗机构设置审批",
    "中外独资医疗机构设置审批",
    "普通中小学、幼儿园章程核准",
    "中外合作职业技能培训机构设立审批",
    "中外合资职业技能培训机构设立审批",
    "民办学校章程核准",
]


def _list(names: list[str]) -> list[list[str]]:
    return [["实施编码", "事项名称", "事项类型", "实施主体"]] + [
        [f"L{i:02d}", name, "01", "某县卫生健康局"] for i, name in enumerate(names, 1)
    ]


def _cancel(name: str) -> list[str]:
    return ["示例〔2026〕1号", "2026-01-01", "1", name, "", "取消"]


def test_an_item_naming_one_listed_subject_takes_the_matter_listing_it(tmp_path: Path) -> None:
    """L01 names 中外合作, one of the subjects 中外合资、合作医疗机构设置审批 lists (中外 carried
    from the first): it implements that matter, the evidence saying so. L05 likewise takes the
    training matter listing 合资. Negative: L04's 中外合作 has a matter of its own (000405), which
    it takes; 中外独资 (L02) is no listed subject and stays unmatched; 民办学校章程核准 (L06)
    takes no 章程核准 matter. Until session 22 L01 and L05 were unmatched."""
    decisions = [DECISION_HEADER, _cancel("档案查阅服务")]
    result = run_on_rows(tmp_path, CATALOGUE, _list(ITEMS), decisions)
    rows = {r["item_code"]: r for r in result.tables["list_catalogue_matches"].rows}
    assert {k: r["basic_code"] for k, r in rows.items()} == {
        "L01": "000401000000",
        "L04": "000405000000",
        "L05": "000404000000",
    }
    said = rows["L01"]["evidence"]
    assert "the catalogue matter names several subjects: '中外合作医疗机构设置审批'" in said
    assert not vocab.untranslated("evidence", said), said


def test_an_item_listing_subjects_of_two_matters_takes_none(tmp_path: Path) -> None:
    """L03 普通中小学、幼儿园章程核准 covers two catalogue matters and cannot take both: it is
    unmatched, the evidence naming both, and neither is reported unimplemented. A decision
    cancelling 幼儿园章程核准 reaches it in part (the item must be split). Negative: a decision
    cancelling 民办学校章程核准, a subject it does not list, does not reach it."""
    decisions = [DECISION_HEADER, _cancel("幼儿园章程核准")]
    result = run_on_rows(tmp_path, CATALOGUE, _list(ITEMS), decisions)
    unmatched = {r["item_code"]: r for r in result.tables["unmatched_list_items"].rows}
    said = unmatched["L03"]["evidence"]
    assert "each a catalogue matter of its own (普通中小学章程核准、幼儿园章程核准)" in said
    assert not vocab.untranslated("evidence", said), said
    missing = {r["basic_code"] for r in result.tables["unimplemented_catalogue_items"].rows}
    assert not {"000402000000", "000403000000"} & missing
    cancelled = {r["item_code"]: r for r in result.tables["cancelled_still_listed"].rows}
    assert "L03" in cancelled
    said = cancelled["L03"]["evidence"]
    assert "the list item names several subjects: '幼儿园章程核准' is one of them" in said
    assert "reached in part" in said and not vocab.untranslated("evidence", said)
    other = [DECISION_HEADER, _cancel("民办学校章程核准")]
    result = run_on_rows(tmp_path / "b", CATALOGUE, _list(ITEMS), other)
    reached = {r["item_code"] for r in result.tables["cancelled_still_listed"].rows}
    assert "L03" not in reached


def test_a_decision_on_one_listed_subject_reaches_no_catalogue_matter_in_part(
    tmp_path: Path,
) -> None:
    """Negative: a decision cancelling 中外合作医疗机构设置审批 reaches the list item so named, not
    the catalogue matter listing 合资 too (a catalogue matter is never reached in part: it would
    pass on to every item implementing it)."""
    decisions = [DECISION_HEADER, _cancel("中外合作医疗机构设置审批")]
    result = run_on_rows(tmp_path, CATALOGUE, _list(ITEMS), decisions)
    reached = {(r["source"], r["item_code"]) for r in result.tables["cancelled_still_listed"].rows}
    assert ("catalogue", "000401000000") not in reached
    assert ("list", "L01") in reached
