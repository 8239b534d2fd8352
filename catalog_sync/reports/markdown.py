"""report.md: a letter to the departments, readable in any viewer. What was checked, the
headline figures, then what each department must do (counts, the first rows, the table to open);
the full tables stay in the CSV files and the workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import vocab
from ..model import Table
from .letter import todos
from .terminal import format_rate

FIRST_ROWS = 3  # rows named per department and table
MAX_AGENCIES = 40  # departments listed by name; the rest counted in one line
REJECTED_SHOWN = 10


def md_cell(value: Any) -> str:
    """Make a value safe inside a pipe table: escape pipes, turn line breaks into <br>."""
    if value is None:
        return ""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")


def _text(value: Any) -> str:
    """A value inside running text: one line, no Markdown table or emphasis syntax."""
    return md_cell(value).replace("<br>", " ").replace("*", "\\*").replace("_", "\\_")


# the headline figures, in order: the evaluation's own rates first, then the counts
HEADLINE = (
    "cancelled_still_listed",
    "list_conformance_rate",
    "list_code_conformance_rate",
    "work_order_linkage_rate",
    "work_orders_linked",
    "work_orders",
    "delegated_items",
    "unmatched_list_items",
    "unimplemented_catalogue_items",
    "work_orders_on_cancelled_items",
    "pending_decision_matches",
    "rejected_rows",
)


def headline_values(summary: dict[str, Any], lang: str) -> list[tuple[str, Any, bool]]:
    """(figure, value, whether it is a rate) for the headline figures the summary holds; the
    work-order figures only when work orders were given."""
    out = []
    for key in HEADLINE:
        if key not in summary or (key.startswith("work_order") and not summary.get("work_orders")):
            continue
        value = summary[key]
        if key == "rejected_rows":
            value = value.get("count", 0) if isinstance(value, dict) else len(value or [])
        out.append((vocab.label(key, lang), value, key.endswith("_rate")))
    return out


def headline_rows(summary: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """The headline figures as text: rates in percent."""
    return [
        (label, format_rate(value) if is_rate else str(value))
        for label, value, is_rate in headline_values(summary, lang)
    ]


def _pipe_table(headers: list[str], rows: list[tuple[str, str]]) -> list[str]:
    lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |", "|---|---:|"]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return lines


def _inputs(summary: dict[str, Any], lang: str) -> list[str]:
    lines = [
        vocab.word(
            "intro", lang, version=summary.get("tool_version", ""), as_of=summary.get("as_of", "")
        ),
        "",
    ]
    for i in summary.get("inputs") or []:
        kind = (
            vocab.word(f"kind_{i.get('kind')}", lang)
            if f"kind_{i.get('kind')}" in vocab.LETTER
            else i.get("kind")
        )
        lines.append(
            "- "
            + vocab.word(
                "input_line",
                lang,
                kind=kind,
                file=i.get("file"),
                read=i.get("rows_read"),
                used=i.get("rows_used"),
            )
        )
    for file, scheme in (summary.get("list_code_schemes") or {}).items():
        key = "scheme_catalogue" if scheme.get("scheme") == "catalogue" else "scheme_other"
        found, coded = scheme.get("found_in_catalogue", 0), scheme.get("items_with_basic_code", 0)
        lines.append("- " + vocab.word(key, lang, file=file, found=found, coded=coded))
    return lines


def _todo(tables: list[Table], lang: str, titles: dict[str, tuple[str, str]]) -> list[str]:
    w = vocab.word
    pick = 0 if lang == "zh" else 1
    found = todos(tables, FIRST_ROWS)
    if not found:
        return [w("nothing", lang)]
    lines = [w("todo_intro", lang)]
    sep = "、" if lang == "zh" else ", "
    for todo in found[:MAX_AGENCIES]:
        agency = todo.agency or w("no_agency", lang)
        lines += [
            "",
            f"### {_text(agency)}（{w('rows_n', lang, n=todo.total)}）"
            if lang == "zh"
            else f"### {_text(agency)} ({w('rows_n', lang, n=todo.total)})",
            "",
        ]
        for task in todo.tasks:
            names = sep.join(_text(f) for f in task.first)
            more = w("more", lang) if task.count > len(task.first) else ""
            lines.append(
                f"- **{titles[task.table][pick]}** {w('rows_n', lang, n=task.count)}："
                f"{vocab.action(task.table, lang)}。{w('first', lang)} {names}{more}；"
                f"{w('full', lang)} `{task.table}.csv`。"
                if lang == "zh"
                else f"- **{titles[task.table][pick]}**, {w('rows_n', lang, n=task.count)}: "
                f"{vocab.action(task.table, lang)}. {w('first', lang)} {names}{more}; "
                f"{w('full', lang)} `{task.table}.csv`."
            )
    rest = found[MAX_AGENCIES:]
    if rest:
        lines += ["", w("more_agencies", lang, n=len(rest), rows=sum(t.total for t in rest))]
    return lines


def _rejected(summary: dict[str, Any], lang: str) -> list[str]:
    rejected = summary.get("rejected_rows")
    if not isinstance(rejected, dict) or not rejected.get("count"):
        return []
    lines = [
        "",
        f"## {vocab.word('rejected', lang)}（{rejected['count']}）"
        if lang == "zh"
        else f"## {vocab.word('rejected', lang)} ({rejected['count']})",
        "",
        vocab.word("rejected_intro", lang),
        "",
    ]
    colon = "：" if lang == "zh" else ": "
    for r in (rejected.get("rows") or [])[:REJECTED_SHOWN]:
        where = vocab.word("row", lang, row=r.get("row"))
        reason = _text(vocab.cell("reason", r.get("reason"), lang))
        lines.append(f"- `{r.get('file')}` {where}{colon}{reason}")
    return lines


def _files(tables: list[Table], lang: str, titles: dict[str, tuple[str, str]]) -> list[str]:
    pick = 0 if lang == "zh" else 1
    lines = ["", f"## {vocab.word('files', lang)}", ""]
    for t in tables:
        title = titles.get(t.name, (t.name, t.name))[pick]
        lines.append(
            f"- {title}：`{t.name}.csv`（{vocab.word('rows_n', lang, n=t.count())}）"
            if lang == "zh"
            else f"- {title}: `{t.name}.csv` ({vocab.word('rows_n', lang, n=t.count())})"
        )
    return lines


def write_markdown(
    tables: list[Table],
    summary: dict[str, Any],
    path: Path,
    lang: str,
    titles: dict[str, tuple[str, str]],
) -> None:
    """Write report.md: a letter, a few hundred lines whatever the size of the province.
    `tables` hold the values as the core wrote them (English enums): rendered here."""
    w = vocab.word
    title = w("title", lang) + (
        f"（{summary['as_of']}）"
        if lang == "zh" and summary.get("as_of")
        else f" ({summary['as_of']})"
        if summary.get("as_of")
        else ""
    )
    lines = [f"# {title}", "", f"## {w('checked', lang)}", "", *_inputs(summary, lang)]
    lines += ["", f"## {w('headline', lang)}", ""]
    lines += _pipe_table([w("figure", lang), w("value", lang)], headline_rows(summary, lang))
    lines += ["", f"## {w('todo', lang)}", "", *_todo(tables, lang, titles)]
    lines += _rejected(summary, lang)
    lines += _files(tables, lang, titles)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
