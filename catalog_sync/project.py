"""A run's settings from the command line and, for `diff PROJECT_DIR`, catalog-sync.toml.

Options given on the command line win over the project file. Paths in the project file are
relative to the project folder.
"""

from __future__ import annotations

import glob
import os
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import UsageError
from .pipeline import ROW_MODES, RunConfig, Source
from .sources.tabular import refuse_special_file
from .workspace import resolve_memory_limit

URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/")  # hdfs://, s3a://, file:/... (not C:/)


def expand_work_orders(sources: list[Source]) -> list[Source]:
    """Work orders may be a glob ('exports/*.csv': the files in name order) or, for Spark, a URI
    (hdfs://..., s3a://...) that is no local file, kept exactly as given. A path that exists is
    that file, whatever characters it holds ('exports/[2026].csv'): a glob only when it does
    not."""
    out: list[Source] = []
    for s in sources:
        text = s.display
        if URI.match(text) or s.path.exists():
            out.append(s)
        elif any(ch in text for ch in "*?["):
            found = sorted(glob.glob(text))
            if not found:
                raise UsageError(f"{text}: no file matches")
            out.extend(Source(Path(f), f) for f in found)
        else:
            out.append(s)
    return out


if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PROJECT_FILE = "catalog-sync.toml"
FORMATS = ("csv", "xlsx", "json", "md", "html", "ttl")
DEFAULT_FORMATS = ("csv", "xlsx", "json", "md", "html")
# the options of `diff` a project file may set (README, "Project folder"): one schema with the
# command line, whose --name is the key with '-' for '_' (format is --format, lists --list ...)
_KEYS = {
    "catalogue",
    "lists",
    "decisions",
    "work_orders",
    "materials",
    "mappings",
    "as_of",
    "out",
    "format",
    "lang",
    "baseline",
    "fail_on",
    "judgements",
    "work_order_rows",
    "memory_limit",
}


@dataclass
class RunSettings:
    config: RunConfig
    out: Path
    formats: list[str]
    lang: str
    fail_on: str = "any"


def parse_as_of(value: object, where: str = "--as-of") -> date:
    """The day a run checks for; `where` names where a bad value was set (option or file)."""
    if value is None or value == "":
        return date.today()
    if isinstance(value, datetime):  # a TOML date-time: its day
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(f"{where} {value!r} is not a date in the form YYYY-MM-DD") from None


def parse_formats(value: object) -> list[str]:
    if value is None or value == "":
        return list(DEFAULT_FORMATS)
    parts = value if isinstance(value, list) else str(value).split(",")
    formats = [str(p).strip().lower() for p in parts if str(p).strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(
            f"--format {value!r}: unknown format {', '.join(bad) or '(none)'}; "
            f"choose from {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(formats))


def read_project(project_dir: Path) -> dict[str, Any]:
    file = project_dir / PROJECT_FILE
    if not project_dir.is_dir():
        raise UsageError(
            f"{project_dir}: not a folder (expected a project folder holding {PROJECT_FILE})"
        )
    if not file.is_file():
        raise UsageError(f"{file}: not found; a project folder names its sources in {PROJECT_FILE}")
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UsageError(f"{file}: not valid TOML ({e})") from None
    unknown = set(data) - _KEYS
    if unknown:
        raise UsageError(
            f"{file}: unknown key(s) {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(_KEYS))})"
        )
    for key, value in data.items():
        _check_type(file, key, value)
    return data


# keys holding one path or word, and keys holding one or several paths (format: either form)
_LISTS = {"lists", "decisions", "work_orders", "materials", "mappings", "format"}


def _check_type(file: Path, key: str, value: object) -> None:
    """A key of the project file holds text (a list of texts where several may be given; as_of
    a TOML date too): `out = 5` or `materials = true` is refused naming the key, not read as a
    path named 5 or True."""
    if isinstance(value, str) or (key == "as_of" and isinstance(value, date)):
        return
    if key in _LISTS and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return
    wanted = "text or a list of texts" if key in _LISTS else "text"
    shown = str(value).lower() if isinstance(value, bool) else str(value)
    raise UsageError(f'{file}: {key} = {shown}: expected {wanted}, in quotes ("...")')


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@dataclass
class _Project:
    """A project folder's settings (`data`, from catalog-sync.toml; paths in it are relative
    to `base`), each standing only where the command line gives none."""

    data: dict[str, Any]
    base: Path

    def sources(self, given: tuple[Path | str, ...], key: str) -> list[Source]:
        if given:
            return [Source(Path(p), str(p)) for p in given]  # str(p): a URI's '//' kept
        return [
            Source(Path(p), p) if URI.match(p) else Source(self.base / p, str(self.base / p))
            for p in _as_list(self.data.get(key))
        ]

    def choice(
        self, given: str | None, key: str, default: str, allowed: tuple[str, ...], choose: str
    ) -> str:
        value = given or str(self.data.get(key, default))
        if value not in allowed:
            raise UsageError(f"{key} {value!r}: choose {choose}")
        return value

    def path(self, given: Path | None, key: str) -> Path | None:
        if given is None and self.data.get(key):
            return self.base / str(self.data[key])
        return given


def _as_of(given: str | None, project: _Project) -> date:
    """--as-of, else the project file's as_of: a bad value is named where it was set (a user
    who gave no --as-of looks for it in vain)."""
    if given is not None:
        return parse_as_of(given)
    return parse_as_of(project.data.get("as_of"), f"{project.base / PROJECT_FILE}: as_of")


def _memory_limit(given: str | None, project: dict[str, Any]) -> str:
    """DuckDB's budget for the work orders: --memory-limit, else the project file's, else
    the environment's or 1GB (workspace.resolve_memory_limit), refused naming where it was
    set when it is no size."""
    try:
        return resolve_memory_limit(
            [
                (given, "--memory-limit"),
                (project.get("memory_limit"), f"memory_limit in {PROJECT_FILE}"),
            ]
        )
    except ValueError as e:
        raise UsageError(str(e)) from None


def check_review_workbook(out: Path, config: RunConfig, force: bool = False) -> None:
    """`review export --out`: a workbook's name (.xlsx), not a folder, and none of the run's
    inputs, which the workbook would replace (a list or a decision table may be an .xlsx); nor,
    without `force`, a workbook already there, which a reviewer may have filled in."""
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"--out {out}: the review workbook's name must end in .xlsx")
    if out.is_dir():
        raise UsageError(f"--out {out}: is a folder; name the workbook, as {out / 'review.xlsx'}")
    target = out.resolve()
    for s in [config.catalogue, *config.lists, *config.decisions, *config.materials]:
        given = s.path.resolve()
        if given == target or (given.is_dir() and given in target.parents):
            raise UsageError(f"--out {out}: is one of the run's inputs ({s.display}); not replaced")
    if not force and os.path.lexists(out):
        raise UsageError(
            f"--out {out}: exists and may hold a reviewer's verdicts; import it first "
            "(review import) or give --force to replace it"
        )


def _check_found(config: RunConfig) -> None:
    """Every local source exists (a URI is fetched later)."""
    for s in [config.catalogue, *config.lists, *config.decisions, *config.work_orders,
              *config.materials]:  # fmt: skip
        if URI.match(s.display):
            continue
        if not s.path.exists():
            raise UsageError(f"{s.display}: file not found")
        refuse_special_file(s.path, s.display)


def resolve_run(
    project_dir: Path | None,
    *,
    catalogue: Path | None,
    lists: tuple[Path, ...],
    decisions: tuple[Path, ...],
    work_orders: tuple[Path | str, ...],
    as_of: str | None,
    materials: tuple[Path, ...] = (),
    mappings: tuple[Path, ...],
    out: Path | None,
    formats: str | None,
    lang: str | None,
    baseline: Path | None = None,
    fail_on: str | None = None,
    judgements: Path | None = None,
    work_order_rows: str | None = None,
    memory_limit: str | None = None,
    links_work_orders: bool = True,
) -> RunSettings:
    """The run's settings: each option given on the command line, else the project folder's
    (catalog-sync.toml), else its default; every source checked to exist. Without
    `links_work_orders` (review export) no work orders are named, nor their memory budget."""
    project = _Project(read_project(project_dir) if project_dir else {}, project_dir or Path("."))
    cat, list_sources, decision_sources = _required_sources(project, catalogue, lists, decisions)
    out_dir = _out_dir(out, project)
    lang_value = project.choice(lang, "lang", "zh", ("zh", "en"), "zh or en")
    judgements = _judgements_file(judgements, project, project_dir)
    fail_on_value = project.choice(fail_on, "fail_on", "any", ("new", "any", "none"),
                                   "new, any or none")  # fmt: skip
    rows = project.choice(
        work_order_rows, "work_order_rows", "all", ROW_MODES, " or ".join(ROW_MODES)
    )
    config = RunConfig(
        catalogue=cat,
        lists=list_sources,
        decisions=decision_sources,
        work_orders=_work_orders(work_orders, project) if links_work_orders else [],
        materials=project.sources(materials, "materials"),
        mappings=_mapping_files(mappings, project),
        as_of=_as_of(as_of, project),
        baseline=project.path(baseline, "baseline"),
        judgements=judgements,
        work_order_rows=rows,
        memory_limit=_memory_limit(memory_limit, project.data) if links_work_orders else None,
    )
    _check_found(config)
    formats_value = parse_formats(formats or project.data.get("format"))
    return RunSettings(config, out_dir, formats_value, lang_value, fail_on_value)


def _required_sources(
    project: _Project,
    catalogue: Path | None,
    lists: tuple[Path, ...],
    decisions: tuple[Path, ...],
) -> tuple[Source, list[Source], list[Source]]:
    """The sources a run cannot do without: one catalogue, a list or more, a decision table
    or more, from the command line or the project file."""
    cat = project.sources((catalogue,) if catalogue else (), "catalogue")
    if not cat:
        raise UsageError("no catalogue: give --catalogue FILE or a project folder")
    if len(cat) > 1:
        raise UsageError("one catalogue per run: the basic catalogue is a single table")
    list_sources = project.sources(lists, "lists")
    if not list_sources:
        raise UsageError("no implementation list: give --list FILE (repeatable)")
    decision_sources = project.sources(decisions, "decisions")
    if not decision_sources:
        raise UsageError("no decisions: give --decisions FILE (repeatable)")
    return cat[0], list_sources, decision_sources


def _out_dir(given: Path | None, project: _Project) -> Path:
    """--out, else the project file's out (relative to the project folder): a run has no
    default folder to write its report into."""
    out_dir = given or (project.base / project.data["out"] if "out" in project.data else None)
    if out_dir is None:
        raise UsageError("no output folder: give --out DIR")
    return Path(out_dir)


def _judgements_file(
    given: Path | None, project: _Project, project_dir: Path | None
) -> Path | None:
    """--judgements, which must exist (typed, so meant to be read), else the project file's or
    the project folder's judgements.csv, which `review import` may have yet to make."""
    if given is not None and not given.is_file():
        raise UsageError(f"{given}: judgements file not found")
    found = project.path(given, "judgements")
    if found is None and project_dir is not None:
        return project_dir / "judgements.csv"
    return found


def _work_orders(given: tuple[Path | str, ...], project: _Project) -> list[Source]:
    """The work-order sources, a glob expanded to its files (expand_work_orders)."""
    return expand_work_orders(project.sources(given, "work_orders"))


def _mapping_files(given: tuple[Path, ...], project: _Project) -> list[Path]:
    """--mapping files, else the project file's mappings (relative to the project folder)."""
    return list(given) or [project.base / p for p in _as_list(project.data.get("mappings"))]
