"""The matching benchmark's harness (benchmarks/matching.py) and its generated set: it scores a
hand-made tiny set as worked out by hand, reads the tool's reach from the pipeline's tables, and
its committed inputs are what their builders write. The benchmark itself is run as a command."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _load("matching")
county = _load("make_county_decisions")


def _tiny() -> list:
    Q = bench.Query
    return [
        # names a matter of two items, reaches one of them by name: TP 1, FN 1
        Q("q1", "decision", "main", "某某许可", {"x", "y"}, {"x": "name"}),
        # a decoy that reaches an item by fuzzy: FP 1
        Q("q2", "decision", "decoy_action", "某某许可注销", set(), {"z": "fuzzy"}),
        # one item reached through its 主项: TP 1
        Q("q3", "list_item", "item", "某某证核发", {"w"}, {"w": "propagated"}),
    ]


def test_scores_of_a_tiny_set_worked_out_by_hand() -> None:
    s = bench.score(_tiny())
    assert (s.predicted, s.tp, s.fp, s.fn) == (3, 2, 1, 1)
    assert s.precision == s.recall == s.f1 == 2 / 3
    name, fuzzy = bench.score(_tiny(), "name"), bench.score(_tiny(), "fuzzy")
    assert (name.tp, name.fp, name.precision, name.recall) == (1, 0, 1.0, 1 / 3)
    assert (fuzzy.tp, fuzzy.fp, fuzzy.precision) == (0, 1, 0.0)
    cancel = bench.score(q for q in _tiny() if q.role == "decision")
    assert cancel.precision == 0.5  # q1's x right, q2's z wrong


def test_a_set_failing_cancellation_precision_fails_the_benchmark() -> None:
    ev = bench.Evaluation("tiny", _tiny(), _tiny(), _tiny(), 90.0)
    assert bench.problems([ev]) == [
        f"tiny: cancellation precision 0.500 < {bench.MIN_CANCEL_PRECISION}"
    ]
    good = bench.Evaluation("ok", _tiny()[:1], [], [], 90.0)
    assert bench.problems([good]) == []
    # q1 finds one of its two targets: recall 0.5, a failure only when a recall target is set
    assert bench.problems([good], min_county_recall=0.95) == ["ok: recall 0.500 < 0.95"]


def test_sealed_errors_are_not_printed_without_the_flag() -> None:
    ev = bench.Evaluation("sealed", _tiny(), _tiny(), _tiny(), 90.0, sealed=True)
    assert "某某许可注销" not in bench.report([ev], errors=True)
    assert "某某许可注销" in bench.report([ev], errors=True, open_sealed=True)


def test_baselines_on_a_tiny_set() -> None:
    targets = [bench.Target("a", ("食品经营许可（县级）",)), bench.Target("b", ("药品零售许可",))]
    queries = [
        bench.Query("q1", "decision", "item", "食品經營許可", {"a"}),
        bench.Query("q2", "decision", "decoy", "食品生产许可", set()),
    ]
    exact = bench.baseline_exact(queries, targets)
    assert [set(q.reached) for q in exact] == [{"a"}, set()]  # traditional and level note go
    # WRatio reads raw names: the traditional q1 scores lower than the decoy; at its best
    # threshold it reaches the decoy's a (F1 0) or nothing (F1 None): its best F1 is 0
    wr, _ = bench.baseline_wratio(queries, targets)
    assert bench.score(wr).tp == 0
    simplified = [bench.Query("q1", "decision", "item", "食品经营许可", {"a"}), queries[1]]
    wr, threshold = bench.baseline_wratio(simplified, targets)
    assert bench.score(wr).f1 == 1.0 and threshold > 0


def test_the_tool_is_read_through_the_pipeline_tables(tmp_path: Path) -> None:
    lst = bench._write(
        tmp_path / "list.csv",
        ["实施编码", "事项名称", "事项类型", "实施主体", "主项名称"],
        [["L1", "燃气经营许可证核发", "行政许可", "区住建局", ""]],
    )
    rows = bench.decision_rows([("1", "燃气经营许可证核发", "", ""), ("2", "远洋渔业审批", "", "")])
    tables = bench.run_tool(bench.neutral_catalogue(tmp_path), [lst], rows, tmp_path)
    hits = {(r["decision_seq"], r["item_code"]) for r in tables["cancelled_still_listed"]}
    assert ("1", "L1") in hits and not any(seq == "2" for seq, _ in hits)


def test_code_families_and_base_names_of_the_county_list() -> None:
    assert county.code_family("511A1839800009-511602000000-000-X-1-00") == "511A18398"
    assert county.code_family("511A09001023-511602000000-000-X-1-00") == "511A09001"
    assert county.code_family("G-000007-001-511602000000-000-X-1-00") == "G-000007"
    assert county.code_family("1J-5100-00027-511602000000-000-X-1-00") == "1J-5100"
    assert (
        county.base_name("网络预约出租汽车运输证发放（补办）（县级）")
        == "网络预约出租汽车运输证发放"
    )
    assert county.base_name("食品(含保健食品)经营许可延续") == "食品(含保健食品)经营许可延续"


def test_wording_rules_by_hand() -> None:
    r = county.WORDING_RULES
    assert r["grant"]("网络预约出租汽车运输证发放") == "网络预约出租汽车运输证核发"
    assert r["grant"]("动物诊疗许可") == "动物诊疗许可证核发"
    assert r["of"]("对食品小作坊、小经营店进行备案") == "食品小作坊、小经营店备案"
    assert r["title"]("燃气经营许可证核发") == "《燃气经营许可证》核发"
    assert r["traditional"]("许可") == "許可"
    # a 子项 named as its 主项 with a grant verb is one matter to a reader: such targets drop out
    assert county.loose("食品(含保健食品)经营许可发放") == county.loose("食品经营许可")


def test_county_set_truth_comes_from_the_list() -> None:
    items = {i.code: i for i in county.load_items()}
    with (BENCH / "county_decisions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 1000
    for r in rows:
        truth = [items[c] for c in filter(None, r["truth"].split("|"))]
        if r["kind"] == "main":
            assert {i.main for i in truth} == {r["target"]}
            assert len(truth) == sum(1 for i in items.values() if i.main == r["target"])
        elif r["kind"] in ("item", "unclassified"):
            assert {i.base for i in truth} == {r["target"]}
            assert len({i.main for i in truth}) == 1
        else:
            assert truth == [] and r["kind"].startswith("decoy_")


def test_county_set_is_what_the_builder_writes(tmp_path: Path) -> None:
    out = tmp_path / "county.csv"
    county.main(out)
    assert out.read_bytes() == (BENCH / "county_decisions.csv").read_bytes()


def test_pairs_file_is_what_the_builder_writes(tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    _load("make_matching_pairs").main(out)
    assert out.read_bytes() == (BENCH / "matching_pairs.csv").read_bytes()


def test_sealed_pairs_hash_is_recorded() -> None:
    if not bench.SEALED.exists():
        pytest.skip("no sealed set installed (the one of 2026-12-04 was opened on 2026-12-08)")
    readme = (BENCH / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"sealed_pairs\.csv.*?SHA-256 `([0-9a-f]{64})`", readme, re.S)
    assert recorded and recorded.group(1) == bench.sha256(bench.SEALED)


def test_opened_pairs_are_the_file_once_sealed() -> None:
    """The opened set is the sealed file of 2026-12-04 unchanged: its labels are not edited
    to fit the rules (the hash it was sealed under, recorded in README.md)."""
    readme = (BENCH / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"opened_pairs\.csv.*?SHA-256 `([0-9a-f]{64})`", readme, re.S)
    assert recorded and recorded.group(1) == bench.sha256(bench.OPENED)
    assert recorded.group(1).startswith("fbf8274e0b8c")


def test_second_opened_pairs_are_the_file_once_sealed() -> None:
    """The set written blind and installed sealed on 2026-12-08, opened the same day (session
    24), is that file unchanged: no label edited (its hash, recorded in README.md)."""
    readme = (BENCH / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"opened_pairs_2\.csv.*?SHA-256 `([0-9a-f]{64})`", readme, re.S)
    second = BENCH / "opened_pairs_2.csv"
    assert recorded and recorded.group(1) == bench.sha256(second)
    assert recorded.group(1).startswith("fffda9ca8a50")


def test_every_opened_set_is_its_own_set() -> None:
    """`--sets opened` evaluates each opened_pairs*.csv under its own title, in opening order."""
    names = [p.name for p in bench.opened_sets()]
    assert names[:2] == ["opened_pairs.csv", "opened_pairs_2.csv"]
    titles = [bench.opened_title(p) for p in bench.opened_sets()[:2]]
    assert titles == [
        "Set (b) pairs opened 2026-12-08",
        "Set (b) pairs opened 2026-12-08 (second)",
    ]


def test_without_a_sealed_set_the_run_says_so_and_goes_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(bench, "SEALED", tmp_path / "sealed_pairs.csv")
    assert bench.evaluations(["sealed"]) == []
    assert capsys.readouterr().out == "no sealed set\n"
