"""The demo's planted guide defects, certificates and second publication, found as planted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog_sync.cli import cli
from catalog_sync.normalise import normalise_code

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "fixtures" / "demo"
PLANTED = json.loads((DEMO / "planted.json").read_text(encoding="utf-8"))["guides"]
# planted group -> the elements (or material rule) whose rows show it
GROUPS = {
    "flow": {"flow"},
    "time_fee_contact": {
        "legal_time_limit",
        "promised_time_limit",
        "fee",
        "consultation",
        "complaint",
    },
    "address": {"address"},
    "hours": {"hours"},
    "legal_basis": {"legal_basis"},
}
MATERIAL_RULES = {"catch_all": "catch-all", "material_form": "material-form"}


def _invoke(*args: str):
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("guides") / "out"
    result = _invoke("diff", "fixtures/demo", "--out", str(out), "--format", "json,md")
    assert result.exit_code == 1, result.output
    return out


def _rows(out: Path, name: str) -> list[dict]:
    return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))


def _codes(codes) -> set[str]:
    return {normalise_code(c) for c in codes}


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_guide_defects_found_exactly_where_planted(demo: Path, group: str) -> None:
    rows = _rows(demo, "guide_elements")
    found = _codes(r["item_code"] for r in rows if r["element"] in GROUPS[group])
    assert found == _codes(PLANTED["items"][group])


@pytest.mark.parametrize("group", sorted(MATERIAL_RULES))
def test_material_defects_found_exactly_where_planted(demo: Path, group: str) -> None:
    rows = _rows(demo, "guide_elements")
    found = _codes(r["item_code"] for r in rows if r["rule"] == MATERIAL_RULES[group])
    assert found == _codes(PLANTED["items"][group])


def test_rates_close_to_the_2017_figures(demo: Path) -> None:
    s = json.loads((demo / "summary.json").read_text(encoding="utf-8"))["guide_rates"]
    rates = PLANTED["rates"]
    assert abs(s["by_element"]["flow"]["rate"] - rates["flow"]) < 0.005
    assert abs(s["by_rule"]["catch-all"]["rate"] - rates["catch_all"]) < 0.005
    assert abs(s["by_rule"]["material-form"]["rate"] - rates["material_form"]) < 0.01
    assert abs(s["by_element"]["address"]["rate"] - rates["address"]) < 0.005
    assert s["by_element"]["accept_condition"]["failing"] == 0  # nothing planted there
    report = (demo / "report.md").read_text(encoding="utf-8")
    assert "办事指南问题率" in report and "办事指南要素缺失或不清晰" in report


def test_certificates_found_as_planted_and_decoys_left(demo: Path) -> None:
    rows = _rows(demo, "certificates_still_required")
    assert _codes(r["item_code"] for r in rows) == _codes(PLANTED["certificates"]["reported"])
    assert not _codes(r["item_code"] for r in rows) & _codes(PLANTED["certificates"]["decoys"])
    assert {r["match_rule"] for r in rows} == {"exact", "form-note"}
    assert all(r["decision"] == "演示〔2026〕1号" and r["effective_date"] for r in rows)


def test_compare_the_demo_publications(tmp_path: Path) -> None:
    out = tmp_path / "cmp"
    result = _invoke(
        "compare",
        "fixtures/demo/list-county-511602.xlsx",
        "fixtures/demo/publications/list-county-511602-portal.csv",
        "--out",
        str(out),
        "--format",
        "json,csv",
    )
    assert result.exit_code == 1, result.output
    planted = PLANTED["compare"]
    assert _codes(r["key"] for r in _rows(out, "compare_only_in_a")) == _codes(planted["only_in_a"])
    assert _codes(r["key"] for r in _rows(out, "compare_only_in_b")) == _codes(planted["only_in_b"])
    diffs = _rows(out, "compare_differences")
    for kind, group in (("requirement", "requirements_differ"), ("update", "updates_out_of_sync")):
        assert _codes(r["key"] for r in diffs if r["kind"] == kind) == _codes(planted[group])


def test_compare_the_demo_publications_materials(tmp_path: Path) -> None:
    """The portal's materials differ where planted: a material dropped, one added, a number of
    copies changed; the province-wide materials file's city rows are left out, counted."""
    out = tmp_path / "cmp"
    result = _invoke(
        "compare",
        "fixtures/demo/list-county-511602.xlsx",
        "fixtures/demo/publications/list-county-511602-portal.csv",
        "--materials",
        "fixtures/demo/materials.csv",
        "fixtures/demo/publications/materials-county-511602-portal.csv",
        "--out",
        str(out),
        "--format",
        "json,csv",
    )
    assert result.exit_code == 1, result.output
    planted = PLANTED["compare"]["materials"]
    rows = _rows(out, "compare_materials")
    for change in ("only_in_a", "only_in_b", "changed"):
        assert _codes(r["key"] for r in rows if r["change"] == change) == _codes(planted[change])
    assert len(rows) == 15 and {r["field"] for r in rows if r["change"] == "changed"} == {"copies"}
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    unlisted_a, unlisted_b = summary["materials_of_unlisted_items"]
    assert unlisted_a > 0 and unlisted_b == 0  # materials.csv serves the city list too
    both = set(PLANTED["compare"]["requirements_differ"]) | {c for g in planted.values() for c in g}
    assert summary["requirements_differ"] == len(_codes(both))
