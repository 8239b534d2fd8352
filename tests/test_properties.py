"""Properties that hold for any input, checked with hypothesis.

Code and name normalisation are idempotent, do not care about full-width or half-width forms or
the bracket style of a note, and never fail on any text. The readers, given any bytes as a CSV,
TSV, XLSX or JSON file, either read a table or raise SourceError: never another exception.
Masking removes every planted ID and mobile number; a CSV cell never starts a formula.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import duckdb
from corpus.xlsx_parts import sheet, table_xlsx, xlsx_bytes
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from catalog_sync.checks.linkage import sql_mask_name
from catalog_sync.errors import SourceError
from catalog_sync.mappings import load_mapping
from catalog_sync.normalise import name_core, name_key, normalise_code, normalise_codes
from catalog_sync.privacy import mask_id, mask_name, redact, scrub, scrub_changes_any
from catalog_sync.reports.csv import csv_cell, write_csv, writerows
from catalog_sync.sources.tabular import read_table
from catalog_sync.sources.work_orders import open_work_orders
from catalog_sync.tables import new_table

MAPPING = load_mapping()
QUALIFIERS = MAPPING.level_qualifiers
FULL_WIDTH = {c: chr(c - 0x21 + 0xFF01) for c in range(0x21, 0x7F)} | {0x20: "\u3000"}
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()))  # surrogates too
NOTE_TEXT = st.text(
    st.characters(blacklist_characters="()（）[]［］【】〔〕{}｛｝〈〉《》\"'“”‘’"), max_size=12
)
slow = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def full_width(text: str) -> str:
    """ASCII letters, digits, punctuation and the space as their full-width forms."""
    return text.translate(FULL_WIDTH)


# --- codes ----------------------------------------------------------------------------------


@given(ANY_TEXT)
@example("E¯")  # NFKC makes ¯ a space and a combining macron: removing the space composes Ē
@example("\u3000５１１Ａ\u3000０１３８ 000000 ")
def test_normalise_code_is_idempotent_and_has_no_space(text: str) -> None:
    code = normalise_code(text)
    assert normalise_code(code) == code
    assert not any(ch.isspace() for ch in code)


@given(st.lists(st.one_of(ANY_TEXT, st.text("aB0-x \n\t"), st.none(), st.integers())))
@example(["512d0068300001-510000", "", "ABC"])  # the joined column's path: lower case in it
@example(["ABC", "", "D-1"])  # the joined column's path: already upper case
@example(["ab", "c\nd"])  # a newline in a cell: cell by cell, or the split would be off
@example(["ab", None, 3])  # not text: cell by cell
def test_normalise_codes_is_normalise_code_of_each(values: list[object]) -> None:
    assert normalise_codes(values) == [normalise_code(v) for v in values]


def test_normalise_codes_keeps_an_upper_case_cell_as_its_string() -> None:
    cells = ["512D0068300001", "abc", "X-1"]
    codes = normalise_codes(cells)
    assert codes == ["512D0068300001", "ABC", "X-1"]
    assert codes[0] is cells[0] and codes[2] is cells[2]


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_normalise_code_ignores_width_case_and_spaces(text: str) -> None:
    code = normalise_code(text)
    assert normalise_code(full_width(text)) == code
    assert normalise_code(text.lower()) == normalise_code(text.upper()) == code.upper()
    assert normalise_code(f" \u3000{text}\t\n") == code


# --- names ----------------------------------------------------------------------------------


@given(ANY_TEXT)
@example("R¸")  # as for codes: a cedilla exposed by NFKC composes after the space goes
@example("事项(-)")  # dropping the hyphen leaves an empty note, dropped on a second pass
@example("事项(县-级)")  # ... or a level qualifier
@example("\ud800许可")  # an unpaired surrogate (not text): no crash
def test_name_key_and_core_are_idempotent_on_any_text(text: str) -> None:
    key = name_key(text, QUALIFIERS)
    assert name_key(key, QUALIFIERS) == key
    core = name_core(key)
    assert name_core(core) == core
    assert "(" not in core and ")" not in core


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E)), NOTE_TEXT)
def test_name_key_ignores_full_width_forms(ascii_part: str, chinese: str) -> None:
    name = chinese + ascii_part
    assert name_key(chinese + full_width(ascii_part), QUALIFIERS) == name_key(name, QUALIFIERS)


@given(NOTE_TEXT, NOTE_TEXT)
@example("食品生产许可", "新办")
@example("企业投资项目核准", "县级")
def test_name_key_ignores_the_bracket_style_of_a_note(name: str, note: str) -> None:
    keys = {
        name_key(f"{name}{opening}{note}{closing}", QUALIFIERS)
        for opening, closing in ("()", "（）", "[]", "［］", "【】", "〔〕", "{}", "｛｝", "〈〉")
    }
    assert len(keys) == 1
    assert len({name_core(k) for k in keys}) == 1


# --- readers --------------------------------------------------------------------------------

# Cells made of what breaks CSV: quotes, delimiters, line breaks, NUL, BOM, CJK, surrogates-free.
CELL_CHARS = st.sampled_from(
    list('",\t\r\n\x00\ufeff \u3000=+-@') + list("实施编码事项名称基本编码abcXYZ019１２３（）")
)
CELLS = st.text(CELL_CHARS, max_size=12)
HEADERS = st.sampled_from(
    [
        ["实施编码", "事项名称"],
        ["基本编码", "事项名称", "事项类型"],
        ["事项名称", "文号", "生效日期"],
    ]
)


@st.composite
def csv_like(draw: st.DrawFn) -> bytes:
    """Bytes that are nearly a CSV table: a real header, ragged rows, any encoding, cut anywhere."""
    header = draw(HEADERS)
    rows = draw(st.lists(st.lists(CELLS, max_size=5), max_size=8))
    sep = draw(st.sampled_from([",", "\t", ";"]))
    eol = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    text = eol.join(sep.join(r) for r in [header, *rows])
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"])), "replace")
    cut = draw(st.integers(0, len(data)))
    return data[: cut if draw(st.booleans()) else len(data)]


def _good_xlsx() -> bytes:
    return table_xlsx([["实施编码", "事项名称"], ["11511602AB0001-511602-001", "甲"]])


@st.composite
def xlsx_like(draw: st.DrawFn) -> bytes:
    """A real small XLSX with a few bytes changed, or cut short."""
    data = bytearray(_good_xlsx())
    for _ in range(draw(st.integers(0, 4))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    cut = draw(st.integers(len(data) // 2, len(data)))
    return bytes(data[:cut])


@st.composite
def xlsx_with_sheet(draw: st.DrawFn) -> bytes:
    """A valid archive whose sheet XML is mangled: cells anywhere, odd refs, broken tags."""
    refs = st.one_of(
        st.from_regex(r"[A-Z]{1,3}[0-9]{1,7}", fullmatch=True),
        st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=6),
    )
    cells = draw(st.lists(st.tuples(refs, CELLS.filter(lambda c: "\x00" not in c)), max_size=6))
    body = "".join(
        f'<row><c r="{r}" t="inlineStr"><is><t>{t.replace("<", "").replace("&", "")}</t></is></c>'
        "</row>"
        for r, t in cells
    )
    prefix = '<row r="1"><c r="A1" t="inlineStr"><is><t>实施编码</t></is></c>'
    prefix += '<c r="B1" t="inlineStr"><is><t>事项名称</t></is></c></row>'
    return xlsx_bytes(sheet(prefix + body))


@st.composite
def json_like(draw: st.DrawFn) -> bytes:
    keys = st.sampled_from(["实施编码", "事项名称", "task_code", "name", "x"])
    values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | CELLS,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
        max_leaves=8,
    )
    records = draw(st.lists(st.dictionaries(keys, values, max_size=4) | values, max_size=5))
    text = json.dumps(records if draw(st.booleans()) else {"data": records}, ensure_ascii=False)
    data = text.encode()
    return data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data


def _read_any(path: Path, kind: str) -> None:
    try:
        table = read_table(path, path.name, kind, MAPPING)
    except SourceError as e:
        assert str(e).startswith(path.name)
        return
    assert table.header_row >= 1
    for row, reason, _column in table.rejected:
        assert row > table.header_row and reason
    for row, cells in table.rows:
        assert row > table.header_row
        assert all(isinstance(c, str) for c in cells)


KINDS = st.sampled_from(["catalogue", "list", "decisions", "work_orders"])


@slow
@given(st.binary(max_size=600), st.sampled_from([".csv", ".tsv", ".json", ".xlsx", ".txt"]), KINDS)
def test_any_bytes_read_or_refused(tmp_path: Path, data: bytes, suffix: str, kind: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    _read_any(path, kind)


@slow
@given(csv_like(), KINDS)
def test_near_csv_read_or_refused(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "input.csv"
    path.write_bytes(data)
    _read_any(path, kind)


@slow
@given(st.one_of(xlsx_like(), xlsx_with_sheet()), KINDS)
def test_near_xlsx_read_or_refused(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "input.xlsx"
    path.write_bytes(data)
    _read_any(path, kind)


@slow
@given(json_like(), KINDS)
def test_near_json_read_or_refused(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "input.json"
    path.write_bytes(data)
    _read_any(path, kind)


SHARED = duckdb.connect()


@settings(slow, max_examples=60)
@given(st.one_of(csv_like(), st.binary(max_size=400)))
def test_work_order_csv_read_or_refused(tmp_path: Path, data: bytes) -> None:
    """The DuckDB path: any bytes load or raise SourceError, and the counts reconcile."""
    path = tmp_path / "wo.csv"
    path.write_bytes(data)
    try:
        source = open_work_orders(SHARED, [(path, "wo.csv")], MAPPING, tmp_path / "work")
    except SourceError as e:
        assert str(e).startswith("wo.csv")
        return
    (kept,) = SHARED.execute("SELECT count(*) FROM work_orders").fetchone() or (0,)
    assert source.rows["wo.csv"] == kept + len(source.rejected)


# --- masking and formulas -------------------------------------------------------------------


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    area = draw(st.from_regex(r"[1-9][0-9]{5}", fullmatch=True))
    birth = draw(st.dates(date(1900, 1, 1), date(2099, 12, 31))).strftime("%Y%m%d")
    seq = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    body = area + birth + seq
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


MOBILES = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
# Numbers stand apart from letters and digits (inside a longer code they are not masked).
AROUND = st.text(st.characters(blacklist_categories=["Nd", "Lu", "Ll", "Cs"]), max_size=6)


@given(AROUND, id_numbers(), AROUND.filter(bool), MOBILES, AROUND)
def test_scrub_removes_planted_numbers(a: str, id_no: str, b: str, phone: str, c: str) -> None:
    text = f"{a}{id_no}{b}{phone}{c}"
    clean = scrub(text)
    assert id_no not in clean and phone not in clean
    assert mask_id(id_no) in clean
    assert scrub(clean) == clean
    assert id_no not in redact(text) and phone not in redact(text)


NUMBERISH = st.text(st.sampled_from("0123456789１２X x+-86\n中A"), max_size=24)
# As typed on a Chinese keyboard: digits, + and - in their full-width forms, the space as the
# ideographic one (letters stay ASCII: a full-width letter, not being an ASCII letter, is a
# break as any Chinese character is); and ID numbers written 6 8 4 with spaces or hyphens,
# which are not taken for ID numbers (order numbers are written so too).
WIDE = str.maketrans("0123456789+- ", "０１２３４５６７８９＋－\u3000")
SPACED_IDS = st.builds(
    lambda n, a, b: f"{n[:6]}{a}{n[6:14]}{b}{n[14:]}",
    id_numbers(),
    st.sampled_from(["", " ", "-"]),
    st.sampled_from(["", " ", "-"]),
)


@given(st.lists(NUMBERISH | MOBILES | id_numbers() | SPACED_IDS | ANY_TEXT, max_size=5))
def test_scrub_changes_any_is_scrub_on_each_text(texts: list[str]) -> None:
    assert scrub_changes_any(texts) == any(scrub(t) != t for t in texts)


# ASCII texts as long codes and phone numbers are written: groups of digits and letters, and
# the breaks numbers may stand between or be written with
ASCII_NUMBERISH = st.text(st.sampled_from("0123456789X x+-86#aZ\t/"), max_size=30)
SPACED_MOBILES = st.builds(
    lambda m, a, b, pre: f"{pre}{m[:3]}{a}{m[3:7]}{b}{m[7:]}",
    MOBILES,
    st.sampled_from(["", " ", "-"]),
    st.sampled_from(["", " ", "-"]),
    st.sampled_from(["", "86", "+86", "86-", "+86 ", "0"]),
)


@given(st.lists(ASCII_NUMBERISH | MOBILES | SPACED_MOBILES | id_numbers(), max_size=5))
def test_re2_finds_in_ascii_what_scrub_finds(texts: list[str]) -> None:
    """The RE2 search long ASCII texts get (privacy._RE2_FROM) is forced on short ones."""
    from catalog_sync.privacy import ascii_number_found_re2

    whole = "\n".join(texts)
    assert ascii_number_found_re2(whole) == any(scrub(t) != t for t in texts)


@given(NUMBERISH | MOBILES | id_numbers() | SPACED_IDS | ANY_TEXT, NUMBERISH | ANY_TEXT)
def test_fast_number_searches_find_what_scrub_finds(number: str, around: str) -> None:
    from catalog_sync.privacy import _NUMBER_AFTER_BREAK, _NUMBER_FROM_FIRST, _PERSONAL_NUMBER

    for text in (number, around + number, number + around, around + number + around):
        found = _PERSONAL_NUMBER.search(text) is not None
        assert (_NUMBER_AFTER_BREAK.search("\n" + text) is not None) is found
        assert (_NUMBER_FROM_FIRST.search(text) is not None) is found


@given(st.lists(NUMBERISH | MOBILES | SPACED_MOBILES | SPACED_IDS, max_size=4))
def test_numbers_typed_full_width_are_found_and_masked_as_ascii_ones(texts: list[str]) -> None:
    """scrub and scrub_changes_any find a number in full-width forms where they find its ASCII
    one, and DuckDB's search of a streamed table's cells (SQL_PERSONAL_NUMBER) finds it too."""
    from catalog_sync.privacy import SQL_PERSONAL_NUMBER

    wide = [t.translate(WIDE) for t in texts]
    found = any(scrub(t) != t for t in texts)
    assert any(scrub(w) != w for w in wide) == found
    assert scrub_changes_any(wide) == found == scrub_changes_any(texts)
    con = duckdb.connect()
    try:
        pattern = SQL_PERSONAL_NUMBER.replace("'", "''")
        row = con.execute(f"SELECT regexp_matches(?, '{pattern}')", ["\n".join(wide)]).fetchone()
    finally:
        con.close()
    assert row is not None and row[0] == found
    for w in wide:  # what is left shows no number that scrub would mask
        assert scrub(scrub(w)) == scrub(w)


@given(ANY_TEXT)
def test_scrub_leaves_text_without_digits_alone(text: str) -> None:
    assume(not any(ch.isdigit() for ch in text))
    assert scrub(text) == text


CSV_TEXT = st.text(st.sampled_from("ab许,\"\r\n\t=+-@ \x00'1."))
CSV_VALUES = CSV_TEXT | st.integers() | st.floats() | st.booleans() | st.none()


@slow
@given(st.lists(st.lists(CSV_VALUES, min_size=4, max_size=4), max_size=30), st.integers(1, 4))
def test_csv_table_is_csv_writer_over_csv_cell(tmp_path: Path, cells: list, width: int) -> None:
    """The batched writer writes what csv.writer writes of csv_cell of every cell."""
    import csv

    table = new_table("rejected_rows")
    table.columns = table.columns[:width]
    keys = [c.key for c in table.columns]
    table.rows = [dict(zip(keys, row, strict=False)) for row in cells]
    write_csv(table, tmp_path / "t.csv", "en")
    with open(tmp_path / "e.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write("\ufeff")
        writer = csv.writer(fh)
        writer.writerow(table.header("en"))
        writerows(fh, ([csv_cell(row.get(k, "")) for k in keys] for row in table.rows))
    assert (tmp_path / "t.csv").read_bytes() == (tmp_path / "e.csv").read_bytes()


@given(st.text())
def test_csv_cells_never_start_a_formula(text: str) -> None:
    cell = csv_cell(text)
    visible = cell.lstrip("\t\r\n")
    if visible[:1] in ("=", "+", "-", "@"):
        assert cell == text and float(cell) == float(cell)  # a plain signed number only
    if cell != text:
        assert cell == "'" + text  # nothing else changed: the apostrophe only


def test_xlsx_strategy_builds_a_workbook() -> None:
    with zipfile.ZipFile(io.BytesIO(_good_xlsx())) as z:
        assert "xl/workbook.xml" in z.namelist()


NAMES = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=6) | st.text(
    st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=8
)


@given(st.lists(NAMES, min_size=1, max_size=20))
def test_sql_mask_name_is_mask_name(names: list[str]) -> None:
    """The SQL twin masks a name found in another column exactly as privacy.mask_name does."""
    got = SHARED.execute(
        f"SELECT {sql_mask_name('n')} FROM (SELECT unnest($1::VARCHAR[]) AS n)", [names]
    ).fetchall()
    assert [g for (g,) in got] == [mask_name(n) for n in names]


# --- the readers' fast paths ----------------------------------------------------------------

# What _row_problem looks at: NUL, whitespace of every kind, a header's text with and without
# stray spaces, and cells at, over and half Excel's limit (two halves overflow only joined).
ROW_PIECES = ["", " ", "\u3000", "\t", "\x0b", "\x00", "\x1f", "\ufeff", "\u200b", "\x85", "a"]
ROW_PIECES += ["实施编码", " 实施编码", "事项名称", "=1+1", "１２"]
ROW_CELL = st.one_of(
    st.lists(st.sampled_from(ROW_PIECES), max_size=3).map("".join),
    st.sampled_from(["y" * 32_767, "y" * 32_768, "y" * 16_384]),
)
ROW_HEADERS = st.lists(
    st.sampled_from(["实施编码", "事项名称", "a", "", "备注"]), min_size=1, max_size=5
)


@st.composite
def row_cases(draw: st.DrawFn) -> tuple[list[str], dict[str, int], list[str], bool]:
    """(header, required field -> column, a row's cells, whether the source is CSV/TSV); the
    row is sometimes the header again, with or without blank cells after it."""
    headers = draw(ROW_HEADERS)
    columns = draw(st.sets(st.integers(0, len(headers) - 1), max_size=2))
    required = {f"f{i}": i for i in columns}
    if draw(st.integers(0, 4)) == 0:
        cells = [*headers, *draw(st.lists(st.sampled_from(["", " "]), max_size=2))]
    else:
        cells = draw(st.lists(ROW_CELL, max_size=len(headers) + 2))
    return headers, required, cells, draw(st.booleans())


@given(row_cases())
@example((["实施编码", "事项名称"], {"f0": 0, "f1": 1}, ["实施编码", "事项名称"], True))
@example((["实施编码", "事项名称"], {}, ["y" * 16_384, "y" * 16_384], False))
@example((["实施编码", "事项名称"], {"f1": 1}, ["a", "b", "\u3000"], True))
@example((["实施编码", "事项名称"], {}, ["a", "b\x00"], False))
def test_plain_rows_are_the_rows_row_problem_passes(
    case: tuple[list[str], dict[str, int], list[str], bool],
) -> None:
    """read_table's blank-row test is the per-cell one, and a row its joined-text test passes
    is one _row_problem passes (the test only skips the per-cell look)."""
    from catalog_sync.sources.tabular import _plain_row_test, _row_problem

    headers, required, cells, text = case
    joined = "".join(cells)
    blank = not joined or joined.isspace()
    assert blank == (not any(c.strip() for c in cells))
    for lined_up in {0, len(headers)}:  # short rows padded, or rejected
        if not blank and _plain_row_test(headers, required, text, lined_up)(cells, joined):
            assert _row_problem(cells, headers, required, text, lined_up) == ("", "")


@given(
    st.lists(
        st.lists(st.sampled_from(["", " a ", "\u3000b", "c\t", "１"]), max_size=5), max_size=6
    ),
    st.dictionaries(st.sampled_from(["name", "code", "area"]), st.integers(0, 4)),
)
def test_record_columns_are_iter_records_a_column_at_a_time(
    rows: list[list[str]], columns: dict[str, int]
) -> None:
    """record_columns (load_list's reader) gives each row what iter_records gives it: the
    stripped cell, "" for a cell a short row lacks and for a field the table lacks."""
    from catalog_sync.sources.tabular import RawTable, iter_records, record_columns

    table = RawTable("list.csv", "list", "utf-8", 1, ["h"] * 5, columns)
    table.rows = [(n + 2, cells) for n, cells in enumerate(rows)]
    got = record_columns(table, [*columns, "absent"])
    records = list(iter_records(table))
    assert all(len(column) == len(rows) for column in got.values())
    for k, (_, record) in enumerate(records):
        assert {f: got[f][k] for f in columns} == record
        assert got["absent"][k] == ""
