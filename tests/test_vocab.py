"""The vocabulary (catalog_sync/vocab.yaml): every value and sentence a person reads has its
Chinese; JSON keeps the English; the demo's Chinese outputs hold no English word."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import duckdb
import pytest
from conftest import run_demo

from catalog_sync import vocab
from catalog_sync.checks.linkage import REASONS
from catalog_sync.graph import _TIER_RANK
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
