"""The command line: parse options, call the pipeline, render, pick the exit code."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import CatalogSyncError

EXIT_IN_SYNC, EXIT_DISCREPANCIES, EXIT_CANNOT_RUN = 0, 1, 2
PROJECT_FILE = "catalog-sync.toml"
DEFAULT_FORMATS = "csv,xlsx,json,md"


def report_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--out, --format and --lang, shared by every command that writes tables."""
    fn = click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=None,
        help="Table headers: Chinese (default) or English. JSON keys are English.",
    )(fn)
    fn = click.option(
        "--format",
        "formats",
        default=None,
        metavar="LIST",
        help=f"Comma-separated: csv, xlsx, json, md, ttl [default: {DEFAULT_FORMATS}]",
    )(fn)
    fn = click.option(
        "--out",
        type=click.Path(path_type=Path),
        default=None,
        help="Folder the tables are written to (created if needed).",
    )(fn)
    return fn


def source_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """PROJECT_DIR or the sources one by one, shared by `diff` and `review export`."""
    options = [
        click.argument("project_dir", required=False, type=click.Path(path_type=Path)),
        click.option(
            "--catalogue", type=click.Path(path_type=Path), help="Basic catalogue (基本目录)."
        ),
        click.option(
            "--list",
            "lists",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Implementation list (实施清单); repeat for each list or give a folder.",
        ),
        click.option(
            "--decisions",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Decision annex table; repeat or give a folder.",
        ),
        click.option(
            "--work-orders",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Work orders (办件); repeat or give a folder.",
        ),
        click.option(
            "--as-of",
            "as_of",
            default=None,
            metavar="YYYY-MM-DD",
            help="Date the check is made for [default: today].",
        ),
        click.option(
            "--mapping",
            "mappings",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Mapping file with your own header names (YAML); repeatable.",
        ),
        click.option(
            "--judgements",
            type=click.Path(path_type=Path),
            default=None,
            help="Reviewers' judgements [default: PROJECT_DIR/judgements.csv].",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def fails_cleanly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """One line on stderr and exit 2 for anything that stops a run; a traceback only on --debug."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.get("debug", False)
        try:
            return fn(*args, **kwargs)
        except CatalogSyncError as e:
            if debug:
                raise
            click.echo(f"catalog-sync: error: {e}", err=True)
            sys.exit(EXIT_CANNOT_RUN)
        except OSError as e:
            if debug:
                raise
            where = f"{e.filename}: " if e.filename else ""
            click.echo(f"catalog-sync: error: {where}{e.strerror or e}", err=True)
            sys.exit(EXIT_CANNOT_RUN)
        except (click.ClickException, click.exceptions.Exit, SystemExit):
            raise
        except Exception as e:  # noqa: BLE001 - the promise is: never a traceback
            if debug:
                raise
            click.echo(
                f"catalog-sync: internal error: {type(e).__name__}: {e} "
                "(run again with --debug for the traceback and report it)",
                err=True,
            )
            sys.exit(EXIT_CANNOT_RUN)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="catalog-sync")
def cli() -> None:
    """Keep the basic catalogue, implementation lists, decisions and work orders in sync."""


@cli.command("diff")
@source_options
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    default=None,
    metavar="DIR",
    help="The --out folder of an earlier run: rows get new/persisting/resolved.",
)
@click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice(["new", "any", "none"]),
    default=None,
    help="Exit 1 on any discrepancy (default), only on new ones, or never.",
)
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="Where work orders are linked: DuckDB in this process, or Apache Spark (local[*], "
    "or the cluster SPARK_REMOTE / spark-submit names).",
)
@report_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("-v", "--verbose", is_flag=True, help="Log each stage's time on stderr.")
@click.option("--debug", is_flag=True, help="Show a traceback when a run fails.")
@fails_cleanly
def diff(
    out: Path | None,
    formats: str | None,
    lang: str | None,
    engine: str,
    quiet: bool,
    verbose: bool,
    debug: bool,
    **sources: Any,
) -> None:
    """Compare catalogue, lists, decisions and work orders; write the discrepancy tables.

    Exit code 0: in sync; 1: discrepancies found (tables written); 2: could not run.

    Example: catalog-sync diff fixtures/demo --out out
    """
    import logging
    import time

    from .pipeline import run
    from .progress import ProgressBar
    from .project import resolve_run
    from .reports.terminal import summary_line_table

    log = logging.getLogger("catalog_sync")
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("catalog-sync: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        click.get_current_context().call_on_close(lambda: log.removeHandler(handler))
    settings = resolve_run(out=out, formats=formats, lang=lang, **sources)
    settings.config.engine = engine
    bar = ProgressBar() if not quiet and ProgressBar.wanted() else None
    settings.config.progress = bar
    with run(settings.config) as result:
        if bar:
            bar.close()
        started = time.perf_counter()
        written = write_result(result, settings.out, settings.formats, settings.lang)
        log.info("%-16s %8.2f s", "write", time.perf_counter() - started)
        discrepancies, new_findings = result.discrepancies, result.new_findings
    click.echo(summary_line_table(result.summary, settings.lang))
    line = f"{len(written)} files written to {settings.out} ({discrepancies} discrepancy rows"
    if settings.config.baseline is not None:
        line += f", {new_findings} new since the baseline"
    click.echo(line + ")")
    failing = {"any": discrepancies, "new": new_findings, "none": 0}
    sys.exit(EXIT_DISCREPANCIES if failing[settings.fail_on] else EXIT_IN_SYNC)


def write_result(result: Any, out: Path, formats: list[str], lang: str) -> list[Path]:
    import json

    from .graph import to_turtle
    from .reports import write_report
    from .tables import TABLE_TITLES

    extra = {"run.json": json.dumps(result.run_record, ensure_ascii=False, indent=2).encode()}
    if "ttl" in formats:
        extra["graph.ttl"] = to_turtle(result.graph)
    return write_report(
        out,
        list(result.tables.values()),
        result.summary,
        formats,
        lang,
        TABLE_TITLES,
        extra_files=extra,
    )


@cli.group("review")
def review() -> None:
    """Review uncertain matches in Excel and keep the verdicts for later runs."""


@review.command("export")
@source_options
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="The review workbook to write (.xlsx).",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="Headers.")
@click.option("--debug", is_flag=True, help="Show a traceback when a run fails.")
@fails_cleanly
def review_export(out: Path, lang: str, debug: bool, **sources: Any) -> None:
    """Write every match that is not certain (fuzzy, or a cancellation that propagated through
    主项/子项) with both sides, the evidence and empty 判定 / 备注 columns.

    Example: catalog-sync review export fixtures/demo --out review.xlsx
    """
    from .checks.uncertain import matches_to_review
    from .pipeline import run
    from .project import resolve_run
    from .reports.review_xlsx import write_review_xlsx
    from .tables import TABLE_TITLES

    sources["work_orders"] = ()
    settings = resolve_run(out=out.parent, formats=None, lang=lang, **sources)
    settings.config.work_orders = []
    result = run(settings.config)
    decisions = [d["record"] for _, d in result.graph.nodes(data=True) if d["kind"] == "decision"]
    assert result.book is not None
    table = matches_to_review(result.graph, decisions, result.book, result.level_qualifiers)
    zh, en = TABLE_TITLES["review"]
    write_review_xlsx(table, out, lang, zh if lang == "zh" else en)
    changed = sum(1 for r in table.rows if r["review_status"] != "待审核")
    click.echo(
        f"{len(table.rows)} matches to review ({changed} changed since judged) written to {out}"
    )


@review.command("import")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.argument("project_dir", required=False, type=click.Path(path_type=Path))
@click.option(
    "--judgements",
    type=click.Path(path_type=Path),
    default=None,
    help="The judgements file [default: PROJECT_DIR/judgements.csv].",
)
@click.option(
    "--reviewer",
    default=None,
    help="Who judged, where the sheet's 审核人 is empty [default: $USER].",
)
@click.option("--debug", is_flag=True, help="Show a traceback when a run fails.")
@fails_cleanly
def review_import(
    workbook: Path,
    project_dir: Path | None,
    judgements: Path | None,
    reviewer: str | None,
    debug: bool,
) -> None:
    """Store the verdicts of a filled-in review workbook in judgements.csv (who, when, why).

    Example: catalog-sync review import review.xlsx fixtures/demo
    """
    import os

    from .review import merge_judgements, read_judgements, write_judgements
    from .sources.review_sheet import read_review

    target = judgements or (project_dir or Path(".")) / "judgements.csv"
    who = reviewer or os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"
    new, blank = read_review(workbook, str(workbook), who)
    merged = merge_judgements(read_judgements(target), new)
    write_judgements(target, merged)
    click.echo(
        f"{len(new)} judgements stored in {target} ({blank} rows left blank; "
        f"{len(merged)} judgements in the file)"
    )
