"""The ingest front door: a file or a string -> a parsed ``Document``.

read_file -> normalise -> front matter (title, 文号, issuer, date) -> clause
tree -> status, level, region and citations. Empty text, binary junk and text
with no Chinese in it are ``UnusableInput``; a plain text without numbered
units is still a document whose clauses are paragraphs when it reads like
policy (two or more words of ``data/policy_words.txt``), else it is unusable.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ingest.domain.places import document_place
from ingest.errors import ErrorKind, UnusableInput
from ingest.ids import make_doc_id
from ingest.parse.citations import find_citations
from ingest.parse.clauses import build_clauses
from ingest.parse.front_matter import read_front_matter, status_of
from ingest.parse.lines import split_lines
from ingest.parse.normalise import normalise
from ingest.parse.ocr_confidence import with_ocr_confidence
from ingest.read.files import read_file
from ingest.read.ocr_engine import OcrEngine
from ingest.read.raw_text import RawText
from ingest.records import Document

__all__ = ["parse_file", "parse_text"]

_CJK = re.compile(r"[\u3400-\u9fff]")
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
_JUNK_SHARE = 0.05  # more control or replacement characters than this: binary, not text
_POLICY_WORDS = tuple(
    w.strip()
    for w in (Path(__file__).parent / "data" / "policy_words.txt").read_text("utf-8").splitlines()
    if w.strip() and not w.startswith("#")
)
_MIN_POLICY_WORDS = 2  # an unnumbered text needs this many distinct policy words


def parse_file(path: str | Path, ocr: OcrEngine | None = None) -> Document:
    """Parse a file of any supported format (UnreadableFile / UnusableInput on failure).

    ``ocr``: the OCR engine for scans (default: the bundled one).
    """
    path = Path(path)
    raw = read_file(path, ocr)
    try:
        data = path.read_bytes()
    except OSError:
        data = raw.text.encode("utf-8")
    return _parse(raw, str(path), make_doc_id(path, data), hashlib.sha256(data).hexdigest())


def parse_text(text: str, name: str = "<text>") -> Document:
    """Parse text already in memory; ``name`` names it in errors and makes its doc_id."""
    data = text.encode("utf-8", "surrogatepass")
    return _parse(RawText(text), name, make_doc_id(name, data), hashlib.sha256(data).hexdigest())


def _check(raw: str, name: str) -> None:
    stripped = raw.strip()
    if not stripped:
        raise UnusableInput(name, "empty: no text in the file", kind=ErrorKind.EMPTY)
    if len(_JUNK.findall(stripped)) > _JUNK_SHARE * len(stripped):
        raise UnusableInput(name, "binary data, not text", kind=ErrorKind.BINARY)
    if not _CJK.search(stripped):
        raise UnusableInput(
            name, "no Chinese text: not a policy document", kind=ErrorKind.NOT_CHINESE
        )


def _policy_like(text: str) -> bool:
    """Whether an unnumbered text reads like policy: enough distinct policy words."""
    return sum(w in text for w in _POLICY_WORDS) >= _MIN_POLICY_WORDS


def _parse(read: RawText, name: str, doc_id: str, sha256: str) -> Document:
    raw = read.text
    _check(raw, name)
    norm = normalise(raw)
    text = norm.text
    lines = split_lines(text)
    if not lines:
        raise UnusableInput(name, "empty after normalisation", kind=ErrorKind.EMPTY)
    stem = Path(name).stem if name != "<text>" else lines[0].text[:40]
    fm = read_front_matter(lines, len(text), stem)
    clauses = build_clauses(text, fm.body_start, fm.body_end)
    if not clauses:  # a lone title line: the text itself is the one paragraph
        clauses = build_clauses(text)
    if all(c.kind == "paragraph" for c in clauses) and not _policy_like(text):
        raise UnusableInput(
            name,
            "no recognisable structure: no numbered clauses and no policy wording",
            kind=ErrorKind.NO_STRUCTURE,
        )
    body = text[fm.body_start : fm.body_end]
    level, region, regions = document_place(fm.title, fm.issuer, fm.front, body)
    return Document(
        doc_id=doc_id,
        title=fm.title,
        doc_number=fm.doc_number,
        issuer=fm.issuer,
        date=fm.date,
        status=status_of(fm.title, fm.front),
        level=level,
        region=region,
        citations=find_citations(fm.title, body, fm.body_start),
        clauses=with_ocr_confidence(clauses, norm.offsets, read.ocr, len(raw)),
        text=text,
        source=name,
        sha256=sha256,
        regions=regions,
        original=raw,
        offsets=tuple(norm.offsets),
        skipped_pages=read.skipped,
    )
