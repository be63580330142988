"""``dutygraph build`` on the bundled corpus: a cold build, a no-op rebuild, one changed file.

Figures: documents, clauses, seconds per stage (ingest, graph, search with its
encoding time), the rebuild that must do no work, the one-file update, peak RSS.
Uses the real embedding model when it can be loaded (as ``make run`` would).
A stage whose code changed since the last build is redone in full, so run it on
a quiet tree: while files are being edited the "no-op" figure includes that.
"""

from __future__ import annotations

import resource
import shutil
import tempfile
import time
from pathlib import Path

from app.build import DEFAULT_CORPUS, BuildReport, build
from app.store_files import require_store

__all__ = ["main"]


def _line(label: str, report: BuildReport, wall: float) -> str:
    stages = " ".join(f"{k}={v:.2f}s" for k, v in report.timings.items())
    return (
        f"{label:<22} {wall:7.2f} s  docs={report.documents} clauses={report.clauses} "
        f"new={len(report.new)} changed={len(report.changed)} "
        f"unchanged={len(report.unchanged)}  {stages}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="dg-bench-build-") as tmp:
        corpus, store = Path(tmp) / "corpus", Path(tmp) / "store"
        shutil.copytree(DEFAULT_CORPUS, corpus)
        runs = []
        for label in ("cold build", "no-op rebuild", "one file changed"):
            if label == "one file changed":
                # one clause of one file changes wording: re-parse it, re-encode that clause
                files = sorted(corpus.glob("*.txt"))
                victim = next(f for f in files if "每季度" in f.read_text("utf-8"))
                text = victim.read_text("utf-8").replace("每季度", "每月", 1)
                victim.write_text(text, encoding="utf-8")
            t0 = time.perf_counter()
            report = build([corpus], store)
            runs.append((label, report, time.perf_counter() - t0))
        for label, report, wall in runs:
            print(_line(label, report, wall))
        search = require_store(store)["stages"].get("search", {}).get("result") or {}
        if "encode_seconds" in search:
            print(
                f"search index (last run): encoded={search.get('encoded')} "
                f"reused={search.get('reused')} encode={search['encode_seconds']:.2f}s "
                f"build={search.get('build_seconds', 0):.2f}s model={search.get('model')}"
            )
        size = sum(f.stat().st_size for f in store.rglob("*") if f.is_file())
        print(f"store size {size / 1e6:.1f} MB")
        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
