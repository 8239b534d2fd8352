"""The command line: exit codes 0/1/2, the project file, options winning over it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
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
    assert summary["warnings"] == []
    assert summary["work_order_linkage_rate"] == 1.0
    assert summary["list_conformance_rate"] == 1.0
    assert "退出码 0：没有待处理的问题。" in result.stdout


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "wo.csv 没有受理时间列（应有“受理时间”或“受理日期”表头）：其办件未做取消后仍办件"),
        ("en", "no 受理时间 column in {wo} (a 受理时间 or 受理日期 header expected): its work "),
    ],
)
def test_work_orders_without_an_accept_time_column_are_warned_of(
    tmp_path: Path, lang: str, said: str
) -> None:
    """No 受理时间 column: no work order can be found on a cancelled item. The run goes on
    (exit 0) and says so in one line, and summary.json keeps it (until session 17: silence)."""
    args = _in_sync(tmp_path)
    wo = write_csv(tmp_path / "wo.csv", [["办件编号", "实施编码"], ["1", TASK]])
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["diff", *args, "--out", str(out), "--format", "json", "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("catalog-sync: warning: ")
    assert said.format(wo=wo) in line
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["warnings"] == [
        f"no 受理时间 column in {wo} (a 受理时间 or 受理日期 header expected): its work orders "
        "were not checked against cancelled items"
    ]


@pytest.mark.parametrize("given", ["EN", "En"])
def test_lang_is_taken_in_any_case_and_used_in_lower_case(tmp_path: Path, given: str) -> None:
    """--lang EN means en (until session 17: click's usage error, three lines)."""
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["diff", *_in_sync(tmp_path), "--out", str(out), "--format", "csv", "--lang", given]
    )
    assert result.exit_code == 0, result.output
    assert "Exit code 0: nothing to act on." in result.stdout
    header = (out / "work_order_linkage.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Agency,Work orders,")


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

    def settings(*more: str) -> dict[str, object]:
        result = CliRunner().invoke(cli, ["diff", *args, "--out", str(out), *more])
        assert result.exit_code == 0, result.output
        return json.loads((out / "run.json").read_text(encoding="utf-8"))["settings"]

    assert settings("--memory-limit", "3 gib") == {
        "engine": "duckdb", "work_order_rows": "all", "memory_limit": "3GiB"
    }  # fmt: skip
    assert settings()["memory_limit"] == "1GB"
    monkeypatch.setenv("CATALOG_SYNC_MEMORY_LIMIT", " 2gb ")
    assert settings()["memory_limit"] == "2GB"  # as DuckDB was given it, not as typed
    args = args[: args.index("--work-orders")] + ["--format", "json"]
    assert settings()["memory_limit"] is None  # no work orders: no budget was used


def test_the_work_orders_are_linked_within_the_budget_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The budget reaches the connection the work orders are linked in, as DuckDB reads the
    size (it shows 3GiB as 3.0 GiB): given to the run, else the environment's."""
    import duckdb

    from catalog_sync.pipeline import run
    from catalog_sync.project import resolve_run

    args = _in_sync(tmp_path)
    files = dict(zip(args[::2], args[1::2], strict=True))
    shown = "SELECT current_setting('memory_limit')"

    def budget(given: str | None) -> tuple[object, object]:
        settings = resolve_run(
            None, catalogue=Path(files["--catalogue"]), lists=(Path(files["--list"]),),
            decisions=(Path(files["--decisions"]),), work_orders=(files["--work-orders"],),
            as_of=None, mappings=(), out=tmp_path / "o", formats=None, lang=None,
            memory_limit=given,
        )  # fmt: skip
        with run(settings.config) as result:
            assert result.workspace is not None
            got = result.workspace.con.execute(shown).fetchone()
            return got, result.run_record["settings"]["memory_limit"]

    def duckdb_shows(size: str) -> object:
        con = duckdb.connect(config={"memory_limit": size})
        try:
            return con.execute(shown).fetchone()
        finally:
            con.close()

    monkeypatch.setenv("CATALOG_SYNC_MEMORY_LIMIT", "300MB")
    assert budget("3GiB") == (duckdb_shows("3GiB"), "3GiB")
    assert budget(None) == (duckdb_shows("300MB"), "300MB")
    assert duckdb_shows("3GiB") != duckdb_shows("1GB") != duckdb_shows("300MB")


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


def _commands(group: click.Group) -> list[click.Command]:
    found: list[click.Command] = []
    for command in group.commands.values():
        found += _commands(command) if isinstance(command, click.Group) else [command]
    return found


def test_the_examples_in_the_help_name_files_that_are_there() -> None:
    """A user copies the help's example first: each fixtures path it names exists (the compare
    example named a publication the demo does not have)."""
    root = Path(__file__).resolve().parent.parent
    named = [
        (command.name, path)
        for command in _commands(cli)
        for path in re.findall(r"fixtures/[^\s,]+", command.help or "")
    ]
    assert {name for name, _ in named} >= {"diff", "compare", "export", "import"}
    assert [(name, path) for name, path in named if not (root / path).exists()] == []


def test_a_decision_file_none_of_whose_rows_can_be_used_is_warned_of(tmp_path: Path) -> None:
    """An annex copied without its dates: every row is rejected. Until session 17 the terminal
    said nothing (决定 0, exit 0) and only summary.json held the rejections."""
    args = _in_sync(tmp_path)
    dec = write_csv(
        tmp_path / "undated.csv",
        [["文号", "事项名称", "处理决定"], ["国发〔2017〕7号", "棉花加工资格认定", "取消"]],
    )
    args[args.index("--decisions") + 1] = str(dec)
    result = CliRunner().invoke(cli, ["diff", *args, "--out", str(tmp_path / "out")])
    (line,) = result.stderr.splitlines()
    assert line == f"catalog-sync: warning: {dec} 的 1 行均无法使用：原因见拒收行表"


def test_work_orders_none_of_which_can_be_used_are_warned_of(tmp_path: Path) -> None:
    """Every 受理时间 in a form not read: every row rejected, and stderr says so."""
    args = _in_sync(tmp_path)
    wo = write_csv(
        tmp_path / "wo.csv",
        [["办件编号", "实施编码", "受理时间"], ["1", TASK, "2026-13-45"], ["2", TASK, "昨天"]],
    )
    args[args.index("--work-orders") + 1] = str(wo)
    result = CliRunner().invoke(
        cli, ["diff", *args, "--out", str(tmp_path / "out"), "--lang", "en"]
    )
    assert result.stderr.splitlines() == [
        f"catalog-sync: warning: no row of {wo} could be used (2 read): rejected_rows says why"
    ]
