"""The dense index: faiss search, flat or IVF-SQ8, filters inside the search."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from search import load_searcher, update_index
from search.index import ann
from search.index.ann import IndexPlan, plan_for
from search.index.dense import DenseIndex
from search.model.encoder import HashingEncoder


def _clustered(rows: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((40, dim))
    x = centres[rng.integers(0, 40, rows)] + 0.5 * rng.standard_normal((rows, dim))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _exact_units(vectors, counts, q, mask=None) -> np.ndarray:
    """Per-unit best cosine by brute force: what every index must agree with."""
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    best = np.maximum.reduceat(vectors @ q, starts)
    if mask is not None:
        best = np.where(mask, best, -np.inf)
    return best


def test_plan_is_flat_when_small_and_ivf_sized_to_the_rows_when_large() -> None:
    assert plan_for(ann.FLAT_MAX_ROWS).kind == "flat"
    small, large = plan_for(ann.FLAT_MAX_ROWS + 1), plan_for(100 * ann.FLAT_MAX_ROWS)
    assert small.kind == large.kind == "ivf_sq8"
    assert small.nlist < large.nlist and small.nprobe <= large.nprobe
    for p in (small, large, plan_for(500, flat_max=0)):
        assert 1 <= p.nprobe <= p.nlist and p.train_rows <= max(p.nlist * 64, 500)


@pytest.mark.parametrize("kind", ["flat", "ivf_sq8"])
def test_scores_match_brute_force_for_the_best_units(kind: str) -> None:
    vectors = _clustered(3000)
    counts = np.array([1, 3, 2] * 400 + [1] * 600)  # multi-row units, as long clauses have
    plan = plan_for(len(vectors), flat_max=10**9 if kind == "flat" else 0)
    index = DenseIndex.build(vectors, counts, plan)
    assert index.kind == kind
    q = _clustered(1, seed=1)[0]
    exact = _exact_units(vectors, counts, q)
    units, scores = index.top(q, 20)
    want = np.argsort(-exact)[:20]
    recall = len(set(units.tolist()) & set(want.tolist())) / 20
    assert recall >= (1.0 if kind == "flat" else 0.9)
    assert np.all(np.diff(scores) <= 1e-6)  # best first
    # the scores reported are the exact cosines (IVF re-scores its candidates)
    assert np.allclose(scores, exact[units], atol=1e-5)


@pytest.mark.parametrize("kind", ["flat", "ivf_sq8"])
def test_a_filter_is_applied_inside_the_search_and_never_short(kind: str) -> None:
    vectors = _clustered(4000)
    plan = plan_for(len(vectors), flat_max=10**9 if kind == "flat" else 0)
    index = DenseIndex.build(vectors, None, plan)
    q = vectors[7]
    for allowed in (3, 50, 1500):  # rare filters: the probed lists hold few or none of them
        mask = np.zeros(len(vectors), dtype=bool)
        far = np.argsort(vectors @ q)[:allowed]  # the units least like the query
        mask[far] = True
        for depth in (1, 10, 100):
            units, _ = index.top(q, depth, mask)
            assert len(units) == min(depth, allowed)
            assert mask[units].all()
        scores = index.scores(q, mask, depth=10)
        assert np.isneginf(scores[~mask]).all()
        best = _exact_units(vectors, np.ones(len(vectors), int), q, mask)
        assert scores.argmax() == best.argmax()


def test_ivf_index_reloads_memory_mapped_to_the_same_answers(tmp_path: Path) -> None:
    vectors = _clustered(3000)
    index = DenseIndex.build(vectors, None, plan_for(len(vectors), flat_max=0))
    index.save(tmp_path / "dense.faiss")
    np.save(tmp_path / "vectors.npy", vectors)
    again = DenseIndex.load(
        tmp_path / "dense.faiss", vectors=np.load(tmp_path / "vectors.npy", mmap_mode="r")
    )
    assert (again.kind, again.nlist, again.nprobe) == (index.kind, index.nlist, index.nprobe)
    q = vectors[11]
    assert np.array_equal(again.top(q, 10)[0], index.top(q, 10)[0])


def test_the_build_chooses_the_index_and_records_it(tmp_path: Path, docs, monkeypatch) -> None:
    enc = HashingEncoder()
    small = update_index(tmp_path / "a", docs, progress=False, encoder=enc)
    assert small.index == IndexPlan("flat").as_dict()
    monkeypatch.setattr(ann, "FLAT_MAX_ROWS", 0)
    big = update_index(tmp_path / "b", docs, progress=False, encoder=enc)
    assert big.index is not None and big.index["kind"] == "ivf_sq8" and big.index["nlist"] >= 1
    flat = load_searcher(tmp_path / "a", encoder=enc)
    ivf = load_searcher(tmp_path / "b", encoder=enc)
    assert ivf.dense is not None and ivf.dense.kind == "ivf_sq8"
    for question in ("安全生产委员会全体会议", "事故瞒报"):
        # every unit fits in the probed lists here, and candidates are re-scored exactly
        assert ivf.search(question, k=5) == flat.search(question, k=5)
    # a question both documents answer: the level filter keeps the township's clauses only
    question = "安全生产带队检查"
    assert {h.level for h in ivf.search(question, k=50)} > {"township"}
    town = ivf.search(question, k=50, level="township")
    assert town and all(h.level == "township" for h in town)
    assert town == flat.search(question, k=50, level="township")
