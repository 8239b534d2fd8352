"""Conformance between the lists and the catalogue, both ways.

unmatched_list_items           list items no tier matched to a catalogue matter; items in use
                               matched to a matter the catalogue has not in use, or by their code
                               to a matter while their name is another matter's.
unimplemented_catalogue_items  catalogue matters in use, not cancelled by a decision in force,
                               expected at a level the loaded lists cover, that no list item
                               implements; a 主项 counts as implemented when any 子项 is, and a
                               子项 when its 主项 is listed as one item.
list_conformance_rate          list items matched to a catalogue matter in use (any tier) ÷ list
                               items.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import networkx as nx

from ..graph import IMPLEMENTS, main_items, sub_items
from ..matching import NameIndex, Nearest, catalogue_names, item_name_read
from ..model import ListItem, Match, Matter, Table
from ..normalise import name_key
from ..tables import new_table
from .code_name import read_as_another


def unmatched_list_items(
    items: list[ListItem],
    matched: dict[str, tuple[Any, Match]],
    nearest: dict[str, Nearest | None],
    catalogue_codes: set[str],
    cancelled_matters: frozenset[str] | set[str] = frozenset(),
    named_otherwise: dict[str, tuple[Matter, str]] | None = None,
    cancelled_items: Collection[str] = (),
    partly_cancelled: dict[str, list[tuple[str, Any]]] | None = None,
) -> Table:
    """`cancelled_matters`: basic codes a decision in force cancels, and `cancelled_items`:
    实施编码 of the items it cancels; an item of a withdrawn matter that either covers is
    cancelled_still_listed's, not reported again here. `named_otherwise`: items matched by
    their 基本编码 whose names are another matter's (code_names_another_matter).
    `partly_cancelled` (item node -> (variant, decision)): items naming a whole matter some of
    whose variants a decision in force cancels (whole_matter_cancelled); an item naming one all
    of whose variants are cancelled is in `cancelled_items`, cancelled_still_listed's."""
    named_otherwise = named_otherwise or {}
    partly_cancelled = partly_cancelled or {}
    table = new_table("unmatched_list_items")
    for item in items:
        hit = matched.get(item.node)
        if hit is not None:
            matter = hit[0]
            if item.in_use and not matter.in_use:
                if matter.basic_code not in cancelled_matters and (
                    item.task_code not in cancelled_items
                ):
                    table.rows.append(_of_withdrawn_matter(item, *hit))
            elif item.node in named_otherwise:
                table.rows.append(_named_otherwise(item, *named_otherwise[item.node], hit[1]))
            continue
        best = nearest.get(item.node)
        if best is not None and best.variants:
            if item.task_code in cancelled_items:
                continue  # every variant cancelled: cancelled_still_listed's
            if item.node in partly_cancelled:
                table.rows.append(_partly_cancelled(item, best, partly_cancelled[item.node]))
                continue
        if not item.basic_code:
            reason = "no_basic_code"
            why = "no 基本编码 given and none can be read from the 实施编码"
        elif item.basic_code not in catalogue_codes:
            reason = "basic_code_not_in_catalogue"
            why = f"基本编码 {item.basic_code} is not in the catalogue"
        else:  # pragma: no cover - a catalogue code always matches in the code tier
            reason, why = "unmatched", ""
        row = _item_row(item, reason)
        if best is not None:
            row["best_candidate_code"] = best.entry.id.removeprefix("matter:")
            row["best_candidate_name"] = best.entry.name
            row["best_candidate_score"] = round(best.score, 1)
            if several := _several_said(best):
                why += "; " + several
            elif best.match is not None:
                why += (
                    "; codes decide in this list, so its name is not matched; by its name it is "
                    f"catalogue matter {row['best_candidate_code']} {best.entry.name}: correct "
                    "its 基本编码"
                )
            else:
                why += f"; no name match: closest '{best.entry.name}' scores {best.score:.0f}"
                if best.contrast:
                    why += f" but differs in {best.contrast}"
                elif best.short:
                    why += f"; {best.short}"
        else:
            why += "; no catalogue name shares a word with it"
        row["evidence"] = why
        table.rows.append(row)
    return table


# Why an item that reaches several catalogue matters at once is matched to none of them: one
# sentence per way of reaching them, {n} the matters and {names} their names (vocab.yaml's
# templates of the same kind render them), tried in this order.
_VARIANTS = (  # whole-over-variants: it names a whole matter the catalogue lists only as variants
    "it names the whole matter, which the catalogue lists only as {n} variants ({names}): it "
    "covers them all, none taken"
)
_AMBIGUOUS = (  # matched-equally-none-taken: matters of different names, matched equally
    "it matches {n} catalogue matters equally ({names}) and neither its name nor its agency "
    "singles one out: none taken"
)
_ACTING = (  # act-done-apart: catalogue siblings doing its act in other words
    "{n} catalogue matters do its act in other words ({names}): which one it is, is unclear, "
    "none taken"
)
_SUBJECTS = (  # listed-subjects-none-taken: several subjects, each a catalogue matter
    "it names several subjects, each a catalogue matter of its own ({names}): it covers them "
    "all, none taken"
)


def _several_said(best: Nearest) -> str | None:
    """The sentence of the first way `best` reaches several matters (None: it reaches one)."""
    for matters, sentence in (
        (best.variants, _VARIANTS),
        (best.ambiguous, _AMBIGUOUS),
        (best.acting, _ACTING),
        (best.subjects, _SUBJECTS),
    ):
        if matters:
            return _none_taken(sentence, matters)
    return None


def _none_taken(sentence: str, matters: tuple[Any, ...]) -> str:
    """`sentence` said of `matters`: their number and their names, each name once."""
    names = "、".join(dict.fromkeys(e.name for e in matters))
    return sentence.format(n=len(matters), names=names)


def _partly_cancelled(item: ListItem, best: Nearest, cancels: list[tuple[str, Any]]) -> dict:
    """An item naming a whole matter some of whose variants decisions in force cancel: it is
    not cancelled (the other variants stay), but it still names the cancelled ones."""
    said = [_none_taken(_VARIANTS, best.variants)]
    said += [
        f"variant '{name}' cancelled by {d.doc_no}{f' item {d.seq}' if d.seq else ''} "
        f"from {d.in_force_from}"
        for name, d in cancels
    ]
    said.append(
        f"{len(cancels)} of its {len({e.id for e in best.variants})} variants cancelled, the "
        "others stay: the item should name only those left"
    )
    row = _item_row(item, "variants_partly_cancelled", evidence="; ".join(said))
    row["best_candidate_code"] = best.entry.id.removeprefix("matter:")
    row["best_candidate_name"] = best.entry.name
    row["best_candidate_score"] = round(best.score, 1)
    return row


def _item_row(
    item: ListItem,
    reason: str,
    candidate: Matter | None = None,
    score: float | str = "",
    evidence: str = "",
) -> dict[str, Any]:
    """A row of unmatched_list_items: the item, why, and the catalogue matter to look at."""
    return {
        "item_code": item.task_code_raw,
        "item_name": item.name,
        "agency": item.agency,
        "task_type": item.task_type,
        "basic_code": item.basic_code,
        "basic_code_origin": item.basic_code_origin,
        "reason": reason,
        "best_candidate_code": candidate.basic_code if candidate else "",
        "best_candidate_name": candidate.name if candidate else "",
        "best_candidate_score": score,
        "evidence": evidence,
        "source_file": item.ref.file,
        "source_row": item.ref.row,
    }


def _of_withdrawn_matter(item: ListItem, matter: Matter, m: Match) -> dict[str, Any]:
    """An item in use of a matter the catalogue itself no longer has in use (停用, 已取消): the
    list keeps what the catalogue withdrew, whether or not a decision saying so is loaded."""
    why = (
        f"{m.evidence}; its 事项状态 in the catalogue is {matter.state}, the list still has it "
        "in use: take it off the list or ask why the catalogue withdrew it"
    )
    return _item_row(item, "catalogue_matter_not_in_use", matter, round(m.score, 1), why)


def code_names_another_matter(
    items: list[ListItem],
    matched: dict[str, tuple[Any, Match]],
    matters: list[Matter],
    level_qualifiers: str,
    index: NameIndex | None = None,
) -> dict[str, tuple[Matter, str]]:
    """Item node -> (the catalogue matter its name is, how it was read: "" for an equal name),
    for an item in use matched by its 基本编码 to a matter of another name: the code or the name
    is wrong (a row copied with its code, a 子项's code swapped), and which only the department
    knows. Names are compared as the name tier compares them (name_key); a name several matters
    share tells nothing, nor does the name of a matter not in use (a withdrawn version) or of
    the coded matter's own 主项 (a list names its 新办 子项 by its 主项's name). The other way, a
    子项's name on its 主项's code, is reported: the code is less precise than the name. Given
    the catalogue's `index`, a name worded otherwise is read too (code_name.read_as_another),
    and 子项 named by their action alone under their 主项, on both sides (catalogue_names)."""
    wording = index.mapping.wording if index is not None else None
    known: dict[str, str] = {}
    if wording is not None:
        given = index.under_main if index is not None else None
        known = given if given is not None else catalogue_names(matters, wording)
    by_name: dict[str, list[Matter]] = {}
    for m in matters:
        if m.in_use:
            by_name.setdefault(name_key(known.get(m.node, m.name), level_qualifiers), []).append(m)
    by_node = {m.node: m for m in matters}
    read: dict[tuple[str, str, str], tuple[Matter, str] | None] = {}
    # agencies repeat name, 主项 name, type and code: each distinct one is read once
    seen: dict[tuple[str, str, str, str], tuple[Matter, str] | None] = {}
    found: dict[str, tuple[Matter, str]] = {}
    for item in items:
        hit = matched.get(item.node)
        if hit is None or hit[1].tier != "code" or not item.in_use:
            continue
        same = (item.name, item.parent_name, item.task_type, hit[0].node)
        if same in seen:
            named_as = seen[same]
        else:
            named_as = seen[same] = _named_as(
                item, hit[0], wording, level_qualifiers, known, by_name, index, by_node, read
            )
        if named_as is not None:
            found[item.node] = named_as
    return found


def _named_as(
    item: ListItem,
    coded: Matter,
    wording: Any,
    level_qualifiers: str,
    known: dict[str, str],
    by_name: dict[str, list[Matter]],
    index: NameIndex | None,
    by_node: dict[str, Matter],
    read: dict[tuple[str, str, str], tuple[Matter, str] | None],
) -> tuple[Matter, str] | None:
    """code_names_another_matter's answer for one item coded as `coded`, or None."""
    key = name_key(item_name_read(item, wording) if wording else item.name, level_qualifiers)
    if key == name_key(known.get(coded.node, coded.name), level_qualifiers):
        return None
    named = by_name.get(key, ())
    if named:
        if len(named) == 1 and named[0].basic_code not in (coded.basic_code, coded.parent_code):
            return named[0], ""
        return None
    if index is not None:
        pair = (item.name, item.task_type, coded.node)
        if pair not in read:  # agencies repeat name and code
            read[pair] = read_as_another(item, coded, index, by_node)
        return read[pair]
    return None


def _named_otherwise(item: ListItem, named: Matter, how: str, m: Match) -> dict[str, Any]:
    """`how`: why its name, worded otherwise, is that matter's ("" when it is its name)."""
    said = how or f"its name is catalogue matter {named.basic_code} {named.name}"
    why = f"{m.evidence}; {said}: correct its 基本编码 or its name"
    return _item_row(item, "code_names_another_matter", named, 100.0, why)


def list_catalogue_matches(items: list[ListItem], matched: dict[str, tuple[Any, Match]]) -> Table:
    table = new_table("list_catalogue_matches")
    fields: dict[tuple[str, ...], str] = {}  # one text per fields tuple, not per row
    for item in items:
        hit = matched.get(item.node)
        if hit is None:
            continue
        matter, m = hit
        table.rows.append(
            {
                "item_code": item.task_code_raw,
                "item_name": item.name,
                "agency": item.agency,
                "basic_code": matter.basic_code,
                "catalogue_name": matter.name,
                "match_tier": m.tier,
                "match_score": m.score,
                "fields_compared": fields.get(m.fields)
                or fields.setdefault(m.fields, "、".join(m.fields)),
                "evidence": m.evidence,
                "source_file": item.ref.file,
                "source_row": item.ref.row,
            }
        )
    return table


def unimplemented_catalogue_items(
    g: nx.DiGraph,
    matters: list[Matter],
    cancelled_matters: set[str],
    list_levels: set[str],
    named_by: dict[str, list[ListItem]] | None = None,
    covered: Collection[str] = (),
) -> Table:
    """`named_by`: matter node -> list items whose names match it but whose 基本编码 the
    catalogue lacks (codes decide): said in the evidence, since fixing their code fixes both.
    `covered`: matter nodes that are variants of a matter a list item names whole (an item
    covering them all, matched to none), or matters one matches equally with another, none
    singled out (ambiguous): implemented, or not, as far as the lists can tell; not missing."""
    named_by = named_by or {}
    table = new_table("unimplemented_catalogue_items")
    for m in matters:
        if not m.in_use or m.basic_code in cancelled_matters:
            continue
        if m.use_levels and list_levels and not (m.use_levels & list_levels):
            continue
        if m.node in covered:
            continue
        family = [m.node, *sub_items(g, m.node)]
        if any(_implemented(g, node) for node in family):
            continue
        main = _implemented_main(g, m.node)
        if main:
            continue
        subs = len(family) - 1
        levels = "、".join(sorted(m.use_levels)) or "(no 行使层级)"
        why = f"no list item implements it; expected at {levels}; lists loaded cover " + (
            "、".join(sorted(list_levels)) or "(unknown levels)"
        )
        if subs:
            why += f"; none of its {subs} 子项 is implemented either"
        wrong = named_by.get(m.node, [])
        if wrong:
            first = wrong[0]
            why += (
                f"; list item {first.task_code_raw} {first.name} names it but carries 基本编码 "
                f"{first.basic_code}"
            )
            if len(wrong) > 1:
                why += f"; so do {len(wrong) - 1} more list items"
        table.rows.append(
            {
                "basic_code": m.basic_code,
                "name": m.name,
                "task_type": m.task_type,
                "department": m.department,
                "use_level": "、".join(sorted(m.use_levels)),
                "parent_code": m.parent_code,
                "evidence": why,
                "source_file": m.ref.file,
                "source_row": m.ref.row,
            }
        )
    return table


def _implemented(g: nx.DiGraph, node: str) -> bool:
    return any(k == IMPLEMENTS for _, _, k in g.in_edges(node, data="kind"))


def _implemented_main(g: nx.DiGraph, node: str) -> str:
    """The 主项 above a matter that a list item implements directly, if any: listing the 主项
    covers its 子项."""
    return next((main for main in main_items(g, node) if _implemented(g, main)), "")
