# dutygraph: two commands do all set-up on a fresh clone: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install run build test test-fast eval bench lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# CPU torch first, or sentence-transformers pulls a multi-GB CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(VENV)/bin/dutygraph build

run: $(STAMP)
	$(VENV)/bin/dutygraph app

test: $(STAMP)
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow and not browser"

eval: $(STAMP)
	$(PY) -m eval

bench: $(STAMP)
	$(PY) -m benchmarks

lint: $(STAMP)
	$(VENV)/bin/ruff check ingest graph search app tests benchmarks eval
	$(VENV)/bin/ruff format --check ingest graph search app tests benchmarks eval
	$(VENV)/bin/mypy ingest graph search app

clean:
	rm -rf $(VENV) .dutygraph .pytest_cache .ruff_cache .mypy_cache
