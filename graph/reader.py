"""``GraphReader``: the one object commands and the app hold to read the graph."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.query import chain, compare, duties, views
from graph.query.comparison import Comparison
from graph.query.records import ChainStep, DutyList
from graph.rdf import iris
from graph.rdf.validate import Report, validate
from graph.store.local import LocalStore, RemoteStore, open_store
from ingest.domain.levels import Level

__all__ = ["EXPORT_FORMATS", "GraphReader", "open_graph"]

# docs/cli.md export format -> pyoxigraph serializer
EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
}


class GraphReader:
    """Read access to a built graph, local (``DIR``) or remote (``sparql+http://…``)."""

    def __init__(self, backend: LocalStore | RemoteStore) -> None:
        self.backend = backend

    def sparql(self, query: str) -> dict:
        """A read-only query -> SPARQL JSON results; UPDATE raises ``QueryRefused``."""
        return self.backend.sparql(query)

    def select(self, query: str) -> list[dict[str, str]]:
        """A SELECT query -> rows of plain strings."""
        return self.backend.select(query)

    def duties(
        self,
        role: str,
        level: Level | None = None,
        region: str | None = None,
        place: str | None = None,
    ) -> DutyList:
        """A role's duties; with ``place`` (a name the gazetteer knows) only those binding
        the post there. An unknown place raises ``ingest.errors.UnknownPlace``."""
        where = duties.resolve_place(self.select, place) if place else None
        return duties.duties(self.select, role, level, region, where)

    def compare(
        self,
        role: str,
        docs: Sequence[str] | None = None,
        keep_all: bool = False,
        place: str | None = None,
    ) -> Comparison:
        """The cross-level comparison; with ``place`` only the chain of documents binding it."""
        where = duties.resolve_place(self.select, place) if place else None
        return compare.compare(self.select, role, docs, keep_all, where)

    def chain(self, doc_id: str) -> list[ChainStep]:
        """What a document implements, step by step up to the national rule."""
        return chain.chain(self.select, doc_id)

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


def open_graph(store: str | Path) -> GraphReader:
    """The graph of a store dir, or of a remote endpoint ``sparql+http://host:port/…``.

    A local store that was never built raises ``StoreMissing`` naming ``dutygraph build``.
    """
    return GraphReader(open_store(store))
