"""Cross-document links, derived from the per-document graphs into one links graph.

Recomputed after every change from what the store holds (so it needs no
records of unchanged documents): citations resolved to corpus documents by
title or 文号, else to an external work node with its title and level; the
implementation chain read from nested titles (王益区落实《铜川市贯彻落实<陕西省
实施…规定细则>的意见》实施意见 -> 意见 -> 细则 -> 规定); and duty groups that
line up one duty across documents (same role and category, similar activity).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from graph.rdf import iris
from graph.rdf.document_graph import bind_prefixes
from graph.rdf.iris import DG, ELI
from ingest.domain.places import title_place
from ingest.domain.similarity import ALIGN_THRESHOLD, similarity
from ingest.parse.citations import title_chain

__all__ = ["link_graph"]

Select = Callable[[str], list[dict[str, str]]]

_MIN_TITLE = 5  # 《细则》, 《意见》 alone name nothing that can be resolved


class _Works:
    """Resolves titles and 文号 to corpus documents, else mints external work nodes."""

    def __init__(self, g: Graph, docs: list[dict[str, str]]) -> None:
        self.g = g
        self.by_title = {iris.title_key(d["title"]): URIRef(d["d"]) for d in docs}
        self.by_number = {
            iris.title_key(d["number"]): URIRef(d["d"]) for d in docs if "number" in d
        }
        self.minted: set[URIRef] = set()

    def resolve(self, title: str, number: str | None = None, level: str = "unknown") -> URIRef:
        key = iris.title_key(title)
        if number and iris.title_key(number) in self.by_number:
            return self.by_number[iris.title_key(number)]
        if key in self.by_title:
            return self.by_title[key]
        work = iris.work_iri(title)
        if work in self.minted:  # one title per work: the first spelling seen
            return work
        self.minted.add(work)
        guessed, region = title_place(title)
        self.g.add((work, RDF.type, ELI.LegalResource))
        self.g.add((work, RDF.type, DG.ExternalWork))
        self.g.add((work, ELI.title, Literal(title, lang="zh")))
        self.g.add((work, DG.level, iris.level_iri(level if level != "unknown" else guessed)))
        if number:
            self.g.add((work, ELI.id_local, Literal(number, lang="zh")))
        if region:
            self.g.add((work, DG.regionName, Literal(region, lang="zh")))
        return work

    def chain(self, source: URIRef, title: str) -> None:
        """source eli:implements each step of the title's nested chain."""
        seen = {iris.title_key(title)}
        for inner in title_chain(title):
            if iris.title_key(inner) in seen:
                break
            seen.add(iris.title_key(inner))
            target = self.resolve(inner)
            self.g.add((source, ELI.implements, target))
            source = target


_DOCS = """SELECT ?d ?title ?level ?number WHERE {
  ?d a dg:CorpusDocument ; eli:title ?title ; dg:level ?level .
  OPTIONAL { ?d eli:id_local ?number } }"""
_CITATIONS = """SELECT ?d ?c ?title ?number ?relation ?level WHERE {
  ?d dg:citation ?c . ?c dg:citedTitle ?title ; dg:relation ?relation ; dg:level ?level .
  OPTIONAL { ?c dg:citedNumber ?number } }"""
_DUTIES = """SELECT ?duty ?role ?category ?activity WHERE {
  ?duty a dg:Duty ; dg:role ?role ; dg:category ?category ; dg:activity ?activity }"""


def _citations(g: Graph, works: _Works, select: Select) -> None:
    for row in sorted(select(iris.PREFIXES + _CITATIONS), key=lambda r: (r["d"], r["c"])):
        if len(iris.title_key(row["title"])) < _MIN_TITLE and "number" not in row:
            continue
        d = URIRef(row["d"])
        level = row["level"].rsplit("/", 1)[-1]
        target = works.resolve(row["title"], row.get("number"), level)
        if target == d:
            continue
        g.add((URIRef(row["c"]), DG.resolvesTo, target))
        g.add((d, ELI.implements if row["relation"] == "implements" else ELI.cites, target))
        if target.startswith(iris.BASE + "work/"):
            works.chain(target, row["title"])


def _groups(g: Graph, rows: Iterable[dict[str, str]]) -> None:
    """Greedy clustering of duties per (role, category) on activity similarity."""
    buckets: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        buckets[(r["role"], r["category"])][r["activity"]].append(r["duty"])
    for (role, category), by_activity in sorted(buckets.items()):
        reps: list[tuple[str, list[str]]] = []
        for activity in sorted(by_activity, key=lambda a: (-len(by_activity[a]), a)):
            best = max(reps, key=lambda rep: similarity(rep[0], activity), default=None)
            if best is not None and similarity(best[0], activity) >= ALIGN_THRESHOLD:
                best[1].extend(by_activity[activity])
            else:
                reps.append((activity, list(by_activity[activity])))
        for activity, members in reps:
            digest = hashlib.sha1(f"{role}|{category}|{activity}".encode()).hexdigest()[:16]
            group = URIRef(f"{iris.BASE}dutygroup/{digest}")
            g.add((group, RDF.type, DG.DutyGroup))
            g.add((group, DG.role, URIRef(role)))
            g.add((group, DG.category, URIRef(category)))
            g.add((group, DG.activity, Literal(activity, lang="zh")))
            for duty in members:
                g.add((group, DG.member, URIRef(duty)))


def link_graph(select: Select, context: Graph | None = None) -> Graph:
    """The links graph of everything ``select`` can see.

    ``context``, when given, receives the types, titles and levels of the
    documents and duties the links point at, so the links graph can be
    validated without the whole store.
    """
    g = bind_prefixes(Graph())
    docs = select(iris.PREFIXES + _DOCS)
    works = _Works(g, docs)
    _citations(g, works, select)  # first: citations spell titles with proper 《》
    for d in sorted(docs, key=lambda d: d["d"]):
        works.chain(URIRef(d["d"]), d["title"])
    duties = select(iris.PREFIXES + _DUTIES)
    _groups(g, duties)
    if context is not None:
        for d in docs:
            node = URIRef(d["d"])
            context.add((node, RDF.type, ELI.LegalResource))
            context.add((node, ELI.title, Literal(d["title"], lang="zh")))
            context.add((node, DG.level, URIRef(d["level"])))
        for r in duties:
            context.add((URIRef(r["duty"]), RDF.type, DG.Duty))
    return g
