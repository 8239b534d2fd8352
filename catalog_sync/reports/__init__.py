"""Report writers: turn finished tables and a summary into files, decide nothing themselves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Table
from .csv import write_csv
from .json import write_json, write_table_json
from .markdown import write_markdown
from .output import staged_output
from .xlsx import write_xlsx

FORMATS = ("csv", "xlsx", "json", "md", "ttl")
XLSX_NAME = "catalog-sync-report.xlsx"
SUMMARY_NAME = "summary.json"
MARKDOWN_NAME = "report.md"

__all__ = ["FORMATS", "staged_output", "write_report"]


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
                write_table_json(table, stage / f"{table.name}.json")
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
