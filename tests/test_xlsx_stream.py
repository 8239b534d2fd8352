"""The workbook's rows made column by column: each fast path gives the cells the per-cell
functions (_cell, _typed, _styled_cell) give, on small columns whose right answer is known."""

from __future__ import annotations

from typing import Any

import pytest

from catalog_sync.reports import xlsx_stream
from catalog_sync.reports.xlsx_stream import (
    SheetSpec,
    Styled,
    _cell,
    _column_cells,
    _rows_xml,
    _sheet_parts,
    _styled_cell,
    _typed,
)

PLAIN = ["广安区", "四川省水利局", "511A0000000001", "名称（延续）", "2026-11-01"]


def cell_by_cell(ref: str, value: Any, kind: str = "") -> str:
    """A body cell as the row loop wrote it before the column-wise rendering."""
    if kind:
        return _typed(ref, value, kind)
    if type(value) is Styled:
        return _styled_cell(ref, value.value, value.style)
    return _cell(ref, value)


def column(values: list[Any], kind: str = "", letter: str = "C", first: int = 2) -> list[str]:
    """`values` as one column of a chunk, rows from `first` on, by the column-wise writer."""
    numbers = [str(r) for r in range(first, first + len(values))]
    return _column_cells(letter, kind, tuple(values), numbers)


def expected(values: list[Any], kind: str = "", letter: str = "C", first: int = 2) -> list[str]:
    """The same column cell by cell, as the row loop wrote it."""
    return [cell_by_cell(f"{letter}{first + i}", v, kind) for i, v in enumerate(values)]


def test_plain_text_column() -> None:
    values = [*PLAIN, "", *PLAIN]
    assert column(values) == expected(values)
    assert column(["广安区", ""]) == ['<c r="C2" t="inlineStr"><is><t>广安区</t></is></c>', ""]


def test_plain_columns_are_made_without_the_per_cell_functions(monkeypatch) -> None:
    def per_cell(*args: Any) -> str:
        raise AssertionError("a plain column went cell by cell")

    for name in ("_cell", "_text_cell", "_typed", "_styled_cell"):
        monkeypatch.setattr(xlsx_stream, name, per_cell)
    assert column(PLAIN)[0] == '<c r="C2" t="inlineStr"><is><t>广安区</t></is></c>'
    assert column([3, 2.5, -1, 0.0])[:2] == ['<c r="C2"><v>3</v></c>', '<c r="C3"><v>2.5</v></c>']


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a&b<c>", "<t>a&amp;b&lt;c&gt;</t>"),
        ("_x0041_", "<t>_x005F_x0041_</t>"),
        ("file_x00e9_.csv", "<t>file_x005F_x00e9_.csv</t>"),
        (" lead", '<t xml:space="preserve"> lead</t>'),
        ("trail ", '<t xml:space="preserve">trail </t>'),
        ("\tcmd", '<t xml:space="preserve">\tcmd</t>'),
        ("\u3000全角", '<t xml:space="preserve">\u3000全角</t>'),  # str.isspace as re's \s
        ("nbsp\xa0", '<t xml:space="preserve">nbsp\xa0</t>'),
        ("ctrl\x01", "<t>ctrl_x0001_</t>"),
        ("sep\x1f", '<t xml:space="preserve">sep_x001F_</t>'),  # \x1f is space to isspace
        ("bad\ufffe", "<t>bad_xFFFE_</t>"),
        ("in side", "<t>in side</t>"),
        ("snake_case", "<t>snake_case</t>"),
    ],
)
def test_text_needing_more_than_wrapping_among_plain_texts(text: str, written: str) -> None:
    values = [*PLAIN, text, "", *PLAIN, text]
    assert column(values) == expected(values)
    assert (
        column(values)[len(PLAIN)]
        == f'<c r="C{2 + len(PLAIN)}" t="inlineStr"><is>{written}</is></c>'
    )


def test_a_text_longer_than_a_cell_holds_is_cut() -> None:
    values = [*PLAIN, "x" * 40_000]
    assert column(values) == expected(values)
    assert column(values)[-1].count("x") == 32_767


@pytest.mark.parametrize(
    "values",
    [
        [1, 2, 3],
        [100.0, 92.3, 0.1, 1e-07, 12345678901234567890],
        [1, float("nan"), 2.5],
        [float("inf"), 1],
        [-float("inf")],
        [True, 1, 0.5],
        [1, None, 2],
        [1, "", 2],
        [1, "2", 3.5],
    ],
)
def test_number_columns(values: list[Any]) -> None:
    assert column(values) == expected(values)


def test_number_column_written_as_numbers_and_not_a_number_as_text() -> None:
    assert column([3, 2.5]) == ['<c r="C2"><v>3</v></c>', '<c r="C3"><v>2.5</v></c>']
    assert column([float("nan"), True]) == [
        '<c r="C2" t="inlineStr"><is><t>nan</t></is></c>',
        '<c r="C3" t="inlineStr"><is><t>True</t></is></c>',
    ]


@pytest.mark.parametrize(
    "values",
    [
        ["2026-11-01", "2026-11-01", "", "2026-03-01"],
        ["2026-11-01 08:30", "2026/11/01", "not a date", " ", "2026-11-01 25:00"],
        ["2026-11-01", None, 46327, float("nan"), Styled("2026-11-01", ' s="1"')],
        ["a&b", "_x0041_", " 2026-11-01"],
    ],
)
def test_date_columns(values: list[Any]) -> None:
    assert column(values, "date") == expected(values, "date")


def test_a_date_column_typed_and_its_blanks_left_out() -> None:
    assert column(["2026-11-01", "", "2026-11-01"], "date") == [
        '<c r="C2" s="3"><v>46327.0</v></c>',
        "",
        '<c r="C4" s="3"><v>46327.0</v></c>',
    ]


@pytest.mark.parametrize(
    "values",
    [
        [0.5, 1, 0.0],
        [0.5, 1, 0.0, None, ""],
        [float("nan"), True, "n/a", 0.25],
    ],
)
def test_rate_columns(values: list[Any]) -> None:
    assert column(values, "rate") == expected(values, "rate")


def test_styled_and_other_values_go_cell_by_cell() -> None:
    values = [Styled("标题", ' s="6"'), Styled(0.5, ' s="2"'), Styled(None, ' s="1"'), b"x"]
    assert column(values) == expected(values)


def test_rows_of_any_length_in_a_chunk() -> None:
    letters, kinds = ["A", "B", "C"], ["", "date", ""]
    chunk: list[list[Any]] = [
        ["广安区", "2026-11-01", 1],
        [],
        ["short"],
        ["a&b", "", 2.5, "beyond the header"],
        [None, None, None],
    ]
    rows = []
    for r, cells in enumerate(chunk, start=7):
        row = zip(letters, cells, kinds, strict=False)
        rows.append(f'<row r="{r}">' + "".join(cell_by_cell(f"{c}{r}", v, k) for c, v, k in row))
    assert _rows_xml(chunk, 7, letters, kinds) == "</row>".join(rows) + "</row>"
    assert _rows_xml([[], []], 2, letters, kinds) == '<row r="2"></row><row r="3"></row>'


# written by the row-by-row writer before the column-wise one (main at f2c9a6c)
SHEET_DATA = (
    '<sheetData><row r="1"><c r="A1" s="1" t="inlineStr"><is><t>名称</t></is></c>'
    '<c r="B1" s="1" t="inlineStr"><is><t>n</t></is></c><c r="C1" s="1" t="inlineStr"><is>'
    '<t>日期</t></is></c><c r="D1" s="1" t="inlineStr"><is><t>率</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>广安区 a</t></is></c><c r="B2"><v>3</v></c>'
    '<c r="C2" s="3"><v>46327.0</v></c><c r="D2" s="2"><v>0.5</v></c></row><row r="3">'
    '<c r="A3" t="inlineStr"><is><t>_x005F_x0041_</t></is></c><c r="B3"><v>2.5</v></c></row>'
    '<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve"> lead</t></is></c>'
    '<c r="B4" t="inlineStr"><is><t>nan</t></is></c><c r="C4" s="4"><v>46327.354166666664</v>'
    '</c><c r="D4" t="inlineStr"><is><t>n/a</t></is></c></row><row r="5"></row><row r="6">'
    '<c r="A6" t="inlineStr"><is><t>a&amp;b</t></is></c><c r="B6" t="inlineStr"><is><t>True'
    '</t></is></c><c r="C6" t="inlineStr"><is><t>not a date</t></is></c><c r="D6" '
    't="inlineStr"><is><t>inf</t></is></c></row><row r="7"><c r="A7" t="inlineStr"><is><t>x'
    '</t></is></c></row><row r="9"><c r="A9" s="1" t="inlineStr"><is><t>合计</t></is></c>'
    '<c r="B9" s="1"><v>10</v></c><c r="D9" s="5"><v>0.75</v></c></row><row r="10">'
    '<c r="A10" s="1" t="inlineStr"><is><t>note</t></is></c></row></sheetData>'
)


@pytest.mark.parametrize("chunk_rows", [2, 3, 2_000])
def test_a_sheet_in_chunks_numbers_its_rows_on(monkeypatch, chunk_rows: int) -> None:
    monkeypatch.setattr(xlsx_stream, "_CHUNK_ROWS", chunk_rows)
    rows: list[list[Any]] = [
        ["广安区 a", 3, "2026-11-01", 0.5],
        ["_x0041_", 2.5, "", None],
        [" lead", float("nan"), "2026-11-01 08:30", "n/a"],
        [],
        ["a&b", True, "not a date", float("inf"), "extra"],
        ["x", None],
    ]
    spec = SheetSpec(
        "s", ["名称", "n", "日期", "率"], iter(rows), len(rows), [10, 8, 12, 8], note="note",
        kinds=["", "", "date", "rate"], totals=[["合计", 10, "", 0.75]],
    )  # fmt: skip
    xml = "".join(_sheet_parts(spec))
    assert xml[xml.index("<sheetData>") : xml.index("</sheetData>") + 12] == SHEET_DATA
