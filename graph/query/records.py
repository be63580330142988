"""What the graph queries answer: typed, frozen records, each turned into JSON in one place.

``duties`` gives a ``DutyList`` of ``DutyRow``; ``chain`` a list of ``ChainStep``;
``compare``'s records are in ``graph.query.comparison``. The CLI's JSON (docs/cli.md)
is ``as_json()`` of these records and nothing else, so a renamed field fails
loudly in the type checker instead of showing a blank cell on a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.domain.gazetteer import Place
from ingest.domain.levels import Level

__all__ = [
    "ChainStep",
    "Consequence",
    "DutyDeadline",
    "DutyList",
    "DutyRow",
    "DutySource",
    "Json",
]

Json = dict[str, object]  # what as_json() returns (graph.query.comparison too)


@dataclass(frozen=True, slots=True)
class Consequence:
    """A sanction that applies when a duty is not done, and where it is written.

    ``scope`` says how near it is: ``clause`` (the duty's own clause), ``document``
    (the 问责 part of the duty's document, or a sanction naming its actor there) or
    ``chain`` (a document above it that binds the same post)."""

    doc_id: str
    clause_id: str
    text: str  # the sanction's own words (诚勉, 一票否决)
    type: str  # canonical sanction type (docs/domain.md "Sanctions")
    trigger: str
    path: tuple[str, ...] = ()
    doc_title: str = ""
    clause_text: str = ""
    scope: str = "clause"

    def as_json(self) -> Json:
        return {
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "clause_id": self.clause_id,
            "path": list(self.path),
            "text": self.text,
            "type": self.type,
            "trigger": self.trigger,
            "clause_text": self.clause_text,
            "scope": self.scope,
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
    """One duty of a role: its clause, document, frequency and what follows a failure.

    With a place, ``actor`` is the role the text names (党委 for a 党委书记's list),
    ``binds_as`` why it binds the post, ``source_why`` why its document binds the place;
    ``others`` are the same duty set less strictly elsewhere, ``conflict`` says in words
    when a lower document asks less than a higher one."""

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
    doc_level: Level = "unknown"
    actor: str = ""
    binds_as: str = ""
    source_why: str = ""
    frequency: str = ""  # in plain words: 每月至少1次, 定期（未规定次数）; empty when none
    citation: str = ""  # 《title》二、（一）1.
    others: tuple[DutyRow, ...] = ()
    conflict: str = ""

    def as_json(self) -> Json:
        return {
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "level": self.level,
            "doc_level": self.doc_level,
            "region": self.region,
            "clause_id": self.clause_id,
            "label": self.label,
            "path": list(self.path),
            "citation": self.citation,
            "text": self.text,
            "duty_text": self.duty_text,
            "activity": self.activity,
            "category": self.category,
            "actor": self.actor,
            "binds_as": self.binds_as,
            "source_why": self.source_why,
            "per_year": self.per_year,
            "period": self.period,
            "min_count": self.min_count,
            "frequency": self.frequency,
            "consequences": [c.as_json() for c in self.consequences],
            "deadlines": [d.as_json() for d in self.deadlines],
            "others": [o.as_json() for o in self.others],
            "conflict": self.conflict,
        }


@dataclass(frozen=True, slots=True)
class DutySource:
    """A document the answer drew from: its level, region and why it binds the place."""

    doc_id: str
    title: str
    level: Level
    region: str | None
    why: str

    def as_json(self) -> Json:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "level": self.level,
            "region": self.region,
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class DutyList:
    """The answer of ``duties``: the question, the documents drawn from and the duties.

    ``place`` is None when no place was asked: then ``note`` says that the documents
    come from different regions, not from one chain of levels."""

    role: str
    level: Level | None
    region: str | None
    duties: tuple[DutyRow, ...]
    place: Place | None = None
    sources: tuple[DutySource, ...] = ()
    note: str = ""

    def as_json(self) -> Json:
        return {
            "role": self.role,
            "level": self.level,
            "region": self.region,
            "place": self.place.as_json() if self.place else None,
            "sources": [s.as_json() for s in self.sources],
            "note": self.note,
            "duties": [d.as_json() for d in self.duties],
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
