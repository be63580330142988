"""Typed records passed between stages.

Every record is a frozen dataclass. Spans (``start``, ``end``) are character
offsets into the *normalised* text of the document (``Document.text``); the
normaliser's offset map (``Document.offsets``) leads back to the original words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "CLAUSE_KINDS",
    "STATUSES",
    "Citation",
    "Clause",
    "Deadline",
    "Document",
    "Duty",
    "Facts",
    "Frequency",
    "Role",
    "Sanction",
]

CLAUSE_KINDS = (
    "chapter",
    "section",
    "article",
    "paragraph",
    "item",
    "subitem",
    "table_row",
    "attachment",
)
STATUSES = ("draft", "final", "interpretation")


@dataclass(frozen=True, slots=True)
class Clause:
    """One numbered (or unnumbered 款/preamble) unit of a document.

    ``text`` is the clause's own text (label and heading included, children
    excluded); ``start``/``end`` delimit it in the normalised text.
    """

    clause_id: str
    parent_id: str | None
    kind: str
    number: int | None
    label: str
    heading: str
    text: str
    path: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Citation:
    """A document cited or implemented by another (《…》 title and/or 文号)."""

    title: str
    doc_number: str | None
    relation: str  # "implements" | "cites"
    level: str = "unknown"
    region: str | None = None
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: metadata, normalised text and its flat clause list."""

    doc_id: str
    title: str
    doc_number: str | None
    issuer: str | None
    date: str | None
    status: str
    level: str
    region: str | None
    citations: tuple[Citation, ...]
    clauses: tuple[Clause, ...]
    text: str
    source: str = ""
    sha256: str = ""
    regions: tuple[str, ...] = ()  # region chain, lowest first: (王益区, 铜川市, 陕西省)
    original: str = ""
    offsets: tuple[int, ...] = field(default=(), repr=False)

    def clause(self, clause_id: str) -> Clause:
        """The clause with that id (KeyError if absent)."""
        for c in self.clauses:
            if c.clause_id == clause_id:
                return c
        raise KeyError(clause_id)

    def original_span(self, start: int, end: int) -> str:
        """The original words behind a span of the normalised text."""
        if not self.offsets or not self.original or end <= start:
            return self.text[start:end]
        return self.original[self.offsets[start] : self.offsets[end - 1] + 1]


@dataclass(frozen=True, slots=True)
class Role:
    """A canonical role mentioned in a clause (``role`` is a prefLabel)."""

    clause_id: str
    text: str
    role: str
    level: str
    start: int
    end: int
    inherited: bool = False


@dataclass(frozen=True, slots=True)
class Frequency:
    """A normalised frequency: 每季度至少1次 -> period P3M, min_count 1, per_year 4."""

    clause_id: str
    text: str
    period: str | None
    min_count: int | None
    per_year: float | None
    activity: str
    role: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline: 每年1月底前, 每月25日以前, 完成时限 2018年, 长期."""

    clause_id: str
    text: str
    kind: str  # "recurring" | "date" | "ongoing"
    period: str | None
    month: int | None
    day: int | None
    year: int | None
    activity: str
    role: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sanction:
    """A sanction with its canonical type and what triggers it."""

    clause_id: str
    text: str
    type: str
    trigger: str
    role: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Duty:
    """An obligation of a role, with its category and a short activity phrase."""

    clause_id: str
    text: str
    role: str
    category: str
    activity: str
    start: int
    end: int
    per_year: float | None = None
    period: str | None = None
    level: str | None = None  # the actor's own level (镇党委 in a county document: township)


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything extracted from one document, each fact pointing at its clause."""

    doc_id: str
    roles: tuple[Role, ...] = ()
    duties: tuple[Duty, ...] = ()
    frequencies: tuple[Frequency, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    sanctions: tuple[Sanction, ...] = ()
