"""The embedding index: faiss IndexFlatIP over L2-normalised passage vectors.

Inner product of normalised vectors is the cosine. A unit may own several rows (its
whole passage and the sentence windows of a long clause); its score is the best of
them. Rows of one unit are contiguous, so ``counts`` (rows per unit, kept in
units.jsonl) says which rows belong to which unit. The index is persisted with
``faiss.write_index`` (no pickles); on load its vectors are also viewed as one
matrix so a query scores every row at once (one BLAS matrix-vector product), which
filters and fusion need, and so unchanged passages' vectors can be reused by the
next build.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

__all__ = ["DenseIndex"]


class DenseIndex:
    """Exact cosine search over unit embeddings, in unit order."""

    def __init__(self, index: faiss.Index, counts: np.ndarray | None = None) -> None:
        self._index = index
        self.rows = int(index.ntotal)
        self.dim = int(index.d)
        flat = faiss.downcast_index(index)
        if not isinstance(flat, faiss.IndexFlat):  # the vectors are read in place, as stored
            raise ValueError(f"expected a flat faiss index, not {type(flat).__name__}")
        codes = faiss.vector_to_array(flat.codes)
        self.vectors = codes.view(np.float32).reshape(self.rows, self.dim)
        counts = np.ones(self.rows, dtype=np.int64) if counts is None else np.asarray(counts)
        if int(counts.sum()) != self.rows or (counts < 1).any():
            raise ValueError(f"rows per unit add up to {int(counts.sum())}, not {self.rows}")
        self.size = len(counts)
        self.starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        self._single = bool((counts == 1).all())

    @classmethod
    def build(cls, vectors: np.ndarray, counts: np.ndarray | None = None) -> DenseIndex:
        """Index normalised float32 vectors; ``counts`` rows per unit (default one each)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        index = faiss.IndexFlatIP(vectors.shape[1])
        if len(vectors):
            index.add(vectors)
        return cls(index, counts)

    def save(self, path: Path) -> None:
        """Write the faiss index file."""
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, counts: np.ndarray | None = None) -> DenseIndex:
        """Read what ``save`` wrote."""
        return cls(faiss.read_index(str(path)), counts)

    def unit_rows(self, unit: int) -> np.ndarray:
        """The vectors of one unit."""
        end = self.starts[unit + 1] if unit + 1 < self.size else self.rows
        return self.vectors[self.starts[unit] : end]

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Best cosine of the (normalised) query with each unit's rows."""
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        row_scores = self.vectors @ q
        if self._single:
            return row_scores
        return np.maximum.reduceat(row_scores, self.starts)
