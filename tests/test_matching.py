"""Normalisation and the matching tiers, on hand-worked names."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from catalog_sync.mappings import load_mapping
from catalog_sync.matching import (
    NameIndex,
    content_difference,
    contrast,
    differing_text,
    entry,
    laws,
    match_items_to_catalogue,
    match_matter,
    match_name,
    subject_change,
)
from catalog_sync.normalise import code_defect, name_core, name_key, normalise_code
from catalog_sync.wording import parts

MAPPING = load_mapping()
LQ = MAPPING.level_qualifiers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" 511A0138000000 ", "511A0138000000"),
        ("５１１Ａ０１３８０００００", "511A013800000"),
        ("511a0138\u3000000000", "511A0138000000"),
        ("G－000007－001", "G-000007-001"),
        ("511A0138\u200b000000\ufeff", "511A0138000000"),  # invisible characters
        (None, ""),
    ],
)
def test_normalise_code(raw: object, expected: str) -> None:
    assert normalise_code(raw) == expected


@pytest.mark.parametrize(
    ("code", "defect"),
    [
        ("", "missing_code"),
        ("511A01", "malformed_code"),  # 6 characters
        ("511A0138-待补录", "malformed_code"),
        ("511A0138—000", "malformed_code"),  # an em dash is not a hyphen
        ("511A0138", ""),
        ("G-000007-001-511602000000", ""),
    ],
)
def test_code_defect(code: str, defect: str) -> None:
    assert code_defect(code) == defect


@pytest.mark.parametrize(
    ("name", "key", "core"),
    [
        (
            "企业投资项目备案（技术改造）（市级/县级）",
            "企业投资项目备案(技术改造)",
            "企业投资项目备案",
        ),
        (
            "举办高危险性体育赛事活动许可（县级）",
            "举办高危险性体育赛事活动许可",
            "举办高危险性体育赛事活动许可",
        ),
        (
            "石油天然气(含煤层气)对外合作项目总体开发方案審批",
            "石油天然气(含煤层气)对外合作项目总体开发方案审批",
            "石油天然气对外合作项目总体开发方案审批",
        ),
        ("拖拉机/联合收割机 登记", "拖拉机联合收割机登记", "拖拉机联合收割机登记"),
        ("《食品经营许可证》核发", "食品经营许可证核发", "食品经营许可证核发"),
        # invisible characters copied from a web page (zero-width space, joiner, soft hyphen)
        ("棉花\u200b加工资格\u200d认定\u00ad\ufeff", "棉花加工资格认定", "棉花加工资格认定"),
    ],
)
def test_name_key_and_core(name: str, key: str, core: str) -> None:
    assert name_key(name, LQ) == key
    assert name_core(key) == core


def _index(*names: str, task_type: str = "行政许可", department: str = "", by_law: str = ""):
    return NameIndex(
        [
            entry(
                f"matter:{i}", n, MAPPING, task_type=task_type, department=department, by_law=by_law
            )
            for i, n in enumerate(names)
        ],
        MAPPING,
    )


def test_name_tier_exact_after_normalisation() -> None:
    index = _index("石油天然气（含煤层气）对外合作项目总体开发方案审批")
    hit = match_name(index, entry("d", "石油天然气(含煤层气)对外合作项目总体开发方案審批", MAPPING))
    assert hit is not None
    group, match = hit
    assert [e.id for e in group] == ["matter:0"]
    assert (match.tier, match.score) == ("name", 100.0)
    assert "事项名称" in match.fields


def test_name_tier_inclusive_note_reaches_the_plain_name() -> None:
    # the decision's （含煤层气） only says what the matter includes: same matter
    index = _index("石油天然气对外合作项目总体开发方案审批")
    hit = match_name(
        index, entry("d", "石油天然气（含煤层气）对外合作项目总体开发方案审批", MAPPING)
    )
    assert hit is not None and hit[1].tier == "name" and hit[1].score == 95.0


def test_name_tier_narrowing_note_does_not_reach_the_main_item() -> None:
    # cancelling 食品生产许可（注销） does not cancel 食品生产许可
    index = _index("食品生产许可")
    assert index.exact(entry("d", "食品生产许可（注销）", MAPPING)) is None


def test_name_tier_variant_of_the_query_is_reached() -> None:
    index = _index("食品生产许可（新办）")
    hit = index.exact(entry("d", "食品生产许可", MAPPING))
    assert hit is not None and hit[1].score == 95.0


def test_name_tier_matches_an_equal_name_whatever_the_matter_type() -> None:
    # provinces type one matter differently: the name decides, the evidence says the types
    # differ (a type-agreeing matter of the name is preferred: test_matching_types.py)
    index = _index("消费纠纷调解", task_type="公共服务")
    hit = index.exact(entry("q", "消费纠纷调解", MAPPING, task_type="行政裁决"))
    assert hit is not None and "事项类型 differ: 行政裁决 / 公共服务" in hit[1].evidence
    hit = index.exact(entry("q", "消费纠纷调解", MAPPING))  # no type on one side
    assert hit is not None and "matter type not compared" in hit[1].evidence


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("食品生产许可", "食品经营许可", "生产≠经营"),
        ("企业注销登记", "企业设立登记", "注销≠设立"),
        ("第一类易制毒化学品购买许可", "第二类易制毒化学品购买许可", "第一类≠第二类"),
        ("1000人以上大型活动许可", "5000人以上大型活动许可", "numbers differ"),
        ("生育医疗费支付", "计划生育医疗费支付", "qualifier '计划' added in front"),
        ("拖拉机联合收割机变更登记", "拖拉机联合收割机登记", ""),
    ],
)
def test_contrast(a: str, b: str, clash: str) -> None:
    assert contrast(a, b, MAPPING.contrast_groups) == clash


def test_near_misses_never_match() -> None:
    index = _index("食品经营许可", "企业设立登记", "生育医疗费支付")
    for name in ("食品生产许可", "企业注销登记", "计划生育医疗费支付"):
        assert match_name(index, entry("q", name, MAPPING)) is None, name


def test_fuzzy_filler_only_difference_is_accepted() -> None:
    index = _index("在城市建筑物、设施上张挂、张贴宣传品的审批")
    hit = match_name(index, entry("q", "城市建筑物、设施上张挂、张贴宣传品审批", MAPPING))
    assert hit is not None
    _, match = hit
    # key lengths 17 and 19, all 17 shared: ratio = 2*17/36 = 94.4
    assert match.tier == "fuzzy" and match.score == 94.4
    assert (
        differing_text(
            "城市建筑物设施上张挂张贴宣传品审批", "在城市建筑物设施上张挂张贴宣传品的审批"
        )
        == "在的"
    )


def test_fuzzy_content_difference_needs_a_second_field() -> None:
    # 客运 vs 货运: content differs; ratio = 2*9/20 = 90 but neither department nor law agrees
    index = _index("货运车辆道路运输证补办", department="交通运输部门")
    q = entry("q", "客运车辆道路运输证补办", MAPPING, department="区交通运输局")
    assert contrast(q.key, "货运车辆道路运输证补办", MAPPING.contrast_groups) == "客运≠货运"
    assert match_name(index, q) is None


def test_fuzzy_content_difference_with_same_law_is_accepted() -> None:
    law = "《中华人民共和国对外合作开采陆上石油资源条例》"
    index = _index("石油天然气对外合作项目总体开发方案批准", by_law=law)
    q = entry("q", "石油天然气对外合作项目总体开发方案审批", MAPPING, by_law=law)
    hit = match_name(index, q)
    assert hit is not None
    _, match = hit
    # 19 characters each, 18 shared: 2*18/38 = 94.7; 批准 vs 审批 differ in content
    assert match.tier == "fuzzy" and match.score == 94.7
    assert "设定依据" in match.fields and "same legal basis" in match.evidence


def test_laws_are_read_from_the_basis_cell() -> None:
    assert laws("《棉花质量监督管理条例》; 《棉花加工资格认定和市场管理暂行办法》") == {
        "棉花质量监督管理条例",
        "棉花加工资格认定和市场管理暂行办法",
    }


def test_level_patterns() -> None:
    assert MAPPING.levels_in("省、市、县级教育行政部门") == {"省级", "市级", "县级"}
    assert MAPPING.levels_in("省级市场监督管理部门") == {"省级"}
    assert MAPPING.levels_in("工业和信息化部") == {"国家级"}


# --- rules measured by benchmarks/matching.py ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("开具税收完税证明（县级行使）", "开具税收完税证明"),
        ("发票领用(县级行使）", "发票领用"),
        ("林木采伐许可证核发（县级权限）", "林木采伐许可证核发"),
        ("建设项目古树名木保护方案备案（住建行使）", "建设项目古树名木保护方案备案(住建行使)"),
    ],
)
def test_level_qualifiers_as_the_county_list_writes_them(name: str, key: str) -> None:
    assert name_key(name, LQ) == key


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("三类非药品类易制毒化学品经营备案", "第三类非药品类易制毒化学品经营备案", ""),
        ("第一类易制毒化学品购买许可", "二类易制毒化学品购买许可", "第一类≠二类"),
        (
            "广播电视视频点播业务许可证(甲种)审批",
            "广播电视视频点播业务许可证(乙种)审批",
            "甲种≠乙种",
        ),
    ],
)
def test_contrast_of_classes(a: str, b: str, clash: str) -> None:
    assert contrast(a, b, MAPPING.contrast_groups) == clash


@pytest.mark.parametrize(
    ("a", "b", "content"),
    [
        ("对计量纠纷进行调解及仲裁检定", "计量纠纷调解和仲裁检定", ""),  # 对, 进行, 及/和
        ("关于企业实行不定时工作制的审批", "企业实行不定时工作制审批", ""),
        ("企业注销社会保险登记", "企业社会保险注销登记", ""),  # the same words, moved
        ("客运车辆道路运输证补办", "货运车辆道路运输证补办", "货客"),
        ("行政审批", "审批", "行政"),  # 行 is no filler on its own
    ],
)
def test_content_difference(a: str, b: str, content: str) -> None:
    assert content_difference(a, b, MAPPING.fuzzy_filler) == content


def test_filler_words_and_word_order_are_accepted() -> None:
    index = _index("食品小作坊、小经营店备案", "宗教活动临时地点设立审批", task_type="")
    for name in ("对食品小作坊、小经营店进行备案", "设立宗教活动临时地点审批"):
        hit = match_name(index, entry("q", name, MAPPING))
        assert hit is not None and hit[1].tier == "fuzzy", name


@pytest.mark.parametrize(
    ("name", "stem", "actions"),
    [
        ("居住证办理", "居住证", set()),
        ("居住证核发", "居住证", set()),
        ("残疾人证新办", "残疾人证", {"新办"}),
        ("无犯罪记录证明开具", "无犯罪记录证明", set()),
        ("蚕种生产许可证核发", "蚕种生产", set()),
        ("设置非公路标志审批", "设置非公路标志", set()),
        ("设置非公路标志的审核", "设置非公路标志", set()),
        ("渔业捕捞许可审批", "渔业捕捞", set()),
        ("网络预约出租汽车运输证发放（新增）", "网络预约出租汽车运输证", {"新增"}),
        ("网络预约出租汽车运输证发放（信息变更）", "网络预约出租汽车运输证", {"变更"}),
        ("燃气经营许可证注销", "燃气经营", {"注销"}),
        ("危险废物经营许可到期延续（市级）", "危险废物经营", {"延续"}),
        ("国家重点保护野生动物驯养繁殖许可", "重点野生动物驯养繁殖", set()),
        ("公证业务预约办理", "公证业务预约", set()),
        ("道路客运班线经营许可证明（初领）", "道路旅客运输班线经营许可证明", {"初领"}),
        ("证件办理", "证件", set()),
        ("证办理", "证办理", set()),  # too little left: nothing is stripped
    ],
)
def test_stem_and_actions(name: str, stem: str, actions: set[str]) -> None:
    p = parts(name_key(name, LQ), MAPPING.wording)
    assert (p.stem, set(p.actions)) == (stem, actions)


def test_names_that_differ_only_in_how_the_grant_is_worded() -> None:
    index = _index("居住证核发", "蚕种生产许可证核发", "网络预约出租汽车运输证发放（新增）")
    for name, target in (
        ("居住证办理", "matter:0"),
        ("蚕种生产许可", "matter:1"),
        ("网络预约出租汽车运输证核发", "matter:2"),  # and the candidate's note: a variant
    ):
        hit = match_name(index, entry("q", name, MAPPING))
        assert hit is not None, name
        group, match = hit
        assert [e.id for e in group] == [target] and match.tier == "fuzzy"
        assert "names of one matter" in match.evidence


def test_grant_wording_never_crosses_a_contrast_or_an_action() -> None:
    index = _index("燃气经营许可证注销", "蚕种经营许可证核发", "居民身份证核发")
    for name in ("蚕种生产许可", "居住证办理"):
        assert match_name(index, entry("q", name, MAPPING)) is None, name
    # a list item granting the licence does not implement its 注销
    item = entry("i", "燃气经营许可证核发", MAPPING, implementing=True)
    assert match_name(index, item) is None
    # but a decision cancelling the licence names the whole matter: its 注销 goes with it
    hit = match_name(index, entry("d", "燃气经营许可证核发", MAPPING))
    assert hit is not None and [e.id for e in hit[0]] == ["matter:0"]
    assert "业务办理项 注销" in hit[1].evidence


def test_a_list_items_own_note_drops_when_it_looks_for_its_matter() -> None:
    index = _index("客运车辆道路运输证办理", "重点建设项目档案验收")
    item = entry("i", "客运车辆道路运输证办理（注销）", MAPPING, implementing=True)
    hit = match_name(index, item)
    assert hit is not None and (hit[1].tier, hit[1].score) == ("name", 95.0)
    # a decision cancelling the 注销 alone does not cancel the matter
    assert match_name(index, entry("d", "客运车辆道路运输证办理（注销）", MAPPING)) is None
    # the note drops for the fuzzy tier too (的 is filler)
    item = entry("i", "重点建设项目（工程）档案的验收", MAPPING, implementing=True)
    hit = match_name(index, item)
    assert hit is not None and hit[1].tier == "fuzzy"
    assert hit[1].evidence.startswith("without the list item's note")
    # 对<object>的<act> is <object><act> before anything else is read (session 24): one matter
    item = entry("i", "对重点建设项目（工程）档案的验收", MAPPING, implementing=True)
    hit = match_name(index, item)
    assert hit is not None and hit[1].tier == "fuzzy"
    assert "stem '重点建设项目档案验收'; words set aside: 对、的" in hit[1].evidence
    # two different notes are two variants
    index = _index("农药经营许可证核发（限制使用农药）")
    item = entry("i", "农药经营许可证核发（其他农药）", MAPPING, implementing=True)
    assert match_name(index, item) is None


def test_a_list_item_naming_its_action_last_implements_the_matter() -> None:
    """公共场所卫生许可延续 is the 延续 业务办理项 of 公共场所卫生许可, as 公共场所卫生许可（延续）
    is: the action ends the name. 企业注销社会保险登记 names 注销 in its middle: another matter."""
    index = _index("公共场所卫生许可", "食品经营许可", "企业社会保险登记")
    for name in ("公共场所卫生许可延续", "公共场所卫生许可证变更", "食品经营许可注销"):
        hit = match_name(index, entry("i", name, MAPPING, implementing=True))
        assert hit is not None, name
        assert "the first is a 业务办理项" in hit[1].evidence, name
    item = entry("i", "企业注销社会保险登记", MAPPING, implementing=True)
    assert match_name(index, item) is None
    # a decision cancelling the 延续 alone still does not cancel the matter
    assert match_name(index, entry("d", "公共场所卫生许可延续", MAPPING)) is None


def test_list_items_are_matched_as_implementing_their_matter() -> None:
    matters = [
        SimpleNamespace(node="matter:A", basic_code="A", name="客运车辆道路运输证办理"),
    ]
    item = SimpleNamespace(
        node="item:1",
        basic_code="",
        basic_code_origin="",
        name="客运车辆道路运输证办理（补办）",
        task_type="行政许可",
        agency="区交通运输局",
        by_law="",
        area_code="",
        parent_name="",
        ref=SimpleNamespace(file="list.csv", row=2),
    )
    index = NameIndex(
        [entry("matter:A", "客运车辆道路运输证办理", MAPPING, task_type="行政许可")], MAPPING
    )
    matched, nearest = match_items_to_catalogue([item], matters, index)
    assert matched["item:1"][0].node == "matter:A" and nearest == {}


def test_a_note_both_names_carry_does_not_count() -> None:
    index = _index("农民专业合作社（联合社）分支机构变更登记（备案）")
    hit = match_name(index, entry("d", "农民专业合作社（联合社）分支机构变更登记", MAPPING))
    assert hit is not None and (hit[1].tier, hit[1].score) == ("name", 95.0)


# --- match_items_to_catalogue in one pass, against the row-by-row rule it replaces ----------


def _row_by_row(items, matters, catalogue, confirmed, denied, code_tier, codes_decide):  # type: ignore[no-untyped-def]
    """match_items_to_catalogue as it was written before its single pass (ee2d860), kept here
    as the rule the fast version must equal: item by item, `taken` first."""
    from dataclasses import replace

    from catalog_sync.matching import Nearest, _agency_scope, _code_match, by_department
    from catalog_sync.model import Match

    by_node = {m.node: m for m in matters}
    matched, nearest, code_matches = {}, {}, {}
    catalogue.taken = {
        (_agency_scope(item), matters[p].node)
        for item, p in zip(items, code_tier, strict=True)
        if p >= 0
    }
    for item, position in zip(items, code_tier, strict=True):
        if confirmed and item.node in confirmed and confirmed[item.node][0] in by_node:
            target, why = confirmed[item.node]
            matched[item.node] = (by_node[target], Match("reviewed", 100.0, ("审核",), why))
            continue
        if position >= 0:
            matter = matters[position]
            key = (item.basic_code, item.basic_code_origin, item.name)
            match = code_matches.get(key)
            if match is None:
                match = code_matches[key] = _code_match(item, matter, catalogue.mapping)
            matched[item.node] = (matter, match)
            continue
        q = entry(
            item.node,
            item.name,
            catalogue.mapping,
            task_type=item.task_type,
            department=item.agency,
            by_law=item.by_law,
            implementing=True,
        )
        q = replace(q, scope=_agency_scope(item))
        hit = match_name(catalogue, q, denied.get(item.node, set()))
        if hit is not None:
            group, match = hit
            taken = group[0]
            if len(group) > 1:  # which of them depends on the agency (by_department)
                taken, why = by_department(group, item.agency)
                match = replace(match, evidence=f"{match.evidence}; {why}")
            if codes_decide and item.basic_code and item.ref.file in codes_decide:
                nearest[item.node] = Nearest(taken, match.score, "", match)
            else:
                matched[item.node] = (by_node[taken.id], match)
            continue
        best = catalogue.best(q)
        excluded = denied.get(item.node, set())
        short = best and not best[2] and catalogue.shortfall(q, *best[:2], best[0].id in excluded)
        nearest[item.node] = Nearest(*best, short=short or "") if best else None
    return matched, nearest


def _list_item(node: str, name: str, code: str = "", file: str = "a.csv", agency: str = "甲局"):  # type: ignore[no-untyped-def]
    return SimpleNamespace(
        node=node,
        basic_code=code,
        basic_code_origin="given" if code else "",
        name=name,
        task_type="行政许可",
        agency=agency,
        by_law="",
        area_code="511602",
        parent_name="",
        ref=SimpleNamespace(file=file, row=int(node.rsplit(":", 1)[-1])),
    )


def _catalogue_matter(node: str, code: str, name: str):  # type: ignore[no-untyped-def]
    return SimpleNamespace(
        node=node, basic_code=code, name=name, task_type="行政许可", department="", by_law=""
    )


# Worked by hand, in an order where every kind of item sits between the others: a name match
# ahead of the code matches (its place in `matched` is held through the code pass), two items
# of one code key (one Match), a reviewed item whose code also matches (it counts as its
# agency's code match in `taken`), an item no name matches (its held place dropped), a code
# problem in a list whose codes decide (its name match only shown), a name matched in one
# agency and denied in another (the match remembered for the name is not the denied one's).
CATALOGUE = [
    _catalogue_matter("matter:A", "A1", "蚕种生产许可"),
    _catalogue_matter("matter:B", "B1", "种畜禽生产经营许可"),
    _catalogue_matter("matter:C", "C1", "居住证核发"),
]
LIST = [
    _list_item("item:a.csv:1", "蚕种生产许可"),
    _list_item("item:a.csv:2", "种畜禽生产经营许可"),
    _list_item("item:a.csv:3", "蚕种生产许可（县级）", "A1"),
    _list_item("item:a.csv:4", "种畜禽生产经营许可", "B1", agency="乙局"),
    _list_item("item:a.csv:5", "船舶油污损害民事责任保险证书核发"),
    _list_item("item:b.csv:2", "居住证核发", "ZZ9", file="b.csv"),
    _list_item("item:a.csv:6", "蚕种生产许可（县级）", "A1", agency="丙局"),
    _list_item("item:a.csv:7", "蚕种生产许可"),
    _list_item("item:a.csv:8", "居住证办理"),
]
CODE_TIER = [-1, -1, 0, 1, -1, -1, 0, -1, -1]
CONFIRMED = {"item:a.csv:4": ("matter:C", "审核: 乙局 implements 居住证核发")}
DENIED_PAIRS = {"item:a.csv:7": {"matter:A"}}


def _fresh_index() -> NameIndex:
    return NameIndex(
        [entry(m.node, m.name, MAPPING, task_type=m.task_type) for m in CATALOGUE], MAPPING
    )


def test_one_pass_equals_row_by_row_in_order_and_in_taken() -> None:
    fast_index, slow_index = _fresh_index(), _fresh_index()
    args = (CONFIRMED, DENIED_PAIRS, CODE_TIER, {"b.csv"})
    fast = match_items_to_catalogue(LIST, CATALOGUE, fast_index, *args)
    slow = _row_by_row(LIST, CATALOGUE, slow_index, *args)
    assert list(fast[0].items()) == list(slow[0].items())  # same pairs, same order
    assert list(fast[1].items()) == list(slow[1].items())
    assert fast_index.taken.pairs() == slow_index.taken  # type: ignore[attr-defined]
    # what the hand-worked list was made to hold
    assert list(fast[0])[:5] == [
        "item:a.csv:1",
        "item:a.csv:2",
        "item:a.csv:3",
        "item:a.csv:4",
        "item:a.csv:6",
    ]
    assert list(fast[0])[5:] == [n for n in ("item:a.csv:7", "item:a.csv:8") if n in fast[0]]
    assert fast[0]["item:a.csv:2"][1].tier == "name"
    assert fast[0]["item:a.csv:3"][1] is fast[0]["item:a.csv:6"][1]  # one Match per code key
    assert fast[0]["item:a.csv:4"][1].tier == "reviewed"
    assert ("a.csv|511602|乙局", "matter:B") in fast_index.taken  # reviewed, yet coded
    assert "item:a.csv:5" in fast[1] and "item:b.csv:2" in fast[1]
    assert fast[1]["item:b.csv:2"].match is not None  # held back: its code decides
    assert fast[0]["item:a.csv:1"][0] is CATALOGUE[0]
    assert fast[0].get("item:a.csv:7", (None,))[0] is not CATALOGUE[0]  # denied


def test_items_sharing_a_node_are_matched_row_by_row() -> None:
    """Two items of one node (not in a run): the later one's match replaces the earlier one's,
    an unmatched later one leaves it, as item by item."""
    twins = [
        _list_item("item:a.csv:2", "种畜禽生产经营许可"),
        _list_item("item:a.csv:2", "蚕种生产许可", "A1"),
        _list_item("item:a.csv:3", "蚕种生产许可", "A1"),
        _list_item("item:a.csv:3", "船舶油污损害民事责任保险证书核发"),
    ]
    tier = [-1, 0, 0, -1]
    fast = match_items_to_catalogue(twins, CATALOGUE, _fresh_index(), None, None, tier)
    slow = _row_by_row(twins, CATALOGUE, _fresh_index(), {}, {}, tier, frozenset())
    assert list(fast[0].items()) == list(slow[0].items())
    assert list(fast[1].items()) == list(slow[1].items())
    assert fast[0]["item:a.csv:2"][1].tier == "code" and fast[0]["item:a.csv:3"][1].tier == "code"


def test_a_name_match_weighed_on_the_agency_is_made_for_each_agency() -> None:
    """The name tier remembers a match per name and matter type only when nothing of the
    agency was weighed: here the same name is a fuzzy match in the agency whose department
    agrees with the matter's and none in the other, whichever comes first; the names matched
    without weighing (the exact ones) are remembered and come out as made afresh."""
    departments = ["行政审批局"] * 12 + [f"部门{i}" for i in range(12, 19)] + ["住房城乡建设部门"]
    names = [f"无关事项{i}许可" for i in range(19)] + ["因工程建设需要挖掘城市道路许可"]
    matters = [
        SimpleNamespace(node=f"matter:{i}", name=n, task_type="行政许可", department=d, by_law="")
        for i, (n, d) in enumerate(zip(names, departments, strict=True))
    ]

    def index() -> NameIndex:
        return NameIndex(
            [entry(m.node, m.name, MAPPING, department=m.department) for m in matters], MAPPING
        )

    fuzzy = "因工程建设需要开挖城市道路许可"
    for agencies in (("区住房城乡建设局", "区行政审批局"), ("区行政审批局", "区住房城乡建设局")):
        items = [
            _list_item(f"item:a.csv:{n}", name, agency=agency)
            for n, (name, agency) in enumerate(
                [(fuzzy, agencies[0]), (fuzzy, agencies[1]), ("无关事项3许可", agencies[0])]
                + [("无关事项3许可", agencies[1]), (fuzzy, "区住房城乡建设局")],
                start=2,
            )
        ]
        tier = [-1] * len(items)
        fast = match_items_to_catalogue(items, matters, index(), code_tier=tier)
        slow = _row_by_row(items, matters, index(), {}, {}, tier, frozenset())
        assert list(fast[0].items()) == list(slow[0].items())
        assert list(fast[1].items()) == list(slow[1].items())
        by_agency = {i.agency: i.node in fast[0] for i in items if i.name == fuzzy}
        assert by_agency == {"区住房城乡建设局": True, "区行政审批局": False}


def test_candidates_are_the_keys_sharing_a_bigram() -> None:
    index = _index("蚕种生产许可", "种畜禽生产经营许可", "居住证核发", "船舶登记")
    assert set(index.candidates("蚕种经营许可", 25)) == {"蚕种生产许可", "种畜禽生产经营许可"}
    assert index.candidates("居住证核发", 1) == ["居住证核发"]


def test_agency_matters_are_the_pairs_of_one_scope_text() -> None:
    """Agencies whose scope texts are one ("a|b" + "c", "a" + "b|c") are one scope, as the
    set of (scope, matter) pairs it replaces made them."""
    from catalog_sync.matching import AgencyMatters

    taken = AgencyMatters({("a|b", "c", "局"): {"matter:1"}, ("a", "b|c", "局"): {"matter:2"}})
    assert taken.pairs() == {("a|b|c|局", "matter:1"), ("a|b|c|局", "matter:2")}
    assert ("a|b|c|局", "matter:1") in taken and ("a|b|c|局", "matter:2") in taken
    assert ("a|b|c|局", "matter:3") not in taken and ("x", "matter:1") not in taken


def test_a_note_naming_another_kind_of_act_is_another_matter() -> None:
    """医疗机构执业登记（中医诊所备案）: 中医诊所 are filed (备案), not registered (登记), since
    2017: the note names another matter, not a variant of 医疗机构执业登记, in both directions.
    A note naming the same kind (（变更登记）) or none (（零售）, （新办）) is a variant, and so is
    a note that is the act word alone (test_a_note_both_names_carry_does_not_count: （备案）)."""
    index = _index("医疗机构执业登记", "食品经营许可", "烟花爆竹经营许可")
    for name in ("医疗机构执业登记（中医诊所备案）", "食品经营许可（仅销售预包装食品备案）"):
        assert match_name(index, entry("i", name, MAPPING, implementing=True)) is None, name
    for name in (
        "医疗机构执业登记（变更登记）",
        "烟花爆竹经营许可（零售）",
        "食品经营许可（新办）",
    ):
        assert match_name(index, entry("i", name, MAPPING, implementing=True)) is not None, name
    items = NameIndex(
        [
            entry("i:0", "医疗机构执业登记（中医诊所备案）", MAPPING),
            entry("i:1", "医疗机构执业登记（注销）", MAPPING),
        ],
        MAPPING,
    )
    reached = match_matter(items, entry("d", "医疗机构执业登记", MAPPING))
    assert [e.id for group, _ in reached for e in group] == ["i:1"]


def test_review_of_session_17_exclusions_moved_subjects_and_acts() -> None:
    groups = MAPPING.contrast_groups
    for words in ("以外", "之外", "外"):
        excluding = f"食品经营许可(除仅销售预包装食品{words})"
        assert "excludes" in contrast(excluding, "食品经营许可(仅销售预包装食品)", groups), words
    assert (
        subject_change(
            "营利性民办学校变更为非营利性民办学校审批",
            "非营利性民办学校变更为营利性民办学校审批",
            MAPPING.fuzzy_filler,
            MAPPING.wording.subject_words,
        )
        == "subject differs ('非' moved)"
    )
    # the weighed fuzzy tier too: a note naming another kind of act is a veto
    index = _index("中外合资经营企业设立登记")
    item = entry("i", "中外合资经营企业设立登记（章程备案）", MAPPING, implementing=True)
    assert index._vetoed(item, index.by_key[index.keys[0]][0]) == "a note names another kind of act"


def test_the_spellings_prefilter_keeps_every_reach_the_filler_rule_makes() -> None:
    """NameIndex.spellings must let through every key content_difference finds no content
    against: 进行 (a filler word) forms across 先进|行业 in one name and not in its reordering."""
    index = NameIndex(
        [
            entry("i:0", "先进行业协会评选表彰审批", MAPPING),
            entry("i:1", "行业协会先进评选表彰审批", MAPPING),
        ],
        MAPPING,
    )
    assert "行业协会先进评选表彰审批" in index.spellings("先进行业协会评选表彰审批")
    reached = match_matter(index, entry("d", "先进行业协会评选表彰审批", MAPPING))
    assert sorted(e.id for group, _ in reached for e in group) == ["i:0", "i:1"]
