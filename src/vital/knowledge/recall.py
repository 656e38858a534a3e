"""Tenant-filtered vector search that keeps its recall (docs/knowledge.md, "Recall strategy").

A shared HNSW index filtered by tenant finds too few and the wrong rows: the
graph walk stops after ef_search candidates, most of them other tenants'. So a
vector search never asks the planner to filter a shared index. It searches each
partition it may read (its own tenant, the platform library) separately, by one
of two paths chosen here, and merges them by distance:

- exact: the partition's vectors of the model, read through the btree
  (tenant_id, embedding_model_id) and sorted; recall 1 by construction, the
  right path while a partition is small;
- per-tenant HNSW: a partial index `WHERE embedding_model_id = <model> AND
  tenant_id = <tenant>`, built by `vital kb tune` once a partition reaches
  VITAL_SEARCH_TENANT_INDEX_MIN_CHUNKS vectors, scanned with
  hnsw.iterative_scan = strict_order so that document filters cannot starve it.

An index is used only once it is valid, so a tenant is on the exact path until
its index build has finished: slower for a while, never wrong.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable
from uuid import UUID

import psycopg
from psycopg import sql

from vital.db.queries import Queries
from vital.db.rows import many

SQL = Queries(__name__)


INDEX_PREFIX = "rkc_hnsw_"
HNSW_OPTIONS = {"m": 16, "ef_construction": 200}  # measured: 64 left 1-3 % of queries stranded


def index_name(model_id: UUID, tenant_id: UUID) -> str:
    """The per-tenant index of a model: short enough for PostgreSQL's 63-byte names."""
    digest = hashlib.sha256(f"{model_id}:{tenant_id}".encode()).hexdigest()[:16]
    return f"{INDEX_PREFIX}{model_id.hex[:12]}_{digest}"


def valid_indexes(conn: psycopg.Connection, names: list[str]) -> set[str]:
    """Which of these per-tenant indexes exist and are valid (a failed CONCURRENTLY build is not)."""
    if not names:
        return set()
    return {r["relname"] for r in many(conn, SQL("recall.valid_indexes"), {"names": names}, prepare=False)}


@dataclass(frozen=True)
class Partition:
    tenant_id: UUID
    model_id: UUID
    dimensions: int
    vectors: int
    indexed: bool

    @property
    def index(self) -> str:
        return index_name(self.model_id, self.tenant_id)


@dataclass(frozen=True)
class Action:
    verb: str           # create | drop
    partition: Partition

    def __str__(self) -> str:
        p = self.partition
        return f"{self.verb} {p.index} (tenant {p.tenant_id}, model {p.model_id}, {p.vectors:,} vectors)"


def plan(conn: psycopg.Connection, min_vectors: int, tenant_id: UUID | None = None) -> list[Action]:
    """Indexes to build (partitions at or above the threshold) and to drop (below half of it)."""
    rows = many(conn, SQL("recall.partitions"), {"tenant": tenant_id})
    existing = {r["indexname"] for r in many(conn, SQL("recall.tenant_indexes"), {"prefix": INDEX_PREFIX + "%"})}
    actions = []
    for r in rows:
        name = index_name(r["model_id"], r["tenant_id"])
        part = Partition(r["tenant_id"], r["model_id"], r["dimensions"], r["vectors"], name in existing)
        if part.vectors >= min_vectors and not part.indexed:
            actions.append(Action("create", part))
        elif part.vectors < min_vectors // 2 and part.indexed:  # hysteresis: no flapping around the threshold
            actions.append(Action("drop", part))
    return actions


def apply(conn: psycopg.Connection, actions: list[Action], *, memory: str = "1GB",
          progress: Callable[[Action], None] | None = None) -> None:
    """Build or drop indexes CONCURRENTLY (autocommit owner connection): searches and writes go on meanwhile."""
    if not conn.autocommit:
        raise ValueError("index maintenance needs an autocommit connection")
    conn.execute(SQL.composed("recall.work_mem", memory=sql.Literal(memory)))
    for action in actions:
        if progress:
            progress(action)
        p = action.partition
        index = sql.Identifier(p.index)
        conn.execute(SQL.composed("recall.index_drop", index=index))  # also an invalid one
        if action.verb == "create":
            conn.execute(SQL.composed(
                "recall.index_create", index=index, dims=sql.Literal(p.dimensions), m=sql.Literal(HNSW_OPTIONS["m"]),
                ef_construction=sql.Literal(HNSW_OPTIONS["ef_construction"]), model=sql.Literal(str(p.model_id)),
                tenant=sql.Literal(str(p.tenant_id))))
            conn.execute(SQL.composed("recall.index_comment", index=index, comment=sql.Literal(
                f"Per-tenant HNSW index (vital kb tune): model {p.model_id}, tenant {p.tenant_id}.")))
