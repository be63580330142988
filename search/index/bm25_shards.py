"""BM25 sharded by document group, merged with corpus-wide IDF.

One BM25 index does not fit a national corpus on one node: building holds ~3 GB
per million units and a query scores every unit (``benchmarks/bench_bm25.py``;
the country is ~37 M units). Above ``SHARD_UNITS`` the units are cut into shards
of whole documents (contiguous in unit order, so a document group such as a
province stays together); each shard is an ordinary ``BM25Index``, built alone
(its memory bounded by the shard) and saved in ``bm25/shard-NNN``.

The merge: Lucene BM25 is ``idf(t) x tf-part(t, unit)``. Each shard's scores use its
own IDF, so a query's weight for token ``t`` in a shard is multiplied by
``idf_all(t) / idf_shard(t)``, with ``idf_all`` from the summed document
frequencies and unit counts of all shards. The tf part keeps the shard's average
unit length, which for shards of thousands of documents of one mix is the
corpus's to a few percent. Shard scores are concatenated in unit order, so the
searcher, its filters and fusion see one score per unit, as with one index.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from search.index.bm25 import BM25Index

__all__ = ["SHARD_UNITS", "ShardedBM25", "load_lexical", "shard_bounds"]

SHARD_UNITS = 2_000_000  # ~6 GB to build, ~0.8 GB loaded per shard (bench_bm25)


def idf(units: int, df: int) -> float:
    """Lucene's IDF, as bm25s computes it."""
    return math.log(1 + (units - df + 0.5) / (df + 0.5))


def shard_bounds(doc_ids: Sequence[str], limit: int) -> list[tuple[int, int]]:
    """Unit ranges of about ``limit`` units (a shard ends at the first document end at
    or past it), cut only between documents."""
    bounds, start, n = [], 0, len(doc_ids)
    for i in range(1, n + 1):
        at_document_end = i == n or doc_ids[i] != doc_ids[i - 1]
        if at_document_end and (i == n or i - start >= limit):
            bounds.append((start, i))
            start = i
    return bounds


class ShardedBM25:
    """BM25 over shards of units; scores for every unit, in unit order."""

    def __init__(self, shards: list[BM25Index]) -> None:
        self.shards = shards
        self.size = sum(s.size for s in shards)

    @classmethod
    def build(cls, texts: Sequence[str], doc_ids: Sequence[str], limit: int) -> ShardedBM25:
        """One BM25Index per group of whole documents of at most ``limit`` units."""
        return cls([BM25Index.build(texts[a:b]) for a, b in shard_bounds(doc_ids, limit)])

    def save(self, directory: Path) -> None:
        for i, shard in enumerate(self.shards):
            shard.save(directory / f"shard-{i:03d}")

    @classmethod
    def load(cls, directory: Path) -> ShardedBM25:
        return cls([BM25Index.load(d) for d in sorted(directory.glob("shard-*"))])

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields every shard holds."""
        if not self.shards:
            return ()
        return tuple(f for f in self.shards[0].fields if all(f in s.fields for s in self.shards))

    def scores(self, weighted_tokens: Mapping[str, float], field: str = "words") -> np.ndarray:
        """Each shard's BM25 with the corpus-wide IDF, concatenated."""
        if field not in self.fields:
            return np.zeros(self.size, dtype=np.float32)
        dfs = {t: [s.df(t, field) for s in self.shards] for t in weighted_tokens}
        parts = []
        for i, shard in enumerate(self.shards):
            weights = {
                t: w * idf(self.size, sum(dfs[t])) / idf(shard.size, dfs[t][i])
                for t, w in weighted_tokens.items()
                if dfs[t][i]
            }
            parts.append(shard.scores(weights, field))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)


def load_lexical(directory: Path) -> BM25Index | ShardedBM25:
    """The lexical index a build wrote: one BM25Index, or shards of one."""
    if any(directory.glob("shard-*")):
        return ShardedBM25.load(directory)
    return BM25Index.load(directory)
