"""The matching benchmark (benchmarks/matching.py) as a test: ours beats both baselines on F1,
and a cancellation is almost never claimed wrongly."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
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


@pytest.fixture(scope="module")
def evaluation():
    return bench.evaluate()


def test_pairs_are_what_the_issue_asks_for() -> None:
    pairs = bench.load_pairs()
    kinds = Counter(p.kind for p in pairs)
    assert len(pairs) >= 300
    assert kinds["hard_negative"] * 3 >= len(pairs)
    assert kinds["hard_positive"] > 0 and kinds["easy_negative"] > 0
    assert {p.query_role for p in pairs} == {"decision", "list_item"}
    assert {p.source for p in pairs} == {"real", "reworded"}
    assert {p.split for p in pairs} == {"dev", "holdout"}
    # a query's pairs stay in one split
    splits: dict[str, set[str]] = {}
    for p in pairs:
        splits.setdefault(p.query_name, set()).add(p.split)
    assert all(len(s) == 1 for s in splits.values())
    # every label agrees with its kind
    assert all((p.label == 1) == p.kind.endswith("positive") for p in pairs)


def test_ours_beats_both_baselines_on_f1(evaluation) -> None:
    ours = evaluation.scores(bench.OURS).f1
    for base in (bench.EXACT, bench.WRATIO):
        assert ours > evaluation.scores(base).f1, base


def test_cancellation_precision(evaluation) -> None:
    cancel = evaluation.scores(bench.OURS, decisions_only=True)
    assert cancel.predicted > 100
    assert cancel.precision >= bench.MIN_CANCEL_PRECISION
    assert bench.passes(evaluation) == []


def test_held_out_pairs_hold_up(evaluation) -> None:
    # never tuned on: ours still beats both baselines there
    ours = evaluation.scores(bench.OURS, "holdout").f1
    for base in (bench.EXACT, bench.WRATIO):
        assert ours > evaluation.scores(base, "holdout").f1, base


def test_wratio_threshold_is_its_best(evaluation) -> None:
    labels = [p.label for p in evaluation.pairs]
    best = bench.score([s >= evaluation.threshold for s in evaluation.wratio], labels).f1
    for t in range(50, 101, 5):
        assert bench.score([s >= t for s in evaluation.wratio], labels).f1 <= best


def test_pairs_file_is_what_the_builder_writes(tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    _load("make_matching_pairs").main(out)
    assert out.read_bytes() == (BENCH / "matching_pairs.csv").read_bytes()


def test_the_report_prints_the_table(evaluation) -> None:
    text = bench.report(evaluation)
    assert "catalog-sync (overall)" in text and "Held-out split" in text
    assert f"rapidfuzz WRatio ≥ {evaluation.threshold:.1f}" in text


def test_readme_shows_the_current_table(evaluation) -> None:
    readme = (ROOT / "docs" / "matching.md").read_text(encoding="utf-8")
    section = readme.split("## Matching quality", 1)[1]
    for split in ("all", "dev", "holdout"):
        assert bench.results_table(evaluation, split) in section, split
    assert bench.kinds_table(evaluation) in section
