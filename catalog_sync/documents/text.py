"""Plain text copied from a page whose tables lost their borders.

A table starts at a line that splits into three or more fields (tabs, or runs of two or more
spaces, or full-width spaces) and names the item-name column. Its rows are lines; a line whose
first field is not a 序号 continues the row above:

- with tabs, a line starting with a tab keeps its fields in their columns; a line starting with
  text is the rest of a cell broken by a line break, so its first field joins the column the line
  above ended in (that is what a browser gives when a cell held a <br>);
- with spaces, each field goes to the column whose header starts at or before it on screen
  (CJK characters count two), so aligned copies keep their columns.

A blank line ends the table unless the next line starts a row. Lines that are not table rows
are paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from wcwidth import wcwidth

from .encoding import decode_text
from .html import squeeze
from .model import Block, Cell, Document, Paragraph, Table

_SEP = re.compile(r"\t|[ \u3000]*\u3000[ \u3000]*| {2,}")
_ROW_START = re.compile(r"^\d{1,4}[.、．]?$")
_ENDS_TABLE = re.compile(r"^\s*(附\s*件|注\s*[:：]|备\s*注\s*[:：])")


def read_text(data: bytes, name: str, is_header: Callable[[list[str]], bool]) -> Document:
    """Paragraphs and whitespace-separated tables of a text file (UTF-8 or GB18030/GBK)."""
    text, encoding, notes = decode_text(data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    i = 0
    tables = 0
    while i < len(lines):
        line = lines[i]
        fields = [f for f, _ in split_fields(line)]
        if len(fields) >= 3 and is_header(fields):
            tables += 1
            table, i = _read_table(lines, i, f"table {tables}")
            blocks.append(table)
            continue
        if line.strip():
            blocks.append(Paragraph(squeeze(line), f"line {i + 1}"))
        i += 1
    return Document(name, "text", encoding, "", blocks, notes)


def split_fields(line: str) -> list[tuple[str, int]]:
    """(field, display column where it starts) for each field; tabs keep empty fields."""
    if "\t" in line:
        out: list[tuple[str, int]] = []
        for k, part in enumerate(line.rstrip("\r\n").split("\t")):
            out.append((squeeze(part), k))
        while out and not out[-1][0]:
            out.pop()
        return out
    result: list[tuple[str, int]] = []
    pos = 0
    for m in _SEP.finditer(line):
        _add(result, line[pos : m.start()], _width(line[:pos]))
        pos = m.end()
    _add(result, line[pos:], _width(line[:pos]))
    return result


def _add(result: list[tuple[str, int]], piece: str, start: int) -> None:
    lead = len(piece) - len(piece.lstrip())
    text = squeeze(piece)
    if text:
        result.append((text, start + lead))


def _width(text: str) -> int:
    return sum(max(wcwidth(ch), 0) if ch != "\t" else 8 for ch in text)


def _read_table(lines: list[str], start: int, label: str) -> tuple[Table, int]:
    header = split_fields(lines[start])
    ncols = len(header)
    tabbed = "\t" in lines[start]
    starts = [s for _, s in header]
    rows: list[list[Cell]] = [[Cell(f) for f, _ in header]]
    where = [f"line {start + 1}"]
    last_col = ncols - 1
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            nxt = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
            if nxt is None or not _starts_row(lines[nxt]):
                break
            i += 1
            continue
        if _ENDS_TABLE.match(line):
            break
        fields = split_fields(line)
        cells = [Cell("") for _ in range(ncols)]
        extra: list[str] = []
        if tabbed and (_starts_row(line) or line.startswith("\t")):
            placed = [(k, f) for k, (f, _) in enumerate(fields) if f]
        elif tabbed:
            placed = [(last_col + k, f) for k, (f, _) in enumerate(fields) if f]
        elif _starts_row(line) and len(fields) == ncols:
            placed = [(k, f) for k, (f, _) in enumerate(fields)]
        else:
            placed = _by_position(fields, starts)
        for col, text in placed:
            if col >= ncols:
                extra.append(text)
            elif cells[col].text:
                cells[col] = Cell(f"{cells[col].text} {text}")
            else:
                cells[col] = Cell(text)
        if placed:
            last_col = min(max(col for col, _ in placed), ncols - 1)
        rows.append(cells + [Cell(t) for t in extra])
        where.append(f"line {i + 1}")
        i += 1
    width = max(len(r) for r in rows)
    rows = [r + [Cell("")] * (width - len(r)) for r in rows]
    return Table(rows, where, label), i


def _starts_row(line: str) -> bool:
    fields = split_fields(line)
    return len(fields) >= 2 and bool(_ROW_START.match(fields[0][0]))


def _by_position(fields: list[tuple[str, int]], starts: list[int]) -> list[tuple[int, str]]:
    placed = []
    for text, pos in fields:
        col = 0
        for k, s in enumerate(starts):
            if s <= pos + 1:
                col = k
        placed.append((col, text))
    return placed
