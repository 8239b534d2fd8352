"""Work-order linkage: does each 办件 name an implementation-list item, and which ones do not?

A work order is linked through its 实施编码 alone. The rules below are SQL text built once by
`classify_sql` for a `Dialect`, so DuckDB and Spark run the same definition; every row is
classified in SQL (never in a Python loop). DuckDB keeps only what a table shows (the unlinked,
cancelled-item and rejected rows) and the counts of the rest by agency and reason
(`stage_work_orders`); Spark stages every row as Parquet. The four tables are queries over
that: counts per agency in Python (a row per agency); `unlinked_codes` (a row per agency, code
and reason), the unlinked work orders and the work orders on cancelled items as StreamedTables,
never as Python dicts. The written definitions:

- The code, as written in the 实施编码 cell, is normalised with `normalise.sql_normalise_code`
  (the SQL twin of normalise_code).
- `linked`: the normalised code equals the (normalised) task_code of a list item.
- Otherwise, in this order:
  `missing_code`    the code is empty after trimming;
  `malformed_code`  shorter than 8 characters, or holding anything but ASCII letters, digits and
                    hyphens (as normalise.code_defect);
  `basic_code_only` it equals a 基本编码 of the catalogue or list, not an 实施编码;
  `unknown_code`    well formed, yet no list item has it.
- 受理时间 is parsed in SQL by `sql_parse_date`, the twin of dates.parse_date. A non-empty value
  that is not a date rejects the row: it is reported in `rejected` and counted nowhere else. An
  empty 受理时间 is fine. A time with an offset (Z, +08:00) is read on its Beijing day.
- A linked work order is on a cancelled item when its code is a key of `cancelled` and it was
  accepted on or after the decision's effective date (later than `as_of` included; a work order
  without a 受理时间 cannot be placed and is not listed).

Personal data never leaves the database unmasked: the applicant's name is shown only through
`sql_mask_name` (the twin of privacy.mask_name), the ID number and phone not at all. A
shifted column can put them where a code, a date or an agency belongs: the row's applicant
name is masked wherever it stands (`_hide_name`, in the rule itself, so on either engine), ID
and mobile numbers are masked by the report writers (privacy.scrub), and a cell quoted in a
rejection reason goes through privacy.redact.
Rows the reader already rejected (source.rejected) are merged into the rejected list.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from ..dates import AFTERNOON, STAMP, possible_pattern
from ..mappings import Mapping
from ..model import CancelledInfo, ListItem, Rejected, Table
from ..normalise import MIN_CODE_LENGTH, normalise_code, sql_normalise_code
from ..privacy import SQL_NAME_ALONE, redact
from ..progress import Progress, QueryWatch
from ..sources.work_orders import SPACES, WorkOrderSource
from ..sqldialect import DUCKDB, Dialect
from ..streamed import SOURCE_ORDER, StreamedTable, TableQuery
from ..tables import TABLE_COLUMNS, new_table
from ..vocab import cell, sql_cell

REASONS = ("missing_code", "malformed_code", "basic_code_only", "unknown_code")
NO_AGENCY = "(未填写)"
TOTAL = "合计"
UNLINKED, ON_CANCELLED = "unlinked_work_orders", "work_orders_on_cancelled_items"
CODES = "unlinked_codes"
EXAMPLES = 3  # example 办件编号 per row of unlinked_codes
STAGE = "cs_stage"  # the attached database holding the staging tables
CLOSEST = "_wo_codes_closest"  # unknown codes and their closest list items (_closest_table)

# NFKC as far as the date pattern can tell: full-width digits and separators become ASCII.
_DATE_FULLWIDTH = "０１２３４５６７８９－／．：Ｔ＋Ｚｚ"
_DATE_HALFWIDTH = "0123456789-/.:T+Zz"
# a time of day a clock shows: 25:00 or 23:61 is no time, and rejects the date (as dates.py)
_HOUR, _MINUTE = "(?:[01][0-9]|2[0-3])", "[0-5][0-9]"
_CLOCK = f"{_HOUR}:{_MINUTE}(?::{_MINUTE}(?:[.][0-9]+)?)?"
_ISO_DATE = f"[1-9][0-9]{{3}}-[0-9]{{2}}-[0-9]{{2}}(?:[ T]{_CLOCK})?"
# an export's Beijing time with its offset (+08:00, +0800, +08): the date as written
_ISO_BEIJING = f"[1-9][0-9]{{3}}-[0-9]{{2}}-[0-9]{{2}}[ T]{_CLOCK}[+]08(?::?00)?"
_SLASH_DATE = (
    f"[1-9][0-9]{{3}}/[0-9]{{1,2}}/[0-9]{{1,2}}(?: (?:[0-9]|{_HOUR}):{_MINUTE}(?::{_MINUTE})?)?"
)
_COMPACT_DATE = "[1-9][0-9]{7}"
_STAMP = f"{STAMP}{_HOUR}{_MINUTE}{_MINUTE}"  # 20260305102030 (dates.STAMP)
# dates._YMD, taking a possible time only, in the regex both engines read alike: \s and \d
# spelled out (see sqldialect). DuckDB numbers nine groups at most: the date's groups are read
# with one capturing set, the time's (needed with 上午/下午 or an offset) with another.


def _sql_pattern(capture: tuple[str, ...]) -> tuple[str, dict[str, int]]:
    pattern, numbers = possible_pattern(capture)
    ws = r"\t\n\x{0B}\x{0C}\r "
    sql = pattern.replace(r"[\sT]", f"[{ws}T]").replace(r"\s", f"[{ws}]").replace(r"\d", "[0-9]")
    return sql, numbers


_SQL_YMD = _sql_pattern(("year", "month", "day", "month_run", "day_run", "half", "zone"))
_SQL_TIME = _sql_pattern(("hour", "minute", "sign", "zone_hours", "zone_minutes", "cn_hour"))
_SERIAL = "[ ]*([0-9]{5}(?:[.][0-9]+)?)[ ]*"
_CJK = r"[\x{3400}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}]"


@dataclass
class LinkageResult:
    tables: dict[str, Table]
    work_orders: int  # rows counted, rejected rows excluded
    linked: int
    rate: float | None  # None when there are no work orders
    by_reason: dict[str, int]
    rejected: list[Rejected] = field(default_factory=list)


def sql_parse_date(column: str, dialect: Dialect = DUCKDB) -> str:
    """An SQL expression giving the DATE dates.parse_date reads in the column, else NULL.

    Same forms: 2026-09-01, 2026/9/1, 2026年9月1日, 20260901, 2026.9.1 with an optional time
    (10:20, 10时20分, 上午/下午, an offset), 20260305102030, and a 5-digit Excel serial. NULL for
    empty text too: callers tell empty from invalid. The forms systems export (2026-09-01
    10:20:30, 2026/9/1 10:20, 20260901, 20260305102030, 2026-03-05T10:20:30+08:00) skip the
    general pattern, which costs ten times as much. A time with an offset is read on its
    Beijing day (dates.read_date_time): the day shifts by one when the instant falls on
    another day at +08:00.
    """
    d = dialect
    v = f"CAST({column} AS STRING)"
    spaces = d.replace_all(d.strip(f"coalesce({v}, '')", SPACES), r"\p{Z}", " ")
    s = f"translate({spaces}, {d.lit(_DATE_FULLWIDTH)}, {d.lit(_DATE_HALFWIDTH)})"

    def group(name: str) -> str:
        pattern, numbers = _SQL_YMD if name in _SQL_YMD[1] else _SQL_TIME
        return d.extract(s, pattern, numbers[name])

    y, mo, dd, mo2, d2 = (group(g) for g in ("year", "month", "day", "month_run", "day_run"))
    compact = f"left({v}, 4) || '-' || substr({v}, 5, 2) || '-' || substr({v}, 7, 2)"
    stamp = f"left({s}, 4) || '-' || substr({s}, 5, 2) || '-' || substr({s}, 7, 2)"
    number = f"CAST({d.extract(s, _SERIAL, 1)} AS DOUBLE)"  # 1 or more (dates._from_serial)
    days = f"CAST(floor({number}) AS INTEGER)"
    serial = d.add_days("DATE '1899-12-30'", days)
    # with 上午/下午 the hour is 0 to 12; 下午 adds 12 to an hour below 12
    hour_text = f"coalesce(nullif({group('hour')}, ''), nullif({group('cn_hour')}, ''), '0')"
    hour = f"CAST({hour_text} AS INTEGER)"
    half = group("half")
    afternoon = f"(CASE WHEN {half} = {d.lit(AFTERNOON)} AND {hour} < 12 THEN 12 ELSE 0 END)"
    # the offset in minutes east of UTC, the minute of the day in Beijing, the day it moves by
    zone_minutes = (
        f"(CAST(coalesce(nullif({group('zone_hours')}, ''), '0') AS INTEGER) * 60 "
        f"+ CAST(coalesce(nullif({group('zone_minutes')}, ''), '0') AS INTEGER))"
    )
    offset = f"(CASE WHEN {group('sign')} = '-' THEN -{zone_minutes} ELSE {zone_minutes} END)"
    minute = f"CAST(coalesce(nullif({group('minute')}, ''), '0') AS INTEGER)"
    beijing = f"(({hour} + {afternoon}) * 60 + {minute} - {offset} + 480)"
    shift = f"CAST(floor({beijing} / 1440.0) AS INTEGER)"  # -1, 0 or 1

    def on_beijing_day(month: str, day: str) -> str:
        """The date of the groups, moved to the Beijing day when an offset is written."""
        written = f"TRY_CAST({y} || '-' || {month} || '-' || {day} AS DATE)"
        return (
            f"(CASE WHEN {group('zone')} = '' THEN {written} ELSE {d.add_days(written, shift)} END)"
        )

    return (
        f"(CASE WHEN {d.full_match(v, _ISO_DATE)} THEN TRY_CAST(left({v}, 10) AS DATE) "
        f"WHEN {d.full_match(v, _SLASH_DATE)} "
        f"THEN TRY_CAST(replace({d.before_space(v)}, '/', '-') AS DATE) "
        f"WHEN {d.full_match(v, _COMPACT_DATE)} OR {d.full_match(v, _STAMP)} "
        f"THEN TRY_CAST({compact} AS DATE) "
        f"WHEN {d.full_match(v, _ISO_BEIJING)} THEN TRY_CAST(left({v}, 10) AS DATE) "
        f"WHEN {d.full_match(s, _STAMP)} THEN TRY_CAST({stamp} AS DATE) "
        f"WHEN {y} = '' THEN (CASE WHEN {d.full_match(s, _SERIAL)} AND {number} >= 1 "
        f"THEN {serial} END) "
        f"WHEN CAST({y} AS INTEGER) = 0 THEN NULL "
        f"WHEN {d.has(s, '午')} AND {half} <> '' AND {hour} > 12 THEN NULL "
        f"WHEN {mo2} <> '' THEN {on_beijing_day(mo2, d2)} "
        f"WHEN {dd} <> '' THEN {on_beijing_day(mo, dd)} END)"
    )


def sql_mask_name(column: str, dialect: Dialect = DUCKDB) -> str:
    """An SQL expression equal to privacy.mask_name on the (trimmed) column."""
    d = dialect
    s = f"coalesce({column}, '')"
    return (
        f"(CASE WHEN {s} = '' THEN '' WHEN length({s}) = 1 THEN '*' "
        f"WHEN NOT {d.search(s, _CJK)} THEN left({s}, 1) || '***' "
        f"WHEN length({s}) = 2 THEN left({s}, 1) || '*' "
        f"ELSE left({s}, 1) || repeat('*', length({s}) - 2) || right({s}, 1) END)"
    )


def _hide_name(column: str, name: str, dialect: Dialect = DUCKDB, masked: str = "") -> str:
    """The column with the row's applicant name (`name`, trimmed) masked wherever it stands in
    it: a shifted column can put the name where a code, a date or an agency belongs. `masked`
    names a column already holding sql_mask_name(name), so the mask is worked out once a row."""
    return (
        f"(CASE WHEN length({name}) >= 2 AND instr({column}, {name}) > 0 "
        f"THEN replace({column}, {name}, {masked or sql_mask_name(name, dialect)}) "
        f"ELSE {column} END)"
    )


def _hide_lone_name(column: str, dialect: Dialect = DUCKDB) -> str:
    """The column shown masked (sql_mask_name) when it holds a name alone (privacy's
    SQL_NAME_ALONE, after trimming): an order number never is one, so a row shifted past the
    readers' checks cannot show an applicant's name as its 办件编号."""
    s = dialect.strip(f"coalesce({column}, '')", SPACES)
    return (
        f"(CASE WHEN {dialect.full_match(s, SQL_NAME_ALONE)} "
        f"THEN {sql_mask_name(s, dialect)} ELSE {column} END)"
    )


def sql_finding_id(table: str, keys: list[str], dialect: Dialect = DUCKDB) -> str:
    """findings.finding_id in SQL; the keys are expressions already normalised like a code."""
    sep = dialect.lit("\x1f")
    text = " || ".join([dialect.lit(table), *(f"{sep} || {k}" for k in keys)])
    return f"left({dialect.sha256_hex(text)}, 16)"


def lookup_sql(relation: str, dialect: Dialect = DUCKDB) -> tuple[str, str]:
    """The SELECTs giving what each distinct code and each distinct 受理时间 of the relation
    says: (raw, code, reason, decision_key, effective_date) and (raw, accept_date, filled).

    What a code says (its reason, its cancellation) and what a 受理时间 says (its date) are
    worked out once per distinct text, not once per row: a province's millions of work
    orders hold a few thousand codes and a few hundred thousand times."""
    return codes_lookup_sql(relation, dialect), dates_lookup_sql(relation, dialect)


def codes_lookup_sql(relation: str, dialect: Dialect = DUCKDB) -> str:
    """lookup_sql's first SELECT: what each distinct task_code of the relation says."""
    d = dialect
    code_ok = d.full_match("u.code", f"[A-Z0-9-]{{{MIN_CODE_LENGTH},}}")
    return f"""
            SELECT u.raw,
                   u.code,
                   CASE WHEN i.code IS NOT NULL THEN 'linked'
                        WHEN u.code = '' THEN 'missing_code'
                        WHEN NOT {code_ok} THEN 'malformed_code'
                        WHEN b.code IS NOT NULL THEN 'basic_code_only'
                        ELSE 'unknown_code' END AS reason,
                   k.decision_key, k.effective_date
            FROM (
                SELECT t.raw, {sql_normalise_code("t.raw", d)} AS code
                FROM (SELECT DISTINCT coalesce(task_code, '') AS raw FROM {relation}) t
            ) u
            LEFT JOIN _wo_item_codes i ON i.code = u.code
            LEFT JOIN _wo_basic_codes b ON b.code = u.code
            LEFT JOIN _wo_cancelled k ON k.code = u.code
    """


def dates_lookup_sql(relation: str, dialect: Dialect = DUCKDB) -> str:
    """lookup_sql's second SELECT: what each distinct accept_time of the relation says."""
    d = dialect
    return f"""
            SELECT t.raw, {sql_parse_date("t.raw", d)} AS accept_date,
                   {d.strip("t.raw", SPACES)} <> '' AS filled
            FROM (SELECT DISTINCT coalesce(accept_time, '') AS raw FROM {relation}) t
    """


def classify_sql(
    relation: str,
    dialect: Dialect = DUCKDB,
    part: int = 0,
    lookups: tuple[str, str] | None = None,
    unlinked_rows: bool = True,
) -> str:
    """The linkage rule: one SELECT over the work orders giving the staging table.

    Joins the tables of `key_tables`. Every row keeps _part, src_file, src_row, agency, reason,
    rejected and on_cancelled; the other columns are filled only where a table or a message
    needs them, so the staging table of 50 million rows is mostly empty cells.

    Written for speed: codes and dates are read once per distinct text (lookup_sql, as
    CTEs, or the tables named by `lookups`), and trimming, masking and finding ids are paid
    only on the rows a table shows. Without `unlinked_rows` (--work-order-rows none) an
    unlinked row keeps only what unlinked_codes reads of it (no id, code cell, time or shown
    agency).
    """
    codes, dates = lookups or ("codes", "dates")
    made = (
        ""
        if lookups
        else "WITH codes AS ({}), dates AS ({}),".format(*lookup_sql(relation, dialect))
    )
    # what only the per-row table shows of an unlinked row
    listed = "is_unlinked" if unlinked_rows else "false"
    shown = "is_shown" if unlinked_rows else "is_cancelled"
    return (
        f"\n        {made or 'WITH'} c AS ("
        + _classified_rows(relation, dialect, codes, dates)
        + _shown_cells(dialect, listed, shown)
        + _staged_row(dialect, part, listed)
    )  # the decision a cancelled row names is joined back by code when its table is read


def _classified_rows(relation: str, d: Dialect, codes: str, dates: str) -> str:
    """classify_sql's CTEs c to h: each row's code and 受理时间 looked up (`codes`, `dates`:
    lookup_sql's), what the row is (unlinked, on a cancelled item, rejected), and its
    applicant's name trimmed and masked, on the rows a table shows only (`_name_key`: the
    name normalised as a code is, to be found in the normalised code)."""
    agency_hidden = _counted_agency("r", d)
    return f"""
            SELECT r.src_file, r.src_row, coalesce(r.order_no, '') AS order_no,
                   coalesce(r.task_code, '') AS task_code,
                   coalesce(r.accept_time, '') AS accept_time, {agency_hidden} AS agency,
                   coalesce(r.applicant_name, '') AS applicant_name,
                   coalesce(r.applicant_id, '') AS applicant_id,
                   coalesce(r.applicant_phone, '') AS applicant_phone,
                   x.code, x.reason, x.decision_key, x.effective_date, t.accept_date,
                   t.accept_date IS NULL AND t.filled AS rejected
            FROM {relation} r
            JOIN {codes} x ON x.raw = coalesce(r.task_code, '')
            JOIN {dates} t ON t.raw = coalesce(r.accept_time, '')
        ), f AS (
            SELECT c.*,
                   NOT c.rejected AND c.reason <> 'linked' AS is_unlinked,
                   coalesce(NOT c.rejected AND c.reason = 'linked' AND c.decision_key IS NOT NULL
                            AND c.accept_date >= c.effective_date, false) AS is_cancelled
            FROM c
        ), g AS (
            SELECT f.*, (is_unlinked OR is_cancelled) AS is_shown,
                   CASE WHEN is_unlinked OR is_cancelled OR rejected
                        THEN {d.strip("f.applicant_name", SPACES)} END AS _name
            FROM f
        ), h AS (
            SELECT g.*, {sql_mask_name("g._name", d)} AS _masked,
                   CASE WHEN g.is_shown THEN {sql_normalise_code("g._name", d)} END AS _name_key
            FROM g
"""


def _when(condition: str, expr: str, name: str) -> str:
    return f"CASE WHEN {condition} THEN {expr} END AS {name}"


def _shown_cells(d: Dialect, listed: str, shown: str) -> str:
    """classify_sql's CTE k: the cells a table shows, the applicant's name masked wherever it
    stands (`listed`: the rows whose code cell is shown; `shown`: those whose time and agency
    are)."""

    def hidden(column: str) -> str:
        return _hide_name(column, "h._name", d, "h._masked")

    def lone_name(column: str) -> str:
        return _hide_lone_name(column, d)

    # the code is normalised (upper case): the name is sought as normalised too, else a pinyin
    # name typed as the code (zhangsanfeng) would be shown in capitals (ZHANGSANFENG), unmasked
    masked_key = sql_normalise_code("h._masked", d)
    hidden_code = _hide_name("h.code", "h._name_key", d, masked_key)

    order_no = hidden(lone_name("h.order_no"))
    return f"""        ), k AS (
            SELECT h.*,
                   {_when("h.is_shown OR h.rejected", order_no, "_h_order_no")},
                   {_when(listed, hidden("h.task_code"), "_h_task_code")},
                   {_when(f"{shown} OR h.rejected", hidden("h.accept_time"), "_h_accept_time")},
                   {_when(shown, hidden("h.agency"), "_h_agency")},
                   {_when("h.is_shown", hidden_code, "_h_code")}
            FROM h
        )
"""


def _staged_row(d: Dialect, part: int, listed: str) -> str:
    """classify_sql's SELECT: a staged row's columns, each filled only where a table or a
    message needs it (trimming and finding ids paid on those rows alone)."""
    order_key = sql_normalise_code("f.order_no", d)  # removes the spaces strip() would
    fid_unlinked = sql_finding_id(UNLINKED, [order_key, "f.code", "upper(f.reason)"], d)
    fid_cancelled = sql_finding_id(ON_CANCELLED, [order_key, "f.code", "f.decision_key"], d)
    days_after = d.days_between("f.accept_date", "f.effective_date")

    def strip(expr: str) -> str:  # str.strip(), paid only on the rows a table shows
        return d.strip(expr, SPACES)

    return f"""        SELECT CAST({part} AS INTEGER) AS _part, f.src_file, f.src_row,
               f.agency, f.reason, f.rejected, f.is_cancelled AS on_cancelled,
               {strip("f._h_order_no")} AS order_no,
               {strip("f._h_task_code")} AS task_code,
               {strip("f._h_accept_time")} AS accept_time,
               {strip("f._h_agency")} AS shown_agency,
               f._h_code AS code,
               {_when(listed, fid_unlinked, "fid_unlinked")},
               {_when("f.is_unlinked", "f.accept_date", "accept_date")},
               {_when("f.is_cancelled", fid_cancelled, "fid_cancelled")},
               {_when("f.is_cancelled", "f._masked", "applicant")},
               {_when("f.rejected", "f.applicant_name", "r_name")},
               {_when("f.rejected", "f.applicant_id", "r_id")},
               {_when("f.rejected", "f.applicant_phone", "r_phone")},
               {_when("f.is_cancelled", days_after, "days_after")}
        FROM k f
    """


def _counted_agency(row: str, dialect: Dialect = DUCKDB) -> str:
    """The agency a work order (alias `row`) is counted under, its applicant's name masked.

    A shifted column can put the applicant's name where a code, a date or an agency belongs.
    It is masked where a row is shown, and in the agency every row is counted under (cheap:
    the test is a substring search, and trimming the name is paid only when it matches)."""
    d = dialect
    raw_name = f"coalesce({row}.applicant_name, '')"
    agency = f"coalesce({row}.agency, '')"
    return (
        f"CASE WHEN {raw_name} = '' OR NOT {d.has_expr(agency, d.strip(raw_name, SPACES))} "
        f"THEN {agency} ELSE {_hide_name(agency, d.strip(raw_name, SPACES), d)} END"
    )


def coded_sql(relation: str) -> str:
    """One file's work orders counted by file, code cell and the agency they are counted under
    (DuckDB): the one pass over its rows that both the code lookup (lookup_sql, over these
    groups' distinct codes) and the counts (counts_sql) read. A province's millions of work
    orders come to about one group per code and agency."""
    return f"""
        SELECT r.src_file, coalesce(r.task_code, '') AS raw, {_counted_agency("r")} AS agency,
               count(*) AS _n
        FROM {relation} r GROUP BY ALL
    """


def counts_sql(coded: str, part: int, codes: str, shown: str) -> str:
    """The counts by COUNTED of one file (DuckDB), from `coded` (coded_sql's groups) and the
    rows of `shown` (its rows of SHOWN): every row is counted by its code alone (`codes`:
    lookup_sql's first table), and the rejected rows, all of which `shown` holds, are taken
    out of those counts and counted as rejected. So no pass reads a 受理时间 for the counts,
    and none reads the file's rows again."""
    keys = "_part, src_file, agency, reason"
    return f"""
        WITH everyone AS (
            SELECT CAST({part} AS INTEGER) AS _part, c.src_file, c.agency, x.reason,
                   sum(c._n) AS _n
            FROM {coded} c JOIN {codes} x ON x.raw = c.raw
            GROUP BY ALL
        ), refused AS (
            SELECT {keys}, count(*) AS _n FROM {shown} WHERE rejected GROUP BY ALL
        )
        SELECT e._part, e.src_file, e.agency, e.reason, false AS rejected,
               CAST(e._n - coalesce(f._n, 0) AS BIGINT) AS _n
        FROM everyone e LEFT JOIN refused f USING ({keys})
        WHERE e._n > coalesce(f._n, 0)
        UNION ALL
        SELECT {keys}, true AS rejected, _n FROM refused
    """


KeyTables = dict[str, tuple[list[str], list[list[Any]]]]


def key_tables(
    items: list[ListItem], basic_codes: set[str], cancelled: dict[str, CancelledInfo]
) -> KeyTables:
    """The small tables the rule joins with: name -> (column names, column values)."""
    keys = sorted(k for k in cancelled if k)
    info = [cancelled[k] for k in keys]
    return {
        "_wo_item_codes": (["code"], [sorted({i.task_code for i in items if i.task_code})]),
        "_wo_basic_codes": (["code"], [sorted(c for c in basic_codes if c)]),
        "_wo_cancelled": (
            ["code", "decision", "decision_key", "decision_seq", "effective_date",
             "match_tier", "evidence", "item_name"],
            [keys, [i.decision for i in info], [normalise_code(i.decision) for i in info],
             [i.decision_seq for i in info], [i.effective_date for i in info],
             [i.match_tier for i in info], [i.evidence for i in info],
             [i.item_name for i in info]],
        ),
    }  # fmt: skip


def _load_keys(con: duckdb.DuckDBPyConnection, tables: KeyTables) -> None:
    for name, (columns, values) in tables.items():
        cols = ", ".join(
            f"unnest(${i + 1}::{'DATE' if c == 'effective_date' else 'VARCHAR'}[]) AS {c}"
            for i, c in enumerate(columns)
        )
        temp = "" if "." in name else "TEMP "
        con.execute(f"CREATE OR REPLACE {temp}TABLE {name} AS SELECT {cols}", values)


# What linkage_tables reads of a row that no table shows: its counts (COUNTED, by `_n`).
COUNTED = "_part, src_file, agency, reason, rejected"
# The rows a table shows or rejects: unlinked, on a cancelled item, or rejected.
SHOWN = "rejected OR reason <> 'linked' OR on_cancelled"


@dataclass
class Staged:
    """The classified work orders: `shown` holds the rows of SHOWN (at least: the Spark
    engine's holds every row), `counts` the work orders by COUNTED, in `_n`."""

    shown: str
    counts: str


def stage_work_orders(
    con: duckdb.DuckDBPyConnection,
    source: WorkOrderSource,
    progress: Progress | None = None,
    unlinked_rows: bool = True,
) -> Staged:
    """Classify every file, keeping only what is shown and the counts of the rest.

    No stage of all rows. The table the reader made is read in three passes: its rows counted
    by code cell and agency (coded_sql), from which what each distinct code says is worked out
    (lookup_sql) and the counts by COUNTED are summed (counts_sql: by code alone, the rejected
    rows taken from the shown ones); the distinct 受理时间 (lookup_sql); and the rows a table
    shows, into a table. With `unlinked_rows` the shown rows are stored sorted by src_row (a
    hash join in DuckDB hands rows on out of order), and the view over the files' tables takes
    them in the order of the per-row tables: unlinked_work_orders reads them as they stand."""
    _attach_stage(con)
    parts = source.parts or [(source.relation, 0)]
    order = sorted(range(len(parts)), key=lambda n: (source.files[n] if source.parts else "", n))
    total = sum(size for _, size in parts) or 1
    # stored in file order, so that unlinked_work_orders needs no sorted copy (TableQuery)
    in_order = " ORDER BY src_row" if unlinked_rows else ""
    rows = sum(size / source.bytes_per_row.get(n, 200) for n, (_, size) in enumerate(parts))
    done = 0
    for n in order:
        relation, size = parts[n]
        coded, lookups = f"_wo_coded_{n}", (f"_wo_codes_{n}", f"_wo_dates_{n}")
        classified = classify_sql(relation, DUCKDB, n, lookups, unlinked_rows)
        # the codes read from the counted groups, not by a DISTINCT over the rows again
        codes = codes_lookup_sql(f"(SELECT raw AS task_code FROM {coded})")
        dates = dates_lookup_sql(relation)
        sql = ";".join(
            [
                f"CREATE OR REPLACE TEMP TABLE {coded} AS {coded_sql(relation)}",
                f"CREATE OR REPLACE TEMP TABLE {lookups[0]} AS {codes}",
                f"CREATE OR REPLACE TEMP TABLE {lookups[1]} AS {dates}",
                f"CREATE OR REPLACE TABLE {STAGE}.shown_{n} AS "
                f"SELECT * FROM ({classified}) WHERE {SHOWN}{in_order}",
                f"CREATE OR REPLACE TABLE {STAGE}.counts_{n} AS "
                + counts_sql(coded, n, lookups[0], f"{STAGE}.shown_{n}"),
                *(f"DROP TABLE {t}" for t in (coded, *lookups)),
            ]
        )  # fmt: skip
        # the file was read into a table already: DuckDB's own progress of the query tells
        with QueryWatch(con, progress, done / total, size / total, rows):
            source.run(con, sql, n)
        done += size
    for kind in ("shown", "counts"):
        con.execute(
            f"CREATE OR REPLACE VIEW {STAGE}.work_orders_{kind} AS "
            + " UNION ALL ".join(f"SELECT * FROM {STAGE}.{kind}_{n}" for n in order)
        )
    return Staged(f"{STAGE}.work_orders_shown", f"{STAGE}.work_orders_counts")


def counted(staged: str) -> str:
    """The counts relation (Staged.counts) of a relation holding every classified row."""
    return f"(SELECT {COUNTED}, count(*) AS _n FROM {staged} GROUP BY {COUNTED})"


def _attach_stage(con: duckdb.DuckDBPyConnection) -> None:
    """A database file in the work directory for the staging tables: DuckDB compresses them and
    keeps in memory only what fits its memory limit. (TEMP tables would not be seen by the
    cursors the writers read through; an in-memory database is evicted too, but uncompressed:
    measured slower overall, docs/performance.md.)"""
    if con.execute(f"SELECT count(*) FROM duckdb_databases() WHERE database_name = '{STAGE}'"
                   ).fetchone() != (0,):  # fmt: skip
        return
    row = con.execute("SELECT current_setting('temp_directory')").fetchone()
    spill = Path(str(row[0])) if row and row[0] else None
    if spill is None or str(spill) in ("", ".tmp"):
        con.execute(f"ATTACH ':memory:' AS {STAGE}")
        return
    spill.mkdir(parents=True, exist_ok=True)
    con.execute(f"ATTACH {DUCKDB.lit(str(spill / 'stage.duckdb'))} AS {STAGE}")


@dataclass
class ClosestItems:
    """The list item nearest a well-formed code no list item has, by the code tier's key.

    A code layout of the mapping reads a 基本编码 from the code, as it reads a list item's; of
    the list items carrying that 基本编码, the one whose 实施编码 shares the longest start with
    the code is the closest (the smallest 实施编码 among equals). The evidence says which.
    """

    derive: Callable[[str], tuple[str, str]]  # code -> (基本编码, layout) or ("", "")
    by_basic: dict[str, list[tuple[str, str]]]  # 基本编码 -> sorted (实施编码, 事项名称)
    # derive's SQL twin over a column `code` (Mapping.sql_derive_basic_code), or None
    derive_sql: tuple[str, str] | None = None

    @classmethod
    def of(cls, items: list[ListItem], mapping: Mapping) -> ClosestItems:
        by_basic: dict[str, dict[str, str]] = {}
        for i in items:
            if i.basic_code and i.task_code:
                by_basic.setdefault(i.basic_code, {}).setdefault(i.task_code, i.name)
        return cls(
            mapping.derive_basic_code,
            {b: sorted(found.items()) for b, found in by_basic.items()},
            mapping.sql_derive_basic_code("code"),
        )

    def find(self, code: str) -> tuple[str, str, str]:
        """(closest 实施编码, its 事项名称, evidence) for a normalised code."""
        basic, layout = self.derive(code)
        found = self.by_basic.get(basic) if basic else None
        if not found:
            return "", "", _carried_by_none(basic, layout)
        return self._closest(code, basic, layout, found)

    def find_all(self, codes: list[str]) -> tuple[list[str], list[str], list[str], set[str]]:
        """find of each code, as three columns, and the layouts that read their 基本编码. A loop
        of its own, half find's time a code: on generated files every unknown code is distinct
        (600,000 at 10 million work orders) and nearly all derive a 基本编码 no item carries."""
        derive, by_basic = self.derive, self.by_basic
        items: list[str] = []
        names: list[str] = []
        whys: list[str] = []
        layouts: set[str] = set()
        for code in codes:
            basic, layout = derive(code)
            found = by_basic.get(basic) if basic else None
            if found:
                item, name, why = self._closest(code, basic, layout, found)
            else:
                item, name, why = "", "", _carried_by_none(basic, layout)
            items.append(item)
            names.append(name)
            whys.append(why)
            layouts.add(layout)
        return items, names, whys, layouts

    @staticmethod
    def _closest(
        code: str, basic: str, layout: str, found: list[tuple[str, str]]
    ) -> tuple[str, str, str]:
        """The item of `found` (sorted) sharing the longest start with the code, the first of
        equals."""
        shared = [_shared_start(task_code, code) for task_code, _ in found]
        best = shared.index(max(shared))
        return (
            *found[best],
            f"its 基本编码 {basic} (layout {layout}) is carried by {len(found)} list item(s), "
            f"the closest 实施编码 shares its first {shared[best]} characters",
        )


def _carried_by_none(basic: str, layout: str) -> str:
    """The evidence of ClosestItems for a code whose 基本编码 (if any) no list item carries."""
    if not basic:
        return _READ_BY_NONE
    return f"its 基本编码 {basic} (layout {layout}) is carried by no list item"


_READ_BY_NONE = "no code layout reads a 基本编码 from it"


def _sql_carried_by_none(basic: str, layout: str) -> str:
    """_carried_by_none in SQL, over the columns `basic` and `layout`."""
    start, middle, end = _carried_by_none("\0", "\0").split("\0")
    lit = DUCKDB.lit
    return (
        f"CASE WHEN {basic} = '' THEN {lit(_READ_BY_NONE)} "
        f"ELSE {lit(start)} || {basic} || {lit(middle)} || {layout} || {lit(end)} END"
    )


def _shared_start(a: str, b: str) -> int:
    """How many characters a and b share from their start."""
    return len(os.path.commonprefix([a, b]))


def link_work_orders(
    con: duckdb.DuckDBPyConnection,
    source: WorkOrderSource,
    items: list[ListItem],
    basic_codes: set[str],
    cancelled: dict[str, CancelledInfo],
    as_of: date,
    *,
    progress: Progress | None = None,
    closest: ClosestItems | None = None,
    work_order_rows: str = "all",
) -> LinkageResult:
    """Classify every work order (see the module docstring) and build the four tables."""
    keys = key_tables(items, basic_codes, cancelled)
    _load_keys(con, keys)
    staged = stage_work_orders(con, source, progress, work_order_rows != "none")
    return linkage_tables(
        con, staged.shown, work_order_rows != "none", source, as_of, keys,
        counts=staged.counts, closest=closest, work_order_rows=work_order_rows,
    )  # fmt: skip


def linkage_tables(
    con: duckdb.DuckDBPyConnection,
    staged: str,
    ordered: bool,
    source: WorkOrderSource,
    as_of: date,
    keys: KeyTables,
    *,
    counts: str | None = None,
    closest: ClosestItems | None = None,
    work_order_rows: str = "all",
) -> LinkageResult:
    """The four tables and the counts from the staging relation, whichever engine made it;
    `keys` are the key tables the rule joined (their cancellations are joined back here).
    `staged` holds at least the rows a table shows, `counts` the counts of every row (see
    Staged; made from `staged` when not given); `ordered`: `staged` hands its rows on in the
    per-row tables' order (stage_work_orders' does, with the unlinked rows). With
    `work_order_rows` "none" the per-row unlinked_work_orders is left out."""
    counts = counts or counted(staged)
    _attach_stage(con)
    _load_keys(con, {f"{STAGE}.cancelled": keys["_wo_cancelled"]})
    parts = _rows_read(con, counts, source)
    rejected = _with_date_rejections(con, staged, source)
    linkage, total = _linkage_by_agency(con, counts)
    codes = unlinked_codes(con, staged, [r["agency"] for r in linkage.rows], closest, as_of)
    rank, order = _file_rank(list(parts))
    unlinked = None  # --work-order-rows none: not made at all (its ids cost a pass)
    if work_order_rows != "none":
        unlinked = _unlinked_work_orders(con, staged, ordered, as_of, rank, order)
    on_cancelled = _on_cancelled_items(con, staged, as_of, rank, order)
    shown = (linkage, unlinked, codes, on_cancelled)
    tables = {t.name: t for t in shown if t is not None}
    return LinkageResult(
        tables=tables,
        work_orders=total["work_orders"],
        linked=total["linked"],
        rate=total["linkage_rate"],
        by_reason={r: total[r] for r in REASONS},
        rejected=rejected,
    )


def _rows_read(
    con: duckdb.DuckDBPyConnection, counts: str, source: WorkOrderSource
) -> dict[tuple[str, int], int]:
    """Rows read per (file, part), from the counts; each file's total (rows the reader rejected
    are read rows too) goes into `source.rows`, every file listed even when empty."""
    refused: dict[str, int] = {}
    for r in source.rejected:
        refused[r.file] = refused.get(r.file, 0) + 1
    source.rows.clear()
    parts: dict[tuple[str, int], int] = {}
    for file, part, n in con.execute(
        f"SELECT src_file, _part, sum(_n) FROM {counts} GROUP BY 1, 2"
    ).fetchall():
        parts[(file, part)] = int(n)
        source.rows[file] = source.rows.get(file, refused.get(file, 0)) + int(n)
    for file, n in refused.items():
        source.rows.setdefault(file, n)
    for file in source.files:
        source.rows.setdefault(file, 0)
    return parts


def _with_date_rejections(
    con: duckdb.DuckDBPyConnection, staged: str, source: WorkOrderSource
) -> list[Rejected]:
    """The reader's rejections and the rule's (a 受理时间 that is not a date, its personal
    cells redacted), in file order, then row order."""
    header = source.header
    rejected = source.rejected + [
        Rejected(
            file,
            row,
            f"{header(file, 'accept_time')} '{redact(accept_time, name, id_, phone)}' "
            "is not a date",
            header(file, "accept_time"),
        )
        for file, row, accept_time, name, id_, phone in con.execute(
            f"SELECT src_file, src_row, accept_time, r_name, r_id, r_phone FROM {staged} "
            "WHERE rejected ORDER BY src_file, _part, src_row"
        ).fetchall()
    ]
    order = {f: i for i, f in enumerate(source.files)}
    rejected.sort(key=lambda r: (order.get(r.file, len(order)), r.row))
    return rejected


def _linkage_by_agency(con: duckdb.DuckDBPyConnection, counts: str) -> tuple[Table, dict[str, Any]]:
    """work_order_linkage: one row per agency (trimmed; blank as NO_AGENCY), most work orders
    first, then the total row (also returned on its own)."""
    linkage = new_table("work_order_linkage")
    by_reason = ", ".join(f"coalesce(sum(_n) FILTER (reason = '{r}'), 0) AS {r}" for r in REASONS)
    sums = ", ".join(f"sum({r})::BIGINT AS {r}" for r in REASONS)
    cur = con.execute(
        f"""
        SELECT CASE WHEN agency = '' THEN '{NO_AGENCY}' ELSE agency END AS agency,
               sum(work_orders)::BIGINT AS work_orders, sum(linked)::BIGINT AS linked, {sums}
        FROM (
            SELECT trim(agency, {DUCKDB.lit(SPACES)}) AS agency, sum(_n) AS work_orders,
                   coalesce(sum(_n) FILTER (reason = 'linked'), 0) AS linked, {by_reason}
            FROM {counts} c WHERE NOT rejected GROUP BY c.agency
        ) GROUP BY 1 ORDER BY work_orders DESC, agency
    """
    )
    names = [c[0] for c in cur.description]
    for values in cur.fetchall():
        r = dict(zip(names, values, strict=True))
        r["linkage_rate"] = round(r["linked"] / r["work_orders"], 4)
        linkage.rows.append(r)
    total: dict[str, Any] = {"agency": TOTAL}
    for key in ("work_orders", "linked", *REASONS):
        total[key] = sum(r[key] for r in linkage.rows)
    rate = round(total["linked"] / total["work_orders"], 4) if total["work_orders"] else None
    total["linkage_rate"] = rate
    linkage.rows.append(total)
    return linkage, total


def _unlinked_work_orders(
    con: duckdb.DuckDBPyConnection,
    staged: str,
    ordered: bool,
    as_of: date,
    rank: str,
    order: tuple[str, ...],
) -> StreamedTable:
    """unlinked_work_orders: every unlinked row, streamed in file and row order."""
    unlinked_rows = f"FROM {staged} WHERE NOT rejected AND reason <> 'linked'"
    return _streamed(
        con,
        UNLINKED,
        f"""
        SELECT fid_unlinked AS _fid, _part, order_no, task_code, reason,
               shown_agency AS agency, accept_time, {_REASON_EVIDENCE} AS evidence,
               {_REASON_EVIDENCE_ZH} AS _evidence_zh,
               src_file AS source_file, src_row AS source_row, {rank} AS _rank
        {unlinked_rows}
        """,
        ordered,
        as_of,
        zh={"evidence": "_evidence_zh"},
        order=order,
        texts=f"SELECT {', '.join(UNLINKED_TEXTS)} {unlinked_rows}",
    )


def _on_cancelled_items(
    con: duckdb.DuckDBPyConnection, staged: str, as_of: date, rank: str, order: tuple[str, ...]
) -> StreamedTable:
    """work_orders_on_cancelled_items: rows whose code is a cancelled item's, with the
    cancellation joined back (the join may reorder rows: sorted again, they are few)."""
    return _streamed(
        con,
        ON_CANCELLED,
        f"""
        SELECT s.fid_cancelled AS _fid, s._part, s.order_no, s.code AS task_code, k.item_name,
               s.shown_agency AS agency, s.applicant, s.accept_time, k.decision, k.decision_seq,
               CAST(k.effective_date AS VARCHAR) AS effective_date, s.days_after, k.match_tier,
               k.evidence, s.src_file AS source_file, s.src_row AS source_row, {rank} AS _rank
        FROM {staged} s JOIN {STAGE}.cancelled k ON k.code = s.code
        WHERE s.on_cancelled
        """,
        False,
        as_of,
        order=order,
    )


# The evidence of an unlinked work order: why its code links to no list item ({code}: the
# normalised code). The last is the ELSE of _REASON_EVIDENCE.
_REASON_SENTENCES = {
    "missing_code": "missing_code: the 实施编码 cell is empty",
    "malformed_code": f"malformed_code: '{{code}}' is not an 实施编码 (at least {MIN_CODE_LENGTH} "
    "characters: letters, digits, hyphens)",
    "basic_code_only": "basic_code_only: {code} is the 基本编码 of a catalogue matter or list "
    "item, not an 实施编码",
    "unknown_code": "unknown_code: {code} is well formed but no list item has it",
}
# The staged texts of an unlinked work order that can hold an ID or mobile number exactly when
# its row of unlinked_work_orders can (searched before the table is copied out: reports): the
# cells as shown, the file's name, and the code in place of the evidence. The evidence is a
# sentence of _REASON_SENTENCES around the code: its words hold no number, and the characters
# beside {code} (a quote, a space) end a number as the ends of a cell do (a test keeps them so;
# a missing code is empty). The other texts are made here: finding id, status, reason, and
# first_seen, a date. Half the text of a row: the sentences are not built to be searched.
UNLINKED_TEXTS = ("order_no", "task_code", "shown_agency", "accept_time", "code", "src_file")
_CODE_MARK = "CODEMARK0"  # stands for the code where a sentence is rendered once, in Python


def _reason_evidence(sentences: dict[str, str | None]) -> str:
    """CASE reason: each sentence with `code` in place of {code} (NULL for None)."""

    def sql(text: str | None) -> str:
        if text is None:
            return "NULL"
        pieces = []
        for n, part in enumerate(text.split("{code}")):
            pieces += (["code"] if n else []) + ([DUCKDB.lit(part)] if part else [])
        return " || ".join(pieces) or "''"

    *whens, last = sentences.items()
    cases = " ".join(f"WHEN '{reason}' THEN {sql(text)}" for reason, text in whens)
    return f"CASE reason {cases} ELSE {sql(last[1])} END"


def _rendered_zh(text: str) -> str | None:
    """A sentence of _REASON_SENTENCES as vocab.cell renders it in Chinese, {code} kept; None
    when it does not render (vocab.cell then renders each cell)."""
    marked = text.replace("{code}", _CODE_MARK)
    shown = str(cell("evidence", marked, "zh"))
    if shown == marked or shown.count(_CODE_MARK) != marked.count(_CODE_MARK):
        return None
    return shown.replace(_CODE_MARK, "{code}")


_REASON_EVIDENCE = _reason_evidence(dict(_REASON_SENTENCES))
# The same in Chinese, as vocab.cell renders a row's sentence: the code stands in it as the
# mark did, as it holds neither ';' nor a line break (the code is upper case: it cannot hold the
# template's English either). Else NULL: vocab.cell renders the cell (streamed.rendered).
_REASON_EVIDENCE_ZH = (
    "CASE WHEN contains(code, ';') OR contains(code, chr(10)) THEN NULL ELSE "
    + _reason_evidence({r: _rendered_zh(t) for r, t in _REASON_SENTENCES.items()})
    + " END"
)


def unlinked_codes(
    con: duckdb.DuckDBPyConnection,
    staged: str,
    agencies: list[str],
    closest: ClosestItems | None,
    as_of: date,
) -> StreamedTable:
    """unlinked_codes: the unlinked work orders grouped by agency, normalised code and reason.

    Agencies in the order of work_order_linkage (`agencies`), then the most work orders first;
    the examples are the first EXAMPLES non-empty 办件编号 in table order; an unknown code
    names its closest list item (ClosestItems, asked once per distinct code). A streamed table:
    generated files hold hundreds of thousands of codes. Finding ids are made in SQL (as
    findings.finding_id makes them; TableQuery gives repeats of one id #2, #3 in table order),
    and the evidence in Chinese beside the English (see _codes_evidence_zh).

    Only the narrow columns are stored (`_codes_grouped`: the groups, their ids and order);
    the evidence sentences are made by the table's query, as TableQuery writes it: a wide
    table written into the stage file costs more than the sentences (1.3 s of CPU at 10M)."""
    grouped = f"{STAGE}.codes_grouped"
    key = _example_key(con, staged)
    con.execute(
        f"CREATE OR REPLACE TABLE {grouped} AS " + _codes_grouped(staged, key, len(agencies) + 1),
        [agencies, list(REASONS)],
    )
    _closest_table(con, grouped, closest)
    reasons = f"SELECT *, {_REASON_EVIDENCE} AS reason_evidence, {_REASON_EVIDENCE_ZH} AS reason_zh"
    base = f"""
        SELECT g._fid, 0 AS _part, g.agency, g.code, g.reason, g.work_orders, g.first_accepted,
               g.last_accepted, g.example_order_nos,
               coalesce(c.closest_item_code, '') AS closest_item_code,
               coalesce(c.closest_item_name, '') AS closest_item_name,
               g.reason_evidence || coalesce('; ' || c.why, '') AS evidence,
               {_codes_evidence_zh("g", "c")} AS _evidence_zh, g._ord
        FROM ({reasons} FROM {grouped}) g
        LEFT JOIN {CLOSEST} c ON g.reason = 'unknown_code' AND c.code = g.code
    """
    template = new_table(CODES)
    query = TableQuery(
        con, CODES, TABLE_COLUMNS[CODES], base, ordered=False, as_of=as_of,
        order=("_ord",), zh={"evidence": "_evidence_zh"}, indent_json=True,
        ids=f"SELECT _fid FROM {grouped}",  # CLOSEST has a row per code: the join adds none
    )  # fmt: skip
    return StreamedTable(CODES, template.columns, query, template.counts_as_discrepancy)


def _codes_grouped(staged: str, key: str, unlisted: int) -> str:
    """The groups of unlinked_codes with their finding ids (`_fid`) and places (`_ord`): the
    agency's place in $1 (`unlisted` when absent), the most work orders first, the reason's
    place in $2, the code. The examples are the first by `key` (_example_key). Each agency is
    normalised once for the ids, not once a row (a Chinese agency takes sql_normalise_code's
    slowest branch); the window sorts these narrow rows alone."""
    agency = f"trim(agency, {DUCKDB.lit(SPACES)})"
    keys = ["a.agency_key", *(sql_normalise_code(k) for k in ("g.code", "g.reason"))]
    return f"""
        WITH g AS (
            SELECT agency, code, reason, count(*) AS work_orders,
                   coalesce(CAST(min(accept_date) AS VARCHAR), '') AS first_accepted,
                   coalesce(CAST(max(accept_date) AS VARCHAR), '') AS last_accepted,
                   coalesce(array_to_string(min_by(order_no, {key}, {EXAMPLES})
                            FILTER (WHERE order_no <> ''), '、'), '') AS example_order_nos
            FROM (
                SELECT CASE WHEN {agency} = '' THEN '{NO_AGENCY}' ELSE {agency} END AS agency,
                       coalesce(code, '') AS code, reason, accept_date,
                       coalesce(order_no, '') AS order_no, src_file, _part, src_row
                FROM {staged} WHERE NOT rejected AND reason <> 'linked'
            ) GROUP BY agency, code, reason
        ), a AS (
            SELECT agency, {sql_normalise_code("agency")} AS agency_key
            FROM (SELECT DISTINCT agency FROM g)
        )
        SELECT {sql_finding_id(CODES, keys)} AS _fid,
               row_number() OVER (ORDER BY coalesce(list_position($1, g.agency), {unlisted}),
                                  g.work_orders DESC, list_position($2, g.reason), g.code) AS _ord,
               g.*
        FROM g JOIN a ON a.agency IS NOT DISTINCT FROM g.agency
    """


def _example_key(con: duckdb.DuckDBPyConnection, staged: str) -> str:
    """What the examples of unlinked_codes are the first by: the table order (src_file, _part,
    src_row), as one integer when it can be (the file's rank by _file_rank, then the row):
    `min_by` over an integer keeps its heaps cheaper than over a struct (the GROUP BY at 10M:
    0.44 against 0.73 s of CPU). The struct when a part number names more than one file, a
    cell of the three is empty or a row number is negative, or the key would pass 62 bits."""
    struct = "(src_file, _part, src_row)"
    parts = con.execute(
        f"SELECT src_file, _part, min(src_row), max(src_row), count(*) - count(src_row) "
        f"FROM {staged} WHERE NOT rejected AND reason <> 'linked' GROUP BY ALL"
    ).fetchall()
    if not parts or any(None in p or p[2] < 0 or p[4] for p in parts):
        return struct
    rows = max(p[3] for p in parts) + 1
    if len(parts) == 1:
        return "src_row"
    rank, order = _file_rank([(file, part) for file, part, *_ in parts])
    if order == SOURCE_ORDER or len(parts) * rows >= 1 << 62:
        return struct
    return f"({rank} * CAST({rows} AS BIGINT) + src_row)"


def _closest_table(
    con: duckdb.DuckDBPyConnection, grouped: str, closest: ClosestItems | None
) -> None:
    """CLOSEST: for each distinct unknown code of `grouped` its closest list item and the
    evidence saying why, in English and in Chinese (`why_zh`, by _why_zh: each is a sentence
    of its own, with the code's 基本编码 in it). Asked in batches of CLOSEST_BATCH codes, each
    handed to DuckDB as NumPy arrays: on generated files every unknown code is distinct (3
    million at 50M rows), and all of them at once in Python raised the peak by 2 GB."""
    names = ("code", "closest_item_code", "closest_item_name", "why")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {CLOSEST}_in ({', '.join(f'{n} VARCHAR' for n in names)})"
    )
    layouts: set[str] = set()
    if closest is not None:
        found = _closest_in_sql(con, grouped, closest)
        if found is None:
            for codes in _unknown_codes(con, grouped):
                *columns, seen = closest.find_all(codes)
                layouts |= seen
                _append_columns(
                    con, f"{CLOSEST}_in", dict(zip(names, [codes, *columns], strict=True))
                )
        else:
            layouts = found
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {CLOSEST} AS "
        f"SELECT *, {_why_zh(con, 'why', layouts)} AS why_zh FROM {CLOSEST}_in"
    )


def _closest_in_sql(
    con: duckdb.DuckDBPyConnection, grouped: str, closest: ClosestItems
) -> set[str] | None:
    """_closest_table's rows of `CLOSEST_in` with the 基本编码 read from each code in SQL
    (ClosestItems.derive_sql), and the layouts read; None, nothing written, when the layouts
    cannot be read in SQL. Only the codes whose 基本编码 a list item carries go through Python
    (ClosestItems._closest, given the 基本编码 SQL read): on generated files nearly every
    unknown code is distinct and of a 基本编码 nobody carries, and asking Python of each cost
    ~2 s of CPU at 10M work orders."""
    if closest.derive_sql is None:
        return None
    basic, layout = closest.derive_sql
    derived = f"{CLOSEST}_derived"
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {derived} AS "
            f"SELECT code, {basic} AS basic, {layout} AS layout "
            f"FROM (SELECT DISTINCT code FROM {grouped} WHERE reason = 'unknown_code')"
        )
    except duckdb.Error:  # a pattern RE2 does not take
        return None
    carried = f"{CLOSEST}_carried"
    _append_columns(con, carried, {"basic": sorted(closest.by_basic)}, create=True)
    con.execute(
        f"INSERT INTO {CLOSEST}_in SELECT d.code, '', '', "
        f"{_sql_carried_by_none('d.basic', 'd.layout')} FROM {derived} d "
        f"ANTI JOIN {carried} c ON c.basic = d.basic"
    )
    rows = con.execute(
        f"SELECT d.code, d.basic, d.layout FROM {derived} d "
        f"SEMI JOIN {carried} c ON c.basic = d.basic"
    ).fetchall()
    # the 基本编码 as SQL read it: not derived a second time in Python
    found = [closest._closest(c, b, lay, closest.by_basic[b]) for c, b, lay in rows]
    columns = [list(col) for col in zip(*found, strict=True)] or [[], [], []]
    names = ("code", "closest_item_code", "closest_item_name", "why")
    codes = [c for c, _, _ in rows]
    _append_columns(con, f"{CLOSEST}_in", dict(zip(names, [codes, *columns], strict=True)))
    layouts = {name for (name,) in con.execute(f"SELECT DISTINCT layout FROM {derived}").fetchall()}
    con.execute(f"DROP TABLE {derived}; DROP TABLE {carried}")
    return layouts


def _why_zh(con: duckdb.DuckDBPyConnection, why: str, layouts: set[str]) -> str:
    """vocab.sql_cell of the evidence `why`, in Chinese; a sentence of _carried_by_none whose
    基本编码 is plain ([A-Z0-9-]+, as every unknown code's) made from the layout's sentence
    rendered once with a mark in its place. sql_cell's regular expressions cost ~1 s of CPU on
    600,000 sentences. Exact as _REASON_EVIDENCE_ZH is: no template's literal text holds a
    capital letter, a digit or a hyphen (tests), so a plain 基本编码 cannot change which
    template a sentence fits nor where its values split; the mark, plain too, shows where the
    基本编码 goes. A layout whose sentence does not show the mark once is left to sql_cell."""
    whens = []
    for layout in sorted(layouts - {""}):
        marked = _carried_by_none(_CODE_MARK, layout)
        found = con.execute(f"SELECT {sql_cell('evidence', DUCKDB.lit(marked), 'zh')}").fetchone()
        shown = str(found[0]) if found else ""
        if marked.count(_CODE_MARK) != 1 or shown.count(_CODE_MARK) != 1:
            continue
        start, end = marked.split(_CODE_MARK)
        basic = f"substr({why}, {len(start) + 1}, length({why}) - {len(start) + len(end)})"
        zh_start, zh_end = shown.split(_CODE_MARK)
        whens.append(
            f"WHEN starts_with({why}, {DUCKDB.lit(start)}) AND ends_with({why}, {DUCKDB.lit(end)})"
            f" AND length({why}) > {len(start) + len(end)} "
            f"AND regexp_full_match({basic}, '[A-Z0-9-]+') "
            f"THEN {DUCKDB.lit(zh_start)} || {basic} || {DUCKDB.lit(zh_end)}"
        )
    cell = sql_cell("evidence", why, "zh")
    return f"(CASE {' '.join(whens)} ELSE {cell} END)" if whens else cell


CLOSEST_BATCH = 50_000  # unknown codes asked of ClosestItems at a time (_closest_table)


def _unknown_codes(con: duckdb.DuckDBPyConnection, grouped: str) -> Iterator[list[str]]:
    """The distinct unknown codes of `grouped` (a staging table: a cursor sees it), in lists
    of at most CLOSEST_BATCH, read through a cursor of their own while `con` stores them."""
    cursor = con.cursor()
    try:
        cursor.execute(f"SELECT DISTINCT code FROM {grouped} WHERE reason = 'unknown_code'")
        while batch := cursor.fetchmany(CLOSEST_BATCH):
            yield [code for (code,) in batch]
    finally:
        cursor.close()


def _append_columns(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: dict[str, Any],
    create: bool = False,
) -> None:
    """Append text columns to `table` (same column names), handed over as NumPy arrays;
    `create`: a new temporary table of them."""
    view = f"{table}_batch"
    con.register(view, {c: np.asarray(v, dtype=object) for c, v in columns.items()})
    try:
        casts = ", ".join(f"CAST({c} AS VARCHAR) AS {c}" for c in columns)
        if create:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {casts} FROM {view}")
        else:
            con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {casts} FROM {view}")
    finally:
        con.unregister(view)


def _codes_evidence_zh(g: str, c: str) -> str:
    """The evidence of a row of unlinked_codes in Chinese, as vocab.cell renders it, or NULL
    where vocab.cell is left to: the reason's sentence (`reason_zh`: _REASON_EVIDENCE_ZH), the
    closest item's (`why_zh`) by vocab.sql_cell. Left to vocab: a sentence holding ';' or a
    line break (it could be read otherwise), one no template renders (left as it is)."""
    first, first_zh, why, why_zh = (f"{g}.reason_evidence", f"{g}.reason_zh",
                                    f"{c}.why", f"{c}.why_zh")  # fmt: skip
    odd = " OR ".join(
        f"contains({v}, {ch})" for v in (first, f"coalesce({why}, '')") for ch in ("';'", "chr(10)")
    )
    return (
        f"CASE WHEN {odd} OR {first_zh} = {first} OR {why_zh} = {why} THEN NULL "
        f"WHEN {c}.code IS NULL THEN {first_zh} "
        f"ELSE {first_zh} || '；' || {why_zh} END"
    )


def _file_rank(parts: list[tuple[str, int]]) -> tuple[str, tuple[str, ...]]:
    """An integer column ranking the rows' (file, _part) as the order of the per-row tables
    (source_file, _part, source_row) does, and that order by it: sorting by two integers
    spares the comparisons of the file's name (equal in every row of a file). When a part
    number names more than one file, no rank: the order by the file's name stays."""
    if len({part for _, part in parts}) < len(parts):
        return "0", SOURCE_ORDER
    if not parts:  # no rows
        return "0", ("_rank", "source_row")
    ranked = sorted(parts)
    whens = " ".join(f"WHEN {part} THEN {n}" for n, (_, part) in enumerate(ranked))
    return f"(CASE _part {whens} ELSE {len(ranked)} END)", ("_rank", "source_row")


def _streamed(
    con: duckdb.DuckDBPyConnection,
    name: str,
    base: str,
    ordered: bool,
    as_of: date,
    zh: dict[str, str] | None = None,
    order: tuple[str, ...] = SOURCE_ORDER,
    texts: str | None = None,
) -> StreamedTable:
    template = new_table(name)
    query = TableQuery(
        con, name, TABLE_COLUMNS[name], base, ordered=ordered, as_of=as_of, zh=zh, order=order,
        texts=texts,
    )  # fmt: skip
    return StreamedTable(name, template.columns, query, template.counts_as_discrepancy)
