"""Review that is remembered: export, fill in, import; applied on the next run; expired when a
side changes in substance, kept when only punctuation or spaces change."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import write_csv

from catalog_sync.cli import cli
from catalog_sync.errors import SourceError
from catalog_sync.review import pair_id
from catalog_sync.sources.review_sheet import read_review

NATIONAL = "在城市建筑物、设施上张挂、张贴宣传品的审批"
LOCAL = "城市建筑物、设施上张挂、张贴宣传品审批"
TASK = "CGJ-XK-0001"  # a local code: the list is matched by name, so a fuzzy pair


def _project(tmp_path: Path, list_name: str = LOCAL) -> Path:
    project = tmp_path / "project"
    write_csv(
        project / "catalogue.csv",
        [["基本编码", "事项名称", "事项类型"], ["511A0001000000", NATIONAL, "01"]],
    )
    write_csv(
        project / "list.csv",
        [["实施编码", "事项名称", "事项类型", "实施主体"], [TASK, list_name, "1", "区城管局"]],
    )
    write_csv(
        project / "decisions.csv",
        [
            ["文号", "发布日期", "事项名称", "处理决定"],
            ["国发〔2017〕7号", "2017-01-12", "棉花加工资格认定", "取消"],
        ],
    )
    (project / "catalog-sync.toml").write_text(
        'catalogue = "catalogue.csv"\nlists = ["list.csv"]\ndecisions = ["decisions.csv"]\n'
        'as_of = "2026-11-01"\nformat = "json"\n',
        encoding="utf-8",
    )
    return project


def _export(project: Path, out: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["review", "export", str(project), "--out", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in ws[1]]
    return [
        dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)
    ]


def _judge(path: Path, verdict: str, note: str) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("判定") + 1, verdict)
    ws.cell(2, header.index("备注") + 1, note)
    wb.save(path)


def _match(project: Path, out: Path) -> dict | None:
    result = CliRunner().invoke(cli, ["diff", str(project), "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    rows = json.loads((out / "list_catalogue_matches.json").read_text(encoding="utf-8"))
    return rows[0] if rows else None


def test_judgement_applied_then_expired_by_a_change(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert _match(project, tmp_path / "o0")["match_tier"] == "fuzzy"
    rows = _export(project, tmp_path / "review.xlsx")
    assert [
        (r["事项名称（左）"], r["事项名称（右）"], r["匹配层级"], r["复核状态"]) for r in rows
    ] == [(LOCAL, NATIONAL, "近似名称", "待审核")]  # the tier in Chinese (vocab)

    # a reviewer denies it: the pair never matches again, and it is not asked again
    _judge(tmp_path / "review.xlsx", "否认", "宣传品审批与此不同")
    result = CliRunner().invoke(
        cli,
        ["review", "import", str(tmp_path / "review.xlsx"), str(project), "--reviewer", "李审核"],
    )
    assert result.exit_code == 0, result.output
    with (project / "judgements.csv").open(encoding="utf-8") as f:
        stored = list(csv.DictReader(f))
    assert [
        (j["verdict"], j["reviewer"], j["note"], j["left_key"], j["right_key"]) for j in stored
    ] == [("denied", "李审核", "宣传品审批与此不同", f"list:{TASK}", "catalogue:511A0001000000")]
    assert _match(project, tmp_path / "o1") is None
    unmatched = json.loads((tmp_path / "o1" / "unmatched_list_items.json").read_text("utf-8"))
    assert [r["item_name"] for r in unmatched] == [LOCAL]
    assert _export(project, tmp_path / "again.xlsx") == []

    # a later verdict on the same pair replaces it: confirmed is tier `reviewed`
    _judge(tmp_path / "review.xlsx", "确认", "同一事项，全国表述")
    CliRunner().invoke(
        cli,
        ["review", "import", str(tmp_path / "review.xlsx"), str(project), "--reviewer", "王复核"],
    )
    matched = _match(project, tmp_path / "o2")
    assert matched["match_tier"] == "reviewed" and matched["match_score"] == 100.0
    assert "confirmed by 王复核" in matched["evidence"] and "全国表述" in matched["evidence"]

    # punctuation and spaces are not a change in substance: still reviewed
    _project(tmp_path, list_name="城市建筑物，设施上张挂 张贴宣传品审批")
    assert _match(project, tmp_path / "o3")["match_tier"] == "reviewed"

    # a change of name is: the judgement expires and the pair comes back, marked as changed
    _project(tmp_path, list_name="在城市建筑物、设施上张挂、张贴宣传品审批")
    assert _match(project, tmp_path / "o4")["match_tier"] == "fuzzy"
    rows = _export(project, tmp_path / "changed.xlsx")
    assert len(rows) == 1 and rows[0]["复核状态"].startswith("已变更（原判定：确认")
    summary = json.loads((tmp_path / "o4" / "summary.json").read_text(encoding="utf-8"))
    assert summary["judgements"] == {"applied": 0, "confirmed": 0, "denied": 0, "expired": 1}


def test_a_bad_verdict_is_refused_with_its_row(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _export(project, tmp_path / "review.xlsx")
    _judge(tmp_path / "review.xlsx", "也许", "")
    result = CliRunner().invoke(
        cli, ["review", "import", str(tmp_path / "review.xlsx"), str(project)]
    )
    assert result.exit_code == 2
    assert "row 2 column 判定" in result.stderr and "也许" in result.stderr
    assert not (project / "judgements.csv").exists()


def test_review_export_on_the_demo_lists_fuzzy_and_propagated(tmp_path: Path) -> None:
    demo = Path(__file__).resolve().parent.parent / "fixtures" / "demo"
    rows = _export(demo, tmp_path / "review.xlsx")
    tiers = {r["匹配层级"] for r in rows}
    assert tiers == {"近似名称", "主项延及子项"}  # fuzzy, propagated
    assert {r["类别"] for r in rows} == {"清单→目录", "决定→目录", "决定→清单"}
    # a match decided by weighed evidence shows its weights
    weighed = next(r for r in rows if r["事项名称（左）"] == "重大事故隐患排查和处理情况备案")
    assert weighed["证据权重"].startswith("事项名称 +6.0；") and "合计" in weighed["证据权重"]
    assert all(r["判定"] is None and r["对编号"] for r in rows)
    from test_vocab import english_words

    assert not [r["匹配依据"] for r in rows if english_words(r["匹配依据"] or "")]


def test_review_export_makes_the_folder_it_is_to_go_in(tmp_path: Path) -> None:
    """As diff makes its --out: a folder not there yet is no internal error."""
    out = tmp_path / "not" / "yet" / "review.xlsx"
    rows = _export(_project(tmp_path), out)
    assert rows and sorted(p.name for p in out.parent.iterdir()) == ["review.xlsx"]


# --- reading a filled-in workbook, by hand-made sheets --------------------------------------

_SHEET_HEAD = [
    "pair_id",
    "verdict",
    "left_key",
    "right_key",
    "left_fingerprint",
    "right_fingerprint",
]


def _sheet_row(left: str, right: str, verdict: str) -> list[str]:
    return [pair_id(left, right), verdict, left, right, f"fp-{left}", f"fp-{right}"]


def test_read_review_skips_empty_rows_counts_blank_verdicts_and_a_repeated_row(
    tmp_path: Path,
) -> None:
    sheet = write_csv(
        tmp_path / "review.csv",
        [
            [*_SHEET_HEAD, "备注"],
            [*_sheet_row("list:1", "catalogue:1", "确认"), "同一事项"],
            ["", "", "", "", "", "", ""],  # an empty row: neither judged nor left blank
            [*_sheet_row("list:2", "catalogue:2", ""), ""],  # left blank
            [*_sheet_row("list:1", "catalogue:1", "Confirmed"), "复制的行"],  # same verdict again
        ],
    )
    judgements, blank = read_review(sheet, "review.csv", "张三")
    assert blank == 1
    assert [(j.left_key, j.verdict, j.reviewer, j.note) for j in judgements] == [
        ("list:1", "confirmed", "张三", "同一事项")
    ]


def test_read_review_refuses_a_sheet_without_the_review_header(tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "review.csv",
        [[h for h in _SHEET_HEAD if h != "verdict"], ["", "list:1", "catalogue:1", "", ""]],
    )
    with pytest.raises(SourceError) as refused:
        read_review(sheet, "review.csv", "张三")
    assert str(refused.value) == (
        "review.csv: not a review workbook: no header with 对编号, 判定 and the key columns "
        "(export one with `catalog-sync review export`)"
    )


def test_read_review_names_the_row_of_a_word_that_is_no_verdict(tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "review.csv",
        [
            _SHEET_HEAD,
            _sheet_row("list:1", "catalogue:1", "否认"),
            _sheet_row("list:2", "catalogue:2", "也许"),
        ],
    )
    with pytest.raises(SourceError) as refused:
        read_review(sheet, "review.csv", "张三")
    assert str(refused.value) == (
        "review.csv row 3 column 判定: 判定 '也许' is not one of 确认, 否认, 不适用"
    )


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (".", "the review workbook's name must end in .xlsx"),
        ("review.csv", "the review workbook's name must end in .xlsx"),
        ("catalogue.csv", "the review workbook's name must end in .xlsx"),
        ("sub.xlsx", "is a folder; name the workbook"),
        ("list.xlsx", "is one of the run's inputs"),
    ],
)
def test_review_export_never_replaces_an_input_or_writes_what_is_no_workbook(
    tmp_path: Path, out: str, message: str
) -> None:
    """`--out` named after a list the project reads would have replaced it with the workbook."""
    project = _project(tmp_path)
    openpyxl.Workbook().save(project / "list.xlsx")
    (project / "sub.xlsx").mkdir()
    toml = project / "catalog-sync.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('["list.csv"]', '["list.csv", "list.xlsx"]'), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()}
    target = out if out == "." else str(project / out)
    result = CliRunner().invoke(cli, ["review", "export", str(project), "--out", target])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()} == before


def test_review_export_keeps_a_workbook_already_there_unless_forced(tmp_path: Path) -> None:
    """A reviewer may have filled in review.xlsx: a second export is refused, one line, exit 2,
    the workbook as it was (until session 17 it was replaced); --force replaces it."""
    project = _project(tmp_path)
    out = tmp_path / "review.xlsx"
    out.write_bytes(b"a reviewer's verdicts")
    result = CliRunner().invoke(cli, ["review", "export", str(project), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"catalog-sync: error: --out {out}: exists and may hold a reviewer's verdicts; import it "
        "first (review import) or give --force to replace it"
    ]
    assert out.read_bytes() == b"a reviewer's verdicts"
    forced = ["review", "export", str(project), "--out", str(out), "--force"]
    assert CliRunner().invoke(cli, forced).exit_code == 0
    assert openpyxl.load_workbook(out).worksheets[0]["A1"].value


def test_review_import_into_a_folder_that_is_not_there_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["review", "import", "r.xlsx", str(tmp_path / "mistyped")])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("mistyped: not a folder (expected the project folder)")
    assert not (tmp_path / "mistyped").exists()
