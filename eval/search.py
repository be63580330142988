"""Search quality: nDCG@10, answered@10 and MRR for BM25, dense, fused and the plain pipeline.

Every set is scored with BM25 alone, dense alone, the fused search, and the plain
pipeline of ``eval/search_baseline.py`` on the same files. Question sets (the format
is in ``eval/search_sets.py``) and what each was used for:

- ``search_queries.jsonl``: our own 91 over the whole corpus; the odd ids are the
  *tuning* half (fusion parameters were chosen on it), the even ids are held out;
- ``dev_queries.jsonl``: the eight given questions over the five seed documents;
- ``seed_queries.jsonl`` (n), ``seed_queries_more.jsonl`` (m), ``seed_queries_blind.jsonl``
  (b): plain questions over the five seeds, written blind. The m set was later used
  to find vocabulary gaps and, with the own set, to choose BM25's k1; the b set is
  frozen and only ever scored;
- ``law_queries_dev.jsonl``: 40 plain questions over the bundled laws and regulations,
  labelled with every answering clause id; the legal features and, with the own tuning
  half, the fusion weights were chosen on it;
- ``law_queries_blind.jsonl``: 67 more, written with the dev set and before any ranking
  change, frozen, only ever scored;
- ``statutes/questions.jsonl``: 300 real questions of ordinary people from STARD with
  the statute articles that answer them, over ``statutes/laws`` (README there); frozen,
  only ever scored.

Seed questions are scored on the whole corpus and on a store of the five seeds alone;
the law sets on the whole corpus; the statute set on its own store. Stores live in the
temp directory, named after the index code, and are updated incrementally.
``python -m eval.search --tune`` prints a grid search over fusion parameters on the
tuning half of the own set and the law dev set.
"""

from __future__ import annotations

import hashlib
import itertools
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from eval.search_baseline import PlainPipeline
from eval.search_sets import (
    HERE,
    Judged,
    Question,
    Ranked,
    check_labels,
    load_questions,
    mean_scores,
    score,
)
from ingest.records import Document, Facts
from search.model.adapter import adapter_tag
from search.rank.searcher import Searcher
from tests.conftest import SEEDS as SEED_FILES

__all__ = ["Store", "evaluate", "main", "open_store"]

ROOT = HERE.parent
# The five seed documents (000-004), as named in tests/conftest.py.
SEED_DOCS = tuple(path.stem for path in SEED_FILES.values())
MODES = ("bm25", "dense", "hybrid")
# Modules whose change makes an existing temp index unreadable (units.py changes are incremental).
_FORMAT_CODE = ("index/update.py", "index/bm25.py", "index/dense.py")


@dataclass
class Store:
    """One store of the eval: its documents, searcher, plain pipeline and judge."""

    name: str
    docs: list[Document]
    searcher: Searcher
    judged: Judged
    _plain: PlainPipeline | None = None

    @property
    def plain(self) -> PlainPipeline:
        if self._plain is None:
            self._plain = PlainPipeline(self.docs, self.searcher.encoder)
        return self._plain


def _parsed(folder: Path, stems: Sequence[str] | None = None) -> list[tuple[Document, Facts]]:
    import ingest

    docs = []
    for path in sorted(folder.glob("*.txt")):
        if stems is not None and path.stem not in stems:
            continue
        try:
            doc = ingest.parse_file(path)
        except ingest.UnusableInput as exc:  # as `dutygraph build` does: reported, skipped
            print(f"skipped: {exc}", file=sys.stderr)
            continue
        docs.append((doc, ingest.extract_facts(doc)))
    return docs


def _format_key() -> str:
    h = hashlib.sha1()
    for name in _FORMAT_CODE:
        h.update((ROOT / "search" / name).read_bytes())
    return h.hexdigest()[:10]


def open_store(name: str, folder: Path, stems: Sequence[str] | None = None) -> Store:
    """Parse the files, (re)build their temp index and load it."""
    from search import load_searcher, update_index

    docs = _parsed(folder, stems)
    tag = adapter_tag()  # with and without the e5 adapter: two stores, both kept
    lora = f"-lora{tag}" if tag else ""
    path = Path(tempfile.gettempdir()) / f"dutygraph-eval-{name}-{_format_key()}{lora}"
    info = update_index(path, docs, progress=False)
    print(
        f"{name}: {info.units} clause units from {info.documents} documents, "
        f"{info.encoded} encoded, model {info.model}",
        file=sys.stderr,
    )
    plain_docs = [d for d, _ in docs]
    return Store(name, plain_docs, load_searcher(path), Judged.of(plain_docs))


def _as_ranked(hits: Sequence) -> list[Ranked]:
    return [Ranked(h.doc_id, (h.clause_id,), h.text) for h in hits]


def evaluate(
    search: Callable[[str], list[Ranked]], questions: Sequence[Question], judged: Judged
) -> dict[str, float]:
    """Mean metrics of a search function (question -> ranked results) over questions."""
    return mean_scores([score(search(q.query), q.labels, judged) for q in questions])


def _runs(store: Store) -> dict[str, Callable[[str], list[Ranked]]]:
    s = store.searcher
    modes = MODES if s.dense is not None else ("bm25",)
    runs: dict[str, Callable[[str], list[Ranked]]] = {}
    for mode in modes:
        runs[mode] = partial(_ranked, s, mode)
    runs["plain"] = store.plain.search
    return runs


def _ranked(searcher: Searcher, mode: str, question: str) -> list[Ranked]:
    return _as_ranked(searcher.search(question, k=10, mode=mode))


def _table(rows: list[tuple[str, Store, list[Question]]]) -> None:
    print(f"{'set':<30}{'store':<9}{'mode':<8}{'nDCG@10':>9}{'ans@10':>8}{'MRR':>7}")
    for name, store, questions in rows:
        check_labels(questions, store.docs, store.judged)
        for mode, run in _runs(store).items():
            m = evaluate(run, questions, store.judged)
            print(
                f"{name:<30}{store.name:<9}{mode:<8}{m['ndcg']:>9.3f}{m['answered']:>8.3f}{m['mrr']:>7.3f}"
            )


def _split(questions: list[Question]) -> tuple[list[Question], list[Question]]:
    """(tuning, held-out): odd and even question numbers."""

    def number(q: Question) -> int:
        return int("".join(ch for ch in q.id if ch.isdigit()) or 0)

    return [q for q in questions if number(q) % 2], [q for q in questions if not number(q) % 2]


def _sets() -> list[tuple[str, str, list[Question]]]:
    """(name, store name, questions) of every row of the table."""
    own = load_questions("search_queries.jsonl")
    tune, held = _split(own)
    rows = [
        (f"own, all ({len(own)})", "corpus", own),
        (f"own, tuning half ({len(tune)})", "corpus", tune),
        (f"own, held-out half ({len(held)})", "corpus", held),
    ]
    every: list[Question] = []
    for label, file in {
        "dev": "dev_queries.jsonl",
        "seed n": "seed_queries.jsonl",
        "seed m": "seed_queries_more.jsonl",
        "seed b (blind)": "seed_queries_blind.jsonl",
    }.items():
        questions = load_questions(file)
        every += questions
        rows += [(f"{label} ({len(questions)})", s, questions) for s in ("corpus", "seeds")]
    rows += [(f"all seed questions ({len(every)})", s, every) for s in ("corpus", "seeds")]
    for label, file, store in (
        ("law dev", "law_queries_dev.jsonl", "corpus"),
        ("law blind", "law_queries_blind.jsonl", "corpus"),
        ("statutes, STARD", "statutes/questions.jsonl", "statutes"),
    ):
        questions = load_questions(file)
        rows.append((f"{label} ({len(questions)})", store, questions))
    return rows


_STORES = {
    "corpus": lambda: open_store("corpus", ROOT / "corpus"),
    "seeds": lambda: open_store("seeds", ROOT / "corpus", SEED_DOCS),
    "statutes": lambda: open_store("statutes", HERE / "statutes" / "laws"),
}


def main(only: Sequence[str] = ()) -> None:
    """Print the metrics table for every question set (or those whose name holds an ``only``)."""
    rows = [r for r in _sets() if not only or any(o in r[0] for o in only)]
    stores = {name: _STORES[name]() for name in dict.fromkeys(store for _, store, _ in rows)}
    _table([(name, stores[store], questions) for name, store, questions in rows])


def tune() -> None:
    """Grid search of fusion parameters on the tuning half and the law dev set only."""
    from search.rank.fusion import FusionParams

    corpus = open_store("corpus", ROOT / "corpus")
    sets = {
        "own tuning": _split(load_questions("search_queries.jsonl"))[0],
        "law dev": load_questions("law_queries_dev.jsonl"),
    }
    base = corpus.searcher.params
    results: list[tuple[float, float, float, str]] = []
    for method, alpha, depth in itertools.product(
        ("convex", "rrf"), (0.4, 0.5, 0.6, 0.7), (100, 300)
    ):
        if method == "rrf" and alpha != 0.5:
            continue
        params = replace(base, fusion=FusionParams(method=method, alpha=alpha, depth=depth))
        s = corpus.searcher.with_params(params)
        own, law = (
            evaluate(partial(_ranked, s, "hybrid"), qs, corpus.judged)["ndcg"]
            for qs in sets.values()
        )
        results.append(((own + law) / 2, own, law, f"{method} alpha={alpha} depth={depth}"))
    for mean, own, law, name in sorted(results, reverse=True)[:10]:
        print(f"mean {mean:.3f}  own {own:.3f}  law {law:.3f}  {name}")


if __name__ == "__main__":
    if "--tune" in sys.argv:
        tune()
    else:
        main([a for a in sys.argv[1:] if not a.startswith("-")])
