"""A leader's answer on the whole corpus: the duties binding 党委书记 of 黄堡镇, their
consequences, the comparison within one chain, and no raw clause id in any human text.

Expectations come from the clause texts (the parsed seeds and laws), never from the
answer itself: 000 第十六条 binds 镇（街道）党（工）委 monthly, a law naming 乡镇人民政府
binds every township, one naming 县级以上 does not, and 大栗港镇 lies in another province.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace

import docx
import pytest

import ingest
from app.cli.main import main
from graph import open_graph
from graph.query.records import DutyRow
from graph.query.strictest import strictest
from ingest.domain.posts import falls_on_leaders
from ingest.ids import PREFIX_KIND
from tests.conftest import CORPUS, SEEDS

D000 = SEEDS["000"].stem
D001 = SEEDS["001"].stem
# a clause id anywhere in a text: chp_3__art_16, sec_2__item_3
RAW_ID = re.compile(rf"(?<![A-Za-z])(?:{'|'.join(PREFIX_KIND)})_\d+")
LEADERS = ("党委主要负责人", "政府分管安全生产负责人")


def _run(capsys, store, *argv: str) -> tuple[int, dict | None, str]:
    code = main(["--store", str(store), *argv])
    out = capsys.readouterr()
    return code, (json.loads(out.out) if code == 0 and out.out.strip() else None), out.err


def _human(obj: object, key: str = "") -> Iterator[str]:
    """Every string a person reads in a JSON answer (not the ``*_id`` fields)."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _human(v, k)
    elif isinstance(obj, list):
        for v in obj:
            yield from _human(v, key)
    elif isinstance(obj, str) and not key.endswith("_id") and key not in ("iri",):
        yield obj


def _all_rows(answer: dict) -> list[dict]:
    return [r for d in answer["duties"] for r in (d, *d["others"])]


@pytest.fixture(scope="module")
def parsed() -> dict[str, tuple]:
    out = {}
    for path in sorted(CORPUS.glob("*.txt")):
        doc = ingest.parse_file(path)
        out[doc.doc_id] = (doc, ingest.extract_facts(doc))
    return out


@pytest.fixture(scope="module")
def huangbao(corpus_store) -> dict:
    store = corpus_store[0]
    return open_graph(store).duties("党委主要负责人", place="黄堡镇").as_json()


def test_the_place_lies_where_the_district_document_says(huangbao, parsed):
    doc, _ = parsed[D000]
    assert huangbao["place"]["name"] == "黄堡镇" and huangbao["place"]["level"] == "township"
    assert tuple(huangbao["place"]["within"]) == doc.regions  # 王益区, 铜川市, 陕西省
    assert {s["doc_id"] for s in huangbao["sources"]} >= {D000}
    assert all(s["why"] and s["title"] for s in huangbao["sources"])


def test_the_district_documents_township_duties_are_in_it(huangbao, parsed):
    """000 第十六条: 镇（街道）…党（工）委每月至少1次召开党（工）委会议 binds the secretary."""
    doc, facts = parsed[D000]
    art16 = next(c for c in doc.clauses if "镇（街道）" in c.text and "每月至少1次" in c.text)
    rows = [r for r in _all_rows(huangbao) if r["doc_id"] == D000]
    monthly = [r for r in rows if r["clause_id"] == art16.clause_id and r["per_year"] == 12]
    assert monthly and monthly[0]["frequency"] == "每月至少1次" and monthly[0]["actor"] == "党委"
    assert "".join(monthly[0]["path"]) in monthly[0]["citation"]
    township = {
        d.clause_id
        for d in facts.duties
        if d.level == "township" and d.role in ("党委", "党委主要负责人")
    }
    assert township <= {r["clause_id"] for r in rows}


def test_national_rules_for_townships_are_in_it_and_those_for_counties_up_are_not(huangbao, parsed):
    rows = _all_rows(huangbao)
    got = {(r["doc_id"], r["clause_id"]) for r in rows}
    national = [(d, f) for d, (doc, f) in parsed.items() if doc.level == "national"]
    township = {
        (d, x.clause_id)
        for d, f in national
        for x in f.duties
        if x.role == "政府" and re.match(r"(?:乡镇|乡、镇|镇)人民政府", x.text)
    }
    counties_up = {
        (d, x.clause_id)
        for d, f in national
        for x in f.duties
        if x.role == "政府" and x.text.startswith(("县级以上", "国务院和县级以上"))
    }
    assert township and township <= got
    assert not counties_up & got
    for r in rows:
        if r["doc_level"] == "national":
            assert r["doc_title"] and r["region"] is None and r["source_why"]


def test_another_provinces_township_notice_is_not_in_it(huangbao):
    assert D001 not in {r["doc_id"] for r in _all_rows(huangbao)}
    assert D001 not in {s["doc_id"] for s in huangbao["sources"]}


def _leader_sanctions(parsed, doc_id: str) -> list:
    return [s for s in parsed[doc_id][1].sanctions if falls_on_leaders(s.type)]


@pytest.mark.parametrize("role", LEADERS)
@pytest.mark.parametrize("place", ["黄堡镇", None])
def test_every_duty_has_a_consequence_where_the_documents_give_one(
    corpus_store, parsed, role, place
):
    answer = open_graph(corpus_store[0]).duties(role, place=place)
    assert answer.duties
    without = [d for d in answer.duties if not d.consequences]
    for d in without:  # an exception: its documents state no sanction a leader can get
        assert not _leader_sanctions(parsed, d.doc_id), (d.doc_id, d.path)
    for d in answer.duties:
        scopes = [c.scope for c in d.consequences]
        assert scopes == sorted(scopes, key=["clause", "document", "chain"].index)
        assert all(falls_on_leaders(c.type) for c in d.consequences)


def test_the_district_documents_accountability_chapter_answers_its_duties(huangbao, parsed):
    """000 第二十四条 lists 履行第二章职责不到位 and then the forms: 通报、诚勉…处分."""
    doc, _ = parsed[D000]
    forms = next(c for c in doc.clauses if "通报、诚勉" in c.text)
    for r in (r for r in huangbao["duties"] if r["doc_id"] == D000):
        found = {(c["clause_id"], c["type"]) for c in r["consequences"]}
        assert (forms.clause_id, "诫勉") in found and (forms.clause_id, "处分") in found


def test_strictest_follows_the_higher_count_and_flags_a_lower_document():
    base = DutyRow("c", "区意见", "township", "某区", "art_1", "第一条", ("第一条",), "", "",
                   "召开会议研究安全生产", "会议研究", per_year=4, period="P3M",
                   doc_level="county", actor="党委", frequency="每季度至少1次")  # fmt: skip
    national = DutyRow("n", "某条例", "township", None, "art_9", "第九条", ("第九条",), "", "",
                       "召开会议研究安全生产", "会议研究", per_year=12, period="P1M",
                       doc_level="national", actor="党委", frequency="每月至少1次")  # fmt: skip
    (row,) = strictest([base, national], {"c": 0, "n": 1})
    assert row.doc_id == "n" and row.others == (base,)
    assert "层级冲突" in row.conflict and "每季度至少1次" in row.conflict
    (same,) = strictest([base, replace(national, per_year=4)], {"c": 0, "n": 1})
    assert not same.conflict and same.doc_id == "c"  # equal counts: the nearer document


def test_compare_with_a_place_is_one_chain_naming_its_regions(corpus_store):
    result = open_graph(corpus_store[0]).compare("党委主要负责人", place="黄堡镇")
    assert result.relation == "chain" and result.place and result.rows
    docs = {c.doc_id for r in result.rows for cs in r.cells.values() for c in cs}
    assert D001 not in docs
    assert all("王益区" in result.columns[lv] for lv in result.levels if lv != "national")


def test_unknown_or_ambiguous_place_is_a_clear_message(corpus_store, capsys):
    code, _, err = _run(capsys, corpus_store[0], "duties", "--role", "党委", "--place", "黄堡")
    assert code == 2 and "黄堡镇" in err and "Traceback" not in err


def test_without_a_place_the_answer_says_its_documents_are_from_different_regions(
    corpus_store,
):
    answer = open_graph(corpus_store[0]).duties("党委主要负责人")
    regions = {s.region for s in answer.sources if s.region}
    assert len(regions) > 1 and all(r in answer.note for r in regions)
    assert "没有上下级关系" in answer.note


def test_no_raw_clause_id_in_any_human_text(corpus_store, capsys, tmp_path):
    store = corpus_store[0]
    sheet = tmp_path / "sheet.docx"
    answers = []
    for argv in (
        ["duties", "--role", "党委主要负责人", "--place", "黄堡镇", "--sheet", str(sheet)],
        ["duties", "--role", "政府分管安全生产负责人"],
        ["compare", "--role", "党委主要负责人"],
        ["compare", "--role", "党委主要负责人", "--place", "黄堡镇"],
    ):
        code, answer, _ = _run(capsys, store, *argv, "--json")
        assert code == 0
        answers.append(answer)
    texts = [t for a in answers for t in _human(a)]
    assert texts and not [t for t in texts if RAW_ID.search(t)]
    document = docx.Document(sheet)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    words = [p.text for p in document.paragraphs] + cells
    assert any("第十六条" in w for w in cells)
    assert not [w for w in words if RAW_ID.search(w)]
    assert (
        main(["--store", str(store), "duties", "--role", "党委主要负责人", "--place", "黄堡镇"])
        == 0
    )
    plain = capsys.readouterr().out
    assert "第十六条" in plain and not RAW_ID.search(plain)
