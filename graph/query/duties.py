"""``duties``: every duty of a role, with its clause, frequency, sanctions and document."""

from __future__ import annotations

from typing import cast

from graph.query.records import DutyList, DutyRow
from graph.query.sparql import (
    FIND_DOCS,
    Select,
    clause_path,
    deadlines_in,
    describe,
    doc_filters,
    fetch,
    iri_tail,
    number,
    sanctions_for,
)
from graph.rdf import iris
from ingest.domain.levels import Level, rank

__all__ = ["duties"]

_FIND_DUTIES = """SELECT DISTINCT ?duty WHERE {{ ?duty dg:role <{role}> ; a dg:Duty }}"""


def duties(
    select: Select, role: str, level: Level | None = None, region: str | None = None
) -> DutyList:
    """Every duty of the role, each with clause, frequency, deadlines, consequences and
    document, ordered top level first, then document and clause order."""
    role_iri = str(iris.concept("role", role))
    if region:
        q = FIND_DOCS.format(filters=doc_filters(None, region, None))
        docs = [r["doc"] for r in select(iris.PREFIXES + q)]
        hits = [r["duty"] for r in fetch(select, "doc_duties", docs, role=role_iri)]
    else:
        hits = [r["duty"] for r in select(iris.PREFIXES + _FIND_DUTIES.format(role=role_iri))]
    found = describe(select, hits)
    clauses = {d["clause"] for d in found.values()}
    sanctions = sanctions_for(select, role, clauses, {d["doc"] for d in found.values()})
    deadlines = deadlines_in(select, clauses)
    rows: list[tuple[tuple[int, str, int, str], DutyRow]] = []
    for duty, d in found.items():
        lvl = cast(Level, iri_tail(d["level"]))  # the duty's own level (its actor's)
        if level and lvl != level:
            continue
        applies = {
            s: c
            for s, c in sanctions["clause"].get(d["clause"], [])
            + sanctions["doc"].get(d["doc"], [])
        }
        row = DutyRow(
            doc_id=d["docId"],
            doc_title=d["title"],
            level=lvl,
            region=d["region"],
            clause_id=d["clauseId"],
            label=d["label"],
            path=clause_path(d["path"]),
            text=d["text"],
            duty_text=d["dutyText"],
            activity=d["activity"],
            category=d["category"],
            per_year=number(d.get("perYear")),
            period=d.get("period"),
            min_count=number(d.get("minCount")),
            consequences=tuple(applies.values()),
            deadlines=tuple(deadlines.get(d["clause"], ())),
        )
        rows.append(((rank(lvl), d["docId"], int(d["order"]), duty), row))
    rows.sort(key=lambda pair: pair[0])
    return DutyList(role, level, region, tuple(r for _, r in rows))
