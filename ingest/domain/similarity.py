"""How alike two short phrases are: the one measure behind duty alignment everywhere.

The graph groups duties across documents with it, the draft check pairs draft
and reference duties with it, and the comparison view lines rows up with it, so
all three call two activities "the same duty" alike.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["ALIGN_THRESHOLD", "similarity"]

# Character-bigram score above which two activity phrases are one duty.
ALIGN_THRESHOLD = 0.5


@lru_cache(maxsize=65536)
def _bigrams(text: str) -> frozenset[str]:
    return frozenset({text[i : i + 2] for i in range(len(text) - 1)} or {text})


def similarity(a: str, b: str) -> float:
    """Character-bigram overlap of two phrases, in [0, 1].

    The mean of the Dice coefficient and the overlap coefficient: Dice alone
    punishes a short phrase inside a longer one (带队检查 / 带队开展督导检查),
    overlap alone merges any two phrases sharing one word. Bigram sets are cached
    because a draft check compares every reference part with every draft part.
    """
    x, y = _bigrams(a), _bigrams(b)
    common = len(x & y)
    return (2 * common / (len(x) + len(y)) + common / min(len(x), len(y))) / 2
