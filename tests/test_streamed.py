"""Streamed tables: their SQL twins agree with the Python rules, their files with the writers'."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from catalog_sync.checks.linkage import sql_finding_id, sql_mask_name
from catalog_sync.cli import cli
from catalog_sync.findings import finding_id
from catalog_sync.model import Column, Table
from catalog_sync.normalise import normalise_code, sql_normalise_code
from catalog_sync.pipeline import run
from catalog_sync.privacy import mask_name
from catalog_sync.project import resolve_run
from catalog_sync.reports.csv import csv_cell, sql_csv_cell, write_csv
from catalog_sync.reports.markdown import write_markdown
from catalog_sync.reports.xlsx import write_xlsx
from catalog_sync.streamed import STAGE, TableQuery
from catalog_sync.tables import TABLE_TITLES

ROOT = Path(__file__).resolve().parent.parent
CON = duckdb.connect()
KEYS = "ａＡｂＢ０１９－aAbB019-_/ \u3000\t国发〔〕号（）"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(*(st.text(alphabet=KEYS, max_size=12),) * 3), min_size=1, max_size=8))
def test_sql_finding_id_is_findings_finding_id(rows: list[tuple[str, str, str]]) -> None:
    CON.execute(
        "CREATE OR REPLACE TABLE k AS SELECT unnest($1::VARCHAR[]) AS a, "
        "unnest($2::VARCHAR[]) AS b, unnest($3::VARCHAR[]) AS c",
        [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]],
    )
    keys = [sql_normalise_code(c) for c in "abc"]
    sql = sql_finding_id("unlinked_work_orders", keys)
    got = [r[0] for r in CON.execute(f"SELECT {sql} FROM k").fetchall()]
    expected = [
        finding_id("unlinked_work_orders", {"order_no": a, "task_code": b, "reason": c})
        for a, b, c in rows
    ]
    assert got == expected
    assert all(normalise_code(x) == normalise_code(normalise_code(x)) for r in rows for x in r)


NAMES = st.text(alphabet="张三丰欧阳娜John Smith李é𠀀", max_size=6).map(str.strip)


@settings(max_examples=100, deadline=None)
@given(st.lists(NAMES, min_size=1, max_size=10))
def test_sql_mask_name_is_mask_name(names: list[str]) -> None:
    CON.execute("CREATE OR REPLACE TABLE n AS SELECT unnest($1::VARCHAR[]) AS v", [names])
    got = [r[0] for r in CON.execute(f"SELECT {sql_mask_name('v')} FROM n").fetchall()]
    assert got == [mask_name(v) for v in names]


CELLS = st.text(alphabet="=+-@\t\r 01.5eE,\"'中\n", max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=10))
@example(["-0\n", "+1.5\n", "-0", "=1"])  # Python's $ matches before a final newline, RE2's not
def test_sql_csv_cell_is_csv_cell(values: list[str]) -> None:
    CON.execute("CREATE OR REPLACE TABLE c AS SELECT unnest($1::VARCHAR[]) AS v", [values])
    got = [r[0] for r in CON.execute(f"SELECT {sql_csv_cell('v')} FROM c").fetchall()]
    assert [g or "" for g in got] == [csv_cell(v) for v in values]


@pytest.fixture(scope="module")
def demo():
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        settings = resolve_run(
            out=Path("unused"),
            formats=None,
            lang=None,
            project_dir=Path("fixtures/demo"),
            catalogue=None,
            lists=(),
            decisions=(),
            work_orders=(),
            as_of=None,
            mappings=(),
            judgements=None,
            baseline=None,
            fail_on=None,
        )
        with run(settings.config) as result:
            yield result
    finally:
        os.chdir(here)


def _plain(table: Table) -> Table:
    return Table(table.name, table.columns, list(table.rows), table.counts_as_discrepancy)


@pytest.mark.parametrize("name", ["unlinked_work_orders", "work_orders_on_cancelled_items"])
def test_streamed_csv_is_byte_for_byte_the_writers(demo, name: str, tmp_path: Path) -> None:
    streamed = demo.tables[name]
    assert hasattr(streamed, "stream") and streamed.count() > 10
    for lang in ("zh", "en"):
        write_csv(streamed, tmp_path / "a.csv", lang)
        write_csv(_plain(streamed), tmp_path / "b.csv", lang)
        assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_streamed_xlsx_and_markdown_cut_like_the_writers(demo, tmp_path: Path) -> None:
    import openpyxl

    streamed = demo.tables["unlinked_work_orders"]
    write_xlsx([streamed], tmp_path / "a.xlsx", "en", TABLE_TITLES, max_rows=50)
    write_xlsx([_plain(streamed)], tmp_path / "b.xlsx", "en", TABLE_TITLES, max_rows=50)
    a, b = (openpyxl.load_workbook(tmp_path / f, read_only=True) for f in ("a.xlsx", "b.xlsx"))
    rows_a = list(a.worksheets[0].iter_rows(values_only=True))
    assert rows_a == list(b.worksheets[0].iter_rows(values_only=True))
    assert len(rows_a) == 50 and str(rows_a[-1][0]).startswith("Cut: ")
    write_markdown([streamed], {}, tmp_path / "a.md", "en", TABLE_TITLES)
    write_markdown([_plain(streamed)], {}, tmp_path / "b.md", "en", TABLE_TITLES)
    assert (tmp_path / "a.md").read_text() == (tmp_path / "b.md").read_text()


def test_streamed_json_parses_to_the_rows(demo, tmp_path: Path) -> None:
    from catalog_sync.reports.json import table_records, write_table_json

    streamed = demo.tables["work_orders_on_cancelled_items"]
    write_table_json(streamed, tmp_path / "a.json")
    assert json.loads((tmp_path / "a.json").read_text()) == table_records(_plain(streamed))


def test_quiet_and_verbose(tmp_path: Path) -> None:
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        runner = CliRunner()
        quiet = runner.invoke(cli, ["diff", "fixtures/demo", "--out", str(tmp_path), "-q"])
        loud = runner.invoke(cli, ["diff", "fixtures/demo", "--out", str(tmp_path), "-v"])
    finally:
        os.chdir(here)
    assert quiet.exit_code == loud.exit_code == 1
    assert quiet.stderr == ""
    assert "work orders" in loud.stderr and "write" in loud.stderr


def test_work_orders_as_a_glob(tmp_path: Path) -> None:
    """--work-orders 'dir/*.csv' reads every match in name order, as a folder would."""
    rows = (ROOT / "fixtures/demo/work-orders.csv").read_text(encoding="utf-8-sig").splitlines()
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "a.csv").write_text("\n".join(rows[:1001]) + "\n", encoding="utf-8")
    (folder / "b.csv").write_text("\n".join([rows[0], *rows[1001:]]) + "\n", encoding="gb18030")
    demo = ROOT / "fixtures/demo"
    args = ["diff", "--catalogue", str(demo / "catalogue.csv"), "--format", "json"]
    args += [
        "--list",
        str(demo / "list-county-511602.xlsx"),
        "--list",
        str(demo / "list-city-5116.csv"),
    ]
    args += ["--decisions", str(demo / "decisions"), "--as-of", "2026-11-01"]
    result = CliRunner().invoke(
        cli, [*args, "--work-orders", str(folder / "*.csv"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1, result.output
    summary = json.loads((tmp_path / "out/summary.json").read_text(encoding="utf-8"))
    inputs = [i for i in summary["inputs"] if i["kind"] == "work_orders"]
    assert [(Path(i["file"]).name, i["rows_read"], i["encoding"]) for i in inputs] == [
        ("a.csv", 1000, "utf-8"),
        ("b.csv", 2000, "gb18030"),
    ]
    assert summary["work_orders"] == 2995
    missing = CliRunner().invoke(cli, [*args, "--work-orders", str(folder / "*.tsv"), "--out", "x"])
    assert missing.exit_code == 2 and "no file matches" in missing.output


def test_progress_bar_only_on_a_terminal() -> None:
    import io

    from catalog_sync.progress import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert not ProgressBar.wanted(io.StringIO()) and ProgressBar.wanted(Terminal())
    screen = Terminal()
    bar = ProgressBar(screen, min_interval=0)
    bar("work orders", 0.0, 0)
    bar("work orders", 0.5, 1_500_000)
    bar("work orders", 1.0, 3_000_000)
    lines = screen.getvalue().split("\r")
    assert "50%" in lines[2] and "1.5M rows" in lines[2] and "rows/s" in lines[2]
    assert screen.getvalue().endswith("\n")  # the bar's line is closed at 100 %


def _query_of(rows: list[tuple[str, int, str]], name: str) -> TableQuery:
    """A TableQuery over (_fid, source_row, order_no) rows, all of part 0, in a fresh stage."""
    con = duckdb.connect()
    con.execute(f"ATTACH ':memory:' AS {STAGE}")
    values = ", ".join(f"('{f}', 0, {r}, '{o}')" for f, r, o in rows)
    base = f"SELECT * FROM (VALUES {values}) v(_fid, _part, source_row, order_no)"
    columns = [Column(k, k, k) for k in ("finding_id", "status", "order_no", "source_row")]
    return TableQuery(con, name, columns, base, ordered=False, as_of=date(2026, 11, 1),
                      order=("_part", "source_row"))  # fmt: skip


def test_repeated_ids_numbered_in_table_order() -> None:
    """Worked by hand: ids a (rows 5, 2, 9) and b (row 4) repeat or not; the rows come sorted
    by row, a's second and third by row get #2 and #3, b none."""
    query = _query_of([("a", 5, "x"), ("b", 4, "y"), ("a", 2, "z"), ("a", 9, "w")], "t_rep")
    assert query.has_dups
    got = [(r["finding_id"], r["source_row"], r["order_no"]) for r in query.fetch()]
    assert got == [("a", 2, "z"), ("b", 4, "y"), ("a#2", 5, "x"), ("a#3", 9, "w")]


def test_unique_ids_read_the_base_once() -> None:
    """No id repeats: no numbering table is made (the base is not read a second time), and
    the rows keep their ids as they are."""
    query = _query_of([("a", 5, "x"), ("b", 4, "y")], "t_uni")
    assert not query.has_dups
    tables = {t for (t,) in query.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "dups_t_uni" not in tables and "dups_t_uni_ids" in tables
    assert [(r["finding_id"], r["source_row"]) for r in query.fetch()] == [("b", 4), ("a", 5)]
