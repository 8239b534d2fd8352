"""Names of one matter written otherwise by other provinces (session 24), on small hand-made
cases whose answers are worked out by hand:

1. a word naming the business an act is for, between the subject and the act (保险经纪业务许可 /
   保险经纪许可), where the catalogue does not name both;
2. 验收 is a kind of act a township's 代办 or 受理 may stand beside (代办建设工程消防验收), and a
   word opening with an agent's character names no agent (代办人防工程竣工验收备案);
3. a qualification (资格, 资质) granted by 审批, 审核 or 核准 is its 认定;
4. a note's word of having written one way (（带有储存设施） / （带储存设施）, （不带…） / （无…）).

Each case carries its sibling that must stay unreached.
"""

from __future__ import annotations

from pathlib import Path

from conftest import cancelled_items, matched_by_name, run_cancelling

from catalog_sync import vocab
from catalog_sync.mappings import load_mapping
from catalog_sync.normalise import name_key
from catalog_sync.pipeline import Result
from catalog_sync.wording import loose_stem

CATALOGUE_HEADER = ["基本编码", "事项名称", "事项类型"]
LIST_HEADER = ["实施编码", "事项名称", "事项类型", "实施主体"]


def _run(
    folder: Path,
    matters: list[str],
    items: list[str],
    cancelled: list[str],
    typed: str = "行政许可",
) -> Result:
    """Catalogue matters coded 00010N000000 in order, list items coded L0N (no 基本编码: matched
    by name), all of one 事项类型; every evidence sentence reads in Chinese too."""
    catalogue = [[f"0001{n:02d}000000", name, typed] for n, name in enumerate(matters)]
    lists = [[f"L{n:02d}", name, typed, "示县行政审批局"] for n, name in enumerate(items)]
    result = run_cancelling(
        folder, [CATALOGUE_HEADER, *catalogue], [LIST_HEADER, *lists], cancelled
    )
    for table in ("list_catalogue_matches", "cancelled_still_listed"):
        said = [r["evidence"] for r in result.tables[table].rows]
        assert not [e for e in said if vocab.untranslated("evidence", e)]
    return result


def test_a_business_word_before_the_act_names_the_same_matter(tmp_path: Path) -> None:
    """保险经纪业务许可 is 保险经纪许可 and 广播电视视频点播审批 is 广播电视视频点播业务审批: 业务
    says the business the licence is for, whichever side writes it (until session 24 the word
    at the stem's end was read as a qualifier added inside, the item unmatched and not
    reported cancelled). The evidence says the word was set aside."""
    result = _run(
        tmp_path,
        ["保险经纪许可", "广播电视视频点播业务审批"],
        ["保险经纪业务许可", "广播电视视频点播审批"],
        ["保险经纪许可", "广播电视视频点播业务审批"],
    )
    assert matched_by_name(result) == {
        "保险经纪业务许可": "000100000000",
        "广播电视视频点播审批": "000101000000",
    }
    assert cancelled_items(result) == {"保险经纪业务许可", "广播电视视频点播审批"}
    rows = result.tables["list_catalogue_matches"].rows
    assert all(
        "words set aside: 业务 / —" in r["evidence"] or "— / 业务" in r["evidence"] for r in rows
    )


def test_a_business_opened_with_its_verb_is_the_business(tmp_path: Path) -> None:
    """The real county list of 广安区 writes 经营劳务派遣业务（含新增业务、新设公司、分立、合并）
    许可(县级) for the national 劳务派遣经营许可: 经营 opening the name is read at the end of the
    stem, 业务 set aside, and the item implements the matter and is cancelled with it (until
    session 24 unmatched, closest scoring 36). Negative: 经营性 opening a name is an adjective,
    not the verb (the stem is read as it is)."""
    item = "经营劳务派遣业务（含新增业务、新设公司、分立、合并）许可(县级)"
    result = _run(tmp_path, ["劳务派遣经营许可"], [item], ["劳务派遣经营许可"])
    assert matched_by_name(result) == {item: "000100000000"}
    assert cancelled_items(result) == {item}
    wording = load_mapping().wording
    assert loose_stem("经营劳务派遣业务", wording).stem == "劳务派遣经营"
    assert loose_stem("经营性人力资源服务机构从事职业中介", wording).stem.startswith("经营性")


def test_a_business_word_keeps_two_matters_the_catalogue_names_apart(tmp_path: Path) -> None:
    """Negative: a catalogue naming both 保险经纪许可 and 保险经纪业务许可 holds two matters;
    cancelling the first reaches neither the list's 保险经纪业务许可 nor a 服务 written in
    its place (服务 is set aside inside a stem only: 保险经纪服务许可 stays unmatched)."""
    result = _run(
        tmp_path,
        ["保险经纪许可", "保险经纪业务许可"],
        ["保险经纪业务许可", "保险经纪服务许可"],
        ["保险经纪许可"],
    )
    assert matched_by_name(result) == {"保险经纪业务许可": "000101000000"}
    assert cancelled_items(result) == set()


def test_a_stage_beside_an_acceptance_of_works_is_that_stage(tmp_path: Path) -> None:
    """验收 is an act a works is applied for: 代办建设工程消防验收 and 建设工程消防验收受理 are the
    代办 and 受理 of 建设工程消防验收, and 代办人防工程竣工验收备案 the 代办 of
    人防工程竣工验收备案 (人防 names no 代办人). Until session 24 the first two were unmatched
    (验收 no act word), the third read as an agent's matter (代办人…)."""
    result = _run(
        tmp_path,
        ["建设工程消防验收", "人防工程竣工验收备案"],
        ["代办建设工程消防验收", "建设工程消防验收受理", "代办人防工程竣工验收备案"],
        ["建设工程消防验收", "人防工程竣工验收备案"],
    )
    assert matched_by_name(result) == {
        "代办建设工程消防验收": "000100000000",
        "建设工程消防验收受理": "000100000000",
        "代办人防工程竣工验收备案": "000101000000",
    }
    assert cancelled_items(result) == set(matched_by_name(result))


def test_an_agent_before_an_acceptance_is_no_stage(tmp_path: Path) -> None:
    """Negative: 代办点 names who does it (a service point), not the 代办 stage: 代办点建设工程
    消防验收 stays unmatched; 建设工程消防验收备案 (its 备案, another act) is not reached by a
    decision cancelling 建设工程消防验收."""
    result = _run(
        tmp_path,
        ["建设工程消防验收", "建设工程消防验收备案"],
        ["代办点建设工程消防验收", "代办建设工程消防验收备案"],
        ["建设工程消防验收"],
    )
    assert matched_by_name(result) == {"代办建设工程消防验收备案": "000101000000"}
    assert cancelled_items(result) == set()


def test_a_qualification_approved_is_the_qualification_recognised(tmp_path: Path) -> None:
    """国发〔2017〕7号 cancels 棉花加工资格认定; a list writing 棉花加工资格审批, one writing
    自费出国留学中介服务机构资格审核 and one writing 城市园林绿化企业三级资质认定 (the catalogue's
    …资质审批) name those matters: 审批, 审核 of a 资格 or 资质 is its 认定 (until session 24
    all three unmatched and not reported cancelled)."""
    matters = [
        "棉花加工资格认定",
        "自费出国留学中介服务机构资格认定",
        "城市园林绿化企业三级资质审批",
    ]
    items = ["棉花加工资格审批", "自费出国留学中介服务机构资格审核", "城市园林绿化企业三级资质认定"]
    result = _run(tmp_path, matters, items, matters)
    assert matched_by_name(result) == {
        "棉花加工资格审批": "000100000000",
        "自费出国留学中介服务机构资格审核": "000101000000",
        "城市园林绿化企业三级资质认定": "000102000000",
    }
    assert cancelled_items(result) == set(items)
    said = {r["item_name"]: r["evidence"] for r in result.tables["list_catalogue_matches"].rows}
    assert "资格审批→资格认定" in said["棉花加工资格审批"]


def test_a_qualification_cancelled_is_no_qualification_recognised(tmp_path: Path) -> None:
    """Negative: 棉花加工资格注销 is another 业务办理项 (注销) of the qualification: a decision
    cancelling it does not reach the list's 棉花加工资格审批 (the 认定); 执业药师资格审查 (a
    candidate checked, nothing granted) is not 执业药师资格认定, nor 孤儿救助资格核准
    孤儿救助资格认定 (认定 and 核准 are two acts of a contrast group)."""
    result = _run(
        tmp_path,
        ["棉花加工资格认定", "棉花加工资格注销", "执业药师资格审查", "孤儿救助资格认定"],
        ["棉花加工资格审批", "执业药师资格认定", "孤儿救助资格核准"],
        ["棉花加工资格注销", "执业药师资格审查", "孤儿救助资格认定"],
    )
    assert matched_by_name(result) == {"棉花加工资格审批": "000100000000"}
    assert cancelled_items(result) == set()


def test_a_note_of_having_written_otherwise_is_one_variant(tmp_path: Path) -> None:
    """危险化学品经营许可证核发（带有储存设施） is （带储存设施）, （不带有储存设施） is
    （无储存设施）: the list's items implement those variants by name, and cancelling the
    catalogue's （带有储存设施） reaches the list's （带储存设施）, not its （无储存设施）
    (until session 24 neither was matched: the first was weighed at 5 bits, the second read
    as the whole matter)."""
    result = _run(
        tmp_path,
        ["危险化学品经营许可证核发（带有储存设施）", "危险化学品经营许可证核发（不带有储存设施）"],
        ["危险化学品经营许可证核发（带储存设施）", "危险化学品经营许可证核发（无储存设施）"],
        ["危险化学品经营许可证核发（带有储存设施）"],
    )
    assert matched_by_name(result) == {
        "危险化学品经营许可证核发（带储存设施）": "000100000000",
        "危险化学品经营许可证核发（无储存设施）": "000101000000",
    }
    assert cancelled_items(result) == {"危险化学品经营许可证核发（带储存设施）"}


def test_a_note_without_is_not_a_note_with(tmp_path: Path) -> None:
    """Negative: （不带储存设施） is （无储存设施）, not （带有储存设施）: against a catalogue
    holding only the latter it stays unmatched (a negation on one side only) and is not
    cancelled with it; 携带有 inside a name keeps its 带有 (only a note's opening word is read)."""
    result = _run(
        tmp_path,
        ["危险化学品经营许可证核发（带有储存设施）"],
        ["危险化学品经营许可证核发（不带储存设施）"],
        ["危险化学品经营许可证核发（带有储存设施）"],
    )
    assert matched_by_name(result) == {}
    assert cancelled_items(result) == set()
    why = {r["item_name"]: r["evidence"] for r in result.tables["unmatched_list_items"].rows}
    assert "negation '无' on one side only" in why["危险化学品经营许可证核发（不带储存设施）"]
    assert (
        name_key("携带有害生物的运输工具消毒（没有包装）") == "携带有害生物的运输工具消毒(无包装)"
    )


def _run_benefits(
    folder: Path, matters: list[str], items: list[str], cancelled: list[str]
) -> Result:
    """_run with every record typed 行政给付 (a benefit paid)."""
    return _run(folder, matters, items, cancelled, "行政给付")


def test_a_benefit_named_with_its_population_or_money_is_the_benefit(tmp_path: Path) -> None:
    """山东's wording of benefits: 城市居民最低生活保障金给付, 农村居民最低生活保障金给付 and
    城乡居民最低生活保障 are the catalogue's 最低生活保障金给付 (the population in front, 金 the
    money paid), 医疗救助金给付 its 医疗救助: each implements it, and cancelling the catalogue's
    matters reaches all four (until session 24 all four unmatched: a qualifier in front, or a
    ratio of 63 to 82)."""
    items = ["城市居民最低生活保障金给付", "农村居民最低生活保障金给付", "城乡居民最低生活保障"]
    items.append("医疗救助金给付")
    matters = ["最低生活保障金给付", "医疗救助"]
    result = _run_benefits(tmp_path, matters, items, matters)
    low, aid = "000100000000", "000101000000"
    assert matched_by_name(result) == dict(zip(items, (low, low, low, aid), strict=True))
    assert cancelled_items(result) == set(items)
    said = {r["item_name"]: r["evidence"] for r in result.tables["list_catalogue_matches"].rows}
    assert "words set aside: 城市居民/金 / 金" in said["城市居民最低生活保障金给付"]


def test_a_decision_on_one_populations_benefit_does_not_cancel_the_whole(tmp_path: Path) -> None:
    """Worked by hand: the catalogue names 最低生活保障金给付 bare; the list's 农村… items
    implement it (population set aside). A provincial decision cancelling
    城市居民最低生活保障金给付 names one population's part: it reaches neither the bare matter
    nor, through it, the 农村 items (d0cb966: both reported cancelled). The items still
    implement the bare matter (negative: the list side's reading stays)."""
    items = ["农村最低生活保障金给付", "农村居民最低生活保障金给付"]
    result = _run_benefits(tmp_path, ["最低生活保障金给付"], items, ["城市居民最低生活保障金给付"])
    assert matched_by_name(result) == dict.fromkeys(items, "000100000000")
    assert cancelled_items(result) == set()
    assert not result.tables["cancelled_still_listed"].rows
    # negative: 城乡居民 names every population, the whole matter: its decision reaches all
    result = _run_benefits(
        tmp_path / "b", ["最低生活保障金给付"], items, ["城乡居民最低生活保障金给付"]
    )
    assert cancelled_items(result) == set(items)


def test_a_benefit_the_catalogue_splits_by_population_stays_split(tmp_path: Path) -> None:
    """Negative: a catalogue naming 城市居民… and 农村居民最低生活保障金给付 apart holds two
    matters: cancelling the 城市 one reaches neither the list's 农村 item (城市 / 农村), nor its
    bare 最低生活保障金给付 or 城乡居民最低生活保障 (they name both, and are matched to neither)."""
    matters = ["城市居民最低生活保障金给付", "农村居民最低生活保障金给付"]
    items = ["农村居民最低生活保障金给付", "最低生活保障金给付", "城乡居民最低生活保障"]
    result = _run_benefits(tmp_path, matters, items, matters[:1])
    assert matched_by_name(result) == {"农村居民最低生活保障金给付": "000101000000"}
    assert cancelled_items(result) == set()


def test_a_bare_benefit_the_catalogue_names_under_two_subjects_is_neither(tmp_path: Path) -> None:
    """Negative: beside 城乡居民基本养老保险待遇发放 the catalogue names
    企业职工基本养老保险待遇发放: the list's bare 基本养老保险待遇发放 is neither (城乡居民
    set aside would make it the first), and a decision cancelling the 城乡居民 matter does
    not reach it."""
    matters = ["城乡居民基本养老保险待遇发放", "企业职工基本养老保险待遇发放"]
    result = _run_benefits(tmp_path, matters, ["基本养老保险待遇发放"], matters[:1])
    assert matched_by_name(result) == {}
    assert cancelled_items(result) == set()
