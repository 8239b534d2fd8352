"""Report writers: turn finished tables and a summary into files, decide nothing themselves.

Two safety nets sit here, whatever the tables hold: every text written goes through
privacy.scrub (an ID or mobile number that reached a cell, say through a shifted column, leaves
masked), and file names come from the tables' own names, never from data, and must be plain.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from ..gcpause import paused_gc
from ..model import Table
from ..privacy import SQL_PERSONAL_NUMBER, scrub, scrub_changes_any
from ..vocab import Rendering, localized, rendered_keys
from .csv import write_csv
from .html import FIRST_ROWS, write_html
from .json import write_json, write_table_json
from .markdown import write_markdown
from .output import report_generation, staged_output
from .parallel import Job, WrittenAhead, run_jobs
from .xlsx import INFO_MAX_ROWS, TOTAL, write_xlsx

FORMATS = ("csv", "xlsx", "json", "md", "html", "ttl")
XLSX_NAME = "catalog-sync-report.xlsx"
SUMMARY_NAME = "summary.json"
MARKDOWN_NAME = "report.md"
HTML_NAME = "report.html"

__all__ = ["FORMATS", "report_to_open", "staged_output", "write_report"]

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


def _may_hold_personal_numbers(stream: Any) -> bool:
    """Whether a text of the streamed table may hold an ID or mobile number: searched in its
    rows, or in the narrower texts its query names as equivalent (TableQuery.personal_texts)."""
    narrower = getattr(stream, "personal_texts", None)
    texts_select = narrower() if callable(narrower) else None
    select = texts_select or stream.select()
    described = stream.con.execute(f"SELECT * FROM ({select}) t LIMIT 0").description
    names = [d[0] for d in described] if texts_select else stream.keys
    texts = [k for k, d in zip(names, described, strict=True) if str(d[1]) == "VARCHAR"]
    if not texts:
        return False
    pattern = SQL_PERSONAL_NUMBER.replace("'", "''")
    # one search over the row's texts joined by a control character: it is not a digit, letter,
    # space, hyphen or plus, so no number runs across two cells, and it stands where a cell
    # starts or ends as ^ and $ would (one call a row, not one a cell)
    test = f"regexp_matches(concat_ws(chr(1), {', '.join(texts)}), '{pattern}')"
    found = stream.con.execute(f"SELECT count(*) FROM ({select}) t WHERE {test}").fetchone()
    return bool(found and found[0])


def _scrubbed_table(table: Table) -> Table:
    """`table` with ID and mobile numbers masked; itself when none is in it."""
    if not _PLAIN_NAME.fullmatch(table.name):
        raise ValueError(f"table name {table.name!r} is not a plain name; it would make a path")
    stream = getattr(table, "stream", None)
    if stream is not None:
        if not _may_hold_personal_numbers(stream):
            return table  # copied out by DuckDB as it is: nothing in it for scrub to mask
        # a number slipped in (shifted columns): the rows come to Python, and through scrub
        table = Table(table.name, table.columns, table.rows, table.counts_as_discrepancy)
    if not _may_need_scrub(table.rows):
        return table  # the common case: written as it is, no copy of a province's rows
    rows = [{k: scrubbed(v) for k, v in row.items()} for row in table.rows]
    return replace(table, rows=rows)


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _may_need_scrub(rows: list[dict[str, Any]]) -> bool:
    """Whether scrubbed() could change any row: its texts checked once per column and distinct
    value (names, agencies and evidence repeat down a province's columns), in one pass."""
    for key in set(chain.from_iterable(rows)):  # every row's keys (a third of union's time)
        try:
            values = set(map(dict.get, rows, repeat(key)))
        except TypeError:  # a list or a dict in a cell
            return True
        kinds = set(map(type, values))
        if not kinds <= _SCALARS:
            return True  # a tuple or another value: scrubbed() decides, row by row
        texts = values if kinds == {str} else [v for v in values if type(v) is str]
        if scrub_changes_any(texts):  # type: ignore[arg-type]
            return True
    return False


# A job's estimated cost (reports.parallel.Job): its rows times its cost per row relative to
# CSV's (rendering included), as measured at 500,000 list items, each job alone (CPU): JSON
# 1.05, Turtle 1.6, a workbook row 3.6; report.html 0.27 (its charts; more at 200,000),
# report.md 0.03 (session 10; Turtle mostly written ahead, see WrittenAhead). The two writing
# processes take the biggest job left first: the costs order the jobs and tell whether a
# second process pays off (PARALLEL_FROM), not who writes what.
_COST_PER_ROW = {"csv": 1, "json": 1.05, "ttl": 1.6, "xlsx": 3.6, "html": 0.27, "md": 0.03}


def write_report(
    out_dir: Path,
    tables: list[Table],
    summary: dict[str, Any],
    formats: list[str],
    lang: str,
    titles: dict[str, tuple[str, str]],
    extra_files: dict[str, bytes | Callable[[Path], None] | WrittenAhead] | None = None,
    *,
    timings: dict[str, float] | None = None,
    parallel: bool | None = None,
) -> list[Path]:
    """Write every requested format into a new generation of `out_dir` made current in one
    step (reports.output), so a report appears whole or not at all, never beside an older one.
    An extra file is given as its bytes, as a function that writes it to a path (streaming), or
    as a file a forked process is writing already (WrittenAhead: placed after the other jobs).
    Big reports are written on two cores (reports.parallel); `timings` gets each part's seconds.
    """
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown report formats {unknown}; known: {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    tables, summary = _scrubbed_report(tables, summary)
    rows = sum(t.count() for t in tables)
    if any(getattr(t, "stream", None) is not None for t in tables):
        parallel = False  # a DuckDB connection is not to be used across fork
    with paused_gc(), report_generation(out_dir) as stage:
        names, jobs = _format_jobs(tables, summary, formats, lang, titles, stage, rows)
        ahead = _add_extra_files(extra_files or {}, names, jobs, stage, rows)
        run_jobs(jobs, timings, parallel)
        _place_written_ahead(ahead, stage, timings)
    return [out_dir / name for name in names]


def _scrubbed_report(
    tables: list[Table], summary: dict[str, Any]
) -> tuple[list[Table], dict[str, Any]]:
    """The tables and the summary with ID and mobile numbers masked, whatever they hold: the
    safety net every report file is written from."""
    with paused_gc():  # the collector would rescan a province's rows as scrubbing allocates
        return [_scrubbed_table(t) for t in tables], scrubbed(summary)


def _format_jobs(
    tables: list[Table],
    summary: dict[str, Any],
    formats: list[str],
    lang: str,
    titles: dict[str, tuple[str, str]],
    stage: Path,
    rows: int,
) -> tuple[list[str], list[Job]]:
    """The requested formats' file names and the jobs that write them into `stage`, weighed
    by _COST_PER_ROW. JSON and report.md keep the English values; the rest is for people to
    read, rendered (vocab.localized) in the job that writes it, after the fork, and only the
    rows it shows."""
    names: list[str] = []
    jobs: list[Job] = []
    if "csv" in formats:  # a job per file: the two writing processes share them out
        for table in tables:
            names.append(f"{table.name}.csv")
            write_csv_file = functools.partial(_write_csvs, [table], stage, lang)
            jobs.append(("csv", _COST_PER_ROW["csv"] * table.count(), write_csv_file))
    if "xlsx" in formats:
        names.append(XLSX_NAME)

        def workbook() -> None:  # the tables rendered as the workbook shows them, in the job
            shown = _shown_in_workbook(tables, lang)
            write_xlsx(shown, stage / XLSX_NAME, lang, titles, summary=summary)

        jobs.append(("xlsx", _COST_PER_ROW["xlsx"] * _rows_in_workbook(tables), workbook))
    if "json" in formats:
        names.append(SUMMARY_NAME)
        jobs.append(("json", 1, functools.partial(write_json, summary, stage / SUMMARY_NAME)))
        for table in tables:
            names.append(f"{table.name}.json")
            path = stage / f"{table.name}.json"
            write_json_file = functools.partial(write_table_json, table, path)
            jobs.append(("json", _COST_PER_ROW["json"] * table.count(), write_json_file))
    if "md" in formats:
        names.append(MARKDOWN_NAME)
        path = stage / MARKDOWN_NAME
        markdown = functools.partial(write_markdown, tables, summary, path, lang, titles)
        jobs.append(("md", _COST_PER_ROW["md"] * rows, markdown))
    if "html" in formats:
        names.append(HTML_NAME)

        def html() -> None:  # the first FIRST_ROWS of each table (the rest: its CSV) rendered
            shown = [_shown_first(t, lang, FIRST_ROWS) for t in tables]
            write_html(tables, shown, summary, stage / HTML_NAME, lang, titles)

        jobs.append(("html", _COST_PER_ROW["html"] * rows, html))
    return names, jobs


def _add_extra_files(
    extra_files: dict[str, bytes | Callable[[Path], None] | WrittenAhead],
    names: list[str],
    jobs: list[Job],
    stage: Path,
    rows: int,
) -> dict[str, WrittenAhead]:
    """The extra files (run.json, graph.ttl) added to `names`: bytes written into `stage` now,
    a function that streams its file (graph.ttl, weighed as Turtle) added to `jobs`. Returns
    those written ahead, to be placed after the jobs."""
    ahead: dict[str, WrittenAhead] = {}
    for name, data in extra_files.items():
        if Path(name).name != name or name in names:
            raise ValueError(f"extra file name {name!r} is not a plain, unused file name")
        names.append(name)
        if isinstance(data, WrittenAhead):
            ahead[name] = data
        elif callable(data):
            jobs.append((name, _COST_PER_ROW["ttl"] * rows, functools.partial(data, stage / name)))
        else:
            (stage / name).write_bytes(data)
    return ahead


def _place_written_ahead(
    ahead: dict[str, WrittenAhead], stage: Path, timings: dict[str, float] | None
) -> None:
    """The files written ahead moved into `stage`, last: the forked writer has had the most
    time. `timings` gets the seconds of each part of their writing."""
    for name, early in ahead.items():
        placed = early.place(stage / name)
        if timings is not None:
            timings.update({f"{name} {k} (written ahead)": v for k, v in placed.items()})


def report_to_open(out_dir: Path, written: list[Path]) -> str:
    """The file a person should open first: the HTML report, else the workbook, else report.md."""
    names = {p.name: p for p in written}
    for name in (HTML_NAME, XLSX_NAME, MARKDOWN_NAME):
        if name in names:
            return str(names[name])
    return str(out_dir)


def _write_csvs(tables: list[Table], stage: Path, lang: str) -> None:
    for table in tables:  # rendered as written: no second copy of a province's rows
        path = stage / f"{table.name}.csv"
        if getattr(table, "stream", None) is not None:
            write_csv(localized(table, lang), path, lang)  # rendered by DuckDB
        else:
            write_csv(table, path, lang, Rendering(table, lang))


def _rows_in_workbook(tables: list[Table]) -> int:
    """The rows the workbook's job is weighed by: every row of a discrepancy table, an
    informational table's first INFO_MAX_ROWS."""
    return sum(
        t.count() if t.counts_as_discrepancy else min(t.count(), INFO_MAX_ROWS) for t in tables
    )


@dataclass
class _FirstRows(Table):
    """The first rows of a longer table, rendered for people: what a writer that shows only
    the first rows needs (the workbook, report.html), without rendering the rest."""

    total: int = 0

    def count(self) -> int:
        return self.total


def _shown_first(table: Table, lang: str, first: int) -> Table:
    """`table` rendered in `lang` (vocab.localized), of its first `first` rows only when it
    has more: count() still says how many it has."""
    if getattr(table, "stream", None) is not None or table.count() <= first:
        return localized(table, lang)
    head = localized(Table(table.name, table.columns, table.rows[:first]), lang)
    return _FirstRows(
        table.name, table.columns, head.rows, table.counts_as_discrepancy, table.count()
    )


@dataclass
class _RenderedAsWritten(Table):
    """A table whose cells the workbook renders a column at a time as it writes the rows it
    shows (reports.xlsx), `rows` as they are: no rendered row dicts (vocab.Rendering, the
    memo vocab.localized uses, so the cells are the same)."""

    rendering: Rendering | None = None


def _shown_in_workbook(tables: list[Table], lang: str) -> list[Table]:
    """The tables as the workbook shows them: rendered as the workbook writes them, only the
    rows it shows (an informational table's first INFO_MAX_ROWS: list_catalogue_matches has a
    row per list item); a table with a totals row (合计 first) rendered whole first, as the
    workbook moves that row below the others, and a streamed one by its query."""
    return [
        localized(t, lang)
        if getattr(t, "stream", None) is not None or _may_have_totals(t, lang)
        else _RenderedAsWritten(
            t.name, t.columns, t.rows, t.counts_as_discrepancy, Rendering(t, lang)
        )
        for t in tables
    ]


def _may_have_totals(table: Table, lang: str) -> bool:
    """Whether a row of `table`, rendered, may read 合计 in its first column."""
    if getattr(table, "stream", None) is not None or not table.columns:
        return False
    first = table.columns[0].key
    if first in rendered_keys(table, lang):
        return True
    return any(row.get(first) == TOTAL for row in table.rows)
