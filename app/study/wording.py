"""Frequency phrases as an exam prints them: the clause's own words without the activity.

每季度至少召开1次 -> 每季度至少1次, 每年主持召开…不少于4次 -> 每年不少于4次, 至少每季度研究
部署1次 -> 至少每季度1次. A distractor is another period and count written in the
same manner (where 至少 stands, Arabic or Chinese digits), so no option gives
itself away by its style. The frequency grammar stays in ``ingest.extract.frequency``:
a phrase made here parses back to the period and count it was made from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.domain.numerals import to_chinese
from ingest.extract.frequency import FreqMatch, find_frequencies

__all__ = ["Manner", "Phrase", "phrase", "render", "short_form", "variant"]

# The parts of a counted frequency: an optional leading 至少, 每 + period, the words
# between (activity and a 至少/不少于 among them), the count and 次.
_PARTS = re.compile(
    r"^(?P<lead>至少|不少于|最少|不低于)?\s*(?P<rest>每.+?)"
    r"(?P<count>[0-9０-９]+|[一二两三四五六七八九十百]+)\s*(?:次|回)$"
)
_MIN_WORD = re.compile(r"至少|不少于|最少|不低于")


@dataclass(frozen=True, slots=True)
class Manner:
    """How a clause writes a frequency: where its 至少 stands and in which digits."""

    lead: str  # 至少 before 每 (至少每季度…), else ""
    inner: str  # 至少/不少于 after the period (每季度至少…), else ""
    chinese: bool  # 一次 rather than 1次


@dataclass(frozen=True, slots=True)
class Phrase:
    """A counted frequency of a clause: its short form, period word, count and manner."""

    short: str
    every: str  # 每季度, 每半年, 每个季度
    count: int
    per_year: float
    manner: Manner
    source: FreqMatch


def phrase(match: FreqMatch) -> Phrase | None:
    """The short form of a counted frequency (None for 定期 or a bare 每年)."""
    if not match.per_year or not match.min_count:
        return None
    m = _PARTS.match(match.text)
    if not m:
        return None
    rest, body = m["rest"], match.body
    every = rest[: len(rest) - len(body)] if body and rest.endswith(body) else rest
    if len(every) < 2:
        return None
    inner = _MIN_WORD.search(match.body)
    manner = Manner(m["lead"] or "", inner.group() if inner else "", not m["count"].isdigit())
    short = render(every, match.min_count, manner)
    return Phrase(short, every, match.min_count, match.per_year, manner, match)


def _number(count: int, chinese: bool) -> str:
    if not chinese:
        return str(count)
    return "两" if count == 2 else to_chinese(count)


def render(every: str, count: int, manner: Manner) -> str:
    """A period and count written in a manner: (每半年, 1, 至少 inside) -> 每半年至少1次."""
    return f"{manner.lead}{every}{manner.inner}{_number(count, manner.chinese)}次"


def variant(p: Phrase, every: str, count: int) -> str:
    """The clause's frequency words with another period and count: 每季度至少召开1次 ->
    每月至少召开1次 (the verb and the 至少 stay where the clause has them)."""
    unit = p.source.text[-1]
    return f"{p.manner.lead}{every}{p.source.body}{_number(count, p.manner.chinese)}{unit}"


def short_form(text: str) -> list[Phrase]:
    """The counted frequencies of a text, each in its short form."""
    return [p for m in find_frequencies(text) if (p := phrase(m))]
