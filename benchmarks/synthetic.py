"""Synthetic embedding sets shaped like e5 passage vectors, generated in chunks.

Real e5-small passage vectors are strongly anisotropic: two unrelated clauses of
corpus/ have cosine ~0.90, a clause and its nearest neighbour ~0.96 (bench_ann
prints both beside the synthetic set's). A row here is a common direction, plus
one of ``topics`` topic directions, plus low-rank noise in a shared 64-d subspace
scaled per topic (text embeddings have a low intrinsic dimension), plus a little
isotropic noise; normalised. Chunk ``i`` depends only on (seed, i), so a set of 10 M
rows is never held whole: the exact-search ground truth regenerates it chunk by chunk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

__all__ = ["SyntheticSet"]

_SUBSPACE = 64


@dataclass(frozen=True)
class SyntheticSet:
    """``rows`` vectors of width ``dim`` (seeded), delivered ``chunk`` rows at a time."""

    rows: int
    dim: int = 384
    topics: int = 2000
    chunk: int = 100_000
    seed: int = 0
    common: float = 3.0  # weight of the direction every row shares
    topic: float = 0.8  # weight of the row's topic direction
    noise: float = 0.7  # weight of the low-rank noise
    iso: float = 0.15  # weight of the isotropic noise

    def _basis(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        rng = np.random.default_rng([self.seed, 0])
        common = _unit(rng.standard_normal(self.dim))
        topics = _unit(rng.standard_normal((self.topics, self.dim)))
        basis, _ = np.linalg.qr(rng.standard_normal((self.dim, _SUBSPACE)))
        scales = rng.uniform(0.3, 1.0, (self.topics, _SUBSPACE))
        return common, topics, basis.T.astype(np.float32), scales.astype(np.float32)

    def _make(self, n: int, rng: np.random.Generator, parts) -> np.ndarray:
        common, topics, basis, scales = parts
        which = rng.integers(0, self.topics, n)
        low = rng.standard_normal((n, _SUBSPACE)).astype(np.float32) * scales[which]
        low = (low / np.sqrt(_SUBSPACE)) @ basis
        iso = rng.standard_normal((n, self.dim)).astype(np.float32) / np.sqrt(self.dim)
        x = self.common * common + self.topic * topics[which] + self.noise * low + self.iso * iso
        return _unit(x.astype(np.float32))

    def chunks(self) -> Iterator[np.ndarray]:
        """Every row, in order, ``chunk`` rows at a time."""
        parts = self._basis()
        for i, start in enumerate(range(0, self.rows, self.chunk)):
            n = min(self.chunk, self.rows - start)
            yield self._make(n, np.random.default_rng([self.seed, 1, i]), parts)

    def queries(self, n: int) -> np.ndarray:
        """Fresh rows from the same distribution (never in the set)."""
        return self._make(n, np.random.default_rng([self.seed, 2]), self._basis())


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)
