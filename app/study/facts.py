"""An askable fact: a sentence of a clause, the words that answer it and proven-wrong others.

Every finder of ``app.study.ask_*`` makes these; ``app.study.paper`` turns them
into questions of any form the fact allows. A question is the clause's sentence
with the answer words blanked, so the stem is always the document's own words
and the answer is always words of the cited clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.study.records import Form, Kind, Source
from app.study.rules import DEPARTMENT_OF, SENTENCE
from ingest.parse.headings import label_end
from ingest.records import Document, Facts

__all__ = ["MAX_SENTENCE", "Fact", "names_department", "sentence_at"]

MAX_SENTENCE = 150  # characters: a longer sentence is no exam stem


@dataclass(frozen=True, slots=True)
class Fact:
    """What one question asks, and everything needed to ask it in any allowed form.

    ``values`` are the answer words, each inside ``sentence``; ``alternatives`` are
    words of the same kind that the clause does not allow (each can stand in a
    value's place); ``blank`` is the part of ``values[0]`` a 填空题 leaves out.
    """

    kind: Kind
    tier: str  # own / organ / leaders / general
    role: str
    subject: str  # the actor, when the sentence does not name it ("" otherwise)
    sentence: str
    values: tuple[str, ...]
    alternatives: tuple[str, ...]
    source: Source
    key: tuple[str, ...]  # what it asks: two facts with one key are one question
    forms: tuple[Form, ...]
    hard: bool = False
    blank: str = ""
    prompt: str = ""  # a multiple-choice stem when blanking the sentence reads badly

    @property
    def fill(self) -> str:
        return self.blank or self.values[0]

    @property
    def quote(self) -> str:
        """The clause's words the answer key shows (a 职责 statement is the list's own)."""
        return self.sentence if self.sentence in self.source.clause_text else ""


def sentence_at(doc: Document, start: int, end: int) -> tuple[str, int] | None:
    """The sentence of the document holding ``[start, end)`` inside one clause, without
    a leading clause label, and its offset in ``doc.text``; None if it is too long."""
    inside = [c for c in doc.clauses if c.start <= start and end <= c.end]
    if not inside:
        return None
    clause = min(inside, key=lambda c: c.end - c.start)
    if doc.text[clause.start : clause.end] != clause.text:  # a table row, shown with its headers
        return None
    for m in SENTENCE.finditer(doc.text, clause.start, clause.end):
        if m.start() <= start and end <= m.end():
            text = m.group()
            cut = label_end(text) if m.start() == clause.start else 0
            sentence = text[cut:].strip()
            if sentence.endswith(("：", ":")) and "，" in sentence:  # a list's lead-in
                sentence = sentence[: sentence.rindex("，")]
            if len(sentence) > MAX_SENTENCE:
                return None
            return sentence, m.start() + cut + (len(text[cut:]) - len(text[cut:].lstrip()))
    return None


def names_department(doc: Document, facts: Facts, clause_id: str, role: str) -> bool:
    """Whether the clause (or, when it names no actor, the clause it belongs to) names the
    body only as the owner of a department: 县级以上地方人民政府负有…职责的部门 is a
    department's duty or fault, not the government's."""
    parents = {c.clause_id: c.parent_id for c in doc.clauses}
    at: str | None = clause_id
    while at:
        clause = doc.clause(at)
        mentions = [
            r for r in facts.roles if r.clause_id == at and r.role == role and not r.inherited
        ]
        if mentions:
            return all(DEPARTMENT_OF.match(doc.text[r.end : clause.end]) for r in mentions)
        at = parents.get(at)
    return False
