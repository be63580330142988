"""The ingest package's one exception family.

``UnreadableFile`` means the bytes could not be read or decoded (CLI exit 2);
``UnusableInput`` means they were read but are not a usable policy text (exit 1).
Messages name the file and the reason, and the line where one applies. Each
error also carries its ``kind`` (``ErrorKind``), so a front end can say what
happened in its own words without reading the English reason.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

__all__ = ["ErrorKind", "IngestError", "UnknownPlace", "UnreadableFile", "UnusableInput"]


class ErrorKind(StrEnum):
    """What went wrong, one name per cause a user can act on."""

    NOT_FOUND = "not_found"  # no such file
    NO_PERMISSION = "no_permission"  # the file may not be read
    NOT_A_FILE = "not_a_file"  # a directory, a device
    UNSUPPORTED_TYPE = "unsupported_type"  # .doc, .xls, an image, an archive
    WRONG_FORMAT = "wrong_format"  # the bytes are not what the extension says
    DAMAGED = "damaged"  # a truncated or corrupt .docx/.pdf, an encrypted PDF
    TOO_LARGE = "too_large"  # over the size limit
    EMPTY = "empty"  # no text at all, or only whitespace
    SCANNED = "scanned"  # a scan OCR could not read (or no OCR engine is installed)
    TOOL_MISSING = "tool_missing"  # the program that reads this format is not installed
    NO_TEXT = "no_text"  # a PDF whose glyphs map to no characters
    BINARY = "binary"  # binary data or an unknown text encoding
    TOO_DEEP = "too_deep"  # HTML nested too deep to walk
    NOT_CHINESE = "not_chinese"  # no Chinese text in it
    NO_STRUCTURE = "no_structure"  # neither numbered clauses nor policy wording
    UNREADABLE = "unreadable"  # any other read failure
    UNUSABLE = "unusable"  # any other unusable text


class IngestError(Exception):
    """Base of every error raised while reading or parsing a document."""

    exit_code = 1
    default_kind = ErrorKind.UNUSABLE

    def __init__(
        self,
        path: str | Path | None,
        reason: str,
        line: int | None = None,
        kind: ErrorKind | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.reason = reason
        self.line = line
        self.kind = kind or self.default_kind
        where = self.path or "<input>"
        if line is not None:
            where = f"{where}: line {line}"
        super().__init__(f"{where}: {reason}")


class UnreadableFile(IngestError):
    """The file cannot be opened, decoded or is of an unsupported format."""

    exit_code = 2
    default_kind = ErrorKind.UNREADABLE


class UnusableInput(IngestError):
    """The file was read but holds no usable policy text (empty, junk, no structure)."""

    exit_code = 1
    default_kind = ErrorKind.UNUSABLE


class UnknownPlace(IngestError):
    """A place name the gazetteer does not know, or one several places bear (a usage error)."""

    exit_code = 2

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        super().__init__(f"--place {name}", reason)
