"""Exact clause references: read from the question, resolved against a parsed law."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import ingest
from ingest.domain.numerals import to_chinese
from search.index.units import Unit, build_units
from search.rank.refs import ClauseRef, RefIndex, find_ref

LAW = Path(__file__).resolve().parents[3] / "corpus" / "national_2021_work_safety_law.txt"


@cache
def _units() -> tuple[Unit, ...]:
    doc = ingest.parse_file(LAW)
    return tuple(build_units([(doc, ingest.extract_facts(doc))]))


@pytest.mark.parametrize(
    ("question", "article", "para", "item"),
    [
        ("王益区实施意见第十一条第四项", 11, None, 4),
        ("安全生产法第九十四条第二款是怎么规定的", 94, 2, None),
        ("第二十一条（三）", 21, None, 3),
        ("《安全生产许可证条例》第9条", 9, None, None),
    ],
)
def test_references_are_read_with_their_numbers(question, article, para, item) -> None:
    ref = find_ref(question)
    assert ref is not None
    assert (ref.article, ref.para, ref.item) == (article, para, item)
    assert ref.name == question[: question.index("第")].strip("《》")


def test_question_without_reference_has_none() -> None:
    assert find_ref("企业负责人迟报事故会被罚多少") is None


def test_every_article_of_a_named_law_resolves_to_its_own_units() -> None:
    units = _units()
    index = RefIndex(units)
    articles = sorted({label for u in units for label in u.path if label.endswith("条")})
    assert len(articles) > 100
    for label in articles:
        number = ingest.domain.numerals.to_int(label[1:-1])
        ids, named = index.resolve(ClauseRef("安全生产法", number or 0, None, None))
        assert named and ids
        assert all(label in units[i].path for i in ids)


def test_an_item_reference_resolves_to_that_item_alone() -> None:
    units = _units()
    item = next(u for u in units if u.path[-1].startswith("（") and len(u.path) >= 3)
    article = next(p for p in item.path if p.endswith("条"))
    question = f"安全生产法{article}第{item.path[-1].strip('（）')}项"
    ref = find_ref(question)
    ids, named = RefIndex(units).resolve(ref)
    assert named and [units[i].clause_id for i in ids] == [item.clause_id]


def test_a_name_that_fits_no_document_only_favours_the_number() -> None:
    units = _units()
    ids, named = RefIndex(units).resolve(ClauseRef("北京市安全生产条例", 5, None, None))
    assert not named and ids
    assert to_chinese(5) in "".join(units[ids[0]].path)
