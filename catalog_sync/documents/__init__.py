"""Decisions straight from the published documents: pages, DOCX, spreadsheets and text copies."""

from .annexes import Overrides, extract_decision
from .read import read_document
from .run import ImportReport, fetch_urls, import_files, list_decisions

__all__ = [
    "ImportReport",
    "Overrides",
    "extract_decision",
    "fetch_urls",
    "import_files",
    "list_decisions",
    "read_document",
]
