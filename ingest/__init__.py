"""Ingest: files -> normalised text -> clause tree -> extracted facts."""

from ingest.errors import IngestError, UnreadableFile, UnusableInput
from ingest.extract.facts import extract_facts
from ingest.parse.document import parse_file, parse_text
from ingest.records import Clause, Document, Facts
from ingest.serialize import from_json, to_json

__all__ = [
    "Clause",
    "Document",
    "Facts",
    "IngestError",
    "UnreadableFile",
    "UnusableInput",
    "extract_facts",
    "from_json",
    "parse_file",
    "parse_text",
    "to_json",
]
