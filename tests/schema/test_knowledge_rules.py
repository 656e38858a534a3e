"""Knowledge and search rules: vectors tied to their model, per-model HNSW indexes
and the query shape that uses them, generated full text, de-duplication, document
history and access, job statuses. Each test runs in a rolled-back transaction."""

from __future__ import annotations

import pytest
from psycopg import sql
from psycopg.errors import CheckViolation, UniqueViolation

from tests.helpers import act_as, tenant_id
from vital.db.tenant import apply_context
from vital.tenancy import Caller

PLATFORM = "00000000-0000-0000-0000-000000000000"


def _seed_id(db, *parts: str):
    return db.execute("SELECT vital.seed_uuid(VARIADIC %s::text[])", (list(parts),)).fetchone()[0]


def _vector(dims: int, hot: int = 0) -> str:
    """A pgvector literal: a one-hot-ish unit direction, distinct for each `hot`."""
    values = [0.01] * dims
    values[hot % dims] = 1.0
    return "[" + ",".join(str(v) for v in values) + "]"


def _index_name(table: str, model) -> str:
    return f"{table}_hnsw_{str(model).replace('-', '')}"


def _add_chunk(db, tenant, document, index: int, text: str, vector: str | None = None, model=None):
    db.execute(
        "INSERT INTO rag_knowledge_chunks (tenant_id, document_id, chunk_index, chunk_text, embedding,"
        " embedding_model_tenant_id, embedding_model_id) VALUES (%s, %s, %s, %s, %s::extensions.vector, %s, %s)",
        (tenant, document, index, text, vector, PLATFORM if model else None, model),
    )


def test_a_384_dim_vector_for_the_384_model_is_searched_through_that_models_hnsw_index(db):
    acme = tenant_id(db, "acme")
    document = _seed_id(db, "rag_documents", "acme", "onboarding-sop")
    model = _seed_id(db, "embedding_models", "platform", "all-minilm-l6-v2")
    for i in range(20):
        _add_chunk(db, acme, document, 100 + i, f"Monitoring visit note {i}", _vector(384, i), model)

    index = db.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                       (_index_name("rag_knowledge_chunks", model),)).fetchone()
    assert index is not None
    assert "hnsw" in index[0] and "vector(384)" in index[0] and str(model) in index[0]

    # The documented query: same cast, same model predicate (as a literal), ORDER BY ... LIMIT.
    query = sql.SQL(
        "SELECT chunk_index FROM rag_knowledge_chunks WHERE embedding_model_id = {model}"
        " ORDER BY embedding::extensions.vector(384) <=> {q}::extensions.vector(384) LIMIT 5"
    ).format(model=sql.Literal(str(model)), q=sql.Literal(_vector(384, 7)))
    db.execute("SET LOCAL search_path = public, extensions")
    db.execute("SET LOCAL enable_seqscan = off")
    plan = "\n".join(r[0] for r in db.execute(sql.SQL("EXPLAIN ") + query))
    assert _index_name("rag_knowledge_chunks", model) in plan
    assert db.execute(query).fetchone()[0] == 107


def test_a_vector_must_have_the_dimension_of_its_model(db):
    acme = tenant_id(db, "acme")
    document = _seed_id(db, "rag_documents", "acme", "onboarding-sop")
    model = _seed_id(db, "embedding_models", "platform", "all-minilm-l6-v2")
    with pytest.raises(CheckViolation) as e:
        with db.transaction():
            _add_chunk(db, acme, document, 100, "Wrong size", _vector(1536), model)
    assert e.value.diag.constraint_name == "rag_knowledge_chunks_embedding_dimensions"
    with pytest.raises(CheckViolation) as e:
        _add_chunk(db, acme, document, 101, "No model named", _vector(384), None)
    assert e.value.diag.constraint_name == "rag_knowledge_chunks_embedding_model_required"


def test_registering_a_model_builds_its_indexes_and_its_dimension_is_fixed(db):
    acme = tenant_id(db, "acme")
    model = db.execute(
        "INSERT INTO embedding_models (tenant_id, provider, name, dimensions) "
        "VALUES (%s, 'local', 'tiny-test-encoder', 8) RETURNING id", (acme,)).fetchone()[0]
    names = {r[0] for r in db.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s",
                                      (f"%_hnsw_{str(model).replace('-', '')}",))}
    assert names == {_index_name("rag_documents", model), _index_name("rag_knowledge_chunks", model)}
    with pytest.raises(CheckViolation) as e:
        db.execute("UPDATE embedding_models SET dimensions = 16 WHERE id = %s", (model,))
    assert e.value.diag.constraint_name == "embedding_models_dimensions_fixed"


def test_the_full_text_vector_is_generated_from_the_chunk_text(db):
    acme = tenant_id(db, "acme")
    document = _seed_id(db, "rag_documents", "acme", "onboarding-sop")
    _add_chunk(db, acme, document, 100, "Sponsors reduced on-site monitoring visits.")
    match = ("SELECT search_vector @@ to_tsquery('english', %s) FROM rag_knowledge_chunks"
             " WHERE tenant_id = %s AND document_id = %s AND chunk_index = 100")
    assert db.execute(match, ("monitor & visit", acme, document)).fetchone()[0] is True
    db.execute("UPDATE rag_knowledge_chunks SET chunk_text = 'Consent forms were revised.'"
               " WHERE tenant_id = %s AND document_id = %s AND chunk_index = 100", (acme, document))
    assert db.execute(match, ("monitor & visit", acme, document)).fetchone()[0] is False
    assert db.execute(match, ("consent", acme, document)).fetchone()[0] is True
    # The seed's chunks are searchable by keyword at once, before any embedding exists.
    hits = db.execute("SELECT count(*) FROM rag_knowledge_chunks"
                      " WHERE search_vector @@ websearch_to_tsquery('english', 'informed consent')").fetchone()[0]
    assert hits >= 1


def test_the_same_content_twice_in_one_collection_is_rejected(db):
    acme = tenant_id(db, "acme")
    collection = _seed_id(db, "knowledge_collections", "acme", "clinical-operations-sops")
    content_hash = db.execute("SELECT content_hash FROM rag_documents WHERE tenant_id = %s AND id = %s",
                              (acme, _seed_id(db, "rag_documents", "acme", "onboarding-sop"))).fetchone()[0]
    insert = ("INSERT INTO rag_documents (tenant_id, collection_id, title, content, content_hash)"
              " VALUES (%s, %s, 'Copy of the onboarding SOP', 'same bytes', %s)")
    with pytest.raises(UniqueViolation) as e:
        with db.transaction():
            db.execute(insert, (acme, collection, content_hash))
    assert e.value.diag.constraint_name == "rag_documents_content_hash_key"

    other = db.execute("INSERT INTO knowledge_collections (tenant_id, slug, name)"
                       " VALUES (%s, 'archive', 'Archive') RETURNING id", (acme,)).fetchone()[0]
    db.execute(insert, (acme, other, content_hash))  # another collection may hold a copy
    db.execute(insert, (acme, None, content_hash))   # so may the general library, once
    with pytest.raises(UniqueViolation) as e:
        db.execute(insert, (acme, None, content_hash))
    assert e.value.diag.constraint_name == "rag_documents_content_hash_key"


def test_content_hash_must_be_sha256_hex(db):
    with pytest.raises(CheckViolation) as e:
        db.execute("INSERT INTO rag_documents (tenant_id, title, content_hash) VALUES (%s, 'x', 'not-a-hash')",
                   (tenant_id(db, "acme"),))
    assert e.value.diag.constraint_name == "rag_documents_content_hash_sha256"


def test_a_bad_job_status_is_rejected(db):
    with pytest.raises(CheckViolation) as e:
        db.execute("INSERT INTO rag_ingestion_jobs (tenant_id, kind, status) VALUES (%s, 'ingest', 'done')",
                   (tenant_id(db, "acme"),))
    assert e.value.diag.constraint_name == "rag_ingestion_jobs_status_check"


def test_job_progress_follows_the_counts_and_errors_are_an_array_of_objects(db):
    acme = tenant_id(db, "acme")
    progress = db.execute(
        "INSERT INTO rag_ingestion_jobs (tenant_id, status, items_total, items_done, items_failed)"
        " VALUES (%s, 'running', 8, 3, 1) RETURNING progress", (acme,)).fetchone()[0]
    assert float(progress) == 0.5
    with pytest.raises(CheckViolation) as e:
        with db.transaction():
            db.execute("INSERT INTO rag_ingestion_jobs (tenant_id, items_total, items_done) VALUES (%s, 2, 3)",
                       (acme,))
    assert e.value.diag.constraint_name == "rag_ingestion_jobs_counts_check"
    with pytest.raises(CheckViolation) as e:
        db.execute("""INSERT INTO rag_ingestion_jobs (tenant_id, errors) VALUES (%s, '["timeout"]')""", (acme,))
    assert e.value.diag.constraint_name == "rag_ingestion_jobs_errors_shape"


def test_changing_the_content_raises_the_version_and_keeps_the_history(db):
    acme = tenant_id(db, "acme")
    document = _seed_id(db, "rag_documents", "acme", "onboarding-sop")
    act_as(db, "acme")
    db.execute("UPDATE rag_documents SET content = content || ' Revised for the 2027 EDC.',"
               " content_hash = repeat('b', 64) WHERE tenant_id = %s AND id = %s", (acme, document))
    db.execute("UPDATE rag_documents SET title = title || ' (rev. B)' WHERE tenant_id = %s AND id = %s",
               (acme, document))
    assert db.execute("SELECT version FROM rag_documents WHERE id = %s", (document,)).fetchone()[0] == 2
    history = db.execute("SELECT version, content_hash FROM rag_document_versions"
                         " WHERE tenant_id = %s AND document_id = %s ORDER BY version", (acme, document)).fetchall()
    assert [v for v, _ in history] == [1, 2] and history[1][1] == "b" * 64


def test_a_restricted_document_is_readable_only_by_listed_members_and_admins(db):
    acme = tenant_id(db, "acme")
    document = _seed_id(db, "rag_documents", "acme", "onboarding-sop")
    outsider = db.execute("INSERT INTO auth.users (email) VALUES ('temp@acme.example') RETURNING id").fetchone()[0]
    db.execute("INSERT INTO profiles (tenant_id, user_id, display_name) VALUES (%s, %s, 'Temp')", (acme, outsider))
    db.execute("INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (%s, %s, 'member')", (acme, outsider))
    # RLS now hides the restricted document from the outsider; the function still says why
    readable = "SELECT vital.rag_document_readable(%s, %s::uuid)"
    platform_doc = _seed_id(db, "rag_documents", "platform", "ich-e6-overview")

    act_as(db, "acme")  # ada is listed on the seeded access rule
    assert db.execute(readable, (acme, document)).fetchone()[0] is True
    apply_context(db, Caller.member(acme, outsider))
    assert db.execute(readable, (acme, document)).fetchone()[0] is False
    assert db.execute(readable, (PLATFORM, platform_doc)).fetchone()[0] is True
    assert db.execute("SELECT count(*) FROM rag_documents WHERE id = %s", (document,)).fetchone()[0] == 0


def test_a_graph_edge_may_reach_a_platform_node_but_not_another_tenants(db):
    acme, pharmaco = tenant_id(db, "acme"), tenant_id(db, "pharmaco")
    source = _seed_id(db, "kg_nodes", "acme", "procedure:gcp-training")
    insert = ("INSERT INTO kg_edges (tenant_id, source_tenant_id, source_node_id, relation,"
              " target_tenant_id, target_node_id) VALUES (%s, %s, %s, 'related_to', %s, %s)")
    db.execute(insert, (acme, acme, source, PLATFORM, _seed_id(db, "kg_nodes", "platform", "procedure:informed-consent")))
    with pytest.raises(CheckViolation) as e:
        db.execute(insert, (acme, acme, source, pharmaco, _seed_id(db, "kg_nodes", "pharmaco", "procedure:pv-sop-003")))
    assert e.value.diag.constraint_name == "kg_edges_target_tenant_check"


def test_a_node_key_carries_its_kind(db):
    with pytest.raises(CheckViolation) as e:
        db.execute("INSERT INTO kg_nodes (tenant_id, kind, name, normalized_key) VALUES (%s, 'drug', 'Metformin', 'metformin')",
                   (tenant_id(db, "acme"),))
    assert e.value.diag.constraint_name == "kg_nodes_normalized_key_format"
