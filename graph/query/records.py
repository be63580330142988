"""What the graph queries answer: typed, frozen records, each turned into JSON in one place.

``duties`` gives a ``DutyList`` of ``DutyRow``; ``compare`` a ``Comparison`` of
``CompareRow``; ``chain`` a list of ``ChainStep``. The CLI's JSON (docs/cli.md)
is ``as_json()`` of these records and nothing else, so a renamed field fails
loudly in the type checker instead of showing a blank cell on a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.domain.levels import Level

__all__ = [
    "ChainStep",
    "CompareCell",
    "CompareRow",
    "Comparison",
    "Consequence",
    "DutyDeadline",
    "DutyList",
    "DutyRow",
    "OrganCount",
]

Json = dict[str, object]


@dataclass(frozen=True, slots=True)
class Consequence:
    """A sanction that applies when a duty is not done: in its clause or naming its role."""

    doc_id: str
    clause_id: str
    text: str
    type: str  # canonical sanction type (docs/domain.md "Sanctions")
    trigger: str

    def as_json(self) -> Json:
        return {
            "doc_id": self.doc_id,
            "clause_id": self.clause_id,
            "text": self.text,
            "type": self.type,
            "trigger": self.trigger,
        }


@dataclass(frozen=True, slots=True)
class DutyDeadline:
    """A deadline stated in a duty's clause (每年1月底前, 完成时限 2018年)."""

    text: str
    kind: str  # recurring | date | ongoing
    period: str | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    activity: str = ""

    def as_json(self) -> Json:
        return {
            "text": self.text,
            "kind": self.kind,
            "period": self.period,
            "month": self.month,
            "day": self.day,
            "year": self.year,
            "activity": self.activity,
        }


@dataclass(frozen=True, slots=True)
class DutyRow:
    """One duty of a role: its clause, document, frequency and what follows a failure."""

    doc_id: str
    doc_title: str
    level: Level  # the duty's own level (its actor's), not necessarily its document's
    region: str | None
    clause_id: str
    label: str
    path: tuple[str, ...]
    text: str  # the clause's text
    duty_text: str  # the duty's own words in it
    activity: str
    category: str
    per_year: float | None = None
    period: str | None = None
    min_count: float | None = None
    consequences: tuple[Consequence, ...] = ()
    deadlines: tuple[DutyDeadline, ...] = ()

    def as_json(self) -> Json:
        return {
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "level": self.level,
            "region": self.region,
            "clause_id": self.clause_id,
            "label": self.label,
            "path": list(self.path),
            "text": self.text,
            "duty_text": self.duty_text,
            "activity": self.activity,
            "category": self.category,
            "per_year": self.per_year,
            "period": self.period,
            "min_count": self.min_count,
            "consequences": [c.as_json() for c in self.consequences],
            "deadlines": [d.as_json() for d in self.deadlines],
        }


@dataclass(frozen=True, slots=True)
class DutyList:
    """The answer of ``duties``: the question and its duties, top level first."""

    role: str
    level: Level | None
    region: str | None
    duties: tuple[DutyRow, ...]

    def as_json(self) -> Json:
        return {
            "role": self.role,
            "level": self.level,
            "region": self.region,
            "duties": [d.as_json() for d in self.duties],
        }


@dataclass(frozen=True, slots=True)
class CompareCell:
    """One clause stating a row's duty at one level."""

    doc_id: str
    level: Level
    clause_id: str
    path: tuple[str, ...]
    text: str
    per_year: float | None
    period: str | None = None
    min_count: float | None = None

    def as_json(self) -> Json:
        return {
            "doc_id": self.doc_id,
            "level": self.level,
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
    """The answer of ``compare``: the levels shown (columns) and the rows."""

    role: str
    levels: tuple[Level, ...]
    rows: tuple[CompareRow, ...]

    def as_json(self) -> Json:
        return {
            "role": self.role,
            "levels": list(self.levels),
            "rows": [r.as_json() for r in self.rows],
        }


@dataclass(frozen=True, slots=True)
class ChainStep:
    """A work a document implements, directly (depth 1) or through others."""

    iri: str
    title: str
    level: Level
    doc_id: str | None  # None for a work outside the corpus
    depth: int

    def as_json(self) -> Json:
        return {
            "iri": self.iri,
            "title": self.title,
            "level": self.level,
            "doc_id": self.doc_id,
            "depth": self.depth,
        }
