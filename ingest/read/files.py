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
from ingest.read.ocr_engine import OcrEngine
from ingest.read.ocr_text import read_image
from ingest.read.ofd_text import read_ofd
from ingest.read.office_text import read_office
from ingest.read.pdf_text import read_pdf
from ingest.read.raw_text import RawText

__all__ = ["MAX_BYTES", "SUPPORTED", "read_file", "read_text"]

MAX_BYTES = 20 * 1024 * 1024  # 20 MB: far above any policy document, far below a memory problem

# Extension -> reader kind. No extension is read as text (after sniffing).
SUPPORTED: dict[str, str] = {
    "": "text", ".txt": "text", ".text": "text",
    ".docx": "docx",
    ".doc": "office", ".wps": "office", ".rtf": "office",
    ".pdf": "pdf",
    ".ofd": "ofd",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
}  # fmt: skip

# Formats people will try, with what to do instead.
UNSUPPORTED_HINTS: dict[str, str] = {
    ".odt": "OpenDocument is not supported; save it as .docx",
    ".xls": "spreadsheets are not supported",
    ".xlsx": "spreadsheets are not supported",
}

# First bytes -> what the file really is.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0", "office"),  # OLE: Word 97-2003, WPS Writer (or .xls, named as such)
    (b"{\\rtf", "office"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),  # TIFF, little-endian
    (b"MM\x00*", "image"),  # TIFF, big-endian
    (b"GIF8", "a GIF image; save it as PNG"),
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


READERS: dict[str, Callable[[Path, bytes], str | RawText]] = {
    "text": _read_plain,
    "docx": read_docx,
    "office": read_office,
    "html": read_html,
    "ofd": read_ofd,
}
# Readers that may need OCR take the engine too.
SCAN_READERS: dict[str, Callable[[Path, bytes, OcrEngine | None], RawText]] = {
    "pdf": read_pdf,
    "image": read_image,
}


def _sniff(path: Path, kind: str, head: bytes) -> str:
    """The reader kind the bytes support, or an UnreadableFile saying what they are."""
    for magic, what in MAGIC:
        if head.startswith(magic):
            if what == "zip":
                if kind in ("docx", "text", "office"):  # a .doc/.wps saved as OOXML is a .docx
                    return "docx"
                if kind == "ofd":
                    return "ofd"
                raise UnreadableFile(
                    path, f"a ZIP archive, not a {path.suffix} file", kind=ErrorKind.WRONG_FORMAT
                )
            if what in READERS or what in SCAN_READERS:
                old_word_as_docx = what == "office" and kind == "docx"
                return what if kind in ("text", what) or old_word_as_docx else kind
            raise UnreadableFile(path, what, kind=ErrorKind.UNSUPPORTED_TYPE)
    if kind == "docx":
        raise UnreadableFile(
            path, "not a valid .docx (not a ZIP package)", kind=ErrorKind.WRONG_FORMAT
        )
    if kind == "pdf":
        raise UnreadableFile(path, "not a valid PDF (no %PDF header)", kind=ErrorKind.WRONG_FORMAT)
    if kind == "ofd":
        raise UnreadableFile(
            path, "not a valid OFD (not a ZIP package)", kind=ErrorKind.WRONG_FORMAT
        )
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
    return read_file(path).text


def read_file(path: str | Path, ocr: OcrEngine | None = None) -> RawText:
    """``read_text`` with what OCR adds: its confidence per paragraph and the pages it skipped.

    ``ocr``: the engine for scanned pages (default: the bundled one, loaded once).
    """
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
    reader = _sniff(path, kind, data[:16])
    if reader in SCAN_READERS:
        got: str | RawText = SCAN_READERS[reader](path, data, ocr)
    else:
        got = READERS[reader](path, data)
    raw = got if isinstance(got, RawText) else RawText(got)
    if not raw.text.strip(" \t\r\n\u3000\ufeff\u00a0\u200b"):
        raise UnusableInput(path, "no text in the file (only whitespace)", kind=ErrorKind.EMPTY)
    return raw
