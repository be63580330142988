"""The ingest package's one exception family.

``UnreadableFile`` means the bytes could not be read or decoded (CLI exit 2);
``UnusableInput`` means they were read but are not a usable policy text (exit 1).
Messages name the file and the reason, and the line where one applies.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["IngestError", "UnknownPlace", "UnreadableFile", "UnusableInput"]


class IngestError(Exception):
    """Base of every error raised while reading or parsing a document."""

    exit_code = 1

    def __init__(self, path: str | Path | None, reason: str, line: int | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.reason = reason
        self.line = line
        where = self.path or "<input>"
        if line is not None:
            where = f"{where}: line {line}"
        super().__init__(f"{where}: {reason}")


class UnreadableFile(IngestError):
    """The file cannot be opened, decoded or is of an unsupported format."""

    exit_code = 2


class UnusableInput(IngestError):
    """The file was read but holds no usable policy text (empty, junk, no structure)."""

    exit_code = 1


class UnknownPlace(IngestError):
    """A place name the gazetteer does not know, or one several places bear (a usage error)."""

    exit_code = 2

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        super().__init__(f"--place {name}", reason)
