"""A role's study pack from a built store: the handbook, the key terms and the exam paper.

The front door of ``app.study``: the CLI, the page and the evaluation call
:func:`study_pack` (a store) or :func:`pack_from` (documents and graph rows in hand,
for tests).
"""

from __future__ import annotations

from pathlib import Path

from app.study.ask_numbers import deadline_facts, how_often_facts
from app.study.ask_roles import duty_facts, who_facts
from app.study.ask_sanctions import sanction_facts
from app.study.ask_terms import grade_facts, principle_facts
from app.study.distractors import make_pools
from app.study.facts import Fact
from app.study.glossary import glossary
from app.study.handbook import Rows, handbook
from app.study.paper import make_paper
from app.study.records import PaperOptions, StudyPack
from app.study.scope import Scope, load_scope
from graph import open_graph

__all__ = ["all_facts", "pack_from", "study_pack"]


def all_facts(scope: Scope) -> list[Fact]:
    """Every askable fact of the binding documents, of every kind."""
    pools = make_pools(scope.corpus)
    return [
        *how_often_facts(scope, pools),
        *deadline_facts(scope, pools),
        *sanction_facts(scope, pools),
        *grade_facts(scope),
        *principle_facts(scope),
        *who_facts(scope),
        *duty_facts(scope),
    ]


def pack_from(scope: Scope, rows: Rows, options: PaperOptions | None = None) -> StudyPack:
    """The pack over a scope, with the graph's duty rows of each tier's role."""
    options = options or PaperOptions()
    entries = handbook(scope, rows)
    types = {t for e in entries for s in e.sanctions for t in s.types}
    return StudyPack(
        role=scope.role,
        level=scope.level,
        place=scope.place,
        documents=scope.documents(),
        handbook=tuple(entries),
        glossary=tuple(glossary(scope, types)),
        quiz=tuple(make_paper(all_facts(scope), options)),
        options=options,
    )


def study_pack(
    store: str | Path,
    role: str,
    level: str | None = None,
    place: str | None = None,
    options: PaperOptions | None = None,
) -> StudyPack:
    """The pack for a role at a level (or place) over a built store."""
    graph = open_graph(store)
    scope = load_scope(Path(store), role, level, place, graph)
    rows: Rows = {r: graph.duties(r).duties for r in scope.tiers}
    return pack_from(scope, rows, options)
