"""The draft and the documents it is held against: files, pasted text, stored ids, or the
chain above the draft resolved from the store (:mod:`graph.query.binding`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import ingest
from app import store_files as store
from app.errors import UsageError
from app.review.check import Reference
from graph import open_graph
from graph.query.binding import references_for
from ingest.records import Document, Facts

__all__ = ["given_references", "parse_draft", "parse_draft_text", "resolved_references"]

GIVEN_FILE = "检查时指定的参照文件"
GIVEN_STORED = "检查时指定的知识库文件"


def parse_draft(path: Path) -> tuple[Document, Facts]:
    """A draft file, parsed and extracted (it needs no store)."""
    doc = ingest.parse_file(path)
    return doc, ingest.extract_facts(doc)


def parse_draft_text(text: str, name: str = "草案.txt") -> tuple[Document, Facts]:
    """Pasted draft text, parsed and extracted as a file named ``name`` would be."""
    doc = ingest.parse_text(text, name=name)
    return doc, ingest.extract_facts(doc)


def given_references(refs: Sequence[str], store_dir: Path) -> list[Reference]:
    """Each reference named by the user: a readable file is parsed, anything else is a
    doc_id of the store."""
    out = []
    for ref in refs:
        path = Path(ref)
        if path.is_file():
            out.append(Reference(*parse_draft(path), why=GIVEN_FILE))
            continue
        store.require_store(store_dir)
        if not store.doc_path(store_dir, ref).exists():
            raise UsageError(f"{ref}: neither a readable file nor a document id in {store_dir}")
        out.append(Reference(*store.load_doc(store_dir, ref), why=GIVEN_STORED))
    return out


def resolved_references(draft: Document, store_dir: Path) -> list[Reference]:
    """The stored documents that bind the draft (what it implements or cites, then the
    levels above its region on the same matter), each with why; a ``UsageError`` naming
    ``--against`` when the store knows none."""
    store.require_store(store_dir)
    bound = references_for(open_graph(store_dir).select, draft)
    found = [b for b in bound if store.doc_path(store_dir, b.doc_id).exists()]
    if not found:
        raise UsageError(
            f"{draft.source or draft.title}: no document in {store_dir} is implemented or cited "
            "by the draft or binds its region; name the references with --against"
        )
    return [
        Reference(*store.load_doc(store_dir, b.doc_id), why=b.why, basis=b.basis) for b in found
    ]
