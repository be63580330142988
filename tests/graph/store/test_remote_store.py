"""The same code against a real Oxigraph server (SPARQL 1.1 protocol) on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from rdflib.compare import isomorphic

from app.cli.main import main
from graph import QueryRefused, StoreMissing, open_graph, update_graph
from graph.rdf import update as graph_update
from graph.store import remote
from graph.store.remote import RemoteStore
from tests.servers import free_port, oxigraph_server


@pytest.fixture
def server(tmp_path):
    with oxigraph_server(tmp_path / "ox") as url:
        yield url


def test_remote_store_answers_like_the_local_one(server, tmp_path, samples, capsys):
    local = tmp_path / "local"
    update_graph(local, samples, [], validate_shapes=False)
    result = update_graph(server, samples, [])
    assert result.documents == 3 and result.violations == 0
    remote_gs, local_gs = open_graph(server), open_graph(local)
    assert isomorphic(remote_gs.backend.triples(), local_gs.backend.triples())
    assert remote_gs.compare("党委主要负责人") == local_gs.compare("党委主要负责人")
    role = "政府分管安全生产负责人"
    assert remote_gs.duties(role, level="county") == local_gs.duties(role, level="county")
    steps = remote_gs.chain("county_wangyi_2018_leader_responsibility_draft")
    assert [s.level for s in steps] == ["city", "province", "national"]
    assert main(["--store", server, "sparql", "ASK { ?s ?p ?o }", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["boolean"] is True
    assert main(["--store", server, "sparql", "CLEAR ALL"]) == 2
    update_graph(server, [], ["city_neimenggu_2022_responsibility_implementation_draft"])
    assert remote_gs.compare("党委主要负责人").levels == ("township",)
    with pytest.raises(QueryRefused):
        remote_gs.sparql("DROP ALL")
    assert remote_gs.size() > 500


def test_writes_are_batched_bulk_loaded_when_new_and_replaced_when_known(
    server, tmp_path, samples, monkeypatch
):
    sent: list[str] = []
    post = RemoteStore._post

    def spy(self, url, body, ctype, accept):
        if ctype != "application/sparql-query":
            sent.append(url.rsplit("/", 1)[-1])
        return post(self, url, body, ctype, accept)

    monkeypatch.setattr(RemoteStore, "_post", spy)
    monkeypatch.setattr(graph_update, "BULK_FROM", 2)
    monkeypatch.setattr(remote, "BATCH_TRIPLES", 400)  # several requests per build
    local = tmp_path / "local"
    update_graph(local, samples, [], validate_shapes=False)
    update_graph(server, samples, [], validate_shapes=False)
    # every graph was new: bulk-loaded through the Graph Store Protocol, nothing replaced
    assert "store?no_transaction" in sent and "update" not in sent
    assert sent.count("store?no_transaction") >= 2  # batches, not one request per build
    assert isomorphic(open_graph(server).backend.triples(), open_graph(local).backend.triples())
    sent.clear()
    one = samples[:1]
    update_graph(local, one, [], validate_shapes=False)
    update_graph(server, one, [], validate_shapes=False)
    assert sent and set(sent) == {"update"}  # known graphs are replaced (DROP + INSERT)
    assert isomorphic(open_graph(server).backend.triples(), open_graph(local).backend.triples())


class _Flaky(BaseHTTPRequestHandler):
    """Answers 503 to the first ``failures`` requests, then an ASK result."""

    failures = 2
    seen = 0

    def do_POST(self):
        type(self).seen += 1
        self.rfile.read(int(self.headers["Content-Length"]))
        if type(self).seen <= type(self).failures:
            self.send_response(503)
            self.end_headers()
            return
        body = b'{"head": {}, "boolean": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_requests_are_retried_with_backoff_and_then_fail_with_the_reason(monkeypatch):
    monkeypatch.setattr(remote.time, "sleep", lambda s: None)
    httpd = HTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        store = RemoteStore(f"sparql+http://127.0.0.1:{httpd.server_port}/query")
        assert store.sparql("ASK { ?s ?p ?o }")["boolean"] is True
        assert _Flaky.seen == 3  # two 503s, then the answer
        _Flaky.seen, _Flaky.failures = 0, 99
        with pytest.raises(remote.GraphError, match="HTTP 503"):
            store.sparql("ASK { ?s ?p ?o }")
        assert _Flaky.seen == remote._ATTEMPTS
    finally:
        httpd.shutdown()
        httpd.server_close()
    closed = RemoteStore(f"sparql+http://127.0.0.1:{free_port()}/query")
    with pytest.raises(StoreMissing, match="unreachable"):
        closed.size()
