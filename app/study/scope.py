"""Which roles and which documents a study pack covers.

A leader answers for their own duties, for those of the body they sit in (党委 or
政府) and for what every 党政领导干部 must do; the vocabulary says which is which
(``skos:broader`` and ``dgv:organ``), so nothing is listed here. The documents are
those binding the chosen level: that level's and every level above it, national
laws and rules included. A place (``--place 大栗港镇``) gives its level and its own
chain: the graph's resolver (``graph.query.binding.binding_place``) names the documents
of the place, of the regions above it, national ones and what they implement.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from app import store_files as store
from app.errors import UsageError
from app.study.records import Source, Tier
from graph import GraphReader, open_graph
from graph.query.binding import binding_place
from ingest.domain.levels import KNOWN_LEVELS, rank
from ingest.domain.places import level_of
from ingest.domain.vocabulary import concepts, organ_role
from ingest.records import Document, Facts

__all__ = ["Pair", "Scope", "load_scope", "make_scope", "role_family", "role_tiers"]

Pair = tuple[Document, Facts]


def role_tiers(role: str) -> dict[str, Tier]:
    """role -> tier: the role itself, its body (党委/政府) and its broader role (党政领导干部)."""
    concept = next((c for c in concepts("role") if c.label == role), None)
    if concept is None:
        raise UsageError(f"unknown role {role!r}: use a canonical role of the vocabulary")
    tiers: dict[str, Tier] = {role: "own"}
    body = organ_role(concept.organ) if concept.organ else None
    if body and body != role:
        tiers[body] = "organ"
    if concept.broader:
        tiers[concept.broader] = "leaders"
    return tiers


def role_family(role: str) -> frozenset[str]:
    """The role's tiers and the other roles of its kind: every 党政领导干部 post and the
    bodies they sit in, for a leader; the role's own tiers otherwise."""
    tiers = role_tiers(role)
    broader = next((r for r, t in tiers.items() if t == "leaders"), None)
    kin = [c for c in concepts("role") if broader and c.broader == broader]
    bodies = {organ_role(c.organ) for c in kin if c.organ}
    return frozenset(tiers) | {c.label for c in kin} | {b for b in bodies if b}


@dataclass(frozen=True)
class Scope:
    """The role's tiers, the chosen level and the documents (with facts) that bind it."""

    role: str
    level: str | None
    place: str | None
    tiers: dict[str, Tier]
    pairs: tuple[Pair, ...]  # the binding documents, top level first
    corpus: tuple[Pair, ...]  # every document (where distractors come from)
    family: frozenset[str]

    def applies(self, doc: Document, actor_level: str | None) -> bool:
        """Whether a fact of this document, about an actor of that level, binds the level:
        the actor is of the chosen level, or the document speaks for its own level
        (各级党委…), or says nothing of a level."""
        if self.level is None or actor_level in (None, "", "unknown"):
            return True
        return actor_level in (self.level, doc.level)

    def source(self, doc: Document, clause_id: str, items: bool = True) -> Source:
        """The citation of a clause, with the clause's words and (unless told not to) those
        of its sub-items: what a reader finds at that citation."""
        clause = doc.clause(clause_id)
        inner, ids = [clause], {clause_id}
        for c in doc.clauses if items else ():  # document order: a child after its parent
            if c.parent_id in ids:
                ids.add(c.clause_id)
                inner.append(c)
        text = "\n".join(c.text for c in inner)
        return Source(doc.doc_id, doc.title, doc.level, clause_id, clause.path, text)

    def documents(self) -> tuple[Source, ...]:
        return tuple(Source(d.doc_id, d.title, d.level, "", (), "") for d, _ in self.pairs)


def make_scope(
    pairs: Sequence[Pair],
    role: str,
    level: str | None = None,
    place: str | None = None,
    bound: Collection[str] | None = None,
) -> Scope:
    """The scope over given documents: those binding the level (all when no level), and of
    those only the ``bound`` ones when a place's chain names them."""
    if place and not level:
        level = level_of(place)
        if level not in KNOWN_LEVELS:
            raise UsageError(f"unknown place {place!r}: its level cannot be told from its name")
    top = rank(level) if level else rank(None)
    keep = sorted(
        (p for p in pairs if rank(p[0].level) <= top and (bound is None or p[0].doc_id in bound)),
        key=lambda p: (rank(p[0].level), p[0].doc_id),
    )
    tiers = role_tiers(role)
    return Scope(role, level, place, tiers, tuple(keep), tuple(pairs), role_family(role))


def load_scope(
    store_dir: Path,
    role: str,
    level: str | None = None,
    place: str | None = None,
    graph: GraphReader | None = None,
) -> Scope:
    """The scope over a built store's documents (a place's chain asked of its graph)."""
    docs = store.require_store(store_dir).get("documents", {})
    pairs = [store.load_doc(store_dir, doc_id) for doc_id in sorted(docs)]
    bound = None
    if place:
        reader = graph or open_graph(store_dir)
        bound = {b.doc_id for b in binding_place(reader.select, place)}
    return make_scope(pairs, role, level, place, bound)
