"""One run of `diff`: load -> build the graph -> match -> run the checks -> a Result.

Knows nothing of the terminal; the CLI renders the Result and picks the exit code.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from . import __version__
from .beside import Beside
from .checks.certificates import certificate_findings
from .checks.decisions import DecisionFindings, decision_findings, whole_matter_cancelled
from .checks.unmatched import (
    code_names_another_matter,
    list_catalogue_matches,
    unimplemented_catalogue_items,
    unmatched_list_items,
)
from .code_tier import DuckDBTables, SqlTables, code_tier_read
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
from .graph import (
    ACTS_ON,
    FIRST_GRANT_ONLY,
    IMPLEMENTS,
    NAMED_BY,
    UNSETTLED_READINGS,
    add_list_mains,
    add_match,
    add_matches,
    add_named_by,
    build_graph,
    implemented_by,
    items_keep_their_matter,
    sub_item_names,
    sub_items,
)
from .mappings import Mapping, load_mapping
from .matching import (
    NameIndex,
    catalogue_names,
    code_families,
    code_schemes,
    compared_type,
    decision_name_read,
    entry,
    item_prefixes,
    match_items_to_catalogue,
    match_matter,
    noted_other_matter,
    prefix_said,
    stated_main_items,
    unsettled_readings,
    without_prefix,
)
from .model import (
    DecisionItem,
    ListItem,
    Match,
    Material,
    Matter,
    Rejected,
    Said,
    Table,
)
from .normalise import name_key
from .review import (
    JudgementBook,
    decision_keys,
    read_judgements,
    record_key,
    reviewed_evidence,
)
from .run_record import InputHashes, pin_inputs, run_record
from .sources.catalogue import load_catalogue
from .sources.decisions import load_decisions
from .sources.implementation_list import items_of, kept_codes, load_list, read_list
from .sources.loaded import Loaded
from .sources.materials import load_materials
from .tables import new_table
from .wording import (
    Parts,
    Wording,
    action_conflict,
    applied_for,
    first_grant_only,
    names_no_other_act,
    note_conflict,
    parts,
    scope_conflict,
)
from .workspace import Workspace

log = logging.getLogger("catalog_sync")
ENGINES = ("duckdb", "spark")
TABULAR_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".json", ".tsv")


@dataclass
class Source:
    """A file as the user named it (for messages) and where it really is."""

    path: Path
    display: str
    in_folder: bool = False  # found in a folder named as a source (may be skipped: not a table)


# --work-order-rows: "all" writes unlinked_work_orders, "none" leaves it out (checks.linkage)
ROW_MODES = ("all", "none")
EQUAL_NAME_SCORE = 100.0  # the name tier's score for equal keys (NameIndex.same_key)


@dataclass
class RunConfig:
    catalogue: Source
    lists: list[Source]
    decisions: list[Source]
    work_orders: list[Source] = field(default_factory=list)
    materials: list[Source] = field(default_factory=list)  # 申请材料 of the listed items
    mappings: list[Path] = field(default_factory=list)
    as_of: date = field(default_factory=date.today)
    baseline: Path | None = None
    judgements: Path | None = None
    engine: str = "duckdb"  # where work orders are linked: "duckdb" or "spark"
    work_order_rows: str = "all"  # "none": no per-row unlinked_work_orders (checks.linkage)
    memory_limit: str | None = None  # DuckDB's budget (workspace.py); None: its default
    progress: Callable[[str, float, int], None] | None = None  # (phase, fraction, rows so far)
    pinned: dict[Path, tuple[int, int, int]] = field(default_factory=dict)  # run_record.pin_inputs
    hashes: InputHashes | None = None  # the inputs' SHA-256, worked out while the run reads them
    # called with the graph once nothing more goes into it (the decisions matched): the CLI
    # starts writing its Turtle there, on the second core, while the findings are worked out
    graph_final: Callable[[Any], None] | None = None


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
    notes: list[str] = field(default_factory=list)  # files skipped (not tables), for stderr
    # warnings a person must see on stderr (English, rendered by vocab; also in `warnings`)
    said: list[str] = field(default_factory=list)
    # discrepancy tables counted but not written (--work-order-rows none): (open rows, new rows)
    unwritten: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def discrepancies(self) -> int:
        """Rows still to act on in the findings tables (resolved rows excluded)."""
        written = sum(open_count(t) for t in self.tables.values() if t.counts_as_discrepancy)
        return written + sum(n for n, _ in self.unwritten.values())

    def open_rows_by_table(self) -> dict[str, int]:
        """Rows still to act on, per discrepancy table, in table order."""
        found = {k: open_count(t) for k, t in self.tables.items() if t.counts_as_discrepancy}
        return found | {k: n for k, (n, _) in self.unwritten.items()}

    @property
    def new_findings(self) -> int:
        written = sum(new_count(t) for t in self.tables.values() if t.counts_as_discrepancy)
        return written + sum(n for _, n in self.unwritten.values())

    def close(self) -> None:
        """Release the work directory and database the streamed tables are read from."""
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None

    def __enter__(self) -> Result:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Files a folder of sources often holds beside its tables (the demo has a licence .txt)
_NOT_TABLES = re.compile(r"(licen[cs]e|copying|notice|readme|changelog|authors)\b", re.IGNORECASE)


# Workbooks a folder may hold that are not read (old binary Excel, WPS, binary Excel,
# OpenDocument, Numbers): each is named in a warning (Unread).
_UNREAD_WORKBOOKS = (".xls", ".et", ".ett", ".xlsb", ".ods", ".numbers")


_READ = ", ".join(TABULAR_SUFFIXES)


class Unread(Said):
    """A note on what a folder holds and is not read though it may hold rows (an .xls, a
    subfolder, a file of another kind): said on stderr as a warning, not as a note."""


def _unread(folder: Path, display: str) -> list[Unread]:
    """Why each entry of the folder that expand does not read is left unread: hidden files
    and Office's lock files (~$清单.xlsx) aside, which hold no rows."""
    out = []
    for p in sorted(folder.iterdir()):
        name, suffix = p.name, p.suffix.lower()
        if name.startswith((".", "~$")) or (p.is_file() and suffix in TABULAR_SUFFIXES):
            continue
        shown = Path(display) / name
        if p.is_dir():
            why = "a folder inside the folder: its files are not read (name it on its own)"
        elif suffix in _UNREAD_WORKBOOKS:
            why = f"a {suffix} workbook is not read: save it as .xlsx/.csv"
        else:
            why = f"not a table file ({suffix or 'no extension'}): {_READ} files are read"
        out.append(Unread(f"{shown}: skipped, {why}"))
    return out


def expand(sources: list[Source], what: str, notes: list[str] | None = None) -> list[Source]:
    """Folders stand for the tabular files inside them, in name order; licence and read-me
    files among them are skipped with a note, anything else not read (an .xls workbook, a
    subfolder, a document) with a warning naming it (`Unread`)."""
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
            for p in [p for p in found if _NOT_TABLES.match(p.name)]:
                found.remove(p)
                if notes is not None:
                    notes.append(f"{Path(s.display) / p.name}: skipped, a licence or read-me file")
            unread = _unread(s.path, s.display)
            if not found:
                named = "".join(f"; {u}" for u in unread[:3]) + ("; …" if unread[3:] else "")
                raise SourceError(s.display, f"folder holds no {what} files ({_READ}){named}")
            if notes is not None:
                notes.extend(unread)
            out.extend(Source(p, str(Path(s.display) / p.name), True) for p in found)
        else:
            out.append(s)
    return out


def _load_each(sources: list[Source], load: Callable[[Source], Any], notes: list[str]) -> list[Any]:
    """load() each source; a text file of a folder in which no table is found is skipped with
    a note, not fatal."""
    loaded = []
    for got in _read_each(sources, load):
        if isinstance(got, _Skipped):
            notes.append(got.note)
        else:
            loaded.append(got)
    return loaded


@dataclass(frozen=True)
class _Skipped:
    """A source _read_each skipped, and the note saying so."""

    note: str


def _read_each(sources: list[Source], load: Callable[[Source], Any]) -> list[Any]:
    """load() of each source, or _Skipped for a text file of a folder in which no table is
    found (not fatal)."""
    out: list[Any] = []
    for s in sources:
        try:
            out.append(load(s))
        except SourceError as e:
            if not (s.in_folder and s.path.suffix.lower() == ".txt" and "no header row" in str(e)):
                raise
            out.append(_Skipped(f"{s.display}: skipped, no table found in this text file"))
    return out


def run(config: RunConfig) -> Result:
    """One run of diff (see the module docstring)."""
    try:
        with paused_gc():
            return _run(config)
    finally:
        if config.hashes is not None:
            config.hashes.close()
            config.hashes = None


class _Stopwatch:
    """Seconds and rows of each stage of a run, for run.json and -v."""

    def __init__(self) -> None:
        self.stages: list[dict[str, Any]] = []
        self._clock = time.perf_counter()

    def lap(self, stage: str, rows: int, cpu: dict[str, float] | None = None) -> None:
        """`cpu`: a stage's CPU on the second core (beside.py), kept beside its seconds."""
        now = time.perf_counter()
        seconds = now - self._clock
        self.stages.append(
            {
                "stage": stage,
                "seconds": round(seconds, 3),
                "rows": rows,
                "rows_per_second": round(rows / seconds) if seconds > 0 else None,
                **(cpu or {}),
            }
        )
        log.info("%-16s %8.2f s  %12s rows", stage, seconds, f"{rows:,}")
        self._clock = now


@dataclass
class _Inputs:
    """The sources of a run as loaded: records, and the Loaded files for rejects and warnings."""

    catalogue: Loaded[Matter]
    lists: list[Loaded[ListItem]]
    decisions: list[Loaded[DecisionItem]]
    materials: list[Loaded[Material]]
    notes: list[str]
    cpu: dict[str, float] = field(default_factory=dict)  # the lists read beside (Beside.cpu)

    @property
    def matters(self) -> list[Matter]:
        return self.catalogue.records

    @property
    def loaded(self) -> tuple[Loaded[Any], ...]:
        return (self.catalogue, *self.lists, *self.materials, *self.decisions)

    def __post_init__(self) -> None:
        self.items = [i for loaded in self.lists for i in loaded.records]
        every = [d for lo in self.decisions for d in lo.records]
        self.decision_items = [d for d in every if not d.certificate]
        self.certificates = [d for d in every if d.certificate]


@dataclass
class _ListMatching:
    """Which catalogue matter each list item implements, and what to show beside the others."""

    matched: dict[str, tuple[Matter, Match]]
    nearest: dict[str, Any]
    schemes: dict[str, dict[str, Any]]
    catalogue_index: NameIndex
    book: JudgementBook
    named_otherwise: dict[str, tuple[Matter, str]]  # matched by code, named as another matter

    prefixes: dict[str, Any]  # item node -> the place or agency set aside in front of its name

    def not_conforming(self, items: list[ListItem]) -> Counter[str]:
        """The tiers of matched items that still do not conform: items in use of a matter the
        catalogue has not in use, and items coded as one matter and named as another."""
        return Counter(
            self.matched[i.node][1].tier
            for i in items
            if i.node in self.matched
            and (
                i.node in self.named_otherwise or (i.in_use and not self.matched[i.node][0].in_use)
            )
        )


def _run(config: RunConfig) -> Result:
    """Load, match, check, link the work orders, then give findings their ids and status."""
    started = datetime.now(timezone.utc)
    watch = _Stopwatch()
    config.pinned = pin_inputs(config)
    config.hashes = InputHashes(list(config.pinned))
    baseline = load_baseline(config.baseline) if config.baseline else None
    mapping = load_mapping(config.mappings)
    inputs = _load(config, mapping)
    watch.lap("load", sum(lo.rows_read for lo in inputs.loaded), inputs.cpu)
    checked = _match_and_check(config, mapping, inputs, watch)
    tables = checked.tables
    rejected: list[Rejected] = [r for lo in inputs.loaded for r in lo.rejected]
    linked = _link(config, mapping, inputs, checked.found, watch)
    if linked.linkage is not None:
        tables.update(linked.linkage.tables)
        rejected.extend(linked.linkage.rejected)
    tables["rejected_rows"] = _rejected_rows(rejected)
    notes = [n for n in inputs.notes if not isinstance(n, Said)]
    read = [w for lo in inputs.loaded for w in lo.warnings] + _source_warnings(linked.source)
    warnings = [w for w in read if not isinstance(w, Said)] + notes
    said = (
        [w for w in (*inputs.notes, *read) if isinstance(w, Said)]
        + _every_row_rejected(inputs.loaded, linked)
        + _codes_written_otherwise(checked.lists.schemes)
        + _without_accept_time(linked.source)
    )
    warnings += said
    if inputs.certificates and not config.materials:
        warnings.append(
            f"{len(inputs.certificates)} decision rows name certificates (证明名称); give "
            "--materials to check whether items still ask for them"
        )
    # the guide rows got theirs beside the checks (_guide_checks)
    assign_finding_ids({n: t for n, t in tables.items() if n != "guide_elements"})
    apply_baseline(tables, baseline, config.as_of)
    summary = _summary(config, mapping, inputs, checked.lists, checked.found, tables, rejected,
                       warnings)  # fmt: skip
    summary.update(_linkage_summary(tables, inputs, linked.source, linked.linkage))
    summary.update(_checks_summary(config, inputs, checked, tables))
    result = Result(
        tables,
        summary,
        checked.graph,
        warnings,
        book=checked.lists.book,
        level_qualifiers=mapping.level_qualifiers,
        workspace=linked.workspace,
        notes=notes,
        said=said,
        unwritten=_unwritten(tables, linked.linkage),
    )
    summary["discrepancies"] = result.discrepancies
    summary["new_findings"] = result.new_findings
    summary["findings_by_status"] = status_counts(tables)
    if baseline is not None:
        summary["baseline"] = _baseline_summary(config, baseline, summary, warnings)
    budget = linked.workspace.memory_limit if linked.workspace is not None else None
    result.run_record = run_record(config, summary, watch.stages, started, budget)
    return result


@dataclass
class _Checked:
    """The matched graph and the tables of the checks on it (the guide checks' included)."""

    graph: Any
    lists: _ListMatching
    found: DecisionFindings
    tables: dict[str, Table]
    guide: Any = None  # the guide checks' result, when they ran


def _match_and_check(
    config: RunConfig, mapping: Mapping, inputs: _Inputs, watch: _Stopwatch
) -> _Checked:
    """Match the lists and decisions to the catalogue and run the checks on the graph; the
    guide checks need only the loaded items, so they run on the second core meanwhile."""
    guides = _start_guides(inputs.items, inputs.materials, mapping, config)
    try:
        g = build_graph(inputs.matters, inputs.items, inputs.decision_items)
        mains = add_list_mains(g, inputs.items)
        lists = _match_lists(config, mapping, inputs, g)
        watch.lap("match lists", len(inputs.items))
        book = lists.book
        domains = _code_domains(lists.schemes, {m.basic_code for m in inputs.matters})
        _match_decisions(
            g, inputs.decision_items, inputs.items, mains, lists.catalogue_index, mapping, book,
            domains, lists.prefixes,
        )  # fmt: skip
        _reach_code_families(g, inputs.decision_items, inputs.matters, inputs.items, mapping, book)
        items_keep_their_matter(
            g, [d.node for d in inputs.decision_items], _main_by_layout(g, mapping)
        )
        _first_grant_only(g, inputs.decision_items, mapping)
        watch.lap("match decisions", len(inputs.decision_items))
        if config.graph_final is not None:
            config.graph_final(g)
        found = decision_findings(g, inputs.decision_items, config.as_of, book.denied)
        variants_of = {n: h.variants for n, h in lists.nearest.items() if h and h.variants}
        whole_matter_cancelled(found, inputs.items, variants_of, book.denied)
        tables: dict[str, Table] = {**found.tables, **_conformance_tables(g, inputs, lists, found)}
        watch.lap("checks", len(inputs.items) + len(inputs.matters))
        guide = guides.result() if guides is not None else None
    finally:
        if guides is not None:
            guides.close()
    if guide is not None:
        tables["guide_elements"] = guide.table
        tables["guide_element_rates"] = guide.rates
        watch.lap("guide checks", len(inputs.items), guides.cpu if guides is not None else None)
    if config.materials:
        tables["certificates_still_required"] = certificate_findings(
            inputs.certificates,
            (m for loaded in inputs.materials for m in loaded.records),
            inputs.items,
            config.as_of,
            mapping,
        )
    return _Checked(g, lists, found, tables, guide)


@dataclass
class _Linked:
    """The work-order linkage of a run (all None without work orders)."""

    source: Any = None
    linkage: Any = None
    workspace: Workspace | None = None


def _link(
    config: RunConfig,
    mapping: Mapping,
    inputs: _Inputs,
    found: DecisionFindings,
    watch: _Stopwatch,
) -> _Linked:
    """The work orders linked in a workspace of their own, closed if the linkage fails."""
    if not config.work_orders:
        return _Linked()
    workspace = Workspace(config.memory_limit)
    try:
        source, linkage = _link_work_orders(
            config, mapping, inputs.items, inputs.matters, found, workspace, inputs.notes
        )
    except BaseException:
        workspace.close()
        raise
    watch.lap("work orders", source.total)
    return _Linked(source, linkage, workspace)


def _source_warnings(source: Any) -> list[str]:
    """What reading the work orders warned of (an XLSX's external links, its numbers that lost
    digits)."""
    return list(getattr(source, "warnings", []) or [])


def _every_row_rejected(loaded: list[Any], linked: _Linked) -> list[str]:
    """A warning per input file none of whose rows could be used (a decision annex without
    dates, work orders whose every 受理时间 is in a form not read): the run goes on without
    it, and a person must know."""
    counts = [(lo.file, lo.rows_read, len(lo.rejected)) for lo in loaded]
    if linked.source is not None and linked.linkage is not None:
        rejected = Counter(r.file for r in linked.linkage.rejected)
        counts += [(f, linked.source.rows.get(f, 0), rejected[f]) for f in linked.source.files]
    return [
        f"no row of {file} could be used ({read} read): rejected_rows says why"
        for file, read, rejected in counts
        if read and rejected >= read
    ]


def _codes_written_otherwise(schemes: dict[str, dict[str, Any]]) -> list[str]:
    """A warning per list coded in the catalogue's scheme whose items carry 基本编码 written
    otherwise (a spreadsheet's number that lost its leading zeros, hyphens): they are matched by
    the code read, and the list should carry the code as the catalogue writes it."""
    return [
        f"{s['found_written_otherwise']} items of {file} carry their 基本编码 written otherwise "
        "(leading zeros lost, hyphens, a number's decimals, or a whole 实施编码): matched by the "
        "catalogue code each was read as "
        "(list_catalogue_matches says how); store the codes as text, as the catalogue writes them"
        for file, s in schemes.items()
        if s.get("found_written_otherwise") and s.get("scheme") == "catalogue"
    ]


def _without_accept_time(source: Any) -> list[str]:
    """A warning per work-order file without a 受理时间 column: none of its work orders can be
    placed after a cancellation, so work_orders_on_cancelled_items misses them unless told."""
    if source is None:
        return []
    return [
        f"no 受理时间 column in {file} (a 受理时间 or 受理日期 header expected): its work orders "
        "were not checked against cancelled items"
        for file in source.files
        if "accept_time" not in source.headers.get(file, {})
    ]


def _rejected_rows(rejected: list[Rejected]) -> Table:
    table = new_table("rejected_rows")
    table.rows = [
        {"file": r.file, "row": r.row, "column": r.column, "reason": r.reason} for r in rejected
    ]
    return table


def _checks_summary(
    config: RunConfig, inputs: _Inputs, checked: _Checked, tables: dict[str, Table]
) -> dict[str, Any]:
    """summary.json's figures of the guide and certificate checks, when they ran."""
    summary: dict[str, Any] = {}
    if checked.guide is not None:
        found = checked.guide.summary
        summary["guide_elements"] = open_count(tables["guide_elements"])
        summary["guide_defect_rate"] = _rate(found["items_failing"], found["items_checked"])
        summary["guide_rates"] = found
    if config.materials:
        summary["certificate_decisions"] = len(inputs.certificates)
        summary["certificates_still_required"] = open_count(tables["certificates_still_required"])
    return summary


def _baseline_summary(
    config: RunConfig, baseline: Any, summary: dict[str, Any], warnings: list[str]
) -> dict[str, Any]:
    """summary.json's `baseline`: what changed since it; a baseline of another version warns
    (after the changes are taken: the warning is not one of them)."""
    found = {
        "path": str(config.baseline),
        "as_of": baseline.as_of.isoformat(),
        "tool_version": baseline.summary.get("tool_version"),
        "changes": summary_changes(summary, baseline.summary),
    }
    if baseline.summary.get("tool_version") != __version__:
        warnings.append(version_warning(config.baseline, baseline.summary, __version__))
    return found


def _load(config: RunConfig, mapping: Mapping) -> _Inputs:
    """Every source of the run; files of the wrong kind stop it, non-tables in folders are
    skipped with a note."""
    notes: list[str] = []
    try:  # the list files are known before the catalogue is read, to start reading them beside
        sources: list[Source] | None = expand(config.lists, "implementation-list", notes)
    except SourceError:  # raised again after the catalogue's own errors, as it always was
        sources = None
    head, tail = _split_lists(sources or [])
    beside = Beside(_read_lists, tail, mapping, fork=True) if tail else None
    try:
        catalogue = load_catalogue(config.catalogue.path, config.catalogue.display, mapping)
        if sources is None:
            head = expand(config.lists, "implementation-list", notes)
        seen: dict[str, str] = {}
        lists = _load_each(head, lambda s: load_list(s.path, s.display, mapping, seen), notes)
        if beside is not None:
            lists += _lists_read_beside(beside.result(), tail, mapping, seen, notes)
    finally:
        if beside is not None:
            beside.close()
    decisions = _load_each(
        expand(config.decisions, "decision", notes),
        lambda s: load_decisions(s.path, s.display, mapping),
        notes,
    )
    items = [i for loaded in lists for i in loaded.records]
    materials = _load_materials(config, mapping, items)
    return _Inputs(catalogue, lists, decisions, materials, notes, beside.cpu if beside else {})


# list bytes from which the later list files are read on the second core (beside.py), and the
# share of the bytes read there: this process reads the catalogue and the earlier files
# meanwhile, then makes the items of the rows read there
LISTS_BESIDE_FROM = 8 << 20
LISTS_BESIDE_SHARE = 0.6


def _split_lists(sources: list[Source]) -> tuple[list[Source], list[Source]]:
    """The list files read here and, for a big run, the later ones read on the second core."""
    sizes = [s.path.stat().st_size if s.path.is_file() else 0 for s in sources]
    total = sum(sizes)
    if total < LISTS_BESIDE_FROM or len(sources) < 2 or not hasattr(os, "fork"):
        return sources, []
    k, rest = len(sources), 0
    while k > 1 and rest + sizes[k - 1] <= total * LISTS_BESIDE_SHARE:
        k -= 1
        rest += sizes[k]
    return sources[:k], sources[k:]


def _read_lists(sources: list[Source], mapping: Mapping) -> list[Any]:
    """read_list of each source (its own 实施编码 seen), as pickled back from the second core."""
    seen: dict[str, str] = {}
    return _read_each(sources, lambda s: read_list(s.path, s.display, mapping, seen))


def _lists_read_beside(
    read: list[Any],
    sources: list[Source],
    mapping: Mapping,
    seen: dict[str, str],
    notes: list[str],
) -> list[Loaded[ListItem]]:
    """The lists _read_lists read, as load_list would have loaded them after the ones `seen`
    holds the codes of. It read them with a `seen` of their own: a file is loaded alike unless
    a code it looked up was seen in an earlier file. The codes a file looks up are those it
    kept and those it rejected as listed twice, which an earlier file of its own kept; so up to
    the first file keeping a code of `seen`, each is what load_list gives, and from that file
    on they are loaded here again, `seen` holding the codes of every file before it."""
    out: list[Loaded[ListItem]] = []
    for n, got in enumerate(read):
        if isinstance(got, _Skipped):
            notes.append(got.note)
            continue
        loaded, kept = got
        if not seen.keys().isdisjoint(kept_codes(kept)):
            for earlier in out:
                seen.update((i.task_code, f"{i.ref.file} row {i.ref.row}") for i in earlier.records)
            return out + _load_each(
                sources[n:], lambda s: load_list(s.path, s.display, mapping, seen), notes
            )
        loaded.records = items_of(kept)
        out.append(loaded)
    return out


def _match_lists(config: RunConfig, mapping: Mapping, inputs: _Inputs, g: Any) -> _ListMatching:
    """Each list item to its catalogue matter (codes first, names where codes cannot decide),
    with reviewers' judgements; the matches go into the graph."""
    matters, items = inputs.matters, inputs.items
    under_main = catalogue_names(matters, mapping.wording)
    catalogue_index = NameIndex(
        (
            entry(
                m.node,
                under_main.get(m.node, m.name),
                mapping,
                task_type=m.task_type,
                department=m.department,
                by_law=m.by_law,
            )
            for m in matters
        ),
        mapping,
    )
    catalogue_index.sub_names = sub_item_names(g)  # 主项 names of the lists' too: g has them
    catalogue_index.under_main = under_main
    catalogue_index.mark_split_matters(stated_main_items(matters))
    book = _judgement_book(config, matters, items, inputs.decision_items, mapping)
    denied = {left: book.excluded(left) for left, _ in book.denied}
    code_tier, code_read = code_tier_read(
        items, matters, denied, _code_tier_engine(config.engine), mapping.derive_basic_code
    )
    schemes = code_schemes(items, {m.basic_code for m in matters}, code_read)
    prefixes = item_prefixes(items, mapping)
    matched, nearest = match_items_to_catalogue(
        items,
        matters,
        catalogue_index,
        confirmed={
            left: (right, reviewed_evidence(j)) for (left, right), j in book.confirmed.items()
        },
        denied=denied,
        code_tier=code_tier,
        codes_decide={f for f, s in schemes.items() if s["scheme"] == "catalogue"},
        code_read=code_read,
        prefixes=prefixes,
    )
    named_otherwise = code_names_another_matter(
        items, matched, matters, mapping.level_qualifiers, catalogue_index
    )
    add_matches(
        g,
        IMPLEMENTS,
        (
            (node, mt.node, _code_and_name_apart(m, named_otherwise.get(node)))
            for node, (mt, m) in matched.items()
        ),
    )
    add_named_by(
        g,
        (
            (node, near.entry.id, near.match)
            for node, near in nearest.items()
            if near is not None and near.match is not None
        ),
    )
    return _ListMatching(
        matched, nearest, schemes, catalogue_index, book, named_otherwise, prefixes
    )


def _code_and_name_apart(m: Match, named: tuple[Matter, str] | None) -> Match:
    """The code match a decision reaches a list item through, saying so where the item's name
    is another catalogue matter (code_names_another_matter): a decision cancelling or
    delegating the coded matter reaches the item by its code alone, and its department must
    know that the name says otherwise before it takes the item off (hunt 23c: 医疗机构执业登记
    （变更） on the code of 公共场所卫生许可 was reported cancelled with only `names differ`)."""
    if named is None:
        return m
    other = named[0]
    said = f"its name names another catalogue matter, {other.basic_code} {other.name}: "
    return replace(m, evidence=f"{m.evidence}; {said}the code or the name is wrong")


def _conformance_tables(
    g: Any, inputs: _Inputs, lists: _ListMatching, found: Any
) -> dict[str, Table]:
    """The list-to-catalogue tables: unmatched items, unimplemented matters (naming the items
    whose names match them but whose codes are wrong), and every match."""
    items = inputs.items
    named_by: dict[str, list[ListItem]] = {}
    for item in items:
        hint = lists.nearest.get(item.node)
        if hint is not None and hint.match is not None:
            named_by.setdefault(hint.entry.id, []).append(item)
    codes = {m.basic_code for m in inputs.matters}
    return {
        "unmatched_list_items": unmatched_list_items(
            items,
            lists.matched,
            lists.nearest,
            codes,
            found.cancelled_matters,
            lists.named_otherwise,
            found.cancelled_items,
            found.partly_cancelled,
        ),
        "unimplemented_catalogue_items": unimplemented_catalogue_items(
            g,
            inputs.matters,
            found.cancelled_matters,
            {i.level for i in items if i.level},
            named_by,
            {
                e.id
                for hint in lists.nearest.values()
                if hint
                for e in (*hint.variants, *hint.ambiguous, *hint.subjects)
            },
        ),
        "list_catalogue_matches": list_catalogue_matches(items, lists.matched),
    }


def _summary(
    config: RunConfig,
    mapping: Mapping,
    inputs: _Inputs,
    lists: _ListMatching,
    found: Any,
    tables: dict[str, Table],
    rejected: list[Rejected],
    warnings: list[str],
) -> dict[str, Any]:
    """summary.json's counts and rates of the catalogue, lists and decisions."""
    items = inputs.items
    tier_counts = Counter(m.tier for _, m in lists.matched.values())
    not_conforming = lists.not_conforming(items)
    book = lists.book
    return {
        "tool_version": __version__,
        "as_of": config.as_of.isoformat(),
        "catalogue_items": len(inputs.matters),
        "list_items": len(items),
        "decision_items": len(inputs.decision_items),
        "cancelled_still_listed": open_count(tables["cancelled_still_listed"]),
        "delegated_items": open_count(tables["delegated_items"]),
        "pending_decision_matches": found.pending,
        "unmatched_list_items": open_count(tables["unmatched_list_items"]),
        "unimplemented_catalogue_items": open_count(tables["unimplemented_catalogue_items"]),
        "list_conformance_rate": _rate(len(lists.matched) - not_conforming.total(), len(items)),
        "list_code_conformance_rate": _rate(
            tier_counts.get("code", 0) - not_conforming.get("code", 0), len(items)
        ),
        "list_matches_by_tier": dict(sorted(tier_counts.items())),
        "list_code_schemes": lists.schemes,
        "rejected_rows": _rejected_summary(rejected),
        "decisions_loaded": _decisions_loaded(inputs.decision_items),
        "mappings": mapping.files,
        "warnings": warnings,
        "judgements": {
            "applied": len(book.settled),
            "confirmed": len(book.confirmed),
            "denied": len(book.denied),
            "expired": len(book.changed),
        },
    }


def _linkage_summary(
    tables: dict[str, Table], inputs: _Inputs, wo_source: Any, linkage: Any
) -> dict[str, Any]:
    """summary.json's work-order figures and the inputs read (work-order files included)."""
    return {
        "work_orders": linkage.work_orders if linkage else 0,
        "work_orders_linked": linkage.linked if linkage else 0,
        "work_order_linkage_rate": linkage.rate if linkage else None,
        "work_orders_by_reason": linkage.by_reason if linkage else {},
        "work_orders_on_cancelled_items": open_count(
            tables.get("work_orders_on_cancelled_items", Table("", []))
        ),
        "inputs": _inputs(
            inputs.catalogue, inputs.lists, inputs.decisions, wo_source, linkage, inputs.materials
        ),
    }


def _load_materials(
    config: RunConfig, mapping: Mapping, items: list[ListItem]
) -> list[Loaded[Material]]:
    """Material files; a material of an 实施编码 no loaded list carries is rejected."""
    codes = {i.task_code for i in items}
    out = [
        load_materials(s.path, s.display, mapping) for s in expand(config.materials, "materials")
    ]
    for loaded in out:
        kept = []
        for m in loaded.records:
            if m.task_code in codes:
                kept.append(m)
            else:
                loaded.reject(m.ref.row, f"实施编码 {m.task_code} is in no implementation list")
        loaded.records = kept
    return out


# list items from which the guide checks run on the second core (beside.py): below it the fork
# and the pickled rows cost more than they save
GUIDES_BESIDE_FROM = 20_000


def _start_guides(
    items: list[ListItem], materials: list[Loaded[Material]], mapping: Mapping, config: RunConfig
) -> Beside | None:
    """The guide checks, when a list carries guide columns or materials are given (else None):
    their mapping compiled here (a wrong one stops the run now), the checks started on the
    second core for a big run, run when their result is asked for otherwise."""
    if not config.materials and all(i.guide_cells is None for i in items):
        return None
    from .checks.guide import guide_rules

    rules = guide_rules(mapping)
    given = [m for loaded in materials for m in loaded.records] if config.materials else None
    return Beside(_guide_checks, items, given, rules, fork=len(items) >= GUIDES_BESIDE_FROM)


def _guide_checks(items: list[ListItem], materials: list[Material] | None, rules: Any) -> Any:
    """guide_findings, its rows given their finding ids (findings.assign_finding_ids, as for
    every findings table): a province's hundreds of thousands of ids made on the second core."""
    from .checks.guide import guide_findings

    result = guide_findings(items, materials, rules)
    assign_finding_ids({"guide_elements": result.table})
    return result


def _match_decisions(
    g: Any,
    decisions: list[DecisionItem],
    items: list[ListItem],
    mains: dict[str, str],
    catalogue_index: NameIndex,
    mapping: Mapping,
    book: JudgementBook,
    code_domain: Callable[[ListItem], str],
    prefixes: dict[str, Any] | None = None,
) -> None:
    """Decision rows carry names, never codes: match each to catalogue matters, list items and
    list 主项 names, keeping every target a tier accepts and a reviewer has not denied. A list
    item whose list writes a place or an agency in front of its name (`prefixes`) is indexed
    by its name and by what follows the prefix, the evidence saying which."""
    if not decisions:
        return
    rows = _DecisionRows(g, items, mains, catalogue_index, mapping, prefixes or {})
    family = _families(g, mapping, code_domain)
    for d in decisions:
        _add_reviewed(g, d.node, book)
        q = entry(d.node, d.name, mapping, department=d.department, by_law=d.by_law)
        hits = rows.hits(d.node, q, book.excluded(d.node))
        for node, match in _within_named_families(hits, family):
            add_match(g, d.node, node, ACTS_ON, match)
        _note_unsettled(g, d.node, q, (catalogue_index, rows.item_index), rows.members)
    _skip_below(g, {d: frozenset(nodes) for d, nodes in rows.off_type.items()})


def _add_reviewed(g: Any, node: str, book: JudgementBook) -> None:
    """The targets a reviewer confirmed for the decision row `node`, tier `reviewed`: the
    person's word stands before any tier reads the name."""
    for target, j in book.confirmed_for(node):
        if g.has_node(target):
            add_match(
                g, node, target, ACTS_ON, Match("reviewed", 100.0, ("审核",), reviewed_evidence(j))
            )


class _DecisionRows:
    """The three name indexes a decision row is matched in, the catalogue's, the list items'
    (one entry per 主项 group, `members` its items) and the list 主项 names', each knowing the
    others (siblings one names keep names apart in each); and what the rows found of another
    matter type (`off_type`, decision node -> items of its groups), skipped at the end."""

    def __init__(
        self,
        g: Any,
        items: list[ListItem],
        mains: dict[str, str],
        catalogue_index: NameIndex,
        mapping: Mapping,
        prefixes: dict[str, Any],
    ) -> None:
        self.g, self.items, self.mapping, self.prefixes = g, items, mapping, prefixes
        firsts, self.members = _item_groups(items, mapping, prefixes)
        self.group_types = _main_types(items)
        typed = {n: next(iter(ts)) for n, ts in self.group_types.items() if len(ts) == 1}
        self.off_type: dict[str, set[str]] = {}
        self.catalogue_index = catalogue_index
        self.item_index = NameIndex(_item_entries(firsts, mapping, prefixes), mapping, partial=True)
        self.main_index = NameIndex(
            (entry(n, name, mapping, task_type=typed.get(n, "")) for n, name in mains.items()),
            mapping,
            mains=True,
        )
        self.main_index.sub_names = catalogue_index.sub_names
        # siblings the catalogue or the lists name keep names apart in each (loosely_same)
        self.item_index.beside = (catalogue_index, self.main_index)
        self.main_index.beside = (catalogue_index, self.item_index)
        catalogue_index.names_beside = (self.item_index, self.main_index)
        self.item_index.reference = self.main_index.reference = catalogue_index  # notes: matters
        self._every_item_index: NameIndex | None = None

    @property
    def indexes(self) -> tuple[NameIndex, NameIndex, NameIndex]:
        """The catalogue's, the list items' and the list 主项 names', in the order a row is
        matched in them."""
        return self.catalogue_index, self.item_index, self.main_index

    def every_item_index(self) -> NameIndex:
        """Every list item on its own, not by group: for a row a reviewer excluded targets of
        (a group's first item may be the one excluded). Made the first time one is needed."""
        if self._every_item_index is None:
            index = NameIndex(
                _item_entries(self.items, self.mapping, self.prefixes), self.mapping, partial=True
            )
            index.beside = (self.catalogue_index, self.main_index)
            index.reference = self.catalogue_index
            self._every_item_index = index
        return self._every_item_index

    def hits(self, node: str, q: Any, excluded: set[str]) -> list[tuple[list[str], Match]]:
        """What the decision row `node` (its entry `q`) reaches in each index, the catalogue's
        first: the matter types it names there keep the list targets of those types. The
        targets are judged together (codes decide between them, _within_named_families)."""
        g, mapping, group_types, members = self.g, self.mapping, self.group_types, self.members
        catalogue_index, item_index, main_index = self.indexes
        hits: list[tuple[list[str], Match]] = []  # of every index: codes judge them together
        types: set[str] = set()  # of the catalogue matters the row names (_type_kept)
        for index in (catalogue_index, item_index, main_index):
            listed = index is item_index
            grouped = listed and not excluded
            if listed and excluded:
                index = self.every_item_index()
            weighed: list[tuple[list[Any], Match]] | None = [] if listed else None
            found_all = match_matter(index, q, excluded, weighed)
            if listed and _scope_siblings(catalogue_index, q):
                found_all, weighed = _scope_kept(found_all), _scope_kept(weighed or [])
            if index is not catalogue_index and types and "" not in types:
                kinds = mapping.wording if index is main_index else None
                found_all = _type_kept(found_all, types, kinds, group_types)
                weighed = _type_kept(weighed or [], types, kinds, group_types)
                if index is main_index:
                    _items_off_type(g, node, found_all, types, group_types, self.off_type)
            if index is catalogue_index:
                types = {t.task_type for found, _ in found_all for t in found}
            named = [
                hit
                for found, match in found_all
                for t in found
                for hit in _read_said(g, members[t.id] if grouped else [t.id], match, t, mapping)
            ]
            hits += named
            if weighed:
                hits += _each_agencys_best(g, named, weighed, members if grouped else None, mapping)
        return hits


def _note_unsettled(
    g: Any, node: str, q: Any, indexes: tuple[NameIndex, ...], members: dict[str, list[str]]
) -> None:
    """Keep, for the review workbook, the records a decision row naming several matters would
    reach by each reading where none is taken (matching.unsettled_readings): the row does not
    vanish silently, a person picks the reading."""
    held = [
        (target, match)
        for index in indexes
        for found, match in unsettled_readings(index, q)
        for t in found
        for target in members.get(t.id, [t.id])
    ]
    if held:
        g.graph.setdefault(UNSETTLED_READINGS, {})[node] = held


def _main_types(items: list[ListItem]) -> dict[str, frozenset[str]]:
    """list 主项 node (graph.add_list_mains) -> the 事项类型 of its items ("" for an untyped
    one): a 主项 name carries no type, and takes its items' so that a decision row reaches it
    by name as it reaches them (_type_kept), not a 行政处罚 group named as the permit it
    punishes the lack of, nor one of 行政处罚 and 行政检查 items."""
    found: dict[str, set[str]] = {}
    for i in items:
        if i.parent_name:
            found.setdefault(f"listmain:{i.ref.file}:{i.parent_name}", set()).add(i.task_type)
    return {node: frozenset(types) for node, types in found.items()}


def _items_off_type(
    g: Any,
    decision: str,
    hits: list[tuple[list[Any], Match]],
    types: set[str],
    groups: dict[str, frozenset[str]],
    out: dict[str, set[str]],
) -> None:
    """The items of the list 主项 a decision row reaches (hits) for items of its matters' types
    (`types`) whose own 事项类型 is none of them: a group of a 行政许可 and its 行政处罚 is
    reached for the permit, the penalty is not (graph.FIRST_GRANT_ONLY, the items a row reaches
    no further). A group reached across types by its equal name (_mains_cross) keeps them all."""
    for found, _ in hits:
        for t in found:
            if not groups.get(t.id, frozenset()) & types:
                continue
            for child in sub_items(g, t.id):
                rec = g.nodes[child].get("record")
                if isinstance(rec, ListItem) and rec.task_type and rec.task_type not in types:
                    out.setdefault(decision, set()).add(child)


def _skip_below(g: Any, skipped: dict[str, frozenset[str]]) -> None:
    """Add to the records each decision row reaches no further (graph.FIRST_GRANT_ONLY)."""
    if not skipped:
        return
    held = g.graph.setdefault(FIRST_GRANT_ONLY, {})
    for node, nodes in skipped.items():
        held[node] = held.get(node, frozenset()) | nodes


def _scope_siblings(catalogue_index: NameIndex, q: Any) -> bool:
    """Does the catalogue hold the decision row's matter under another scope word too (国家重点
    保护… and 省重点保护…)? Then a list name without a scope word may be either."""
    if q.parts is None or not q.parts.level:
        return False
    return any(
        scope_conflict(q.parts, e.parts) for e in catalogue_index.by_stem.get(q.parts.stem, ())
    )


def _scope_kept(hits: list[tuple[list[Any], Match]]) -> list[tuple[list[Any], Match]]:
    """The list items of hits that name their scope or are reached by name (equal keys): one
    whose list dropped the scope word is not taken, by its name, for the row's scope."""
    kept = [([t for t in found if m.tier == "name" or t.parts.level], m) for found, m in hits]
    return [(found, m) for found, m in kept if found]


def _type_kept(
    hits: list[tuple[list[Any], Match]],
    types: set[str],
    mains: Wording | None = None,
    groups: dict[str, frozenset[str]] | None = None,
) -> list[tuple[list[Any], Match]]:
    """The list items of hits whose 事项类型 is one of the catalogue matters' the decision row
    names (`types`, each typed), or none, or that are reached by an equal name: a decision row
    carries no type and takes its matters', as a list item is matched to a matter of another
    type only by an equal name (特种设备使用登记 of 行政许可 does not reach a 行政检查 item
    特种设备使用登记管理). For list 主项 (`mains`, their wording given), typed by their items
    (`groups`, _main_types): one holding an untyped item or an item of those types is kept, and
    an equal name crosses only between kinds applied for (_mains_cross)."""
    groups = groups or {}

    def kept(t: Any, m: Match) -> bool:
        own = groups.get(t.id, frozenset({t.task_type})) if mains else frozenset({t.task_type})
        if "" in own or own & types:
            return True
        return _equal_name(m) and (mains is None or _mains_cross(own, types, mains))

    found_kept = [([t for t in found if kept(t, m)], m) for found, m in hits]
    return [(found, m) for found, m in found_kept if found]


def _mains_cross(main: frozenset[str], types: set[str], wording: Wording) -> bool:
    """May a decision row reach a list 主项 of another type by its equal name? Only where both
    are kinds applied for (户口迁移 of 行政确认 in one province, 行政许可 in another): the group's
    name is no name of its items, and a group of 行政处罚 items named as the permit they punish
    the lack of is not the permit."""
    return all(applied_for(t, wording) for t in (*main, *types))


def _equal_name(match: Match) -> bool:
    """A match of equal name keys (NameIndex.same_key): the one that crosses a type."""
    return match.tier == "name" and match.score >= EQUAL_NAME_SCORE


def _each_agencys_best(
    g: Any,
    named: list[tuple[list[str], Match]],
    weighed: list[tuple[list[Any], Match]],
    members: dict[str, list[str]] | None,
    mapping: Mapping,
) -> list[tuple[list[str], Match]]:
    """Of the list items the fuzzy tier accepts for a decision row on weighed evidence alone
    (`weighed`, best first), those of each agency (list file, area, 实施主体) that lists no
    name the row names (`named`), the agency's best: a province loads many levels' lists,
    and one level writing the decision's words must not hide another level's wording of them
    (棉花加工资格认定 in a county's list, 棉花加工企业资格认定 in the city's). Within one agency
    the best alone, as when its list is the only one: an agency lists a matter once, so its
    next name is another matter."""
    covered = {_agency(g, n) for nodes, _ in named for n in nodes}
    out: list[tuple[list[str], Match]] = []
    for group, match in weighed:
        picked = []
        for t in group:
            nodes = [
                n for n in (members[t.id] if members else (t.id,)) if _agency(g, n) not in covered
            ]
            if nodes:
                picked += _read_said(g, nodes, match, t, mapping)
        covered.update(_agency(g, n) for nodes, _ in picked for n in nodes)
        out.extend(picked)
    return out


def _read_said(
    g: Any, nodes: list[str], match: Match, t: Any, mapping: Mapping
) -> list[tuple[list[str], Match]]:
    """A decision row's hit on a list entry `t` and the items it stands for, the evidence of
    each reached by its 子项 read under its 主项 (t is that reading: decision_name_read) saying
    so and quoting its 子项 and 主项, as a prefix set aside is said (prefix_said)."""
    match = prefix_said(match, t)
    first = g.nodes[t.id].get("record")
    if not isinstance(first, ListItem) or t.name == first.name:  # a matter, a 主项 name
        return [(nodes, match)]
    by_said: dict[str, list[str]] = {}
    for n in nodes:
        rec = g.nodes[n]["record"]
        read = decision_name_read(rec, mapping.wording) != rec.name
        said = f"the 子项 '{rec.name}' read under its 主项 '{rec.parent_name}'" if read else ""
        by_said.setdefault(said, []).append(n)
    return [
        (group, replace(match, evidence=f"{match.evidence}; {said}") if said else match)
        for said, group in by_said.items()
    ]


def _agency(g: Any, node: str) -> tuple[str, str, str]:
    item = g.nodes[node]["record"]
    return item.ref.file, item.area_code, item.agency


def _item_entries(
    records: list[ListItem], mapping: Mapping, prefixes: dict[str, Any] | None = None
) -> Iterator[Any]:
    """The name-index entries of list items, with what a decision row's words are weighed on;
    an item with a place or agency in front of its name (`prefixes`) twice, by its name and by
    its name without it (matching.without_prefix); a 子项 named by actions alone also by its
    name read under its 主项 (matching.decision_name_read: 注销 as 药品零售企业经营许可（注销）,
    单位参保登记 under 失业保险参保登记 as 失业保险单位参保登记)."""
    for i in records:
        e = entry(
            i.node, i.name, mapping, task_type=i.task_type, department=i.agency, by_law=i.by_law
        )
        yield e
        read = decision_name_read(i, mapping.wording)
        if read != i.name:
            yield entry(
                i.node, read, mapping, task_type=i.task_type, department=i.agency, by_law=i.by_law
            )
        for prefix in prefixes.get(i.node, ()) if prefixes else ():
            yield without_prefix(e, prefix, mapping)


def _item_groups(
    items: list[ListItem], mapping: Mapping, prefixes: dict[str, Any] | None = None
) -> tuple[list[ListItem], dict[str, list[str]]]:
    """The first item of each group sharing a name key and a matter type, and each first's
    node -> the group's nodes.

    A province lists each name in hundreds of agencies, and items sharing a name key and a
    matter type match alike: the first item of each such group is indexed and a hit goes to
    the whole group (the first item's department and legal basis stand for it, as the first of
    a group always did), and so does its prefix set aside (`prefixes`: items of one name whose
    lists' data bear out different prefixes are grouped apart). A decision with targets a
    reviewer denied is matched item by item."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    firsts: list[ListItem] = []
    # (name, 主项 name) -> the name key of its name read under its 主项 (注销 under its 主项
    # apart): decision_name_read and name_key once per distinct pair, not per item
    keys: dict[tuple[str, str], str] = {}
    wording, qualifiers = mapping.wording, mapping.level_qualifiers
    prefixes = prefixes or {}
    for i in items:
        pair = (i.name, i.parent_name)
        key = keys.get(pair)
        if key is None:
            key = keys[pair] = name_key(decision_name_read(i, wording), qualifiers)
        found = prefixes.get(i.node) if prefixes else None
        prefix = "|".join(p.text for p in found) if found else ""
        group = groups.get((key, i.task_type, prefix))
        if group is None:
            group = groups[(key, i.task_type, prefix)] = []
            firsts.append(i)
        group.append(i.node)
    return firsts, {nodes[0]: nodes for nodes in groups.values()}


def _families(
    g: Any, mapping: Mapping, code_domain: Callable[[ListItem], str]
) -> Callable[[str], str]:
    """node -> its record's 主项 code within the scope its codes mean something in ("" when
    none), worked out once per node. A catalogue 子项 whose 主项编码 the catalogue states
    belongs to that 主项 whatever its own code's layout reads (330A06002000 under 330A06000000,
    not 330A06002): the catalogue says what it belongs to, as _reach_code_families reads it,
    and it says so of a code no layout reads too (the stated 主项 code is then the family)."""
    families: dict[str, str] = {}
    stated = {
        rec.parent_code
        for _, rec in g.nodes(data="record")
        if isinstance(rec, Matter) and rec.parent_code
    }

    def family(node: str) -> str:
        hit = families.get(node)
        if hit is None:
            rec = g.nodes[node].get("record")
            scope = code_domain(rec) if isinstance(rec, ListItem) else "catalogue"
            code = getattr(rec, "basic_code", "")
            if code and scope == "catalogue":  # a list item coded as the catalogue: its matter
                rec = g.nodes[f"matter:{code}"].get("record") if f"matter:{code}" in g else rec
                code = getattr(rec, "parent_code", "") or code
            main = mapping.main_code(code) if code else ""
            main = main or (code if code in stated else "")
            hit = families[node] = f"{scope}|{main}" if main and scope else ""
        return hit

    return family


def _main_by_layout(g: Any, mapping: Mapping) -> Callable[[str], str]:
    """matter node -> the node of the catalogue's 主项 row its code's layout names, or "": the
    code of the same 主项 segment with a 子项 segment of zeros (000105001003 -> 000105001000,
    511A0100100003 -> 511A0100100000). A code no layout recognises names no 主项."""

    def main_row(node: str) -> str:
        code = getattr(g.nodes[node].get("record"), "basic_code", "")
        main = mapping.main_code(code) if code else ""
        if not main:
            return ""
        row = f"matter:{main}{re.sub('[0-9A-Z]', '0', code[len(main) :])}"
        return row if row != node and row in g else ""

    return main_row


def _name_keys(names: Iterable[str], mapping: Mapping) -> dict[str, str]:
    """name -> its name key, once per distinct name (a province repeats each name in hundreds
    of agencies)."""
    return {name: name_key(name, mapping.level_qualifiers) for name in set(names)}


def _code_domains(
    schemes: dict[str, dict[str, Any]], catalogue_codes: set[str]
) -> Callable[[ListItem], str]:
    """Where a list item's 基本编码 means something: in a list coded in the catalogue's scheme,
    the catalogue's (the same code is the same matter in every such list), unless the catalogue
    lacks the code — a code problem, known to be wrong, so no authority on which matter the item
    is (""); in a list coded in another scheme, that list file alone."""

    def domain(item: ListItem) -> str:
        if schemes.get(item.ref.file, {}).get("scheme") != "catalogue":
            return item.ref.file
        return "catalogue" if item.basic_code in catalogue_codes else ""

    return domain


def _within_named_families(
    hits: list[tuple[list[str], Match]], family: Callable[[str], str]
) -> list[tuple[str, Match]]:
    """The hits of one decision row in one index, less the names of one matter (stem) that the
    codes put in another matter: where the row names records outright (tier `name`), a record
    reached only through its stem under another 主项 code is another matter (企业社会保险登记
    512B00679… does not reach 企业注销社会保险登记 512B03591…). Codes are the authority, in the
    scope where they mean something: a list coded in another scheme says nothing of another
    file's codes, so its records are judged only against the 主项 codes named in its own file."""
    named = {family(n) for nodes, m in hits if m.tier == "name" for n in nodes} - {""}
    scopes = {f.rpartition("|")[0] for f in named}

    def kept(node: str) -> bool:
        own = family(node)
        return not own or own in named or own.rpartition("|")[0] not in scopes

    return [
        (node, match)
        for nodes, match in hits
        for node in nodes
        if match.tier == "name" or kept(node)
    ]


def _reach_code_families(
    g: Any,
    decisions: list[DecisionItem],
    matters: list[Matter],
    items: list[ListItem],
    mapping: Mapping,
    book: JudgementBook,
) -> None:
    """A decision reaching one 业务办理项 reaches the others of its matter: the records under
    the same 主项 code with the same stem (matching.code_families), tier `propagated`, unless
    the decision names an action, a variant note or a scope word they do not share (国家 is
    not 省: the scope word is set aside in the stem), or the record it reached has another
    scope word or names a variant they do not (（设床位） / （不设床位）), or they cite another
    legal basis than the row or that record, or a reviewer denied the pair. A catalogue matter
    whose place the catalogue states (a 子项 with its 主项编码, or the 主项 one names), and a
    list item carrying its code, is not grouped by its code: the catalogue says what it belongs
    to."""
    if not decisions:  # nothing to reach them: not grouped (0.95 s at 500,000 items)
        return
    stated = {m.parent_code for m in matters if m.parent_code}
    stated.update(m.basic_code for m in matters if m.parent_code)
    # the families are read only for the records the rows reach directly: only their 主项
    # codes' families are made (every record is still walked, its name read only for those)
    reached = {
        target
        for d in decisions
        for _, target, kind in g.out_edges(d.node, data="kind")
        if kind == ACTS_ON
    }
    wanted = set()
    for target in reached:
        code = getattr(g.nodes[target].get("record"), "basic_code", "")
        if code and code not in stated:
            wanted.add(mapping.main_code(code))
    families = code_families(
        (
            *((m.node, "catalogue", m.basic_code, m.name) for m in matters),
            *((i.node, i.ref.file, i.basic_code, i.name) for i in items),
        ),
        mapping,
        stated,
        wanted,
    )
    if not families:
        return
    read: dict[str, Parts] = {}  # name -> its parts, once per distinct name

    def parts_of(name: str) -> Parts:
        hit = read.get(name)
        if hit is None:
            hit = read[name] = parts(name_key(name, mapping.level_qualifiers), mapping.wording)
        return hit

    for d in decisions:
        wording = parts_of(d.name)
        excluded = book.excluded(d.node)
        direct = [
            (target, data["match"])
            for _, target, data in g.out_edges(d.node, data=True)
            if data.get("kind") == ACTS_ON and target in families
        ]
        plain = _exactly_named(g, d.node, wording, parts_of)
        for target, m in direct:
            family = families[target]
            target_name = g.nodes[target]["record"].name
            for node in family.members:
                if node in excluded or g.has_edge(d.node, node):
                    continue
                rec = g.nodes[node]["record"]
                own = parts_of(rec.name)
                if (
                    action_conflict(wording, own, implementing=False)
                    or note_conflict(wording, own, implementing=False)
                    or scope_conflict(wording, own)
                    or scope_conflict(parts_of(g.nodes[target]["record"].name), own)
                    or _first_grant_has_its_record(wording, own, parts_of(target_name))
                    or _variant_apart(parts_of(target_name), own)
                    or _noted_apart(plain or [g.nodes[target]["record"]], rec, parts_of, mapping)
                    or _basis_apart(wording, own)
                    or _basis_apart(parts_of(target_name), own)
                ):
                    continue
                why = (
                    f"{m.evidence}; {rec.name} is a 业务办理项 of the same matter: 主项 code "
                    f"{family.main_code}, stem '{family.stem}'"
                )
                fields = tuple(dict.fromkeys((*m.fields, "基本编码")))
                match = Match("propagated", m.score, fields, why, m.weights)
                add_match(g, d.node, node, ACTS_ON, match)


def _variant_apart(reached: Parts, member: Parts) -> bool:
    """The record a decision row reached names a variant (（设床位）, its notes that are neither
    actions nor the stage it ends with) the other record of its code family does not name
    (（不设床位）, or none): the family shares its 主项 code, not the variant, so the row
    reaches the other record only as a 业务办理项 of the same variant (（设床位）（变更））. A
    reached record naming no variant (the matter itself) passes on to its variants."""
    mine = reached.notes - {reached.stage}
    return bool(mine) and mine != member.notes - {member.stage}


def _exactly_named(g: Any, node: str, named: Parts, parts_of: Callable[[str], Parts]) -> list[Any]:
    """The records the decision row `node` reaches whose name is its own exactly (诊所执业登记):
    what its noted records are told apart from (_noted_apart)."""
    return [
        rec
        for _, target, kind in g.out_edges(node, data="kind")
        if kind == ACTS_ON
        and (rec := g.nodes[target].get("record")) is not None
        and parts_of(rec.name).key == named.key
    ]


def _noted_apart(
    plain: list[Any], member: Any, parts_of: Callable[[str], Parts], mapping: Mapping
) -> str:
    """The other record of the code family is the plain records' name (those of the row's name
    exactly, else the record reached) with a note naming another kind of act (诊所执业登记（备案）
    beside 诊所执业登记) or of a 事项类型 none of them has: another matter under the 主项 code,
    not their variant (matching.noted_other_matter)."""
    return noted_other_matter(
        parts_of(plain[0].name),
        {compared_type(r.task_type, mapping) for r in plain},
        parts_of(member.name),
        compared_type(member.task_type, mapping),
    )


def _basis_apart(named: Parts, member: Parts) -> bool:
    """Both names cite a legal basis and not the same one (…（森林法第七十六条） / …（森林法实施
    条例第三十八条））: two offences under one 主项 code, not two 业务办理项 of one
    (matching._bases_apart, read on the parts)."""
    return bool(named.bases and member.bases and named.bases != member.bases)


def _first_grant_has_its_record(decision: Parts, member: Parts, reached: Parts) -> bool:
    """A decision row naming the application (某某许可申请) reaches the whole matter only where
    the first grant has no record of its own: from the record of the first grant it reached
    (某某许可（新办）) it does not pass on to the matter's record naming no action."""
    return bool(decision.applied) and not member.actions and first_grant_only(reached)


def _first_grant_only(g: Any, decisions: list[DecisionItem], mapping: Mapping) -> None:
    """The records below what a decision row naming the first grant alone reaches (设立X审批,
    X许可申请, X（新办）: wording.first_grant_only) that name another action (（变更）, （注销）),
    below a 主项 whose name names no action: the row reaches such a 主项 only as its first
    grant, so neither those 子项 nor the list items implementing them (or implementing the 主项
    under another action's name) are reached (graph.FIRST_GRANT_ONLY). A 主项 a list names by
    its first grant (互联网上网服务营业场所经营单位设立审批, its 子项 设立, 变更, 注销 under it)
    is the whole matter so named: all of it is reached."""
    read: dict[str, Parts] = {}

    def parts_of(name: str) -> Parts:
        hit = read.get(name)
        if hit is None:
            hit = read[name] = parts(name_key(name, mapping.level_qualifiers), mapping.wording)
        return hit

    skipped: dict[str, frozenset[str]] = {}
    for d in decisions:
        if not first_grant_only(parts_of(d.name)):
            continue
        below: set[str] = set()
        for _, target, kind in g.out_edges(d.node, data="kind"):
            rec = g.nodes[target].get("record")
            name = rec.name if rec is not None else g.nodes[target].get("name", "")
            if kind != ACTS_ON or parts_of(name).actions:
                continue  # a 主项 named by its first grant (…设立审批) is the whole matter
            for node in [target, *sub_items(g, target)]:
                below.update(implemented_by(g, node))
                below.update(i for i, _ in g.graph.get(NAMED_BY, {}).get(node, ()))
                if node != target:
                    below.add(node)
        other = {
            n
            for n in below
            if (rec := g.nodes[n].get("record")) is not None
            and not names_no_other_act(parts_of(rec.name))
        }
        if other:
            skipped[d.node] = frozenset(other)
    _skip_below(g, skipped)


def _judgement_book(
    config: RunConfig,
    matters: list[Matter],
    items: list[ListItem],
    decisions: list[DecisionItem],
    mapping: Mapping,
) -> JudgementBook:
    judgements = read_judgements(config.judgements) if config.judgements else []
    records: dict[str, tuple[str, Any]] = {}
    keys = decision_keys(decisions)
    for rec in (*matters, *items, *decisions) if judgements else ():
        records.setdefault(keys.get(rec.node) or record_key(rec), (rec.node, rec))
    return JudgementBook(judgements, records, mapping.level_qualifiers, keys)


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
    notes: list[str],
) -> Any:
    from .checks.linkage import ClosestItems, link_work_orders
    from .sources.work_orders import open_work_orders

    basic_codes = {m.basic_code for m in matters} | {i.basic_code for i in items if i.basic_code}
    sources = expand(config.work_orders, "work-order", notes)
    paths = [(s.path, s.display) for s in sources]
    report = config.progress
    progress = (lambda done, rows: report("linking work orders", done, rows)) if report else None
    reading = (lambda done, rows: report("reading work orders", done, rows)) if report else None
    if config.engine == "spark":
        from .spark import link_work_orders_on_spark

        return link_work_orders_on_spark(
            workspace,
            paths,
            mapping,
            items,
            basic_codes,
            found.cancelled_items,
            config.as_of,
            work_order_rows=config.work_order_rows,
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
        closest=ClosestItems.of(items, mapping),
        work_order_rows=config.work_order_rows,
    )
    return source, result


def _unwritten(tables: dict[str, Table], linkage: Any) -> dict[str, tuple[int, int]]:
    """With --work-order-rows none the unlinked work orders still count (the exit code, the
    summary): every one is open, and new when its agency, code and reason are (unlinked_codes)."""
    if linkage is None or "unlinked_work_orders" in tables:
        return {}
    grouped = tables["unlinked_codes"]
    stream = getattr(grouped, "stream", None)
    if stream is not None:  # streamed (checks.linkage): summed in DuckDB
        found = stream.con.execute(
            f"SELECT coalesce(sum(work_orders), 0) FROM ({stream.select()}) t WHERE status = 'new'"
        ).fetchone()
        new = int(found[0]) if found else 0
    else:
        new = sum(r["work_orders"] for r in grouped.rows if r.get("status") == "new")
    return {"unlinked_work_orders": (sum(linkage.by_reason.values()), new)}


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
    materials: list[Loaded[Material]],
) -> list[dict[str, Any]]:
    rows = []
    for kind, loaded in [
        ("catalogue", catalogue),
        *(("list", x) for x in lists),
        *(("materials", x) for x in materials),
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
                **({"sheets": loaded.sheets} if loaded.sheets else {}),
            }
        )
    if wo_source is not None:
        rows += _work_order_inputs(wo_source, linkage)
    return rows


def _work_order_inputs(source: Any, linkage: Any) -> list[dict[str, Any]]:
    """An input row per work-order file as named, its sheets read listed (a part each)."""
    parts: dict[str, list[str]] = {}
    for f in source.files:
        parts.setdefault(getattr(source, "origins", {}).get(f, f), []).append(f)
    rejected = Counter(r.file for r in linkage.rejected)
    rows = []
    for file, sheets in parts.items():
        read = sum(source.rows.get(f, 0) for f in sheets)
        refused = sum(rejected[f] for f in sheets)
        rows.append(
            {
                "kind": "work_orders",
                "file": file,
                "encoding": getattr(source, "encodings", {}).get(sheets[0], ""),
                "header_row": getattr(source, "header_rows", {}).get(sheets[0], 0),
                "rows_read": read,
                "rows_used": read - refused,
                "rows_rejected": refused,
                **({"sheets": sheets} if sheets != [file] else {}),
            }
        )
    return rows


def _decisions_loaded(decisions: list[DecisionItem]) -> list[dict[str, Any]]:
    """Rows loaded per decision and action, to compare with the counts the decision states."""
    counts: dict[str, Counter[str]] = {}
    for d in decisions:
        counts.setdefault(d.doc_no, Counter())[d.action] += 1
    return [{"decision": doc, **dict(sorted(c.items()))} for doc, c in counts.items()]
