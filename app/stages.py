"""The stages after ingestion: the RDF graph, then the search indexes.

Each stage is a direct call into its package's front door (``graph.update_graph``,
``search.update_index``). A stage whose code changed, or that never finished, is
redone with every document; otherwise it gets only what changed. A stage that
raises stops the build with ``StageFailed`` (one line, exit 1): the manifest is
not written, so the last good build stays and the next build redoes the stage.
The graph stage is also redone in full when the graph moves (``--graph-store``);
``encoder`` (a cluster's model actors, made only if the search stage runs)
replaces the local model.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.errors import StageFailed
from graph import GraphUpdate, update_graph
from ingest.records import Document, Facts
from search import IndexUpdate, update_index
from search.model.encoder import Encoder

__all__ = ["STAGES", "run_stages"]

Pair = tuple[Document, Facts]
STAGES = ("graph", "search")  # in order; each name is also the stage's subdir of the store


def _run(
    name: str,
    store_dir: Path,
    docs: Callable[[], list[Pair]],
    changed: list[Pair],
    removed: list[str],
    full: bool,
    stage_progress: bool,
    graph_store: str | None,
    encoder: Callable[[], Encoder | None] | None,
) -> GraphUpdate | IndexUpdate:
    """One stage: the graph takes what changed (or all), search always takes every document."""
    if name == "graph":
        if graph_store is not None:
            return update_graph(
                store_dir, docs() if full else changed, removed, graph_store=graph_store
            )
        return update_graph(store_dir, docs() if full else changed, removed)
    if encoder is not None:
        return update_index(store_dir, docs(), progress=stage_progress, encoder=encoder())
    return update_index(store_dir, docs(), progress=stage_progress)


def run_stages(
    store_dir: Path,
    previous: dict[str, dict[str, Any]],
    code: dict[str, str],
    *,
    changed: Sequence[Pair],
    removed: Sequence[str],
    load_all: Callable[[], list[Pair]],
    progress: Callable[[str, int, int], None] | None = None,
    stage_progress: bool = False,
    graph_store: str | None = None,
    encoder: Callable[[], Encoder | None] | None = None,
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Run the stages that need it: (state for the manifest, stage -> built/unchanged)."""
    state: dict[str, dict[str, Any]] = {}
    summary: dict[str, str] = {}
    every: list[Pair] | None = None

    def docs() -> list[Pair]:
        nonlocal every
        every = every if every is not None else load_all()
        return every

    for name in STAGES:
        prev = previous.get(name, {})
        moved = name == "graph" and (prev.get("result") or {}).get("store") != graph_store
        full = (
            prev.get("status") != "ok"
            or prev.get("code") != code[name]
            or not (store_dir / name).exists()
            or moved
        )
        if not full and not changed and not removed:
            state[name], summary[name] = prev, "unchanged"
            continue
        if progress:
            progress(name, 0, 1)
        t0 = time.perf_counter()
        try:
            result = _run(
                name,
                store_dir,
                docs,
                list(changed),
                list(removed),
                full,
                stage_progress,
                graph_store,
                encoder,
            )
        except Exception as exc:  # any failure of a stage ends the build, with its reason
            raise StageFailed(f"{name} stage failed: {type(exc).__name__}: {exc}") from exc
        if progress:
            progress(name, 1, 1)
        seconds = round(time.perf_counter() - t0, 3)
        state[name] = {
            "status": "ok",
            "code": code[name],
            "result": result.as_json(),
            "seconds": seconds,
        }
        summary[name] = "built"
    return state, summary
