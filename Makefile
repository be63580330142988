# dutygraph: two commands do all set-up on a fresh clone: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install render-tools run build test test-fast eval bench lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# CPU torch first, or sentence-transformers pulls a multi-GB CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# LibreOffice (headless, no GUI) and poppler render the .docx outputs to PNG in the
# tests; installed from Debian when missing and apt-get may run as root, else the
# rendering tests skip saying why.
RENDER_PACKAGES := libreoffice-writer-nogui poppler-utils
render-tools:
	@if command -v soffice >/dev/null && command -v pdftoppm >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "installing $(RENDER_PACKAGES) (renders .docx in the tests)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$(RENDER_PACKAGES) >/dev/null || echo "could not install $(RENDER_PACKAGES); .docx rendering tests will skip"; \
	else echo "no apt-get as root: .docx rendering tests will skip"; fi

build: $(STAMP)
	$(VENV)/bin/dutygraph build

run: $(STAMP)
	$(VENV)/bin/dutygraph app

test: $(STAMP) render-tools
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
