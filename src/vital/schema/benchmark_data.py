"""Synthetic volume for benchmarks: many tenants, agents and knowledge chunks, by COPY.

Generated tenants are named <prefix>-00001, ...; the text is drawn from a small
life-science vocabulary so full-text search has something real to chew on.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass
from typing import Callable

import psycopg

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.errors import Conflict, InvalidInput

SQL = Queries(__name__)

AREAS = ["oncology", "cardiology", "neurology", "immunology", "rare diseases", "infectious disease",
         "endocrinology", "respiratory", "dermatology", "haematology"]
FUNCTIONS = ["regulatory", "clinical", "safety", "quality", "market access", "medical affairs",
             "biostatistics", "data management", "privacy", "manufacturing"]
NOUNS = ["protocol", "submission", "dossier", "endpoint", "cohort", "signal", "deviation", "audit",
         "label", "biomarker", "dose", "trial site", "adverse event", "batch record", "stability study",
         "risk plan", "randomisation", "informed consent", "case report form", "inspection"]
VERBS = ["reviews", "drafts", "validates", "monitors", "summarises", "reconciles", "escalates",
         "benchmarks", "plans", "audits"]
ADJECTIVES = ["adaptive", "pivotal", "post-market", "decentralised", "first-in-human", "paediatric",
              "real-world", "confirmatory", "exploratory", "accelerated"]


@dataclass(frozen=True)
class Plan:
    tenants: int
    agents_per_tenant: int
    chunks: int
    chunks_per_document: int = 20
    prefix: str = "gen"
    embedding_dims: int | None = None
    seed: int = 42

    def check(self) -> None:
        if self.tenants < 1 or self.agents_per_tenant < 0 or self.chunks < 0 or self.chunks_per_document < 1:
            raise InvalidInput("--tenants must be >= 1; counts must not be negative.")
        if not self.prefix.isalnum() or not self.prefix.islower():
            raise InvalidInput(f"--prefix '{self.prefix}' must be lower-case letters and digits.")


Progress = Callable[[str, int], None]  # (what, rows written since the last call)


def _sentence(rng: random.Random) -> str:
    return (f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} team {rng.choice(VERBS)} the "
            f"{rng.choice(NOUNS)} for {rng.choice(AREAS)} before the {rng.choice(NOUNS)} is locked.")


def generate(conn: psycopg.Connection, plan: Plan, progress: Progress) -> dict[str, int]:
    """Write the plan's rows in one transaction; returns the counts written."""
    plan.check()
    rng = random.Random(plan.seed)
    with conn.transaction():
        taken = one(conn, SQL("benchmark_data.taken"), {"pattern": plan.prefix + "-%"})["taken"]
        if taken:
            raise Conflict(f"{taken} tenant(s) named {plan.prefix}-* exist already.",
                           hint="Use another --prefix, or `vital db reset` first.")
        levels = [r["id"] for r in many(conn, SQL("benchmark_data.levels"))]
        if not levels:
            raise InvalidInput("The platform library is not seeded.", hint="Run `vital db seed` first.")
        model = _embedding_model(conn, plan.embedding_dims)
        tenants = [(uuid.UUID(int=rng.getrandbits(128), version=4), f"{plan.prefix}-{i:05d}")
                   for i in range(1, plan.tenants + 1)]
        with conn.cursor().copy(SQL("benchmark_data.copy_tenants")) as copy:
            for tid, sub in tenants:
                copy.write_row((tid, f"Synthetic {sub}", sub, rng.choice(["free", "pro", "enterprise"])))
        progress("tenants", len(tenants))
        agents = _copy_agents(conn, plan, tenants, levels, rng, progress)
        documents, chunks = _copy_knowledge(conn, plan, tenants, model, rng, progress)
    return {"tenants": len(tenants), "agents": agents, "documents": documents, "chunks": chunks}


def _embedding_model(conn, dims: int | None):
    if dims is None:
        return None
    row = one(conn, SQL("benchmark_data.embedding_model"), {"dims": dims})
    if row is None:
        raise InvalidInput(f"No platform embedding model has {dims} dimensions.",
                           hint="Use 384 (local MiniLM) or 1536 (text-embedding-3-small).")
    from pgvector.psycopg import register_vector

    register_vector(conn)
    return row["id"]


def _copy_agents(conn, plan: Plan, tenants, levels, rng, progress) -> int:
    platform = uuid.UUID(int=0)
    written = 0
    with conn.cursor().copy(SQL("benchmark_data.copy_agents")) as copy:
        for tid, _ in tenants:
            for n in range(plan.agents_per_tenant):
                function, area = rng.choice(FUNCTIONS), rng.choice(AREAS)
                name = f"{area.title()} {function.title()} Expert {n + 1}"
                copy.write_row((
                    uuid.UUID(int=rng.getrandbits(128), version=4), tid, f"agent-{n + 1}", name, function, area,
                    f"Answers {function} questions in {area}. " + _sentence(rng),
                    [f"{function} {rng.choice(NOUNS)}", f"{area} {rng.choice(NOUNS)}"],
                    f"You are an expert in {function} for {area}. Cite your sources.",
                    "active", platform, rng.choice(levels), rng.choice((1, 2, 3)),
                ))
                written += 1
            progress("agents", plan.agents_per_tenant)
    return written


def _copy_knowledge(conn, plan: Plan, tenants, model, rng, progress) -> tuple[int, int]:
    per_tenant = plan.chunks // len(tenants)
    extra = plan.chunks - per_tenant * len(tenants)
    platform = uuid.UUID(int=0)
    docs_written = chunks_written = 0
    copy_chunks = SQL("benchmark_data.copy_chunks_embedded" if model else "benchmark_data.copy_chunks")
    if model:
        import numpy as np  # only needed for synthetic vectors

        vectors = np.random.default_rng(plan.seed)
    for i, (tid, sub) in enumerate(tenants):
        count = per_tenant + (1 if i < extra else 0)
        if count == 0:
            continue
        n_docs = -(-count // plan.chunks_per_document)
        doc_ids = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(n_docs)]
        with conn.cursor().copy(SQL("benchmark_data.copy_documents")) as copy:
            for d, did in enumerate(doc_ids):
                digest = hashlib.sha256(did.bytes).hexdigest()
                copy.write_row((did, tid, f"{sub} {rng.choice(NOUNS)} guidance {d + 1}", digest, "ready",
                                '{"synthetic": true}'))
        with conn.cursor().copy(copy_chunks) as copy:
            for c in range(count):
                text = " ".join(_sentence(rng) for _ in range(4))
                row = [uuid.UUID(int=rng.getrandbits(128), version=4), tid, doc_ids[c // plan.chunks_per_document],
                       c % plan.chunks_per_document, text, len(text.split())]
                if model:
                    v = vectors.standard_normal(plan.embedding_dims).astype(np.float32)
                    row += [v / np.linalg.norm(v), platform, model]
                copy.write_row(row)
        docs_written += n_docs
        chunks_written += count
        progress("chunks", count)
    return docs_written, chunks_written
