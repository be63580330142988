"""``dutygraph app``: builds a missing store first, then runs Streamlit on it."""

from __future__ import annotations

import pytest

import app.build
from app.cli import serve as cmd_app
from app.cli.main import main
from app.store_files import require_store
from tests.app.fake_pipeline import install


def test_app_builds_a_missing_store_then_starts_streamlit(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "town.txt").write_text("某镇意见\n镇党委每季度研究安全生产\n", encoding="utf-8")
    install(monkeypatch)
    monkeypatch.setattr(app.build, "DEFAULT_CORPUS", corpus)
    calls = []
    monkeypatch.setattr(cmd_app.subprocess, "call", lambda cmd, env: calls.append((cmd, env)) or 0)
    store = tmp_path / "store"
    assert main(["app", "--port", "8765", "--store", str(store)]) == 0
    assert require_store(store)["documents"]  # built before the server starts
    ((cmd, env),) = calls
    assert cmd[cmd.index("run") + 1].endswith("streamlit_app.py")
    assert cmd[cmd.index("--server.port") + 1] == "8765" and "--server.headless" in cmd
    assert env["DUTYGRAPH_HOME"] == str(store.resolve())
    assert "1 documents" in capsys.readouterr().err
    calls.clear()
    assert main(["app", "--store", str(store)]) == 0  # a built store is used as it is
    assert "building" not in capsys.readouterr().err and len(calls) == 1


def test_app_on_an_unbuildable_corpus_exits_1_without_starting(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.txt").write_text("BROKEN", encoding="utf-8")
    install(monkeypatch)
    monkeypatch.setattr(app.build, "DEFAULT_CORPUS", corpus)
    monkeypatch.setattr(cmd_app.subprocess, "call", lambda *a, **k: pytest.fail("started"))
    assert main(["app", "--store", str(tmp_path / "s")]) == 1
    assert "could be built" in capsys.readouterr().err
