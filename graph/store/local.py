"""Where the graph lives: an embedded pyoxigraph store on disk, or a remote SPARQL 1.1 endpoint.

Both backends speak the same small interface (``select``/``sparql`` for
reading, ``writer()`` for replacing named graphs), so every query and command
runs unchanged against ``--store DIR`` and ``--store sparql+http://…``.

Local atomicity: the store is a series of generations ``graph/gen-NNNNNN``
and a one-line pointer file ``graph/CURRENT``. A writer checkpoints the current
generation into a new one (``Store.backup``: hard links, cheap), changes that,
and only then replaces the pointer with ``os.replace``. A crash or Ctrl-C
before that leaves the pointer, and so the last good store, untouched.
Remote: each document's graph is replaced by one SPARQL UPDATE request
(``DROP SILENT GRAPH`` + ``INSERT DATA``), which servers apply atomically.
Queries rely on the union of all graphs as default graph (pyoxigraph option;
Oxigraph server ``--union-default-graph``, GraphDB by default, Fuseki
``unionDefaultGraph``).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from graph.errors import QueryRefused, StoreMissing
from graph.rdf.terms import (
    is_update,
    serialize,
    solution_rows,
    to_ox,
    to_rdflib,
)
from graph.store.remote import RemoteStore, read_endpoint

__all__ = ["LocalStore", "RemoteStore", "is_update", "open_store", "serialize", "to_rdflib"]

_POINTER = "CURRENT"


class LocalStore:
    """A pyoxigraph store under ``root`` with generation directories and a pointer file."""

    def __init__(self, root: Path, create: bool = False) -> None:
        self.root = Path(root)
        self._reader: ox.Store | None = None
        self._opened: Path | None = None
        if not create and not (self.root / _POINTER).is_file():
            raise StoreMissing(f"{self.root}: no graph store; run `dutygraph build` first")

    def _current(self) -> Path | None:
        try:
            name = (self.root / _POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return self.root / name if name else None

    @property
    def store(self) -> ox.Store:
        """The current generation, opened read-only; reopened when a build moved the pointer
        (a long-running app keeps answering from the newest good store)."""
        gen = self._current()
        if self._reader is None or gen != self._opened:
            if gen is None or not gen.is_dir():
                raise StoreMissing(f"{self.root}: no graph store; run `dutygraph build` first")
            self._reader, self._opened = ox.Store.read_only(str(gen)), gen
        return self._reader

    def sparql(self, query: str) -> dict:
        """A read-only query; SPARQL JSON results (CONSTRUCT: N-Triples text)."""
        if is_update(query):
            raise QueryRefused("the graph is read-only here: UPDATE queries are refused")
        try:
            res = self.store.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryRefused(f"malformed SPARQL query: {exc}") from None
        if isinstance(res, ox.QueryTriples):
            data = ox.serialize(res, format=ox.RdfFormat.N_TRIPLES) or b""
            return {"format": "application/n-triples", "data": data.decode("utf-8")}
        return json.loads(res.serialize(format=ox.QueryResultsFormat.JSON) or b"{}")

    def select(self, query: str) -> list[dict[str, str]]:
        """Rows of plain strings, read straight from the solutions (no JSON round trip)."""
        if is_update(query):
            raise QueryRefused("the graph is read-only here: UPDATE queries are refused")
        try:
            return solution_rows(self.store.query(query, use_default_graph_as_union=True))
        except SyntaxError as exc:
            raise QueryRefused(f"malformed SPARQL query: {exc}") from None

    def triples(self) -> Graph:
        """Every triple of every graph, as one rdflib Graph."""
        return to_rdflib(self.store.quads_for_pattern(None, None, None, None))

    def export(self, fmt: ox.RdfFormat, prefixes: dict[str, str]) -> str:
        return serialize(self.store.quads_for_pattern(None, None, None, None), fmt, prefixes)

    def size(self) -> int:
        return len(self.store)

    def exists(self) -> bool:
        return (self.root / _POINTER).is_file()

    @contextmanager
    def writer(self) -> Iterator[_LocalWriter]:
        """A new generation: committed by replacing the pointer, discarded on any error.

        One writer at a time (an exclusive ``flock`` on ``graph/LOCK``); readers
        never wait: they keep the generation they opened.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "LOCK", "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            with self._write() as w:
                yield w

    @contextmanager
    def _write(self) -> Iterator[_LocalWriter]:
        old = self._current()
        gens = sorted(p.name for p in self.root.glob("gen-*"))
        number = int(gens[-1].split("-")[1]) + 1 if gens else 1
        new = self.root / f"gen-{number:06d}"
        shutil.rmtree(new, ignore_errors=True)
        if old is not None and old.is_dir():
            ox.Store.read_only(str(old)).backup(str(new))
        w = _LocalWriter(ox.Store(str(new)))
        try:
            yield w
            w.flush()
            w.store.flush()
            del w.store
            tmp = self.root / f"{_POINTER}.tmp"
            tmp.write_text(new.name + "\n", encoding="utf-8")
            os.replace(tmp, self.root / _POINTER)
        except BaseException:
            w.__dict__.pop("store", None)
            shutil.rmtree(new, ignore_errors=True)
            raise
        self._reader = None
        keep = {new.name, old.name if old is not None else ""}  # readers may still hold old
        for p in self.root.glob("gen-*"):
            if p.name not in keep:
                shutil.rmtree(p, ignore_errors=True)


class _LocalWriter:
    """Buffers quads and loads them in large ``bulk_extend`` batches (a call costs)."""

    BATCH = 200_000

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.buffer: list[ox.Quad] = []
        self.buffered: set[ox.NamedNode] = set()  # graphs with quads in the buffer

    def flush(self) -> None:
        if self.buffer:
            self.store.bulk_extend(self.buffer)
            self.buffer, self.buffered = [], set()

    def select(self, query: str) -> list[dict[str, str]]:
        """Read the generation being written (links are derived from it)."""
        self.flush()
        return solution_rows(self.store.query(query, use_default_graph_as_union=True))

    def put(self, name: URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        """Replace the named graph ``name`` by ``triples`` (an rdflib Graph or a set)."""
        target = ox.NamedNode(str(name))
        self.drop(name)
        self.buffer.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), target) for s, p, o in triples)
        self.buffered.add(target)
        if len(self.buffer) >= self.BATCH:
            self.flush()

    def drop(self, name: URIRef) -> None:
        target = ox.NamedNode(str(name))
        if target in self.buffered:
            self.buffer = [q for q in self.buffer if q.graph_name != target]
            self.buffered.discard(target)
        if self.store.contains_named_graph(target):
            self.store.remove_graph(target)


def open_store(store: str | Path, create: bool = False) -> LocalStore | RemoteStore:
    """``sparql+http(s)://…`` -> RemoteStore; else the ``graph/`` dir of a local store,
    or, to read, the server its ``graph/ENDPOINT`` names (a build put the graph there)."""
    text = re.sub(r"^(sparql\+https?):/(?!/)", r"\1://", str(store))  # Path() ate a slash
    if text.startswith(("sparql+http://", "sparql+https://")):
        return RemoteStore(text)
    endpoint = None if create else read_endpoint(Path(text) / "graph")
    if endpoint:
        return RemoteStore(endpoint)
    return LocalStore(Path(text) / "graph", create=create)
