"""What every command writes: JSON on stdout (UTF-8, not ASCII-escaped), files atomically."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from app.errors import UsageError

__all__ = ["print_json", "write_atomic"]


def print_json(data: object) -> None:
    """One JSON document on stdout, as docs/cli.md fixes it."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``path`` whole or not at all; a failure is a one-line ``UsageError``."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write ({exc.strerror or exc})") from None
