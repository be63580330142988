# dutygraph: two commands do all set-up on a fresh clone: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install tools run build test test-fast eval bench lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# CPU torch first, or sentence-transformers pulls a multi-GB CUDA build.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev,ocr]'
	touch $(STAMP)

install: $(STAMP) tools

# Debian's LibreOffice (headless, no GUI) reads .doc/.wps and renders the .docx outputs
# the tests look at; poppler turns those pages into PNG. Installed when missing and
# apt-get may run as root; else .doc/.wps are refused saying so and those tests skip.
# (OCR needs nothing from Debian: its models ship in the rapidocr wheel.)
TOOL_PACKAGES := libreoffice-writer-nogui poppler-utils
tools:
	@if command -v soffice >/dev/null && command -v pdftoppm >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "installing $(TOOL_PACKAGES) (reads .doc/.wps, renders .docx)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$(TOOL_PACKAGES) >/dev/null || echo "could not install $(TOOL_PACKAGES); .doc/.wps refused, rendering tests skip"; \
	else echo "no apt-get as root: .doc/.wps will be refused and rendering tests skip"; fi

build: $(STAMP)
	$(VENV)/bin/dutygraph build

run: $(STAMP) tools
	$(VENV)/bin/dutygraph app

test: $(STAMP) tools
	$(PY) -m pytest

test-fast: $(STAMP) tools
	$(PY) -m pytest -m "not slow and not browser"

eval: $(STAMP) tools
	$(PY) -m eval

bench: $(STAMP) tools
	$(PY) -m benchmarks

lint: $(STAMP)
	$(VENV)/bin/ruff check ingest graph search app tests benchmarks eval
	$(VENV)/bin/ruff format --check ingest graph search app tests benchmarks eval
	$(VENV)/bin/mypy ingest graph search app benchmarks eval

clean:
	rm -rf $(VENV) .dutygraph .pytest_cache .ruff_cache .mypy_cache
