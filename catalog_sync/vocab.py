"""Every value and sentence a person reads, in Chinese or English, from one file (vocab.yaml).

The core writes English enum values and English evidence sentences (JSON keeps them: a
contract); the writers for people (CSV, workbook, report.md, HTML, terminal) render them here.
Evidence is rendered sentence by sentence from templates keyed by kind, so whoever writes a
sentence only has to follow its English template.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import Table

_FILE = Path(__file__).with_name("vocab.yaml")
_VOCAB: dict[str, Any] = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
VALUES: dict[str, dict[str, dict[str, str]]] = _VOCAB["values"]
SUMMARY: dict[str, dict[str, str]] = _VOCAB["summary"]
ACTIONS: dict[str, dict[str, str]] = _VOCAB["actions"]  # in order of urgency
LETTER: dict[str, dict[str, str]] = _VOCAB["letter"]
PROBLEMS: dict[str, dict[str, str]] = _VOCAB["problems"]  # guide_elements.problem, by rule
MATERIAL_NEEDS: dict[str, dict[str, str]] = _VOCAB["material_needs"]
# columns whose cells are sentences (evidence and its kin)
SENTENCE_KEYS = frozenset({"evidence", "decision_status", "basic_code_origin", "reason"})
_SEPARATOR = "; "
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Template:
    kind: str
    en: str
    zh: str
    pattern: re.Pattern[str]  # values with no ";" in them (the usual case): fast
    careful: re.Pattern[str]  # values with a ";" (not "; ") in them
    names: tuple[str, ...]

    def fill(self, m: re.Match[str], lang: str, part: Callable[[str, str], str]) -> str:
        if lang == "en":
            return m.group(0)
        return self.zh.format(**{n: part(n, m.group(n)) for n in self.names})


def _regex(en: str, value: str, end: str) -> re.Pattern[str]:
    """`en` as a regular expression: each {name} a group matching `value` ({evidence}: all
    that follows, nested evidence)."""
    pieces, at = [], 0
    for m in _PLACEHOLDER.finditer(en):
        name = m.group(1)
        pieces.append(re.escape(en[at : m.start()]))
        pieces.append(f"(?P<{name}>.+)" if name == "evidence" else f"(?P<{name}>{value})")
        at = m.end()
    pieces.append(re.escape(en[at:]))
    return re.compile("".join(pieces) + end)


def _compile(kind: str, en: str, zh: str, *, sentence: bool) -> Template:
    end = r"(?=; |$)" if sentence else "$"
    names = tuple(_PLACEHOLDER.findall(en))
    # a value stays inside its sentence: it holds no "; "
    return Template(
        kind, en, zh, _regex(en, "[^;]+?", end), _regex(en, "(?:(?!; ).)+?", end), names
    )


SENTENCES = [_compile(s["kind"], s["en"], s["zh"], sentence=True) for s in _VOCAB["sentences"]]
# Templates by the first two characters of their English (most start with a literal), so a
# sentence is tried against a few, not all; those starting with a placeholder are tried last.
_BY_START: dict[str, list[Template]] = {}
_OPEN_START: list[Template] = []
for _t in SENTENCES:
    _head = _t.en.split("{", 1)[0]
    if len(_head) >= 2:
        _BY_START.setdefault(_head[:2], []).append(_t)
    else:
        _OPEN_START.append(_t)
_FRAGMENTS = [_compile("", f["en"], f["zh"], sentence=False) for f in _VOCAB["fragments"]]


def label(key: str, lang: str) -> str:
    """A summary key as a person reads it (the key itself when the vocabulary lacks it)."""
    entry = SUMMARY.get(key)
    return entry["zh" if lang == "zh" else "en"] if entry else key


def word(key: str, lang: str, **fields: Any) -> str:
    """A word or phrase of the report's own text (vocab.yaml, `letter`), filled in."""
    text = LETTER[key]["zh" if lang == "zh" else "en"]
    return text.format(**fields) if fields else text


def action(table: str, lang: str) -> str:
    """What a department must do about the rows of a findings table."""
    return ACTIONS[table]["zh" if lang == "zh" else "en"]


def value(key: str, raw: Any, lang: str) -> Any:
    """An enumerated value (status, source, tier, reason…) in `lang`; other values as given."""
    entry = VALUES.get(key, {}).get(raw) if isinstance(raw, str) else None
    return entry["zh" if lang == "zh" else "en"] if entry else raw


def _part(lang: str, name: str, text: str) -> str:
    if name == "evidence":
        return render(text, lang) or text
    if name.startswith(("label", "clash")):
        for t in _FRAGMENTS:
            m = t.pattern.match(text)
            if m:
                return t.fill(m, lang, lambda _n, v: v)
    return text


@functools.lru_cache(maxsize=65_536)
def render(text: str, lang: str) -> str | None:
    """`text` (sentences joined by "; ") rendered in `lang`; None when a sentence has no
    template."""
    out, pos = [], 0
    part = functools.partial(_part, lang)
    while pos < len(text):
        m, t = _sentence_at(text, pos)
        if m is None or t is None:
            return None
        out.append(t.fill(m, lang, part))
        pos = m.end() + len(_SEPARATOR)
    return ("；" if lang == "zh" else _SEPARATOR).join(out)


def _sentence_at(text: str, pos: int) -> tuple[re.Match[str] | None, Template | None]:
    """The first template the sentence at `pos` fits, and its match."""
    candidates = _BY_START.get(text[pos : pos + 2], []) + _OPEN_START
    for careful in (False, True):
        for t in candidates:
            m = (t.careful if careful else t.pattern).match(text, pos)
            if m:
                return m, t
        if ";" not in text[pos:]:
            break
    return None, None


def cell(key: str, raw: Any, lang: str) -> Any:
    """One cell of column `key` as a person reads it."""
    if key in VALUES and raw in VALUES[key]:
        return value(key, raw, lang)
    if key in SENTENCE_KEYS and isinstance(raw, str) and raw:
        return render(raw, lang) or raw
    if key == PROBLEM_KEY and lang != "zh" and isinstance(raw, str) and raw:
        return problem_in_english(raw)
    return raw


PROBLEM_KEY = "problem"  # written in Chinese by the guide checks (see vocab.yaml, problems)
_ELEMENT_EN = {e["zh"]: e["en"][:1].upper() + e["en"][1:] for e in VALUES["element"].values()}
_NEED_EN = {n["zh"]: n["en"] for n in MATERIAL_NEEDS.values()}
# the rules' Chinese words, longest first: one may begin with another
_PROBLEM_WORDS = sorted(((p["zh"], p["en"]) for p in PROBLEMS.values()), key=lambda w: -len(w[0]))
_LACKS = re.compile(r"（缺([^（）]+)）$")


@functools.lru_cache(maxsize=65_536)
def problem_in_english(zh: str) -> str:
    """A guide_elements problem in English: the rule's words and the element's name from
    vocab.yaml, the quoted text as published. A sentence of another form stays as it is."""
    element, colon, rest = zh.partition(": ")
    if not colon:
        return zh
    for words_zh, words_en in _PROBLEM_WORDS:
        if rest == words_zh:
            text = None
        elif rest.startswith(words_zh + " '") and rest.endswith("'"):
            text = rest[len(words_zh) + 2 : -1]
        else:
            continue
        name = _ELEMENT_EN.get(element, element)
        if text is None:
            return f"{name}: {words_en}"
        lacks = _LACKS.search(text) if words_zh == PROBLEMS["material-form"]["zh"] else None
        needs = lacks.group(1).split("、") if lacks else []
        if needs and all(n in _NEED_EN for n in needs):
            listed = ", ".join(_NEED_EN[n] for n in needs)
            return f"{name}: {words_en} its {listed} '{text[: lacks.start()]}'"  # type: ignore[union-attr]
        return f"{name}: {words_en} '{text}'"
    return zh


def untranslated(key: str, raw: Any) -> bool:
    """Whether a cell of column `key` would still show English in Chinese."""
    if not isinstance(raw, str) or not raw:
        return False
    if key in VALUES and raw in VALUES[key]:
        return False
    if key in SENTENCE_KEYS:
        return render(raw, "zh") is None
    return key in VALUES


def _sql_escape(text: str) -> str:
    return re.sub(r"([\\.^$|?*+()\[\]{}])", r"\\\1", text)


def _sql_lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_cell(key: str, expr: str, lang: str) -> str:
    """cell() as a DuckDB expression, for tables that stay in SQL (single sentences only)."""
    lang = "zh" if lang == "zh" else "en"
    whens = []
    for raw, entry in VALUES.get(key, {}).items():
        whens.append(f"WHEN {expr} = {_sql_lit(raw)} THEN {_sql_lit(entry[lang])}")
    if key in SENTENCE_KEYS and lang == "zh":
        for t in SENTENCES:
            if any(n == "evidence" or n.startswith(("label", "clash")) for n in t.names):
                continue
            parts = _PLACEHOLDER.split(t.en)  # literal, name, literal, …
            if len(parts) <= 3 and not any("\n" in p for p in parts[::2]):
                whens.append(_sql_one_placeholder(expr, parts, t.zh))
                continue
            regex = "^" + "".join(
                _sql_escape(p) if i % 2 == 0 else "(.+?)" for i, p in enumerate(parts)
            )
            regex += "$"
            repl = t.zh
            for i, name in enumerate(t.names, start=1):
                repl = repl.replace("{" + name + "}", f"\\{i}")
            whens.append(  # a cheap test of its literal text first spares most regexes
                f"WHEN {_sql_has_literal(expr, parts[::2])} AND "
                f"regexp_matches({expr}, {_sql_lit(regex)}) "
                f"THEN regexp_replace({expr}, {_sql_lit(regex)}, {_sql_lit(repl)})"
            )
    if not whens:
        return expr
    return f"(CASE {' '.join(whens)} ELSE {expr} END)"


def _sql_one_placeholder(expr: str, parts: list[str], zh: str) -> str:
    """The WHEN rendering a sentence of at most one placeholder: what its regex (the literal
    start, one or more characters but a line break, the literal end) does, without a regex."""
    if len(parts) == 1:
        return f"WHEN {expr} = {_sql_lit(parts[0])} THEN {_sql_lit(zh)}"
    start, name, end = parts
    middle = f"substr({expr}, {len(start) + 1}, length({expr}) - {len(start) + len(end)})"
    pieces = _PLACEHOLDER.split(zh)
    shown = " || ".join(
        _sql_lit(p) if i % 2 == 0 else (middle if p == name else _sql_lit("{" + p + "}"))
        for i, p in enumerate(pieces)
    )
    return (
        f"WHEN starts_with({expr}, {_sql_lit(start)}) AND ends_with({expr}, {_sql_lit(end)}) "
        f"AND length({expr}) > {len(start) + len(end)} AND NOT contains({expr}, chr(10)) "
        f"THEN {shown}"
    )


def _sql_has_literal(expr: str, literals: list[str]) -> str:
    """A test every text a template matches passes: it starts with the template's literal start,
    or holds its longest literal part (a sentence that starts with a placeholder)."""
    if literals[0]:
        return f"starts_with({expr}, {_sql_lit(literals[0])})"
    longest = max(literals, key=len)
    return f"contains({expr}, {_sql_lit(longest)})" if longest else "true"


def rendered_keys(table: Table, lang: str = "zh") -> list[str]:
    """The columns of `table` that localized renders in `lang`."""
    return _keys(table, lang)


def _keys(table: Table, lang: str = "zh") -> list[str]:
    rendered = SENTENCE_KEYS if lang == "zh" else SENTENCE_KEYS | {PROBLEM_KEY}
    return [c.key for c in table.columns if c.key in VALUES or c.key in rendered]


class _LocalizedQuery:
    """A streamed table's query with its enum and sentence columns rendered by DuckDB: a
    column of few distinct sentences through a table of their renderings (made here, by
    render), a column of many through the templates as regular expressions (single sentences)."""

    _DISTINCT_IN_PYTHON = 100_000

    def __init__(self, query: Any, lang: str, keys: list[str]) -> None:
        self._query, self.con, self.keys = query, query.con, query.keys
        self._lang, self._shown = lang, keys
        self._sql: str | None = None

    def select(self) -> str:
        if self._sql is None:
            self._sql = self._build()
        return self._sql

    def _build(self) -> str:
        base = self._query.select()
        joins, cells = [], []
        for k in self.keys:
            if k not in self._shown:
                cells.append(f"t.{k}")
                continue
            if k in SENTENCE_KEYS and self._lang == "zh":
                found = self.con.execute(
                    f"SELECT DISTINCT {k} FROM ({base}) d LIMIT {self._DISTINCT_IN_PYTHON + 1}"
                ).fetchall()
                if len(found) <= self._DISTINCT_IN_PYTHON:
                    pairs = [(v, cell(k, v, self._lang)) for (v,) in found if isinstance(v, str)]
                    name = f"{self._query.dups}_vocab_{k}"  # beside the query's own tables
                    self.con.execute(  # two lists in one statement: executemany is row by row
                        f"CREATE OR REPLACE TABLE {name} AS SELECT unnest($1::VARCHAR[]) AS raw, "
                        "unnest($2::VARCHAR[]) AS shown",
                        [[p[0] for p in pairs], [str(p[1]) for p in pairs]],
                    )
                    joins.append(f"LEFT JOIN {name} v_{k} ON v_{k}.raw = t.{k}")
                    cells.append(
                        f"coalesce(v_{k}.shown, {sql_cell(k, 't.' + k, self._lang)}) AS {k}"
                    )
                    continue
            cells.append(f"{sql_cell(k, 't.' + k, self._lang)} AS {k}")
        return (
            f"SELECT {', '.join(cells)} FROM "
            f"(SELECT row_number() OVER () AS _o, * FROM ({base})) t "
            f"{' '.join(joins)} ORDER BY t._o"
        )

    def fetch(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        shown = copy.copy(self._query)
        shown.select = self.select  # fetch() reads select(): the rendered one
        return shown.fetch(limit)  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._query, name)


class Rendering:
    """A table's cells as a person reads them in `lang`, each distinct (column, value) rendered
    once: localized row by row, or a writer a column at a time (the same memo either way)."""

    def __init__(self, table: Table, lang: str) -> None:
        self.keys = frozenset(_keys(table, lang))
        self._ordered = _keys(table, lang)  # in the table's order, as rows are rendered
        self._lang = lang
        self._memo: dict[tuple[str, Any], Any] = {}

    def cell(self, key: str, value: Any) -> Any:
        try:
            return self._memo[(key, value)]
        except KeyError:
            self._memo[(key, value)] = out = cell(key, value, self._lang)
            return out
        except TypeError:  # an unhashable value
            return cell(key, value, self._lang)

    def row(self, row: dict[str, Any]) -> dict[str, Any]:
        """`row` with its rendered columns replaced, the others as they are."""
        return {**row, **{k: self.cell(k, row[k]) for k in self._ordered if k in row}}


def localized(table: Table, lang: str) -> Table:
    """`table` as a person reads it in `lang`; itself when no column needs rendering."""
    keys = _keys(table, lang)
    if not keys:
        return table
    stream = getattr(table, "stream", None)
    if stream is not None:
        shown = copy.copy(table)
        if hasattr(stream, "rendered"):  # columns its query renders itself (streamed.py)
            stream, done = stream.rendered(lang, keys)
            keys = [k for k in keys if k not in done]
        shown.stream = _LocalizedQuery(stream, lang, keys) if keys else stream  # type: ignore[attr-defined]
        shown._rows = None  # type: ignore[attr-defined]
        return shown
    rows = list(map(Rendering(table, lang).row, table.rows))
    return Table(table.name, table.columns, rows, table.counts_as_discrepancy)
