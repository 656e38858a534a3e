"""Re-parsing from stored originals (`vital kb reparse`, POST /api/v1/knowledge/documents/{id}/reparse):
documents "ingested by the old parsers" (set up here by writing their text and chunks flattened, with no
location, as that code did) get today's parse in a background job run by a real worker: same document id,
the old text kept as a version, chunks with locations; a document whose original was never kept is
reported and left alone. One database, one in-process worker and one app for the module."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

import pytest

from tests import pg
from tests.harness import running
from tests.knowledge.conftest import KB
from tests.knowledge.office_files import STABILITY, csv_file, docx_file
from vital.db.connection import Database
from vital.jobs.worker import InProcessWorker

FLAT = " ".join(" ".join(row) for row in STABILITY)  # the old CSV reading: cells in a run, headers lost
OLD_NOTE = b"Deviation reports are closed within thirty days of discovery.\n"


@pytest.fixture(scope="module")
def setup():
    database = pg.clone()
    try:
        with pg.connect(database, autocommit=True) as conn, running(database, embedding_provider="hash") as api, \
                InProcessWorker(Database(api.settings)):
            kb = KB(conn)
            report = kb.ingest("acme", {"stability.csv": csv_file(), "cleaning.docx": docx_file(),
                                        "deviations.txt": OLD_NOTE}, extract_graph=False)
            docs = {f.name: f.document_id for f in report.files}
            assert all(f.status == "created" for f in report.files), report.files
            for name in ("stability.csv", "cleaning.docx"):
                _as_the_old_parser_left_it(conn, docs[name])
            # deviations.txt came before originals were kept: no object in storage
            conn.execute("DELETE FROM storage_objects WHERE document_id = %s", (docs["deviations.txt"],))
            yield kb, api, docs, database
    finally:
        pg.drop(database)


def _as_the_old_parser_left_it(conn, doc) -> None:
    """Version 1 with flattened text and one chunk without a location, exactly as the old code wrote it
    (triggers off so that the setup itself makes no version)."""
    with conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute("UPDATE rag_documents SET content = %s WHERE id = %s", (FLAT, doc))
        conn.execute("UPDATE rag_document_versions SET content = %s WHERE document_id = %s", (FLAT, doc))
        conn.execute("DELETE FROM rag_knowledge_chunks c WHERE document_id = %s AND chunk_index > 0", (doc,))
        conn.execute("UPDATE rag_knowledge_chunks SET chunk_text = %s, location = '{}', metadata = '{}' "
                     "WHERE document_id = %s", (FLAT, doc))


def _chunks(kb: KB, doc) -> list[dict]:
    rows = kb.conn.execute("SELECT chunk_text, location, embedding IS NOT NULL AS embedded FROM "
                           "rag_knowledge_chunks WHERE document_id = %s ORDER BY chunk_index", (doc,)).fetchall()
    return [{"text": t, "location": loc, "embedded": e} for t, loc, e in rows]


def _state(kb: KB, doc) -> tuple:
    return kb.one("SELECT d.version, d.content, d.metadata, array_agg(c.id ORDER BY c.id) FROM rag_documents d "
                  "JOIN rag_knowledge_chunks c ON c.document_id = d.id WHERE d.id = %s "
                  "GROUP BY d.version, d.content, d.metadata", doc)


def _versions(kb: KB, doc) -> list[tuple[int, str]]:
    return kb.conn.execute("SELECT version, content FROM rag_document_versions WHERE document_id = %s "
                           "ORDER BY version", (doc,)).fetchall()


def test_the_cli_reparses_every_document_with_an_original_and_reports_the_one_without(setup, cli_env):
    kb, _, docs, database = setup
    csv_doc, docx_doc = docs["stability.csv"], docs["cleaning.docx"]
    assert [c["location"] for c in _chunks(kb, csv_doc)] == [{}]
    untouched = _state(kb, docs["deviations.txt"])
    done = subprocess.run([sys.executable, "-m", "vital", "kb", "reparse", "--tenant", "acme", "--all", "--wait"],
                          env=cli_env(database), capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())
    assert "2 document(s) to re-parse; 1 without a stored original left alone" in said
    assert "succeeded — 2 re-parsed, 0 failed" in said
    assert "no stored original" in done.stderr and "deviations.txt" in done.stderr
    assert "Upload the file again" in " ".join(done.stderr.split())

    # The CSV: same id, a second version with the rows and their headers, chunks located by rows.
    assert kb.one("SELECT version FROM rag_documents WHERE id = %s", csv_doc)[0] == 2
    history = _versions(kb, csv_doc)
    assert [v for v, _ in history] == [1, 2] and history[0][1] == FLAT and "Impurity A (%)" in history[1][1]
    chunks = _chunks(kb, csv_doc)
    assert all(c["embedded"] and c["location"].get("rows") for c in chunks)
    assert any("Out of trend" in c["text"] and "Result" in c["text"] for c in chunks)
    # The Word file: its heading path is back as the chunks' locations, its table as rows with headers.
    chunks = _chunks(kb, docx_doc)
    assert all(c["location"].get("section", "").startswith("Cleaning validation SOP") for c in chunks)
    assert any("Assay (%): 97.2; Impurity A (%): 0.31" in c["text"] for c in chunks)
    # Left alone: the document without an original keeps its text, version and chunks.
    assert _state(kb, docs["deviations.txt"]) == untouched
    found = kb.search("acme", "impurity out of trend batch B-2042", k=3)
    assert found["results"][0]["document"]["id"] in (str(csv_doc), str(docx_doc))  # both now hold the row


def test_the_api_queues_one_document_and_refuses_clearly_what_it_cannot_reparse(setup):
    kb, api, docs, _ = setup
    acme = api.as_("acme")
    doc = docs["cleaning.docx"]
    before = kb.one("SELECT version FROM rag_documents WHERE id = %s", doc)[0]
    queued = acme.post(f"/api/v1/knowledge/documents/{doc}/reparse")
    assert queued.status_code == 202, queued.text
    job = queued.json()["job_id"]
    deadline = time.monotonic() + 60
    while (row := acme.get(f"/api/v1/knowledge/jobs/{job}").json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, row
        time.sleep(0.2)
    assert row["status"] == "succeeded" and row["items_done"] == 1
    # the same text again: no new version, the same id, chunks still located
    assert kb.one("SELECT version FROM rag_documents WHERE id = %s", doc)[0] == before
    assert all(c["location"] for c in _chunks(kb, doc))

    missing = acme.post(f"/api/v1/knowledge/documents/{docs['deviations.txt']}/reparse")
    assert missing.status_code == 409 and "no stored original" in missing.json()["message"]
    assert "Upload the file again" in missing.json()["hint"]
    assert acme.post(f"/api/v1/knowledge/documents/{uuid.uuid4()}/reparse").status_code == 404
    # another tenant cannot reach acme's document at all
    assert api.as_("pharmaco").post(f"/api/v1/knowledge/documents/{doc}/reparse").status_code == 404
