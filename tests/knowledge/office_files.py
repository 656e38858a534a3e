"""Office files, tabular PDFs and scans made by the tests themselves (python-docx, python-pptx, openpyxl,
reportlab, pypdfium2): no binary fixture. bench/tables_quality.py and bench/ocr_quality.py use them too."""

from __future__ import annotations

import csv
import io

STABILITY = [["Batch", "Month", "Assay (%)", "Impurity A (%)", "Result"],
             ["B-2041", "0", "99.8", "0.05", "Pass"],
             ["B-2041", "6", "99.1", "0.09", "Pass"],
             ["B-2042", "12", "97.2", "0.31", "Out of trend"]]


def docx_file() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Cleaning validation SOP"
    section = document.sections[0]
    section.header.paragraphs[0].text = "CONFIDENTIAL HEADER TEXT"
    section.footer.paragraphs[0].text = "Page footer text"
    document.add_heading("Cleaning validation SOP", level=1)
    document.add_paragraph("This procedure covers the cleaning of the granulator line.")
    document.add_heading("Acceptance limits", level=2)
    document.add_paragraph("Swab samples are taken after every campaign.")
    document.add_paragraph("Rinse the bowl twice", style="List Bullet")
    document.add_paragraph("Swab the blade", style="List Bullet")
    table = document.add_table(rows=0, cols=len(STABILITY[0]))
    for row in STABILITY:
        cells = table.add_row().cells
        for c, value in zip(cells, row):
            c.text = value
    document.add_heading("Records", level=2)
    document.add_paragraph("Records are kept for five years.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pptx_file() -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = "Quarterly quality review"
    slide.placeholders[1].text = "Deviations fell by a third this quarter."
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Stability results"
    shape = slide.shapes.add_table(len(STABILITY), len(STABILITY[0]), Inches(0.5), Inches(1.5), Inches(9),
                                   Inches(3))
    for r, row in enumerate(STABILITY):
        for c, value in enumerate(row):
            shape.table.cell(r, c).text = value
    slide.notes_slide.notes_text_frame.text = "Mention the out-of-trend batch to the committee."
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def xlsx_file(rows: int = 0) -> bytes:
    """Two sheets: the stability table, and a tracker of `rows` numbered rows (for budgets and throughput)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Stability")
    for row in STABILITY:
        sheet.append([float(v) if v.replace(".", "").isdigit() else v for v in row])
    if rows:
        tracker = book.create_sheet("Tracker")
        tracker.append(["Lot", "Site", "Status"])
        for i in range(rows):
            tracker.append([f"L-{i:05d}", "Basel" if i % 2 else "Lyon", "released"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_file() -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(STABILITY)
    return out.getvalue().encode()


def table_pdf(tables: list[list[list[str]]], *, intro: str = "Stability data of the registration batches.") -> bytes:
    """A PDF page per table: a sentence, then the table with its grid (reportlab)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    out = io.BytesIO()
    story = []
    for i, rows in enumerate(tables):
        story.append(Paragraph(intro, getSampleStyleSheet()["Normal"]))
        table = Table(rows)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("FONTSIZE", (0, 0), (-1, -1), 8)]))
        story.append(table)
        if i + 1 < len(tables):
            story.append(PageBreak())
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def text_pdf(lines: list[str], font_size: int = 12) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    y = 780
    for line in lines:
        page.setFont("Helvetica", font_size)
        page.drawString(60, y, line)
        y -= font_size * 1.8
    page.save()
    return out.getvalue()


def scanned_pdf(lines: list[str], dpi: int = 300) -> bytes:
    """A PDF of one page image and no text layer: `lines` printed, rendered at `dpi`, saved as an image."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(text_pdf(lines))
    try:
        image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "PDF", resolution=dpi)
    return out.getvalue()
