"""Report writers: turn finished tables and a summary into files, decide nothing themselves.

Two safety nets sit here, whatever the tables hold: every text written goes through
privacy.scrub (an ID or mobile number that reached a cell, say through a shifted column, leaves
masked), and file names come from the tables' own names, never from data, and must be plain.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model import Table
from ..privacy import scrub
from .csv import write_csv
from .json import table_records, write_json
from .markdown import write_markdown
from .output import staged_output
from .xlsx import write_xlsx

FORMATS = ("csv", "xlsx", "json", "md", "ttl")
XLSX_NAME = "catalog-sync-report.xlsx"
SUMMARY_NAME = "summary.json"
MARKDOWN_NAME = "report.md"

__all__ = ["FORMATS", "staged_output", "write_report"]

_PLAIN_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")


def scrubbed(value: Any) -> Any:
    """`value` with ID and mobile numbers masked in every string it holds (dicts, lists too)."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {k: scrubbed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrubbed(v) for v in value]
    return value


def _scrubbed_table(table: Table) -> Table:
    if not _PLAIN_NAME.fullmatch(table.name):
        raise ValueError(f"table name {table.name!r} is not a plain name; it would make a path")
    rows = [{k: scrubbed(v) for k, v in row.items()} for row in table.rows]
    return replace(table, rows=rows)


def write_report(
    out_dir: Path,
    tables: list[Table],
    summary: dict[str, Any],
    formats: list[str],
    lang: str,
    titles: dict[str, tuple[str, str]],
    extra_files: dict[str, bytes] | None = None,
) -> list[Path]:
    """Write every requested format in one staged step, so a report appears whole or not at all."""
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown report formats {unknown}; known: {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    tables = [_scrubbed_table(t) for t in tables]
    summary = scrubbed(summary)
    names: list[str] = []
    with staged_output(out_dir) as stage:
        if "csv" in formats:
            for table in tables:
                write_csv(table, stage / f"{table.name}.csv", lang)
                names.append(f"{table.name}.csv")
        if "xlsx" in formats:
            write_xlsx(tables, stage / XLSX_NAME, lang, titles)
            names.append(XLSX_NAME)
        if "json" in formats:
            write_json(summary, stage / SUMMARY_NAME)
            names.append(SUMMARY_NAME)
            for table in tables:
                write_json(table_records(table), stage / f"{table.name}.json")
                names.append(f"{table.name}.json")
        if "md" in formats:
            write_markdown(tables, summary, stage / MARKDOWN_NAME, lang, titles)
            names.append(MARKDOWN_NAME)
        for name, data in (extra_files or {}).items():
            if Path(name).name != name or name in names:
                raise ValueError(f"extra file name {name!r} is not a plain, unused file name")
            (stage / name).write_bytes(data)
            names.append(name)
    return [out_dir / name for name in names]
