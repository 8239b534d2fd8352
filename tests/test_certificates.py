"""certificates_still_required: hand-made certificate decisions and materials, each match rule
and each reason a material is not reported."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from conftest import write_csv

from catalog_sync.checks.certificates import certificate_findings, form_note_pattern
from catalog_sync.cli import cli
from catalog_sync.mappings import load_mapping
from catalog_sync.model import CANCEL, OTHER, DecisionItem, ListItem, Material, SourceRef

MAPPING = load_mapping()


def _cert(row: int, name: str, effective: str = "2025-01-01", action: str = CANCEL) -> DecisionItem:
    return DecisionItem(
        ref=SourceRef("certs.csv", row),
        doc_no="演示〔2025〕1号",
        title="演示用证明事项取消决定",
        issued_date=None,
        effective_date=date.fromisoformat(effective),
        annex="",
        seq=str(row - 1),
        name=name,
        department="",
        by_law="",
        action_raw="取消" if action == CANCEL else "保留",
        action=action,
        certificate=True,
    )


def _item(code: str, in_use: bool = True) -> ListItem:
    return ListItem(SourceRef("list.csv", 2), code, code, "", "", f"事项{code}", in_use=in_use)


def _mat(row: int, code: str, name: str) -> Material:
    return Material(SourceRef("mat.csv", row), code, name)


def test_form_note_pattern_drops_only_form_notes() -> None:
    pattern = form_note_pattern(MAPPING)
    from catalog_sync.normalise import name_key

    assert name_key("无犯罪记录证明（原件及复印件）", pattern) == name_key("无犯罪记录证明")
    assert name_key("户籍证明(复印件加盖公章)", pattern) == name_key("户籍证明")
    # a note that says something else stays: 亲属关系证明（配偶） is not 亲属关系证明
    assert name_key("亲属关系证明（配偶）", pattern) != name_key("亲属关系证明")


def test_matches_worked_by_hand() -> None:
    certs = [
        _cert(2, "无犯罪记录证明"),
        _cert(3, "亲属关系证明"),
        _cert(4, "婚姻状况证明", effective="2027-01-01"),  # not yet in force on as_of
        _cert(5, "居住证明", action=OTHER),  # not cancelled
    ]
    items = [_item("A"), _item("B"), _item("C", in_use=False)]
    mats = [
        _mat(2, "A", "无犯罪记录证明"),  # exact
        _mat(3, "A", "无 犯罪记录证明（原件）"),  # form note dropped
        _mat(4, "B", "亲属关系证明（配偶）"),  # a note with content: not a hit
        _mat(5, "B", "亲属关系证明材料"),  # longer name: not a hit
        _mat(6, "B", "婚姻状况证明"),  # cancellation not yet in force
        _mat(7, "B", "居住证明"),  # the decision does not cancel it
        _mat(8, "C", "无犯罪记录证明"),  # the item is out of use
        _mat(9, "Z", "无犯罪记录证明"),  # no such item
    ]
    table = certificate_findings(certs, mats, items, date(2026, 1, 1), MAPPING)
    got = [(r["material_source"], r["match_rule"], r["decision_source"]) for r in table.rows]
    assert got == [
        ("mat.csv:2", "exact", "certs.csv:2"),
        ("mat.csv:3", "form-note", "certs.csv:2"),
    ]
    row = table.rows[0]
    assert row["effective_date"] == "2025-01-01" and row["decision"] == "演示〔2025〕1号"
    assert row["item_code"] == "A" and row["certificate"] == "无犯罪记录证明"


def test_cli_certificate_rows_are_read_beside_matter_rows(runner, tmp_path: Path) -> None:
    cat = write_csv(
        tmp_path / "cat.csv", [["基本编码", "事项名称", "事项类型"], ["B1", "甲许可", "行政许可"]]
    )
    lst = write_csv(
        tmp_path / "list.csv",
        [["实施编码", "基本编码", "事项名称", "事项类型"], ["T1", "B1", "甲许可", "行政许可"]],
    )
    dec = write_csv(
        tmp_path / "certs.csv",
        [
            ["文号", "生效日期", "证明名称", "处理决定"],
            ["演示〔2025〕1号", "2025-06-01", "无犯罪记录证明", "不再要求提供"],
        ],
    )
    mats = write_csv(
        tmp_path / "mat.csv",
        [["实施编码", "材料名称"], ["T1", "无犯罪记录证明（复印件）"], ["T1", "身份证"]],
    )
    out = tmp_path / "out"
    args = ["diff", "--catalogue", str(cat), "--list", str(lst), "--decisions", str(dec)]
    args += ["--as-of", "2026-01-01", "--format", "json"]
    result = runner.invoke(cli, [*args, "--materials", str(mats), "--out", str(out)])
    assert result.exit_code == 1, result.output
    rows = json.loads((out / "certificates_still_required.json").read_text(encoding="utf-8"))
    assert [(r["material"], r["match_rule"], r["effective_date"]) for r in rows] == [
        ("无犯罪记录证明（复印件）", "form-note", "2025-06-01")
    ]
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s["certificates_still_required"] == 1 and s["certificate_decisions"] == 1
    assert s["decision_items"] == 0  # a certificate row is no matter decision
    # without --materials: a warning, no table
    out2 = tmp_path / "out2"
    runner.invoke(cli, [*args, "--out", str(out2)])
    s2 = json.loads((out2 / "summary.json").read_text(encoding="utf-8"))
    assert not (out2 / "certificates_still_required.json").exists()
    assert any("证明名称" in w for w in s2["warnings"])
