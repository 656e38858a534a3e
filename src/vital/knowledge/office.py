"""Word (.docx) and PowerPoint (.pptx): headings, lists, tables, slides with their notes.

DOCX: the body in order; a paragraph styled `Title` or `Heading N` opens a
section (the heading path of its chunks), list paragraphs keep a "- " mark,
tables become rows with their header (vital.knowledge.tables); headers and
footers are other parts of the package and are left out. PPTX: one section per
slide, headed by its title ("Slide 3: Results" when it has none of its own),
its text frames, tables and the speaker's notes, located by slide number.
Both formats are ZIP packages: their declared sizes are checked against the
budget before anything is decompressed.
"""

from __future__ import annotations

import io
import re
import zipfile

from vital.knowledge import tables
from vital.knowledge.parsed import Block, Clock, ParseError, Parsed, over_budget

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def check_package(data: bytes, clock: Clock, kind: str) -> None:
    """A readable ZIP whose parts, decompressed, fit the budget (a ZIP bomb fails here, unopened)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            size = sum(i.file_size for i in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError("unreadable", f"Not a readable {kind} file ({exc}).") from exc
    if size > clock.budget.decompressed_bytes:
        raise over_budget(f"The {kind} file unpacks to {size:,} bytes; at most "
                          f"{clock.budget.decompressed_bytes:,} are allowed.", "VITAL_KNOWLEDGE_MAX_DECOMPRESSED_BYTES")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


# -- Word -----------------------------------------------------------------------
def parse_docx(data: bytes, fallback_title: str, clock: Clock) -> Parsed:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_package(data, clock, "Word (.docx)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... for a damaged package
        raise ParseError("unreadable", f"Not a readable Word (.docx) file ({type(exc).__name__}).") from exc
    blocks: list[Block] = []
    title = _squash(document.core_properties.title)
    tables_seen = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            text = _squash(paragraph.text)
            if not text:
                continue
            level = _heading_level(paragraph)
            if level:
                title = title or (text if level == 1 else "")
                blocks.append(Block(text, heading=level))
            else:
                blocks.append(Block(("- " if _is_list(paragraph) else "") + text))
        elif tag == "tbl":
            tables_seen += 1
            rows = [_row_cells(row) for row in Table(element, document).rows]
            blocks += tables.table_blocks(rows, clock, location=lambda r, t=tables_seen: {"table": t, "row": r})
        clock.check()
    return Parsed(title or fallback_title, DOCX, blocks)


def _heading_level(paragraph) -> int:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return 1
    match = re.fullmatch(r"Heading (\d)", name)
    return min(int(match.group(1)), 6) if match else 0


def _is_list(paragraph) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    props = paragraph._p.pPr
    return "List" in name or (props is not None and props.numPr is not None)


def _row_cells(row) -> list[str]:
    cells, last = [], None
    for c in row.cells:
        # A merged cell is returned once per grid column it spans: keep it once.
        if last is not None and c._tc is last:
            continue
        last = c._tc
        cells.append(_squash(c.text))
    return cells


# -- PowerPoint -----------------------------------------------------------------
def parse_pptx(data: bytes, fallback_title: str, clock: Clock) -> Parsed:
    from pptx import Presentation

    check_package(data, clock, "PowerPoint (.pptx)")
    try:
        deck = Presentation(io.BytesIO(data))
    except Exception as exc:
        raise ParseError("unreadable", f"Not a readable PowerPoint (.pptx) file ({type(exc).__name__}).") from exc
    if len(deck.slides) > clock.budget.pages:
        raise over_budget(f"The deck has {len(deck.slides):,} slides; at most {clock.budget.pages:,} are allowed.",
                          "VITAL_KNOWLEDGE_MAX_PAGES")
    blocks: list[Block] = []
    for number, slide in enumerate(deck.slides, start=1):
        clock.check()
        where = {"slide": number}
        title_shape = slide.shapes.title
        heading = _squash(title_shape.text_frame.text) if title_shape is not None and title_shape.has_text_frame \
            else ""
        blocks.append(Block(heading or f"Slide {number}", heading=1, location=where))
        for shape in _shapes(slide.shapes):
            if title_shape is not None and shape.shape_id == title_shape.shape_id:
                continue
            if getattr(shape, "has_table", False) and shape.has_table:
                rows = [[_squash(c.text) for c in row.cells] for row in shape.table.rows]
                blocks += tables.table_blocks(rows, clock, location=lambda r: {**where, "row": r})
            elif shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    text = _squash("".join(run.text for run in paragraph.runs))
                    if text:
                        blocks.append(Block(("- " if paragraph.level else "") + text, location=where))
        if slide.has_notes_slide:
            notes = _squash(slide.notes_slide.notes_text_frame.text if slide.notes_slide.notes_text_frame else "")
            if notes:
                blocks.append(Block(f"Notes: {notes}", location={**where, "notes": True}))
    title = _squash(deck.core_properties.title) or next((b.text for b in blocks if b.heading), fallback_title)
    return Parsed(title, PPTX, blocks, {"slides": len(deck.slides)})


def _shapes(shapes):
    """Shapes in reading order (top, then left), groups opened."""
    flat = []
    for shape in shapes:
        if shape.shape_type is not None and getattr(shape, "shapes", None) is not None:
            flat += _shapes(shape.shapes)
        else:
            flat.append(shape)
    return sorted(flat, key=lambda s: ((s.top or 0) // 100_000, s.left or 0))
