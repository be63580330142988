"""The graph package's one exception family."""

from __future__ import annotations

__all__ = ["GraphError", "QueryRefused", "StoreMissing", "UnreadableQuery"]


class GraphError(Exception):
    """Base of every error raised while building or querying the graph."""

    exit_code = 1


class StoreMissing(GraphError):
    """No built store where one is needed; the message names the command that builds it."""

    exit_code = 2


class QueryRefused(GraphError):
    """A SPARQL query that is malformed or would write to the store."""

    exit_code = 2


class UnreadableQuery(GraphError):
    """``dutygraph sparql @FILE`` with a file that cannot be read."""

    exit_code = 2
