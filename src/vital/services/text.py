"""Plain-text helpers shared by the extractive answerer, claim verification and agent selection."""

from __future__ import annotations

import math
import re
from collections import Counter
from uuid import UUID
from collections.abc import Iterable

_WORD = re.compile(r"[a-z0-9][a-z0-9\-']*")
# Split after . ! ? followed by a space and a capital, digit or quote; keeps "e.g. this" whole.
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")
_MARKER = re.compile(r"\[(\d{1,3})\]")
# "a claim. [1] Next" -> "a claim [1]. Next": a citation after the full stop belongs to the sentence before it.
_TRAILING_MARKERS = re.compile(r"([.!?])((?:\s*\[\d{1,3}\])+)")

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers him his how i if in into is it its itself just me more most my no nor not now
of off on once only or other our ours out over own same she should so some such than that the their
them then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours what's how's us may might must shall need
please tell explain describe give want know make get use using used does do done
""".split())

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "ly", "s")


def stem(word: str) -> str:
    """A light suffix stripper: enough to match 'inspections' with 'inspection'."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """Content words of a text, lower-cased and stemmed, in order."""
    return [stem(w.strip("-'")) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


def term_set(text: str) -> set[str]:
    return set(terms(text))


def normalise_citations(text: str) -> str:
    """Citation markers placed after a sentence's full stop move before it."""
    return _TRAILING_MARKERS.sub(lambda m: m.group(2).rstrip() + m.group(1), text)


def sentences(text: str) -> list[str]:
    """Sentences of a passage (line breaks also end a sentence)."""
    out: list[str] = []
    for line in normalise_citations(text).splitlines():
        line = line.strip(" \t-*•#")
        if line:
            out.extend(s.strip() for s in _SENTENCE.split(line) if s.strip())
    return out


def markers(text: str) -> list[int]:
    """Citation markers [n] in order of appearance."""
    return [int(m) for m in _MARKER.findall(text)]


def strip_markers(text: str) -> str:
    return _MARKER.sub("", text).strip()


def overlap(query: Iterable[str], text_terms: set[str]) -> float:
    """Share of the query's distinct terms found in the text's terms (0..1)."""
    wanted = set(query)
    return len(wanted & text_terms) / len(wanted) if wanted else 0.0


def idf_cover(query: Iterable[str], texts: list[set[str]]) -> list[float]:
    """For each text, the share of the query's terms it holds, each term weighted by its rarity among the
    texts (ln(1 + texts / texts holding it)): a rare word of the question counts more than a common one."""
    df = Counter(t for ts in texts for t in ts)
    n = max(1, len(texts))
    weight = {t: math.log(1 + n / df[t]) if df[t] else 0.0 for t in set(query)}
    total = sum(weight.values()) or 1.0
    return [sum(w for t, w in weight.items() if t in ts) / total for ts in texts]


def estimate_tokens(text: str) -> int:
    """About 1.3 tokens per word, the usual ratio for English with BPE tokenizers."""
    return int(len(text.split()) * 1.3 + 0.5)


def is_uuid(value: object) -> bool:
    """Ids come from URLs: a malformed one is 'not found', not a database error."""
    try:
        UUID(str(value))
        return True
    except ValueError:
        return False
