"""Placeholder extractor (no facts); replaced by the extraction work."""

from __future__ import annotations

from ingest.records import Document, Facts

__all__ = ["extract"]


def extract(doc: Document) -> Facts:
    """All roles, duties, frequencies, deadlines and sanctions of a document."""
    return Facts(doc.doc_id)
