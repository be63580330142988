"""The store-wide audit: every stored document held against the stored documents it
implements, for what a provincial office asks about all its counties: where does a
lower level set a weaker frequency or deadline, a narrower trigger or fewer sanctions?

Pairs come from :func:`graph.query.binding.implementations` (the implementation
chain of the graph, higher levels only); each pair is checked as a draft against its
references (:func:`app.review.check.check`), keeping the weakening kinds. Missing
duties are left to the draft check: a stored document that restates part of its
superior is no finding here. Alignment is by words alone (no model), so a store of a
thousand documents is audited in minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app import store_files as store
from app.review.check import Reference, check
from app.review.findings import AuditFinding, Finding, Kind
from graph import open_graph
from graph.query.binding import implementations
from ingest.records import Document, Facts

__all__ = ["AUDIT_KINDS", "AuditResult", "audit"]

# What "weaker" means: a lower frequency or a later deadline, another (narrower) trigger
# or fewer participants, fewer sanction forms on a rule the lower document states.
AUDIT_KINDS = (Kind.CONFLICT, Kind.WEAKER_FREQUENCY, Kind.MISSING_SANCTION)


@dataclass(frozen=True, slots=True)
class AuditResult:
    """The answer of ``audit``: findings per checked document, and how much was checked."""

    documents: int  # documents in the store
    pairs: int  # (document, implemented document) pairs checked
    findings: tuple[AuditFinding, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "pairs": self.pairs,
            "findings": [f.as_json() for f in self.findings],
        }


def _weaker(f: Finding) -> bool:
    """A weakening the lower document states: fewer forms on a sanction rule it has (a case
    it states without sanctions, or a rule it leaves to the higher text, is no finding)."""
    return f.kind != Kind.MISSING_SANCTION or (
        f.draft_clause_id is not None and f.aspect == "forms"
    )


def audit(store_dir: Path, progress: Callable[[int, int], None] | None = None) -> AuditResult:
    """Every stored document against the higher stored documents it implements."""
    ids = list(store.iter_doc_ids(store_dir))
    chains = implementations(open_graph(store_dir).select)
    cache: dict[str, tuple[Document, Facts]] = {}

    def load(doc_id: str) -> tuple[Document, Facts]:
        if doc_id not in cache:
            cache[doc_id] = store.load_doc(store_dir, doc_id)
        return cache[doc_id]

    found: list[AuditFinding] = []
    todo = [d for d in ids if chains.get(d)]
    pairs = 0
    for n, doc_id in enumerate(todo, 1):
        refs = [
            Reference(*load(b.doc_id), why=b.why, basis=b.basis)
            for b in chains[doc_id]
            if store.doc_path(store_dir, b.doc_id).exists()
        ]
        pairs += len(refs)
        draft = store.load_doc(store_dir, doc_id)
        result = check(draft, refs, kinds=AUDIT_KINDS)
        doc = draft[0]
        found += [
            AuditFinding(doc.doc_id, doc.title, doc.level, f) for f in result.findings if _weaker(f)
        ]
        if progress is not None:
            progress(n, len(todo))
    return AuditResult(len(ids), pairs, tuple(found))
