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

from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from .model import DecisionItem, ListItem, Match, Matter

SUB_ITEM = "sub_item"
IMPLEMENTS = "implements"
ACTS_ON = "acts_on"


@dataclass(frozen=True)
class Reach:
    """A record a decision reaches, and the chain of matches that leads there."""

    node: str
    tier: str
    score: float
    fields: tuple[str, ...]
    evidence: str


def build_graph(
    matters: list[Matter],
    items: list[ListItem],
    decisions: list[DecisionItem],
) -> nx.DiGraph:
    g = nx.DiGraph()
    for m in matters:
        g.add_node(m.node, kind="matter", record=m)
    for m in matters:
        if m.parent_code and g.has_node(f"matter:{m.parent_code}"):
            g.add_edge(f"matter:{m.parent_code}", m.node, kind=SUB_ITEM)
    for i in items:
        g.add_node(i.node, kind="item", record=i)
    for d in decisions:
        g.add_node(d.node, kind="decision", record=d)
    return g


def add_match(g: nx.DiGraph, source: str, target: str, kind: str, match: Match) -> None:
    """Record a match; a stronger one replaces a weaker one between the same two nodes."""
    old = g.get_edge_data(source, target)
    if old is None or old.get("match") is None or old["match"].score < match.score:
        g.add_edge(source, target, kind=kind, match=match)


def implemented_by(g: nx.DiGraph, matter_node: str) -> list[str]:
    return [u for u, _, k in g.in_edges(matter_node, data="kind") if k == IMPLEMENTS]


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


def reached_by(g: nx.DiGraph, decision_node: str) -> dict[str, Reach]:
    """Every matter and list item a decision row reaches, with the strongest chain of evidence.

    A decision reaches what it names, the 子项 of what it names, and the list items that
    implement any of those matters.
    """
    found: dict[str, Reach] = {}

    def keep(r: Reach) -> None:
        old = found.get(r.node)
        if old is None or _rank(r) > _rank(old):
            found[r.node] = r

    for _, target, data in g.out_edges(decision_node, data=True):
        if data.get("kind") != ACTS_ON:
            continue
        m: Match = data["match"]
        keep(Reach(target, m.tier, m.score, m.fields, m.evidence))
        for child in sub_items(g, target):
            keep(
                Reach(
                    child,
                    "propagated",
                    m.score,
                    m.fields,
                    f"{m.evidence}; {_label(g, child)} is a 子项 of {_label(g, target)}",
                )
            )
        if g.nodes[target]["kind"] != "matter":
            continue
        for matter in [target, *sub_items(g, target)]:
            for item in implemented_by(g, matter):
                im: Match = g.edges[item, matter]["match"]
                via = "via-catalogue" if matter == target else "propagated"
                chain = f"{m.evidence}; list item implements {_label(g, matter)} ({im.evidence})"
                if matter != target:
                    chain = (
                        f"{m.evidence}; {_label(g, matter)} is a 子项 of "
                        f"{_label(g, target)}; list item implements it ({im.evidence})"
                    )
                keep(
                    Reach(
                        item,
                        via,
                        min(m.score, im.score),
                        tuple(dict.fromkeys(m.fields + im.fields)),
                        chain,
                    )
                )
    return found


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
    for i in items:
        if not i.parent_name:
            continue
        node = f"listmain:{i.ref.file}:{i.parent_name}"
        if node not in mains:
            mains[node] = i.parent_name
            g.add_node(node, kind="list_main", record=None, name=i.parent_name, file=i.ref.file)
        g.add_edge(node, i.node, kind=SUB_ITEM)
    return mains


def to_turtle(g: nx.DiGraph) -> bytes:
    """The graph as Turtle: matters and items as cpsv:PublicService, decisions as
    eli:LegalResource, matches as skos:exactMatch / skos:closeMatch with their evidence."""
    from urllib.parse import quote

    from rdflib import RDF, SKOS, XSD, BNode, Graph, Literal, Namespace
    from rdflib.namespace import DCTERMS

    cpsv = Namespace("http://purl.org/vocab/cpsv#")
    cv = Namespace("http://data.europa.eu/m8g/")
    eli = Namespace("http://data.europa.eu/eli/ontology#")
    cs = Namespace("urn:catalog-sync:")
    rdf = Graph()
    for prefix, ns in (
        ("cpsv", cpsv),
        ("cv", cv),
        ("eli", eli),
        ("cs", cs),
        ("skos", SKOS),
        ("dct", DCTERMS),
    ):
        rdf.bind(prefix, ns)

    def uri(node: str):  # noqa: ANN202 - rdflib URIRef
        return cs[quote(node, safe=":")]

    for node, data in g.nodes(data=True):
        rec = data.get("record")
        s = uri(node)
        if isinstance(rec, Matter):
            rdf.add((s, RDF.type, cpsv.PublicService))
            rdf.add((s, DCTERMS.identifier, Literal(rec.basic_code)))
            rdf.add((s, DCTERMS.title, Literal(rec.name, lang="zh")))
            if rec.task_type:
                rdf.add((s, DCTERMS.type, Literal(rec.task_type, lang="zh")))
            if rec.department:
                rdf.add((s, cv.hasCompetentAuthority, Literal(rec.department, lang="zh")))
        elif isinstance(rec, ListItem):
            rdf.add((s, RDF.type, cpsv.PublicService))
            rdf.add((s, DCTERMS.identifier, Literal(rec.task_code)))
            rdf.add((s, DCTERMS.title, Literal(rec.name, lang="zh")))
            if rec.agency:
                rdf.add((s, cv.hasCompetentAuthority, Literal(rec.agency, lang="zh")))
            rdf.add((s, DCTERMS.source, Literal(str(rec.ref))))
        elif isinstance(rec, DecisionItem):
            rdf.add((s, RDF.type, eli.LegalResource))
            rdf.add((s, eli.id_local, Literal(f"{rec.doc_no} {rec.annex} {rec.seq}".strip())))
            rdf.add((s, DCTERMS.title, Literal(rec.name, lang="zh")))
            rdf.add((s, cs.action, Literal(rec.action)))
            if rec.in_force_from:
                rdf.add(
                    (
                        s,
                        eli.date_applicability,
                        Literal(rec.in_force_from.isoformat(), datatype=XSD.date),
                    )
                )
    for u, v, data in g.edges(data=True):
        kind = data.get("kind")
        if kind == SUB_ITEM:
            rdf.add((uri(v), DCTERMS.isPartOf, uri(u)))
            continue
        m: Match | None = data.get("match")
        if m is None:
            continue
        if kind == IMPLEMENTS:
            prop = SKOS.closeMatch if m.tier == "fuzzy" else SKOS.exactMatch
            rdf.add((uri(u), prop, uri(v)))
        elif kind == ACTS_ON:
            rdf.add((uri(u), cs.actsOn, uri(v)))
        ev = BNode()
        rdf.add((ev, RDF.type, cs.MatchEvidence))
        rdf.add((ev, cs.subject, uri(u)))
        rdf.add((ev, cs.object, uri(v)))
        rdf.add((ev, cs.tier, Literal(m.tier)))
        rdf.add((ev, cs.score, Literal(m.score)))
        rdf.add((ev, cs.evidence, Literal(m.evidence, lang="zh")))
    return rdf.serialize(format="turtle").encode("utf-8")
