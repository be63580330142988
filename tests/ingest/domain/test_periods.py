"""The period table reads frequencies and says them back; both directions agree."""

from __future__ import annotations

import pytest

from ingest.domain.periods import PERIODS, frequency_words, period_of, period_word
from ingest.extract.frequency import find_frequencies


@pytest.mark.parametrize(
    "text",
    [
        "每季度至少召开1次安委会全体会议",
        "每月不少于两次带队检查",
        "每半年至少研究1次",
        "每三年至少组织1次全面评估",
        "每2个月至少开展1次督查",
        "每年不少于4次专题研究",
        "每周至少1次调度",
    ],
)
def test_said_back_it_reads_the_same(text):
    """What extraction reads from a text, said back in words, reads the same again."""
    (f,) = find_frequencies(text)
    words = frequency_words(f.period, f.min_count, f.per_year)
    (again,) = find_frequencies(words)
    assert (again.period, again.per_year) == (f.period, f.per_year)
    assert words.startswith("每") and words.endswith("次") and "0.3" not in words


def test_every_fixed_period_has_a_word_that_reads_back():
    for p in PERIODS:
        if "{n}" not in p.iso:
            assert period_of(period_word(p.iso) or "") == (p.iso, p.per_year)


def test_no_number_is_said_plainly():
    assert frequency_words(None, None, None) == "定期（未规定次数）"
    assert frequency_words(None, None, 3) == "每年至少3次"
