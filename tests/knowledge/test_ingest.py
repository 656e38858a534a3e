"""Ingestion into the database: each format, bad files, de-duplication, versions, the job row, RLS."""

from __future__ import annotations

from tests.knowledge.conftest import settings
from tests.knowledge.corpus import DOCUMENTS
from tests.knowledge.files import make_pdf

FOUR_FORMATS = {name: DOCUMENTS[name] for name in
                ("informed-consent.md", "randomisation.txt", "stability.html", "csr-writing.pdf")}


def test_each_format_becomes_a_ready_document_with_embedded_chunks_and_a_succeeded_job(kb):
    report = kb.ingest("acme", FOUR_FORMATS, collection="Clinical primers", domains=["clinical-development"])
    assert report.status == "succeeded"
    assert sorted(f.status for f in report.files) == ["created"] * 4
    rows = kb.conn.execute(
        "SELECT d.source_ref, d.mime_type, d.status, d.version, k.slug, count(c.*), count(c.embedding),"
        "       bool_and(c.embedding_model_id = d.embedding_model_id), min(c.token_count) > 0"
        "  FROM rag_documents d JOIN knowledge_collections k ON k.tenant_id = d.tenant_id AND k.id = d.collection_id"
        "  JOIN rag_knowledge_chunks c ON c.tenant_id = d.tenant_id AND c.document_id = d.id"
        " WHERE d.tenant_id = %s AND k.slug = 'clinical-primers' GROUP BY 1, 2, 3, 4, 5 ORDER BY 1",
        (kb.tenant("acme"),)).fetchall()
    assert [(r[0], r[1]) for r in rows] == [
        ("csr-writing.pdf", "application/pdf"), ("informed-consent.md", "text/markdown"),
        ("randomisation.txt", "text/plain"), ("stability.html", "text/html")]
    for _, _, status, version, collection, chunks, embedded, same_model, tokens in rows:
        assert (status, version, collection) == ("ready", 1, "clinical-primers")
        assert chunks == embedded >= 1 and same_model and tokens
    job = kb.one("SELECT kind, status, items_total, items_done, items_failed, progress, errors, finished_at"
                 "  FROM rag_ingestion_jobs WHERE id = %s", report.job_id)
    assert job[:7] == ("ingest", "succeeded", 4, 4, 0, 1, []) and job[7] is not None
    # Domains were linked, entities extracted (the consent document names the ethics committee).
    assert kb.one("SELECT count(*) FROM rag_document_domains WHERE document_id = ANY (%s)",
                  [f.document_id for f in report.files])[0] == 4
    assert kb.one("SELECT count(*) FROM rag_extracted_entities WHERE tenant_id = %s"
                  " AND normalized_text = 'institutional review board'", kb.tenant("acme"))[0] >= 1


def test_a_bad_file_is_reported_and_skipped_and_the_rest_go_in(kb):
    files = {"good.md": b"# Good\n\nA perfectly fine document.", "broken.pdf": b"%PDF-1.7 truncated",
             "slides.pptx": b"PK\x03\x04", "scan.pdf": make_pdf([[]]), "also-good.txt": b"Another fine one."}
    report = kb.ingest("acme", files)
    assert report.status == "partial"
    status = {f.name: f.status for f in report.files}
    assert status == {"good.md": "created", "broken.pdf": "failed", "slides.pptx": "failed", "scan.pdf": "failed",
                      "also-good.txt": "created"}
    job = kb.one("SELECT items_done, items_failed, errors FROM rag_ingestion_jobs WHERE id = %s", report.job_id)
    assert job[:2] == (2, 3)
    assert {(e["item"], e["code"]) for e in job[2]} == {
        ("broken.pdf", "unreadable"), ("slides.pptx", "unreadable"), ("scan.pdf", "empty")}
    assert all(e["message"] for e in job[2])


def test_only_bad_files_make_a_failed_job(kb):
    assert kb.ingest("acme", {"x.docx": b"PK"}).status == "failed"


def test_the_same_bytes_are_stored_once_per_collection(kb):
    data = DOCUMENTS["tmf.txt"]
    # The second copy is parsed and embedded ahead, before the first is written; its turn still finds the first.
    first = kb.ingest("acme", {"tmf.txt": data, "tmf-copy.txt": data}, collection="sops")
    again = kb.ingest("acme", {"tmf.txt": data, "copy-of-tmf.txt": data}, collection="sops")
    elsewhere = kb.ingest("acme", {"tmf.txt": data}, collection="archive")
    assert [(f.status, f.document_id) for f in first.files] == [
        ("created", first.files[0].document_id), ("duplicate", first.files[0].document_id)]
    assert [(f.status, f.document_id) for f in again.files] == [
        ("unchanged", first.files[0].document_id), ("duplicate", first.files[0].document_id)]
    assert [f.status for f in elsewhere.files] == ["created"]
    assert kb.one("SELECT count(*) FROM rag_documents WHERE tenant_id = %s AND content_hash = %s",
                  kb.tenant("acme"), __import__("hashlib").sha256(data).hexdigest())[0] == 2


def test_a_changed_file_becomes_a_new_version_whose_chunks_replace_the_old_ones(kb):
    v1 = b"# Retention\n\nEssential documents are kept for 15 years after the trial."
    v2 = b"# Retention\n\nEssential documents are kept for 25 years after the end of the trial."
    first = kb.ingest("acme", {"retention.md": v1}).files[0]
    old_chunks = {r[0] for r in kb.conn.execute(
        "SELECT id FROM rag_knowledge_chunks WHERE document_id = %s", (first.document_id,))}
    second = kb.ingest("acme", {"retention.md": v2}).files[0]
    assert (second.status, second.document_id, second.version) == ("updated", first.document_id, 2)
    chunks = kb.conn.execute("SELECT id, chunk_text FROM rag_knowledge_chunks WHERE document_id = %s",
                             (first.document_id,)).fetchall()
    assert chunks and not old_chunks & {c[0] for c in chunks}
    assert all("25 years" in c[1] for c in chunks)
    versions = kb.conn.execute("SELECT version, content FROM rag_document_versions WHERE document_id = %s"
                               " ORDER BY version", (first.document_id,)).fetchall()
    assert [v[0] for v in versions] == [1, 2] and "15 years" in versions[0][1] and "25 years" in versions[1][1]
    hits = kb.search("acme", "how many years are documents kept", strategy="fulltext")["results"]
    assert hits and all("15 years" not in h["chunk"]["text"] for h in hits)


def test_re_uploading_a_deleted_document_restores_it(kb):
    first = kb.ingest("acme", {"sop.txt": b"Archived procedure text."}).files[0]
    kb.conn.execute("UPDATE rag_documents SET deleted_at = now() WHERE id = %s", (first.document_id,))
    again = kb.ingest("acme", {"sop-restored.txt": b"Archived procedure text."}).files[0]
    assert (again.status, again.document_id) == ("restored", first.document_id)
    assert kb.one("SELECT deleted_at IS NULL, source_ref FROM rag_documents WHERE id = %s",
                  first.document_id) == (True, "sop-restored.txt")


def test_documents_land_in_the_callers_tenant_only(kb):
    kb.ingest("pharmaco", {"pv.md": b"# PV\n\nCase processing rules for expedited reports."})
    assert kb.one("SELECT count(*) FROM rag_documents WHERE source_ref = 'pv.md' AND tenant_id = %s",
                  kb.tenant("pharmaco"))[0] == 1
    hits = kb.search("acme", "expedited reports case processing", strategy="fulltext")["results"]
    assert all(h["document"]["source_ref"] != "pv.md" for h in hits)


def test_an_unknown_domain_is_refused_before_anything_is_written(kb):
    import pytest

    from vital.errors import InvalidInput

    before = kb.one("SELECT count(*) FROM rag_ingestion_jobs")[0]
    with pytest.raises(InvalidInput, match="no-such-domain"):
        kb.ingest("acme", {"a.txt": b"text"}, domains=["no-such-domain"])
    assert kb.one("SELECT count(*) FROM rag_ingestion_jobs")[0] == before


def test_chunk_budget_and_overlap_come_from_the_settings(kb):
    long = " ".join(f"Monitoring finding {i} was closed within the agreed timeline." for i in range(80))
    report = kb.ingest("acme", {"findings.txt": long.encode()}, settings(chunk_tokens=60, chunk_overlap_tokens=12))
    counts = [r[0] for r in kb.conn.execute(
        "SELECT token_count FROM rag_knowledge_chunks WHERE document_id = %s ORDER BY chunk_index",
        (report.files[0].document_id,))]
    assert len(counts) > 5 and max(counts) <= 60
