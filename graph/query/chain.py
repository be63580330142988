"""``chain``: the works a document implements, nearest first, up to the national rule."""

from __future__ import annotations

from typing import cast

from graph.query.records import ChainStep
from graph.query.sparql import Select, iri_tail, literal
from graph.rdf import iris
from ingest.domain.levels import Level

__all__ = ["CHAIN", "chain"]

CHAIN = """SELECT ?w ?title ?level ?docId (COUNT(DISTINCT ?mid) AS ?depth) WHERE {{
  ?d dg:docId {doc} ; eli:implements+ ?w .
  ?d eli:implements+ ?mid . ?mid eli:implements* ?w .
  ?w eli:title ?title ; dg:level ?level . OPTIONAL {{ ?w dg:docId ?docId }}
}} GROUP BY ?w ?title ?level ?docId ORDER BY ?depth ?title"""


def chain(select: Select, doc_id: str) -> list[ChainStep]:
    """The works a document implements, directly or through others, nearest first."""
    rows = select(iris.PREFIXES + CHAIN.format(doc=literal(doc_id)))
    return [
        ChainStep(
            iri=r["w"],
            title=r["title"],
            level=cast(Level, iri_tail(r["level"])),
            doc_id=r.get("docId"),
            depth=int(r["depth"]),
        )
        for r in rows
    ]
