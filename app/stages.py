"""The stages after ingestion: the RDF graph and the search indexes.

Each stage is reached through its package's front door (``graph.update_graph``,
``search.update_index``) and looked up by name, so a build still works while a
package is being written: the stage is reported ``unavailable`` and retried in
full by the next build. A stage whose code changed, or that never finished, is
redone with every document; otherwise it gets only what changed.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["STAGES", "front_door", "run_stages"]

# stage name (= its subdir of the store and its package) -> front-door function
STAGES: dict[str, str] = {"graph": "update_graph", "search": "update_index"}


def front_door(package: str, attr: str) -> tuple[Callable[..., Any] | None, str]:
    """The function, or None with the reason it is not there yet."""
    try:
        module = importlib.import_module(package)
    except ImportError as exc:
        return None, f"unavailable ({package}: {exc})"
    fn = getattr(module, attr, None)
    return fn, "" if fn else f"unavailable (no {package}.{attr} yet)"


def run_stages(
    store_dir: Path,
    previous: dict[str, dict[str, Any]],
    code: dict[str, str],
    *,
    changed: Sequence[tuple[Any, Any]],
    removed: Sequence[str],
    load_all: Callable[[], list[tuple[Any, Any]]],
    progress: Callable[[str, int, int], None] | None = None,
    stage_progress: bool = False,
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Run the stages that need it: (state for the manifest, stage -> built/unchanged/…)."""
    state: dict[str, dict[str, Any]] = {}
    summary: dict[str, str] = {}
    every: list[tuple[Any, Any]] | None = None
    for name, attr in STAGES.items():
        prev = previous.get(name, {})
        full = (
            prev.get("status") != "ok"
            or prev.get("code") != code[name]
            or not (store_dir / name).exists()
        )
        if not full and not changed and not removed:
            state[name], summary[name] = prev, "unchanged"
            continue
        fn, why = front_door(name, attr)
        if fn is None:
            state[name], summary[name] = {"status": "missing", "reason": why}, why
            continue
        if progress:
            progress(name, 0, 1)
        t0 = time.perf_counter()
        if name == "graph":
            result = fn(store_dir, list(load_all() if full else changed), list(removed))
        else:
            every = every if every is not None else load_all()
            result = fn(store_dir, every, progress=stage_progress)
        if progress:
            progress(name, 1, 1)
        seconds = round(time.perf_counter() - t0, 3)
        state[name] = {"status": "ok", "code": code[name], "result": result, "seconds": seconds}
        summary[name] = "built"
    return state, summary
