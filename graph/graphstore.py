"""``GraphStore``: the one object commands and the app hold to read the graph."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph import compare, iris, queries, views
from graph.store import LocalStore, RemoteStore, open_store
from graph.validate import Report, validate

__all__ = ["EXPORT_FORMATS", "GraphStore", "open_graph"]

# cli.md export format -> pyoxigraph serializer
EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
}


class GraphStore:
    """Read access to a built graph, local (``DIR``) or remote (``sparql+http://…``)."""

    def __init__(self, backend: LocalStore | RemoteStore) -> None:
        self.backend = backend

    def sparql(self, query: str) -> dict:
        """A read-only query -> SPARQL JSON results; UPDATE raises ``QueryRefused``."""
        return self.backend.sparql(query)

    def select(self, query: str) -> list[dict[str, str]]:
        """A SELECT query -> rows of plain strings."""
        return self.backend.select(query)

    def duties(self, role: str, level: str | None = None, region: str | None = None) -> dict:
        return queries.duties(self.select, role, level, region)

    def compare(self, role: str, docs: Sequence[str] | None = None, keep_all: bool = False) -> dict:
        return compare.compare(self.select, role, docs, keep_all)

    def chain(self, doc_id: str) -> list[dict]:
        """What a document implements, step by step up to the national rule."""
        return queries.chain(self.select, doc_id)

    def chain_view(self) -> nx.DiGraph:
        return views.chain_view(self.select)

    def duty_network(self) -> nx.DiGraph:
        return views.duty_network(self.select)

    def export(self, fmt: str = "ttl") -> str:
        """Every triple of every graph (their union) as Turtle, JSON-LD or N-Triples."""
        return self.backend.export(EXPORT_FORMATS[fmt], iris.NAMESPACES)

    def validate(self) -> Report:
        """SHACL validation of the whole store (every graph, united)."""
        return validate(self.backend.triples())

    def size(self) -> int:
        return self.backend.size()


def open_graph(store: str | Path) -> GraphStore:
    """The graph of a store dir, or of a remote endpoint ``sparql+http://host:port/…``.

    A local store that was never built raises ``StoreMissing`` naming ``dutygraph build``.
    """
    return GraphStore(open_store(store))
