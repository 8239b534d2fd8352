"""A decision annex whose 生效日期 says 自发布之日起施行 (公布, 印发; 即日起施行): in force from the
发布日期 of its row (carried down from a merged cell). Every expectation worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import write_csv

from catalog_sync import vocab
from catalog_sync.documents import Overrides, extract_decision, read_document
from catalog_sync.errors import SourceError
from catalog_sync.mappings import load_mapping
from catalog_sync.model import Rejected
from catalog_sync.sources.decisions import load_decisions

MAPPING = load_mapping()
HEADER = ["文号", "发布日期", "生效日期", "事项名称", "处理决定"]


def test_the_wordings_mean_the_rows_own_publication_date(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["国发〔2026〕1号", "2026年3月5日", "自发布之日起施行", "甲审批", "取消"],
        ["", "", "", "乙审批", "取消"],  # a merged cell: 文号 and both dates carried down
        ["国发〔2026〕2号", "2026-04-01", "自公布之日起施行", "丙审批", "取消"],
        ["国发〔2026〕3号", "2026/5/2", "发布之日起施行", "丁审批", "取消"],
        ["国发〔2026〕4号", "2026.6.3", "即日起施行", "戊审批", "取消"],
        ["国发〔2026〕5号", "20260704", "自印发之日起施行。", "己审批", "取消"],
        ["国发〔2026〕6号", "2026年8月5日", " 自 发布 之日起 实施 ", "庚审批", "取消"],
        ["国发〔2026〕7号", "2026年9月6日", "2026年10月1日", "辛审批", "取消"],
    ]
    loaded = load_decisions(write_csv(tmp_path / "d.csv", rows), "d.csv", MAPPING)
    assert loaded.rejected == []
    assert [(d.name, d.issued_date, d.effective_date, d.in_force_from) for d in loaded.records] == [
        ("甲审批", date(2026, 3, 5), date(2026, 3, 5), date(2026, 3, 5)),
        ("乙审批", date(2026, 3, 5), date(2026, 3, 5), date(2026, 3, 5)),
        ("丙审批", date(2026, 4, 1), date(2026, 4, 1), date(2026, 4, 1)),
        ("丁审批", date(2026, 5, 2), date(2026, 5, 2), date(2026, 5, 2)),
        ("戊审批", date(2026, 6, 3), date(2026, 6, 3), date(2026, 6, 3)),
        ("己审批", date(2026, 7, 4), date(2026, 7, 4), date(2026, 7, 4)),
        ("庚审批", date(2026, 8, 5), date(2026, 8, 5), date(2026, 8, 5)),
        ("辛审批", date(2026, 9, 6), date(2026, 10, 1), date(2026, 10, 1)),
    ]


def test_without_a_publication_date_the_row_is_rejected_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    """Row 3 names no 发布日期 and its 文号 starts afresh (nothing carried): it cannot be placed
    in time and is rejected, naming the cell; rows 2 and 4 are read."""
    rows = [
        HEADER,
        ["国发〔2026〕1号", "2026年3月5日", "自发布之日起施行", "甲审批", "取消"],
        ["国发〔2026〕2号", "", "自发布之日起施行", "乙审批", "取消"],
        ["国发〔2026〕3号", "2026-04-01", "", "丙审批", "取消"],
    ]
    loaded = load_decisions(write_csv(tmp_path / "d.csv", rows), "d.csv", MAPPING)
    assert [d.name for d in loaded.records] == ["甲审批", "丙审批"]
    assert loaded.rejected == [
        Rejected(
            "d.csv",
            3,
            "生效日期 '自发布之日起施行' means in force from the 发布日期, and neither the row nor "
            "a row above gives one",
            "生效日期",
        )
    ]

    assert not vocab.untranslated("reason", loaded.rejected[0].reason)


@pytest.mark.parametrize(
    "wording",
    ["本决定自发布之日起施行", "本通知自印发之日起施行。", "自公布之日起实行", "自下发之日起施行"],
)
def test_the_wordings_that_name_the_document_or_say_so_otherwise(
    tmp_path: Path, wording: str
) -> None:
    """本决定/本通知 before the wording, 实行 for 施行 and 下发 for 发布 (review 18, scen4)."""
    rows = [HEADER, ["国发〔2026〕1号", "2026年3月5日", wording, "甲审批", "取消"]]
    loaded = load_decisions(write_csv(tmp_path / "d.csv", rows), "d.csv", MAPPING)
    assert [(d.name, d.in_force_from) for d in loaded.records] == [("甲审批", date(2026, 3, 5))]


def test_a_date_that_is_no_date_still_stops_the_run(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["国发〔2026〕1号", "2026年3月5日", "自发布之日起三十日后施行", "甲审批", "取消"],
    ]
    with pytest.raises(SourceError, match="row 2 column 生效日期: '自发布之日起三十日后施行'"):
        load_decisions(write_csv(tmp_path / "d.csv", rows), "d.csv", MAPPING)


def test_the_reviewers_annex_xlsx(tmp_path: Path) -> None:
    """cases/D1: an annex title row, the header, a row naming 自发布之日起施行 under 发布日期
    2026年3月5日, a row carrying it down, a note row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["附件1", "国务院决定取消的行政许可事项目录（共3项）"])
    ws.append(
        ["文号", "发布日期", "生效日期", "序号", "项目名称", "审批部门", "设定依据", "处理决定"]
    )
    ws.append(["国发〔2026〕99号", "2026年3月5日", "自发布之日起施行", 1, "棉花加工资格认定",
               "省级发展改革部门", "《棉花质量监督管理条例》", "取消"])  # fmt: skip
    ws.append([None, None, None, 2, "探矿权变更登记", "自然资源部门", None, "取消"])
    wb.save(tmp_path / "D1.xlsx")
    loaded = load_decisions(tmp_path / "D1.xlsx", "D1.xlsx", MAPPING)
    assert [(d.name, d.doc_no, d.in_force_from) for d in loaded.records] == [
        ("棉花加工资格认定", "国发〔2026〕99号", date(2026, 3, 5)),
        ("探矿权变更登记", "国发〔2026〕99号", date(2026, 3, 5)),
    ]


def _extract(html: str, **overrides: object):
    doc = read_document(f"<html><body>{html}</body></html>".encode(), "example.html", MAPPING)
    return extract_decision(doc, MAPPING, Overrides(**overrides))  # type: ignore[arg-type]


def _table(*rows: list[str]) -> str:
    head = "".join(f"<th>{c}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows[1:])
    return f"<table><tr>{head}</tr>{body}</table>"


def test_an_annex_table_in_a_document_reads_the_wording_too() -> None:
    """A page dated 2026年2月1日 (成文日期) and published 2026年2月10日 (发布日期): a row's own
    发布日期 comes first, else the page's 发布日期."""
    meta = "<table><tr><td>成文日期：</td><td>2026年02月01日</td><td>发布日期：</td>"
    meta += "<td>2026年02月10日</td></tr></table>"
    head = "<p>国务院关于取消一批行政许可事项的决定</p><p>示例〔2026〕1号</p><p>2026年2月1日</p>"
    got = _extract(
        meta
        + head
        + "<p>附件1</p><p>取消的行政许可事项目录</p>"
        + _table(
            ["序号", "事项名称", "审批部门", "发布日期", "生效日期"],
            ["1", "示例事项甲审批", "示例部", "2026-03-01", "自发布之日起施行"],
            ["2", "示例事项乙审批", "示例部", "", "自公布之日起施行"],
        )
    )
    assert got.rejected == []
    assert [(r.name, r.effective_date) for r in got.rows] == [
        ("示例事项甲审批", date(2026, 3, 1)),
        ("示例事项乙审批", date(2026, 3, 1)),  # the 发布日期 cell carried down
    ]
    got = _extract(
        meta
        + head
        + "<p>附件1</p><p>取消的行政许可事项目录</p>"
        + _table(
            ["序号", "事项名称", "审批部门", "生效日期"],
            ["1", "示例事项甲审批", "示例部", "即日起施行"],
        )
    )
    assert [(r.name, r.issued_date, r.effective_date) for r in got.rows] == [
        ("示例事项甲审批", date(2026, 2, 1), date(2026, 2, 10)),
    ]


def test_a_document_with_no_date_rejects_the_row_that_needs_one() -> None:
    """No date anywhere on the page (the 文号 given): the row saying 自发布之日起施行 without a
    发布日期 cannot be placed and is rejected, naming why; the row with its own date is read."""
    got = _extract(
        "<p>附件1</p><p>取消的行政许可事项目录</p>"
        + _table(
            ["序号", "事项名称", "审批部门", "发布日期", "生效日期"],
            ["1", "示例事项甲审批", "示例部", "", "自发布之日起施行"],
            ["2", "示例事项乙审批", "示例部", "2026-03-01", "自发布之日起施行"],
        ),
        doc_no="示例〔2026〕2号",
    )
    assert [(r.name, r.effective_date) for r in got.rows] == [("示例事项乙审批", date(2026, 3, 1))]
    assert [(r.where, r.reason) for r in got.rejected] == [
        (
            "附件1 table 1 row 2",
            "生效日期 '自发布之日起施行' means in force from the 发布日期, and neither the row nor "
            "the document gives one (give it with --date)",
        )
    ]
