"""``duties``: every duty of a role, with its clause, frequency, sanctions and document."""

from __future__ import annotations

from graph.query.sparql import (
    FIND_DOCS,
    Select,
    describe,
    doc_filters,
    fetch,
    iri_tail,
    number,
    sanctions_for,
)
from graph.rdf import iris
from ingest.domain.levels import rank

__all__ = ["duties"]

_FIND_DUTIES = """SELECT DISTINCT ?duty WHERE {{ ?duty dg:role <{role}> ; a dg:Duty }}"""


def duties(select: Select, role: str, level: str | None = None, region: str | None = None) -> dict:
    """``{"role", "level", "region", "duties": [...]}``: each duty with clause, frequency,
    sanctions and document, ordered top level first, then document and clause order."""
    role_iri = str(iris.concept("role", role))
    if region:
        q = FIND_DOCS.format(filters=doc_filters(None, region, None))
        docs = [r["doc"] for r in select(iris.PREFIXES + q)]
        hits = [r["duty"] for r in fetch(select, "doc_duties", docs, role=role_iri)]
    else:
        hits = [r["duty"] for r in select(iris.PREFIXES + _FIND_DUTIES.format(role=role_iri))]
    found = describe(select, hits)
    sanctions = sanctions_for(
        select, role, {d["clause"] for d in found.values()}, {d["doc"] for d in found.values()}
    )
    out = []
    for duty, d in found.items():
        lvl = iri_tail(d["level"])  # the duty's own level (its actor's), not its document's
        if level and lvl != level:
            continue
        seen, applies = set(), []
        for s in sanctions["clause"].get(d["clause"], []) + sanctions["doc"].get(d["doc"], []):
            if s["_s"] not in seen:
                seen.add(s["_s"])
                applies.append({k: v for k, v in s.items() if k != "_s"})
        out.append(
            {
                "doc_id": d["docId"],
                "doc_title": d["title"],
                "level": lvl,
                "region": d["region"],
                "clause_id": d["clauseId"],
                "label": d["label"],
                "path": d["path"],
                "text": d["text"],
                "duty_text": d["dutyText"],
                "activity": d["activity"],
                "category": d["category"],
                "per_year": number(d.get("perYear")),
                "period": d.get("period"),
                "min_count": number(d.get("minCount")),
                "sanctions": applies,
                "_order": (rank(lvl), d["docId"], int(d["order"]), duty),
            }
        )
    out.sort(key=lambda d: d.pop("_order"))
    return {"role": role, "level": level, "region": region, "duties": out}


# the implementation chain of one document through a property path, nearest first
