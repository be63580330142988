"""SPARQL behind ``duties``, ``compare`` and ``chain``, and the shaping of their results.

The queries only read; they run unchanged on the embedded store and on a
remote endpoint. Oxigraph plans a long pattern or an OPTIONAL poorly on a
union default graph (an OPTIONAL scans its pattern across the store), so each
command first finds the duties it needs with a short selective pattern, then
fetches their details with small queries bound by ``VALUES``: every step is a
lookup by subject. A compare row is one duty group of ``graph.links`` (one
duty seen across documents); ``graph.compare`` builds its rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from graph import iris

__all__ = ["CHAIN", "LEVEL_NAMES", "LEVEL_ORDER", "chain", "duties"]

Select = Callable[[str], list[dict[str, str]]]

LEVEL_ORDER = ("national", "province", "city", "county", "township", "village", "unknown")
LEVEL_NAMES = {
    "national": "国家级",
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇级",
    "village": "村级",
    "unknown": "未知层级",
}
_FREQ_PROPS = {
    str(iris.DG.perYear): "perYear",
    str(iris.DG.period): "period",
    str(iris.DG.minCount): "minCount",
}

# step 1: which documents, when a level or region narrows them; then which duties
_FIND_DOCS = """SELECT DISTINCT ?doc WHERE {{ ?doc a dg:CorpusDocument . {filters} }}"""
_FIND_DUTIES = """SELECT DISTINCT ?duty WHERE {{ ?duty dg:role <{role}> ; a dg:Duty }}"""
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
    "group": "?group dg:category ?cat ; dg:activity ?gActivity",  # for graph.compare
    "label": '?c skos:prefLabel ?l . FILTER(LANG(?l) = "zh")',
    "in_clause": "?s dg:inClause ?clause ; a dg:Sanction ; dg:sanctionType ?t ;"
    " dg:trigger ?trigger ; dg:text ?text",
    "naming": "?s dg:inDocument ?doc ; dg:role <{role}> ; a dg:Sanction ; dg:inClause ?clause ;"
    " dg:sanctionType ?t ; dg:trigger ?trigger ; dg:text ?text",
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
}


def _lit(text: str) -> str:
    """A SPARQL string literal (quotes and backslashes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _level(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _num(value: str | None) -> float | int | None:
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() else f


def _fetch(
    select: Select, what: str, values: Iterable[str], role: str = ""
) -> list[dict[str, str]]:
    """Step 2: the details of ``what`` for the given subject IRIs (distinct rows)."""
    values = sorted(set(values))
    if not values:
        return []
    bound = " ".join(f"<{v}>" for v in values)
    body = _DETAILS[what].replace("{role}", role)
    q = f"SELECT DISTINCT * WHERE {{ VALUES ?{_VAR[what]} {{ {bound} }} {body} }}"
    return select(iris.PREFIXES + q)


def _filters(level: str | None, region: str | None, docs: Sequence[str] | None) -> str:
    parts = []
    if level:
        parts.append(f"?doc dg:level <{iris.level_iri(level)}> .")
    if region:
        parts.append(f"?doc dg:region/dg:regionName {_lit(region)}@zh .")
    if docs:
        parts.append("?doc dg:docId ?docId . VALUES ?docId { " + " ".join(map(_lit, docs)) + " }")
    return " ".join(parts)


_LABELS: dict[str, str] = {}  # concept IRI -> zh prefLabel; concepts never change label


def _labels(select: Select, concepts: Iterable[str]) -> dict[str, str]:
    """Labels of concepts, asked of the store once per process."""
    concepts = set(concepts)
    missing = concepts - _LABELS.keys()
    _LABELS.update({r["c"]: r["l"] for r in _fetch(select, "label", missing)})
    return {c: _LABELS[c] for c in concepts if c in _LABELS}


def _describe(select: Select, duty_iris: Iterable[str]) -> dict[str, dict]:
    """duty IRI -> its details, its clause's, its document's and its frequency."""
    rows = {r["duty"]: r for r in _fetch(select, "duty", duty_iris)}
    regions = {
        r["doc"]: r["region"] for r in _fetch(select, "region", (r["doc"] for r in rows.values()))
    }
    labels = _labels(select, (r["cat"] for r in rows.values()))
    freqs: dict[str, dict[str, str]] = defaultdict(dict)
    for r in _fetch(select, "frequency", rows):
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


def _sanctions(select: Select, role: str, clauses: Iterable[str], docs: Iterable[str]) -> dict:
    """Sanctions that apply: ``{"clause": {clause IRI: [...]}, "doc": {doc IRI: [...]}}`` —
    those in a clause holding the duty, and those naming the role in the document."""
    role_iri = str(iris.concept("role", role))
    found = [("clause", r["clause"], r) for r in _fetch(select, "in_clause", clauses)]
    found += [("doc", r["doc"], r) for r in _fetch(select, "naming", docs, role=role_iri)]
    labels = _labels(select, (r["t"] for _, _, r in found))
    out: dict[str, dict[str, list[dict]]] = {"clause": defaultdict(list), "doc": defaultdict(list)}
    for kind, key, r in found:
        out[kind][key].append(
            {
                "type": labels.get(r["t"], ""),
                "trigger": r["trigger"],
                "clause_id": r["clause"].rsplit("/", 1)[-1],  # clause IRI = doc IRI/clause id
                "text": r["text"],
                "_s": r["s"],
            }
        )
    return out


def duties(select: Select, role: str, level: str | None = None, region: str | None = None) -> dict:
    """``{"role", "level", "region", "duties": [...]}``: each duty with clause, frequency,
    sanctions and document, ordered top level first, then document and clause order."""
    role_iri = str(iris.concept("role", role))
    if region:
        q = _FIND_DOCS.format(filters=_filters(None, region, None))
        docs = [r["doc"] for r in select(iris.PREFIXES + q)]
        hits = [r["duty"] for r in _fetch(select, "doc_duties", docs, role=role_iri)]
    else:
        hits = [r["duty"] for r in select(iris.PREFIXES + _FIND_DUTIES.format(role=role_iri))]
    found = _describe(select, hits)
    sanctions = _sanctions(
        select, role, {d["clause"] for d in found.values()}, {d["doc"] for d in found.values()}
    )
    out = []
    for duty, d in found.items():
        lvl = _level(d["level"])  # the duty's own level (its actor's), not its document's
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
                "per_year": _num(d.get("perYear")),
                "period": d.get("period"),
                "min_count": _num(d.get("minCount")),
                "sanctions": applies,
                "_order": (LEVEL_ORDER.index(lvl), d["docId"], int(d["order"]), duty),
            }
        )
    out.sort(key=lambda d: d.pop("_order"))
    return {"role": role, "level": level, "region": region, "duties": out}


# the implementation chain of one document through a property path, nearest first
CHAIN = """SELECT ?w ?title ?level ?docId (COUNT(DISTINCT ?mid) AS ?depth) WHERE {{
  ?d dg:docId {doc} ; eli:implements+ ?w .
  ?d eli:implements+ ?mid . ?mid eli:implements* ?w .
  ?w eli:title ?title ; dg:level ?level . OPTIONAL {{ ?w dg:docId ?docId }}
}} GROUP BY ?w ?title ?level ?docId ORDER BY ?depth ?title"""


def chain(select: Select, doc_id: str) -> list[dict]:
    """The works a document implements, directly or through others, nearest first:
    ``[{"iri", "title", "level", "doc_id" (None for an external work), "depth"}]``."""
    rows = select(iris.PREFIXES + CHAIN.format(doc=_lit(doc_id)))
    return [
        {
            "iri": r["w"],
            "title": r["title"],
            "level": _level(r["level"]),
            "doc_id": r.get("docId"),
            "depth": int(r["depth"]),
        }
        for r in rows
    ]
