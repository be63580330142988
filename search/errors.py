"""The search package's one exception family."""

from __future__ import annotations

__all__ = ["BadQuery", "IndexMissing", "ModelUnavailable", "SearchError"]


class SearchError(Exception):
    """Base of every error raised while building or querying the search indexes."""

    exit_code = 1


class IndexMissing(SearchError):
    """No persisted index in the store; the message names the command that builds it."""

    exit_code = 2


class ModelUnavailable(SearchError):
    """No embedding model could be loaded (search falls back to BM25 alone)."""


class BadQuery(SearchError):
    """A search request that cannot be run (empty question, unreadable queries file, k < 1)."""

    exit_code = 2
