"""Document graphs: IRIs, @zh literals, SHACL conformance, determinism."""

from __future__ import annotations

from dataclasses import replace

from rdflib import Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF

from graph import validate
from graph.rdf import iris
from graph.rdf.document_graph import document_graph
from graph.rdf.iris import DG, ELI


def _diff(a, b) -> str:
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return (
        f"only left:\n{only_a.serialize(format='nt')}\nonly right:\n{only_b.serialize(format='nt')}"
    )


def test_document_graph_is_deterministic(samples):
    for doc, facts in samples:
        a, b = document_graph(doc, facts), document_graph(doc, facts)
        assert isomorphic(a, b), _diff(a, b)


def test_iris_carry_level_region_year_and_clause_ids(samples):
    doc, facts = samples[0]
    d = iris.doc_iri(doc)
    assert str(d).startswith(iris.BASE + "doc/county/")
    assert "/2018/" in str(d) and str(d).endswith("/" + doc.doc_id)
    assert "%E7%8E%8B%E7%9B%8A%E5%8C%BA" in str(d)  # 王益区, percent-encoded
    g = document_graph(doc, facts)
    for cl in doc.clauses:
        node = URIRef(f"{d}/{cl.clause_id}")
        assert (node, RDF.type, ELI.LegalResourceSubdivision) in g
        assert (node, DG.clauseId, Literal(cl.clause_id)) in g
    item = URIRef(f"{d}/chp_2__art_11__item_4")
    assert (item, ELI.is_part_of, URIRef(f"{d}/chp_2__art_11")) in g
    assert (URIRef(f"{d}/chp_2__art_11"), ELI.has_part, item) in g


def test_every_text_literal_is_zh(samples):
    text_props = {DG.text, DG.label, DG.heading, DG.path, DG.activity, DG.trigger, ELI.title}
    for doc, facts in samples:
        g = document_graph(doc, facts)
        literals = [o for _, p, o in g if p in text_props]
        assert literals
        assert all(isinstance(o, Literal) and o.language == "zh" for o in literals)


def test_frequency_and_role_concepts(samples):
    doc, facts = samples[0]
    g = document_graph(doc, facts)
    duty = next(g.subjects(RDF.type, DG.Duty))
    assert (duty, DG.role, iris.concept("role", "政府分管安全生产负责人")) in g
    freq = g.value(duty, DG.frequency)
    assert float(g.value(freq, DG.perYear)) == 4
    assert str(g.value(freq, DG.period)) == "P3M"


def test_shapes_pass_on_samples_and_catch_breakage(samples):
    for doc, facts in samples:
        report = validate(document_graph(doc, facts))
        assert report.conforms, report.text
        assert report.violations == 0
    doc, facts = samples[0]
    bad = document_graph(replace(doc, status="whatever"), facts)
    clause = URIRef(f"{iris.doc_iri(doc)}/chp_2__art_11")
    bad.remove((clause, DG.text, None))
    bad.add((clause, DG.text, Literal("English text", lang="en")))
    bad.add((clause, DG.text, Literal("第二个文本", lang="zh")))
    report = validate(bad)
    assert not report.conforms
    assert report.violations >= 2  # status not in the list; clause text twice, one not @zh
