"""Parsing each format, refusing bad files, and chunking along headings and sentences."""

from __future__ import annotations

import pytest

from tests.knowledge.corpus import DOCUMENTS
from tests.knowledge.files import make_pdf
from vital.knowledge.chunking import approx_tokens, chunk
from vital.knowledge.parse import ParseError, parse


def test_markdown_keeps_headings_lists_tables_code_and_front_matter():
    text = b"""---
title: Monitoring plan
owner: QA
---
# Monitoring

Intro with a [link](http://x) and `code`.

## Visits
- first item
- second item

| role | visits |
|------|--------|
| CRA  | 6      |

```
SELECT 1;
```
"""
    parsed = parse("plan.md", text)
    assert parsed.title == "Monitoring plan" and parsed.metadata["owner"] == "QA"
    assert [(b.heading, b.text) for b in parsed.blocks if b.heading] == [(1, "Monitoring"), (2, "Visits")]
    bodies = [b.text for b in parsed.blocks if not b.heading]
    assert "Intro with a link and code." in bodies
    assert "- first item" in bodies and "| role | visits |" in bodies and "role: CRA; visits: 6." in bodies
    assert "SELECT 1;" in bodies


def test_html_drops_navigation_scripts_and_styles_and_keeps_structure():
    parsed = parse("page.html", b"""<html><head><title>Vacuuming</title><style>p{}</style></head><body>
        <div class="navheader">Prev Next</div><nav>menu</nav>
        <h1>Routine vacuuming</h1><p>Dead rows &amp; free space.<p>Second paragraph
        <pre>  VACUUM (VERBOSE);\n  ANALYZE;</pre><table><tr><td>a<td>b</table>
        <script>alert(1)</script></body></html>""")
    assert parsed.title == "Vacuuming"
    texts = [b.text for b in parsed.blocks]
    assert texts[0] == "Routine vacuuming" and parsed.blocks[0].heading == 1
    assert "Dead rows & free space." in texts and "Second paragraph" in texts
    assert "  VACUUM (VERBOSE);\n  ANALYZE;" in texts and "| a | b |" in texts
    assert not any("Prev" in t or "menu" in t or "alert" in t or "p{}" in t for t in texts)


def test_plain_text_paragraphs_and_standalone_heading_lines():
    parsed = parse("notes.txt", b"STABILITY NOTES\n\nLong-term studies run\nfor 36 months.\n\nShort line.")
    assert parsed.title == "STABILITY NOTES"
    assert [(b.heading, b.text) for b in parsed.blocks] == [
        (2, "STABILITY NOTES"), (0, "Long-term studies run for 36 months."), (0, "Short line.")]


def test_pdf_text_pages_and_numbered_headings():
    parsed = parse("sop.pdf", make_pdf([["1. Scope", "Applies to all studies."], ["2. Records", "Keep them."]],
                                       title="SOP-1"))
    assert parsed.title == "SOP-1" and parsed.metadata["pages"] == 2
    assert [(b.heading, b.text, b.page) for b in parsed.blocks] == [
        (2, "1. Scope", 1), (0, "Applies to all studies.", 1), (2, "2. Records", 2), (0, "Keep them.", 2)]


@pytest.mark.parametrize("name, data, reason", [
    ("drawing.vsdx", b"PK\x03\x04...", "unsupported_format"),
    ("slides.pptx", b"PK\x03\x04...", "unreadable"),
    ("blob.txt", b"\x00\x01\x02binary", "binary"),
    ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "unreadable"),
    ("scan.pdf", make_pdf([[]]), "empty"),
    ("empty.md", b"   \n\n", "empty"),
])
def test_bad_files_are_refused_with_a_reason(name, data, reason):
    with pytest.raises(ParseError) as e:
        parse(name, data)
    assert e.value.reason == reason


def test_the_format_is_sniffed_when_the_name_does_not_say():
    assert parse("upload", b"%PDF" + make_pdf([["Hello there."]])[4:]).mime_type == "application/pdf"
    assert parse("upload", b"<!DOCTYPE html><html><body><p>Hi.</p></body></html>").mime_type == "text/html"
    assert parse("upload", b"Just words.", "text/markdown").mime_type == "text/markdown"


def _words(n: int, word: str = "token") -> str:
    return " ".join([word] * n)


def test_chunks_are_exact_slices_within_budget_and_never_mix_sections():
    sentences = " ".join(f"Sentence {i} says something about monitoring visits." for i in range(60))
    doc = parse("x.md", f"# A\n\n{sentences}\n\n## B\n\nShort section.\n\n## C\n\nAnother short one.".encode())
    chunks = chunk(doc, max_tokens=80, overlap_tokens=20)
    content = doc.content
    for c in chunks:
        assert content[c.char_start:c.char_end] == c.text
        assert c.token_count <= 80
    by_section = {}
    for c in chunks:
        by_section.setdefault(c.section, []).append(c)
    assert len(by_section["A"]) > 3
    # The two small sections share one chunk whole; no chunk holds part of A and part of B.
    assert [c.text for c in by_section["A > B"]] == ["B\n\nShort section.\n\nC\n\nAnother short one."]
    assert all("Short section" not in c.text for c in by_section["A"])


def test_chunks_end_at_sentences_and_overlap_by_whole_sentences():
    text = " ".join(f"Fact number {i} is stated here." for i in range(40))
    chunks = chunk(parse("x.txt", text.encode()), max_tokens=50, overlap_tokens=15)
    assert len(chunks) > 2
    for previous, current in zip(chunks, chunks[1:]):
        assert previous.text.endswith(".")
        assert current.char_start < previous.char_end        # overlap...
        assert current.text.startswith("Fact number")        # ...made of whole sentences
        assert approx_tokens(previous.text[current.char_start - previous.char_start:]) <= 15


def test_abbreviations_do_not_end_a_sentence_and_overlong_sentences_are_cut_between_words():
    doc = parse("x.txt", ("Dr. Smith met e.g. the IRB. " + _words(300) + ".").encode())
    chunks = chunk(doc, max_tokens=100, overlap_tokens=10)
    assert chunks[0].text.startswith("Dr. Smith met e.g. the IRB.")
    assert all(c.token_count <= 100 for c in chunks) and len(chunks) >= 3
    assert all(not c.text.startswith("Smith") for c in chunks)


def test_every_corpus_file_parses_and_chunks():
    for name, data in DOCUMENTS.items():
        chunks = chunk(parse(name, data))
        assert chunks and all(c.text.strip() for c in chunks), name


def test_overlap_must_be_smaller_than_the_budget():
    with pytest.raises(Exception, match="overlap"):
        chunk(parse("x.txt", b"Some text."), max_tokens=20, overlap_tokens=20)
