"""Placeholder reader (UTF-8 text only); replaced by the readers work."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import UnreadableFile

__all__ = ["read_text"]


def read_text(path: str | Path) -> str:
    """The decoded text of a file."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableFile(path, str(exc)) from exc
