"""Masking examples worked out by hand."""

from __future__ import annotations

import pytest

from catalog_sync.privacy import PERSONAL_FIELDS, mask_id, mask_name, mask_phone, redact, scrub


@pytest.mark.parametrize(
    ("given", "masked"),
    [
        ("张三", "张*"),
        ("张三丰", "张*丰"),
        ("欧阳娜娜", "欧**娜"),
        ("张", "*"),
        (" 李四 ", "李*"),
        ("John Smith", "J***"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_name(given: str | None, masked: str) -> None:
    assert mask_name(given) == masked


@pytest.mark.parametrize(
    ("given", "masked"),
    [
        ("510104199001011234", "510104********1234"),
        ("51010419900101123X", "510104********123X"),
        ("12345678901", "123456*8901"),
        ("1234567890", "********90"),
        ("AB12", "**12"),
        ("", ""),
    ],
)
def test_mask_id(given: str, masked: str) -> None:
    assert mask_id(given) == masked


@pytest.mark.parametrize(
    ("given", "masked"),
    [
        ("13800138000", "138****8000"),
        ("138 0013 8000", "138****8000"),
        ("+86 13800138000", "138****8000"),
        ("028-85551234", "*******1234"),
        ("12345", "*2345"),
        ("", ""),
    ],
)
def test_mask_phone(given: str, masked: str) -> None:
    assert mask_phone(given) == masked


def test_personal_fields() -> None:
    assert PERSONAL_FIELDS == ("applicant_name", "applicant_id", "applicant_phone")


@pytest.mark.parametrize(
    ("given", "scrubbed"),
    [
        ("身份证511602198001011234，电话13800138000", "身份证511602********1234，电话138****8000"),
        ("+86 138-0013-8000", "138****8000"),
        ("11511602AB0001-511602-001", "11511602AB0001-511602-001"),  # a code stays a code
        ("511A0074200004-511602000000-000-115113016823646795-1-00", None),  # no birth date
        ("2026-09-01 08:30", None),
        ("", None),
        # typed full-width: found all the same (masked as ASCII)
        ("５１１６０２１９６２０８２２８９７３", "511602********8973"),
        # an ID in groups is not taken: order numbers are written area-date-serial as often
        ("511602 19620822 8973", None),
        ("511602-20260901-0001", None),
        ("电话138٠٠١٣٨٠٠٠", "电话138****٨٠٠٠"),  # other decimal digits (SQL: \p{Nd}) too
        ("区局１８６４１４７３１０４", "区局186****3104"),
        ("a１３８００１３８０００", None),  # an ASCII letter against it: not a number
        ("ａ１３８００１３８０００", "ａ138****8000"),  # a full-width letter is a break
    ],
)
def test_scrub(given: str, scrubbed: str | None) -> None:
    assert scrub(given) == (given if scrubbed is None else scrubbed)


@pytest.mark.parametrize(
    ("given", "row", "redacted"),
    [
        ("2026年13月1日", (), "2026年13月1日"),  # a date is quoted as written
        ("待定", (), "待定"),  # so is a placeholder
        ("张三丰", (), "张*丰"),  # a short word beginning with a surname is a name
        ("区行政审批局", (), "区行政审批局"),
        ("13700001111", ("", "", "13700001111"), "137****1111"),  # the row's own phone
        ("John Smith", ("John Smith", "", ""), "J***"),  # the row's own name, any script
        ("诸葛亮明办", ("诸葛亮明", "", ""), "诸**明办"),
    ],
)
def test_redact(given: str, row: tuple[str, str, str], redacted: str) -> None:
    assert redact(given, *row) == redacted


CELLS = [
    ("", "2026-09-01", "区局"),
    ("身份证511602198001011234", "", None),
    ("51160219800101", "1234", "x"),  # a number split over two cells is no number
    ("138", "00138000", ""),
    ("a13800138000", "b", "c"),  # a letter against it: not a mobile number
    ("x", "+86 138-0013-8000", None),
    ("11511602AB0001-511602-001", "2026-09-01 08:30", "待定"),
    ("13800138000", None, None),
    ("５１１６０２１９６２０８２２８９７３", "", ""),
    ("x", "511602 19620822 8973", None),
    ("电话138٠٠١٣٨٠٠٠", "", ""),
    ("区ＡＢ局１３８００１３８０００号", None, None),
    ("ａ１３８００１３８０００", "", ""),
]


@pytest.mark.parametrize("row", CELLS)
def test_a_streamed_table_is_searched_for_numbers_as_scrub_would(row: tuple) -> None:
    """reports._may_hold_personal_numbers searches a row's cells joined in one string."""
    from types import SimpleNamespace

    import duckdb

    from catalog_sync.privacy import scrub_changes_any
    from catalog_sync.reports import _may_hold_personal_numbers

    con = duckdb.connect()
    con.execute("CREATE TABLE t (a VARCHAR, b VARCHAR, c VARCHAR, n BIGINT)")
    con.execute("INSERT INTO t VALUES (?, ?, ?, 1)", list(row))
    stream = SimpleNamespace(con=con, keys=["a", "b", "c", "n"], select=lambda: "SELECT * FROM t")
    expected = scrub_changes_any([c for c in row if c is not None])
    assert _may_hold_personal_numbers(stream) is expected


@pytest.mark.parametrize(
    ("last", "found"),
    [
        ("512D0068399999-510000000000-000-11510000MB00000001-1-00", False),
        ("512D0068399999-13800138000-000", True),  # a mobile between hyphens
        ("512D0068399999-510000000000-000-110101199001011234", True),  # an ID number
        ("512D0068399999-510000000000-000-110101199001011234A", False),  # a letter against it
    ],
)
def test_long_ascii_codes_are_searched_by_re2_as_by_python(last: str, found: bool) -> None:
    """A province's item codes joined are millions of characters: RE2 searches them
    (privacy._RE2_FROM), and finds what Python's search finds, in the last code too."""
    from catalog_sync import privacy

    codes = [f"512D{n:010d}-510000000000-000-11510000MB{n:08d}-1-00" for n in range(80_000)]
    texts = [*codes, last]
    assert len("\n".join(texts)) >= privacy._RE2_FROM
    assert privacy.scrub_changes_any(texts) is found
    assert (privacy._NUMBER_AFTER_BREAK.search("\n" + "\n".join(texts)) is not None) is found
