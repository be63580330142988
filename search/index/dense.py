"""The embedding index: faiss search over L2-normalised passage vectors, per unit.

Inner product of normalised vectors is the cosine. A unit may own several rows (its
whole passage and the sentence windows of a long clause); its score is the best of
them. Rows of one unit are contiguous, so ``counts`` (rows per unit, kept in
units.jsonl) says which rows belong to which unit.

faiss does the search: exact (flat) on small stores, IVF-SQ8 on large ones (the
kind is chosen by ``search.index.ann.plan_for``). Only each query's best ``depth``
units are scored, which is all fusion uses. A filter becomes a faiss ID selector, so
it is applied inside the search, before any cut: the rows outside it are never
candidates, and when the probed lists hold too few allowed rows the search widens
(more lists, then all), so a filter never leaves fewer results than exist. The
index file is memory-mapped (``IO_FLAG_MMAP_IFC``): processes serving one store
share its pages.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from search.index.ann import IndexPlan, array_chunks, build_index, plan_for

__all__ = ["DenseIndex"]

# Rows fetched per unit wanted, before widening: most units have one row.
_OVERFETCH = 2
# An approximate index hands this many times the rows wanted to an exact re-score
# against the memory-mapped float vectors: SQ8 codes alone swap near-ties (recall@10
# 0.95 -> 1.00 on bench_ann's 1 M set, for ~1 ms and 2 x depth rows read).
REFINE = 2


class DenseIndex:
    """Cosine search over unit embeddings, in unit order."""

    def __init__(
        self,
        index: faiss.Index,
        counts: np.ndarray | None = None,
        vectors: np.ndarray | None = None,
    ) -> None:
        self._index = index
        self.rows = int(index.ntotal)
        self.dim = int(index.d)
        self._ivf = faiss.try_extract_index_ivf(index)
        self.kind = "flat" if self._ivf is None else "ivf_sq8"
        self.nlist = int(self._ivf.nlist) if self._ivf is not None else 0
        self.nprobe = int(self._ivf.nprobe) if self._ivf is not None else 0
        counts = np.ones(self.rows, dtype=np.int64) if counts is None else np.asarray(counts)
        if int(counts.sum()) != self.rows or (counts < 1).any():
            raise ValueError(f"rows per unit add up to {int(counts.sum())}, not {self.rows}")
        self.size = len(counts)
        self.starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        self._single = bool((counts == 1).all())
        self._vectors = vectors

    @classmethod
    def build(
        cls, vectors: np.ndarray, counts: np.ndarray | None = None, plan: IndexPlan | None = None
    ) -> DenseIndex:
        """Index normalised float32 vectors; ``counts`` rows per unit (default one each)."""
        plan = plan or plan_for(len(vectors))
        sample = None
        if plan.kind != "flat":  # spread over the whole array: rows come ordered by document
            step = max(1, len(vectors) // plan.train_rows)
            sample = np.asarray(vectors[::step][: plan.train_rows], dtype=np.float32)
        index = build_index(plan, vectors.shape[1], array_chunks(vectors), sample)
        return cls(index, counts, vectors)

    def save(self, path: Path) -> None:
        """Write the faiss index file."""
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(
        cls, path: Path, counts: np.ndarray | None = None, vectors: np.ndarray | None = None
    ) -> DenseIndex:
        """Read what ``save`` wrote, memory-mapped."""
        return cls(faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC), counts, vectors)

    @property
    def plan(self) -> IndexPlan:
        return IndexPlan(self.kind, self.nlist, self.nprobe)

    @property
    def vectors(self) -> np.ndarray:
        """Every row's float32 vector (kept beside the index; a flat index holds them)."""
        if self._vectors is None:
            if self._ivf is not None:
                raise ValueError("an IVF-SQ8 index does not keep the float vectors")
            self._vectors = self._index.reconstruct_n(0, self.rows)
        return self._vectors

    def unit_rows(self, unit: int) -> np.ndarray:
        """The vectors of one unit."""
        end = self.starts[unit + 1] if unit + 1 < self.size else self.rows
        return self.vectors[self.starts[unit] : end]

    def _row_mask(self, mask: np.ndarray) -> np.ndarray:
        if self._single:
            return mask
        return np.repeat(mask, np.diff(np.append(self.starts, self.rows)))

    def _search(
        self, q: np.ndarray, k: int, rows: np.ndarray | None, nprobe: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """faiss search restricted to the allowed rows: (row ids, inner products)."""
        params: faiss.SearchParameters = faiss.SearchParameters()
        if self._ivf is not None:
            ivf_params = faiss.SearchParametersIVF()
            ivf_params.nprobe = nprobe
            params = ivf_params
        bits = None
        if rows is not None:  # the selector reads the bitmap during the search: keep it alive
            bits = np.packbits(rows, bitorder="little")
            params.sel = faiss.IDSelectorBitmap(self.rows, faiss.swig_ptr(bits))
        dist, ids = self._index.search(q, min(k, self.rows), params=params)
        del bits
        keep = ids[0] >= 0
        return ids[0][keep], dist[0][keep]

    def top(
        self, query: np.ndarray, depth: int, mask: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``depth`` best allowed units for the query: (unit ids, best row cosine), best
        first; fewer only when fewer units are allowed."""
        q = np.ascontiguousarray(np.asarray(query, dtype=np.float32).reshape(1, -1))
        rows = None if mask is None else self._row_mask(np.asarray(mask, dtype=bool))
        allowed_rows = self.rows if rows is None else int(rows.sum())
        allowed_units = self.size if mask is None else int(np.count_nonzero(mask))
        want = min(depth, allowed_units)
        if want <= 0 or not allowed_rows:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        k = want if self._single else want * _OVERFETCH
        refine = self._ivf is not None and self._vectors is not None
        k *= REFINE if refine else 1
        nprobe = self.nprobe
        if self._ivf is not None and rows is not None:  # a selective filter probes more lists
            share = allowed_rows / self.rows
            nprobe = min(self.nlist, max(self.nprobe, int(np.ceil(self.nprobe / share))))
        while True:
            ids, dist = self._search(q, k, rows, nprobe)
            units = ids if self._single else np.searchsorted(self.starts, ids, side="right") - 1
            if len(np.unique(units)) >= want or (k >= allowed_rows and nprobe >= self.nlist):
                break
            if len(ids) < min(k, allowed_rows) and self._ivf is not None and nprobe < self.nlist:
                nprobe = self.nlist  # the probed lists ran out of allowed rows: probe all
            else:
                k = min(allowed_rows, k * 2)  # rows of the same units filled the k
        if refine:  # exact cosines from the float rows, read in file order
            order = np.argsort(ids)
            exact = np.empty(len(ids), dtype=np.float32)
            exact[order] = np.asarray(self.vectors[ids[order]], dtype=np.float32) @ q[0]
            dist = exact
        if not self._single:
            order = np.lexsort((-dist, units))  # by unit, its best row first
            units, first = np.unique(units[order], return_index=True)
            dist = dist[order][first]
        best = np.argsort(-dist, kind="stable")[:want]
        return units[best], dist[best]

    def scores(
        self, query: np.ndarray, mask: np.ndarray | None = None, depth: int | None = None
    ) -> np.ndarray:
        """Best cosine of the query with each unit's rows, for the query's ``depth`` best
        allowed units (all units when ``depth`` is None); every other unit gets -inf."""
        units, best = self.top(query, self.size if depth is None else depth, mask)
        out = np.full(self.size, -np.inf, dtype=np.float32)
        out[units] = best
        return out
