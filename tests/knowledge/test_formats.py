"""Office files, tables, scans and locations: files the tests make, parsed, ingested, found, quoted and cited.

One database and one ingestion for the module (the scanned page's OCR is its costliest part, ~5-10 s).
"""

from __future__ import annotations

import pytest

from tests import pg
from tests.knowledge.conftest import KB, settings
from tests.knowledge.office_files import (STABILITY, csv_file, docx_file, pptx_file, scanned_pdf, table_pdf,
                                          xlsx_file)
from vital.db.tenant import tenant_transaction
from vital.knowledge.chunking import chunk, place
from vital.knowledge.parse import Budget, ParseError, parse
from vital.services.llm import ChatRequest
from vital.services.llm.extractive import ExtractiveModel
from vital.services.retrieval import KnowledgeRetriever, numbered

SCAN = ["Stability study of batch B-2041 at 25 C and 60 percent relative humidity.",
        "The assay remained within 98.0 to 102.0 percent for twelve months."]
ROW = "Batch: B-2042; Month: 12; Assay (%): 97.2; Impurity A (%): 0.31; Result: Out of trend."


def test_each_office_format_keeps_structure_tables_and_locations():
    word = parse("sop.docx", docx_file())
    assert word.title == "Cleaning validation SOP"
    texts = [b.text for b in word.blocks]
    assert "- Rinse the bowl twice" in texts and ROW in texts
    assert not any("CONFIDENTIAL" in t or "footer" in t for t in texts)  # headers and footers left out
    sections = {c.location.get("section") for c in chunk(word, max_tokens=40, overlap_tokens=5)}
    assert "Cleaning validation SOP > Acceptance limits" in sections

    deck = parse("review.pptx", pptx_file())
    by_text = {b.text: b.location for b in deck.blocks}
    assert by_text["Deviations fell by a third this quarter."] == {"slide": 1}
    assert by_text[ROW]["slide"] == 2
    assert by_text["Notes: Mention the out-of-trend batch to the committee."]["slide"] == 2
    assert [b.text for b in deck.blocks if b.heading] == ["Quarterly quality review", "Stability results"]
    assert [c.location["slide"] for c in chunk(deck) if "slide_end" not in c.location] == [1, 2]  # one per slide

    book = parse("trend.xlsx", xlsx_file(rows=300))
    rows = [b for b in book.blocks if b.location and b.location.get("sheet") == "Tracker" and not b.heading]
    assert rows[0].text == "| Lot | Site | Status |" and rows[1].text == "Lot: L-00000; Site: Lyon; Status: released."
    assert rows[-1].location == {"sheet": "Tracker", "row": 301}
    pieces = [c for c in chunk(book, max_tokens=60, overlap_tokens=10) if c.location.get("sheet") == "Tracker"]
    assert len(pieces) > 5 and all("Lot:" in c.text and "Status:" in c.text for c in pieces)  # header in each
    assert place(pieces[1].location).startswith("Tracker, rows ")
    assert parse("trend.csv", csv_file()).blocks[-1].text == ROW

    page = parse("stability.pdf", table_pdf([STABILITY]))
    assert ROW in [b.text for b in page.blocks] and page.blocks[-1].location == {"page": 1, "table": 1, "row": 4}

    html = parse("t.html", b"<h2>Results</h2><table><tr><th>Batch</th><th>Result</th></tr>"
                           b"<tr><td>B-1</td><td>Pass</td></tr></table>")
    assert [b.text for b in html.blocks] == ["Results", "| Batch | Result |", "Batch: B-1; Result: Pass."]


@pytest.mark.parametrize("name, data, content_type, modern", [
    ("old.doc", b"anything", None, ".docx"),
    ("tracker.xls", b"anything", None, ".xlsx"),
    ("upload", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, None, ".docx, .xlsx or .pptx"),  # OLE2 magic
    ("deck", b"x", "application/vnd.ms-powerpoint", ".pptx"),
])
def test_legacy_office_files_are_refused_naming_the_format_to_convert_to(name, data, content_type, modern):
    with pytest.raises(ParseError) as refused:
        parse(name, data, content_type)
    assert refused.value.reason == "legacy_format" and f"save it as {modern}" in refused.value.hint


def test_table_cells_and_sheet_rows_are_budgeted():
    with pytest.raises(ParseError) as refused:
        parse("trend.xlsx", xlsx_file(rows=200), budget=Budget(sheet_rows=100))
    assert refused.value.reason == "over_budget" and "sheet rows" in refused.value.message
    with pytest.raises(ParseError) as refused:
        parse("stability.pdf", table_pdf([STABILITY]), budget=Budget(table_cells=10))
    assert refused.value.reason == "over_budget" and "sheet_rows" not in refused.value.hint


@pytest.fixture(scope="module")
def loaded(module_db):
    with pg.connect(module_db, autocommit=True) as conn:
        kb = KB(conn)
        report = kb.ingest("acme", {"sop.docx": docx_file(), "review.pptx": pptx_file(),
                                    "trend.xlsx": xlsx_file(rows=40), "stability.pdf": table_pdf([STABILITY]),
                                    "scan.pdf": scanned_pdf(SCAN)})
        yield kb, report


def test_every_format_goes_in_and_every_chunk_has_a_location(loaded):
    kb, report = loaded
    assert {f.name: f.status for f in report.files} == {
        "sop.docx": "created", "review.pptx": "created", "trend.xlsx": "created", "stability.pdf": "created",
        "scan.pdf": "created"}
    rows = kb.conn.execute(
        "SELECT d.source_ref, c.location, c.ocr_confidence FROM rag_knowledge_chunks c "
        "JOIN rag_documents d ON d.id = c.document_id WHERE d.id = ANY(%s)",
        ([f.document_id for f in report.files],)).fetchall()
    assert rows and all(location for _, location, _ in rows)
    assert {ref for ref, _, confidence in rows if confidence is not None} == {"scan.pdf"}
    keys = {ref: set().union(*(loc for r, loc, _ in rows if r == ref)) for ref, _, _ in rows}
    assert {"slide"} <= keys["review.pptx"] and {"sheet", "rows"} <= keys["trend.xlsx"]
    assert {"page", "table", "rows"} <= keys["stability.pdf"] and "section" in keys["sop.docx"]


def test_a_table_question_is_answered_with_the_row_and_its_page(loaded):
    kb, _ = loaded
    found = kb.search("acme", "assay of batch B-2042 at month 12", k=5)["results"]
    top = next(r for r in found if r["document"]["source_ref"] == "stability.pdf")
    assert ROW in top["chunk"]["text"] and top["chunk"]["location"]["page"] == 1
    assert "p. 1" in top["citation"]
    with tenant_transaction(kb.conn, kb.claims("acme")) as conn:
        passages = numbered(KnowledgeRetriever(settings()).search(conn, "What was the assay of batch B-2042 at "
                                                                  "month 12?", k=5).passages)
    answer = ExtractiveModel().complete(ChatRequest(task="answer", question="What was the assay of batch B-2042 "
                                                    "at month 12?", passages=passages)).text
    assert "Batch: B-2042; Month: 12; Assay (%): 97.2" in answer   # the row, with its column names
    cited = [p.cited() for p in passages if f"[{p.ref}]" in answer]
    assert cited and all(c["location"] and c["where"] for c in cited)
    assert any(c["location"].get("page") == 1 or c["location"].get("sheet") == "Stability"
               or c["location"].get("slide") == 2 for c in cited)


def test_a_scanned_page_is_read_by_ocr_and_cited_with_its_page(loaded):
    kb, report = loaded
    scan = next(f for f in report.files if f.name == "scan.pdf")
    assert scan.chunks >= 1 and not scan.skipped_pages
    found = kb.search("acme", "stability study at 60 percent relative humidity", k=5)["results"]
    top = next(r for r in found if r["document"]["source_ref"] == "scan.pdf")
    assert top["document"]["source_ref"] == "scan.pdf" and top["chunk"]["location"]["page"] == 1
    assert "102.0" in top["chunk"]["text"] and top["chunk"]["ocr"]["confidence"] > 0.8
    assert top["document"]["metadata"]["ocr_pages"] == [1]


def test_a_file_over_its_tiers_budget_fails_alone_and_pages_that_cannot_be_read_are_reported(loaded):
    kb, _ = loaded
    kb.conn.execute("UPDATE tenants SET settings = settings || '{\"limits\": {\"sheet_rows\": 100}}' "
                    "WHERE subdomain = 'acme'")
    try:
        report = kb.ingest("acme", {"big.xlsx": xlsx_file(rows=500), "small.csv": csv_file(),
                                    "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"})
    finally:
        kb.conn.execute("UPDATE tenants SET settings = settings #- '{limits,sheet_rows}' WHERE subdomain = 'acme'")
    outcome = {f.name: f for f in report.files}
    assert report.status == "partial" and outcome["small.csv"].status == "created"
    assert outcome["big.xlsx"].error["code"] == "over_budget" and "100" in outcome["big.xlsx"].error["message"]
    assert "sheet_rows" in outcome["big.xlsx"].error["hint"]
    assert outcome["old.doc"].error["code"] == "legacy_format" and ".docx" in outcome["old.doc"].error["hint"]
