"""`decisions fetch`, `import` and `list`: documents in, one decision CSV per document out.

Every document is read and checked before anything is written; the CSVs are then moved into the
output folder in whole, so a failed run leaves it as it was. Re-running replaces a decision's CSV.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import SourceError, UsageError
from ..fetch import Fetcher, now_iso
from ..mappings import Mapping, load_mapping
from ..model import CANCEL, DELEGATE, OTHER
from ..reports.output import staged_output
from ..sources.decisions import classify_action
from ..sources.tabular import refuse_special_file
from .annexes import Overrides, extract_decision
from .model import DecisionRow, Extracted, RejectedRow
from .read import read_document
from .writer import Provenance, file_name, write_decision


@dataclass
class Converted:
    """One document read: its decision rows and where its bytes came from."""

    source: str
    status: str  # file, downloaded, not modified, offline, from cache
    extracted: Extracted
    provenance: Provenance
    notes: list[str] = field(default_factory=list)


@dataclass
class WrittenDecision:
    """One CSV written: which decision, how many rows by action, from where."""

    doc_no: str
    path: Path
    counts: dict[str, int]
    rejected: int
    source: str
    status: str


@dataclass
class ImportReport:
    """What a fetch or import run read, wrote, and wants a person to look at."""

    converted: list[Converted]
    written: list[WrittenDecision]

    @property
    def rejected(self) -> list[tuple[str, RejectedRow]]:
        return [(c.source, r) for c in self.converted for r in c.extracted.rejected]

    @property
    def warnings(self) -> list[str]:
        return [w for c in self.converted for w in c.extracted.warnings]

    @property
    def notes(self) -> list[str]:
        return [n for c in self.converted for n in c.notes + c.extracted.notes]

    @property
    def needs_review(self) -> bool:
        return bool(self.warnings or self.rejected)


def convert(
    data: bytes,
    name: str,
    provenance: Provenance,
    mapping: Mapping,
    overrides: Overrides,
    *,
    status: str = "file",
    charset: str = "",
    content_type: str = "",
) -> Converted:
    """A document's bytes -> its decision rows, with provenance."""
    doc = read_document(data, name, mapping, charset=charset, content_type=content_type)
    return Converted(name, status, extract_decision(doc, mapping, overrides), provenance)


def import_files(
    paths: list[Path], out: Path, mappings: list[Path], overrides: Overrides
) -> ImportReport:
    """Saved documents (HTML, DOCX, XLSX/CSV, text) -> decision CSVs in out."""
    mapping = load_mapping(mappings)
    converted = []
    for path in paths:
        data = _read_file(path)
        provenance = Provenance(str(path), hashlib.sha256(data).hexdigest(), now_iso())
        converted.append(convert(data, str(path), provenance, mapping, overrides))
    return ImportReport(converted, write_all(converted, out, mapping))


def fetch_urls(
    urls: list[str], out: Path, fetcher: Fetcher, mappings: list[Path], overrides: Overrides
) -> ImportReport:
    """Decision pages on the web -> decision CSVs in out, through the fetcher's cache."""
    mapping = load_mapping(mappings)
    converted = []
    for url in urls:
        got = fetcher.fetch(url)
        provenance = Provenance(got.final_url, got.sha256, got.fetched_at)
        one = convert(
            got.content,
            url,
            provenance,
            mapping,
            overrides,
            status=got.status,
            charset=got.charset,
            content_type=got.content_type,
        )
        if got.note:
            one.notes.append(f"{url}: {got.note}")
        converted.append(one)
    return ImportReport(converted, write_all(converted, out, mapping))


def _read_file(path: Path) -> bytes:
    refuse_special_file(path, str(path))
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(str(path), "file not found") from None
    except IsADirectoryError:
        raise SourceError(str(path), "is a folder, expected a document") from None
    except OSError as e:
        raise SourceError(str(path), f"cannot read ({e.strerror})") from None


def action_kind(text: str, mapping: Mapping) -> str:
    """CANCEL, DELEGATE or OTHER, as `diff` will read a 处理决定."""
    return classify_action(text, mapping) or OTHER


def write_all(converted: list[Converted], out: Path, mapping: Mapping) -> list[WrittenDecision]:
    """One CSV per 文号 across all documents, written together or not at all."""
    groups: dict[str, list[DecisionRow]] = {}
    origin: dict[str, Converted] = {}
    for conv in converted:
        for row in conv.extracted.rows:
            first = origin.setdefault(row.doc_no, conv)
            if first is not conv:
                raise UsageError(
                    f"{row.doc_no} is in both {first.source} and {conv.source}; "
                    "import one of them (each decision is one CSV)"
                )
            groups.setdefault(row.doc_no, []).append(row)
    names = Counter(file_name(doc_no) for doc_no in groups)
    for doc_no in groups:
        if names[file_name(doc_no)] > 1:
            raise UsageError(f"two decisions would be written to {file_name(doc_no)}")
    written = []
    with staged_output(out) as stage:
        for doc_no, rows in groups.items():
            conv = origin[doc_no]
            path = write_decision(stage, rows, conv.provenance)
            counts = Counter(action_kind(r.action, mapping) for r in rows)
            written.append(
                WrittenDecision(
                    doc_no,
                    out / path.name,
                    {k: counts.get(k, 0) for k in (CANCEL, DELEGATE, OTHER)},
                    len(conv.extracted.rejected),
                    conv.source,
                    conv.status,
                )
            )
    return written


@dataclass
class ListedDecision:
    """A decision as `diff` will load it from a folder."""

    doc_no: str
    title: str
    issued: date | None
    effective: date | None
    counts: Counter[str]
    files: list[str]


def list_decisions(folder: Path, mappings: list[Path]) -> tuple[list[ListedDecision], list[str]]:
    """The decisions in a folder, read exactly as `diff --decisions` reads them, and warnings."""
    from ..pipeline import Source, expand
    from ..sources.decisions import load_decisions
    from ..sources.tabular import reading_for

    if not folder.is_dir():
        raise SourceError(str(folder), "is not a folder")
    mapping = load_mapping(mappings)
    found: dict[str, ListedDecision] = {}
    warnings: list[str] = []
    for source in expand([Source(folder, str(folder))], "decision"):
        with reading_for("decisions list takes a FOLDER of decision tables only"):
            loaded = load_decisions(source.path, source.display, mapping)
        if loaded.rejected:
            first = loaded.rejected[0]
            warnings.append(
                f"{source.display}: {len(loaded.rejected)} rows rejected "
                f"(row {first.row}: {first.reason})"
            )
        for item in loaded.records:
            entry = found.setdefault(
                item.doc_no,
                ListedDecision(
                    item.doc_no, item.title, item.issued_date, item.in_force_from, Counter(), []
                ),
            )
            entry.counts[item.action] += 1
            if source.display not in entry.files:
                entry.files.append(source.display)
    for entry in found.values():
        if len(entry.files) > 1:
            warnings.append(
                f"{entry.doc_no} is in {len(entry.files)} files ({', '.join(entry.files)}): "
                "diff reads its rows from each"
            )
    return sorted(found.values(), key=lambda d: (d.issued or date.min, d.doc_no)), warnings
