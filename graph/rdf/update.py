"""``update_graph``: write changed documents' named graphs, drop removed ones, relink.

Called by ``dutygraph build`` with only the documents whose file changed, so
an unchanged corpus costs nothing and a changed file replaces one named graph.
The links graph and the ontology graph are rewritten in the same generation.

``graph_store`` puts the graph on a SPARQL server instead (``sparql+http://…``):
the writes go there in batches (bulk-loaded when many documents are new to it) and
``graph/ENDPOINT`` in the local store records the URL, so the commands given the
store directory read the graph from the server. Without it the graph is local
(and a pointer left by an earlier remote build is removed).
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph

from graph.rdf import iris
from graph.rdf.document_graph import as_graph, bind_prefixes, document_triples
from graph.rdf.links import link_graph
from graph.rdf.validate import ONTOLOGY_FILE, validate
from graph.store.local import open_store
from graph.store.remote import RemoteStore, write_endpoint
from ingest.domain.vocabulary import VOCAB_PATH
from ingest.records import Document, Facts

__all__ = ["BULK_FROM", "VOCAB_FILE", "GraphUpdate", "ontology_graph", "update_graph"]

VOCAB_FILE = VOCAB_PATH
# Documents written at once from which a server's bulk loader is used for new graphs.
BULK_FROM = 50


@functools.cache
def ontology_graph() -> Graph:
    """The ontology (with the level hierarchy) plus the SKOS vocabulary when present."""
    g = bind_prefixes(Graph()).parse(ONTOLOGY_FILE, format="turtle")
    if VOCAB_FILE.is_file():
        g.parse(VOCAB_FILE, format="turtle")
    return g


@dataclass(frozen=True, slots=True)
class GraphUpdate:
    """What one graph update did (kept in the store's manifest)."""

    documents: int = 0
    removed: int = 0
    triples: int | None = None  # the store's size after the update (None: nothing done)
    violations: int = 0
    seconds: float = 0.0
    store: str | None = None  # the SPARQL server holding the graph; None: the local store

    def as_json(self) -> dict[str, int | float | str | None]:
        return asdict(self)


def update_graph(
    store_dir: Path | str,
    changed: Sequence[tuple[Document, Facts]],
    removed: Sequence[str],
    validate_shapes: bool = True,
    graph_store: str | None = None,
) -> GraphUpdate:
    """Replace the graphs of ``changed`` documents, drop ``removed`` ones, recompute links.

    ``graph_store``: a server URL to write to instead of the store's ``graph/``
    (recorded in the result). SHACL violations are counted and reported on stderr,
    not fatal.
    """
    start = time.perf_counter()
    store = open_store(graph_store or store_dir, create=True)
    if not changed and not removed and store.exists():
        return GraphUpdate()
    violations = 0
    writer: AbstractContextManager[Any]
    if isinstance(store, RemoteStore):
        writer = store.writer(bulk=len(changed) >= BULK_FROM)
    else:
        writer = store.writer()
    with writer as w:
        w.put(iris.ONTOLOGY_GRAPH, ontology_graph())
        for doc, facts in changed:
            g = document_triples(doc, facts)
            if validate_shapes:
                report = validate(as_graph(g))
                if not report.conforms:
                    violations += report.violations
                    print(
                        f"graph: {doc.doc_id}: {report.violations} SHACL violations",
                        file=sys.stderr,
                    )
            w.put(iris.doc_graph(doc.doc_id), g)
        for doc_id in removed:
            w.drop(iris.doc_graph(doc_id))
        context = Graph()
        links = link_graph(w.select, context)
        if validate_shapes:
            report = validate(links + context, focus=links.subjects())
            violations += report.violations
            if not report.conforms:
                print(f"graph: links: {report.violations} SHACL violations", file=sys.stderr)
        w.put(iris.LINKS_GRAPH, links)
    if not str(store_dir).startswith("sparql+"):  # a store directory: record where its graph is
        write_endpoint(Path(store_dir) / "graph", graph_store)
    return GraphUpdate(
        documents=len(changed),
        removed=len(removed),
        triples=store.size(),
        violations=violations,
        seconds=round(time.perf_counter() - start, 3),
        store=graph_store,
    )
