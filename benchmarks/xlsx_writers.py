"""The report workbook: catalog-sync's stream against XlsxWriter, on the same tables.

    python benchmarks/xlsx_writers.py --rows 0,50000 --runs 3

Runs the demo (fixtures/demo) once, then for each size writes its tables (each findings table
and list_catalogue_matches repeated up to --rows rows, codes, ids and evidence made distinct per
copy; 0 = the demo as it is) with each writer, --runs times, and prints the median seconds, the
ratio to the first writer and the file size. Writers, both making the same workbook (概要 sheet
and chart, typed rates and dates, totals outside the filter, print setup, escaping):

- stream: catalog_sync.reports.xlsx.write_xlsx (reports/xlsx_stream.py), the one in use;
- xlsxwriter: benchmarks/xlsxwriter_report.py, XlsxWriter in constant_memory mode.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog_sync.model import Table  # noqa: E402
from catalog_sync.project import resolve_run  # noqa: E402
from catalog_sync.reports import xlsx  # noqa: E402
from catalog_sync.tables import TABLE_TITLES  # noqa: E402
from catalog_sync.vocab import localized  # noqa: E402


def demo_tables() -> tuple[list[Table], dict[str, Any]]:
    from catalog_sync.pipeline import run

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        settings = resolve_run(
            Path("fixtures/demo"), catalogue=None, lists=(), decisions=(), work_orders=(),
            as_of=None, mappings=(), out=Path(tempfile.mkdtemp()), formats=None, lang=None,
        )  # fmt: skip
        with run(settings.config) as result:
            tables = [
                Table(t.name, t.columns, list(t.rows), t.counts_as_discrepancy)
                for t in result.tables.values()
            ]
            return tables, dict(result.summary)
    finally:
        os.chdir(here)


_DISTINCT = ("finding_id", "order_no", "item_code", "task_code", "evidence")


def scaled(tables: list[Table], rows: int) -> list[Table]:
    """Each findings table and list_catalogue_matches repeated to `rows` rows."""
    if not rows:
        return tables
    out = []
    for t in tables:
        if t.rows and (t.counts_as_discrepancy or t.name == "list_catalogue_matches"):
            reps = -(-rows // len(t.rows))
            grown = [
                {**r, **{k: f"{r[k]}-{n}" for k in _DISTINCT if r.get(k)}}
                for n in range(reps)
                for r in t.rows
            ][:rows]
            out.append(Table(t.name, t.columns, grown, t.counts_as_discrepancy))
        else:
            out.append(t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", default="0,200000", help="rows per findings table, comma-separated")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    base, summary = demo_tables()
    base = [localized(t, "zh") for t in base]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import xlsxwriter_report

    writers = {
        "stream": lambda ts, p, s: xlsx.write_xlsx(ts, p, "zh", TABLE_TITLES, summary=s),
        "xlsxwriter": lambda ts, p, s: xlsxwriter_report.write_xlsx(
            ts, p, "zh", TABLE_TITLES, summary=s
        ),
    }
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        for rows in (int(r) for r in args.rows.split(",")):
            tables = scaled(base, rows)
            cells = sum(len(t.rows) * len(t.columns) for t in tables)
            first = None
            for name, write in writers.items():
                times = []
                for _ in range(args.runs):
                    path = Path(tmp) / f"{name[:6]}.xlsx"
                    started = time.perf_counter()
                    write(tables, path, summary)
                    times.append(time.perf_counter() - started)
                median = statistics.median(times)
                first = first or median
                table.append(
                    [rows or "demo", f"{cells:,}", name, f"{median:.2f}",
                     f"{median / first:.2f}", f"{path.stat().st_size / 1e6:.1f}"]
                )  # fmt: skip
    print(tabulate(table, headers=["rows/table", "cells", "writer", "median s", "ratio", "MB"]))


if __name__ == "__main__":
    main()
