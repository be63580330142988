"""Graph: documents and facts -> RDF named graphs in a store, queried with SPARQL."""

from graph.errors import GraphError, QueryRefused, StoreMissing
from graph.rdf.update import GraphUpdate, update_graph
from graph.rdf.validate import Report, validate
from graph.reader import GraphReader, open_graph

__all__ = [
    "GraphError",
    "GraphReader",
    "GraphUpdate",
    "QueryRefused",
    "Report",
    "StoreMissing",
    "open_graph",
    "update_graph",
    "validate",
]
