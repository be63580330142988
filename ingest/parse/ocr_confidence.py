"""Each clause's OCR confidence: the mean over its characters of the engine's confidence.

The reader marks OCR'd paragraphs as spans of the raw text; the normaliser's
offset map leads from a clause's characters back to them. A clause none of
whose characters came from OCR has no confidence (None), so text-layer and
typed documents are unmarked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ingest.read.raw_text import OcrSpan
from ingest.records import Clause

__all__ = ["with_ocr_confidence"]


def with_ocr_confidence(
    clauses: tuple[Clause, ...], offsets: Sequence[int], spans: Sequence[OcrSpan], size: int
) -> tuple[Clause, ...]:
    """The clauses with ``ocr_confidence`` set from the spans (``size``: raw text length)."""
    if not spans:
        return clauses
    at: list[float | None] = [None] * (size + 1)
    for s in spans:
        at[s.start : s.end] = [s.confidence] * (s.end - s.start)
    out = []
    for c in clauses:
        known = [v for i in range(c.start, c.end) if (v := at[offsets[i]]) is not None]
        conf = round(sum(known) / len(known), 3) if known else None
        out.append(replace(c, ocr_confidence=conf))
    return tuple(out)
