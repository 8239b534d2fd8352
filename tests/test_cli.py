"""The command line: exit codes 0/1/2, the project file, options winning over it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write_csv

from catalog_sync.cli import cli

CODE = "511A0001000000"
TASK = CODE + "-511602000000-000-11511301008778183N-1-00"


def _in_sync(tmp_path: Path) -> list[str]:
    cat = write_csv(
        tmp_path / "cat.csv", [["基本编码", "事项名称", "事项类型"], [CODE, "食品经营许可", "01"]]
    )
    lst = write_csv(
        tmp_path / "list.csv",
        [["实施编码", "事项名称", "事项类型"], [TASK, "食品经营许可（县级）", "1"]],
    )
    dec = write_csv(
        tmp_path / "dec.csv",
        [
            ["文号", "发布日期", "事项名称", "处理决定"],
            ["国发〔2017〕7号", "2017-01-12", "棉花加工资格认定", "取消"],
        ],
    )
    wo = write_csv(
        tmp_path / "wo.csv", [["办件编号", "实施编码", "受理时间"], ["1", TASK, "2026-01-02"]]
    )
    return [
        "--catalogue",
        str(cat),
        "--list",
        str(lst),
        "--decisions",
        str(dec),
        "--work-orders",
        str(wo),
    ]


def test_exit_0_when_in_sync(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["diff", *_in_sync(tmp_path), "--out", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["discrepancies"] == 0
    assert summary["work_order_linkage_rate"] == 1.0
    assert summary["list_conformance_rate"] == 1.0
    assert "退出码 0：没有待处理的问题。" in result.stdout


def test_exit_1_and_only_the_formats_asked_for(tmp_path: Path) -> None:
    args = _in_sync(tmp_path)
    write_csv(
        tmp_path / "list.csv",
        [["实施编码", "事项名称"], [TASK, "食品经营许可"], ["511Z9-X-000001", "不在目录的事项"]],
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["diff", *args, "--out", str(out), "--format", "csv"])
    assert result.exit_code == 1
    # one CSV per table, and run.json whatever the formats
    assert sorted(p.name for p in out.iterdir() if p.suffix != ".csv") == ["run.json"]
    assert len(list(out.glob("*.csv"))) == 11


def test_memory_limit_goes_to_the_run_and_into_run_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CATALOG_SYNC_MEMORY_LIMIT", raising=False)
    args = [*_in_sync(tmp_path), "--format", "json"]
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["diff", *args, "--out", str(out), "--memory-limit", "3GiB"])
    assert result.exit_code == 0, result.output
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["settings"] == {
        "engine": "duckdb", "work_order_rows": "all", "memory_limit": "3GiB"
    }  # fmt: skip
    result = CliRunner().invoke(cli, ["diff", *args, "--out", str(out)])
    assert (
        json.loads((out / "run.json").read_text(encoding="utf-8"))["settings"]["memory_limit"]
        == "1GB"
    )


def test_a_memory_limit_that_is_no_size_exits_2_writing_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["diff", *_in_sync(tmp_path), "--out", str(out), "--memory-limit", "1G"]
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "catalog-sync: error: --memory-limit: '1G' is not a size: expected a number and a "
        "unit, as 4GB or 512MB"
    )
    assert not out.exists()


def test_project_file_and_options_winning(tmp_path: Path) -> None:
    _in_sync(tmp_path)
    (tmp_path / "catalog-sync.toml").write_text(
        'catalogue = "cat.csv"\nlists = ["list.csv"]\ndecisions = ["dec.csv"]\n'
        'out = "project-out"\nformat = "json"\nas_of = "2016-01-01"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["diff", str(tmp_path)])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "project-out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["as_of"] == "2016-01-01"
    # the option wins over the project file: as of 2017-01-12 the decision is in force, but it
    # names nothing listed, so the run is still in sync
    other = tmp_path / "elsewhere"
    result = CliRunner().invoke(
        cli,
        ["diff", str(tmp_path), "--out", str(other), "--as-of", "2017-01-12", "--format", "json"],
    )
    assert result.exit_code == 0
    assert json.loads((other / "summary.json").read_text(encoding="utf-8"))["as_of"] == "2017-01-12"


def test_project_file_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", str(tmp_path)])
    assert result.exit_code == 2
    assert "catalog-sync.toml: not found" in result.stderr
    (tmp_path / "catalog-sync.toml").write_text("catalogue = [\n", encoding="utf-8")
    result = runner.invoke(cli, ["diff", str(tmp_path)])
    assert result.exit_code == 2 and "not valid TOML" in result.stderr
    (tmp_path / "catalog-sync.toml").write_text('catalog = "x.csv"\n', encoding="utf-8")
    result = runner.invoke(cli, ["diff", str(tmp_path)])
    assert result.exit_code == 2 and "unknown key(s) catalog" in result.stderr


def test_missing_required_options_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "catalog-sync: error: no catalogue: give --catalogue FILE or a project folder"
    )


def test_help_and_version() -> None:
    runner = CliRunner()
    assert (
        "Example: catalog-sync diff fixtures/demo" in runner.invoke(cli, ["diff", "--help"]).output
    )
    assert "catalog-sync, version" in runner.invoke(cli, ["--version"]).output
