"""``duties``: every duty that binds a post, with its clause, frequency, consequences and source.

Without a place the answer is the role's duties in every stored document, and it
says which documents it drew from and that they come from different regions,
not from one chain of levels. With a place (``ingest.domain.gazetteer.Place``)
it is what binds that post there: the documents ``graph.query.binding`` finds
for the place (its own, the regions' above, national rules), the duties their
texts give to the roles that bind the post (``ingest.domain.posts``: 党委书记 is
bound by 党委's duties too) at the place's level or for a range of levels that
includes it (各级, 县级以上), each duty once at its strictest
(``graph.query.strictest``), each with its consequences
(``graph.query.consequences``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import cast

from rdflib import URIRef

from graph.query.binding import BoundDocument, binding_place, catalogue
from graph.query.consequences import Asked, DocRef, consequences
from graph.query.records import DutyList, DutyRow, DutySource
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
)
from graph.query.strictest import strictest
from graph.rdf import iris
from ingest.domain.gazetteer import Place, locate
from ingest.domain.levels import Level, level_name, rank
from ingest.domain.periods import frequency_words
from ingest.domain.posts import binding_roles, reaches
from ingest.extract.duties import completed
from ingest.extract.roles import find_mentions

__all__ = ["duties", "resolve_place"]

_FIND_DUTIES = """SELECT DISTINCT ?duty WHERE {{ ?duty dg:role <{role}> ; a dg:Duty }}"""
_ALL_DOCS = """SELECT ?doc ?docId ?title ?level WHERE {
  ?doc a dg:CorpusDocument ; dg:docId ?docId ; eli:title ?title ; dg:level ?level }"""


def _docs(select: Select) -> dict[str, tuple[DocRef, Level]]:
    """doc_id -> its IRI and title, and its level."""
    return {
        r["docId"]: (DocRef(r["doc"], r["title"]), cast(Level, iri_tail(r["level"])))
        for r in select(iris.PREFIXES + _ALL_DOCS)
    }


def _row(d: dict, doc_level: Level, actor: str, binds_as: str = "", why: str = "") -> DutyRow:
    per_year, period = number(d.get("perYear")), d.get("period")
    min_count = number(d.get("minCount"))
    path = clause_path(d["path"])
    return DutyRow(
        doc_id=d["docId"],
        doc_title=d["title"],
        level=cast(Level, iri_tail(d["level"])),  # the duty's own level (its actor's)
        region=d["region"],
        clause_id=d["clauseId"],
        label=d["label"],
        path=path,
        text=d["text"],
        duty_text=completed(d["dutyText"], d["text"]),
        activity=d["activity"],
        category=d["category"],
        per_year=per_year,
        period=period,
        min_count=min_count,
        doc_level=doc_level,
        actor=actor,
        binds_as=binds_as,
        source_why=why,
        frequency=frequency_words(period, min_count, per_year) if per_year or period else "",
        citation=f"《{d['title']}》{''.join(path) or d['label']}",
    )


def _chains(select: Select, rows: Iterable[DutyRow], levels: Mapping[str, Level]) -> dict:
    """doc_id -> the documents above it that bind its region, nearest first (national
    documents: the other national ones)."""
    national = [d for d, lv in levels.items() if lv == "national"]
    out: dict[str, list[str]] = {}
    for row in rows:
        if row.doc_id in out:
            continue
        if row.doc_level == "national" or not row.region:
            out[row.doc_id] = national if row.doc_level == "national" else []
            continue
        bound = binding_place(select, row.region)
        out[row.doc_id] = [
            b.doc_id for b in bound if rank(b.level) < rank(row.doc_level) and b.basis != "chain"
        ]
    return out


def _with_consequences(
    select: Select,
    rows: list[DutyRow],
    docs: Mapping[str, tuple[DocRef, Level]],
    chains: Mapping[str, list[str]],
) -> list[DutyRow]:
    def ask(r: DutyRow) -> Asked:
        return Asked(r.doc_id, r.clause_id, r.actor, r.level)

    found = consequences(
        select, (ask(r) for r in rows), {d: ref for d, (ref, _) in docs.items()}, chains
    )

    def clause(r: DutyRow) -> str:
        return str(iris.clause_iri(URIRef(docs[r.doc_id][0].iri), r.clause_id))

    dated = deadlines_in(select, {clause(r) for r in rows})
    return [
        replace(r, consequences=found[ask(r)], deadlines=tuple(dated.get(clause(r), ())))
        for r in rows
    ]


def _sources_note(rows: list[DutyRow]) -> tuple[tuple[DutySource, ...], str]:
    """The documents the rows come from, and a note when they lie in different regions."""
    seen: dict[str, DutySource] = {}
    for r in rows:
        why = (
            "国家法律法规"
            if r.doc_level == "national"
            else f"{r.region or '未注明地区'}的{level_name(r.doc_level)}文件"
        )
        seen.setdefault(r.doc_id, DutySource(r.doc_id, r.doc_title, r.doc_level, r.region, why))
    regions = list(
        dict.fromkeys(s.region or s.title for s in seen.values() if s.level != "national")
    )
    note = ""
    if len(regions) > 1:
        note = (
            f"未选择所在地：以下职责取自不同地区的文件（{'、'.join(regions)}），"
            "它们之间没有上下级关系；选择所在地，可只看约束该地岗位的职责。"
        )
    return tuple(seen.values()), note


def _unplaced(select: Select, role: str, level: Level | None, region: str | None) -> DutyList:
    role_iri = str(iris.concept("role", role))
    if region:
        q = FIND_DOCS.format(filters=doc_filters(None, region, None))
        found_docs = [r["doc"] for r in select(iris.PREFIXES + q)]
        hits = [r["duty"] for r in fetch(select, "doc_duties", found_docs, role=role_iri)]
    else:
        hits = [r["duty"] for r in select(iris.PREFIXES + _FIND_DUTIES.format(role=role_iri))]
    docs = _docs(select)
    keyed = []
    for duty, d in describe(select, hits).items():
        row = _row(d, docs[d["docId"]][1], role)
        if level and row.level != level:
            continue
        keyed.append(((rank(row.level), row.doc_id, int(d["order"]), duty), row))
    rows = [r for _, r in sorted(keyed, key=lambda p: p[0])]
    rows = _with_consequences(select, rows, docs, _chains(select, rows, _levels(docs)))
    sources, note = _sources_note(rows)
    return DutyList(role, level, region, tuple(rows), None, sources, note)


def _levels(docs: Mapping[str, tuple[DocRef, Level]]) -> dict[str, Level]:
    return {d: lv for d, (_, lv) in docs.items()}


def _actor_text(d: dict, parents: Mapping[str, str]) -> str:
    """The words that name a duty's actor: its own when it names one, else its lead-in's
    (（一）… under 第八条 各级党（工）委主要负责人…：)."""
    own = d["dutyText"]
    if any(m.subject for m in find_mentions(own)):
        return own
    return own + "\n" + parents.get(d["clause"], "")


# Why a document binds a place, in a page's words (``BoundDocument.basis``).
_PLACE_WHY = {
    "own_region": "本地（{region}）的文件",
    "region_above": "上级地区（{region}）的文件",
    "national": "国家法律法规",
    "chain": "所落实的上位文件（经{via}）",
}


def _why(b: BoundDocument, titles: Mapping[str, str]) -> str:
    words = _PLACE_WHY.get(b.basis)
    via = f"《{titles[b.via]}》" if b.via and b.via in titles else (b.via or "")
    return words.format(region=b.region or "", via=via) if words else b.why


def _placed(select: Select, role: str, place: Place) -> DutyList:
    bound = binding_place(select, place.name, place.within)
    docs = _docs(select)
    order = {b.doc_id: i for i, b in enumerate(bound)}
    titles = {d: ref.title for d, (ref, _) in docs.items()}
    by_id: dict[str, BoundDocument] = {b.doc_id: b for b in bound}
    doc_iris = [docs[b.doc_id][0].iri for b in bound if b.doc_id in docs]
    keyed = []
    for n, binding in enumerate(binding_roles(role)):
        role_iri = str(iris.concept("role", binding.role))
        hits = [r["duty"] for r in fetch(select, "doc_duties", doc_iris, role=role_iri)]
        found = describe(select, hits)
        parents = {
            r["clause"]: r["ptext"]
            for r in fetch(select, "parent", {d["clause"] for d in found.values()})
        }
        for duty, d in found.items():
            lvl = cast(Level, iri_tail(d["level"]))
            if not reaches(_actor_text(d, parents), lvl, place.level):
                continue
            b = by_id[d["docId"]]
            row = _row(d, b.level, binding.role, binding.why, _why(b, titles))
            keyed.append(((n, order[b.doc_id], int(d["order"]), duty), row))
    rows = [r for _, r in sorted(keyed, key=lambda p: p[0])]
    chains = {
        r.doc_id: [
            b.doc_id
            for b in bound
            if b.doc_id != r.doc_id and (rank(b.level) < rank(r.doc_level) or b.level == "national")
        ]
        for r in rows
    }
    rows = strictest(_with_consequences(select, rows, docs, chains), order)
    sources = tuple(
        DutySource(b.doc_id, b.title, b.level, b.region, _why(b, titles)) for b in bound
    )
    return DutyList(role, place.level, None, tuple(rows), place, sources, "")


def resolve_place(select: Select, name: str) -> Place:
    """The place a user names (黄堡镇, 王益区黄堡镇): of several places of that name, the
    one whose region has documents in the store. Raises ``UnknownPlace`` otherwise."""
    regions = {d.region for d in catalogue(select).values() if d.region}
    return locate(name, prefer=regions)


def duties(
    select: Select,
    role: str,
    level: Level | None = None,
    region: str | None = None,
    place: Place | None = None,
) -> DutyList:
    """Every duty of the role (or, with ``place``, every duty binding that post there),
    each with clause, frequency, deadlines, consequences and source document."""
    if place is not None:
        return _placed(select, role, place)
    return _unplaced(select, role, level, region)
