"""Ingest: files -> normalised text -> clause tree -> extracted facts."""

from ingest.errors import IngestError, UnreadableFile, UnusableInput
from ingest.extract import extract
from ingest.records import Clause, Document, Facts

__all__ = [
    "Clause",
    "Document",
    "Facts",
    "IngestError",
    "UnreadableFile",
    "UnusableInput",
    "extract",
]
