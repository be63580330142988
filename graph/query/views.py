"""networkx views built from the RDF graph, for analysis and for drawing in the app.

The views are read from the store with SPARQL each time (never a second,
hand-kept model): the implementation chain (documents and works, edges
``implements``/``cites``) and the role-duty-sanction network (roles, duty
groups, sanction types). Helpers answer the usual questions: which duties
exist at one level only, which roles carry most sanctions.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from graph.rdf import iris

__all__ = ["chain_of", "chain_view", "duty_network", "one_level_duties", "roles_by_sanctions"]

Select = Callable[[str], list[dict[str, str]]]

_CHAIN = """SELECT DISTINCT ?a ?rel ?b ?ta ?tb ?la ?lb ?ida ?idb WHERE {
  VALUES ?rel { eli:implements eli:cites }
  ?a ?rel ?b . ?a eli:title ?ta ; dg:level ?la . ?b eli:title ?tb ; dg:level ?lb .
  OPTIONAL { ?a dg:docId ?ida } OPTIONAL { ?b dg:docId ?idb } }"""

_NETWORK = """SELECT DISTINCT ?role ?roleLabel ?group ?activity ?category ?level ?type WHERE {
  ?group a dg:DutyGroup ; dg:role ?role ; dg:activity ?activity ; dg:member ?duty ;
         dg:category/skos:prefLabel ?category .
  ?role skos:prefLabel ?roleLabel . FILTER(LANG(?roleLabel) = "zh" && LANG(?category) = "zh")
  ?duty dg:inClause ?clause . ?clause dg:inDocument/dg:level ?level .
  OPTIONAL { ?s a dg:Sanction ; dg:inClause ?clause ; dg:sanctionType/skos:prefLabel ?type .
             FILTER(LANG(?type) = "zh") } }"""

_ROLE_SANCTIONS = """SELECT ?roleLabel ?type (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a dg:Sanction ; dg:role ?role ; dg:sanctionType/skos:prefLabel ?type .
  ?role skos:prefLabel ?roleLabel . FILTER(LANG(?roleLabel) = "zh" && LANG(?type) = "zh")
} GROUP BY ?roleLabel ?type"""


def _level(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def chain_view(select: Select) -> nx.DiGraph:
    """Documents and works (title, level, doc_id) with ``implements``/``cites`` edges."""
    g = nx.DiGraph()
    for r in select(iris.PREFIXES + _CHAIN):
        for end in ("a", "b"):
            g.add_node(
                r[end],
                title=r["t" + end],
                level=_level(r["l" + end]),
                doc_id=r.get("id" + end),
            )
        g.add_edge(r["a"], r["b"], relation=r["rel"].rsplit("#", 1)[-1])
    return g


def chain_of(g: nx.DiGraph, doc_id: str) -> list[dict]:
    """The implementation chain upward from a document: [{title, level, doc_id}, …]."""
    start = next((n for n, d in g.nodes(data=True) if d.get("doc_id") == doc_id), None)
    out, node, seen = [], start, set()
    while node is not None and node not in seen:
        seen.add(node)
        out.append({k: g.nodes[node].get(k) for k in ("title", "level", "doc_id")})
        up = [b for _, b, d in g.out_edges(node, data=True) if d["relation"] == "implements"]
        node = up[0] if len(up) == 1 else (sorted(up)[0] if up else None)
    return out


def duty_network(select: Select) -> nx.DiGraph:
    """Roles -> duty groups (``duty``), groups -> sanction types (``sanction``);
    group nodes carry activity, category and the set of levels stating the duty."""
    g = nx.DiGraph()
    for r in select(iris.PREFIXES + _NETWORK):
        role, group = "role:" + r["roleLabel"], r["group"]
        g.add_node(role, kind="role", label=r["roleLabel"])
        if group not in g:
            g.add_node(
                group, kind="duty", label=r["activity"], category=r["category"], levels=set()
            )
        g.nodes[group]["levels"].add(_level(r["level"]))
        g.add_edge(role, group, relation="duty")
        if "type" in r:
            sanction = "sanction:" + r["type"]
            g.add_node(sanction, kind="sanction", label=r["type"])
            g.add_edge(group, sanction, relation="sanction")
    for r in select(iris.PREFIXES + _ROLE_SANCTIONS):
        role, sanction = "role:" + r["roleLabel"], "sanction:" + r["type"]
        g.add_node(role, kind="role", label=r["roleLabel"])
        g.add_node(sanction, kind="sanction", label=r["type"])
        g.add_edge(role, sanction, relation="sanctioned", weight=int(r["n"]))
    return g


def one_level_duties(g: nx.DiGraph) -> list[dict]:
    """Duty groups stated at exactly one level: [{role, activity, category, level}]."""
    out = []
    for node, d in g.nodes(data=True):
        if d.get("kind") == "duty" and len(d["levels"]) == 1:
            for role in g.predecessors(node):
                out.append(
                    {
                        "role": g.nodes[role]["label"],
                        "activity": d["label"],
                        "category": d["category"],
                        "level": next(iter(d["levels"])),
                    }
                )
    return sorted(out, key=lambda r: (r["role"], r["level"], r["activity"]))


def roles_by_sanctions(g: nx.DiGraph) -> list[tuple[str, int]]:
    """Roles ranked by how many sanctions name them (most first)."""
    counts = {
        d["label"]: sum(e.get("weight", 0) for _, _, e in g.out_edges(n, data=True))
        for n, d in g.nodes(data=True)
        if d.get("kind") == "role"
    }
    return sorted(((r, c) for r, c in counts.items() if c), key=lambda rc: (-rc[1], rc[0]))
