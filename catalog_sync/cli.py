"""The command line: parse options, call the pipeline, render, pick the exit code."""

from __future__ import annotations

import atexit
import functools
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import click

from . import __version__
from .errors import CatalogSyncError, Terminated
from .reports.output import is_no_space, no_space_message
from .signals import EXIT_SIGINT, EXIT_SIGTERM, terminate_raises

if TYPE_CHECKING:
    from .project import RunSettings

EXIT_IN_SYNC, EXIT_DISCREPANCIES, EXIT_CANNOT_RUN = 0, 1, 2
PROJECT_FILE = "catalog-sync.toml"
DEFAULT_FORMATS = "csv,xlsx,json,md,html"
MAX_MESSAGE = 600  # characters of an error line


mapping_option = click.option(
    "--mapping",
    "mappings",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Mapping file with your own header names (YAML); repeatable.",
)


# --lang EN or Zh is meant as en or zh: click hands on the value as listed here (lower case)
LANGS = click.Choice(["zh", "en"], case_sensitive=False)


def report_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--out, --format and --lang, shared by every command that writes tables."""
    fn = click.option(
        "--lang",
        type=LANGS,
        default=None,
        help="Table headers: Chinese (default) or English. JSON keys are English.",
    )(fn)
    fn = click.option(
        "--format",
        "formats",
        default=None,
        metavar="LIST",
        help=f"Comma-separated: csv, xlsx, json, md, html, ttl [default: {DEFAULT_FORMATS}]",
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
            type=click.Path(),  # text as given: a URI's '//' is not folded as a Path folds it
            help="Work orders (办件); repeat or give a folder.",
        ),
        click.option(
            "--materials",
            multiple=True,
            type=click.Path(path_type=Path),
            help="申请材料 of the listed items (材料名称, 材料形式…); repeat or give a folder.",
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
    """One line on stderr and exit 2 for anything that stops a run; a traceback only on --debug.

    The line is scrubbed of ID and mobile numbers and kept to one line of sensible length,
    whatever the failing input put into the message.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.get("debug", False)
        try:
            return fn(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail("catalog-sync: interrupted (Ctrl-C); --out left as it was", EXIT_SIGINT)
        except Terminated:
            _fail("catalog-sync: terminated (SIGTERM); --out left as it was", EXIT_SIGTERM)
        except CatalogSyncError as e:
            if debug:
                raise
            _fail(f"catalog-sync: error: {e}")
        except OSError as e:
            if debug:
                raise
            where = f"{e.filename}: " if e.filename else ""
            _fail(f"catalog-sync: error: {where}{e.strerror or e}")
        except BaseException as e:
            if not debug and is_no_space(e):  # DuckDB's IOException on a full disk
                _fail(f"catalog-sync: error: {no_space_message(e)}")
            # the promise is: never a traceback (a Rust panic in an
            if debug or not (isinstance(e, Exception) or type(e).__name__ == "PanicException"):
                raise  # extension arrives as a BaseException; anything else is not ours)
            _fail(
                f"catalog-sync: internal error: {type(e).__name__}: {e} "
                "(run again with --debug for the traceback and report it)"
            )

    return wrapper


def _fail(message: str, code: int = EXIT_CANNOT_RUN) -> None:
    """Print `message` as one scrubbed stderr line and exit with `code` (2: could not run)."""
    from .privacy import scrub

    line = scrub(" ".join(message.split()))
    if len(line) > MAX_MESSAGE:
        line = line[: MAX_MESSAGE - 1] + "…"
    click.echo(line, err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="catalog-sync")
def cli() -> None:
    """Keep the basic catalogue, implementation lists, decisions and work orders in sync."""
    # SIGTERM cleans up as Ctrl-C does (signals.py); put back when the command is done
    click.get_current_context().call_on_close(terminate_raises())


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
    help="Where work orders are linked and the code tier is matched: DuckDB in this process, "
    "or Apache Spark (local[*], or the cluster SPARK_REMOTE / spark-submit names).",
)
@click.option(
    "--work-order-rows",
    "work_order_rows",
    type=click.Choice(["all", "none"]),
    default=None,
    help="all (default): write unlinked_work_orders, a row per unlinked work order; none: "
    "leave it out (the counts and unlinked_codes are still written).",
)
@click.option(
    "--memory-limit",
    "memory_limit",
    default=None,
    metavar="SIZE",
    help="Memory DuckDB may hold for the work orders, e.g. 4GB (default: the project "
    "file's memory_limit, else CATALOG_SYNC_MEMORY_LIMIT, else 1GB); beyond it tables spill "
    "to the work folder. More runs faster.",
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

    Exit code 0: in sync; 1: discrepancies found (tables written); 2: could not run;
    130: interrupted (Ctrl-C); 143: terminated (SIGTERM). --out is left as it was unless 0 or 1.

    Example: catalog-sync diff fixtures/demo --out out
    """
    import logging

    from .project import resolve_run

    if verbose:
        _stages_to_stderr(logging.getLogger("catalog_sync"))
    settings = resolve_run(out=out, formats=formats, lang=lang, **sources)
    settings.config.engine = engine
    sys.exit(_say_outcome(_run_and_write(settings, quiet), settings))


class _Reported(NamedTuple):
    """What diff says once its report is written and the run's tables are closed."""

    result: Any  # pipeline.Result
    written: list[Path]
    counted: int  # the open rows --fail-on weighs: against a --baseline, the new ones
    open_rows: dict[str, int]  # by discrepancy table


def _run_and_write(settings: RunSettings, quiet: bool) -> _Reported:
    """The run and its report, counted before the run's tables close (a streamed table reads
    its rows from the run's workspace)."""
    import logging
    import time

    from .gcpause import paused_gc
    from .pipeline import run
    from .progress import ProgressBar
    from .reports.output import output_lock
    from .run_record import preflight

    bar = ProgressBar() if not quiet and ProgressBar.wanted() else None
    settings.config.progress = bar
    # the collector paused from the run to the last file written (see gcpause.py): re-enabled
    # between them, it would rescan every record, node and row the run made before writing;
    # under main() it stays off, the process ending after the summary.
    # Preflight first: --out writable, locked against a second run, room for the report.
    with (
        output_lock(settings.out, preflight(settings.config)) as home,
        paused_gc(restore=click.get_current_context().obj is not LEAVES_AFTER),
        files_ahead(settings.config, home, settings.formats) as ahead,
        run(settings.config) as result,
    ):
        if bar:
            bar.close()
        started = time.perf_counter()
        written = write_result(result, settings.out, settings.formats, settings.lang, ahead=ahead)
        logging.getLogger("catalog_sync").info(
            "%-16s %8.2f s", "write", time.perf_counter() - started
        )
        baseline = settings.config.baseline is not None
        counted = result.new_findings if baseline else result.discrepancies
        return _Reported(result, written, counted, result.open_rows_by_table())


def _say_outcome(reported: _Reported, settings: RunSettings) -> int:
    """Notes and warnings on stderr, the summary and what is left to act on on stdout; the
    exit code --fail-on picks from it (0 or 1)."""
    from . import vocab
    from .reports import report_to_open
    from .reports.terminal import run_summary, summary_line_table

    result, written = reported.result, reported.written
    for note in result.notes:
        click.echo(f"catalog-sync: note: {note}", err=True)
    for warning in result.said:
        said = vocab.render(warning, settings.lang) or warning
        click.echo(f"catalog-sync: warning: {said}", err=True)
    click.echo(summary_line_table(result.summary, settings.lang))
    text, code = run_summary(
        reported.open_rows,
        result.summary.get("work_orders_by_reason") or {},
        reported.counted,
        settings.fail_on,
        report_to_open(settings.out, written),
        (len(written), str(settings.out)),
        settings.lang,
    )
    click.echo(text)
    return code


def _stages_to_stderr(log: Any) -> None:
    """-v: each stage's seconds and rows on stderr, for this command only."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("catalog-sync: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    click.get_current_context().call_on_close(lambda: log.removeHandler(handler))


@contextmanager
def files_ahead(config: Any, home: Path, formats: list[str]) -> Iterator[dict[str, Any]]:
    """Report files a run writes before it ends, on the second core (reports.parallel's
    WrittenAhead): graph.ttl of a big graph, started as soon as the graph is final. Inside
    output_lock on `home` (the report home it yields): the file is kept in its `.OUT.runs`.
    Whatever was not placed into the report is ended and removed on leaving."""
    from .graph import save_turtle
    from .reports.output import runs_dir
    from .reports.parallel import AHEAD_FROM, WrittenAhead

    ahead: dict[str, Any] = {}

    def start(graph: Any) -> None:
        if graph.number_of_nodes() >= AHEAD_FROM:
            write = functools.partial(save_turtle, graph)
            ahead["graph.ttl"] = WrittenAhead(write, runs_dir(home), "graph.ttl")

    if "ttl" in formats:
        config.graph_final = start
    try:
        yield ahead
    finally:
        config.graph_final = None
        for early in ahead.values():
            early.close()


def write_result(
    result: Any,
    out: Path,
    formats: list[str],
    lang: str,
    timings: dict[str, float] | None = None,
    ahead: dict[str, Any] | None = None,
) -> list[Path]:
    """The report of `result` (reports.write_report) with run.json and, when asked for,
    graph.ttl: the one `ahead` holds when files_ahead started it, else written here."""
    import json

    from .graph import save_turtle
    from .reports import write_report
    from .tables import TABLE_TITLES

    extra: dict[str, Any] = {
        "run.json": json.dumps(result.run_record, ensure_ascii=False, indent=2).encode()
    }
    if "ttl" in formats:
        early = (ahead or {}).get("graph.ttl")
        extra["graph.ttl"] = early or functools.partial(save_turtle, result.graph)
    return write_report(
        out,
        list(result.tables.values()),
        result.summary,
        formats,
        lang,
        TABLE_TITLES,
        extra_files=extra,
        timings=timings,
    )


@cli.command("compare")
@click.argument("a", type=click.Path(path_type=Path))
@click.argument("b", type=click.Path(path_type=Path))
@click.option(
    "--key",
    default=None,
    metavar="COLUMN",
    help="The column items are joined on: a header (实施编码) or field name [default: 实施编码].",
)
@click.option(
    "--materials",
    nargs=2,
    default=None,
    type=click.Path(path_type=Path),
    metavar="A_FILE B_FILE",
    help="Each publication's 申请材料 file: the materials of the items in both are compared too.",
)
@mapping_option
@report_options
@click.option("--debug", is_flag=True, help="Show a traceback when a run fails.")
@fails_cleanly
def compare(
    a: Path,
    b: Path,
    key: str | None,
    materials: tuple[Path, Path] | None,
    mappings: tuple[Path, ...],
    out: Path | None,
    formats: str | None,
    lang: str | None,
    debug: bool,
) -> None:
    """Compare two publications of one list: items only in A, only in B, elements that differ.

    Exit code 0: the same; 1: differences found (tables written); 2: could not run.

    Example: catalog-sync compare fixtures/demo/list-county-511602.xlsx
    fixtures/demo/publications/list-county-511602-portal.csv --out compared
    """
    from .compare import compare_publications
    from .errors import UsageError
    from .project import parse_formats
    from .reports import write_report
    from .reports.terminal import compare_line_table
    from .tables import TABLE_TITLES

    if out is None:
        raise UsageError("no output folder: give --out DIR")
    for path in (a, b, *(materials or ())):
        _refuse_other_than_a_file(path)
    given = tuple((m, str(m)) for m in materials) if materials else None
    result = compare_publications((a, str(a)), (b, str(b)), key, list(mappings), given)  # type: ignore[arg-type]
    lang = lang or "zh"
    written = write_report(
        out,
        list(result.tables.values()),
        result.summary,
        parse_formats(formats),
        lang,
        TABLE_TITLES,
    )
    click.echo(compare_line_table(result.summary, lang))
    click.echo(f"{len(written)} files written to {out} ({result.differences} difference rows)")
    sys.exit(EXIT_DISCREPANCIES if result.differences else EXIT_IN_SYNC)


def _refuse_other_than_a_file(path: Path) -> None:
    """compare reads files: a folder or a device is named as what it is, not as missing."""
    from .errors import UsageError
    from .sources.tabular import refuse_special_file

    if path.is_dir():
        raise UsageError(f"{path}: is a folder, expected a file")
    if not path.exists():
        raise UsageError(f"{path}: file not found")
    refuse_special_file(path, str(path))


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
@click.option("--lang", type=LANGS, default="zh", help="Headers.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace a workbook already at --out (without it one is refused: a reviewer may have "
    "filled it in).",
)
@click.option("--debug", is_flag=True, help="Show a traceback when a run fails.")
@fails_cleanly
def review_export(out: Path, lang: str, force: bool, debug: bool, **sources: Any) -> None:
    """Write every match that is not certain (fuzzy, or a cancellation that propagated through
    主项/子项) with both sides, the evidence and empty 判定 / 备注 columns.

    Example: catalog-sync review export fixtures/demo --out review.xlsx
    """
    from .checks.uncertain import matches_to_review
    from .pipeline import run
    from .project import check_review_workbook, resolve_run
    from .reports.review_xlsx import write_review_xlsx
    from .tables import TABLE_TITLES

    sources["work_orders"] = ()
    settings = resolve_run(
        out=out.parent, formats=None, lang=lang, links_work_orders=False, **sources
    )
    check_review_workbook(out, settings.config, force)
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

    from .errors import UsageError
    from .review import merge_judgements, read_judgements, write_judgements
    from .sources.review_sheet import read_review

    if project_dir is not None and not project_dir.is_dir():
        raise UsageError(f"{project_dir}: not a folder (expected the project folder)")
    target = judgements or (project_dir or Path(".")) / "judgements.csv"
    who = reviewer or os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"
    new, blank = read_review(workbook, str(workbook), who)
    merged = merge_judgements(read_judgements(target), new)
    write_judgements(target, merged)
    click.echo(
        f"{len(new)} judgements stored in {target} ({blank} rows left blank; "
        f"{len(merged)} judgements in the file)"
    )


@cli.group("decisions")
def decisions_group() -> None:
    """Read State Council decisions from their published documents into decision tables."""


def document_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--out, --doc-no, --date, --effective-date, --mapping and --debug for fetch and import."""
    fn = click.option("--debug", is_flag=True, help="Show a traceback when a run fails.")(fn)
    fn = click.option(
        "--mapping",
        "mappings",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Mapping file with your own header names (YAML); repeatable.",
    )(fn)
    fn = click.option(
        "--effective-date",
        default=None,
        metavar="YYYY-MM-DD",
        help="In force from, when the text does not say [default: the decision's date].",
    )(fn)
    fn = click.option(
        "--date",
        "issued",
        default=None,
        metavar="YYYY-MM-DD",
        help="The decision's date (成文日期), for a document that does not show it.",
    )(fn)
    fn = click.option(
        "--doc-no",
        default=None,
        metavar="文号",
        help="The decision's number (国发〔2019〕6号), for a document that does not show it.",
    )(fn)
    fn = click.option(
        "--out",
        required=True,
        type=click.Path(path_type=Path),
        help="Folder the decision CSVs are written to (one per decision; created if needed).",
    )(fn)
    return fn


def _overrides(doc_no: str | None, issued: str | None, effective: str | None) -> Any:
    from .documents import Overrides
    from .project import parse_as_of

    def day(value: str | None, option: str) -> Any:
        if not value:
            return None
        try:
            return parse_as_of(value)
        except CatalogSyncError:
            raise click.BadParameter(
                f"{value!r} is not a date in the form YYYY-MM-DD", param_hint=option
            ) from None

    return Overrides(doc_no or "", day(issued, "--date"), day(effective, "--effective-date"))


def _report_import(report: Any) -> None:
    from .documents.summary import import_table, rejected_lines

    click.echo(import_table(report))
    for note in report.notes:
        click.echo(f"catalog-sync: note: {note}", err=True)
    for warning in report.warnings:
        click.echo(f"catalog-sync: warning: {warning}", err=True)
    for line in rejected_lines(report):
        click.echo(f"catalog-sync: rejected: {line}", err=True)
    n = len(report.written)
    where = report.written[0].path.parent
    click.echo(f"{n} decision {'file' if n == 1 else 'files'} written to {where}")
    sys.exit(EXIT_DISCREPANCIES if report.needs_review else EXIT_IN_SYNC)


@decisions_group.command("fetch")
@click.argument("urls", nargs=-1, required=True)
@document_options
@click.option(
    "--cache",
    type=click.Path(path_type=Path),
    default=Path(".catalog-sync-cache"),
    show_default=True,
    help="Download cache (ETag, Last-Modified); unchanged pages are not downloaded again.",
)
@click.option("--offline", is_flag=True, help="Use only the cache; never touch the network.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds to wait for a connection or for data.")  # fmt: skip
@click.option("--max-size", type=click.FloatRange(min=0.001), default=20.0, show_default=True,
              help="Largest document accepted, in MB.")  # fmt: skip
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Further attempts on 429, 5xx, timeouts and dropped connections.")  # fmt: skip
@fails_cleanly
def decisions_fetch(
    urls: tuple[str, ...],
    out: Path,
    doc_no: str | None,
    issued: str | None,
    effective_date: str | None,
    mappings: tuple[Path, ...],
    debug: bool,
    cache: Path,
    offline: bool,
    timeout: float,
    max_size: float,
    retries: int,
) -> None:
    """Download decision pages and write one decision CSV per decision into --out.

    Exit code 0: written; 1: written, but rows could not be read or counts differ (see stderr);
    2: could not run (nothing written).

    Example: catalog-sync decisions fetch https://www.gov.cn/zhengce/content/… --out decisions
    """
    from .documents import fetch_urls
    from .fetch import Fetcher

    fetcher = Fetcher(
        cache,
        timeout=timeout,
        max_bytes=int(max_size * 1024 * 1024),
        retries=retries,
        offline=offline,
    )
    overrides = _overrides(doc_no, issued, effective_date)
    _report_import(fetch_urls(list(urls), out, fetcher, list(mappings), overrides))


@decisions_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@document_options
@fails_cleanly
def decisions_import(
    files: tuple[Path, ...],
    out: Path,
    doc_no: str | None,
    issued: str | None,
    effective_date: str | None,
    mappings: tuple[Path, ...],
    debug: bool,
) -> None:
    """Read saved decision documents (HTML, DOCX, XLSX/CSV, text) into decision CSVs in --out.

    Exit code 0: written; 1: written, but rows could not be read or counts differ (see stderr);
    2: could not run (nothing written).

    Example: catalog-sync decisions import 国发〔2019〕6号.html --out decisions
    """
    from .documents import import_files

    overrides = _overrides(doc_no, issued, effective_date)
    _report_import(import_files(list(files), out, list(mappings), overrides))


@decisions_group.command("list")
@click.argument("folder", type=click.Path(path_type=Path))
@mapping_option
@click.option("--debug", is_flag=True, help="Show a traceback when a run fails.")
@fails_cleanly
def decisions_list(folder: Path, mappings: tuple[Path, ...], debug: bool) -> None:
    """List the decisions in a folder as `diff --decisions` reads them: 文号, dates, rows by action.

    Example: catalog-sync decisions list decisions
    """
    from .documents import list_decisions
    from .documents.summary import listing_table

    found, warnings = list_decisions(folder, list(mappings))
    click.echo(listing_table(found))
    for warning in warnings:
        click.echo(f"catalog-sync: warning: {warning}", err=True)


LEAVES_AFTER = "the process leaves after the command"  # click's obj under main()


def main() -> NoReturn:
    """The `catalog-sync` command (and `python -m catalog_sync`): cli(), then out of the process
    at once. A province leaves millions of objects that Python's usual exit frees one by one,
    2.3 to 2.6 s at 500,000 list items with every file long written (docs/performance.md).
    The command is told so (click's `obj`, LEAVES_AFTER): diff keeps the cyclic collector
    paused until the process ends (gcpause.paused_gc)."""
    try:
        cli.main(prog_name="catalog-sync", obj=LEAVES_AFTER)
        code: int | str | None = 0
    except SystemExit as e:
        code = e.code
    exit_now(code)


def exit_now(code: int | str | None) -> NoReturn:
    """Exit with `code` as sys.exit does, without freeing the heap: the exit handlers run (the
    work folder removed, logging closed), standard output and error flushed, then os._exit.
    While a thread that is not a daemon still runs, the usual exit, which waits for it."""
    if any(t.is_alive() and not t.daemon for t in threading.enumerate()
           if t is not threading.main_thread()):  # fmt: skip
        sys.exit(code)
    if isinstance(code, str):  # as sys.exit: the text on stderr, status 1
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):  # what the command and the handlers wrote
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (| head): nothing more to say there
            pass
    os._exit(code or 0)
