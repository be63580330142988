"""Word 97-2003 ``.doc`` and WPS Writer ``.wps`` -> text, through LibreOffice and the docx reader.

A Kingsoft WPS Writer ``.wps`` is the Word 97 binary format in an OLE
container: a ``WordDocument`` stream (nFib 193) plus WPS's own
``WpsCustomData``. LibreOffice (headless, Debian's ``libreoffice-writer-nogui``,
installed by ``make install``) converts both, and RTF saved as ``.doc``, to
``.docx``; the docx reader then gives tables as TAB rows and Word's list
numbering as the labels it displays, as for any .docx. antiword and catdoc
read these files too, but antiword draws tables with ``|`` and wraps each cell
over several lines, and catdoc leaks field codes (``HYPERLINK "…"``) and drops
list numbering. The OLE container is looked into first (``olefile``) so that a
spreadsheet, a presentation or an encrypted file is named as such, not handed
to a converter.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import olefile

from ingest.errors import ErrorKind, UnreadableFile
from ingest.read.docx_text import read_docx

__all__ = ["CONVERT_SECONDS", "LIBREOFFICE_MISSING", "libreoffice", "read_office"]

CONVERT_SECONDS = 180  # a loaded 2-core machine starts LibreOffice in seconds; a hang is killed
LIBREOFFICE_MISSING = (
    "reading .doc/.wps needs LibreOffice (apt-get install libreoffice-writer-nogui; "
    "make install does it)"
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF = b"{\\rtf"
# OLE streams that say what else a file is.
_NOT_TEXT = {
    "Workbook": "a spreadsheet (.xls), not a text document",
    "Book": "a spreadsheet (.xls), not a text document",
    "PowerPoint Document": "a presentation (.ppt), not a text document",
    "EncryptedPackage": "an encrypted (password-protected) document",
}
_F_ENCRYPTED = 0x0100  # FIB flag: the WordDocument stream is encrypted


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _check_ole(path: Path, data: bytes) -> None:
    """Refuses an OLE file that is not an unencrypted Word/WPS text document, saying what it is."""
    try:
        ole = olefile.OleFileIO(data)
    except (OSError, ValueError) as exc:
        raise UnreadableFile(
            path, f"corrupt Word/WPS file ({exc.__class__.__name__})", kind=ErrorKind.DAMAGED
        ) from exc
    with ole:
        streams = {"/".join(s) for s in ole.listdir()}
        for stream, what in _NOT_TEXT.items():
            if stream in streams:
                raise UnreadableFile(path, what, kind=ErrorKind.UNSUPPORTED_TYPE)
        if "WordDocument" not in streams:
            raise UnreadableFile(
                path, "an OLE file without a Word/WPS text stream", kind=ErrorKind.WRONG_FORMAT
            )
        fib = ole.openstream("WordDocument").read(12)
    if len(fib) < 12 or int.from_bytes(fib[10:12], "little") & _F_ENCRYPTED:
        raise UnreadableFile(
            path, "an encrypted (password-protected) document", kind=ErrorKind.DAMAGED
        )


def _convert(path: Path, data: bytes, soffice: str) -> bytes:
    """The .docx LibreOffice makes of the file, in a private profile, killed if it hangs."""
    with tempfile.TemporaryDirectory(prefix="dutygraph-lo-") as tmp:
        src = Path(tmp) / "in.doc"
        src.write_bytes(data)
        cmd = [
            soffice, "--headless", "--norestore", "--nologo", "--nolockcheck",
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(src),
        ]  # fmt: skip
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
            env={**os.environ, "HOME": tmp},
        )  # fmt: skip
        try:
            _, err = proc.communicate(timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            why = f"LibreOffice took over {CONVERT_SECONDS} s; gave up"
            raise UnreadableFile(path, why, kind=ErrorKind.DAMAGED) from exc
        out = Path(tmp) / "in.docx"
        if not out.is_file():
            why = " ".join(err.decode("utf-8", "replace").split())[-120:] or "no output"
            raise UnreadableFile(
                path, f"LibreOffice could not convert it ({why})", kind=ErrorKind.DAMAGED
            )
        return out.read_bytes()


def read_office(path: Path, data: bytes) -> str:
    """The text of a .doc/.wps (OLE Word binary or RTF), tables as TAB rows."""
    if data.startswith(_OLE[:4]):  # the signature begun: an OLE file, whole or damaged
        _check_ole(path, data)
    elif not data.lstrip().startswith(_RTF):
        what = path.suffix or ".doc"
        raise UnreadableFile(
            path, f"not a valid {what} (neither Word/WPS nor RTF)", kind=ErrorKind.WRONG_FORMAT
        )
    soffice = libreoffice()
    if soffice is None:
        raise UnreadableFile(path, LIBREOFFICE_MISSING, kind=ErrorKind.TOOL_MISSING)
    return read_docx(path, _convert(path, data, soffice))
