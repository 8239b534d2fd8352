"""The vocabulary (catalog_sync/vocab.yaml): every value and sentence a person reads has its
Chinese; JSON keeps the English; the demo's Chinese outputs hold no English word."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import run_demo, write_csv

from catalog_sync import vocab
from catalog_sync.checks.linkage import REASONS
from catalog_sync.cli import cli
from catalog_sync.graph import _TIER_RANK
from catalog_sync.pipeline import RunConfig, Source, run
from catalog_sync.streamed import NEW, PERSISTING, RESOLVED

ROOT = Path(__file__).resolve().parent.parent
# a token holding a digit or punctuation is a code, a file name or a path; what is left of
# ASCII letters is an English word
_CODE = re.compile(r"[A-Za-z0-9_.:/\\-]*[0-9_.:/\\-][A-Za-z0-9_.:/\\-]*")
_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str) -> list[str]:
    return _WORD.findall(_CODE.sub(" ", text))


def test_english_words_leaves_codes_and_file_names() -> None:
    text = "基本编码 E-000010-001 见 fixtures/demo/work-orders.csv 与 catalog-sync-report.xlsx"
    assert english_words(text) == []
    assert english_words("匹配层级 fuzzy，状态 new") == ["fuzzy", "new"]


def test_every_enum_the_core_writes_has_both_languages() -> None:
    for reason in REASONS:
        assert vocab.value("reason", reason, "zh") != reason
    for tier in _TIER_RANK:
        assert vocab.value("match_tier", tier, "zh") != tier
    for status in (NEW, PERSISTING, RESOLVED):
        assert vocab.value("status", status, "zh") != status
    for key, values in vocab.VALUES.items():
        for raw, entry in values.items():
            assert set(entry) == {"zh", "en"}, (key, raw)
            assert not english_words(entry["zh"]), (key, raw)
    for t in vocab.SENTENCES:
        assert not english_words(_strip_placeholders(t.zh)), t.kind
        assert sorted(re.findall(r"\{(\w+)\}", t.zh)) == sorted(t.names), t.kind


def _strip_placeholders(text: str) -> str:
    return re.sub(r"\{\w+\}", " ", text)


def test_nested_evidence_rendered_by_hand() -> None:
    text = (
        "similar names (95): '甲乙登记' ~ '甲和乙登记'; they differ only in '和'; "
        "catalogue 11 甲乙变更 is a 子项 of catalogue 10 甲乙登记; list item implements it "
        "(基本编码 11 (read from 实施编码 by layout sichuan-itemcode) is catalogue matter 甲乙变更)"
    )
    assert vocab.render(text, "zh") == (
        "名称相似（95）：'甲乙登记' ~ '甲和乙登记'；仅相差'和'；"
        "目录事项 11 甲乙变更 是 目录事项 10 甲乙登记 的子项；清单事项实施该事项"
        "（基本编码 11（按编码规则 sichuan-itemcode 从实施编码读出）即目录事项 甲乙变更）"
    )
    assert vocab.render(text, "en") == text
    # a value holding ";" (not "; ") is still one value
    assert vocab.render("no name match: closest 'a;b' scores 3", "zh") == (
        "名称也未匹配：最接近的'a;b'相似度 3"
    )


def test_a_sentence_without_template_is_untranslated() -> None:
    assert vocab.untranslated("evidence", "基本编码 1 is not in the catalogue; made up words")
    assert not vocab.untranslated("evidence", "基本编码 1 is not in the catalogue")
    assert vocab.untranslated("status", "reopened")  # an enum value the file lacks
    assert vocab.cell("evidence", "made up words", "zh") == "made up words"  # shown as given


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("evidence", "unknown_code: 511A-1 is well formed but no list item has it"),
        (
            "evidence",
            "malformed_code: '无' is not an 实施编码 (at least 8 characters: letters, "
            "digits, hyphens)",
        ),
        ("reason", "basic_code_only"),
        ("status", "persisting"),
        ("reason", "受理时间 '待定' is not a date"),
        ("evidence", "no such sentence"),
    ],
)
def test_sql_rendering_equals_python(key: str, raw: str) -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT CAST(? AS VARCHAR) AS v", [raw])
    got = con.execute(f"SELECT {vocab.sql_cell(key, 'v', 'zh')} FROM t").fetchone()
    assert got is not None and got[0] == vocab.cell(key, raw, "zh")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("vocab") / "out"
    run_demo(out)
    return out


def test_every_value_of_the_demo_has_a_translation(demo: Path) -> None:
    missing = set()
    for path in demo.glob("*.json"):
        rows = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(rows, list):
            continue
        for row in rows:
            for key, value in row.items():
                if vocab.untranslated(key, value):
                    missing.add((path.stem, key, value))
    assert not missing, sorted(missing)[:10]


LIST_HEADER = ["实施编码", "基本编码", "事项名称", "事项类型", "实施主体", "行政区划代码"]
WORK_ORDER_HEADER = ["办件编号", "实施编码", "事项名称", "受理部门", "受理时间", "办结时间",
                     "申请人姓名", "证件号码", "联系电话"]  # fmt: skip


def _item(n: int, name: str = "企业投资项目核准") -> list[str]:
    return [f"11511602AB{n:04}-511602-{n:03}", "000101001000", name, "行政许可", "区发展改革局",
            "511602000000"]  # fmt: skip


def _bad_list(folder: Path) -> Path:
    """A CSV list spoiling its rows each its own way: a paged export's title and header again,
    a 实施编码 met again, no code, no name, a totals row, a cell longer than Excel's, a NUL, an
    unquoted comma, a row too short, a GB18030 line in UTF-8, bytes of no encoding, and a
    quote left open at the end."""
    title = ["政务服务事项实施清单（第1页）"]
    rows = [LIST_HEADER, title, LIST_HEADER, *map(_item, range(1, 5)), title, LIST_HEADER,
            _item(1), ["", *_item(5)[1:]], [*_item(5)[:2], "", *_item(5)[3:]], ["合计：5项"],
            _item(6, "名" + "长" * 40_000), _item(7, "含\x00空字符"), [*_item(8), "多出"],
            _item(9)[:1]]  # fmt: skip
    text = "".join(",".join(r) + "\n" for r in rows).encode("utf-8")
    text += ",".join(_item(10, "国标编码的名称")).encode("gb18030") + b"\n"
    text += ",".join(_item(11)[:2]).encode() + b",\xff\xfe\xff,x,y,z\n"
    text += ",".join(_item(12)[:5]).encode() + ',"未闭合'.encode()
    path = folder / "list-a.csv"
    path.write_bytes(text)
    return path


def _bad_inputs(folder: Path) -> RunConfig:
    """Every input kind, each with rows a reader rejects (worked out by hand: 35 rows)."""
    folder.mkdir(parents=True, exist_ok=True)
    catalogue = [
        ["基本编码", "事项名称", "事项类型", "主管部门"],
        ["000101001000", "企业投资项目核准", "行政许可", "发展改革委"],
        ["", "无编码的事项", "行政许可", "发展改革委"],
        ["000201002000", "", "行政许可", "卫生健康委"],
        ["000101001000", "企业投资项目核准", "行政许可", "发展改革委"],
        ["000101001000", "企业投资项目备案", "行政许可", "发展改革委"],
    ]
    json_list = folder / "list-c.json"  # an array, a key twice, an unpaired surrogate
    json_list.write_text(
        '[{"实施编码":"A1","事项名称":"甲"},[1,2],{"实施编码":"A2","事项名称":"乙",'
        '"事项名称":"丙"},{"实施编码":"A3","事项名称":"\\ud800"}]',
        encoding="utf-8",
    )
    decisions = [
        ["文号", "发布日期", "生效日期", "附件", "事项名称", "处理决定"],
        ["", "2026-01-01", "", "", "甲审批", "取消"],
        ["国发〔2026〕1号", "", "自发布之日起施行", "", "乙审批", "取消"],
        ["国发〔2026〕2号", "2026-01-01", "", "", "", "取消"],
        ["国发〔2026〕2号", "2026-01-01", "", "", "丙审批", ""],
        ["国发〔2026〕3号", "2026-01-01", "", "附件 取消和下放的事项", "丁审批", ""],
    ]
    undated = [
        ["文号", "发布日期", "事项名称", "处理决定"],
        ["国发〔2026〕5号", "", "戊审批", "取消"],
    ]
    materials = [
        ["实施编码", "事项名称", "材料名称", "材料形式"],
        [_item(1)[0], "企业投资项目核准", "申请书", "纸质"],
        ["99999999XX0001-000000-001", "别处的事项", "申请书", "纸质"],
    ]
    work_orders = [
        WORK_ORDER_HEADER,
        ["1", _item(1)[0], "企业投资项目核准", "区", "2026年13月1日", "", "张三", "", ""],
        WORK_ORDER_HEADER, ["2"], ["合计：2件"],
        ["5", _item(1)[0], "企业投资项目核准", "区", "2026-01-01", "", "", ""],
    ]  # fmt: skip

    def source(path: Path) -> Source:
        return Source(path, path.name)

    def csv(name: str, rows: list[list[str]]) -> Source:
        return source(write_csv(folder / name, rows))

    return RunConfig(
        catalogue=csv("catalogue.csv", catalogue),
        lists=[
            source(_bad_list(folder)),
            csv("list-b.csv", [LIST_HEADER, _item(1)]),
            source(json_list),
        ],  # fmt: skip
        decisions=[csv("decisions.csv", decisions), csv("undated.csv", undated)],
        work_orders=[csv("work-orders.csv", work_orders)],
        materials=[csv("materials.csv", materials)],
        as_of=date(2026, 11, 1),
    )


def test_every_reason_a_bad_input_is_rejected_for_has_its_chinese(tmp_path: Path) -> None:
    """The readers' reasons (sources/, compare.py's are the same forms, checks/linkage.py's
    dates, pipeline.py's materials): each renders, none reaches the Chinese tables in English."""
    rows = run(_bad_inputs(tmp_path / "in")).tables["rejected_rows"].rows
    by_file: dict[str, int] = {}
    for r in rows:
        by_file[r["file"]] = by_file.get(r["file"], 0) + 1
    assert by_file == {"catalogue.csv": 4, "list-a.csv": 15, "list-b.csv": 1, "list-c.json": 3,
                       "materials.csv": 1, "decisions.csv": 5, "undated.csv": 1,
                       "work-orders.csv": 5}  # fmt: skip
    english = sorted({r["reason"] for r in rows if vocab.untranslated("reason", r["reason"])})
    # five reasons stay English: their literal text holds capitals, digits or hyphens (NUL,
    # UTF-8, JSON, re-save), which no template may (test_linkage_codes: a 基本编码 must not meet
    # a template's literal text); they name technical things a person searches for as written
    assert [e for e in english if not e.startswith(_KEPT_ENGLISH)] == []
    assert len(english) == 5


_KEPT_ENGLISH = (
    "a cell holds a NUL character",
    "holds bytes that are neither UTF-8",
    "is a JSON ",
    "a value holds an unpaired surrogate",
    "is GB18030 text in a UTF-8 file",
)


@pytest.mark.parametrize(
    ("reason", "zh"),
    [
        ("duplicate 基本编码 0001; row 2 kept", "基本编码 0001 重复；保留第 2 行"),
        (
            "duplicate 实施编码 A-1; a.xlsx#甲局 row 12 kept",
            "实施编码 A-1 重复；保留 a.xlsx#甲局 第 12 行",
        ),
        (
            "duplicate 基本编码 0001 with a different name ('甲;乙'); b.csv row 3 kept",
            "基本编码 0001 重复，且名称与保留的行不同（'甲;乙'）；保留 b.csv 第 3 行",
        ),
        ("实施编码 A-1 is in no implementation list", "实施编码 A-1 不在任何实施清单中"),
    ],
)
def test_a_rejection_naming_the_row_kept_reads_its_row_in_chinese(reason: str, zh: str) -> None:
    assert vocab.render(reason, "zh") == zh
    assert vocab.render(reason, "en") == reason


def _rejected_reasons(out: Path, lang: str) -> list[str]:
    with (out / "rejected_rows.csv").open(encoding="utf-8-sig", newline="") as f:
        csv_rows = [r[3] for r in csv.reader(f)][1:]
    sheet = openpyxl.load_workbook(out / "catalog-sync-report.xlsx").worksheets[-1]
    assert [r[3] for r in sheet.iter_rows(min_row=2, values_only=True)] == csv_rows
    return csv_rows


def test_rejected_rows_say_why_in_chinese_and_in_english_as_before(tmp_path: Path) -> None:
    """A catalogue whose 基本编码 comes again under another name, a list whose header comes
    again (a paged export) and whose 实施编码 comes again: diff's 原因 column, worked by hand."""
    folder = tmp_path / "in"
    cat = write_csv(folder / "catalogue.csv", [
        ["基本编码", "事项名称", "事项类型"],
        ["000101001000", "企业投资项目核准", "行政许可"],
        ["000101001000", "企业投资项目备案", "行政许可"],
    ])  # fmt: skip
    lst = write_csv(folder / "list.csv", [LIST_HEADER, _item(1), LIST_HEADER, _item(1)])
    dec = write_csv(folder / "decisions.csv", [
        ["文号", "发布日期", "事项名称", "处理决定"],
        ["国发〔2026〕1号", "2026-08-15", "甲审批", "取消"],
    ])  # fmt: skip
    code = _item(1)[0]
    said = {}
    for lang in ("zh", "en"):
        out = tmp_path / lang
        args = ["diff", "--catalogue", str(cat), "--list", str(lst), "--decisions", str(dec)]
        result = CliRunner().invoke(cli, [*args, "--as-of", "2026-10-01", "--lang", lang,
                                          "--out", str(out)])  # fmt: skip
        assert result.exit_code in (0, 1), result.output
        said[lang] = _rejected_reasons(out, lang)
    assert said["zh"] == [
        "基本编码 000101001000 重复，且名称与保留的行不同（'企业投资项目核准'）；保留第 2 行",
        "重复的表头行（分页导出的文件每页重复表头，或两个文件被拼接）",
        f"实施编码 {code} 重复；保留 {lst} 第 2 行",
    ]
    assert said["en"] == [
        "duplicate 基本编码 000101001000 with a different name ('企业投资项目核准'); row 2 kept",
        "repeats the header row (a paged export repeats it on every page, or two files were "
        "joined)",
        f"duplicate 实施编码 {code}; {lst} row 2 kept",
    ]


def test_json_keeps_english_values(demo: Path) -> None:
    rows = json.loads((demo / "unlinked_work_orders.json").read_text(encoding="utf-8"))
    assert {r["reason"] for r in rows} == set(REASONS)
    assert {r["status"] for r in rows} == {"new"}


def test_demo_tables_in_chinese_hold_no_english_word(demo: Path) -> None:
    found = {}
    for path in sorted(demo.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for value in row:
                    if words := english_words(value):
                        found.setdefault(path.name, (value, words))
    from test_html import page_text

    texts = {
        "report.md": (demo / "report.md").read_text(encoding="utf-8"),
        "report.html": page_text((demo / "report.html").read_text(encoding="utf-8")),
    }
    for name, text in texts.items():
        for line in text.splitlines():
            if words := english_words(line):
                found.setdefault(name, (line, words))
    assert not found, found


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("办理流程: 只有步骤名称 '受理→审查→决定'", "Procedure: only step names '受理→审查→决定'"),
        ("监督投诉方式: 未填写", "Complaints: not filled in"),
        ("办理地点: 未写明具体地点 '本机关'", "Address: names no specific place '本机关'"),
        (
            "办理时间: 空泛，未说明具体内容 '工作时间'",
            "Office hours: vague, says nothing specific '工作时间'",
        ),
        (
            "申请材料: 未写明 '身份证（缺形式、份数）'",
            "Application materials: does not state its form, number of copies '身份证'",
        ),
        ("申请材料: 兜底条款 '其他材料'", "Application materials: catch-all clause '其他材料'"),
        # a mapping's own element keeps its name; a sentence of another form stays as it is
        ("自定义要素: 未填写", "自定义要素: not filled in"),
        ("申请材料: 未写明 '表（缺颜色）'", "Application materials: does not state '表（缺颜色）'"),
        ("不是问题句", "不是问题句"),
        ("办理流程: 另一种说法", "办理流程: 另一种说法"),
    ],
)
def test_problem_in_english(zh: str, en: str) -> None:
    assert vocab.cell("problem", zh, "en") == en
    assert vocab.cell("problem", zh, "zh") == zh


def test_every_guide_problem_has_its_english() -> None:
    """Every rule's sentence as checks/guide.py makes it reads in English but its quoted text."""
    from catalog_sync.checks.guide import Defect, _defect_cells, guide_rules
    from catalog_sync.mappings import load_mapping
    from catalog_sync.model import Material, SourceRef

    rules = guide_rules(load_mapping())
    material = Material(SourceRef("m.csv", 2), "X", "营业执照")
    cases = [Defect("flow", rule, text) for rule in vocab.PROBLEMS for text in ("", "原文")]
    cases.append(Defect("materials", "material-form", "营业执照（缺形式、类型、份数）", material))
    for d in cases:
        zh = _defect_cells(d, rules)["problem"]
        en = vocab.cell("problem", zh, "en")
        assert not re.search("[\u4e00-\u9fff]", en.split(" '", 1)[0]), (zh, en)


def _regex_rendering(expr: str) -> str:
    """sql_cell's rendering of sentences as every template used to be rendered: by regex."""
    whens = []
    for t in vocab.SENTENCES:
        if any(n == "evidence" or n.startswith(("label", "clash")) for n in t.names):
            continue
        parts = vocab._PLACEHOLDER.split(t.en)
        regex = "^" + "".join(
            vocab._sql_escape(p) if i % 2 == 0 else "(.+?)" for i, p in enumerate(parts)
        )
        repl = t.zh
        for i, name in enumerate(t.names, start=1):
            repl = repl.replace("{" + name + "}", f"\\{i}")
        regex, repl = vocab._sql_lit(regex + "$"), vocab._sql_lit(repl)
        whens.append(f"WHEN regexp_matches({expr}, {regex}) "
                     f"THEN regexp_replace({expr}, {regex}, {repl})")  # fmt: skip
    return f"(CASE {' '.join(whens)} ELSE {expr} END)"


@pytest.mark.parametrize("filling", ["X", "", "a\nb", "a\rb", "  ", "'", "汉字 511A-1", "\\1"])
def test_sql_rendering_of_every_sentence(filling: str) -> None:
    """Every sentence template filled with awkward text renders in SQL as by its regex (the
    templates of one placeholder are rendered without one) and, but across a line break (a
    regex's `.`), as in Python."""
    filled = [
        vocab._PLACEHOLDER.sub(lambda _m: filling, t.en)
        for t in vocab.SENTENCES
        if not any(n == "evidence" or n.startswith(("label", "clash")) for n in t.names)
    ]
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT unnest($1::VARCHAR[]) AS v", [filled])
    got, by_regex = zip(
        *con.execute(
            f"SELECT {vocab.sql_cell('evidence', 'v', 'zh')}, {_regex_rendering('v')} FROM t"
        ).fetchall(),  # fmt: skip
        strict=True,
    )
    assert got == by_regex
    if "\n" not in filling:
        assert list(got) == [vocab.cell("evidence", v, "zh") for v in filled]
