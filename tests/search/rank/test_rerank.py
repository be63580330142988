"""The second pass: coverage bonus, table rows spread out, parent and child not both shown."""

from __future__ import annotations

import numpy as np

from search.index.units import Unit
from search.rank.rerank import RerankParams, rerank


def _unit(clause_id: str, text: str, doc: str = "d") -> Unit:
    return Unit(doc, "T", clause_id, (), text, "", "county", "")


def test_coverage_lifts_the_clause_holding_the_question_words() -> None:
    units = [_unit("art_1", "召开会议"), _unit("art_2", "每季度至少召开1次全体会议")]
    fused = np.array([1.0, 0.9])
    weights = {"每季度": 1.0, "全体会议": 1.0}
    assert [i for i, _ in rerank(fused, None, units, weights, 2)] == [1, 0]
    off = RerankParams(coverage=0.0)
    assert [i for i, _ in rerank(fused, None, units, weights, 2, off)] == [0, 1]


def test_rows_of_one_table_beyond_the_cap_move_behind_other_answers() -> None:
    units = [_unit(f"att_1__row_{n}", f"带队领导：{n}") for n in range(1, 5)]
    units.append(_unit("art_3", "其他答案"))
    fused = np.array([1.0, 0.99, 0.98, 0.97, 0.5])
    order = [i for i, _ in rerank(fused, None, units, {}, 5, RerankParams(coverage=0.0))]
    assert order == [0, 1, 4, 2, 3]
    scores = [sc for _, sc in rerank(fused, None, units, {}, 5, RerankParams(coverage=0.0))]
    assert scores == sorted(scores, reverse=True)


def test_an_item_of_a_ranked_article_yields_unless_it_holds_more_of_the_question() -> None:
    units = [
        _unit("art_10", "第十条 主要负责人履行下列责任："),
        _unit("art_10__item_1", "（一）组织制定规划"),
        _unit("art_10__item_2", "（二）每季度召开会议"),
        _unit("art_11", "第十一条 其他"),
        _unit("art_10", "同号不同文", doc="e"),
    ]
    fused = np.array([1.0, 0.95, 0.9, 0.5, 0.4])
    p = RerankParams(coverage=0.0)
    order = [i for i, _ in rerank(fused, None, units, {"每季度": 1.0}, 5, p)]
    assert order[:4] == [0, 2, 3, 4]  # item 1 adds nothing, item 2 holds the question word
    assert order[4] == 1


def test_mask_and_k_are_respected() -> None:
    units = [_unit(f"art_{n}", "x") for n in range(6)]
    mask = np.array([True, False, True, False, True, False])
    out = rerank(np.linspace(1, 0.5, 6), mask, units, {}, 10)
    assert sorted(i for i, _ in out) == [0, 2, 4]
    assert len(rerank(np.linspace(1, 0.5, 6), None, units, {}, 2)) == 2
