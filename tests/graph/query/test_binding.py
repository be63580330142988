"""The resolver: which stored documents bind a place, a draft, or a stored document."""

from __future__ import annotations

import pytest

from graph import open_graph, update_graph
from graph.query.binding import binding_place, catalogue, implementations, references_for
from graph.query.matter import matter, same_matter
from ingest.domain.places import level_of
from ingest.parse.citations import title_chain
from ingest.records import Citation, Facts
from tests.graph.conftest import T000, clause, doc

NATIONAL = "地方党政领导干部安全生产责任制规定"
PROVINCE = "陕西省实施地方党政领导干部安全生产责任制规定细则"
CITY = f"铜川市贯彻落实《{PROVINCE}》的意见"
REFORM = "王益区关于推进安全生产领域改革发展的实施意见"
OTHER_PROVINCE = "吉林省党政领导干部安全生产责任制实施细则"
OTHER_NATIONAL = "安全生产许可证条例"
TOWNSHIP_DRAFT = "黄堡镇落实《王益区落实〈铜川市贯彻落实陕西省实施地方党政领导干部安全生产责任制规定细则的意见〉实施意见》的实施方案"  # noqa: E501


def _doc(doc_id, title, level, region, regions=(), number=None, citations=()):
    text = f"第一条 为落实{title}，制定本文件。"
    clauses = [clause("art_1", None, "article", 1, "第一条", text)]
    return doc(doc_id, title, level, region, regions, clauses, number=number, citations=citations)


def _implements(title: str) -> tuple[Citation, ...]:
    return tuple(Citation(t, None, "implements") for t in title_chain(title))


STORED = [
    _doc("national_rule", NATIONAL, "national", None),
    _doc("province_rule", PROVINCE, "province", "陕西省", ("陕西省",),
         citations=_implements(PROVINCE)),
    _doc("city_rule", CITY, "city", "铜川市", ("铜川市", "陕西省"), number="铜发〔2018〕9号",
         citations=_implements(CITY)),
    _doc("county_rule", T000, "county", "王益区", ("王益区", "铜川市", "陕西省"),
         citations=_implements(T000)),
    _doc("county_reform", REFORM, "county", "王益区", ("王益区", "铜川市", "陕西省")),
    _doc("other_province", OTHER_PROVINCE, "province", "吉林省", ("吉林省",)),
    _doc("other_national", OTHER_NATIONAL, "national", None),
]  # fmt: skip


@pytest.fixture(scope="module")
def select(tmp_path_factory):
    store = tmp_path_factory.mktemp("binding")
    update_graph(store, [(d, Facts(d.doc_id)) for d in STORED], [], validate_shapes=False)
    return open_graph(store).select


def _ids(found) -> list[str]:
    return [b.doc_id for b in found]


def test_catalogue_lists_every_stored_document_with_its_number(select):
    docs = catalogue(select)
    assert set(docs) == {d.doc_id for d in STORED}
    assert docs["city_rule"].number == "铜发〔2018〕9号"
    assert docs["county_rule"].region == "王益区" and docs["county_rule"].level == "county"


def test_matter_strips_places_frames_and_types():
    assert matter(T000) == NATIONAL.removesuffix("规定")
    assert matter(REFORM) == "推进安全生产领域改革发展"
    assert same_matter(TOWNSHIP_DRAFT, OTHER_PROVINCE)  # same matter, other province
    assert not same_matter(TOWNSHIP_DRAFT, REFORM)
    assert not same_matter(TOWNSHIP_DRAFT, OTHER_NATIONAL)  # 安全生产 alone is no matter


def test_a_township_draft_is_held_to_what_its_title_implements_then_the_chain(select):
    draft = _doc("draft", TOWNSHIP_DRAFT, "township", "黄堡镇", ("黄堡镇",),
                 citations=_implements(TOWNSHIP_DRAFT))  # fmt: skip
    found = references_for(select, draft)
    # the title nests the chain: the county rule first, then up to the national rule,
    # named by the title itself or implemented by what it names
    assert _ids(found)[0] == "county_rule" and found[0].basis == "implements"
    assert set(_ids(found)[1:]) == {"city_rule", "province_rule", "national_rule"}
    assert {b.basis for b in found} <= {"implements", "chain"}
    assert "王益区落实" in found[0].why
    # another matter, another province and a national rule on another matter never come
    assert not {"county_reform", "other_province", "other_national"} & set(_ids(found))
    assert {"doc_id", "title", "level", "why"} <= set(found[0].as_json())


def test_a_draft_citing_only_a_number_finds_its_document(select):
    draft = _doc("draft2", "某区安全生产工作要点", "county", "某区",
                 citations=(Citation("", "铜发〔2018〕9号", "cites"),))  # fmt: skip
    found = references_for(select, draft, above_same_matter=False)
    assert _ids(found)[0] == "city_rule" and found[0].basis == "number"
    assert found[0].via == "铜发〔2018〕9号"


def test_levels_above_on_the_same_matter_bind_without_a_citation(select):
    draft = _doc("draft3", "王益区党政领导干部安全生产责任清单", "county", "王益区",
                 ("王益区", "铜川市", "陕西省"))  # fmt: skip
    found = references_for(select, draft)
    by_id = {b.doc_id: b.basis for b in found}
    assert by_id == {
        "city_rule": "region_above",
        "province_rule": "region_above",
        "national_rule": "national",
    }
    assert [level_of(b.region) for b in found if b.region] == ["city", "province"]


def test_a_place_is_bound_by_its_region_the_regions_above_and_national_rules(select):
    found = binding_place(select, "王益区")
    bases = {b.doc_id: b.basis for b in found}
    assert bases["county_rule"] == bases["county_reform"] == "own_region"
    assert bases["city_rule"] == bases["province_rule"] == "region_above"
    assert bases["national_rule"] == bases["other_national"] == "national"
    assert "other_province" not in bases
    assert _ids(found)[:2] == ["county_reform", "county_rule"]


def test_every_stored_document_knows_the_higher_documents_it_implements(select):
    found = implementations(select)
    assert set(_ids(found["county_rule"])) == {"city_rule", "province_rule", "national_rule"}
    assert found["county_rule"][0].doc_id == "city_rule"
    assert {b.basis for b in found["county_rule"]} == {"implements"}
    assert "national_rule" not in found and "county_reform" not in found
