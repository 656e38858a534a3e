"""Each file parsed under a budget (pages, decompressed bytes, chunks, CPU): over it, that file fails
with `over_budget` and the rest of the upload carries on; file names and titles lose their control
and bidirectional characters."""

from __future__ import annotations

import time

import pytest

from tests.knowledge.files import make_pdf
from vital.knowledge.labels import visible
from vital.knowledge.parse import Budget, ParseError, parse

# ~16 MB of page content deflated into a few kilobytes: the kind of file the issue saw take 6 s of CPU.
BOMB = make_pdf([["Zip bomb line of text that repeats"] * 400_000], compress=True)


def _over_budget(data: bytes, budget: Budget, *words: str) -> None:
    with pytest.raises(ParseError) as refused:
        parse("file.pdf", data, budget=budget)
    assert refused.value.reason == "over_budget"
    for word in words:
        assert word in f"{refused.value.message} {refused.value.hint}"


def test_a_compressed_stream_may_not_expand_past_the_budget():
    assert len(BOMB) < 200_000
    started = time.process_time()
    _over_budget(BOMB, Budget(decompressed_bytes=1024 * 1024), "VITAL_KNOWLEDGE_MAX_DECOMPRESSED_BYTES")
    assert time.process_time() - started < 2


def test_pages_cpu_and_chunks_are_budgeted():
    pages = make_pdf([[f"Page {i} says something useful."] for i in range(5)], compress=True)
    assert len(parse("ok.pdf", pages, budget=Budget(pages=5)).blocks) == 5
    _over_budget(pages, Budget(pages=4), "5 pages", "VITAL_KNOWLEDGE_MAX_PAGES")
    _over_budget(pages, Budget(cpu_seconds=1e-9), "CPU seconds", "VITAL_KNOWLEDGE_PARSE_CPU_SECONDS")
    with pytest.raises(ParseError, match="at most 3"):
        Budget(chunks=3).check_chunks(4)


def test_text_longer_than_the_budget_is_refused():
    with pytest.raises(ParseError) as refused:
        parse("long.txt", b"word " * 1000, budget=Budget(decompressed_bytes=1024))
    assert refused.value.reason == "over_budget"


@pytest.mark.parametrize("raw, shown", [
    ("evil\u202egnp.exe", "evilgnp.exe"), ("\x1b[31mred\x1b[0m.txt", "[31mred[0m.txt"), ("bell\x07.md", "bell.md"),
    ("a\u2066b\u2069c\u200e\u200f\u061c.txt", "abc.txt"), ("line\nbreak\t.txt", "line break .txt"),
    ("\x85\x9b\x00", ""), ("plain name.pdf", "plain name.pdf")])
def test_visible_strips_control_and_bidi_characters(raw, shown):
    assert visible(raw) == shown
