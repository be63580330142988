"""A remote SPARQL 1.1 endpoint as a graph store: ``sparql+http://host:port/…``.

Reads with the SPARQL protocol (POST ``application/sparql-query``), writes
each named graph with one UPDATE request (``DROP SILENT GRAPH`` + ``INSERT
DATA``), which servers apply atomically. Every request has a bounded timeout.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from graph.errors import GraphError, QueryRefused, StoreMissing
from graph.rdf.terms import is_update, plain_rows, query_form, serialize

__all__ = ["RemoteStore"]

_TIMEOUT = 60.0  # seconds for one remote request: bounded, never hang a command


class RemoteStore:
    """A SPARQL 1.1 endpoint: ``sparql+http://host:port/path``.

    No path or ``/query`` -> Oxigraph's ``/query`` and ``/update``; any other
    path serves both (Fuseki ``/ds``).
    """

    def __init__(self, url: str) -> None:
        base = url.removeprefix("sparql+")
        parts = urllib.parse.urlsplit(base)
        path = parts.path.rstrip("/")
        if path in ("", "/query"):
            q, u = "/query", "/update"
        elif path.endswith("/query"):
            q, u = path, path[: -len("query")] + "update"
        else:
            q = u = path
        self.query_url = urllib.parse.urlunsplit(parts._replace(path=q))
        self.update_url = urllib.parse.urlunsplit(parts._replace(path=u))

    def _post(self, url: str, body: str, ctype: str, accept: str) -> bytes:
        req = urllib.request.Request(
            url,
            data=body.encode("utf-8"),
            headers={"Content-Type": f"{ctype}; charset=utf-8", "Accept": accept},
            method="POST",
        )
        try:
            with urllib.request.urlopen(req, timeout=_TIMEOUT) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()[:1]
            cls = QueryRefused if exc.code == 400 else GraphError
            raise cls(f"{url}: HTTP {exc.code} {' '.join(detail)}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreMissing(f"{url}: SPARQL endpoint unreachable ({exc})") from None

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

    @contextmanager
    def writer(self) -> Iterator[_RemoteWriter]:
        yield _RemoteWriter(self)


class _RemoteWriter:
    def __init__(self, remote: RemoteStore) -> None:
        self.remote = remote

    def select(self, query: str) -> list[dict[str, str]]:
        return self.remote.select(query)

    def _update(self, text: str) -> None:
        self.remote._post(self.remote.update_url, text, "application/sparql-update", "*/*")

    def put(self, name: URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
        insert = f"INSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}"
        self._update(f"DROP SILENT GRAPH <{name}> ;\n{insert}")

    def drop(self, name: URIRef) -> None:
        self._update(f"DROP SILENT GRAPH <{name}>")
