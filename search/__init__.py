"""Search: clause units, BM25 + dense indexes, fusion; built into and loaded from a store."""

from search.errors import IndexMissing, ModelUnavailable, SearchError
from search.index.update import update_index
from search.rank.searcher import Searcher, load_searcher

__all__ = [
    "IndexMissing",
    "ModelUnavailable",
    "SearchError",
    "Searcher",
    "load_searcher",
    "update_index",
]
