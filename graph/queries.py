"""SPARQL behind ``duties`` and ``compare``, and the shaping of their results (cli.md).

The queries only read; they run unchanged on the embedded store and on a
remote endpoint. A compare row is one duty group of ``graph.links`` (one duty
seen across documents), with one cell list per level and a finding in words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

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


_DUTIES = """SELECT DISTINCT ?duty ?docId ?title ?level ?region ?clauseId ?label ?path ?text ?order
       ?dutyText ?activity ?category ?perYear ?period ?minCount WHERE {{
  ?duty dg:role <{role}> ; dg:inClause ?clause ; dg:activity ?activity ; dg:category ?cat .
  ?clause dg:clauseId ?clauseId ; dg:inDocument ?doc ; dg:text ?text ; dg:order ?order .
  ?doc dg:docId ?docId ; eli:title ?title ; dg:level ?level .
  {filters}
  ?cat skos:prefLabel ?category . FILTER(LANG(?category) = "zh")
  OPTIONAL {{ ?doc dg:region/dg:regionName ?region }}
  OPTIONAL {{ ?duty dg:text ?dutyText }}
  OPTIONAL {{ ?clause dg:label ?label }}
  OPTIONAL {{ ?clause dg:path ?path }}
  OPTIONAL {{ ?duty dg:frequency ?f .
             OPTIONAL {{ ?f dg:perYear ?perYear }} OPTIONAL {{ ?f dg:period ?period }}
             OPTIONAL {{ ?f dg:minCount ?minCount }} }}
}}"""

# sanctions that apply to a role: those naming it, and those in a clause holding its duty
_SANCTIONS = """SELECT DISTINCT ?docId ?clauseId ?type ?trigger ?text WHERE {{
  {{ ?s dg:role <{role}> }} UNION {{ ?d dg:role <{role}> ; dg:inClause ?sc . ?s dg:inClause ?sc }}
  ?s a dg:Sanction ; dg:sanctionType ?t ; dg:inClause ?sc .
  ?sc dg:clauseId ?clauseId ; dg:inDocument ?doc . ?doc dg:docId ?docId .
  ?t skos:prefLabel ?type . FILTER(LANG(?type) = "zh")
  OPTIONAL {{ ?s dg:trigger ?trigger }} OPTIONAL {{ ?s dg:text ?text }}
}}"""


def _filters(level: str | None, region: str | None, docs: Sequence[str] | None) -> str:
    parts = []
    if level:
        parts.append(f"?doc dg:level <{iris.level_iri(level)}> .")
    if region:
        parts.append(f"?doc dg:region/dg:regionName {_lit(region)}@zh .")
    if docs:
        parts.append("VALUES ?docId { " + " ".join(_lit(d) for d in docs) + " }")
    return "\n  ".join(parts)


def _sanctions(select: Select, role: str) -> dict[str, list[dict]]:
    """doc_id -> the sanctions that apply to the role in that document."""
    out: dict[str, list[dict]] = defaultdict(list)
    for r in select(iris.PREFIXES + _SANCTIONS.format(role=iris.concept("role", role))):
        out[r["docId"]].append(
            {
                "type": r["type"],
                "trigger": r.get("trigger", ""),
                "clause_id": r["clauseId"],
                "text": r.get("text", ""),
            }
        )
    return out


def duties(select: Select, role: str, level: str | None = None, region: str | None = None) -> dict:
    """``{"role", "level", "region", "duties": [...]}``: each duty with clause, frequency,
    sanctions and document, ordered top level first, then document and clause order."""
    q = _DUTIES.format(role=iris.concept("role", role), filters=_filters(level, region, None))
    rows = select(iris.PREFIXES + q)
    sanctions = _sanctions(select, role) if rows else {}
    out = []
    for r in rows:
        lvl = _level(r["level"])
        out.append(
            {
                "doc_id": r["docId"],
                "doc_title": r["title"],
                "level": lvl,
                "region": r.get("region"),
                "clause_id": r["clauseId"],
                "label": r.get("label", ""),
                "path": r.get("path", ""),
                "text": r["text"],
                "duty_text": r.get("dutyText", ""),
                "activity": r["activity"],
                "category": r["category"],
                "per_year": _num(r.get("perYear")),
                "period": r.get("period"),
                "min_count": _num(r.get("minCount")),
                "sanctions": sanctions.get(r["docId"], []),
                "_order": (LEVEL_ORDER.index(lvl), r["docId"], int(r["order"]), r["duty"]),
            }
        )
    out.sort(key=lambda d: d.pop("_order"))
    return {"role": role, "level": level, "region": region, "duties": out}


_GROUPS = """SELECT DISTINCT ?group ?category ?gActivity ?docId ?level ?clauseId ?text ?order
       ?perYear ?type WHERE {{
  ?group a dg:DutyGroup ; dg:role <{role}> ; dg:category ?cat ; dg:activity ?gActivity ;
         dg:member ?duty .
  ?duty dg:inClause ?clause .
  ?clause dg:clauseId ?clauseId ; dg:inDocument ?doc ; dg:text ?text ; dg:order ?order .
  ?doc dg:docId ?docId ; dg:level ?level .
  {filters}
  ?cat skos:prefLabel ?category . FILTER(LANG(?category) = "zh")
  OPTIONAL {{ ?duty dg:frequency/dg:perYear ?perYear }}
  OPTIONAL {{ ?s a dg:Sanction ; dg:inClause ?clause ; dg:sanctionType/skos:prefLabel ?type .
             FILTER(LANG(?type) = "zh") }}
}}"""


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


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


def compare(select: Select, role: str, docs: Sequence[str] | None = None) -> dict:
    """``{"role", "levels", "rows": [{"category", "activity", "cells", "finding"}]}``."""
    q = _GROUPS.format(role=iris.concept("role", role), filters=_filters(None, None, docs))
    groups: dict[str, dict] = {}
    for r in select(iris.PREFIXES + q):
        g = groups.setdefault(
            r["group"],
            {"category": r["category"], "activity": r["gActivity"], "cells": {}, "sanctions": {}},
        )
        lvl = _level(r["level"])
        cell = {
            "doc_id": r["docId"],
            "level": lvl,
            "clause_id": r["clauseId"],
            "text": r["text"],
            "per_year": _num(r.get("perYear")),
            "_order": int(r["order"]),
        }
        # one cell per clause: several duties of the role in one clause count once,
        # with the highest frequency any of them states
        cells = g["cells"].setdefault(lvl, {})
        key = (cell["doc_id"], cell["clause_id"])
        old = cells.get(key)
        if old is None or (cell["per_year"] or -1) > (old["per_year"] or -1):
            cells[key] = cell
        if "type" in r:
            g["sanctions"].setdefault(lvl, set()).add(r["type"])
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
