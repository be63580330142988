"""Search quality: nDCG@10, answered@10 and MRR for BM25 alone, dense alone and fused.

Question sets (one JSON object a line: ``{"id", "query", "relevant": [{"grade",
"anchor"}]}``): ``search_queries.jsonl`` (our own, over the whole corpus) split into
a *tuning* half (odd ids, the only questions fusion parameters were chosen on) and a
*held-out* half (even ids), ``dev_queries.jsonl`` (the eight given questions,
never tuned on) and ``seed_queries.jsonl`` (plain questions over the five seeds,
written after the tuning, never tuned on). A result is relevant when its clause
text, after NFKC and removal of all whitespace, contains an anchor; each anchor
counts once, at its first rank.

``python -m eval search`` builds (or incrementally reuses) an index over ``corpus/`` in
a temp store named after the index-format code, so runs after a change of the units
re-encode only the changed passages, and a change of the format starts afresh.
``python -m eval.search --tune`` prints the grid search over fusion parameters on
the tuning half.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

__all__ = ["evaluate", "load_queries", "main", "score_query", "searcher_for_corpus"]

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
K = 10
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def load_queries(name: str) -> list[dict]:
    """Questions of one file in ``eval/``."""
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(ln) for ln in lines if ln.strip()]


def split(queries: list[dict]) -> tuple[list[dict], list[dict]]:
    """(tuning, held-out): odd and even question numbers."""

    def number(q: dict) -> int:
        return int(re.sub(r"\D", "", q["id"]) or 0)

    return [q for q in queries if number(q) % 2], [q for q in queries if not number(q) % 2]


def score_query(texts: Sequence[str], relevant: Sequence[dict], k: int = K) -> dict[str, float]:
    """nDCG@k (gain 2^grade - 1), answered@k (a grade-2 anchor in the top k) and RR."""
    anchors = [(_norm(r["anchor"]), int(r["grade"])) for r in relevant]
    credited: set[int] = set()
    dcg, first2 = 0.0, None
    for rank, text in enumerate(texts[:k], start=1):
        t = _norm(text)
        for i, (anchor, grade) in enumerate(anchors):
            if i in credited or anchor not in t:
                continue
            credited.add(i)
            dcg += (2**grade - 1) / math.log2(rank + 1)
            if grade == 2 and first2 is None:
                first2 = rank
    ideal = sorted((g for _, g in anchors), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(r + 1) for r, g in enumerate(ideal, start=1))
    return {
        # Capped: anchors sharing one clause are all credited at its rank, above the ideal.
        "ndcg": min(1.0, dcg / idcg) if idcg else 0.0,
        "answered": 1.0 if first2 is not None else 0.0,
        "mrr": 1.0 / first2 if first2 else 0.0,
    }


def evaluate(search: Callable[[str], list], queries: list[dict]) -> dict[str, float]:
    """Mean metrics of a search function (query -> hits with ``.text``) over questions."""
    rows = [score_query([h.text for h in search(q["query"])], q["relevant"]) for q in queries]
    n = max(len(rows), 1)
    return {m: sum(r[m] for r in rows) / n for m in ("ndcg", "answered", "mrr")}


def _corpus_docs() -> list:
    import ingest

    docs = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        doc = ingest.parse_file(path)
        docs.append((doc, ingest.extract(doc)))
    return docs


# Modules whose change makes an existing index unreadable (units.py changes are incremental).
_FORMAT_CODE = ("index.py", "bm25.py", "dense.py")


def _format_key() -> str:
    h = hashlib.sha1()
    for name in _FORMAT_CODE:
        h.update((ROOT / "search" / name).read_bytes())
    return h.hexdigest()[:10]


def searcher_for_corpus(store: Path | None = None):
    """A searcher over ``corpus/``; the temp store is reused, so vectors are encoded once."""
    from search import load_searcher, update_index

    store = store or Path(tempfile.gettempdir()) / f"dutygraph-eval-search-{_format_key()}"
    info = update_index(store, _corpus_docs(), progress=False)
    print(
        f"index: {info['units']} clause units from {info['documents']} documents, "
        f"{info['encoded']} encoded, model {info['model']}",
        file=sys.stderr,
    )
    return load_searcher(store)


def _table(searcher, sets: dict[str, list[dict]]) -> None:
    modes = ("bm25", "dense", "hybrid") if searcher.dense is not None else ("bm25",)
    print(f"{'set':<22}{'mode':<8}{'nDCG@10':>9}{'ans@10':>8}{'MRR':>7}")
    for name, queries in sets.items():
        for mode in modes:
            m = evaluate(lambda q, mode=mode: searcher.search(q, k=K, mode=mode), queries)
            print(f"{name:<22}{mode:<8}{m['ndcg']:>9.3f}{m['answered']:>8.3f}{m['mrr']:>7.3f}")


def main() -> None:
    """Print the metrics table for every question set and mode."""
    searcher = searcher_for_corpus()
    tune, held = split(load_queries("search_queries.jsonl"))
    seed = load_queries("seed_queries.jsonl")
    _table(
        searcher,
        {
            f"own tuning ({len(tune)})": tune,
            f"own held-out ({len(held)})": held,
            f"dev ({len(load_queries('dev_queries.jsonl'))})": load_queries("dev_queries.jsonl"),
            f"new seed ({len(seed)})": seed,
        },
    )


def tune() -> None:
    """Grid search of fusion parameters on the tuning half only."""
    from search.fusion import FusionParams

    searcher = searcher_for_corpus()
    queries, _ = split(load_queries("search_queries.jsonl"))
    base = searcher.params
    results = []
    grid = itertools.product(
        ("convex", "rrf"), (0.4, 0.5, 0.6, 0.7), (100, 300), (0.0, 0.1, 0.2), (0.0, 0.2)
    )
    for method, alpha, depth, level_boost, region_boost in grid:
        if method == "rrf" and alpha != 0.5:
            continue
        params = replace(
            base,
            fusion=FusionParams(method=method, alpha=alpha, depth=depth),
            level_boost=level_boost,
            region_boost=region_boost,
        )
        s = searcher.with_params(params)
        m = evaluate(lambda q, s=s: s.search(q, k=K), queries)
        results.append(
            (m["ndcg"], m["answered"], m["mrr"], method, alpha, depth, level_boost, region_boost)
        )
    for row in sorted(results, reverse=True)[:15]:
        print(
            "nDCG {:.3f} ans {:.3f} MRR {:.3f}  {} alpha={} depth={} level={} region={}".format(
                *row
            )
        )


if __name__ == "__main__":
    tune() if "--tune" in sys.argv else main()
