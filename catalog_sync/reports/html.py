"""report.html: one self-contained page an office can mail or open offline.

Headline cards, charts (matplotlib SVG inlined, its text kept as text with a CJK font-family
fallback), what each department should fix first, and each findings table's first rows,
sortable and filterable by a small inline script; the rest is linked to its CSV file. No
network fetch: no CDN, no web font, no image outside the file. Without JavaScript the tables
and the figures still read.
"""

from __future__ import annotations

import io
import warnings
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from .. import vocab
from ..model import Table
from .letter import todos
from .markdown import headline_values
from .terminal import format_rate

FIRST_ROWS = 50  # rows of each table inline; the rest in its CSV
FIX_FIRST_AGENCIES = 12
MAX_BARS = 30  # a chart shows the 30 lowest rates (most findings); a province has hundreds
CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
             "SimHei", "WenQuanYi Micro Hei", "DejaVu Sans"]  # fmt: skip
_CARDS = ("cancelled_still_listed", "list_conformance_rate", "work_order_linkage_rate")
_TOTAL = "合计"

_STYLE = """
body{font-family:%s,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{border-bottom:2px solid #4472c4;padding-bottom:.2em;margin-top:2em}
.cards{display:flex;gap:1em;flex-wrap:wrap}
.card{border:1px solid #ccd;border-radius:8px;padding:1em 1.5em;min-width:12em;background:#f6f8fc}
.card .n{font-size:2.2em;font-weight:bold;color:#1f3b73}.card .l{color:#555}
.charts{display:flex;flex-wrap:wrap;gap:1em}.charts figure{margin:0;flex:1 1 480px}
figure svg{max-width:100%%;height:auto}figcaption{font-weight:bold;margin:.5em 0}
table{border-collapse:collapse;font-size:.85em;width:100%%}
th,td{border:1px solid #ccd;padding:.25em .4em;vertical-align:top}
th{background:#eef2fa;position:sticky;top:0}
.js th{cursor:pointer}.js th:after{content:" \\2195";color:#99a}
.filter{display:none;margin:.5em 0;padding:.3em;width:20em}.js .filter{display:block}
.wrap{max-height:32em;overflow:auto}.todo li{margin:.2em 0}
"""

# Sorts a table by the clicked column (numbers as numbers) and filters rows by the text typed;
# no library, no network.
_SCRIPT = """
document.documentElement.classList.add('js');
document.querySelectorAll('table.findings').forEach(function (t) {
  var body = t.tBodies[0];
  t.querySelectorAll('th').forEach(function (th, i) {
    var asc = true;
    th.addEventListener('click', function () {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[i].textContent, y = b.cells[i].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny) && String(nx) === x.trim() && String(ny) === y.trim())
          ? nx - ny : x.localeCompare(y, 'zh');
        return asc ? c : -c;
      });
      asc = !asc;
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  var box = document.querySelector('input.filter[data-for="' + t.id + '"]');
  if (box) box.addEventListener('input', function () {
    var q = box.value.trim().toLowerCase();
    Array.prototype.forEach.call(body.rows, function (r) {
      r.hidden = q !== '' && r.textContent.toLowerCase().indexOf(q) < 0;
    });
  });
});
"""


def _svg_bars(labels: list[str], values: list[float], percent: bool, xlabel: str = "") -> str:
    """A horizontal bar chart as inline SVG, its text as text."""
    import matplotlib
    from matplotlib.figure import Figure

    with (
        warnings.catch_warnings(),
        matplotlib.rc_context(
            {
                "svg.fonttype": "none",
                "font.family": "sans-serif",
                "font.sans-serif": CJK_FONTS,
                "svg.hashsalt": "catalog-sync",
                "font.size": 9,
            }  # fmt: skip
        ),
    ):
        warnings.simplefilter("ignore")  # a machine without a CJK font: the browser has one
        fig = Figure(figsize=(6.4, max(1.6, 0.24 * len(labels) + 0.8)))
        ax = fig.subplots()
        bars = ax.barh(range(len(labels)), values, color="#4472c4")
        ax.set_yticks(range(len(labels)), labels)
        ax.invert_yaxis()
        ax.bar_label(bars, [f"{v:.1%}" if percent else f"{v:g}" for v in values], padding=2)
        if percent:
            ax.set_xlim(0, 1.12)
            ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        if xlabel:
            ax.set_xlabel(xlabel)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    return text[text.index("<svg") :]


def _rates(counts: list[tuple[str, int, int]]) -> tuple[list[str], list[float], int]:
    """(labels, rates) from (label, hits, total), the MAX_BARS lowest rates, lowest first; and
    how many there were."""
    rows = sorted((hits / total, label) for label, hits, total in counts if total)
    return [label for _, label in rows[:MAX_BARS]], [rate for rate, _ in rows[:MAX_BARS]], len(rows)


def _caption(key: str, lang: str, shown: int, n: int, word: str = "lowest") -> str:
    caption = vocab.word(key, lang)
    return caption + (vocab.word(word, lang, shown=shown, n=n) if n > shown else "")


def charts(tables: dict[str, Table], summary: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(caption, svg) of every chart the run's tables allow."""
    w = vocab.word
    out: list[tuple[str, str]] = []
    linkage = tables.get("work_order_linkage")
    if linkage is not None and linkage.rows:
        labels, rates, n = _rates(
            [(str(r["agency"]), r["linked"], r["work_orders"])
             for r in linkage.rows if r.get("agency") != _TOTAL]
        )  # fmt: skip
        out.append(
            (_caption("chart_linkage", lang, len(labels), n), _svg_bars(labels, rates, True))
        )
    matched = tables.get("list_catalogue_matches")
    unmatched = tables.get("unmatched_list_items")
    if matched is not None and unmatched is not None:
        # an item matched to a matter that does not conform (not in use, coded as another) is
        # in both tables: a miss, as summary.json's list_conformance_rate counts it
        missed = {(r.get("source_file"), r.get("source_row")) for r in unmatched.rows}
        conforming = [
            r for r in matched.rows if (r.get("source_file"), r.get("source_row")) not in missed
        ]
        for key, caption in (("agency", "chart_conformance"), ("source_file", "chart_level")):
            hits = Counter(str(r.get(key) or "") for r in conforming)
            misses = Counter(str(r.get(key) or "") for r in unmatched.rows)
            labels, rates, n = _rates([(k, hits[k], hits[k] + misses[k]) for k in hits | misses])
            if labels:
                out.append(
                    (_caption(caption, lang, len(labels), n), _svg_bars(labels, rates, True))
                )
    by_decision: Counter[str] = Counter()
    for name in ("cancelled_still_listed", "delegated_items"):
        table = tables.get(name)
        for r in table.rows if table is not None else []:
            if r.get("status") != "resolved":
                by_decision[str(r.get("decision") or "")] += 1
    if by_decision:
        labels = sorted(by_decision, key=lambda d: (-by_decision[d], d))[:MAX_BARS]
        values = [float(by_decision[d]) for d in labels]
        caption = _caption("chart_decisions", lang, len(labels), len(by_decision), "most")
        out.append((caption, _svg_bars(labels, values, False)))
    changes = (summary.get("baseline") or {}).get("changes") or {}
    trend = [k for k in _CARDS if k.endswith("_rate") and k in changes]
    if trend:
        labels, values = [], []
        for k in trend:
            for when, v in ((summary["baseline"]["as_of"], changes[k]["previous"]),
                            (summary.get("as_of", ""), changes[k]["current"])):  # fmt: skip
                labels.append(f"{vocab.label(k, lang)} {when}")
                values.append(float(v or 0))
        out.append((w("chart_trend", lang), _svg_bars(labels, values, True)))
    return out


def _cards(summary: dict[str, Any], lang: str) -> str:
    shown = {label: (value, rate) for label, value, rate in headline_values(summary, lang)}
    parts = []
    for key in _CARDS:
        label = vocab.label(key, lang)
        if label in shown:
            value, rate = shown[label]
            text = format_rate(value) if rate else str(value)
            parts.append(
                f'<div class="card"><div class="n">{escape(text)}</div>'
                f'<div class="l">{escape(label)}</div></div>'
            )
    return f'<section class="cards">{"".join(parts)}</section>'


def _fix_first(tables: list[Table], lang: str, titles: dict[str, tuple[str, str]]) -> str:
    pick = 0 if lang == "zh" else 1
    found = todos(tables, 2)
    if not found:
        return f"<p>{escape(vocab.word('nothing', lang))}</p>"
    items = []
    for todo in found[:FIX_FIRST_AGENCIES]:
        agency = todo.agency or vocab.word("no_agency", lang)
        tasks = "".join(
            f"<li><b>{escape(titles[t.table][pick])}</b> "
            f"{escape(vocab.word('rows_n', lang, n=t.count))}："
            f"{escape(vocab.action(t.table, lang))}（{escape('、'.join(t.first))}）</li>"
            for t in todo.tasks[:3]
        )
        rows = vocab.word("rows_n", lang, n=todo.total)
        items.append(f"<li>{escape(agency)}（{escape(rows)}）<ol>{tasks}</ol></li>")
    rest = found[FIX_FIRST_AGENCIES:]
    more = ""
    if rest:
        said = vocab.word("more_agencies", lang, n=len(rest), rows=sum(t.total for t in rest))
        more = f"<p>{escape(said)}</p>"
    return f'<ol class="todo">{"".join(items)}</ol>{more}'


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _table(table: Table, lang: str, title: str) -> str:
    """The first rows of a table (already rendered in `lang`), sortable and filterable."""
    n = table.count()
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header(lang))
    shown_as = [format_rate if c.key.endswith("_rate") else _text for c in table.columns]
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(f(v))}</td>" for f, v in zip(shown_as, table.cells(row), strict=True)
        )
        + "</tr>"
        for row in table.head(FIRST_ROWS)
    )
    link = f'<a href="{table.name}.csv">{table.name}.csv</a>'
    shown = vocab.word("shown_rows", lang, shown=min(n, FIRST_ROWS), n=n)
    rows_n = vocab.word("rows_n", lang, n=n)
    return (
        f'<section id="t-{table.name}"><h2>{escape(title)}（{escape(rows_n)}）</h2>'
        f"<p>{escape(shown)} {escape(vocab.word('full', lang))} {link}</p>"
        + (
            f'<input class="filter" type="search" data-for="{table.name}" '
            f'placeholder="{escape(vocab.word("filter", lang))}">'
            f'<div class="wrap"><table class="findings" id="{table.name}"><thead><tr>{head}'
            f"</tr></thead><tbody>{body}</tbody></table></div>"
            if n
            else ""
        )
        + "</section>"
    )


def _inputs(summary: dict[str, Any], lang: str) -> str:
    items = []
    for i in summary.get("inputs") or []:
        kind = f"kind_{i.get('kind')}"
        line = vocab.word(
            "input_line", lang, kind=vocab.word(kind, lang) if kind in vocab.LETTER else
            i.get("kind"), file=i.get("file"), read=i.get("rows_read"), used=i.get("rows_used"),
        )  # fmt: skip
        items.append(f"<li>{escape(line.replace('`', ''))}</li>")
    return f"<ul>{''.join(items)}</ul>"


def write_html(
    tables: list[Table],
    shown: list[Table],
    summary: dict[str, Any],
    path: Path,
    lang: str,
    titles: dict[str, tuple[str, str]],
) -> None:
    """Write report.html from the tables as the core wrote them (`tables`) and as people read
    them (`shown`, rendered by vocab.localized)."""
    w = vocab.word
    pick = 0 if lang == "zh" else 1
    title = w("title", lang)
    if summary.get("as_of"):
        title += f"（{summary['as_of']}）" if lang == "zh" else f" ({summary['as_of']})"
    intro = w(
        "intro", lang, version=summary.get("tool_version", ""), as_of=summary.get("as_of", "")
    )
    figures = "".join(
        f"<figure><figcaption>{escape(caption)}</figcaption>{svg}</figure>"
        for caption, svg in charts({t.name: t for t in tables}, summary, lang)
    )
    sections = "".join(
        _table(t, lang, titles.get(t.name, (t.name, t.name))[pick])
        for t in shown
        if t.counts_as_discrepancy or t.name in ("work_order_linkage", "rejected_rows")
    )
    page = (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{escape(title)}</title><style>{_STYLE % ', '.join(repr(f) for f in CJK_FONTS)}"
        f"</style></head><body><h1>{escape(title)}</h1>"
        f"<p>{escape(intro)}</p>"
        f"{_inputs(summary, lang)}{_cards(summary, lang)}"
        f'<h2>{escape(w("charts", lang))}</h2><div class="charts">{figures}</div>'
        f"<h2>{escape(w('fix_first', lang))}</h2>{_fix_first(tables, lang, titles)}"
        f"{sections}<script>{_SCRIPT}</script></body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
