"""A Markdown report a reviewer can read in any viewer, without opening a spreadsheet."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from tabulate import tabulate

from ..model import Table
from .terminal import format_rate

MAX_ROWS = 200
_TEXT = {
    "zh": {
        "title": "catalog-sync 核对报告",
        "summary": "概要",
        "item": "项目",
        "value": "值",
        "rows": "共 {n} 行。",
        "none": "无记录。",
        "cut": "仅显示前 {shown} 行，完整数据见 `{name}.csv` / `{name}.json`。",
    },
    "en": {
        "title": "catalog-sync report",
        "summary": "Summary",
        "item": "Item",
        "value": "Value",
        "rows": "{n} row{s}.",
        "none": "No rows.",
        "cut": "Only the first {shown} rows are shown; the full table is in "
        "`{name}.csv` / `{name}.json`.",
    },
}


def md_cell(value: Any) -> str:
    """Make a value safe inside a pipe table: escape pipes, turn line breaks into <br>."""
    if value is None:
        return ""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")


def _rejected_counts(value: Any) -> Counter[str]:
    """Count rejected rows by reason, whether given as reason->count/rows or as a list of rows."""
    counts: Counter[str] = Counter()
    if isinstance(value, dict):
        for reason, n in value.items():
            counts[str(reason)] += n if isinstance(n, int) else len(n)
    else:
        for rejected in value:
            reason = rejected.get("reason") if isinstance(rejected, dict) else rejected.reason
            counts[str(reason)] += 1
    return counts


def summary_rows(summary: dict[str, Any]) -> list[tuple[str, str]]:
    """Flatten the summary to (key, value) pairs; nested values other than rejections skipped."""
    rows: list[tuple[str, str]] = []
    for key, value in summary.items():
        if key == "rejected_rows" and isinstance(value, (dict, list, tuple)):
            counts = _rejected_counts(value)
            rows.append((key, str(sum(counts.values()))))
            rows.extend((f"{key}: {reason}", str(n)) for reason, n in counts.most_common())
        elif isinstance(value, (dict, list, tuple, set)):
            continue
        elif key.endswith("_rate"):
            rows.append((key, format_rate(value)))
        else:
            rows.append((key, "" if value is None else str(value)))
    return rows


def _pipe_table(headers: list[str], rows: list[list[Any]]) -> str:
    # disable_numparse keeps codes such as "0012" exactly as given.
    body = [[md_cell(v) for v in row] for row in rows]
    heads = [md_cell(h) for h in headers]
    return tabulate(body, headers=heads, tablefmt="github", disable_numparse=True)


def write_markdown(
    tables: list[Table],
    summary: dict[str, Any],
    path: Path,
    lang: str,
    titles: dict[str, tuple[str, str]],
) -> None:
    """Write the summary and every table (first 200 rows each) as one Markdown document."""
    t = _TEXT["zh" if lang == "zh" else "en"]
    parts = [f"# {t['title']}", f"## {t['summary']}"]
    parts.append(_pipe_table([t["item"], t["value"]], [list(r) for r in summary_rows(summary)]))
    for table in tables:
        zh, en = titles.get(table.name, (table.name, table.name))
        parts.append(f"## {zh if lang == 'zh' else en}")
        n = table.count()
        if not n:
            parts.append(t["none"])
            continue
        parts.append(t["rows"].format(n=n, s="" if n == 1 else "s"))
        shown = list(table.head(MAX_ROWS))
        parts.append(_pipe_table(table.header(lang), [table.cells(r) for r in shown]))
        if n > MAX_ROWS:
            parts.append(t["cut"].format(shown=MAX_ROWS, name=table.name))
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
