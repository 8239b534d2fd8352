"""The matches a person should look at: fuzzy matches, cancellations that reached a record
only through 主项/子项 propagation, and what a decision on part of a matter only reaches (its
处理决定 restricts the action: 取消县级初审环节). Pairs a reviewer has settled stay out until
either side changes in substance; then they come back marked as changed."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..graph import IMPLEMENTS, UNSETTLED_READINGS, reached_by
from ..model import DecisionItem, ListItem, Match, Matter, Table
from ..review import VERDICT_LABELS, JudgementBook, fingerprint, pair_id, record_key
from ..tables import new_table
from .decisions import decision_evidence

UNCERTAIN_TIERS = ("fuzzy", "propagated")


def matches_to_review(
    g: nx.DiGraph, decisions: list[DecisionItem], book: JudgementBook, level_qualifiers: str
) -> Table:
    table = new_table("review")
    for u, v, data in g.edges(data=True):
        m: Match | None = data.get("match")
        if data.get("kind") == IMPLEMENTS and m is not None and m.tier == "fuzzy":
            _add(table, g, u, v, "清单→目录", m, book, level_qualifiers)
    for d in decisions:
        for reach in reached_by(g, d.node).values():
            if reach.tier not in UNCERTAIN_TIERS and not d.restriction:
                continue
            kind = "决定→目录" if g.nodes[reach.node]["kind"] == "matter" else "决定→清单"
            _add(
                table,
                g,
                d.node,
                reach.node,
                kind,
                Match(
                    reach.tier,
                    reach.score,
                    reach.fields,
                    decision_evidence(d, reach.evidence),
                    reach.weights,
                ),
                book,
                level_qualifiers,
            )
    _add_unsettled(table, g, decisions, book, level_qualifiers)
    table.rows.sort(key=lambda r: (r["kind"], r["left_code"], r["right_code"]))
    return table


def _add_unsettled(
    table: Table,
    g: nx.DiGraph,
    decisions: list[DecisionItem],
    book: JudgementBook,
    level_qualifiers: str,
) -> None:
    """The records a decision row naming several matters would reach by readings none of
    which is taken (graph.UNSETTLED_READINGS), each a pair to confirm: the reviewer says which
    reading the row meant. A record the row reaches otherwise is no question."""
    held = g.graph.get(UNSETTLED_READINGS, {})
    for d in decisions:
        reached = reached_by(g, d.node) if d.node in held else {}
        for node, m in held.get(d.node, ()):
            if node in reached:
                continue
            kind = "决定→目录" if g.nodes[node]["kind"] == "matter" else "决定→清单"
            match = Match(m.tier, m.score, m.fields, decision_evidence(d, m.evidence))
            _add(table, g, d.node, node, kind, match, book, level_qualifiers)


def _add(
    table: Table,
    g: nx.DiGraph,
    left: str,
    right: str,
    kind: str,
    m: Match,
    book: JudgementBook,
    level_qualifiers: str,
) -> None:
    pair = (left, right)
    if pair in book.settled:
        return
    a, b = g.nodes[left]["record"], g.nodes[right]["record"]
    if not isinstance(a, (Matter, ListItem, DecisionItem)) or not isinstance(
        b, (Matter, ListItem, DecisionItem)
    ):
        return
    status = "待审核"
    old = book.changed.get(pair)
    if old is not None:
        label = VERDICT_LABELS.get(old.verdict, old.verdict)
        status = f"已变更（原判定：{label}，{old.judged_at[:10]}）"
    ka, kb = book.keys.get(left) or record_key(a), book.keys.get(right) or record_key(b)
    table.rows.append(
        {
            "pair_id": pair_id(ka, kb),
            "review_status": status,
            "kind": kind,
            **_side("left", a),
            **_side("right", b),
            "match_tier": m.tier,
            "match_score": m.score,
            "match_weights": weights_text(m.weights),
            "evidence": m.evidence,
            "verdict": "",
            "note": "",
            "reviewer": "",
            "left_key": ka,
            "right_key": kb,
            "left_fingerprint": fingerprint(a, level_qualifiers),
            "right_fingerprint": fingerprint(b, level_qualifiers),
        }
    )


def weights_text(weights: tuple[tuple[str, float], ...]) -> str:
    """A match's evidence weights as a reviewer reads them (事项名称 +6.0；部门 +0.7；合计 6.7)."""
    if not weights:
        return ""
    parts = [f"{field} {w:+.1f}" for field, w in weights]
    return "；".join([*parts, f"合计 {sum(w for _, w in weights):.1f}"])


def _side(prefix: str, rec: Matter | ListItem | DecisionItem) -> dict[str, Any]:
    if isinstance(rec, Matter):
        code, detail = rec.basic_code, "、".join(x for x in (rec.task_type, rec.department) if x)
    elif isinstance(rec, ListItem):
        code, detail = rec.task_code_raw, "、".join(x for x in (rec.task_type, rec.agency) if x)
    else:
        code = f"{rec.doc_no} {rec.annex} 第{rec.seq}项".strip()
        detail = "、".join(x for x in (rec.action_raw, rec.department) if x)
    return {
        f"{prefix}_code": code,
        f"{prefix}_name": rec.name,
        f"{prefix}_detail": detail,
        f"{prefix}_source": str(rec.ref),
    }
