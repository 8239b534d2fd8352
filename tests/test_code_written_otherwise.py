"""A list 基本编码 that is a catalogue code written otherwise: hyphens, or leading zeros lost (a
spreadsheet read the code as a number). The code tier reads it as the one catalogue code it
fits (code_tier.CODE_TIER_SQL); in a list coded in the catalogue's scheme the item implements
that matter, its evidence saying how the code was read, and a warning names the list.
Every answer below is worked out by hand; Spark runs the same SQL cases in test_engines.py."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest

from catalog_sync import vocab
from catalog_sync.code_tier import (
    AS_WRITTEN,
    DECIMALS,
    DECIMALS_ZEROS,
    HYPHENS,
    LAYOUT,
    ZEROS,
    DuckDBTables,
    code_tier_read,
)
from catalog_sync.mappings import load_mapping
from catalog_sync.normalise import is_placeholder
from catalog_sync.pipeline import Result, RunConfig, Source, run
from catalog_sync.sources.implementation_list import load_list


def _matter(node: str, code: str) -> Any:
    return SimpleNamespace(node=node, basic_code=code)


def _item(node: str, code: str) -> Any:
    return SimpleNamespace(node=node, basic_code=code)


# The catalogue: 12-digit codes that begin with zeros (the scheme Excel strips), 10-digit ones
# that do too, 8-digit ones that mostly do not, two codes with hyphens whose hyphen-free forms
# are one, a Sichuan-style code with hyphens, and a 10-character code with letters.
MATTERS = [
    _matter("m:z1", "000120001000"),
    _matter("m:z2", "000121001000"),
    _matter("m:z3", "000000123456"),
    _matter("m:h", "000125001000"),
    _matter("m:ten", "0001234567"),
    _matter("m:ten2", "0000123456"),
    _matter("m:letters", "000XK00123"),
    _matter("m:eight1", "12345678"),
    _matter("m:eight2", "23456789"),
    _matter("m:eight3", "07654321"),
    _matter("m:dup1", "000300-001000"),
    _matter("m:dup2", "000300001-000"),
    _matter("m:g", "G-000007-001"),
    _matter("m:one", "000000000001"),
]
CASES = [
    # lost its three leading zeros: 000120001000 is the only code it pads to (0120001000 at
    # width 10 is not a catalogue code)
    (_item("i:zeros", "120001000"), "m:z1", ZEROS),
    (_item("i:as-written", "000121001000"), "m:z2", AS_WRITTEN),
    # hyphens on the list's side; on the catalogue's side (G-000007-001)
    (_item("i:hyphens", "000125-001-000"), "m:h", HYPHENS),
    (_item("i:sichuan", "G000007001"), "m:g", HYPHENS),
    # pads to two catalogue codes, 0000123456 (width 10) and 000000123456 (width 12): neither
    (_item("i:two", "123456"), None, None),
    # letters: 000XK00123 is XK00123 padded, but only a code of digits lost its zeros
    (_item("i:letters", "XK00123"), None, None),
    # 07654321 is 7654321 padded, but the 8-digit codes mostly do not begin with 0: no
    # lost-leading-zero signature at that width
    (_item("i:no-signature", "7654321"), None, None),
    # 000300001000 is the hyphen-free form of two catalogue codes: neither
    (_item("i:hyphen-twice", "000300001000"), None, None),
    # 000121001000 padded, but a reviewer denied the pair
    (_item("i:denied", "121001000"), None, None),
    (_item("i:only-hyphens", "--"), None, None),
    # a number keeps no leading zero and at least half the digits: 1 (a 序号 taken for a code)
    # is not 000000000001, nor 0120001000 000120001000
    (_item("i:serial", "1"), None, None),
    (_item("i:still-zero-led", "0120001000"), None, None),
    (_item("i:none", ""), None, None),
    # the whole 实施编码 in the 基本编码 cell: the mapping's first layout (sichuan-itemcode)
    # reads 000120001000 from it
    (_item("i:whole", "000120001000-510106000000-000-11510106002489123X-1-00"), "m:z1", LAYOUT),
    # a whole 实施编码 whose 基本编码 the catalogue lacks: nothing
    (_item("i:whole-unknown", "000999001000-510106000000-000-11510106002489123X-1-00"), None, None),
    # a number column written out by a CSV export: 12345678.0 is 12345678 (an 8-digit code as
    # written); 121001000.0 is 121001000, which lost its zeros: 000121001000
    (_item("i:decimals", "12345678.0"), "m:eight1", DECIMALS),
    (_item("i:decimals-zeros", "120001000.0"), "m:z1", DECIMALS_ZEROS),
    # decimals that are not zeros, or no digit before the point, are no number of a code
    (_item("i:decimals-not-zero", "12345678.5"), None, None),
    (_item("i:point-only", ".0"), None, None),
    # a code holding a letter was never a number (no cell of Excel's writes one with its
    # decimals): its .0 is written so, and 000XK00123.0 is not 000XK00123
    (_item("i:letters-decimals", "000XK00123.0"), None, None),
]
DENIED = {"i:denied": {"m:z2"}}
MAPPING = load_mapping()


def expected() -> dict[str, tuple[str, int]]:
    return {i.node: (m, how) for i, m, how in CASES if m is not None}  # type: ignore[misc]


def read_pairs(engine: Any) -> dict[str, tuple[str, int]]:
    items = [i for i, _, _ in CASES]
    at, how = code_tier_read(items, MATTERS, DENIED, engine, MAPPING.derive_basic_code)
    return {i.node: (MATTERS[p].node, h) for i, p, h in zip(items, at, how, strict=True) if p >= 0}


def test_the_code_tier_reads_codes_written_otherwise_on_hand_worked_cases() -> None:
    assert read_pairs(DuckDBTables()) == expected()


def test_no_padding_where_the_catalogue_has_no_codes_with_leading_zeros() -> None:
    matters = [_matter("m:1", "120001000000"), _matter("m:2", "512001000000")]
    items = [_item("i:1", "20001000000"), _item("i:2", "12001000000")]
    assert code_tier_read(items, matters) == ([-1, -1], [0, 0])


# --- through the whole run ------------------------------------------------------------------

CATALOGUE_HEADER = ["基本编码", "事项名称", "事项类型", "主管部门"]
LIST_HEADER = ["实施编码", "基本编码", "事项名称", "事项类型", "实施主体"]
NAMES = [f"演示事项{i:02d}许可" for i in range(25)]


def _code(i: int) -> str:
    return f"0001{i:02d}001000"


def _write(path: Path, rows: list[list[Any]]) -> Source:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return Source(path, path.name)


def _run(tmp_path: Path, list_source: Source, cancel: str = "无关事项") -> Result:
    catalogue = [[_code(i), NAMES[i], "01", "部门"] for i in range(25)]
    decisions = [
        ["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"],
        ["示例〔2026〕9号", "2026-01-01", "1", cancel, "", "取消"],
    ]
    return run(
        RunConfig(
            catalogue=_write(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *catalogue]),
            lists=[list_source],
            decisions=[_write(tmp_path / "decisions.csv", decisions)],
            as_of=date(2026, 11, 1),
        )
    )


def _list_rows(codes: list[str]) -> list[list[Any]]:
    # the item's name says nothing: 名称 differ from the catalogue's, so only the code can tell
    return [
        [f"11510000MB0000{i:02d}", code, f"本地事项{i:02d}", "01", "某局"]
        for i, code in enumerate(codes)
    ]


def test_a_code_written_otherwise_implements_the_matter_it_is_read_as(tmp_path: Path) -> None:
    codes = [_code(i) for i in range(25)]
    codes[3] = "103001000"  # leading zeros lost
    codes[4] = "000104-001-000"  # hyphens
    codes[5] = f"{_code(5)}-510106000000-000-11510106002489123X-1-00"  # the whole 实施编码
    codes[6] = "106001000.0"  # a number column a CSV export wrote with its decimals
    source = _write(tmp_path / "list.csv", [LIST_HEADER, *_list_rows(codes)])
    result = _run(tmp_path, source, cancel=NAMES[3])
    assert not result.tables["unmatched_list_items"].rows
    assert not result.tables["unimplemented_catalogue_items"].rows
    # counted: the items implement their matters, by the code read
    assert result.summary["list_conformance_rate"] == 1.0
    assert result.summary["list_matches_by_tier"] == {"code": 25}
    scheme = result.summary["list_code_schemes"]["list.csv"]
    assert (scheme["found_in_catalogue"], scheme["found_written_otherwise"]) == (21, 4)
    (warning,) = result.said
    assert warning.startswith("4 items of list.csv carry their 基本编码 written otherwise")
    evidence = {r["item_code"]: r["evidence"] for r in result.tables["list_catalogue_matches"].rows}
    assert evidence["11510000MB000005"] == (
        f"基本编码 {codes[5]} read as {_code(5)}: a whole 实施编码, read by layout "
        "sichuan-itemcode; it is catalogue matter 演示事项05许可; names differ (similarity 57)"
    )
    assert evidence["11510000MB000006"].startswith(
        f"基本编码 106001000.0 read as {_code(6)}: a number's decimals dropped, leading zeros lost"
    )
    for text in (*evidence.values(), warning):
        assert not vocab.untranslated("evidence", text), text
    # still that matter for a decision cancelling it, the evidence saying how it was read
    (cancelled,) = [
        r for r in result.tables["cancelled_still_listed"].rows if r["source"] == "list"
    ]
    assert cancelled["item_code"] == "11510000MB000003"
    assert cancelled["match_tier"] == "via-catalogue"
    assert "基本编码 103001000 read as 000103001000: leading zeros lost" in cancelled["evidence"]


def test_an_xlsx_number_is_read_as_its_digits_and_then_as_the_code_it_lost_zeros_of(
    tmp_path: Path,
) -> None:
    import xlsxwriter

    path = tmp_path / "list.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, LIST_HEADER)
    for n, row in enumerate(_list_rows([_code(i) for i in range(25)]), start=1):
        sheet.write_row(n, 0, row)
    sheet.write_number(6, 1, 105001000)  # the cell a spreadsheet turned into a number
    sheet.write_number(7, 1, 106001000.0)
    book.close()
    result = _run(tmp_path, Source(path, path.name))
    assert not result.tables["unmatched_list_items"].rows
    scheme = result.summary["list_code_schemes"]["list.xlsx"]
    assert (scheme["found_in_catalogue"], scheme["found_written_otherwise"]) == (23, 2)
    assert result.summary["list_conformance_rate"] == 1.0


def test_a_list_whose_every_code_lost_its_zeros_conforms_by_the_codes_read(
    tmp_path: Path,
) -> None:
    source = _write(
        tmp_path / "list.csv", [LIST_HEADER, *_list_rows([_code(i).lstrip("0") for i in range(25)])]
    )
    result = _run(tmp_path, source)
    scheme = result.summary["list_code_schemes"]["list.csv"]
    assert (scheme["found_in_catalogue"], scheme["found_written_otherwise"]) == (0, 25)
    assert scheme["scheme"] == "catalogue"
    # a spreadsheet that took every code for a number: the list conforms, and is told
    assert result.summary["list_conformance_rate"] == 1.0
    assert not result.tables["unmatched_list_items"].rows
    assert result.said[0].startswith("25 items of list.csv carry their 基本编码 written otherwise")


def test_in_a_list_of_another_scheme_a_code_written_otherwise_is_not_read(
    tmp_path: Path,
) -> None:
    # local codes: the list is matched by name, and 103001000 is not taken for 000103001000
    codes = [f"L{i:05d}" for i in range(25)]
    codes[3] = "103001000"
    rows = [[f"11510000MB0000{i:02d}", c, NAMES[i], "01", "某局"] for i, c in enumerate(codes)]
    result = _run(tmp_path, _write(tmp_path / "list.csv", [LIST_HEADER, *rows]))
    assert result.summary["list_code_schemes"]["list.csv"]["scheme"] == "other"
    assert result.summary["list_matches_by_tier"] == {"name": 25}
    assert not result.tables["unmatched_list_items"].rows


# --- a 基本编码 cell saying there is none ---------------------------------------------------

PLACEHOLDERS = ["无", "/", "-", "暂无", "0", "——", "空", "N/A"]


def test_a_placeholder_basic_code_is_no_code_and_the_item_is_matched_by_name(
    tmp_path: Path,
) -> None:
    """25 items: 16 carry their catalogue code, 8 a cell saying there is none (无, /, -, 暂无, 0,
    ——, 空, N/A) under the catalogue's name, and one a placeholder beside an 实施编码 whose
    layout holds the code (000124001000-…). Worked by hand: the 8 are matched by name (100,
    equal names), the last by the code its 实施编码 holds; none is a code problem, and only the
    16 count as carrying a 基本编码 (the list is still judged on its own: 16 < 20, so on all
    lists, which is this one: 16 of 16 found, the catalogue's scheme)."""
    rows = [
        [f"11510000MB0000{i:02d}", _code(i), f"本地事项{i:02d}", "01", "某局"] for i in range(16)
    ]
    rows += [
        [f"11510000MB0000{16 + n:02d}", cell, NAMES[16 + n], "01", "某局"]
        for n, cell in enumerate(PLACEHOLDERS)
    ]
    rows.append(
        [f"{_code(24)}-510106000000-000-11510106002489123X-1-00", "无", "本地事项24", "01", "某局"]
    )
    result = _run(tmp_path, _write(tmp_path / "list.csv", [LIST_HEADER, *rows]))
    assert not result.tables["unmatched_list_items"].rows
    assert result.summary["list_matches_by_tier"] == {"code": 17, "name": 8}
    scheme = result.summary["list_code_schemes"]["list.csv"]
    assert (scheme["items_with_basic_code"], scheme["found_in_catalogue"]) == (17, 17)
    matches = {r["item_code"]: r for r in result.tables["list_catalogue_matches"].rows}
    assert matches["11510000MB000019"]["basic_code"] == _code(19)  # 暂无
    assert (
        "read from 实施编码 by layout sichuan-itemcode"
        in matches[f"{_code(24)}-510106000000-000-11510106002489123X-1-00"]["evidence"]
    )


def test_the_sichuan_layout_reads_no_code_of_another_province(tmp_path: Path) -> None:
    """sichuan-itemcode reads the 基本编码 before a Sichuan 区划 (51…, as every row of the real
    county list: 511602000000). Worked by hand: 24 items carry their catalogue code; the last
    has none, and its 实施编码 is of that shape with a 区划 of Zhejiang (330106000000): no
    基本编码 is read from it (until session 23 the layout took any 12 digits there and read
    000124001000), so it is matched by name, 本地事项24 names no matter: unmatched. Negative:
    the same code with a Sichuan 区划 is read (the test above)."""
    rows = [[f"11510000MB0000{i:02d}", _code(i), NAMES[i], "01", "某局"] for i in range(24)]
    code = f"{_code(24)}-330106000000-000-11330106002489123X-1-00"
    rows.append([code, "无", "本地事项24", "01", "某局"])
    result = _run(tmp_path, _write(tmp_path / "list.csv", [LIST_HEADER, *rows]))
    matches = {r["item_code"] for r in result.tables["list_catalogue_matches"].rows}
    assert code not in matches
    (unmatched,) = result.tables["unmatched_list_items"].rows
    assert (unmatched["item_code"], unmatched["basic_code"]) == (code, "")
    assert load_mapping().derive_basic_code(code) == ("", "")


@pytest.mark.parametrize(
    "cell", ["#N/A", " #n/a ", "#REF!", "#VALUE!", "nan", "NaN", "待定", "暂未赋码"]
)
def test_excel_error_values_and_codes_not_yet_given_are_placeholders(cell: str) -> None:
    """A code column filled by VLOOKUP shows #N/A where nothing was found; pandas writes an
    empty cell as nan; 待定 and 暂未赋码 say the code is not given yet."""
    assert is_placeholder(cell)


@pytest.mark.parametrize("cell", ["511A0001000000", "N/A2", "待定事项", "#1"])
def test_a_cell_holding_more_than_a_placeholder_is_no_placeholder(cell: str) -> None:
    assert not is_placeholder(cell)


# --- a small list in a local code scheme --------------------------------------------------


def test_a_small_list_whose_codes_are_none_in_the_catalogue_is_another_scheme(
    tmp_path: Path,
) -> None:
    """A township's 5 items coded ZT-XK-0001 … beside a county's 25 coded in the catalogue's
    scheme. Worked by hand: not one of the township's codes is a catalogue code, so its list is
    in another scheme whatever the county's list says (judged on the file itself), and its 5
    items, named as the catalogue names them, are matched by name; nothing is unmatched. A
    small list that splits (some codes found, some not) is still judged on all lists."""
    county = _write(
        tmp_path / "county.csv",
        [
            LIST_HEADER,
            *[[f"C{i:02d}-0000000", _code(i), NAMES[i], "01", "某局"] for i in range(25)],
        ],
    )
    town = [[f"T{i:02d}-0000000", f"ZT-XK-{i:04d}", NAMES[i], "01", "某镇"] for i in range(5)]
    split = [[f"S{i:02d}-0000000", _code(i), NAMES[i], "01", "某乡"] for i in range(3)]
    split.append(["S03-0000000", "ZT-XK-0099", NAMES[3], "01", "某乡"])
    catalogue = [[_code(i), NAMES[i], "01", "部门"] for i in range(25)]
    result = run(
        RunConfig(
            catalogue=_write(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *catalogue]),
            lists=[
                county,
                _write(tmp_path / "town.csv", [LIST_HEADER, *town]),
                _write(tmp_path / "split.csv", [LIST_HEADER, *split]),
            ],
            decisions=[],
            as_of=date(2026, 11, 1),
        )
    )
    schemes = result.summary["list_code_schemes"]
    assert (schemes["town.csv"]["scheme"], schemes["town.csv"]["judged_on"]) == ("other", "file")
    assert (schemes["split.csv"]["scheme"], schemes["split.csv"]["judged_on"]) == (
        "catalogue",
        "all lists",
    )
    tiers = {r["item_code"]: r["match_tier"] for r in result.tables["list_catalogue_matches"].rows}
    assert [tiers.get(f"T{i:02d}-0000000") for i in range(5)] == ["name"] * 5
    # the split list's unknown code is a code problem, as before
    (unmatched,) = result.tables["unmatched_list_items"].rows
    assert unmatched["item_code"] == "S03-0000000"


def test_a_small_list_of_stale_catalogue_codes_is_in_the_catalogues_scheme(
    tmp_path: Path,
) -> None:
    """hunt c11a: a township's 3 items carry codes of the catalogue's layout (its length, its
    leading characters) none of which the catalogue has (0001xx009000, stale or mistyped).
    Worked by hand: such codes are code problems in the catalogue's scheme, not a local scheme:
    the 3 items go to unmatched_list_items as basic_code_not_in_catalogue, none is matched by
    name."""
    county = [[f"C{i:02d}-0000000", _code(i), NAMES[i], "01", "某局"] for i in range(25)]
    town = [[f"T{i:02d}-0000000", f"0001{i:02d}009000", NAMES[i], "01", "某镇"] for i in range(3)]
    catalogue = [[_code(i), NAMES[i], "01", "部门"] for i in range(25)]
    result = run(
        RunConfig(
            catalogue=_write(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *catalogue]),
            lists=[
                _write(tmp_path / "county.csv", [LIST_HEADER, *county]),
                _write(tmp_path / "town.csv", [LIST_HEADER, *town]),
            ],
            decisions=[],
            as_of=date(2026, 11, 1),
        )
    )
    town_scheme = result.summary["list_code_schemes"]["town.csv"]
    assert (town_scheme["scheme"], town_scheme["judged_on"]) == ("catalogue", "file")
    unmatched = result.tables["unmatched_list_items"].rows
    assert sorted(r["item_code"] for r in unmatched) == [f"T{i:02d}-0000000" for i in range(3)]
    assert {r["reason"] for r in unmatched} == {"basic_code_not_in_catalogue"}


@pytest.mark.parametrize(("matters", "scheme"), [(1, "other"), (19, "other"), (20, "catalogue")])
def test_a_code_shape_few_catalogue_codes_hold_says_nothing_of_a_lists_scheme(
    tmp_path: Path, matters: int, scheme: str
) -> None:
    """A township's one item carries 000199001000, of the length and leading 00 of the
    catalogue's codes, none of which it is. Worked by hand: with 20 catalogue codes of that
    shape it is the catalogue's layout, the code a stale one, the item a code problem
    (basic_code_not_in_catalogue); with 1 or 19 the shape is no layout (below
    MIN_SCHEME_SAMPLE codes hold it), so the list's one code, not in the catalogue, puts it
    in another scheme and the item is matched by its name, 演示事项00许可."""
    catalogue = [[_code(i), NAMES[i], "01", "部门"] for i in range(matters)]
    town = [["T00-0000000", "000199001000", NAMES[0], "01", "某镇"]]
    result = run(
        RunConfig(
            catalogue=_write(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *catalogue]),
            lists=[_write(tmp_path / "town.csv", [LIST_HEADER, *town])],
            decisions=[],
            as_of=date(2026, 11, 1),
        )
    )
    assert result.summary["list_code_schemes"]["town.csv"]["scheme"] == scheme
    tiers = [r["match_tier"] for r in result.tables["list_catalogue_matches"].rows]
    unmatched = [r["reason"] for r in result.tables["unmatched_list_items"].rows]
    if scheme == "other":
        assert (tiers, unmatched) == (["name"], [])
    else:
        assert (tiers, unmatched) == ([], ["basic_code_not_in_catalogue"])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_codes_with_excels_text_mark_full_width_digits_and_spaces_are_the_codes(
    tmp_path: Path, suffix: str
) -> None:
    """Codes as exports write them: Excel's text mark in front (' or ＇), full-width digits
    and letters, spaces inside, in the catalogue's 基本编码 and the list's 基本编码 and 实施编码.
    Worked by hand: the catalogue's ５１１Ａ０００１ 000000 is 511A0001000000, and so is the
    list's '511A0001000000: the item is matched by code, its 实施编码 'Ｔ-０００１ read as
    T-0001. The catalogue's ＇511A0002000000 is 511A0002000000, but an apostrophe inside a
    code (511A0002'000000) is no mark: that item's code is not it, and it is matched by name."""
    catalogue = [
        ["５１１Ａ０００１ 000000", NAMES[0], "01", "部门"],
        ["＇511A0002000000", NAMES[1], "01", "部门"],
    ]
    items = [
        ["'Ｔ-０００１", "'511A0001000000", NAMES[0], "01", "某局"],
        ["T-0002", "511A0002'000000", NAMES[1], "01", "某局"],
    ]
    sources = []
    for name, rows in (
        ("catalogue", [CATALOGUE_HEADER, *catalogue]),
        ("list", [LIST_HEADER, *items]),
    ):
        path = tmp_path / f"{name}{suffix}"
        if suffix == ".csv":
            sources.append(_write(path, rows))
        else:
            wb = openpyxl.Workbook()
            for row in rows:
                wb.active.append(row)
            wb.save(path)
            sources.append(Source(path, path.name))
    result = run(
        RunConfig(catalogue=sources[0], lists=[sources[1]], decisions=[], as_of=date(2026, 11, 1))
    )
    rows = result.tables["list_catalogue_matches"].rows
    assert sorted((r["item_name"], r["match_tier"]) for r in rows) == [
        (NAMES[0], "code"),
        (NAMES[1], "name"),
    ]
    listed = load_list(tmp_path / f"list{suffix}", "list", load_mapping(), {}).records
    assert [(i.task_code, i.basic_code) for i in listed] == [
        ("T-0001", "511A0001000000"),
        ("T-0002", "511A0002'000000"),
    ]


def test_a_catalogue_code_written_as_a_number_with_decimals_is_read_without_them(
    tmp_path: Path,
) -> None:
    """The rule of a list's 基本编码 (a number's decimals) holds for the catalogue's too, so a
    list item writing the code as text implements the matter by code. Worked by hand: matter 3's
    code 103001000.0 is 103001000 (its zeros, lost by the export, are not put back on the
    catalogue's side: the item writes 103001000 too); its parent code likewise. Negatives: a
    code holding a letter (000XK00123.0) and decimals other than zeros (12345678.5) stay as
    written, so the items writing them without the point implement nothing by code."""
    from catalog_sync.sources.catalogue import load_catalogue

    header = [*CATALOGUE_HEADER, "主项编码"]
    rows = [[_code(i), NAMES[i], "01", "部门", ""] for i in range(22)]
    rows += [
        ["103001000.0", "甲事项", "01", "部门", ""],
        ["103001001.00", "甲事项子项", "01", "部门", "103001000.0"],
        ["000XK00123.0", "乙事项", "01", "部门", ""],
        ["12345678.5", "丙事项", "01", "部门", ""],
    ]
    path = tmp_path / "catalogue.csv"
    _write(path, [header, *rows])
    loaded = load_catalogue(path, path.name, load_mapping())
    read = {m.name: (m.basic_code, m.parent_code) for m in loaded.records}
    assert read["甲事项"] == ("103001000", "")
    assert read["甲事项子项"] == ("103001001", "103001000")
    assert read["乙事项"] == ("000XK00123.0", "")
    assert read["丙事项"] == ("12345678.5", "")
    assert loaded.warnings == [
        "catalogue.csv: 2 基本编码 written as a number with decimals (a point and zeros after the "
        "code) read without them; an export took the column for numbers, so leading zeros "
        "may be lost too: store codes as text"
    ]
    assert not vocab.untranslated("evidence", loaded.warnings[0])


def test_an_item_implements_the_matter_whose_catalogue_code_an_export_wrote_as_a_number(
    tmp_path: Path,
) -> None:
    """Through the whole run: the catalogue writes matter 3's code 103001000.0 and matter 24's
    000XK00123.0; the list writes 103001000 and 000XK00123, under names that say nothing. Worked
    by hand: item 3 implements matter 3 by its code (the catalogue's read without its
    decimals); item 24 implements nothing by code (a code holding a letter keeps its point)."""
    codes = [_code(i) for i in range(25)]
    catalogue = [[_code(i), NAMES[i], "01", "部门"] for i in range(25)]
    catalogue[3][0], catalogue[24][0] = "103001000.0", "000XK00123.0"
    codes[3], codes[24] = "103001000", "000XK00123"
    decisions = [
        ["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"],
        ["示例〔2026〕9号", "2026-01-01", "1", "无关事项", "", "取消"],
    ]
    result = run(
        RunConfig(
            catalogue=_write(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *catalogue]),
            lists=[_write(tmp_path / "list.csv", [LIST_HEADER, *_list_rows(codes)])],
            decisions=[_write(tmp_path / "decisions.csv", decisions)],
            as_of=date(2026, 11, 1),
        )
    )
    matched = {r["item_code"]: r for r in result.tables["list_catalogue_matches"].rows}
    assert matched["11510000MB000003"]["basic_code"] == "103001000"
    assert matched["11510000MB000003"]["evidence"].startswith("基本编码 103001000")
    assert "11510000MB000024" not in matched
    (unmatched,) = result.tables["unmatched_list_items"].rows
    assert unmatched["item_code"] == "11510000MB000024"


# --- Guizhou 实施代码 (DB52/T 1264-2018) ----------------------------------------------------

GUIZHOU_CATALOGUE = [
    ["基本编码", "事项名称", "事项类型", "主管部门"],
    ["XK00104001", "药品经营许可（批发）", "行政许可", "药品监管部门"],
    ["XK00104002", "药品经营许可（零售）", "行政许可", "药品监管部门"],
    ["XK00105000", "医疗器械经营许可", "行政许可", "药品监管部门"],
]


def _guizhou_run(tmp_path: Path, codes: list[str]) -> Result:
    """A Guizhou county list carrying only 实施编码 (no 基本编码 column); its first item has a
    local name no catalogue name matches, so only its code can say which matter it is."""
    names = ["药品零售企业经营许可", "医疗器械经营许可"]
    rows = [["实施编码", "事项名称", "事项类型", "实施主体"]]
    agency = "贵阳市云岩区市场监督管理局"
    rows += [[c, n, "行政许可", agency] for c, n in zip(codes, names, strict=True)]
    cat = _write(tmp_path / "catalogue.csv", GUIZHOU_CATALOGUE)
    lst = _write(tmp_path / "list.csv", rows)
    return run(RunConfig(catalogue=cat, lists=[lst], decisions=[], as_of=date(2026, 11, 1)))


def test_a_guizhou_implementation_code_gives_its_basic_code(tmp_path: Path) -> None:
    """实施代码 = 基本编码 XK00104002 + 事权代码 3 + 区划 520103 + 实施机关 code: the item named
    locally 药品零售企业经营许可 implements 药品经营许可（零售） by its code (until session 24 no
    基本编码 was read from a Guizhou code and the item stayed unmatched, `no_basic_code`)."""
    codes = ["XK001040023520103MB1234567", "XK001050003520103MB1234567"]
    result = _guizhou_run(tmp_path, codes)
    matches = {r["item_name"]: r for r in result.tables["list_catalogue_matches"].rows}
    assert matches["药品零售企业经营许可"]["basic_code"] == "XK00104002"
    assert "guizhou-implcode" in matches["药品零售企业经营许可"]["evidence"]
    assert matches["医疗器械经营许可"]["basic_code"] == "XK00105000"
    assert not result.tables["unmatched_list_items"].rows


def test_the_guizhou_layout_reads_no_code_of_another_province(tmp_path: Path) -> None:
    """Negative: the same shape with a 区划 of Zhejiang (330103) after the 事权代码 is no Guizhou
    实施代码: nothing is read, the locally named item stays unmatched (no_basic_code), the other
    is matched by its name."""
    codes = ["XK001040023330103MB1234567", "XK001050003330103MB1234567"]
    result = _guizhou_run(tmp_path, codes)
    (unmatched,) = result.tables["unmatched_list_items"].rows
    assert (unmatched["item_name"], unmatched["basic_code"]) == ("药品零售企业经营许可", "")
    assert load_mapping().derive_basic_code(codes[0]) == ("", "")
