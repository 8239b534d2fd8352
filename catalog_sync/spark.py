"""Work-order linkage and the code tier on Apache Spark: the same rule text
(checks.linkage.classify_sql, code_tier.CODE_TIER_SQL, rendered for Spark SQL), the same
staging columns, the same tables.

Spark classifies every work order and writes the staging table as Parquet; the tables are then
built from that Parquet by exactly the queries the DuckDB engine uses (linkage_tables), so the two
engines differ only in who runs the rule. The session is the one PySpark gives: a Spark Connect
server when SPARK_REMOTE is set, the cluster of `spark-submit`, else `local[*]`. The staging
Parquet goes to the run's work directory, or to CATALOG_SYNC_SPARK_STAGING (a folder the cluster
writes and this machine reads, e.g. a shared mount) when the cluster is elsewhere.

Each CSV file is read whole by one task (`multiLine`: a quoted line break may sit anywhere), so
row numbers are exact: split a national export into many files to spread it over the cluster.
Local files are prepared as for DuckDB (header row found, GB18030 and blank lines transcoded);
a URI Spark reads (hdfs://, s3a://, ...) is read as UTF-8, its header found in its first lines.
"""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from .checks.linkage import (
    ClosestItems,
    LinkageResult,
    classify_sql,
    key_tables,
    linkage_tables,
)
from .code_tier import Columns
from .errors import SourceError
from .mappings import Mapping
from .model import CancelledInfo, ListItem
from .sources.tabular import HEADER_SEARCH_ROWS, find_header
from .sources.work_orders import (
    FIELDS,
    KIND,
    SPACES,
    CsvPlan,
    WorkOrderSource,
    open_work_orders,
)
from .sqldialect import SPARK
from .workspace import Workspace

URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/")


def is_uri(text: str) -> bool:
    return bool(URI.match(text))


def spark_session() -> Any:
    """The session PySpark gives (SPARK_REMOTE, spark-submit, or local[*])."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SourceError(
            "--engine spark", "needs PySpark: pip install 'catalog-sync[spark]' (and Java 17)"
        ) from None
    builder = SparkSession.builder.appName("catalog-sync")
    if not os.environ.get("SPARK_REMOTE"):
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")
        )
    spark = builder.getOrCreate()
    if not os.environ.get("SPARK_REMOTE"):
        spark.sparkContext.setLogLevel("ERROR")
    spark.conf.set("spark.sql.ansi.enabled", "false")  # the rule is written to be safe either way
    return spark


class SparkTables:
    """The code tier (code_tier.CODE_TIER_SQL) on Spark: tables as temporary views."""

    def __init__(self, spark: Any) -> None:
        self.spark = spark

    def load(self, name: str, columns: Columns) -> None:
        schema = ", ".join(f"{c} {'BIGINT' if kind == 'INTEGER' else 'STRING'}"
                           for c, (kind, _) in columns.items())  # fmt: skip
        values = [list(v) for _, v in columns.values()]
        rows = list(zip(*values, strict=True)) if values else []
        self.spark.createDataFrame(rows, schema).createOrReplaceTempView(name)

    def int_columns(self, sql: str) -> list[Any]:
        frame = self.spark.sql(sql)
        rows = frame.collect()
        return [np.asarray([r[i] for r in rows], dtype=np.int64) for i in range(len(frame.columns))]


def link_work_orders_on_spark(
    workspace: Workspace,
    paths: list[tuple[Path, str]],
    mapping: Mapping,
    items: list[ListItem],
    basic_codes: set[str],
    cancelled: dict[str, CancelledInfo],
    as_of: date,
    *,
    work_order_rows: str = "all",
) -> tuple[WorkOrderSource, LinkageResult]:
    """The work orders linked as the DuckDB engine links them, with Spark running the rule: the
    parts are classified on Spark, the tables built in DuckDB from the staged Parquet."""
    from pyspark import StorageLevel

    spark = spark_session()
    local = [(p, d) for p, d in paths if not is_uri(d)]
    source = open_work_orders(workspace.con, local, mapping, workspace.path, count=False)
    frames = _local_frames(spark, workspace, source, list(source.files))  # a part per sheet
    frames += _uri_frames(spark, source, [d for _, d in paths if is_uri(d)], mapping)
    keys = key_tables(items, basic_codes, cancelled)
    for name, (columns, values) in keys.items():
        _key_frame(spark, columns, values).createOrReplaceTempView(name)
    staged = _classified_parts(spark, frames, StorageLevel.MEMORY_AND_DISK)
    _stage_in_duckdb(workspace, frames, staged)
    closest = ClosestItems.of(items, mapping)
    return source, linkage_tables(
        workspace.con,
        "_spark_staged",
        False,
        source,
        as_of,
        keys,
        closest=closest,
        work_order_rows=work_order_rows,
    )


def _local_frames(
    spark: Any, workspace: Workspace, source: WorkOrderSource, displays: list[str]
) -> list[Any]:
    """One frame per local part (a file, or a sheet of a workbook), part n for the n-th: a CSV
    Spark can read as DuckDB planned it is read by Spark, any other file is handed over as the
    rows DuckDB checked."""
    frames = []
    for n, display in enumerate(displays):
        if n in source.plans:
            frames.append(_csv_frame(spark, source.plans[n], display, n))
        else:  # XLSX, JSON, or a CSV with rejected rows: its checked rows, from DuckDB
            frames.append(_duckdb_frame(spark, workspace, source.parts[n][0], n))
    return frames


def _uri_frames(
    spark: Any, source: WorkOrderSource, uris: list[str], mapping: Mapping
) -> list[Any]:
    """One frame per URI, numbered after the local files; each URI is added to the source's
    files, headers, encodings and header rows as a local file is by open_work_orders."""
    frames = []
    for display in uris:
        n = len(source.files)
        plan = _uri_plan(spark, display, mapping, display)  # the URI exactly as given
        source.files.append(display)
        source.headers[display] = {f: f for f in plan.columns}
        source.encodings[display] = plan.encoding
        source.header_rows[display] = plan.header_index + 1
        frames.append(_csv_frame(spark, plan, display, n))
    return frames


def _classified_parts(spark: Any, frames: list[Any], keep: Any) -> list[Any]:
    """Each part as the view _wo_part_<n>, classified by the rule (classify_sql); keep is the
    storage level a part is kept at after its first reading."""
    staged = []
    for n, frame in enumerate(frames):
        # the rule reads a part three times (its distinct codes, its distinct dates, its rows):
        # kept after the first reading, in memory or on local disk, not read from the source again
        frame.persist(keep)
        frame.createOrReplaceTempView(f"_wo_part_{n}")
        staged.append(spark.sql(classify_sql(f"_wo_part_{n}", SPARK, n)))
    return staged


def _stage_in_duckdb(workspace: Workspace, frames: list[Any], staged: list[Any]) -> None:
    """The classified parts written once as Parquet and read by DuckDB as the view _spark_staged
    (empty, with the staging columns, when there is no part), the source frames then let go."""
    target = os.environ.get("CATALOG_SYNC_SPARK_STAGING") or str(workspace.path / "staged")
    if staged:
        union = staged[0]
        for frame in staged[1:]:
            union = union.unionByName(frame)
        union.write.mode("overwrite").parquet(target)
        for frame in frames:
            frame.unpersist()
        workspace.con.execute(
            "CREATE OR REPLACE VIEW _spark_staged AS "
            f"SELECT * FROM read_parquet('{target.rstrip('/')}/*.parquet')"
        )
    else:
        workspace.con.execute(
            "CREATE OR REPLACE VIEW _spark_staged AS SELECT * FROM (SELECT 0 AS _part, "
            "'' AS src_file, 0::BIGINT AS src_row, false AS rejected, '' AS reason, "
            "'' AS agency, false AS on_cancelled, '' AS code, '' AS accept_time, "
            "'' AS r_name, '' AS r_id, '' AS r_phone, '' AS order_no, "
            "CAST(NULL AS DATE) AS accept_date) WHERE false"
        )


def _csv_frame(spark: Any, plan: CsvPlan, display: str, part: int) -> Any:
    """One file as src_file, src_row and the fields as read (blank rows, every cell blank after
    trimming, are dropped)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType([StructField(f"c{i}", StringType()) for i in range(plan.width)])
    frame = (
        spark.read.schema(schema)
        .option("header", "false")
        .option("sep", plan.delimiter)
        .option("quote", '"')
        .option("escape", '"')
        .option("multiLine", "true")
        .option("mode", "PERMISSIVE")
        .option("encoding", "GB18030" if plan.encoding == "gb18030" else "UTF-8")
        .csv(str(plan.readable))
    )
    record = F.monotonically_increasing_id() - F.shiftleft(F.spark_partition_id().cast("long"), 33)
    frame = frame.withColumn("_record", record).where(F.col("_record") > plan.header_index)
    joined = "concat_ws('', " + ", ".join(f"c{i}" for i in range(plan.width)) + ")"
    blank = F.expr(SPARK.strip(joined, SPACES)) == F.lit("")
    fields = [
        F.col(f"c{plan.columns[f]}").alias(f) if f in plan.columns else F.lit(None).alias(f)
        for f in FIELDS
    ]
    return frame.where(~blank).select(
        F.lit(display).alias("src_file"),
        (F.col("_record") + 1).alias("src_row"),
        *fields,
    )


def _duckdb_frame(spark: Any, workspace: Workspace, relation: str, part: int) -> Any:
    cur = workspace.con.execute(f"SELECT src_file, src_row, {', '.join(FIELDS)} FROM {relation}")
    names = [d[0] for d in cur.description]
    schema = ", ".join(f"{n} {'BIGINT' if n == 'src_row' else 'STRING'}" for n in names)
    return spark.createDataFrame(cur.fetchall(), schema)


def _key_frame(spark: Any, columns: list[str], values: list[list[Any]]) -> Any:
    rows = list(zip(*values, strict=True)) if values and values[0] else []
    schema = ", ".join(f"{c} {'DATE' if c == 'effective_date' else 'STRING'}" for c in columns)
    return spark.createDataFrame(rows, schema)


def _uri_plan(spark: Any, uri: str, mapping: Mapping, display: str) -> CsvPlan:
    """The header of a file only Spark can read, from its first lines (read as UTF-8)."""
    lines = [r[0] for r in spark.read.text(uri).limit(HEADER_SEARCH_ROWS).collect()]
    if not lines:
        raise SourceError(display, "is empty")
    text = "\n".join(lines).lstrip("\ufeff")
    delim = "\t" if all("\t" in ln and "," not in ln for ln in lines[-3:]) else ","
    grid = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    idx, columns = find_header(grid, KIND, mapping, display)
    return CsvPlan(uri, delim, idx, dict(columns), len(grid[idx]), "utf-8")
