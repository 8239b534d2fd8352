"""Reading decision documents: encodings, formats, tables with merged cells and broken rows,
the decision's number and dates, and the documents that cannot be read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog_sync.cli import cli
from catalog_sync.documents import Overrides, extract_decision, read_document
from catalog_sync.documents.encoding import decode_text
from catalog_sync.documents.html import expand_spans
from catalog_sync.documents.meta import find_doc_nos, parse_cn_date
from catalog_sync.documents.model import COL_COPY, OWN, ROW_COPY, Extracted
from catalog_sync.documents.text import split_fields
from catalog_sync.errors import SourceError
from catalog_sync.mappings import load_mapping

MAPPING = load_mapping()
HEAD = "<p>国务院关于取消一批行政许可事项的决定</p><p>示例〔2026〕1号</p><p>2026年2月1日</p>"


def extract(html: str, **overrides: object) -> Extracted:
    """An invented page (示例〔2026〕…, not a real document) read as a decision."""
    doc = read_document(f"<html><body>{html}</body></html>".encode(), "example.html", MAPPING)
    return extract_decision(doc, MAPPING, Overrides(**overrides))  # type: ignore[arg-type]


def table(*rows: list[str], th: bool = True) -> str:
    head = "".join(f"<th>{c}</th>" if th else f"<td>{c}</td>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows[1:])
    return f"<table><tr>{head}</tr>{body}</table>"


HEADER = ["序号", "事项名称", "审批部门"]

# --- encodings ---------------------------------------------------------------------------


def test_gbk_page_mislabelled_utf8_by_the_server() -> None:
    data = '<meta charset="gb2312"><p>国务院决定取消</p>'.encode("gbk")
    text, codec, notes = decode_text(data, "utf-8")
    assert codec == "gb18030" and "国务院决定取消" in text
    assert "utf-8 from the HTTP header does not fit the bytes" in notes[0]


def test_gb2312_label_reads_gbk_only_characters() -> None:
    data = '<meta charset="gb2312"><p>朱镕基</p>'.encode("gbk")  # 镕 is not in GB2312
    text, codec, _ = decode_text(data)
    assert codec == "gb18030" and "朱镕基" in text


def test_no_label_detected_from_bytes_and_latin1_label_ignored() -> None:
    assert decode_text("国务院".encode("gbk"), "iso-8859-1")[:2] == ("国务院", "gb18030")
    assert decode_text("国务院".encode())[:2] == ("国务院", "utf-8")


def test_undecodable_bytes_are_replaced_and_told() -> None:
    text, _, notes = decode_text("国务院".encode() + b"\xff\xfe\xfa" + "决定".encode("gbk"))
    assert "\ufffd" in text and "undecodable" in notes[-1]


# --- tables --------------------------------------------------------------------------------


def test_spans_expanded_and_copies_marked() -> None:
    grid = expand_spans([[("a", 2, 1), ("b", 1, 2)], [("c", 1, 1), ("d", 1, 1)]])
    assert [[(c.text, c.span) for c in r] for r in grid] == [
        [("a", OWN), ("b", OWN), ("b", COL_COPY)],
        [("a", ROW_COPY), ("c", OWN), ("d", OWN)],
    ]


def test_partly_readable_table_reports_rejected_rows() -> None:
    got = extract(
        HEAD
        + "<p>附件</p><p>取消的行政许可事项目录（共4项）</p>"
        + table(
            HEADER,
            ["1", "示例事项甲审批", "省级示例部门"],
            ["2", "", "省级示例部门"],
            ["3", "示例事项丙审批", "省级示例部门", "多出的一格"],
            ["4", "示例事项丁审批", "省级示例部门"],
        )
    )
    assert [r.name for r in got.rows] == ["示例事项甲审批", "示例事项丁审批"]
    reasons = [(r.where, r.reason) for r in got.rejected]
    assert reasons[0] == ("附件 table 1 row 3", "事项名称 is empty")
    assert reasons[1][0] == "附件 table 1 row 4"
    assert "beyond the header's 3 columns (多出的一格)" in reasons[1][1]
    assert got.rejected[1].cells == ("3", "示例事项丙审批", "省级示例部门", "多出的一格")
    assert got.warnings == [
        "example.html: 附件 取消的行政许可事项目录（共4项）: "
        "states 4 items, 2 rows read (2 rejected)"
    ]


def test_section_rows_repeated_header_and_annex_inside_one_table() -> None:
    got = extract(
        HEAD
        + "<p>附件1</p><p>取消的行政许可事项目录（共2项）</p><table>"
        + "<tr><th>序号</th><th>事项名称</th><th>审批部门</th></tr>"
        + "<tr><td colspan='3'>一、国务院部门实施的事项</td></tr>"
        + "<tr><td>1</td><td>示例事项甲审批</td><td>示例部</td></tr>"
        + "<tr><td>序号</td><td>事项名称</td><td>审批部门</td></tr>"
        + "<tr><td>2</td><td>示例事项乙审批</td><td>示例部</td></tr>"
        + "<tr><td colspan='3'>附件2 下放管理层级的行政许可事项目录（共1项）</td></tr>"
        + "<tr><td>1</td><td>示例事项丙审批</td><td>示例部</td></tr></table>"
    )
    assert [(r.annex[:3], r.seq, r.name, r.action) for r in got.rows] == [
        ("附件1", "1", "示例事项甲审批", "取消"),
        ("附件1", "2", "示例事项乙审批", "取消"),
        ("附件2", "1", "示例事项丙审批", "下放管理层级"),
    ]
    assert got.warnings == []
    assert any("一、国务院部门实施的事项" in n for n in got.notes)


def test_action_column_wins_and_an_ambiguous_title_rejects() -> None:
    rows = [
        ["序号", "项目名称", "处理决定"],
        ["1", "示例事项甲核准", "下放"],
        ["2", "示例事项乙核准", ""],
    ]
    got = extract(HEAD + "<p>附件1</p><p>取消和下放管理层级的行政审批项目目录</p>" + table(*rows))
    assert [(r.name, r.action) for r in got.rows] == [("示例事项甲核准", "下放")]
    assert "the annex title names several actions (取消、下放)" in got.rejected[0].reason


def test_table_without_heading_takes_the_title_line_above() -> None:
    got = extract(
        HEAD + "<p>国务院决定取消的行政许可事项目录（共1项）</p>" + table(HEADER, ["1", "甲", "乙"])
    )
    assert got.rows[0].annex == "国务院决定取消的行政许可事项目录（共1项）"
    assert got.rows[0].stated_count == 1 and got.warnings == []


def test_other_actions_from_the_annex_title() -> None:
    got = extract(
        HEAD
        + "<p>附件4</p><p>改为后置审批的工商登记前置审批事项目录</p>"
        + table(HEADER, ["1", "甲", "乙"])
    )
    assert got.rows[0].action == "改为后置审批"


# --- the decision's number and dates ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国发〔2019〕6号", ["国发〔2019〕6号"]),
        ("（国发[2019]6号）", ["国发〔2019〕6号"]),
        ("國發〔2017〕7號", []),  # traditional: converted to simplified before this is asked
        ("国办发（２０２２）２号", ["国办发〔2022〕2号"]),
        (
            "依据《决定》（国发〔2012〕52号）和渝府发〔2019〕9号",
            ["国发〔2012〕52号", "渝府发〔2019〕9号"],
        ),
    ],
)
def test_doc_numbers(text: str, expected: list[str]) -> None:
    assert find_doc_nos(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019年2月27日", date(2019, 2, 27)),
        ("二〇一三年五月十五日", date(2013, 5, 15)),
        ("2019年02月27日 10:00", date(2019, 2, 27)),
        ("2019-03-06", date(2019, 3, 6)),
        ("2019年2月30日", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert parse_cn_date(text) == expected


@pytest.mark.parametrize(
    ("body", "effective"),
    [
        ("<p>本决定自2026年3月1日起施行。</p>", date(2026, 3, 1)),
        ("<p>本决定自公布之日起施行。</p>", date(2026, 2, 10)),  # the page's 发布日期
        ("<p>各地区要抓紧落实。</p>", date(2026, 2, 1)),  # the decision's date
    ],
)
def test_effective_date(body: str, effective: date) -> None:
    meta = "<table><tr><td>成文日期：</td><td>2026年02月01日</td><td>发布日期：</td>"
    meta += "<td>2026年02月10日</td></tr></table>"
    got = extract(
        meta + HEAD + body + "<p>附件</p><p>取消的事项目录</p>" + table(HEADER, ["1", "甲", "乙"])
    )
    assert got.issued_date == date(2026, 2, 1)
    assert got.rows[0].effective_date == effective


def test_options_stand_in_for_what_the_document_does_not_say() -> None:
    page = "<p>附件</p><p>取消的事项目录</p>" + table(HEADER, ["1", "甲", "乙"])
    with pytest.raises(SourceError, match="names no 文号 .*give it with --doc-no"):
        extract(page)
    with pytest.raises(SourceError, match="names no date .*give it with --date"):
        extract(page, doc_no="示例〔2026〕2号")
    got = extract(page, doc_no="示例〔2026〕2号", issued=date(2026, 1, 5))
    assert (got.rows[0].doc_no, got.rows[0].effective_date) == ("示例〔2026〕2号", date(2026, 1, 5))


def test_several_numbers_mentioned_are_listed() -> None:
    page = "<p>根据国发〔2012〕52号和国发〔2015〕11号。</p><p>2026年1月1日</p>"
    with pytest.raises(SourceError, match="it mentions 国发〔2012〕52号, 国发〔2015〕11号"):
        extract(page + "<p>附件</p><p>取消的事项目录</p>" + table(HEADER, ["1", "甲", "乙"]))


def test_simplified_text_is_not_converted() -> None:
    doc = read_document((HEAD + "<p>乾坤、著作权、皇后、头发</p>").encode(), "s.html", MAPPING)
    assert not doc.notes


# --- plain text ------------------------------------------------------------------------------


def test_split_fields_positions_count_cjk_twice() -> None:
    assert split_fields("1     棉花加工资格认定    省级部门") == [
        ("1", 0), ("棉花加工资格认定", 6), ("省级部门", 26),
    ]  # fmt: skip
    assert split_fields("1\t\t省级部门") == [("1", 0), ("", 1), ("省级部门", 2)]


def test_text_row_with_too_many_fields_is_rejected() -> None:
    text = (
        "关于取消一批示例事项的决定\n示例〔2026〕4号\n2026年1月1日\n附件\n取消的示例事项目录\n"
        "序号\t事项名称\t审批部门\n1\t示例事项甲\t示例部\n2\t示例事项乙\t示例部\t多余\n"
    )
    doc = read_document(text.encode(), "copy.txt", MAPPING)
    got = extract_decision(doc, MAPPING, Overrides())
    assert [r.name for r in got.rows] == ["示例事项甲"]
    assert got.rejected[0].where == "附件 line 8"


# --- documents that cannot be read: exit 2, the document named, nothing written ---------------


def _import(tmp_path: Path, name: str, data: bytes) -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(
        cli, ["decisions", "import", str(path), "--out", str(tmp_path / "o")]
    )
    assert not (tmp_path / "o").exists()
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"catalog-sync: error: {path}")
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notice.html", (HEAD + "<p>没有附件。</p>").encode(), "no annex table found"),
        (
            "notice.html",
            (HEAD + table(["名称", "部门"], ["甲", "乙"])).encode(),
            "no annex table found: no table has a header naming 事项名称 or 项目名称",
        ),
        (
            "annex.html",
            (
                HEAD
                + "<p>附件</p><p>取消的事项目录</p>"
                + table(["序号", "名称", "部门"], ["1", "甲", "乙"])
            ).encode(),
            "附件 取消的事项目录: the table under it (table 1) has no 事项名称 or 项目名称 column; "
            "its first row reads '序号 | 名称 | 部门'",
        ),
        ("scan.pdf", b"%PDF-1.7\n...", "is a PDF; open it and save it as DOCX or HTML"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old binary Office file"),
        ("broken.docx", b"PK\x03\x04garbage", "damaged ZIP archive"),
        ("renamed.docx", b"<p>not a docx</p>", "has a docx name but is not that format"),
        ("empty.html", b"  \n", "is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "is a binary file"),
    ],
)
def test_unreadable_documents(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    code, stderr = _import(tmp_path, name, data)
    assert code == 2
    assert message in stderr


def test_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["decisions", "import", str(tmp_path / "gone.html"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert result.stderr == f"catalog-sync: error: {tmp_path / 'gone.html'}: file not found\n"


def test_same_decision_from_two_documents_is_refused(tmp_path: Path) -> None:
    page = HEAD + "<p>附件</p><p>取消的事项目录</p>" + table(HEADER, ["1", "甲", "乙"])
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    a.write_text(page, encoding="utf-8")
    b.write_text(page, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["decisions", "import", str(a), str(b), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert f"示例〔2026〕1号 is in both {a} and {b}" in result.stderr


def test_bad_date_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["decisions", "import", "x.html", "--out", str(tmp_path), "--date", "27.2.2019"]
    )
    assert result.exit_code == 2
    assert "'27.2.2019' is not a date in the form YYYY-MM-DD" in result.stderr


def test_issuer_abbreviations_keep_their_first_character() -> None:
    assert find_doc_nos("（发改价格〔2017〕1234号）") == ["发改价格〔2017〕1234号"]


def test_title_is_a_heading_line_not_a_citation() -> None:
    from catalog_sync.documents.meta import read_meta

    meta = read_meta(
        [
            "为贯彻落实《国务院关于取消一批行政许可事项的决定》，现决定如下",
            "国务院关于取消和下放一批行政许可事项的决定（国发〔2019〕6号）",
            "2019年2月27日",
        ],
        ["发文字号： 国发〔2019〕6号 发布日期： 2019年03月06日"],
        "",
    )
    assert meta.title == "国务院关于取消和下放一批行政许可事项的决定"
    assert (meta.doc_no, meta.issued, meta.published) == (
        "国发〔2019〕6号", date(2019, 2, 27), date(2019, 3, 6),
    )  # fmt: skip


def test_full_width_annex_number() -> None:
    got = extract(HEAD + "<p>附件１</p><p>取消的事项目录</p>" + table(HEADER, ["1", "甲", "乙"]))
    assert got.rows[0].annex == "附件1 取消的事项目录"


def test_workbook_with_a_sheet_per_annex(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "附件1 取消"
    first.append(["序号", "事项名称", "审批部门"])
    first.append([1, "示例事项甲审批", "省级示例部门"])
    second = wb.create_sheet("附件2 下放")
    second.append(["序号", "事项名称", "审批部门", "下放后审批部门"])
    second.append([1, "示例事项乙审批", "示例部", "省级示例部门"])
    path = tmp_path / "annexes.xlsx"
    wb.save(str(path))
    doc = read_document(path.read_bytes(), str(path), MAPPING)
    got = extract_decision(doc, MAPPING, Overrides("示例〔2026〕5号", date(2026, 1, 5)))
    assert [(r.annex, r.name, r.action, r.delegated_to) for r in got.rows] == [
        ("附件1 取消", "示例事项甲审批", "取消", ""),
        ("附件2 下放", "示例事项乙审批", "下放", "省级示例部门"),
    ]
    assert got.rows[0].where == "附件1 sheet 附件1 取消 row 2"


def test_archive_unpacking_too_large_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docbuilders import docx_2019_6

    import catalog_sync.documents.read as read

    monkeypatch.setattr(read, "MAX_UNPACKED", 10_000)
    data = docx_2019_6(tmp_path / "d.docx").read_bytes()
    with pytest.raises(SourceError, match="unpacks to .* more than the 10,000 accepted"):
        read_document(data, "d.docx", MAPPING)


def test_the_decision_title_s_action_stands_for_an_annex_title_naming_none() -> None:
    got = extract(
        HEAD
        + "<p>附件1</p><p>行政许可事项目录</p>"
        + table(HEADER, ["1", "示例事项甲审批", "示例部"])
    )
    assert [(r.name, r.action) for r in got.rows] == [("示例事项甲审批", "取消")]
    assert got.rejected == []


def test_no_action_in_the_annex_nor_the_decision_title_rejects_the_rows() -> None:
    got = extract(
        "<p>国务院关于调整一批行政许可事项的决定</p><p>示例〔2026〕1号</p><p>2026年2月1日</p>"
        + "<p>附件1</p><p>行政许可事项目录</p>"
        + table(HEADER, ["1", "示例事项甲审批", "示例部"])
        + "<p>附件2</p><p>取消的行政许可事项目录</p>"
        + table(HEADER, ["1", "示例事项乙审批", "示例部"])
    )
    assert [(r.name, r.action) for r in got.rows] == [("示例事项乙审批", "取消")]
    assert [(r.where, r.reason) for r in got.rejected] == [
        (
            "附件1 table 1 row 2",
            "no 处理决定 column; the annex title names no action, nor does the decision title",
        )
    ]


def test_a_row_date_that_is_no_date_rejects_it_and_the_rows_it_carries_down_to() -> None:
    got = extract(
        HEAD
        + "<p>附件1</p><p>取消的行政许可事项目录</p>"
        + table(
            [*HEADER, "发布日期"],
            ["1", "示例事项甲审批", "示例部", "2026-03-01"],
            ["2", "示例事项乙审批", "示例部", "明天"],
            ["3", "示例事项丙审批", "示例部", ""],  # takes 明天 from the row above
            ["4", "示例事项丁审批", "示例部", "2026-03-05"],
        )
    )
    assert [(r.name, r.issued_date, r.effective_date) for r in got.rows] == [
        ("示例事项甲审批", date(2026, 3, 1), date(2026, 3, 1)),
        ("示例事项丁审批", date(2026, 3, 5), date(2026, 3, 5)),
    ]
    not_a_date = "'明天' is not a date (expected e.g. 2026-09-01, 2026年9月1日, 20260901)"
    assert [(r.where, r.reason) for r in got.rejected] == [
        ("附件1 table 1 row 3", not_a_date),
        ("附件1 table 1 row 4", not_a_date),
    ]


def test_a_two_row_header_is_read_by_the_same_rule_as_one_row() -> None:
    """审批部门 merged over 下放前 | 下放后 beside 实施机关: the field's earlier name in the
    mapping wins, as in a one-row header, not the leftmost column."""
    from catalog_sync.documents.model import ROW_COPY, Cell
    from catalog_sync.documents.tables import _two_level, decision_aliases
    from catalog_sync.mappings import load_mapping
    from catalog_sync.sources.tabular import resolve_columns

    aliases = decision_aliases(load_mapping())
    one_row = ["序号", "项目名称", "实施机关", "审批部门", "设定依据"]
    top = [Cell("序号"), Cell("项目名称"), Cell("实施机关"), Cell("审批部门"), Cell("设定依据")]
    below = [Cell("序号", ROW_COPY), Cell("项目名称", ROW_COPY), Cell("实施机关", ROW_COPY),
             Cell("下放前"), Cell("设定依据", ROW_COPY)]  # fmt: skip
    assert _two_level(top, below, aliases) == resolve_columns(one_row, aliases)
