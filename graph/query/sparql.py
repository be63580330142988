"""The SPARQL building blocks the graph queries share: short selective patterns,
then details fetched by ``VALUES`` on their subjects.

The queries only read; they run unchanged on the embedded store and on a
remote endpoint. Oxigraph plans a long pattern or an OPTIONAL poorly on a
union default graph (an OPTIONAL scans its pattern across the store), so each
query first finds the subjects it needs with a short selective pattern, then
fetches their details with small queries bound by ``VALUES``: every step is a
lookup by subject.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from graph.query.records import Consequence, DutyDeadline
from graph.rdf import iris

__all__ = [
    "FIND_DOCS",
    "Select",
    "clause_path",
    "concept_labels",
    "deadlines_in",
    "describe",
    "doc_filters",
    "fetch",
    "iri_tail",
    "literal",
    "number",
    "sanctions_for",
]

Select = Callable[[str], list[dict[str, str]]]

_FREQ_PROPS = {
    str(iris.DG.perYear): "perYear",
    str(iris.DG.period): "period",
    str(iris.DG.minCount): "minCount",
}

# step 1: which documents, when a level or region narrows them; then which duties
FIND_DOCS = """SELECT DISTINCT ?doc WHERE {{ ?doc a dg:CorpusDocument . {filters} }}"""
# step 2: details, each bound by VALUES on its subject
_DETAILS = {
    "duty": "?duty dg:inClause ?clause ; dg:activity ?activity ; dg:category ?cat ;"
    " dg:text ?dutyText ; dg:level ?level ."
    " ?clause dg:clauseId ?clauseId ; dg:inDocument ?doc ; dg:text ?text ;"
    " dg:order ?order ; dg:label ?label ; dg:path ?path ."
    " ?doc dg:docId ?docId ; eli:title ?title",
    "region": "?doc dg:region/dg:regionName ?region",
    "frequency": "?duty dg:frequency ?f . ?f ?p ?v",
    "doc_duties": "?duty dg:inDocument ?doc ; dg:role <{role}> ; a dg:Duty",
    "group": "?group dg:category ?cat ; dg:activity ?gActivity",  # for graph.query.compare
    "label": '?c skos:prefLabel ?l . FILTER(LANG(?l) = "zh")',
    "in_clause": "?s dg:inClause ?clause ; a dg:Sanction ; dg:sanctionType ?t ;"
    " dg:trigger ?trigger ; dg:text ?text",
    "naming": "?s dg:inDocument ?doc ; dg:role <{role}> ; a dg:Sanction ; dg:inClause ?clause ;"
    " dg:sanctionType ?t ; dg:trigger ?trigger ; dg:text ?text",
    "deadline": "?dl dg:inClause ?clause ; a dg:Deadline ; ?p ?v",
}
_VAR = {
    "duty": "duty",
    "region": "doc",
    "frequency": "duty",
    "group": "group",
    "doc_duties": "doc",
    "label": "c",
    "in_clause": "clause",
    "naming": "doc",
    "deadline": "clause",
}


def literal(text: str) -> str:
    """A SPARQL string literal (quotes and backslashes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def iri_tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def number(value: str | None) -> float | int | None:
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() else f


def fetch(select: Select, what: str, values: Iterable[str], role: str = "") -> list[dict[str, str]]:
    """Step 2: the details of ``what`` for the given subject IRIs (distinct rows)."""
    values = sorted(set(values))
    if not values:
        return []
    bound = " ".join(f"<{v}>" for v in values)
    body = _DETAILS[what].replace("{role}", role)
    q = f"SELECT DISTINCT * WHERE {{ VALUES ?{_VAR[what]} {{ {bound} }} {body} }}"
    return select(iris.PREFIXES + q)


def doc_filters(level: str | None, region: str | None, docs: Sequence[str] | None) -> str:
    parts = []
    if level:
        parts.append(f"?doc dg:level <{iris.level_iri(level)}> .")
    if region:
        parts.append(f"?doc dg:region/dg:regionName {literal(region)}@zh .")
    if docs:
        parts.append(
            "?doc dg:docId ?docId . VALUES ?docId { " + " ".join(map(literal, docs)) + " }"
        )
    return " ".join(parts)


_LABELS: dict[str, str] = {}  # concept IRI -> zh prefLabel; concepts never change label


def concept_labels(select: Select, concepts: Iterable[str]) -> dict[str, str]:
    """Labels of concepts, asked of the store once per process."""
    concepts = set(concepts)
    missing = concepts - _LABELS.keys()
    _LABELS.update({r["c"]: r["l"] for r in fetch(select, "label", missing)})
    return {c: _LABELS[c] for c in concepts if c in _LABELS}


def describe(select: Select, duty_iris: Iterable[str]) -> dict[str, dict]:
    """duty IRI -> its details, its clause's, its document's and its frequency."""
    rows = {r["duty"]: r for r in fetch(select, "duty", duty_iris)}
    regions = {
        r["doc"]: r["region"] for r in fetch(select, "region", (r["doc"] for r in rows.values()))
    }
    labels = concept_labels(select, (r["cat"] for r in rows.values()))
    freqs: dict[str, dict[str, str]] = defaultdict(dict)
    for r in fetch(select, "frequency", rows):
        if r["p"] in _FREQ_PROPS:
            freqs[r["duty"]][_FREQ_PROPS[r["p"]]] = r["v"]
    return {
        duty: {
            **r,
            "region": regions.get(r["doc"]),
            "category": labels.get(r["cat"], ""),
            **freqs.get(duty, {}),
        }
        for duty, r in rows.items()
    }


def clause_path(path: str) -> tuple[str, ...]:
    """A clause's path as the graph stores it (labels joined by " / ") -> its labels."""
    return tuple(p for p in path.split(" / ") if p)


_DEADLINE_PROPS = {
    str(iris.DG.text): "text",
    str(iris.DG.deadlineKind): "kind",
    str(iris.DG.period): "period",
    str(iris.DG.month): "month",
    str(iris.DG.day): "day",
    str(iris.DG.year): "year",
    str(iris.DG.activity): "activity",
}


def deadlines_in(select: Select, clauses: Iterable[str]) -> dict[str, list[DutyDeadline]]:
    """clause IRI -> the deadlines stated in it, in a stable order."""
    found: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for r in fetch(select, "deadline", clauses):
        if r["p"] in _DEADLINE_PROPS:
            found[(r["clause"], r["dl"])][_DEADLINE_PROPS[r["p"]]] = r["v"]
    out: dict[str, list[DutyDeadline]] = defaultdict(list)
    for (clause, _), d in sorted(found.items()):
        out[clause].append(
            DutyDeadline(
                text=d.get("text", ""),
                kind=d.get("kind", ""),
                period=d.get("period"),
                month=_int(d.get("month")),
                day=_int(d.get("day")),
                year=_int(d.get("year")),
                activity=d.get("activity", ""),
            )
        )
    return out


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


Applying = dict[str, dict[str, list[tuple[str, Consequence]]]]


def sanctions_for(
    select: Select, role: str, clauses: Iterable[str], docs: Iterable[str]
) -> Applying:
    """Sanctions that apply: ``{"clause": {clause IRI: [...]}, "doc": {doc IRI: [...]}}`` —
    those in a clause holding the duty, and those naming the role in the document; each
    as (sanction IRI, Consequence)."""
    role_iri = str(iris.concept("role", role))
    found = [("clause", r["clause"], r) for r in fetch(select, "in_clause", clauses)]
    found += [("doc", r["doc"], r) for r in fetch(select, "naming", docs, role=role_iri)]
    labels = concept_labels(select, (r["t"] for _, _, r in found))
    out: Applying = {"clause": defaultdict(list), "doc": defaultdict(list)}
    for kind, key, r in found:
        doc_iri, clause_id = r["clause"].rsplit("/", 1)  # clause IRI = doc IRI/clause id
        out[kind][key].append(
            (
                r["s"],
                Consequence(
                    doc_id=doc_iri.rsplit("/", 1)[-1],
                    clause_id=clause_id,
                    text=r["text"],
                    type=labels.get(r["t"], ""),
                    trigger=r["trigger"],
                ),
            )
        )
    return out
