"""Search quality: nDCG@10, answered@10 and MRR for BM25 alone, dense alone and fused.

Question sets (one JSON object a line: ``{"id", "query", "relevant": [{"grade",
"anchor"}]}``):

- ``search_queries.jsonl``: our own 91, over the whole corpus, split into a *tuning*
  half (odd ids, the only questions fusion parameters were chosen on) and a
  *held-out* half (even ids);
- ``dev_queries.jsonl``: the eight given questions over the five seed documents;
- ``seed_queries.jsonl`` (n01–n22), ``seed_queries_more.jsonl`` (m01–m50) and
  ``seed_queries_blind.jsonl`` (b01–b40): plain questions over the five seeds, each
  written blind (without running the search). The m set was later used to find
  vocabulary gaps and, with the whole own set, to choose BM25's k1; the b set was
  only ever scored.

Seed questions are scored twice: on the whole bundled corpus (where the laws compete)
and on a store of the five seed documents alone. A result is relevant when its clause
text, after NFKC and removal of all whitespace, contains an anchor; each anchor
counts once, at its first rank.

``python -m eval search`` builds (or incrementally reuses) the indexes in temp stores
named after the index-format code, so runs after a change of the units re-encode only
the changed passages. ``python -m eval.search --tune`` prints the grid search over
fusion parameters on the tuning half.
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
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.rank.searcher import Searcher

__all__ = ["evaluate", "load_queries", "main", "score_query", "searcher_for_corpus"]

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
K = 10
# The five seed documents (corpus/SOURCES.md: sample documents 000-004).
SEED_DOCS = (
    "county_wangyi_2018_leader_responsibility_draft",
    "township_daligang_2019_dual_responsibility_notice",
    "county_wangyi_2018_work_safety_reform_draft",
    "province_jilin_2018_leader_responsibility_interpretation",
    "city_neimenggu_2022_responsibility_implementation_draft",
)
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


def _corpus_docs(stems: Sequence[str] | None = None) -> list:
    import ingest

    docs = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        if stems is not None and path.stem not in stems:
            continue
        doc = ingest.parse_file(path)
        docs.append((doc, ingest.extract_facts(doc)))
    return docs


# Modules whose change makes an existing index unreadable (units.py changes are incremental).
_FORMAT_CODE = ("index.py", "bm25.py", "dense.py")


def _format_key() -> str:
    h = hashlib.sha1()
    for name in _FORMAT_CODE:
        h.update((ROOT / "search" / name).read_bytes())
    return h.hexdigest()[:10]


def searcher_for_corpus(store: Path | None = None, stems: Sequence[str] | None = None) -> Searcher:
    """A searcher over ``corpus/`` (or the named files of it); temp stores are reused."""
    from search import load_searcher, update_index

    name = "seeds" if stems else "search"
    store = store or Path(tempfile.gettempdir()) / f"dutygraph-eval-{name}-{_format_key()}"
    info = update_index(store, _corpus_docs(stems), progress=False)
    print(
        f"index: {info.units} clause units from {info.documents} documents, "
        f"{info.encoded} encoded, model {info.model}",
        file=sys.stderr,
    )
    return load_searcher(store)


def _ask(searcher: Searcher, mode: str, query: str) -> list:
    return searcher.search(query, k=K, mode=mode)


def _table(rows: list[tuple[str, Searcher, list[dict]]]) -> None:
    print(f"{'set':<26}{'store':<8}{'mode':<8}{'nDCG@10':>9}{'ans@10':>8}{'MRR':>7}")
    for name, searcher, queries in rows:
        store = "seeds" if len({u.doc_id for u in searcher.units}) == len(SEED_DOCS) else "corpus"
        modes = ("bm25", "dense", "hybrid") if searcher.dense is not None else ("bm25",)
        for mode in modes:
            m = evaluate(partial(_ask, searcher, mode), queries)
            print(
                f"{name:<26}{store:<8}{mode:<8}"
                f"{m['ndcg']:>9.3f}{m['answered']:>8.3f}{m['mrr']:>7.3f}"
            )


def main() -> None:
    """Print the metrics table for every question set, store and mode."""
    corpus = searcher_for_corpus()
    seeds = searcher_for_corpus(stems=SEED_DOCS)
    own = load_queries("search_queries.jsonl")
    tune, held = split(own)
    rows: list[tuple[str, Searcher, list[dict]]] = [
        (f"own, all ({len(own)})", corpus, own),
        (f"own, tuning half ({len(tune)})", corpus, tune),
        (f"own, held-out half ({len(held)})", corpus, held),
    ]
    seed_sets = {
        "dev": "dev_queries.jsonl",
        "seed n": "seed_queries.jsonl",
        "seed m": "seed_queries_more.jsonl",
        "seed b (blind)": "seed_queries_blind.jsonl",
    }
    every: list[dict] = []
    for label, file in seed_sets.items():
        queries = load_queries(file)
        every += queries
        rows += [(f"{label} ({len(queries)})", s, queries) for s in (corpus, seeds)]
    rows += [(f"all seed questions ({len(every)})", s, every) for s in (corpus, seeds)]
    _table(rows)


def tune() -> None:
    """Grid search of fusion parameters on the tuning half only."""
    from search.rank.fusion import FusionParams

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
        m = evaluate(partial(_ask, s, "hybrid"), queries)
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
