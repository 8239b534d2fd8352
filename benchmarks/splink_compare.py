"""A Fellegi–Sunter model (Splink on DuckDB) on the matching benchmark's sets, side by side with
the tool: the same P/R/F1 table as benchmarks/matching.py.

    pip install splink                      # not a dependency of catalog-sync
    python benchmarks/splink_compare.py     # set (a) (neutral catalogue) and the open pairs

What is configured (see docs/matching-benchmark.md):

- Records. Left: the queries (decision rows; list-item queries of the pairs). Right: the targets
  (set (a): the 1,135 list items; pairs: each pair's candidate). Features, built here and not by
  catalog_sync: `name_n` (NFKC, traditional to simplified, no spaces, punctuation, 《》 or
  trailing notes), `name_core` (name_n without a trailing grant verb: 核发 发放 审批 审核 办理,
  许可证 -> 许可), `main_n`/`main_core` (the same of the item's 主项; of the query: its own
  name, so a decision naming a 主项 scores against every member), `action` (the action words
  of the full name, sorted), `dept` (the department without level and office words).
- Comparisons. name: exact name_n / exact name_core / Jaro-Winkler ≥ 0.92 / ≥ 0.85 / else.
  main: exact main_n / exact main_core / Jaro-Winkler ≥ 0.92 / else. action: exact / else
  (null when both names carry none). dept: exact with term-frequency adjustment / else (so
  agreeing on 行政审批 weighs little when it hosts a third of the list).
- Estimation, unsupervised (no label is used): u by random sampling (1e6 pairs, seed 1);
  m by expectation maximisation in two sessions, blocked on the name's first two characters
  (trains main, action, dept) and on dept (trains name, main); the prior λ is fixed at one
  true target per query (1 / number of targets), not estimated.
- A second model for set (a) takes its m from the 283 positive labels of the open pairs
  (Splink's estimate_m_from_pairwise_labels; another set, so no answer of set (a) is used),
  u re-estimated on set (a).
- Prediction: set (a) blocks on the first two characters of name or 主项 (or an equal core);
  the pairs are scored exactly (one block per pair). A pair is a match at probability ≥ 0.5
  (fixed), and the row "best threshold" shows the threshold that gives Splink its best F1
  on that set (tuned on the answers: optimistic).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import opencc
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
import matching as bench  # noqa: E402

try:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
except ImportError:  # pragma: no cover - an optional tool
    sys.exit("splink is not installed: pip install splink (it is not a catalog-sync dependency)")

_T2S = opencc.OpenCC("t2s")
_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
_GRANT = re.compile(r"(?:的)?(?:核发|发放|审批|审核|办理)$")
ACTIONS = ["设立", "变更", "注销", "延续", "补办", "换发", "抵押", "解除", "首次", "年检",
           "迁移", "转入", "转出", "撤销", "终止", "恢复", "过户", "新办", "补证", "换证",
           "校验"]  # fmt: skip
THRESHOLD = 0.5


def norm(name: str) -> str:
    s = _T2S.convert(unicodedata.normalize("NFKC", name or ""))
    s = s.strip()
    while _NOTE.search(s) and _NOTE.sub("", s):
        s = _NOTE.sub("", s).strip()
    return re.sub(r"[\s、，,/·《》“”\"'()（）]", "", s)


def core(name: str) -> str:
    return _GRANT.sub("", norm(name)).replace("许可证", "许可")


def actions(name: str) -> str | None:
    found = sorted(a for a in ACTIONS if a in _T2S.convert(name or ""))
    return "+".join(found) or None


def sector(dept: str) -> str | None:
    s = re.sub(r"^(?:广安区|县级以上地方|县级以上|县级|省级|市级|区|县|市|省)", "", dept or "")
    s = re.sub(r"(?:人民政府)?(?:主管部门|行政部门|管理部门|部门|机关|分局|局)$", "", s)
    return s or None


def record(uid: str, name: str, main: str, dept: str, pair_key: str = "") -> dict:
    main = main or name
    return {
        "unique_id": uid,
        "name_n": norm(name),
        "name_core": core(name),
        "main_n": norm(main),
        "main_core": core(main),
        "action": actions(name),
        "dept": sector(dept),
        "pair_key": pair_key,
    }


def _names(column: str, core_column: str, thresholds: tuple[float, ...], output: str):
    """Exact, exact without grant verb, then Jaro-Winkler levels, else."""
    return cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column),
            cll.ExactMatchLevel(core_column),
            *(cll.JaroWinklerLevel(column, t) for t in thresholds),
            cll.ElseLevel(),
        ],
        output_column_name=output,
    )


def settings(blocking: list) -> SettingsCreator:
    name = _names("name_n", "name_core", (0.92, 0.85), "name")
    main = _names("main_n", "main_core", (0.92,), "main")
    action = cl.CustomComparison(
        comparison_levels=[cll.NullLevel("action"), cll.ExactMatchLevel("action"), cll.ElseLevel()],
        output_column_name="action",
    )
    dept = cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("dept"),
            cll.ExactMatchLevel("dept", term_frequency_adjustments=True),
            cll.ElseLevel(),
        ],
        output_column_name="dept",
    )
    return SettingsCreator(
        link_type="link_only",
        comparisons=[name, main, action, dept],
        blocking_rules_to_generate_predictions=blocking,
        retain_intermediate_calculation_columns=False,
    )


def _register(db: DuckDBAPI, left: list[dict], right: list[dict]) -> list:
    return [
        db.register(pa.Table.from_pylist(left), dataset_display_name="queries"),
        db.register(pa.Table.from_pylist(right), dataset_display_name="targets"),
    ]


def fit_and_predict(
    left: list[dict], right: list[dict], blocking: list, model: dict | None = None
) -> dict[tuple, float]:
    """(left id, right id) -> match probability, for every blocked pair. With `model` (m learnt
    elsewhere, see m_from_pairs) only u is estimated here; else u by sampling and m by EM."""
    db = DuckDBAPI()
    dfs = _register(db, left, right)
    if model is None:
        s = settings(blocking)
        s.probability_two_random_records_match = 1 / len(right)
        linker = Linker(dfs, s, log_level="WARNING")
    else:
        model = {
            **{k: v for k, v in model.items() if k != "linker_uid"},
            "blocking_rules_to_generate_predictions": [
                {"blocking_rule": b, "sql_dialect": "duckdb"} for b in blocking
            ],
            "probability_two_random_records_match": 1 / len(right),
        }
        linker = Linker(dfs, model, log_level="WARNING")
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    if model is None:
        linker.training.estimate_parameters_using_expectation_maximisation(
            "substr(l.name_n, 1, 2) = substr(r.name_n, 1, 2)",
            fix_probability_two_random_records_match=True,
        )
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("dept"), fix_probability_two_random_records_match=True
        )
    rows = linker.inference.predict().as_record_list()
    return {(r["unique_id_l"], r["unique_id_r"]): r["match_probability"] for r in rows}


def m_from_pairs(pairs: list[bench.Pair]) -> dict:
    """A model whose m comes from the positive labels of the pairs (supervised), u from them."""
    db = DuckDBAPI()
    dfs = _register(db, *_pair_records(pairs))
    linker = Linker(dfs, settings([block_on("pair_key")]), log_level="WARNING")
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    labels = [
        {
            "source_dataset_l": "queries",
            "unique_id_l": p.pair_id,
            "source_dataset_r": "targets",
            "unique_id_r": p.pair_id,
        }
        for p in pairs
        if p.label
    ]
    table = db.register(pa.Table.from_pylist(labels), dataset_display_name="labels")
    linker.training.estimate_m_from_pairwise_labels(table)
    return linker.misc.save_model_to_json()


def county_splink(model: dict | None = None) -> tuple[list[bench.Query], dict[tuple, float]]:
    import csv

    queries = bench.load_county_queries()
    with bench.COUNTY_QUERIES.open(encoding="utf-8") as f:
        depts = {r["query_id"]: r["department"] for r in csv.DictReader(f)}
    items = bench.county_items()
    with bench.COUNTY_LIST.open(encoding="utf-8-sig", newline="") as f:
        item_dept = {r["itemCode"]: r["department"] for r in csv.DictReader(f)}
    left = [record(q.qid, q.name, "", depts[q.qid]) for q in queries]
    right = [record(i.code, i.name, i.main, item_dept[i.code]) for i in items]
    blocking = [
        "substr(l.name_n, 1, 2) = substr(r.name_n, 1, 2)",
        "substr(l.name_n, 1, 2) = substr(r.main_n, 1, 2)",
        "l.name_core = r.main_core",
    ]
    return queries, fit_and_predict(left, right, blocking, model)


def _pair_records(pairs: list[bench.Pair]) -> tuple[list[dict], list[dict]]:
    left = [record(p.pair_id, p.query_name, "", p.query_department, p.pair_id) for p in pairs]
    right = [
        record(
            p.pair_id,
            p.candidate_name,
            p.candidate_main_item if p.query_role == "decision" else "",
            p.candidate_department,
            p.pair_id,
        )
        for p in pairs
    ]
    return left, right


def pairs_splink(pairs: list[bench.Pair]) -> tuple[list[bench.Query], dict[tuple, float]]:
    return bench.pair_queries(pairs), fit_and_predict(*_pair_records(pairs), [block_on("pair_key")])


def at(queries: list[bench.Query], probs: dict[tuple, float], t: float) -> list[bench.Query]:
    reached: dict[str, dict[str, str]] = {q.qid: {} for q in queries}
    for (lid, rid), p in probs.items():
        if p >= t:
            reached[lid][rid] = "splink"
    return [bench._judged(q, reached[q.qid]) for q in queries]


def best(queries: list[bench.Query], probs: dict[tuple, float]) -> float:
    found = (-1.0, 1.0)
    for t in sorted({round(p, 4) for p in probs.values() if p >= 0.01}, reverse=True):
        f1 = bench.score(at(queries, probs, t)).f1 or 0.0
        if f1 > found[0]:
            found = (f1, t)
    return found[1]


Variant = tuple[str, list[bench.Query], dict[tuple, float]]


def table(title: str, ours: list[bench.Query], variants: list[Variant]) -> str:
    from tabulate import tabulate

    rows = [bench.system_row(bench.OURS, ours)]
    for name, queries, probs in variants:
        t = best(queries, probs)
        rows.append(bench.system_row(f"{name} p ≥ {THRESHOLD}", at(queries, probs, THRESHOLD)))
        rows.append(bench.system_row(f"{name} best p ≥ {t:.3f}", at(queries, probs, t)))
    text = tabulate(rows, headers=bench.HEADERS, tablefmt="github", disable_numparse=True)
    return f"## {title}\n\n{text}"


def main() -> int:
    pairs = bench.load_pairs()
    ours_a = bench.county_set("neutral")
    em_a = ("Splink (EM)", *county_splink())
    labelled_a = ("Splink (m from the open pairs' labels)", *county_splink(m_from_pairs(pairs)))
    print(table("Set (a) county list, neutral catalogue", ours_a, [em_a, labelled_a]))
    ours_b = bench.reach_pairs(pairs)
    em_b = ("Splink (EM)", *pairs_splink(pairs))
    print("\n" + table("Set (b) labelled pairs, open (dev + opened)", ours_b, [em_b]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
