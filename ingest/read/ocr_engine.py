"""The OCR engine: a page image -> text lines with boxes and confidences.

RapidOCR (PaddleOCR's PP-OCRv6 detection and recognition models run by
onnxruntime) was chosen over Debian's tesseract-ocr-chi-sim on the scans of
``tests/fixtures/make_scans.py``: see docs/readers.md for the figures. Its
models ship inside the ``rapidocr`` wheel; they are loaded by explicit path,
so the library's download-on-first-use code is never reached and nothing is
fetched at run time. The engine is the optional extra ``ocr``; without it a
scan is refused with a one-line reason. ``OcrEngine`` is the seam tests use to
inject a fake.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

__all__ = [
    "DETECT_SIDE",
    "OCR_MISSING",
    "OcrEngine",
    "OcrLine",
    "RapidEngine",
    "default_engine",
    "ocr_available",
]

OCR_MISSING = "OCR is not installed (pip install 'dutygraph[ocr]'; make install does it)"
_MODELS = ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx")
# Text detection runs on the page scaled so its longer side is at most this many pixels.
# RapidOCR's default (shorter side at least 736, so a 200-dpi A4 page at 1654 x 2339)
# read the seed 001 scan in 311 s on two loaded cores; at 1280 in 168 s, with the same
# clause tree (labels 0.972, texts 0.924) and character accuracy 0.996 against 0.997.
DETECT_SIDE = 1280


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line of text the engine read, its box in image pixels, and how sure it was."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


class OcrEngine(Protocol):
    name: str

    def read(self, image: np.ndarray) -> list[OcrLine]:
        """The lines of an RGB page image (H x W x 3, uint8)."""
        ...


def ocr_available() -> bool:
    return all(importlib.util.find_spec(m) for m in ("rapidocr", "onnxruntime", "cv2"))


class RapidEngine:
    """RapidOCR with its bundled PP-OCRv6 small models, no angle classifier (pages are upright)."""

    name = "rapidocr"

    def __init__(self) -> None:
        spec = importlib.util.find_spec("rapidocr")
        if spec is None or spec.origin is None:
            raise RuntimeError(OCR_MISSING)
        models = Path(spec.origin).parent / "models"
        det, rec = (models / m for m in _MODELS)
        if not (det.is_file() and rec.is_file()):
            raise RuntimeError(f"the rapidocr package lacks its bundled models in {models}")
        from rapidocr import RapidOCR

        threads = int(os.environ.get("DUTYGRAPH_THREADS", "0")) or -1
        self._ocr: Any = RapidOCR(
            params={
                "Global.log_level": "error",
                "Global.use_cls": False,
                "Det.limit_type": "max",
                "Det.limit_side_len": DETECT_SIDE,
                "Det.model_path": str(det),
                "Rec.model_path": str(rec),
                "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            }
        )

    def read(self, image: np.ndarray) -> list[OcrLine]:
        result = self._ocr(image)
        if result.boxes is None or result.txts is None:
            return []
        out = []
        for box, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
            xs, ys = box[:, 0], box[:, 1]
            out.append(
                OcrLine(str(text), float(xs.min()), float(ys.min()), float(xs.max()),
                        float(ys.max()), float(score))
            )  # fmt: skip
        return out


@cache
def default_engine() -> OcrEngine:
    """The engine, loaded once per process."""
    return RapidEngine()
