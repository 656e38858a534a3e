"""Storage at /storage/v1 with the real clients against VITAL on loopback (one server and one in-process
worker for the module): the official `supabase` Python client's storage3 (upload, list, download, move,
copy, signed URL, remove; size, type and quota limits), an upload into `documents` that becomes
searchable, isolation from another tenant and from anon, tenant export and erase of the objects, and
supabase-js run by Node.js (tests/js/scenario.mjs: selects with embedding, JSON paths, aggregates, range and
count, writes and upserts, storage, an upload that becomes searchable, and `.rpc('match_documents')` as
acme and as pharmaco)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
import time
from pathlib import Path

import httpx
import pytest
from storage3.exceptions import StorageApiError
from supabase import ClientOptions, create_client

from tests import pg
from tests.auth.conftest import PASSWORD, set_passwords
from tests.harness import api_settings, served_over_loopback
from tests.helpers import USERS
from tests.knowledge.conftest import KB, settings as kb_settings
from vital.auth.tokens import mint_key
from vital.db.connection import Database
from vital.jobs.worker import InProcessWorker
from vital.ops.tenant_erase import erase_tenant
from vital.ops.tenant_export import export_tenant

MAX_OBJECT = 200_000
JS = Path(__file__).resolve().parents[1] / "js"
NOTE = (b"# Cold chain excursions\n\nA temperature excursion during shipment of the investigational product "
        b"is quarantined until the sponsor's quality assessment releases it.\n")


@pytest.fixture(scope="module")
def served():
    database = pg.clone(template=pg.LIBRARY)  # the platform library's chunks, for match_documents (supabase-js)
    set_passwords(database)
    with pg.connect(database, autocommit=True) as conn:
        KB(conn).model(kb_settings())  # a deployment operation: the API role cannot register models
    settings = api_settings(database, embedding_provider="hash", storage_max_object_bytes=MAX_OBJECT)
    try:
        with served_over_loopback(settings) as port, InProcessWorker(Database(settings)):
            yield port, settings, database
    finally:
        pg.drop(database)


def client(served, subdomain: str, *, sign_in: bool = True):
    port, settings, _ = served
    options = ClientOptions(headers={"Host": f"{subdomain}.localhost"}, auto_refresh_token=False,
                            persist_session=False)
    made = create_client(f"http://127.0.0.1:{port}", mint_key(settings, "anon"), options=options)
    if sign_in:
        made.auth.sign_in_with_password({"email": USERS[subdomain], "password": PASSWORD})
    return made


@pytest.fixture(scope="module")
def acme(served):
    return client(served, "acme")


@pytest.fixture(scope="module")
def pharmaco(served):
    return client(served, "pharmaco")


def fetch(served, url: str, subdomain: str = "acme") -> httpx.Response:
    return httpx.get(url, headers={"Host": f"{subdomain}.localhost"})


def test_storage3_uploads_lists_downloads_moves_signs_and_removes(served, acme):
    assert "documents" in [b.id for b in acme.storage.list_buckets()]
    assert acme.storage.get_bucket("documents").id == "documents"
    box = acme.storage.from_("documents")
    box.upload("drafts/plan.bin", b"\x00\x01plan", {"content-type": "application/octet-stream",
                                                   "metadata": {"team": "qa"}})
    with pytest.raises(StorageApiError) as twice:
        box.upload("drafts/plan.bin", b"again", {"content-type": "application/octet-stream"})
    assert twice.value.status in (409, "409") and twice.value.code == "Duplicate"
    box.upload("drafts/plan.bin", b"\x00\x02plan v2", {"content-type": "application/octet-stream",
                                                      "upsert": "true"})
    box.copy("drafts/plan.bin", "drafts/plan-copy.bin")
    assert [e["name"] for e in box.list("drafts")] == ["plan-copy.bin", "plan.bin"]
    root = {e["name"]: e for e in box.list()}
    assert root["drafts"]["id"] is None  # a folder, as Supabase lists it
    listed = box.list("drafts", {"search": "plan.", "limit": 10, "sortBy": {"column": "name", "order": "desc"}})
    assert [e["name"] for e in listed] == ["plan.bin"] and listed[0]["metadata"]["size"] == len(b"\x00\x02plan v2")
    assert box.download("drafts/plan.bin") == b"\x00\x02plan v2"
    box.move("drafts/plan.bin", "final/plan.bin")
    assert box.exists("final/plan.bin") and not box.exists("drafts/plan.bin")
    signed = box.create_signed_url("final/plan.bin", 60)["signedURL"]
    assert fetch(served, signed).content == b"\x00\x02plan v2"
    assert fetch(served, signed.replace("final/plan.bin", "drafts/plan-copy.bin")).status_code == 400
    removed = box.remove(["final/plan.bin", "drafts/plan-copy.bin", "nothing/here.bin"])
    assert sorted(r["name"] for r in removed) == ["drafts/plan-copy.bin", "final/plan.bin"]
    assert fetch(served, signed).status_code == 404  # the URL outlives nothing it named
    with pytest.raises(StorageApiError) as missing:
        box.download("final/plan.bin")
    assert missing.value.status in (404, "404")


def test_size_and_quota_limits_are_clear_refusals_that_store_nothing(served, acme):
    box = acme.storage.from_("documents")
    with pytest.raises(StorageApiError) as big:
        box.upload("big.bin", b"x" * (MAX_OBJECT + 1), {"content-type": "application/octet-stream"})
    assert big.value.status in (413, "413") and "maximum allowed size" in big.value.message
    _, _, database = served
    with pg.connect(database, autocommit=True) as conn:
        conn.execute("UPDATE tenants SET settings = settings || '{\"limits\": {\"storage_bytes\": 1000}}' "
                     "WHERE subdomain = 'acme'")
    try:
        with pytest.raises(StorageApiError) as full:
            box.upload("full.bin", b"y" * 2000, {"content-type": "application/octet-stream"})
        assert full.value.status in (429, "429") and "storage_bytes" in full.value.message
    finally:
        with pg.connect(database, autocommit=True) as conn:
            conn.execute("UPDATE tenants SET settings = settings - 'limits' WHERE subdomain = 'acme'")
    assert not box.exists("big.bin") and not box.exists("full.bin")
    port, _, _ = served
    bad = httpx.post(f"http://127.0.0.1:{port}/storage/v1/object/documents/a/%2E%2E/escape.bin", content=b"z",
                     headers={"Host": "acme.localhost", "Content-Type": "text/plain",
                              "Authorization": f"Bearer {acme.auth.get_session().access_token}"})
    assert bad.status_code == 400 and bad.json()["statusCode"] == "400" and "not a valid object path" in \
        bad.json()["message"]


def test_an_upload_into_documents_is_ingested_in_the_background_and_becomes_searchable(served, acme):
    port, _, _ = served
    headers = {"Host": "acme.localhost", "Authorization": f"Bearer {acme.auth.get_session().access_token}"}
    jobs = lambda: httpx.get(f"http://127.0.0.1:{port}/api/v1/knowledge/jobs", headers=headers).json()
    before = {j["id"] for j in jobs()}  # the seed's own
    box = acme.storage.from_("documents")
    box.upload("sops/cold-chain.md", NOTE, {"content-type": "text/markdown"})
    box.upload("sops/withdrawn.md", b"# Withdrawn\n\nRemoved before its ingestion ran.\n",
               {"content-type": "text/markdown"})
    box.remove(["sops/withdrawn.md"])
    deadline = time.monotonic() + 120
    while (info := box.info("sops/cold-chain.md"))["ingestion"]["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, info
        time.sleep(0.2)
    assert info["ingestion"]["status"] == "succeeded" and info["document_id"]
    found = httpx.post(f"http://127.0.0.1:{port}/api/v1/search", json={"query": "temperature excursion shipment"},
                       headers=headers).json()
    assert found["results"][0]["document"]["title"] == "Cold chain excursions"
    assert box.download("sops/cold-chain.md") == NOTE  # the original stays where it was uploaded, once
    while pending := [j for j in jobs() if j["status"] in ("queued", "running") and j["id"] not in before]:
        assert time.monotonic() < deadline, pending
        time.sleep(0.2)
    assert [e["name"] for e in box.list("sops")] == ["cold-chain.md"]  # a removed upload is not brought back


def test_another_tenant_and_anon_see_nothing_of_acmes_objects(served, acme, pharmaco):
    acme.storage.from_("documents").upload("secret/plan.txt", b"acme only", {"content-type": "text/plain"})
    signed = acme.storage.from_("documents").create_signed_url("secret/plan.txt", 60)["signedURL"]
    theirs = pharmaco.storage.from_("documents")
    assert theirs.list("secret") == [] and not theirs.exists("secret/plan.txt")
    with pytest.raises(StorageApiError) as download:
        theirs.download("secret/plan.txt")
    assert download.value.status in (404, "404")
    assert fetch(served, signed, "pharmaco").status_code == 400  # acme's signature on pharmaco's host
    anon = client(served, "acme", sign_in=False).storage.from_("documents")
    for attempt in (lambda: anon.list("secret"), lambda: anon.download("secret/plan.txt")):
        with pytest.raises(StorageApiError) as refused:
            attempt()
        assert str(refused.value.status) in ("401", "403")
    assert fetch(served, signed).content == b"acme only"


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed")
def test_supabase_js_scenario(served):
    if not (JS / "node_modules").exists():  # CI installs from the lock file
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=JS, check=True, capture_output=True,
                       timeout=300)
    port, settings, _ = served
    env = {**os.environ, "VITAL_URL": f"http://acme.localhost:{port}", "VITAL_ANON_KEY": mint_key(settings, "anon"),
           "VITAL_EMAIL": USERS["acme"], "VITAL_PASSWORD": PASSWORD,
           "VITAL_OTHER_URL": f"http://pharmaco.localhost:{port}", "VITAL_OTHER_EMAIL": USERS["pharmaco"]}
    done = subprocess.run(["node", "scenario.mjs"], cwd=JS, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert results["signIn"]["email"] == USERS["acme"]
    assert results["select"]["rows"] > 0 and results["select"]["embedded"]
    assert results["write"] == {"inserted": "js-scenario", "updated": "JS scenario, renamed", "deleted": 1}
    m2m = results["manyToMany"]  # agents ↔ tools through agent_tools: as many tools as junction rows
    assert m2m["counts"] and all(tools == junction > 0 for tools, junction in m2m["counts"]) and m2m["namesOnly"]
    assert results["jsonPath"]["rows"] > 0 and results["jsonPath"]["topP"] == [0.9] and \
        results["jsonPath"]["kinds"] == ["text"]
    aggregate = results["aggregate"]
    assert aggregate["groups"] > 1 and aggregate["summed"] == aggregate["count"] > 0
    assert results["rangeCount"]["rows"] == 3 and results["rangeCount"]["count"] > 3 and \
        results["rangeCount"]["descending"]
    assert results["upsert"] == {"upserted": [{"slug": "js-upsert", "name": "After"}], "rows": 1}
    assert results["ingest"] == {"status": "succeeded", "document": True, "found": "Sterility release"}
    rpc = results["rpc"]  # a query vector from /api/v1/embeddings: the new document first, own and platform only
    assert rpc["dimensions"] == 384 and "axolotl sterility assay" in rpc["top"]
    assert rpc["tenants"] == ["00000000-0000-0000-0000-000000000000", "own"]
    # pharmaco, with acme's vector: its own and the platform's rows, none of acme's
    assert rpc["other"]["rows"] > 0 and rpc["other"]["acmes"] == 0 and \
        set(rpc["other"]["tenants"]) <= {"00000000-0000-0000-0000-000000000000", "own"}
    assert results["storage"] == {"uploaded": "js/hello.txt", "listed": ["hello.txt", "note.txt"],
                                  "downloaded": "hello from supabase-js", "metadata": {"from": "supabase-js"},
                                  "removed": ["js/hello.txt", "js/note.txt"]}


def test_tenant_export_carries_the_objects_and_erase_removes_them(served, tmp_path):
    _, _, database = served
    with pg.connect(database, autocommit=True) as conn:
        manifest = export_tenant(conn, "acme", tmp_path / "acme.tar.gz")
        stored = conn.execute("SELECT count(*) FROM storage_objects o JOIN tenants t ON t.id = o.tenant_id "
                              "WHERE t.subdomain = 'acme'").fetchone()[0]
    rows = {t["table"]: t["rows"] for t in manifest["tables"]}
    assert stored >= 2 and rows["storage_objects"] == stored and rows["storage_buckets"] == 1
    with tarfile.open(tmp_path / "acme.tar.gz") as tar:
        assert b"acme only".hex().encode() in tar.extractfile("tables/storage_objects.copy").read()
    with pg.connect(database) as conn:
        erase_tenant(conn, "acme")
        conn.commit()
        left = conn.execute("SELECT (SELECT count(*) FROM storage_objects WHERE tenant_id = t.id) + "
                            "(SELECT count(*) FROM storage_buckets WHERE tenant_id = t.id) "
                            "FROM tenants t WHERE t.subdomain = 'acme'").fetchone()[0]
    assert left == 0

