"""The library's files: the shipped ones are complete and valid, and a broken file is refused by name."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from vital.library.documents import DOCUMENTS_DIR, QUESTIONS_DIR, LibraryError, read_all, read_one
from vital.settings import SCHEMA_DIR

GOOD = """+++
title = "A title"
area = "quality"
agents = ["medical-writer"]
summary = "What it explains."
[[sources]]
id = "21 CFR 820"
title = "Quality System Regulation"
url = "https://www.ecfr.gov/current/title-21/part-820"
checked = false
+++
# A title

## A section
Some text.
"""


def seeded_agents() -> set[str]:
    data = json.loads((SCHEMA_DIR / "seed" / "0009_agents.json").read_text())
    return {row["slug"] for block in data["tables"] if block["table"] == "public.agents" for row in block["rows"]
            if row["tenant_id"] == "@platform"}


def test_every_shipped_document_is_valid_names_seeded_agents_and_has_sources():
    documents = read_all(DOCUMENTS_DIR, seeded_agents())
    assert len(documents) >= 60
    assert all(d.sources for d in documents)
    assert len({d.area for d in documents}) >= 10
    # Every source says whether it was checked against a text or written from knowledge.
    bases = {s.as_metadata()["basis"] for d in documents for s in d.sources}
    assert bases <= {"checked against a text", "from knowledge"}


def test_every_question_points_at_a_shipped_document():
    slugs = {d.slug for d in read_all()}
    questions = [q for path in sorted(QUESTIONS_DIR.glob("*.toml"))
                 for q in tomllib.loads(path.read_text())["question"]]
    assert len(questions) >= 40
    assert {q["document"] for q in questions if not q.get("decline")} <= slugs


@pytest.mark.parametrize("change, message", [
    (lambda t: t.replace("+++\n", "", 1), "has no front matter"),
    (lambda t: t.replace('summary = "What it explains."\n', ""), "front matter lacks 'summary'"),
    (lambda t: t.replace('title = "A title"', 'title = "A title'), "front matter is not valid TOML"),
    (lambda t: t.replace('"medical-writer"', '"medical-writer", "astrologer"'), "not seeded: astrologer"),
    (lambda t: t.replace('area = "quality"', 'area = "fda-drugs"'), "area 'fda-drugs' is not its folder"),
    (lambda t: t.replace("checked = false\n", ""), "a source lacks 'checked'"),
    (lambda t: t.replace("[[sources]]", "[[notes]]"), "front matter lacks 'sources'"),
    (lambda t: t.replace("https://www.ecfr", "ftp://www.ecfr"), "url that is not http(s)"),
    (lambda t: t.replace("## A section", "A section"), "has no '## ' section"),
])
def test_a_broken_file_is_refused_with_its_name_and_what_is_wrong(tmp_path: Path, change, message):
    path = tmp_path / "quality" / "broken-doc.md"
    path.parent.mkdir()
    path.write_text(change(GOOD))
    with pytest.raises(LibraryError) as refused:
        read_one(path, {"medical-writer"})
    assert "quality/broken-doc.md" in refused.value.message and message in refused.value.message
    assert refused.value.hint


def test_a_good_file_reads_with_its_sources_and_metadata(tmp_path: Path):
    path = tmp_path / "quality" / "good-doc.md"
    path.parent.mkdir()
    path.write_text(GOOD)
    doc = read_one(path, {"medical-writer"})
    assert (doc.slug, doc.area, doc.title, doc.agents) == ("good-doc", "quality", "A title", ("medical-writer",))
    assert doc.metadata()["sources"] == [{"id": "21 CFR 820", "title": "Quality System Regulation",
                                          "url": "https://www.ecfr.gov/current/title-21/part-820",
                                          "checked": False, "basis": "from knowledge"}]
