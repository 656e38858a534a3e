"""PDF: the text layer (pypdf, under the file's Budget), tables (pdfplumber), scanned pages (OCR).

Text comes from pypdf with its resource limits set from the budget, as before.
A page where pdfplumber finds ruled tables is read again by pdfplumber: the
text around the tables in reading order, and each table as rows with their
header (vital.knowledge.tables). A page with no usable text layer is rendered
by pypdfium2 and read by OCR (vital.knowledge.ocr); a page nothing can be read
from is listed in the document's `skipped_pages`, never silently empty.

The CPU budget is a deadline on this thread's CPU time checked between pages,
not a subprocess under RLIMIT_CPU: forking the API process (threads, pooled
connections) is not safe and spawning one per file costs more than most files'
parsing; what one page may cost in between is bounded by pypdf's own limits,
set here from the budget (bytes per stream, decoding and content-parsing work).
"""

from __future__ import annotations

import io
import logging
import re

from vital.knowledge import ocr, tables
from vital.knowledge.parsed import Block, Clock, ParseError, Parsed, over_budget

_PDF_HEADING = re.compile(r"^(\d+(\.\d+)*\.?|[IVX]+\.|Annex [A-Z0-9]+|Appendix [A-Z0-9]+)\s+[A-Z][^.]{1,70}$")
PDF_STREAM_TOKENS = 250_000
USABLE_TEXT = 16   # fewer visible characters than this on a page: no usable text layer (a scan)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _pdf_limits(budget) -> dict:
    """pypdf's resource limits (its defaults allow 75 MB per stream) from the file's budget."""
    most = budget.decompressed_bytes
    return {name: most for name in (
        "maximum_declared_stream_length", "array_based_stream_maximum_output_length", "jbig2_maximum_output_length",
        "lzw_maximum_output_length", "run_length_maximum_output_length", "zlib_maximum_output_length",
        "brotli_maximum_output_length", "image_maximum_buffer_size", "stream_decoding_work_maximum_length",
        "xfa_decoding_work_maximum_length")} | {
        # ~1 s of CPU at most per content stream (pypdf: 2,000,000, ~9 s); a dense page of text is ~10,000.
        "stream_parsing_work_maximum_count": PDF_STREAM_TOKENS,
        "page_tree_maximum_entries": budget.pages + 1000, "disable_legacy_handling": True}


def parse_pdf(data: bytes, fallback_title: str, clock: Clock, ocr_engine: str = "rapidocr",
              ocr_dpi: int = 300) -> Parsed:
    pages, meta_title = _text_layer(data, clock)
    page_blocks = [_page_blocks(text, n) for n, text in enumerate(pages, start=1)]
    _tables(data, page_blocks, clock)
    skipped = []
    for n, text in enumerate(pages, start=1):
        if len(_squash(text)) < USABLE_TEXT and not any(b.location.get("table") for b in page_blocks[n - 1]):
            blocks, reason = _ocr_page(data, n, clock, ocr_engine, ocr_dpi)
            page_blocks[n - 1] = blocks or page_blocks[n - 1]
            if reason:
                skipped.append({"page": n, "reason": reason})
    blocks = [b for page in page_blocks for b in page]
    if not any(b.heading == 0 for b in blocks):
        why = "; ".join(f"p. {s['page']}: {s['reason']}" for s in skipped[:5])
        raise ParseError("empty", f"No text could be read from the PDF ({why or 'no text layer'}).",
                         "Upload a PDF with a text layer, or a clearer scan (300 dpi).")
    meta_title = "" if _squash(meta_title).lower() in ("(anonymous)", "untitled", "(unspecified)") else meta_title
    title = _squash(meta_title) or next((b.text for b in blocks if b.heading), None) or fallback_title
    metadata = {"pages": len(pages)}
    if skipped:
        metadata["skipped_pages"] = skipped
    ocr_pages = sorted({b.page for b in blocks if b.ocr is not None})
    if ocr_pages:
        metadata["ocr_pages"] = ocr_pages
    return Parsed(title, "application/pdf", blocks, metadata)


def _text_layer(data: bytes, clock: Clock) -> tuple[list[str], str]:
    # Imported here, not for a cycle: pypdf is a heavy import that only PDF files need.
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings become our one error message
    budget = clock.budget
    try:
        with apply_configuration(**_pdf_limits(budget)):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ParseError("encrypted", "The PDF is encrypted.")
            if len(reader.pages) > budget.pages:
                raise over_budget(f"The PDF has {len(reader.pages):,} pages; at most {budget.pages:,} are allowed.",
                                  "VITAL_KNOWLEDGE_MAX_PAGES")
            pages, extracted = [], 0
            for page in reader.pages:
                clock.check()
                pages.append(page.extract_text() or "")
                extracted += len(pages[-1])
                if extracted > budget.decompressed_bytes:
                    raise over_budget(f"The PDF's text is longer than {budget.decompressed_bytes:,} characters.",
                                      "VITAL_KNOWLEDGE_MAX_DECOMPRESSED_BYTES")
            clock.check()
            meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except ParseError:
        raise
    except LimitReachedError as exc:
        raise over_budget(f"The PDF exceeds a decompression or parsing limit ({exc}).",
                          "VITAL_KNOWLEDGE_MAX_DECOMPRESSED_BYTES") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise ParseError("unreadable", f"Not a readable PDF ({exc}).") from exc
    return pages, meta_title


def _page_blocks(page_text: str, page: int, confidence: float | None = None) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []

    def add(text: str, heading: int = 0) -> None:
        blocks.append(Block(text, heading=heading, page=page, location={"page": page}, ocr=confidence))

    def flush():
        if para:
            add(_squash(re.sub(r"(\w)- (\w)", r"\1\2", " ".join(para))))
            para.clear()

    for line in page_text.replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line:
            flush()
        elif _PDF_HEADING.match(line):
            flush()
            add(line, heading=2)
        else:
            para.append(line)
            if line.endswith((".", "!", "?", ":")) and len(line) < 60:
                flush()  # a short line that ends a sentence usually ends its paragraph
    flush()
    return blocks


def _tables(data: bytes, page_blocks: list[list[Block]], clock: Clock) -> None:
    """Pages with ruled tables, read again: text around the tables, and the tables as rows with headers."""
    import pdfplumber

    ruled = _ruled_pages(data, clock)
    if not ruled:
        return
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data), pages=ruled) as pdf:
            for number, page in zip(ruled, pdf.pages):
                clock.check()
                if not page.rects and not page.lines:
                    continue  # no ruling: no table the lines strategy could find
                found = page.find_tables()
                if found:
                    page_blocks[number - 1] = _page_with_tables(page, found, number, clock)
                page.close()
    except ParseError:
        raise
    except Exception as exc:  # pdfminer's errors are many and untyped: keep pypdf's text for every page
        logging.getLogger(__name__).warning("PDF table detection failed: %s", exc)


def _ruled_pages(data: bytes, clock: Clock) -> list[int]:
    """Pages that draw paths (lines, rectangles), found by pdfium in C: pdfplumber's layout analysis costs
    ~0.2 s a page, and only a page with ruling can hold a table its lines strategy finds."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return []
    try:
        pages = []
        for number in range(1, len(document) + 1):
            clock.check()
            page = document[number - 1]
            if any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)):
                pages.append(number)
            page.close()
        return pages
    finally:
        document.close()


def _page_with_tables(page, found, number: int, clock: Clock) -> list[Block]:
    blocks: list[Block] = []
    top = 0.0
    for index, table in enumerate(sorted(found, key=lambda t: t.bbox[1]), start=1):
        x0, t_top, x1, t_bottom = table.bbox
        if t_top > top:
            blocks += _page_blocks(page.crop((0, top, page.width, t_top)).extract_text() or "", number)
        location = {"page": number, "table": index}
        blocks += tables.table_blocks(table.extract(), clock, location=lambda row: {**location, "row": row})
        top = t_bottom
    if top < page.height:
        blocks += _page_blocks(page.crop((0, top, page.width, page.height)).extract_text() or "", number)
    for b in blocks:
        b.page = number
    return blocks


def _ocr_page(data: bytes, number: int, clock: Clock, engine: str, dpi: int) -> tuple[list[Block], str | None]:
    """The page read by OCR, or why it could not be read."""
    if engine == "off":
        return [], "no text layer, and OCR is off (VITAL_OCR_ENGINE)"
    clock.count("ocr_pages")
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
        try:
            image = document[number - 1].render(scale=dpi / 72).to_pil()
        finally:
            document.close()
        read = ocr.read(image, engine)
    except ocr.OcrUnavailable as exc:
        return [], str(exc)
    except Exception as exc:  # a page the renderer or engine cannot handle is skipped, and said so
        return [], f"could not be rendered or read ({type(exc).__name__})"
    finally:
        clock.check()
    if not read.lines:
        return [], "no text layer, and OCR found no text"
    return _page_blocks("\n".join(read.lines), number, round(read.confidence, 4)), None
