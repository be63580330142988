"""SPARQL behind ``duties``, ``compare`` and ``chain``, and the shaping of their results.

The queries only read; they run unchanged on the embedded store and on a
remote endpoint. Oxigraph plans a long pattern or an OPTIONAL poorly on a
union default graph (an OPTIONAL scans its pattern across the store), so each
command first finds the duties it needs with a short selective pattern, then
fetches their details with small queries bound by ``VALUES``: every step is a
lookup by subject. A compare row is one duty group of ``graph.links`` (one
duty seen across documents), with one cell list per level and a finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from graph import iris

__all__ = ["CHAIN", "LEVEL_NAMES", "LEVEL_ORDER", "chain", "compare", "duties", "finding"]

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
_FIND_GROUPS = """SELECT DISTINCT ?group ?duty WHERE {{
  ?group dg:role <{role}> ; a dg:DutyGroup ; dg:member ?duty .
  ?duty dg:inClause ?clause . ?clause dg:inDocument ?doc . {filters} }}"""
# step 2: details, each bound by VALUES on its subject
_DETAILS = {
    "duty": "?duty dg:inClause ?clause ; dg:activity ?activity ; dg:category ?cat ;"
    " dg:text ?dutyText . ?clause dg:clauseId ?clauseId ; dg:inDocument ?doc ; dg:text ?text ;"
    " dg:order ?order ; dg:label ?label ; dg:path ?path ."
    " ?doc dg:docId ?docId ; eli:title ?title ; dg:level ?level",
    "region": "?doc dg:region/dg:regionName ?region",
    "frequency": "?duty dg:frequency ?f . ?f ?p ?v",
    "doc_duties": "?duty dg:inDocument ?doc ; dg:role <{role}> ; a dg:Duty",
    "group": "?group dg:category ?cat ; dg:activity ?gActivity",
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
    if level or region:
        q = _FIND_DOCS.format(filters=_filters(level, region, None))
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
        lvl = _level(d["level"])
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


def finding(levels: Sequence[str], cells: dict[str, list[dict]], sanctions: dict) -> str:
    """What differs across levels, in Chinese words; empty when the levels agree.

    Missing levels, then frequencies (each level against the highest level that
    states one), then levels without a number, then differing sanction types.
    """
    parts = []
    missing = [LEVEL_NAMES[lv] for lv in levels if lv not in cells]
    if missing:
        parts.append("、".join(missing) + "未规定此项职责")
    freq = {
        lv: max(c["per_year"] for c in cs if c["per_year"] is not None)
        for lv, cs in cells.items()
        if any(c["per_year"] is not None for c in cs)
    }
    ordered = [lv for lv in levels if lv in freq]
    if len(set(freq.values())) > 1:
        ref = ordered[0]
        said = "，".join(f"{LEVEL_NAMES[lv]}每年{_fmt(freq[lv])}次" for lv in ordered)
        cmp = [
            f"{LEVEL_NAMES[lv]}{'高于' if freq[lv] > freq[ref] else '低于'}{LEVEL_NAMES[ref]}"
            for lv in ordered[1:]
            if freq[lv] != freq[ref]
        ]
        parts.append(f"频次不同：{said}（{'，'.join(cmp)}）")
    if freq:
        unnumbered = [LEVEL_NAMES[lv] for lv in levels if lv in cells and lv not in freq]
        if unnumbered:
            parts.append("、".join(unnumbered) + "未规定频次")
    present = {lv: sanctions.get(lv, set()) for lv in levels if lv in cells}
    if (
        len(present) > 1
        and any(present.values())
        and len(set(map(frozenset, present.values()))) > 1
    ):
        said = "，".join(
            f"{LEVEL_NAMES[lv]}（{'、'.join(sorted(s)) or '无'}）" for lv, s in present.items()
        )
        parts.append(f"问责不同：{said}")
    return "；".join(parts)


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def compare(select: Select, role: str, docs: Sequence[str] | None = None) -> dict:
    """``{"role", "levels", "rows": [{"category", "activity", "cells", "finding"}]}``."""
    q = _FIND_GROUPS.format(role=iris.concept("role", role), filters=_filters(None, None, docs))
    members = select(iris.PREFIXES + q)
    found = _describe(select, (r["duty"] for r in members))
    group_rows = {r["group"]: r for r in _fetch(select, "group", (r["group"] for r in members))}
    labels = _labels(select, (r["cat"] for r in group_rows.values()))
    in_clause = _sanctions(select, role, {d["clause"] for d in found.values()}, ())["clause"]
    groups: dict[str, dict] = {}
    for m in members:
        d, info = found.get(m["duty"]), group_rows.get(m["group"])
        if d is None or info is None:
            continue
        g = groups.setdefault(
            m["group"],
            {
                "category": labels.get(info["cat"], ""),
                "activity": info["gActivity"],
                "cells": {},
                "sanctions": {},
            },
        )
        lvl = _level(d["level"])
        cell = {
            "doc_id": d["docId"],
            "level": lvl,
            "clause_id": d["clauseId"],
            "text": d["text"],
            "per_year": _num(d.get("perYear")),
            "_order": int(d["order"]),
        }
        # one cell per clause: several duties of the role in one clause count once,
        # with the highest frequency any of them states
        cells = g["cells"].setdefault(lvl, {})
        key = (cell["doc_id"], cell["clause_id"])
        old = cells.get(key)
        if old is None or (cell["per_year"] or -1) > (old["per_year"] or -1):
            cells[key] = cell
        for s in in_clause.get(d["clause"], []):
            g["sanctions"].setdefault(lvl, set()).add(s["type"])
    levels = sorted({lv for g in groups.values() for lv in g["cells"]}, key=LEVEL_ORDER.index)
    rows = []
    for g in groups.values():
        cells = {
            lv: [
                {k: v for k, v in c.items() if k != "_order"}
                for c in sorted(g["cells"][lv].values(), key=lambda c: (c["doc_id"], c["_order"]))
            ]
            for lv in levels
            if lv in g["cells"]
        }
        rows.append(
            {
                "category": g["category"],
                "activity": g["activity"],
                "cells": cells,
                "finding": finding(levels, cells, g["sanctions"]),
            }
        )
    rows.sort(key=lambda r: (-len(r["cells"]), r["category"], r["activity"]))
    return {"role": role, "levels": levels, "rows": rows}


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
