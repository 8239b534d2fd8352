"""Work-order linkage: does each 办件 name an implementation-list item, and which ones do not?

A work order is linked through its 实施编码 alone; every row is classified in DuckDB, never in a
Python loop, so a province's millions of 办件 cost seconds. The written definitions:

- The code is normalised with `normalise.sql_normalise_code` (the SQL twin of normalise_code).
- `linked`: the normalised code equals the (normalised) task_code of a list item.
- Otherwise, in this order:
  `missing_code`    the code is empty after trimming;
  `malformed_code`  shorter than 8 characters, or holding anything but ASCII letters, digits and
                    hyphens (as normalise.code_defect);
  `basic_code_only` it equals a 基本编码 of the catalogue or list, not an 实施编码;
  `unknown_code`    well formed, yet no list item has it.
- 受理时间 is parsed in SQL by `sql_parse_date`, the twin of dates.parse_date. A non-empty value
  that is not a date rejects the row: it is reported in `rejected` and counted nowhere else. An
  empty 受理时间 is fine.
- A linked work order is on a cancelled item when its code is a key of `cancelled` and it was
  accepted on or after the decision's effective date (later than `as_of` included; a work order
  without a 受理时间 cannot be placed and is not listed).

Personal data never leaves the database unmasked: the applicant's name is shown only through
privacy.mask_name, the ID number and phone not at all. A shifted column can put them where a
code, a date or an agency belongs: the row's applicant name is masked wherever it stands
(sql_mask_name), ID and mobile numbers are masked by the report writers (privacy.scrub), and a
cell quoted in a rejection reason goes through privacy.redact.
Rows the reader already rejected (source.rejected) are merged into the rejected list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from ..dates import _YMD
from ..model import CancelledInfo, ListItem, Rejected, Table
from ..normalise import MIN_CODE_LENGTH, sql_normalise_code
from ..privacy import mask_name, redact
from ..sources.work_orders import SPACES, WorkOrderSource
from ..tables import new_table

REASONS = ("missing_code", "malformed_code", "basic_code_only", "unknown_code")
NO_AGENCY = "(未填写)"
TOTAL = "合计"

# NFKC as far as the date pattern can tell: full-width digits and separators become ASCII.
_DATE_FULLWIDTH = "０１２３４５６７８９－／．：Ｔ"
_DATE_HALFWIDTH = "0123456789-/.:T"
_ISO_DATE = r"[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?"


@dataclass
class LinkageResult:
    tables: dict[str, Table]
    work_orders: int  # rows counted, rejected rows excluded
    linked: int
    rate: float | None  # None when there are no work orders
    by_reason: dict[str, int]
    rejected: list[Rejected] = field(default_factory=list)


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_parse_date(column: str) -> str:
    """A DuckDB expression giving the DATE dates.parse_date reads in the column, else NULL.

    Same forms: 2026-09-01, 2026/9/1, 2026年9月1日, 20260901, 2026.9.1 with an optional time, and a
    5-digit Excel serial. NULL for empty text too: callers tell empty from invalid. The common
    2026-09-01[ 10:20[:30]] skips the general pattern, which costs ten times as much.
    """
    v = f"CAST({column} AS VARCHAR)"
    s = (
        f"translate(regexp_replace(coalesce({v}, ''), '\\p{{Z}}', ' ', 'g'), "
        f"{_lit(_DATE_FULLWIDTH)}, {_lit(_DATE_HALFWIDTH)})"
    )
    m = f"regexp_extract({s}, {_lit(_YMD.pattern)}, ['y', 'm', 'd', 'm2', 'd2'])"
    y, mo, d, mo2, d2 = (f"struct_extract({m}, '{g}')" for g in ("y", "m", "d", "m2", "d2"))
    serial = r"\s*(\d{5}(?:\.\d+)?)\s*"
    return (
        f"(CASE WHEN regexp_full_match({v}, {_lit(_ISO_DATE)}) "
        f"THEN TRY_CAST(left({v}, 10) AS DATE) "
        f"WHEN {y} <> '' AND CAST({y} AS INTEGER) = 0 THEN NULL "
        f"WHEN {y} <> '' AND {mo2} <> '' THEN TRY_CAST({y} || '-' || {mo2} || '-' || {d2} AS DATE) "
        f"WHEN {y} <> '' AND {d} <> '' THEN TRY_CAST({y} || '-' || {mo} || '-' || {d} AS DATE) "
        f"WHEN regexp_full_match({s}, {_lit(serial)}) THEN DATE '1899-12-30' + "
        f"CAST(floor(CAST(regexp_extract({s}, {_lit(serial)}, 1) AS DOUBLE)) AS INTEGER) END)"
    )


def sql_mask_name(column: str) -> str:
    """privacy.mask_name as a DuckDB expression on a trimmed name (a test keeps them equal)."""
    n = column
    cjk = r"[\x{3400}-\x{9fff}\x{f900}-\x{faff}\x{20000}-\x{3134f}]"
    return (
        f"(CASE WHEN length({n}) <= 1 THEN repeat('*', length({n})) "
        f"WHEN NOT regexp_matches({n}, {_lit(cjk)}) THEN left({n}, 1) || '***' "
        f"WHEN length({n}) = 2 THEN left({n}, 1) || '*' "
        f"ELSE left({n}, 1) || repeat('*', length({n}) - 2) || right({n}, 1) END)"
    )


def _hide_name(column: str) -> str:
    """The column with the row's applicant name masked wherever it stands in it: a shifted
    column can put the name where a code, a date or an agency belongs."""
    return (
        f"CASE WHEN length(applicant_name) >= 2 AND contains({column}, applicant_name) "
        f"THEN replace({column}, applicant_name, {sql_mask_name('applicant_name')}) "
        f"ELSE {column} END"
    )


def _load_keys(con: duckdb.DuckDBPyConnection, table: str, codes: set[str]) -> None:
    con.execute(
        f"CREATE OR REPLACE TABLE {table} AS SELECT DISTINCT unnest($1::VARCHAR[]) AS code",
        [sorted(c for c in codes if c)],
    )


def _load_cancelled(con: duckdb.DuckDBPyConnection, cancelled: dict[str, CancelledInfo]) -> None:
    keys = sorted(k for k in cancelled if k)
    info = [cancelled[k] for k in keys]
    con.execute(
        "CREATE OR REPLACE TABLE _wo_cancelled AS SELECT unnest($1::VARCHAR[]) AS code, "
        "unnest($2::VARCHAR[]) AS decision, unnest($3::VARCHAR[]) AS decision_seq, "
        "unnest($4::DATE[]) AS effective_date, unnest($5::VARCHAR[]) AS match_tier, "
        "unnest($6::VARCHAR[]) AS evidence, unnest($7::VARCHAR[]) AS item_name",
        [
            keys,
            [i.decision for i in info],
            [i.decision_seq for i in info],
            [i.effective_date for i in info],
            [i.match_tier for i in info],
            [i.evidence for i in info],
            [i.item_name for i in info],
        ],
    )


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def link_work_orders(
    con: duckdb.DuckDBPyConnection,
    source: WorkOrderSource,
    items: list[ListItem],
    basic_codes: set[str],
    cancelled: dict[str, CancelledInfo],
    as_of: date,
) -> LinkageResult:
    """Classify every work order (see the module docstring) and build the three tables."""
    _load_keys(con, "_wo_item_codes", {i.task_code for i in items})
    _load_keys(con, "_wo_basic_codes", set(basic_codes))
    _load_cancelled(con, cancelled)
    code_ok = f"regexp_full_match(w.code, '[A-Z0-9-]{{{MIN_CODE_LENGTH},}}')"
    con.execute(f"""
        CREATE OR REPLACE TABLE _wo_classified AS
        WITH raw AS (
            SELECT src_file, src_row, coalesce(order_no, '') AS order_no,
                   coalesce(task_code, '') AS task_code, coalesce(accept_time, '') AS accept_time,
                   coalesce(agency, '') AS agency, coalesce(applicant_name, '') AS applicant_name,
                   applicant_id, applicant_phone
            FROM {source.relation}
        ), hidden AS (
            SELECT src_file, src_row, {_hide_name("order_no")} AS order_no,
                   {_hide_name("task_code")} AS task_code,
                   {_hide_name("accept_time")} AS accept_time, {_hide_name("agency")} AS agency,
                   applicant_name, applicant_id, applicant_phone
            FROM raw
        ), w AS (
            SELECT hidden.*, {sql_normalise_code("task_code")} AS code,
                   {sql_parse_date("accept_time")} AS accept_date
            FROM hidden
        )
        SELECT w.*,
               CASE WHEN w.accept_date IS NOT NULL OR w.accept_time = '' THEN false
                    ELSE trim(w.accept_time, {_lit(SPACES)}) <> '' END AS rejected,
               CASE WHEN i.code IS NOT NULL THEN 'linked'
                    WHEN w.code = '' THEN 'missing_code'
                    WHEN NOT {code_ok} THEN 'malformed_code'
                    WHEN b.code IS NOT NULL THEN 'basic_code_only'
                    ELSE 'unknown_code' END AS reason
        FROM w
        LEFT JOIN _wo_item_codes i ON i.code = w.code
        LEFT JOIN _wo_basic_codes b ON b.code = w.code
    """)

    rejected = source.rejected + [
        Rejected(
            r["src_file"],
            r["src_row"],
            f"{source.header(r['src_file'], 'accept_time')} "
            f"'{redact(r['accept_time'], r['applicant_name'], r['id'], r['phone'])}' "
            "is not a date",
            source.header(r["src_file"], "accept_time"),
        )
        for r in _rows(
            con,
            "SELECT src_file, src_row, trim(accept_time) AS accept_time, applicant_name, "
            "coalesce(applicant_id, '') AS id, coalesce(applicant_phone, '') AS phone "
            "FROM _wo_classified WHERE rejected ORDER BY src_file, src_row",
        )
    ]
    order = {f: i for i, f in enumerate(source.files)}
    rejected.sort(key=lambda r: (order.get(r.file, len(order)), r.row))

    linkage = new_table("work_order_linkage")
    counts = ", ".join(f"count(*) FILTER (reason = '{r}') AS {r}" for r in REASONS)
    for r in _rows(
        con,
        f"""
        SELECT CASE WHEN agency = '' THEN '{NO_AGENCY}' ELSE agency END AS agency,
               count(*) AS work_orders, count(*) FILTER (reason = 'linked') AS linked, {counts}
        FROM _wo_classified WHERE NOT rejected
        GROUP BY 1 ORDER BY work_orders DESC, agency
    """,
    ):
        r["linkage_rate"] = round(r["linked"] / r["work_orders"], 4)
        linkage.rows.append(r)
    total: dict[str, Any] = {"agency": TOTAL}
    for key in ("work_orders", "linked", *REASONS):
        total[key] = sum(r[key] for r in linkage.rows)
    rate = round(total["linked"] / total["work_orders"], 4) if total["work_orders"] else None
    total["linkage_rate"] = rate
    linkage.rows.append(total)

    unlinked = new_table("unlinked_work_orders")
    unlinked.rows = _rows(
        con,
        f"""
        SELECT order_no, task_code, reason, agency, accept_time,
               CASE reason
                 WHEN 'missing_code' THEN 'missing_code: the 实施编码 cell is empty'
                 WHEN 'malformed_code' THEN 'malformed_code: ''' || code || ''' is not an '
                   || '实施编码 (at least {MIN_CODE_LENGTH} characters: letters, digits, hyphens)'
                 WHEN 'basic_code_only' THEN 'basic_code_only: ' || code
                   || ' is a 基本编码 in the catalogue, not an 实施编码'
                 ELSE 'unknown_code: ' || code || ' is well formed but no list item has it'
               END AS evidence,
               src_file AS source_file, src_row AS source_row
        FROM _wo_classified WHERE NOT rejected AND reason <> 'linked'
        ORDER BY src_file, src_row
    """,
    )

    on_cancelled = new_table("work_orders_on_cancelled_items")
    for r in _rows(
        con,
        """
        SELECT w.order_no, w.code AS task_code, c.item_name, w.agency, w.applicant_name,
               w.accept_time, c.decision, c.decision_seq, c.effective_date,
               w.accept_date - c.effective_date AS days_after, c.match_tier, c.evidence,
               w.src_file AS source_file, w.src_row AS source_row
        FROM _wo_classified w JOIN _wo_cancelled c ON c.code = w.code
        WHERE NOT w.rejected AND w.reason = 'linked' AND w.accept_date >= c.effective_date
        ORDER BY w.src_file, w.src_row
    """,
    ):
        r["applicant"] = mask_name(r.pop("applicant_name"))
        r["effective_date"] = r["effective_date"].isoformat()
        on_cancelled.rows.append(r)

    tables = {t.name: t for t in (linkage, unlinked, on_cancelled)}
    return LinkageResult(
        tables=tables,
        work_orders=total["work_orders"],
        linked=total["linked"],
        rate=rate,
        by_reason={r: total[r] for r in REASONS},
        rejected=rejected,
    )
