"""Any supported document -> paragraphs and tables, whatever its format.

The format is sniffed from the bytes first (a ZIP holding word/ or xl/, HTML tags), then the
file name or the Content-Type; PDF, old binary .doc/.xls and WPS files are refused with what to
do instead. A copy in traditional characters (as older reprints are) is converted to simplified
with OpenCC, and the user is told.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache

import opencc

from ..errors import SourceError
from ..mappings import Mapping, header_key
from ..normalise import simplify
from .docx import read_docx
from .html import read_html
from .model import Cell, Document, Paragraph, Table
from .sheets import read_csv, read_xlsx
from .text import read_text

_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|table|p)\b",
    re.IGNORECASE | re.DOTALL,
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
TRADITIONAL_SHARE = 0.03
# A DOCX or XLSX expanding to more than this is refused: a download limit alone does not stop a
# small archive that unpacks to gigabytes.
MAX_UNPACKED = 256 * 1024 * 1024


def sniff_format(data: bytes, name: str, content_type: str = "") -> str:
    """html, docx, xlsx, csv or text; SourceError for formats that are not read."""
    head = data[:2048]
    lower = name.lower().split("?")[0]
    if head.startswith(b"%PDF"):
        raise SourceError(
            name, "is a PDF; open it and save it as DOCX or HTML, or copy its text into a .txt file"
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SourceError(
            name, "is an old binary Office file (.doc, .xls or .wps); save it as .docx or .xlsx"
        )
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
                unpacked = sum(info.file_size for info in z.infolist())
        except zipfile.BadZipFile:
            raise SourceError(name, "is a damaged ZIP archive (DOCX or XLSX)") from None
        if unpacked > MAX_UNPACKED:
            raise SourceError(
                name, f"unpacks to {unpacked:,} bytes, more than the {MAX_UNPACKED:,} accepted"
            )
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise SourceError(name, "is a ZIP archive but neither a DOCX nor an XLSX document")
    if lower.endswith((".docx", ".xlsx", ".xlsm")):
        raise SourceError(name, f"has a {lower.rsplit('.', 1)[-1]} name but is not that format")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(name, "is a binary file, not a document catalog-sync reads")
    if "html" in content_type.lower() or lower.endswith((".html", ".htm", ".shtml", ".xhtml")):
        return "html"
    if _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    if lower.endswith((".csv", ".tsv")):
        return "csv"
    return "text"


def read_document(
    data: bytes, name: str, mapping: Mapping, *, charset: str = "", content_type: str = ""
) -> Document:
    """A document's blocks, converted to simplified characters when it is a traditional copy."""
    if not data.strip():
        raise SourceError(name, "is empty")
    kind = sniff_format(data, name, content_type)
    if kind == "html":
        doc = read_html(data, name, charset or None)
    elif kind == "docx":
        doc = read_docx(data, name)
    elif kind == "xlsx":
        doc = read_xlsx(data, name)
    elif kind == "csv":
        doc = read_csv(data, name)
    else:
        name_keys = {header_key(a) for a in mapping.columns["decisions"]["name"]}
        doc = read_text(data, name, lambda fields: _names_item(fields, name_keys))
    return to_simplified(doc)


def _names_item(fields: list[str], name_keys: set[str]) -> bool:
    return any(header_key(simplify(f)) in name_keys for f in fields)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(doc: Document) -> Document:
    """The document with traditional characters made simplified, when it is a traditional copy."""
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    texts += [c.text for b in doc.blocks if isinstance(b, Table) for r in b.rows for c in r]
    sample = "".join(texts)
    cjk = len(_CJK.findall(sample))
    if not cjk:
        return doc
    convert = _t2s().convert
    changed = sum(a != b for a, b in zip(sample, convert(sample), strict=False))
    if changed < 5 or changed / cjk < TRADITIONAL_SHARE:
        return doc
    blocks: list[Paragraph | Table] = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            blocks.append(Paragraph(convert(b.text), b.where))
        else:
            rows = [[Cell(convert(c.text), c.span) for c in r] for r in b.rows]
            blocks.append(Table(rows, b.where, b.label))
    note = f"{doc.name}: traditional characters converted to simplified ({changed} characters)"
    return Document(
        doc.name, doc.kind, doc.encoding, convert(doc.title), blocks, [*doc.notes, note]
    )
