"""`catalog-sync decisions fetch / import / list`, end to end: every document format is read
into decision CSVs that `diff --decisions DIR` uses, bad documents stop with exit 2."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import write_csv
from docbuilders import DOCUMENTS, csv_2013_19, docx_2019_6, gbk_page, xlsx_2016_9
from docserver import DocServer, page, redirect, slow, streamed

from catalog_sync.cli import cli

OIL = "石油天然气（含煤层气）对外合作项目总体开发方案审批"
COTTON = "棉花加工资格认定"
TELECOM = "外商投资经营电信业务审定意见书核发"
CHROMIUM = "铬化合物生产建设项目审批"
SECURITY = "安全技术防范产品生产登记批准书核发"
RAIL = "企业投资城市轨道交通车辆、信号系统和牵引传动控制系统制造项目核准"
AIRPORT = "企业投资扩建民用机场项目核准"
SAFETY = "安全评价机构资质认可"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def copy(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        target = folder / name
        target.write_bytes((DOCUMENTS / name).read_bytes())
        return target

    return make


def gbk_file(folder: Path) -> Path:
    path = folder / "guofa-2019-6-gbk.html"
    path.write_bytes(gbk_page())
    return path


# (document maker, extra options, cancelled names expected, delegated names expected)
FORMATS = {
    "html gov.cn page": (copy("guofa-2019-6.html"), [], [OIL], [SAFETY]),
    "html GBK, meta gb2312": (gbk_file, [], [OIL], [SAFETY]),
    "html older layout, traditional": (copy("guofa-2017-7-traditional.html"), [], [COTTON], []),
    "html reprint, merged cells, page break": (
        copy("guofa-2020-13-reprint.html"),
        ["--doc-no", "国发〔2020〕13号"],
        [TELECOM, CHROMIUM],
        [],
    ),
    "docx merged header": (lambda f: docx_2019_6(f / "guofa-2019-6.docx"), [], [OIL], [SAFETY]),
    "xlsx title rows": (
        lambda f: xlsx_2016_9(f / "guofa-2016-9.xlsx"),
        ["--date", "2016-02-03"],
        [SECURITY],
        [],
    ),
    "csv GBK with action column": (
        lambda f: csv_2013_19(f / "guofa-2013-19.csv"),
        ["--doc-no", "国发〔2013〕19号", "--date", "2013-05-15"],
        [RAIL],
        [AIRPORT],
    ),
    "text, tabs": (copy("guofa-2017-7-copy.txt"), [], [COTTON], []),
    "text, aligned spaces": (copy("guofa-2020-13-copy.txt"), [], [TELECOM, CHROMIUM], []),
}


def diff_tables(tmp_path: Path, decisions: Path, names: list[str]) -> dict[str, list[dict]]:
    """Run diff on a catalogue and a list naming `names`; the JSON tables it writes."""
    cat = [["基本编码", "事项名称", "事项类型"]]
    lst = [["实施编码", "基本编码", "事项名称", "事项类型"]]
    for i, name in enumerate(names):
        code = f"000{i:03d}001000"
        cat.append([code, name, "行政许可"])
        lst.append([f"11511602AB{i:04d}-511602-001", code, name, "行政许可"])
    out = tmp_path / "diff-out"
    result = run(
        "diff",
        "--catalogue", write_csv(tmp_path / "cat.csv", cat),
        "--list", write_csv(tmp_path / "list.csv", lst),
        "--decisions", decisions,
        "--as-of", "2026-01-01",
        "--out", out,
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    return {
        t: json.loads((out / f"{t}.json").read_text(encoding="utf-8"))
        for t in ("cancelled_still_listed", "delegated_items")
    }


@pytest.mark.parametrize("shape", list(FORMATS))
def test_every_format_round_trips_into_diff(tmp_path: Path, shape: str) -> None:
    make, options, cancelled, delegated = FORMATS[shape]
    src = tmp_path / "src"
    src.mkdir()
    document = make(src)
    out = tmp_path / "decisions"
    result = run("decisions", "import", document, "--out", out, *options)
    assert result.exit_code == 1, result.output  # our copies are partial: counts differ
    assert "states" in result.stderr and " read" in result.stderr
    written = sorted(out.glob("*.csv"))
    assert len(written) == 1
    tables = diff_tables(tmp_path, out, cancelled + delegated)
    listed = {r["item_name"] for r in tables["cancelled_still_listed"] if r["source"] == "list"}
    assert listed == set(cancelled)
    moved = {r["item_name"] for r in tables["delegated_items"] if r["source"] == "list"}
    assert moved == set(delegated)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_written_csv_columns_and_provenance(tmp_path: Path) -> None:
    doc = copy("guofa-2019-6.html")(tmp_path)
    result = run("decisions", "import", doc, "--out", tmp_path / "out")
    assert result.exit_code == 1
    path = tmp_path / "out" / "国发〔2019〕6号.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_rows(path)
    assert list(rows[0])[:12] == [
        "文号", "决定名称", "发布日期", "生效日期", "附件", "序号", "事项名称", "审批部门",
        "设定依据", "处理决定", "下放后审批部门", "加强事中事后监管措施",
    ]  # fmt: skip
    first = rows[0]
    assert first["文号"] == "国发〔2019〕6号"
    assert first["决定名称"] == "国务院关于取消和下放一批行政许可事项的决定"
    assert (first["发布日期"], first["生效日期"]) == ("2019-02-27", "2019-02-27")
    assert first["附件"] == "附件1 国务院决定取消的行政许可事项目录（共25项）"
    assert first["处理决定"] == "取消"
    assert first["设定依据"].count("\n") == 1  # two laws, one per line
    assert first["附件所列项数"] == "25"
    assert first["来源"] == str(doc)
    assert first["来源位置"] == "附件1 table 2 row 2"
    assert len(first["来源SHA256"]) == 64
    assert first["获取时间"][:2] == "20" and first["获取时间"][10] == "T"
    # the merged 审批部门 cell reaches the row below; the page-continued row is joined
    assert rows[1]["审批部门"] == "国家发展改革委"
    assert rows[2]["加强事中事后监管措施"].endswith("加强事中事后监管。")
    delegation = rows[3]
    assert delegation["处理决定"] == "下放管理层级"
    assert delegation["下放后审批部门"] == "省级人民政府应急管理部门、煤矿安全监管部门"
    assert len(rows) == 4
    assert "附件1 国务院决定取消的行政许可事项目录（共25项）: states 25 items, 3 rows read" in (
        result.stderr
    )


def test_docx_two_row_header(tmp_path: Path) -> None:
    doc = docx_2019_6(tmp_path / "d.docx")
    assert run("decisions", "import", doc, "--out", tmp_path / "out").exit_code == 1
    rows = read_rows(tmp_path / "out" / "国发〔2019〕6号.csv")
    assert [r["事项名称"] for r in rows] == [OIL, SAFETY]
    assert rows[1]["审批部门"] == "应急管理部"
    assert rows[1]["下放后审批部门"] == "省级人民政府应急管理部门、煤矿安全监管部门"
    assert rows[0]["附件"] == "附件1 国务院决定取消的行政许可事项目录（共25项）"


def test_list_shows_what_diff_reads(tmp_path: Path) -> None:
    out = tmp_path / "decisions"
    for name in ("guofa-2019-6.html", "guofa-2017-7-copy.txt"):
        run("decisions", "import", copy(name)(tmp_path), "--out", out)
    result = run("decisions", "list", out)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "文号", "发布日期", "生效日期", "取消", "下放", "其他", "决定名称", "文件",
    ]  # fmt: skip
    assert lines[2].split()[:6] == ["国发〔2017〕7号", "2017-01-12", "2017-01-12", "3", "0", "0"]
    assert lines[3].split()[:6] == ["国发〔2019〕6号", "2019-02-27", "2019-02-27", "3", "1", "0"]
    assert result.stderr == ""


def test_list_warns_when_a_decision_is_in_two_files(tmp_path: Path) -> None:
    out = tmp_path / "decisions"
    run("decisions", "import", copy("guofa-2019-6.html")(tmp_path), "--out", out)
    (out / "copy.csv").write_bytes((out / "国发〔2019〕6号.csv").read_bytes())
    result = run("decisions", "list", out)
    assert result.exit_code == 0
    assert "国发〔2019〕6号 is in 2 files" in result.stderr


def test_list_of_a_missing_folder_exits_2(tmp_path: Path) -> None:
    result = run("decisions", "list", tmp_path / "nothing")
    assert result.exit_code == 2
    assert "nothing: is not a folder" in result.stderr


def test_list_of_a_folder_holding_a_list_names_what_it_takes(tmp_path: Path) -> None:
    """decisions list has no --list: it says what its FOLDER must hold (until session 17 it
    asked 'did you mean --list?')."""
    folder = tmp_path / "decisions"
    folder.mkdir()
    (folder / "list.csv").write_text("实施编码,事项名称\nA1,甲许可\n", encoding="utf-8")
    result = run("decisions", "list", folder)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"catalog-sync: error: {folder / 'list.csv'} row 1: this looks like an "
        "implementation-list file (实施编码, 事项名称): decisions list takes a FOLDER of "
        "decision tables only (an implementation-list file goes to diff --list)"
    ]


def test_import_of_complete_annex_exits_0(tmp_path: Path) -> None:
    """An invented decision (示例〔2026〕…) whose annex has as many rows as it states."""
    doc = tmp_path / "example.html"
    doc.write_text(
        "<html><body><p>关于取消一批示例事项的决定</p><p>示例〔2026〕3号</p>"
        "<p>本决定自2026年3月1日起施行。</p><p>2026年2月1日</p>"
        "<p>附件</p><p>取消的示例事项目录（共2项）</p><table>"
        "<tr><th>序号</th><th>事项名称</th><th>审批部门</th></tr>"
        "<tr><td>1</td><td>示例事项甲审批</td><td>省级示例部门</td></tr>"
        "<tr><td>2</td><td>示例事项乙审批</td><td>省级示例部门</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    result = run("decisions", "import", doc, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "in force from 2026-03-01" in result.stderr
    rows = read_rows(tmp_path / "out" / "示例〔2026〕3号.csv")
    assert (rows[0]["发布日期"], rows[0]["生效日期"]) == ("2026-02-01", "2026-03-01")
    assert "示例〔2026〕3号" in result.stdout and "1 decision file written" in result.stdout


# --- fetch through a real server -------------------------------------------------------------

PAGE_PATH = "/zhengce/content/2019-03/06/content_5371235.htm"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[DocServer]:
    docx = docx_2019_6(tmp_path / "annex.docx").read_bytes()
    routes = {
        PAGE_PATH: page((DOCUMENTS / "guofa-2019-6.html").read_bytes()),
        "/gbk.htm": page(gbk_page(), "text/html"),
        "/gbk-header.htm": page(gbk_page(meta=False), "text/html; charset=GBK"),
        "/old.htm": redirect(PAGE_PATH),
        "/annex.docx": page(
            docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "/slow.htm": slow(1.0),
        "/huge.htm": streamed(3_000_000),
        "/no-annex.htm": page("<p>国务院关于某事的通知</p><p>没有附件。</p>".encode()),
    }
    with DocServer(routes) as s:
        yield s


def fetch(tmp_path: Path, server: DocServer, *paths: str, extra: tuple[str, ...] = ()) -> Result:
    urls = [server.url(p) for p in paths]
    cache = tmp_path / ".catalog-sync-cache"
    return run("decisions", "fetch", *urls, "--out", tmp_path / "out", "--cache", cache, *extra)


@pytest.mark.parametrize("path", [PAGE_PATH, "/gbk.htm", "/gbk-header.htm", "/annex.docx"])
def test_fetch_round_trips_into_diff(tmp_path: Path, server: DocServer, path: str) -> None:
    result = fetch(tmp_path, server, path)
    assert result.exit_code == 1, result.output
    rows = read_rows(tmp_path / "out" / "国发〔2019〕6号.csv")
    assert rows[0]["事项名称"] == OIL
    assert rows[0]["来源"] == server.url(path)
    tables = diff_tables(tmp_path, tmp_path / "out", [OIL, SAFETY])
    assert {r["item_name"] for r in tables["cancelled_still_listed"]} == {OIL}


def test_scheduled_refetch_downloads_nothing_unchanged(tmp_path: Path, server: DocServer) -> None:
    first = fetch(tmp_path, server, "/old.htm")
    assert "downloaded" in first.stdout
    csv_path = tmp_path / "out" / "国发〔2019〕6号.csv"
    before = csv_path.read_bytes()
    assert read_rows(csv_path)[0]["来源"] == server.url(PAGE_PATH)  # after the redirect
    second = fetch(tmp_path, server, "/old.htm")
    assert "not modified" in second.stdout
    assert csv_path.read_bytes() == before  # same bytes, same fetch time: nothing changed
    hits = server.hits(PAGE_PATH)
    assert len(hits) == 2 and "If-None-Match" in hits[1]


def test_fetch_offline_uses_the_cache(tmp_path: Path, server: DocServer) -> None:
    assert fetch(tmp_path, server, PAGE_PATH).exit_code == 1
    result = fetch(tmp_path, server, PAGE_PATH, extra=("--offline",))
    assert result.exit_code == 1
    assert "offline, from cache" in result.stdout
    assert len(server.hits(PAGE_PATH)) == 1


@pytest.mark.parametrize(
    ("path", "extra", "message"),
    [
        ("/slow.htm", ("--timeout", "0.2", "--retries", "0"), "no answer within 0.2 s"),
        ("/huge.htm", ("--max-size", "1"), "over the limit of 1,048,576 bytes"),
        ("/missing.htm", (), "HTTP 404"),
        ("/no-annex.htm", (), "no annex table found"),
    ],
)
def test_fetch_failures_exit_2_naming_the_url(
    tmp_path: Path, server: DocServer, path: str, extra: tuple[str, ...], message: str
) -> None:
    result = fetch(tmp_path, server, PAGE_PATH, path, extra=extra)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"catalog-sync: error: {server.url(path)}")
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()  # all or nothing: the good page is not written


def test_fetch_refuses_other_schemes(tmp_path: Path) -> None:
    result = run("decisions", "fetch", "file:///etc/passwd", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "file:///etc/passwd: only http:// and https:// URLs are fetched" in result.stderr


def test_a_table_of_several_decisions_becomes_one_file_each(tmp_path: Path) -> None:
    """The demo's hand-copied decision table (real rows of five decisions) split by 文号."""
    known = Path(__file__).resolve().parent.parent / "fixtures/demo/decisions/guofa-known-rows.csv"
    result = run("decisions", "import", known, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "国发〔2013〕19号.csv", "国发〔2016〕9号.csv", "国发〔2017〕7号.csv", "国发〔2019〕6号.csv",
        "国发〔2020〕13号.csv",
    ]  # fmt: skip
    rows = read_rows(tmp_path / "out" / "国发〔2017〕7号.csv")
    assert [r["事项名称"] for r in rows][::2] == [COTTON, "自费出国留学中介服务机构资格认定"]
    assert rows[0]["发布日期"] == "2017-01-12" and rows[2]["文号"] == "国发〔2017〕7号"


CERTIFICATE_PAGE = (
    "<html><body><p>国务院关于取消一批证明事项的决定</p><p>示例〔2026〕9号</p>"
    "<p>2026年3月1日</p><p>附件</p><p>国务院决定取消的证明事项目录（共3项）</p>"
    "<table><tr><th>序号</th><th>证明名称</th><th>开具单位</th><th>设定依据</th></tr>"
    "<tr><td>1</td><td>无犯罪记录证明</td><td>公安机关</td><td>《示例条例》</td></tr>"
    "<tr><td>2</td><td>亲属关系证明</td><td>村（居）委会</td><td>《示例办法》</td></tr>"
    "<tr><td>3</td><td></td><td>民政部门</td><td>《示例规定》</td></tr>"
    "</table></body></html>"
)


def test_import_of_a_certificate_list_feeds_the_certificate_check(tmp_path: Path) -> None:
    """A 证明事项清理 annex (证明名称, no 事项名称): its rows are written under 证明名称, the
    action from the annex title, and `diff --materials` finds a material still asking for one."""
    page = tmp_path / "certificates.html"
    page.write_text(CERTIFICATE_PAGE, encoding="utf-8")
    result = run("decisions", "import", page, "--out", tmp_path / "decisions")
    assert result.exit_code == 1, result.output  # a row without a name, and 3 stated, 2 read
    assert "证明名称 is empty" in result.stderr
    rows = read_rows(tmp_path / "decisions" / "示例〔2026〕9号.csv")
    assert list(rows[0])[5:9] == ["序号", "事项名称", "证明名称", "审批部门"]
    assert [(r["证明名称"], r["事项名称"], r["处理决定"]) for r in rows] == [
        ("无犯罪记录证明", "", "取消"),
        ("亲属关系证明", "", "取消"),
    ]
    assert {r["生效日期"] for r in rows} == {"2026-03-01"}

    cat = write_csv(
        tmp_path / "cat.csv", [["基本编码", "事项名称", "事项类型"], ["B1", "甲许可", "行政许可"]]
    )
    lst = write_csv(
        tmp_path / "list.csv",
        [["实施编码", "基本编码", "事项名称", "事项类型"], ["T1", "B1", "甲许可", "行政许可"]],
    )
    mats = write_csv(
        tmp_path / "mat.csv",
        [["实施编码", "材料名称"], ["T1", "无犯罪记录证明（原件）"], ["T1", "亲属关系证明材料"]],
    )
    out = tmp_path / "out"
    result = run(
        "diff", "--catalogue", cat, "--list", lst, "--decisions", tmp_path / "decisions",
        "--materials", mats, "--as-of", "2026-06-01", "--out", out, "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    found = json.loads((out / "certificates_still_required.json").read_text(encoding="utf-8"))
    assert [(r["material"], r["decision"], r["effective_date"]) for r in found] == [
        ("无犯罪记录证明（原件）", "示例〔2026〕9号", "2026-03-01")
    ]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["certificate_decisions"] == 2 and summary["decision_items"] == 0


def test_a_matter_decision_file_has_no_certificate_column(tmp_path: Path) -> None:
    doc = copy("guofa-2019-6.html")(tmp_path)
    run("decisions", "import", doc, "--out", tmp_path / "out")
    rows = read_rows(tmp_path / "out" / "国发〔2019〕6号.csv")
    assert "证明名称" not in rows[0]
