"""Which sentences of the retrieved passages answer a question, by meaning.

The question and every candidate sentence are embedded by the deployment's
embedding model (the one that made the passages' vectors), and sentences are
ranked by

    score = similarity + LEXICAL * (sentence's cover + passage's cover) + RETRIEVAL * passage's relevance

where similarity is the cosine to the question and cover the share of the
question's words a text holds, rarer words counting more (text.idf_cover).
Meaning does most of the work; the small lexical and retrieval terms break its
near-ties towards the sentence that names what was asked (measured on the
dev questions by bench/calibrate.py: the fact in the answer for 66 % of them by
similarity alone, 82 % with these terms). Candidates are whole sentences;
a heading (a Markdown heading, or a short line that does not end like a
sentence) is never one. Sentence vectors are cached per chunk text, because the
same library chunks come back for question after question.

Only a semantic model ranks by meaning: with the hashing fallback (an explicit,
non-semantic choice) `for_settings` gives None and callers keep their lexical rules.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from vital.knowledge.embeddings import Embedder, current
from vital.services.retrieval import Passage
from vital.services.text import idf_cover, normalise_citations, sentences, term_set, terms
from vital.settings import Settings

CACHE_CHUNKS = 4096
_SENTENCE_END = re.compile(r"[.!?:;)\"'\]]$")
HEADING_MAX_WORDS = 12
LEXICAL = 0.2
RETRIEVAL = 0.2


@dataclass(frozen=True)
class Scored:
    sentence: str
    passage: Passage
    similarity: float  # cosine to the question
    position: int  # the sentence's place in its passage
    score: float = 0.0  # what ranks it (module docstring)


def is_heading(line: str) -> bool:
    """A Markdown heading, or a short line that does not end like a sentence ("What counts as serious")."""
    line = line.strip()
    return line.startswith("#") or (not _SENTENCE_END.search(line) and len(line.split()) <= HEADING_MAX_WORDS)


def candidates(text: str) -> list[str]:
    """The whole sentences of a passage that may be quoted: headings, table rules and fragments left out."""
    out: list[str] = []
    for line in normalise_citations(text).splitlines():
        if not line.strip() or is_heading(line) or set(line.strip()) <= set("|-: "):
            continue
        out.extend(s for s in sentences(line) if len(s.split()) >= 4)
    return out


class Meaning:
    """Similarity of a question to the passages' sentences, with one embedder."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder
        self._cache: OrderedDict[tuple, tuple[list[str], np.ndarray]] = OrderedDict()
        self._questions: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vector(self, text: str) -> np.ndarray:
        """The question's vector; the last few are kept (the answerer and the assessment rank the same one)."""
        with self._lock:
            if text in self._questions:
                return self._questions[text]
        vector = np.asarray(self.embedder.embed_query(text), np.float32)
        with self._lock:
            self._questions[text] = vector
            while len(self._questions) > 64:
                self._questions.popitem(last=False)
        return vector

    def sentence_vectors(self, passages: Sequence[Passage]) -> list[tuple[list[str], np.ndarray]]:
        """Each passage's candidate sentences and their vectors; the missing ones embedded in one batch."""
        keys = [(hashlib.sha1(p.text.encode()).hexdigest(),) for p in passages]
        with self._lock:
            known = {k: self._cache[k] for k in keys if k in self._cache}
            for k in known:
                self._cache.move_to_end(k)
        todo = {k: candidates(p.text) for k, p in zip(keys, passages) if k not in known}
        texts = [s for found in todo.values() for s in found]
        vectors = np.asarray(self.embedder.embed(texts), np.float32).reshape(len(texts), -1) if texts else None
        offset = 0
        for k, found in todo.items():
            rows = vectors[offset:offset + len(found)] if vectors is not None else np.zeros((0, 1), np.float32)
            known[k] = (found, rows)
            offset += len(found)
        with self._lock:
            for k in todo:
                self._cache[k] = known[k]
            while len(self._cache) > CACHE_CHUNKS:
                self._cache.popitem(last=False)
        return [known[k] for k in keys]

    def rank(self, question: str, passages: Sequence[Passage]) -> list[Scored]:
        """Every candidate sentence, best first (ties: the earlier passage, the earlier sentence)."""
        q = self.vector(question)
        wanted = terms(question)
        found = []
        for passage, (texts, vectors) in zip(passages, self.sentence_vectors(passages)):
            if texts:
                found += [(s, passage, float(sim), i) for i, (s, sim) in enumerate(zip(texts, vectors @ q))]
        sentence_cover = idf_cover(wanted, [term_set(s) for s, *_ in found])
        passage_cover = dict(zip((p.chunk_id for p in passages), idf_cover(wanted, [term_set(p.text) for p in passages])))
        scored = [Scored(s, p, sim, i, sim + LEXICAL * (cover + passage_cover[p.chunk_id]) + RETRIEVAL * p.score)
                  for (s, p, sim, i), cover in zip(found, sentence_cover)]
        return sorted(scored, key=lambda s: -s.score)


_MEANINGS: dict[int, Meaning] = {}


def for_settings(settings: Settings) -> Meaning | None:
    """The deployment's sentence ranker, or None when its embedding model is not semantic."""
    embedder = current(settings)
    if not embedder.semantic:
        return None
    # One per embedder object (embeddings.current caches those), so the sentence cache is shared.
    return _MEANINGS.setdefault(id(embedder), Meaning(embedder))
