"""RDF terms and SPARQL results between rdflib, pyoxigraph and plain rows.

Also the one test of whether a SPARQL text writes (``is_update``), shared by
the local and the remote store so both refuse updates the same way.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

__all__ = [
    "from_ox",
    "is_update",
    "plain_rows",
    "query_form",
    "serialize",
    "solution_rows",
    "to_ox",
    "to_rdflib",
]

# the first keyword after PREFIX/BASE declarations and comments tells a write
_PROLOGUE = re.compile(
    r"(?:\s+|\#[^\n]*\n?|PREFIX\s+[^:\s]*:\s*<[^>]*>|BASE\s+<[^>]*>)*",  # space, comments, decls
    re.I,
)
_UPDATE_WORDS = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def _body(query: str) -> str:
    """The query after its prologue (the pattern matches the empty string, so always)."""
    m = _PROLOGUE.match(query)
    return query[m.end() :] if m else query


def is_update(query: str) -> bool:
    """True when the SPARQL text is an UPDATE (INSERT, DELETE, DROP, LOAD …)."""
    return bool(_UPDATE_WORDS.match(_body(query)))


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (SELECT when unclear)."""
    m = _FORM.match(_body(query))
    return m.group(1).upper() if m else "SELECT"


def to_ox(term: Any) -> Any:
    """rdflib term -> pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def from_ox(term: Any) -> Any:
    """pyoxigraph term -> rdflib term (lexical forms kept as stored)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    if dt == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(dt))


def to_rdflib(triples: Any) -> Graph:
    """pyoxigraph triples or quads -> one rdflib Graph (the union)."""
    g = Graph()
    for t in triples:
        g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return g


def serialize(triples: Any, fmt: ox.RdfFormat, prefixes: dict[str, str]) -> str:
    """The union of pyoxigraph triples/quads, deduplicated, in one RDF syntax.

    pyoxigraph writes every literal's lexical form as stored; rdflib's Turtle
    writer would rewrite ``"4"^^xsd:decimal`` as ``4.0`` and break round-trips.
    """
    mem = ox.Store()
    mem.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    data = ox.serialize((q.triple for q in mem), format=fmt, prefixes=prefixes)
    return (data or b"").decode("utf-8")


def solution_rows(solutions: Any) -> list[dict[str, str]]:
    """pyoxigraph SELECT solutions -> rows of plain strings (unbound variables absent)."""
    names = [v.value for v in solutions.variables]
    out = []
    for sol in solutions:
        row = {}
        for i, name in enumerate(names):
            term = sol[i]
            if term is not None:
                row[name] = term.value
        out.append(row)
    return out


def plain_rows(results: dict) -> list[dict[str, str]]:
    """SPARQL JSON bindings -> rows of plain strings (unbound variables absent)."""
    bindings = results.get("results", {}).get("bindings", [])
    return [{k: v["value"] for k, v in b.items()} for b in bindings]
