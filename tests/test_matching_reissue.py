"""Reissue spellings (补证, 补领, 补发, 补办) name one act: a list item's reads as the catalogue
子项 doing it (docs/definitions.md, `action_kinds`): found by a hunt on other regions' lists."""

from __future__ import annotations

from pathlib import Path

from conftest import run_on_rows

from catalog_sync import vocab

MAIN = "000301000000"
SUBS = {"新办": "000301001000", "变更": "000301002000", "延续": "000301003000"}
SUBS |= {"注销": "000301004000", "补办": "000301005000"}
CATALOGUE = [
    ["基本编码", "事项名称", "事项类型", "主项编码"],
    [MAIN, "食品经营许可", "行政许可", ""],
    *[[code, f"食品经营许可（{act}）", "行政许可", MAIN] for act, code in SUBS.items()],
    ["000302000000", "食品生产许可", "行政许可", ""],
]
AGENCY = "郑州市金水区市场监督管理局"
HEADER = ["实施编码", "事项名称", "事项类型", "实施主体"]
DECISIONS = [
    ["文号", "发布日期", "事项名称", "处理决定"],
    ["国发〔2025〕2号", "2025-01-01", "食品经营许可（补办）", "取消"],
]


def test_a_reissue_spelled_otherwise_is_the_reissue_subitem(tmp_path: Path) -> None:
    """Worked by hand: 食品经营许可证补证 and …补领 name the reissue the catalogue calls
    （补办）: each implements 000301005000, not the whole matter, the evidence saying the two
    spellings name one act; the decision cancelling 食品经营许可（补办） reaches both."""
    items = [HEADER, ["A1", "食品经营许可证补证", "行政许可", AGENCY]]
    items.append(["A2", "食品经营许可补领", "行政许可", AGENCY])
    result = run_on_rows(tmp_path, CATALOGUE, items, DECISIONS)
    matches = {r["item_code"]: r for r in result.tables["list_catalogue_matches"].rows}
    assert {k: r["basic_code"] for k, r in matches.items()} == {
        "A1": SUBS["补办"],
        "A2": SUBS["补办"],
    }
    assert "(补证 / 补办, one act: 补办)" in matches["A1"]["evidence"]
    assert "(补领 / 补办, one act: 补办)" in matches["A2"]["evidence"]
    assert not vocab.untranslated("evidence", matches["A1"]["evidence"])
    cancelled = {r["item_code"] for r in result.tables["cancelled_still_listed"].rows}
    assert {"A1", "A2"} <= cancelled


def test_a_renewal_is_no_continuation_and_two_reissue_siblings_are_no_guess(
    tmp_path: Path,
) -> None:
    """Negative, worked by hand: 换证 is no 延续 (N1 stays on the whole matter); 食品生产许可证补证
    has no reissue 子项 (N2 on its matter); where the catalogue names both 补办 and 补发, 补证
    could be either: N3 is neither guessed nor the whole matter (the catalogue names the act
    apart), it stays unmatched; 补发 is its own (N4). No decision on （补办） reaches N1, N2 or
    N3."""
    catalogue = [*CATALOGUE, ["000301006000", "食品经营许可（补发）", "行政许可", MAIN]]
    items = [
        HEADER,
        ["N1", "食品经营许可证换证", "行政许可", AGENCY],
        ["N2", "食品生产许可证补证", "行政许可", AGENCY],
        ["N3", "食品经营许可证补证", "行政许可", AGENCY],
        ["N4", "食品经营许可证补发", "行政许可", AGENCY],
    ]
    result = run_on_rows(tmp_path, catalogue, items, DECISIONS)
    matches = {
        r["item_code"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows
    }
    assert matches == {"N1": MAIN, "N2": "000302000000", "N4": "000301006000"}
    unmatched = {r["item_code"] for r in result.tables["unmatched_list_items"].rows}
    assert "N3" in unmatched
    cancelled = {r["item_code"] for r in result.tables["cancelled_still_listed"].rows}
    assert not cancelled & {"N1", "N2", "N3"}
