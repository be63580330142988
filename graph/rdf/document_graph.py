"""One document and its facts -> the rdflib Graph of that document's named graph.

Everything a query needs about a document lives in its own graph (clauses,
citations as written, roles as posts, duties, frequencies, deadlines,
sanctions, provenance), so replacing one document replaces one graph.
Cross-document links are derived later by ``graph.rdf.links``. No blank nodes:
every node has an IRI from ``graph.rdf.iris``, which keeps graphs comparable and
remote updates simple. Every literal taken from the text carries ``@zh``.
"""

from __future__ import annotations

import importlib.metadata
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from graph.rdf import iris
from graph.rdf.iris import DCTERMS, DG, ELI, ORG, PROV, SKOS, XSD
from ingest.domain.places import level_of
from ingest.records import Document, Facts

__all__ = [
    "PARSER_VERSION",
    "Triples",
    "as_graph",
    "bind_prefixes",
    "document_graph",
    "document_triples",
]

Triples = set[tuple[URIRef, URIRef, URIRef | Literal]]

try:
    PARSER_VERSION = importlib.metadata.version("dutygraph")
except importlib.metadata.PackageNotFoundError:  # running from a plain checkout
    PARSER_VERSION = "0.0.0"


def bind_prefixes(g: Graph) -> Graph:
    """Bind the prefixes used in exports, so Turtle stays readable."""
    for prefix, ns in iris.NAMESPACES.items():
        g.bind(prefix, ns)
    return g


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _number(value: float) -> Literal:
    """An xsd:decimal in the canonical form Oxigraph stores (4.0 -> "4", 0.50 -> "0.5")."""
    return Literal(format(Decimal(str(value)).normalize(), "f"), datatype=XSD.decimal)


def _concept(g: Triples, scheme: str, label: str, *types: URIRef) -> URIRef:
    node = iris.concept(scheme, label)
    g.add((node, RDF.type, SKOS.Concept))
    for t in types:
        g.add((node, RDF.type, t))
    g.add((node, SKOS.prefLabel, _zh(label)))
    return node


def _regions(g: Triples, doc: Document) -> URIRef | None:
    """Region nodes with dg:within up the chain; returns the document's own region."""
    chain = list(doc.regions) or ([doc.region] if doc.region else [])
    if doc.region and doc.region not in chain:
        chain.insert(0, doc.region)
    below = None
    for name in chain:
        node = iris.region_iri(name)
        g.add((node, RDF.type, DG.Region))
        g.add((node, DG.regionName, _zh(name)))
        g.add((node, DG.level, iris.level_iri(level_of(name))))
        if below is not None:
            g.add((below, DG.within, node))
        below = node
    return iris.region_iri(doc.region) if doc.region else None


def _post(g: Triples, doc: Document, role: str, level: str) -> URIRef:
    """The org:Post of a role: in the document's region when at its level."""
    region = doc.region if level == doc.level else None
    if region is None:
        region = next((r for r in doc.regions if level_of(r) == level), None)
    post = iris.post_iri(role, level, region)
    g.add((post, RDF.type, ORG.Post))
    g.add((post, ORG.role, _concept(g, "role", role, ORG.Role)))
    g.add((post, DG.level, iris.level_iri(level)))
    if region:
        g.add((post, DG.region, iris.region_iri(region)))
    return post


def _header(g: Triples, doc: Document, d: URIRef) -> None:
    g.add((d, RDF.type, ELI.LegalResource))
    g.add((d, RDF.type, DG.CorpusDocument))
    g.add((d, DG.docId, Literal(doc.doc_id)))
    g.add((d, ELI.title, _zh(doc.title)))
    g.add((d, DG.status, Literal(doc.status)))
    g.add((d, DG.level, iris.level_iri(doc.level)))
    if doc.doc_number:
        g.add((d, ELI.id_local, _zh(doc.doc_number)))
    if doc.date:
        g.add((d, ELI.date_document, Literal(doc.date, datatype=XSD.date)))
    if doc.issuer:
        g.add((d, DCTERMS.publisher, _zh(doc.issuer)))
    region = _regions(g, doc)
    if region is not None:
        g.add((d, DG.region, region))
    if doc.sha256:
        g.add((d, DG.sha256, Literal(doc.sha256)))
    if doc.source:
        g.add((d, DCTERMS.source, Literal(doc.source.replace("\\", "/").rsplit("/", 1)[-1])))
    run, agent = URIRef(f"{d}/ingest"), URIRef(f"{iris.BASE}agent/dutygraph/{PARSER_VERSION}")
    g.add((d, PROV.wasGeneratedBy, run))
    g.add((run, RDF.type, PROV.Activity))
    g.add((run, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, DCTERMS.hasVersion, Literal(PARSER_VERSION)))
    for n, cit in enumerate(doc.citations):
        c = URIRef(f"{d}/citation/{n}")
        g.add((d, DG.citation, c))
        g.add((c, RDF.type, DG.Citation))
        g.add((c, DG.citedTitle, _zh(cit.title)))
        g.add((c, DG.relation, Literal(cit.relation)))
        g.add((c, DG.level, iris.level_iri(cit.level)))
        if cit.doc_number:
            g.add((c, DG.citedNumber, _zh(cit.doc_number)))
        if cit.region:
            g.add((c, DG.regionName, _zh(cit.region)))


def _clauses(g: Triples, doc: Document, d: URIRef) -> None:
    for order, cl in enumerate(doc.clauses):
        c = iris.clause_iri(d, cl.clause_id)
        parent = iris.clause_iri(d, cl.parent_id) if cl.parent_id else d
        g.add((c, RDF.type, ELI.LegalResourceSubdivision))
        g.add((c, DG.clauseId, Literal(cl.clause_id)))
        g.add((c, DG.kind, Literal(cl.kind)))
        g.add((c, DG.order, Literal(order)))
        g.add((c, DG.inDocument, d))
        g.add((c, ELI.is_part_of, parent))
        g.add((parent, ELI.has_part, c))
        g.add((c, DG.text, _zh(cl.text)))
        g.add((c, DG.path, _zh(" / ".join(cl.path))))
        if cl.number is not None:
            g.add((c, DG.number, Literal(cl.number)))
        g.add((c, DG.label, _zh(cl.label)))  # always, even empty: queries need no OPTIONAL
        if cl.heading:
            g.add((c, DG.heading, _zh(cl.heading)))


def _facts(g: Triples, doc: Document, facts: Facts, d: URIRef) -> None:
    known = {cl.clause_id for cl in doc.clauses}
    counters: dict[tuple[str, str], int] = {}

    def node(clause_id: str, kind: str, rdf_type: URIRef) -> tuple[URIRef, URIRef] | None:
        """A new fact node of that type in its clause; None for a clause not in the tree."""
        if clause_id not in known:
            return None
        n = counters.get((clause_id, kind), 0)
        counters[(clause_id, kind)] = n + 1
        clause = iris.clause_iri(d, clause_id)
        fact = URIRef(f"{clause}/{kind}/{n}")
        g.add((fact, RDF.type, rdf_type))
        g.add((fact, DG.inClause, clause))
        return fact, clause

    for r in facts.roles:
        if r.clause_id in known:
            g.add((iris.clause_iri(d, r.clause_id), DG.mentions, _post(g, doc, r.role, r.level)))
    for f in facts.frequencies:
        if (made := node(f.clause_id, "frequency", DG.Frequency)) is None:
            continue
        fn = made[0]
        g.add((fn, DG.text, _zh(f.text)))
        if f.activity:
            g.add((fn, DG.activity, _zh(f.activity)))
        if f.period:
            g.add((fn, DG.period, Literal(f.period, datatype=XSD.duration)))
        if f.min_count is not None:
            g.add((fn, DG.minCount, Literal(f.min_count)))
        if f.per_year is not None:
            g.add((fn, DG.perYear, _number(f.per_year)))
        if f.role:
            g.add((fn, DG.role, _concept(g, "role", f.role, ORG.Role)))
    for du in facts.duties:
        if (made := node(du.clause_id, "duty", DG.Duty)) is None:
            continue
        dn, clause = made
        g.add((dn, DG.inDocument, d))  # a shortcut: lookups start from a document
        g.add((dn, DG.text, _zh(du.text)))
        g.add((dn, DG.activity, _zh(du.activity or du.text[:20])))
        g.add((dn, DG.role, _concept(g, "role", du.role, ORG.Role)))
        # the actor's own level: a 镇党委 sentence in a county document binds the township
        level = du.level if du.level and du.level != "unknown" else doc.level
        g.add((dn, DG.level, iris.level_iri(level)))
        g.add((dn, DG.post, _post(g, doc, du.role, level)))
        g.add((dn, DG.category, _concept(g, "category", du.category or "其他")))
        if du.per_year is not None or du.period:
            # the duty's own frequency, as the extractor tied it to this duty; the
            # clause's Frequency nodes stay apart (one clause may hold several)
            fn = URIRef(f"{dn}/frequency")
            g.add((dn, DG.frequency, fn))
            g.add((fn, RDF.type, DG.Frequency))
            g.add((fn, DG.inClause, clause))
            if du.per_year is not None:
                g.add((fn, DG.perYear, _number(du.per_year)))
            if du.period:
                g.add((fn, DG.period, Literal(du.period, datatype=XSD.duration)))
    for dl in facts.deadlines:
        if (made := node(dl.clause_id, "deadline", DG.Deadline)) is None:
            continue
        dn = made[0]
        g.add((dn, DG.text, _zh(dl.text)))
        g.add((dn, DG.deadlineKind, Literal(dl.kind)))
        if dl.activity:
            g.add((dn, DG.activity, _zh(dl.activity)))
        if dl.period:
            g.add((dn, DG.period, Literal(dl.period, datatype=XSD.duration)))
        for prop, value in ((DG.month, dl.month), (DG.day, dl.day), (DG.year, dl.year)):
            if value is not None:
                g.add((dn, prop, Literal(value)))
        if dl.role:
            g.add((dn, DG.role, _concept(g, "role", dl.role, ORG.Role)))
    for s in facts.sanctions:
        if (made := node(s.clause_id, "sanction", DG.Sanction)) is None:
            continue
        sn = made[0]
        g.add((sn, DG.inDocument, d))
        g.add((sn, DG.text, _zh(s.text)))
        g.add((sn, DG.sanctionType, _concept(g, "sanction", s.type)))
        g.add((sn, DG.trigger, _zh(s.trigger)))  # always, even empty: no OPTIONAL
        if s.role:
            g.add((sn, DG.role, _concept(g, "role", s.role, ORG.Role)))


def document_triples(doc: Document, facts: Facts | None = None) -> Triples:
    """All triples of one document (its named graph's content), as a plain set.

    A set rather than an rdflib Graph: the store needs only the triples, and
    building a Graph costs more than the rest of the work together.
    """
    g: Triples = set()
    d = iris.doc_iri(doc)
    _header(g, doc, d)
    _clauses(g, doc, d)
    _facts(g, doc, facts or Facts(doc.doc_id), d)
    return g


def as_graph(triples: Triples) -> Graph:
    """A set of triples as an rdflib Graph with the project's prefixes."""
    g = bind_prefixes(Graph())
    for triple in triples:
        g.add(triple)
    return g


def document_graph(doc: Document, facts: Facts | None = None) -> Graph:
    """The document's named graph as an rdflib Graph (for validation, tests, drawing)."""
    return as_graph(document_triples(doc, facts))
