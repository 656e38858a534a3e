"""Retrieval for the services: a small protocol, so that answers depend on no one search engine.

`default_retriever()` is the knowledge library's hybrid search (vector + full
text, logged in search_logs), topped up by an any-word full-text search when it
finds fewer than k passages (a query in web-search syntax makes the library's
full-text list strict, and chunks not yet embedded have no vector). Both run in
the caller's transaction, so RLS decides what can be found.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol

import psycopg

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.knowledge.chunking import place
from vital.knowledge.search import SearchRequest, search
from vital.settings import Settings

SQL = Queries(__name__)


@dataclass(frozen=True)
class Passage:
    """One retrieved chunk. `score` is relevance in 0..1; `ref` is its citation number in an answer."""

    chunk_tenant_id: str
    chunk_id: str
    document_id: str
    title: str
    chunk_index: int
    text: str
    score: float
    ref: int = 0
    location: dict | None = None   # where in the file (page, slide, sheet and rows, heading path)
    ocr: dict | None = None        # {"confidence": 0..1} when the text was read from a page image

    def cited(self) -> dict[str, Any]:
        """The citation as stored in message metadata."""
        return {"ref": self.ref, "document_id": self.document_id, "chunk_id": self.chunk_id,
                "chunk_tenant_id": self.chunk_tenant_id, "title": self.title,
                "chunk_index": self.chunk_index, "score": round(self.score, 4), "quote": self.text[:600],
                "location": self.location or {}, "where": place(self.location), "ocr": self.ocr}


@dataclass
class Retrieved:
    passages: list[Passage]
    strategy: str
    latency_ms: float
    extra: dict[str, Any] = field(default_factory=dict)


class Retriever(Protocol):
    def search(self, conn: psycopg.Connection, query: str, *, k: int) -> Retrieved: ...


class FullTextRetriever:
    """OR-of-lexemes full-text search with rank normalised to 0..1."""

    strategy = "fulltext"

    def search(self, conn: psycopg.Connection, query: str, *, k: int) -> Retrieved:
        started = time.perf_counter()
        rows = many(conn, SQL("retrieval.fulltext"), {"query": query, "k": k})
        passages = [Passage(str(r["chunk_tenant_id"]), str(r["chunk_id"]), str(r["document_id"]), r["title"],
                            r["chunk_index"], r["text"], _unit(r["score"]), location=r["location"], ocr=r["ocr"])
                    for r in rows]
        return Retrieved(passages, self.strategy, (time.perf_counter() - started) * 1000)


def _unit(score: float | None) -> float:
    return max(0.0, min(1.0, float(score or 0.0)))


def numbered(passages: list[Passage]) -> list[Passage]:
    """The passages of one answer with citation numbers 1, 2, ..."""
    return Numbering().add(passages)


class Numbering:
    """Citation numbers across the turns of one run (plan steps, a panel's members and rounds).

    The one place passages get their [n]: keyed by chunk, a chunk keeps the number it
    got first and a new one is numbered after the others, so a citation stays valid in
    everything written later. `stored()` is what a run keeps in its state.
    """

    def __init__(self, stored: list[dict] | None = None):
        self._by_chunk = {p["chunk_id"]: Passage(**p) for p in stored or []}

    def add(self, found: list[Passage]) -> list[Passage]:
        """`found` with their numbers (new chunks are numbered after the known ones)."""
        out = []
        for p in found:
            if p.chunk_id not in self._by_chunk:
                self._by_chunk[p.chunk_id] = replace(p, ref=len(self._by_chunk) + 1)
            out.append(self._by_chunk[p.chunk_id])
        return out

    def by_ref(self) -> dict[int, Passage]:
        return {p.ref: p for p in self._by_chunk.values()}

    def stored(self) -> list[dict]:
        return [asdict(p) for p in sorted(self._by_chunk.values(), key=lambda p: p.ref)]


class KnowledgeRetriever:
    """vital.knowledge.search (hybrid), then FullTextRetriever for the missing places."""

    strategy = "hybrid"

    def __init__(self, settings: Settings):
        self.settings = settings
        self.fallback = FullTextRetriever()

    def search(self, conn: psycopg.Connection, query: str, *, k: int) -> Retrieved:
        started = time.perf_counter()
        tenant_id = one(conn, SQL("retrieval.caller_tenant"))["tenant_id"]
        found = search(conn, tenant_id, SearchRequest(query=query, strategy="hybrid", k=k), self.settings)
        semantic = found["embedding"]["semantic"]
        passages = [Passage(r["chunk"]["tenant_id"], r["chunk"]["id"], r["document"]["id"], r["document"]["title"],
                            r["chunk"]["index"], r["chunk"]["text"], relevance(r["scores"], semantic),
                            location=r["chunk"]["location"], ocr=r["chunk"]["ocr"])
                    for r in found["results"]]
        strategy = self.strategy
        if len(passages) < k:
            seen = {p.chunk_id for p in passages}
            extra = [p for p in self.fallback.search(conn, query, k=k).passages if p.chunk_id not in seen]
            passages += extra[: k - len(passages)]
            strategy = "hybrid+fulltext_any" if extra else strategy
        return Retrieved(passages, strategy, (time.perf_counter() - started) * 1000,
                         {"search_id": found["search_id"], "semantic": semantic})


def relevance(scores: dict, semantic: bool) -> float:
    """0..1 from the raw scores of the lists that found a chunk: cosine similarity (a semantic model's
    only), ts_rank_cd mapped by r / (r + 1), graph score; the best of them."""
    values = []
    for name, item in scores.items():
        raw = float(item.get("score") or 0)
        if name.startswith("vector:") and semantic:
            values.append(raw)
        elif name == "fulltext":
            values.append(raw / (raw + 1))
        elif name == "graph":
            values.append(raw)
    return _unit(max(values, default=0.0))


def default_retriever(settings: Settings) -> Retriever:
    if settings.services_retrieval == "fulltext":
        return FullTextRetriever()
    return KnowledgeRetriever(settings)
