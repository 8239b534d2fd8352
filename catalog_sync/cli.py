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
MAX_MESSAGE = 600  # characters of an error line


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


def fails_cleanly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """One line on stderr and exit 2 for anything that stops a run; a traceback only on --debug.

    The line is scrubbed of ID and mobile numbers and kept to one line of sensible length,
    whatever the failing input put into the message.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.get("debug", False)
        try:
            return fn(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, SystemExit, KeyboardInterrupt):
            raise
        except CatalogSyncError as e:
            if debug:
                raise
            _fail(f"catalog-sync: error: {e}")
        except OSError as e:
            if debug:
                raise
            where = f"{e.filename}: " if e.filename else ""
            _fail(f"catalog-sync: error: {where}{e.strerror or e}")
        except BaseException as e:  # the promise is: never a traceback (a Rust panic in an
            if debug or not (isinstance(e, Exception) or type(e).__name__ == "PanicException"):
                raise  # extension arrives as a BaseException; anything else is not ours)
            _fail(
                f"catalog-sync: internal error: {type(e).__name__}: {e} "
                "(run again with --debug for the traceback and report it)"
            )

    return wrapper


def _fail(message: str) -> None:
    """Print `message` as one scrubbed stderr line and exit 2."""
    from .privacy import scrub

    line = scrub(" ".join(message.split()))
    if len(line) > MAX_MESSAGE:
        line = line[: MAX_MESSAGE - 1] + "…"
    click.echo(line, err=True)
    sys.exit(EXIT_CANNOT_RUN)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="catalog-sync")
def cli() -> None:
    """Keep the basic catalogue, implementation lists, decisions and work orders in sync."""


@cli.command("diff")
@click.argument("project_dir", required=False, type=click.Path(path_type=Path))
@click.option("--catalogue", type=click.Path(path_type=Path), help="Basic catalogue (基本目录).")
@click.option(
    "--list",
    "lists",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Implementation list (实施清单); repeat for each list or give a folder.",
)
@click.option(
    "--decisions",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Decision annex table; repeat or give a folder.",
)
@click.option(
    "--work-orders",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Work orders (办件); repeat or give a folder.",
)
@click.option(
    "--as-of",
    "as_of",
    default=None,
    metavar="YYYY-MM-DD",
    help="Date the check is made for [default: today].",
)
@click.option(
    "--mapping",
    "mappings",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Mapping file with your own header names (YAML); repeatable.",
)
@report_options
@click.option("--debug", is_flag=True, help="Show a traceback when a run fails.")
@fails_cleanly
def diff(
    project_dir: Path | None,
    catalogue: Path | None,
    lists: tuple[Path, ...],
    decisions: tuple[Path, ...],
    work_orders: tuple[Path, ...],
    as_of: str | None,
    mappings: tuple[Path, ...],
    out: Path | None,
    formats: str | None,
    lang: str | None,
    debug: bool,
) -> None:
    """Compare catalogue, lists, decisions and work orders; write the discrepancy tables.

    Exit code 0: in sync; 1: discrepancies found (tables written); 2: could not run.

    Example: catalog-sync diff fixtures/demo --out out
    """
    from .pipeline import run
    from .project import resolve_run

    settings = resolve_run(
        project_dir,
        catalogue=catalogue,
        lists=lists,
        decisions=decisions,
        work_orders=work_orders,
        as_of=as_of,
        mappings=mappings,
        out=out,
        formats=formats,
        lang=lang,
    )
    result = run(settings.config)
    written = write_result(result, settings.out, settings.formats, settings.lang)
    from .reports.terminal import summary_line_table

    click.echo(summary_line_table(result.summary, settings.lang))
    click.echo(
        f"{len(written)} files written to {settings.out} ({result.discrepancies} discrepancy rows)"
    )
    sys.exit(EXIT_DISCREPANCIES if result.discrepancies else EXIT_IN_SYNC)


def write_result(result: Any, out: Path, formats: list[str], lang: str) -> list[Path]:
    from .graph import to_turtle
    from .reports import write_report
    from .tables import TABLE_TITLES

    extra = {"graph.ttl": to_turtle(result.graph)} if "ttl" in formats else None
    return write_report(
        out,
        list(result.tables.values()),
        result.summary,
        formats,
        lang,
        TABLE_TITLES,
        extra_files=extra,
    )
