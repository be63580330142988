"""Clause ids round-trip and reject what is not in the grammar."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.ids import (
    PREFIX_KIND,
    Step,
    child_id,
    format_clause_id,
    make_doc_id,
    parse_clause_id,
    path_text,
)

steps = st.builds(
    Step,
    st.sampled_from(sorted(PREFIX_KIND)),
    st.integers(min_value=0, max_value=500),
    st.one_of(st.none(), st.integers(min_value=1, max_value=9)),
)


@given(st.lists(steps, min_size=1, max_size=6))
def test_clause_id_round_trips(path: list[Step]) -> None:
    assert parse_clause_id(format_clause_id(path)) == tuple(path)


def test_examples() -> None:
    assert format_clause_id([Step("chp", 2), Step("art", 10), Step("item", 4)]) == (
        "chp_2__art_10__item_4"
    )
    assert parse_clause_id("art_5-1") == (Step("art", 5, 1),)
    assert child_id("sec_2", "item", 3) == "sec_2__item_3"
    assert child_id(None, "att", 1) == "att_1"


@pytest.mark.parametrize("bad", ["", "art", "art_", "foo_1", "art_1___item_2", "ART_1", "art_1-0"])
def test_rejects_bad_ids(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_clause_id(bad)


def test_doc_ids() -> None:
    assert make_doc_id("corpus/county_wangyi_2018_x.txt") == "county_wangyi_2018_x"
    assert make_doc_id("意见.docx", b"abc").startswith("doc_")
    assert make_doc_id("意见.docx", b"abc") == make_doc_id("其他.docx", b"abc")


def test_path_text_reads_a_clause_path_as_people_cite_it(seed_paths) -> None:
    import ingest

    doc = ingest.parse_file(seed_paths["000"])
    deep = next(c for c in doc.clauses if len(c.path) >= 3)
    shown = path_text(deep.path)
    assert shown.split(" › ") == list(deep.path)
    assert path_text(()) == "正文" and path_text(("", deep.path[-1])) == deep.path[-1]
