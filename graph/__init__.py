"""Graph: documents and facts -> RDF named graphs in a store, queried with SPARQL."""

from graph.errors import GraphError, QueryRefused, StoreMissing
from graph.graphstore import GraphStore, open_graph
from graph.update import update_graph
from graph.validate import Report, validate

__all__ = [
    "GraphError",
    "GraphStore",
    "QueryRefused",
    "Report",
    "StoreMissing",
    "open_graph",
    "update_graph",
    "validate",
]
