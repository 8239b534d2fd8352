"""Mapping.sql_derive_basic_code reads every normalised code as derive_basic_code does."""

from __future__ import annotations

import re
from dataclasses import replace

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog_sync.mappings import CodeLayout, Mapping, load_mapping

MAPPING = load_mapping()
CON = duckdb.connect()  # one connection for all examples: connecting is slow
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"
# patterns both engines take, with what can read differently: lazy and optional groups, an
# alternation where `basic` takes no part, flags, anchors, classes, a quote to escape
ODD = [
    r"(?P<basic>[A-Z]{2,4}?)[0-9]+",
    r"(?:(?P<basic>[0-9]{4})|[A-Z]+)-",
    r"(?i)(?P<basic>[a-z]\d{3})",
    r"\A(?P<basic>\w{5})\b",
    r"(?P<basic>[0-9-]+)$",
    r"(?P<basic>A)'?B",
    r"[0-9](?P<basic>[0-9A-Z]{2})[A-Z]*?-",
]
STARTS = ["511A0138000000-510104000000-", "A-123456-789-", "1A-1234-12345-", "AB12", "9", ""]
codes = st.one_of(
    st.text(ALPHABET, max_size=40),
    st.builds(str.__add__, st.sampled_from(STARTS), st.text(ALPHABET, max_size=16)),
)


def in_sql(mapping: Mapping, found: list[str]) -> list[tuple[str, str]]:
    sql = mapping.sql_derive_basic_code("code")
    assert sql is not None
    basic, layout = sql
    return [
        tuple(r)  # type: ignore[misc]
        for r in CON.execute(
            f"SELECT {basic}, {layout} FROM (SELECT unnest($1::VARCHAR[]) AS code, "
            "generate_subscripts($1::VARCHAR[], 1) AS n) ORDER BY n",
            [found],
        ).fetchall()
    ]


def in_python(mapping: Mapping, found: list[str]) -> list[tuple[str, str]]:
    # a `basic` group taking no part is None in Python, '' in SQL: both read as no 基本编码
    return [(b or "", name) for b, name in map(mapping.derive_basic_code, found)]


@settings(max_examples=150, deadline=None)
@given(st.lists(codes, min_size=1, max_size=30))
def test_the_standard_layouts_read_alike(found: list[str]) -> None:
    assert in_sql(MAPPING, found) == in_python(MAPPING, found)


@settings(max_examples=150, deadline=None)
@given(st.lists(codes, min_size=1, max_size=30), st.permutations(range(len(ODD))))
def test_odd_layouts_read_alike(found: list[str], order: list[int]) -> None:
    odd = replace(
        MAPPING, code_layouts=[CodeLayout(f"odd-{n}", re.compile(ODD[n])) for n in order[:3]]
    )
    assert in_sql(odd, found) == in_python(odd, found)


def test_worked_by_hand() -> None:
    found = ["511A0138000000-510104000000-000-ZZZ-1-00", "A-123456-789-X", "ABCDEFGH-1234", ""]
    assert in_sql(MAPPING, found) == [
        ("511A0138000000", "sichuan-itemcode"),
        ("A-123456-789", "sichuan-letter"),
        ("", ""),
        ("", ""),
    ]


def test_what_re2_reads_otherwise_is_refused() -> None:
    """`{,3}` is {0,3} in Python and literal text in RE2; DOTALL and VERBOSE are not carried
    over: each leaves the whole mapping to Python."""
    for pattern in (r"(?P<basic>A{,3})", r"(?s)(?P<basic>.+)", r"(?x)(?P<basic> A )"):
        odd = replace(MAPPING, code_layouts=[CodeLayout("odd", re.compile(pattern))])
        assert odd.sql_derive_basic_code("code") is None
    assert replace(MAPPING, code_layouts=[]).sql_derive_basic_code("code") == ("''", "''")
