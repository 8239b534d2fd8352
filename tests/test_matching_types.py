"""事项类型 in matching: an identical name is one matter whatever the type (provinces type one
matter differently), type spellings are read through the dictionary more robustly, and a
spelling it lacks is reported and not compared. Small hand-made cases, answers worked by hand."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import run_on_rows

from catalog_sync.mappings import load_mapping
from catalog_sync.matching import NameIndex, entry, match_name
from catalog_sync.pipeline import Source
from catalog_sync.sources.catalogue import load_catalogue
from catalog_sync.sources.implementation_list import load_list

MAPPING = load_mapping()


def _index(*matters: tuple[str, str]) -> NameIndex:
    """(name, type) per matter, ids matter:0, matter:1, …"""
    return NameIndex(
        [entry(f"matter:{i}", n, MAPPING, task_type=t) for i, (n, t) in enumerate(matters)],
        MAPPING,
    )


def _item(name: str, task_type: str) -> object:
    return entry("item", name, MAPPING, task_type=task_type, implementing=True)


# --- an identical name whatever the type ----------------------------------------------------


def test_an_identical_name_is_matched_though_the_types_differ() -> None:
    index = _index(("医疗机构执业登记", "行政许可"))
    hit = match_name(index, _item("医疗机构执业登记", "行政确认"))  # type: ignore[arg-type]
    assert hit is not None
    group, match = hit
    assert [e.id for e in group] == ["matter:0"]
    assert (match.tier, match.score) == ("name", 100.0)
    assert match.evidence == (
        "normalised names equal: '医疗机构执业登记'; 事项类型 differ: 行政确认 / 行政许可"
    )


def test_a_type_agreeing_matter_of_the_same_name_is_preferred() -> None:
    # 消费纠纷调解 is listed twice, as 公共服务 and as 行政裁决: the query's type decides
    index = _index(("消费纠纷调解", "公共服务"), ("消费纠纷调解", "行政裁决"))
    hit = match_name(index, _item("消费纠纷调解", "行政裁决"))  # type: ignore[arg-type]
    assert hit is not None
    assert [e.id for e in hit[0]] == ["matter:1"]
    assert hit[1].evidence == "normalised names equal: '消费纠纷调解', both 行政裁决"


def test_the_looser_tiers_still_need_agreeing_types() -> None:
    # equal without the note (same_core), one matter in other wording (same_matter), weighed
    # evidence (fuzzy): none crosses a type disagreement
    for catalogue, query in (
        ("食品生产许可（新办）", "食品生产许可"),
        ("居住证核发", "居住证办理"),
        ("拖拉机联合收割机驾驶证核发", "拖拉机和联合收割机驾驶证核发"),
    ):
        assert match_name(_index((catalogue, "行政确认")), _item(query, "行政许可")) is None  # type: ignore[arg-type]
        # and each is matched when the types agree
        assert match_name(_index((catalogue, "行政许可")), _item(query, "行政许可")) is not None  # type: ignore[arg-type]


# --- a list item's own note on a matter typed otherwise (opened pairs, 2026-12-08) -------------


@pytest.mark.parametrize(
    ("item", "item_type", "matter", "matter_type"),
    [
        ("建筑起重机械使用登记（塔式起重机）", "其他行政权力", "建筑起重机械使用登记", "行政许可"),
        ("民办非企业单位变更登记（住所）", "行政确认", "民办非企业单位变更登记", "行政许可"),
        ("医疗机构执业登记（变更）", "公共服务", "医疗机构执业登记", "行政确认"),
    ],
)
def test_a_noted_list_item_finds_its_plain_matter_typed_otherwise(
    item: str, item_type: str, matter: str, matter_type: str
) -> None:
    # the item writes the catalogue's name with a note of its own (a kind, a part, a
    # 业务办理项) and its province types the matter otherwise, both kinds applied for: one
    # matter, as an identical name is; the evidence says the types differ
    hit = match_name(_index((matter, matter_type)), _item(item, item_type))  # type: ignore[arg-type]
    assert hit is not None
    group, match = hit
    assert [e.id for e in group] == ["matter:0"] and match.tier == "name"
    assert f"事项类型 differ ({item_type} / {matter_type}), both of kinds applied for" in (
        match.evidence
    )


def test_a_noted_item_of_an_unapplied_act_keeps_to_its_type() -> None:
    # 食品生产许可（吊销） typed 行政处罚 is the penalty, not the licence: no name but an equal
    # one crosses from an act an authority takes on its own
    index = _index(("食品生产许可", "行政许可"))
    assert match_name(index, _item("食品生产许可（吊销）", "行政处罚")) is None  # type: ignore[arg-type]
    index = _index(("对未取得食品生产许可从事食品生产的处罚", "行政处罚"))
    assert (
        match_name(index, _item("对未取得食品生产许可从事食品生产的处罚（个人）", "行政许可"))
        is None
    )  # type: ignore[arg-type]


def test_a_noted_item_still_prefers_the_matter_of_its_own_type() -> None:
    index = _index(("建筑起重机械使用登记", "行政许可"), ("建筑起重机械使用登记", "其他行政权力"))
    hit = match_name(index, _item("建筑起重机械使用登记（塔式起重机）", "其他行政权力"))  # type: ignore[arg-type]
    assert hit is not None
    assert [e.id for e in hit[0]] == ["matter:1"]
    assert "both 其他行政权力" in hit[1].evidence


def test_a_noted_item_does_not_cross_types_to_another_variant() -> None:
    # the catalogue names another variant (批发), not the plain matter: nothing, typed
    # otherwise or not
    index = _index(("烟花爆竹经营许可（批发）", "行政许可"))
    assert match_name(index, _item("烟花爆竹经营许可（零售）", "其他行政权力")) is None  # type: ignore[arg-type]


def test_a_note_naming_another_kind_of_act_does_not_cross_types() -> None:
    # 建设工程消防验收（备案） typed 其他行政权力 is the filing, not the 行政许可 验收 (备案 is
    # no act of 建设工程消防验收), 宅基地审批（确认） typed 行政确认 no 审批: nothing crosses
    # (until session 24's end both went to the licence); the note 一类 still crosses (negative)
    index = _index(("建设工程消防验收", "行政许可"), ("农村村民宅基地审批", "行政许可"))
    assert match_name(index, _item("建设工程消防验收（备案）", "其他行政权力")) is None  # type: ignore[arg-type]
    assert match_name(index, _item("农村村民宅基地审批（确认）", "行政确认")) is None  # type: ignore[arg-type]
    index = _index(("机动车维修经营备案", "行政许可"))
    assert match_name(index, _item("机动车维修经营备案（一类）", "其他行政权力")) is not None  # type: ignore[arg-type]


def test_a_filing_noted_on_a_licence_is_not_cancelled_with_it(tmp_path: Path) -> None:
    """Worked by hand: the catalogue has 建设工程消防验收 (行政许可) and 建设工程消防验收备案
    (其他行政权力); a district lists 建设工程消防验收（备案） typed 其他行政权力 and
    建设工程消防验收（特殊建设工程） typed 行政许可. A decision cancelling 建设工程消防验收
    reaches the licence and the （特殊建设工程） item, not the filing (d0cb966: reported
    cancelled, the note crossing types to the licence)."""
    catalogue = [
        ["基本编码", "事项名称", "事项类型", "主项编码"],
        ["F1", "建设工程消防验收", "行政许可", ""],
        ["F2", "建设工程消防验收备案", "其他行政权力", ""],
    ]
    items = [
        ["实施编码", "事项名称", "事项类型", "实施主体"],
        ["L1", "建设工程消防验收（备案）", "其他行政权力", "某区住建局"],
        ["L2", "建设工程消防验收（特殊建设工程）", "行政许可", "某区住建局"],
    ]
    decisions = [["文号", "发布日期", "事项名称", "处理决定"]]
    decisions.append(["国发〔2020〕1号", "2020-01-01", "建设工程消防验收", "取消"])
    result = run_on_rows(tmp_path, catalogue, items, decisions)
    rows = result.tables["cancelled_still_listed"].rows
    assert {r["item_code"] for r in rows if r["source"] != "catalogue"} == {"L2"}
    matched = {
        r["item_code"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows
    }
    assert matched.get("L1") != "F1"


@pytest.mark.parametrize("note", ["咨询", "查询", "预约办理"])
def test_a_service_noted_on_a_licence_is_not_cancelled_with_it(tmp_path: Path, note: str) -> None:
    """Worked by hand (re-hunt of session 24): a district lists 建筑工程施工许可（咨询） typed
    公共服务 beside the licence's own item; the catalogue has only 建筑工程施工许可 (行政许可). A
    decision cancelling the licence reaches L1 alone: a public service named after a matter with
    a note is a service about it, not the matter typed otherwise (before: L2 matched the licence
    across types and was reported cancelled). 机动车维修经营备案（一类） typed 其他行政权力 still
    crosses (test_a_noted_list_item_finds_its_plain_matter_typed_otherwise)."""
    catalogue = [["基本编码", "事项名称", "事项类型"], ["F1", "建筑工程施工许可", "行政许可"]]
    items = [
        ["实施编码", "事项名称", "事项类型", "实施主体"],
        ["L1", "建筑工程施工许可", "行政许可", "某区住建局"],
        ["L2", f"建筑工程施工许可（{note}）", "公共服务", "某区住建局"],
    ]
    decisions = [["文号", "发布日期", "事项名称", "处理决定"]]
    decisions.append(["国发〔2020〕1号", "2020-01-01", "建筑工程施工许可", "取消"])
    result = run_on_rows(tmp_path, catalogue, items, decisions)
    rows = result.tables["cancelled_still_listed"].rows
    assert {r["item_code"] for r in rows if r["source"] != "catalogue"} == {"L1"}


# --- spellings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("07", "行政确认"),
        ("行政许可类", "行政许可"),
        ("公共服务类", "公共服务"),
        ("其他行政权力类", "其他行政权力"),
        ("行政确认事项", "行政确认"),
        ("行政给付类事项", "行政给付"),
        ("许可类", "行政许可"),  # a dictionary spelling with 类
        ("XK", "行政许可"),  # DB52/T 1264-2018: the 事项类型代码 of a 基本编码
        ("xk", "行政许可"),
        ("ＸＫ", "行政许可"),  # full width, NFKC
        ("其它类", "其它类"),  # a canonical name ending in 类 stays itself
        # enforcement lists: a 行政 type's kind alone, and the forms of 行政强制 (session 22)
        ("处罚", "行政处罚"),
        ("检查", "行政检查"),
        ("监督检查", "行政检查"),
        ("行政强制措施", "行政强制"),
        ("行政强制执行", "行政强制"),
        ("征收", "行政征收"),
        ("给付类", "行政给付"),
        ("确认", "行政确认"),
        ("奖励", "行政奖励"),
        ("裁决", "行政裁决"),
        # a filing's type as some lists write it: the national 其他行政权力 (session 23)
        ("备案", "其他行政权力"),
        ("行政备案类", "其他行政权力"),
        ("", ""),
    ],
)
def test_type_spellings(spelling: str, canonical: str) -> None:
    assert MAPPING.task_type(spelling) == canonical
    assert MAPPING.known_task_type(canonical)


@pytest.mark.parametrize(
    "spelling", ["CF", "类", "行政许可审批", "审批", "行政", "其他", "服务", "行政审核类"]
)
def test_a_spelling_the_dictionary_lacks_is_kept_and_not_known(spelling: str) -> None:
    assert MAPPING.task_type(spelling) == spelling
    assert not MAPPING.known_task_type(spelling)


def test_an_unknown_type_is_not_compared() -> None:
    # as a type of its own 行政审核 would keep the item from the variant; read as none, the
    # item reaches it like an item without a type
    assert entry("q", "食品生产许可", MAPPING, task_type="行政审核").task_type == ""
    index = _index(("食品生产许可（新办）", "行政许可"))
    assert match_name(index, _item("食品生产许可", "行政审核")) is not None  # type: ignore[arg-type]


# --- through the pipeline: matched, reported, reached by decisions --------------------------

CATALOGUE = [
    ["基本编码", "事项名称", "事项类型", "主管部门"],
    ["XK00001000", "医疗机构执业登记", "01", "卫生健康部门"],
    ["XK00002000", "户口迁移审批", "行政许可类", "公安机关"],
    ["XK00003000", "高龄津贴发放", "XK", "民政部门"],
]
LIST = [
    ["实施编码", "事项名称", "事项类型", "实施主体"],
    ["11510000MB000000003000000000000", "医疗机构执业登记", "07", "县卫生健康局"],
    ["11510000MB000000013000000000001", "户口迁移审批", "行政确认类", "县公安局"],
    ["11510000MB000000023000000000002", "高龄津贴发放", "行政审核", "县民政局"],
]
DECISIONS = [
    ["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"],
    ["示例〔2026〕9号", "2026-01-01", "1", "户口迁移审批", "", "取消"],
]


def _write(path: Path, rows: list[list[str]]) -> Source:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return Source(path, path.name)


def test_types_through_the_pipeline(tmp_path: Path) -> None:
    result = run_on_rows(tmp_path, CATALOGUE, LIST, DECISIONS)
    matches = {
        r["item_name"]: (r["basic_code"], r["evidence"])
        for r in result.tables["list_catalogue_matches"].rows
    }
    assert matches == {
        "医疗机构执业登记": (
            "XK00001000",
            "normalised names equal: '医疗机构执业登记'; 事项类型 differ: 行政确认 / 行政许可",
        ),
        "户口迁移审批": (
            "XK00002000",
            "normalised names equal: '户口迁移审批'; 事项类型 differ: 行政确认 / 行政许可",
        ),
        # 行政审核 is no type the dictionary knows: not compared
        "高龄津贴发放": (
            "XK00003000",
            "normalised names equal: '高龄津贴发放', "
            "matter type not compared (missing on one side)",
        ),
    }
    assert result.tables["unmatched_list_items"].rows == []
    assert result.warnings == [
        "list.csv: 事项类型 '行政审核' (1 row) is not in the task_types dictionary: not "
        "compared in matching; name it under task_types in a --mapping"
    ]
    # the decision reaches the catalogue matter and the item implementing it
    reached = {(r["source"], r["item_name"]) for r in result.tables["cancelled_still_listed"].rows}
    assert reached == {("catalogue", "户口迁移审批"), ("list", "户口迁移审批")}


def test_an_enforcement_type_spelling_keeps_its_item_from_the_permit(tmp_path: Path) -> None:
    """Worked by hand. 特种设备使用登记管理 typed 检查 or 监督检查 inspects the registrations (as
    typed 行政检查, definitions: an act no one applies for); 城市建筑垃圾处置核准管理 typed
    行政强制措施 is no 核准 either. Read as unknown spellings they were untyped, matched to the
    permit and reported cancelled with it (until session 22). Negative: 特种设备使用登记 typed
    许可 is the permit, cancelled with it; the spellings raise no warning."""
    catalogue = [
        ["基本编码", "事项名称", "事项类型"],
        ["000701000000", "特种设备使用登记", "行政许可"],
        ["000702000000", "城市建筑垃圾处置核准", "行政许可"],
    ]
    county = "某县市场监督管理局"
    rows = [["实施编码", "事项名称", "事项类型", "实施主体"]]
    rows += [["L1", "特种设备使用登记管理", "检查", county]]
    rows += [["L2", "特种设备使用登记管理", "监督检查", county]]
    rows += [["L3", "城市建筑垃圾处置核准管理", "行政强制措施", "某县综合行政执法局"]]
    rows += [["L4", "特种设备使用登记", "许可", county]]
    decisions = [DECISIONS[0]] + [
        ["示例〔2026〕9号", "2026-01-01", str(n), name, "", "取消"]
        for n, name in enumerate(("特种设备使用登记", "城市建筑垃圾处置核准"), 1)
    ]
    result = run_on_rows(tmp_path, catalogue, rows, decisions)
    cancelled = result.tables["cancelled_still_listed"].rows
    assert {r["item_code"] for r in cancelled if r["source"] == "list"} == {"L4"}
    matched = {r["item_code"] for r in result.tables["list_catalogue_matches"].rows}
    assert matched == {"L4"}
    assert not [w for w in result.warnings if "事项类型" in w]


def test_loaders_report_each_unknown_type_once(tmp_path: Path) -> None:
    rows = [
        ["基本编码", "事项名称", "事项类型", "主管部门"],
        ["A0001", "甲事项", "行政审核", "甲部门"],
        ["A0002", "乙事项", "行政审核", "甲部门"],
        ["A0003", "丙事项", "行政许可类", "甲部门"],
    ]
    catalogue = load_catalogue(_write(tmp_path / "c.csv", rows).path, "c.csv", MAPPING)
    assert [m.task_type for m in catalogue.records] == ["行政审核", "行政审核", "行政许可"]
    assert catalogue.warnings == [
        "c.csv: 事项类型 '行政审核' (2 rows) is not in the task_types dictionary: not compared "
        "in matching; name it under task_types in a --mapping"
    ]
    rows = [LIST[0], [LIST[1][0], "甲事项", "XK", "甲局"]]
    assert load_list(_write(tmp_path / "l.csv", rows).path, "l.csv", MAPPING).warnings == []


def test_loaders_report_each_state_named_neither_in_use_nor_not(tmp_path: Path) -> None:
    """standard.yaml said an unknown 事项状态 is 'read as in use and reported in run warnings';
    until session 17 it was only read as in use. 已作废 is now named (not in use)."""
    rows = [
        ["基本编码", "事项名称", "事项状态"],
        ["A0001", "甲事项", "在用"],
        ["A0002", "乙事项", "待审核"],
        ["A0003", "丙事项", "待审核"],
        ["A0004", "丁事项", "已作废"],
        ["A0005", "戊事项", ""],
    ]
    catalogue = load_catalogue(_write(tmp_path / "c.csv", rows).path, "c.csv", MAPPING)
    assert [m.in_use for m in catalogue.records] == [True, True, True, False, True]
    assert catalogue.warnings == [
        "c.csv: 事项状态 '待审核' (2 rows) is not under states: read as in use; name it under "
        "states.in_use or states.not_in_use in a --mapping"
    ]
    rows = [["实施编码", "事项名称", "事项状态"], ["11510000MB0000001", "甲事项", "试运行"]]
    (warning,) = load_list(_write(tmp_path / "l.csv", rows).path, "l.csv", MAPPING).warnings
    assert warning.startswith("l.csv: 事项状态 '试运行' (1 row) is not under states")


@pytest.mark.parametrize("header", ["办理项名称", "办理项", "业务办理项", "子项"])
def test_a_handling_item_column_names_the_sub_item(tmp_path: Path, header: str) -> None:
    """Worked by hand: 事项名称 | 办理项名称 is the 主项 | 子项 layout under another header; 变更
    under 道路旅客运输经营许可 is its （变更） matter, an empty 办理项 the 主项 itself. Before,
    the column was not read and all three rows were the 主项."""
    catalogue = [
        ["基本编码", "事项名称", "事项类型", "主管部门", "主项编码"],
        ["000101000000", "道路旅客运输经营许可", "01", "交通运输部门", ""],
        ["000101002000", "道路旅客运输经营许可（变更）", "01", "交通运输部门", "000101000000"],
        ["000101003000", "道路旅客运输经营许可（注销）", "01", "交通运输部门", "000101000000"],
    ]
    items = [
        ["实施编码", "事项名称", header, "实施主体"],
        ["C1", "道路旅客运输经营许可", "变更", "某县交通运输局"],
        ["C2", "道路旅客运输经营许可", "注销", "某县交通运输局"],
        ["C3", "道路旅客运输经营许可", "", "某县交通运输局"],
    ]
    result = run_on_rows(tmp_path, catalogue, items, [["文号", "事项名称", "处理决定"]])
    rows = result.tables["list_catalogue_matches"].rows
    matched = {r["item_code"]: r["basic_code"] for r in rows}
    assert matched == {"C1": "000101002000", "C2": "000101003000", "C3": "000101000000"}
