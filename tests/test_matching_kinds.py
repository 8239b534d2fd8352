"""The six kinds of matching failure seen on lists nobody tuned the matcher to (issue 11), each
on a small hand-made case whose answer is worked out by hand, through the whole pipeline.

1. a decision naming a matter reaches every 业务办理项 the list splits it into, whatever the
   note says; a decision resembling a 主项 and its first 子项 reaches the 主项 and every 子项;
2. national wording (核发, 许可证, 的审核, 国家) against local wording (发放, 审批, no scope);
3. department evidence weighed by how informative it is;
4. names differing in their subject (a leading character) or their action never match;
5. codes decide: an unknown 基本编码 is a code problem, not a name to match;
6. records under one 主项 code with one stem are one matter's 业务办理项.

And three found on lists in other regions' wording (session 17):

7. a decision reaches every spelling of its name (filler: 和/、/及/的) in every list, not only
   the list that writes it as the decision does;
8. a decision excluding a variant (除…外, 不含) never reaches that variant;
9. invisible characters copied from a web page (zero-width space) do not hide a name;
10. a decision cancelling one action reaches an item listing it among others (设立、变更审批).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from conftest import run_on_rows

from catalog_sync import vocab
from catalog_sync.mappings import Mapping, load_mapping
from catalog_sync.matching import NameIndex, entry, match_matter, match_name
from catalog_sync.pipeline import Result, RunConfig, Source, run

MAPPING = load_mapping()
CATALOGUE_HEADER = ["基本编码", "事项名称", "事项类型", "主管部门", "主项编码"]
LIST_HEADER = ["实施主体", "事项名称", "实施编码", "事项类型", "行政区划代码"]
DECISION_HEADER = ["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"]
TAIL = "-511602000000-000-11511301008778183N-1-00"
UNRELATED = ["511A9999900000", "档案查阅服务", "20", "档案部门", ""]


def _write(path: Path, rows: list[list[str]]) -> Source:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return Source(path, path.name)


def _run(
    tmp_path: Path,
    catalogue: list[list[str]],
    lists: dict[str, list[list[str]]],
    decisions: list[list[str]],
) -> Result:
    return run(
        RunConfig(
            catalogue=_write(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *catalogue]),
            lists=[_write(tmp_path / name, [LIST_HEADER, *rows]) for name, rows in lists.items()],
            decisions=[_write(tmp_path / "decisions.csv", [DECISION_HEADER, *decisions])],
            as_of=date(2026, 11, 1),
        )
    )


def _cancel(name: str, department: str = "") -> list[str]:
    return ["示例〔2026〕9号", "2026-01-01", "1", name, department, "取消"]


def _cancelled(result: Result) -> dict[tuple[str, str], dict]:
    return {(r["source"], r["item_name"]): r for r in result.tables["cancelled_still_listed"].rows}


def _item(name: str, code: str, agency: str = "区交通运输局", task_type: str = "1") -> list[str]:
    return [agency, name, code + TAIL, task_type, "511602000000"]


# 1 -------------------------------------------------------------------------------------------

NOTES = ("新增", "补办", "信息变更", "注销", "换发")


def test_a_decision_reaches_every_business_item_whatever_its_note(tmp_path: Path) -> None:
    items = [
        _item(f"网络预约出租汽车运输证发放（{note}）", f"511A18391000{i:02d}")
        for i, note in enumerate(NOTES, 1)
    ]
    items.append(_item("巡游出租汽车运输证发放（注销）", "511A1839200001"))  # another matter
    result = _run(
        tmp_path, [UNRELATED], {"list.csv": items}, [_cancel("网络预约出租汽车运输证核发")]
    )
    found = _cancelled(result)
    assert set(found) == {("list", f"网络预约出租汽车运输证发放（{n}）") for n in NOTES}
    evidence = found[("list", "网络预约出租汽车运输证发放（注销）")]["evidence"]
    assert "业务办理项 注销" in evidence and "核发 / 发放" in evidence


def test_a_decision_like_a_main_item_and_its_first_sub_item_reaches_the_main(
    tmp_path: Path,
) -> None:
    main = "511A0100100000"
    catalogue = [
        [main, "林木种子生产经营许可", "01", "林业部门", ""],
        ["511A0100100001", "林木种子生产经营许可核发", "01", "林业部门", main],
        ["511A0100100002", "林木种子生产经营许可延续", "01", "林业部门", main],
        ["511A0100100003", "林木种子生产经营许可变更", "01", "林业部门", main],
        ["511A0100100004", "林木种子生产经营许可补办", "01", "林业部门", main],
        ["511A0100100005", "林木种子生产经营许可注销", "01", "林业部门", main],
        ["511A0100200000", "林木种子质量检验机构资质认定", "01", "林业部门", ""],
    ]
    result = _run(
        tmp_path,
        catalogue,
        {"list.csv": [_item("档案查阅服务", "511A9999900000")]},
        [_cancel("林木种子生产经营许可证核发", "县级林业主管部门")],
    )
    names = {name for source, name in _cancelled(result) if source == "catalogue"}
    assert names == {row[1] for row in catalogue[:6]}


def test_a_decision_naming_one_business_item_reaches_that_item_only(tmp_path: Path) -> None:
    items = [
        _item(f"网络预约出租汽车运输证发放（{note}）", f"511A18391000{i:02d}")
        for i, note in enumerate(NOTES, 1)
    ]
    result = _run(
        tmp_path,
        [UNRELATED],
        {"list.csv": items},
        [_cancel("网络预约出租汽车运输证注销")],
    )
    assert set(_cancelled(result)) == {("list", "网络预约出租汽车运输证发放（注销）")}


# 2 -------------------------------------------------------------------------------------------


def test_national_wording_finds_local_wording_and_says_what_differed(tmp_path: Path) -> None:
    items = [
        _item("重点保护水生野生动物人工繁育许可", "511A0200100000", "区农业农村局"),
        _item("设置非公路标志审批", "511A0200200000", "区交通运输局"),
        _item("城市大型户外广告设置许可", "511A0200300000", "区城管局"),
    ]
    decisions = [
        _cancel("国家重点保护水生野生动物人工繁育许可证核发"),
        _cancel("设置非公路标志的审核"),
        _cancel("《城市大型户外广告设置许可证》核发"),
    ]
    found = _cancelled(_run(tmp_path, [UNRELATED], {"list.csv": items}, decisions))
    assert set(found) == {("list", row[1]) for row in items}
    evidence = found[("list", "重点保护水生野生动物人工繁育许可")]["evidence"]
    assert "核发、许可证、国家 / 许可" in evidence


def test_two_different_scope_words_name_different_matters(tmp_path: Path) -> None:
    items = [_item("省重点保护野生动物驯养繁殖许可", "511A0200400000", "区林业局")]
    found = _run(
        tmp_path, [UNRELATED], {"list.csv": items}, [_cancel("国家重点保护野生动物驯养繁殖许可")]
    )
    assert _cancelled(found) == {}


# 3 -------------------------------------------------------------------------------------------


def _catalogue_index(department_of_most: str, rare: str) -> NameIndex:
    """Twenty matters, twelve of them (60 %) with one department, the one to match with a rare
    department."""
    entries = [
        entry(f"matter:{i}", f"无关事项{i}许可", MAPPING, department=department_of_most)
        for i in range(19)
    ]
    entries.append(entry("matter:x", "因工程建设需要挖掘城市道路许可", MAPPING, department=rare))
    for i in range(12, 19):
        entries[i] = entry(f"matter:{i}", f"无关事项{i}许可", MAPPING, department=f"部门{i}")
    return NameIndex(entries, MAPPING)


def test_agreement_on_a_department_hosting_most_items_is_worth_little() -> None:
    # a content difference (开挖 / 挖掘) at ratio 93 (+3 bits) needs 3 more bits of evidence
    name = "因工程建设需要开挖城市道路许可"
    item = entry("i", name, MAPPING, department="区行政审批局", implementing=True)
    common = _catalogue_index("行政审批局", "行政审批局")  # 13 of 20 entries: 0.6 bits
    assert match_name(common, item) is None
    rare = _catalogue_index("行政审批局", "住房城乡建设部门")
    item = entry("i", name, MAPPING, department="区住房城乡建设局", implementing=True)
    hit = match_name(rare, item)
    assert hit is not None and hit[0][0].id == "matter:x"
    assert "departments agree" in hit[1].evidence and "部门 +3.0" in hit[1].evidence


def test_a_decisions_department_never_refuses_a_match(tmp_path: Path) -> None:
    items = [_item("林木采伐许可证核发", "511A0300100000", "区行政审批局")]
    found = _run(
        tmp_path, [UNRELATED], {"list.csv": items}, [_cancel("林木采伐许可", "县级林业主管部门")]
    )
    assert set(_cancelled(found)) == {("list", "林木采伐许可证核发")}


# 4 -------------------------------------------------------------------------------------------


def test_a_leading_character_or_an_action_makes_another_matter() -> None:
    catalogue = NameIndex(
        [
            entry("matter:0", "公司设立登记", MAPPING),
            entry("matter:1", "注销抵押登记", MAPPING),
            entry("matter:2", "道路运输证注销", MAPPING),
        ],
        MAPPING,
    )
    for name in ("分公司设立登记", "抵押登记", "道路运输证发放"):
        item = entry("i", name, MAPPING, implementing=True)
        assert match_name(catalogue, item) is None, name
    # the same item matches its own matter
    item = entry("i", "公司设立登记（市级）", MAPPING, implementing=True)
    assert match_name(catalogue, item) is not None


# 5 -------------------------------------------------------------------------------------------


def test_an_unknown_basic_code_is_a_code_problem_with_the_name_match_as_fix(
    tmp_path: Path,
) -> None:
    catalogue = [[f"511A04{i:03d}00000", f"演示事项{i}许可", "01", "部门", ""] for i in range(25)]
    catalogue.append(["511A0499900000", "建设社会公共墓地审批", "01", "民政部门", ""])
    items = [_item(f"演示事项{i}许可", f"511A04{i:03d}00000") for i in range(25)]
    items.append(_item("建设社会公共墓地审批", "511A0450000040"))  # wrong 基本编码
    result = _run(tmp_path, catalogue, {"list.csv": items}, [_cancel("无关事项")])
    row = result.tables["unmatched_list_items"].rows[0]
    assert row["item_name"] == "建设社会公共墓地审批"
    assert row["reason"] == "basic_code_not_in_catalogue"
    assert row["best_candidate_code"] == "511A0499900000"
    assert "correct its 基本编码" in row["evidence"]
    assert result.summary["list_conformance_rate"] == round(25 / 26, 4)
    assert result.summary["list_code_schemes"]["list.csv"]["scheme"] == "catalogue"


def test_a_list_in_another_code_scheme_is_matched_by_name(tmp_path: Path) -> None:
    catalogue = [[f"XK{i:05d}000", f"演示事项{i}许可", "01", "部门", ""] for i in range(25)]
    items = [_item(f"演示事项{i}许可", f"511A04{i:03d}00000") for i in range(25)]
    result = _run(tmp_path, catalogue, {"list.csv": items}, [_cancel("无关事项")])
    assert result.summary["list_conformance_rate"] == 1.0
    assert result.summary["list_matches_by_tier"] == {"name": 25}
    assert result.summary["list_code_schemes"]["list.csv"]["scheme"] == "other"


# 6 -------------------------------------------------------------------------------------------


def test_siblings_under_one_main_code_and_one_stem_are_reached(tmp_path: Path) -> None:
    lists = {
        "list.csv": [
            _item("城市建筑物上张挂宣传品审批", "511A0700100001", "区城管局"),
            _item("城市建筑物上张挂宣传品审批（变更）", "511A0700100002", "区城管局"),
            _item("城市建筑物上张挂宣传品备案", "511A0700100003", "区城管局"),  # other stem
        ],
        "other.csv": [  # another publisher's list: not a sibling
            _item("城市建筑物上张挂宣传品审批（变更）", "511A0700100002", "市城管局"),
        ],
    }
    found = _cancelled(
        _run(tmp_path, [UNRELATED], lists, [_cancel("在城市建筑物上张挂宣传品审批")])
    )
    assert set(found) == {
        ("list", "城市建筑物上张挂宣传品审批"),
        ("list", "城市建筑物上张挂宣传品审批（变更）"),
    }
    sibling = next(r for r in found.values() if "变更" in r["item_name"])
    assert sibling["match_tier"] == "propagated" and sibling["source_file"] == "list.csv"
    assert "主项 code 511A07001" in sibling["evidence"]


def test_without_decision_rows_no_code_families_are_grouped(tmp_path: Path, monkeypatch) -> None:
    """Families serve only to carry a decision to siblings: a run whose decision files hold no
    row does not group them (0.95 s of one core at 500,000 list items)."""
    from catalog_sync import pipeline

    def refused(*args: object) -> None:
        raise AssertionError("code families grouped for no decision")

    monkeypatch.setattr(pipeline, "code_families", refused)
    lists = {
        "list.csv": [
            _item("城市建筑物上张挂宣传品审批", "511A0700100001", "区城管局"),
            _item("城市建筑物上张挂宣传品审批（变更）", "511A0700100002", "区城管局"),
        ]
    }
    result = _run(tmp_path, [UNRELATED], lists, [])
    assert result.tables["cancelled_still_listed"].rows == []
    with pytest.raises(AssertionError, match="no decision"):
        _run(tmp_path, [UNRELATED], lists, [_cancel("在城市建筑物上张挂宣传品审批")])


def test_a_city_list_with_main_and_sub_items_in_merged_cells(tmp_path: Path) -> None:
    """A city list as market-supervision bureaus publish it: 事项名称 merged down over its
    子项名称 rows. Every 子项 is an item under its 主项; a decision naming the 主项 in national
    wording reaches them all, and nothing else."""
    import xlsxwriter

    path = tmp_path / "city.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.merge_range(0, 0, 0, 4, "某市市场监督管理局政务服务事项实施清单")
    ws.write_row(1, 0, ["实施主体", "事项名称", "子项名称", "实施编码", "事项类型"])
    subs = [
        "食品经营许可（新办）",
        "食品经营许可（变更）",
        "食品经营许可（延续）",
        "食品经营许可（注销）",
    ]
    ws.merge_range(2, 1, 2 + len(subs) - 1, 1, "食品经营许可")
    for i, name in enumerate(subs):
        ws.write_row(2 + i, 0, ["市市场监管局"])
        ws.write_row(2 + i, 2, [name, f"511A00052000{i + 1:02d}" + TAIL, "1"])
    ws.write_row(6, 0, ["市市场监管局", "食品生产许可", "", "511A0005300000" + TAIL, "1"])
    wb.close()
    result = run(
        RunConfig(
            catalogue=_write(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, UNRELATED]),
            lists=[Source(path, path.name)],
            decisions=[
                _write(tmp_path / "d.csv", [DECISION_HEADER, _cancel("食品经营许可证核发")])
            ],
            as_of=date(2026, 11, 1),
        )
    )
    found = _cancelled(result)
    assert set(found) == {("list", name) for name in subs}
    assert all(r["match_tier"] == "propagated" for r in found.values())


def test_a_name_naming_several_actions_covers_each_of_them() -> None:
    catalogue = NameIndex([entry("matter:0", "外商投资企业设立、变更审批", MAPPING)], MAPPING)
    item = entry("i", "外商投资企业设立审批", MAPPING, implementing=True)
    hit = match_name(catalogue, item)
    assert hit is not None and hit[0][0].id == "matter:0"
    items = NameIndex(
        [
            entry("item:1", "外商投资企业设立审批", MAPPING),
            entry("item:2", "外商投资企业变更审批", MAPPING),
            entry("item:3", "外商投资企业注销审批", MAPPING),
        ],
        MAPPING,
    )
    decision = entry("d", "外商投资企业设立及变更审批", MAPPING)
    reached = {e.id for group, _ in match_matter(items, decision) for e in group}
    assert reached == {"item:1", "item:2"}


def test_a_user_extends_the_vocabulary(tmp_path: Path) -> None:
    """An office whose lists write 年报 as an action adds it with --mapping; the standard words
    stay."""
    extra = tmp_path / "mine.yaml"
    extra.write_text("wording:\n  actions:\n    年报: [年度报告]\n  scope_prefixes: [自治区]\n")
    mapping = load_mapping([extra])

    def reached(m: Mapping) -> list:
        items = NameIndex([entry("item:1", "农民专业合作社年度报告登记", m)], m)
        return match_matter(items, entry("d", "农民专业合作社登记", m))

    assert reached(MAPPING) == []  # 年度报告 is not an action of the standard vocabulary
    assert len(reached(mapping)) == 1  # with it, the 年报 of the matter the decision names
    assert "年报" in dict(mapping.wording.actions).values()
    assert "注销" in dict(mapping.wording.actions).values()  # the standard words stay
    assert "自治区" in mapping.wording.scope_prefixes and "国家" in mapping.wording.scope_prefixes


def test_a_compound_action_is_one_business_item_not_a_list() -> None:
    """注销抵押 (releasing a mortgage) is one 业务办理项; 设立及变更 lists two."""
    items = NameIndex(
        [
            entry("item:1", "个人独资企业注销登记", MAPPING),
            entry("item:2", "个人独资企业抵押登记", MAPPING),
            entry("item:3", "个人独资企业注销抵押登记", MAPPING),
        ],
        MAPPING,
    )
    reached = {
        e.id
        for group, _ in match_matter(items, entry("d", "个人独资企业注销抵押登记", MAPPING))
        for e in group
    }
    assert reached == {"item:3"}


def test_a_contrast_word_swapped_where_the_other_stands_elsewhere_too() -> None:
    catalogue = NameIndex(
        [
            entry(
                "matter:0",
                "对客运经营者在发车时间安排上发生纠纷客运站经营者协调无效的裁决",
                MAPPING,
            )
        ],
        MAPPING,
    )
    decoy = entry("d", "对货运经营者在发车时间安排上发生纠纷客运站经营者协调无效的裁决", MAPPING)
    assert match_matter(catalogue, decoy) == []


def test_one_scope_inside_the_other_is_no_conflict(tmp_path: Path) -> None:
    items = [_item("国家和省重点水生野生动物人工繁育许可证核发", "511A0156500000", "区行政审批局")]
    found = _run(
        tmp_path, [UNRELATED], {"list.csv": items}, [_cancel("国家重点水生野生动物人工繁育许可")]
    )
    assert set(_cancelled(found)) == {("list", items[0][1])}


def test_a_name_named_outright_keeps_its_stem_within_its_codes(tmp_path: Path) -> None:
    """企业社会保险登记 is listed under 主项 code 512B00679; 企业注销社会保险登记 under 512B03591:
    the codes say they are two matters, so a decision naming the first outright does not reach
    the second through their shared stem. Without such a code, it would. The list is coded in
    its own scheme (the catalogue's one code has another layout): codes of the catalogue's
    layout that it lacks would be stale catalogue codes, no authority on what matter an item is."""
    items = [
        _item("企业社会保险登记", "512B0067900009", "区人社局", "20"),
        _item("企业注销社会保险登记", "512B0359100009", "区人社局", "20"),
    ]
    national = ["000000000001", *UNRELATED[1:]]
    found = _run(tmp_path, [national], {"list.csv": items}, [_cancel("企業社會保險登記")])
    assert set(_cancelled(found)) == {("list", "企业社会保险登记")}


def test_a_subject_word_inside_the_name_makes_another_matter() -> None:
    """劳务派遣单位设立分公司异地备案 and …设立公司… differ in 分 alone, which makes another
    subject; the departments agreeing does not make them one matter."""
    catalogue = NameIndex(
        [entry("matter:0", "劳务派遣单位设立分公司异地备案", MAPPING, department="人社部门")],
        MAPPING,
    )
    decoy = entry("d", "劳务派遣单位设立公司异地备案", MAPPING, department="县级人社部门")
    assert match_matter(catalogue, decoy) == []


def test_first_grant_words_and_synonyms() -> None:
    """残疾人证新办 is the first grant of 残疾人证核发; 道路货运经营许可 is 道路货物运输经营许可
    (货运 stands for 货物运输); 证书 is 证; 第三类 is 三类. A decision naming 新增 alone still does
    not reach the 注销."""
    catalogue = NameIndex(
        [
            entry("matter:0", "残疾人证核发", MAPPING),
            entry("matter:1", "道路货物运输经营许可", MAPPING),
            entry("matter:2", "乡村医生执业证书遗失补办", MAPPING),
            entry("matter:3", "第三类非药品类易制毒化学品经营备案", MAPPING),
        ],
        MAPPING,
    )
    for name, target in (
        ("残疾人证新办", "matter:0"),
        ("道路货运经营许可（换发）", "matter:1"),
        ("乡村医生执业证遗失补办", "matter:2"),
        ("三类非药品类易制毒化学品经营备案", "matter:3"),
    ):
        hit = match_name(catalogue, entry("i", name, MAPPING, implementing=True))
        assert hit is not None and hit[0][0].id == target, name
    hit = match_name(catalogue, entry("i", "道路货运经营许可", MAPPING, implementing=True))
    assert hit is not None and "货运→货物运输" in hit[1].evidence
    items = NameIndex(
        [
            entry("item:1", "残疾人证（新增）", MAPPING),
            entry("item:2", "残疾人证（注销）", MAPPING),
        ],
        MAPPING,
    )
    reached = {e.id for g, _ in match_matter(items, entry("d", "残疾人证新增", MAPPING)) for e in g}
    assert reached == {"item:1"}


def test_a_decision_naming_the_first_grant_does_not_reach_the_main_item() -> None:
    """护士新办执业注册 names one 业务办理项: the 主项 护士执业注册 (so its 子项) stays."""
    mains = NameIndex(
        [entry("listmain:l:护士执业注册", "护士执业注册", MAPPING)], MAPPING, mains=True
    )
    assert match_matter(mains, entry("d", "护士新办执业注册", MAPPING)) == []
    assert match_matter(mains, entry("d", "护士执业注册", MAPPING)) != []


def test_a_code_the_catalogue_lacks_keeps_no_item_apart(tmp_path: Path) -> None:
    """In a list coded in the catalogue's scheme, 519Z0000216962 is not a catalogue code: the item
    is a code problem (its code is known to be wrong), so its code is no authority on which
    matter it is. A decision cancelling 野生植物资格登记（丙级） reaches it by name, as it reaches
    the item coded right; the catalogue's own 子项 is reached as well."""
    catalogue = [
        ["512B0114100000", "野生植物资格登记", "07", "林业部门", ""],
        ["512B0114100001", "野生植物资格登记（丙级）", "07", "林业部门", "512B0114100000"],
        UNRELATED,
    ]
    items = [
        _item("野生植物资格登记（丙级）", "512B0114100001", "市林业局", "07"),
        _item("野生植物资格登记（丙级）", "519Z0000216962", "县林业局", "07"),
        _item("档案查阅服务", "511A9999900000", "区档案馆", "20"),
    ]
    # another list names the item as the decision does: the decision names it outright
    named = [
        [
            "乡林业站",
            "野生植物资格的登记（丙级）",
            "512B0114100001" + TAIL.replace("1-00", "2-00"),
            "07",
            "511602000000",
        ]
    ]
    lists = {"list.csv": items, "other.csv": named}
    result = _run(tmp_path, catalogue, lists, [_cancel("野生植物资格的登记（丙级）")])
    assert result.summary["list_code_schemes"]["list.csv"]["scheme"] == "catalogue"
    listed = {
        (r["source_file"], r["item_code"][:14])
        for r in result.tables["cancelled_still_listed"].rows
        if r["source"] == "list"
    }
    assert listed == {
        ("list.csv", "512B0114100001"),
        ("list.csv", "519Z0000216962"),
        ("other.csv", "512B0114100001"),
    }
    unmatched = {r["item_code"][:14]: r for r in result.tables["unmatched_list_items"].rows}
    assert unmatched["519Z0000216962"]["reason"] == "basic_code_not_in_catalogue"
    (wrong,) = [
        r for r in result.tables["cancelled_still_listed"].rows if r["item_code"][:4] == "519Z"
    ]
    assert wrong["match_tier"] == "via-catalogue"
    assert (
        "list item names catalogue 512B0114100001 野生植物资格登记（丙级） but its 基本编码 "
        "519Z0000216962 is not in the catalogue (" in wrong["evidence"]
    )
    zh = vocab.cell("evidence", wrong["evidence"], "zh")
    assert "但其基本编码 519Z0000216962 不在目录中（" in zh
    assert not vocab.untranslated("evidence", wrong["evidence"])


def test_a_code_problem_naming_a_sub_item_is_reached_through_its_main_item(
    tmp_path: Path,
) -> None:
    """Cancelling the 主项 建设工程消防验收 cancels its 子项 特殊建设工程消防验收 (a qualifier in
    front: no name reaches it directly); a list item naming that 子项 under a 基本编码 the
    catalogue lacks is reached through it, tier `propagated`."""
    catalogue = [
        ["511A0100100000", "建设工程消防验收", "01", "住建部门", ""],
        ["511A0100100001", "特殊建设工程消防验收", "01", "住建部门", "511A0100100000"],
        UNRELATED,
    ]
    items = [
        _item("特殊建设工程消防验收", "511A0100100001", "市住建局", "01"),
        _item("特殊建设工程消防验收", "519Z0000999999", "县住建局", "01"),
        _item("档案查阅服务", "511A9999900000", "区档案馆", "20"),
    ]
    result = _run(tmp_path, catalogue, {"list.csv": items}, [_cancel("建设工程消防验收")])
    (wrong,) = [
        r for r in result.tables["cancelled_still_listed"].rows if r["item_code"][:4] == "519Z"
    ]
    assert wrong["match_tier"] == "propagated"
    assert (
        "catalogue 511A0100100001 特殊建设工程消防验收 is a 子项 of catalogue 511A0100100000 "
        "建设工程消防验收; list item names it but its 基本编码 519Z0000999999 is not in the "
        "catalogue (" in wrong["evidence"]
    )
    assert not vocab.untranslated("evidence", wrong["evidence"])


# 7, 8, 9 -------------------------------------------------------------------------------------


def test_a_decision_reaches_its_name_spelled_otherwise_in_every_list(tmp_path: Path) -> None:
    """The city writes the decision's names; the county joins 拖拉机、联合收割机 and writes 及
    for 和, another item adds 的: filler, the same names. Before, only the city's items were
    reached once one list wrote the name exactly. 拖拉机和联合收割机驾驶证核发 is another
    matter (content differs) and stays."""
    tractor = "拖拉机和联合收割机登记"
    printing = "印刷业经营者兼营包装装潢和其他印刷品印刷经营活动审批"
    city = [_item(tractor, "511A0500100001", "市农业农村局"), _item(printing, "511A0500200001")]
    county = [
        _item("拖拉机、联合收割机登记", "511A0500100002", "县农业农村局"),
        _item("印刷业经营者兼营包装装潢及其他印刷品印刷经营活动审批", "511A0500200002"),
        _item("印刷业经营者兼营包装装潢和其他印刷品印刷经营活动的审批", "511A0500200003"),
        _item("拖拉机和联合收割机驾驶证核发", "511A0500300002", "县农业农村局"),
    ]
    result = _run(
        tmp_path,
        [UNRELATED],
        {"city.csv": city, "county.csv": county},
        [_cancel(tractor), _cancel(printing)],
    )
    reached = {r["item_code"][:14]: r for r in result.tables["cancelled_still_listed"].rows}
    assert sorted(reached) == [
        "511A0500100001", "511A0500100002", "511A0500200001", "511A0500200002", "511A0500200003",
    ]  # fmt: skip
    assert reached["511A0500100001"]["match_tier"] == "name"
    spelled = reached["511A0500100002"]
    assert spelled["match_tier"] == "fuzzy"
    assert "they differ only in '和'" in spelled["evidence"]


def test_a_decision_excluding_a_variant_never_reaches_it(tmp_path: Path) -> None:
    """（除饭馆、咖啡馆、酒吧、茶座外） cancels every variant but （饭馆、咖啡馆、酒吧、茶座）;
    （不含限制使用农药） not （限制使用农药）; （施工总承包一级资质除外） not
    （施工总承包一级资质）.
    Before, each was reported on the very variant it leaves out (fuzzy, 93–95, the department
    agreeing). The same name, exclusion and all, is still reached."""
    items = [
        _item("公共场所卫生许可（饭馆、咖啡馆、酒吧、茶座）", "511A0600100001", "区卫生健康局"),
        _item("农药经营许可（限制使用农药）", "511A0600200001", "区农业农村局"),
        _item("农药经营许可（不含限制使用农药）", "511A0600200002", "区农业农村局"),
        _item("建筑业企业资质核准（施工总承包一级资质）", "511A0600300001", "区住建局"),
    ]
    result = _run(
        tmp_path,
        [UNRELATED],
        {"list.csv": items},
        [
            _cancel("公共场所卫生许可（除饭馆、咖啡馆、酒吧、茶座外）", "卫生健康部门"),
            _cancel("农药经营许可（不含限制使用农药）", "农业农村部门"),
            _cancel("建筑业企业资质核准（施工总承包一级资质除外）", "住房城乡建设部门"),
        ],
    )
    reached = [r["item_code"][:14] for r in result.tables["cancelled_still_listed"].rows]
    assert reached == ["511A0600200002"]


def test_an_exclusion_closing_with_the_matters_own_act_word_still_excludes(
    tmp_path: Path,
) -> None:
    """（仓储经营除外） on 危险化学品经营许可 sets apart the 仓储 variant: its part closes with
    经营, the act the row's own name carries, which the list's note （仓储） leaves out; likewise
    （危险货物运输除外） on 道路货物运输经营许可 and the variant （危险货物）. The other variants
    are still reached, and a part whose closing word the row's name does not carry (饭馆经营
    on 公共场所卫生许可) is not cut: （饭馆） alone is not set apart by （饭馆经营除外）."""
    items = [
        _item("危险化学品经营许可（仓储）", "511A0610100001", "区应急管理局"),
        _item("危险化学品经营许可（批发）", "511A0610100002", "区应急管理局"),
        _item("道路货物运输经营许可（危险货物）", "511A0610200001", "区交通运输局"),
        _item("道路货物运输经营许可（普通货物）", "511A0610200002", "区交通运输局"),
    ]
    result = _run(
        tmp_path,
        [UNRELATED],
        {"list.csv": items},
        [
            _cancel("危险化学品经营许可（仓储经营除外）", "应急管理部门"),
            _cancel("道路货物运输经营许可（危险货物运输除外）", "交通运输部门"),
        ],
    )
    reached = sorted(r["item_code"][:14] for r in result.tables["cancelled_still_listed"].rows)
    assert reached == ["511A0610100002", "511A0610200002"]


def test_an_exclusion_part_is_cut_only_at_a_word_the_rows_name_carries() -> None:
    """The part is cut at its closing word only where the row's name carries that word, and
    two characters at least are left."""
    from catalog_sync.graph import excluded_words

    assert excluded_words(("仓储经营",), "危险化学品经营许可") == {"仓储经营", "仓储"}
    assert excluded_words(("港口理货业务",), "港口经营许可") == {"港口理货业务", "港口理货"}
    assert excluded_words(("饭馆经营",), "公共场所卫生许可") == {"饭馆经营"}
    assert excluded_words(("经营",), "危险化学品经营许可") == {"经营"}


def test_a_part_written_in_the_name_reaches_that_variants_business_items(
    tmp_path: Path,
) -> None:
    """A list notes the variant and then the 业务办理项 (医疗机构执业登记（不设床位）（首次
    登记）); a decision writes the variant before the name with 的 (不设床位的医疗机构执业登记) or
    inline (港口理货经营许可): each 业务办理项 of that variant is reached, no other variant's
    (（设床位）, （港口装卸）), and no record whose second note names an act of its own (（备案）
    beside 许可: another matter)."""
    items = [
        _item("医疗机构执业登记（不设床位）（首次登记）", "511A0620100001", "区卫生健康局"),
        _item("医疗机构执业登记（不设床位）（变更）", "511A0620100002", "区卫生健康局"),
        _item("医疗机构执业登记（设床位）（首次登记）", "511A0620100003", "区卫生健康局"),
        _item("港口经营许可（港口理货）（首次申请）", "511A0620200001", "区交通运输局"),
        _item("港口经营许可（港口理货）（变更）", "511A0620200002", "区交通运输局"),
        _item("港口经营许可（港口装卸）（首次申请）", "511A0620200003", "区交通运输局"),
        _item("港口经营许可（港口理货）（备案）", "511A0620200004", "区交通运输局"),
    ]
    result = _run(
        tmp_path,
        [UNRELATED],
        {"list.csv": items},
        [
            _cancel("不设床位的医疗机构执业登记", "卫生健康部门"),
            _cancel("港口理货经营许可", "交通运输部门"),
        ],
    )
    rows = result.tables["cancelled_still_listed"].rows
    reached = {r["item_code"][:14]: r for r in rows}
    assert sorted(reached) == [
        "511A0620100001", "511A0620100002", "511A0620200001", "511A0620200002",
    ]  # fmt: skip
    said = reached["511A0620200002"]["evidence"]
    assert "the records are that variant's 业务办理项 (变更、首次申请)" in said
    assert "所及事项为该类别的业务办理项（变更、首次申请）" in (vocab.render(said, "zh") or "")


def test_the_exclusion_is_named_where_an_item_stays_unmatched() -> None:
    """contrast() says why the closest name is not the matter: it excludes it."""
    from catalog_sync.matching import contrast

    groups = MAPPING.contrast_groups
    assert contrast("农药经营许可(不含限制使用农药)", "农药经营许可(限制使用农药)", groups) == (
        "one excludes what the other names ('不含')"
    )
    assert contrast("食品经营许可(除仅销售预包装食品外)", "食品经营许可(仅销售预包装食品)", groups)
    # 解除 is an action, not an exclusion: no contrast is made of it here
    assert "excludes" not in contrast("解除抵押登记", "抵押登记", groups)


def test_an_invisible_character_does_not_hide_a_cancelled_item(tmp_path: Path) -> None:
    items = [
        _item("棉花\u200b加工资格认定", "511A0700100001", "市发展改革委"),
        _item("棉花加工资格认定\u200d", "511A0700100002", "县发展改革局"),
    ]
    result = _run(tmp_path, [UNRELATED], {"list.csv": items}, [_cancel("棉花加工资格认定")])
    reached = [r["item_code"][:14] for r in result.tables["cancelled_still_listed"].rows]
    assert reached == ["511A0700100001", "511A0700100002"]


def test_a_decision_reaches_an_item_listing_its_action_among_others(tmp_path: Path) -> None:
    """娱乐场所设立审批 is cancelled: 娱乐场所设立、变更审批 still lists that 业务办理项 (its
    设立 part is cancelled; the department must split the item), 娱乐场所变更审批 does not, and
    娱乐场所设立、变更审批 does not reach 娱乐场所变更、注销审批 the other way round."""
    items = [
        _item("娱乐场所设立、变更审批", "511A0800100001", "区文化广电旅游局"),
        _item("娱乐场所变更审批", "511A0800100002", "区文化广电旅游局"),
        _item("娱乐场所变更、注销审批", "511A0800100003", "区文化广电旅游局"),
    ]
    result = _run(tmp_path, [UNRELATED], {"list.csv": items}, [_cancel("娱乐场所设立审批")])
    (row,) = result.tables["cancelled_still_listed"].rows
    assert row["item_code"][:14] == "511A0800100001"
    assert "the second lists the first's 业务办理项 设立 among its own 变更/设立" in row["evidence"]
    assert not vocab.untranslated("evidence", row["evidence"])


def test_a_sub_item_named_by_its_action_alone_implements_its_main_items_matter(
    tmp_path: Path,
) -> None:
    """A list naming 主项 and 子项 in two columns, the 子项 by its action or variant alone
    (变更, 划拨用地): read under its 主项 (食品经营许可（变更）), it implements the catalogue
    matter the 主项 names. A 子项 the catalogue lists by its own name is matched to that one,
    and a 子项 of another matter (食品经营许可 / 药品零售) stays unmatched."""
    catalogue = [
        ["XK00001000", "食品经营许可", "01", "市场监管部门", ""],
        ["XK00004000", "建设用地规划许可证核发", "01", "自然资源部门", ""],
        ["XK00005000", "临时建设用地规划许可", "01", "自然资源部门", ""],
    ]
    header = ["实施编码", "事项名称", "子项名称", "事项类型", "实施主体"]
    rows = [
        ["11510000MB0000001", "食品经营许可", "变更", "01", "县市场监管局"],
        ["11510000MB0000002", "建设用地规划许可证核发", "划拨用地", "01", "县自然资源局"],
        [
            "11510000MB0000003",
            "建设用地规划许可证核发",
            "临时建设用地规划许可",
            "01",
            "县自然资源局",
        ],
        ["11510000MB0000004", "食品经营许可", "药品零售许可", "01", "县市场监管局"],
    ]
    result = run_on_rows(
        tmp_path,
        [CATALOGUE_HEADER, *catalogue],
        [header, *rows],
        [DECISION_HEADER, _cancel("无关事项")],
    )
    matched = {
        r["item_code"]: (r["basic_code"], r["evidence"])
        for r in result.tables["list_catalogue_matches"].rows
    }
    assert matched["11510000MB0000001"][0] == "XK00001000"
    assert "the 子项 '变更' read under its 主项 '食品经营许可'" in matched["11510000MB0000001"][1]
    assert matched["11510000MB0000002"][0] == "XK00004000"
    assert (
        matched["11510000MB0000003"]
        == (
            "XK00005000",
            matched["11510000MB0000003"][1],
        )
        and "read under" not in matched["11510000MB0000003"][1]
    )
    assert "11510000MB0000004" not in matched
    assert not vocab.untranslated("evidence", matched["11510000MB0000001"][1])


# Found by the review of session 17's changes -------------------------------------------------


def test_a_decision_reaching_a_combined_catalogue_matter_in_part_passes_to_no_item(
    tmp_path: Path,
) -> None:
    """The catalogue lists 娱乐场所设立、变更审批; a county splits it into 设立审批 and 变更审批
    (both implement it). Cancelling 设立审批 reaches the 设立 item by its name, and never the
    变更 item through the combined catalogue matter: a catalogue matter is not reached in part."""
    catalogue = [["511A0300100000", "娱乐场所设立、变更审批", "01", "文化和旅游部门", ""]]
    items = [
        ["区文旅局", "娱乐场所设立审批", "L0000001", "01", "511602000000"],
        ["区文旅局", "娱乐场所变更审批", "L0000002", "01", "511602000000"],
    ]
    result = _run(tmp_path, catalogue, {"list.csv": items}, [_cancel("娱乐场所设立审批")])
    reached = [(r["source"], r["item_code"]) for r in result.tables["cancelled_still_listed"].rows]
    assert reached == [("list", "L0000001")]


def test_a_subject_word_moved_is_another_matter_not_word_order(tmp_path: Path) -> None:
    """营利性…变更为非营利性… is the reverse conversion of 非营利性…变更为营利性…: the same
    characters in another order, 非 moved. The city lists the cancelled one by the catalogue's
    code, the county the reverse under a local code: the county's item is not reached."""
    cancelled = "营利性民办学校变更为非营利性民办学校审批"
    reverse = "非营利性民办学校变更为营利性民办学校审批"
    catalogue = [
        ["511A0200100000", cancelled, "01", "教育部门", ""],
        ["511A0200200000", reverse, "01", "教育部门", ""],
    ]
    lists = {
        "city.csv": [_item(cancelled, "511A0200100000", "市教育局", "01")],
        "county.csv": [["县教育局", reverse, "LOCAL000123", "01", "511621000000"]],
    }
    result = _run(tmp_path, catalogue, lists, [_cancel(cancelled)])
    names = {r["item_name"] for r in result.tables["cancelled_still_listed"].rows}
    assert names == {cancelled}


def test_codes_keep_names_apart_across_the_catalogue_and_the_lists_of_its_scheme(
    tmp_path: Path,
) -> None:
    """企业社会保险登记 (512B00679) is cancelled. A county list in the catalogue's scheme holds
    企业注销社会保险登记 under 512B03591, another 主项 code: another matter, though the stem is
    shared, because the catalogue's name hit names 512B00679 in the same code scope. A city list
    in another scheme writing the name exactly is reached."""
    catalogue = [
        ["512B0067900000", "企业社会保险登记", "20", "人力资源社会保障部门", ""],
        ["512B0359100000", "企业注销社会保险登记", "20", "人力资源社会保障部门", ""],
    ]
    county = [_item("企业注销社会保险登记", "512B0359100000", "县人社局", "20")]
    city = [["市人社局", "企业社会保险登记", "512B9990000000" + TAIL, "20", "511600000000"]]
    for k in range(25):
        name = f"示例事项{chr(0x4E00 + k * 7)}{chr(0x4E00 + k * 13)}备案"
        code = f"511A9{k:04d}00000"
        catalogue.append([code, name, "20", "档案部门", ""])
        county.append(_item(name, code, "县档案局", "20"))
        city.append(["市档案局", name, f"512C9{k:04d}00000" + TAIL, "20", "511600000000"])
    result = _run(
        tmp_path, catalogue, {"city.csv": city, "county.csv": county}, [_cancel("企业社会保险登记")]
    )
    reached = {(r["source"], r["item_name"]) for r in result.tables["cancelled_still_listed"].rows}
    assert reached == {("catalogue", "企业社会保险登记"), ("list", "企业社会保险登记")}


def test_a_decision_listing_its_subjects_reaches_each_and_each_selection(
    tmp_path: Path,
) -> None:
    """普通中小学、幼儿园、中等职业学校（含民办）章程核准 names three subjects under one tail:
    a county listing 幼儿园章程核准 or 普通中小学、幼儿园章程核准 lists part of it. 高等学校章程核准
    is not among them, nor is 民办学校章程核准 (no subject of the row)."""
    items = [
        _item("幼儿园章程核准", "511A0900100001", "县教育局"),
        _item("普通中小学、幼儿园章程核准", "511A0900100002", "县教育局"),
        _item("高等学校章程核准", "511A0900100003", "省教育厅"),
        _item("民办学校章程核准", "511A0900100004", "县教育局"),
    ]
    result = _run(
        tmp_path,
        [UNRELATED],
        {"list.csv": items},
        [_cancel("普通中小学、幼儿园、中等职业学校（含民办）章程核准")],
    )
    reached = {r["item_code"][:14]: r for r in result.tables["cancelled_still_listed"].rows}
    assert sorted(reached) == ["511A0900100001", "511A0900100002"]
    row = reached["511A0900100001"]
    assert "the decision row names several matters: '幼儿园章程核准' is one" in row["evidence"]
    assert not vocab.untranslated("evidence", row["evidence"])


def test_a_note_listing_parts_reaches_each_part_and_no_other(tmp_path: Path) -> None:
    """A decision on 道路运输从业人员从业资格证核发（货运驾驶员、危险货物运输驾驶员）
    reaches the list's …（货运驾驶员） and …（危险货物运输驾驶员）, not …（客运驾驶员）; a
    decision on one part (…（出租汽车驾驶员）) does not reach a record listing it among others."""
    name = "道路运输从业人员从业资格证核发"
    items = [
        _item(f"{name}（货运驾驶员）", "511A0630100001"),
        _item(f"{name}（危险货物运输驾驶员）", "511A0630100002"),
        _item(f"{name}（客运驾驶员）", "511A0630100003"),
        _item(f"{name}（出租汽车驾驶员、教练员）", "511A0630100004"),
    ]
    result = _run(
        tmp_path,
        [UNRELATED],
        {"list.csv": items},
        [
            _cancel(f"{name}（货运驾驶员、危险货物运输驾驶员）", "交通运输部门"),
            _cancel(f"{name}（出租汽车驾驶员）", "交通运输部门"),
        ],
    )
    rows = result.tables["cancelled_still_listed"].rows
    reached = {r["item_code"][:14]: r["evidence"] for r in rows}
    assert sorted(reached) == ["511A0630100001", "511A0630100002"]
    said = reached["511A0630100001"]
    assert "the first's note lists the parts '货运驾驶员、危险货物运输驾驶员'" in said
    assert "前者括注列出多个类别" in (vocab.render(said, "zh") or "")


def test_a_list_item_of_one_part_implements_the_matter_listing_it(tmp_path: Path) -> None:
    """An item naming one part implements the catalogue matter whose note lists it among
    others: 特种作业人员操作证核发（电工） implements …（电工、焊接与热切割作业）;
    （高处作业） is listed by no record and stays unmatched."""
    catalogue = [
        ["XK00006000", "特种作业人员操作证核发（电工、焊接与热切割作业）", "01", "应急部门", ""],
        ["XK00006001", "特种作业人员操作证核发（制冷与空调作业、冶金生产安全作业）", "01", "", ""],
    ]
    items = [
        _item("特种作业人员操作证核发（电工）", "511A0640100001", "区应急管理局", "01"),
        _item("特种作业人员操作证核发（高处作业）", "511A0640100002", "区应急管理局", "01"),
    ]
    result = _run(tmp_path, catalogue, {"list.csv": items}, [_cancel("无关事项")])
    matched = {
        r["item_code"][:14]: (r["basic_code"], r["evidence"])
        for r in result.tables["list_catalogue_matches"].rows
    }
    assert matched["511A0640100001"][0] == "XK00006000"
    said = matched["511A0640100001"][1]
    assert "the second's note lists the parts '电工、焊接与热切割作业'" in said
    assert "511A0640100002" not in matched
