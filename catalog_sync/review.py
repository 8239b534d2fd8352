"""Review that is remembered: a reviewer's verdict on a pair of records, applied on later runs
until either side changes in substance.

A pair is keyed by its two records' stable keys (catalogue 基本编码, list 实施编码, decision 文号 +
附件 + 序号), by a decision row's name, then its file and row, only where two decision rows
share the rest (decision_keys). Each side also carries a fingerprint of its substance: the
normalised name (whitespace, punctuation, bracket widths and traditional characters do not
count), the matter type, the parent and the legal basis. When a fingerprint no longer matches,
the judgement has expired and the pair comes back for review, marked as changed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path, PurePath

from .errors import SourceError
from .matching import laws
from .model import DecisionItem, ListItem, Matter
from .normalise import name_key, normalise_code

CONFIRMED, DENIED, NOT_APPLICABLE = "confirmed", "denied", "not_applicable"
VERDICTS = {
    "确认": CONFIRMED,
    "confirmed": CONFIRMED,
    "confirm": CONFIRMED,
    "是": CONFIRMED,
    "否认": DENIED,
    "denied": DENIED,
    "deny": DENIED,
    "否": DENIED,
    "不适用": NOT_APPLICABLE,
    "not_applicable": NOT_APPLICABLE,
    "n/a": NOT_APPLICABLE,
}
VERDICT_LABELS = {CONFIRMED: "确认", DENIED: "否认", NOT_APPLICABLE: "不适用"}

Record = Matter | ListItem | DecisionItem


@dataclass(frozen=True)
class Judgement:
    """One reviewer's verdict on one pair, as stored in judgements.csv."""

    pair_id: str
    left_key: str
    right_key: str
    left_fingerprint: str
    right_fingerprint: str
    verdict: str
    reviewer: str
    judged_at: str
    note: str
    left_name: str
    right_name: str


JUDGEMENT_FIELDS = [f.name for f in fields(Judgement)]


def record_key(rec: Record) -> str:
    if isinstance(rec, Matter):
        return f"catalogue:{rec.basic_code}"
    if isinstance(rec, ListItem):
        return f"list:{rec.task_code}"
    parts = (normalise_code(rec.doc_no), normalise_code(rec.annex), normalise_code(rec.seq))
    if not parts[2]:
        parts = (*parts[:2], name_key(rec.name))
    return "decision:" + "|".join(parts)


def decision_keys(decisions: Iterable[DecisionItem]) -> dict[str, str]:
    """Decision node -> its key, unique in the run: a row whose key another row shares (two
    rows of one annex under one 序号, as numbered sub-rows are; two unnumbered rows of one name)
    is told apart by its name, then by its file and row. Otherwise a judgement on one row would
    be applied to the other (the book keeps one record per key)."""
    rows = {d.node: d for d in decisions}
    keys = {n: record_key(d) for n, d in rows.items()}
    for tell in (lambda d: f"|{name_key(d.name)}", lambda d: f"#{_place(d)}"):
        counts = Counter(keys.values())
        for n, d in rows.items():
            if counts[keys[n]] > 1:
                keys[n] += tell(d)
    return keys


def _place(rec: DecisionItem) -> str:
    """A row's file (its name, not the path it was given by) and row."""
    return f"{PurePath(rec.ref.file).name}:{rec.ref.row}"


def fingerprint(rec: Record, level_qualifiers: str = "") -> str:
    """The substance of a record: what a reviewer judged, hashed."""
    if isinstance(rec, Matter):
        parent = rec.parent_code
    elif isinstance(rec, ListItem):
        parent = name_key(rec.parent_name, level_qualifiers)
    else:
        parent = ""
    task_type = getattr(rec, "task_type", "")
    basis = "|".join(sorted(laws(rec.by_law))) or name_key(rec.by_law)
    text = "\x1f".join((name_key(rec.name, level_qualifiers), task_type, parent, basis))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def pair_id(left_key: str, right_key: str) -> str:
    return hashlib.sha256(f"{left_key}\x1f{right_key}".encode()).hexdigest()[:16]


def read_judgements(path: Path) -> list[Judgement]:
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise SourceError(str(path), f"cannot read the judgements file ({e})") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [f for f in JUDGEMENT_FIELDS if f not in (reader.fieldnames or [])]
    if missing:
        raise SourceError(
            str(path), f"not a judgements file: columns {', '.join(missing)} absent", row=1
        )
    out = []
    for n, row in enumerate(reader, start=2):
        if row["verdict"] not in (CONFIRMED, DENIED, NOT_APPLICABLE):
            raise SourceError(
                str(path),
                f"verdict {row['verdict']!r} is not confirmed, denied or not_applicable",
                row=n,
                column="verdict",
            )
        out.append(Judgement(**{f: row.get(f) or "" for f in JUDGEMENT_FIELDS}))
    return out


def write_judgements(path: Path, judgements: Iterable[Judgement]) -> None:
    """Sorted by pair, one line each, written whole (temp file, then rename): reviewable in git."""
    rows = sorted(judgements, key=lambda j: j.pair_id)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=JUDGEMENT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for j in rows:
        writer.writerow(asdict(j))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    os.replace(tmp, path)


def merge_judgements(old: list[Judgement], new: list[Judgement]) -> list[Judgement]:
    """A later verdict on a pair replaces the earlier one."""
    by_pair = {j.pair_id: j for j in old}
    by_pair.update({j.pair_id: j for j in new})
    return list(by_pair.values())


class JudgementBook:
    """Judgements resolved against this run's records: which pairs are confirmed, denied,
    settled, or changed since they were judged."""

    def __init__(
        self,
        judgements: list[Judgement],
        records: dict[str, tuple[str, Record]],
        level_qualifiers: str,
        keys: dict[str, str] | None = None,
    ) -> None:
        # decision node -> its key in the run (decision_keys), for the pairs a review lists
        self.keys = keys or {}
        self.confirmed: dict[tuple[str, str], Judgement] = {}
        self.denied: set[tuple[str, str]] = set()
        self.settled: set[tuple[str, str]] = set()
        self.changed: dict[tuple[str, str], Judgement] = {}
        self._denied_by_left: dict[str, set[str]] = {}
        self._confirmed_by_left: dict[str, list[tuple[str, Judgement]]] = {}
        for j in judgements:
            left, right = records.get(j.left_key), records.get(j.right_key)
            if left is None or right is None:
                continue  # a side left the inputs: nothing to apply, nothing to review
            pair = (left[0], right[0])
            if (
                fingerprint(left[1], level_qualifiers) != j.left_fingerprint
                or fingerprint(right[1], level_qualifiers) != j.right_fingerprint
            ):
                self.changed[pair] = j
                continue
            self.settled.add(pair)
            if j.verdict == CONFIRMED:
                self.confirmed[pair] = j
                self._confirmed_by_left.setdefault(pair[0], []).append((pair[1], j))
            elif j.verdict == DENIED:
                self.denied.add(pair)
                self._denied_by_left.setdefault(pair[0], set()).add(pair[1])

    def excluded(self, left_node: str) -> set[str]:
        """Targets a reviewer said are not the same matter as left_node."""
        return self._denied_by_left.get(left_node, set())

    def confirmed_for(self, left_node: str) -> list[tuple[str, Judgement]]:
        return self._confirmed_by_left.get(left_node, [])


def reviewed_evidence(j: Judgement) -> str:
    note = f": {j.note}" if j.note else ""
    return f"confirmed by {j.reviewer} on {j.judged_at[:10]}{note}"
