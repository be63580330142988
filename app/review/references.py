"""The documents a draft is held against, as (Document, Facts) pairs: files or stored ids."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import ingest
from app import store_files as store
from app.errors import UsageError
from ingest.records import Document, Facts

__all__ = ["load_references", "parse_draft"]


def parse_draft(path: Path) -> tuple[Document, Facts]:
    """A draft file, parsed and extracted (it needs no store)."""
    doc = ingest.parse_file(path)
    return doc, ingest.extract_facts(doc)


def load_references(refs: Sequence[str], store_dir: Path) -> list[tuple[Document, Facts]]:
    """Each reference: a readable file is parsed, anything else is a doc_id of the store."""
    out = []
    for ref in refs:
        path = Path(ref)
        if path.is_file():
            out.append(parse_draft(path))
            continue
        store.require_store(store_dir)
        if not store.doc_path(store_dir, ref).exists():
            raise UsageError(f"{ref}: neither a readable file nor a document id in {store_dir}")
        out.append(store.load_doc(store_dir, ref))
    return out
