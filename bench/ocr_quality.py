"""OCR of scanned pages: character accuracy on scans of known text, and seconds per page.

    PYTHONPATH=src .venv/bin/python bench/ocr_quality.py [--pages 6] [--dpi 300] [--engine rapidocr|tesseract]

Prints known sentences (a life-science vocabulary, numbers, codes, punctuation) on A4 pages
with reportlab in Helvetica, Times and Courier at 10-12 pt, renders each page at --dpi and
saves it as a PDF of the image alone (no text layer: a scan), then parses it with
vital.knowledge.parse as an upload would be. Character accuracy is 1 - (Levenshtein distance
between the text printed and the text read, whitespace runs as one space) / characters
printed, over all pages. Figures: docs/knowledge.md ("Scanned pages").
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # tests.knowledge.office_files

from tests.knowledge.office_files import scanned_pdf  # noqa: E402
from vital.knowledge.parse import parse  # noqa: E402

SUBJECTS = ["The assay of batch B-{n}", "Water content by Karl Fischer", "The dissolution at 30 minutes",
            "Impurity A in lot {n}-A", "The pH of the reconstituted solution", "Particle size (D90)",
            "The bioburden of the drug substance", "Residual ethanol by GC"]
VERBS = ["remained within", "was reported as", "did not exceed", "was confirmed at", "stayed below"]
VALUES = ["98.0 to 102.0 percent", "0.5 percent w/w", "{n} ppm", "85 percent (Q)", "pH 6.8", "42 micrometres",
          "10 CFU per gram", "5,000 ppm"]
TAILS = ["at 25 C / 60 % RH for twelve months.", "in every sample tested.", "after six months at 40 C.",
         "according to method SOP-QC-{n}.", "(see Table 3 of the report).", "before release by the QP."]
FONTS = ["Helvetica", "Times-Roman", "Courier"]


def sentence(rng: random.Random) -> str:
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(VALUES), rng.choice(TAILS)]
    return " ".join(p.replace("{n}", str(rng.randint(100, 9999))) for p in parts)


def distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def page_pdf(lines: list[str], font: str, size: int, dpi: int) -> bytes:
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    y = 790
    for text in lines:
        for line in simpleSplit(text, font, size, A4[0] - 100):   # wrapped to the page's width, as printed
            page.setFont(font, size)
            page.drawString(50, y, line)
            y -= size * 1.8
    page.save()
    document = pdfium.PdfDocument(out.getvalue())
    image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    document.close()
    scan = io.BytesIO()
    image.save(scan, "PDF", resolution=dpi)
    return scan.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--lines", type=int, default=16, help="Sentences per page.")
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--engine", default="rapidocr", choices=("rapidocr", "tesseract"))
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    parse("warm.pdf", scanned_pdf(["Warming up the engine."]), ocr_engine=args.engine)  # model load, not timed
    errors = printed = 0
    seconds = 0.0
    confidences = []
    for number in range(args.pages):
        lines = [sentence(rng) for _ in range(args.lines)]
        font, size = FONTS[number % len(FONTS)], 10 + number % 3
        data = page_pdf(lines, font, size, args.dpi)
        began = time.perf_counter()
        parsed = parse(f"scan-{number}.pdf", data, ocr_engine=args.engine, ocr_dpi=args.dpi)
        seconds += time.perf_counter() - began
        expected = re.sub(r"\s+", " ", " ".join(lines)).strip()
        got = re.sub(r"\s+", " ", " ".join(b.text for b in parsed.blocks)).strip()
        page_errors = distance(expected, got)
        errors += page_errors
        printed += len(expected)
        confidences += [b.ocr for b in parsed.blocks if b.ocr is not None]
        print(f"page {number + 1} ({font} {size} pt): {100 * (1 - page_errors / len(expected)):.2f} % "
              f"of {len(expected)} characters")
    print(f"engine {args.engine} at {args.dpi} dpi: character accuracy {100 * (1 - errors / printed):.2f} % "
          f"over {printed} characters on {args.pages} pages; {seconds / args.pages:.1f} s per page; "
          f"mean confidence {sum(confidences) / max(1, len(confidences)):.3f}")


if __name__ == "__main__":
    main()
