"""A remote SPARQL 1.1 endpoint as a graph store: ``sparql+http://host:port/…``.

Reads with the SPARQL protocol (POST ``application/sparql-query``). Writes are
batched: a named graph the server already has is replaced by ``DROP SILENT GRAPH``
+ ``INSERT DATA`` inside one UPDATE request that carries several graphs (servers
apply a request atomically, so each graph is replaced whole or not at all); a graph
the server does not have yet is added with the Graph Store Protocol (N-Quads POSTed
to Oxigraph's ``/store``), through the server's bulk loader (``?no_transaction``)
when a build writes many documents. Every request has a bounded timeout and is
retried with backoff on connection errors and 5xx/429 answers (all writes here are
idempotent: a replace or a set union).

A local store whose graph lives on a server says so in ``graph/ENDPOINT`` (one line,
the URL), so every command given ``--store DIR`` reads the graph from there.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from graph.errors import GraphError, QueryRefused, StoreMissing
from graph.rdf.terms import is_update, plain_rows, query_form, serialize, to_ox

__all__ = ["ENDPOINT_FILE", "RemoteStore", "read_endpoint", "write_endpoint"]

_TIMEOUT = 60.0  # seconds for one remote request: bounded, never hang a command
_ATTEMPTS = 4  # tries of one request; waits 0.5, 1, 2 s between them
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
BATCH_TRIPLES = 50_000  # triples per write request (~8 MB: far below servers' body limits)
ENDPOINT_FILE = "ENDPOINT"


def read_endpoint(graph_dir: Path) -> str | None:
    """The URL a store's graph lives at, when it is on a server."""
    try:
        return (Path(graph_dir) / ENDPOINT_FILE).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def write_endpoint(graph_dir: Path, url: str | None) -> None:
    """Point a local store's graph at ``url`` (None: the graph is local again)."""
    path = Path(graph_dir) / ENDPOINT_FILE
    if url is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(url + "\n", encoding="utf-8")
    tmp.replace(path)


class RemoteStore:
    """A SPARQL 1.1 endpoint: ``sparql+http://host:port/path``.

    No path or ``/query`` -> Oxigraph's ``/query``, ``/update`` and ``/store``; any
    other path serves queries and updates (Fuseki ``/ds``) and gets no bulk path.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        base = url.removeprefix("sparql+")
        parts = urllib.parse.urlsplit(base)
        path = parts.path.rstrip("/")
        self.store_url: str | None = None
        if path in ("", "/query"):
            q, u = "/query", "/update"
            self.store_url = urllib.parse.urlunsplit(parts._replace(path="/store"))
        elif path.endswith("/query"):
            q, u = path, path[: -len("query")] + "update"
        else:
            q = u = path
        self.query_url = urllib.parse.urlunsplit(parts._replace(path=q))
        self.update_url = urllib.parse.urlunsplit(parts._replace(path=u))

    def _post(self, url: str, body: str, ctype: str, accept: str) -> bytes:
        data = body.encode("utf-8")
        headers = {"Content-Type": f"{ctype}; charset=utf-8", "Accept": accept}
        for attempt in range(_ATTEMPTS):
            req = urllib.request.Request(url, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(req, timeout=_TIMEOUT) as resp:
                    return resp.read()
            except urllib.error.HTTPError as exc:
                if exc.code in _RETRY_STATUS and attempt + 1 < _ATTEMPTS:
                    time.sleep(0.5 * 2**attempt)
                    continue
                detail = exc.read().decode("utf-8", "replace").strip().splitlines()[:1]
                cls = QueryRefused if exc.code == 400 else GraphError
                raise cls(f"{url}: HTTP {exc.code} {' '.join(detail)}") from None
            except (urllib.error.URLError, OSError) as exc:
                if attempt + 1 < _ATTEMPTS:
                    time.sleep(0.5 * 2**attempt)
                    continue
                raise StoreMissing(f"{url}: SPARQL endpoint unreachable ({exc})") from None
        raise AssertionError("unreachable")

    def sparql(self, query: str) -> dict:
        if is_update(query):
            raise QueryRefused("the graph is read-only here: UPDATE queries are refused")
        if query_form(query) in ("CONSTRUCT", "DESCRIBE"):
            nt = "application/n-triples"
            data = self._post(self.query_url, query, "application/sparql-query", nt)
            return {"format": "application/n-triples", "data": data.decode("utf-8")}
        data = self._post(
            self.query_url, query, "application/sparql-query", "application/sparql-results+json"
        )
        return json.loads(data)

    def select(self, query: str) -> list[dict[str, str]]:
        return plain_rows(self.sparql(query))

    def _all(self) -> str:
        return self.sparql("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")["data"]

    def triples(self) -> Graph:
        return Graph().parse(data=self._all(), format="nt")

    def export(self, fmt: ox.RdfFormat, prefixes: dict[str, str]) -> str:
        return serialize(ox.parse(self._all(), format=ox.RdfFormat.N_TRIPLES), fmt, prefixes)

    def exists(self) -> bool:
        return True

    def size(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def graphs(self) -> set[str]:
        """The names of the server's named graphs."""
        return {r["g"] for r in self.select("SELECT ?g WHERE { GRAPH ?g { } }") if "g" in r}

    @contextmanager
    def writer(self, bulk: bool = False) -> Iterator[_RemoteWriter]:
        """Batched writes, sent when a batch is full, before a read and at the end.

        ``bulk``: graphs new to the server go through its bulk loader (many documents)."""
        w = _RemoteWriter(self, bulk)
        yield w
        w.flush()


class _RemoteWriter:
    def __init__(self, remote: RemoteStore, bulk: bool) -> None:
        self.remote = remote
        self.bulk = bulk
        self.known: set[str] | None = None  # graphs on the server (asked once)
        self.updates: list[str] = []  # UPDATE operations waiting
        self.quads: list[str] = []  # N-Quads text of new graphs waiting
        self.pending = 0  # triples waiting
        self.requests = 0  # write requests sent (reported by the build)

    def select(self, query: str) -> list[dict[str, str]]:
        self.flush()
        return self.remote.select(query)

    def flush(self) -> None:
        if self.updates:
            self._send(
                self.remote.update_url, " ;\n".join(self.updates), "application/sparql-update"
            )
        if self.quads and self.remote.store_url:
            url = self.remote.store_url + ("?no_transaction" if self.bulk else "")
            self._send(url, "".join(self.quads), "application/n-quads")
        self.updates, self.quads, self.pending = [], [], 0

    def _send(self, url: str, body: str, ctype: str) -> None:
        self.remote._post(url, body, ctype, "*/*")
        self.requests += 1

    def _is_new(self, name: str) -> bool:
        if self.remote.store_url is None:
            return False
        if self.known is None:
            self.known = self.remote.graphs()
        return name not in self.known

    def put(self, name: URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        """Replace the named graph ``name`` by ``triples``."""
        target = ox.NamedNode(str(name))
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), target) for s, p, o in triples]
        if self._is_new(str(name)):
            data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
            self.quads.append(data.decode("utf-8"))
            assert self.known is not None
            self.known.add(str(name))
        else:
            data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
            self.updates.append(f"DROP SILENT GRAPH <{name}>")
            self.updates.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{data.decode('utf-8')}}} }}")
        self.pending += len(quads)
        if self.pending >= BATCH_TRIPLES:
            self.flush()

    def drop(self, name: URIRef) -> None:
        self.flush()  # a graph added earlier in this batch must not come back after the drop
        self.updates.append(f"DROP SILENT GRAPH <{name}>")
        if self.known is not None:
            self.known.discard(str(name))
