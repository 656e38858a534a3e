"""Tenant-filtered vector search keeps its recall: exact for small tenants, the tenant's own HNSW index
(built by `vital kb tune`) for large ones, checked against exact search on clustered synthetic vectors
among many other tenants' vectors. The full-size figures are bench/knowledge_recall.py's."""

from __future__ import annotations

import uuid

import numpy as np
import pytest
from psycopg import sql

from tests import pg
from vital.db.tenant import tenant_transaction
from vital.knowledge import recall
from vital.knowledge.embeddings import ModelRef
from vital.knowledge.search import PLATFORM, SQL, SearchRequest, search
from tests.knowledge.conftest import settings
from vital.tenancy import Caller

DIMS = 32
SIZES = {"big": 4000, "small": 150, **{f"crowd{i:02d}": 250 for i in range(24)}, "platform": 300}
THRESHOLD = 2000


@pytest.fixture(scope="module")
def space(module_db):
    rng = np.random.default_rng(5)
    centres = rng.standard_normal((60, DIMS))
    vectors, tenants = {}, {}
    with pg.connect(module_db, autocommit=True) as conn:
        model_id = conn.execute("INSERT INTO embedding_models (tenant_id, provider, name, dimensions)"
                                " VALUES (vital.platform_tenant_id(), 'local', 'test-synthetic-32', %s)"
                                " RETURNING id", (DIMS,)).fetchone()[0]
        for name, n in SIZES.items():
            tid = PLATFORM if name == "platform" else conn.execute(
                "INSERT INTO tenants (name, subdomain) VALUES (%s, %s) RETURNING id", (name, name)).fetchone()[0]
            topics = rng.choice(60, size=6, replace=False)
            v = centres[rng.choice(topics, n)] + rng.standard_normal((n, DIMS)) * 0.6
            v /= np.linalg.norm(v, axis=1, keepdims=True)
            doc = conn.execute("INSERT INTO rag_documents (tenant_id, title, content_hash, status) VALUES"
                               " (%s, 'synthetic', encode(sha256(%s::bytea), 'hex'), 'ready') RETURNING id",
                               (tid, name.encode())).fetchone()[0]
            ids = [uuid.uuid4() for _ in range(n)]
            with conn.cursor().copy("COPY rag_knowledge_chunks (id, tenant_id, document_id, chunk_index, chunk_text,"
                                    " embedding, embedding_model_tenant_id, embedding_model_id) FROM STDIN") as copy:
                for i, (cid, row) in enumerate(zip(ids, v)):
                    copy.write_row((cid, tid, doc, i, f"chunk {i}", "[" + ",".join(map(str, row)) + "]",
                                    PLATFORM, model_id))
            vectors[name], tenants[name] = (v, np.array(ids), topics), tid
        conn.execute("ANALYZE rag_knowledge_chunks")
        actions = recall.plan(conn, THRESHOLD)
        recall.apply(conn, actions, memory="256MB")
    yield {"db": module_db, "model": ModelRef(PLATFORM, model_id, "local", "test-synthetic-32", DIMS),
           "vectors": vectors, "tenants": tenants, "centres": centres, "actions": actions}


def test_tune_indexes_exactly_the_partitions_over_the_threshold(space):
    assert [(a.verb, a.partition.tenant_id, a.partition.vectors) for a in space["actions"]] == [
        ("create", space["tenants"]["big"], 4000)]


@pytest.mark.parametrize("tenant, path", [("big", "hnsw"), ("small", "exact")])
def test_recall_at_10_against_exact_search(space, tenant, path):
    own, ids, topics = space["vectors"][tenant]
    library, library_ids, _ = space["vectors"]["platform"]
    rng = np.random.default_rng(9)
    recalls = []
    with pg.connect(space["db"], autocommit=True) as conn:
        for _ in range(40):
            q = space["centres"][rng.choice(topics)] + rng.standard_normal(DIMS) * 0.6
            q /= np.linalg.norm(q)
            every = np.concatenate([own, library])
            truth = set(np.concatenate([ids, library_ids])[np.argsort(-(every @ q))[:10]])
            with tenant_transaction(conn, Caller.member(space["tenants"][tenant])) as c:
                found = search(c, space["tenants"][tenant], SearchRequest("synthetic", "vector", 10), settings(),
                               query_vectors={space["model"]: q.tolist()})
            assert found["vector_paths"]["test-synthetic-32:tenant"] == path
            assert found["count"] == 10
            recalls.append(len({uuid.UUID(r["chunk"]["id"]) for r in found["results"]} & truth) / 10)
    assert np.mean(recalls) >= 0.98, recalls


def test_the_large_tenants_statement_uses_its_own_index(space):
    big, model = space["tenants"]["big"], space["model"]
    statement = SQL.composed("search.vector_hnsw", dims=sql.Literal(DIMS), q=sql.Placeholder("q"),
                             partition=sql.Literal(str(big)), model=sql.Literal(str(model.id)),
                             eligible=sql.SQL("true"), fetch=sql.Literal(40))
    with pg.connect(space["db"], autocommit=True) as conn:
        with tenant_transaction(conn, Caller.member(big)) as c:
            c.execute("SELECT set_config('enable_sort', 'off', true)")
            plan = "\n".join(r[0] for r in c.execute(sql.SQL("EXPLAIN ") + statement,
                                                     {"q": "[" + ",".join(["0.1"] * DIMS) + "]"}))
    assert recall.index_name(model.id, big) in plan


def test_a_partition_that_shrank_loses_its_index(space):
    big = space["tenants"]["big"]
    with pg.connect(space["db"]) as conn:  # rolled back: the module's data stays as it was
        conn.execute("DELETE FROM rag_knowledge_chunks WHERE tenant_id = %s AND chunk_index >= 900", (big,))
        actions = recall.plan(conn, THRESHOLD, big)
        conn.rollback()
    assert [(a.verb, a.partition.vectors) for a in actions] == [("drop", 900)]


def test_a_filter_that_starves_the_index_scan_falls_back_to_the_exact_path(space):
    big, model = space["tenants"]["big"], space["model"]
    vectors, _, _ = space["vectors"]["big"]
    with pg.connect(space["db"]) as conn:  # rolled back at the end
        doc = conn.execute("INSERT INTO rag_documents (tenant_id, title, content_hash, status, metadata) VALUES"
                           " (%s, 'rare', repeat('a', 64), 'ready', '{\"tag\": \"rare\"}') RETURNING id",
                           (big,)).fetchone()[0]
        conn.execute("UPDATE rag_knowledge_chunks SET document_id = %s WHERE tenant_id = %s AND chunk_index < 5",
                     (doc, big))
        with tenant_transaction(conn, Caller.member(big)) as c:
            found = search(c, big, SearchRequest("synthetic", "vector", 10, metadata={"tag": "rare"}), settings(),
                           query_vectors={model: vectors[0].tolist()})
        conn.rollback()
    assert found["vector_paths"]["test-synthetic-32:tenant"] == "exact (filters outran the index)"
    assert found["count"] == 5 and found["results"][0]["chunk"]["index"] == 0
