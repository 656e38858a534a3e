"""Claim checking and confidence: the same rules for every answerer.

A claim is a sentence of an answer with at least three content words. It is
supported when it cites a passage that was retrieved for it ([n]) and shares at
least half of its content words with one of the passages it cites. Confidence
is derived from this check and from retrieval, never from the model's own words:

    confidence = coverage * (0.5 + 0.25 * retrieval_strength + 0.25 * mean_support)

where coverage is supported claims / claims, retrieval_strength the mean score
(0..1) of the three best cited passages, and mean_support the mean word overlap
of the supported claims with their passages. No claim or no citation: 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from vital.services.retrieval import Passage
from vital.services.text import markers, overlap, sentences, strip_markers, term_set, terms

SUPPORT_THRESHOLD = 0.5
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


def verify(answer: str, passages: Mapping[int, Passage]) -> Verification:
    """Check every claim of an answer against the passages it cites (by citation number)."""
    result = Verification()
    for text in claims_of(answer):
        refs = [r for r in dict.fromkeys(markers(text))]
        words = terms(strip_markers(text))
        if not refs:
            result.claims.append(Claim(text, refs, 0.0, False, "no citation"))
            continue
        unknown = [r for r in refs if r not in passages]
        if unknown:
            result.claims.append(Claim(text, refs, 0.0, False, f"cites passage(s) not retrieved: {unknown}"))
            continue
        support = max(overlap(words, term_set(passages[r].text)) for r in refs)
        ok = support >= SUPPORT_THRESHOLD
        result.claims.append(Claim(text, refs, round(support, 3), ok,
                                   "" if ok else "the cited passage does not say this"))
    result.confidence = confidence(result, passages)
    return result


def confidence(check: Verification, passages: Mapping[int, Passage]) -> float:
    supported = [c for c in check.claims if c.supported]
    if not check.claims or not supported:
        return 0.0
    cited = sorted((passages[r].score for r in check.cited_refs if r in passages), reverse=True)[:3]
    strength = sum(cited) / len(cited) if cited else 0.0
    support = sum(c.support for c in supported) / len(supported)
    coverage = len(supported) / len(check.claims)
    return round(min(1.0, coverage * (0.5 + 0.25 * strength + 0.25 * support)), 3)

