"""The RDF export: written straight as Turtle, it holds exactly the triples the rdflib-built
export held (same vocabulary, same values), and reads back through rdflib and Oxigraph."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from rdflib import RDF, SKOS, XSD, BNode, Graph, Literal, Namespace
from rdflib.namespace import DCTERMS

from catalog_sync.graph import ACTS_ON, IMPLEMENTS, SUB_ITEM, to_rdf, to_turtle, write_turtle
from catalog_sync.model import DecisionItem, ListItem, Match, Matter
from catalog_sync.pipeline import RunConfig, Source, run

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo"


@pytest.fixture(scope="module")
def demo_graph():
    here = os.getcwd()
    os.chdir(DEMO)
    try:
        config = RunConfig(
            catalogue=Source(Path("catalogue.csv"), "catalogue.csv"),
            lists=[Source(Path(p), p) for p in ("list-county-511602.xlsx", "list-city-5116.csv")],
            decisions=[Source(Path("decisions"), "decisions")],
            as_of=date(2026, 11, 1),
        )
        return run(config).graph
    finally:
        os.chdir(here)


def reference_rdf(g) -> Graph:
    """The export as it was built with rdflib's in-memory graph, triple by triple."""
    cpsv = Namespace("http://purl.org/vocab/cpsv#")
    cv = Namespace("http://data.europa.eu/m8g/")
    eli = Namespace("http://data.europa.eu/eli/ontology#")
    cs = Namespace("urn:catalog-sync:")
    rdf = Graph()

    def uri(node: str):
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
    return rdf


def _split(rdf: Graph) -> tuple[set, list]:
    """Triples without blank nodes, and each blank node as the sorted set of what it says."""
    named = {t for t in rdf if not isinstance(t[0], BNode)}
    blanks: dict = {}
    for s, p, o in rdf:
        if isinstance(s, BNode):
            blanks.setdefault(s, []).append((p, o))
    return named, sorted(sorted(po) for po in blanks.values())


def test_turtle_holds_the_triples_rdflib_built(demo_graph) -> None:
    written = Graph().parse(data=to_turtle(demo_graph), format="turtle")
    expected = reference_rdf(demo_graph)
    assert len(written) == len(expected) > 10000
    assert _split(written) == _split(expected)


def test_turtle_escapes_what_a_literal_cannot_hold(tmp_path: Path) -> None:
    import networkx as nx

    from catalog_sync.model import SourceRef

    g = nx.DiGraph()
    name = 'a "quoted" name\\ with\na line break\r\x01 and\ta tab'
    m = Matter(SourceRef("x.csv", 2), "A1", "A1", name, "")
    g.add_node(m.node, kind="matter", record=m)
    path = tmp_path / "g.ttl"
    with path.open("w", encoding="utf-8") as fh:
        write_turtle(g, fh)
    rdf = Graph().parse(path, format="turtle")
    assert Literal(name, lang="zh") in set(rdf.objects())


def test_to_rdf_is_an_rdflib_graph_over_oxigraph(demo_graph) -> None:
    rdf = to_rdf(demo_graph)
    assert type(rdf.store).__name__ == "OxigraphStore"
    assert len(rdf) == len(Graph().parse(data=to_turtle(demo_graph), format="turtle"))
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://purl.org/vocab/cpsv#PublicService> }"
    assert int(next(iter(rdf.query(q)))[0]) > 2000


def _layout(g) -> tuple:
    """Everything of a DiGraph that its users and writers can see, in its order."""
    return (
        list(g.nodes(data=True)),
        [(u, list(nbrs.items())) for u, nbrs in g.adjacency()],
        [(v, list(g.pred[v].items())) for v in g],
    )


def test_bulk_adds_build_the_graph_networkx_builds():
    """add_nodes / add_edges write into networkx's dicts: the same nodes, edges, attributes
    and order as add_nodes_from / add_edges_from, existing nodes and edges merged, new end
    nodes created, None refused, and networkx's views see every change."""
    import networkx as nx

    from catalog_sync.graph import add_edges, add_nodes

    def build(bulk: bool):
        g = nx.DiGraph()
        nodes = [("a", {"kind": "x"}), ("b", {"kind": "y", "n": 1}), ("a", {"n": 2})]
        edges = [
            ("a", "b", {"kind": SUB_ITEM}),
            ("b", "c", {"kind": IMPLEMENTS}),  # c is new: created as networkx does
            ("a", "b", {"match": 1}),  # an edge already there: attributes merged
            ("c", "a", {}),
        ]
        g.view = g.edges  # a view made before the adds sees them after
        if bulk:
            add_nodes(g, [(n, dict(d)) for n, d in nodes])
            add_edges(g, [(u, v, dict(d)) for u, v, d in edges])
        else:
            g.add_nodes_from((n, dict(d)) for n, d in nodes)
            g.add_edges_from((u, v, dict(d)) for u, v, d in edges)
        return g

    bulk, plain = build(True), build(False)
    assert _layout(bulk) == _layout(plain)
    assert len(bulk.view) == 3 and bulk.edges["a", "b"] == {"kind": SUB_ITEM, "match": 1}
    with pytest.raises(ValueError):
        add_nodes(bulk, [(None, {})])


def _any_layout(g) -> tuple:
    """_layout for any networkx graph: nodes, adjacency and (directed) predecessors in order."""
    pred = [(v, list(g.pred[v].items())) for v in g] if g.is_directed() else []
    return list(g.nodes(data=True)), [(u, list(nbrs.items())) for u, nbrs in g.adjacency()], pred


@pytest.mark.parametrize("kind", ["DiGraph", "MultiDiGraph", "Graph"])
def test_bulk_adds_match_networkx_on_random_batches(kind: str) -> None:
    """Batches of nodes and edges over a few names (so nodes and edges repeat within a batch
    and across batches, self-loops and new end nodes included) build the graph networkx's
    add_nodes_from / add_edges_from build, on a DiGraph and on the graphs left to networkx."""
    import random

    import networkx as nx

    from catalog_sync.graph import add_edges, add_nodes

    rnd = random.Random(15)
    names = ["a", "b", "c", "d", "e"]
    for _ in range(150):
        batches = []
        for _ in range(rnd.randint(1, 4)):
            attrs = [{}, {"kind": "x"}, {"kind": "y", "n": 1}, {"n": 2}]
            if rnd.random() < 0.5:
                batch = [(rnd.choice(names), rnd.choice(attrs)) for _ in range(rnd.randint(0, 4))]
                batches.append(("nodes", batch))
            else:
                batch = [
                    (rnd.choice(names), rnd.choice(names), rnd.choice(attrs))
                    for _ in range(rnd.randint(0, 4))
                ]
                batches.append(("edges", batch))
        bulk, plain = getattr(nx, kind)(), getattr(nx, kind)()
        for what, batch in batches:
            if what == "nodes":
                add_nodes(bulk, [(n, dict(d)) for n, d in batch])
                plain.add_nodes_from((n, dict(d)) for n, d in batch)
            else:
                add_edges(bulk, [(u, v, dict(d)) for u, v, d in batch])
                plain.add_edges_from((u, v, dict(d)) for u, v, d in batch)
        assert _any_layout(bulk) == _any_layout(plain), batches


def test_shared_edge_attributes_are_never_changed_for_one_edge() -> None:
    """sub_item and implements edges share attribute dicts (memory at province scale): they
    refuse changes, and an edge added again over one gets a dict of its own, as networkx gives
    it, while the other edges keep the shared one unchanged."""
    import networkx as nx

    from catalog_sync.graph import SharedAttributes, add_edges, add_nodes

    shared = SharedAttributes(kind=SUB_ITEM)
    for change in (
        lambda d: d.__setitem__("kind", "x"),
        lambda d: d.update(kind="x"),
        lambda d: d.pop("kind"),
        lambda d: d.setdefault("n", 1),
        lambda d: d.clear(),
    ):
        with pytest.raises(TypeError):
            change(shared)
    assert shared == {"kind": SUB_ITEM}

    g, plain = nx.DiGraph(), nx.DiGraph()
    add_nodes(g, [(n, {}) for n in "abc"])
    add_edges(g, [("a", "b", shared), ("a", "c", shared)])
    add_edges(g, [("a", "b", {"match": 1})])  # the edge a-b again: merged into its own dict
    plain.add_nodes_from("abc")
    plain.add_edges_from([("a", "b", {"kind": SUB_ITEM}), ("a", "c", {"kind": SUB_ITEM})])
    plain.add_edges_from([("a", "b", {"match": 1})])
    assert _any_layout(g) == _any_layout(plain)
    assert g.edges["a", "c"] is shared and shared == {"kind": SUB_ITEM}
    assert g.pred["b"]["a"] is g.succ["a"]["b"]


def test_list_mains_one_node_per_text_even_across_file_and_name() -> None:
    """add_list_mains makes a node's text once per (file, 主项 name); two pairs that spell one
    text ("a:b" + "c", "a" + "b:c") still share its node, named by the first, and each item
    hangs under it in item order."""
    from types import SimpleNamespace

    import networkx as nx

    from catalog_sync.graph import add_list_mains

    def item(file: str, row: int, parent: str) -> SimpleNamespace:
        return SimpleNamespace(
            node=f"item:{file}:{row}", parent_name=parent, ref=SimpleNamespace(file=file)
        )

    items = [
        item("a:b", 2, "c"),
        item("a", 2, "b:c"),
        item("a:b", 3, "c"),
        item("a", 3, ""),
        item("a", 4, "d"),
    ]
    g = nx.DiGraph()
    g.add_nodes_from(i.node for i in items)
    mains = add_list_mains(g, items)
    assert mains == {"listmain:a:b:c": "c", "listmain:a:d": "d"}
    assert g.nodes["listmain:a:b:c"] == {
        "kind": "list_main",
        "record": None,
        "name": "c",
        "file": "a:b",
    }
    assert list(g.successors("listmain:a:b:c")) == ["item:a:b:2", "item:a:2", "item:a:b:3"]
    assert list(g.predecessors("item:a:3")) == []
    texts = [u for u, _ in g.in_edges(["item:a:b:2", "item:a:2", "item:a:b:3"])]
    assert all(t is texts[0] for t in texts)  # one string, not a copy per edge
