"""Per-unit signals: filter masks combine, region names are stemmed as users say them."""

from __future__ import annotations

import numpy as np

from search.index.units import Unit
from search.rank.signals import UnitSignals, region_stem


def _unit(doc: str, level: str, region: str, roles: tuple[str, ...] = ()) -> Unit:
    return Unit(doc, "T", "art_1", (), "正文", "", level, region, roles=roles)


UNITS = [
    _unit("a", "national", "", ("主要负责人",)),
    _unit("b", "county", "王益区|铜川市|陕西省", ("主要负责人",)),
    _unit("b", "county", "王益区|铜川市|陕西省"),
    _unit("c", "city", "铜川市|陕西省"),
]


def test_no_filter_is_no_mask_and_filters_intersect() -> None:
    sig = UnitSignals(UNITS)
    assert sig.mask() is None
    county = sig.mask(level="county")
    assert county is not None and county.tolist() == [u.level == "county" for u in UNITS]
    both = sig.mask(level="county", role="主要负责人")
    assert both is not None and np.flatnonzero(both).tolist() == [1]


def test_a_region_filter_matches_any_place_of_the_chain() -> None:
    mask = UnitSignals(UNITS).mask(region="铜川市")
    assert mask is not None and mask.tolist() == ["铜川市" in u.region for u in UNITS]


def test_authority_runs_from_national_down_and_regions_are_stemmed() -> None:
    sig = UnitSignals(UNITS)
    assert sig.authority[0] == 1.0 and sig.authority[0] > sig.authority[3] > sig.authority[1]
    assert sig.region_names == sorted({"王益", "铜川"})
    assert region_stem("内蒙古自治区") == "内蒙古"
    assert region_stem("大栗港镇") == "大栗港"
    assert region_stem("沙县") == "沙县"  # a one-character stem keeps its suffix
