"""Search: clause units, BM25 + dense indexes, fusion; built into and loaded from a store."""

from search.errors import IndexMissing, ModelUnavailable, SearchError
from search.hits import Hit
from search.index.update import IndexUpdate, update_index
from search.rank.searcher import Searcher, load_searcher

__all__ = [
    "Hit",
    "IndexMissing",
    "IndexUpdate",
    "ModelUnavailable",
    "SearchError",
    "Searcher",
    "load_searcher",
    "update_index",
]
