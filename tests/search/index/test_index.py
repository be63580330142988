"""Building, persisting and querying the search index with a fake encoder (no model)."""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

import numpy as np
import pytest

from search import load_searcher, update_index
from search.index.update import IndexFiles, load_units
from search.model.encoder import HashingEncoder, load_encoder
from search.rank.plan import plan_query
from search.rank.searcher import SearchParams, _load
from tests.search.search_fixtures import TOWN, facts_for, make_doc


class CountingEncoder(HashingEncoder):
    """A HashingEncoder that remembers which passages it was asked to encode."""

    def __init__(self) -> None:
        super().__init__(dim=128)
        self.passages: list[str] = []

    def encode_passages(self, texts, batch_size=32, progress=False):
        self.passages.extend(texts)
        return super().encode_passages(texts, batch_size, progress)


def _edit(doc, clause_id, text):
    clauses = tuple(
        dataclasses.replace(c, text=text) if c.clause_id == clause_id else c for c in doc.clauses
    )
    return dataclasses.replace(doc, clauses=clauses)


def test_incremental_update_encodes_only_changed_clauses(tmp_path: Path, docs) -> None:
    enc = CountingEncoder()
    first = update_index(tmp_path, docs, progress=False, encoder=enc)
    assert first.encoded == len(enc.passages) == first.units > 0

    enc.passages.clear()
    again = update_index(tmp_path, docs, progress=False, encoder=enc)
    assert again.encoded == 0 and enc.passages == []

    changed = _edit(
        TOWN, "sec_2__item_1__sub_3", "3.发生较大事故时，主要负责人立即赶赴现场组织救援。"
    )
    update_index(tmp_path, [(changed, facts_for(changed)), docs[1]], progress=False, encoder=enc)
    assert len(enc.passages) == 1 and "立即赶赴现场组织救援" in enc.passages[0]

    enc.passages.clear()
    smaller = update_index(tmp_path, [docs[1]], progress=False, encoder=enc)
    assert enc.passages == [] and smaller.documents == 1


def test_index_written_by_another_version_is_reused_not_fatal(tmp_path: Path, docs) -> None:
    # A field this version does not know (written by a newer one) must not stop a rebuild.
    enc = CountingEncoder()
    update_index(tmp_path, docs, progress=False, encoder=enc)
    units = IndexFiles(tmp_path / "search").units
    rows = [
        ln.replace('{"doc_id"', '{"future_field": [1], "doc_id"', 1)
        for ln in units.read_text(encoding="utf-8").splitlines()
    ]
    units.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert [u for u, _ in load_units(IndexFiles(tmp_path / "search"))]
    enc.passages.clear()
    assert update_index(tmp_path, docs, progress=False, encoder=enc).encoded == 0


def test_items_carry_their_heading_path_as_context(tmp_path: Path, docs) -> None:
    update_index(tmp_path, docs, progress=False, encoder=HashingEncoder())
    units = {u.clause_id: u for u, _ in load_units(IndexFiles(tmp_path / "search"))}
    item = units["sec_2__item_1__sub_2"]
    assert "镇党委主要负责人的安全生产工作职责" in item.context
    assert item.text.startswith("2.主要领导每月") and "工作职责" not in item.text
    assert "sec_2" not in units  # a bare heading is context, not a result


def test_persisted_index_reloads_to_the_same_results(tmp_path: Path, docs) -> None:
    enc = HashingEncoder()
    update_index(tmp_path, docs, progress=False, encoder=enc)
    first = load_searcher(tmp_path, encoder=enc)
    assert load_searcher(tmp_path, encoder=enc) is first  # loaded once per process
    before = first.search("安委会多久开一次全体会议", k=5)
    _load.cache_clear()
    again = load_searcher(tmp_path, encoder=enc)
    assert again is not first
    assert again.search("安委会多久开一次全体会议", k=5) == before
    assert (tmp_path / "search" / "dense.faiss").exists()
    assert not list((tmp_path / "search").rglob("*.pkl"))


def test_bm25_alone_with_no_model_warns_and_works(tmp_path: Path, docs, monkeypatch) -> None:
    monkeypatch.setenv("DUTYGRAPH_MODEL", "none")
    load_encoder.cache_clear()
    try:
        with pytest.warns(RuntimeWarning, match="BM25"):
            info = update_index(tmp_path, docs, progress=False)
        assert info.model is None and not (tmp_path / "search" / "dense.faiss").exists()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            searcher = load_searcher(tmp_path)
        hits = searcher.search("瞒报事故怎么处理", k=3)
        assert hits and hits[0].clause_id in {"art_11", "art_13"}
        assert searcher.search("瞒报事故怎么处理", k=3, mode="bm25") == hits
    finally:
        load_encoder.cache_clear()


def test_dense_mode_uses_the_vectors(tmp_path: Path, docs) -> None:
    enc = HashingEncoder()
    update_index(tmp_path, docs, progress=False, encoder=enc)
    s = load_searcher(tmp_path, encoder=enc)
    text = TOWN.clause("sec_2__item_1__sub_4").text
    assert s.search(text, k=1, mode="dense")[0].clause_id == "sec_2__item_1__sub_4"
    assert np.isfinite([h.score for h in s.search("检查", k=5, mode="hybrid")]).all()


def test_alias_in_question_finds_canonical_term(tmp_path: Path, docs) -> None:
    update_index(tmp_path, docs, progress=False, encoder=None)
    s = load_searcher(tmp_path)
    # 安委会 is not in any clause; only its expansion 安全生产委员会 is.
    assert all("安委会" not in u.text for u in s.units)
    top = s.search("安委会全体会议", k=2, mode="bm25")
    assert top and all("安全生产委员会" in h.text for h in top)


def test_filters_apply_before_the_top_k_cut(tmp_path: Path, docs) -> None:
    update_index(tmp_path, docs, progress=False, encoder=HashingEncoder())
    s = load_searcher(tmp_path, encoder=HashingEncoder())
    town_units = [u for u in s.units if u.level == "township"]
    # the district's clauses match this question best, yet the filter still fills k
    hits = s.search("各级政府主要负责人担任安全生产委员会主任", k=len(town_units), level="township")
    assert len(hits) == len(town_units)
    assert {h.doc_id for h in hits} == {"town"}
    assert {h.doc_id for h in s.search("区安全生产委员会", k=3, doc="district")} == {"district"}
    assert [h.doc_id for h in s.search("安全生产", k=10, region="王益区")] == ["district"] * 6
    roles = s.search("安全生产", k=50, role="党委主要负责人")
    wanted = {u.clause_id for u in s.units if "党委主要负责人" in u.roles}
    assert {h.clause_id for h in roles} == wanted
    sanctioned = s.search("事故", k=5, sanction="组织处理")
    assert [h.clause_id for h in sanctioned] == ["art_11"]
    assert s.search("事故", k=5, level="province") == []


def test_highlights_point_at_matched_words(tmp_path: Path, docs) -> None:
    update_index(tmp_path, docs, progress=False, encoder=None)
    s = load_searcher(tmp_path)
    hit = s.search("谎报瞒报事故", k=1)[0]
    marked = [hit.text[a:b] for a, b in hit.highlights]
    words = plan_query("谎报瞒报事故").terms  # the question's words and their expansions
    assert marked and all(any(w in m for w in words if len(w) > 1) for m in marked)
    assert all(0 <= a < b <= len(hit.text) for a, b in hit.highlights)
    assert "瞒报事故" in marked


def test_long_clause_scores_by_its_best_sentence_window(tmp_path: Path) -> None:
    from search.index.units import CHUNK_CHARS

    filler = "各级各部门要加强安全生产宣传教育，提高全民安全意识。" * 8
    rows = [
        (
            "art_1",
            None,
            "article",
            "第一条",
            f"第一条 {filler}建立安全生产举报奖励制度，奖励举报人。",
        )
    ]
    doc = make_doc("long", "长条文", "city", rows)
    assert len(doc.clauses[0].text) > CHUNK_CHARS
    enc = CountingEncoder()
    info = update_index(tmp_path, [(doc, facts_for(doc))], progress=False, encoder=enc)
    assert info.units == 1 and info.passages == len(enc.passages) > 2
    assert all(len(p) <= CHUNK_CHARS + 40 for p in enc.passages[1:])
    s = load_searcher(tmp_path, encoder=enc)
    q = enc.encode_queries(["举报奖励制度"])[0]
    rows = enc.encode_passages(enc.passages[: info.passages]) @ q
    assert s.dense.scores(q)[0] == pytest.approx(rows.max(), abs=1e-5)
    assert rows.argmax() > 0  # the window with the words, not the whole clause


def test_region_named_in_question_lifts_its_documents(tmp_path: Path, docs) -> None:
    update_index(tmp_path, docs, progress=False, encoder=None)
    s = load_searcher(tmp_path)
    plain = s.search("每季度召开全体会议", k=2)
    assert {h.doc_id for h in plain} == {"town", "district"}
    assert s.search("大栗港每季度召开全体会议", k=1)[0].doc_id == "town"
    assert s.search("王益每季度召开全体会议", k=1)[0].doc_id == "district"
    # Fused order only (no rerank): the boost moves every town clause up, none down.
    fused_only = s.with_params(SearchParams(rerank=None))
    unboosted = s.with_params(SearchParams(region_boost=0.0, rerank=None))
    q = "大栗港每季度召开全体会议"
    with_town = [h.clause_id for h in fused_only.search(q, k=len(s.units))]
    without = [h.clause_id for h in unboosted.search(q, k=len(s.units))]
    town_ids = {u.clause_id for u in s.units if u.doc_id == "town"}
    assert town_ids <= set(with_town)
    assert all(with_town.index(c) <= without.index(c) for c in town_ids)


def test_bm25_weighs_less_when_its_best_clause_lacks_the_questions_words(
    tmp_path: Path, docs
) -> None:
    enc = HashingEncoder(dim=128)
    update_index(tmp_path, docs, progress=False, encoder=enc)
    s = load_searcher(tmp_path, encoder=enc).with_params(SearchParams(lexical_trust=0.5))
    base = s.params.fusion.alpha
    assert s.dense is not None

    def alpha(question: str) -> float:
        plan = plan_query(question)
        lexical = s.bm25.scores(plan.weights)
        dense = s.dense.scores(enc.encode_queries([question])[0])
        return s._fusion(plan, lexical, dense, None).alpha

    # A clause's own text: its words are found (expansions aside), BM25 keeps most weight.
    covered = next(u.text for u in s.units if len(u.text) > 10)
    assert 0.9 * base < alpha(covered) <= base
    # Many of the question's words in no clause: BM25 counts less, never below zero.
    story = covered + " 昨天邻居老王跟我吵架说他家孩子上学迟到"
    assert 0 < alpha(story) < alpha(covered)
    assert s.with_params(SearchParams(lexical_trust=0.0))._fusion(
        plan_query(story), s.bm25.scores(plan_query(story).weights), None, None
    ).alpha == pytest.approx(base)
