"""Who is bound by what (posts.tsv): binding roles, the reach of 各级/县级以上, leader sanctions."""

from __future__ import annotations

from ingest.domain.levels import KNOWN_LEVELS
from ingest.domain.posts import (
    accountable_roles,
    binding_roles,
    falls_on_leaders,
    imposes_accountability,
    reaches,
)
from ingest.domain.vocabulary import role_names, sanction_types


def test_every_post_is_bound_by_its_own_duties_first_and_only_by_known_roles():
    for post in role_names():
        found = binding_roles(post)
        assert found[0].role == post and all(b.why for b in found)
        assert {b.role for b in found} <= set(role_names())
    secretary = {b.role for b in binding_roles("党委主要负责人")}
    assert {"党委", "党政领导干部"} <= secretary  # the organ he leads, leaders together


def test_reach_follows_the_level_range_a_phrase_names():
    for level in KNOWN_LEVELS:
        assert reaches("某某", level, level)  # the same level always binds
    assert reaches("各级人民政府应当", "national", "township")
    assert reaches("地方各级人民政府应当", "national", "county")
    assert not reaches("县级以上地方各级人民政府应当", "national", "township")
    assert reaches("县级以上地方各级人民政府应当", "national", "county")
    assert not reaches("国务院应当", "national", "township")  # no range named
    assert not reaches("各级", "township", "county")  # a lower duty never binds a higher post


def test_accountable_roles_stay_within_the_actors_organ_and_leaders():
    assert accountable_roles("政府") >= {"政府", "政府主要负责人", "党政领导干部"}
    assert "党委" not in accountable_roles("政府")
    assert {"党委", "政府"} <= accountable_roles("党政领导干部")
    assert accountable_roles("企业") == frozenset({"企业", "企业主要负责人"})


def test_leader_sanctions_are_vocabulary_types_minus_reliefs_and_enterprise_penalties():
    kinds = set(sanction_types())
    leaders = {t for t in kinds if falls_on_leaders(t)}
    assert {"处分", "诫勉", "一票否决", "通报"} <= leaders
    assert not {"免责", "从轻减轻", "停产停业整顿", "黑名单"} & leaders
    assert len(kinds - leaders) == 12  # every excluded type in posts.tsv is a vocabulary type
    assert imposes_accountability("纪检监察机关") and not imposes_accountability(None)
