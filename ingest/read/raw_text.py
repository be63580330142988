"""What a reader gives the parser: the text, and where it came from OCR and how surely.

Most readers only have text. A scan read by OCR also has, for each paragraph,
the engine's confidence, and the pages it could not read, which are left out
and named rather than guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.read.layout import Paragraph
from ingest.records import SkippedPage

__all__ = ["OcrSpan", "RawText", "from_paragraphs"]


@dataclass(frozen=True, slots=True)
class OcrSpan:
    """Characters ``start``..``end`` of the raw text were OCR'd with this mean confidence."""

    start: int
    end: int
    confidence: float


@dataclass(frozen=True, slots=True)
class RawText:
    """A file's decoded text, one paragraph a line, tables as TAB rows."""

    text: str
    ocr: tuple[OcrSpan, ...] = ()
    skipped: tuple[SkippedPage, ...] = ()


def from_paragraphs(paras: list[Paragraph], skipped: tuple[SkippedPage, ...] = ()) -> RawText:
    """The text of laid-out paragraphs, with a span for each OCR'd one."""
    spans, pos = [], 0
    for p in paras:
        if p.confidence is not None:
            spans.append(OcrSpan(pos, pos + len(p.text), round(p.confidence, 4)))
        pos += len(p.text) + 1
    return RawText("\n".join(p.text for p in paras), tuple(spans), skipped)
