"""Level words and agency labels in front of a list item's name (docs/definitions.md, "A place
or an agency in front of a list item's name"): found by a hunt on other regions' lists."""

from __future__ import annotations

from pathlib import Path

from conftest import run_on_rows

from catalog_sync import vocab

CATALOGUE = [
    ["基本编码", "事项名称", "事项类型", "主项编码"],
    ["005001000000", "最低生活保障审核确认", "行政给付", ""],
    ["005002000000", "临时救助对象认定", "行政确认", ""],
    ["000301000000", "食品经营许可", "行政许可", ""],
    ["000301002000", "食品经营许可（变更）", "行政许可", "000301000000"],
    ["000302000000", "食品生产许可", "行政许可", ""],
]
TOWNSHIP = "郑州市金水区丰产路街道办事处"
COUNTY = "郑州市金水区民政局"
MARKET = "郑州市金水区市场监督管理局"
NO_DECISIONS = [["文号", "发布日期", "事项名称", "处理决定"]]


def _run(tmp_path: Path, rows: list[list[str]]) -> tuple[dict[str, dict], set[str]]:
    items = [["实施编码", "事项名称", "事项类型", "实施主体"], *rows]
    result = run_on_rows(tmp_path, CATALOGUE, items, NO_DECISIONS)
    matches = {r["item_code"]: r for r in result.tables["list_catalogue_matches"].rows}
    unmatched = {r["item_code"] for r in result.tables["unmatched_list_items"].rows}
    return matches, unmatched


def test_a_level_word_its_agency_bears_out_is_set_aside(tmp_path: Path) -> None:
    """Worked by hand: a township office's 乡镇（街道）…, 街道…, a town's 镇… and a county
    bureau's 县（区）… name the kind of agency, not a qualifier of the matter: each implements
    最低生活保障审核确认, the evidence naming the word set aside (as written, brackets kept)."""
    matches, unmatched = _run(
        tmp_path,
        [
            ["T01", "乡镇（街道）最低生活保障审核确认", "", TOWNSHIP],
            ["T02", "街道最低生活保障审核确认", "", TOWNSHIP],
            ["T03", "镇最低生活保障审核确认", "", "某某县城关镇人民政府"],
            ["T04", "县（区）最低生活保障审核确认", "", COUNTY],
        ],
    )
    assert not unmatched
    said = {"T01": "乡镇(街道)", "T02": "街道", "T03": "镇", "T04": "县(区)"}
    for code, word in said.items():
        assert matches[code]["basic_code"] == "005001000000", code
        evidence = matches[code]["evidence"]
        assert f"the list item's prefix '{word}' set aside" in evidence, evidence
        assert not vocab.untranslated("evidence", evidence), evidence


def test_a_level_word_of_another_level_or_another_matter_stays(tmp_path: Path) -> None:
    """Negative, worked by hand: 乡镇（街道） in a county bureau's list is not borne out by its
    实施主体 (N01 stays unmatched); 街道临时救助审批, the word set aside, is still 审批, not the
    catalogue.s 临时救助对象认定 (N02)."""
    matches, unmatched = _run(
        tmp_path,
        [
            ["N01", "乡镇（街道）最低生活保障审核确认", "", COUNTY],
            ["N02", "街道临时救助审批", "", TOWNSHIP],
        ],
    )
    assert not matches
    assert unmatched == {"N01", "N02"}


def test_an_agency_label_before_a_separator_is_set_aside(tmp_path: Path) -> None:
    """Worked by hand: 区市场监管局-食品经营许可（变更）, an agency no 实施主体 writes so, labels
    the name because a dash follows it: the item implements the 子项 食品经营许可（变更）. The same
    label before 食品生产许可（变更） reaches the 生产 matter, never the 经营 子项; without the
    separator nothing bears the label out and the item stays unmatched (N04)."""
    matches, unmatched = _run(
        tmp_path,
        [
            ["S01", "区市场监管局-食品经营许可（变更）", "行政许可", MARKET],
            ["N03", "区市场监管局：食品生产许可（变更）", "行政许可", MARKET],
            ["N04", "区市场监管局食品经营许可（变更）", "行政许可", MARKET],
        ],
    )
    assert matches["S01"]["basic_code"] == "000301002000"
    assert matches["S01"]["match_tier"] == "name"
    assert "the list item's prefix '区市场监管局' set aside" in matches["S01"]["evidence"]
    assert not vocab.untranslated("evidence", matches["S01"]["evidence"])
    assert matches["N03"]["basic_code"] == "000302000000"
    assert unmatched == {"N04"}


def test_level_words_need_their_agency_and_leave_agency_names_whole() -> None:
    """Unit, worked by hand: the level word is read only for an agency of its level, and not
    where an agency ending or a common word follows or overlaps it."""
    from catalog_sync.mappings import load_mapping
    from catalog_sync.wording import level_prefix

    wording = load_mapping().wording
    township = "丰产路街道办事处"
    assert level_prefix("乡镇(街道)最低生活保障审核确认", township, wording) is not None
    assert level_prefix("乡镇(街道)最低生活保障审核确认", "金水区民政局", wording) is None
    assert level_prefix("街道办事处设立审批", township, wording) is None
    assert level_prefix("乡村医生执业注册", township, wording) is None
    assert level_prefix("县(区)最低生活保障审核确认", "区民政局", wording) is not None


WILDLIFE = [
    ["基本编码", "事项名称", "事项类型"],
    ["000201000000", "国家重点保护野生动物驯养繁殖许可证核发", "行政许可"],
    ["000202000000", "省重点保护野生动物驯养繁殖许可证核发", "行政许可"],
    ["000203000000", "户籍迁移审批", "行政确认"],
]
FORESTRY = "杭州市西湖区林业水利局"


def test_a_province_before_a_scoped_word_is_the_province_scope(tmp_path: Path) -> None:
    """Worked by hand: in a county's list (no 实施主体 names 浙江省) 浙江省重点保护… is
    省重点保护…: it implements 000202000000, never the 国家 matter, the evidence saying 浙江省
    was set aside."""
    items = [["实施编码", "事项名称", "事项类型", "实施主体"]]
    items.append(["Z1", "浙江省重点保护野生动物驯养繁殖许可证核发", "行政许可", FORESTRY])
    result = run_on_rows(tmp_path, WILDLIFE, items, NO_DECISIONS)
    match = result.tables["list_catalogue_matches"].rows[0]
    assert match["basic_code"] == "000202000000"
    assert "the list item's prefix '浙江省' set aside" in match["evidence"]
    assert not vocab.untranslated("evidence", match["evidence"])


def test_a_province_before_other_words_or_without_the_province_matter_stays(
    tmp_path: Path,
) -> None:
    """Negative, worked by hand: with only the 国家 matter in the catalogue, 浙江省重点保护…
    (the 省 scope) is no 国家重点保护… (P1); 浙江省户籍迁移审批 in a county's list, no scoped
    word after the province and no agency naming it, keeps its name (P2)."""
    items = [["实施编码", "事项名称", "事项类型", "实施主体"]]
    items.append(["P1", "浙江省重点保护野生动物驯养繁殖许可证核发", "行政许可", FORESTRY])
    items.append(["P2", "浙江省户籍迁移审批", "行政确认", "杭州市公安局西湖区分局"])
    result = run_on_rows(
        tmp_path, [r for r in WILDLIFE if r[0] != "000202000000"], items, NO_DECISIONS
    )
    assert not result.tables["list_catalogue_matches"].rows
    unmatched = {r["item_code"] for r in result.tables["unmatched_list_items"].rows}
    assert unmatched == {"P1", "P2"}


def test_item_prefixes_reads_each_name_once_in_item_order() -> None:
    """Worked by hand (item_prefixes reads the items in one pass, each distinct name once,
    session 24): the agency label before a separator is a reading of the items whose name
    writes it (S1 in the market bureau, S2 the same name in the township office: the name is
    read once, its label holds for both), a level word only where the list's 实施主体 bears it
    out (L1 in the township office; B1 writes it before a dash, read as both, once). Items
    with neither reading (P1, and S1's name without its label: P2) are left out; the dict
    keeps the items' order as the level readings and then the labels give it."""
    from catalog_sync.mappings import load_mapping
    from catalog_sync.matching import item_prefixes
    from catalog_sync.model import ListItem, SourceRef

    rows = [
        ("S1", "区市场监管局-食品经营许可（变更）", MARKET),
        ("P1", "食品经营许可", MARKET),
        ("L1", "街道最低生活保障审核确认", TOWNSHIP),
        ("S2", "区市场监管局-食品经营许可（变更）", TOWNSHIP),
        ("P2", "食品经营许可（变更）", TOWNSHIP),
        ("B1", "街道-最低生活保障审核确认", TOWNSHIP),
    ]
    items = [
        ListItem(SourceRef("list.csv", n + 2), c, c, "", "", name, agency=agency)
        for n, (c, name, agency) in enumerate(rows)
    ]
    found = item_prefixes(items, load_mapping([]))
    read = {node.split(":")[-1]: [p.text for p in ps] for node, ps in found.items()}
    assert read == {
        "4": ["街道"],  # L1: the township office bears out 街道
        "7": ["街道"],  # B1: 街道 before its dash, read as a level word and as a label alike
        "2": ["区市场监管局"],  # S1, then S2: the label, in item order after the level readings
        "5": ["区市场监管局"],
    }
    assert list(read) == ["4", "7", "2", "5"]
