"""The handbook: a role's duties from every binding document, grouped by duty category.

Duties come from the graph (``GraphReader.duties``, ``DutyRow``) for the role, for the
body it sits in and for all 党政领导干部; each gets the frequency its clause states, the
deadlines the graph gives it and the sanctions that follow a failure (the measures the
same document attaches to a case of the role, its body or every leader). A duty whose text the
activity table does not recognise (a stray part of a sentence) stays out. The
body's duties are many; the handbook keeps those with a frequency or deadline and,
at the chosen level, those of a named category.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from app.study.ask_sanctions import measure_sentences
from app.study.facts import names_department, sentence_at
from app.study.records import HandbookEntry, SanctionNote
from app.study.scope import Pair, Scope
from app.study.wording import short_form
from graph.query.records import DutyRow
from ingest.domain.levels import rank
from ingest.extract.duties import classify, is_report, is_violation_list
from ingest.parse.headings import label_end
from ingest.records import Document, Facts

__all__ = ["Rows", "handbook", "sanction_notes"]

Rows = dict[str, Sequence[DutyRow]]  # role -> the graph's duty rows of that role
TIER_ORDER = ("own", "leaders", "organ")


def _recognised(row: DutyRow) -> bool:
    """The activity table names this duty's text as its activity (not a stray fragment)."""
    found = classify(row.duty_text)
    return found is not None and found.name == row.activity


def _sentence(doc: Document, facts: Facts, row: DutyRow) -> str:
    """The clause's sentence that states the duty (the extracted part may start mid-word)."""
    for d in facts.duties:
        if d.clause_id == row.clause_id and d.text == row.duty_text:
            located = sentence_at(doc, d.start, d.end)
            if located:
                return located[0]
    clause = doc.clause(row.clause_id)
    return clause.text[label_end(clause.text) :].strip()  # a table row: the row as shown


def sanction_notes(scope: Scope, doc: Document, facts: Facts) -> list[SanctionNote]:
    """The document's measures against a failure of the role, its body or every leader, one
    note per sentence that states them."""
    return [
        SanctionNote(
            tuple(dict.fromkeys(s.type for s in m.sanctions)),
            tuple(dict.fromkeys(s.text for s in m.sanctions)),
            m.sentence,
            scope.source(doc, m.clause_id),
        )
        for m in measure_sentences(scope, doc, facts)
    ]


def _frequency(facts: Facts, clause_id: str, activity: str, duty_text: str) -> str:
    """The clause's counted frequency for this activity, in its short form."""
    for f in facts.frequencies:
        if f.clause_id == clause_id and f.activity == activity and f.text in duty_text:
            forms = short_form(f.text)
            if forms:
                return forms[0].short
    forms = short_form(duty_text)
    return forms[0].short if len(forms) == 1 else ""


def _keep(scope: Scope, tier: str, doc: Document, clause_id: str, periodic: bool) -> bool:
    """All of the role's and every leader's duties; of the body's, those with a frequency or
    deadline, and the named tasks national law and the chosen level's documents give it."""
    if tier != "organ" or periodic:
        return True
    binding = doc.level == "national" or (scope.level is not None and doc.level == scope.level)
    return binding and doc.clause(clause_id).kind != "table_row"


def handbook(scope: Scope, rows: Rows) -> list[HandbookEntry]:
    """Every duty of the tiers in scope, each with frequency, deadlines and sanctions."""
    pairs: dict[str, Pair] = {d.doc_id: (d, f) for d, f in scope.pairs}
    notes = {doc_id: sanction_notes(scope, d, f) for doc_id, (d, f) in pairs.items()}
    entries: dict[tuple[str, ...], tuple[tuple[Any, ...], HandbookEntry]] = {}
    seen: set[tuple[str, str, str, str]] = set()
    for role, tier in scope.tiers.items():
        for row in rows.get(role, ()):
            if row.doc_id not in pairs or not _recognised(row):
                continue
            doc, facts = pairs[row.doc_id]
            key = (doc.doc_id, row.clause_id, row.activity, row.duty_text)
            if key in seen or not scope.applies(doc, row.level):
                continue
            seen.add(key)
            frequency = _frequency(facts, row.clause_id, row.activity, row.duty_text)
            deadlines = tuple(dict.fromkeys(d.text for d in row.deadlines))
            if not _keep(scope, tier, doc, row.clause_id, bool(frequency or deadlines)):
                continue
            text = _sentence(doc, facts, row)
            if is_violation_list(text) or is_report(text):  # a list of faults, a rule reported
                continue
            if tier == "organ" and (
                row.category == "其他" or names_department(doc, facts, row.clause_id, role)
            ):
                continue
            in_clause = [n for n in notes[doc.doc_id] if n.source.clause_id == row.clause_id]
            follows = _dedupe([*in_clause, *notes[doc.doc_id]])
            entry = HandbookEntry(
                tier=tier,
                role=role,
                category=row.category or "其他",
                activity=row.activity,
                duty_text=text,
                frequency=frequency,
                deadlines=deadlines,
                sanctions=tuple(follows),
                source=scope.source(doc, row.clause_id),
            )
            order = (
                TIER_ORDER.index(tier),
                rank(doc.level),
                doc.doc_id,
                doc.clause(row.clause_id).start,
            )
            # two parts of one sentence with one activity are one duty: keep its frequency
            same = (doc.doc_id, row.clause_id, row.activity, text)
            if same not in entries or (frequency and not entries[same][1].frequency):
                entries[same] = (order, entry)
    return [e for _, e in sorted(entries.values(), key=lambda t: t[0])]


def _dedupe(notes: Iterable[SanctionNote]) -> list[SanctionNote]:
    out: dict[tuple[str, str], SanctionNote] = {}
    for n in notes:
        out.setdefault((n.source.clause_id, n.sentence), n)
    return list(out.values())
