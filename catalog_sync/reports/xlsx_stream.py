"""The report workbook written as SpreadsheetML directly, streaming into the ZIP.

XlsxWriter spends ~10 µs a cell in Python; a province's tables hold millions of cells (one row
per list item in list_catalogue_matches). Here a row is one string join: the same workbook
(a sheet per table, bold frozen header, filter, column widths, strings always text, never
formulas or links, numbers as numbers) in a tenth of the time, with constant memory.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

_MAX_CELL = 32_767  # Excel's limit on the characters of one cell
_CHUNK_ROWS = 2_000
_DISTINCT = 10_000  # a column's distinct texts remembered before it may count as all distinct
# Text that needs more than wrapping: XML specials, control characters (not allowed in XML:
# written as Excel's _xHHHH_ escapes, as XlsxWriter does), edge whitespace (xml:space).
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_BOLD = ' s="1"'  # the bold cell format of styles.xml
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _text_cell(ref: str, text: str, style: str = "") -> str:
    if len(text) > _MAX_CELL:
        text = text[:_MAX_CELL]
    preserve = text[:1].isspace() or text[-1:].isspace()
    if not preserve and not _SPECIAL.search(text):
        return f'<c r="{ref}"{style} t="inlineStr"><is><t>{text}</t></is></c>'
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    space = ' xml:space="preserve"' if preserve else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _cell(ref: str, value: Any) -> str:
    """One cell, as XlsxWriter's report wrote it: finite numbers as numbers, other values as
    their text, None and "" left blank (no cell)."""
    if type(value) is str:
        return _text_cell(ref, value) if value else ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if value is None or value == "":
        return ""
    return _text_cell(ref, str(value))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _col_width(width: float) -> float:
    """A width in characters as XlsxWriter stores it (Calibri 11: 7-pixel digits, 5 padding)."""
    if width < 1:
        pixels = int(width * 12 + 0.5)
    else:
        pixels = int(width * 7 + 0.5) + 5
    return int(pixels / 7 * 256) / 256


class SheetSpec:
    """What one sheet holds: a header, rows of cells, an optional bold note after the rows, and
    the column widths."""

    def __init__(
        self,
        name: str,
        header: list[str],
        rows: Iterable[list[Any]],
        n_rows: int,
        widths: list[float],
        note: str = "",
    ) -> None:
        self.name, self.header, self.rows, self.n_rows = name, header, rows, n_rows
        self.widths, self.note = widths, note


def _sheet_parts(spec: SheetSpec) -> Iterable[str]:
    ncols = len(spec.header)
    last_row = spec.n_rows + 1 + (1 if spec.note else 0)
    last_col = column_letter(max(ncols, 1) - 1)
    yield (
        f'{_XML}<worksheet {_NS} {_NS_R}><dimension ref="A1:{last_col}{last_row}"/>'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>'
        '</sheetViews><sheetFormatPr defaultRowHeight="15"/>'
    )
    if spec.widths:
        yield (
            "<cols>"
            + "".join(
                f'<col min="{i}" max="{i}" width="{_col_width(w)}" customWidth="1"/>'
                for i, w in enumerate(spec.widths, start=1)
            )
            + "</cols>"
        )
    yield "<sheetData>"
    letters = [column_letter(c) for c in range(ncols)]
    yield (
        '<row r="1">'
        + "".join(_text_cell(f"{c}1", h, _BOLD) for c, h in zip(letters, spec.header, strict=True))
        + "</row>"
    )
    # Text cells after their reference, remembered per column: names, agencies, tiers and
    # evidence repeat down a province's sheet. A column found to hold mostly distinct values
    # (codes, ids) stops being remembered.
    tails: list[dict[str, str] | None] = [{} for _ in letters]
    chunk: list[str] = []
    r = 1
    for cells in spec.rows:
        r += 1
        n = str(r)
        parts = [f'<row r="{n}">']
        for i, (c, v) in enumerate(zip(letters, cells, strict=False)):
            if type(v) is str:
                if not v:
                    continue
                cache = tails[i]
                t = cache.get(v) if cache is not None else None
                if t is None:
                    t = _text_cell("", v)[len('<c r="') :]
                    if cache is not None:
                        cache[v] = t
                        if len(cache) > _DISTINCT and len(cache) > r // 2:
                            tails[i] = None
                parts.append(f'<c r="{c}{n}{t}')
            else:
                parts.append(_cell(c + n, v))
        parts.append("</row>")
        chunk.append("".join(parts))
        if len(chunk) >= _CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
    if spec.note:
        r += 1
        chunk.append(f'<row r="{r}">{_text_cell(f"A{r}", spec.note, _BOLD)}</row>')
    yield "".join(chunk)
    yield "</sheetData>"
    if ncols:
        yield f'<autoFilter ref="A1:{last_col}{spec.n_rows + 1}"/>'
    yield "</worksheet>"


def write_workbook(path: Path, sheets: Iterable[SheetSpec]) -> None:
    """Write the sheets into one XLSX file, each streamed into the ZIP as it is made."""
    specs = list(sheets)  # their rows stay lazy
    names: list[str] = []
    filters: list[str] = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _content_types(len(specs)))
        z.writestr(
            "_rels/.rels",
            f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{_DOC}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        for n, spec in enumerate(specs, start=1):
            names.append(spec.name)
            if spec.header:
                ref = f"$A$1:${column_letter(len(spec.header) - 1)}${spec.n_rows + 1}"
                target = _escape("'" + spec.name.replace("'", "''") + "'!" + ref)
                filters.append(
                    f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n - 1}" '
                    f'hidden="1">{target}</definedName>'
                )
            with z.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as fh:
                for part in _sheet_parts(spec):
                    fh.write(part.encode("utf-8", "replace"))
        sheet_list = "".join(
            f'<sheet name={quoteattr(name)} sheetId="{n}" r:id="rId{n}"/>'
            for n, name in enumerate(names, start=1)
        )
        defined = f"<definedNames>{''.join(filters)}</definedNames>" if filters else ""
        z.writestr(
            "xl/workbook.xml",
            f"{_XML}<workbook {_NS} {_NS_R}><bookViews><workbookView/></bookViews>"
            f"<sheets>{sheet_list}</sheets>{defined}</workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{_DOC}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, len(names) + 1)
            )
            + f'<Relationship Id="rId{len(names) + 1}" Type="{_DOC}/styles" '
            'Target="styles.xml"/></Relationships>',
        )
        z.writestr("xl/styles.xml", _STYLES)


def _content_types(n_sheets: int) -> str:
    return (
        f'{_XML}<Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for n in range(1, n_sheets + 1)
        )
        + "</Types>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Two cell formats: the default, and bold (header and notes).
_STYLES = (
    f"{_XML}<styleSheet {_NS}>"
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
