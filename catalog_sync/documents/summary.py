"""Terminal tables for `decisions fetch/import` and `decisions list` (tabulate)."""

from __future__ import annotations

from tabulate import tabulate

from ..model import CANCEL, DELEGATE, OTHER
from .run import ImportReport, ListedDecision


def import_table(report: ImportReport) -> str:
    """One line per CSV written: 文号, rows by action, rejected rows, source and how it came."""
    rows = [
        [
            w.doc_no,
            w.counts[CANCEL],
            w.counts[DELEGATE],
            w.counts[OTHER],
            w.rejected,
            w.status,
            w.path.name,
        ]
        for w in report.written
    ]
    headers = ["文号", "取消", "下放", "其他", "拒收", "来源", "文件"]
    return str(tabulate(rows, headers=headers, tablefmt="simple"))


def rejected_lines(report: ImportReport) -> list[str]:
    """Each row that could not be read: document, where, why, and what it held."""
    lines = []
    for source, r in report.rejected:
        cells = " | ".join(r.cells)[:100]
        lines.append(f"{source}: {r.where}: {r.reason}" + (f" [{cells}]" if cells else ""))
    return lines


def listing_table(decisions: list[ListedDecision]) -> str:
    """文号, dates and rows by action of each decision in a folder."""
    rows = [
        [
            d.doc_no,
            d.issued.isoformat() if d.issued else "",
            d.effective.isoformat() if d.effective else "",
            d.counts.get(CANCEL, 0),
            d.counts.get(DELEGATE, 0),
            d.counts.get(OTHER, 0),
            d.title,
            ", ".join(f.rsplit("/", 1)[-1] for f in d.files),
        ]
        for d in decisions
    ]
    headers = ["文号", "发布日期", "生效日期", "取消", "下放", "其他", "决定名称", "文件"]
    return str(tabulate(rows, headers=headers, tablefmt="simple"))
