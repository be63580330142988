"""The activity a frequency or deadline is about, from its words or their context.

A frequency often names no activity of its own (每季度至少1次, 其他班子成员每月不少于两次),
so its activity is looked for in widening context: the words after its count,
its comma-delimited stretch, its part of the clause, a neighbouring part, and
last the whole clause.
"""

from __future__ import annotations

import re

from ingest.extract.actors import Part
from ingest.extract.duties import Activity, classify, short_phrase
from ingest.extract.frequency import FreqMatch

__all__ = ["activity_name", "freq_activity", "segment"]

# The words after a frequency's count, up to the next punctuation (…1次带队开展督导检查).
_TAIL = re.compile(r"[^，,。；;：:！？\n（(]*")


def segment(text: str, f: FreqMatch, lo: int, hi: int) -> tuple[int, int]:
    """The comma-delimited stretch of ``lo:hi`` that holds a frequency."""
    s = max(lo, *(text.rfind(c, lo, f.start) + 1 for c in "，,"))
    ends = [i for c in "，,。；;" if (i := text.find(c, f.end, hi)) >= 0]
    return s, (min(ends) + 1 if ends else hi)


def freq_activity(text: str, parts: list[Part], part: Part | None, f: FreqMatch) -> Activity | None:
    """A frequency's activity: its own words, its comma stretch, its part, a neighbour's."""
    tail = _TAIL.match(text, f.end)
    act = classify(f.body + (tail.group() if tail else ""))
    if act is None and part is not None:
        s, e = segment(text, f, part.start, part.end)
        act = classify(text[s:e])
    return act or _near(text, parts, part)


def _near(text: str, parts: list[Part], part: Part | None, body: str = "") -> Activity | None:
    """The activity of some words, else of their part, else of a neighbouring part."""
    act = classify(body) if body else None
    if act is None and part is not None:
        act = classify(text[part.start : part.end])
        i = parts.index(part)
        for j in (i + 1, i - 1):
            if act is None and 0 <= j < len(parts):
                act = classify(text[parts[j].start : parts[j].end])
    return act


def activity_name(text: str, parts: list[Part], part: Part | None, body: str) -> str:
    """The activity name of a frequency or deadline (its words, part, neighbours, clause)."""
    act = _near(text, parts, part, body) or classify(text)
    if act:
        return act.name
    return short_phrase(text[part.start : part.end] if part else text)
