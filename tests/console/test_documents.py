"""The exports' document writer on its own: Markdown with numbered sources, and a PDF whose text
(read back by pypdf) holds the title, the paragraphs and the sources, with the typographic
characters a model writes turned into Latin-1 that the PDF's font can draw."""

from __future__ import annotations

import io

from pypdf import PdfReader

from vital.console.documents import Document, Section, Source, markdown, pdf

DOC = Document("Breach notice — “HHS” timing", ["Ask Expert, mode 4", "Started 2026-12-03 10:00 UTC"], [
    Section("Question", ["When must we notify HHS about a HIPAA breach?"]),
    Section("Answer", ["Within 60 days of discovery [1]… and ≥ 500 people → media notice [2]."], [
        Source(1, "HIPAA breach notification", "no later than 60 days after discovery", "http://acme.localhost/passages/1"),
        Source(2, "HIPAA breach notification", "more than 500 residents", None)]),
])


def test_markdown_lists_each_answers_sources():
    text = markdown(DOC)
    assert text.startswith("# Breach notice — “HHS” timing\n")
    assert '1. *HIPAA breach notification*: "no later than 60 days after discovery" <http://acme.localhost/passages/1>' in text
    assert '2. *HIPAA breach notification*: "more than 500 residents"' in text


def test_pdf_holds_the_text_and_the_sources():
    data = pdf(DOC)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert 'Breach notice - "HHS" timing' in text  # dashes and curly quotes as their plain forms
    assert "Within 60 days of discovery [1]... and >= 500 people -> media notice [2]." in text
    assert '[1] HIPAA breach notification: "no later than 60 days after discovery" (http://acme.localhost/passages/1)' in text
    assert reader.metadata.title == 'Breach notice - "HHS" timing'
