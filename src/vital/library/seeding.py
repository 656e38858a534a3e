"""Seeding the platform library: documents in the platform tenant, chunked and embedded, at `vital up`.

Each file becomes one platform document (stable id from its slug) in its area's
collection, from the "VITAL platform library" source, cut into chunks by the
project's chunker and embedded by the configured embedder; vectors come from the
vector cache when that model already embedded the same text. A file whose bytes
and model are unchanged is left alone; a changed one updates its document (a new
version); a document whose file is gone is removed. Everything is computed before
one transaction writes it, so a bad file or a failed model leaves the library as it was.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import psycopg

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.evaluation.golden import seed_platform_set
from vital.knowledge import embeddings
from vital.knowledge.chunking import Chunk, chunk
from vital.knowledge.ingest import embedding_text
from vital.knowledge.parse import parse
from vital.library.documents import DOCUMENTS_DIR, LibraryDocument, read_all
from vital.library.vector_cache import VectorCache
from vital.services.meaning import sentence_texts
from vital.settings import Settings

SQL = Queries(__name__)

# Collection names of the library's areas (an area not listed is named from its slug).
AREAS = {
    "biostatistics-data": "Biostatistics and data", "clinical-operations": "Clinical operations",
    "compliance-and-projects": "Compliance and projects", "eu-regulatory": "EU regulatory",
    "fda-devices": "FDA devices", "fda-drugs": "FDA drugs and biologics", "ich-guidelines": "ICH guidelines",
    "market-access": "Market access and HTA", "medical-writing": "Medical writing and publications",
    "pharmacovigilance": "Pharmacovigilance", "privacy-security": "Privacy and security", "quality": "Quality",
}

# progress(totals) -> a context yielding advance(what, n): vital.cli.common.progress_bars has this shape.
Progress = Callable[[dict[str, int]], AbstractContextManager[Callable[[str, int], None]]]


@dataclass
class LibraryReport:
    documents: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    chunks: int = 0          # chunks written by this seed
    embedded: int = 0        # of those, vectors computed now (the rest came from the cache)
    sentences: int = 0       # sentence vectors computed now for answers by meaning (services/meaning.py)
    model: dict = field(default_factory=dict)
    questions: str = ""      # the platform's golden set (vital.evaluation.golden), as loaded

    def summary(self) -> str:
        return (f"platform library: {self.documents} documents ({self.created} new, {self.updated} updated, "
                f"{self.unchanged} unchanged, {self.removed} removed); {self.chunks} chunks written, "
                f"{self.embedded} embedded now with {self.model.get('name')}, {self.chunks - self.embedded} "
                f"from the vector cache, {self.sentences} sentence vectors computed now; golden questions: {self.questions}")


@dataclass
class _Prepared:
    document: LibraryDocument
    content: str
    chunks: list[Chunk]
    vectors: list[list[float]]


def seed_library(conn: psycopg.Connection, settings: Settings, *, progress: Progress | None = None,
                 directory: Path = DOCUMENTS_DIR) -> LibraryReport:
    """Bring the platform library in line with the files (owner connection, after the seed files)."""
    agents = [r["slug"] for r in many(conn, SQL("seeding.agents"))]
    documents = read_all(directory, agents)
    embedder = embeddings.current(settings)
    report = LibraryReport(documents=len(documents), model=embedder.describe())
    with conn.transaction():
        model = embeddings.register(conn, embedder)
        source = one(conn, SQL("seeding.source"))["id"]
        stored = {r["id"]: r for r in many(conn, SQL("seeding.documents"), {"source": source})}
    ids = {r["slug"]: r["id"] for r in many(conn, SQL("seeding.document_ids"), {"slugs": [d.slug for d in documents]})}
    todo = [d for d in documents if not _current(stored.get(ids[d.slug]), d, model)]
    report.unchanged = len(documents) - len(todo)

    cache = VectorCache(settings.vector_cache, embedder.provider, embedder.name, embedder.dimensions)
    prepared = []
    parsed_docs = [(d, parse(f"{d.slug}.md", d.body.encode(), "text/markdown")) for d in todo]
    cut = [(d, p, chunk(p, embedder.count_tokens, max_tokens=settings.chunk_tokens,
                        overlap_tokens=settings.chunk_overlap_tokens)) for d, p in parsed_docs]
    # One list of texts, embedded in batches across documents (a document has ~6 chunks; a model's batch is 64).
    texts = [embedding_text(p.title, c.section, c.text) for _, p, chunks in cut for c in chunks]
    vectors: list[list[float]] = []
    step = settings.embedding_batch_size
    # The sentences answers quote, embedded now and kept in the cache, so that the first questions after
    # `vital up` do not wait for them (services/meaning.py reads them there); a semantic model's only.
    wanted = sentence_texts([c.text for _, _, chunks in cut for c in chunks]) if embedder.semantic else []
    missing = [s for s, v in zip(wanted, cache.known(wanted)) if v is None]
    totals = {"library": len(texts), **({"sentences": len(missing)} if missing else {})}
    with (progress(totals) if progress and texts else nullcontext(lambda what, n: None)) as advance:
        for start in range(0, len(texts), step):
            hits = cache.hits
            batch = cache.embed(texts[start:start + step], embedder.embed)
            report.embedded += len(batch) - (cache.hits - hits)
            vectors += batch
            advance("library", len(batch))
        for start in range(0, len(missing), step):
            advance("sentences", len(cache.embed(missing[start:start + step], embedder.embed)))
    report.sentences = len(missing)
    offset = 0
    for d, p, chunks in cut:
        prepared.append(_Prepared(d, p.content, chunks, vectors[offset:offset + len(chunks)]))
        offset += len(chunks)
    cache.save()

    with conn.transaction():
        collections = {area: one(conn, SQL("seeding.collection"), {
            "slug": area, "name": f"Platform library: {AREAS.get(area, area.replace('-', ' '))}",
            "description": "Explainers of the VITAL platform library, readable by every tenant."})["id"]
            for area in sorted({d.area for d in documents})}
        for item in prepared:
            existed = ids[item.document.slug] in stored
            _write(conn, item, source, collections[item.document.area], model)
            report.created += not existed
            report.updated += existed
            report.chunks += len(item.chunks)
        report.removed = len(many(conn, SQL("seeding.documents_remove"),
                                  {"source": source, "keep": list(ids.values())}))
    report.questions = seed_platform_set(conn).summary()
    return report


def _current(row: dict | None, d: LibraryDocument, model: embeddings.ModelRef) -> bool:
    return bool(row) and not row["deleted"] and row["content_hash"] == d.digest and row["embedding_model_id"] == model.id


def _write(conn, item: _Prepared, source, collection, model: embeddings.ModelRef) -> None:
    d = item.document
    written = one(conn, SQL("seeding.document_upsert"), {
        "slug": d.slug, "collection": collection, "source": source, "source_ref": d.source_ref, "title": d.title,
        "content": item.content, "content_hash": d.digest,
        "metadata": json.dumps({**d.metadata(), "chunks": len(item.chunks)}),
        "model_tenant": model.tenant_id, "model": model.id})
    conn.execute(SQL("seeding.chunks_delete"), {"document": written["id"]})
    with conn.cursor() as cur:
        cur.executemany(SQL("seeding.chunk_insert"), [{
            "slug": d.slug, "index": c.index, "document": written["id"], "text": c.text, "tokens": c.token_count,
            "start": c.char_start, "end": c.char_end, "embedding": embeddings.vector_literal(v),
            "model_tenant": model.tenant_id, "model": model.id,
            "metadata": json.dumps({"section": c.section} if c.section else {})} for c, v in zip(item.chunks, item.vectors)])
    conn.execute(SQL("seeding.document_vector"), {"document": written["id"]})

