"""An askable fact: a sentence of a clause, the words that answer it and proven-wrong others.

Every finder of ``app.study.ask_*`` makes these; ``app.study.paper`` turns them
into questions of any form the fact allows. A question is the clause's sentence
with the answer words blanked, so the stem is always the document's own words
and the answer is always words of the cited clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.study.records import Form, Kind, Source
from app.study.rules import DEPARTMENT_OF, SENTENCE
from ingest.parse.headings import label_end
from ingest.records import Document, Facts

__all__ = ["MAX_SENTENCE", "OMITTED", "Fact", "names_department", "sentence_at"]

MAX_SENTENCE = 150  # characters: a longer sentence is no exam stem
SHOWN_WHOLE = 60  # characters: a sentence this short is shown whole in a question
OMITTED = "……"  # marks the words of a long sentence a question leaves out
# Kinds whose answer stands in a part of its own: a definition, a case and its measure,
# or a principle needs the whole sentence.
WINDOWED = ("how_often", "deadline")
_PART = re.compile(r"[^，]+，?")  # a comma-delimited part of a sentence, its comma kept
_QUOTED = re.compile(r"“[^”]*”")  # a quoted series of principles


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
    topics: tuple[str, ...] = ()  # what it asks about beyond its key (a list, a measure)
    # wrong values a 判断题 may state (default: any alternative); a frequency's are only the
    # stricter ones, since a weaker minimum (至少1次 where the clause says 至少4次) still holds
    false_values: tuple[str, ...] | None = None

    @property
    def falsehoods(self) -> tuple[str, ...]:
        return self.alternatives if self.false_values is None else self.false_values

    @property
    def fill(self) -> str:
        return self.blank or self.values[0]

    @property
    def shown(self) -> str:
        """What a question shows of the sentence: a short sentence whole; of a long one
        stating a frequency or a time limit, its opening part (the actor) and the parts
        holding the answer, the rest left out (……), so a stem stays readable and never
        shows the answer of another question on the same sentence."""
        if self.kind == "principle":
            return self._quote_shown()
        parts = _PART.findall(self.sentence)
        if self.kind not in WINDOWED or len(self.sentence) <= SHOWN_WHOLE:
            return self.sentence
        if "".join(parts) != self.sentence:
            return self.sentence
        keep = [0] + [i for i, p in enumerate(parts) if any(v in p for v in self.values)]
        if not all(any(v in parts[i] for i in keep) for v in self.values):
            return self.sentence  # an answer across a comma: show it all
        out, last = "", -1
        for i in sorted(set(keep)):
            out += (OMITTED if i > last + 1 else "") + parts[i]
            last = i
        out = out.rstrip("，")
        return out + OMITTED if last < len(parts) - 1 else out

    def _quote_shown(self) -> str:
        """A principle among several quoted series: the lead and its own series only
        (坚持“党政同责、…”和“管行业必须管安全、…” asks one series, not both)."""
        quotes = list(_QUOTED.finditer(self.sentence))
        mine = [m for m in quotes if self.values[0] in m.group()]
        if len(quotes) < 2 or not mine:
            return self.sentence
        m = mine[0]
        lead = self.sentence[: quotes[0].start()]
        before = OMITTED if m.start() > quotes[0].start() else ""
        after = OMITTED if m.end() < quotes[-1].end() else ""
        return lead + before + m.group() + after

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
