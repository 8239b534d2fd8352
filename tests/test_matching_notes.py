"""Notes a list writes inside an item's name, on small hand-made cases whose answers are worked
out by hand: a note citing the legal basis or a delegation (据…令…号, 依据…, 部分…权限下放…,
委托…实施) is a remark, no 子项; an action note (（补办）) where the catalogue lists only the
主项; size notes, repeated, nested and leading notes, notes in 【】 and 〔〕."""

from __future__ import annotations

from pathlib import Path

from conftest import run_on_rows

from catalog_sync import vocab
from catalog_sync.mappings import load_mapping
from catalog_sync.normalise import name_key

MAPPING = load_mapping()
DECISION_HEADER = ["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"]


def _list(names: list[str]) -> list[list[str]]:
    return [["实施编码", "事项名称", "事项类型", "实施主体"]] + [
        [f"L{i:02d}", name, "01", "某县市场监督管理局"] for i, name in enumerate(names, 1)
    ]


def _matched(result: object) -> dict[str, str]:
    rows = result.tables["list_catalogue_matches"].rows  # type: ignore[attr-defined]
    return {r["item_code"]: r["basic_code"] for r in rows}


def _catalogue(rows: list[tuple[str, str, str]]) -> list[list[str]]:
    return [["基本编码", "事项名称", "事项类型", "主项编码"]] + [
        [code, name, "01", main] for code, name, main in rows
    ]


COMPANY = _catalogue(
    [
        ("000101000000", "水利工程可行性研究报告审查", ""),
        ("000102000000", "公司登记", ""),
        ("000102001000", "公司登记（变更）", "000102000000"),
        ("000102002000", "公司登记（注销）", "000102000000"),
    ]
)


def test_a_note_citing_the_basis_or_a_delegation_is_no_sub_item(tmp_path: Path) -> None:
    """Worked by hand. L01's note cites a decree and says part of the power is delegated: it
    implements the matter, the evidence naming the note set aside, and no 下放 decision being
    given it is no delegated item. L02 and L03 cite a source whose title holds 注销 / say
    变更实施主体 after a decree number, L07 cites a document whose number is in 〔〕 inside the
    note: none is the 注销 or 变更 子项 but the matter (until session 19 L02 was the 注销 子项,
    and a decision cancelling 公司登记（注销） reported it cancelled). L04's 变更 stands in a note
    of its own, beside the remark: it is the 变更 子项. Negative: 依法注销 (L05) names no source,
    it is the 注销 子项 and cancelled; so is L06, 注销 beside 委托乡镇实施."""
    items = [
        "水利工程可行性研究报告审查(据省政府令第349号,部分省级权限下放成都等８市)",
        "公司登记（依据《公司注销登记办法》）",
        "公司登记（按省政府令第1号变更实施主体）",
        "公司登记（变更）（依据《公司登记管理条例》）",
        "公司登记（依法注销）",
        "公司登记（注销）（委托乡镇实施）",
        "公司登记（依据国发〔2019〕6号变更）",
    ]
    cancel = ["示例〔2026〕1号", "2026-01-01", "1", "公司登记（注销）", "", "取消"]
    decisions = [DECISION_HEADER, cancel]
    result = run_on_rows(tmp_path, COMPANY, _list(items), decisions)
    matches = {r["item_code"]: r for r in result.tables["list_catalogue_matches"].rows}
    assert {k: r["basic_code"] for k, r in matches.items()} == {
        "L01": "000101000000",
        "L02": "000102000000",
        "L03": "000102000000",
        "L04": "000102001000",
        "L05": "000102002000",
        "L06": "000102002000",
        "L07": "000102000000",
    }
    said = matches["L01"]["evidence"]
    assert "the note '据省政府令第349号部分省级权限下放成都等8市' cites a legal basis" in said
    assert not vocab.untranslated("evidence", said), said
    assert "equally" not in matches["L02"]["evidence"]  # not a tie with the 子项
    rows = result.tables["cancelled_still_listed"].rows
    cancelled = {r["item_code"] for r in rows if r["source"] == "list"}
    assert cancelled == {"L05", "L06"}
    assert not result.tables["delegated_items"].rows


def test_what_a_remark_is() -> None:
    """A citation needs an opener and a source, a document number or a delegation word."""
    from catalog_sync.wording import is_remark, parts  # new in session 19

    w = MAPPING.wording
    remarks = ("依据公司法", "据省政府令第349号", "国发(2019)6号", "部分权限下放", "委托乡镇实施")
    # a law's title alone, as a decision's name cell cites it (session 21)
    remarks += ("《棉花质量监督管理条例》", "《建筑法》第十三条", "《行政许可法》")
    remarks += ("《公司法》第六条第二款",)
    for note in remarks:
        assert is_remark(name_key(note), w), note
    others = ("依法注销", "变更", "委托", "个人", "5吨以下", "根据需要", "含变更注销")
    for note in (*others, "司法", "按规定", "备案办法", "公司法", "第十三条"):
        assert not is_remark(name_key(note), w), note
    nested = parts(name_key("公司登记（依据国发〔2019〕6号变更）"), w)
    assert (nested.actions, nested.notes) == (frozenset(), frozenset())


def test_an_action_note_where_the_catalogue_lists_the_main_matter_alone(tmp_path: Path) -> None:
    """Worked by hand. The catalogue lists only 道路货物运输车辆道路运输证办理: an item naming
    its 补办 (or 遗失补办, 换发) in a note is that 业务办理项 of the matter, and the evidence says
    so. Where the catalogue lists 子项 (second catalogue) the note decides: （补办） and
    （遗失补办） are the 补办 子项, （变更） the 变更 子项, never each other's (negative), and
    （换发）, which none names, the 主项. 货物运输车辆道路运输证办理（补办） drops the leading
    道路, which its 道路运输证 says again (session 20: a repeated lead, set aside), and is the
    补办 too. Not matched: 危险货物运输车辆道路运输证办理（补办） (a name differing at its first
    character is another subject)."""
    items = [
        "道路货物运输车辆道路运输证办理（补办）",
        "道路货物运输车辆道路运输证办理（遗失补办）",
        "道路货物运输车辆道路运输证办理（换发）",
        "道路货物运输车辆道路运输证办理（变更）",
        "货物运输车辆道路运输证办理（补办）",
        "危险货物运输车辆道路运输证办理（补办）",
    ]
    main = _catalogue([("000201000000", "道路货物运输车辆道路运输证办理", "")])
    result = run_on_rows(tmp_path / "a", main, _list(items), [DECISION_HEADER])
    matches = {r["item_code"]: r for r in result.tables["list_catalogue_matches"].rows}
    assert set(matches) == {"L01", "L02", "L03", "L04", "L05"}
    acts = (("L01", "补办"), ("L02", "补办"), ("L03", "换发"), ("L04", "变更"), ("L05", "补办"))
    for code, act in acts:
        evidence = matches[code]["evidence"]
        assert f"the first is a 业务办理项 ({act}) of the second" in evidence, evidence
        assert not vocab.untranslated("evidence", evidence), evidence
    subs = _catalogue(
        [
            ("000201000000", "道路货物运输车辆道路运输证办理", ""),
            ("000201001000", "道路货物运输车辆道路运输证办理（补办）", "000201000000"),
            ("000201002000", "道路货物运输车辆道路运输证办理（变更）", "000201000000"),
        ]
    )
    result = run_on_rows(tmp_path / "b", subs, _list(items), [DECISION_HEADER])
    matched = _matched(result)
    assert matched == {
        "L01": "000201001000",
        "L02": "000201001000",
        "L03": "000201000000",
        "L04": "000201002000",
        "L05": "000201001000",
    }


def test_size_notes_decide_where_the_catalogue_has_such_sub_items(tmp_path: Path) -> None:
    """Worked by hand. Where the catalogue has no size 子项 a size note is a note (L01 → the
    matter); where it has (医疗机构执业登记（100床以上）/（100床以下）) the note decides, and the
    two stay apart (negative: L02 and L03 each their own). Sibling notes of another subject or
    act stay apart (（个人）/（单位）, （变更）/（注销）) whatever notes stand beside them; a grade
    note does not merge grades (（三级） is not （二级））."""
    catalogue = _catalogue(
        [
            ("000301000000", "燃气经营许可", ""),
            ("000302000000", "医疗机构执业登记", ""),
            ("000302001000", "医疗机构执业登记（100床以上）", "000302000000"),
            ("000302002000", "医疗机构执业登记（100床以下）", "000302000000"),
            ("000303001000", "社会保险登记（个人）", ""),
            ("000303002000", "社会保险登记（单位）", ""),
            ("000304001000", "建筑业企业资质（二级）", ""),
            ("000304002000", "建筑业企业资质（三级）", ""),
            ("000305001000", "食品经营许可（变更）", ""),
            ("000305002000", "食品经营许可（注销）", ""),
        ]
    )
    items = [
        "燃气经营许可（5吨以下）",
        "医疗机构执业登记（100床以上）",
        "医疗机构执业登记（100床以下）",
        "社会保险登记（单位）（县级）",
        "建筑业企业资质（三级）(部分权限下放)",
        "食品经营许可（注销）（据省政府令第1号）",
        "（变更）食品经营许可",
    ]
    result = run_on_rows(tmp_path, catalogue, _list(items), [DECISION_HEADER])
    matched = _matched(result)
    assert matched == {
        "L01": "000301000000",
        "L02": "000302001000",
        "L03": "000302002000",
        "L04": "000303002000",
        "L05": "000304002000",
        "L06": "000305002000",
        "L07": "000305001000",
    }


def test_repeated_nested_leading_and_other_bracket_notes(tmp_path: Path) -> None:
    """Worked by hand: a level note twice (mixed half- and full-width), a note in front, in 【】
    or 〔〕, and a note holding a note: each is 公共场所卫生许可."""
    catalogue = _catalogue([("000401000000", "公共场所卫生许可", "")])
    items = [
        "公共场所卫生许可（县级）（县级）",
        "公共场所卫生许可（县级)（县级）",
        "（乡镇）公共场所卫生许可",
        "【乡镇】公共场所卫生许可",
        "公共场所卫生许可〔告知承诺〕",
        "公共场所卫生许可（含（小型）公共场所）",
    ]
    result = run_on_rows(tmp_path, catalogue, _list(items), [DECISION_HEADER])
    matched = _matched(result)
    assert matched == {f"L{i:02d}": "000401000000" for i in range(1, 7)}


def test_two_records_citing_two_bases_stay_apart(tmp_path: Path) -> None:
    """A catalogue keeping two 行政处罚 records apart by the article each cites: a decision
    naming one of them exactly reaches neither the other nor the item implementing it."""
    base = "对生产经营单位未履行安全生产管理职责的处罚"
    a, b = f"{base}（依据《安全生产法》第九十四条）", f"{base}（依据《安全生产法》第九十七条）"
    result = run_on_rows(
        tmp_path,
        [
            ["基本编码", "事项名称", "事项类型"],
            ["000101001000", a, "行政处罚"],
            ["000102001000", b, "行政处罚"],
        ],
        [["实施编码", "事项名称", "事项类型", "实施主体"], ["L1", b, "行政处罚", "应急局"]],
        [
            ["文号", "发布日期", "事项名称", "处理决定"],
            ["国发〔2020〕1号", "2020-01-01", a, "取消"],
        ],
    )
    rows = result.tables["cancelled_still_listed"].rows
    assert {(r["source"], r["item_name"]) for r in rows} == {("catalogue", a)}


def test_an_item_writing_a_part_inline_implements_the_matter_noting_it(tmp_path: Path) -> None:
    """Worked by hand: L01 writes the 施工总承包二级 part inline, the catalogue in a note: one
    name, the note put into it (tier name). L02 writes 施工总承包三级 inline: the catalogue
    notes no such part, and 二级 is another part: not matched to it. L03, 专业承包二级, is no
    施工总承包二级 either."""
    catalogue = _catalogue(
        [
            ("000201000000", "建筑业企业资质认定", ""),
            ("000201001000", "建筑业企业资质认定（施工总承包一级）", "000201000000"),
            ("000201002000", "建筑业企业资质认定（施工总承包二级）", "000201000000"),
        ]
    )
    items = ["建筑业企业施工总承包二级资质认定", "建筑业企业施工总承包三级资质认定"]
    items.append("建筑业企业专业承包二级资质认定")
    result = run_on_rows(tmp_path, catalogue, _list(items), [DECISION_HEADER])
    matched = _matched(result)
    assert matched.get("L01") == "000201002000"
    assert matched.get("L02") not in ("000201001000", "000201002000")
    assert matched.get("L03") not in ("000201001000", "000201002000")
    row = result.tables["list_catalogue_matches"].rows[0]
    assert row["match_tier"] == "name"
    assert "the note '施工总承包二级' put into the name gives" in row["evidence"]


def test_an_item_writing_a_business_note_inline_implements_the_matter_noting_it(
    tmp_path: Path,
) -> None:
    """Worked by hand (session 23): the catalogue writes the business in a note, 港口经营许可
    （港口理货）; lists write it before the name, 港口理货经营许可, often with 业务 (a generic
    word) put in: L01 and L02 take the 理货 record (tier name), although the catalogue lists the
    plain 港口经营许可 too (until session 23 both were unmatched, 理货 read as a qualifier
    added inside), L03 the 拖轮 one. Negative: L04's 引航 is noted by no record (unmatched,
    never the plain matter), L05 naming the plain matter takes it, and L06's 理货 without the
    港口 the note opens with is no name the note gives."""
    catalogue = _catalogue(
        [
            ("000301000000", "港口经营许可", ""),
            ("000301001000", "港口经营许可（港口理货）", "000301000000"),
            ("000301002000", "港口经营许可（港口拖轮）", "000301000000"),
        ]
    )
    items = ["港口理货业务经营许可", "港口理货经营许可", "港口拖轮业务经营许可"]
    items += ["港口引航业务经营许可", "港口经营许可", "理货业务经营许可"]
    result = run_on_rows(tmp_path, catalogue, _list(items), [DECISION_HEADER])
    assert _matched(result) == {
        "L01": "000301001000",
        "L02": "000301001000",
        "L03": "000301002000",
        "L05": "000301000000",
    }
    rows = {r["item_code"]: r for r in result.tables["list_catalogue_matches"].rows}
    said = rows["L01"]["evidence"]
    assert said.startswith("the note '港口理货' put into the name gives '港口理货经营许可'"), said
    assert said.endswith("'业务' set aside, a word that narrows no matter"), said
    assert not vocab.untranslated("evidence", said), said
    assert rows["L01"]["match_tier"] == "name"


def test_each_item_matched_by_its_core_says_its_own_note(tmp_path: Path) -> None:
    """Worked by hand. L01 and L02 differ only in the law their note cites; a decision row
    cancels 公司登记 and reaches both by the name without the note. Each cancelled row's
    evidence names its own note set aside, never the other's (until session 22 both carried
    the first's: one match per equal core)."""
    items = ["公司登记（依据《公司法》第六条）", "公司登记[依据《公司登记管理条例》]"]
    cancel = ["示例〔2026〕1号", "2026-01-01", "1", "公司登记", "", "取消"]
    result = run_on_rows(tmp_path, COMPANY, _list(items), [DECISION_HEADER, cancel])
    rows = result.tables["cancelled_still_listed"].rows
    said = {r["item_code"]: r["evidence"] for r in rows if r["source"] == "list"}
    assert set(said) == {"L01", "L02"}
    assert "the note '依据公司法第六条' cites" in said["L01"], said["L01"]
    assert "公司登记管理条例" not in said["L01"]
    assert "the note '依据公司登记管理条例' cites" in said["L02"], said["L02"]
    assert "第六条" not in said["L02"]
