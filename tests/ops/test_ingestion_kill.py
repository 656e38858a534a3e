"""A process killed (SIGKILL) in the middle of writing a document leaves no half document;
its job is then marked failed (`vital db jobs --fail-stale`) and ingesting again finishes the work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from tests import pg

# Ingests a folder into acme; with HANG_AT=n it stops for good inside the write transaction of
# the n-th file (after its document and chunks are written, before the transaction commits).
INGEST = textwrap.dedent("""
    import os, sys, time
    import psycopg
    from vital.db.connection import SESSION_OPTIONS
    from vital.db.tenant import tenant_transaction
    from vital.knowledge import embeddings, ingest
    from vital.settings import Settings
    from vital.tenancy import Caller

    url, folder, hang_at = sys.argv[1], sys.argv[2], int(os.environ.get("HANG_AT", "0"))
    settings = Settings(environment="test", database_url=url, embedding_provider="hash")
    conn = psycopg.connect(url, autocommit=True, options=SESSION_OPTIONS)
    tenant = conn.execute("SELECT id FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
    embedder = embeddings.current(settings)
    with tenant_transaction(conn, Caller.service()) as c:
        model = embeddings.register(c, embedder)
    real, written = ingest.graph.link_document, []

    def link(conn, doc, chunks, domains):
        written.append(doc)
        if len(written) == hang_at:
            print("inside the transaction", flush=True)
            time.sleep(600)
        return real(conn, doc, chunks, domains)

    ingest.graph.link_document = link
    files, _ = ingest.files_under([__import__("pathlib").Path(folder)])
    report = ingest.Ingestor(conn, Caller.member(tenant), settings, embedder, model).run(files, collection="kill-test")
    print(report.status, flush=True)
""")

DOCUMENTS = """
SELECT d.source_ref, (d.metadata->>'chunks')::int, count(c.id)
FROM rag_documents d
JOIN knowledge_collections k ON k.tenant_id = d.tenant_id AND k.id = d.collection_id AND k.slug = 'kill-test'
LEFT JOIN rag_knowledge_chunks c ON c.tenant_id = d.tenant_id AND c.document_id = d.id
GROUP BY d.source_ref, d.metadata ORDER BY 1"""


def test_a_killed_ingestion_leaves_no_half_document_and_can_be_retried(fresh_db, vital, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(1, 7):
        (folder / f"note-{n}.md").write_text(f"# Note {n}\n\n" + f"Protocol deviation {n} in the oncology trial. " * 60)
    env = {**os.environ, "HANG_AT": "3", "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen([sys.executable, "-c", INGEST, pg.url(fresh_db), str(folder)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line.strip() == "inside the transaction", child.stderr.read()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()

    with pg.connect(fresh_db) as conn:
        docs = conn.execute(DOCUMENTS).fetchall()
        assert [d[0] for d in docs] == ["note-1.md", "note-2.md"]  # the third never committed
        assert all(chunks == written > 0 for _, chunks, written in docs)
        job = conn.execute("SELECT id, status, items_done FROM rag_ingestion_jobs WHERE status = 'running'").fetchall()
        assert [j[1:] for j in job] == [("running", 2)]

    assert f"failed acme job {job[0][0]}" in vital(fresh_db, "db", "jobs", "--fail-stale", "0").stdout
    with pg.connect(fresh_db) as conn:
        status, errors = conn.execute("SELECT status, errors FROM rag_ingestion_jobs WHERE id = %s",
                                      (job[0][0],)).fetchone()
        assert status == "failed" and errors[-1]["code"] == "interrupted"

    again = subprocess.run([sys.executable, "-c", INGEST, pg.url(fresh_db), str(folder)], capture_output=True,
                           text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}, timeout=300)
    assert again.stdout.strip() == "succeeded", again.stderr
    with pg.connect(fresh_db) as conn:
        docs = conn.execute(DOCUMENTS).fetchall()
        assert [d[0] for d in docs] == [f"note-{n}.md" for n in range(1, 7)]
        assert all(chunks == written > 0 for _, chunks, written in docs)
    assert "0 running job(s)" in vital(fresh_db, "db", "jobs").stdout
