"""A decision row naming several matters whose other items read two ways (where its last
subject ends is not written) reaches none of them, and does not vanish: each record a reading
would reach is a pair of the review workbook, the evidence naming every reading; a reviewer's
confirmation makes it a match."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from conftest import write_csv

from catalog_sync.cli import cli

ROW = "律师事务所、会计师事务所分所设立审批"
READINGS = "'律师事务所分所设立审批' / '律师事务所设立审批'"


def _project(tmp_path: Path, decision: str = ROW, rows: int = 1) -> Path:
    project = tmp_path / "project"
    write_csv(
        project / "catalogue.csv",
        [
            ["基本编码", "事项名称", "事项类型"],
            ["511A1200100000", "律师事务所设立审批", "01"],
            ["511A1200200000", "律师事务所分所设立审批", "01"],
            ["511A1200300000", "会计师事务所分所设立审批", "01"],
        ],
    )
    write_csv(
        project / "list.csv",
        [
            ["实施编码", "事项名称", "事项类型", "实施主体"],
            ["511A1200100000001", "律师事务所设立审批", "01", "市司法局"],
        ],
    )
    write_csv(
        project / "decisions.csv",
        [
            ["文号", "发布日期", "事项名称", "处理决定"],
            *[["国发〔2017〕7号", "2017-01-12", decision, "取消"]] * rows,
        ],
    )
    (project / "catalog-sync.toml").write_text(
        'catalogue = "catalogue.csv"\nlists = ["list.csv"]\ndecisions = ["decisions.csv"]\n'
        'as_of = "2026-11-01"\nformat = "json"\n',
        encoding="utf-8",
    )
    return project


def _export(project: Path, out: Path, lang: str = "zh") -> list[dict]:
    args = ["review", "export", str(project), "--out", str(out), "--lang", lang]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in ws[1]]
    return [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]


def _cancelled(project: Path, out: Path) -> set[str]:
    result = CliRunner().invoke(cli, ["diff", str(project), "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    rows = json.loads((out / "cancelled_still_listed.json").read_text(encoding="utf-8"))
    return {f"{r['source']}:{r['item_name']}" for r in rows}


def test_an_ambiguous_row_is_put_to_the_reviewer(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert _cancelled(project, tmp_path / "o0") == {"catalogue:会计师事务所分所设立审批"}
    rows = _export(project, tmp_path / "review.xlsx")
    pairs = {(r["类别"], r["事项名称（右）"], r["匹配层级"]) for r in rows}
    assert pairs == {
        ("决定→目录", "律师事务所设立审批", "读法不一（未采用）"),
        ("决定→目录", "律师事务所分所设立审批", "读法不一（未采用）"),
    }
    assert all(r["事项名称（左）"] == ROW for r in rows)
    assert all(
        r["匹配依据"] == f"决定事项名称列有多个事项，但末项主体在何处结束未写明：可读作{READINGS}；"
        "均未采用，请人工判定"
        for r in rows
    )
    english = _export(project, tmp_path / "review_en.xlsx", "en")
    assert {r["Evidence"] for r in english} == {
        "the decision row names several matters and where its last subject ends is not "
        f"written: it reads as {READINGS}; none is taken"
    }

    # the reviewer says which reading the row meant: confirmed, it is a match, and the list
    # item implementing the matter is reached through it
    wb = openpyxl.load_workbook(tmp_path / "review.xlsx")
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, header.index("事项名称（右）") + 1).value == "律师事务所设立审批":
            ws.cell(r, header.index("判定") + 1, "确认")
    wb.save(tmp_path / "review.xlsx")
    args = ["review", "import", str(tmp_path / "review.xlsx"), str(project), "--reviewer", "李"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert _cancelled(project, tmp_path / "o1") == {
        "catalogue:会计师事务所分所设立审批",
        "catalogue:律师事务所设立审批",
        "list:律师事务所设立审批",
    }
    assert {r["事项名称（右）"] for r in _export(project, tmp_path / "again.xlsx")} == {
        "律师事务所分所设立审批"
    }


def test_a_row_read_one_way_asks_nothing(tmp_path: Path) -> None:
    """律师事务所、会计师事务所设立审批 reads one way (no other cut gives a record's name):
    律师事务所设立审批 is reached, and no pair is put to the reviewer."""
    project = _project(tmp_path, "律师事务所、会计师事务所设立审批")
    assert _cancelled(project, tmp_path / "o0") == {
        "catalogue:律师事务所设立审批",
        "list:律师事务所设立审批",
    }
    assert _export(project, tmp_path / "review.xlsx") == []


def test_two_rows_of_one_key_are_judged_apart(tmp_path: Path) -> None:
    """Two unnumbered rows of one annex naming the same matters share 文号|附件|name: each is
    keyed apart (by its row), so the verdict on the second row's pair is the second row's,
    and the first row's pair is still to review (until session 22 the verdict went to the
    first row)."""
    project = _project(tmp_path, rows=2)
    rows = _export(project, tmp_path / "review.xlsx")
    assert len({r["左键"] for r in rows}) == 2
    wb = openpyxl.load_workbook(tmp_path / "review.xlsx")
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col = {h: header.index(h) + 1 for h in ("事项名称（右）", "来源（左）", "判定")}
    for r in range(2, ws.max_row + 1):
        second = str(ws.cell(r, col["来源（左）"]).value).endswith("decisions.csv:3")
        if second and ws.cell(r, col["事项名称（右）"]).value == "律师事务所设立审批":
            ws.cell(r, col["判定"], "确认")
    wb.save(tmp_path / "review.xlsx")
    args = ["review", "import", str(tmp_path / "review.xlsx"), str(project), "--reviewer", "李"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    left = {
        (r["来源（左）"].rsplit(":", 1)[1], r["事项名称（右）"])
        for r in _export(project, tmp_path / "again.xlsx")
    }
    assert left == {
        ("2", "律师事务所设立审批"),
        ("2", "律师事务所分所设立审批"),
        ("3", "律师事务所分所设立审批"),
    }
