"""Text out of page images: RapidOCR (ONNX models shipped in its wheel) or Tesseract, an operator's choice.

VITAL_OCR_ENGINE picks the engine: `rapidocr` (the default, installed by pip
with its models, runs on onnxruntime), `tesseract` (Debian's `tesseract-ocr`,
run as a subprocess) or `off`. Each returns the page's lines and their mean
confidence (0..1). The RapidOCR engine is loaded once per process (~0.5 s).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from dataclasses import dataclass

ENGINES = ("rapidocr", "tesseract", "off")

_lock = threading.Lock()
_rapid = None


@dataclass(frozen=True)
class Read:
    lines: list[str]
    confidence: float   # mean over the lines (RapidOCR) or words (Tesseract), 0..1


class OcrUnavailable(RuntimeError):
    """The engine chosen cannot run here (Tesseract not installed)."""


def trimmed(image):
    """The image cropped to its ink plus a margin: a page's white border costs detection time, not text."""
    from PIL import ImageOps

    gray = image.convert("L")
    box = ImageOps.invert(gray).point(lambda v: 255 if v > 40 else 0).getbbox()
    if not box:
        return None  # a blank page
    pad = 24
    return gray.crop((max(0, box[0] - pad), max(0, box[1] - pad),
                      min(gray.width, box[2] + pad), min(gray.height, box[3] + pad)))


def read(image, engine: str = "rapidocr") -> Read:
    """The text of one page image (a PIL image), top to bottom."""
    image = trimmed(image)
    if image is None:
        return Read([], 0.0)
    if engine == "tesseract":
        return _tesseract(image)
    return _rapidocr(image)


def _rapidocr(image) -> Read:
    import numpy as np

    global _rapid
    with _lock:
        if _rapid is None:
            from rapidocr_onnxruntime import RapidOCR
            # Its defaults shrink a page to 2,000 px (~170 dpi for A4: spaces and small print are lost), then
            # enlarge the shorter side to 736 px for detection (a strip of text becomes huge and slow).
            # Pages keep their resolution for recognition; detection sees at most 1,600 px.
            _rapid = RapidOCR(max_side_len=4000, det_limit_type="max", det_limit_side_len=1600)
        engine = _rapid
    result, _ = engine(np.asarray(image.convert("RGB")), use_cls=False)
    lines = [(box, text, float(score)) for box, text, score in result or [] if text.strip()]
    lines.sort(key=lambda r: (round(r[0][0][1] / 10), r[0][0][0]))  # reading order: rows, then left to right
    if not lines:
        return Read([], 0.0)
    return Read([t for _, t, _ in lines], sum(s for _, _, s in lines) / len(lines))


def _tesseract(image) -> Read:
    binary = shutil.which("tesseract")
    if not binary:
        raise OcrUnavailable("VITAL_OCR_ENGINE=tesseract but the tesseract program is not installed "
                             "(apt-get install tesseract-ocr).")
    import io

    png = io.BytesIO()
    image.save(png, "PNG")
    out = subprocess.run([binary, "stdin", "stdout", "--dpi", "300", "tsv"], input=png.getvalue(),
                         capture_output=True, timeout=120, check=True).stdout.decode("utf-8", "replace")
    lines: dict[tuple, list[str]] = {}
    confidences = []
    for row in out.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) == 12 and cols[11].strip() and float(cols[10]) >= 0:
            lines.setdefault((int(cols[2]), int(cols[3]), int(cols[4])), []).append(cols[11])
            confidences.append(float(cols[10]) / 100)
    if not confidences:
        return Read([], 0.0)
    return Read([" ".join(words) for _, words in sorted(lines.items())], sum(confidences) / len(confidences))
