"""Any supported file -> its decoded raw text, paragraphs one per line.

The kind of file comes from its extension, checked against its first bytes
(a ``.txt`` that is really a PDF is read as a PDF; a ``.docx`` that is not a ZIP
is refused). Size is decided from ``stat`` before a byte is read, so a 50 MB
file is refused at once. Every failure is an ``IngestError`` with a one-line
reason: ``UnreadableFile`` (exit 2) or ``UnusableInput`` (exit 1).
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

from ingest.errors import ErrorKind, UnreadableFile, UnusableInput
from ingest.read.decode import decode_bytes
from ingest.read.docx_text import read_docx
from ingest.read.html_text import html_to_text, read_html
from ingest.read.pdf_text import read_pdf

__all__ = ["MAX_BYTES", "SUPPORTED", "read_text"]

MAX_BYTES = 20 * 1024 * 1024  # 20 MB: far above any policy document, far below a memory problem

# Extension -> reader kind. No extension is read as text (after sniffing).
SUPPORTED: dict[str, str] = {
    "": "text", ".txt": "text", ".text": "text",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
}  # fmt: skip

# Formats people will try, with what to do instead.
UNSUPPORTED_HINTS: dict[str, str] = {
    ".doc": "old Word .doc is not supported; save it as .docx",
    ".wps": "WPS .wps is not supported; save it as .docx",
    ".rtf": "RTF is not supported; save it as .docx or .txt",
    ".odt": "OpenDocument is not supported; save it as .docx",
    ".xls": "spreadsheets are not supported",
    ".xlsx": "spreadsheets are not supported",
    ".ofd": "OFD is not supported; export it as PDF",
    ".png": "an image; run OCR first",
    ".jpg": "an image; run OCR first",
    ".jpeg": "an image; run OCR first",
    ".tif": "an image; run OCR first",
    ".tiff": "an image; run OCR first",
}

# First bytes -> what the file really is.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0", "an old Office (.doc/.xls) file, not supported; save it as .docx"),
    (b"\x89PNG", "an image; run OCR first"),
    (b"\xff\xd8\xff", "an image; run OCR first"),
    (b"GIF8", "an image; run OCR first"),
    (b"\x7fELF", "a program, not a document"),
    (b"\x1f\x8b", "a gzip archive, not a document"),
    (b"Rar!", "a RAR archive, not a document"),
    (b"7z\xbc\xaf", "a 7z archive, not a document"),
)


def _read_plain(path: Path, data: bytes) -> str:
    text = decode_bytes(data, path)
    if text.lstrip("\ufeff \t\r\n")[:64].lower().startswith(("<!doctype html", "<html")):
        return html_to_text(text, str(path))
    return text


READERS: dict[str, Callable[[Path, bytes], str]] = {
    "text": _read_plain,
    "docx": read_docx,
    "pdf": read_pdf,
    "html": read_html,
}


def _sniff(path: Path, kind: str, head: bytes) -> str:
    """The reader kind the bytes support, or an UnreadableFile saying what they are."""
    for magic, what in MAGIC:
        if head.startswith(magic):
            if what == "zip":
                if kind in ("docx", "text"):
                    return "docx"
                raise UnreadableFile(
                    path, f"a ZIP archive, not a {path.suffix} file", kind=ErrorKind.WRONG_FORMAT
                )
            if what in READERS:
                return what if kind in ("text", what) else kind
            raise UnreadableFile(path, what, kind=ErrorKind.UNSUPPORTED_TYPE)
    if kind == "docx":
        raise UnreadableFile(
            path, "not a valid .docx (not a ZIP package)", kind=ErrorKind.WRONG_FORMAT
        )
    if kind == "pdf":
        raise UnreadableFile(path, "not a valid PDF (no %PDF header)", kind=ErrorKind.WRONG_FORMAT)
    return kind


def _stat(path: Path) -> int:
    """The file's size; refuses missing, unreadable, non-regular and oversized files."""
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise UnreadableFile(path, "no such file", kind=ErrorKind.NOT_FOUND) from exc
    except PermissionError as exc:
        raise UnreadableFile(path, "permission denied", kind=ErrorKind.NO_PERMISSION) from exc
    except OSError as exc:
        raise UnreadableFile(path, f"cannot open ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableFile(path, "is a directory, not a file", kind=ErrorKind.NOT_A_FILE)
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableFile(path, "not a regular file", kind=ErrorKind.NOT_A_FILE)
    if st.st_size > MAX_BYTES:
        raise UnusableInput(
            path,
            f"file too large ({st.st_size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB)",
            kind=ErrorKind.TOO_LARGE,
        )
    if st.st_size == 0:
        raise UnusableInput(path, "file is empty", kind=ErrorKind.EMPTY)
    return st.st_size


def read_text(path: str | Path) -> str:
    """The decoded raw text of a file, paragraphs one per line, tables as TAB rows."""
    path = Path(path)
    suffix = path.suffix.lower()
    kind = SUPPORTED.get(suffix)
    if kind is None:
        hint = UNSUPPORTED_HINTS.get(suffix, f"supported: {', '.join(s for s in SUPPORTED if s)}")
        _stat(path)
        raise UnreadableFile(
            path, f"unsupported file type '{suffix}' ({hint})", kind=ErrorKind.UNSUPPORTED_TYPE
        )
    _stat(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path, f"cannot read ({exc.strerror or exc})") from exc
    text = READERS[_sniff(path, kind, data[:16])](path, data)
    if not text.strip(" \t\r\n\u3000\ufeff\u00a0\u200b"):
        raise UnusableInput(path, "no text in the file (only whitespace)", kind=ErrorKind.EMPTY)
    return text
