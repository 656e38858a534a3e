"""Embedders behind one interface: the hashing fallback, the local MiniLM, an OpenAI-compatible endpoint
(a loopback server started here), and switching models while search keeps working."""

from __future__ import annotations

import json
import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.knowledge.conftest import settings
from tests.knowledge.corpus import DOCUMENTS
from vital.errors import ConfigError
from vital.knowledge.embeddings.local import Hashing
from vital.knowledge.embeddings.openai_compat import EmbeddingServiceError, OpenAICompatible
from vital.knowledge.reembed import reembed, reembed_fallback


def _cosine(a, b) -> float:
    return sum(x * y for x, y in zip(a, b))


def test_the_hashing_fallback_is_deterministic_unit_length_and_lexical():
    h = Hashing()
    a, b, c = h.embed(["serious adverse events reported", "reporting a serious adverse event", "stability shelf"])
    assert len(a) == 384 and math.isclose(math.sqrt(_cosine(a, a)), 1.0, rel_tol=1e-6)
    assert a == h.embed(["serious adverse events reported"])[0]
    assert _cosine(a, b) > 0.5 > _cosine(a, c)
    assert h.embed([""])[0][0] == 1.0  # no words: a fixed direction, never a zero vector


def test_minilm_runs_offline_from_the_package_weights_without_torch():
    from vital.knowledge.embeddings import current

    model = current(settings(embedding_provider="local"))
    assert (model.name, model.dimensions, model.semantic) == ("all-MiniLM-L6-v2-int8", 384, True)
    q, near, far = model.embed(["When must a fatal unexpected reaction be reported?",
                                "SUSARs that are fatal go to the authority within seven days.",
                                "Stability studies set the shelf life."])
    assert _cosine(q, near) > _cosine(q, far) + 0.2
    assert model.count_tokens("Pharmacovigilance") > 1  # word pieces, not words


def test_the_fused_minilm_graph_gives_the_vectors_stored_before_it():
    """Vectors already in the database came from the unfused graph (converter version 1): the fused one must
    match them, or the model would need a new name and a re-embed."""
    from vital.knowledge.embeddings import current

    reference = json.loads((Path(__file__).parent / "minilm_reference.json").read_text())
    vectors = current(settings(embedding_provider="local")).embed(reference["sentences"])
    cosines = [_cosine(a, b) for a, b in zip(vectors, reference["vectors"])]
    assert min(cosines) >= 0.99, cosines


class _Endpoint(BaseHTTPRequestHandler):
    """Speaks the OpenAI embeddings protocol; vectors are the hashing embedder's, folded to `dimensions`."""

    requests: list[dict] = []

    def do_POST(self):  # noqa: N802 (the stdlib's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
        if self.headers.get("Authorization") != "Bearer test-key":
            return self._send(401, {"error": {"message": "bad key", "type": "invalid_request_error"}})
        dims = body.get("dimensions", 1536)
        data = []
        for i, text in enumerate(body["input"]):
            folded = [0.0] * dims
            for j, x in enumerate(Hashing().embed([text])[0]):
                folded[j % dims] += x
            norm = math.sqrt(sum(x * x for x in folded)) or 1.0
            data.append({"object": "embedding", "index": i, "embedding": [x / norm for x in folded]})
        self._send(200, {"object": "list", "data": data[::-1], "model": body["model"],  # any order: by index
                         "usage": {"prompt_tokens": 1, "total_tokens": 1}})

    def _send(self, status, payload):
        raw = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Endpoint.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()
    thread.join()


def _compat(endpoint, **overrides):
    return settings(embedding_provider="openai_compatible", embedding_model="test-embed-3", embedding_base_url=endpoint,
                    embedding_api_key="test-key", embedding_dimensions=64, embedding_batch_size=3, **overrides)


def test_an_openai_compatible_endpoint_gets_model_dimensions_key_and_batches(endpoint):
    client = OpenAICompatible("test-embed-3", endpoint, "test-key", 64, batch_size=3)
    vectors = client.embed([f"text {i}" for i in range(7)])
    assert len(vectors) == 7 and all(len(v) == 64 for v in vectors)
    assert vectors[0] == client.embed(["text 0"])[0]  # answers are put back in input order
    calls = [r for r in _Endpoint.requests if r["input"] != ["dimension probe"]]
    assert [len(r["input"]) for r in calls[:3]] == [3, 3, 1]
    assert all(r["model"] == "test-embed-3" and r["dimensions"] == 64 and r["path"] == "/v1/embeddings"
               and r["auth"] == "Bearer test-key" for r in calls)
    probe = OpenAICompatible("test-embed-3", endpoint, "test-key")  # no dimensions set: ask the model
    assert probe.dimensions == 1536 and "dimensions" not in _Endpoint.requests[-1]
    with pytest.raises(ConfigError, match="refused the API key"):
        OpenAICompatible("test-embed-3", endpoint, "wrong-key", 64).embed(["x"])
    with pytest.raises(EmbeddingServiceError, match="unreachable"):
        OpenAICompatible("m", "http://127.0.0.1:9/v1", "k", 8, timeout=2).embed(["x"])


def test_ingest_and_search_with_the_endpoint_record_its_model(kb, endpoint):
    s = _compat(endpoint)
    report = kb.ingest("acme", {"tmf.txt": DOCUMENTS["tmf.txt"]}, s)
    model = kb.one("SELECT m.name, m.provider, m.dimensions, m.settings ->> 'base_url',"
                   "       vector_dims(c.embedding) FROM rag_knowledge_chunks c"
                   "  JOIN embedding_models m ON m.tenant_id = c.embedding_model_tenant_id AND m.id = c.embedding_model_id"
                   " WHERE c.document_id = %s LIMIT 1", report.files[0].document_id)
    assert model == ("test-embed-3", "openai_compatible", 64, endpoint, 64)
    model_id = kb.one("SELECT id FROM embedding_models WHERE name = 'test-embed-3'")[0]
    indexes = [r[0] for r in kb.conn.execute("SELECT indexdef FROM pg_indexes WHERE indexname LIKE %s",
                                             (f"%_hnsw_{model_id.hex}",))]
    assert len(indexes) == 2 and all("vector(64)" in i for i in indexes)  # registering built them
    found = kb.search("acme", "essential trial documents", s, strategy="vector")
    assert found["results"][0]["document"]["source_ref"] == "tmf.txt"
    assert [m["name"] for m in found["embedding"]["models"]] == ["test-embed-3"]
    assert "sk-" not in json.dumps(model) and "test-key" not in json.dumps(model)  # keys never reach the database


def test_switching_models_re_embeds_in_the_background_while_search_keeps_finding_everything(kb, endpoint):
    files = {n: DOCUMENTS[n] for n in ("tmf.txt", "stability.html", "randomisation.txt", "sample-size.md")}
    kb.ingest("acme", files)                                      # on the hashing model
    new = _compat(endpoint)
    embedder, model = kb.model(new)                               # the deployment registers the new model
    during = []

    def check(done, total):
        found = kb.search("acme", "shelf life of the drug product", new, strategy="vector", k=4)
        during.append((done, total, found["lists"], found["count"]))

    result = reembed(kb.conn, kb.claims("acme"), embedder, model, batch=2, progress=check)
    assert result["status"] == "succeeded" and result["chunks"] >= 4
    mid = [d for d in during if 0 < d[0] < d[1]]
    assert mid and all(lists == ["vector:test-embed-3", "vector:vital-hashing-384"] and count == 4
                       for _, _, lists, count in mid)   # both models searched, fused by rank, nothing lost
    left = kb.one("SELECT count(*) FROM rag_knowledge_chunks WHERE tenant_id = %s"
                  " AND embedding_model_id IS DISTINCT FROM %s", kb.tenant("acme"), model.id)[0]
    assert left == 0
    assert kb.one("SELECT count(*) FROM rag_documents WHERE tenant_id = %s AND embedding_model_id = %s",
                  kb.tenant("acme"), model.id)[0] == 1 + 4  # the seeded SOP's chunks were embedded too
    after = kb.search("acme", "shelf life of the drug product", new, strategy="vector")
    assert after["lists"] == ["vector:test-embed-3"]
    assert after["results"][0]["document"]["source_ref"] == "stability.html"


def test_reembed_takes_over_the_queued_embed_job_of_the_seed(kb):
    embedder, model = kb.model(settings(embedding_provider="local"))
    queued, queued_model = kb.one("SELECT id, embedding_model_id FROM rag_ingestion_jobs WHERE tenant_id = %s "
                                  "AND kind = 'embed' AND status = 'queued'", kb.tenant("acme"))
    # The seeded platform model is the one the default install registers (int8 MiniLM on onnxruntime), so the
    # seed's queued job is for the model this deployment embeds with.
    assert queued_model == model.id
    result = reembed(kb.conn, kb.claims("acme"), embedder, model)
    assert result["job_id"] == str(queued) and result["status"] == "succeeded" and result["chunks"] == 2
    found = kb.search("acme", "training before system access", settings(embedding_provider="local"),
                      strategy="vector", k=1)
    assert found["results"][0]["document"]["title"].startswith("SOP-CLO-014")  # the seeded SOP, now embedded


_CONVERT = """
import json, sys
from pathlib import Path
from vital.knowledge.embeddings.minilm_onnx import MiniLMOnnx
model = MiniLMOnnx(Path(sys.argv[1]))
print(json.dumps(model.embed(["Fatal SUSARs are reported within seven days."])[0]))
"""


def test_two_processes_convert_the_model_once_into_the_data_dir_and_agree(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [subprocess.Popen([sys.executable, "-c", _CONVERT, str(tmp_path)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    assert outs[0][0] == outs[1][0]  # the same model, the same vectors
    (folder,) = (tmp_path / "models").iterdir()
    assert sorted(f.name for f in folder.iterdir()) == [".convert.lock", "model-int8.onnx", "model.onnx"]
    # The same weights as MiniLM fp32: the int8 copy stays within a rounding of it.
    from vital.knowledge.embeddings.minilm_onnx import MiniLMOnnx

    fp32 = MiniLMOnnx(tmp_path, quantized=False).embed(["Fatal SUSARs are reported within seven days."])[0]
    int8 = json.loads(outs[0][0])
    assert len(int8) == 384 and _cosine(fp32, int8) > 0.98


def test_chunks_left_on_the_hashing_fallback_move_to_the_default_model_after_the_upgrade(kb):
    kb.ingest("acme", {"stability.html": DOCUMENTS["stability.html"]}, settings(embedding_provider="hash"))
    hashing, hashing_model = kb.model(settings(embedding_provider="hash"))
    assert reembed_fallback(kb.conn, kb.claims("acme"), hashing, hashing_model) is None  # not an upgrade
    upgraded = settings(embedding_provider="local")
    embedder, model = kb.model(upgraded)
    result = reembed_fallback(kb.conn, kb.claims("acme"), embedder, model)
    assert result["status"] == "succeeded" and result["chunks"] >= 2 and result["model"]["semantic"]
    assert kb.one("SELECT count(*) FROM rag_knowledge_chunks WHERE tenant_id = %s AND embedding_model_id <> %s",
                  kb.tenant("acme"), model.id)[0] == 0
    assert reembed_fallback(kb.conn, kb.claims("acme"), embedder, model) is None  # nothing left to move
    found = kb.search("acme", "how long can the medicine be kept before it expires", upgraded, strategy="vector")
    assert found["lists"] == ["vector:all-MiniLM-L6-v2-int8"]
    assert found["results"][0]["document"]["source_ref"] == "stability.html"
