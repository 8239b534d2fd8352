"""Text tables written a column at a time: each column's distinct values rendered once.

A province's tables repeat their values down the columns (status, agency, matter, tier, file),
so a writer that renders a cell once per distinct value in a batch, not once a row, and joins
the rows' texts in C does a dict lookup per cell and no Python step. The CSV and JSON writers
give this module how one value is rendered (in bulk) and what stands around a column's cells;
the bytes are theirs to keep equal to the row-by-row writers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain
from operator import itemgetter
from typing import Any

BATCH = 10_000  # rows rendered and joined at once: a batch's values render once each

Render = Callable[[list[Any]], list[str]]  # values -> their texts, in order


def column_values(rows: list[dict[str, Any]], key: str) -> list[Any]:
    """The column `key` of `rows`, "" where a row lacks it (as the writers read a row)."""
    try:
        return list(map(itemgetter(key), rows))
    except KeyError:
        return [row.get(key, "") for row in rows]


_ALIKE = frozenset({str, type(None)})
_NUMBERS = frozenset({int, float, bool})


def renders_by_value(values: list[Any], distinct: dict[Any, None]) -> bool:
    """Whether values a dict holds as one key always render alike: not with 1, 1.0 and True
    in one column (equal keys, three texts; the keys kept only the first one's type), nor
    0.0 beside -0.0; other types not trusted."""
    kinds = set(map(type, values))
    numbers = kinds & _NUMBERS
    if not kinds <= _ALIKE | numbers or len(numbers) > 1:
        return False
    return float not in numbers or 0.0 not in distinct


def column_texts(values: list[Any], render: Render, head: str, tail: str) -> list[bytes]:
    """Each value's text from `render`, between `head` and `tail`, UTF-8 encoded; rendered
    and encoded once per distinct value where that gives the same texts."""
    try:
        distinct: dict[Any, None] | None = dict.fromkeys(values)
    except TypeError:  # a list or a dict in a cell: the render decides what it makes of it
        distinct = None
    if distinct is not None and len(distinct) < len(values) and renders_by_value(values, distinct):
        keys = list(distinct)
        texts = dict(zip(keys, _encoded(render(keys), head, tail), strict=True))
        return list(map(texts.__getitem__, values))
    return _encoded(render(values), head, tail)


def _encoded(texts: list[str], head: str, tail: str) -> list[bytes]:
    """head + text + tail of each text, UTF-8 encoded: in one call, split back at NULs (none of
    the texts holds one: the usual case), else one by one."""
    whole = head + (tail + "\0" + head).join(texts) + tail
    if whole.count("\0") == len(texts) - 1:
        return whole.encode("utf-8").split(b"\0")
    return [(head + t + tail).encode("utf-8") for t in texts]


def batches(rows: list[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def rows_bytes(columns: list[list[bytes]]) -> bytes:
    """The rows' cells, column by column interleaved back into rows, as one text (UTF-8)."""
    return b"".join(chain.from_iterable(zip(*columns, strict=True)))
