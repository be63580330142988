"""Which stored documents bind a place or a draft, and why: the one resolver.

A post in a township is bound by its own region's documents, by those of the
regions above it (county -> city -> province, from ``ingest.domain.places`` and
the graph's ``dg:within`` links), by national rules, and by whatever each of
those implements. A draft is held against what it implements or cites (its
title chain, 依据 lines and 文号, resolved against the store), what those
implement in turn, then the documents of the levels above its region that
regulate the same matter. The audit holds every stored document against the
stored documents it implements.

Every answer is a tuple of :class:`BoundDocument`, strongest reason first, each
document once. The duty and comparison views (place-scoped duties) use
:func:`binding_place`; the draft check uses :func:`references_for`; the audit
uses :func:`implementations`. All three read the store through a ``Select``
(``GraphReader.select``), so they run on a local store and a SPARQL endpoint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, cast

from graph.query.matter import same_matter
from graph.query.sparql import Select, iri_tail
from graph.rdf import iris
from ingest.domain.levels import Level, level_name, rank
from ingest.domain.places import level_of, region_chain
from ingest.records import Document

__all__ = [
    "Basis",
    "BoundDocument",
    "StoredDocument",
    "binding_place",
    "catalogue",
    "implementations",
    "references_for",
]

# Why a document binds, strongest first (the order answers are sorted in).
Basis = Literal["implements", "number", "cites", "chain", "own_region", "region_above", "national"]
_BASES: tuple[Basis, ...] = (
    "implements",
    "number",
    "cites",
    "chain",
    "own_region",
    "region_above",
    "national",
)
# A place's own documents come first, what they implement last.
_PLACE_ORDER: tuple[Basis, ...] = ("own_region", "region_above", "national", "chain", *_BASES[:3])
# The reason in words, for the JSON ``why`` and every page: {via} is the title, 文号 or
# document it was found through, {place} its region.
_WHY_ZH: dict[Basis, str] = {
    "implements": "草案落实或依据的文件（{via}）",
    "number": "草案引用其文号（{via}）",
    "cites": "草案引用的文件（{via}）",
    "chain": "所落实文件的上位文件（经{via}）",
    "own_region": "本地区（{place}）的文件",
    "region_above": "上级地区（{place}）规范同一事项的文件",
    "national": "国家层面规范同一事项的规定",
}


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document of the store as the resolver sees it."""

    doc_id: str
    title: str
    level: Level
    region: str | None = None
    number: str | None = None  # its 文号


@dataclass(frozen=True, slots=True)
class BoundDocument:
    """A stored document that binds a place or a draft, and why (``basis``, ``via``)."""

    doc_id: str
    title: str
    level: Level
    region: str | None
    basis: Basis
    via: str | None = None  # the cited title, 文号 or doc_id it was found through

    @property
    def why(self) -> str:
        """The reason in a Chinese phrase (草案落实或依据的文件（…）)."""
        return _WHY_ZH[self.basis].format(via=self.via or "", place=self.region or "")

    def as_json(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "level": self.level,
            "level_name": level_name(self.level),
            "region": self.region,
            "why": self.why,
            "basis": self.basis,
            "via": self.via,
        }


_DOCS = """SELECT ?d ?docId ?title ?level WHERE {
  ?d a dg:CorpusDocument ; dg:docId ?docId ; eli:title ?title ; dg:level ?level }"""
_NUMBERS = "SELECT ?d ?number WHERE { ?d a dg:CorpusDocument ; eli:id_local ?number }"
_REGIONS = "SELECT ?d ?region WHERE { ?d a dg:CorpusDocument ; dg:region/dg:regionName ?region }"
_WITHIN = "SELECT ?name ?up WHERE { ?r dg:regionName ?name ; dg:within/dg:regionName ?up }"
_IMPLEMENTS = """SELECT ?a ?b WHERE { ?d a dg:CorpusDocument ; dg:docId ?a ; eli:implements+ ?w .
  ?w dg:docId ?b }"""
_DIRECT = """SELECT ?a ?b ?rel WHERE { ?d a dg:CorpusDocument ; dg:docId ?a ; ?rel ?w .
  ?w dg:docId ?b . FILTER(?rel IN (eli:implements, eli:cites)) }"""


def catalogue(select: Select) -> dict[str, StoredDocument]:
    """doc_id -> every stored document with its title, level, region and 文号."""
    rows = select(iris.PREFIXES + _DOCS)
    numbers = {r["d"]: r["number"] for r in select(iris.PREFIXES + _NUMBERS)}
    regions = {r["d"]: r["region"] for r in select(iris.PREFIXES + _REGIONS)}
    return {
        r["docId"]: StoredDocument(
            doc_id=r["docId"],
            title=r["title"],
            level=cast(Level, iri_tail(r["level"])),
            region=regions.get(r["d"]),
            number=numbers.get(r["d"]),
        )
        for r in sorted(rows, key=lambda r: r["docId"])
    }


def _chains(select: Select) -> dict[str, list[str]]:
    """doc_id -> the stored documents it implements, directly or through others."""
    out: dict[str, list[str]] = defaultdict(list)
    for r in sorted(select(iris.PREFIXES + _IMPLEMENTS), key=lambda r: (r["a"], r["b"])):
        if r["a"] != r["b"] and r["b"] not in out[r["a"]]:
            out[r["a"]].append(r["b"])
    return out


def _regions_above(select: Select, names: Iterable[str]) -> tuple[str, ...]:
    """The names with every region above them: the gazetteer's chain (ingest.domain.places),
    then the graph's dg:within links (王益区 within 铜川市, learnt from titles)."""
    within: dict[str, set[str]] = defaultdict(set)
    for r in select(iris.PREFIXES + _WITHIN):
        if r["name"] != r["up"]:
            within[r["name"]].add(r["up"])
    chain: list[str] = []
    todo = list(region_chain([n for n in names if n]))
    while todo:
        name = todo.pop(0)
        if name in chain:
            continue
        chain.append(name)
        todo += [*region_chain([name])[1:], *sorted(within.get(name, ()))]
    return tuple(chain)


def _bound(doc: StoredDocument, basis: Basis, via: str | None = None) -> BoundDocument:
    return BoundDocument(doc.doc_id, doc.title, doc.level, doc.region, basis, via)


def _ordered(
    found: Iterable[BoundDocument], order: tuple[Basis, ...] = _BASES, exclude: str | None = None
) -> tuple[BoundDocument, ...]:
    """Each document once, with its first reason in ``order``; sorted by that, then the
    nearest level first (county, city, province, national)."""
    best: dict[str, BoundDocument] = {}
    for b in found:
        old = best.get(b.doc_id)
        if b.doc_id != exclude and (old is None or order.index(b.basis) < order.index(old.basis)):
            best[b.doc_id] = b
    return tuple(
        sorted(best.values(), key=lambda b: (order.index(b.basis), -rank(b.level), b.doc_id))
    )


def binding_place(
    select: Select, place: str, within: Iterable[str] = ()
) -> tuple[BoundDocument, ...]:
    """Every stored document binding a post in ``place`` (黄堡镇, 王益区, 陕西省): the place's
    own documents, those of the regions above it, national documents, and each one's
    implemented stored documents (basis ``chain``, ``via`` the document that implements it).
    ``within`` names the place's parents when several places bear its name (黄堡镇 of
    王益区, not of 保康县: ``ingest.domain.gazetteer.Place.within``)."""
    docs = catalogue(select)
    chain = _regions_above(select, [place, *within])
    found: list[BoundDocument] = []
    for d in docs.values():
        if d.level == "national":
            found.append(_bound(d, "national"))
        elif d.region == place:
            found.append(_bound(d, "own_region"))
        elif d.region in chain and rank(level_of(d.region)) < rank(level_of(place)):
            found.append(_bound(d, "region_above"))
    implemented = _chains(select)
    for b in list(found):
        found += [_bound(docs[t], "chain", b.doc_id) for t in implemented.get(b.doc_id, ())]
    return _ordered(found, _PLACE_ORDER)


def _resolve(doc: Document, docs: dict[str, StoredDocument]) -> list[BoundDocument]:
    """The draft's own citations (title chain, 依据 lines, 文号) found in the store."""
    by_title = {iris.title_key(d.title): d for d in docs.values()}
    by_number = {iris.title_key(d.number): d for d in docs.values() if d.number}
    found = []
    for c in doc.citations:
        number = by_number.get(iris.title_key(c.doc_number)) if c.doc_number else None
        titled = by_title.get(iris.title_key(c.title)) if c.title else None
        if titled is not None:
            basis: Basis = "implements" if c.relation == "implements" else "cites"
            found.append(_bound(titled, basis, f"《{c.title}》"))
        elif number is not None:
            found.append(_bound(number, "number", c.doc_number))
    return found


def references_for(
    select: Select, doc: Document, above_same_matter: bool = True
) -> tuple[BoundDocument, ...]:
    """The stored documents a draft is held against, strongest reason first: what it
    implements or cites (never a document of a lower level than the draft's), what those
    implement, then (``above_same_matter``) the documents of the regions above the draft's
    and national ones that regulate the same matter as its title."""
    docs = catalogue(select)
    own = rank(doc.level)  # an unknown level ranks below every known one
    found = [b for b in _resolve(doc, docs) if rank(b.level) <= own]
    implemented = _chains(select)
    for b in list(found):
        found += [_bound(docs[t], "chain", b.title) for t in implemented.get(b.doc_id, ())]
    if above_same_matter:
        places = [doc.region or "", *doc.regions, *(c.region or "" for c in doc.citations)]
        chain = _regions_above(select, places)
        for d in docs.values():
            if not same_matter(d.title, doc.title) or rank(d.level) >= own:
                continue
            if d.level == "national":
                found.append(_bound(d, "national"))
            elif d.region in chain and d.region != doc.region:
                found.append(_bound(d, "region_above"))
    return _ordered(found, exclude=doc.doc_id)


def implementations(select: Select) -> dict[str, tuple[BoundDocument, ...]]:
    """doc_id -> the stored documents of a higher level it implements (directly, through
    others, or by citing them as its basis), for the store-wide audit."""
    docs = catalogue(select)
    direct: dict[str, set[str]] = defaultdict(set)
    for r in select(iris.PREFIXES + _DIRECT):
        if r["rel"].endswith("implements"):
            direct[r["a"]].add(r["b"])
    out: dict[str, tuple[BoundDocument, ...]] = {}
    for a, targets in _chains(select).items():
        if a not in docs:
            continue
        bound = [
            _bound(docs[t], "implements" if t in direct[a] else "chain")
            for t in targets
            if t in docs and rank(docs[t].level) < rank(docs[a].level)
        ]
        if bound:
            out[a] = _ordered(bound, exclude=a)
    return out
