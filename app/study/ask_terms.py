"""Facts about words: accident grades from their definitions, and the principles.

A list of sibling clauses that each define a grade of accident (（三）较大事故，是指
造成3人以上10人以下死亡…) asks which grade a definition names; the other grades of the
same list are the distractors, each provably another definition. A quoted series of
principles (“党政同责、一岗双责、齐抓共管、失职追责”) asks for a missing one; the
distractors are other key terms of ``data/study_terms.tsv`` the series does not hold.
"""

from __future__ import annotations

from collections import defaultdict

from app.study.facts import MAX_SENTENCE, Fact, sentence_at
from app.study.glossary import terms
from app.study.rules import DEFINITION, SERIES
from app.study.scope import Scope
from ingest.parse.headings import label_end
from ingest.records import Clause

__all__ = ["grade_facts", "principle_facts"]

GRADE_WORD = "事故"  # a definition list whose every term ends so is a list of accident grades


def _definition(clause: Clause) -> tuple[str, str] | None:
    text = clause.text[label_end(clause.text) :].strip()
    m = DEFINITION.match(text)
    if not m:
        return None
    end = m.end("definition")
    sentence = text[: end + 1] if text[end : end + 1] in "。；" else text[:end]
    return m["term"], sentence


def grade_facts(scope: Scope) -> list[Fact]:
    """One fact per defined grade of a list of accident grades."""
    out: list[Fact] = []
    for doc, _ in scope.pairs:
        lists: dict[str | None, list[tuple[Clause, str, str]]] = defaultdict(list)
        for c in doc.clauses:
            found = _definition(c)
            if found:
                lists[c.parent_id].append((c, *found))
        for items in lists.values():
            names = [term for _, term, _ in items]
            if len(items) < 4 or not all(t.endswith(GRADE_WORD) for t in names):
                continue
            for clause, term, sentence in items:
                if len(sentence) > MAX_SENTENCE:
                    continue
                others = tuple(t for t in names if t != term)
                out.append(
                    Fact(
                        kind="accident_grade",
                        tier="general",
                        role="",
                        subject="",
                        sentence=sentence,
                        values=(term,),
                        alternatives=others,
                        source=scope.source(doc, clause.clause_id),
                        key=("accident_grade", term),
                        forms=("single", "true_false", "fill"),
                    )
                )
    return out


def _part(text: str, start: int, end: int) -> str:
    """The comma-delimited part of a long sentence that holds a series, 形成“…”的工作格局."""
    left = max(text.rfind(p, 0, start) for p in "，。；：\n") + 1
    rights = [i for i in (text.find(p, end) for p in "，。；\n") if i >= 0]
    return text[left : min(rights) if rights else len(text)].strip()


def principle_facts(scope: Scope) -> list[Fact]:
    """One fact per item of a quoted series of principles in a clause about the tiers."""
    key_terms = [t for t, _ in terms()]
    out: list[Fact] = []
    for doc, facts in scope.pairs:
        concerned = {r.clause_id for r in facts.roles if r.role in scope.tiers}
        for clause in doc.clauses:
            if clause.clause_id not in concerned:
                continue
            for m in SERIES.finditer(clause.text):
                items = m["series"].split("、")
                if len(set(items)) != len(items):
                    continue
                named = sum(i in key_terms for i in items) >= 2  # a series of key terms
                others = tuple(t for t in key_terms if t not in items and len(t) == len(items[0]))
                located = sentence_at(doc, clause.start + m.start(), clause.start + m.end())
                sentence = located[0] if located else _part(clause.text, m.start(), m.end())
                for item in items:
                    out.append(
                        Fact(
                            kind="principle",
                            tier="leaders",
                            role="",
                            subject="",
                            sentence=sentence,
                            values=(item,),
                            alternatives=others[:3] if named else (),
                            source=scope.source(doc, clause.clause_id),
                            key=("principle", m["series"]),
                            forms=("single", "fill") if named and len(others) >= 3 else ("fill",),
                            blank=item if named else item.split("必须")[0],
                        )
                    )
    return out
