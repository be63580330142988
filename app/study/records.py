"""The study pack's records: handbook entries, glossary terms and exam questions.

Every record points at the clause it comes from (:class:`Source`), so a trainer
can read the words behind each line of the handbook and each answer of the
key. Each record's ``as_json()`` is the one place it becomes JSON; ``StudyPack.as_json()``
is what ``dutygraph study --json`` prints (``docs/cli.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from ingest.domain.levels import level_name
from ingest.ids import path_text

__all__ = [
    "DEFAULT_COUNT",
    "FORMS",
    "FORM_ZH",
    "KINDS",
    "Difficulty",
    "Form",
    "GlossaryTerm",
    "HandbookEntry",
    "Kind",
    "PaperOptions",
    "QuizQuestion",
    "SanctionNote",
    "Source",
    "StudyPack",
    "Tier",
]

Json = dict[str, Any]

DEFAULT_COUNT = 24  # questions of a paper: a 45-minute test

# The exam forms of a Chinese training paper, in the order a paper prints them.
Form = Literal["single", "multiple", "true_false", "fill"]
FORMS: tuple[Form, ...] = get_args(Form)
FORM_ZH: dict[str, str] = {
    "single": "单选题",
    "multiple": "多选题",
    "true_false": "判断题",
    "fill": "填空题",
}
# What a question asks about.
Kind = Literal[
    "how_often",  # 频次: 每季度至少1次
    "deadline",  # 时限: 15日内, 每月25日以前
    "who",  # 责任主体: which post or which level of government
    "sanction",  # 追责: which measure follows a case
    "accident_grade",  # 事故等级: 较大事故 from its definition
    "principle",  # 原则: 党政同责、一岗双责、齐抓共管、失职追责
    "duty",  # 职责: which tasks a clause gives the role
]
KINDS: tuple[Kind, ...] = get_args(Kind)
# easy: the fact is stated once or alike everywhere; hard: other levels state it differently.
Difficulty = Literal["easy", "hard"]
# Whose duty an entry is: the role's own, its body's (党委/政府), or every leader's.
Tier = Literal["own", "organ", "leaders"]


@dataclass(frozen=True, slots=True)
class Source:
    """A cited clause: document, level, full clause path and the clause's words."""

    doc_id: str
    doc_title: str
    level: str
    clause_id: str
    path: tuple[str, ...]
    clause_text: str

    @property
    def path_text(self) -> str:
        """第二章 › 第二节 › 第十一条 › （四）: the path a reader looks up."""
        return path_text(self.path)

    @property
    def citation(self) -> str:
        """《title》（县级）第二章 › 第十一条: document, level and path in one line."""
        return f"《{self.doc_title}》（{level_name(self.level)}）{self.path_text}"

    def as_json(self) -> Json:
        return {
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "level": self.level,
            "clause_id": self.clause_id,
            "path": self.path_text,
            "clause_text": self.clause_text,
        }


@dataclass(frozen=True, slots=True)
class SanctionNote:
    """Measures that follow a failure: their types, their words and the sentence stating
    the case they follow, with where it stands."""

    types: tuple[str, ...]
    texts: tuple[str, ...]
    sentence: str
    source: Source

    def as_json(self) -> Json:
        return {
            "types": list(self.types),
            "texts": list(self.texts),
            "sentence": self.sentence,
        } | self.source.as_json()


@dataclass(frozen=True, slots=True)
class HandbookEntry:
    """One duty of the handbook, with how often, by when and what follows a failure."""

    tier: Tier
    role: str
    category: str
    activity: str
    duty_text: str
    frequency: str  # 每季度至少1次, or "" when the clause gives none
    deadlines: tuple[str, ...]
    sanctions: tuple[SanctionNote, ...]
    source: Source

    def as_json(self) -> Json:
        return {
            "tier": self.tier,
            "role": self.role,
            "category": self.category,
            "activity": self.activity,
            "duty_text": self.duty_text,
            "frequency": self.frequency,
            "deadlines": list(self.deadlines),
            "sanctions": [n.as_json() for n in self.sanctions],
        } | self.source.as_json()


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """A key term with a short definition quoted from a clause or read from the vocabulary."""

    term: str
    definition: str
    origin: Literal["clause", "vocabulary"]
    source: Source | None = None

    def as_json(self) -> Json:
        where = self.source.as_json() if self.source else {}
        return {"term": self.term, "definition": self.definition, "origin": self.origin} | where


@dataclass(frozen=True, slots=True)
class QuizQuestion:
    """One exam question and its key; ``evidence`` are the clause's words that settle it."""

    form: Form
    kind: Kind
    difficulty: Difficulty
    question: str
    options: tuple[str, ...]
    answer: str | tuple[str, ...]
    evidence: tuple[str, ...]
    source: Source
    quote: str = ""  # the clause's sentence that settles it, as the document words it
    false_value: str = ""  # a 判断题 made false: the value put in place of the clause's

    @property
    def key(self) -> str:
        """The answer as the key prints it: letters for choices, the words for a blank."""
        if self.form in ("single", "multiple"):
            answers = self.answer if isinstance(self.answer, tuple) else (self.answer,)
            return "".join("ABCDEFG"[self.options.index(a)] for a in answers)
        return str(self.answer)

    def as_json(self) -> Json:
        return {
            "form": self.form,
            "kind": self.kind,
            "difficulty": self.difficulty,
            "question": self.question,
            "options": list(self.options),
            "answer": list(self.answer) if isinstance(self.answer, tuple) else self.answer,
            "key": self.key,
            "evidence": list(self.evidence),
            "quote": self.quote,
            "false_value": self.false_value,
        } | self.source.as_json()


@dataclass(frozen=True, slots=True)
class PaperOptions:
    """How the exam paper is made; the same options and seed give the same paper."""

    count: int = DEFAULT_COUNT
    forms: tuple[Form, ...] = FORMS
    difficulty: Literal["mixed", "easy", "hard"] = "mixed"
    seed: int = 0

    def as_json(self) -> Json:
        return {
            "count": self.count,
            "forms": list(self.forms),
            "difficulty": self.difficulty,
            "seed": self.seed,
        }


@dataclass(frozen=True, slots=True)
class StudyPack:
    """The handbook and the exam paper for one role at one level (or place)."""

    role: str
    level: str | None
    place: str | None
    documents: tuple[Source, ...]  # each document in scope once (clause fields empty)
    handbook: tuple[HandbookEntry, ...]
    glossary: tuple[GlossaryTerm, ...]
    quiz: tuple[QuizQuestion, ...]
    options: PaperOptions = field(default_factory=PaperOptions)

    def as_json(self) -> Json:
        """docs/cli.md ``study``: ``{"role", "level", "clauses", "glossary", "quiz"}`` and more."""
        return {
            "role": self.role,
            "level": self.level,
            "place": self.place,
            "documents": [
                {"doc_id": d.doc_id, "doc_title": d.doc_title, "level": d.level}
                for d in self.documents
            ],
            "clauses": [e.as_json() for e in self.handbook],
            "glossary": [g.as_json() for g in self.glossary],
            "quiz": [q.as_json() for q in self.quiz],
            "options": self.options.as_json(),
        }
