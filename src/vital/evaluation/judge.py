"""How one answer to a golden question is judged: rank of the expected document, fact found,
declined, cited sentences that are really in what they cite, right or wrong (docs/knowledge.md#evaluation).

Pure functions of what the run collected, so that a test can recompute any figure from the
stored rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vital.errors import InvalidInput
from vital.services.text import markers, overlap, sentences, strip_markers, term_set, terms

DECLINE_BELOW = 0.3   # an answer this unsure is a decline (issue 15: "declined: confidence < 0.3")
CONFIDENT = 0.5       # wrong with at least this confidence is "wrong and confident"
SUPPORTED = 0.5       # a generative model's cited sentence: share of its words the chunk holds

_SPACE = re.compile(r"\s+")
_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")


@dataclass(frozen=True)
class Retrieved:
    """A retrieved document, in the order retrieval first found one of its chunks."""
    document_id: str
    title: str
    slug: str | None
    source_ref: str | None

    def names(self) -> set[str]:
        return {n.lower() for n in (self.document_id, self.title, self.slug, self.source_ref) if n}

    def stored(self, rank: int) -> dict:
        return {"rank": rank, "document_id": self.document_id, "title": self.title, "slug": self.slug}


@dataclass(frozen=True)
class Judgement:
    hit_rank: int | None
    fact_found: bool | None
    declined: bool
    correct: bool
    citations_total: int
    citations_valid: int


def rank_of(expected: str | None, documents: list[Retrieved]) -> int | None:
    """1-based rank of the expected document (by id, library slug, source_ref or title), None if absent."""
    if not expected:
        return None
    wanted = expected.strip().lower()
    return next((i for i, d in enumerate(documents, 1) if wanted in d.names()), None)


def fact_in(pattern: str | None, answer: str) -> bool | None:
    if not pattern:
        return None
    try:
        return re.search(pattern, strip_markers(answer), re.IGNORECASE) is not None
    except re.error as exc:  # valid for PostgreSQL (the column's CHECK) but not for Python: say so on the question
        raise InvalidInput(f"The fact pattern {pattern!r} is not a Python regular expression ({exc}).",
                           hint="Use the common syntax: ( | ) [ ] . * + ? \\d \\b.") from None


def is_declined(confidence: float, metadata: dict) -> bool:
    return metadata.get("declined") is True or confidence < DECLINE_BELOW


def _flat(text: str) -> str:
    return _BEFORE_PUNCT.sub(r"\1", _SPACE.sub(" ", text)).strip().lower()


def citation_counts(answer: str, cited_text: dict[int, str], *, generative: bool) -> tuple[int, int]:
    """(citations, valid ones): each [n] of each sentence is valid when the sentence, without its
    markers and final stop, is word for word in chunk n (an answerer that quotes), or for a
    generative model when chunk n holds at least half of the sentence's words."""
    total = valid = 0
    for sentence in sentences(answer):
        refs = list(dict.fromkeys(markers(sentence)))
        if not refs:
            continue
        quoted = _flat(strip_markers(sentence)).rstrip(".!?").strip()
        for ref in refs:
            total += 1
            text = cited_text.get(ref)
            if text is None:
                continue
            if quoted and quoted in _flat(text):
                valid += 1
            elif generative and overlap(terms(quoted), term_set(text)) >= SUPPORTED:
                valid += 1
    return total, valid


def judge(*, expected_document: str | None, fact_pattern: str | None, should_decline: bool,
          documents: list[Retrieved], answer: str, confidence: float, metadata: dict,
          cited_text: dict[int, str], cited_documents: list[Retrieved]) -> Judgement:
    """One answer. Correct: declined when it should be; else not declined and the fact found
    (or, without a fact pattern, the expected document among those the answer cites)."""
    hit = rank_of(expected_document, documents)
    fact = fact_in(fact_pattern, answer)
    declined = is_declined(confidence, metadata)
    if should_decline:
        correct = declined
    elif declined:
        correct = False
    elif fact is not None:
        correct = fact
    else:
        correct = rank_of(expected_document, cited_documents) is not None
    total, valid = citation_counts(answer, cited_text, generative=not metadata.get("extractive", False))
    return Judgement(hit, fact, declined, correct, total, valid)
