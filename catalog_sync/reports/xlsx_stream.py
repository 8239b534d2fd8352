"""The report workbook written as SpreadsheetML directly, streaming into the ZIP.

XlsxWriter spends ~10 µs a cell in Python; a province's tables hold millions of cells (one row
per list item in list_catalogue_matches). Here rows are made a chunk at a time, column by
column: a column of plain texts or finite numbers is one list comprehension, the rows one join.
The same workbook (a sheet per table, bold frozen header, filter, column widths, strings always
text, never formulas or links, numbers as numbers, rates and dates typed, totals below the
filter, print setup, a bar chart on the first sheet) many times faster, with constant memory
(benchmarks/xlsx_writers.py; docs/performance.md). Text is escaped as Excel and XlsxWriter
escape it: a literal `_x0041_` as `_x005F_x0041_`, control characters and U+FFFE/U+FFFF as
`_xHHHH_`.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, islice, repeat, zip_longest
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

_MAX_CELL = 32_767  # Excel's limit on the characters of one cell
_CHUNK_ROWS = 2_000
# Text that needs more than wrapping: XML specials, control characters (not allowed in XML:
# written as Excel's _xHHHH_ escapes, as XlsxWriter does), edge whitespace (xml:space).
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"(_x[0-9A-Fa-f]{4}_)")  # Excel would read it as an escape
# Every character such text may hold, and more (any whitespace, any underscore), as one
# character class: a column of plain texts is told apart in one quick search of them joined.
_MAYBE_SPECIAL = re.compile(r"[\s_&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
# the cell formats of styles.xml
_BOLD = ' s="1"'
RATE, DATE, DATETIME, BOLD_RATE, TITLE = ' s="2"', ' s="3"', ' s="4"', ' s="5"', ' s="6"'
_EPOCH = datetime(1899, 12, 30)
_TIME = re.compile(r"[\sT](\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?:\.\d+)?\s*$")
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _text_cell(ref: str, text: str, style: str = "") -> str:
    if len(text) > _MAX_CELL:
        text = text[:_MAX_CELL]
    preserve = text[:1].isspace() or text[-1:].isspace()
    if not preserve and not _SPECIAL.search(text):
        return f'<c r="{ref}"{style} t="inlineStr"><is><t>{text}</t></is></c>'
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _ESCAPE_LIKE.sub(r"_x005F\1", text)
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


@dataclass
class Styled:
    """A cell with its own format (the summary sheet's title, headers and rates)."""

    value: Any
    style: str


@dataclass
class BarChart:
    """A bar chart on its sheet: categories and values are rows first..last of two columns."""

    title: str
    first: int  # 0-based rows
    last: int
    categories: int  # 0-based columns
    values: int


@dataclass
class SheetSpec:
    """What one sheet holds: a header, rows of cells, totals (below a blank row, outside the
    filter), an optional bold note after them, the column widths and each column's kind
    ("rate", "date" or ""). `table`: a frozen, filtered header repeated on every printed page."""

    name: str
    header: list[str]
    rows: Iterable[list[Any]]
    n_rows: int
    widths: list[float]
    note: str = ""
    kinds: list[str] = field(default_factory=list)
    totals: list[list[Any]] = field(default_factory=list)
    table: bool = True
    chart: BarChart | None = None
    footer: str = "&amp;L&amp;A&amp;R&amp;P / &amp;N"


def excel_datetime(value: Any) -> tuple[float, bool] | None:
    """A date cell's text as an Excel serial and whether it has a time of day; None when it
    names no date (it is written as the text given). The time is the 24-hour time written
    (下午3:05 is 15:05); a time with an offset (Z, +08:00) is written as the text given, as
    the CSV has it, not moved to Beijing time."""
    from ..dates import parse_date, read_date_time

    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        read = read_date_time(unicodedata.normalize("NFKC", text))
    except ValueError:
        return None
    if read is not None:
        day_read, written, zoned = read
        if zoned:
            return None
        serial = float((day_read - _EPOCH.date()).days)
        if written is None:
            return serial, False
        return serial + (written.hour * 3600 + written.minute * 60 + written.second) / 86400, True
    clock = _TIME.search(text)
    try:
        day = parse_date(text[: clock.start()] if clock else text)
    except ValueError:
        return None
    if day is None:
        return None
    serial = float((day - _EPOCH.date()).days)
    if not clock:
        return serial, False
    h, m, sec = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
    if h > 23 or m > 59 or sec > 59:
        return None
    return serial + (h * 3600 + m * 60 + sec) / 86400, True


def _typed(ref: str, value: Any, kind: str, bold: bool = False) -> str:
    """A rate (a fraction shown as percent) or a date (an Excel serial shown as a date)."""
    if kind == "rate" and isinstance(value, (int, float)) and not isinstance(value, bool):
        if math.isfinite(value):
            return f'<c r="{ref}"{BOLD_RATE if bold else RATE}><v>{value!r}</v></c>'
    if kind == "date":
        found = excel_datetime(value)
        if found is not None:
            return f'<c r="{ref}"{DATETIME if found[1] else DATE}><v>{found[0]!r}</v></c>'
    return _styled_cell(ref, value, _BOLD if bold else "")


def _styled_cell(ref: str, value: Any, style: str) -> str:
    if not style:
        return _cell(ref, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'
    if value is None or value == "":
        return ""
    return _text_cell(ref, str(value), style)


def _sheet_parts(spec: SheetSpec) -> Iterable[str]:
    """A sheet's XML in parts, its rows a chunk at a time: constant memory for any table."""
    ncols = max(len(spec.header), len(spec.widths))
    letters = [column_letter(c) for c in range(ncols)]
    kinds = (spec.kinds + [""] * ncols)[:ncols]
    yield _sheet_start(spec, ncols)
    yield "<sheetData>" + _header_row(spec.header, letters)
    r = 1
    for chunk in _chunks(spec.rows):
        yield _rows_xml(chunk, r + 1, letters, kinds)
        r += len(chunk)
    yield _closing_rows(spec, r, letters, kinds) + "</sheetData>"
    yield _sheet_end(spec, ncols)


def _sheet_start(spec: SheetSpec, ncols: int) -> str:
    """Everything before the cells: the extent, the frozen header and the column widths."""
    tail = (1 + len(spec.totals) if spec.totals else 0) + (1 if spec.note else 0)
    last_row = spec.n_rows + 1 + tail
    last_col = column_letter(max(ncols, 1) - 1)
    pane = (
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft"/>'
        if spec.table
        else ""
    )
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{_col_width(w)}" customWidth="1"/>'
        for i, w in enumerate(spec.widths, start=1)
    )
    return (
        f'{_XML}<worksheet {_NS} {_NS_R}><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{last_col}{last_row}"/>'
        f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView>'
        '</sheetViews><sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
    )


def _header_row(header: list[str], letters: list[str]) -> str:
    """Row 1: every heading a bold text cell, an empty one too."""
    cells = "".join(_text_cell(f"{c}1", h, _BOLD) for c, h in zip(letters, header, strict=False))
    return f'<row r="1">{cells}</row>'


def _chunks(rows: Iterable[list[Any]]) -> Iterator[list[list[Any]]]:
    """The rows _CHUNK_ROWS at a time: each chunk rendered column by column, then written."""
    it = iter(rows)
    while chunk := list(islice(it, _CHUNK_ROWS)):
        yield chunk


def _rows_xml(chunk: list[list[Any]], first: int, letters: list[str], kinds: list[str]) -> str:
    """The rows of a chunk, the first numbered `first`: each column's cells made in one pass
    (_column_cells), then joined row by row. A short row's missing cells are blanks (None)."""
    numbers = [str(r) for r in range(first, first + len(chunk))]
    # each column's values, as many columns as letters at most (a longer row's extra cells dropped)
    columns = zip(letters, kinds, zip_longest(*chunk, fillvalue=None), strict=False)
    cells = [_column_cells(letter, kind, values, numbers) for letter, kind, values in columns]
    starts = [f'<row r="{n}">' for n in numbers]
    return "".join(chain.from_iterable(zip(starts, *cells, repeat("</row>"))))


def _column_cells(letter: str, kind: str, values: tuple[Any, ...], numbers: list[str]) -> list[str]:
    """One column's cells in the rows `numbers` ("" for a blank), made in one pass where the
    column is all plain text or all finite numbers, the bulk of a province's tables; dates and
    texts needing escapes once per distinct text; anything else cell by cell."""
    types = set(map(type, values))
    if types == {str}:
        if kind:  # dates repeat (first_seen, effective_date): each parsed once
            return _once_per_text(letter, values, numbers, lambda v: _typed("", v, kind))
        if not _MAYBE_SPECIAL.search("".join(values)) and max(map(len, values)) <= _MAX_CELL:
            return [
                f'<c r="{letter}{n}" t="inlineStr"><is><t>{v}</t></is></c>' if v else ""
                for n, v in zip(numbers, values, strict=True)
            ]
        return _once_per_text(letter, values, numbers, lambda v: _cell("", v))
    if not kind and types <= {int, float} and all(map(math.isfinite, values)):
        return [
            f'<c r="{letter}{n}"><v>{v!r}</v></c>' for n, v in zip(numbers, values, strict=True)
        ]
    return [_body_cell(f"{letter}{n}", v, kind) for n, v in zip(numbers, values, strict=True)]


def _once_per_text(
    letter: str, values: tuple[str, ...], numbers: list[str], render: Callable[[str], str]
) -> list[str]:
    """A text column's cells, each distinct text rendered once (with an empty reference, then
    given each row's): names, agencies, evidence and dates repeat down a sheet."""
    after_ref = {v: render(v)[len('<c r="') :] for v in set(values)}
    tails = map(after_ref.__getitem__, values)
    return [f'<c r="{letter}{n}{t}' if t else "" for n, t in zip(numbers, tails, strict=True)]


def _body_cell(ref: str, value: Any, kind: str) -> str:
    """A cell of a table row: typed in a rate or date column, a Styled value in its format."""
    if kind:
        return _typed(ref, value, kind)
    if type(value) is Styled:
        return _styled_cell(ref, value.value, value.style)
    return _cell(ref, value)


def _closing_rows(spec: SheetSpec, last: int, letters: list[str], kinds: list[str]) -> str:
    """After the last row: the totals in bold below a blank row (sorting and filtering the
    table leave them where they are), then the note."""
    rows = []
    r = last + 1 if spec.totals else last
    for cells in spec.totals:
        r += 1
        row = zip(letters, cells, kinds, strict=False)
        rows.append(
            f'<row r="{r}">' + "".join(_typed(f"{c}{r}", v, k, True) for c, v, k in row) + "</row>"
        )
    if spec.note:
        r += 1
        rows.append(f'<row r="{r}">{_text_cell(f"A{r}", spec.note, _BOLD)}</row>')
    return "".join(rows)


def _sheet_end(spec: SheetSpec, ncols: int) -> str:
    """Everything after the cells: the filter, the print setup and footer, the chart's anchor."""
    last_col = column_letter(max(ncols, 1) - 1)
    autofilter = (
        f'<autoFilter ref="A1:{last_col}{spec.n_rows + 1}"/>' if ncols and spec.table else ""
    )
    print_setup = (
        '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" '
        f'fitToHeight="0"/><headerFooter><oddFooter>{spec.footer}</oddFooter></headerFooter>'
    )
    drawing = '<drawing r:id="rId1"/>' if spec.chart else ""
    return f"{autofilter}{print_setup}{drawing}</worksheet>"


def _rels(*targets: tuple[str, str]) -> str:
    return (
        f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_DOC}/{kind}" Target="{target}"/>'
            for i, (kind, target) in enumerate(targets, start=1)
        )
        + "</Relationships>"
    )


def _ref(sheet: str, col: int, first: int, last: int) -> str:
    c = column_letter(col)
    return _escape("'" + sheet.replace("'", "''") + f"'!${c}${first + 1}:${c}${last + 1}")


def _chart_xml(sheet: str, chart: BarChart) -> str:
    """A horizontal bar chart of one series, values as percent from 0 to 100 %."""
    c = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
    a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    title = _escape(chart.title)
    return (
        f"{_XML}<c:chartSpace {c} {a} {_NS_R}><c:chart>"
        f"<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{title}</a:t></a:r></a:p></c:rich>"
        '</c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'
        '<c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/>'
        '<c:ser><c:idx val="0"/><c:order val="0"/>'
        f"<c:tx><c:v>{title}</c:v></c:tx>"
        '<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr>'
        '<c:invertIfNegative val="0"/>'
        '<c:dLbls><c:numFmt formatCode="0.0%" sourceLinked="0"/><c:showLegendKey val="0"/>'
        '<c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
        '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
        f"<c:cat><c:strRef><c:f>{_ref(sheet, chart.categories, chart.first, chart.last)}"
        "</c:f></c:strRef></c:cat>"
        f"<c:val><c:numRef><c:f>{_ref(sheet, chart.values, chart.first, chart.last)}"
        "</c:f></c:numRef></c:val></c:ser>"
        '<c:gapWidth val="50"/><c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>'
        '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/>'
        '</c:scaling><c:delete val="0"/><c:axPos val="l"/>'
        '<c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/>'
        '<c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>'
        '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/>'
        '<c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>'
        '<c:majorGridlines/><c:numFmt formatCode="0%" sourceLinked="0"/>'
        '<c:tickLblPos val="nextTo"/><c:crossAx val="50010001"/><c:crosses val="autoZero"/>'
        '<c:crossBetween val="between"/></c:valAx></c:plotArea>'
        '<c:plotVisOnly val="1"/></c:chart></c:chartSpace>'
    )


def _drawing_xml(chart: BarChart, at_col: int) -> str:
    rows = max(18, int((chart.last - chart.first) * 1.5) + 6)  # room for every agency's name
    return (
        f'{_XML}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
        'spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<xdr:twoCellAnchor editAs="oneCell">'
        f"<xdr:from><xdr:col>{at_col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row>"
        "<xdr:rowOff>0</xdr:rowOff></xdr:from>"
        f"<xdr:to><xdr:col>{at_col + 9}</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>{2 + rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/>'
        "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm>"
        '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'{_NS_R} r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame>'
        "<xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>"
    )


def write_workbook(path: Path, sheets: Iterable[SheetSpec]) -> None:
    """Write the sheets into one XLSX file, each streamed into the ZIP as it is made."""
    specs = list(sheets)  # their rows stay lazy
    defined: list[str] = []
    charts = 0
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(
            "[Content_Types].xml",
            _content_types(len(specs), sum(1 for s in specs if s.chart)),
        )
        z.writestr("_rels/.rels", _rels(("officeDocument", "xl/workbook.xml")))
        for n, spec in enumerate(specs, start=1):
            defined.extend(_defined_names(spec, n - 1))
            if spec.chart:
                charts += 1
                _write_chart(z, n, charts, spec, spec.chart)
            with z.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as fh:
                for part in _sheet_parts(spec):
                    fh.write(part.encode("utf-8", "replace"))
        z.writestr("xl/workbook.xml", _workbook_xml([spec.name for spec in specs], defined))
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            _rels(
                *(("worksheet", f"worksheets/sheet{n}.xml") for n in range(1, len(specs) + 1)),
                ("styles", "styles.xml"),
            ),
        )
        z.writestr("xl/styles.xml", _STYLES)


def _defined_names(spec: SheetSpec, index: int) -> list[str]:
    """A table sheet's defined names (the sheet at 0-based `index`): its filter's range and its
    header row as the print titles every page repeats; none for another sheet."""
    if not (spec.header and spec.table):
        return []
    quoted = _escape("'" + spec.name.replace("'", "''") + "'!")
    ref = f"$A$1:${column_letter(len(spec.header) - 1)}${spec.n_rows + 1}"
    return [
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{index}" '
        f'hidden="1">{quoted}{ref}</definedName>',
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">'
        f"{quoted}$1:$1</definedName>",
    ]


def _write_chart(
    z: zipfile.ZipFile, sheet: int, number: int, spec: SheetSpec, chart: BarChart
) -> None:
    """The chart of sheet number `sheet`, the workbook's chart `number`: the sheet's link to its
    drawing, the drawing (right of the sheet's columns) with its link to the chart, the chart."""
    z.writestr(
        f"xl/worksheets/_rels/sheet{sheet}.xml.rels",
        _rels(("drawing", f"../drawings/drawing{number}.xml")),
    )
    z.writestr(
        f"xl/drawings/drawing{number}.xml",
        _drawing_xml(chart, len(spec.widths) + 1),
    )
    z.writestr(
        f"xl/drawings/_rels/drawing{number}.xml.rels",
        _rels(("chart", f"../charts/chart{number}.xml")),
    )
    z.writestr(f"xl/charts/chart{number}.xml", _chart_xml(spec.name, chart))


def _workbook_xml(names: list[str], defined: list[str]) -> str:
    """xl/workbook.xml: the sheets in order, and the defined names when there are any."""
    sheet_list = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{n}" r:id="rId{n}"/>'
        for n, name in enumerate(names, start=1)
    )
    names_xml = f"<definedNames>{''.join(defined)}</definedNames>" if defined else ""
    return (
        f"{_XML}<workbook {_NS} {_NS_R}><bookViews><workbookView/></bookViews>"
        f"<sheets>{sheet_list}</sheets>{names_xml}</workbook>"
    )


def _content_types(n_sheets: int, n_charts: int = 0) -> str:
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
        + "".join(
            f'<Override PartName="/xl/drawings/drawing{n}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'
            f'<Override PartName="/xl/charts/chart{n}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.drawingml.chart+xml"/>'
            for n in range(1, n_charts + 1)
        )
        + "</Types>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# The cell formats: default, bold (header, notes), rate (0.00%), date, date and time, bold rate
# (totals), title (bold 14).
_STYLES = (
    f"{_XML}<styleSheet {_NS}>"
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="10" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
    'applyFont="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
