"""BM25 sharded by document group: cut between documents, merged with corpus-wide IDF."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from search import load_searcher, update_index
from search.index import bm25_shards
from search.index.bm25 import BM25Index
from search.index.bm25_shards import ShardedBM25, shard_bounds
from search.index.update import IndexFiles, load_units
from search.rank.plan import plan_query
from tests.search.search_fixtures import DISTRICT, TOWN, facts_for


def test_shards_are_cut_only_between_documents() -> None:
    ids = ["a"] * 3 + ["b"] * 4 + ["c"] * 2 + ["d"]
    bounds = shard_bounds(ids, 4)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(ids)
    assert all(a2 == b1 for (_, b1), (a2, _) in itertools.pairwise(bounds))
    for _a, b in bounds:
        assert b == len(ids) or ids[b] != ids[b - 1]  # never inside a document
    assert len(bounds) > 1


def test_merged_scores_follow_the_whole_index_closer_than_a_naive_concatenation(
    tmp_path: Path,
) -> None:
    docs = [(d, facts_for(d)) for d in (TOWN, DISTRICT)]
    update_index(tmp_path, docs, progress=False, encoder=None)
    units = [u for u, _ in load_units(IndexFiles(tmp_path / "search"))]
    texts, doc_ids = [u.lexical for u in units], [u.doc_id for u in units]
    whole = BM25Index.build(texts)
    sharded = ShardedBM25.build(texts, doc_ids, limit=len(units) // 2)
    assert len(sharded.shards) == 2 and sharded.size == whole.size
    naive = ShardedBM25(sharded.shards)
    naive_errors, merged_errors = [], []
    for question in ("安全生产委员会全体会议", "主要负责人带队检查", "事故瞒报处理"):
        weights = plan_query(question).weights
        exact = whole.scores(weights)
        merged = sharded.scores(weights)
        raw = np.concatenate([s.scores(weights) for s in naive.shards])
        merged_errors.append(np.abs(merged - exact).mean())
        naive_errors.append(np.abs(raw - exact).mean())
        assert merged.argmax() == exact.argmax()
    assert sum(merged_errors) < sum(naive_errors)


def test_a_build_above_the_limit_writes_shards_and_searches_them(tmp_path, monkeypatch) -> None:
    docs = [(d, facts_for(d)) for d in (TOWN, DISTRICT)]
    update_index(tmp_path / "one", docs, progress=False, encoder=None)
    monkeypatch.setattr(bm25_shards, "SHARD_UNITS", 5)
    update_index(tmp_path / "many", docs, progress=False, encoder=None)
    assert len(list((tmp_path / "many" / "search" / "bm25").glob("shard-*"))) >= 2
    one, many = load_searcher(tmp_path / "one"), load_searcher(tmp_path / "many")
    assert isinstance(many.bm25, ShardedBM25)
    for question in ("瞒报事故怎么处理", "安委会全体会议"):
        assert [h.clause_id for h in many.search(question, k=3)][:1] == [
            h.clause_id for h in one.search(question, k=3)
        ][:1]
    # a question both documents answer: the level filter keeps the township's clauses only
    question = "安全生产带队检查"
    assert {h.level for h in many.search(question, k=20)} > {"township"}
    town = many.search(question, k=20, level="township")
    assert town and all(h.level == "township" for h in town)
