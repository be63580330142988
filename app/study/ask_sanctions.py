"""Facts about what follows a failure: the measures a sentence attaches to a case.

The answer is the measure's words in the clause (从重追究, 取消考核评优和评选各类先进资格);
a distractor is a measure of another type taken elsewhere in the corpus. A type the
cited clause names, or that the same document lists in a menu of accountability
forms (通报、诫勉、停职检查… for any failure), is never a distractor: the clause or
its document would allow it. A text that states when a measure applies
(不论是否已调离…) is no measure and is never an option.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.study.distractors import Pools, measure_phrase
from app.study.facts import Fact, names_department, sentence_at
from app.study.records import Form
from app.study.rules import CONDITION, NAMES_A_SYSTEM, NOT_A_CASE
from app.study.scope import Scope
from ingest.domain.vocabulary import surface_forms
from ingest.extract.duties import is_report, is_violation_list
from ingest.records import Document, Facts, Sanction

__all__ = [
    "MEASURES_PATH",
    "MeasureSentence",
    "leader_measures",
    "measure_sentences",
    "sanction_facts",
]

MEASURES_PATH = Path(__file__).parent / "data" / "leader_measures.txt"

OPTIONS = 5  # a 多选题 shows up to five options
FILL_WORDS = 6  # a blank asks for a measure's short name, not a phrase of one document


@cache
def leader_measures() -> frozenset[str]:
    """The sanction types that fall on a leader for a failure (``data/leader_measures.txt``)."""
    lines = MEASURES_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def _names(text: str) -> set[str]:
    """The measures a phrase names, by the vocabulary's words for them (公开曝光, 约谈告诫)."""
    return {w for w in surface_forms("sanction") if len(w) >= 2 and w in text}


def _similar(a: str, b: str) -> tuple[int, int]:
    """Rank a distractor by how much it looks like the answer: shared characters, length."""
    return (-len(set(a) & set(b)), abs(len(a) - len(b)))


def _alternatives(
    values: list[str], banned: set[str], clause: str, pools: Pools, want: int
) -> tuple[str, ...]:
    out: list[str] = []
    types: set[str] = set()
    answered = {n for v in values for n in _names(v)}
    for kind, text in sorted(pools.measures, key=lambda m: _similar(values[0], m[1])):
        if kind in banned or kind in types or kind not in leader_measures():
            continue
        if text in clause or len(out) >= want:
            continue
        if any(text in v or v in text for v in [*values, *out]):
            continue  # one option inside another: 免予或者不予政务处分 in 减轻、免予或者不予…
        if _names(text) & answered:
            continue  # 从严惩处并公开曝光 is half right where the clause says 约谈告诫、公开曝光
        types.add(kind)
        out.append(text)
    return tuple(out)


@dataclass(frozen=True)
class MeasureSentence:
    """A sentence attaching measures against a leader's failure to a case."""

    clause_id: str
    sentence: str
    at: int
    sanctions: tuple[Sanction, ...]  # in text order


def measure_sentences(scope: Scope, doc: Document, facts: Facts) -> list[MeasureSentence]:
    """The sentences of a document that attach a leader's measures to a case about the role,
    its body or every leader (not a department's fault, not a report of a rule)."""
    groups: dict[tuple[str, int], list[Sanction]] = defaultdict(list)
    sentences: dict[tuple[str, int], str] = {}
    for s in facts.sanctions:
        if s.role not in scope.tiers or s.type not in leader_measures():
            continue
        if NAMES_A_SYSTEM.match(doc.text[s.end : s.end + 8]):
            continue
        if NOT_A_CASE.search(s.trigger.strip()) or len(s.trigger.strip()) < 6:
            continue
        located = sentence_at(doc, s.start, s.end)
        if located is None or is_report(located[0]) or s.text not in located[0]:
            continue
        if names_department(doc, facts, s.clause_id, s.role):
            continue
        groups[(s.clause_id, located[1])].append(s)
        sentences[(s.clause_id, located[1])] = located[0]
    return [
        MeasureSentence(
            clause_id, sentences[(clause_id, at)], at, tuple(sorted(found, key=lambda s: s.start))
        )
        for (clause_id, at), found in groups.items()
    ]


def _forms(multiple: bool, fill: bool) -> tuple[Form, ...]:
    """No 判断题: another measure in a measure's place seldom reads as a sentence."""
    first: Form = "multiple" if multiple else "single"
    return (first, "fill") if fill else (first,)


def sanction_facts(scope: Scope, pools: Pools) -> list[Fact]:
    """One fact per sentence that attaches measures to a case concerning the tiers."""
    out: list[Fact] = []
    for doc, facts in scope.pairs:
        by_clause: dict[str, set[str]] = defaultdict(set)
        for s in facts.sanctions:
            by_clause[s.clause_id].add(s.type)
        for m in measure_sentences(scope, doc, facts):
            clause_id, sentence, ordered = m.clause_id, m.sentence, m.sanctions
            if is_violation_list(sentence):
                continue  # 有下列情形之一的: the case is a list the question cannot show
            values: list[str] = []  # each measure's whole predicate: every option fits the blank
            names: list[str] = []
            for s in ordered:
                phrase = measure_phrase(doc.text, s.start, s.end)
                if CONDITION.search(s.text) or not phrase or phrase not in sentence:
                    continue
                if not any(phrase in v or v in phrase for v in values):
                    values.append(phrase)
                    names.append(s.text)
            if not values:
                continue
            source = scope.source(doc, clause_id)
            banned = by_clause[clause_id] | pools.menus.get(doc.doc_id, frozenset())
            want = max(3, OPTIONS - len(values))
            alternatives = _alternatives(values, set(banned), source.clause_text, pools, want)
            if len(alternatives) < 3:
                continue
            role = next(s.role for s in ordered if s.role)
            multiple = len(values) > 1
            first = sentence.index(values[0])
            out.append(
                Fact(
                    kind="sanction",
                    tier=scope.tiers[role],
                    role=role,
                    subject="",
                    sentence=sentence,
                    values=tuple(values),
                    alternatives=alternatives,
                    source=source,
                    key=("sanction", *sorted({s.type for s in ordered})),
                    topics=tuple(f"measure:{t}" for t in sorted({s.type for s in ordered})),
                    forms=_forms(multiple, len(names[0]) <= FILL_WORDS),
                    blank=names[0],
                    prompt=sentence[:first] + "（　）。" if multiple else "",
                )
            )
    return out
