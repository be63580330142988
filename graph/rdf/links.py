"""Cross-document links, derived from the per-document graphs into one links graph.

Recomputed after every change from what the store holds (so it needs no
records of unchanged documents): citations resolved to corpus documents by
title or 文号, else to an external work node with its title and level; the
implementation chain read from nested titles (王益区落实《铜川市贯彻落实<陕西省
实施…规定细则>的意见》实施意见 -> 意见 -> 细则 -> 规定); and duty groups that
line up one duty across documents (same role and category, similar activity).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from graph.rdf import iris
from graph.rdf.document_graph import bind_prefixes, region_level
from graph.rdf.iris import DG, ELI

__all__ = ["NATIONAL_TITLE", "guess_level", "implemented_title", "link_graph", "similarity"]

Select = Callable[[str], list[dict[str, str]]]

_OPEN, _CLOSE = "《<〈＜", "》>〉＞"
# a title -> the title it implements; the first rule that matches wins, applied again
# on the result, so nested titles unfold into the whole chain.
_IMPLEMENTS = (
    # 落实《X》实施意见 / 贯彻落实<X>的意见 / 关于贯彻《X》的实施办法: the outermost bracketed title
    re.compile(rf"(?:落实|贯彻|实施|执行)[^{_OPEN}]{{0,4}}[{_OPEN}](?P<inner>.+)[{_CLOSE}]"),
    # 陕西省实施地方党政领导干部安全生产责任制规定细则: a 规定 named without brackets
    re.compile(
        r"^[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|州|盟|区|县|旗)实施"
        r"(?P<inner>[^《》<>〈〉]{4,}?(?:规定|条例|办法|法))(?:的)?(?:实施)?细则$"
    ),
)
# a title's leading region name: 铜川市…, 内蒙古自治区…, 大栗港镇…
_REGION_PREFIX = re.compile(
    r"^(?:中共)?(?P<region>[\u4e00-\u9fff]{1,8}?(?:自治区|省|市|州|盟|区|县|旗|镇|乡|街道))"
)
# titles issued for the whole country (no region before them)
_NATIONAL = re.compile(
    r"^(?:中华人民共和国|国务院|中共中央|全国|国家|地方党政领导干部)|(?:法|条例|规定)$"
)
NATIONAL_TITLE = "地方党政领导干部安全生产责任制规定"
_MIN_TITLE = 5  # 《细则》, 《意见》 alone name nothing that can be resolved
ALIGN_THRESHOLD = 0.5  # character-bigram Dice above which two activities are one duty


def implemented_title(title: str) -> str | None:
    """The title a title says it implements (one step of the chain), or None."""
    for rule in _IMPLEMENTS:
        m = rule.search(title)
        if m and len(m["inner"]) >= _MIN_TITLE:
            return m["inner"]
    return None


def guess_level(title: str) -> tuple[str, str | None]:
    """(level, region) of a cited title from its leading region name, else national or unknown."""
    m = _REGION_PREFIX.match(title.removeprefix("关于"))
    if m:
        return region_level(m["region"]), m["region"]
    return ("national" if _NATIONAL.search(title) else "unknown"), None


@functools.lru_cache(maxsize=65536)
def _bigrams(text: str) -> frozenset[str]:
    return frozenset({text[i : i + 2] for i in range(len(text) - 1)} or {text})


def similarity(a: str, b: str) -> float:
    """Character-bigram overlap of two activity phrases, in [0, 1].

    The mean of the Dice coefficient and the overlap coefficient: Dice alone
    punishes a short phrase inside a longer one (带队检查 / 带队开展督导检查),
    overlap alone merges any two phrases sharing one word.
    """
    x, y = _bigrams(a), _bigrams(b)
    common = len(x & y)
    return (2 * common / (len(x) + len(y)) + common / min(len(x), len(y))) / 2


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
        guessed, region = guess_level(key)
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
        inner = implemented_title(title)
        while inner and iris.title_key(inner) not in seen:
            seen.add(iris.title_key(inner))
            target = self.resolve(inner)
            self.g.add((source, ELI.implements, target))
            source, inner = target, implemented_title(inner)


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
