"""Wording local lists use around a matter's name, on small hand-made cases whose answers are
worked out by hand: words that say whose power or which level it is (权限内, 市本级, 区级), the
stage a county does (初审, 审核转报), a scope word inside the name (国家 / 省重点保护), and words
that name another kind of document or venture (报告书 / 报告表, 合资 / 合作)."""

from __future__ import annotations

from catalog_sync import vocab
from catalog_sync.mappings import load_mapping
from catalog_sync.matching import NameIndex, entry, match_matter, match_name

MAPPING = load_mapping()


def _index(names: list[str], department: str = "", by_law: str = "") -> NameIndex:
    return NameIndex(
        [
            entry(f"n:{i}", name, MAPPING, department=department, by_law=by_law)
            for i, name in enumerate(names)
        ],
        MAPPING,
    )


def _reached(index: NameIndex, decision: str) -> dict[str, str]:
    """name -> evidence of every record a decision row naming `decision` reaches."""
    found = match_matter(index, entry("d", decision, MAPPING))
    return {e.name: m.evidence for group, m in found for e in group}


def _implements(index: NameIndex, item: str, department: str = "", by_law: str = "") -> str:
    """The name of the matter a list item implements by name, or ""."""
    q = entry("i", item, MAPPING, department=department, by_law=by_law, implementing=True)
    hit = match_name(index, q)
    return hit[0][0].name if hit else ""


# 1. words at the start that say whose power or which level --------------------------------


def test_words_saying_whose_power_are_set_aside() -> None:
    items = _index(
        [
            "权限内肥料登记",
            "辖区内肥料登记",
            "本级权限内肥料登记",
            "市本级肥料登记",
            "区级肥料登记",
            "肥料临时登记",
        ]
    )
    reached = _reached(items, "肥料登记")
    assert set(reached) == {
        "权限内肥料登记",
        "辖区内肥料登记",
        "本级权限内肥料登记",
        "市本级肥料登记",
        "区级肥料登记",
    }
    assert "words set aside: — / 权限内" in reached["权限内肥料登记"]
    catalogue = _index(["医疗机构执业登记", "建设工程规划许可证核发", "铬化合物生产建设项目审批"])
    assert _implements(catalogue, "区级医疗机构执业登记") == "医疗机构执业登记"
    assert _implements(catalogue, "市本级建设工程规划许可证核发") == "建设工程规划许可证核发"
    assert _implements(catalogue, "市本级铬化合物生产建设项目审批") == "铬化合物生产建设项目审批"
    # a catalogue that writes 权限内 itself is reached by a decision that does not
    assert set(_reached(_index(["权限内棉花加工资格认定"]), "棉花加工资格认定")) == {
        "权限内棉花加工资格认定"
    }


def test_level_words_still_keep_matters_of_two_levels_apart() -> None:
    """县级文物保护单位 and 市级 (or 市本级) 文物保护单位 are two classes of monument; 区级 is the
    county level of a 区, and says so."""
    catalogue = _index(["县级文物保护单位修缮审批"])
    assert _implements(catalogue, "市级文物保护单位修缮审批") == ""
    assert _implements(catalogue, "市本级文物保护单位修缮审批") == ""
    assert _implements(catalogue, "县本级文物保护单位修缮审批") == "县级文物保护单位修缮审批"
    reached = _reached(
        _index(["区级文物保护单位修缮审批", "市本级文物保护单位修缮审批"]),
        "县级文物保护单位修缮审批",
    )
    assert set(reached) == {"区级文物保护单位修缮审批"}
    assert "县级 and 区级 name one level" in reached["区级文物保护单位修缮审批"]
    assert not vocab.untranslated("evidence", reached["区级文物保护单位修缮审批"])


# 2. the stage a lower level does, written without brackets ---------------------------------


def test_a_stage_at_the_end_of_a_name_is_read_as_a_note() -> None:
    """A county doing the first review or the forwarding of a cancelled matter still lists it:
    棉花加工资格认定初审 is 棉花加工资格认定（初审）. A decision naming the stage alone does not
    reach the whole matter; the stage words make no other matter of a contrast."""
    names = [
        "棉花加工资格认定初审",
        "棉花加工资格认定审核转报",
        "棉花加工资格认定转报",
        "棉花加工资格认定的初审",
        "棉花加工资格认定（初审）",
        "棉花加工资格认定",
        "食品经营许可初审",
    ]
    reached = _reached(_index(names), "棉花加工资格认定")
    assert set(reached) == set(names) - {"食品经营许可初审"}
    assert "the second is the 审核转报 stage of the matter" in reached["棉花加工资格认定审核转报"]
    assert not vocab.untranslated("evidence", reached["棉花加工资格认定审核转报"])
    assert set(_reached(_index(names), "棉花加工资格认定初审")) == {
        "棉花加工资格认定初审",
        "棉花加工资格认定的初审",
        "棉花加工资格认定（初审）",
    }
    assert _reached(_index(names), "食品生产许可") == {}
    catalogue = _index(["采矿权转让审批", "探矿权转让审批"])
    assert _implements(catalogue, "采矿权转让审批初审") == "采矿权转让审批"
    assert _implements(catalogue, "采矿权转让审核转报") == "采矿权转让审批"


def test_words_that_end_whole_matters_are_no_stage() -> None:
    """受理 and 审查 end names of whole matters: 劳动人事争议仲裁受理 is not a stage of
    劳动人事争议仲裁, 建设工程消防设计审查 not one of 建设工程消防设计."""
    items = _index(["劳动人事争议仲裁受理", "建设工程消防设计审查"])
    assert _reached(items, "劳动人事争议仲裁") == {}
    assert _reached(items, "建设工程消防设计") == {}


# 3. a scope word inside the name ----------------------------------------------------------


def test_a_scope_word_inside_the_name_names_another_matter() -> None:
    """国家重点保护 and 省重点保护 animals are two lists and two matters wherever the words stand;
    the same department (and law) agreeing does not make them one."""
    law = "《中华人民共和国野生动物保护法》"
    catalogue = _index(
        [
            "出售、购买、利用国家重点保护水生野生动物及其制品审批",
            "猎捕国家重点保护陆生野生动物审批",
            "对县级文物保护单位修缮审批",
        ],
        department="林业和草原部门",
        by_law=law,
    )
    for item in (
        "出售、购买、利用省重点保护水生野生动物及其制品审批",
        "猎捕省重点保护陆生野生动物审批",
        "对市级文物保护单位修缮审批",
    ):
        assert _implements(catalogue, item, "县林业和草原局", law) == "", item
    decision = entry("d", "出售、购买、利用省重点保护水生野生动物及其制品审批", MAPPING)
    assert match_matter(catalogue, decision) == []
    assert catalogue.best(decision) is not None
    assert catalogue.best(decision)[2] == "省≠国家"  # type: ignore[index]


def test_one_scope_inside_the_other_inside_the_name_is_no_swap() -> None:
    """国家和省重点保护 covers 国家重点保护: only 和省 differs, nothing is swapped; 全国 is 国家."""
    law = "《中华人民共和国渔业法》"
    catalogue = _index(
        ["经营利用国家和省重点保护水生野生动物及其制品审批"], department="渔业部门", by_law=law
    )
    item = "经营利用国家重点保护水生野生动物及其制品审批"
    found = _implements(catalogue, item, "区渔业局", law)
    assert found == "经营利用国家和省重点保护水生野生动物及其制品审批"
    assert _implements(_index(["全国重点文物保护单位修缮审批"]), "省级文物保护单位修缮审批") == ""


# 4. words that name another kind of document or venture -----------------------------------


def test_one_word_swapped_for_another_kind_is_another_matter() -> None:
    """An environmental impact 报告书 and 报告表 are two approvals; a 中外合作 venue is not a
    中外合资 one; 陆生 wildlife is not 水生; 大型 is not 小型. A rare department agreeing (worth
    its full 3 bits) does not make them one."""
    pairs = (
        ("建设项目环境影响报告书审批", "建设项目环境影响报告表审批"),
        ("设立中外合资经营娱乐场所审批", "设立中外合作经营娱乐场所审批"),
        ("猎捕国家重点保护陆生野生动物审批", "猎捕国家重点保护水生野生动物审批"),
        ("大型群众性活动安全许可", "小型群众性活动安全许可"),
    )
    for matter, item in pairs:
        catalogue = _index([matter], department="生态环境文化旅游部门")
        assert _implements(catalogue, item, "市生态环境文化旅游局") == "", item
        assert _implements(catalogue, matter + "（市级）", "市生态环境文化旅游局") == matter
