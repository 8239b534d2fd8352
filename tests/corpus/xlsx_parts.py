"""Minimal XLSX archives written by hand, byte for byte the same on every run.

openpyxl stamps the time into every workbook it saves; these are built from their XML parts, so
the corpus can hold hostile variants (a DTD, a lying ZIP directory, external links, cells at the
far corner of the grid) that no spreadsheet program would write.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

FIXED_TIME = (2026, 1, 1, 0, 0, 0)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = (
    HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    HEAD + f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL_NS}/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
# Style 1 shows a number as a date (numFmt 14), style 2 is a fill only (a "formatted" cell).
STYLES = (
    HEAD + f'<styleSheet xmlns="{MAIN_NS}"><fonts count="1"><font><sz val="11"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill>'
    '</fills><borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/></cellXfs>'
    "</styleSheet>"
)


def workbook(external: bool = False) -> str:
    refs = '<externalReferences><externalReference r:id="rId3"/></externalReferences>'
    return (
        HEAD + f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>'
        + (refs if external else "")
        + "</workbook>"
    )


def workbook_rels(external: bool = False) -> str:
    link = (
        f'<Relationship Id="rId3" Type="{REL_NS}/externalLink" '
        'Target="externalLinks/externalLink1.xml"/>'
    )
    return (
        HEAD + f'<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL_NS}/styles" Target="styles.xml"/>'
        + (link if external else "")
        + "</Relationships>"
    )


def column(index: int) -> str:
    """0 -> A, 26 -> AA."""
    letters, n = "", index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


Cell = str | int | float | tuple[str, str] | None  # ("date", serial) or ("formula", text)


def cell_xml(ref: str, value: Cell) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, tuple):
        kind, payload = value
        if kind == "date":
            return f'<c r="{ref}" s="1"><v>{payload}</v></c>'
        if kind == "styled":
            return f'<c r="{ref}" s="2"/>'
        formula, cached = payload.split("|", 1)
        return f'<c r="{ref}" t="str"><f>{escape(formula)}</f><v>{escape(cached)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def rows_xml(rows: Sequence[Sequence[Cell]], first_row: int = 1) -> str:
    out = []
    for r, row in enumerate(rows, start=first_row):
        cells = "".join(cell_xml(f"{column(c)}{r}", v) for c, v in enumerate(row))
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def sheet(body: str, merge: str = "", doctype: str = "") -> str:
    merged = f'<mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>' if merge else ""
    return (
        HEAD + doctype + f'<worksheet xmlns="{MAIN_NS}"><sheetData>{body}</sheetData>'
        f"{merged}</worksheet>"
    )


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def xlsx_bytes(
    sheet_xml: str, extra: dict[str, str] | None = None, external: bool = False
) -> bytes:
    """A workbook of one sheet; `extra` adds or replaces parts."""
    import io

    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook(external),
        "xl/_rels/workbook.xml.rels": workbook_rels(external),
        "xl/styles.xml": STYLES,
        "xl/worksheets/sheet1.xml": sheet_xml,
        **(extra or {}),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts.items():
            z.writestr(_info(name), text.encode("utf-8"))
    return buf.getvalue()


def table_xlsx(rows: Sequence[Sequence[Cell]], merge: str = "") -> bytes:
    return xlsx_bytes(sheet(rows_xml(rows), merge))


def write_streamed_xlsx(
    path: Path, head_rows: Sequence[Sequence[Cell]], tail: Iterable[str]
) -> None:
    """A workbook whose sheet is written piece by piece (for sheets of many megabytes)."""
    with zipfile.ZipFile(path, "w", compresslevel=1) as z:
        for name, text in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", workbook()),
            ("xl/_rels/workbook.xml.rels", workbook_rels()),
            ("xl/styles.xml", STYLES),
        ):
            z.writestr(_info(name), text.encode("utf-8"))
        with z.open(_info("xl/worksheets/sheet1.xml"), "w") as fh:
            fh.write((HEAD + f'<worksheet xmlns="{MAIN_NS}"><sheetData>').encode())
            fh.write(rows_xml(head_rows).encode())
            for piece in tail:
                fh.write(piece.encode())
            fh.write(b"</sheetData></worksheet>")


def raw_zip(members: Sequence[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP archive from members already deflated: (name, deflated data, crc, declared
    uncompressed size, method). What the directory declares is whatever the caller says."""
    local, central = bytearray(), bytearray()
    for name, data, crc, size, method in members:
        offset = len(local)
        encoded = name.encode()
        dos_time, dos_date = 0, (2026 - 1980) << 9 | 1 << 5 | 1
        local += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, dos_time, dos_date, crc, len(data), size,
            len(encoded), 0,
        )  # fmt: skip
        local += encoded + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, dos_time, dos_date, crc,
            len(data), size, len(encoded), 0, 0, 0, 0, 0o600 << 16, offset,
        )  # fmt: skip
        central += encoded
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(local), 0
    )
    return bytes(local + central + end)


def deflated(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def bomb_sheet(megabytes: int, with_crc: bool = True) -> tuple[bytes, int, int]:
    """(deflated data, crc, size) of a sheet XML holding `megabytes` MiB of blank space.

    Built from one compressed MiB repeated: each piece ends in a full flush, so it decodes on
    its own after any other, and a few megabytes inflate to gigabytes without ever being held.
    """
    start = (HEAD + f'<worksheet xmlns="{MAIN_NS}"><sheetData>').encode()
    end = b"</sheetData></worksheet>"
    blank = b" " * (1 << 20)
    piece = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = piece.compress(blank) + piece.flush(zlib.Z_FULL_FLUSH)
    first = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = first.compress(start) + first.flush(zlib.Z_FULL_FLUSH)
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    tail = last.compress(end) + last.flush()
    crc = zlib.crc32(start)
    for _ in range(megabytes if with_crc else 0):  # the guard refuses before any CRC matters
        crc = zlib.crc32(blank, crc)
    crc = zlib.crc32(end, crc)
    size = len(start) + megabytes * len(blank) + len(end)
    return head + block * megabytes + tail, crc, size


def parts_deflated(sheet_member: tuple[bytes, int, int]) -> list[tuple[str, bytes, int, int, int]]:
    """Every part of a workbook deflated, the sheet given already deflated (data, crc, size)."""
    members = []
    for name, text in (
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook()),
        ("xl/_rels/workbook.xml.rels", workbook_rels()),
        ("xl/styles.xml", STYLES),
    ):
        raw = text.encode()
        members.append((name, deflated(raw), zlib.crc32(raw), len(raw), 8))
    data, crc, size = sheet_member
    members.append(("xl/worksheets/sheet1.xml", data, crc, size, 8))
    return members
