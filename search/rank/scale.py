"""The one scale on which results are shown: 相关度, from 0 (nothing in common) to 1.

Fused, BM25 and cosine scores are not comparable across questions or modes (a fused
score is relative to the best clause of *this* question), so users are shown a match
strength instead, the same in every mode (docs/search.md):

- word match: the weighted share of the question's words (expansions at their lower
  weight) found in the clause or its headings;
- meaning match: the cosine of question and clause vectors, mapped linearly from the
  encoder's floor (what unrelated text scores; ``COSINE_FLOOR`` for e5) to its ceiling
  (a close paraphrase; ``COSINE_CEIL``), clipped to [0, 1]. An encoder may state its own
  range as ``cosine_range``;
- fused search shows their mean, BM25 the word match, dense the meaning match; a clause
  cited exactly (第十一条第四项) shows 1.

A list is shown in ranking order, so a result never shows more than the one above it.
When even the best result is below ``NO_MATCH`` the question has no good answer and
the search returns nothing (the page and the CLI say 没有找到相关条款).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = [
    "COSINE_CEIL",
    "COSINE_FLOOR",
    "NO_MATCH",
    "capped",
    "meaning_match",
    "strength",
    "word_match",
]

# e5 cosines of a question with unrelated clauses and with a clause that answers it
# (e5-small: unrelated clauses 0.75-0.80, answering ones 0.85-0.92).
COSINE_FLOOR = 0.78
COSINE_CEIL = 0.90
# Below this strength the best result is noise: on the corpus, gibberish scores 0.01, cooking
# or stock questions 0.2, while the weakest top hit of a labelled question is 0.59.
NO_MATCH = 0.3


def word_match(text: str, weights: Mapping[str, float]) -> float:
    """Weighted share of the question's tokens found in the text."""
    total = sum(weights.values())
    if not total:
        return 0.0
    return sum(w for tok, w in weights.items() if tok in text) / total


def meaning_match(
    cosine: float | None, floor: float = COSINE_FLOOR, ceil: float = COSINE_CEIL
) -> float | None:
    """A cosine mapped onto [0, 1] between the floor and the ceiling."""
    if cosine is None:
        return None
    return min(1.0, max(0.0, (cosine - floor) / (ceil - floor)))


def strength(words: float | None, meaning: float | None) -> float:
    """The shown 相关度: the mean of the matches the mode has."""
    parts = [p for p in (words, meaning) if p is not None]
    return sum(parts) / len(parts) if parts else 0.0


def capped(values: Sequence[float]) -> list[float]:
    """Values in list order, each at most the one before it."""
    out: list[float] = []
    for v in values:
        out.append(min(v, out[-1]) if out else v)
    return out
