"""Claim checking and confidence: the same rules for every answerer.

A claim is a sentence of an answer with at least three content words. It is
supported when it cites a passage that was retrieved for it ([n]) and that
passage says it. With a semantic embedding model (meaning.py, the default):
a sentence of a cited passage is at least CLAIM_SIMILARITY close to the claim in
meaning AND the passage holds every number of the claim and at least
KEY_TERMS of its content words (meaning alone would accept "within 15 days"
for "within 7 days"). With the hashing fallback: the claim shares at least
half of its content words with one of the passages it cites. Ask Expert's
modes 1 and 2 take their confidence from calibration.py instead; the lexical
confidence below remains for runs and panels:
is derived from this check and from retrieval, never from the model's own words:

    confidence = coverage * (0.5 + 0.25 * retrieval_strength + 0.25 * mean_support)

where coverage is supported claims / claims, retrieval_strength the mean score
(0..1) of the three best cited passages, and mean_support the mean word overlap
of the supported claims with their passages. No claim or no citation: 0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from vital.services.meaning import Meaning
from vital.services.retrieval import Passage
from vital.services.text import markers, overlap, sentences, strip_markers, term_set, terms

SUPPORT_THRESHOLD = 0.5
# Measured on the library (bench/claim_check.py): quoted sentences against their own passage vs. against
# another document's passages and with a number changed; docs/knowledge.md ("The claim check").
CLAIM_SIMILARITY = 0.7
KEY_TERMS = 0.5
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# "... blinding [1]." loses its marker as "... blinding ."; the tokenizer splits punctuation off either way.
_SPACE_BEFORE_STOP = re.compile(r"\s+(?=[.,;:!?])")
MIN_CLAIM_TERMS = 3
# Lines that frame an answer rather than state a fact.
FRAMING_PREFIXES = ("extractive answer", "sources:", "note:", "plan:")


@dataclass
class Claim:
    text: str
    refs: list[int]
    support: float
    supported: bool
    reason: str = ""


@dataclass
class Verification:
    claims: list[Claim] = field(default_factory=list)
    confidence: float = 0.0

    @property
    def unsupported(self) -> list[Claim]:
        return [c for c in self.claims if not c.supported]

    @property
    def cited_refs(self) -> list[int]:
        seen: dict[int, None] = {}
        for claim in self.claims:
            for ref in claim.refs:
                seen.setdefault(ref, None)
        return list(seen)

    def summary(self) -> dict:
        return {"claims": len(self.claims), "supported": len(self.claims) - len(self.unsupported),
                "unsupported": [{"text": c.text[:200], "reason": c.reason} for c in self.unsupported],
                "confidence": self.confidence}


def claims_of(answer: str) -> list[str]:
    out = []
    for line in answer.splitlines():
        if line.strip().lower().startswith(FRAMING_PREFIXES):
            continue
        out.extend(s for s in sentences(line) if len(terms(strip_markers(s))) >= MIN_CLAIM_TERMS)
    return out


def verify(answer: str, passages: Mapping[int, Passage], meaning: Meaning | None = None) -> Verification:
    """Check every claim of an answer against the passages it cites (by citation number)."""
    result = Verification()
    texts = claims_of(answer)
    vectors = _claim_vectors(texts, passages, meaning)
    for i, text in enumerate(texts):
        refs = [r for r in dict.fromkeys(markers(text))]
        words = terms(strip_markers(text))
        if not refs:
            result.claims.append(Claim(text, refs, 0.0, False, "no citation"))
            continue
        unknown = [r for r in refs if r not in passages]
        if unknown:
            result.claims.append(Claim(text, refs, 0.0, False, f"cites passage(s) not retrieved: {unknown}"))
            continue
        if vectors is not None:
            support = max(_semantic_support(text, vectors[i], passages[r], meaning) for r in refs)
            ok = support >= CLAIM_SIMILARITY
        else:
            support = max(overlap(words, term_set(passages[r].text)) for r in refs)
            ok = support >= SUPPORT_THRESHOLD
        result.claims.append(Claim(text, refs, round(support, 3), ok,
                                   "" if ok else "the cited passage does not say this"))
    result.confidence = confidence(result, passages)
    return result


def _claim_vectors(texts: list[str], passages: Mapping[int, Passage], meaning: Meaning | None):
    """Each claim's vector. A claim that quotes a sentence of a passage it cites (most of the extractive
    answerer's) takes that sentence's vector, embedded already to rank it: embedding the answer again was
    half of an answer's time (docs/knowledge.md, "The claim check"). The others are embedded in one batch."""
    if meaning is None or not texts:
        return None
    bodies = [strip_markers(t) for t in texts]
    vectors: list[np.ndarray | None] = [_quoted(body, [passages[r] for r in markers(text) if r in passages], meaning)
                                        for text, body in zip(texts, bodies)]
    missing = [i for i, v in enumerate(vectors) if v is None]
    if missing:
        for i, vector in zip(missing, meaning.embedder.embed([bodies[i] for i in missing])):
            vectors[i] = np.asarray(vector, np.float32)
    return np.asarray(vectors, np.float32)


def _quoted(body: str, cited: list[Passage], meaning: Meaning) -> np.ndarray | None:
    """The vector of the cited passages' sentence that `body` quotes word for word, if any."""
    body = _SPACE_BEFORE_STOP.sub("", body)
    for found, vectors in meaning.sentence_vectors(cited) if cited else ():
        if body in found:
            return vectors[found.index(body)]
    return None


def _semantic_support(claim: str, vector: np.ndarray, passage: Passage, meaning: Meaning) -> float:
    """The claim's similarity to the closest sentence of the passage, 0 when the passage lacks one of its
    numbers or most of its content words."""
    body = strip_markers(claim)
    if any(n not in passage.text for n in _NUMBER.findall(body)):
        return 0.0
    if overlap(terms(body), term_set(passage.text)) < KEY_TERMS:
        return 0.0
    (_, sentence_vectors), = meaning.sentence_vectors([passage])
    return float((sentence_vectors @ vector).max()) if len(sentence_vectors) else 0.0


def confidence(check: Verification, passages: Mapping[int, Passage]) -> float:
    supported = [c for c in check.claims if c.supported]
    if not check.claims or not supported:
        return 0.0
    cited = sorted((passages[r].score for r in check.cited_refs if r in passages), reverse=True)[:3]
    strength = sum(cited) / len(cited) if cited else 0.0
    support = sum(c.support for c in supported) / len(supported)
    coverage = len(supported) / len(check.claims)
    return round(min(1.0, coverage * (0.5 + 0.25 * strength + 0.25 * support)), 3)

