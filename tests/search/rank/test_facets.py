"""Clause facets and the facets a question asks for."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import ingest
from search.index.facets import FACETS, clause_facets, rule_table
from search.index.units import Unit, build_units
from search.rank.intent import asked_facets

CORPUS = Path(__file__).resolve().parents[3] / "corpus"


@cache
def _units() -> tuple[Unit, ...]:
    docs = []
    for name in (
        "national_2021_work_safety_law",
        "national_2007_accident_report_investigation_regulation",
    ):
        doc = ingest.parse_file(CORPUS / f"{name}.txt")
        docs.append((doc, ingest.extract_facts(doc)))
    return tuple(build_units(docs))


def test_rule_tables_name_only_known_facets() -> None:
    for name in ("facets.tsv", "intents.tsv"):
        rows = rule_table(name)
        assert rows and all(set(facets) <= set(FACETS) for facets, _ in rows)


def test_every_extracted_fine_with_an_amount_gives_the_fine_facet() -> None:
    fined = [u for u in _units() if "罚款" in u.sanctions and "万元" in u.text]
    assert fined
    assert all({"fine", "penalty"} <= set(u.facets) for u in fined)


def test_definitions_and_time_limits_are_read_from_the_text() -> None:
    units = _units()
    defining = [u for u in units if "是指" in u.text]
    timed = [u for u in units if "小时内" in u.text or "日内" in u.text]
    assert defining and timed
    assert all("definition" in u.facets for u in defining)
    assert all("time_limit" in u.facets for u in timed)


def test_a_clause_with_no_such_words_has_no_text_facets() -> None:
    assert clause_facets("生产经营单位应当加强安全生产管理。") == ()


@pytest.mark.parametrize(
    ("question", "facet"),
    [
        ("企业老板迟报事故会被罚多少钱", "fine"),
        ("公务员赌博会受什么处分", "penalty"),
        ("事故调查要在多少天内完成", "time_limit"),
        ("安委会全体会议多久开一次", "frequency"),
        ("重大危险源是什么意思", "definition"),
        ("一般事故由哪一级政府负责调查", "who"),
        ("什么情况下应急预案需要修订", "condition"),
    ],
)
def test_question_forms_ask_for_their_facet(question: str, facet: str) -> None:
    assert facet in asked_facets(question)


def test_a_plain_topic_asks_for_nothing_in_particular() -> None:
    assert asked_facets("安全生产许可证") == ()
