"""What the decisions do to the lists and the catalogue.

cancelled_still_listed  a list item or catalogue matter a 取消 decision row reaches (by name,
                        through the catalogue, or through 主项/子项), the decision in force on or
                        before --as-of, and the record's 事项状态 still in use.
delegated_items         the same for 下放 rows: the item stays, its level should change.
other_decision_matches  everything else a decision row reaches, with its status: not yet in
                        force, already out of use, an action other than 取消/下放, or a
                        处理决定 on part of the matter only (part only: 取消县级初审环节), which
                        the review table also lists, never a whole-matter cancellation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from ..graph import Reach, reached_by
from ..model import CANCEL, DELEGATE, CancelledInfo, DecisionItem, ListItem, Matter, Table
from ..tables import new_table


@dataclass
class DecisionFindings:
    tables: dict[str, Table]
    cancelled_items: dict[str, CancelledInfo]  # 实施编码 -> the earliest cancellation
    cancelled_matters: set[str]  # 基本编码 of matters cancelled by a decision in force
    pending: int
    # matter node -> the cancelling rows in force that reach it (whole_matter_cancelled)
    matter_cancels: dict[str, list[tuple[DecisionItem, Reach]]] = field(default_factory=dict)
    # list item node -> (variant, cancelling row) of a whole matter cancelled only in part
    partly_cancelled: dict[str, list[tuple[str, DecisionItem]]] = field(default_factory=dict)


def decision_findings(
    g: nx.DiGraph,
    decisions: list[DecisionItem],
    as_of: date,
    denied: set[tuple[str, str]] | None = None,
) -> DecisionFindings:
    """`denied` holds (decision node, record node) pairs a reviewer said do not match."""
    denied = denied or set()
    cancelled = new_table("cancelled_still_listed")
    delegated = new_table("delegated_items")
    other = new_table("other_decision_matches")
    cancelled_items: dict[str, CancelledInfo] = {}
    cancelled_matters: set[str] = set()
    matter_cancels: dict[str, list[tuple[DecisionItem, Reach]]] = {}
    pending = 0
    for d in decisions:
        in_force = d.in_force_from is not None and d.in_force_from <= as_of
        for reach in reached_by(g, d.node).values():
            if (d.node, reach.node) in denied:
                continue
            rec = g.nodes[reach.node]["record"]
            if not isinstance(rec, (Matter, ListItem)):
                continue
            row = _row(d, rec, reach)
            if d.restriction and in_force and reach.tier != "reviewed":
                other.rows.append({"decision_status": f"part only: {d.restriction}", **row})
                continue
            if in_force and _already_retyped(rec, d):
                status = f"already {d.retyped_to}, the type the 处理决定 gives it ({d.action_raw})"
                other.rows.append({"decision_status": status, **row})
                continue
            if d.action == CANCEL and in_force:
                if isinstance(rec, ListItem):
                    _keep_earliest(cancelled_items, rec, d, reach)
                else:
                    cancelled_matters.add(rec.basic_code)
                    matter_cancels.setdefault(rec.node, []).append((d, reach))
            if not in_force:
                pending += 1
                other.rows.append(
                    {"decision_status": f"not in force until {d.in_force_from}", **row}
                )
                continue
            status = _status(rec, d)
            if status:
                other.rows.append({"decision_status": status, **row})
            elif d.action == CANCEL:
                cancelled.rows.append(row)
            else:
                said = f"{row['evidence']}{_level_note(rec, d)}"
                delegated.rows.append({**row, "delegated_to": d.delegated_to, "evidence": said})
    for t in (cancelled, delegated, other):
        _sort(t)
    return DecisionFindings(
        {t.name: t for t in (cancelled, delegated, other)},
        cancelled_items,
        cancelled_matters,
        pending,
        matter_cancels,
    )


def _sort(t: Table) -> None:
    t.rows.sort(
        key=lambda r: (
            r["source"],
            r["source_file"],
            r["source_row"],
            r["decision"],
            str(r["decision_seq"]),
        )
    )


def whole_matter_cancelled(
    found: DecisionFindings,
    items: list[ListItem],
    variants_of: dict[str, tuple[Any, ...]],
    denied: set[tuple[str, str]] | None = None,
) -> None:
    """A list item naming the whole of a matter the catalogue lists only as variants is matched
    to none of them (NameIndex.variants_of_whole), so no decision on a variant reaches it. Where
    decisions in force cancel every variant, the whole is cancelled: the item is reported in
    cancelled_still_listed, from the day the last variant went, its evidence naming each
    variant's decision (not a decision setting a part apart, （X除外）: that part stays). Where
    they cancel some, it is not (the rest stay), and the item is
    noted in `found.partly_cancelled` for unmatched_list_items to say so. `variants_of`: item
    node -> the variants' NameEntry (Nearest.variants)."""
    denied = denied or set()
    table = found.tables["cancelled_still_listed"]
    other = found.tables["other_decision_matches"]
    for item in items:
        variants = {e.id: e.name for e in variants_of.get(item.node, ())}
        if not variants or item.task_code in found.cancelled_items:
            continue
        # a decision setting a part apart (…（X除外）) leaves that part: its variant stays
        whole = {
            n: [c for c in found.matter_cancels.get(n, ()) if not c[0].excluded] for n in variants
        }
        first = {
            node: min(cancels, key=lambda c: c[0].in_force_from or date.min)
            for node, cancels in whole.items()
            if cancels
        }
        if not first:
            continue
        if len(first) < len(variants):
            found.partly_cancelled[item.node] = [(variants[n], d) for n, (d, _) in first.items()]
            continue
        last, _ = max(first.values(), key=lambda c: c[0].in_force_from or date.min)
        if (last.node, item.node) in denied:
            continue
        reach = _whole_reach(item, variants, first)
        _keep_earliest(found.cancelled_items, item, last, reach)
        row = _row(last, item, reach)
        if item.in_use:
            table.rows.append(row)
        else:
            other.rows.append({"decision_status": f"already out of use ({item.state})", **row})
    _sort(table)
    _sort(other)


def _whole_reach(
    item: ListItem, variants: dict[str, str], first: dict[str, tuple[DecisionItem, Reach]]
) -> Reach:
    """The reach of a whole matter every variant of which is cancelled: through the catalogue,
    at the lowest score of the variants' matches, each variant's decision said."""
    said = [
        f"it names the whole matter, which the catalogue lists only as {len(variants)} "
        "variants, every one cancelled by a decision in force"
    ]
    said += [_variant_cancelled(variants[n], d) for n, (d, _) in first.items()]
    score = min(r.score for _, r in first.values())
    return Reach(item.node, "via-catalogue", score, ("事项名称",), "; ".join(said))


def _variant_cancelled(name: str, d: DecisionItem) -> str:
    seq = f" item {d.seq}" if d.seq else ""
    return f"variant '{name}' cancelled by {d.doc_no}{seq} from {d.in_force_from}"


def decision_evidence(d: DecisionItem, evidence: str, task_type: str = "") -> str:
    """The match's evidence, with the parts the row's name sets apart (…除外), the type the
    处理决定 gives the matter instead (…调整为行政确认) and the 处理决定 quoted when it
    restricts the action: the reader sees what part the decision is on and what it asks."""
    if d.excluded:
        evidence = f"{evidence}; the decision sets apart '{'、'.join(d.excluded)}' (除外)"
    if d.retyped_to and task_type != d.retyped_to:
        evidence = f"{evidence}; the 处理决定 makes it a {d.retyped_to}: retype the record"
    if not d.restriction:
        return evidence
    return f"{evidence}; the 处理决定 reads '{d.restriction}'"


def _status(rec: Matter | ListItem, d: DecisionItem) -> str:
    """Why a decision row in force asks nothing of a record it reaches, "" when it does: an
    action other than 取消/下放, a record already out of use (a stopped item neither stays
    listed nor has a level to change), a list item already at a level a 下放 row names, or
    off the way the power goes down (_off_the_way)."""
    if d.action not in (CANCEL, DELEGATE):
        return f"action {d.action_raw}"
    if not rec.in_use:
        return f"already out of use ({rec.state})"
    if d.action != DELEGATE or not isinstance(rec, ListItem) or not rec.level:
        return ""
    if rec.level in d.delegated_levels:
        return f"already at {rec.level}"
    return _off_the_way(rec.level, d)


def _off_the_way(level: str, d: DecisionItem) -> str:
    """Where a 下放 row names the level it takes the matter from (原实施机关: 省交通运输厅 is
    省级), an item is a finding at that level or between it and the level it goes to (市级
    when 省 hands it to 县); one above the first or below the second never held the power
    the decision moves (a county's item under 下放至设区的市): its status says where it is.
    "" for a finding, and where the row names no level taken from."""
    taken, to = d.taken_from_levels, d.delegated_levels
    if not taken or level in taken:
        return ""
    rank = _rank(level)
    if to and min(map(_rank, taken)) < rank < min(map(_rank, to)):
        return ""
    if to and rank > max(map(_rank, to)):
        return f"at {level}, below the level it is handed to ({_levels(to)})"
    return f"at {level}, not the level it is taken from ({_levels(taken)})"


def _level_note(rec: Matter | ListItem, d: DecisionItem) -> str:
    """Why a list item is a delegation finding, by its level: the level the row takes the
    matter from (or one between it and the level it goes to), or, the row naming none, a
    level below the one it hands the matter to (a county's item under 下放至设区的市: not
    the power still held but a level that never received it, for the department to check)."""
    if not isinstance(rec, ListItem) or not rec.level:
        return ""
    taken, to = d.department, _levels(d.delegated_levels)
    if rec.level in d.taken_from_levels:
        return f"; the item is at {rec.level}, the level the decision takes it from ({taken})"
    if d.taken_from_levels:
        return (
            f"; the item is at {rec.level}, between the level the decision takes it from"
            f" ({taken}) and the one it hands it to ({to})"
        )
    if d.delegated_levels and all(_rank(rec.level) > _rank(v) for v in d.delegated_levels):
        return f"; the item is at {rec.level}, a level the decision does not hand it to ({to})"
    return ""


_LEVELS = ("国家级", "省级", "市级", "县级", "乡级")


def _rank(level: str) -> int:
    """A level's place from the top (国家级 0 … 乡级 4); an unknown one above all."""
    return _LEVELS.index(level) if level in _LEVELS else -1


def _levels(levels: frozenset[str]) -> str:
    return "、".join(sorted(levels, key=_rank))


def _already_retyped(rec: Matter | ListItem, d: DecisionItem) -> bool:
    """A record already of the 事项类型 the 处理决定 gives the matter (取消行政许可，调整为
    行政确认 reaching a 行政确认 item): the decision asks nothing more of it; one of the old type
    is still the finding."""
    return bool(d.retyped_to) and rec.task_type == d.retyped_to


def _keep_earliest(
    out: dict[str, CancelledInfo], item: ListItem, d: DecisionItem, reach: Reach
) -> None:
    assert d.in_force_from is not None
    old = out.get(item.task_code)
    if old is None or d.in_force_from < old.effective_date:
        out[item.task_code] = CancelledInfo(
            decision=d.doc_no,
            decision_seq=d.seq,
            effective_date=d.in_force_from,
            match_tier=reach.tier,
            evidence=reach.evidence,
            item_name=item.name,
        )


def _row(d: DecisionItem, rec: Matter | ListItem, reach: Reach) -> dict[str, Any]:
    if isinstance(rec, ListItem):
        target: dict[str, Any] = {
            "source": "list",
            "item_code": rec.task_code_raw,
            "item_name": rec.name,
            "agency": rec.agency,
            "item_level": rec.level,
            "item_state": rec.state,
        }
    else:
        target = {
            "source": "catalogue",
            "item_code": rec.basic_code_raw or rec.basic_code,
            "item_name": rec.name,
            "agency": rec.department,
            "item_level": "、".join(sorted(rec.use_levels)),
            "item_state": rec.state,
        }
    return {
        **target,
        "decision": d.doc_no,
        "decision_title": d.title,
        "decision_annex": d.annex,
        "decision_seq": d.seq,
        "decision_item_name": d.name,
        "decision_department": d.department,
        "decision_action": d.action_raw,
        "effective_date": d.in_force_from.isoformat() if d.in_force_from else "",
        "match_tier": reach.tier,
        "match_score": reach.score,
        "fields_compared": "、".join(reach.fields),
        "evidence": decision_evidence(d, reach.evidence, rec.task_type),
        "source_file": rec.ref.file,
        "source_row": rec.ref.row,
    }
