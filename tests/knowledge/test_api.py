"""The knowledge API: upload, jobs, search with citations, feedback, graph, re-embed, isolation."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest

from tests import pg
from tests.harness import running
from tests.knowledge.conftest import KB, settings
from tests.knowledge.corpus import DOCUMENTS
from tests.knowledge.office_files import pptx_file, xlsx_file
from tests.knowledge.test_budget import BOMB
from vital.db.connection import Database
from vital.jobs.worker import InProcessWorker


@pytest.fixture
def app(fresh_db):
    with pg.connect(fresh_db, autocommit=True) as conn:
        KB(conn).model(settings())  # a deployment operation: the API role cannot register models
    with running(fresh_db, embedding_provider="hash", knowledge_max_upload_bytes=200_000,
                 knowledge_max_decompressed_bytes=1024 * 1024) as started:
        yield started


def _upload(client, files: dict[str, bytes], **form):
    data = {k: (json.dumps(v) if k == "metadata" else v) for k, v in form.items()}
    return client.post("/api/v1/knowledge/documents", files=[("files", (n, d)) for n, d in files.items()], data=data)


def _wait(client, job_id: str) -> dict:
    for _ in range(300):
        job = client.get(f"/api/v1/knowledge/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {job['status']}")


def test_upload_reports_each_file_and_the_job_keeps_the_errors(app):
    acme = app.as_("acme")
    files = {n: DOCUMENTS[n] for n in ("tmf.txt", "csr-writing.pdf", "stability.html")}
    response = _upload(acme, {**files, "notes.key": b"PK\x03\x04"}, collection="Guides",
                       domains="clinical-development", metadata={"owner": "QA"})
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["status"] == "partial" and report["chunks"] >= 3
    assert {f["name"]: f["status"] for f in report["files"]} == {
        "tmf.txt": "created", "csr-writing.pdf": "created", "stability.html": "created", "notes.key": "failed"}
    job = acme.get(f"/api/v1/knowledge/jobs/{report['job_id']}").json()
    assert (job["status"], job["items_done"], job["items_failed"], float(job["progress"])) == ("partial", 3, 1, 1.0)
    assert job["errors"][0]["item"] == "notes.key" and job["errors"][0]["code"] == "unsupported_format"
    assert report["job_id"] in [j["id"] for j in acme.get("/api/v1/knowledge/jobs").json()]
    assert app.as_("pharmaco").get(f"/api/v1/knowledge/jobs/{report['job_id']}").status_code == 404


def test_search_returns_cited_results_of_the_callers_tenant_only(app):
    acme, pharmaco = app.as_("acme"), app.as_("pharmaco")
    assert _upload(acme, {"stability.html": DOCUMENTS["stability.html"]}).status_code == 201
    body = {"query": "how long can the drug be stored before expiry", "k": 3}
    found = acme.post("/api/v1/search", json=body).json()
    top = found["results"][0]
    assert top["document"]["title"] == "Stability studies and shelf life" and top["citation"]
    assert top["chunk"]["text"] and "<mark>" in top["snippet"] and found["search_id"]
    others = pharmaco.post("/api/v1/search", json={**body, "k": 20}).json()["results"]
    assert all(r["document"]["title"] != "Stability studies and shelf life" for r in others)
    assert app.as_("acme", token=None).post("/api/v1/search", json=body).status_code == 401
    assert acme.post("/api/v1/search", json={**body, "strategy": "psychic"}).status_code == 400
    feedback = acme.post(f"/api/v1/search/{found['search_id']}/feedback",
                         json={"chunk_id": top["chunk"]["id"], "rating": 5, "relevant": True})
    assert feedback.status_code == 201
    assert pharmaco.post(f"/api/v1/search/{found['search_id']}/feedback", json={"rating": 1}).status_code >= 400


def test_office_files_are_cited_with_their_location_and_a_legacy_file_is_refused_alone(app):
    acme = app.as_("acme")
    refused = _upload(acme, {"old-sop.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504})
    assert refused.status_code == 422
    error = refused.json()["files"][0]["error"]
    assert error["code"] == "legacy_format" and "save it as .docx" in error["hint"]
    report = _upload(acme, {"trend.xlsx": xlsx_file(), "review.pptx": pptx_file(), "old.xls": b"x"}).json()
    assert {f["name"]: f["status"] for f in report["files"]} == {
        "trend.xlsx": "created", "review.pptx": "created", "old.xls": "failed"}
    found = acme.post("/api/v1/search", json={"query": "Batch B-2042 Month 12 Assay", "k": 5}).json()["results"]
    rows = [r for r in found if "Batch: B-2042; Month: 12" in r["chunk"]["text"]]
    assert {r["document"]["source_ref"] for r in rows} == {"trend.xlsx", "review.pptx"}
    where = {r["document"]["source_ref"]: r for r in rows}
    assert where["trend.xlsx"]["chunk"]["location"]["sheet"] == "Stability"
    assert where["trend.xlsx"]["chunk"]["location"]["rows"][1] == 4 and "rows" in where["trend.xlsx"]["citation"]
    assert where["review.pptx"]["chunk"]["location"]["slide"] == 2 and "slide 2" in where["review.pptx"]["citation"]
    chunk_row = acme.get("/rest/v1/rag_knowledge_chunks", params={
        "select": "location,ocr_confidence", "id": f"eq.{where['trend.xlsx']['chunk']['id']}"}).json()
    assert chunk_row == [{"location": where["trend.xlsx"]["chunk"]["location"], "ocr_confidence": None}]


def test_background_upload_and_reembed_run_as_jobs(app):
    acme = app.as_("acme")
    with InProcessWorker(Database(app.settings)):  # what `vital up` runs beside the API
        started = _upload_background(acme, {"tmf.txt": DOCUMENTS["tmf.txt"]})
        assert _wait(acme, started["job_id"])["status"] == "succeeded"
        again = acme.post("/api/v1/knowledge/reembed")
        assert again.status_code == 202 and again.json()["embedding"]["name"] == "vital-hashing-384"
        job = _wait(acme, again.json()["job_id"])
        assert job["kind"] == "embed" and job["status"] == "succeeded"


def test_a_synchronous_upload_is_parsed_and_embedded_below_the_api_priority(app):
    """One tenant's uploads must not delay the others' requests: their CPU work runs on threads
    VITAL_WORKER_NICE (19) steps below the API's (docs/operations.md, "CPU priority")."""
    base = os.getpriority(os.PRIO_PROCESS, 0)
    response = _upload(app.as_("acme"), {"tmf.txt": DOCUMENTS["tmf.txt"]})
    assert response.status_code == 201, response.text
    heavy = [t for t in threading.enumerate() if t.name.startswith("vital-heavy")]
    assert heavy, "the upload ran on the API's low-priority threads"
    assert {os.getpriority(os.PRIO_PROCESS, t.native_id) for t in heavy} == {min(19, base + 19)}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == base  # the rest of the API kept its own


def _upload_background(client, files):
    response = client.post("/api/v1/knowledge/documents?background=true",
                           files=[("files", (n, d)) for n, d in files.items()])
    assert response.status_code == 202, response.text
    return response.json()


def test_graph_nodes_and_neighbourhood(app):
    acme = app.as_("acme")
    _upload(acme, {"sae.md": DOCUMENTS["sae-reporting.md"]})
    nodes = acme.get("/api/v1/graph/nodes", params={"q": "serious adverse event"}).json()
    assert nodes and nodes[0]["key"] == "adverse_event:serious-adverse-event"
    around = acme.get(f"/api/v1/graph/nodes/{nodes[0]['id']}/neighbourhood", params={"depth": 1}).json()
    names = {n["node"]["name"] for n in around["neighbours"]}
    assert "SUSAR" in names
    assert any(n["evidence"] and "24 hours" in n["evidence"]["text"] for n in around["neighbours"])
    assert acme.get("/api/v1/graph/nodes/00000000-0000-0000-0000-00000000abcd/neighbourhood").status_code == 404


def test_oversized_uploads_and_bad_metadata_are_refused(app):
    acme = app.as_("acme")
    assert _upload(acme, {"big.txt": b"x " * 150_000}).status_code == 413
    response = acme.post("/api/v1/knowledge/documents", files=[("files", ("a.txt", b"text"))],
                         data={"metadata": "[1, 2]"})
    assert response.status_code == 400


ROUTES = [("/api/v1/search", "POST"), ("/api/v1/search/{search_id}/feedback", "POST"),
          ("/api/v1/knowledge/jobs", "GET"), ("/api/v1/knowledge/jobs/{job_id}", "GET"),
          ("/api/v1/graph/nodes", "GET"), ("/api/v1/graph/nodes/{node_id}/neighbourhood", "GET")]


@pytest.fixture(scope="module")
def fuzzed():
    import schemathesis
    from schemathesis.python import asgi

    from tests.harness import api_settings, tenants_of
    from vital.api.app import create_app

    database = pg.clone()
    with pg.connect(database, autocommit=True) as conn:
        KB(conn).model(settings())
    s = api_settings(database, embedding_provider="hash")
    token = tenants_of(database, s)["acme"].token
    config = schemathesis.Config.from_dict({
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "generation": {"max-examples": 25},
        "headers": {"Host": "acme.localhost", "Authorization": f"Bearer {token}"}})
    try:
        yield schemathesis.openapi.from_asgi("/openapi.json", create_app(s), config=config)
    finally:
        asgi.shutdown_lifespans()
        pg.drop(database)


@pytest.mark.parametrize(("path", "method"), ROUTES)
def test_no_generated_request_makes_the_knowledge_api_fail(fuzzed, path, method):
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hypothesis_settings
    from schemathesis.checks import not_a_server_error

    @given(case=fuzzed[path][method].as_strategy())
    @hypothesis_settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(checks=[not_a_server_error])

    run()


def test_an_upload_the_documents_limit_refuses_entirely_is_a_429(app):
    with pg.connect(app.database, autocommit=True) as owner:
        stored = owner.execute("SELECT count(*) FROM rag_documents d JOIN tenants t ON t.id = d.tenant_id "
                               "WHERE t.subdomain = 'acme' AND d.deleted_at IS NULL").fetchone()[0]
        owner.execute("UPDATE tenants SET settings = settings || %s::jsonb WHERE subdomain = 'acme'",
                      (json.dumps({"limits": {"documents": stored + 1}}),))
    acme = app.as_("acme")
    some = _upload(acme, {"tmf.txt": DOCUMENTS["tmf.txt"], "stability.html": DOCUMENTS["stability.html"]})
    assert some.status_code == 201 and [f["status"] for f in some.json()["files"]] == ["created", "failed"]
    refused = _upload(acme, {"csr-writing.pdf": DOCUMENTS["csr-writing.pdf"]})
    assert refused.status_code == 429, refused.text
    body = refused.json()
    assert body["code"] == "tier_limit_exceeded" and "documents" in body["message"]
    assert f"allowed={stored + 1}; used={stored + 1}" in body["details"] and "Retry-After" not in refused.headers
    assert "higher tier" in body["hint"]
    revised = _upload(acme, {"tmf.txt": DOCUMENTS["tmf.txt"] + b"\nRevised in November."})
    assert revised.status_code == 201 and revised.json()["files"][0]["status"] == "updated"


def test_upload_fails_the_file_over_budget_cleans_names_and_titles_and_keeps_the_rest(app):
    acme = app.as_("acme")
    titled = b"<html><head><title>Bad\x1b]0;pwned\x07 \xe2\x80\xaetitle</title></head><body><p>Text.</p></body></html>"
    files = [("files", ("bomb\x1b.pdf", BOMB)), ("files", ("tmf\u202e.txt", DOCUMENTS["tmf.txt"])),
             ("files", ("page.html", titled))]
    response = acme.post("/api/v1/knowledge/documents", files=files)
    assert response.status_code == 201, response.text
    report = {f["name"]: f for f in response.json()["files"]}
    assert set(report) == {"bomb.pdf", "tmf.txt", "page.html"}
    assert report["bomb.pdf"]["status"] == "failed" and report["bomb.pdf"]["error"]["code"] == "over_budget"
    assert report["tmf.txt"]["status"] == "created" and report["page.html"]["title"] == "Bad]0;pwned title"
    stored = acme.get("/rest/v1/rag_documents", params={"select": "source_ref,title"}).json()
    assert not any(ch in f"{d['source_ref']}{d['title']}" for d in stored for ch in "\x1b\x07\u202e")
