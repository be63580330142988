"""Fusion, top-k under a mask, query expansion and highlights: pure functions, no index."""

from __future__ import annotations

import numpy as np

from search.rank.excerpt import highlight
from search.rank.fusion import FusionParams, fuse, top_k
from search.rank.plan import plan_query


def test_top_k_respects_mask_and_fills_k_from_allowed_units() -> None:
    scores = np.array([9.0, 8.0, 7.0, 0.0, 0.0, 1.0])
    mask = np.array([False, False, True, True, True, True])
    assert top_k(scores, mask, 3).tolist() == [2, 5, 3]  # ties keep unit order
    assert top_k(scores, mask, 10).tolist() == [2, 5, 3, 4]
    assert top_k(scores, None, 2).tolist() == [0, 1]
    assert top_k(scores, np.zeros(6, dtype=bool), 3).tolist() == []


def test_convex_fusion_rewards_agreement_and_masks_out() -> None:
    lexical = np.array([10.0, 9.0, 0.0, 1.0])
    dense = np.array([0.2, 0.9, 0.8, 0.1])
    fused = fuse(lexical, dense, None, FusionParams(alpha=0.5, depth=4))
    assert int(np.argmax(fused)) == 1  # good in both beats best in one
    masked = fuse(lexical, dense, np.array([True, False, True, True]), FusionParams(depth=4))
    assert masked[1] == -np.inf and np.isfinite(masked[[0, 2, 3]]).all()


def test_single_retriever_fusion_keeps_its_order() -> None:
    lexical = np.array([3.0, 1.0, 2.0])
    assert top_k(fuse(lexical, None, None), None, 3).tolist() == [0, 2, 1]
    rrf = fuse(None, lexical, None, FusionParams(method="rrf"))
    assert top_k(rrf, None, 3).tolist() == [0, 2, 1]


def test_aliases_expand_to_canonical_terms_at_lower_weight() -> None:
    plan = plan_query("一把手要不要管安全生产")
    assert plan.weights.get("主要负责人", 0) > 0
    assert plan.weights["主要负责人"] < plan.weights["一把手"]
    assert "主要负责人" in plan.dense_text
    assert "安全生产委员会" in plan_query("安委会多久开一次全体会议").weights
    assert plan_query("三起一般事故").weights.get("3") == 1.0  # numerals unified


def test_plain_words_reach_the_documents_officialese() -> None:
    # A deputy is one of the 班子其他成员; 少交税 is a 税收优惠; 人手 is 人员.
    assert "班子其他成员" in plan_query("不分管安全的副县长也要负责吗").weights
    assert "税收优惠" in plan_query("企业买安全设备能少交税吗").dense_text
    assert "人员" in plan_query("安监站人手不够怎么办").weights


def test_level_and_role_named_in_question() -> None:
    plan = plan_query("镇党委书记每年要开几次常委会")
    assert plan.level == "township"
    assert "党委主要负责人" in plan.roles
    assert plan_query("宣传部门的安全生产职责").roles == ("宣传部门",)
    assert plan_query("安全生产许可证有效期").level is None


def test_level_named_through_a_qualified_leader() -> None:
    # "镇主要领导", "区分管负责人": a qualifier between the place and the person.
    assert plan_query("发生事故时镇主要领导要做什么").level == "township"
    assert plan_query("区分管负责人多久检查一次").level == "county"
    assert plan_query("市班子成员要不要带队督查").level == "city"
    assert plan_query("城镇燃气的主要风险").level is None
    assert plan_query("城乡主要负责人的责任").level is None


def test_highlight_merges_overlapping_matches() -> None:
    text = "对瞒报事故负有领导责任的，依法追究责任"
    spans = highlight(text, ["瞒报", "瞒报事故", "事故", "责任"])
    assert [text[a:b] for a, b in spans] == ["瞒报事故", "责任", "责任"]
    assert highlight(text, ["的"]) == ()


def test_spelling_variants_are_searched_at_full_weight() -> None:
    plan = plan_query("镇长每个月要带队检查几次")
    assert plan.weights.get("每月") == 1.0  # 每个月 -> the documents' 每月
    assert plan.weights.get("至少") == 1.0  # 几次 -> the documents' 每…至少…次
    assert "每月" not in plan_query("镇长要带队检查").weights
