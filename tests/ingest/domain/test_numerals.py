"""The one numeral home: values from cn2an and Unicode, used alike by every stage."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ingest.domain.numerals import CIRCLED, to_chinese, to_circled, to_int
from ingest.parse.headings import label_end
from search.tokens import tokenize


@given(st.integers(min_value=1, max_value=999))
def test_chinese_numerals_round_trip(n):
    assert to_int(to_chinese(n)) == n


def test_every_circled_digit_is_a_label_worth_its_unicode_value():
    assert {"①", "⑳", "㉑", "㊿", "❶", "➀"} <= set(CIRCLED)
    for ch in CIRCLED:
        assert to_int(ch) == int(unicodedata.numeric(ch))
        assert label_end(f"{ch}开展隐患排查") == 1, ch
    assert "⓪" not in CIRCLED and "㉈" not in CIRCLED  # zero and boxed numbers are not labels


def test_circled_rendering_round_trips_where_unicode_has_the_number():
    for n in range(1, 51):
        assert to_int(to_circled(n)) == n
    assert to_circled(51) == "51"


def test_not_numerals():
    for s in ("总则", "", None, "三五成群", "1.5"):
        assert to_int(s) is None


def test_search_counts_read_like_heading_numbers():
    """三起 and 3起 both index the number, through the same conversion headings use."""
    for n in (2, 3, 12, 20, 35):
        assert str(n) in tokenize(f"发生{to_chinese(n)}起事故")
        assert str(n) in tokenize(f"发生{n}起事故")
