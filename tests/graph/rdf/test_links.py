"""Cross-document links: the implementation chain, citations resolved, duty groups."""

from __future__ import annotations

import pytest

from graph import open_graph, update_graph
from graph.rdf import iris
from ingest.domain.places import title_place
from ingest.domain.similarity import similarity
from ingest.parse.citations import title_chain

T000 = (
    "王益区落实《铜川市贯彻落实<陕西省实施地方党政领导干部安全生产责任制规定细则>的意见》实施意见"
)


def test_nested_title_unfolds_into_the_chain():
    steps = title_chain(T000)
    assert steps == [
        "铜川市贯彻落实《陕西省实施地方党政领导干部安全生产责任制规定细则》的意见",
        "陕西省实施地方党政领导干部安全生产责任制规定细则",
        "地方党政领导干部安全生产责任制规定",
    ]
    assert [title_place(t)[0] for t in steps] == ["city", "province", "national"]


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("中华人民共和国安全生产法", "national"),
        ("内蒙古自治区安全生产条例", "province"),
        ("大栗港镇安全生产责任清单", "township"),
        ("关于进一步加强安全生产工作的意见", "unknown"),
    ],
)
def test_title_place(title, level):
    assert title_place(title)[0] == level


def test_no_chain_from_a_plain_title():
    assert title_chain("中华人民共和国安全生产法") == []
    assert title_chain("贯彻落实《意见》的通知") == []  # too short to name a work


def test_similarity_prefers_shared_phrases():
    assert similarity("带队检查", "带队开展督导检查") >= 0.5
    assert similarity("召开党委常委会研究安全生产", "召开安委会全体会议") < 0.5
    assert similarity("听取汇报", "听取汇报") == 1.0


@pytest.fixture
def built(tmp_path, samples):
    update_graph(tmp_path, samples, [], validate_shapes=False)
    return open_graph(tmp_path)


def test_property_path_finds_the_chain_to_the_national_rule(built):
    q = (
        iris.PREFIXES
        + """SELECT DISTINCT ?w ?level WHERE {
      ?d dg:docId "county_wangyi_2018_leader_responsibility_draft" ; eli:implements+ ?w .
      ?w dg:level ?level }"""
    )
    assert len(built.select(q)) >= 3
    steps = built.chain("county_wangyi_2018_leader_responsibility_draft")
    assert [s.level for s in steps] == ["city", "province", "national"]
    assert [s.depth for s in steps] == [1, 2, 3]
    assert steps[-1].title == "地方党政领导干部安全生产责任制规定"


def test_citations_resolve_to_corpus_documents_or_external_works(built):
    q = (
        iris.PREFIXES
        + """SELECT ?from ?to ?kind WHERE {
      ?a eli:cites ?b ; dg:docId ?from . ?b eli:title ?t .
      OPTIONAL { ?b dg:docId ?id } BIND(COALESCE(?id, "external") AS ?kind) BIND(?t AS ?to) }"""
    )
    rows = {(r["from"], r["kind"]) for r in built.select(q)}
    # 004 cites 001 by its 文号; 001 cites the national law, which is not in this store
    assert (
        "city_neimenggu_2022_responsibility_implementation_draft",
        "township_daligang_2019_dual_responsibility_notice",
    ) in rows
    assert ("township_daligang_2019_dual_responsibility_notice", "external") in rows
    law = '"中华人民共和国安全生产法"@zh'
    q = f"SELECT ?l WHERE {{ ?w a dg:ExternalWork ; eli:title {law} ; dg:level ?l }}"
    external = built.select(iris.PREFIXES + q)
    assert [r["l"].rsplit("/", 1)[-1] for r in external] == ["national"]


def test_duty_groups_line_up_one_duty_across_levels(built):
    q = (
        iris.PREFIXES
        + """SELECT ?g (COUNT(DISTINCT ?lvl) AS ?n) WHERE {
      ?g a dg:DutyGroup ; dg:member/dg:inClause/dg:inDocument/dg:level ?lvl } GROUP BY ?g"""
    )
    spans = sorted(int(r["n"]) for r in built.select(q))
    assert spans and max(spans) == 2  # 党委主要负责人's meeting and inspection: township + city


def test_links_graph_validation_sees_a_broken_group(built):
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF

    from graph import validate
    from graph.rdf.iris import DG
    from graph.rdf.links import link_graph

    context = Graph()
    links = link_graph(built.select, context)
    assert validate(links + context, focus=links.subjects()).conforms
    group = next(links.subjects(RDF.type, DG.DutyGroup))
    links.add((group, DG.activity, Literal("第二个活动", lang="zh")))
    report = validate(links + context, focus=links.subjects())
    assert not report.conforms and report.violations == 1


def test_one_role_concept_has_a_post_at_each_level(built):
    q = (
        iris.PREFIXES
        + """SELECT DISTINCT ?level WHERE {
      ?post a org:Post ; org:role ?role ; dg:level ?level .
      ?role skos:prefLabel "党委主要负责人"@zh }"""
    )
    levels = {r["level"].rsplit("/", 1)[-1] for r in built.select(q)}
    assert {"township", "city"} <= levels


def test_level_and_region_hierarchies(built):
    q = iris.PREFIXES + "ASK { lvl:township dg:below+ lvl:national }"
    assert built.sparql(q)["boolean"] is True
    q = (
        iris.PREFIXES
        + """SELECT ?name WHERE {
      ?d dg:docId "county_wangyi_2018_leader_responsibility_draft" ; dg:region/dg:within+ ?r .
      ?r dg:regionName ?name }"""
    )
    assert {r["name"] for r in built.select(q)} == {"铜川市", "陕西省"}


def test_a_law_cited_by_its_short_name_is_the_same_work():
    assert iris.title_key("《中华人民共和国安全生产法》") == iris.title_key("安全生产法")
    assert iris.work_iri("中华人民共和国安全生产法") == iris.work_iri("《安全生产法》")
    assert iris.title_key("中华人民共和国") == "中华人民共和国"
