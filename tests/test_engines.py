"""DuckDB and Spark run the one linkage rule and the one code tier: identical tables on the
demo, identical rule parts, the same code-tier pairs.

Needs PySpark (the `spark` extra, installed by the README's test command) and Java 17.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog_sync.checks.linkage import sql_mask_name, sql_parse_date
from catalog_sync.cli import cli
from catalog_sync.code_tier import DuckDBTables, code_tier_pairs
from catalog_sync.dates import parse_date
from catalog_sync.normalise import normalise_code, sql_normalise_code
from catalog_sync.privacy import mask_name
from catalog_sync.sources.catalogue import load_catalogue
from catalog_sync.sources.implementation_list import load_list
from catalog_sync.sqldialect import SPARK

ROOT = Path(__file__).resolve().parent.parent


def _java_ok() -> bool:
    java = shutil.which("java")
    if java is None:
        return False
    return subprocess.run([java, "-version"], capture_output=True).returncode == 0


try:
    import pyspark  # noqa: F401

    MISSING = "" if _java_ok() else "no Java runtime on PATH (Spark needs Java 17)"
except ImportError:
    MISSING = "PySpark is not installed: pip install -e '.[test,spark]'"

pytestmark = pytest.mark.skipif(bool(MISSING), reason=MISSING)


@pytest.fixture(scope="module")
def spark():
    from catalog_sync.spark import spark_session

    session = spark_session()
    yield session
    session.stop()


def _run(engine: str, out: Path) -> dict[str, object]:
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(
            cli,
            [
                "diff",
                "fixtures/demo",
                "--out",
                str(out),
                "--format",
                "csv,json",
                "--engine",
                engine,
            ],
        )
    finally:
        os.chdir(here)
    assert result.exit_code == 1, result.output
    return {
        p.name: p.read_bytes()
        for p in sorted(out.iterdir())
        if p.name != "run.json"  # it holds the clock
    }


def test_duckdb_and_spark_write_identical_tables(spark, tmp_path: Path) -> None:
    duck = _run("duckdb", tmp_path / "duckdb")
    sparked = _run("spark", tmp_path / "spark")
    assert sorted(duck) == sorted(sparked)
    for name in duck:
        assert duck[name] == sparked[name], f"{name} differs between the engines"
    summary = json.loads(duck["summary.json"])
    assert summary["work_orders"] == 2995 and summary["work_orders_on_cancelled_items"] > 0


CODES = [
    *("５１１Ａ－０１", " 11510100ab0001-510100-001 ", "1151 0100\u3000AB", "", "无", "a\tb\x1c"),
    "5110\u200b0100\ufeff",
]
DATES = [
    *("2026-09-01", "2026/9/1 8:05", "20260901", "2026年9月1日", "２０２６－０９－０１"),
    *("45000.5", "2026-02-30", " 2026-9-1 ", "0000-01-01", "2026.9.1 10:20:30", "abc", ""),
    *("2026-09-01 25:00:00", "2026/9/1 23:61", "2026年9月1日 23:59:60", "2026-09-01 23:59:59"),
    *("20260305102030", "20260305250000", "2026-03-05T16:00:00Z", "2026-03-05T15:59:59.5Z"),
    *("2026-03-01T00:30:00+09:00", "2026-03-01T20:00:00-05:00", "2026-03-05T10:20:30+08:00"),
    *("2026-12-31T16:00Z", "2026-03-05T10:20+15:00", "２０２６－０３－０５Ｔ２０：００Ｚ"),
    *("2026年03月05日 10时20分", "2026年3月5日10时20分30秒", "2026年3月5日 25时"),
    *(
        "2026-03-05 上午10:20",
        "2026-03-05 下午3:05",
        "2026-03-05 下午13:05",
        "2026-03-05 下午11:30Z",
    ),
]
NAMES = ["张三丰", "欧阳娜娜", "John Smith", "李", "𠀀𠀁𠀂", ""]


def test_spark_renders_each_rule_as_duckdb_does(spark) -> None:
    def column(values: list[str], sql: str) -> list[object]:
        frame = spark.createDataFrame([(i, v) for i, v in enumerate(values)], "i INT, v STRING")
        frame.createOrReplaceTempView("v")
        return [r[0] for r in spark.sql(f"SELECT {sql} FROM v ORDER BY i").collect()]

    assert column(CODES, sql_normalise_code("v", SPARK)) == [normalise_code(c) for c in CODES]
    expected: list[date | None] = []
    for d in DATES:
        try:
            expected.append(parse_date(d))
        except ValueError:
            expected.append(None)
    assert column(DATES, sql_parse_date("v", SPARK)) == expected
    assert column(NAMES, sql_mask_name("v", SPARK)) == [mask_name(n) for n in NAMES]


def test_spark_runs_the_code_tier_as_duckdb_does(spark) -> None:
    from test_code_tier import DENIED, EXPECTED, ITEMS, MATTERS

    from catalog_sync.mappings import load_mapping
    from catalog_sync.spark import SparkTables

    assert code_tier_pairs(ITEMS, MATTERS, DENIED, SparkTables(spark)) == EXPECTED
    mapping = load_mapping()
    demo = ROOT / "fixtures" / "demo"
    matters = load_catalogue(demo / "catalogue.csv", "catalogue.csv", mapping).records
    seen: dict[str, str] = {}
    items = [
        i
        for name in ("list-county-511602.xlsx", "list-city-5116.csv")
        for i in load_list(demo / name, name, mapping, seen).records
    ]
    undenied = code_tier_pairs(items, matters, None, DuckDBTables())
    first = next(iter(undenied))
    denied = {first: {undenied[first]}}
    on_duckdb = code_tier_pairs(items, matters, denied, DuckDBTables())
    assert len(on_duckdb) == len(undenied) - 1 > 500 and first not in on_duckdb
    assert code_tier_pairs(items, matters, denied, SparkTables(spark)) == on_duckdb


def test_spark_reads_codes_written_otherwise_as_duckdb_does(spark) -> None:
    from test_code_written_otherwise import expected, read_pairs

    from catalog_sync.spark import SparkTables

    assert read_pairs(SparkTables(spark)) == expected() == read_pairs(DuckDBTables())


def test_spark_reads_a_file_uri_as_given(spark, tmp_path: Path) -> None:
    """file:///x reached Spark as file:/x (pathlib folds '//'), and run.json opened it as a
    local path: "No such file or directory"."""
    good = ROOT / "tests" / "corpus" / "good"
    uri = f"file://{good / 'work-orders.csv'}"
    out = tmp_path / "out"
    args = ["diff", "--catalogue", str(good / "catalogue.csv"), "--list", str(good / "list.csv")]
    args += ["--decisions", str(good / "decisions.csv"), "--work-orders", uri]
    result = CliRunner().invoke(cli, [*args, "--engine", "spark", "--out", str(out), "-q"])
    assert result.exit_code == 1, result.output
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    (orders,) = [i for i in summary["inputs"] if i["kind"] == "work_orders"]
    assert orders["file"] == uri and orders["rows_read"] == 4
