"""Facts with a number: how often (每季度至少召开1次) and by when (15日内, 三十分钟内).

The answer is the clause's own frequency or time-limit words; a distractor is the
same words with another period and count (or another limit of the same unit).
A frequency fact is hard when another binding document gives the same duty of the
same role a different frequency (the township says 每月, the city 每季度).
"""

from __future__ import annotations

from collections import defaultdict

from app.study.distractors import Pools, frequency_alternatives, limit_alternatives
from app.study.facts import Fact, sentence_at
from app.study.rules import DEPARTMENT_OF, TIME_LIMIT
from app.study.scope import Scope
from app.study.wording import short_form
from ingest.extract.duties import is_report
from ingest.extract.frequency import find_frequencies
from ingest.records import Document, Facts

__all__ = ["deadline_facts", "how_often_facts"]


def _subject(facts: Facts, clause_id: str, role: str, at: int, sentence: str) -> str:
    """ "" when the sentence names the role itself, else the role's canonical name."""
    for r in facts.roles:
        same = r.clause_id == clause_id and r.role == role and not r.inherited
        if same and at <= r.start and r.end <= at + len(sentence):
            return ""
    return role


def _stated(scope: Scope) -> dict[tuple[str, str], dict[str, float]]:
    """(role, activity) -> doc_id -> per_year, over the binding documents."""
    out: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for doc, facts in scope.pairs:
        for f in facts.frequencies:
            if f.role in scope.tiers and f.per_year:
                out[(f.role, f.activity)].setdefault(doc.doc_id, f.per_year)
    return out


def how_often_facts(scope: Scope, pools: Pools) -> list[Fact]:
    """The counted frequencies of the role's, its body's and every leader's duties."""
    stated = _stated(scope)
    out: list[Fact] = []
    for doc, facts in scope.pairs:
        for f in facts.frequencies:
            if f.role not in scope.tiers or not f.per_year:
                continue
            duty = next(
                (
                    d
                    for d in facts.duties
                    if d.clause_id == f.clause_id and d.role == f.role and d.activity == f.activity
                ),
                None,
            )
            phrases = [p for p in short_form(f.text) if p.source.text == f.text]
            located = sentence_at(doc, f.start, f.end)
            if duty is None or not phrases or not located or not scope.applies(doc, duty.level):
                continue
            if is_report(located[0]):
                continue
            sentence, at = located
            phrase = phrases[0]
            source = scope.source(doc, f.clause_id)
            others = {v for d, v in stated[(f.role, f.activity)].items() if d != doc.doc_id}
            alternatives = frequency_alternatives(phrase, source.clause_text, others, pools)
            if len(alternatives) < 3 or f.text not in sentence:
                continue
            yearly = phrase.every in ("每年", "每一年") and phrase.count > 1
            stricter = tuple(
                a for a in alternatives if (find_frequencies(a)[0].per_year or 0) > f.per_year
            )
            blank = str(phrase.source.text).split(phrase.every, 1)[0] + phrase.every
            out.append(
                Fact(
                    kind="how_often",
                    tier=scope.tiers[f.role],
                    role=f.role,
                    subject=_subject(facts, f.clause_id, f.role, at, sentence),
                    sentence=sentence,
                    values=(f.text,),
                    alternatives=alternatives,
                    source=source,
                    key=("how_often", f.activity, f"{f.per_year:g}"),
                    forms=("single", "fill", *(("true_false",) if stricter else ())),
                    false_values=stricter,
                    hard=any(v != f.per_year for v in others),
                    blank=_count_word(f.text) if yearly else blank,
                )
            )
    return out


def _count_word(text: str) -> str:
    """The count of 每年…不少于4次 (the part a 填空题 asks when the period is a year)."""
    forms = short_form(text)
    number = text.rstrip("次回")
    digits = ""
    for ch in reversed(number):
        if ch.isdigit() or ch in "一二两三四五六七八九十百":
            digits = ch + digits
        else:
            break
    return digits if forms and digits else text


def deadline_facts(scope: Scope, pools: Pools) -> list[Fact]:
    """Time limits (15日内, 三十分钟内) in sentences whose actor is the role, its body or
    every leader."""
    out: list[Fact] = []
    for doc, facts in scope.pairs:
        actors = _actors(scope, doc, facts)
        for clause_id, roles in actors.items():
            clause = doc.clause(clause_id)
            for m in TIME_LIMIT.finditer(doc.text, clause.start, clause.end):
                located = sentence_at(doc, m.start(), m.end())
                if not located:
                    continue
                sentence, at = located
                role = next(
                    (
                        r.role
                        for r in roles
                        if at <= r.start
                        and r.end <= m.start()  # the actor comes first
                        and not DEPARTMENT_OF.match(doc.text[r.end : m.start()])
                    ),
                    None,
                )
                if role is None or is_report(sentence):
                    continue
                source = scope.source(doc, clause_id)
                alternatives = limit_alternatives(m.group(), source.clause_text, pools)
                if len(alternatives) < 3:
                    continue
                out.append(
                    Fact(
                        kind="deadline",
                        tier=scope.tiers[role],
                        role=role,
                        subject="",
                        sentence=sentence,
                        values=(m.group(),),
                        alternatives=alternatives,
                        source=source,
                        key=("deadline", role, sentence[:24]),
                        forms=("single", "true_false", "fill"),
                    )
                )
    return out


def _actors(scope: Scope, doc: Document, facts: Facts) -> dict[str, list]:
    """clause_id -> the role mentions of the tiers it holds, at a binding level."""
    out: dict[str, list] = defaultdict(list)
    for r in facts.roles:
        if r.role in scope.tiers and not r.inherited and scope.applies(doc, r.level):
            out[r.clause_id].append(r)
    return out
