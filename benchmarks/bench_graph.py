"""Graph benchmark: store backends on corpus/, then a 1,000-document store.

``python -m benchmarks bench_graph`` (or ``make bench``). Prints, for corpus/:
load time and a duty-lookup time for pyoxigraph (the store used), oxrdflib and
rdflib's in-memory store, and the SHACL validation time; then for N varied
copies (``DUTYGRAPH_BENCH_DOCS``, default 1000, made by ``make_corpus``):
parse+extract time, graph build time, triples, store size, peak memory, and
SPARQL duty lookup p50/p95 (target p50 < 20 ms).
"""

from __future__ import annotations

import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
TARGET_P50_MS = 20.0
ROLES = (
    "党委主要负责人",
    "政府主要负责人",
    "政府分管安全生产负责人",
    "部门主要负责人",
    "企业主要负责人",
)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def _ingest(paths: list[Path]) -> list:
    from ingest import extract_facts, parse_file

    return [(d, extract_facts(d)) for d in (parse_file(p) for p in paths)]


def _rdflib_select(ds):
    def select(q: str) -> list[dict[str, str]]:
        res = ds.query(q)
        return [{str(k): str(v) for k, v in row.asdict().items()} for row in res]

    return select


def _median_ms(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _backends(docs: list) -> None:
    """Load the same quads into each store; time the load and a duty lookup on each."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from graph import open_graph, update_graph
    from graph.query.duties import duties
    from graph.rdf import iris
    from graph.rdf.document_graph import document_triples
    from graph.rdf.terms import to_ox as _ox

    graphs = [(iris.doc_graph(d.doc_id), document_triples(d, f)) for d, f in docs]
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = ox.Store(tmp)
        store.bulk_extend(
            ox.Quad(_ox(s), _ox(p), _ox(o), ox.NamedNode(str(g)))
            for g, ts in graphs
            for s, p, o in ts
        )
        store.flush()
        load_s = time.perf_counter() - t0
        del store
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        update_graph(Path(tmp), docs, [], validate_shapes=False)
        full_s = time.perf_counter() - t0
        gs = open_graph(tmp)
        ms = _median_ms(lambda: gs.duties("党委主要负责人", level="township"))
        t0 = time.perf_counter()
        report = gs.validate()
        val_s = time.perf_counter() - t0
        triples = gs.size()
    print(
        f"  pyoxigraph on disk (used): load {load_s:6.2f} s, lookup {ms:8.1f} ms "
        f"(full update_graph with links {full_s:.2f} s)"
    )
    import oxrdflib

    with tempfile.TemporaryDirectory() as tmp:
        stores = (
            ("oxrdflib on disk", lambda: oxrdflib.OxigraphStore(store=ox.Store(tmp))),
            ("oxrdflib in memory", lambda: "Oxigraph"),
            ("rdflib in memory", lambda: "default"),
        )
        for name, make in stores:
            t0 = time.perf_counter()
            ds = Dataset(store=make(), default_union=True)
            for g, ts in graphs:
                ng = ds.graph(g)
                for t in ts:
                    ng.add(t)
            load_s = time.perf_counter() - t0
            select = _rdflib_select(ds)
            runs = 1 if name.startswith("rdflib") else 5
            ms = _median_ms(lambda s=select: duties(s, "党委主要负责人", level="township"), runs)
            print(f"  {name:25s}: load {load_s:6.2f} s, lookup {ms:8.1f} ms")
            del ds
    print(
        f"  triples {triples:,}; SHACL validation of the whole store {val_s:.1f} s, "
        f"{report.violations} violations"
    )


def _large(n: int) -> None:
    from benchmarks.make_corpus import make_corpus
    from graph import open_graph, update_graph

    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp) / "corpus", n)
        t0 = time.perf_counter()
        docs = _ingest(paths)
        ingest_s = time.perf_counter() - t0
        rss0 = _rss_mb()
        store = Path(tmp) / "store"
        t0 = time.perf_counter()
        update_graph(store, docs, [], validate_shapes=False)
        build_s = time.perf_counter() - t0
        gs = open_graph(store)
        triples, size = gs.size(), _dir_mb(store / "graph")
        # regions whose documents give the role duties, so a lookup finds something
        regions = sorted({d.region for d, f in docs if d.region and f.duties})
        # the target is the user's lookup: one role in one region (a township secretary's
        # question); a whole level returns thousands of duties and is shown for scale
        times: dict[str, list[float]] = {"role+region": [], "role+level": [], "compare(2 docs)": []}
        for i in range(60):
            role = ROLES[i % len(ROLES)]
            for kind in times:
                t0 = time.perf_counter()
                if kind == "role+region":
                    gs.duties(role, region=regions[i % len(regions)])
                elif kind == "role+level":
                    gs.duties(role, level="township")
                else:
                    pair = [docs[i % n][0].doc_id, docs[(i + 7) % n][0].doc_id]
                    gs.compare(role, docs=pair)
                times[kind].append((time.perf_counter() - t0) * 1000)
    print(
        f"{n} varied copies: parse+extract {ingest_s:.1f} s; graph build {build_s:.1f} s "
        f"({n / build_s:.0f} docs/s); {triples:,} triples; store {size:.0f} MB; "
        f"peak RSS {_rss_mb():.0f} MB (before build {rss0:.0f} MB)"
    )
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for kind, ms in times.items():
        p50, p95 = statistics.median(ms), statistics.quantiles(ms, n=20)[-1]
        verdict = ""
        if kind == "role+region":
            verdict = "ok" if p50 < TARGET_P50_MS else f"ABOVE {TARGET_P50_MS:.0f} ms"
        print(f"  duty lookup {kind:16s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {verdict}")


def main() -> None:
    """Print the graph benchmark figures."""
    paths = sorted((ROOT / "corpus").glob("*.txt"))
    docs = _ingest(paths)
    print(f"graph benchmark: corpus/ ({len(docs)} documents)")
    _backends(docs)
    _large(int(os.environ.get("DUTYGRAPH_BENCH_DOCS", "1000")))


if __name__ == "__main__":
    main()
