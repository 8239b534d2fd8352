"""A filled-in review workbook back as judgements: who said what about which pair, and why."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from ..errors import SourceError
from ..mappings import header_key
from ..review import VERDICTS, Judgement, pair_id
from ..tables import TABLE_COLUMNS
from .tabular import HEADER_SEARCH_ROWS, read_grid

_HEADER = {c.key: c.zh for c in TABLE_COLUMNS["review"]}
_REQUIRED = ("pair_id", "verdict", "left_key", "right_key", "left_fingerprint", "right_fingerprint")


def read_review(path: Path, display: str, reviewer: str) -> tuple[list[Judgement], int]:
    """(judgements for the rows with a 判定, rows left blank). `reviewer` is used where the
    sheet's 审核人 cell is empty."""
    grid = read_grid(path, display).rows
    idx, columns = _find_header(grid, display)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    judgements, blank = [], 0
    first_row: dict[str, tuple[int, str]] = {}  # pair id -> (row, verdict) of its first verdict
    for n, cells in enumerate(grid[idx + 1 :], start=idx + 2):
        if not any(str(c).strip() for c in cells):
            continue
        cell = _cell_reader(columns, cells)
        raw = cell("verdict")
        if not raw:
            blank += 1
            continue
        verdict = _verdict(raw, display, n)
        _check_identity(cell, display, n)
        pair = cell("pair_id")
        if pair in first_row:
            _check_same_verdict(first_row[pair], (n, verdict), pair, display)
            continue
        first_row[pair] = (n, verdict)
        judgements.append(_judgement(cell, verdict, reviewer, now))
    return judgements, blank


def _find_header(grid: list[list[str]], display: str) -> tuple[int, dict[str, int]]:
    """(header row index, column of each field): the first of the top rows that names the
    pair id, the verdict and the identity columns, in any of their names (中文, English, key)."""
    aliases = {
        c.key: {header_key(c.zh), header_key(c.en), header_key(c.key)}
        for c in TABLE_COLUMNS["review"]
    }
    for n, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        keys = [header_key(c) for c in row]
        columns = {f: keys.index(k) for f, names in aliases.items() for k in keys if k in names}
        if all(f in columns for f in _REQUIRED):
            return n, columns
    raise SourceError(
        display,
        "not a review workbook: no header with 对编号, 判定 and the "
        "key columns (export one with `catalog-sync review export`)",
    )


def _cell_reader(columns: dict[str, int], cells: list[str]) -> Callable[[str], str]:
    """A row's cell by field, stripped; "" for a column the sheet lacks or the row stops before."""

    def cell(f: str) -> str:
        i = columns.get(f)
        return str(cells[i]).strip() if i is not None and i < len(cells) else ""

    return cell


def _verdict(raw: str, display: str, row: int) -> str:
    """The verdict a 判定 cell names, in either case; refuse a word that is not a verdict."""
    verdict = VERDICTS.get(raw.lower()) or VERDICTS.get(raw)
    if verdict is None:
        raise SourceError(
            display, f"判定 {raw!r} is not one of 确认, 否认, 不适用", row=row, column="判定"
        )
    return verdict


def _check_same_verdict(
    first: tuple[int, str], again: tuple[int, str], pair: str, display: str
) -> None:
    """A pair judged again (a copied row) must repeat its first verdict: two verdicts on one
    pair leave no way to tell which one the reviewer meant."""
    (row, earlier), (n, verdict) = first, again
    if earlier != verdict:
        raise SourceError(
            display,
            f"rows {row} and {n} give two verdicts ({earlier}, {verdict}) on pair {pair}; "
            "keep one of them",
            row=n,
            column="判定",
        )


def _judgement(cell: Callable[[str], str], verdict: str, reviewer: str, now: str) -> Judgement:
    """A row's judgement, stamped now; by the sheet's 审核人, else by `reviewer`."""
    return Judgement(
        pair_id=cell("pair_id"),
        left_key=cell("left_key"),
        right_key=cell("right_key"),
        left_fingerprint=cell("left_fingerprint"),
        right_fingerprint=cell("right_fingerprint"),
        verdict=verdict,
        reviewer=cell("reviewer") or reviewer,
        judged_at=now,
        note=cell("note"),
        left_name=cell("left_name"),
        right_name=cell("right_name"),
    )


def _check_identity(cell: Callable[[str], str], display: str, row: int) -> None:
    """Refuse a row whose identity cells were cleared or edited: its verdict would be stored
    and never apply. The pair id is the hash of the two keys, so an edit to either shows."""
    for field in _REQUIRED:
        if not cell(field):
            raise SourceError(
                display,
                f"the {_HEADER[field]} cell is empty; restore it from the export",
                row=row,
                column=_HEADER[field],
            )
    if cell("pair_id") != pair_id(cell("left_key"), cell("right_key")):
        raise SourceError(
            display,
            f"{_HEADER['pair_id']}, {_HEADER['left_key']} and {_HEADER['right_key']} do not "
            "belong together (one was edited); restore "
            "them from the export or export the review again",
            row=row,
            column=_HEADER["pair_id"],
        )
