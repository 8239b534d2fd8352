"""Policy pages (HTML) as paragraphs and tables, the way a reader sees them.

Block elements and <br> end a paragraph; scripts, styles and navigation forms are skipped. A
table that holds another table is page layout (older gov.cn pages): its cells are read as
running content. A data table's rowspan and colspan are expanded into a grid; text inside a cell
keeps its line breaks (设定依据 cells list several laws, one per line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import lxml.html
from lxml import etree

from ..errors import SourceError
from .encoding import decode_text
from .model import COL_COPY, OWN, ROW_COPY, Block, Cell, Document, Paragraph, Table

_SKIP = {"script", "style", "noscript", "head", "template", "select", "button", "iframe", "svg"}
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
    "center", "blockquote", "pre", "dd", "dt", "dl", "tr", "td", "th", "form", "header",
    "footer", "main", "nav", "aside", "caption", "hr", "body", "html",
}  # fmt: skip
_SPACE = re.compile(r"[ \t\r\n\f\v\xa0\u3000]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
MAX_SPAN = 500


def read_html(data: bytes, name: str, header_charset: str | None = None) -> Document:
    """A page's paragraphs and tables in reading order, decoded as the page says or its bytes do."""
    text, encoding, notes = decode_text(data, header_charset)
    text = _XML_DECL.sub("", text)
    if not text.strip():
        raise SourceError(name, "is empty")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise SourceError(name, f"is not a readable HTML page ({e})") from None
    title = squeeze(root.findtext(".//title") or "")
    reader = _Reader()
    body = root.find("body")
    reader.walk(body if body is not None else root)
    reader.flush()
    return Document(name, "html", encoding, title, reader.blocks, notes)


def squeeze(text: str) -> str:
    """Runs of whitespace (also no-break and full-width spaces) as one space, trimmed."""
    return _SPACE.sub(" ", text).strip()


class _Reader:
    """Walks the element tree, cutting running text into paragraphs at block boundaries."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.tables = 0

    def flush(self) -> None:
        text = squeeze("".join(self.buffer))
        self.buffer.clear()
        if text:
            self.blocks.append(Paragraph(text, f"paragraph {len(self.blocks) + 1}"))

    def walk(self, el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table" and el.find(".//table") is None:
            self.flush()
            self.tables += 1
            self.blocks.append(read_table(el, f"table {self.tables}"))
            return
        block = tag in _BLOCK or tag == "table"
        if block:
            self.flush()
        if tag and el.text:
            self.buffer.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush()


def cell_text(el: etree._Element) -> str:
    """A cell's text, one line per paragraph or <br>, each line's spaces squeezed."""
    reader = _Reader()
    reader.walk(el)
    reader.flush()
    lines: list[str] = []
    for b in reader.blocks:
        if isinstance(b, Paragraph):
            lines.append(b.text)
        else:
            lines.extend(" ".join(c.text for c in row if c.span == OWN) for row in b.rows)
    return "\n".join(line for line in lines if line)


def read_table(el: etree._Element, label: str) -> Table:
    """A <table> as a grid: rowspan and colspan expanded, copies marked."""
    rows: list[list[tuple[str, int, int]]] = []
    for tr in el.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        cells = [
            (cell_text(td), _span(td.get("rowspan")), _span(td.get("colspan")))
            for td in tr.xpath("./td|./th")
        ]
        rows.append(cells)
    grid = expand_spans(rows)
    return Table(grid, [f"{label} row {i + 1}" for i in range(len(grid))], label)


def _span(value: str | None) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(n, 1), MAX_SPAN)


def expand_spans(rows: Iterable[list[tuple[str, int, int]]]) -> list[list[Cell]]:
    """Rows of (text, rowspan, colspan) as a rectangular grid of cells, copies marked."""
    grid: list[list[Cell]] = []
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    for row in rows:
        out: list[Cell] = []
        queue = list(row)
        col = 0
        while queue or any(c >= col for c in pending):
            if col in pending:
                text, left = pending.pop(col)
                if left > 1:
                    pending[col] = (text, left - 1)
                out.append(Cell(text, ROW_COPY))
                col += 1
                continue
            if not queue:
                out.append(Cell(""))
                col += 1
                continue
            text, rowspan, colspan = queue.pop(0)
            for k in range(colspan):
                out.append(Cell(text, OWN if k == 0 else COL_COPY))
                if rowspan > 1:
                    pending[col] = (text, rowspan - 1)
                col += 1
        grid.append(out)
    width = max((len(r) for r in grid), default=0)
    return [r + [Cell("")] * (width - len(r)) for r in grid]
