"""One run of `diff`: load -> build the graph -> match -> run the checks -> a Result.

Knows nothing of the terminal; the CLI renders the Result and picks the exit code.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from . import __version__
from .checks.decisions import decision_findings
from .checks.unmatched import (
    list_catalogue_matches,
    unimplemented_catalogue_items,
    unmatched_list_items,
)
from .code_tier import DuckDBTables, SqlTables, code_tier_positions
from .errors import SourceError
from .findings import (
    apply_baseline,
    assign_finding_ids,
    load_baseline,
    new_count,
    open_count,
    status_counts,
    summary_changes,
    version_warning,
)
from .gcpause import paused_gc
from .graph import ACTS_ON, IMPLEMENTS, add_list_mains, add_match, add_matches, build_graph
from .mappings import Mapping, load_mapping
from .matching import NameIndex, entry, match_items_to_catalogue, match_name
from .model import DecisionItem, ListItem, Match, Matter, Rejected, Table
from .normalise import name_key
from .review import JudgementBook, read_judgements, record_key, reviewed_evidence
from .run_record import pin_inputs, run_record
from .sources.catalogue import load_catalogue
from .sources.decisions import load_decisions
from .sources.implementation_list import load_list
from .sources.loaded import Loaded
from .tables import new_table
from .workspace import Workspace

log = logging.getLogger("catalog_sync")
ENGINES = ("duckdb", "spark")
TABULAR_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".json", ".tsv")


@dataclass
class Source:
    """A file as the user named it (for messages) and where it really is."""

    path: Path
    display: str


@dataclass
class RunConfig:
    catalogue: Source
    lists: list[Source]
    decisions: list[Source]
    work_orders: list[Source] = field(default_factory=list)
    mappings: list[Path] = field(default_factory=list)
    as_of: date = field(default_factory=date.today)
    baseline: Path | None = None
    judgements: Path | None = None
    engine: str = "duckdb"  # where work orders are linked: "duckdb" or "spark"
    progress: Callable[[str, float, int], None] | None = None  # (phase, fraction, rows so far)
    pinned: dict[Path, tuple[int, int, int]] = field(default_factory=dict)  # run_record.pin_inputs


@dataclass
class Result:
    tables: dict[str, Table]
    summary: dict[str, Any]
    graph: Any
    warnings: list[str]
    run_record: dict[str, Any] = field(default_factory=dict)
    book: JudgementBook | None = None
    level_qualifiers: str = ""
    workspace: Workspace | None = None  # holds the streamed tables' rows until close()

    @property
    def discrepancies(self) -> int:
        """Rows still to act on in the findings tables (resolved rows excluded)."""
        return sum(open_count(t) for t in self.tables.values() if t.counts_as_discrepancy)

    @property
    def new_findings(self) -> int:
        return sum(new_count(t) for t in self.tables.values() if t.counts_as_discrepancy)

    def close(self) -> None:
        """Release the work directory and database the streamed tables are read from."""
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None

    def __enter__(self) -> Result:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def expand(sources: list[Source], what: str) -> list[Source]:
    """Folders stand for the tabular files inside them, in name order."""
    out: list[Source] = []
    for s in sources:
        if s.path.is_dir():
            found = sorted(
                p
                for p in s.path.iterdir()
                if p.is_file()
                and p.suffix.lower() in TABULAR_SUFFIXES
                and not p.name.startswith((".", "~$"))
            )
            if not found:
                raise SourceError(
                    s.display, f"folder holds no {what} files ({', '.join(TABULAR_SUFFIXES)})"
                )
            out.extend(Source(p, str(Path(s.display) / p.name)) for p in found)
        else:
            out.append(s)
    return out


def run(config: RunConfig) -> Result:
    """One run of diff (see the module docstring)."""
    with paused_gc():
        return _run(config)


def _run(config: RunConfig) -> Result:
    started = datetime.now(timezone.utc)
    stages: list[dict[str, Any]] = []
    clock = time.perf_counter()

    def lap(stage: str, rows: int) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds = now - clock
        stages.append(
            {
                "stage": stage,
                "seconds": round(seconds, 3),
                "rows": rows,
                "rows_per_second": round(rows / seconds) if seconds > 0 else None,
            }
        )
        log.info("%-16s %8.2f s  %12s rows", stage, seconds, f"{rows:,}")
        clock = now

    config.pinned = pin_inputs(config)
    baseline = load_baseline(config.baseline) if config.baseline else None
    mapping = load_mapping(config.mappings)
    catalogue = load_catalogue(config.catalogue.path, config.catalogue.display, mapping)
    seen: dict[str, str] = {}
    lists = [
        load_list(s.path, s.display, mapping, seen)
        for s in expand(config.lists, "implementation-list")
    ]
    decisions = [
        load_decisions(s.path, s.display, mapping) for s in expand(config.decisions, "decision")
    ]
    matters = catalogue.records
    items = [i for loaded in lists for i in loaded.records]
    decision_items = [d for loaded in decisions for d in loaded.records]
    lap("load", sum(lo.rows_read for lo in (catalogue, *lists, *decisions)))

    g = build_graph(matters, items, decision_items)
    mains = add_list_mains(g, items)
    catalogue_index = NameIndex(
        (
            entry(
                m.node,
                m.name,
                mapping,
                task_type=m.task_type,
                department=m.department,
                by_law=m.by_law,
            )
            for m in matters
        ),
        mapping,
    )
    book = _judgement_book(config, matters, items, decision_items, mapping)
    denied = {left: book.excluded(left) for left, _ in book.denied}
    matched, nearest = match_items_to_catalogue(
        items,
        matters,
        catalogue_index,
        confirmed={
            left: (right, reviewed_evidence(j)) for (left, right), j in book.confirmed.items()
        },
        denied=denied,
        code_tier=code_tier_positions(items, matters, denied, _code_tier_engine(config.engine)),
    )
    add_matches(g, IMPLEMENTS, ((node, mt.node, m) for node, (mt, m) in matched.items()))
    lap("match lists", len(items))
    _match_decisions(g, decision_items, items, mains, catalogue_index, mapping, book)
    lap("match decisions", len(decision_items))

    found = decision_findings(g, decision_items, config.as_of, book.denied)
    tables: dict[str, Table] = dict(found.tables)
    codes = {m.basic_code for m in matters}
    tables["unmatched_list_items"] = unmatched_list_items(items, matched, nearest, codes)
    list_levels = {i.level for i in items if i.level}
    tables["unimplemented_catalogue_items"] = unimplemented_catalogue_items(
        g, matters, found.cancelled_matters, list_levels
    )
    tables["list_catalogue_matches"] = list_catalogue_matches(items, matched)
    lap("checks", len(items) + len(matters))

    rejected: list[Rejected] = [r for lo in (catalogue, *lists, *decisions) for r in lo.rejected]
    linkage = wo_source = workspace = None
    if config.work_orders:
        workspace = Workspace()
        try:
            wo_source, linkage = _link_work_orders(
                config, mapping, items, matters, found, workspace
            )
        except BaseException:
            workspace.close()
            raise
        tables.update(linkage.tables)
        rejected.extend(linkage.rejected)
        lap("work orders", wo_source.total)

    rejected_table = new_table("rejected_rows")
    rejected_table.rows = [
        {"file": r.file, "row": r.row, "column": r.column, "reason": r.reason} for r in rejected
    ]
    tables["rejected_rows"] = rejected_table
    warnings = [w for lo in (catalogue, *lists, *decisions) for w in lo.warnings]
    assign_finding_ids(tables)
    apply_baseline(tables, baseline, config.as_of)

    tier_counts = Counter(m.tier for _, m in matched.values())
    code_matched = tier_counts.get("code", 0)
    summary: dict[str, Any] = {
        "tool_version": __version__,
        "as_of": config.as_of.isoformat(),
        "catalogue_items": len(matters),
        "list_items": len(items),
        "decision_items": len(decision_items),
        "work_orders": linkage.work_orders if linkage else 0,
        "cancelled_still_listed": open_count(tables["cancelled_still_listed"]),
        "delegated_items": open_count(tables["delegated_items"]),
        "pending_decision_matches": found.pending,
        "unmatched_list_items": open_count(tables["unmatched_list_items"]),
        "unimplemented_catalogue_items": open_count(tables["unimplemented_catalogue_items"]),
        "list_conformance_rate": _rate(len(matched), len(items)),
        "list_code_conformance_rate": _rate(code_matched, len(items)),
        "list_matches_by_tier": dict(sorted(tier_counts.items())),
        "work_orders_linked": linkage.linked if linkage else 0,
        "work_order_linkage_rate": linkage.rate if linkage else None,
        "work_orders_by_reason": linkage.by_reason if linkage else {},
        "work_orders_on_cancelled_items": open_count(
            tables.get("work_orders_on_cancelled_items", Table("", []))
        ),
        "rejected_rows": _rejected_summary(rejected),
        "inputs": _inputs(catalogue, lists, decisions, wo_source, linkage),
        "decisions_loaded": _decisions_loaded(decision_items),
        "mappings": mapping.files,
        "warnings": warnings,
    }
    summary["judgements"] = {
        "applied": len(book.settled),
        "confirmed": len(book.confirmed),
        "denied": len(book.denied),
        "expired": len(book.changed),
    }
    result = Result(
        tables,
        summary,
        g,
        warnings,
        book=book,
        level_qualifiers=mapping.level_qualifiers,
        workspace=workspace,
    )
    summary["discrepancies"] = result.discrepancies
    summary["new_findings"] = result.new_findings
    summary["findings_by_status"] = status_counts(tables)
    if baseline is not None:
        summary["baseline"] = {
            "path": str(config.baseline),
            "as_of": baseline.as_of.isoformat(),
            "tool_version": baseline.summary.get("tool_version"),
            "changes": summary_changes(summary, baseline.summary),
        }
        if baseline.summary.get("tool_version") != __version__:
            warnings.append(version_warning(config.baseline, baseline.summary, __version__))
    result.run_record = run_record(config, summary, stages, started)
    return result


def _match_decisions(
    g: Any,
    decisions: list[DecisionItem],
    items: list[ListItem],
    mains: dict[str, str],
    catalogue_index: NameIndex,
    mapping: Mapping,
    book: JudgementBook,
) -> None:
    """Decision rows carry names, never codes: match each to catalogue matters, list items and
    list 主项 names, keeping every target a tier accepts and a reviewer has not denied."""
    if not decisions:
        return

    def item_entries(records: list[ListItem]) -> Any:
        return (
            entry(
                i.node, i.name, mapping, task_type=i.task_type, department=i.agency, by_law=i.by_law
            )
            for i in records
        )

    # A province lists each name in hundreds of agencies, and items sharing a name key and a
    # matter type match alike: index the first item of each such group and give a hit to the
    # whole group (the first item's department and legal basis stand for it, as the first of a
    # group always did). A decision with targets a reviewer denied is matched item by item.
    groups: dict[tuple[str, str], list[str]] = {}
    firsts: list[ListItem] = []
    for i in items:
        group = groups.setdefault((name_key(i.name, mapping.level_qualifiers), i.task_type), [])
        if not group:
            firsts.append(i)
        group.append(i.node)
    members = {nodes[0]: nodes for nodes in groups.values()}
    item_index = NameIndex(item_entries(firsts), mapping)
    every_item_index: NameIndex | None = None
    main_index = NameIndex((entry(n, name, mapping) for n, name in mains.items()), mapping)
    for d in decisions:
        for target, j in book.confirmed_for(d.node):
            if g.has_node(target):
                add_match(
                    g,
                    d.node,
                    target,
                    ACTS_ON,
                    Match("reviewed", 100.0, ("审核",), reviewed_evidence(j)),
                )
        q = entry(d.node, d.name, mapping, department=d.department, by_law=d.by_law)
        excluded = book.excluded(d.node)
        for index in (catalogue_index, item_index, main_index):
            grouped = index is item_index and not excluded
            if index is item_index and excluded:
                if every_item_index is None:
                    every_item_index = NameIndex(item_entries(items), mapping)
                index = every_item_index
            hit = match_name(index, q, excluded)
            if hit is None:
                continue
            found, match = hit
            for target in found:
                for node in members[target.id] if grouped else (target.id,):
                    add_match(g, d.node, node, ACTS_ON, match)


def _judgement_book(
    config: RunConfig,
    matters: list[Matter],
    items: list[ListItem],
    decisions: list[DecisionItem],
    mapping: Mapping,
) -> JudgementBook:
    judgements = read_judgements(config.judgements) if config.judgements else []
    records: dict[str, tuple[str, Any]] = {}
    for rec in (*matters, *items, *decisions) if judgements else ():
        records.setdefault(record_key(rec), (rec.node, rec))
    return JudgementBook(judgements, records, mapping.level_qualifiers)


def _code_tier_engine(engine: str) -> SqlTables:
    """The engine the code tier runs on: Spark's session with --engine spark, else DuckDB."""
    if engine == "spark":
        from .spark import SparkTables, spark_session

        return SparkTables(spark_session())
    return DuckDBTables()


def _link_work_orders(
    config: RunConfig,
    mapping: Mapping,
    items: list[ListItem],
    matters: list[Matter],
    found: Any,
    workspace: Workspace,
) -> Any:
    from .checks.linkage import link_work_orders
    from .sources.work_orders import open_work_orders

    basic_codes = {m.basic_code for m in matters} | {i.basic_code for i in items if i.basic_code}
    sources = expand(config.work_orders, "work-order")
    paths = [(s.path, s.display) for s in sources]
    report = config.progress
    progress = (lambda done, rows: report("linking work orders", done, rows)) if report else None
    reading = (lambda done, rows: report("reading work orders", done, rows)) if report else None
    if config.engine == "spark":
        from .spark import link_work_orders_on_spark

        return link_work_orders_on_spark(
            workspace, paths, mapping, items, basic_codes, found.cancelled_items, config.as_of
        )
    for _, display in paths:
        if "://" in display:
            raise SourceError(display, "DuckDB reads local files only; use --engine spark for URIs")
    source = open_work_orders(
        workspace.con, paths, mapping, workspace.path, count=False, fast=True, progress=reading
    )
    result = link_work_orders(
        workspace.con,
        source,
        items,
        basic_codes,
        found.cancelled_items,
        config.as_of,
        progress=progress,
    )
    return source, result


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _rejected_summary(rejected: list[Rejected]) -> dict[str, Any]:
    by_file = Counter(r.file for r in rejected)
    return {
        "count": len(rejected),
        "by_file": dict(sorted(by_file.items())),
        "rows": [
            {"file": r.file, "row": r.row, "column": r.column, "reason": r.reason}
            for r in rejected[:1000]
        ],
        "truncated": len(rejected) > 1000,
    }


def _inputs(
    catalogue: Loaded[Matter],
    lists: list[Loaded[ListItem]],
    decisions: list[Loaded[DecisionItem]],
    wo_source: Any,
    linkage: Any,
) -> list[dict[str, Any]]:
    rows = []
    for kind, loaded in [
        ("catalogue", catalogue),
        *(("list", x) for x in lists),
        *(("decisions", x) for x in decisions),
    ]:
        rows.append(
            {
                "kind": kind,
                "file": loaded.file,
                "encoding": loaded.encoding,
                "header_row": loaded.header_row,
                "rows_read": loaded.rows_read,
                "rows_used": len(loaded.records),
                "rows_rejected": len(loaded.rejected),
            }
        )
    if wo_source is not None:
        for f in wo_source.files:
            rejected = sum(1 for r in linkage.rejected if r.file == f)
            read = wo_source.rows.get(f, 0)
            rows.append(
                {
                    "kind": "work_orders",
                    "file": f,
                    "encoding": getattr(wo_source, "encodings", {}).get(f, ""),
                    "header_row": getattr(wo_source, "header_rows", {}).get(f, 0),
                    "rows_read": read,
                    "rows_used": read - rejected,
                    "rows_rejected": rejected,
                }
            )
    return rows


def _decisions_loaded(decisions: list[DecisionItem]) -> list[dict[str, Any]]:
    """Rows loaded per decision and action, to compare with the counts the decision states."""
    counts: dict[str, Counter[str]] = {}
    for d in decisions:
        counts.setdefault(d.doc_no, Counter())[d.action] += 1
    return [{"decision": doc, **dict(sorted(c.items()))} for doc, c in counts.items()]
