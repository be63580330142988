"""The same document as .txt (any encoding), .docx, .doc, .wps, .html, .pdf and .ofd: one tree.

``tests/fixtures/fixtures.json`` marks the fixtures whose normalised text equals
their source cut (``same_text``), apart from ``extra_lines`` (a 发布时间 line of
the HTML pages, which is front matter, and a line of rare characters in the
GB18030 file, which is body text and so adds a 款).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest import parse_file
from ingest.read.office_text import LIBREOFFICE_MISSING, libreoffice
from tests.conftest import FIXTURES

NO_LIBREOFFICE = pytest.mark.skipif(libreoffice() is None, reason=LIBREOFFICE_MISSING)
ENTRIES = [
    pytest.param(e, marks=[NO_LIBREOFFICE] if e["format"] in ("doc", "wps") else [], id=e["file"])
    for e in json.loads((FIXTURES / "fixtures.json").read_text(encoding="utf-8"))
    if e.get("same_text") and (FIXTURES / e["file"]).exists()
]


def tree(path: Path) -> list[tuple[str, str, str, str]]:
    return [(c.clause_id, c.kind, c.label, c.text) for c in parse_file(path).clauses]


def numbered(path: Path) -> list[tuple[str, int | None]]:
    doc = parse_file(path)
    return [(c.label, c.number) for c in doc.clauses if c.kind not in ("paragraph", "table_row")]


@pytest.mark.parametrize("entry", ENTRIES)
def test_same_tree_in_every_format(entry):
    path = FIXTURES / entry["file"]
    source = FIXTURES / f"{entry['source']}.utf8.txt"
    doc, ref = parse_file(path), parse_file(source)
    assert (doc.level, doc.status) == (ref.level, ref.status)
    if ref.title != source.stem:  # a cut with no title line is named after its file
        assert doc.title == ref.title
    body_extra = [x for x in entry.get("extra_lines", []) if not x.startswith("发布时间")]
    if body_extra:  # an extra body line may add a 款, but the numbered units stay the same
        assert numbered(path) == numbered(source)
    else:
        assert tree(path) == tree(source)
