"""An XLSX archive checked before any XML in it is parsed: zip bombs, entity tricks, giant sheets.

calamine parses the sheet XML and holds a sheet as one rectangle of cells. A crafted workbook can
make it inflate gigabytes (a zip bomb), or put one value at XFD1048576 so that the rectangle
alone needs hundreds of gigabytes: the process then aborts, and nothing can catch that. So the
archive is checked first, reading it as a stream and never holding a member whole:

1. the ZIP directory: at most XLSX_MAX_MEMBERS members, stored or deflated, not encrypted, the
   declared sizes within XLSX_MAX_UNCOMPRESSED together and within XLSX_MAX_RATIO of what each
   member takes compressed;
2. each member inflated chunk by chunk must end exactly at its declared size, so a directory
   that lies about the sizes is caught as well;
3. every XML member is UTF-8 and holds no DTD (<!DOCTYPE, <!ENTITY): XLSX never has one, and a
   DTD is how external entities (XXE) and billion-laughs expansions get in;
4. in every XML member the rectangle spanned by its cells (styled empty ones too, so it is an
   upper bound of what calamine allocates) stays within MAX_CELLS.

External links (xl/externalLinks/) are reported, never followed: calamine reads the values the
workbook saved with itself.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import SourceError
from .limits import (
    MAX_CELLS,
    XLSX_MAX_BYTES,
    XLSX_MAX_MEMBERS,
    XLSX_MAX_RATIO,
    XLSX_MAX_UNCOMPRESSED,
    XLSX_RATIO_FLOOR,
    MiB,
)

CHUNK = 1 * MiB
_MAX_TAG = 1 * MiB  # no tag of a real workbook comes near this
_MAX_ROW, _MAX_COL = 1_048_576, 16_384
_EOCD = b"PK\x05\x06"
_MAX_DIRECTORY = 8 * MiB  # 10,000 members with long names take about 1 MiB

_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# Fast path: every cell start tag counted, and the cells that name their place first
# (<c r="B7" ...>, as Excel, LibreOffice, openpyxl and XlsxWriter write them) read. When the two
# counts differ (prefixed tags, cells without r) the member is followed tag by tag instead.
# Either way styled empty cells count too: the rectangle is an upper bound of what calamine holds.
_CELL_STARTS = (b"<c ", b"<c>", b"<c/", b"<c\t", b"<c\n", b"<c\r")
_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.\-]*:c[\s/>]")
_PLACED_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
# Every row and cell start tag, for sheets whose cells do not all say where they are.
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(row|c)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ANY_REF = re.compile(rb"\sr\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


@dataclass
class _Extent:
    """The rectangle spanned by the cells of one XML member, and the cursor of a scan."""

    min_row: int = _MAX_ROW + 1
    max_row: int = 0
    min_col: int = _MAX_COL + 1
    max_col: int = 0
    row: int = 0  # current row for cells without an r attribute
    col: int = 0
    unplaced: bool = False  # some value cell has no plain r attribute: scan tag by tag

    def add(self, row: int, col: int) -> None:
        self.min_row, self.max_row = min(self.min_row, row), max(self.max_row, row)
        self.min_col, self.max_col = min(self.min_col, col), max(self.max_col, col)

    @property
    def cells(self) -> int:
        if not self.max_row:
            return 0
        return (self.max_row - self.min_row + 1) * (self.max_col - self.min_col + 1)


@dataclass
class XlsxReport:
    """What the check found that does not stop a run."""

    warnings: list[str] = field(default_factory=list)


def column_number(letters: bytes | str) -> int:
    """A1-style column letters as a 1-based number (A -> 1, XFD -> 16384)."""
    n = 0
    for ch in letters.encode() if isinstance(letters, str) else letters:
        n = n * 26 + (ch - 64)
    return n


def check_xlsx(path: Path, display: str) -> XlsxReport:
    """Refuse an XLSX that could exhaust memory or smuggle a DTD; see the module docstring."""
    size = path.stat().st_size
    if size > XLSX_MAX_BYTES:
        raise SourceError(
            display,
            f"is a {size / MiB:,.0f} MiB workbook; the limit is {XLSX_MAX_BYTES // MiB} MiB "
            "(save it as CSV, or split it)",
        )
    report = XlsxReport()
    with path.open("rb") as fh:
        _check_directory_size(fh, size, display)
        try:
            with zipfile.ZipFile(fh) as z:
                infos = z.infolist()
        except Exception:  # BadZipFile, and whatever else a crafted directory provokes in
            # zipfile (NotImplementedError for a made-up version: found by fuzzing)
            raise SourceError(display, "is not a readable XLSX workbook (damaged ZIP)") from None
        if len(infos) > XLSX_MAX_MEMBERS:
            raise SourceError(
                display, f"is a ZIP archive of {len(infos):,} members: not an XLSX workbook"
            )
        if not any(i.filename == "xl/workbook.xml" for i in infos):
            raise SourceError(display, "is a ZIP archive but not an XLSX workbook")
        _check_declared_sizes(infos, display)
        for info in infos:
            if info.filename.startswith("xl/externalLinks/") and info.filename.endswith(".xml"):
                report.warnings.append(
                    f"{display}: the workbook links to another file ({info.filename}); the "
                    "values saved in this workbook are read, the linked file is never opened"
                )
            _scan_member(fh, info, display)
    return report


def _check_directory_size(fh: BinaryIO, size: int, display: str) -> None:
    """The central directory is read whole by zipfile: bound it before zipfile does."""
    tail_len = min(size, 65_557)  # end record (22 bytes) + the longest comment
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) < at + 22:
        raise SourceError(display, "is not a readable XLSX workbook (damaged ZIP)")
    entries, directory = struct.unpack("<HI", tail[at + 10 : at + 16])
    if entries > XLSX_MAX_MEMBERS or directory > _MAX_DIRECTORY:
        raise SourceError(display, "is a ZIP archive far larger than any XLSX workbook: refused")
    fh.seek(0)


def _check_declared_sizes(infos: list[zipfile.ZipInfo], display: str) -> None:
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise SourceError(
                display, "is an encrypted ZIP archive; save the workbook without a password"
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise SourceError(
                display,
                f"member {info.filename} uses ZIP compression method {info.compress_type}, "
                "which XLSX workbooks never use",
            )
        total += info.file_size
        if total > XLSX_MAX_UNCOMPRESSED:
            raise SourceError(
                display,
                f"would inflate to more than {XLSX_MAX_UNCOMPRESSED // MiB} MiB "
                "(a zip bomb, or a workbook too large: save it as CSV)",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > XLSX_RATIO_FLOOR and ratio > XLSX_MAX_RATIO:
            raise SourceError(
                display,
                f"member {info.filename} would inflate {ratio:,.0f} times "
                f"(at most {XLSX_MAX_RATIO} is accepted): a zip bomb?",
            )


def _inflate(fh: BinaryIO, info: zipfile.ZipInfo, display: str) -> Iterator[bytes]:
    """The member's bytes chunk by chunk; never more than its declared size."""
    damaged = SourceError(display, f"is not a readable XLSX workbook (damaged {info.filename})")
    if info.header_offset < 0:  # a directory pointing before the archive (found by fuzzing)
        raise damaged
    try:
        fh.seek(info.header_offset)
        local = fh.read(30)
        if len(local) < 30 or local[:4] != b"PK\x03\x04":
            raise damaged
        name_len, extra_len = struct.unpack("<HH", local[26:30])
        fh.seek(info.header_offset + 30 + name_len + extra_len)
    except OSError:
        raise damaged from None
    left, produced = info.compress_size, 0
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0:
            data = fh.read(min(CHUNK, left))
            if not data:
                raise damaged
            left -= len(data)
            yield data
        return
    inflater = zlib.decompressobj(-15)
    while not inflater.eof:
        if inflater.unconsumed_tail:
            data = inflater.unconsumed_tail
        else:
            data = fh.read(min(CHUNK, left)) if left > 0 else b""
            if not data:
                raise damaged
            left -= len(data)
        try:
            out = inflater.decompress(data, CHUNK)
        except zlib.error:
            raise damaged from None
        produced += len(out)
        if produced > info.file_size:
            raise SourceError(
                display,
                f"member {info.filename} inflates beyond the size its ZIP directory declares "
                "(a zip bomb?)",
            )
        if out:
            yield out
    if produced != info.file_size:
        raise damaged


def _scan_member(fh: BinaryIO, info: zipfile.ZipInfo, display: str) -> None:
    is_xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
    extent, carry, first = _Extent(), b"", True
    for chunk in _inflate(fh, info, display):
        if not is_xml:
            continue
        if first:
            first = False
            start = chunk[:512]
            if start.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in start:
                raise SourceError(
                    display, f"member {info.filename} is not UTF-8 XML, which Excel always writes"
                )
        buf = carry + chunk
        if _DTD.search(buf):
            raise SourceError(
                display,
                f"member {info.filename} holds a DTD (<!DOCTYPE or <!ENTITY), which XLSX "
                "workbooks never have: refused unread (XML entity attack?)",
            )
        cut = buf.rfind(b"<")
        cut = len(buf) if cut < 0 else cut
        _scan_cells(buf[:cut], extent, info.filename, display)
        carry = buf[cut:]
        if len(carry) > _MAX_TAG:
            raise SourceError(display, f"member {info.filename} holds an XML tag over 1 MiB long")
    if is_xml:
        _scan_cells(carry, extent, info.filename, display)
    if extent.cells > MAX_CELLS:
        rows = extent.max_row - extent.min_row + 1
        cols = extent.max_col - extent.min_col + 1
        raise SourceError(
            display,
            f"sheet {info.filename} spans {rows:,} rows x {cols:,} columns "
            f"({extent.cells:,} cells; the limit is {MAX_CELLS:,}): delete the stray cells far "
            "from the table, or save it as CSV",
        )


def _scan_cells(text: bytes, extent: _Extent, member: str, display: str) -> None:
    """Widen `extent` by the cells in `text` (complete tags only).

    Cells normally say where they are (r="B7"): then their references are collected in one
    regular-expression pass. A cell without one sits after the previous cell of its row, so
    from then on the member is followed tag by tag.
    """
    if b"<" not in text:
        return
    if not extent.unplaced:
        if not _PREFIXED_CELL.search(text):
            refs = _PLACED_CELL.findall(text)
            if len(refs) == sum(map(text.count, _CELL_STARTS)):
                if refs:
                    rows = list(map(int, (r for _, r in refs)))
                    cols = [column_number(c) for c in {c for c, _ in refs}]
                    low, high = (min(rows), min(cols)), (max(rows), max(cols))
                    _check_grid(*low, member, display)
                    _check_grid(*high, member, display)
                    extent.add(*low)
                    extent.add(*high)
                    extent.row = max(extent.row, high[0])
                return
        extent.unplaced = True
    for m in _TAG.finditer(text):
        _place(m, extent, member, display)


def _place(m: re.Match[bytes], extent: _Extent, member: str, display: str) -> None:
    name, attrs = m.group(1), m.group(2)
    ref_match = _ANY_REF.search(attrs)
    ref = None if ref_match is None else (ref_match.group(1) or ref_match.group(2) or b"")
    if name == b"row":
        if ref is None:
            extent.row += 1
        elif ref.isdigit() and 0 < int(ref) <= _MAX_ROW:
            extent.row = int(ref)
        else:
            raise _bad_ref(member, ref, display)
        extent.col = 0
        return
    if ref is None:
        extent.col += 1
        row = max(extent.row, 1)
    else:
        parts = re.fullmatch(rb"([A-Z]{1,3})([0-9]{1,7})", ref)
        if parts is None:
            raise _bad_ref(member, ref, display)
        extent.col, row = column_number(parts.group(1)), int(parts.group(2))
    _check_grid(row, extent.col, member, display)
    extent.add(row, extent.col)


def _check_grid(row: int, col: int, member: str, display: str) -> None:
    if not (0 < row <= _MAX_ROW and 0 < col <= _MAX_COL):
        raise SourceError(display, f"sheet {member} names a cell outside Excel's grid")


def _bad_ref(member: str, ref: bytes, display: str) -> SourceError:
    shown = ref[:20].decode("ascii", "replace")
    return SourceError(
        display, f"sheet {member} names a cell '{shown}' that is not a plain A1 reference"
    )
