"""Whose duties a pack covers (from the vocabulary) and which documents bind a level."""

from __future__ import annotations

import pytest

from app.errors import UsageError
from app.study.scope import make_scope, role_family, role_tiers
from ingest.domain.levels import rank
from ingest.domain.vocabulary import concepts, organ_role

LEADERS = [c for c in concepts("role") if c.broader]


@pytest.mark.parametrize("concept", LEADERS, ids=lambda c: c.label)
def test_a_leader_answers_for_own_body_and_all_leaders(concept):
    tiers = role_tiers(concept.label)
    assert tiers[concept.label] == "own"
    assert tiers[concept.broader] == "leaders"
    assert tiers[organ_role(concept.organ)] == "organ"
    assert set(tiers) <= role_family(concept.label)


def test_an_unknown_role_is_a_usage_error():
    with pytest.raises(UsageError, match="不存在的角色"):
        role_tiers("不存在的角色")


def _pairs(levels):
    from ingest.records import Facts
    from tests.graph.conftest import doc

    out = []
    for i, level in enumerate(levels):
        d = doc(f"d{i}_{level}", f"文件{i}", level, None, (), [])
        out.append((d, Facts(d.doc_id)))
    return out


def test_a_level_binds_its_documents_and_those_above_top_level_first():
    pairs = _pairs(["township", "county", "national", "city", "province"])
    scope = make_scope(pairs, "党委主要负责人", "county")
    kept = [d.level for d, _ in scope.pairs]
    assert kept == sorted(kept, key=rank) and set(kept) == {
        "national",
        "province",
        "city",
        "county",
    }
    assert len(scope.corpus) == len(pairs)  # distractors may come from every document
    assert len(make_scope(pairs, "党委主要负责人").pairs) == len(pairs)


def test_a_place_gives_its_level():
    pairs = _pairs(["township", "county", "national"])
    scope = make_scope(pairs, "党委主要负责人", place="大栗港镇")
    assert scope.level == "township" and scope.place == "大栗港镇" and len(scope.pairs) == 3
    assert make_scope(pairs, "党委主要负责人", place="王益区").level == "county"
