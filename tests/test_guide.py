"""Guide elements (办事指南): each rule on hand-made texts, rates worked out by hand, and a run
through the CLI with a list carrying guide columns and a materials file."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import write_csv

from catalog_sync.checks.guide import (
    _is_vague,
    bare,
    element_defect,
    guide_findings,
    guide_rules,
    material_defects,
)
from catalog_sync.cli import cli
from catalog_sync.errors import MappingError
from catalog_sync.mappings import load_mapping
from catalog_sync.model import ListItem, Material, SourceRef

RULES = guide_rules(load_mapping())


def _rule(element: str, **values: str) -> str | None:
    d = element_defect(RULES.elements[element], values, RULES)
    return None if d is None else d.rule


@pytest.mark.parametrize(
    ("element", "values", "expected"),
    [
        # a time limit is a number with a unit
        ("legal_time_limit", {"legal_limit": "20", "legal_limit_unit": "工作日"}, None),
        ("legal_time_limit", {"legal_limit": "20", "legal_limit_unit": "1"}, None),  # a code
        ("legal_time_limit", {"legal_limit": "20"}, "time-limit"),  # no unit
        ("legal_time_limit", {"legal_limit_note": "自受理之日起20个工作日内办结"}, None),
        ("legal_time_limit", {"legal_limit_note": "即办"}, None),
        ("legal_time_limit", {"legal_limit": "按规定时间"}, "vague"),
        ("legal_time_limit", {"legal_limit": "尽快办理"}, "time-limit"),
        ("legal_time_limit", {}, "missing"),
        ("promised_time_limit", {"promised_limit": "２０", "promised_limit_unit": "天"}, None),
        # an address names a place
        ("address", {"address": "广安区金安大道一段政务服务中心2楼8号窗口"}, None),
        ("address", {"address": "相关部门"}, "vague"),
        ("address", {"address": "本机关办公场所"}, "place"),
        # office hours give a time
        ("hours", {"hours": "工作日 9:00-12:00，13:30-17:00"}, None),
        ("hours", {"hours": "工作日上午9时至12时"}, None),
        ("hours", {"hours": "工作时间"}, "vague"),
        ("hours", {"hours": "法定工作日"}, "hours"),
        # contact: a number, web or mail address
        ("consultation", {"consultation": "0826-2345678"}, None),
        ("consultation", {"consultation": "拨打12345"}, None),
        ("consultation", {"consultation": "到窗口咨询"}, "contact"),
        ("complaint", {"complaint": ""}, "missing"),
        # legal basis names a law
        ("legal_basis", {"by_law": "《中华人民共和国行政许可法》第三十条"}, None),
        ("legal_basis", {"by_law": "相关法律法规"}, "vague"),
        ("legal_basis", {"by_law": "国家有关规定"}, "law"),
        # a flow says more than step names
        ("flow", {"flow": "受理→审查→决定→送达"}, "flow"),
        ("flow", {"flow": "1.受理 2.审核 3.办结"}, "flow"),
        ("flow", {"flow": "申请人提交材料；窗口当场核对材料并受理；科室5个工作日内审查"}, None),
        # fee: stated; when charged, its basis given
        ("fee", {"is_fee": "否"}, None),
        ("fee", {"is_fee": "是", "fee_basis": "《行政事业性收费标准》"}, None),
        ("fee", {"is_fee": "是"}, "fee"),
        ("fee", {"is_fee": "看情况"}, "fee"),
        ("fee", {"fee_basis": "x"}, "fee"),  # basis without saying whether: not understood
        ("fee", {}, "missing"),
        ("accept_condition", {"accept_condition": "详见附件"}, "vague"),
        ("accept_condition", {"accept_condition": "申请人为本县户籍居民"}, None),
    ],
)
def test_element_rules(element: str, values: dict[str, str], expected: str | None) -> None:
    assert _rule(element, **values) == expected


def _mat(name: str, **fields: str) -> Material:
    return Material(SourceRef("m.csv", 2), "A1", name, tuple(fields.items()))


@pytest.mark.parametrize(
    "text",
    [
        "按规定",
        " 按 规 定 。",
        "按__规__定",  # underscores are punctuation: bare drops them
        "依法" + "，" * 200,  # long, yet only its letters count
        "ｗｗｗ",
        "详见附件①",  # ① is a digit after NFKC: not the vague 详见附件
        "受理→审查→决定→送达→归档→公开→评价→回访→存档",
        "按规定" * 10,
        "",
        "\u3000\u00a0",
    ],
)
def test_is_vague_agrees_with_bare(text: str) -> None:
    """The shortcut (letters and digits counted by a regex) gives bare()'s answer."""
    assert _is_vague(text, RULES) == (bare(text) in RULES.vague)


def test_material_rules() -> None:
    full = {"material_format": "纸质", "material_type": "原件", "copies": "1"}
    assert material_defects([_mat("身份证", **full)], RULES) == []
    assert [d.rule for d in material_defects([], RULES)] == ["missing"]
    catch_all = material_defects([_mat("根据有关法律法规规定应提交的其他材料", **full)], RULES)
    assert [d.rule for d in catch_all] == ["catch-all"]
    assert catch_all[0].text == "根据有关法律法规规定应提交的其他材料"
    # electronic only: no paper copies needed; paper without a count is unclear
    assert (
        material_defects([_mat("申请表", material_format="电子", material_type="原件")], RULES)
        == []
    )
    no_count = material_defects(
        [_mat("申请表", material_format="纸质", material_type="原件")], RULES
    )
    assert [(d.rule, d.text) for d in no_count] == [("material-form", "申请表（缺份数）")]
    bare = material_defects([_mat("营业执照")], RULES)
    assert bare[0].text == "营业执照（缺形式、类型、份数）"


GOOD = {
    "accept_condition": "申请人为本县户籍居民",
    "legal_limit": "20",
    "legal_limit_unit": "工作日",
    "promised_limit": "5",
    "promised_limit_unit": "工作日",
    "address": "金安大道一段政务服务中心2楼",
    "hours": "工作日9:00-17:00",
    "consultation": "0826-2345678",
    "complaint": "12345",
    "by_law": "《行政许可法》",
    "flow": "申请人提交材料；窗口当场核对材料并受理",
    "is_fee": "否",
}


def _item(row: int, agency: str, task_type: str = "行政许可", **guide: str) -> ListItem:
    cells = {**GOOD, **guide}
    return ListItem(
        ref=SourceRef("list.csv", row),
        task_code_raw=f"C{row}",
        task_code=f"C{row}",
        basic_code="",
        basic_code_origin="",
        name=f"事项{row}",
        task_type=task_type,
        agency=agency,
        guide_cells=(tuple(cells), tuple(cells.values())),
    )


def test_rates_by_element_rule_and_agency_worked_by_hand() -> None:
    # 4 licensing items (2 agencies) and a 行政处罚 item (no elements required: not checked).
    # 甲: row 2 clean; row 3 flow of step names only.  乙: row 4 address vague and no fee
    # stated; row 5 clean. Materials: row 2 one good, row 3 a catch-all one (with form),
    # row 4 none, row 5 one without copies.
    items = [
        _item(2, "甲"),
        _item(3, "甲", flow="受理→审查→决定"),
        _item(4, "乙", address="相关部门", is_fee=""),
        _item(5, "乙"),
        _item(6, "乙", task_type="行政处罚", flow="受理→决定"),
    ]
    full = (("material_format", "纸质"), ("material_type", "原件"), ("copies", "1"))
    mats = [
        Material(SourceRef("m.csv", 2), "C2", "身份证", full),
        Material(SourceRef("m.csv", 3), "C3", "其他材料", full),
        Material(SourceRef("m.csv", 4), "C5", "申请表", full[:2]),
    ]
    result = guide_findings(items, mats, RULES)
    got = sorted((r["item_code"], r["element"], r["rule"]) for r in result.table.rows)
    assert got == [
        ("C3", "flow", "flow"),
        ("C3", "materials", "catch-all"),
        ("C4", "address", "vague"),
        ("C4", "fee", "missing"),
        ("C4", "materials", "missing"),
        ("C5", "materials", "material-form"),
    ]
    s = result.summary
    assert (s["items_checked"], s["items_failing"]) == (4, 3)
    assert s["by_element"]["flow"] == {"items": 4, "failing": 1, "rate": 0.25}
    assert s["by_element"]["materials"] == {"items": 4, "failing": 3, "rate": 0.75}
    assert s["by_element"]["hours"]["failing"] == 0
    assert s["by_rule"]["missing"] == {"items": 4, "failing": 1, "rate": 0.25}
    assert s["by_rule"]["catch-all"]["rate"] == 0.25
    assert s["by_agency"] == {
        "甲": {"items": 2, "failing": 1, "rate": 0.5},
        "乙": {"items": 2, "failing": 2, "rate": 1.0},
    }
    rates = {(r["agency"], r["element"]): r["rate"] for r in result.rates.rows}
    assert rates[("合计", "all")] == 0.75 and rates[("乙", "address")] == 0.5
    row = next(r for r in result.table.rows if r["rule"] == "catch-all")
    assert row["problem"] == "申请材料: 兜底条款 '其他材料'" and row["material_source"] == "m.csv:3"


def test_without_materials_the_materials_element_is_not_checked() -> None:
    result = guide_findings([_item(2, "甲")], None, RULES)
    assert result.table.rows == [] and "materials" not in result.summary["by_element"]


def test_out_of_use_items_are_not_checked() -> None:
    stopped = dataclasses.replace(_item(2, "甲", flow="受理"), in_use=False)
    assert guide_findings([stopped], None, RULES).summary["items_checked"] == 0


def test_a_bad_rule_in_the_mapping_is_named(tmp_path: Path) -> None:
    extra = tmp_path / "m.yaml"
    extra.write_text("guide:\n  required: {default: [address, nonesuch]}\n", encoding="utf-8")
    with pytest.raises(MappingError, match="nonesuch"):
        guide_rules(load_mapping([extra]))


def _project(tmp_path: Path, guide: bool) -> list[str]:
    cat = write_csv(
        tmp_path / "cat.csv", [["基本编码", "事项名称", "事项类型"], ["B1", "甲许可", "行政许可"]]
    )
    head = ["实施编码", "基本编码", "事项名称", "事项类型", "实施主体"]
    rows = [
        ["T1", "B1", "甲许可", "行政许可", "县局"],
        ["T2", "B1", "甲许可（变更）", "行政许可", "县局"],
    ]
    if guide:
        head += ["办理地点", "办理流程"]
        rows[0] += ["县政务服务中心3楼", "受理→审查→决定"]
        rows[1] += ["相关部门", "申请人提交材料；窗口当场核对材料并受理"]
    lst = write_csv(tmp_path / "list.csv", [head, *rows])
    dec = write_csv(
        tmp_path / "dec.csv",
        [
            ["文号", "发布日期", "事项名称", "处理决定"],
            ["国发〔2019〕6号", "2019-02-27", "乙许可", "取消"],
        ],
    )
    return ["diff", "--catalogue", str(cat), "--list", str(lst), "--decisions", str(dec),
            "--as-of", "2026-01-01", "--format", "csv,json"]  # fmt: skip


def test_cli_guide_columns_give_the_tables_and_rates(runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    mats = write_csv(
        tmp_path / "mat.csv",
        [["实施编码", "材料名称", "材料形式", "材料类型", "纸质材料份数"],
         ["T1", "申请书", "纸质", "原件", "1"], ["T9", "别的事项的材料", "纸质", "原件", "1"]],
    )  # fmt: skip
    result = runner.invoke(
        cli, [*_project(tmp_path, True), "--materials", str(mats), "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    rows = json.loads((out / "guide_elements.json").read_text(encoding="utf-8"))
    # T1: flow of step names; the other elements' columns are absent, so missing. T2 also:
    # address vague, and no materials. 10 elements required besides materials.
    t1 = {(r["element"], r["rule"]) for r in rows if r["item_code"] == "T1"}
    assert ("flow", "flow") in t1 and ("address", "place") not in t1
    assert ("hours", "missing") in t1 and len(t1) == 9
    t2 = {(r["element"], r["rule"]) for r in rows if r["item_code"] == "T2"}
    assert {("address", "vague"), ("materials", "missing")} <= t2 and ("flow", "flow") not in t2
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s["guide_rates"]["by_element"]["flow"] == {"items": 2, "failing": 1, "rate": 0.5}
    assert s["guide_defect_rate"] == 1.0
    mat_input = next(i for i in s["inputs"] if i["kind"] == "materials")
    assert (mat_input["rows_read"], mat_input["rows_used"], mat_input["rows_rejected"]) == (2, 1, 1)
    assert all(r["finding_id"] and r["status"] == "new" for r in rows)
    header = (out / "guide_elements.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "办事指南要素" in header and "问题" in header


def test_cli_no_guide_columns_no_guide_tables(runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(cli, [*_project(tmp_path, False), "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert not (out / "guide_elements.json").exists()
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "guide_rates" not in s and "guide_elements" not in s
