"""Runs that remember: stable finding ids, new / persisting / resolved against a baseline,
--fail-on, run.json."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from catalog_sync.cli import cli
from catalog_sync.findings import finding_id

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo"
CITY = "list-city-5116.csv"


def _rows(out: Path, table: str) -> list[dict]:
    return json.loads((out / f"{table}.json").read_text(encoding="utf-8"))


def _diff(project: Path, out: Path, *options: str):
    return CliRunner().invoke(cli, ["diff", str(project), "--out", str(out), *options])


def _edit_city_list(project: Path) -> None:
    """Drop the city's 棉花加工资格认定 row (cancelled, now removed) and add an item whose basic
    code the catalogue lacks."""
    path = project / CITY
    with path.open(encoding="gb18030", newline="") as f:
        rows = list(csv.reader(f))
    rows = [r for r in rows if not (len(r) > 2 and r[2].startswith("棉花加工"))]
    rows.append(
        [
            "广安市民政局",
            "",
            "慈善组织公开募捐资格审查（示例）",
            "512Z9990000000-511600000000-000-11511600MB1500000X-1-00",
            "10",
            "511600000000",
            "在用",
        ]
    )
    with path.open("w", encoding="gb18030", newline="") as f:
        csv.writer(f).writerows(rows)


def test_finding_ids_ignore_row_numbers_and_code_spelling() -> None:
    a = {"item_code": "５１１Ａ0001 000000-X", "source_row": 3}
    b = {"item_code": "511A0001000000-x", "source_row": 99}
    assert finding_id("unmatched_list_items", a) == finding_id("unmatched_list_items", b)
    assert finding_id("unmatched_list_items", a) != finding_id(
        "unimplemented_catalogue_items", {"basic_code": "511A0001000000-X"}
    )


def test_new_persisting_resolved_across_two_runs(tmp_path: Path) -> None:
    project = tmp_path / "demo"
    shutil.copytree(DEMO, project)
    first, second = tmp_path / "first", tmp_path / "second"
    assert _diff(project, first, "--format", "json").exit_code == 1
    assert {r["status"] for r in _rows(first, "cancelled_still_listed")} == {"new"}

    _edit_city_list(project)
    result = _diff(
        project,
        second,
        "--format",
        "json",
        "--baseline",
        str(first),
        "--as-of",
        "2026-11-30",
        "--fail-on",
        "new",
    )
    assert result.exit_code == 1, result.output  # one new finding
    cancelled = _rows(second, "cancelled_still_listed")
    resolved = [r for r in cancelled if r["status"] == "resolved"]
    assert [(r["source"], r["item_name"]) for r in resolved] == [
        ("list", "棉花加工资格认定（市级初审）")
    ]
    assert resolved[0]["first_seen"] == "2026-11-01" and resolved[0]["age_days"] == 29
    persisting = [r for r in cancelled if r["status"] == "persisting"]
    assert len(persisting) == len(cancelled) - 1 == 34
    assert all(r["age_days"] == 29 for r in persisting)
    unmatched = _rows(second, "unmatched_list_items")
    assert [r["item_name"] for r in unmatched if r["status"] == "new"] == [
        "慈善组织公开募捐资格审查（示例）"
    ]
    summary = json.loads((second / "summary.json").read_text(encoding="utf-8"))
    assert summary["cancelled_still_listed"] == 34  # resolved rows are kept, not counted
    assert summary["baseline"]["changes"]["cancelled_still_listed"] == {
        "previous": 35,
        "current": 34,
        "change": -1,
    }
    assert summary["baseline"]["changes"]["unmatched_list_items"]["change"] == 1
    assert summary["findings_by_status"]["unmatched_list_items"]["new"] == 1

    # a third run with nothing changed: nothing new, so --fail-on new passes; `any` still fails
    third = tmp_path / "third"
    assert (
        _diff(
            project, third, "--format", "json", "--baseline", str(second), "--fail-on", "new"
        ).exit_code
        == 0
    )
    assert "resolved" not in {r["status"] for r in _rows(third, "cancelled_still_listed")}
    assert (
        _diff(
            project,
            tmp_path / "fourth",
            "--format",
            "json",
            "--baseline",
            str(third),
            "--fail-on",
            "any",
        ).exit_code
        == 1
    )
    assert (
        _diff(project, tmp_path / "fifth", "--format", "json", "--fail-on", "none").exit_code == 0
    )


def test_identical_runs_give_identical_tables_and_ids(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert _diff(DEMO, a, "--format", "json,csv").exit_code == 1
    assert _diff(DEMO, b, "--format", "json,csv").exit_code == 1
    names = sorted(p.name for p in a.iterdir() if p.name != "run.json")
    assert names == sorted(p.name for p in b.iterdir() if p.name != "run.json")
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    ids = [r["finding_id"] for r in _rows(a, "unlinked_work_orders")]
    assert len(ids) == len(set(ids)) == 807


def test_run_json_records_inputs_stages_and_counts(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _diff(DEMO, out, "--format", "json")
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["tool_version"] and record["as_of"] == "2026-11-01"
    work_orders = next(i for i in record["inputs"] if i["kind"] == "work_orders")
    assert work_orders["size_bytes"] == (DEMO / "work-orders.csv").stat().st_size
    assert len(work_orders["sha256"]) == 64
    assert (work_orders["rows_read"], work_orders["rows_rejected"]) == (3000, 5)
    assert [s["stage"] for s in record["stages"]] == [
        "load",
        "match lists",
        "match decisions",
        "checks",
        "guide checks",
        "work orders",
    ]
    materials = next(i for i in record["inputs"] if i["kind"] == "materials")
    assert materials["size_bytes"] == (DEMO / "materials.csv").stat().st_size
    assert all(s["rows_per_second"] is None or s["rows_per_second"] > 0 for s in record["stages"])
    assert record["counts"]["cancelled_still_listed"] == 35
    assert record["mappings"][0]["file"] == "standard.yaml (bundled)"


def test_a_baseline_without_json_is_refused(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    result = _diff(DEMO, tmp_path / "out", "--baseline", str(tmp_path / "old"))
    assert result.exit_code == 2
    assert "no summary.json" in result.stderr and not (tmp_path / "out").exists()


def test_finding_ids_a_column_at_a_time_are_finding_id_row_by_row():
    """finding_ids (the column-wise form assign_finding_ids uses) gives finding_id's ids:
    missing keys, keys that normalise alike, several keys."""
    from catalog_sync.findings import finding_ids

    rows = [
        {"source": "a.csv", "decision": "川府发〔2026〕1号", "item_code": " ab 12 ", "key": "k"},
        {"source": "a.csv", "decision": "川府发〔2026〕1号", "item_code": "AB12", "field": "x"},
        {"item_code": "１２３", "decision_seq": 3},
        {},
    ]
    for table in ("cancelled_still_listed", "unmatched_list_items", "compare_differences"):
        assert finding_ids(table, rows) == [finding_id(table, r) for r in rows]
    assert finding_ids("unmatched_list_items", []) == []
