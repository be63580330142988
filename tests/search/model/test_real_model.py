"""End to end with the real embedding model over the five seeds (slow)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import ingest
from search import load_searcher, update_index
from search.model.encoder import load_encoder


@pytest.mark.slow
def test_hybrid_search_over_the_seeds_finds_the_clause(tmp_path: Path, seed_paths) -> None:
    load_encoder.cache_clear()  # another test may have cached a switched-off model
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        encoder = load_encoder()
    if encoder is None:
        pytest.skip("no embedding model available")
    docs = []
    for path in seed_paths.values():
        doc = ingest.parse_file(path)
        docs.append((doc, ingest.extract_facts(doc)))
    info = update_index(tmp_path, docs, progress=False, encoder=encoder)
    assert info.model and 0 < info.encoded <= info.passages  # repeats encoded once
    assert info.passages >= info.units
    searcher = load_searcher(tmp_path, encoder=encoder)
    cases = {
        "镇里其他班子成员每个月要带队检查几次": "其他班子成员每月不少于两次",
        "安全生产风险抵押金还要交吗": "取消安全生产风险抵押金制度",
        "企业员工内部举报违法行为有保护吗": "吹哨人",
    }
    for question, words in cases.items():
        for mode in ("hybrid", "dense"):
            texts = [h.text for h in searcher.search(question, k=10, mode=mode)]
            assert any(words in t for t in texts), (mode, question)


@pytest.mark.slow
def test_questions_take_the_onnx_path_and_get_the_pytorch_vectors() -> None:
    load_encoder.cache_clear()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        encoder = load_encoder()
    if encoder is None:
        pytest.skip("no embedding model available")
    assert encoder.queries is not None  # the bundled model exports its question graph
    questions = ["镇里其他班子成员每个月要带队检查几次", "企业负责人不履行安全管理职责要罚多少钱"]
    fast = encoder.encode_queries(questions)
    slow = encoder._forward(questions, encoder.query_prefix, batch_size=8)
    assert fast.shape == slow.shape
    assert float((fast * slow).sum(axis=1).min()) > 0.9999
