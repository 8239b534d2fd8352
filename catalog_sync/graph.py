"""One graph of the run: matters with their 主项/子项 hierarchy, list items, decision items, and
the matches found between them (networkx); exported as RDF with CPSV-AP terms (rdflib).

Edges and what they mean:
  matter  -> matter    sub_item     the target is a 子项 of the source 主项
  item    -> matter    implements   the list item implements the catalogue matter (a Match)
  item    -> item      sub_item     the target is listed under the source's name as its 主项
  decision -> matter   acts_on      the decision row names the matter (a Match)
  decision -> item     acts_on      the decision row names the list item (a Match)
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain, repeat
from operator import attrgetter
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

import networkx as nx

from .model import DecisionItem, ListItem, Match, Matter
from .normalise import name_core, name_key, simplify
from .sources.decisions import without_exclusion
from .wording import bare_part

SUB_ITEM = "sub_item"
IMPLEMENTS = "implements"
ACTS_ON = "acts_on"
# g.graph key: matter node -> [(list item node, match)] for items whose name matches the matter
# but whose 基本编码 the catalogue lacks, in a list where codes decide (not IMPLEMENTS edges:
# the item is unmatched and counts against conformance, yet a decision on the matter reaches it)
NAMED_BY = "named_by"
# g.graph key: decision node -> the records below what it reaches that it does not reach: a row
# naming the first grant alone (设立X审批, X许可申请) reaches a 主项 as its first grant, and
# passes on to no 子项 or list item naming another action (（变更）, （注销）)
FIRST_GRANT_ONLY = "first_grant_only"
# decision node -> [(record node, Match)] a row naming several matters would reach by readings
# none of which is taken (pipeline._note_unsettled): shown for review, reached by none
UNSETTLED_READINGS = "unsettled_readings"


class SharedAttributes(dict[str, Any]):
    """An edge attribute dict shared by many edges (every sub_item edge; every implements edge
    of one Match): a province has half a million of each, and a dict per edge was about 150 MB
    at 500,000 items. networkx changes an edge's own dict in place (add_edge on an existing
    edge), which here would change every edge sharing it: so it refuses any change, and
    add_edges gives such an edge a dict of its own first."""

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("edge attributes shared by many edges cannot be changed in place")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = _refuse  # type: ignore[assignment]
    __ior__ = _refuse  # type: ignore[assignment]


_SUB_ITEM_EDGE = SharedAttributes(kind=SUB_ITEM)


@dataclass(frozen=True)
class Reach:
    """A record a decision reaches, and the chain of matches that leads there."""

    node: str
    tier: str
    score: float
    fields: tuple[str, ...]
    evidence: str
    weights: tuple[tuple[str, float], ...] = ()  # of the decision's own match, when weighed


def build_graph(
    matters: list[Matter],
    items: list[ListItem],
    decisions: list[DecisionItem],
) -> nx.DiGraph:
    g = nx.DiGraph()
    # Bulk adds: a province is half a million nodes; one call each is a third of the time.
    add_nodes(g, ((m.node, {"kind": "matter", "record": m}) for m in matters))
    add_edges(
        g,
        (
            (f"matter:{m.parent_code}", m.node, _SUB_ITEM_EDGE)
            for m in matters
            if m.parent_code and f"matter:{m.parent_code}" in g
        ),
    )
    add_nodes(g, ((i.node, {"kind": "item", "record": i}) for i in items))
    add_nodes(g, ((d.node, {"kind": "decision", "record": d}) for d in decisions))
    return g


def add_nodes(g: nx.DiGraph, nodes: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """g.add_nodes_from((node, attributes), ...), the attribute dicts taken as they are (each
    must be the node's own). A province adds half a million nodes: those new to the graph go
    straight into networkx's dicts (a DiGraph's node, successor and predecessor dicts, plain
    dicts), without add_nodes_from's per-node checks and copies; a node already there, or
    another kind of graph, goes through networkx."""
    if type(g) is not nx.DiGraph:
        g.add_nodes_from(nodes)
        return
    node, succ, pred = g._node, g._succ, g._pred
    for n, attributes in nodes:
        if n in succ or n is None:
            g.add_node(n, **attributes)  # networkx merges, or refuses None
        else:
            succ[n] = {}
            pred[n] = {}
            node[n] = attributes
    _clear_cache(g)


def add_edges(g: nx.DiGraph, edges: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
    """g.add_edges_from((u, v, attributes), ...), as add_nodes: an edge new to the graph
    between two of its nodes goes straight into networkx's dicts, its attribute dict taken as
    it is (each must be the edge's own); any other edge goes through networkx."""
    if type(g) is not nx.DiGraph:
        g.add_edges_from(edges)
        return
    succ, pred = g._succ, g._pred
    for u, v, attributes in edges:
        out = succ.get(u)
        if out is None or v not in succ or v in out:
            if out is not None and type(out.get(v)) is SharedAttributes:
                out[v] = pred[v][u] = dict(out[v])  # its own dict, for networkx to change
            g.add_edge(u, v, **attributes)
        else:
            out[v] = pred[v][u] = attributes
    _clear_cache(g)


def _clear_cache(g: nx.DiGraph) -> None:
    """What networkx does after changing a graph (its cache of converted graphs, 3.3 on)."""
    clear = getattr(nx, "_clear_cache", None)
    if clear is not None:
        clear(g)


def add_matches(g: nx.DiGraph, kind: str, matches: Iterable[tuple[str, str, Match]]) -> None:
    """Record matches between pairs that have none yet (each list item matches one matter);
    the pairs of one Match share one attribute dict (SharedAttributes)."""
    shared: dict[int, SharedAttributes] = {}  # id(match) -> its edges' attributes

    def attributes(m: Match) -> SharedAttributes:
        found = shared.get(id(m))
        if found is None:
            found = shared[id(m)] = SharedAttributes(kind=kind, match=m)
        return found

    add_edges(g, ((u, v, attributes(m)) for u, v, m in matches))


def add_match(g: nx.DiGraph, source: str, target: str, kind: str, match: Match) -> None:
    """Record a match; a stronger one replaces a weaker one between the same two nodes."""
    old = g.get_edge_data(source, target)
    if old is None or old.get("match") is None or old["match"].score < match.score:
        g.add_edge(source, target, kind=kind, match=match)


def implemented_by(g: nx.DiGraph, matter_node: str) -> list[str]:
    return [u for u, _, k in g.in_edges(matter_node, data="kind") if k == IMPLEMENTS]


def add_named_by(g: nx.DiGraph, held_back: Iterable[tuple[str, str, Match]]) -> None:
    """Remember (item, matter, match) for code problems whose name matches a matter."""
    named: dict[str, list[tuple[str, Match]]] = g.graph.setdefault(NAMED_BY, {})
    for item, matter, match in held_back:
        named.setdefault(matter, []).append((item, match))


def sub_items(g: nx.DiGraph, node: str) -> Iterator[str]:
    """Every 子项 below a node, depth first, at any depth."""
    stack = [node]
    seen = {node}
    while stack:
        for _, child, kind in g.out_edges(stack.pop(), data="kind"):
            if kind == SUB_ITEM and child not in seen:
                seen.add(child)
                stack.append(child)
                yield child


def sub_item_names(g: nx.DiGraph) -> dict[str, list[str]]:
    """Each 主项 (a catalogue matter's, a list's 主项 name) -> the names of its 子项: the
    siblings a name's subject is read against (matching.NameIndex.subject_apart)."""
    names: dict[str, list[str]] = defaultdict(list)
    for parent, child, kind in g.edges(data="kind"):
        record = g.nodes[child].get("record") if kind == SUB_ITEM else None
        if record is not None:
            names[parent].append(record.name)
    return names


def main_items(g: nx.DiGraph, node: str) -> Iterator[str]:
    """Every 主项 above a node, the nearest first (a 子项 has one 主项)."""
    seen = {node}
    while parents := [u for u, _, k in g.in_edges(node, data="kind") if k == SUB_ITEM]:
        node = parents[0]
        if node in seen:
            return
        seen.add(node)
        yield node


def reached_by(g: nx.DiGraph, decision_node: str) -> dict[str, Reach]:
    """Every matter and list item a decision row reaches, with the strongest chain of evidence.

    A decision reaches what it names, the 子项 of what it names, and the list items that
    implement any of those matters; a decision naming the first grant alone, not those of them
    naming another action (FIRST_GRANT_ONLY).
    """
    found: dict[str, Reach] = {}
    skipped = g.graph.get(FIRST_GRANT_ONLY, {}).get(decision_node, frozenset())
    for _, target, data in g.out_edges(decision_node, data=True):
        if data.get("kind") == ACTS_ON:
            for reach in _reaches_of(g, target, data["match"], skipped):
                _keep_strongest(found, reach)
    return _without_excluded(g, decision_node, found)


def _keep_strongest(found: dict[str, Reach], reach: Reach) -> None:
    """One reach per record, the strongest (_rank): of equal ones the first found stays."""
    old = found.get(reach.node)
    if old is None or _rank(reach) > _rank(old):
        found[reach.node] = reach


def _reaches_of(g: nx.DiGraph, target: str, m: Match, skipped: frozenset[str]) -> Iterator[Reach]:
    """What a decision reaches through one record it names (`m`): the record, its 子项 and,
    for a matter, the list items implementing it or one of its 子项."""
    yield Reach(target, m.tier, m.score, m.fields, m.evidence, m.weights)
    for child in sub_items(g, target):
        if child not in skipped:
            evidence = f"{m.evidence}; {_label(g, child)} is a 子项 of {_label(g, target)}"
            yield Reach(child, "propagated", m.score, m.fields, evidence, m.weights)
    if g.nodes[target]["kind"] == "matter":
        yield from _items_reached(g, target, m, skipped)


def _items_reached(
    g: nx.DiGraph, target: str, m: Match, skipped: frozenset[str]
) -> Iterator[Reach]:
    """The list items a decision reaches through a matter it names: those implementing the
    matter (via-catalogue) or one of its 子项 (propagated), the chain of both matches."""
    named = g.graph.get(NAMED_BY, {})
    for matter in [target, *sub_items(g, target)]:
        if matter in skipped:
            continue
        for item, im, held in _implementers(g, matter, named, skipped):
            yield Reach(
                item,
                "via-catalogue" if matter == target else "propagated",
                min(m.score, im.score),
                tuple(dict.fromkeys(m.fields + im.fields)),
                _item_chain(g, m, target, matter, (item, im, held)),
                m.weights or im.weights,
            )


def _implementers(
    g: nx.DiGraph,
    matter: str,
    named: dict[str, list[tuple[str, Match]]],
    skipped: frozenset[str],
) -> list[tuple[str, Match, bool]]:
    """The list items implementing a matter, then those held back naming it (NAMED_BY: True),
    each with its match; none a first-grant-only decision skips."""
    implementing = [
        (i, g.edges[i, matter]["match"], False)
        for i in implemented_by(g, matter)
        if i not in skipped
    ]
    held_back = [(i, im, True) for i, im in named.get(matter, ()) if i not in skipped]
    return implementing + held_back


def _item_chain(
    g: nx.DiGraph, m: Match, target: str, matter: str, implementer: tuple[str, Match, bool]
) -> str:
    """The evidence from a decision's match to a list item: through the 子项 when the item
    implements one of the named matter's 子项."""
    item, im, held = implementer
    if matter == target:
        return f"{m.evidence}; {_implements(g, item, _label(g, matter), im, held)}"
    return (
        f"{m.evidence}; {_label(g, matter)} is a 子项 of "
        f"{_label(g, target)}; {_implements(g, item, 'it', im, held)}"
    )


def _without_excluded(
    g: nx.DiGraph, decision_node: str, found: dict[str, Reach]
) -> dict[str, Reach]:
    """The reaches of a row whose name sets parts apart (…（港口理货业务除外）) without the
    records naming one of those parts: the decision is not on them. A record setting the same
    part apart (农药经营许可（不含限制使用农药）) does not name it: it is the row's own name."""
    record = g.nodes[decision_node].get("record")
    excluded = getattr(record, "excluded", ())
    if not excluded:
        return found
    words = excluded_words(excluded, getattr(record, "name", ""))

    def names_part(node: str) -> bool:
        name, own = without_exclusion(_node_name(g, node))
        if {simplify(p) for p in own} & words:  # the same part set apart: not named
            return False
        return any(w in simplify(name) for w in words)

    return {n: r for n, r in found.items() if not names_part(n)}


def excluded_words(excluded: tuple[str, ...], row_name: str) -> set[str]:
    """The words by which a record names a part a row sets apart: the part as written, without
    a closing 业务/事项/服务 (bare_part), and without a closing two-character word the row's own
    name carries (its act: 危险化学品经营许可（仓储经营除外） sets apart 仓储, as a list's
    variant （仓储） names it), two characters at least left."""
    name = simplify(row_name)
    words = set()
    for part in excluded:
        words |= {simplify(part), simplify(bare_part(part))}
        tail = simplify(part)[-2:]
        if len(part) >= 4 and tail in name:
            words.add(simplify(part)[:-2])
    return words


def _node_name(g: nx.DiGraph, node: str) -> str:
    """A record's name, or the 主项名称 a list groups items under (a node with no record)."""
    record = g.nodes[node].get("record")
    return record.name if record is not None else str(g.nodes[node].get("name", ""))


# the tiers in which a decision row reaches a list item by the item's own name (or its code
# family), not through the catalogue matter it implements
_BY_ITS_NAME = frozenset({"name", "fuzzy", "propagated"})


def items_keep_their_matter(
    g: nx.DiGraph, decisions: Iterable[str], code_main: Callable[[str], str] | None = None
) -> None:
    """A list item matched to a catalogue matter is that matter: a decision row reaching other
    catalogue matters does not reach the item by its name, unless the item's matter is in the
    tree of one it reaches (it, a 子项 below it, or a 主项 above it). An item written without the
    scope word (重点保护…许可) that implements 省重点保护… by its code is not cancelled by a row
    naming 国家重点保护…, as the row's name alone would have it. Where the catalogue states no
    主项, `code_main` (matter node -> the node of the 主项 its code's layout names) gives the 主项
    above: an item named as the 子项 the row reaches, carrying its 主项's code, is reached."""
    own = _MattersOfItems(g)
    for d in decisions:
        direct = [
            (t, data["match"])
            for _, t, data in g.out_edges(d, data=True)
            if data.get("kind") == ACTS_ON
        ]
        reached = {t for t, _ in direct if g.nodes[t]["kind"] == "matter"}
        if not reached:
            continue  # the row names no catalogue matter: nothing says the item is another
        tree = _matter_trees(g, reached)
        by_code = _mains_by_code(g, reached, tree, code_main)
        for item, m in direct:
            if m.tier in _BY_ITS_NAME and (theirs := own.get(item)) and theirs & by_code.keys():
                if not theirs & tree:
                    _say_main_by_code(g, d, item, m, by_code[min(theirs & by_code.keys())])
                continue
            if m.tier in _BY_ITS_NAME and (theirs := own.get(item)) and not theirs & tree:
                coded = _coded_otherwise(g, item, m, theirs)
                if coded is None:
                    g.remove_edge(d, item)
                else:
                    said = f"its 基本编码 is of catalogue matter {coded.basic_code} {coded.name}, "
                    said += "named otherwise: the code or the name is wrong"
                    g.edges[d, item]["match"] = replace(m, evidence=f"{m.evidence}; {said}")


def _coded_otherwise(g: nx.DiGraph, item: str, m: Match, theirs: set[str]) -> Matter | None:
    """The catalogue matter an item implements by a 基本编码 that names another matter, where
    the row reaches the item by the item's own name exactly (tier name, score 100), else None.
    Then the name, not the code, is what the row names: 食品流通许可 carrying the code reused
    for 小餐饮经营许可 is reached by the row cancelling 食品流通许可 (hunt 23c: the catalogue
    keeping 食品流通许可 as 取消 made the row reach that matter, and the item, kept to the
    matter of its code, was no longer reached). An item whose name is its matter's (one of
    several catalogue matters of one name, chosen by department) keeps to its matter."""
    if m.tier != "name" or m.score < 100:
        return None
    record = g.nodes[item]["record"]
    key = name_core(name_key(record.name))
    matters = [g.nodes[t]["record"] for t in sorted(theirs)]
    if any(name_core(name_key(r.name)) == key for r in matters):
        return None
    coded = [
        g.nodes[t]["record"]
        for t, data in g.succ[item].items()
        if data.get("kind") == IMPLEMENTS and data["match"].tier == "code"
    ]
    return coded[0] if len(coded) == 1 else None


class _MattersOfItems:
    """_matters_of_items read for the items asked about alone: a row reaches a few hundred
    items, the graph holds every list item's implements edge (0.7 s at 200,000 items to walk
    them all)."""

    def __init__(self, g: nx.DiGraph) -> None:
        self._g = g
        self._named: dict[str, set[str]] | None = None
        self._read: dict[str, set[str] | None] = {}

    def get(self, item: str) -> set[str] | None:
        """As _matters_of_items(g).get(item)."""
        if item in self._read:
            return self._read[item]
        if self._named is None:
            self._named = {}
            for matter, pairs in self._g.graph.get(NAMED_BY, {}).items():
                for named, _ in pairs:
                    self._named.setdefault(named, set()).add(matter)
        found = {t for t, data in self._g.succ[item].items() if data.get("kind") == IMPLEMENTS}
        found |= self._named.get(item, set())
        hit = self._read[item] = found or None
        return hit


def _matters_of_items(g: nx.DiGraph) -> dict[str, set[str]]:
    """list item -> the catalogue matters it implements, or (a code problem held back) names."""
    own: dict[str, set[str]] = {}
    for item, matter, kind in g.edges(data="kind"):
        if kind == IMPLEMENTS:
            own.setdefault(item, set()).add(matter)
    for matter, pairs in g.graph.get(NAMED_BY, {}).items():
        for item, _ in pairs:
            own.setdefault(item, set()).add(matter)
    return own


def _mains_by_code(
    g: nx.DiGraph, reached: set[str], tree: set[str], code_main: Callable[[str], str] | None
) -> dict[str, str]:
    """The 主项 above the reached matters by their codes' layout alone (000105001000 above
    000105001003, one 主项 segment 000105001), each with the reached matter it is above; only
    where the catalogue states no 主项 of that matter (a stated place is the truth)."""
    if code_main is None:
        return {}
    found: dict[str, str] = {}
    for node in sorted(reached):
        if next(main_items(g, node), None) is None and (main := code_main(node)):
            if main not in tree:
                found.setdefault(main, node)
    return found


def _say_main_by_code(g: nx.DiGraph, d: str, item: str, m: Match, reached: str) -> None:
    """The evidence of an item reached by its name while it carries the code of the 主项 of the
    matter the row reaches."""
    sub = g.nodes[reached]["record"]
    code = g.nodes[item]["record"].basic_code
    said = f"its 基本编码 {code} is of the 主项 of {sub.basic_code} {sub.name} (one 主项 code)"
    g.edges[d, item]["match"] = replace(m, evidence=f"{m.evidence}; {said}")


def _matter_trees(g: nx.DiGraph, matters: set[str]) -> set[str]:
    """The matters, every 子项 below them and every 主项 above them."""
    tree = set(matters)
    for m in matters:
        tree.update(sub_items(g, m))
        tree.update(main_items(g, m))
    return tree


def _implements(g: nx.DiGraph, item: str, label: str, im: Match, held_back: bool) -> str:
    """How the list item implements the matter: by its match, or (a code problem) by its name
    though the catalogue lacks its 基本编码."""
    if not held_back:
        return f"list item implements {label} ({im.evidence})"
    code = g.nodes[item]["record"].basic_code
    return (
        f"list item names {label} but its 基本编码 {code} is not in the catalogue ({im.evidence})"
    )


_TIER_RANK = {"reviewed": 6, "code": 5, "name": 4, "via-catalogue": 3, "propagated": 2, "fuzzy": 1}


def _rank(r: Reach) -> tuple[int, float]:
    return _TIER_RANK.get(r.tier, 0), r.score


def _label(g: nx.DiGraph, node: str) -> str:
    rec = g.nodes[node]["record"]
    if isinstance(rec, Matter):
        return f"catalogue {rec.basic_code} {rec.name}"
    if isinstance(rec, ListItem):
        return f"list item {rec.task_code_raw} {rec.name}"
    return str(node)


def add_list_mains(g: nx.DiGraph, items: list[ListItem]) -> dict[str, str]:
    """A node per 主项 name a list groups its items under; returns node -> name."""
    mains: dict[str, str] = {}
    canonical: dict[str, str] = {}
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: list[tuple[str, str, dict[str, Any]]] = []
    # (file, 主项 name) -> its node: the node's text made once per 主项, not once per item
    # (pairs that spell one text, "a:b" + "c" and "a" + "b:c", still share its node)
    node_of: dict[tuple[str, str], str] = {}
    for i in items:
        if not i.parent_name:
            continue
        pair = (i.ref.file, i.parent_name)
        node = node_of.get(pair)
        if node is None:
            node = f"listmain:{i.ref.file}:{i.parent_name}"
            if node in mains:
                node = canonical[node]  # the node's one string, not a copy in every item's edges
            else:
                canonical[node] = node
                mains[node] = i.parent_name
                nodes.append(
                    (
                        node,
                        {
                            "kind": "list_main",
                            "record": None,
                            "name": i.parent_name,
                            "file": i.ref.file,
                        },
                    )
                )
            node_of[pair] = node
        edges.append((node, i.node, _SUB_ITEM_EDGE))
    add_nodes(g, nodes)
    add_edges(g, edges)
    return mains


# The vocabulary of the export (CPSV-AP, Core Vocabularies, ELI, SKOS, Dublin Core).
PREFIXES = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "cs": "urn:catalog-sync:",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_TTL_ESCAPE = re.compile(r'[\\"\x00-\x1f]')
_TTL_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _text(value: str, lang: str = "") -> str:
    """A Turtle string literal, escaped; with a language tag when given."""
    if _TTL_ESCAPE.search(value):
        value = _TTL_ESCAPE.sub(
            lambda m: _TTL_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), value
        )
    return f'"{value}"@{lang}' if lang else f'"{value}"'


def _iri(node: str) -> str:
    return f"<urn:catalog-sync:{quote(node, safe=':')}>"


class _Iris(dict[str, str]):
    """Each node's IRI, percent-encoded once (a node is named up to four times)."""

    def __missing__(self, node: str) -> str:
        head, sep, tail = node.rpartition(":")
        if sep and tail.isdigit():  # item:<file>:<row>: the file part is shared by many
            iri = f"{self[head + sep][:-1]}{tail}>"
        else:
            iri = _iri(node)
        self[node] = iri
        return iri


class _Memo(dict[Any, str]):
    """Texts made once per key: the literals and fragments that repeat down a province."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> str:
        text = self[key] = self.make(key)
        return text


_RUN = 10_000  # items or matches written a column at a time, then joined in C


def write_turtle(g: nx.DiGraph, out: TextIO) -> None:
    """The graph as Turtle, written straight from the records as it goes: matters and items as
    cpsv:PublicService, decisions as eli:LegalResource, matches as skos:exactMatch /
    skos:closeMatch with their evidence. Valid Turtle any RDF library reads (rdflib, Oxigraph);
    no in-memory RDF graph is built (at province scale it costs minutes and gigabytes).
    List items and item matches, most of a province, are written a column at a time."""
    out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n")
    iri = _Iris()  # filled as the nodes are written, read again for their edges
    _write_nodes(g, out, iri)
    _write_edges(g, out, iri)


def _flush(out: TextIO, buffer: list[str], run: str = "") -> None:
    """The buffered statements written and the buffer emptied; then `run`, a run of items or
    matches, its text as it is."""
    out.write("".join(buffer))
    buffer.clear()
    if run:
        out.write(run)


def _write_nodes(g: nx.DiGraph, out: TextIO, iri: _Iris) -> None:
    """Every node's statements in the graph's order: list items in runs of _RUN
    (_items_turtle), matters and decisions one by one (_record_turtle)."""
    buffer: list[str] = []  # written in chunks: a province is millions of statements
    zh = _Memo(lambda text: _text(text, "zh"))
    items: list[tuple[str, ListItem]] = []  # a run of items, written together
    for node, data in g.nodes(data=True):
        rec = data.get("record")
        if isinstance(rec, ListItem):
            items.append((node, rec))
            if len(items) >= _RUN:
                _flush(out, buffer, _items_turtle(items, iri, zh))
                items.clear()
            continue
        if items:
            _flush(out, buffer, _items_turtle(items, iri, zh))
            items.clear()
        statement = _record_turtle(iri[node], rec)
        if statement:
            buffer.append(statement)
        if len(buffer) >= 10_000:
            _flush(out, buffer)
    if items:
        _flush(out, buffer, _items_turtle(items, iri, zh))
    _flush(out, buffer)


def _write_edges(g: nx.DiGraph, out: TextIO, iri: _Iris) -> None:
    """Every edge's statements: list items' implements edges in runs of _RUN
    (_implements_turtle), the others (sub_item, acts_on) one by one, each match's evidence
    made once."""
    buffer: list[str] = []  # written in chunks: a province is millions of statements
    evidence: dict[int, tuple[str, str]] = {}  # id(match) -> (its property, its evidence)
    matched: list[tuple[str, str, Match]] = []  # a run of items' matches, written together
    for u, nbrs in g.adjacency():  # g.edges(data=True) without its view's overhead
        for v, data in nbrs.items():
            kind = data.get("kind")
            m: Match | None = data.get("match")
            if kind == IMPLEMENTS and m is not None:
                matched.append((u, v, m))
                if len(matched) >= _RUN:
                    _flush(out, buffer, _implements_turtle(matched, iri, evidence))
                    matched.clear()
                continue
            if matched:
                _flush(out, buffer, _implements_turtle(matched, iri, evidence))
                matched.clear()
            if kind == SUB_ITEM:
                buffer.append(f"{iri[v]} dct:isPartOf {iri[u]} .\n")
            elif m is not None:
                su, sv = iri[u], iri[v]
                said = _evidence(m, evidence)[1]
                head = f"{su} cs:actsOn {sv} .\n" if kind == ACTS_ON else ""
                buffer.append(
                    f"{head}[] a cs:MatchEvidence ; cs:subject {su} ; cs:object {sv} ; {said}"
                )
            if len(buffer) >= 10_000:
                _flush(out, buffer)
    if matched:
        _flush(out, buffer, _implements_turtle(matched, iri, evidence))
    _flush(out, buffer)


def _record_turtle(subject: str, rec: Any) -> str:
    """A matter's or a decision's statements; "" for other nodes."""
    if isinstance(rec, Matter):
        props = [
            "a cpsv:PublicService",
            f"dct:identifier {_text(rec.basic_code)}",
            f"dct:title {_text(rec.name, 'zh')}",
        ]
        if rec.task_type:
            props.append(f"dct:type {_text(rec.task_type, 'zh')}")
        if rec.department:
            props.append(f"cv:hasCompetentAuthority {_text(rec.department, 'zh')}")
    elif isinstance(rec, DecisionItem):
        props = [
            "a eli:LegalResource",
            f"eli:id_local {_text(f'{rec.doc_no} {rec.annex} {rec.seq}'.strip())}",
            f"dct:title {_text(rec.name, 'zh')}",
            f"cs:action {_text(rec.action)}",
        ]
        if rec.in_force_from:
            props.append(f'eli:date_applicability "{rec.in_force_from.isoformat()}"^^xsd:date')
    else:
        return ""
    return f"{subject} " + " ;\n    ".join(props) + " .\n"


def _items_turtle(items: list[tuple[str, ListItem]], iri: _Iris, zh: _Memo) -> str:
    """List items' statements, a column at a time: names, agencies and files made into
    literals once each; each item's IRI from its file's (and kept in `iri` for its edges)."""
    recs = [rec for _, rec in items]
    refs = list(map(attrgetter("ref"), recs))
    files = list(map(attrgetter("file"), refs))
    rows = list(map(str, map(attrgetter("row"), refs)))
    file_iris = _Memo(lambda file: iri[f"item:{file}:"][:-1])  # open before the row
    subjects = list(map(str.__add__, map(file_iris.__getitem__, files), rows))
    subjects = list(map(str.__add__, subjects, repeat(">")))
    iri.update(zip([node for node, _ in items], subjects, strict=True))
    codes = list(map(attrgetter("task_code"), recs))
    if _TTL_ESCAPE.search("".join(codes)):
        codes = [_text(code)[1:-1] for code in codes]
    agencies = _Memo(lambda a: f" ;\n    cv:hasCompetentAuthority {zh[a]}" if a else "")
    sources = _Memo(lambda file: _text(f"{file}:")[:-1])  # the literal, open before the row
    columns = (
        subjects,
        repeat(' a cpsv:PublicService ;\n    dct:identifier "'),
        codes,
        repeat('" ;\n    dct:title '),
        map(zh.__getitem__, map(attrgetter("name"), recs)),
        map(agencies.__getitem__, map(attrgetter("agency"), recs)),
        repeat(" ;\n    dct:source "),
        map(sources.__getitem__, files),
        rows,
        repeat('" .\n'),
    )
    return "".join(chain.from_iterable(zip(*columns, strict=False)))  # repeat() columns


def _evidence(m: Match, evidence: dict[int, tuple[str, str]]) -> tuple[str, str]:
    """A match's property (implements) and the statements of its evidence node; list items of
    one name and code share their Match, so each is made once (the graph keeps every Match
    alive while it is written: an id stands for one match)."""
    said = evidence.get(id(m))
    if said is None:
        said = evidence[id(m)] = (
            "skos:closeMatch" if m.tier == "fuzzy" else "skos:exactMatch",
            f"cs:tier {_text(m.tier)} ;\n    "
            f'cs:score "{float(m.score)!r}"^^xsd:double ; '
            f"cs:evidence {_text(m.evidence, 'zh')} .\n",
        )
    return said


def _implements_turtle(
    matched: list[tuple[str, str, Match]], iri: _Iris, evidence: dict[int, tuple[str, str]]
) -> str:
    """Items' implements edges with their evidence nodes, a column at a time."""
    us, vs, ms = zip(*matched, strict=True)
    ids = list(map(id, ms))
    for i, m in dict(zip(ids, ms, strict=True)).items():
        if i not in evidence:
            _evidence(m, evidence)
    props = {i: f" {evidence[i][0]} " for i in dict.fromkeys(ids)}
    saids = {i: evidence[i][1] for i in props}
    su = list(map(iri.__getitem__, us))
    sv = list(map(iri.__getitem__, vs))
    columns = (
        su,
        map(props.__getitem__, ids),
        sv,
        repeat(" .\n[] a cs:MatchEvidence ; cs:subject "),
        su,
        repeat(" ; cs:object "),
        sv,
        repeat(" ; "),
        map(saids.__getitem__, ids),
    )
    return "".join(chain.from_iterable(zip(*columns, strict=False)))  # repeat() columns


def save_turtle(g: nx.DiGraph, path: Path) -> None:
    """write_turtle into a file, streaming: a province's export never sits whole in memory."""
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as fh:
        write_turtle(g, fh)


def to_turtle(g: nx.DiGraph) -> bytes:
    """The graph as Turtle (see write_turtle), in memory: for small graphs and tests."""
    buffer = io.StringIO()
    write_turtle(g, buffer)
    return buffer.getvalue().encode("utf-8")


def to_rdf(g: nx.DiGraph) -> Any:
    """The graph as an rdflib.Graph over an Oxigraph store (oxrdflib): the rdflib API for
    querying the export, loaded by Oxigraph's own parser, so a province takes seconds."""
    from rdflib import Graph

    rdf = Graph(store="Oxigraph")
    for prefix, ns in PREFIXES.items():
        rdf.bind(prefix, ns)
    rdf.parse(data=to_turtle(g), format="ox-turtle")
    return rdf
