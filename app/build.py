"""The build orchestrator: files -> documents and facts -> graph -> search indexes.

Incremental by content: the manifest keeps each file's sha256 and a fingerprint
of the code of every stage, so an unchanged corpus costs one hash per file, a
changed file is re-parsed alone, and a stage whose code changed is redone in
full. Stages are told only what changed (graph) or given every document and
left to re-encode what changed (search). A file that fails is reported and
skipped. The manifest is written last: a crash leaves the last good build.

``cluster`` (``app.cluster``, ``--ray``) moves parsing and encoding onto a Ray
cluster and changes nothing else; ``graph_store`` (``--graph-store``) puts the
graph on a SPARQL server, recorded in the manifest so later builds keep writing
there (``local`` brings it back).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import store_files as store
from app.cluster import Cluster
from app.stages import run_stages
from ingest import extract_facts, parse_file, to_json
from ingest.errors import IngestError, UnreadableFile, UnusableInput
from ingest.records import Document, Facts

__all__ = [
    "DEFAULT_CORPUS",
    "BuildReport",
    "ProgressFn",
    "build",
    "collect_inputs",
    "ingest_one",
]

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PARALLEL_FROM = 32  # below this many files to parse, worker start-up costs more than it saves

# (stage, done, total): lets the CLI draw tqdm and the app draw st.progress.
ProgressFn = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    """What one build did; ``summary()`` is the line printed on stderr."""

    documents: int = 0
    clauses: int = 0
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # source -> reason
    skipped_pages: dict[str, list[str]] = field(default_factory=dict)  # source -> "page 3: why"
    stages: dict[str, str] = field(default_factory=dict)  # stage -> built/unchanged/unavailable
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # ingest/graph/search seconds

    @property
    def did_work(self) -> bool:
        return bool(self.new or self.changed or self.removed) or any(
            s == "built" for s in self.stages.values()
        )

    def summary(self) -> str:
        stages = ", ".join(f"{k} {v}" for k, v in self.stages.items())
        return (
            f"{self.documents} documents, {self.clauses} clauses: {len(self.new)} new, "
            f"{len(self.changed)} changed, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.failed)} failed in {self.seconds:.1f} s"
            + (f" ({stages})" if stages else "")
        )


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """Every supported file under the paths, sorted; a missing path is a usage error."""
    found: dict[Path, None] = {}
    for p in paths:
        p = Path(p)
        if p.is_file():
            found[p.resolve()] = None
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                hidden = any(part.startswith(".") for part in f.relative_to(p).parts)
                if f.is_file() and not hidden and f.suffix.lower() in store.SUPPORTED_SUFFIXES:
                    found[f.resolve()] = None
        else:
            raise UnreadableFile(p, "no such file or directory")
    return list(found)


def code_fingerprint(package: str) -> str:
    """A hash of a package's code and data, so a changed parser rebuilds what it made."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return "absent"
    root = Path(next(iter(spec.submodule_search_locations)))
    h = hashlib.sha256()
    for f in sorted(root.rglob("*")):
        if f.is_file() and f.suffix in {".py", ".ttl", ".tsv", ".txt", ".json", ".toml"}:
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def ingest_one(path: Path) -> tuple[Document, Facts] | str:
    """Parse and extract one file; the reason as a string when it cannot be used."""
    try:
        doc = parse_file(path)
        return doc, extract_facts(doc)
    except IngestError as exc:
        return exc.reason
    except Exception as exc:  # a parser bug on one file must not stop a corpus build
        return f"internal error {type(exc).__name__}: {exc}"


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise UnreadableFile(path, exc.strerror or str(exc)) from exc


def build(
    paths: Sequence[Path] | None,
    store_dir: Path,
    *,
    progress: ProgressFn | None = None,
    stage_progress: bool = False,
    workers: int | None = None,
    cluster: Cluster | None = None,
    graph_store: str | None = None,
) -> BuildReport:
    """Bring the store in line with the files under ``paths`` (default: the bundled corpus).

    ``graph_store``: a ``sparql+http://`` URL for the graph, ``local``, or None for
    wherever the last build put it."""
    t0 = time.perf_counter()
    store_dir = Path(store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    old = store.read_manifest(store_dir) or {}
    code = {p: code_fingerprint(p) for p in ("ingest", "graph", "search")}
    fresh = old.get("code", {}).get("ingest") == code["ingest"]
    old_docs: dict[str, dict[str, Any]] = old.get("documents", {})
    old_failed: dict[str, dict[str, str]] = old.get("failed", {}) if fresh else {}
    by_source = {v["source"]: k for k, v in old_docs.items()}
    if graph_store is None:
        graph_store = old.get("graph_store")
    elif graph_store == "local":
        graph_store = None

    files = collect_inputs(list(paths or [DEFAULT_CORPUS]))
    uploads = store.uploads_dir(store_dir)
    if uploads.is_dir():
        files += [f for f in collect_inputs([uploads]) if f not in files]
    report = BuildReport()
    entries: dict[str, dict[str, Any]] = {}
    failed: dict[str, dict[str, str]] = {}
    todo: list[tuple[Path, str]] = []
    for f in files:
        src = str(f)
        try:
            sha = _sha256(f)
        except UnreadableFile as exc:  # one unreadable file is a failure, not the end
            failed[src] = {"sha256": "", "reason": exc.reason}
            continue
        prev = by_source.get(src)
        if (
            fresh
            and prev
            and old_docs[prev]["sha256"] == sha
            and store.doc_path(store_dir, prev).exists()
        ):
            entries[prev] = old_docs[prev]
            report.unchanged.append(prev)
        elif src in old_failed and old_failed[src]["sha256"] == sha:
            failed[src] = old_failed[src]  # failed before, unchanged since: do not retry
        else:
            todo.append((f, sha))

    parsed: list[tuple[Document, Facts]] = []
    t_ingest = time.perf_counter()
    results = _ingest_all([f for f, _ in todo], progress, workers, cluster)
    for (f, sha), result in zip(todo, results, strict=True):
        src = str(f)
        if isinstance(result, str):
            failed[src] = {"sha256": sha, "reason": result}
            continue
        doc, facts = result
        if doc.doc_id in entries:
            reason = f"document id {doc.doc_id} already used by {entries[doc.doc_id]['source']}"
            failed[src] = {"sha256": sha, "reason": reason}
            continue
        store.save_doc(store_dir, to_json(doc, facts))
        entries[doc.doc_id] = {
            "source": src,
            "sha256": sha,
            "title": doc.title,
            "level": doc.level,
            "region": doc.region,
            "status": doc.status,
            "clauses": len(doc.clauses),
        }
        parsed.append((doc, facts))
        if doc.skipped_pages:  # a scan's page OCR could not read: built without it, and said
            report.skipped_pages[src] = [f"page {p.page}: {p.reason}" for p in doc.skipped_pages]
        was = by_source.get(src) == doc.doc_id or doc.doc_id in old_docs
        (report.changed if was else report.new).append(doc.doc_id)

    report.timings["ingest"] = round(time.perf_counter() - t_ingest, 3)
    report.removed = [d for d in old_docs if d not in entries]
    report.failed = {src: v["reason"] for src, v in failed.items()}
    if not entries:
        where = ", ".join(str(p) for p in paths or [DEFAULT_CORPUS])
        raise UnusableInput(where, f"none of the {len(files)} files could be built")

    stage_state, report.stages = run_stages(
        store_dir,
        old.get("stages", {}),
        code,
        changed=parsed,
        removed=report.removed,
        load_all=lambda: _all_docs(store_dir, entries, parsed),
        progress=progress,
        stage_progress=stage_progress,
        graph_store=graph_store,
        encoder=cluster.encoder if cluster is not None else None,
    )
    inputs = [str(Path(p).resolve()) for p in paths or [DEFAULT_CORPUS]]
    manifest = {
        "inputs": inputs,
        "code": code,
        "documents": entries,
        "failed": failed,
        "stages": stage_state,
        "graph_store": graph_store,  # None: the graph is in graph/ here
    }
    if report.did_work or manifest != {k: old.get(k) for k in manifest}:
        manifest["build_id"] = f"{time.time_ns():x}"
        store.write_manifest(store_dir, manifest)
        for stale in (store_dir / "docs").glob("*.json"):
            if stale.stem not in entries:
                stale.unlink(missing_ok=True)
    for name, state in stage_state.items():
        if report.stages.get(name) == "built":
            report.timings[name] = state.get("seconds", 0.0)
    report.documents = len(entries)
    report.clauses = sum(e["clauses"] for e in entries.values())
    report.seconds = time.perf_counter() - t0
    return report


def _ingest_all(
    files: list[Path], progress: ProgressFn | None, workers: int | None, cluster: Cluster | None
) -> Iterable[tuple[Document, Facts] | str]:
    """Parse files in order: on the cluster, in worker processes when there are many, or here."""
    n = len(files)
    if progress:
        progress("ingest", 0, n)
    if cluster is not None and files:
        yield from cluster.ingest(files, lambda i: progress("ingest", i, n) if progress else None)
        return
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    if workers > 1 and n >= PARALLEL_FROM:
        with ProcessPoolExecutor(workers) as pool:
            for i, result in enumerate(pool.map(ingest_one, files, chunksize=8), 1):
                if progress:
                    progress("ingest", i, n)
                yield result
        return
    for i, f in enumerate(files, 1):
        result = ingest_one(f)
        if progress:
            progress("ingest", i, n)
        yield result


def _all_docs(
    store_dir: Path, entries: dict[str, dict[str, Any]], parsed: list[tuple[Document, Facts]]
) -> list[tuple[Document, Facts]]:
    """Every current document: the freshly parsed ones and the rest from the docs cache."""
    fresh = {doc.doc_id: (doc, facts) for doc, facts in parsed}
    return [fresh.get(d) or store.load_doc(store_dir, d) for d in entries]
