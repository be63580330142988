"""Wrong options that are plausible and provably wrong.

A distractor is a value the same kind of fact takes elsewhere in the corpus
(another frequency, another measure, another time limit), never one the cited
clause also states, never one equal in meaning to the answer (每季度1次 is 每年4次),
and written the way the answer is written so no option stands out by its style.
Candidates are ranked by how plausible they are, so the seed only decides among
equally good ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.study.rules import CONDITION, MEASURE_END, MEASURE_INSIDE, NAMES_A_SYSTEM, TIME_LIMIT
from app.study.wording import Phrase, short_form, variant
from ingest.domain.numerals import to_chinese, to_int
from ingest.extract.frequency import find_frequencies
from ingest.records import Document, Facts

__all__ = [
    "MEASURE_PHRASE",
    "MENU_SIZE",
    "Pools",
    "frequency_alternatives",
    "limit_alternatives",
    "make_pools",
    "measure_phrase",
]

MENU_SIZE = (
    4  # a clause naming this many measures is a menu (通报、诫勉、停职检查…) for any failure
)
Pair = tuple[Document, Facts]
MEASURE_PHRASE = 22  # characters of a measure's predicate offered as an option
USUAL = (1.0, 24.0)  # times a year of the frequencies duties usually have (yearly to twice a month)


@dataclass(frozen=True)
class Pools:
    """Values each kind of fact takes over the corpus, most common first."""

    periods: tuple[tuple[str, int, float], ...]  # (每季度, 1, 4.0)
    measures: tuple[tuple[str, str], ...]  # (type, the predicate it opens: 从重追究责任)
    limits: tuple[tuple[int, str], ...]  # (15, 日)
    menus: dict[str, frozenset[str]] = field(default_factory=dict)  # doc_id -> menu types


def measure_phrase(text: str, start: int, end: int) -> str:
    """The predicate a measure opens, to the end of its part of the sentence (从重追究责任),
    or "" when it is no predicate of its own or too long to be an option."""
    stop = MEASURE_END.search(text, end)
    phrase = text[start : stop.start() if stop else len(text)]
    if MEASURE_INSIDE["before"].search(text[max(0, start - 2) : start]):
        return ""
    if MEASURE_INSIDE["next"].match(text, end) or NAMES_A_SYSTEM.match(text[end : end + 8]):
        return ""
    if MEASURE_INSIDE["end"].search(phrase):
        return ""
    if len(phrase) > MEASURE_PHRASE:
        return ""
    return phrase


def make_pools(pairs: Sequence[Pair]) -> Pools:
    """The pools over the given documents (the whole corpus, not only the scope)."""
    periods: Counter[tuple[str, int, float]] = Counter()
    measures: Counter[tuple[str, str]] = Counter()
    limits: Counter[tuple[int, str]] = Counter()
    menus: dict[str, frozenset[str]] = {}
    for doc, facts in pairs:
        for f in facts.frequencies:
            for p in short_form(f.text):
                periods[(p.every, p.count, p.per_year)] += 1
        by_clause: dict[str, set[str]] = {}
        for s in facts.sanctions:
            by_clause.setdefault(s.clause_id, set()).add(s.type)
            phrase = measure_phrase(doc.text, s.start, s.end)
            if not CONDITION.search(s.text) and phrase:
                measures[(s.type, phrase)] += 1
        menus[doc.doc_id] = frozenset(
            t for types in by_clause.values() if len(types) >= MENU_SIZE for t in types
        )
        for m in TIME_LIMIT.finditer(doc.text):
            count = to_int(m["count"])
            if count:
                limits[(count, m["unit"])] += 1
    return Pools(
        tuple(p for p, _ in periods.most_common()),
        tuple(p for p, _ in measures.most_common()),
        tuple(p for p, _ in limits.most_common()),
        menus,
    )


def frequency_alternatives(
    answer: Phrase, clause: str, others: Iterable[float], pools: Pools, want: int = 3
) -> tuple[str, ...]:
    """The answer's frequency words with another period and count: first the values other
    documents give the same duty, then the common ones; none the clause also states."""
    seen = {answer.per_year} | {m.per_year for m in find_frequencies(clause) if m.per_year}
    preferred = set(others)
    usual = [c for c in pools.periods if USUAL[0] <= c[2] <= USUAL[1]]
    ranked = [c for c in pools.periods if c[2] in preferred] + usual + list(pools.periods)
    out: list[str] = []
    for every, count, per_year in ranked:
        text = variant(answer, every, count)
        if per_year in seen or text in clause or len(out) >= want:
            continue
        seen.add(per_year)
        out.append(text)
    return tuple(out)


def limit_alternatives(answer: str, clause: str, pools: Pools, want: int = 3) -> tuple[str, ...]:
    """Other time limits of the same unit (15日内 -> 30日内, 60日内), none the clause states."""
    m = TIME_LIMIT.fullmatch(answer)
    if m is None:
        return ()
    count, unit = to_int(m["count"]), m["unit"]
    chinese = not m["count"].isdigit()
    out: list[str] = []
    for n, u in sorted(pools.limits, key=lambda p: (p[1] != unit, abs(p[0] - (count or 0)))):
        if u != unit or n == count:
            continue
        word = (to_chinese(n) if chinese else str(n)) + u + "内"
        if word not in clause and word not in out and len(out) < want:
            out.append(word)
    return tuple(out)
