"""What ``compare`` answers: one duty per row across levels, its cells and the finding.

Frozen records like those of ``graph.query.records``; the CLI's JSON of a comparison
(docs/cli.md) is ``Comparison.as_json()`` and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.query.records import Json
from ingest.domain.gazetteer import Place
from ingest.domain.levels import Level

__all__ = ["CompareCell", "CompareRow", "Comparison", "OrganCount"]


@dataclass(frozen=True, slots=True)
class CompareCell:
    """One clause stating a row's duty at one level, and the region of its document."""

    doc_id: str
    level: Level
    clause_id: str
    path: tuple[str, ...]
    text: str
    per_year: float | None
    period: str | None = None
    min_count: float | None = None
    region: str | None = None
    doc_title: str = ""

    def as_json(self) -> Json:
        return {
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "level": self.level,
            "region": self.region,
            "clause_id": self.clause_id,
            "path": list(self.path),
            "text": self.text,
            "per_year": self.per_year,
            "period": self.period,
            "min_count": self.min_count,
        }


@dataclass(frozen=True, slots=True)
class OrganCount:
    """Where a post's level gives no number: the count its organ has for the same duty."""

    level: Level
    role: str
    per_year: float
    doc_id: str
    clause_id: str
    path: tuple[str, ...]

    def as_json(self) -> Json:
        return {
            "role": self.role,
            "per_year": self.per_year,
            "doc_id": self.doc_id,
            "clause_id": self.clause_id,
            "path": list(self.path),
        }


@dataclass(frozen=True, slots=True)
class CompareRow:
    """One duty lined up across levels, with what differs in words (empty: they agree)."""

    category: str
    activity: str
    cells: dict[Level, tuple[CompareCell, ...]]
    finding: str = ""
    organ: tuple[OrganCount, ...] = field(default=())

    def as_json(self) -> Json:
        out: Json = {
            "category": self.category,
            "activity": self.activity,
            "cells": {lv: [c.as_json() for c in cs] for lv, cs in self.cells.items()},
            "finding": self.finding,
        }
        if self.organ:
            out["organ"] = {o.level: o.as_json() for o in self.organ}
        return out


@dataclass(frozen=True, slots=True)
class Comparison:
    """The answer of ``compare``: the levels shown (columns, each named with its regions)
    and the rows; ``relation`` is ``chain`` when the documents lie on one chain of regions
    (or a place was chosen), ``peers`` when they are unrelated regions set side by side."""

    role: str
    levels: tuple[Level, ...]
    rows: tuple[CompareRow, ...]
    relation: str = "chain"
    place: Place | None = None
    columns: dict[Level, str] = field(default_factory=dict)
    note: str = ""

    def as_json(self) -> Json:
        return {
            "role": self.role,
            "levels": list(self.levels),
            "relation": self.relation,
            "place": self.place.as_json() if self.place else None,
            "columns": dict(self.columns),
            "note": self.note,
            "rows": [r.as_json() for r in self.rows],
        }
