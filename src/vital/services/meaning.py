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
similarity alone, 82 % with these terms). Retrieval brings CANDIDATES passages
and `focus` keeps those whose sentences score best, so a passage that holds the
answer but ranked low in retrieval still reaches the answer. Candidates are whole sentences;
a heading (a Markdown heading, or a short line that does not end like a
sentence) is never one. Sentence vectors are cached per chunk text, because the
same library chunks come back for question after question; the platform library's
sentence vectors are computed at seeding and kept in the library vector cache
(vital.library.vector_cache), so even a process's first answers embed only the
question and the tenant's own passages.

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
from pathlib import Path

import numpy as np

from vital.knowledge.embeddings import Embedder, current
from vital.library.vector_cache import VectorCache, cache_file
from vital.services.retrieval import Passage
from vital.services.text import idf_cover, normalise_citations, sentences, term_set, terms
from vital.settings import Settings

CACHE_CHUNKS = 4096
_SENTENCE_END = re.compile(r"[.!?:;)\"'\]]$")
HEADING_MAX_WORDS = 12
LEXICAL = 0.3
RETRIEVAL = 0.2
# Passages retrieved before the closest sentences choose the few an answer sees (Meaning.focus): measured on
# the dev questions, the fact is in the six passages kept for 86-88 of 94 questions instead of 82.
CANDIDATES = 20


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


def _key(passage: Passage) -> tuple[str]:
    """A chunk's place in the sentence cache: its text (the same library chunk is one entry for every tenant)."""
    return (hashlib.sha1(passage.text.encode()).hexdigest(),)


class Meaning:
    """Similarity of a question to the passages' sentences, with one embedder."""

    def __init__(self, embedder: Embedder, folder: Path | None = None):
        self.embedder = embedder
        self.folder = folder  # the library vector cache: sentence vectors precomputed at seeding (read only here)
        self._stored: tuple[float, VectorCache] | None = None
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
        keys = [_key(p) for p in passages]
        with self._lock:
            known = {k: self._cache[k] for k in keys if k in self._cache}
            for k in known:
                self._cache.move_to_end(k)
        todo = {k: candidates(p.text) for k, p in zip(keys, passages) if k not in known}
        texts = [s for found in todo.values() for s in found]
        vectors = self._embed(texts) if texts else None
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

    def stored(self) -> VectorCache | None:
        """The cache file as last written (a seeding since the last look is read again)."""
        if self.folder is None:
            return None
        e = self.embedder
        try:
            changed = cache_file(self.folder, e.provider, e.name, e.dimensions).stat().st_mtime
        except OSError:
            return None
        if self._stored is None or self._stored[0] != changed:
            self._stored = (changed, VectorCache(self.folder, e.provider, e.name, e.dimensions))
        return self._stored[1]

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Sentence vectors: the precomputed ones as stored, the rest embedded in one batch."""
        stored = self.stored()
        known = stored.known(texts) if stored is not None else [None] * len(texts)
        missing = [i for i, v in enumerate(known) if v is None]
        if missing:
            for i, vector in zip(missing, self.embedder.embed([texts[i] for i in missing])):
                known[i] = vector
        return np.asarray(known, np.float32).reshape(len(texts), -1)

    def focus(self, question: str, passages: Sequence[Passage], keep: int) -> list[Passage]:
        """The `keep` passages holding the best-scored sentences, best first (retrieval's order breaks ties).
        Retrieval's first `keep` always compete; the others only when their sentence vectors are at hand
        (the library's, stored at seeding; chunks this process has seen), so that a tenant's new chunks cost
        no more embedding than before."""
        pool = list(passages[:keep]) + [p for p in passages[keep:] if self.ready(p)]
        best: dict[str, float] = {}
        for s in self.rank(question, pool):
            best.setdefault(s.passage.chunk_id, s.score)
        return sorted(pool, key=lambda p: -best.get(p.chunk_id, float("-inf")))[:keep]

    def ready(self, passage: Passage) -> bool:
        """Whether the passage's sentence vectors need no embedding."""
        with self._lock:
            if _key(passage) in self._cache:
                return True
        stored = self.stored()
        return stored is not None and all(v is not None for v in stored.known(candidates(passage.text)))

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


_MEANINGS: dict[tuple[int, Path], Meaning] = {}


def for_settings(settings: Settings) -> Meaning | None:
    """The deployment's sentence ranker, or None when its embedding model is not semantic."""
    embedder = current(settings)
    if not embedder.semantic:
        return None
    # One per embedder object (embeddings.current caches those), so the sentence cache is shared.
    key = (id(embedder), settings.vector_cache)
    if key not in _MEANINGS:
        _MEANINGS[key] = Meaning(embedder, settings.vector_cache)
    return _MEANINGS[key]


def sentence_texts(chunk_texts: Sequence[str]) -> list[str]:
    """The candidate sentences of chunks, once each: what seeding embeds ahead of the first question."""
    return list(dict.fromkeys(s for text in chunk_texts for s in candidates(text)))
