"""The bundled corpus built once into a store (BM25 alone, no model), and the JSON of
``dutygraph study --json`` for the roles the issue names."""

from __future__ import annotations

import io
import json
import warnings
from contextlib import redirect_stderr, redirect_stdout

import pytest

import search.index.update
from app.build import build
from app.cli.main import main
from tests.conftest import CORPUS


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("study") / "store"
    with pytest.MonkeyPatch.context() as mp, warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "semantic search is off": as meant
        # BM25 alone: no model, even when an earlier test already loaded (and cached) it
        mp.setattr(search.index.update, "load_encoder", lambda: None)
        build([CORPUS], store)
    return store


@pytest.fixture(scope="session")
def study_json(corpus_store, tmp_path_factory):
    """(role, level, *options) -> the JSON the command prints (each asked once)."""
    out = tmp_path_factory.mktemp("packs")
    cache: dict[tuple[str, ...], dict] = {}

    def run(role: str, level: str | None = None, *options: str) -> dict:
        key = (role, level or "", *options)
        if key not in cache:
            argv = ["--store", str(corpus_store), "study", "--role", role, "--json"]
            argv += ["--out", str(out / f"{len(cache)}.md"), *(["--level", level] if level else [])]
            stdout = io.StringIO()
            with redirect_stdout(stdout), redirect_stderr(io.StringIO()):
                assert main([*argv, *options]) == 0
            cache[key] = json.loads(stdout.getvalue())
        return cache[key]

    return run
