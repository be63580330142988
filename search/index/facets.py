"""Facets of a clause: which kinds of question it can answer (an amount, a time limit, ...).

A question that asks "罚多少钱" wants a clause that names a fine with its amount;
"多少天内" wants a time limit; "什么是" a definition. Extraction already finds
sanctions, frequencies and deadlines; the rest (time limits of laws, definitions,
case lists, who decides) are read from the clause text with the rules of
``search/data/facets.tsv``. The ranking then favours clauses whose facets match what
the question asks for (``search.rank.intent``), whatever law they come from.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from search.tokens import load_lines

__all__ = ["FACETS", "clause_facets", "rule_table"]

# Every facet a clause can carry, in a fixed order (facets.tsv and the extracted facts).
FACETS = ("fine", "penalty", "time_limit", "frequency", "definition", "kinds", "condition", "who")


@functools.cache
def rule_table(name: str) -> tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]:
    """Rows ``names<TAB>regex`` of a data file: (names split on |, compiled regex)."""
    rows = []
    for line in load_lines(name):
        names, _, pattern = line.partition("\t")
        facets = tuple(n for n in names.split("|") if n)
        unknown = set(facets) - set(FACETS)
        if unknown or not pattern:
            raise ValueError(f"{name}: bad rule {line!r} (unknown facet {sorted(unknown)})")
        rows.append((facets, re.compile(pattern)))
    return tuple(rows)


def clause_facets(text: str, from_facts: Iterable[str] = ()) -> tuple[str, ...]:
    """The facets of a clause: those its extracted facts give plus those its text shows."""
    found = set(from_facts)
    for facets, pattern in rule_table("facets.tsv"):
        if pattern.search(text):
            found.update(facets)
    return tuple(f for f in FACETS if f in found)
