"""Stable IRIs for documents, clauses, facts, posts, levels and concepts.

One module mints every IRI so that a rebuild, a second machine and a remote
endpoint all name the same thing the same way. A document IRI carries its
level, region and year (``…/doc/county/王益区/2018/county_wangyi_…``, the
region percent-encoded); a clause IRI is the document IRI + ``/`` + the
clause id of ``ingest.ids``; facts hang below their clause
(``…/art_11__item_1/duty/0``). Named graphs are keyed by doc id alone, so a
document whose metadata changes still replaces its own graph.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS, XSD

from ingest.domain.vocabulary import concept_iri
from ingest.ids import parse_clause_id
from ingest.records import Document

__all__ = [
    "BASE",
    "DCTERMS",
    "DG",
    "ELI",
    "LEVEL",
    "LINKS_GRAPH",
    "NAMESPACES",
    "ONTOLOGY_GRAPH",
    "ORG",
    "PREFIXES",
    "PROV",
    "SKOS",
    "XSD",
    "clause_iri",
    "concept",
    "doc_graph",
    "doc_iri",
    "doc_year",
    "level_iri",
    "post_iri",
    "region_iri",
    "title_key",
    "work_iri",
]

BASE = "https://w3id.org/dutygraph/"
DG = Namespace(BASE + "ns#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
LEVEL = Namespace(BASE + "vocab/level/")  # the level concepts of ingest/domain/vocab.ttl
LINKS_GRAPH = URIRef(BASE + "graph/links")  # derived cross-document links, recomputed
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")  # ontology + level hierarchy + vocabulary

_YEAR = re.compile(r"(?:19|20)\d\d")
# characters dropped before comparing titles: brackets, quotes, spaces, punctuation
_TITLE_NOISE = re.compile(r"[\s《》<>〈〉“”\"'‘’（）()【】\[\]、，,。·:：]")


def _seg(text: str) -> str:
    """One IRI path segment: percent-encoded UTF-8, never empty."""
    return quote(unicodedata.normalize("NFC", text.strip()), safe="") or "unknown"


def doc_year(doc: Document) -> str:
    """The year of a document: its date, else its 文号, else its id; ``nd`` when none."""
    for source in (doc.date or "", doc.doc_number or "", doc.doc_id, doc.title):
        m = _YEAR.search(source)
        if m:
            return m.group(0)
    return "nd"


def doc_iri(doc: Document) -> URIRef:
    """``BASE/doc/{level}/{region}/{year}/{doc_id}``."""
    return URIRef(
        f"{BASE}doc/{doc.level}/{_seg(doc.region or 'unknown')}/{doc_year(doc)}/{doc.doc_id}"
    )


def doc_graph(doc_id: str) -> URIRef:
    """The named graph holding one document's triples."""
    return URIRef(f"{BASE}graph/doc/{doc_id}")


@functools.lru_cache(maxsize=65536)
def _checked(clause_id: str) -> str:
    parse_clause_id(clause_id)  # ids repeat across documents: check each spelling once
    return clause_id


def clause_iri(document: URIRef, clause_id: str) -> URIRef:
    """Document IRI + ``/`` + clause id; raises ValueError on an id outside the grammar."""
    return URIRef(f"{document}/{_checked(clause_id)}")


def level_iri(level: str) -> URIRef:
    """The level individual of ``ontology.ttl`` (``…/level/county``)."""
    return LEVEL[level or "unknown"]


def region_iri(name: str) -> URIRef:
    """A region by its name (王益区); names are unique enough in one corpus."""
    return URIRef(f"{BASE}region/{_seg(name)}")


def post_iri(role: str, level: str, region: str | None) -> URIRef:
    """The org:Post of a canonical role in one region (王益区's 党委主要负责人)."""
    return URIRef(f"{BASE}post/{level}/{_seg(region or 'unknown')}/{_seg(role)}")


def title_key(title: str) -> str:
    """A title reduced for matching: brackets, quotes, spaces and punctuation dropped.

    National laws are cited by their short name (《安全生产法》 for
    《中华人民共和国安全生产法》), so the 中华人民共和国 prefix is dropped too.
    """
    key = _TITLE_NOISE.sub("", unicodedata.normalize("NFKC", title))
    return key.removeprefix(_PRC) if len(key) > len(_PRC) else key


_PRC = "中华人民共和国"


def work_iri(title: str) -> URIRef:
    """An external work (cited, not in the corpus), keyed by its reduced title."""
    digest = hashlib.sha1(title_key(title).encode("utf-8")).hexdigest()[:12]
    return URIRef(f"{BASE}work/{digest}")


@functools.cache
def concept(scheme: str, pref_label: str) -> URIRef:
    """The SKOS concept of a canonical name, as ``ingest.domain.vocabulary`` mints it.

    The vocabulary owns concept IRIs so a role has one IRI everywhere; a label it
    does not know (a query for a misspelt role) gets an IRI that matches nothing.
    """
    try:
        return URIRef(concept_iri(scheme, pref_label))
    except KeyError:
        return URIRef(f"{BASE}concept/{scheme}/{_seg(pref_label)}")


# prefix -> namespace, for exports and SPARQL
NAMESPACES = {
    "dg": str(DG),
    "eli": str(ELI),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "lvl": str(LEVEL),
    "xsd": str(XSD),
}

PREFIXES = f"""PREFIX dg: <{DG}>
PREFIX eli: <{ELI}>
PREFIX org: <{ORG}>
PREFIX prov: <{PROV}>
PREFIX skos: <{SKOS}>
PREFIX dcterms: <{DCTERMS}>
PREFIX lvl: <{LEVEL}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
