"""export and sparql commands: formats, files, read-only refusal, errors as one line."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph

from app.cli.main import main
from graph import update_graph


@pytest.fixture
def store(tmp_path, samples):
    update_graph(tmp_path / "store", samples, [], validate_shapes=False)
    return tmp_path / "store"


def test_export_to_file_parses_back(store, tmp_path, capsys):
    out = tmp_path / "g.ttl"
    assert main(["--store", str(store), "export", "--format", "ttl", "--out", str(out)]) == 0
    assert len(Graph().parse(out, format="turtle")) > 500
    assert main(["--store", str(store), "export", "--format", "nt"]) == 0
    assert len(Graph().parse(data=capsys.readouterr().out, format="nt")) > 500


def test_sparql_json_and_file(store, tmp_path, capsys):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://data.europa.eu/eli/ontology#LegalResource> }"
    assert main(["--store", str(store), "sparql", q, "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert int(res["results"]["bindings"][0]["n"]["value"]) >= 3
    f = tmp_path / "q.rq"
    f.write_text(q, encoding="utf-8")
    assert main(["--store", str(store), "sparql", f"@{f}"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "n" and int(lines[1]) >= 3


def test_sparql_update_refused_with_one_line(store, capsys):
    code = main(["--store", str(store), "sparql", "DELETE WHERE { ?s ?p ?o }", "--json"])
    err = capsys.readouterr()
    assert code == 2 and err.out == ""
    assert len(err.err.strip().splitlines()) == 1 and "read-only" in err.err


def test_unreadable_query_file_and_missing_store(store, tmp_path, capsys):
    assert main(["--store", str(store), "sparql", f"@{tmp_path / 'none.rq'}"]) == 2
    assert "none.rq" in capsys.readouterr().err
    assert main(["--store", str(tmp_path / "empty"), "duties", "--role", "党委"]) == 2
    assert "dutygraph build" in capsys.readouterr().err
