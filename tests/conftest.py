"""Shared fixtures: a CLI runner, the repository's fixtures folder, a CSV writer; no property
test is timed (the Hypothesis profile below)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from catalog_sync.pipeline import Result, RunConfig, Source, run

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# No property test is timed: Hypothesis's 200 ms deadline per example failed CI on a busy
# 2-core machine (a DuckDB query took 263 ms). Speed is measured in benchmarks/, not here.
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str = "utf-8") -> Path:
    """Write rows (lists of cells) as a CSV file in the given encoding; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from this run; review the diff like code",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def run_demo(out: Path) -> None:
    """`catalog-sync diff fixtures/demo --out OUT` from the repository root (so paths in the
    outputs read as the quick start's do); it exits 1, the demo having discrepancies."""
    import os

    from catalog_sync.cli import cli

    here = os.getcwd()
    os.chdir(FIXTURES.parent)
    try:
        result = CliRunner().invoke(cli, ["diff", "fixtures/demo", "--out", str(out)])
    finally:
        os.chdir(here)
    assert result.exit_code == 1, result.output


def run_on_rows(
    folder: Path,
    catalogue: Sequence[Sequence[object]],
    lists: Sequence[Sequence[object]],
    decisions: Sequence[Sequence[object]],
    as_of: date = date(2026, 11, 1),
) -> Result:
    """The pipeline on one catalogue, one list and one decision file, each given as rows
    (header first), written as UTF-8 CSV into `folder`."""
    sources = [
        write_csv(folder / name, rows)
        for name, rows in (
            ("catalogue.csv", catalogue),
            ("list.csv", lists),
            ("decisions.csv", decisions),
        )
    ]
    cat, lst, dec = (Source(p, p.name) for p in sources)
    return run(RunConfig(catalogue=cat, lists=[lst], decisions=[dec], as_of=as_of))


def matched_by_name(result: Result) -> dict[str, str]:
    """item name -> the 基本编码 it implements (list_catalogue_matches)."""
    return {r["item_name"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows}


def cancelled_names(result: Result) -> set[str]:
    """The names of the records a decision cancels that are still listed."""
    return {r["item_name"] for r in result.tables["cancelled_still_listed"].rows}


def cancelled_items(result: Result) -> set[str]:
    """The names of the list items (not catalogue matters) a decision cancels."""
    rows = result.tables["cancelled_still_listed"].rows
    return {r["item_name"] for r in rows if r["source"] != "catalogue"}


CANCELLING_HEADER = ["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"]


def run_cancelling(
    folder: Path,
    catalogue: Sequence[Sequence[object]],
    items: Sequence[Sequence[object]],
    cancelled: Sequence[str],
    doc: str = "示政发〔2026〕2号",
) -> Result:
    """The pipeline on one catalogue and one list (each header first) and a decision file of
    one document cancelling each name in `cancelled` (in force since 2026-04-01), as of
    2026-11-01."""

    def source(name: str, rows: Sequence[Sequence[object]]) -> Source:
        return Source(write_csv(folder / name, rows), name)

    decisions = [
        [doc, "2026-04-01", str(n), name, "", "取消"] for n, name in enumerate(cancelled, 1)
    ]
    return run(
        RunConfig(
            catalogue=source("catalogue.csv", catalogue),
            lists=[source("list.csv", items)],
            decisions=[source("decisions.csv", [CANCELLING_HEADER, *decisions])],
            as_of=date(2026, 11, 1),
        )
    )
