"""Matching quality: catalog-sync's name tiers against two baselines, on labelled pairs.

    python benchmarks/matching.py                      # the table; exit 1 if ours loses
    python benchmarks/matching.py --errors dev         # also list the dev pairs ours gets wrong

The pairs (benchmarks/matching_pairs.csv, built by make_matching_pairs.py) are judged three
ways, in one process:

- **ours**: the tool's own matcher, run as the pipeline runs it. A list item is matched against
  an index of every catalogue matter in the benchmark; a decision row against the catalogue
  matters, the list items and the 主项 names lists group items under (three indexes, each giving
  its best group: name tier, else the best fuzzy group). A pair is predicted a match when the
  accepted group holds the candidate, or (decision rows) holds the candidate's 主项: the
  decision then reaches the candidate as a 子项 (tier `propagated`). Blocking and competition
  are real: every candidate of the benchmark competes for every query, except the rest of the
  query's own matter (its other positives, and candidates written as the query or as one of
  them: a real catalogue holds a matter once). So a negative pair is judged with the true
  matter absent: the case where near misses do harm.
- **exact**: normalised names equal (`name_key`: NFKC, traditional to simplified, brackets,
  punctuation and level qualifiers unified), or equal to the candidate's 主项 name.
- **WRatio**: rapidfuzz `fuzz.WRatio` on the raw names (the better of candidate and 主项) at one
  fixed threshold, the one that gives it its best F1 on all pairs.

Cancellation precision is the precision on pairs whose query is a decision row (all
cancellations): a false "cancelled" is the costliest error. Exit code 1 when ours does not beat
both baselines on F1, or its cancellation precision is below 0.97.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz
from tabulate import tabulate

from catalog_sync.mappings import Mapping, load_mapping
from catalog_sync.matching import NameIndex, entry, match_name
from catalog_sync.normalise import name_key

HERE = Path(__file__).resolve().parent
PAIRS = HERE / "matching_pairs.csv"
MIN_CANCEL_PRECISION = 0.97
KINDS = ("positive", "hard_positive", "hard_negative", "easy_negative")
# the pipeline keeps the strongest evidence per target in this order (graph._TIER_RANK)
TIER_RANK = {"name": 4, "propagated": 2, "fuzzy": 1}


@dataclass(frozen=True)
class Pair:
    pair_id: str
    split: str
    query_role: str
    query_name: str
    query_type: str
    query_department: str
    query_basis: str
    candidate_kind: str
    candidate_name: str
    candidate_type: str
    candidate_department: str
    candidate_basis: str
    candidate_main_item: str
    label: int
    kind: str
    category: str
    source: str
    note: str

    @property
    def query(self) -> tuple[str, ...]:
        return (
            self.query_role,
            self.query_name,
            self.query_type,
            self.query_department,
            self.query_basis,
        )

    @property
    def candidate(self) -> tuple[str, ...]:
        return (
            self.candidate_kind,
            self.candidate_name,
            self.candidate_type,
            self.candidate_department,
            self.candidate_basis,
            self.candidate_main_item,
        )


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as f:
        return [Pair(**{**r, "label": int(r["label"])}) for r in csv.DictReader(f)]


# --- the three systems ------------------------------------------------------------------------


def predict_ours(pairs: list[Pair], mapping: Mapping) -> list[str]:
    """The tier by which the tool reaches each pair's candidate, or "" when it does not.

    While one pair is judged, the indexes leave out the rest of the query's matter: its other
    labelled positives and any candidate written as the query or as one of them (the same
    matter in other wording; a real catalogue holds it once). Every other candidate stays. A
    negative pair is thus judged with the true matter absent: the case where near misses do
    harm."""
    candidates = sorted({p.candidate for p in pairs})
    ids = {c: f"c{i}" for i, c in enumerate(candidates)}
    entries = {
        c: entry(ids[c], c[1], mapping, task_type=c[2], department=c[3], by_law=c[4])
        for c in candidates
    }
    by_key: dict[str, set[tuple[str, ...]]] = {}
    for c in candidates:
        by_key.setdefault(entries[c].key, set()).add(c)
    # the query's matter: its labelled positives, and every candidate written as the query or
    # as one of them (the same matter, written the same way)
    same_matter: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for p in pairs:
        if p.label:
            same_matter.setdefault(p.query, set()).add(p.candidate)
    for query in {p.query for p in pairs}:
        found = same_matter.setdefault(query, set())
        keys = {name_key(query[1], mapping.level_qualifiers)} | {entries[c].key for c in found}
        for k in keys:
            found |= by_key.get(k, set())

    all_mains = sorted({c[5] for c in candidates if c[5]})
    indexes: dict[tuple[str, frozenset[str]], NameIndex] = {}

    def index(kind: str, left_out: frozenset[str]) -> NameIndex:
        """The index of one kind (catalogue, list_item, main) without the names left out."""
        if (kind, left_out) not in indexes:
            if kind == "main":
                found = (entry(m, m, mapping) for m in all_mains if m not in left_out)
            else:
                found = (entries[c] for c in candidates if c[0] == kind and ids[c] not in left_out)
            indexes[(kind, left_out)] = NameIndex(found, mapping)
        return indexes[(kind, left_out)]

    def reach(query: tuple[str, ...], excluded: frozenset[tuple[str, ...]]) -> dict[str, str]:
        """Entry id (candidate id or 主项 name) -> tier of every target the query reaches."""
        role, name, type_, department, basis = query
        q = entry(
            "query",
            name,
            mapping,
            task_type=type_,
            department=department,
            by_law=basis,
            implementing=role == "list_item",
        )
        kinds = ["catalogue"] if role == "list_item" else ["catalogue", "list_item", "main"]
        kept_mains = {c[5] for c in candidates if c not in excluded}
        hits: dict[str, str] = {}
        for kind in kinds:
            if kind == "main":
                left_out = frozenset(m for m in all_mains if m not in kept_mains)
            else:
                left_out = frozenset(ids[c] for c in excluded if c[0] == kind)
            hit = match_name(index(kind, left_out), q)
            if hit is not None:
                group, match = hit
                for e in group:
                    hits[e.id] = match.tier
        return hits

    out = []
    for p in pairs:
        excluded = frozenset(same_matter[p.query] - {p.candidate})
        hits = reach(p.query, excluded)
        tiers = []
        if ids[p.candidate] in hits:
            tiers.append(hits[ids[p.candidate]])
        if p.query_role == "decision" and p.candidate_main_item in hits:
            tiers.append("propagated")
        out.append(max(tiers, key=TIER_RANK.__getitem__) if tiers else "")
    return out


def predict_exact(pairs: list[Pair], mapping: Mapping) -> list[bool]:
    def key(s: str) -> str:
        return name_key(s, mapping.level_qualifiers)

    out = []
    for p in pairs:
        targets = [p.candidate_name]
        if p.query_role == "decision" and p.candidate_main_item:
            targets.append(p.candidate_main_item)
        out.append(any(key(p.query_name) == key(t) for t in targets))
    return out


def wratio_scores(pairs: list[Pair]) -> list[float]:
    out = []
    for p in pairs:
        targets = [p.candidate_name]
        if p.query_role == "decision" and p.candidate_main_item:
            targets.append(p.candidate_main_item)
        out.append(max(fuzz.WRatio(p.query_name, t) for t in targets))
    return out


# --- metrics ----------------------------------------------------------------------------------


@dataclass
class Scores:
    predicted: int
    tp: int
    fp: int
    fn: int
    precision: float | None
    recall: float | None
    f1: float | None


def score(preds: list[bool], labels: list[int]) -> Scores:
    tp = sum(1 for p, y in zip(preds, labels, strict=True) if p and y)
    fp = sum(1 for p, y in zip(preds, labels, strict=True) if p and not y)
    fn = sum(1 for p, y in zip(preds, labels, strict=True) if not p and y)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else (0.0 if recall is not None else None)
    )
    return Scores(tp + fp, tp, fp, fn, precision, recall, f1)


def best_threshold(scores: list[float], labels: list[int]) -> float:
    """The threshold giving the best F1 (ties: the higher threshold)."""
    best_t, best_f1 = 100.0, -1.0
    for t in sorted(set(scores), reverse=True):
        f1 = score([s >= t for s in scores], labels).f1 or 0.0
        if f1 > best_f1:
            best_t, best_f1 = t, f1
    return best_t


@dataclass
class Evaluation:
    pairs: list[Pair]
    tiers: list[str]  # ours: the tier reaching each pair, "" when none
    exact: list[bool]
    wratio: list[float]
    threshold: float
    systems: dict[str, list[bool]] = field(default_factory=dict)

    def subset(self, split: str) -> list[int]:
        return [i for i, p in enumerate(self.pairs) if split in ("all", p.split)]

    def scores(self, system: str, split: str = "all", decisions_only: bool = False) -> Scores:
        rows = [
            i
            for i in self.subset(split)
            if not decisions_only or self.pairs[i].query_role == "decision"
        ]
        preds = self.systems[system]
        return score([preds[i] for i in rows], [self.pairs[i].label for i in rows])

    def tier_scores(self, tier: str, split: str = "all") -> Scores:
        rows = self.subset(split)
        return score([self.tiers[i] == tier for i in rows], [self.pairs[i].label for i in rows])


OURS, EXACT, WRATIO = "catalog-sync", "exact name_key", "rapidfuzz WRatio"


def evaluate(pairs: list[Pair] | None = None, mapping: Mapping | None = None) -> Evaluation:
    """Run the three systems on the pairs (default: benchmarks/matching_pairs.csv)."""
    pairs = load_pairs() if pairs is None else pairs
    mapping = load_mapping() if mapping is None else mapping
    tiers = predict_ours(pairs, mapping)
    exact = predict_exact(pairs, mapping)
    wr = wratio_scores(pairs)
    threshold = best_threshold(wr, [p.label for p in pairs])
    ev = Evaluation(pairs, tiers, exact, wr, threshold)
    ev.systems = {
        OURS: [bool(t) for t in tiers],
        EXACT: exact,
        WRATIO: [s >= threshold for s in wr],
    }
    return ev


def passes(ev: Evaluation) -> list[str]:
    """Why the benchmark fails (empty when it passes)."""
    problems = []
    ours = ev.scores(OURS).f1 or 0.0
    for base in (EXACT, WRATIO):
        other = ev.scores(base).f1 or 0.0
        if ours <= other:
            problems.append(f"F1 {ours:.3f} does not beat {base} ({other:.3f})")
    cancel = ev.scores(OURS, decisions_only=True).precision
    if cancel is None or cancel < MIN_CANCEL_PRECISION:
        problems.append(f"cancellation precision {cancel} < {MIN_CANCEL_PRECISION}")
    return problems


# --- printing ---------------------------------------------------------------------------------


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def results_table(ev: Evaluation, split: str = "all") -> str:
    rows = []
    for tier, label in (
        ("name", "  name tier"),
        ("propagated", "  主项 → 子项 (propagated)"),
        ("fuzzy", "  fuzzy tier"),
    ):
        s = ev.tier_scores(tier, split)
        rows.append([label, s.predicted, s.tp, s.fp, _f(s.precision), _f(s.recall), _f(s.f1), ""])
    for system in (OURS, EXACT, WRATIO):
        s = ev.scores(system, split)
        c = ev.scores(system, split, decisions_only=True)
        name = system + (f" ≥ {ev.threshold:.1f}" if system == WRATIO else "")
        row = [name, s.predicted, s.tp, s.fp, _f(s.precision), _f(s.recall), _f(s.f1)]
        row.append(_f(c.precision))
        if system == OURS:
            rows.insert(0, [f"{name} (overall)", *row[1:]])
        else:
            rows.append(row)
    headers = ["", "predicted", "TP", "FP", "precision", "recall", "F1", "cancellation precision"]
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def kinds_table(ev: Evaluation, split: str = "all") -> str:
    rows = []
    for kind in KINDS:
        idx = [i for i in ev.subset(split) if ev.pairs[i].kind == kind]
        what = "recall" if kind.endswith("positive") else "false positives"
        row = [kind, len(idx), what]
        for system in (OURS, EXACT, WRATIO):
            hits = sum(1 for i in idx if ev.systems[system][i])
            row.append(f"{hits}/{len(idx)}")
        rows.append(row)
    headers = ["kind", "pairs", "counted", OURS, EXACT, WRATIO]
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def counts_table(ev: Evaluation) -> str:
    c = Counter((p.kind, p.split) for p in ev.pairs)
    roles = Counter((p.kind, p.query_role) for p in ev.pairs)
    rows = [
        [
            k,
            c[(k, "dev")] + c[(k, "holdout")],
            c[(k, "dev")],
            c[(k, "holdout")],
            roles[(k, "decision")],
            roles[(k, "list_item")],
        ]
        for k in KINDS
    ]
    rows.append(["total", len(ev.pairs), *(sum(r[i] for r in rows) for i in range(2, 6))])
    headers = ["kind", "pairs", "dev", "holdout", "decision queries", "list-item queries"]
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def errors(ev: Evaluation, split: str) -> str:
    rows = []
    for i in ev.subset(split):
        p = ev.pairs[i]
        if bool(ev.tiers[i]) != bool(p.label):
            what = f"FP ({ev.tiers[i]})" if ev.tiers[i] else "FN"
            rows.append([p.pair_id, what, p.kind, p.query_name, p.candidate_name, p.category])
    headers = ["pair", "error", "kind", "query", "candidate", "category"]
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def report(ev: Evaluation, errors_in: str | None = None) -> str:
    """The tables as printed."""
    out = [f"Pairs ({len(ev.pairs)}):", "", counts_table(ev)]
    for split, title in (
        ("all", "All pairs"),
        ("dev", "Dev split (used while tuning)"),
        ("holdout", "Held-out split (never used while tuning)"),
    ):
        out += ["", f"{title}, {len(ev.subset(split))} pairs:", "", results_table(ev, split)]
    out += [
        "",
        "By kind (all pairs): positives found, negatives wrongly matched:",
        "",
        kinds_table(ev),
        "",
        f"WRatio threshold {ev.threshold:.1f}: the one giving that baseline its best F1 "
        "on all pairs.",
    ]
    if errors_in:
        out += ["", f"Our errors, {errors_in} split:", "", errors(ev, errors_in)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--errors", choices=["dev", "holdout", "all"], help="list our errors")
    args = parser.parse_args(argv)

    ev = evaluate(load_pairs(args.pairs))
    print(report(ev, args.errors))
    problems = passes(ev)
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    if not problems:
        print("\nPASS: ours beats both baselines on F1; cancellation precision ≥ 0.97.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
