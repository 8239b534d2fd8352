"""Word documents (DOCX) as paragraphs and tables, merged cells expanded.

python-docx opens the package; the body is walked in order so an annex heading stays in front of
its table. Table cells are read from the XML: ``gridSpan`` (merged across) and ``vMerge``
(merged down) become marked copies, the same as rowspan and colspan in HTML.
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import SourceError
from .html import squeeze
from .model import COL_COPY, OWN, ROW_COPY, Block, Cell, Document, Paragraph, Table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str) -> Document:
    """A DOCX's body paragraphs and tables in order; its core title as the document title."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several types for broken packages
        raise SourceError(
            name, f"is not a readable DOCX document ({type(e).__name__}); save it again from Word"
        ) from None
    blocks: list[Block] = []
    tables = 0
    for el in _body_elements(document.element.body):
        if el.tag == f"{_W}p":
            text = squeeze(_text(el))
            if text:
                blocks.append(Paragraph(text, f"paragraph {len(blocks) + 1}"))
        elif el.tag == f"{_W}tbl":
            tables += 1
            label = f"table {tables}"
            grid = _grid(el)
            blocks.append(Table(grid, [f"{label} row {i + 1}" for i in range(len(grid))], label))
    title = squeeze(document.core_properties.title or "")
    return Document(name, "docx", "docx", title, blocks)


def _body_elements(body: Any) -> list[Any]:
    """Paragraphs and tables of the body in order, looking inside content controls (w:sdt)."""
    out: list[Any] = []
    for el in body.iterchildren():
        if el.tag == f"{_W}sdt":
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                out.extend(_body_elements(content))
        elif el.tag in (f"{_W}p", f"{_W}tbl"):
            out.append(el)
    return out


def _text(el: Any) -> str:
    """The visible text of a paragraph: runs, tabs as spaces, breaks as newlines."""
    parts: list[str] = []
    for node in el.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    lines = [squeeze(line) for p in tc.iter(f"{_W}p") for line in _text(p).split("\n")]
    return "\n".join(line for line in lines if line)


def _val(el: Any, path: str) -> str | None:
    found = el.find(path)
    if found is None:
        return None
    return str(found.get(f"{_W}val", ""))


def _grid(tbl: Any) -> list[list[Cell]]:
    grid: list[list[Cell]] = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        row: list[Cell] = []
        before = _val(tr, f"{_W}trPr/{_W}gridBefore")
        row.extend(Cell("") for _ in range(int(before) if before and before.isdigit() else 0))
        for tc in tr.iterchildren(f"{_W}tc"):
            span_val = _val(tc, f"{_W}tcPr/{_W}gridSpan")
            span = int(span_val) if span_val and span_val.isdigit() else 1
            vmerge = _val(tc, f"{_W}tcPr/{_W}vMerge")
            col = len(row)
            if vmerge is not None and vmerge != "restart" and grid:
                above = grid[-1][col].text if col < len(grid[-1]) else ""
                row.extend(Cell(above, ROW_COPY) for _ in range(span))
                continue
            text = _cell_text(tc)
            row.extend(Cell(text, OWN if k == 0 else COL_COPY) for k in range(span))
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    return [r + [Cell("")] * (width - len(r)) for r in grid]
