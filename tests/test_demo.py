"""The bundled demo province, end to end through the CLI: golden tables, every kind of
discrepancy, every format, no personal data in any output, identical reruns."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest
from demorun import run_demo

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo"
GOLDEN = Path(__file__).resolve().parent / "golden" / "demo"


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("demo") / "out"
    return out, _run_demo(out, "--format", "csv,xlsx,json,md,html,ttl")


_run_demo = run_demo


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_demo_exit_code_and_terminal_summary(demo_out) -> None:
    out, result = demo_out
    assert result.exit_code == 1, result.output  # discrepancies found
    assert "取消仍在" in result.stdout and "97.47%" in result.stdout
    # findings by kind, the unlinked work orders apart, why it exits 1, the report to open
    tail = result.stdout.splitlines()[-13:]
    assert [line.split() for line in tail[:9]] == [
        ["问题（按类别，待处理行数）："],
        ["已取消仍在清单", "35"],
        ["已下放事项", "1"],
        ["清单未对应目录", "29"],
        ["目录未实施", "11"],
        ["办事指南要素缺失或不清晰", "1716"],
        ["已取消证明仍要求提供", "12"],
        ["取消后仍办件", "30"],
        ["合计", "1834"],
    ]
    assert tail[9] == (
        "未关联办件（另计）：807 件"
        "（缺少编码 178，编码格式错误 204，仅有基本编码 235，编码不存在 190）"
    )
    assert (
        tail[10]
        == "退出码 1：仍有 2641 行待处理（问题 1834 行，未关联办件 807 件；--fail-on any）。"
    )
    assert tail[11].startswith("请打开报告：") and tail[11].endswith("report.html")


def test_demo_shows_every_kind_of_discrepancy(demo_out) -> None:
    out, _ = demo_out
    s = _summary(out)
    for key in (
        "cancelled_still_listed",
        "delegated_items",
        "unmatched_list_items",
        "unimplemented_catalogue_items",
        "pending_decision_matches",
        "work_orders_on_cancelled_items",
    ):
        assert s[key] > 0, key
    assert all(
        s["work_orders_by_reason"][r] > 0
        for r in ("missing_code", "malformed_code", "basic_code_only", "unknown_code")
    )
    tiers = {
        r["match_tier"]
        for r in json.loads((out / "cancelled_still_listed.json").read_text(encoding="utf-8"))
    }
    assert tiers == {"name", "fuzzy", "propagated", "via-catalogue"}
    assert s["rejected_rows"]["count"] == 6


def test_demo_counts_reconcile(demo_out) -> None:
    out, _ = demo_out
    s = _summary(out)
    for f in s["inputs"]:
        assert f["rows_read"] == f["rows_used"] + f["rows_rejected"], f
    assert sum(f["rows_rejected"] for f in s["inputs"]) == s["rejected_rows"]["count"]
    wo = next(f for f in s["inputs"] if f["kind"] == "work_orders")
    assert wo["rows_read"] == 3000 and s["work_orders"] == wo["rows_used"] == 2995
    assert s["work_orders_linked"] + sum(s["work_orders_by_reason"].values()) == s["work_orders"]
    lists = [f for f in s["inputs"] if f["kind"] == "list"]
    assert sum(f["rows_used"] for f in lists) == s["list_items"]


def test_demo_matches_golden(demo_out, update_golden: bool) -> None:
    out, _ = demo_out
    produced = {
        p.name: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(out.glob("*.json"))
        if p.name != "run.json"  # it holds the clock
    }
    produced["summary.json"] = _summary(out)
    if update_golden:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name, data in produced.items():
            (GOLDEN / name).write_text(
                json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
    expected = {
        p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLDEN.glob("*.json"))
    }
    assert sorted(produced) == sorted(expected)
    for name in expected:
        assert produced[name] == expected[name], f"{name} differs from tests/golden/demo"


@pytest.mark.parametrize("name", ["report.md"])
def test_demo_letter_matches_golden(demo_out, update_golden: bool, name: str) -> None:
    """The letter as a department reads it: in Chinese, under 300 lines, the right counts."""
    out, _ = demo_out
    text = (out / name).read_text(encoding="utf-8")
    if update_golden:
        (GOLDEN / name).write_text(text, encoding="utf-8")
    assert text == (GOLDEN / name).read_text(encoding="utf-8"), f"{name} differs from golden"
    assert len(text.splitlines()) < 300
    assert "| 拒收行 | 6 |" in text  # the count of rows, not of the summary's keys
    assert "| 办件关联率 | 73.06% |" in text and "| 已关联办件 | 2188 |" in text


def test_demo_writes_every_format(demo_out) -> None:
    out, _ = demo_out
    raw = (out / "cancelled_still_listed.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader([raw.decode("utf-8-sig").splitlines()[0]]))
    assert header[:5] == ["问题编号", "状态", "来源", "事项编码", "事项名称"]
    from openpyxl import load_workbook

    wb = load_workbook(out / "catalog-sync-report.xlsx", read_only=True)
    assert wb.sheetnames[0] == "概要" and "已取消仍在清单" in wb.sheetnames
    assert len(wb.sheetnames) == len(list(out.glob("*.csv"))) + 1
    from rdflib import Graph

    g = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(g) > 10000
    assert "已取消仍在清单" in (out / "report.md").read_text(encoding="utf-8")


def test_no_personal_data_in_any_output(demo_out) -> None:
    out, _ = demo_out
    with (DEMO / "work-orders.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    numbers = {r["证件号码"] for r in rows} | {r["联系电话"] for r in rows}
    names = {r["申请人姓名"] for r in rows if len(r["申请人姓名"]) >= 3}
    assert len(numbers) > 5000 and len(names) > 100
    texts = [p.read_bytes().decode("utf-8", errors="ignore") for p in out.iterdir()]
    from openpyxl import load_workbook

    wb = load_workbook(out / "catalog-sync-report.xlsx", read_only=True)
    texts += [
        " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
        for ws in wb.worksheets
    ]
    blob = "\n".join(texts)
    sample_id, sample_name = rows[7]["证件号码"], next(iter(sorted(names)))
    assert sample_id not in blob and sample_name not in blob  # the scan below must agree
    # every run of digits and every 3- and 4-character run of Chinese text in every output
    found = set(re.findall(r"[0-9]{11,17}[0-9Xx]?", blob))
    for run in re.findall(r"[\u4e00-\u9fff]{3,}", blob):
        found.update(run[i : i + n] for n in (3, 4) for i in range(len(run) - n + 1))
    leaked = sorted((numbers | names) & found)
    assert leaked == []


def test_english_headers_and_identical_reruns(tmp_path: Path, demo_out) -> None:
    first, _ = demo_out
    out = tmp_path / "again"
    result = _run_demo(out, "--format", "csv,json", "--lang", "en")
    assert result.exit_code == 1
    header = (out / "unmatched_list_items.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Finding ID,Status,Implementation code,Item name,Agency")
    for name in (
        "cancelled_still_listed.json",
        "unlinked_work_orders.json",
        "work_order_linkage.json",
        "unmatched_list_items.json",
        "guide_elements.json",  # its problem column stays Chinese in JSON
    ):
        assert (out / name).read_bytes() == (first / name).read_bytes(), name
    with (out / "guide_elements.csv").open(encoding="utf-8-sig", newline="") as fh:
        problems = [row["Problem"] for row in csv.DictReader(fh)]
    unquoted = [p.split(" '", 1)[0] for p in problems]  # the text as published is quoted
    assert problems and not [p for p in unquoted if re.search("[\u4e00-\u9fff]", p)]


def test_the_name_tier_on_two_cores_gives_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """matching._name_tier_on_two_cores: the demo's name-tier items split between this process
    and a forked one (the threshold lowered) give the report of one process, byte for byte
    (row order included: the graph's edges are added in item order either way)."""
    import catalog_sync.matching as matching

    forks: list[int] = []
    real_fork = os.fork

    def counted_fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    options = ("--format", "csv,json,ttl", "--as-of", "2026-11-01", "--work-order-rows", "none")
    monkeypatch.setattr(os, "fork", counted_fork)
    one = _run_demo(tmp_path / "one", *options)
    assert one.exit_code == 1, one.output
    forks_of_one = len(forks)
    monkeypatch.setattr(matching, "_TWO_CORES_FROM", 2)
    two = _run_demo(tmp_path / "two", *options)
    assert two.exit_code == 1, two.output
    assert len(forks) == 2 * forks_of_one + 1  # the same forks, and one for the name tier
    names = sorted(p.name for p in (tmp_path / "one").iterdir() if p.name != "run.json")
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir() if p.name != "run.json")
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
