"""Bad input: every case answers within seconds with its error, exit code and a one-line reason."""

from __future__ import annotations

import itertools
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli.main import main
from ingest.errors import ErrorKind, IngestError, UnreadableFile, UnusableInput
from ingest.read.files import read_text
from ingest.read.ocr_engine import ocr_available
from tests.conftest import FIXTURES

FAST = 5.0  # seconds: "within seconds", with room for a slow CI machine


def _big(tmp_path: Path) -> Path:
    """A 50 MB text file, written sparse so the test does not spend the disk."""
    f = tmp_path / "big.txt"
    with f.open("wb") as fh:
        fh.write("第一条 安全生产。\n".encode())
        fh.truncate(50 * 2**20)
    return f


def _case(tmp_path: Path, name: str) -> Path:
    """A path for each bad input; committed fixtures or made in tmp_path."""
    made = {
        "missing": lambda: tmp_path / "no_such_file.txt",
        "directory": lambda: tmp_path,
        "big": lambda: _big(tmp_path),
        "doc": lambda: _write(tmp_path / "old.doc", b"\xd0\xcf\x11\xe0" + bytes(512)),
        "xyz": lambda: _write(tmp_path / "notes.xyz", "安全生产".encode()),
        "fake_pdf": lambda: _write(tmp_path / "fake.pdf", "这不是PDF".encode()),
        "broken_pdf": lambda: _write(tmp_path / "broken.pdf", b"%PDF-1.4\n1 0 obj <<>>\n%%garbage"),
        "image_as_txt": lambda: _write(tmp_path / "scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        "nul_text": lambda: _write(tmp_path / "nul.txt", "安全".encode() + b"\x00\x01\x02" * 300),
        "empty_docx": lambda: _empty_docx(tmp_path / "empty.docx"),
        "blank_scan": lambda: _blank_scan(tmp_path / "blank_scan.pdf"),
        "encrypted_doc": lambda: _encrypted_doc(tmp_path / "locked.doc"),
        "fake_ofd": lambda: _write(tmp_path / "fake.ofd", "这不是OFD".encode()),
        "zip_as_ofd": lambda: _zip(tmp_path / "parts.ofd"),
        "blank_png": lambda: _blank_png(tmp_path / "blank.png"),
    }
    return made[name]() if name in made else FIXTURES / name


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _empty_docx(path: Path) -> Path:
    import docx

    docx.Document().save(path)
    return path


def _encrypted_doc(path: Path) -> Path:
    """seed001.doc with the FIB's fEncrypted flag set, as a password-protected Word file has."""
    import olefile

    shutil.copy(FIXTURES / "seed001.doc", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        fib = bytearray(ole.openstream("WordDocument").read())
        fib[11] |= 0x01  # fEncrypted is bit 8 of the flags at offset 10
        ole.write_stream("WordDocument", bytes(fib))
    return path


def _zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("notes.txt", "安全生产")
    return path


def _blank_png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (600, 800), "white").save(path)
    return path


def _blank_scan(path: Path) -> Path:
    """A PDF whose one page is a picture of a blank sheet."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(_blank_png(path.with_suffix(".png")), x=0, y=0, w=210)
    pdf.output(str(path))
    return path


# A blank scan is found blank by the OCR reader, or refused for want of OCR.
BLANK = "blank" if ocr_available() else "no text layer"

CASES = [
    # (case, exception, words the reason must contain)
    ("empty.txt", UnusableInput, "empty"),
    ("whitespace.txt", UnusableInput, "no text"),
    ("empty_docx", UnusableInput, "no text"),
    ("junk.txt", UnreadableFile, "binary"),
    ("nul_text", UnreadableFile, "binary"),
    ("truncated.docx", UnreadableFile, "not a valid .docx"),
    ("blank_scan", UnusableInput, BLANK),
    ("blank_png", UnusableInput, "blank"),  # found blank before any engine is needed
    ("big", UnusableInput, "50.0 MB; the limit is 20 MB"),
    ("missing", UnreadableFile, "no such file"),
    ("directory", UnreadableFile, "directory"),
    ("doc", UnreadableFile, "corrupt Word/WPS file"),
    ("encrypted_doc", UnreadableFile, "encrypted"),
    ("fake_ofd", UnreadableFile, "not a valid OFD"),
    ("zip_as_ofd", UnreadableFile, "not a valid OFD"),
    ("xyz", UnreadableFile, "unsupported file type '.xyz'"),
    ("fake_pdf", UnreadableFile, "not a valid PDF"),
    ("broken_pdf", UnreadableFile, "PDF"),
    ("image_as_txt", UnreadableFile, "image"),
]


@pytest.mark.parametrize(("case", "error", "words"), CASES, ids=[c[0] for c in CASES])
def test_read_text_refuses_with_a_one_line_reason(
    tmp_path: Path, case: str, error: type[IngestError], words: str
) -> None:
    path = _case(tmp_path, case)
    started = time.monotonic()
    with pytest.raises(error) as info:
        read_text(path)
    assert time.monotonic() - started < FAST
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path)) and words in message
    assert info.value.exit_code == (2 if error is UnreadableFile else 1)


# What each case is, in the words a front end turns into its own sentence.
KINDS = {
    "empty.txt": ErrorKind.EMPTY,
    "whitespace.txt": ErrorKind.EMPTY,
    "empty_docx": ErrorKind.EMPTY,
    "junk.txt": ErrorKind.BINARY,
    "nul_text": ErrorKind.BINARY,
    "truncated.docx": ErrorKind.DAMAGED,
    "big": ErrorKind.TOO_LARGE,
    "missing": ErrorKind.NOT_FOUND,
    "directory": ErrorKind.NOT_A_FILE,
    "xyz": ErrorKind.UNSUPPORTED_TYPE,
    "fake_pdf": ErrorKind.WRONG_FORMAT,
    "broken_pdf": ErrorKind.DAMAGED,
}


@pytest.mark.parametrize(("case", "kind"), KINDS.items(), ids=list(KINDS))
def test_each_refusal_names_its_kind(tmp_path: Path, case: str, kind: ErrorKind) -> None:
    with pytest.raises(IngestError) as info:
        read_text(_case(tmp_path, case))
    assert info.value.kind is kind


def test_size_is_decided_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = _big(tmp_path)

    def no_reading(*_: object) -> bytes:
        raise AssertionError("read the bytes of an oversized file")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(UnusableInput):
        read_text(big)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_permissions(tmp_path: Path) -> None:
    f = _write(tmp_path / "locked.txt", "安全生产".encode())
    f.chmod(0)
    with pytest.raises(UnreadableFile):
        read_text(f)


@pytest.mark.parametrize(("case", "error", "words"), CASES, ids=[c[0] for c in CASES])
def test_parse_command_exit_code_and_one_stderr_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, error: type, words: str
) -> None:
    path = _case(tmp_path, case)
    started = time.monotonic()
    code = main(["parse", str(path), "--json"])
    assert time.monotonic() - started < FAST
    out, err = capsys.readouterr()
    assert code == (2 if error is UnreadableFile else 1)
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert str(path) in err and words in err


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    suffix=st.sampled_from(["", ".txt", ".html", ".docx", ".pdf"]),
    data=st.binary(min_size=1, max_size=3000),
)
def test_random_bytes_never_escape_the_error_family(
    tmp_path: Path, suffix: str, data: bytes
) -> None:
    f = tmp_path / f"random{suffix}"
    f.write_bytes(data)
    try:
        assert isinstance(read_text(f), str)
    except IngestError as exc:
        assert "\n" not in str(exc)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(["seed001.docx", "seed000.pdf", "seed001.html", "seed000.gb18030.txt"]),
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    cut=st.floats(0.05, 1.0),
)
def test_damaged_real_files_never_escape_the_error_family(
    tmp_path: Path, name: str, flips: list[tuple[float, int]], cut: float
) -> None:
    data = bytearray((FIXTURES / name).read_bytes())
    for where, byte in flips:
        data[int(where * len(data))] = byte
    f = tmp_path / name
    f.write_bytes(bytes(data[: max(1, int(cut * len(data)))]))
    try:
        assert isinstance(read_text(f), str)
    except IngestError as exc:
        assert "\n" not in str(exc)


def test_deeply_nested_html_is_refused_not_crashed(tmp_path: Path) -> None:
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<div>" * 5000 + "安全生产" + "</div>" * 5000 + "</body></html>")
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match="nested more than"):
        read_text(f)
    assert time.monotonic() - started < FAST


def test_pdf_of_unmapped_glyphs_is_unusable(monkeypatch: pytest.MonkeyPatch) -> None:
    import ingest.read.pdf_text as pdf_text
    from ingest.read.layout import PageLine

    pages = itertools.count()

    def cid_lines(page: object, number: int) -> list[PageLine]:
        n = next(pages)  # each page different, or it would pass for a running header
        return [PageLine(f"(cid:{n})" * 30, 0, 100, 0, 10, number)]

    monkeypatch.setattr(pdf_text, "_page_lines", cid_lines)
    with pytest.raises(UnusableInput, match="no Unicode mapping"):
        read_text(FIXTURES / "seed000.pdf")
