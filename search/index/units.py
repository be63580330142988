"""Search units: the smallest numbered clauses, each with its heading path as context.

A （三） item means little on its own ("组织制定安全生产专项规划"); what makes it
findable is the article or heading that introduces the list ("第十条 各级政府主要
负责人……履行下列安全生产责任："). A unit therefore keeps the clause's own text (what
a result shows and what anchors are matched against) apart from its *context*: the
labels, headings and introductory sentences of its ancestors, which are indexed
and embedded with it but never shown as the clause text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ingest.records import Clause, Document, Facts
from search.index.facets import clause_facets

__all__ = ["Unit", "build_units", "context_of"]

# Kinds that are headings only: indexed through their children's context, never returned
# when they have nothing but a label and a heading.
_HEADING_KINDS = frozenset({"chapter", "section", "attachment"})
# A heading-kind clause with children and no more words than this is a heading (二、工作责任).
_HEADING_CHARS = 30
# How much of an ancestor's own text goes into a child's context: its first sentence,
# at most this many characters (an article's lead-in, not its whole body).
_CONTEXT_CHARS = 80
_SENTENCE_END = re.compile(r"[。；;！!？?]")
# A clause longer than this is also embedded in sentence windows of at most this many
# characters (each with the heading context): one vector for a 600-character item blurs
# the one sentence a question is about. Chosen on the tuning half.
CHUNK_CHARS = 150
_SENTENCE_SPLIT = re.compile(r"(?<=[。；;！!？?])")
_SPACE = re.compile(r"\s+")
# The id of a table row (att_1__row_9).
_ROW_ID = re.compile(r"(?:^|__)row_\d+$")
# A table row as `parse` writes it: "列名：值；列名：值" (column names are short).
_COLUMN = re.compile(r"(?:^|；)([^；：]{1,20})：")
# The running-number column of a table row, which carries nothing to search for.
_ROW_NUMBER = re.compile(r"^序号：\d+；")


@dataclass(frozen=True, slots=True)
class Unit:
    """One searchable clause with what the index needs to know about it."""

    doc_id: str
    doc_title: str
    clause_id: str
    path: tuple[str, ...]
    text: str  # the clause's own text, as `parse` gives it
    context: str  # ancestors' labels, headings and lead-in sentences, root first (no title)
    level: str
    region: str  # the document's region chain joined by "|", lowest first
    roles: tuple[str, ...] = ()
    sanctions: tuple[str, ...] = ()
    facets: tuple[str, ...] = ()  # what the clause can answer (search.index.facets)
    doc_number: str = ""  # the document's 文号, for references that name it

    @property
    def passage(self) -> str:
        """What is embedded: the heading context, then the clause text.

        The document title is left out: it is the same for every clause of a document
        and made the vectors of one document's clauses alike (worse on the tuning set).
        A table row already says "列名：值", so the header words its context repeats
        are dropped, as is its running number.
        """
        context, text = self._embedded()
        return f"{context}\n{text}" if context else text

    def _embedded(self) -> tuple[str, str]:
        """(context, text) as embedded: a table row without repeated header words."""
        if not _ROW_ID.search(self.clause_id):
            return self.context, self.text
        columns = set(_COLUMN.findall(self.text))
        words = [w for w in self.context.split(" ") if w and w not in columns]
        return " ".join(dict.fromkeys(words)), _ROW_NUMBER.sub("", self.text)

    @property
    def lexical(self) -> str:
        """What BM25 indexes: title, heading context and clause text."""
        return f"{self.doc_title}\n{self.context}\n{self.text}"

    @property
    def passages(self) -> tuple[str, ...]:
        """Every embedded text: the whole passage, then sentence windows of a long clause."""
        if len(self.text) <= CHUNK_CHARS:
            return (self.passage,)
        context, text = self._embedded()
        head = f"{context}\n" if context else ""
        return (self.passage, *(head + w for w in _windows(text)))

    @property
    def keys(self) -> tuple[str, ...]:
        """Hashes of the embedded texts: an unchanged key means a reusable embedding."""
        return tuple(hashlib.sha1(p.encode("utf-8")).hexdigest() for p in self.passages)


def _windows(text: str) -> list[str]:
    """Consecutive sentences grouped into windows of at most CHUNK_CHARS characters."""
    out: list[str] = []
    current = ""
    for sentence in (s for s in _SENTENCE_SPLIT.split(text) if s.strip()):
        if current and len(current) + len(sentence) > CHUNK_CHARS:
            out.append(current)
            current = sentence
        else:
            current += sentence
    if current:
        out.append(current)
    return out


def _lead(clause: Clause) -> str:
    """An ancestor's contribution to context: label, heading and first sentence."""
    text = _SPACE.sub(" ", clause.text).strip()
    m = _SENTENCE_END.search(text)
    if m:
        text = text[: m.end()]
    text = text[:_CONTEXT_CHARS]
    head = " ".join(p for p in (clause.label, clause.heading) if p)
    if head and head.replace(" ", "") not in text.replace(" ", ""):
        return f"{head} {text}".strip()
    return text or head


def context_of(clause: Clause, by_id: dict[str, Clause], title: str = "") -> str:
    """The clause's ancestors' leads, root first, after the document title."""
    parts: list[str] = []
    parent = clause.parent_id
    seen: set[str] = set()
    while parent and parent in by_id and parent not in seen:
        seen.add(parent)
        anc = by_id[parent]
        parts.append(_lead(anc))
        parent = anc.parent_id
    parts.reverse()
    if title:
        parts.insert(0, title)
    return " ".join(p for p in parts if p)


def _is_unit(clause: Clause, has_children: bool) -> bool:
    """Headings with no body of their own are context, not results."""
    body = clause.text.replace(clause.label, "", 1).replace(clause.heading, "", 1).strip()
    if not body:
        return False
    return not (clause.kind in _HEADING_KINDS and has_children and len(body) <= _HEADING_CHARS)


def _by_clause(items: Iterable[object], attr: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for it in items:
        out.setdefault(it.clause_id, set()).add(getattr(it, attr))  # type: ignore[attr-defined]
    return out


def _fact_facets(facts: Facts) -> dict[str, set[str]]:
    """Clause id -> the facets its extracted facts give."""
    out: dict[str, set[str]] = {}
    for s in facts.sanctions:
        out.setdefault(s.clause_id, set()).update(
            ("penalty", "fine") if s.type == "罚款" else ("penalty",)
        )
    for f in facts.frequencies:
        if f.per_year is not None or f.period is not None:  # a number, not just 定期
            out.setdefault(f.clause_id, set()).add("frequency")
    for d in facts.deadlines:
        out.setdefault(d.clause_id, set()).add("time_limit")
    return out


def build_units(docs: Sequence[tuple[Document, Facts]]) -> list[Unit]:
    """Every searchable clause of every document, in document order."""
    units: list[Unit] = []
    for doc, facts in docs:
        by_id = {c.clause_id: c for c in doc.clauses}
        parents = {c.parent_id for c in doc.clauses if c.parent_id}
        roles = _by_clause(facts.roles, "role")
        sanctions = _by_clause(facts.sanctions, "type")
        from_facts = _fact_facets(facts)
        region = "|".join(doc.regions) if doc.regions else (doc.region or "")
        for c in doc.clauses:
            if not _is_unit(c, c.clause_id in parents):
                continue
            units.append(
                Unit(
                    doc_id=doc.doc_id,
                    doc_title=doc.title,
                    clause_id=c.clause_id,
                    path=tuple(c.path),
                    text=c.text,
                    context=context_of(c, by_id),
                    level=doc.level,
                    region=region,
                    roles=tuple(sorted(roles.get(c.clause_id, ()))),
                    sanctions=tuple(sorted(sanctions.get(c.clause_id, ()))),
                    facets=clause_facets(c.text, from_facts.get(c.clause_id, ())),
                    doc_number=doc.doc_number or "",
                )
            )
    return units
