"""unlinked_codes and --work-order-rows: every expectation worked out by hand."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from catalog_sync import vocab
from catalog_sync.checks import linkage
from catalog_sync.checks.linkage import (
    ClosestItems,
    _carried_by_none,
    _example_key,
    _file_rank,
    _load_keys,
    _why_zh,
    classify_sql,
    counted,
    key_tables,
    link_work_orders,
    stage_work_orders,
)
from catalog_sync.cli import cli
from catalog_sync.mappings import CodeLayout, Mapping, load_mapping
from catalog_sync.model import ListItem, SourceRef, Table
from catalog_sync.reports.json import table_records, write_table_json
from catalog_sync.sources.work_orders import open_work_orders
from catalog_sync.streamed import SOURCE_ORDER
from catalog_sync.vocab import localized, sql_cell

MAPPING = load_mapping()
A = "511A0138000000-510100000000-000-AAA-1-00"
B = "511A0138000000-510104000000-000-BBB-1-00"
C = "511A0139000000-510100000000-000-CCC-1-00"
X = "511A0138000000-510104000000-000-ZZZ-1-00"  # no list item; its 基本编码 is A's and B's
NOBODY = "511A9999000000-510100000000-000-Q-1-00"  # its 基本编码 no list item carries
NO_LAYOUT = "ABCDEFGH-1234"  # well formed, no code layout reads it


def item(code: str, row: int, name: str) -> ListItem:
    return ListItem(SourceRef("list.csv", row), code, code, code[:14], "layout:x", name)


ITEMS = [item(A, 2, "事项甲"), item(B, 3, "事项乙"), item(C, 4, "事项丙")]
BASIC = {"511A0138000000", "511A0139000000"}
WORK_ORDERS = (
    "办件编号,实施编码,受理时间,受理部门,申请人姓名\n"
    f"WO-1,{A},2026-03-01,市局,\n"  # row 2: linked
    f"WO-2,{X},2026-03-05,市局,\n"
    f"WO-3,{X},2026-02-10,市局,\n"
    f",{X},2026-04-01, 市局 ,\n"  # row 5: no 办件编号, the agency trimmed
    f"WO-5,{X},,市局,\n"  # row 6: no 受理时间
    f"WO-6,{X},2026-01-01,县局,\n"
    f"WO-7,{NOBODY},2026-03-01,市局,\n"
    f"WO-8,{NO_LAYOUT},2026-03-01,市局,\n"
    "WO-9,,2026-03-01,市局,\n"
    "WO-10,511A0139000000,2026-03-02,市局,\n"
    "WO-11,x,not a date,市局,\n"  # row 12: rejected, counted nowhere
    f"WO-12, {X.lower()} ,2026-03-07,市局,\n"  # row 13: the same code once normalised
    "WO-13,张三丰,2026-03-01,市局,张三丰\n"  # row 14: the applicant's name as the code
)
MISSING = "missing_code: the 实施编码 cell is empty"
UNKNOWN = "unknown_code: {} is well formed but no list item has it; "


def link(tmp_path: Path, work_order_rows: str = "all", mapping: Mapping = MAPPING):
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "wo.csv"
    path.write_text(WORK_ORDERS, encoding="utf-8")
    con = duckdb.connect()
    source = open_work_orders(con, [(path, "wo.csv")], MAPPING, tmp_path / "work")
    closest = ClosestItems.of(ITEMS, mapping)
    return link_work_orders(
        con, source, ITEMS, BASIC, {}, date(2026, 6, 30),
        closest=closest, work_order_rows=work_order_rows,
    )  # fmt: skip


def test_unlinked_codes_rows(tmp_path: Path) -> None:
    result = link(tmp_path)
    keys = ["agency", "code", "reason", "work_orders", "first_accepted", "last_accepted",
            "example_order_nos", "closest_item_code", "closest_item_name"]  # fmt: skip
    rows = result.tables["unlinked_codes"].rows
    assert [[r[k] for k in keys] for r in rows] == [
        # X on rows 3-6 and 13: five work orders; the first three non-empty 办件编号
        ["市局", X, "unknown_code", 5, "2026-02-10", "2026-04-01", "WO-2、WO-3、WO-5", B, "事项乙"],
        ["市局", "", "missing_code", 1, "2026-03-01", "2026-03-01", "WO-9", "", ""],
        ["市局", "张*丰", "malformed_code", 1, "2026-03-01", "2026-03-01", "WO-13", "", ""],
        ["市局", "511A0139000000", "basic_code_only", 1, "2026-03-02", "2026-03-02", "WO-10",
         "", ""],
        ["市局", NOBODY, "unknown_code", 1, "2026-03-01", "2026-03-01", "WO-7", "", ""],
        ["市局", NO_LAYOUT, "unknown_code", 1, "2026-03-01", "2026-03-01", "WO-8", "", ""],
        ["县局", X, "unknown_code", 1, "2026-01-01", "2026-01-01", "WO-6", B, "事项乙"],
    ]  # fmt: skip
    evidence = [r["evidence"] for r in rows]
    # B shares "511A0138000000-510104000000-000-" (32 characters) with X, A only 20
    assert evidence[0] == UNKNOWN.format(X) + (
        "its 基本编码 511A0138000000 (layout sichuan-itemcode) is carried by 2 list item(s), "
        "the closest 实施编码 shares its first 32 characters"
    )
    assert evidence[1] == MISSING
    assert evidence[2].startswith("malformed_code: '张*丰' is not an 实施编码")
    assert evidence[4] == UNKNOWN.format(NOBODY) + (
        "its 基本编码 511A9999000000 (layout sichuan-itemcode) is carried by no list item"
    )
    assert evidence[5] == UNKNOWN.format(NO_LAYOUT) + "no code layout reads a 基本编码 from it"
    # the table counts exactly the unlinked work orders of work_order_linkage
    total = result.tables["work_order_linkage"].rows[-1]
    assert sum(r["work_orders"] for r in rows) == sum(total[r] for r in result.by_reason) == 11
    assert "张三丰" not in json.dumps(rows, ensure_ascii=False)


def test_closest_items_asked_in_python_batches_read_as_in_sql(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 基本编码 read in SQL (only X's, carried by A and B, asked of Python), and all three
    distinct unknown codes asked of Python one at a time: every row and sentence the same."""
    found = []
    closest = ClosestItems._closest
    monkeypatch.setattr(
        ClosestItems, "_closest", staticmethod(lambda c, *a: found.append(c) or closest(c, *a))
    )
    derived = []
    derive = Mapping.derive_basic_code
    monkeypatch.setattr(
        Mapping, "derive_basic_code", lambda self, c: derived.append(c) or derive(self, c)
    )
    in_sql = link(tmp_path / "sql").tables["unlinked_codes"].rows
    assert found == [X]
    assert derived == []  # every 基本编码 read in SQL
    monkeypatch.setattr(linkage, "CLOSEST_BATCH", 1)
    monkeypatch.setattr(Mapping, "sql_derive_basic_code", lambda self, column: None)
    asked = []
    find_all = ClosestItems.find_all
    monkeypatch.setattr(
        ClosestItems, "find_all", lambda self, codes: asked.append(codes) or find_all(self, codes)
    )
    assert link(tmp_path / "batched").tables["unlinked_codes"].rows == in_sql
    assert sorted(asked) == sorted([[X], [NOBODY], [NO_LAYOUT]])  # each distinct code once


def test_a_layout_re2_refuses_is_read_in_python(tmp_path: Path) -> None:
    """A lookahead (Python only): DuckDB refuses the pattern, the codes are asked of Python,
    and the rows are those of the standard layouts plus the second layout's name where it
    reads X's 基本编码 the same way."""
    lookahead = replace(MAPPING, code_layouts=[
        CodeLayout("ahead", re.compile(r"(?P<basic>511A9999[0-9]{6})(?=-)")),
        *MAPPING.code_layouts,
    ])  # fmt: skip
    assert lookahead.sql_derive_basic_code("code") is not None  # refused by DuckDB, not here
    rows = link(tmp_path, mapping=lookahead).tables["unlinked_codes"].rows
    nobody = next(r for r in rows if r["code"] == NOBODY)
    assert nobody["evidence"].endswith(
        "its 基本编码 511A9999000000 (layout ahead) is carried by no list item"
    )


def test_closest_items_find_all_reads_as_find() -> None:
    """Worked by hand: Y shares 28 characters with both items of its 基本编码 and takes the
    smaller code; Z's 基本编码 is carried by an item whose 实施编码 (given with that 基本编码, not
    read from it) shares nothing with Z; NOBODY's 基本编码 and NO_LAYOUT as in the table."""
    items = [item("511A0138000000-510100000000-2", 2, "乙"),
             item("511A0138000000-510100000000-1", 3, "甲"),
             ListItem(SourceRef("list.csv", 4), "QQ-0001", "QQ-0001", "511A0777000000", "given",
                      "丙")]  # fmt: skip
    closest = ClosestItems.of(items, MAPPING)
    y, z = "511A0138000000-510100000000-9", "511A0777000000-510100000000-000-Q-1-00"
    codes = [y, z, NOBODY, NO_LAYOUT]
    carried = (
        "its 基本编码 {} (layout sichuan-itemcode) is carried by {} list item(s), the closest "
    )
    assert closest.find_all(codes) == (
        ["511A0138000000-510100000000-1", "QQ-0001", "", ""],
        ["甲", "丙", "", ""],
        [carried.format("511A0138000000", 2) + "实施编码 shares its first 28 characters",
         carried.format("511A0777000000", 1) + "实施编码 shares its first 0 characters",
         "its 基本编码 511A9999000000 (layout sichuan-itemcode) is carried by no list item",
         "no code layout reads a 基本编码 from it"],
        {"sichuan-itemcode", ""},
    )  # fmt: skip
    by_find = tuple(map(list, zip(*map(closest.find, codes), strict=True)))
    assert closest.find_all(codes)[:3] == by_find
    assert closest.find_all([]) == ([], [], [], set())


def test_closest_item_ties_go_to_the_smallest_code() -> None:
    items = [item("511A0138000000-510100000000-2", 2, "乙"),
             item("511A0138000000-510100000000-1", 3, "甲")]  # fmt: skip
    closest = ClosestItems.of(items, MAPPING)
    code, name, why = closest.find("511A0138000000-510100000000-9")
    assert (code, name) == ("511A0138000000-510100000000-1", "甲")
    assert why.endswith("by 2 list item(s), the closest 实施编码 shares its first 28 characters")


def test_work_order_rows_none_leaves_out_the_rows_only(tmp_path: Path) -> None:
    every = link(tmp_path / "all")
    counts_only = link(tmp_path / "none", "none")
    assert "unlinked_work_orders" in every.tables
    assert set(every.tables) - set(counts_only.tables) == {"unlinked_work_orders"}
    for name in counts_only.tables:
        assert counts_only.tables[name].rows == every.tables[name].rows, name
    assert (counts_only.work_orders, counts_only.by_reason) == (every.work_orders, every.by_reason)


def test_cli_work_order_rows(tmp_path: Path) -> None:
    runner = CliRunner()
    full, lean = tmp_path / "all", tmp_path / "none"
    for out, extra in ((full, []), (lean, ["--work-order-rows", "none"])):
        result = runner.invoke(cli, ["diff", "fixtures/demo", "--out", str(out), "-q",
                                     "--format", "csv,json", *extra])  # fmt: skip
        assert result.exit_code == 1, result.output
    assert (full / "unlinked_work_orders.csv").is_file()
    assert not (lean / "unlinked_work_orders.csv").exists()
    for name in ("unlinked_codes.csv", "work_order_linkage.csv", "rejected_rows.csv"):
        assert (lean / name).read_bytes() == (full / name).read_bytes(), name
    a, b = (json.loads((d / "summary.json").read_text()) for d in (full, lean))
    assert a["work_orders_by_reason"] == b["work_orders_by_reason"]
    assert "unlinked_work_orders" not in b["findings_by_status"]
    # the unlinked work orders still count: the exit code and the summary do not change
    assert (a["discrepancies"], a["new_findings"]) == (b["discrepancies"], b["new_findings"])
    again = tmp_path / "again"  # the same inputs against the first run: nothing is new
    result = runner.invoke(cli, ["diff", "fixtures/demo", "--out", str(again), "-q",
                                 "--format", "csv,json", "--work-order-rows", "none",
                                 "--baseline", str(full)])  # fmt: skip
    assert result.exit_code == 1, result.output
    c = json.loads((again / "summary.json").read_text())
    assert (c["discrepancies"], c["new_findings"]) == (a["discrepancies"], 0)
    bad = runner.invoke(cli, ["diff", "fixtures/demo", "--out", str(tmp_path / "x"),
                              "--work-order-rows", "some"])  # fmt: skip
    assert bad.exit_code == 2


def test_project_file_work_order_rows(tmp_path: Path) -> None:
    from catalog_sync.errors import UsageError
    from catalog_sync.project import resolve_run

    demo = Path("fixtures/demo").resolve()
    project = tmp_path / "p"
    project.mkdir()
    text = (demo / "catalog-sync.toml").read_text(encoding="utf-8")
    for name in demo.iterdir():
        (project / name.name).symlink_to(name)
    (project / "catalog-sync.toml").unlink()

    def settings(line: str, given: str | None = None):
        (project / "catalog-sync.toml").write_text(text + line, encoding="utf-8")
        return resolve_run(project, catalogue=None, lists=(), decisions=(), work_orders=(),
                           as_of=None, mappings=(), out=tmp_path / "out", formats=None,
                           lang=None, work_order_rows=given)  # fmt: skip

    assert settings("").config.work_order_rows == "all"
    assert settings('\nwork_order_rows = "none"\n').config.work_order_rows == "none"
    assert settings('\nwork_order_rows = "none"\n', "all").config.work_order_rows == "all"
    with pytest.raises(UsageError, match="work_order_rows 'few'"):
        settings('\nwork_order_rows = "few"\n')


def test_unlinked_codes_finding_ids_as_findings_makes_them(tmp_path: Path) -> None:
    """The ids are made in SQL: each is findings.finding_id of its row, and two agencies one
    once normalised (Ab局 and AB局, the same key) give the second #2."""
    from catalog_sync.findings import finding_id

    path = tmp_path / "wo.csv"
    path.write_text(
        f"办件编号,实施编码,受理时间,受理部门\nWO-1,{X},2026-03-01,Ab局\n"
        f"WO-2,{X},2026-03-02,AB局\nWO-3,{X},2026-03-03,AB局\nWO-4,,2026-03-03,Ab局\n",
        encoding="utf-8",
    )
    con = duckdb.connect()
    source = open_work_orders(con, [(path, "wo.csv")], MAPPING, tmp_path / "work")
    result = link_work_orders(con, source, ITEMS, BASIC, {}, date(2026, 6, 30))
    rows = result.tables["unlinked_codes"].rows
    assert [(r["agency"], r["reason"], r["work_orders"]) for r in rows] == [
        ("AB局", "unknown_code", 2), ("Ab局", "missing_code", 1), ("Ab局", "unknown_code", 1)
    ]  # fmt: skip
    first = finding_id("unlinked_codes", rows[0])
    assert first == finding_id("unlinked_codes", rows[2])
    assert [r["finding_id"] for r in rows] == [
        first, finding_id("unlinked_codes", rows[1]), first + "#2"
    ]  # fmt: skip


# unlinked_codes and unlinked_work_orders are streamed tables: their JSON and their Chinese are
# the bytes and cells of the Python tables they were (json.dump, vocab.cell row by row).
# codes vocab.cell reads otherwise than a template would: left to it, cell by cell
ODD = "WO-20,AB;CD-1234,2026-03-01,市局,\nWO-21,AB; CD-1234,2026-03-01,市局,\n"


def _link(tmp_path: Path, text: str):
    path = tmp_path / "wo.csv"
    path.write_text(text, encoding="utf-8")
    con = duckdb.connect()
    source = open_work_orders(con, [(path, "wo.csv")], MAPPING, tmp_path / "work")
    closest = ClosestItems.of(ITEMS, MAPPING)
    return link_work_orders(con, source, ITEMS, BASIC, {}, date(2026, 6, 30), closest=closest)


def _plain(table: Table) -> Table:
    return Table(table.name, table.columns, list(table.rows), table.counts_as_discrepancy)


def test_json_and_rendering_as_python_tables(tmp_path: Path) -> None:
    result = _link(tmp_path, WORK_ORDERS + ODD)
    for name in ("unlinked_codes", "unlinked_work_orders"):
        table = result.tables[name]
        assert hasattr(table, "stream")
        plain = _plain(table)
        for lang in ("zh", "en"):
            assert localized(table, lang).rows == localized(plain, lang).rows, (name, lang)
    codes = result.tables["unlinked_codes"]
    evidence = {r["code"]: r["evidence"] for r in localized(codes, "zh").rows}
    assert evidence["AB;CD-1234"].startswith("编码格式错误：'AB;CD-1234'")  # by vocab.cell
    assert any("；" in e and "基本编码" in e for e in evidence.values())  # two sentences
    path = tmp_path / "codes.json"
    write_table_json(codes, path)
    expected = json.dumps(table_records(_plain(codes)), ensure_ascii=False, indent=2) + "\n"
    assert path.read_text(encoding="utf-8") == expected


def test_json_of_an_empty_table(tmp_path: Path) -> None:
    result = _link(tmp_path, "办件编号,实施编码,受理时间,受理部门\n")
    path = tmp_path / "codes.json"
    write_table_json(result.tables["unlinked_codes"], path)
    assert path.read_text(encoding="utf-8") == "[]\n"


def test_file_rank_orders_as_file_part_and_row() -> None:
    rank, order = _file_rank([("b.csv", 0), ("a.csv", 2), ("a.csv", 1)])
    assert order == ("_rank", "source_row")
    con = duckdb.connect()
    found = con.execute(f"SELECT list({rank} ORDER BY _part) FROM range(3) t(_part)").fetchone()
    assert found == ([2, 0, 1],)  # a.csv part 1, a.csv part 2, then b.csv
    assert _file_rank([("a.csv", 0), ("b.csv", 0)])[1] == SOURCE_ORDER  # a part of two files


def test_no_template_literal_holds_a_plain_code_character() -> None:
    """_why_zh (like _REASON_EVIDENCE_ZH) is exact because no literal text of a template holds
    a capital letter, a digit or a hyphen: a plain 基本编码 cannot meet one."""
    literals = [t for s in vocab.SENTENCES for t in vocab._PLACEHOLDER.split(s.en)[::2]]
    literals += list(vocab.VALUES.get("evidence", {}))  # sql_cell's WHENs of whole cells
    for literal in literals:
        assert not any(ch.isdigit() or "A" <= ch <= "Z" or ch == "-" for ch in literal), literal
    assert "" in literals and "its 基本编码 " in literals  # the sentences' literal text is read


def test_why_zh_reads_as_sql_cell() -> None:
    con = duckdb.connect()
    plain = "its 基本编码 511A9999000000 (layout sichuan-itemcode) is carried by no list item"
    expr = _why_zh(con, "$1", {"sichuan-itemcode", ""})
    assert expr.startswith("(CASE WHEN starts_with(")  # the sentence is made, not matched
    found = con.execute(f"SELECT {expr}", [plain]).fetchone()
    assert found == ("其基本编码 511A9999000000（编码版式 sichuan-itemcode）没有清单事项使用",)
    assert _why_zh(con, "$1", {"CODEMARK0"}) == sql_cell("evidence", "$1", "zh")  # no mark
    # every sentence as sql_cell renders it: plain and odd 基本编码, odd layouts, other sentences
    layouts = {"sichuan-itemcode", "sichuan-letter", "a; b", "x\ny", "L (layout z", "", "一"}
    basics = ["511A0138000000", "G-000007-001", "A", "A*B", "abc", "1-2-3", "A B", "A\nB",
              "A (layout q"]  # fmt: skip
    whys = [_carried_by_none(b, layout) for b in basics for layout in layouts]
    whys += [
        "its 基本编码 A (layout x) is carried by 2 list item(s), the closest 实施编码 shares its "
        "first 3 characters",
        "its 基本编码 A (layout sichuan-itemcode) is carried by no list item; more",
    ]
    con.execute("CREATE TABLE w AS SELECT unnest($1::VARCHAR[]) AS why", [whys])
    fast, slow = _why_zh(con, "why", layouts), sql_cell("evidence", "why", "zh")
    assert fast != slow
    differ = con.execute(f"SELECT why FROM w WHERE {fast} IS DISTINCT FROM {slow}").fetchall()
    assert differ == []
    assert con.execute(f"SELECT count(*) FROM w WHERE {slow} <> why").fetchone()[0] > 20


STRUCT_KEY = "(src_file, _part, src_row)"


def _examples(rows: list[tuple[str | None, int, int | None, str]]) -> tuple[str, list[str]]:
    """_example_key over staged rows (file, part, row, 办件编号) and the first three 办件编号 by
    it; a rejected and a linked row, first in every order, are not among them."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t (src_file VARCHAR, _part INTEGER, src_row BIGINT, order_no VARCHAR, "
        "rejected BOOLEAN, reason VARCHAR)"
    )
    staged = [(f, p, r, o, False, "unknown_code") for f, p, r, o in rows]
    staged += [
        ("a.csv", 1, 0, "REJECTED", True, "unknown_code"),
        ("a.csv", 1, 0, "L", False, "linked"),
    ]
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", staged)
    key = _example_key(con, "t")
    found = con.execute(
        f"SELECT min_by(order_no, {key}, 3) FROM t WHERE NOT rejected AND reason <> 'linked'"
    ).fetchone()
    return key, found[0] if found else []


def test_example_key_is_an_integer_in_table_order() -> None:
    # b.csv is part 0 and a.csv part 1: the file's name, not its part, comes first
    key, first = _examples([("b.csv", 0, 1, "B1"), ("b.csv", 0, 2, "B2"),
                            ("a.csv", 1, 5, "A5"), ("a.csv", 1, 3, "A3")])  # fmt: skip
    assert key != STRUCT_KEY
    assert first == ["A3", "A5", "B1"]
    key, first = _examples([("a.csv", 1, 9, "A9"), ("a.csv", 1, 3, "A3")])  # one file
    assert (key, first) == ("src_row", ["A3", "A9"])


def test_example_key_falls_back_to_the_struct() -> None:
    two_files_one_part = [("b.csv", 1, 1, "B1"), ("a.csv", 1, 7, "A7"), ("a.csv", 1, 8, "A8")]
    assert _examples(two_files_one_part) == (STRUCT_KEY, ["A7", "A8", "B1"])
    negative_row = [("a.csv", 1, -1, "A-1"), ("b.csv", 2, 1, "B1")]
    assert _examples(negative_row) == (STRUCT_KEY, ["A-1", "B1"])
    no_row = [("a.csv", 1, None, "A?"), ("a.csv", 1, 4, "A4"), ("b.csv", 2, 1, "B1")]
    assert _examples(no_row)[0] == STRUCT_KEY
    no_file = [(None, 1, 3, "?3"), ("b.csv", 2, 1, "B1")]
    assert _examples(no_file)[0] == STRUCT_KEY
    too_far = [("a.csv", 1, 2**61, "A"), ("b.csv", 2, 1, "B1")]  # 2 ranks × 2^61 rows: 63 bits
    assert _examples(too_far) == (STRUCT_KEY, ["A", "B1"])


def test_counts_take_rejected_rows_out_of_the_code_counts(tmp_path: Path) -> None:
    """The counts pass joins no date lookup: the rejected rows (all in the shown table) are
    taken out of each agency's code counts. Worked by hand: 市局 has one linked row and two
    rejected linked rows; 区局's only row is rejected, so it has no row of usable counts."""
    path = tmp_path / "wo.csv"
    path.write_text(
        "办件编号,实施编码,受理时间,受理部门,申请人姓名\n"
        f"WO-1,{A},2026-03-01,市局,\n"
        f"WO-2,{A},not a date,市局,\n"
        f"WO-3,{X},2026-03-01,县局,\n"
        f"WO-4,{X},待定,区局,\n"
        f"WO-5,{A},2026-13-01,市局,\n",
        encoding="utf-8",
    )
    con = duckdb.connect()
    source = open_work_orders(con, [(path, "wo.csv")], MAPPING, tmp_path / "work")
    _load_keys(con, key_tables(ITEMS, BASIC, {}))
    staged = stage_work_orders(con, source)
    found = con.execute(
        f"SELECT agency, reason, rejected, _n FROM {staged.counts} ORDER BY ALL"
    ).fetchall()
    assert found == [
        ("区局", "unknown_code", True, 1),
        ("县局", "unknown_code", False, 1),
        ("市局", "linked", False, 1),
        ("市局", "linked", True, 2),
    ]
    # the same as the definition: every row classified, then counted
    every = counted(f"({classify_sql(source.parts[0][0])})")
    by_definition = f"SELECT agency, reason, rejected, _n FROM {every} ORDER BY ALL"
    assert found == con.execute(by_definition).fetchall()
