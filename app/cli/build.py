"""``dutygraph build``: a few lines over ``app.build``; the bar and the report on stderr."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from app.build import ProgressFn, build
from app.cluster import connect
from app.errors import UsageError
from ingest.errors import UnreadableFile

__all__ = ["run", "terminal_progress"]


def terminal_progress(quiet: bool) -> tuple[ProgressFn, list[tqdm]]:
    """A progress callback drawing a tqdm bar for ingestion and a line per later stage."""
    bars: list[tqdm] = []

    def progress(stage: str, done: int, total: int) -> None:
        if quiet:
            return
        if stage == "ingest":
            if done == 0 and total:
                bars.append(
                    tqdm(total=total, desc="ingest", unit="file", file=sys.stderr, disable=None)
                )
            elif bars:
                bars[-1].update(done - bars[-1].n)
                if done == total:
                    bars[-1].close()
        elif done == 0:
            print(f"dutygraph build: building {stage} …", file=sys.stderr)

    return progress, bars


def run(args: argparse.Namespace) -> int:
    """Build or update the store; failures are listed, the summary line always printed."""
    if str(args.store).startswith(("sparql+http://", "sparql+https://")):
        raise UnreadableFile(
            args.store, "build needs a local store directory (a remote SPARQL store is for queries)"
        )
    graph_store = getattr(args, "graph_store", None)
    if graph_store and graph_store != "local" and not graph_store.startswith("sparql+http"):
        raise UsageError(f"--graph-store {graph_store}: expected sparql+http(s)://… or local")
    progress, _ = terminal_progress(args.quiet)
    cluster = connect(getattr(args, "ray", None))
    try:
        report = build(
            [Path(p) for p in args.paths] or None,
            Path(args.store),
            progress=progress,
            stage_progress=not args.quiet and sys.stderr.isatty(),
            cluster=cluster,
            graph_store=graph_store,
        )
    finally:
        if cluster is not None:
            cluster.close()
    for source, reason in report.failed.items():
        print(f"dutygraph build: {source}: {reason} (skipped)", file=sys.stderr)
    for source, pages in report.skipped_pages.items():
        for page in pages:
            print(f"dutygraph build: {source}: {page}", file=sys.stderr)
    print(f"dutygraph build: {report.summary()} -> {args.store}", file=sys.stderr)
    return 0
