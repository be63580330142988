"""The lexical index: bm25s over jieba search-mode tokens, saved as .npy + JSON.

Scores are computed for *every* unit (``scores``), not a top-k, so filters and
fusion see the whole corpus before anything is cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import bm25s
import numpy as np

from search.tokens import tokenize

__all__ = ["BM25Index"]

# Lucene BM25 parameters; k1 well below bm25s' default: clauses are short and a term repeated
# in one clause says little more than once. k1 0.4-0.6 form a plateau on the own set and the m
# seed set (0.9 was 0.01-0.03 lower everywhere); 0.6 is its middle.
K1 = 0.6
B = 0.75


class BM25Index:
    """BM25 over unit texts (context + clause)."""

    def __init__(self, model: bm25s.BM25) -> None:
        self._model = model
        self._vocab: Mapping[str, int] = model.vocab_dict
        self.size = int(model.scores["num_docs"])

    @classmethod
    def build(cls, texts: Sequence[str]) -> BM25Index:
        """Index the texts (one per unit, in unit order)."""
        corpus = [tokenize(t) or ["<empty>"] for t in texts]
        model = bm25s.BM25(k1=K1, b=B, method="lucene")
        model.index(corpus, show_progress=False)
        return cls(model)

    def save(self, directory: Path) -> None:
        """Arrays as .npy (no pickles) and the vocabulary as JSON."""
        self._model.save(str(directory), allow_pickle=False, show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> BM25Index:
        """Load what ``save`` wrote."""
        model = bm25s.BM25.load(str(directory), allow_pickle=False, show_progress=False)
        return cls(model)

    def df(self, token: str) -> int:
        """How many units hold the token (the document frequency behind its IDF)."""
        tid = self._vocab.get(token)
        if tid is None:
            return 0
        indptr = self._model.scores["indptr"]
        return int(indptr[tid + 1] - indptr[tid])

    def scores(self, weighted_tokens: Mapping[str, float]) -> np.ndarray:
        """BM25 score of every unit for tokens with query weights (expansions weigh less)."""
        total = np.zeros(self.size, dtype=np.float32)
        for token, weight in weighted_tokens.items():
            tid = self._vocab.get(token)
            if tid is None or weight <= 0:
                continue
            total += weight * self._model.get_scores_from_ids([tid])
        return total
