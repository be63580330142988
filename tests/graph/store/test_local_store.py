"""The embedded store: incremental named graphs, atomic generations, export round-trip."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph import QueryRefused, StoreMissing, open_graph, update_graph
from graph.rdf import iris
from graph.rdf.document_graph import document_graph
from graph.store.local import is_update, open_store, to_rdflib


def _named(store_dir, doc_id) -> Graph:
    backend = open_store(store_dir)
    import pyoxigraph as ox

    quads = backend.store.quads_for_pattern(None, None, None, ox.NamedNode(iris.doc_graph(doc_id)))
    return to_rdflib(quads)


def _diff(a, b) -> str:
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return (
        f"only left:\n{only_a.serialize(format='nt')}\nonly right:\n{only_b.serialize(format='nt')}"
    )


@pytest.fixture
def built(tmp_path, samples):
    update_graph(tmp_path, samples, [], validate_shapes=False)
    return tmp_path


def test_missing_store_names_build(tmp_path):
    with pytest.raises(StoreMissing, match="dutygraph build"):
        open_graph(tmp_path / "nothing")


def test_named_graph_round_trips_through_store(built, samples):
    for doc, facts in samples:
        stored, made = _named(built, doc.doc_id), document_graph(doc, facts)
        assert isomorphic(stored, made), _diff(stored, made)


def test_incremental_replaces_only_the_changed_graph(built, samples):
    (d0, _), (d1, f1), (d4, _) = samples
    before0 = _named(built, d0.doc_id)
    changed = replace(d1, title="大栗港镇安全生产责任制实施意见（修订）")
    result = update_graph(built, [(changed, f1)], [])
    assert result.documents == 1
    assert isomorphic(_named(built, d0.doc_id), before0)
    assert isomorphic(_named(built, d1.doc_id), document_graph(changed, f1))
    update_graph(built, [], [d4.doc_id])
    assert len(_named(built, d4.doc_id)) == 0
    rows = open_graph(built).select(
        iris.PREFIXES + "SELECT ?id WHERE { ?d a dg:CorpusDocument ; dg:docId ?id }"
    )
    assert sorted(r["id"] for r in rows) == sorted([d0.doc_id, d1.doc_id])


def test_open_reader_follows_a_rebuild(built, samples):
    gs = open_graph(built)
    q = iris.PREFIXES + "SELECT ?t WHERE { ?d dg:docId ?id ; eli:title ?t } ORDER BY ?id"
    before = [r["t"] for r in gs.select(q)]
    doc, facts = samples[0]
    update_graph(built, [(replace(doc, title="新标题"), facts)], [], validate_shapes=False)
    update_graph(built, [(replace(doc, title="又一个新标题"), facts)], [], validate_shapes=False)
    after = [r["t"] for r in gs.select(q)]
    assert after != before and "又一个新标题" in after
    assert len(list((built / "graph").glob("gen-*"))) == 2  # the newest and the one before


def test_nothing_to_do_costs_nothing(built):
    gens = sorted(p.name for p in (built / "graph").glob("gen-*"))
    assert update_graph(built, [], []).documents == 0
    assert sorted(p.name for p in (built / "graph").glob("gen-*")) == gens


def test_interrupted_build_leaves_last_good_store(built, samples, monkeypatch):
    before = open_graph(built).backend.triples()
    gens = sorted(p.name for p in (built / "graph").glob("gen-*"))

    def boom(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("graph.rdf.update.link_graph", boom)
    doc, facts = samples[0]
    with pytest.raises(KeyboardInterrupt):
        update_graph(built, [(replace(doc, title="中断的标题"), facts)], [])
    after = open_graph(built).backend.triples()
    assert isomorphic(before, after)
    assert sorted(p.name for p in (built / "graph").glob("gen-*")) == gens


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"), [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")]
)
def test_export_round_trips(built, fmt, rdflib_format):
    gs = open_graph(built)
    text = gs.export(fmt)
    again = Graph().parse(data=text, format=rdflib_format)
    whole = gs.backend.triples()
    assert len(whole) > 500
    assert isomorphic(again, whole), _diff(again, whole)


def test_whole_store_validates(built):
    report = open_graph(built).validate()
    assert report.conforms, report.text


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX x: <urn:x#>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
        "drop all",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(built, query):
    assert is_update(query)
    with pytest.raises(QueryRefused, match="read-only"):
        open_graph(built).sparql(query)


def test_select_is_not_an_update(built):
    q = "PREFIX insert: <urn:x#>\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert not is_update(q)
    assert int(open_graph(built).select(q)[0]["n"]) > 0


def test_malformed_query_is_refused(built):
    with pytest.raises(QueryRefused, match="malformed"):
        open_graph(built).sparql("SELEKT ?x")
