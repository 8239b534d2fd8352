"""The fuzz target, apart from any fuzzer: what one input is, and what counts as a finding.

The first byte of an input chooses what the rest is: CSV, TSV or JSON text, a whole XLSX
archive, the sheet XML or the shared strings of an otherwise valid workbook (so calamine parses
hostile XML), or a work-order CSV for the DuckDB path; the second byte chooses the source kind.
An input must read as a table or be refused with a SourceError, within SLOW_SECONDS.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
sys.path.insert(0, str(TESTS / "corpus"))

from xlsx_parts import rows_xml, sheet, xlsx_bytes  # noqa: E402

from catalog_sync.errors import SourceError  # noqa: E402
from catalog_sync.mappings import load_mapping  # noqa: E402
from catalog_sync.sources.tabular import read_table  # noqa: E402
from catalog_sync.sources.work_orders import open_work_orders  # noqa: E402

MODES = ("csv", "tsv", "json", "xlsx", "sheet-xml", "shared-strings", "work-orders")
KINDS = ("catalogue", "list", "decisions", "work_orders")
SLOW_SECONDS = 20
MAPPING = load_mapping()
_WORKDIR: list[Path] = []  # made on first use, removed by fuzz_readers.py at exit
CON = duckdb.connect()
SHARED_STRINGS_SHEET = sheet(
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
)
REGRESSIONS = HERE / "regressions"
SEED_FOLDERS = (TESTS / "corpus" / "files", TESTS / "corpus" / "good", REGRESSIONS)


class Finding(Exception):
    """An input the readers did not handle: not a table, not a SourceError, or too slow."""


def workdir() -> Path:
    if not _WORKDIR:
        _WORKDIR.append(Path(tempfile.mkdtemp(prefix="fuzz-readers-")))
    return _WORKDIR[0]


def materialise(data: bytes, folder: Path | None = None) -> tuple[Path, str, str]:
    """(file, mode, kind) for one fuzz input, written into `folder`."""
    folder = folder or workdir()
    mode = MODES[data[0] % len(MODES)] if data else "csv"
    kind = KINDS[data[1] % len(KINDS)] if len(data) > 1 else "list"
    body = data[2:]
    suffix = {"tsv": ".tsv", "json": ".json", "csv": ".csv", "work-orders": ".csv"}
    if mode == "sheet-xml":
        body = xlsx_bytes(body.decode("utf-8", "replace"))
    elif mode == "shared-strings":
        sst = body.decode("utf-8", "replace")
        body = xlsx_bytes(SHARED_STRINGS_SHEET, {"xl/sharedStrings.xml": sst})
    path = folder / f"input{suffix.get(mode, '.xlsx')}"
    path.write_bytes(body)
    return path, mode, kind


def check(data: bytes, folder: Path | None = None) -> None:
    """Raise Finding unless the input reads or is refused with a SourceError, in time."""
    folder = folder or workdir()
    path, mode, kind = materialise(data, folder)
    start = time.monotonic()
    try:
        if mode == "work-orders":
            open_work_orders(CON, [(path, "input.csv")], MAPPING, folder / "work")
        else:
            read_table(path, path.name, kind, MAPPING)
    except SourceError:
        pass
    except Exception as e:
        raise Finding(f"{mode}/{kind}: {type(e).__name__}: {e}") from e
    spent = time.monotonic() - start
    if spent > SLOW_SECONDS:
        raise Finding(f"{mode}/{kind}: took {spent:.0f} s")


def _kind_of(name: str) -> str:
    for kind in KINDS:
        if name.startswith(kind.replace("_", "-")):
            return kind
    return "list"


def seeds() -> list[bytes]:
    """Every corpus file under each mode, and the regressions (whole fuzz inputs already)."""
    found: list[bytes] = []
    for folder in SEED_FOLDERS:
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            data = path.read_bytes()[: 1 << 20]
            if path.suffix == ".bin":
                found.append(data)
                continue
            kind = KINDS.index(_kind_of(path.name))
            found += [bytes([m, kind]) + data for m in range(len(MODES))]
    header = sheet(rows_xml([["实施编码", "事项名称"]])).encode()
    found.append(bytes([MODES.index("sheet-xml"), 1]) + header)
    return found
