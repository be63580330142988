"""The graph of the real corpus (parser + extractor): shapes, chain, compare, duties."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import ingest
from graph import open_graph, update_graph
from tests.conftest import CORPUS

D000 = "county_wangyi_2018_leader_responsibility_draft"
D001 = "township_daligang_2019_dual_responsibility_notice"
D004 = "city_neimenggu_2022_responsibility_implementation_draft"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    docs = []
    for path in sorted(CORPUS.glob("*.txt")):
        doc = ingest.parse_file(path)
        docs.append((doc, ingest.extract_facts(doc)))
    store = tmp_path_factory.mktemp("corpus")
    result = update_graph(store, docs, [])
    return store, result


def test_corpus_build_has_no_shape_violations(corpus_store):
    _, result = corpus_store
    assert result.documents == len(list(CORPUS.glob("*.txt")))
    assert result.violations == 0


def test_corpus_export_round_trips(corpus_store):
    gs = open_graph(corpus_store[0])
    again = Graph().parse(data=gs.export("nt"), format="nt")
    assert len(again) > 10_000
    assert isomorphic(again, gs.backend.triples())


def test_seed_000_chain_reaches_the_national_rule(corpus_store):
    steps = open_graph(corpus_store[0]).chain(D000)
    assert len(steps) >= 3
    assert [s.level for s in steps[-3:]] == ["city", "province", "national"]
    assert steps[-1].title == "地方党政领导干部安全生产责任制规定"


def _rows(result, category, levels):
    """Rows of that category holding a cell at every one of ``levels``."""
    return [r for r in result.rows if r.category == category and set(levels) <= set(r.cells)]


def _per_year(row, level, doc_id):
    return {c.per_year for c in row.cells[level] if c.doc_id == doc_id}


@pytest.mark.parametrize("role", ["党委主要负责人", "政府主要负责人"])
def test_meeting_duty_township_4_city_2_in_one_row(corpus_store, role):
    result = open_graph(corpus_store[0]).compare(role)
    rows = [
        r
        for r in _rows(result, "会议研究", ["township", "city"])
        if 4 in _per_year(r, "township", D001) and 2 in _per_year(r, "city", D004)
    ]
    assert len(rows) == 1, [r.activity for r in result.rows]
    assert "乡镇级每年4次" in rows[0].finding and "市级每年2次" in rows[0].finding


def test_party_heads_inspection_township_12_city_4_in_one_row(corpus_store):
    result = open_graph(corpus_store[0]).compare("党委主要负责人")
    rows = [
        r
        for r in _rows(result, "带队检查", ["township", "city"])
        if 12 in _per_year(r, "township", D001) and 4 in _per_year(r, "city", D004)
    ]
    assert len(rows) == 1
    assert "乡镇级每年12次" in rows[0].finding and "市级每年4次" in rows[0].finding


def test_government_heads_inspection_lines_up_city_with_lower_levels(corpus_store):
    # 001 gives the township head no number (定期或者不定期), 004 the city head 每季度
    result = open_graph(corpus_store[0]).compare("政府主要负责人")
    rows = [
        r
        for r in _rows(result, "带队检查", ["township", "city"])
        if 4 in _per_year(r, "city", D004)
    ]
    assert len(rows) == 1
    assert "乡镇级" in rows[0].finding and "未规定频次" in rows[0].finding


def test_department_heads_line_up_across_levels(corpus_store):
    result = open_graph(corpus_store[0]).compare("部门主要负责人")
    rows = _rows(result, "带队检查", ["township", "city"])
    assert len(rows) == 1 and rows[0].finding


def test_department_heads_inspect_monthly_at_city_level(corpus_store):
    result = open_graph(corpus_store[0]).compare("部门主要负责人")
    rows = _rows(result, "带队检查", ["township", "city"])
    assert any(12 in _per_year(r, "city", D004) for r in rows)


def test_county_deputy_holds_quarterly_safety_committee_meeting(corpus_store):
    result = open_graph(corpus_store[0]).duties("政府分管安全生产负责人", level="county")
    hits = [
        d
        for d in result.duties
        if d.doc_id == D000 and "每季度至少召开1次安全生产委员会全体会议" in d.text
    ]
    assert hits and all("art_11" in d.clause_id for d in hits)
    # the clause may hold other duties too (根据需要召开专题会议); the meeting is 4 a year
    meeting = [d for d in hits if d.category == "会议研究" and d.per_year is not None]
    assert meeting and {d.per_year for d in meeting} == {4}


def test_duties_by_level_use_the_actors_own_level(corpus_store):
    # 000 第十六条: 区委 meets 每季度 (county), 镇（街道）党（工）委 每月 (a township duty)
    gs = open_graph(corpus_store[0])
    art16 = {
        lv: {
            d.per_year
            for d in gs.duties("党委", level=lv).duties
            if d.doc_id == D000 and d.clause_id.endswith("art_16") and d.per_year
        }
        for lv in ("county", "township")
    }
    assert art16 == {"county": {4}, "township": {12}}


@pytest.mark.parametrize("role", ["党委主要负责人", "政府主要负责人", "部门主要负责人"])
def test_compare_rows_are_duties_that_line_up(corpus_store, role):
    gs = open_graph(corpus_store[0])
    result, everything = gs.compare(role), gs.compare(role, keep_all=True)
    rows = result.rows
    assert 0 < len(rows) <= 15 and len(rows) < len(everything.rows)
    for r in rows:
        docs = {c.doc_id for cs in r.cells.values() for c in cs}
        assert r.category != "其他" or len(docs) > 1, r.activity
        assert "了" not in r.activity and len(r.activity) <= 13, r.activity
    # the columns are the levels of the rows shown
    assert set(result.levels) == {lv for r in rows for lv in r.cells}


def test_post_without_a_number_is_shown_its_organs_count(corpus_store):
    # 000 第八条（二）: the secretary presides, no number; 第十六条: 区委 meets 每季度至少1次
    result = open_graph(corpus_store[0]).compare("党委主要负责人")
    rows = [r for r in _rows(result, "会议研究", ["county"]) if r.organ]
    assert len(rows) == 1
    (note,) = (o for o in rows[0].organ if o.level == "county")
    assert note.per_year == 4 and note.doc_id == D000 and note.clause_id.endswith("art_16")
    assert "县级未规定频次" in rows[0].finding and "县级党委本身每年4次" in rows[0].finding
    # the post's own cells keep no number: the organ's count is a reference, not the post's
    assert all(c.per_year is None for c in rows[0].cells["county"])


def test_short_law_citations_resolve_to_the_corpus_law(corpus_store):
    """《安全生产法》 is the corpus's 中华人民共和国安全生产法, not an external work."""
    rows = open_graph(corpus_store[0]).select(
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> "
        "PREFIX dg: <https://w3id.org/dutygraph/ns#> "
        "SELECT DISTINCT ?w WHERE { ?w a dg:ExternalWork ; eli:title ?t . "
        'FILTER(STR(?t) = "安全生产法") }'
    )
    assert rows == []


def test_municipalities_are_province_level_in_graph_duties_and_search(corpus_store):
    """北京市/上海市 (直辖市) sit at province level wherever a level shows: region nodes,
    their documents' duties (市人民政府 there is the province-level government) and the
    search units the filters use; the expectation comes from the places list."""
    from graph.rdf import iris
    from ingest.domain.places import is_municipality, level_of
    from search.index.units import build_units

    gs = open_graph(corpus_store[0])
    q = "SELECT ?name ?level WHERE { ?r a dg:Region ; dg:regionName ?name ; dg:level ?level }"
    regions = {r["name"]: r["level"].rsplit("/", 1)[-1] for r in gs.select(iris.PREFIXES + q)}
    assert regions and all(level == level_of(name) for name, level in regions.items())
    municipalities = [name for name in regions if is_municipality(name)]
    assert municipalities, "the corpus holds 直辖市 regulations"
    assert all(regions[m] == "province" for m in municipalities)
    q = """SELECT DISTINCT ?level WHERE { ?doc dg:region/dg:regionName ?name .
      ?duty dg:inDocument ?doc ; a dg:Duty ; dg:level ?level . VALUES ?name { %s } }"""
    names = " ".join(f'"{m}"@zh' for m in municipalities)
    levels = {r["level"].rsplit("/", 1)[-1] for r in gs.select(iris.PREFIXES + q % names)}
    assert "province" in levels and "city" not in levels
    for path in sorted(CORPUS.glob("province_*.txt")):
        doc = ingest.parse_file(path)
        if is_municipality(doc.region):
            units = build_units([(doc, ingest.extract_facts(doc))])
            assert units and {u.level for u in units} == {"province"}
