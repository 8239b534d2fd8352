"""Penalty and 征收 names in everyday wording (session 22): 行为, 予以, 进行 around a penalty's
object, 行政处罚 for 处罚, 的 left out, the object of a 征收 before or after it, and a law cited
inside the name (违反《…》…规定). Small hand-made cases, answers worked out by hand."""

from __future__ import annotations

from pathlib import Path

from conftest import run_on_rows

from catalog_sync import vocab
from catalog_sync.mappings import load_mapping
from catalog_sync.normalise import name_key
from catalog_sync.wording import parts

MAPPING = load_mapping()
CATALOGUE = [
    ["基本编码", "事项名称", "事项类型", "主管部门"],
    ["000402000000", "对盗伐林木的处罚", "行政处罚", "国家林业和草原局"],
    ["000403000000", "对滥伐林木的处罚", "行政处罚", "国家林业和草原局"],
    ["000405000000", "对经营不符合食品安全标准的食品的处罚", "行政处罚", "市场监督管理总局"],
    ["000426000000", "征收水资源费", "行政征收", "水利部"],
    ["000427000000", "征收城市道路占用费", "行政征收", "住房和城乡建设部"],
]
FOREST, WATER = "某县林业局", "某县水利局"
ITEMS = [
    ("L01", "对滥伐林木行为的处罚", "行政处罚", FOREST),
    ("L02", "对滥伐林木的行为予以处罚", "处罚", FOREST),
    ("L03", "对滥伐林木行为进行处罚", "行政处罚", FOREST),
    ("L04", "滥伐林木行为的行政处罚", "行政处罚", FOREST),
    ("L05", "对违反《中华人民共和国森林法》第七十六条第二款规定滥伐林木的处罚", "行政处罚", FOREST),
    ("L06", "对经营不符合食品安全标准食品的行政处罚", "行政处罚", "某县市场监督管理局"),
    ("L07", "水资源费征收", "行政征收", WATER),
    ("L08", "水资源费的征收", "征收", WATER),
    # negatives: a sibling clause, another object of 征收
    ("L09", "对盗伐林木行为的处罚", "行政处罚", FOREST),
    ("L10", "城市道路占用费的征收", "行政征收", "某县住房和城乡建设局"),
]
DECISIONS = [["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"]] + [
    ["示例〔2026〕6号", "2026-01-10", str(n), name, "", "取消"]
    for n, name in enumerate(
        ("对滥伐林木的处罚", "征收水资源费", "对经营不符合食品安全标准的食品的处罚")
    )
]


def _run(tmp_path: Path) -> object:
    rows = [["实施编码", "事项名称", "事项类型", "实施主体"], *map(list, ITEMS)]
    return run_on_rows(tmp_path, CATALOGUE, rows, DECISIONS)


def test_everyday_penalty_and_levy_wording_reaches_its_matter(tmp_path: Path) -> None:
    """Worked by hand: L01–L05 are 对滥伐林木的处罚 (行为, 予以, 进行 and 行政 set aside, the law
    cited inside L05 a remark), L06 is the food penalty (的 left out, 行政处罚), L07 and L08 are
    征收水资源费; all are cancelled. Negative: L09 is the sibling 盗伐 clause, L10 the other
    征收: matched to their own matters, not cancelled."""
    result = _run(tmp_path)
    matched = {r["item_code"]: r for r in result.tables["list_catalogue_matches"].rows}  # type: ignore[attr-defined]
    assert {k: r["basic_code"] for k, r in matched.items()} == {
        **dict.fromkeys(("L01", "L02", "L03", "L04", "L05"), "000403000000"),
        "L06": "000405000000",
        "L07": "000426000000",
        "L08": "000426000000",
        "L09": "000402000000",
        "L10": "000427000000",
    }
    cancelled = result.tables["cancelled_still_listed"].rows  # type: ignore[attr-defined]
    listed = {r["item_code"] for r in cancelled if r["source"] == "list"}
    assert listed == {"L01", "L02", "L03", "L04", "L05", "L06", "L07", "L08"}
    said = matched["L03"]["evidence"]
    assert "words set aside: 进行、行为 / —" in said, said
    assert "征收水资源费→水资源费征收" in matched["L07"]["evidence"]
    assert "cites a legal basis" in matched["L05"]["evidence"]
    for row in matched.values():
        assert not vocab.untranslated("evidence", row["evidence"]), row["evidence"]


def test_the_object_decides() -> None:
    """Stems: one matter however the object is framed, never two objects (盗伐 / 滥伐, 水资源费 /
    城市道路占用费), nor another act (处罚 / 检查)."""
    w = MAPPING.wording

    def stem(name: str) -> str:
        return parts(name_key(name), w).stem

    assert stem("对滥伐林木的行为予以处罚") == stem("滥伐林木的处罚") == stem("对滥伐林木的处罚")
    assert stem("对盗伐林木行为的处罚") != stem("对滥伐林木的处罚")
    assert stem("征收水资源费") == stem("水资源费的征收")
    assert stem("征收城市道路占用费") != stem("水资源费征收")
    assert stem("对滥伐林木行为的检查") != stem("对滥伐林木的处罚")
    assert stem("征收土地审批") != stem("土地征收")  # an act word at the end: no object of 征收


def test_a_law_cited_inside_a_name_is_a_note() -> None:
    """违反《…》…规定 cites a law only with its 《》 marks and a title the note would read as one
    (5 characters, or shorter with articles); 违反规定 alone is what the matter is about."""
    cited = "对违反《中华人民共和国森林法》第七十六条第二款规定滥伐林木的处罚"
    key = name_key(cited)
    assert key == "对滥伐林木的处罚(中华人民共和国森林法第七十六条第二款)"
    assert name_key(key) == key
    assert name_key("对违反《森林法》第76条规定滥伐林木的处罚") == "对滥伐林木的处罚(森林法第76条)"
    # a short title without articles is written as the note 依据… (森林法 alone reads as none)
    assert name_key("对违反《森林法》规定滥伐林木的处罚") == "对滥伐林木的处罚(依据森林法)"
    for kept in (
        "对违反规定滥伐林木的处罚",
        "对违反《司法》规定滥伐林木的处罚",
        "对违反《森林法》的处罚",
    ):
        assert name_key(kept) == name_key(kept.replace("《", "").replace("》", ""))


def test_penalties_citing_different_laws_are_two_matters(tmp_path: Path) -> None:
    """Worked by hand (third hunter): 拒绝检查 is punished under the water and the air pollution
    laws, two offences; a decision cancelling the water one reaches C1 alone, never the air
    one (C2) nor the list's air item (L1), the law cited inside the name or in a bracket.
    Negative: the list's water item (L2) is cancelled with C1."""
    for water, air in (
        (
            "对违反《中华人民共和国水污染防治法》规定拒绝检查的处罚",
            "对违反《中华人民共和国大气污染防治法》规定拒绝检查的处罚",
        ),
        (
            "对拒绝检查的处罚（《中华人民共和国水污染防治法》）",
            "对拒绝检查的处罚（《中华人民共和国大气污染防治法》）",
        ),
    ):
        catalogue = [
            ["基本编码", "事项名称", "事项类型"],
            ["C1", water, "行政处罚"],
            ["C2", air, "行政处罚"],
        ]
        rows = [
            ["实施编码", "事项名称", "事项类型", "实施主体"],
            ["L1", air, "行政处罚", "某县生态环境局"],
            ["L2", water, "行政处罚", "某县生态环境局"],
        ]
        decisions = [
            ["文号", "生效日期", "事项名称", "处理决定"],
            ["示例〔2026〕7号", "2026-01-10", water, "取消"],
        ]
        folder = tmp_path / str(len(water))
        folder.mkdir()
        result = run_on_rows(folder, catalogue, rows, decisions)
        cancelled = {r["item_code"] for r in result.tables["cancelled_still_listed"].rows}  # type: ignore[attr-defined]
        assert cancelled == {"C1", "L2"}


def test_a_law_by_its_full_and_its_short_title_is_one_basis(tmp_path: Path) -> None:
    """Worked by hand (session 23): C1 and C3 cite 《中华人民共和国森林法》, the list items L1 and
    L3 and the decisions 《森林法》, its short title: one basis, so L1 takes C1 and L3 C3 (until
    session 23 both were unmatched, 森林法第七十六条 and 中华人民共和国森林法第七十六条 read as two
    bases, and 违反《森林法》规定 kept in the name), and the decisions reach C1, C3, L1, L3 and
    L4 (L4 cites the full title in a bracket). Negative: 森林法实施条例 is another basis: C2 and
    L2 are not reached, and L2 takes C2 alone."""
    law, short, rules = "中华人民共和国森林法", "森林法", "森林法实施条例"
    catalogue = [
        ["基本编码", "事项名称", "事项类型"],
        ["C1", f"对违反《{law}》第七十六条规定滥伐林木的处罚", "行政处罚"],
        ["C2", f"对滥伐林木的处罚（《{rules}》第三十八条）", "行政处罚"],
        ["C3", f"对违反《{law}》规定盗伐林木的处罚", "行政处罚"],
    ]
    rows = [
        ["实施编码", "事项名称", "事项类型", "实施主体"],
        ["L1", f"对滥伐林木的处罚（《{short}》第七十六条）", "行政处罚", "某县林业局"],
        ["L2", f"对违反《{rules}》第三十八条规定滥伐林木的处罚", "行政处罚", "某县林业局"],
        ["L3", f"对违反《{short}》规定盗伐林木的处罚", "行政处罚", "某县林业局"],
        ["L4", f"对滥伐林木的处罚（{law}第七十六条）", "行政处罚", "某县林业局"],
    ]
    decisions = [
        ["文号", "生效日期", "事项名称", "处理决定"],
        ["示例〔2026〕7号", "2026-01-10", f"对违反《{short}》第七十六条规定滥伐林木的处罚", "取消"],
        ["示例〔2026〕7号", "2026-01-10", f"对违反《{short}》规定盗伐林木的处罚", "取消"],
    ]
    result = run_on_rows(tmp_path, catalogue, rows, decisions)
    tables = result.tables  # type: ignore[attr-defined]
    matched = {r["item_code"]: r for r in tables["list_catalogue_matches"].rows}
    assert {k: r["basic_code"] for k, r in matched.items()} == {
        "L1": "C1",
        "L2": "C2",
        "L3": "C3",
        "L4": "C1",
    }
    said = matched["L3"]["evidence"]
    assert "cite one legal basis, 森林法, by its full and its short title" in said, said
    assert not vocab.untranslated("evidence", said), said
    cancelled = {r["item_code"] for r in tables["cancelled_still_listed"].rows}
    assert cancelled == {"C1", "C3", "L1", "L3", "L4"}
