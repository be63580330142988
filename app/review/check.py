"""Hold a draft against reference documents: what it lacks or weakens, in reading order.

Works on parsed documents only, so a draft that is in no store can be checked.
For each reference, nearest first: its units that bind the draft (by level and
role, :mod:`app.review.applicability`; the others are kept with their reason),
aligned with the draft's (:mod:`app.review.matching`), then the differences in
words (:mod:`app.review.differences`). A requirement repeated at several levels
is one finding listing every source. Findings come most serious first
(:class:`app.review.findings.Kind`), then by reference and clause order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from app.review.applicability import reason_not_applicable
from app.review.differences import duty_findings, sanction_findings, source, timing_findings
from app.review.findings import CheckResult, Finding, Kind, NotApplicable, ReferenceUse
from app.review.matching import (
    DUTY_MATCH,
    FREQ_MATCH,
    SANCTION_MATCH,
    Embeddings,
    affinity,
    align,
    deadline_score,
    duty_score,
    freq_score,
    sanction_score,
)
from app.review.sanction_units import rule_sentences, sanction_units
from app.review.units import Unit, deadline_units, duty_units, frequency_units
from graph.rdf.iris import title_key
from ingest.domain.similarity import similarity
from ingest.parse.citations import find_citations
from ingest.records import Document, Facts
from search.model.encoder import Encoder

__all__ = ["Reference", "check"]

# A sentence that holds people to account under a cited document.
_ACCOUNT_SENTENCE = re.compile(
    r"[^。；\n]*(?:依照|按照|依据|根据)[^。；\n]*(?:追究|问责)[^。；\n]*"
)
_ADOPTED = "草案写明依照该文件追究责任，其追责规定已经适用"
# Two findings of different references are one requirement when their reference words
# are this alike (the city repeats the province's 每季度至少召开1次…).
SAME_REQUIREMENT = 0.6


@dataclass(frozen=True, slots=True)
class Reference:
    """A document a draft is held against, and why it was chosen."""

    doc: Document
    facts: Facts
    why: str = "检查时指定的参照文件"
    basis: str = "given"

    def use(self) -> ReferenceUse:
        return ReferenceUse(self.doc.doc_id, self.doc.title, self.doc.level, self.why, self.basis)


def _as_reference(ref: Reference | tuple[Document, Facts]) -> Reference:
    return ref if isinstance(ref, Reference) else Reference(*ref)


class _Draft:
    """The draft's units and the roles it gives duties to, made once."""

    def __init__(self, doc: Document, facts: Facts, applicability: bool = True) -> None:
        self.doc = doc
        self.applicability = applicability
        self.roles = {d.role for d in facts.duties}
        self.duties = duty_units(doc, facts)
        self.freqs = frequency_units(doc, facts)
        self.deadlines = deadline_units(doc, facts)
        self.sanctions = sanction_units(doc, facts)
        self.sentences = rule_sentences(doc)
        named = {u.addressee.level for u in self.duties if u.addressee.scope == "level"}
        self.levels = [doc.level, *sorted(named - {doc.level, "unknown"})]


def _adopts_sanctions(draft: Document, ref: Document) -> bool:
    """Whether the draft says it holds people to account under the reference (依照《…》第五
    章的规定追究责任): its sanction rules are then the draft's, by reference."""
    key = title_key(ref.title)
    for m in _ACCOUNT_SENTENCE.finditer(draft.text):
        cited = find_citations("", m.group())
        if any(c.title and title_key(c.title) == key for c in cited):
            return True
    return False


def _split(units: Iterable[Unit], draft: _Draft, skipped: list[NotApplicable]) -> list[Unit]:
    """The units that bind the draft; the others go to ``skipped`` with their reason."""
    kept = []
    for u in units:
        reason = (
            reason_not_applicable(u.addressee, draft.levels, draft.roles)
            if draft.applicability
            else None
        )
        if reason is None:
            kept.append(u)
        else:
            skipped.append(NotApplicable(u.role, source(u), reason))
    return kept


def _against(ref: Reference, draft: _Draft, emb: Embeddings, skipped: list[NotApplicable]):
    """The findings of the draft against one reference."""
    doc, facts = ref.doc, ref.facts
    duties = [u for u in _split(duty_units(doc, facts), draft, skipped) if u.category != "其他"]
    freqs = [u for u in _split(frequency_units(doc, facts), draft, skipped) if u.per_year]
    deadlines = _split(deadline_units(doc, facts), draft, skipped)
    sanctions = _split(sanction_units(doc, facts), draft, skipped)
    if _adopts_sanctions(draft.doc, doc):
        skipped += [NotApplicable(u.role, source(u), _ADOPTED) for u in sanctions]
        sanctions = []
    pairs = align(freqs, draft.freqs, freq_score, FREQ_MATCH, emb)
    matched = align(duties, draft.duties, duty_score, DUTY_MATCH, emb)
    due = align(deadlines, draft.deadlines, deadline_score, DUTY_MATCH, emb)
    rules = align(sanctions, draft.sanctions, sanction_score, SANCTION_MATCH, emb)
    yield from timing_findings(freqs, draft.freqs, pairs)
    yield from timing_findings(deadlines, draft.deadlines, due)
    yield from sanction_findings(sanctions, draft.sanctions, rules, draft.sentences)
    yield from duty_findings(duties, draft.duties, matched, [freqs[i] for i in pairs])


def _same(a: Finding, b: Finding) -> bool:
    """One requirement stated by two references, found on the same draft clause."""
    return (
        a.kind == b.kind
        and a.aspect == b.aspect
        and a.draft_clause_id == b.draft_clause_id
        and (a.role == b.role or affinity(a.role, b.role) > 0)
        and similarity(a.reference.text, b.reference.text) >= SAME_REQUIREMENT
    )


def _merge(found: Sequence[tuple[int, Finding]]) -> list[tuple[int, Finding]]:
    """Findings of later (higher) references that repeat an earlier one join its sources."""
    out: list[tuple[int, Finding]] = []
    for n, f in found:
        twin = next((k for k, (m, g) in enumerate(out) if m != n and _same(g, f)), None)
        if twin is None:
            out.append((n, f))
            continue
        m, g = out[twin]
        if all(s.doc_id != f.reference.doc_id for s in g.sources):
            out[twin] = (m, replace(g, sources=(*g.sources, *f.sources)))
    return out


def _order(refs: Sequence[Reference]) -> Callable[[tuple[int, Finding]], tuple[int, int, int]]:
    positions = [{c.clause_id: k for k, c in enumerate(r.doc.clauses)} for r in refs]
    kinds = list(Kind)

    def key(pair: tuple[int, Finding]) -> tuple[int, int, int]:
        n, f = pair
        return kinds.index(f.kind), n, positions[n].get(f.reference.clause_id, 0)

    return key


def check(
    draft: tuple[Document, Facts],
    references: Sequence[Reference | tuple[Document, Facts]],
    encoder: Encoder | None = None,
    kinds: Collection[Kind] | None = None,
    applicability: bool = True,
) -> CheckResult:
    """Where the draft departs from the references (docs/cli.md ``check``); ``kinds``
    narrows the findings (the audit asks only for weaker frequencies and sanctions);
    ``applicability=False`` holds the draft to every requirement (the evaluation's
    baseline)."""
    refs = [_as_reference(r) for r in references]
    d = _Draft(*draft, applicability=applicability)
    emb = Embeddings(encoder)
    skipped: list[NotApplicable] = []
    found = [
        (n, f)
        for n, ref in enumerate(refs)
        for f in _against(ref, d, emb, skipped)
        if kinds is None or f.kind in kinds
    ]
    merged = sorted(_merge(found), key=_order(refs))
    unique = {(s.source.doc_id, s.source.clause_id, s.role): s for s in skipped}
    return CheckResult(
        findings=tuple(f for _, f in merged),
        references=tuple(r.use() for r in refs),
        not_applicable=tuple(unique.values()),
    )
