"""A run's settings from the command line and, for `diff PROJECT_DIR`, catalog-sync.toml.

Options given on the command line win over the project file. Paths in the project file are
relative to the project folder.
"""

from __future__ import annotations

import glob
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import UsageError
from .pipeline import ROW_MODES, RunConfig, Source

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
}


@dataclass
class RunSettings:
    config: RunConfig
    out: Path
    formats: list[str]
    lang: str
    fail_on: str = "any"


def parse_as_of(value: object) -> date:
    if value is None or value == "":
        return date.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(f"--as-of {value!r} is not a date in the form YYYY-MM-DD") from None


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
    return data


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


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
) -> RunSettings:
    project: dict[str, Any] = read_project(project_dir) if project_dir else {}
    base = project_dir or Path(".")

    def from_project(key: str) -> list[Source]:
        return [
            Source(Path(p), p) if URI.match(p) else Source(base / p, str(base / p))
            for p in _as_list(project.get(key))
        ]

    def given(paths: tuple[Path | str, ...]) -> list[Source]:
        return [Source(Path(p), str(p)) for p in paths]  # str(p): a URI's '//' kept

    cat = given((catalogue,)) if catalogue else from_project("catalogue")
    if not cat:
        raise UsageError("no catalogue: give --catalogue FILE or a project folder")
    if len(cat) > 1:
        raise UsageError("one catalogue per run: the basic catalogue is a single table")
    list_sources = given(lists) or from_project("lists")
    if not list_sources:
        raise UsageError("no implementation list: give --list FILE (repeatable)")
    decision_sources = given(decisions) or from_project("decisions")
    if not decision_sources:
        raise UsageError("no decisions: give --decisions FILE (repeatable)")
    out_dir = out or (base / project["out"] if "out" in project else None)
    if out_dir is None:
        raise UsageError("no output folder: give --out DIR")
    lang_value = lang or str(project.get("lang", "zh"))
    if lang_value not in ("zh", "en"):
        raise UsageError(f"lang {lang_value!r}: choose zh or en")
    mapping_paths = list(mappings) or [base / p for p in _as_list(project.get("mappings"))]
    if baseline is None and project.get("baseline"):
        baseline = base / str(project["baseline"])
    if judgements is None:
        if project.get("judgements"):
            judgements = base / str(project["judgements"])
        elif project_dir is not None:
            judgements = project_dir / "judgements.csv"
    fail_on_value = fail_on or str(project.get("fail_on", "any"))
    if fail_on_value not in ("new", "any", "none"):
        raise UsageError(f"fail_on {fail_on_value!r}: choose new, any or none")
    rows_value = work_order_rows or str(project.get("work_order_rows", "all"))
    if rows_value not in ROW_MODES:
        raise UsageError(f"work_order_rows {rows_value!r}: choose {' or '.join(ROW_MODES)}")
    config = RunConfig(
        catalogue=cat[0],
        lists=list_sources,
        decisions=decision_sources,
        work_orders=expand_work_orders(given(work_orders) or from_project("work_orders")),
        materials=given(materials) or from_project("materials"),
        mappings=mapping_paths,
        as_of=parse_as_of(as_of if as_of is not None else project.get("as_of")),
        baseline=baseline,
        judgements=judgements,
        work_order_rows=rows_value,
    )
    for s in [
        config.catalogue,
        *config.lists,
        *config.decisions,
        *config.work_orders,
        *config.materials,
    ]:
        if not s.path.exists() and not URI.match(s.display):
            raise UsageError(f"{s.display}: file not found")
    return RunSettings(
        config,
        Path(out_dir),
        parse_formats(formats or project.get("format")),
        lang_value,
        fail_on_value,
    )
