"""The embedding index: faiss IndexFlatIP over L2-normalised passage vectors.

Inner product of normalised vectors is the cosine. The index is persisted with
``faiss.write_index`` (no pickles); on load its vectors are also viewed as one
matrix so a query scores every unit at once (one BLAS matrix-vector product),
which filters and fusion need, and so unchanged clauses' vectors can be reused
by the next build.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

__all__ = ["DenseIndex"]


class DenseIndex:
    """Exact cosine search over unit embeddings, in unit order."""

    def __init__(self, index: faiss.IndexFlatIP) -> None:
        self._index = index
        self.size = int(index.ntotal)
        self.dim = int(index.d)
        codes = faiss.vector_to_array(index.codes)
        self.vectors = codes.view(np.float32).reshape(self.size, self.dim)

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        """Index normalised float32 vectors (one row per unit)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        index = faiss.IndexFlatIP(vectors.shape[1])
        if len(vectors):
            index.add(vectors)
        return cls(index)

    def save(self, path: Path) -> None:
        """Write the faiss index file."""
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        """Read what ``save`` wrote."""
        return cls(faiss.read_index(str(path)))

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine of the (normalised) query with every unit."""
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        return self.vectors @ q

    def top(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """faiss top-k (scores, unit numbers) without filters."""
        q = np.asarray(query, dtype=np.float32).reshape(1, -1)
        scores, ids = self._index.search(q, min(k, self.size))
        return scores[0], ids[0]
