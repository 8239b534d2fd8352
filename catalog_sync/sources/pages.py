"""The header and title a paged export writes again on every page.

A list printed or exported page by page (政务服务事项实施清单（第3页）) repeats, every N rows, the
table's title and its header. Neither is a record: a repeated header row is one whose every
filled cell (two at least) is the header's text in that column, or the text of a row above it
in the same column (the upper row of a header written over two rows); a repeated title is a row
of one filled cell that is the text of a one-cell row above the header (a title), page marks
(第3页, 共12页) and punctuation aside, or that holds a page mark and stands right above a
repeated header. Both are rejected with their reason (rejected_rows), never read as items, and
never lost. A title is only recognised beside what the file itself writes above its header or
a header again: a one-cell row that merely names a place or a section stays a row.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..mappings import header_key

HEADER_AGAIN = (
    "repeats the header row (a paged export repeats it on every page, or two files were joined)"
)
TITLE_AGAIN = (
    "repeats the table's title (a paged export writes it above the header on every page), "
    "not a record"
)

_NUMBER = "[0-9０-９一二三四五六七八九十百千零〇两]+"
PAGE_MARK = re.compile(f"[第共]\\s*{_NUMBER}\\s*页")
_NOT_WORD = re.compile(r"[\W_]+")
HEAD = 4  # a title again with another page mark, or none, starts as the title does


def _head(joined: str) -> str:
    return joined.lstrip()[:HEAD]


def title_key(text: str) -> str:
    """A title as compared: NFKC, its page marks, spaces and punctuation dropped."""
    return _NOT_WORD.sub("", PAGE_MARK.sub("", unicodedata.normalize("NFKC", text)))


def _filled(cells: list[str]) -> list[tuple[int, str]]:
    return [(i, c.strip()) for i, c in enumerate(cells) if c.strip()]


@dataclass
class PageRepeats:
    """What the rows down to the header write, to know them again below it."""

    columns: dict[int, set[str]]  # column -> header_key of every cell above it, header too
    titles: set[str]  # title_key of each one-cell row above the header
    firsts: set[str]  # the first cell of every row down to the header, stripped (quick test)
    title_texts: set[str]  # the titles as written, stripped (quick test)
    heads: set[str] = field(default_factory=set)  # their first HEAD characters (quick test)
    # header_key of the header's cells after its first: where a repeat leaves that one empty
    # (quick test)
    after_first: tuple[str, ...] = ()

    @classmethod
    def of(cls, rows: list[list[str]], idx: int) -> PageRepeats:
        """The repeats to look for below the header at row `idx` of `rows`."""
        columns: dict[int, set[str]] = {}
        titles: set[str] = set()
        firsts: set[str] = set()
        texts: set[str] = set()
        after: set[str] = set()
        for n, row in enumerate(rows[: idx + 1]):
            filled = _filled(row)
            for i, text in filled:
                columns.setdefault(i, set()).add(header_key(text))
            if len(filled) >= 2:  # a row of the header: "" when its first cell is empty
                firsts.add(row[0].strip())
                after.update(header_key(text) for i, text in filled if i > 0)
            elif filled and n < idx and title_key(filled[0][1]):
                titles.add(title_key(filled[0][1]))
                texts.add(filled[0][1])
        keys = tuple(k for k in after if k)
        return cls(columns, titles, firsts, texts, set(map(_head, texts)), keys)

    def is_header(self, cells: list[str]) -> bool:
        """Whether the row writes the header (or a row of it) again."""
        filled = _filled(cells)
        return len(filled) >= 2 and all(
            header_key(text) in self.columns.get(i, ()) for i, text in filled
        )

    def is_title(self, cells: list[str], header_next: bool) -> bool:
        """Whether a row is the title again: one filled cell, a title above the header with
        its page marks aside, or a page mark right above a repeated header (`header_next`)."""
        filled = _filled(cells)
        if len(filled) != 1:
            return False
        text = filled[0][1]
        key = title_key(text)
        return bool(key) and (key in self.titles or (header_next and bool(PAGE_MARK.search(text))))

    def may_repeat(self, first: str, joined: str) -> bool:
        """False only for a row that is neither repeat (its first cell stripped, its cells
        joined): a quick test every repeat passes, made without a look at each cell. A row
        whose first cell is empty passes when its text starts as a header cell after the first
        does (a repeat leaving 序号 empty)."""
        return (
            first in self.firsts
            or "页" in joined
            or _head(joined) in self.heads
            or (not first and self.starts_as_header(joined))
        )

    def starts_as_header(self, joined: str) -> bool:
        """Whether a row's cells joined start as a header cell after the first (header_key)."""
        return bool(self.after_first) and header_key(joined).startswith(self.after_first)

    def any_may_repeat(
        self, firsts: set[str], joins: list[str], whole: str, blank_first: list[str]
    ) -> bool:
        """may_repeat over many rows at once, in C: their stripped first cells, their cells
        joined (one a row), all of those joined, and the joined cells of the rows whose first
        cell is empty."""
        return (
            not self.firsts.isdisjoint(firsts)
            or any(map(self.starts_as_header, blank_first))
            or ("页" in whole and PAGE_MARK.search(whole) is not None)
            or (bool(self.heads) and not self.heads.isdisjoint(map(_head, joins)))
        )


def repeat_reasons(page: PageRepeats, picked: list[tuple[int, list[str] | None]]) -> dict[int, str]:
    """Why each of some rows is the header or the title again (HEADER_AGAIN, TITLE_AGAIN), for a
    reader that looks at a few rows only (work orders, in DuckDB): `picked` holds, in row order,
    (row number, cells) of every row that may repeat (may_repeat) and (row number, None) of every
    blank row. A row not picked is neither: so a title's next row holding anything is the next
    picked row when only blank rows stand between, else a row that is no header."""
    reasons: dict[int, str] = {}
    for k, (n, cells) in enumerate(picked):
        if cells is None:
            continue
        if page.is_header(cells):
            reasons[n] = HEADER_AGAIN
        elif page.is_title(cells, page.is_header(_next_filled(picked, k))):
            reasons[n] = TITLE_AGAIN
    return reasons


def _next_filled(picked: list[tuple[int, list[str] | None]], k: int) -> list[str]:
    """The cells of the row after picked[k] that holds anything, when it was picked; else []."""
    n = picked[k][0]
    for m, cells in picked[k + 1 :]:
        if m != n + 1:
            return []
        if cells is not None:
            return cells
        n = m
    return []
