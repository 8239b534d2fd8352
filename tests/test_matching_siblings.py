"""Sibling matters: names one qualifier, one 子项 or one note apart, on small hand-made cases whose
answers are worked out by hand. Siblings share their department and legal basis, so agreement on
those says nothing about which sibling a list item implements: the names must decide."""

from __future__ import annotations

from pathlib import Path

from conftest import run_on_rows

from catalog_sync import vocab
from catalog_sync.mappings import load_mapping
from catalog_sync.matching import NameIndex, entry, match_matter, match_name

MAPPING = load_mapping()
LAW = "《某某管理条例》"


def _index(names: list[str], department: str = "某某部门", by_law: str = LAW) -> NameIndex:
    """A catalogue whose matters all share one department and one law: each agreement is worth
    its full weight (they hold 100 % of 20 entries at least: +3 bits each)."""
    return NameIndex(
        [
            entry(f"n:{i}", name, MAPPING, department=department, by_law=by_law)
            for i, name in enumerate(names)
        ],
        MAPPING,
    )


def _match(index: NameIndex, item: str) -> tuple[str, str]:
    """(name, evidence) of the matter a list item of the same department and law implements by
    name, or ("", what is shown beside it when unmatched: the contrast with the closest)."""
    q = entry("i", item, MAPPING, department="西湖区某某局", by_law=LAW, implementing=True)
    hit = match_name(index, q)
    if hit:
        return hit[0][0].name, hit[1].evidence
    best = index.best(q)
    return "", best[2] if best else ""


def _shown(clash: str) -> str:
    """The sentence shown beside an unmatched item whose closest name differs in `clash`."""
    return f"no name match: closest 'x' scores 91 but differs in {clash}"


# 1. one qualifier inserted: a sibling, not a spelling ---------------------------------------


def test_a_negation_word_on_one_side_only_is_a_contrast() -> None:
    """未满十八岁 is the opposite of 满十八岁: a ratio of 97 with the department (+3) and the law
    (+3) agreeing would pass the weighed tier (4 + 3 + 3 = 10 ≥ 6), yet the names say the other
    sibling. 不, 非 and 无 likewise; a negation both names carry (不动产) is no difference."""
    catalogue = _index(["公民民族成份变更（未满十八岁）", "不动产登记资料查询"])
    found, clash = _match(catalogue, "公民民族成份变更（满十八岁）")
    assert found == ""
    assert clash == "negation '未' on one side only"
    assert not vocab.untranslated("evidence", _shown(clash))
    for item, matter in (
        ("机动车驾驶人考试（非营运）", "机动车驾驶人考试（营运）"),
        ("建设工程无障碍设计审查", "建设工程障碍设计审查"),
    ):
        assert _match(_index([matter]), item)[0] == "", item
    assert _match(catalogue, "公民民族成份变更（未满十八岁）（县级）")[0] == (
        "公民民族成份变更（未满十八岁）"
    )
    assert _match(catalogue, "不动产登记资料查询服务")[0] == "不动产登记资料查询"


def test_content_inserted_inside_a_name_makes_a_narrower_matter() -> None:
    """危险 货物, a 分所, 临时 use of forest land, 欠费 contributions: a word inserted inside the
    name (not filler, not a known spelling or suffix) names a narrower matter, the other sibling,
    in whichever direction. Ratios 91–93 with department and law agreeing (3 + 3 + 3 = 9) passed."""
    pairs = (
        ("道路危险货物运输经营许可", "道路货物运输经营许可", "危险"),
        ("会计师事务所分所设立审批", "会计师事务所设立审批", "分所"),
        ("建设项目临时使用林地审批", "建设项目使用林地审批", "临时"),
        ("企业职工社会保险费欠费补缴申报", "企业职工社会保险费补缴申报", "欠费"),
    )
    for long, short, inserted in pairs:
        assert _match(_index([short]), long) == ("", f"qualifier '{inserted}' added inside"), long
        assert _match(_index([long]), short)[0] == "", short
    clash = "qualifier '危险' added inside"
    assert not vocab.untranslated("evidence", _shown(clash))


def test_a_branch_is_another_subject() -> None:
    """分公司 is not 子公司, 分所 not the 事务所, 分支机构 not the 社会团体: subject words."""
    assert _match(_index(["劳务派遣单位设立子公司备案"]), "劳务派遣单位设立分公司备案")[0] == ""
    assert _match(_index(["社会团体登记"]), "社会团体分支机构登记")[0] == ""


def test_real_variants_still_match() -> None:
    """What local lists write for the same matter: 普通 (the ordinary case) inserted, trailing
    notes, the grant worded otherwise, scope words, an action after a dash."""
    catalogue = _index(
        [
            "道路货物运输经营许可",
            "道路旅客运输经营许可",
            "道路旅客运输经营许可（变更）",
            "食品经营许可",
            "食品经营许可（注销）",
            "建设工程规划许可证核发",
            "医疗机构设置审批",
            "出租汽车车辆运营证核发",
            "户口登记",
            "居住证明",
            "公共场所卫生许可",
        ]
    )
    for item, matter in (
        ("道路普通货物运输经营许可", "道路货物运输经营许可"),
        ("食品经营许可（个人）", "食品经营许可"),
        ("食品经营许可（企业）", "食品经营许可"),
        ("公共场所卫生许可（告知承诺制）", "公共场所卫生许可"),
        ("公共场所卫生许可（区级）", "公共场所卫生许可"),
        ("道路旅客运输经营许可证核发", "道路旅客运输经营许可"),
        ("建设工程规划许可", "建设工程规划许可证核发"),
        ("医疗机构设置许可", "医疗机构设置审批"),
        ("医疗机构设置审核", "医疗机构设置审批"),
        ("出租汽车车辆运营证发放", "出租汽车车辆运营证核发"),
        ("户口登记办理", "户口登记"),
        ("居住证明开具", "居住证明"),
        ("道路客运经营许可", "道路旅客运输经营许可"),
        ("县级道路旅客运输经营许可", "道路旅客运输经营许可"),
        ("市本级食品经营许可", "食品经营许可"),
        ("道路旅客运输经营许可-变更", "道路旅客运输经营许可（变更）"),
        ("食品经营许可—注销", "食品经营许可（注销）"),
    ):
        assert _match(catalogue, item)[0] == matter, item


# 2. an action note spelled otherwise, or beside a second note: the 子项, not the 主项 ----------


FOOD = ["食品经营许可", "食品经营许可（变更）", "食品经营许可（注销）"]
ROAD = [
    "道路旅客运输经营许可",
    "道路旅客运输经营许可（新办）",
    "道路旅客运输经营许可（变更）",
    "道路旅客运输经营许可（注销）",
    "道路旅客运输经营许可（延续）",
]


def test_an_action_note_goes_to_the_sub_item_of_that_action() -> None:
    """The catalogue lists 食品经营许可 and its 子项 （变更）, （注销）: a list item whose note is,
    or holds, an action implements the 子项 of that action, whatever else its notes say (乡镇, 街道,
    个人, 告知承诺制 say where or how, not which 业务办理项). Taking the notes away leaves
    食品经营许可, but the action they name is not to be taken away with them."""
    catalogue = _index([*FOOD, *ROAD, "公共场所卫生许可", "户口迁移"])
    for item, matter in (
        ("食品经营许可（变更）（乡镇）", "食品经营许可（变更）"),
        ("食品经营许可（注销）（街道）", "食品经营许可（注销）"),
        ("食品经营许可（注销）（个人）", "食品经营许可（注销）"),
        ("食品经营许可（告知承诺制）（注销）", "食品经营许可（注销）"),
        ("道路旅客运输经营许可（延续）（告知承诺制）", "道路旅客运输经营许可（延续）"),
        ("食品经营许可（信息变更）", "食品经营许可（变更）"),
        ("食品经营许可（变更经营场所）", "食品经营许可（变更）"),
        ("食品经营许可（变更申请）", "食品经营许可（变更）"),
        ("食品经营许可（注销申请）", "食品经营许可（注销）"),
        ("道路旅客运输经营许可（到期延续）", "道路旅客运输经营许可（延续）"),
        # 首次 and 新办 both name the first grant: the 子项 that does, not the whole matter
        ("道路旅客运输经营许可（首次申请）", "道路旅客运输经营许可（新办）"),
        # no 子项 of the note's action: the item is a 业务办理项 of the matter the catalogue lists
        ("公共场所卫生许可（注销）", "公共场所卫生许可"),
        ("户口迁移（市外迁入）", "户口迁移"),
        # notes that name no action still drop
        ("食品经营许可（个人）", "食品经营许可"),
        ("食品经营许可（告知承诺制）", "食品经营许可"),
    ):
        found, why = _match(catalogue, item)
        assert found == matter, item
        assert "share this name" not in why, item
        assert not vocab.untranslated("evidence", why), why
    found, why = _match(catalogue, "食品经营许可（变更）（乡镇）")
    assert why.startswith("names equal without the parenthetical note: '食品经营许可(变更)'")


def test_matters_of_different_names_are_not_said_to_share_one() -> None:
    """Matters of different names matched equally: the evidence says they match equally, not
    that they share the name (they do not), and none is taken where no department singles one
    out (session 20: never catalogue order). by_department alone; a list item naming the whole
    matter over its 子项 is matched to none (test_matching_variants)."""
    catalogue = _index(["食品经营许可（变更）", "食品经营许可（注销）"])
    q = entry("i", "食品经营许可", MAPPING, implementing=True)
    hit = match_name(catalogue, q)
    assert hit is not None and len(hit[0]) == 2
    from catalog_sync.matching import by_department

    taken, why = by_department(hit[0], "西湖区市场监督管理局")
    assert taken is None
    assert why == "2 catalogue matters match equally, none singled out"
    assert not vocab.untranslated("evidence", why)
    named = _index(["职工参保登记", "职工参保登记"])
    hit = match_name(named, entry("i", "职工参保登记", MAPPING, implementing=True))
    assert hit is not None
    why = by_department(hit[0], "某某局")[1]
    assert why == "2 catalogue matters share this name, the first (职工参保登记) taken"


def test_two_words_for_the_first_grant_are_said_to_be_so() -> None:
    catalogue = _index(ROAD)
    found, why = _match(catalogue, "道路旅客运输经营许可（首次申请）")
    assert found == "道路旅客运输经营许可（新办）"
    assert "both name the first grant (首次 / 新办)" in why
    assert "same 业务办理项" not in why
    assert not vocab.untranslated("evidence", why)


# 3. a 子项 named by an action and the act its 主项 ends in: read under the 主项 -------------------


def test_a_sub_item_ending_in_its_main_items_act_is_read_under_it(tmp_path: Path) -> None:
    """A list naming 主项 and 子项 in two columns writes the 子项 as the action and the act the
    主项 ends in (社会团体登记 | 注销登记, 设立登记, 变更登记): that names no matter of its own
    (注销登记 of what?), it is 社会团体登记（注销）, the catalogue's 社会团体注销登记. A 子项
    whose words before the act name something (乡村建设规划许可 under 建设用地规划许可证核发)
    still names a matter of its own; an act other than the 主项's (备案 under 登记) is another
    matter and is not read under it."""
    catalogue = [
        ["基本编码", "事项名称", "事项类型", "主管部门", "主项编码"],
        ["000602000000", "社会团体成立登记", "01", "民政部门", ""],
        ["000603000000", "社会团体变更登记", "01", "民政部门", ""],
        ["000604000000", "社会团体注销登记", "01", "民政部门", ""],
        ["000605000000", "采矿权延续登记", "01", "自然资源部门", ""],
    ]
    header = ["实施编码", "事项名称", "子项名称", "事项类型", "实施主体"]
    rows = [
        ["L01", "社会团体登记", "注销登记", "01", "西湖区民政局"],
        ["L02", "社会团体登记", "设立登记", "01", "西湖区民政局"],
        ["L03", "社会团体登记", "变更登记", "01", "西湖区民政局"],
        ["L04", "采矿权登记", "延续登记", "01", "西湖区自然资源局"],
        ["L05", "社会团体登记", "变更备案", "01", "西湖区民政局"],
    ]
    result = run_on_rows(
        tmp_path,
        catalogue,
        [header, *rows],
        [["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"]]
        + [["示例〔2026〕9号", "2026-01-01", "1", "无关事项", "", "取消"]],
    )
    matched = {
        r["item_code"]: (r["basic_code"], r["evidence"])
        for r in result.tables["list_catalogue_matches"].rows
    }
    assert {k: v[0] for k, v in matched.items()} == {
        "L01": "000604000000",
        "L02": "000602000000",
        "L03": "000603000000",
        "L04": "000605000000",
    }
    why = matched["L01"][1]
    assert "the 子项 '注销登记' read under its 主项 '社会团体登记'" in why
    assert not vocab.untranslated("evidence", why)


# 4. a trailing 申请 after an act word or an action: filler --------------------------------------


def test_a_trailing_application_word_after_an_act_is_set_aside() -> None:
    """教师资格认定申请 is the application for 教师资格认定, whatever the length of the name: the
    申请 after an act word (认定, 许可, 审批 …), a grant verb (办理) or an action (变更申请) is set
    aside like grant wording, and the evidence says so; after an act word it names the first
    grant (as 新办 does), so a decision naming it does not reach the matter's other 子项. The
    weighed tier alone would not take them: ratio 86–89 is +1.5 bits, and at most the department
    agrees (+3): 4.5 < 6."""
    catalogue = NameIndex(
        [
            entry(f"n:{i}", name, MAPPING, department=department)
            for i, (name, department) in enumerate(
                (
                    ("教师资格认定", "教育部门"),
                    ("公共场所卫生许可", "卫生健康部门"),
                    ("食品经营许可", "市场监督管理部门"),
                    ("食品经营许可（变更）", "市场监督管理部门"),
                    ("社会团体成立登记", "民政部门"),
                    ("居住证办理", "公安部门"),
                    ("证照遗失补领、换发申请", "公安部门"),
                    ("采矿权注销登记", "自然资源部门"),
                )
            )
        ],
        MAPPING,
    )
    for item, matter in (
        ("教师资格认定申请", "教师资格认定"),
        ("公共场所卫生许可申请", "公共场所卫生许可"),
        ("食品经营许可变更申请", "食品经营许可（变更）"),
        ("食品经营许可（变更申请）", "食品经营许可（变更）"),
        ("社会团体成立登记申请", "社会团体成立登记"),
        ("居住证办理申请", "居住证办理"),  # after a grant verb
        ("采矿权注销登记申请", "采矿权注销登记"),  # beside another action: that one applied for
    ):
        q = entry("i", item, MAPPING, department="西湖区教育局", implementing=True)
        hit = match_name(catalogue, q)
        assert hit is not None and hit[0][0].name == matter, item
        assert "words set aside: 申请" in hit[1].evidence, hit[1].evidence
        assert not vocab.untranslated("evidence", hit[1].evidence)
    # before a grant verb too: the catalogue's 申请 and the list's 申请办理 are both set aside
    q = entry("i", "证照遗失补领、换发申请办理", MAPPING, implementing=True)
    hit = match_name(catalogue, q)
    assert hit is not None and hit[0][0].name == "证照遗失补领、换发申请"
    # after an act word, 申请 names the application, the first grant: a 子项 beside 变更, 补办
    # and 到期延续 in a real county list; a decision naming it reaches that 子项 alone
    items = NameIndex(
        [
            entry(f"i:{i}", name, MAPPING)
            for i, name in enumerate(
                (
                    "危险废物经营许可申请（市级）",
                    "危险废物经营许可补办(市级)",
                    "危险废物经营许可变更(市级)",
                    "危险废物经营许可到期延续(市级)",
                )
            )
        ],
        MAPPING,
        partial=True,
    )

    def reached(decision: str) -> set[str]:
        return {e.name for g, _ in match_matter(items, entry("d", decision, MAPPING)) for e in g}

    assert reached("危险废物经营许可申请") == {"危险废物经营许可申请（市级）"}
    assert len(reached("危险废物经营许可")) == 4
    # a list item 某某许可申请 implements the matter it applies for, 某某许可, before its 子项
    # of the first grant; the catalogue's 子项 of the first grant where it lists no 主项
    road = _index(["道路旅客运输经营许可", "道路旅客运输经营许可（新办）"])
    found, why = _match(road, "道路旅客运输经营许可申请")
    assert found == "道路旅客运输经营许可"
    assert "words set aside: 申请 / —" in why and "业务办理项" not in why
    found, why = _match(_index(["道路旅客运输经营许可（新办）"]), "道路旅客运输经营许可申请")
    assert found == "道路旅客运输经营许可（新办）"
    assert "both name the first grant (申请 / 新办)" in why
    # after no act word, 申请 is part of the name (法律援助申请 names the request itself)
    from catalog_sync.wording import parts

    assert parts("法律援助申请", MAPPING.wording).stem == "法律援助申请"
    assert parts("教师资格认定申请", MAPPING.wording).stem == "教师资格认定"


# 5. words that narrow nothing, where no sibling is named with them ---------------------------


def test_words_that_narrow_nothing_are_set_aside_where_no_sibling_is_named() -> None:
    """A list inserts 服务 (养老服务机构 / 养老机构), 相关, 文件 after a kind of act (批准文件 is
    the 批准), writes a word twice (城镇污水排入城镇排水管网), drops a generic subject at the start
    (企业投资项目核准 / 投资项目核准, 企业事业单位…) or shortens 安全技术防范 to 安防: a catalogue
    naming the matter only one way holds no sibling the words would set apart, so the names are
    one matter (stems equal read loosely). Each was vetoed as a qualifier inserted inside or put
    in front, whatever the department and the law said."""
    catalogue = _index(
        [
            "养老机构设立许可",
            "中介服务机构备案",
            "人防工程拆除审批",
            "开采黄金矿产批准",
            "城镇污水排入城镇排水管网许可",
            "企业投资项目核准",
            "企业事业单位突发环境事件应急预案备案",
            "安全技术防范产品生产登记",
        ]
    )
    for item, matter, words in (
        ("养老服务机构设立许可", "养老机构设立许可", "服务 / —"),
        ("中介机构备案", "中介服务机构备案", "— / 服务"),
        ("人防工程相关拆除审批", "人防工程拆除审批", "相关 / —"),
        ("开采黄金矿产批准文件核发", "开采黄金矿产批准", "文件 / —"),
        ("城镇污水排入排水管网许可", "城镇污水排入城镇排水管网许可", "— / 城镇"),
        ("投资项目核准", "企业投资项目核准", "— / 企业"),
        ("突发环境事件应急预案备案", "企业事业单位突发环境事件应急预案备案", "— / 企业事业单位"),
    ):
        found, why = _match(catalogue, item)
        assert found == matter, item
        assert f"no sibling named with them, words set aside: {words}" in why, why
        assert not vocab.untranslated("evidence", why), why
    found, why = _match(catalogue, "安防产品生产登记")
    assert found == "安全技术防范产品生产登记"
    assert "words set aside: 安防→安全技术防范 / —" in why


def test_words_set_aside_loosely_keep_siblings_apart() -> None:
    """Where the catalogue names siblings the words set apart, they are no wording: a bare
    参保登记 beside 个人参保登记 and 单位参保登记 is neither; 个人 is not 单位 (two subjects at the
    start); a 煤矿企业 is no generic subject (安全生产许可证 has a sibling per kind of enterprise);
    危险 is no word that narrows nothing; a 文件 after no act (环境影响评价文件) stays."""
    both = _index(["个人参保登记", "单位参保登记"])
    assert _match(both, "参保登记")[0] == ""
    assert _match(_index(["单位参保登记"]), "个人参保登记")[0] == ""
    assert _match(_index(["个人参保登记"]), "参保登记")[0] == "个人参保登记"
    assert _match(_index(["煤矿企业安全生产许可证核发"]), "安全生产许可证核发")[0] == ""
    assert _match(_index(["道路货物运输经营许可"]), "道路危险货物运输经营许可")[0] == ""
    assert _match(_index(["建设项目环境影响评价审批"]), "建设项目环境影响评价文件审批")[0] == ""
    # the catalogue names the matter with and without 服务: each item is its own
    siblings = _index(["中介机构备案", "中介服务机构备案"])
    assert _match(siblings, "中介服务机构备案")[0] == "中介服务机构备案"
    assert _match(siblings, "中介相关服务机构备案")[0] == ""


def test_a_list_item_of_one_grade_implements_the_range_that_covers_it() -> None:
    """A catalogue writing a grade range (建筑业企业三级及以下资质认定) names each grade it covers;
    a list item naming one of them (三级, 暂定) implements it, as a decision row's range reaches
    each grade. Never the reverse (a list item of a range does not implement a matter of one of
    its grades: it names more), nor a grade the range does not cover (二级)."""
    catalogue = _index(["建筑业企业三级及以下资质认定", "物业服务企业一级资质认定"])
    for item in ("建筑业企业三级资质认定", "建筑业企业资质认定（暂定）"):
        found, why = _match(catalogue, item)
        assert found == "建筑业企业三级及以下资质认定", item
        assert why.startswith("grade range '三级及以下' covers "), why
        assert not vocab.untranslated("evidence", why), why
    assert _match(catalogue, "建筑业企业二级资质认定")[0] == ""
    assert _match(catalogue, "物业服务企业二级资质认定")[0] == ""
    assert _match(_index(["建筑业企业三级资质认定"]), "建筑业企业三级及以下资质认定")[0] == ""


def _cancelled(tmp_path: Path, catalogue: list[str], items: list[str], decision: str) -> set[str]:
    """The names of the list items a decision cancelling `decision` reaches, end to end."""
    result = run_on_rows(
        tmp_path,
        [["基本编码", "事项名称", "事项类型"]]
        + [[f"{n + 1:06d}000000", name, "01"] for n, name in enumerate(catalogue)],
        [["实施编码", "事项名称", "事项类型", "实施主体"]]
        + [[f"L{n:02d}", name, "01", "西湖区发展改革局"] for n, name in enumerate(items)],
        [["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"]]
        + [["示例〔2026〕9号", "2026-01-01", "1", decision, "", "取消"]],
    )
    rows = result.tables["cancelled_still_listed"].rows
    return {r["item_name"] for r in rows if r["source"] == "list"}


def test_a_decision_reaches_a_name_read_loosely_unless_the_catalogue_names_its_sibling(
    tmp_path: Path,
) -> None:
    """A decision cancelling 中介机构备案 reaches a list's 中介服务机构备案 where nothing names the
    two apart; where the catalogue lists both, they are siblings, and the list item (which
    implements the catalogue's 中介服务机构备案) is not reached, whatever the list holds."""
    items = ["中介服务机构备案", "投资项目核准"]
    assert _cancelled(tmp_path / "a", ["无关事项"], items, "中介机构备案") == {"中介服务机构备案"}
    assert _cancelled(tmp_path / "b", ["无关事项"], items, "企业投资项目核准") == {"投资项目核准"}
    siblings = ["中介机构备案", "中介服务机构备案"]
    assert _cancelled(tmp_path / "c", siblings, items, "中介机构备案") == set()
    assert _cancelled(tmp_path / "d", ["个人投资项目核准"], items, "企业投资项目核准") == set()


def test_a_name_the_lists_hold_keeps_its_main_item_apart(tmp_path: Path) -> None:
    """A county groups 企业职工参保登记 and 机关事业单位职工参保登记 under the 主项 职工参保登记:
    a decision cancelling 企业职工参保登记 names that 子项 outright, and the 主项 is no loose
    reading of it (企业 set aside), since the lists name the decision's own stem: it is reached
    alone, not the 主项 and every 子项 under it (the real 广安区 list, benchmark set (a))."""
    header = ["实施编码", "事项名称", "主项名称", "事项类型", "实施主体"]
    rows = [
        ["L01", "企业职工参保登记", "职工参保登记", "20", "区人社局"],
        ["L02", "机关事业单位职工参保登记", "职工参保登记", "20", "区人社局"],
        ["L03", "城乡居民参保登记", "", "20", "区医疗保障局"],
    ]
    result = run_on_rows(
        tmp_path,
        [["基本编码", "事项名称", "事项类型"], ["000001000000", "无关事项", "01"]],
        [header, *rows],
        [["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"]]
        + [["示例〔2026〕9号", "2026-01-01", "1", "企业职工参保登记", "", "取消"]],
    )
    rows_ = result.tables["cancelled_still_listed"].rows
    assert {r["item_name"] for r in rows_ if r["source"] == "list"} == {"企业职工参保登记"}


# 6. a note naming a subject another matter names: that matter, never the plain one -----------

_CATALOGUE_HEADER = ["基本编码", "事项名称", "事项类型"]
_LIST_HEADER = ["实施编码", "事项名称", "事项类型", "实施主体"]


def _run_notes(tmp_path: Path, matters: list[str], items: list[str], cancelled: str) -> tuple:
    """({item code: (基本编码 or "", evidence)}, item codes the cancelling decision reaches) of a
    catalogue coded 000101001000, 000102001000 … and a list L01, L02 … matched by name."""
    catalogue = [_CATALOGUE_HEADER] + [
        [f"000{i:03d}001000", n, "行政许可"] for i, n in enumerate(matters, 101)
    ]
    rows = [_LIST_HEADER] + [[f"L{i:02d}", n, "行政许可", f"局{i}"] for i, n in enumerate(items, 1)]
    decisions = [
        ["文号", "发布日期", "事项名称", "处理决定"],
        ["国发〔2020〕1号", "2020-01-01", cancelled, "取消"],
    ]
    result = run_on_rows(tmp_path, catalogue, rows, decisions)
    found = {
        r["item_code"]: (r["basic_code"], r["evidence"])
        for r in result.tables["list_catalogue_matches"].rows
    }
    found.update(
        (r["item_code"], ("", r["evidence"])) for r in result.tables["unmatched_list_items"].rows
    )
    reached = {
        r["item_code"]
        for r in result.tables["cancelled_still_listed"].rows
        if r["source"] == "list"
    }
    return found, reached


def test_a_subject_note_put_into_the_name_gives_the_other_matter(tmp_path: Path) -> None:
    """会计师事务所设立审批（分所）: the note names the branch, and put into the name gives the
    catalogue's 会计师事务所分所设立审批, in any bracket, place or script. Read as a mere note, the
    three were cancelled with the head office's approval (name tier, 95)."""
    found, reached = _run_notes(
        tmp_path,
        ["会计师事务所设立审批", "会计师事务所分所设立审批"],
        [
            "会计师事务所设立审批（分所）",
            "会计师事务所(分所)设立审批",
            "會計師事務所設立審批(分所)",
            "会计师事务所设立审批",
        ],
        "会计师事务所设立审批",
    )
    assert {k: v[0] for k, v in found.items()} == {
        "L01": "000102001000",
        "L02": "000102001000",
        "L03": "000102001000",
        "L04": "000101001000",
    }
    why = found["L01"][1]
    assert (
        why == "the note '分所' put into the name gives '会计师事务所分所设立审批', both 行政许可"
    )
    assert not vocab.untranslated("evidence", why)
    assert reached == {"L04"}


def test_a_subject_note_may_stand_for_a_generic_subject(tmp_path: Path) -> None:
    """企业投资项目核准（外商投资）: the note takes the place of the generic 企业
    (外商投资项目核准), and 企业设立登记（外商投资） gives 外商投资企业设立登记: a decision
    cancelling the foreign-investment matter reaches them, not the plain 企业投资项目核准(市级)."""
    found, reached = _run_notes(
        tmp_path,
        ["企业投资项目核准", "外商投资项目核准", "企业设立登记", "外商投资企业设立登记"],
        ["企业投资项目核准（外商投资）", "企业投资项目核准(市级)", "企业设立登记（外商投资）"],
        "外商投资项目核准",
    )
    assert {k: v[0] for k, v in found.items()} == {
        "L01": "000102001000",
        "L02": "000101001000",
        "L03": "000104001000",
    }
    assert reached == {"L01"}


def test_a_note_naming_another_matters_subject_keeps_the_item_apart(tmp_path: Path) -> None:
    """医师执业注册（乡村医生） beside a catalogue listing 乡村医生执业注册, and
    企业设立登记（外资） (a subject word) beside 外商投资企业设立登记: the note points to the
    other matter, which no name rule reaches, so the item stays unmatched, the closest name
    shown with why; a decision cancelling the plain matter does not reach it.
    医师执业注册（助理医师）, whose note names no matter of the catalogue, is still the plain
    matter's variant."""
    found, reached = _run_notes(
        tmp_path,
        ["医师执业注册", "乡村医生执业注册", "企业设立登记", "外商投资企业设立登记"],
        ["医师执业注册（乡村医生）", "医师执业注册（助理医师）", "企业设立登记(外资)"],
        "医师执业注册",
    )
    assert found["L01"][0] == "" and found["L03"][0] == ""
    assert found["L02"][0] == "000101001000"
    why = found["L01"][1]
    assert "the note '乡村医生' names another matter: '乡村医生执业注册'" in why
    assert not vocab.untranslated("evidence", why)
    assert "the note '外资' names another matter: '外商投资企业设立登记'" in found["L03"][1]
    assert reached == {"L02"}


def test_a_note_pointing_to_no_matter_of_the_catalogue_still_drops(tmp_path: Path) -> None:
    """Near pairs: a 分所 note where the catalogue holds no branch matter of that subject (only
    律师事务所分所设立许可, another subject; 会计师事务所分所设立备案, another act) leaves the item
    the plain matter's variant, and the cancellation reaches it."""
    found, reached = _run_notes(
        tmp_path,
        ["会计师事务所设立审批", "律师事务所分所设立许可", "会计师事务所分所设立备案"],
        ["会计师事务所设立审批（分所）"],
        "会计师事务所设立审批",
    )
    assert found["L01"][0] == "000101001000"
    assert reached == {"L01"}


def test_a_person_or_an_institution_inside_a_name_names_another_party(tmp_path: Path) -> None:
    """个人 and 事业单位 inside a name are not set aside like 企业 and 单位 (inner_subjects):
    住房公积金个人缴存登记 is not the 单位 matter a decision cancels, 居民个人所得税 not
    居民企业所得税; a list naming both siblings keeps them apart for a decision too."""
    hpf = ["住房公积金单位缴存登记", "住房公积金个人贷款"]
    items = ["住房公积金个人缴存登记", "住房公积金单位贷款"]
    assert _cancelled(tmp_path / "a", hpf, items, "住房公积金单位缴存登记") == set()
    tax = ["居民企业所得税汇算清缴"]
    assert _cancelled(tmp_path / "b", tax, ["居民个人所得税汇算清缴"], tax[0]) == set()
    soe = ["国有企业资产评估项目备案"]
    assert _cancelled(tmp_path / "c", soe, ["国有事业单位资产评估项目备案"], soe[0]) == set()
    both = ["住房公积金个人账户设立", "住房公积金单位账户设立"]
    assert _cancelled(tmp_path / "d", ["无关事项"], both, both[1]) == {both[1]}
    # 企业 inside a name is still set aside
    assert _cancelled(
        tmp_path / "e", ["无关事项"], ["棉花加工企业资格认定"], "棉花加工资格认定"
    ) == {"棉花加工企业资格认定"}
