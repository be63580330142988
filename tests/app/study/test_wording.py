"""Frequency phrases of the corpus in their exam form: the short form and every variant parse
back (with the project's one frequency grammar) to the period and count they were made from."""

from __future__ import annotations

import pytest

from app.study.wording import short_form, variant
from ingest.extract.frequency import find_frequencies
from tests.conftest import CORPUS

TEXTS = sorted(
    {
        m.text
        for path in CORPUS.glob("*.txt")
        for m in find_frequencies(path.read_text(encoding="utf-8"))
        if m.min_count
    }
)


def test_the_corpus_has_counted_frequencies():
    assert len(TEXTS) >= 10


@pytest.mark.parametrize("text", TEXTS)
def test_short_form_keeps_the_value_and_drops_the_activity(text):
    for p in short_form(text):
        again = find_frequencies(p.short)
        assert len(again) == 1 and again[0].per_year == p.per_year, (text, p.short)
        assert len(p.short) <= len(p.source.text)
        assert p.short[0] in "每至不最" and p.short.endswith(p.source.text[-1])


@pytest.mark.parametrize("text", TEXTS)
def test_a_variant_keeps_the_clause_words_around_another_period_and_count(text):
    for p in short_form(text):
        other = variant(p, "每半年", 3)
        parsed = find_frequencies(other)
        assert len(parsed) == 1 and parsed[0].per_year == 6
        assert p.source.body in other  # the verb stays: 每季度至少召开1次 -> 每半年至少召开3次
