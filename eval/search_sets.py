"""Labelled question sets for the search eval, and how one ranked list is scored.

A question file has one JSON object a line: ``{"id", "query", "relevant": [label]}``.
A label has a ``grade`` (2 answers the question, 1 is related) and one of:

- ``anchor``: a result is relevant when its text, after NFKC and removal of all
  whitespace, contains the anchor (the project's first sets);
- ``doc`` + ``clause``: a clause id of ``dutygraph parse``; a result is relevant when
  it is that clause, or lies inside it when the clause itself is only a label
  (an article whose words are all in its paragraphs). Checked against the parse;
- ``doc`` + ``article``: an article of an excerpt file of ``eval/statutes/``; a
  result of that document is relevant when its text lies inside the article's text
  (an excerpt with gaps in its numbering is not always cut at every article).

Each label counts once, at its first rank. Frozen files are listed with their
SHA-256 in ``frozen.sha256``; loading one whose hash differs stops the eval.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.records import Document

__all__ = [
    "HERE",
    "Judged",
    "Label",
    "Question",
    "Ranked",
    "check_labels",
    "load_questions",
    "mean_scores",
    "score",
]

HERE = Path(__file__).resolve().parent
K = 10
# A result this short (after whitespace removal) is not taken as lying inside an article.
_MIN_INSIDE = 6
_SPACE = re.compile(r"\s+")
# An article block of an excerpt file: "第十六条 " at the start of a line.
_ARTICLE_START = re.compile(
    r"^(第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?) ", re.M
)


def norm(text: str) -> str:
    """NFKC without any whitespace: how texts and anchors are compared."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True, slots=True)
class Label:
    """One relevant clause (or anchor) of a question."""

    grade: int
    anchor: str = ""
    doc: str = ""
    clause: str = ""
    article: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    """A question and its labels."""

    id: str
    query: str
    labels: tuple[Label, ...]


@dataclass(frozen=True, slots=True)
class Ranked:
    """One result as the scorer sees it: its document, the clauses it covers, its text."""

    doc_id: str
    clause_ids: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class Judged:
    """What the scorer needs to know about the documents: container clauses, article texts."""

    containers: frozenset[tuple[str, str]]  # (doc, clause) whose own text is only a label
    articles: dict[tuple[str, str], str]  # (doc, article label) -> normalised text

    @classmethod
    def of(cls, docs: Iterable[Document]) -> Judged:
        containers: set[tuple[str, str]] = set()
        articles: dict[tuple[str, str], str] = {}
        for doc in docs:
            for c in doc.clauses:
                if not norm(c.text.replace(c.label, "", 1).replace(c.heading, "", 1)):
                    containers.add((doc.doc_id, c.clause_id))
            source = doc.original or doc.text
            starts = [m.start() for m in _ARTICLE_START.finditer(source)]
            ends = [*starts[1:], len(source)] if starts else []
            for start, end in zip(starts, ends, strict=True):
                label = _ARTICLE_START.match(source, start)
                if label:
                    articles[(doc.doc_id, label.group(1))] = norm(source[start:end])
        return cls(frozenset(containers), articles)


def _frozen() -> dict[str, str]:
    out = {}
    for line in (HERE / "frozen.sha256").read_text(encoding="utf-8").splitlines():
        digest, _, name = line.strip().partition("  ")
        if digest:
            out[name] = digest
    return out


def load_questions(name: str) -> list[Question]:
    """The questions of one file under ``eval/``; a frozen file must match its checksum."""
    path = HERE / name
    data = path.read_bytes()
    expected = _frozen().get(name)
    if expected and hashlib.sha256(data).hexdigest() != expected:
        raise SystemExit(f"{path}: frozen question set changed (checksum in frozen.sha256)")
    out = []
    for line in data.decode("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        labels = tuple(Label(**r) for r in row["relevant"])
        out.append(Question(row["id"], row["query"], labels))
    return out


def check_labels(questions: Sequence[Question], docs: Sequence[Document], judged: Judged) -> None:
    """Stop when a clause or article label names nothing the parse of the documents has."""
    ids = {(d.doc_id, c.clause_id) for d in docs for c in d.clauses}
    present = {d.doc_id for d in docs}
    for q in questions:
        for lab in q.labels:
            if lab.article and lab.doc not in present:
                continue  # a file the parser could not use: unanswerable for every method
            if lab.clause and (lab.doc, lab.clause) not in ids:
                raise SystemExit(f"{q.id}: no clause {lab.clause} in {lab.doc}")
            if lab.article and (lab.doc, lab.article) not in judged.articles:
                raise SystemExit(f"{q.id}: no article {lab.article} in {lab.doc}")


def _hits(label: Label, result: Ranked, text: str, judged: Judged) -> bool:
    if label.anchor:
        return norm(label.anchor) in text
    if label.doc != result.doc_id:
        return False
    if label.article:
        inside = judged.articles.get((label.doc, label.article), "")
        return len(text) >= _MIN_INSIDE and text in inside
    container = (label.doc, label.clause) in judged.containers
    return any(
        c == label.clause or (container and c.startswith(label.clause + "__"))
        for c in result.clause_ids
    )


def score(results: Sequence[Ranked], labels: Sequence[Label], judged: Judged) -> dict[str, float]:
    """nDCG@10 (gain 2^grade - 1), answered@10 (a grade-2 label in the top 10) and RR."""
    credited: set[int] = set()
    dcg, first2 = 0.0, None
    for rank, result in enumerate(results[:K], start=1):
        text = norm(result.text)
        for i, label in enumerate(labels):
            if i in credited or not _hits(label, result, text, judged):
                continue
            credited.add(i)
            dcg += (2**label.grade - 1) / math.log2(rank + 1)
            if label.grade == 2 and first2 is None:
                first2 = rank
    ideal = sorted((lab.grade for lab in labels), reverse=True)[:K]
    idcg = sum((2**g - 1) / math.log2(r + 1) for r, g in enumerate(ideal, start=1))
    return {
        # Capped: labels sharing one clause are all credited at its rank, above the ideal.
        "ndcg": min(1.0, dcg / idcg) if idcg else 0.0,
        "answered": 1.0 if first2 is not None else 0.0,
        "mrr": 1.0 / first2 if first2 else 0.0,
    }


def mean_scores(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    """The mean of each metric over questions."""
    n = max(len(rows), 1)
    return {m: sum(r[m] for r in rows) / n for m in ("ndcg", "answered", "mrr")}
