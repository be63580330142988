"""The plain pipeline every search figure is set beside (issue 18).

What anyone would build in an afternoon on the same files: each non-empty line of a
document's normalised text is a passage; BM25 (bm25s, its default parameters) over
plain ``jieba.lcut`` words with the default dictionary; the same e5 model as the real
search, passages in a faiss inner-product index; reciprocal rank fusion (k = 60) of
the two top-100 lists. No headings, vocabulary, synonyms, boosts or rerank.

A line is scored by the clauses its span overlaps, so clause labels apply to it as
to a search result. Line vectors are cached in the temp directory by the line's
hash and the model name, so a second run encodes nothing.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import bm25s
import faiss
import jieba
import numpy as np

from eval.search_sets import Ranked
from ingest.records import Document
from search.model.encoder import Encoder

__all__ = ["PlainPipeline"]

RRF_K = 60
DEPTH = 100
_WORD = re.compile(r"\w")


def _words(text: str) -> list[str]:
    return [w for w in jieba.lcut(text) if _WORD.search(w)] or ["<empty>"]


def _lines(doc: Document) -> list[Ranked]:
    out = []
    pos = 0
    for line in doc.text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        clauses = tuple(c.clause_id for c in doc.clauses if c.start < end and c.end > start)
        out.append(Ranked(doc.doc_id, clauses, line.strip()))
    return out


class PlainPipeline:
    """Lines as passages, jieba + bm25s, e5 in faiss, RRF."""

    def __init__(self, docs: Sequence[Document], encoder: Encoder | None) -> None:
        jieba.setLogLevel(logging.WARNING)
        self.lines = [line for doc in docs for line in _lines(doc)]
        self.bm25 = bm25s.BM25()
        self.bm25.index([_words(p.text) for p in self.lines], show_progress=False)
        self.encoder = encoder
        self.index: faiss.IndexFlatIP | None = None
        if encoder is not None:
            vectors = _cached_vectors([p.text for p in self.lines], encoder)
            self.index = faiss.IndexFlatIP(vectors.shape[1])
            self.index.add(vectors)

    def _bm25_top(self, query: str) -> list[int]:
        scores = self.bm25.get_scores(_words(query))
        order = np.argsort(-scores, kind="stable")[:DEPTH]
        return [int(i) for i in order if scores[i] > 0]

    def _dense_top(self, query: str) -> list[int]:
        if self.index is None or self.encoder is None:
            return []
        q = self.encoder.encode_queries([query])
        _, ids = self.index.search(q, min(DEPTH, len(self.lines)))
        return [int(i) for i in ids[0] if i >= 0]

    def search(self, query: str, k: int = 10) -> list[Ranked]:
        """The k best lines for the question, fused by reciprocal rank."""
        fused: dict[int, float] = {}
        for ranking in (self._bm25_top(query), self._dense_top(query)):
            for rank, i in enumerate(ranking, start=1):
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank)
        best = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        return [self.lines[i] for i in best]


def _cached_vectors(texts: list[str], encoder: Encoder) -> np.ndarray:
    """Passage vectors of the lines, encoding only lines not seen by an earlier run."""
    model = hashlib.sha1(encoder.name.encode()).hexdigest()[:10]
    cache = Path(tempfile.gettempdir()) / f"dutygraph-eval-plain-{model}"
    cache.mkdir(exist_ok=True)
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    known: dict[str, np.ndarray] = {}
    for part in cache.glob("*.npz"):
        with np.load(part) as z:
            known.update(zip(z["keys"].tolist(), z["vectors"], strict=True))
    todo = sorted({k for k in keys if k not in known})
    if todo:
        text_of = dict(zip(keys, texts, strict=True))
        fresh = encoder.encode_passages([text_of[k] for k in todo])
        np.savez(
            cache / f"{len(list(cache.glob('*.npz'))):04d}.npz", keys=np.array(todo), vectors=fresh
        )
        known.update(zip(todo, fresh, strict=True))
    return np.ascontiguousarray(np.stack([known[k] for k in keys]), dtype=np.float32)
