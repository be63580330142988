"""The lexical index: bm25s over two fields of each unit's text, saved as .npy + JSON.

The fields: jieba search-mode words (``bm25/``) and overlapping character pairs
(``bm25/grams/``, :func:`search.tokens.char_bigrams`), which still match where the
question and the clause were segmented differently; the searcher mixes the two
(``SearchParams.gram_weight``). An index saved before the pair field has words only.
Scores are computed for *every* unit (``scores``), not a top-k, so filters and
fusion see the whole corpus before anything is cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import bm25s
import numpy as np

from search.tokens import char_bigrams, tokenize

__all__ = ["BM25Index"]

# Lucene BM25 parameters; k1 well below bm25s' default: clauses are short and a term repeated
# in one clause says little more than once. k1 0.4-0.6 form a plateau on the own set and the m
# seed set (0.9 was 0.01-0.03 lower everywhere); 0.6 is its middle.
K1 = 0.6
# b 0.2-0.5 led the sets open to tuning (mean +0.009 at 0.4) but not the held-out and blind
# sets, so the usual 0.75 stays (docs/search-tuning.md).
B = 0.75


class BM25Index:
    """BM25 over unit texts (title, context and clause), one bm25s model per field."""

    def __init__(self, model: bm25s.BM25, grams: bm25s.BM25 | None = None) -> None:
        self._models = {"words": model} | ({"grams": grams} if grams is not None else {})
        self._vocabs: dict[str, Mapping[str, int]] = {
            f: m.vocab_dict for f, m in self._models.items()
        }
        self.size = int(model.scores["num_docs"])

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields this index holds (``words``, and ``grams`` unless saved before it)."""
        return tuple(self._models)

    @staticmethod
    def _model(corpus: list[list[str]]) -> bm25s.BM25:
        model = bm25s.BM25(k1=K1, b=B, method="lucene")
        model.index([toks or ["<empty>"] for toks in corpus], show_progress=False)
        return model

    @classmethod
    def build(cls, texts: Sequence[str]) -> BM25Index:
        """Index the texts (one per unit, in unit order) in both fields."""
        return cls(
            cls._model([tokenize(t) for t in texts]), cls._model([char_bigrams(t) for t in texts])
        )

    def save(self, directory: Path) -> None:
        """Arrays as .npy (no pickles) and the vocabularies as JSON."""
        self._models["words"].save(str(directory), allow_pickle=False, show_progress=False)
        if "grams" in self._models:
            grams = directory / "grams"
            self._models["grams"].save(str(grams), allow_pickle=False, show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> BM25Index:
        """Load what ``save`` wrote."""

        def one(path: Path) -> bm25s.BM25:
            return bm25s.BM25.load(str(path), allow_pickle=False, show_progress=False)

        grams = directory / "grams"
        return cls(one(directory), one(grams) if grams.is_dir() else None)

    def df(self, token: str, field: str = "words") -> int:
        """How many units hold the token (the document frequency behind its IDF)."""
        tid = self._vocabs[field].get(token)
        if tid is None:
            return 0
        indptr = self._models[field].scores["indptr"]
        return int(indptr[tid + 1] - indptr[tid])

    def scores(self, weighted_tokens: Mapping[str, float], field: str = "words") -> np.ndarray:
        """BM25 score of every unit for tokens with query weights (expansions weigh less)."""
        total = np.zeros(self.size, dtype=np.float32)
        if field not in self._models:
            return total
        model, vocab = self._models[field], self._vocabs[field]
        for token, weight in weighted_tokens.items():
            tid = vocab.get(token)
            if tid is None or weight <= 0:
                continue
            total += weight * model.get_scores_from_ids([tid])
        return total
