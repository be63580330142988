"""Which faiss index a store gets, and building it without a second copy of the vectors.

Below ``FLAT_MAX_ROWS`` rows the index is exact (``IndexFlatIP``): a query costs one
pass over every vector, a few milliseconds at that size. Above it the index is
IVF with 8-bit scalar quantisation (``IVF{nlist},SQ8``): a quarter of the memory of
the float vectors and a query scans only ``nprobe`` of the ``nlist`` lists. The
choice is made by the build from the row count and recorded in ``meta.json`` and the
manifest; ``benchmarks/bench_ann.py`` measures recall@10 against exact search,
latency and memory at 1 M and 10 M rows (those figures chose the constants below).

IVF training is k-means on a sample; the vectors are then added in chunks, so a
build never holds more than the caller's vectors plus the compressed codes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

import faiss
import numpy as np

__all__ = ["FLAT_MAX_ROWS", "IndexPlan", "build_index", "plan_for"]

# Exact search up to here: a flat pass costs ~9 ms of CPU per query at 50 k x 384 float32
# (bench_ann's "flat" line; 45 ms at 250 k), while IVF-SQ8 answers 300 k rows in ~8 ms.
FLAT_MAX_ROWS = 50_000
# Lists per sqrt(rows): ~1,000 rows a list at 1 M, ~2,000 at 10 M (k-means stays affordable).
LISTS_PER_SQRT = 1.0
# Lists probed per query, as a share of nlist (and at least MIN_PROBE). On bench_ann's
# synthetic sets recall@10 (with the exact re-score) is 1.00 from nprobe 8 of 1,024 lists
# at 1 M and from 16 of 4,096 at 10 M; 1/128 (16 and 32) leaves a 2x margin for real
# vectors, whose neighbourhoods are less clustered; query time grows with nprobe.
PROBE_SHARE = 1 / 128
MIN_PROBE = 16
# k-means training points per list (faiss warns below 39).
TRAIN_PER_LIST = 64
CHUNK_ROWS = 65_536


@dataclass(frozen=True, slots=True)
class IndexPlan:
    """The index kind and its parameters, as recorded in meta.json."""

    kind: str  # "flat" | "ivf_sq8"
    nlist: int = 0
    nprobe: int = 0

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)

    @property
    def train_rows(self) -> int:
        return self.nlist * TRAIN_PER_LIST


def plan_for(rows: int, flat_max: int | None = None) -> IndexPlan:
    """Flat up to ``flat_max`` rows (default ``FLAT_MAX_ROWS``), else IVF-SQ8 sized to them."""
    if rows <= (FLAT_MAX_ROWS if flat_max is None else flat_max):
        return IndexPlan("flat")
    nlist = 2 ** round(math.log2(max(1.0, LISTS_PER_SQRT * math.sqrt(rows))))
    nlist = max(1, min(nlist, rows // TRAIN_PER_LIST))  # enough rows to train every list
    return IndexPlan("ivf_sq8", nlist, min(nlist, max(MIN_PROBE, round(nlist * PROBE_SHARE))))


def build_index(
    plan: IndexPlan,
    dim: int,
    chunks: Callable[[], Iterable[np.ndarray]],
    sample: np.ndarray | None = None,
) -> faiss.Index:
    """An index of the plan's kind holding every row ``chunks()`` yields, in order.

    ``sample`` trains the IVF quantisers (default: the first ``plan.train_rows`` rows
    taken from the chunks); rows must be L2-normalised (inner product = cosine).
    """
    if plan.kind == "flat":
        index: faiss.Index = faiss.IndexFlatIP(dim)
    elif plan.kind == "ivf_sq8":
        quantizer = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFScalarQuantizer(
            quantizer, dim, plan.nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
        )
        index.train(np.ascontiguousarray(_sample(chunks, plan.train_rows, sample)))
        index.nprobe = plan.nprobe
    else:
        raise ValueError(f"unknown index kind {plan.kind!r}")
    for chunk in chunks():
        if len(chunk):
            index.add(np.ascontiguousarray(chunk, dtype=np.float32))
    return index


def _sample(
    chunks: Callable[[], Iterable[np.ndarray]], rows: int, sample: np.ndarray | None
) -> np.ndarray:
    if sample is not None:
        return np.asarray(sample, dtype=np.float32)
    taken, have = [], 0
    for chunk in chunks():
        taken.append(np.asarray(chunk[: rows - have], dtype=np.float32))
        have += len(taken[-1])
        if have >= rows:
            break
    return np.concatenate(taken)


def array_chunks(vectors: np.ndarray, rows: int = CHUNK_ROWS) -> Callable[[], Iterable[np.ndarray]]:
    """``chunks`` over an in-memory or memory-mapped array, ``rows`` at a time."""

    def chunks() -> Iterable[np.ndarray]:
        for start in range(0, len(vectors), rows):
            yield vectors[start : start + rows]

    return chunks
