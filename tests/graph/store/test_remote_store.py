"""The same code against a real Oxigraph server (SPARQL 1.1 protocol) on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from app.cli.main import main
from graph import QueryRefused, open_graph, update_graph

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    exe = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    if not exe:
        pytest.skip("the oxigraph server binary is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [
            exe,
            "serve",
            "--location",
            str(tmp_path / "ox"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph server did not start: {proc.stderr.read()!r}")
                time.sleep(0.1)
        yield f"sparql+{url}/query"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


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
