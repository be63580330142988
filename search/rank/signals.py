"""What the searcher knows about each unit besides its text: the arrays filters and boosts read.

A filter (level, region, document, role, sanction) is a boolean mask over units, built
here once per value and reused; the boosts read the same arrays (a unit's level, its
document's region as a user would name it, its facets, its document's authority).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ingest.domain.levels import rank
from ingest.domain.places import place_stem
from search.index.facets import FACETS
from search.index.units import Unit

__all__ = ["UnitSignals", "region_stem"]


def region_stem(region: str) -> str:
    """A document's own region (the first of its chain) as a user would name it."""
    return place_stem(region.split("|")[0])


class UnitSignals:
    """Per-unit arrays, in unit order, and the filter masks made from them."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = units
        self.level = np.array([u.level for u in units], dtype=object)
        self.doc = np.array([u.doc_id for u in units], dtype=object)
        self.regions = np.array([region_stem(u.region) for u in units], dtype=object)
        self.region_names = sorted({r for r in self.regions if r})
        facets = np.array([[f in u.facets for f in FACETS] for u in units], dtype=bool)
        self.facets = facets.reshape(len(units), len(FACETS))
        lowest = rank("township")  # the lowest level a document has here
        # national 1 .. township 0: how much a document outranks local ones
        self.authority = np.array([max(0.0, 1 - rank(u.level) / lowest) for u in units])
        self._masks: dict[tuple[str, str], np.ndarray] = {}

    def values_mask(self, field: str, value: str) -> np.ndarray:
        """Units whose multi-valued field (roles, sanctions, region chain) holds the value."""
        key = (field, value)
        if key not in self._masks:
            if field == "region":
                rows = [value in u.region.split("|") for u in self.units]
            else:
                rows = [value in getattr(u, field) for u in self.units]
            self._masks[key] = np.array(rows, dtype=bool)
        return self._masks[key]

    def mask(
        self,
        level: str | None = None,
        region: str | None = None,
        doc: str | None = None,
        role: str | None = None,
        sanction: str | None = None,
    ) -> np.ndarray | None:
        """The units every given filter allows; None when no filter is given."""
        if not any((level, region, doc, role, sanction)):
            return None
        mask = np.ones(len(self.units), dtype=bool)
        if level:
            mask &= self.level == level
        if doc:
            mask &= self.doc == doc
        if region:
            mask &= self.values_mask("region", region)
        if role:
            mask &= self.values_mask("roles", role)
        if sanction:
            mask &= self.values_mask("sanctions", sanction)
        return mask
