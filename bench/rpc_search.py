"""Benchmark of /rest/v1/rpc's search functions (docs/api.md, "Remote procedure calls") against
/api/v1/search, whole HTTP calls from the client: a query vector from /api/v1/embeddings, then
`match_documents`, `match_chunks`, `hybrid_search`, `opportunity_landscape`, and the same vector and
hybrid searches through /api/v1/search. On a throwaway clone of the seeded test database with the
platform library (hashing model), the app on uvicorn on loopback. Run from the project root:

    PYTHONPATH=src:. .venv/bin/python bench/rpc_search.py [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import time

import httpx

from tests import pg
from tests.harness import api_settings, served_over_loopback, tenants_of

QUESTIONS = ["How do we prepare for a GMP inspection?", "What goes into a clinical study report?",
             "When must a serious adverse event be reported?"]


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    return (f"p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.1f}"
            f" ms (n={len(ordered)})")


def timed(runs: int, call) -> list[float]:
    call(0)  # warm: plans, the model, the connection
    out = []
    for i in range(runs):
        started = time.perf_counter()
        response = call(i)
        out.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    database = pg.clone(template=pg.LIBRARY)
    try:
        settings = api_settings(database, embedding_provider="hash")
        with served_over_loopback(settings) as port:
            token = tenants_of(database, settings)["acme"].token
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60,
                              headers={"Host": "acme.localhost", "Authorization": f"Bearer {token}"}) as c:
                vectors = [c.post("/api/v1/embeddings", json={"input": q}).json()["data"][0]["embedding"]
                           for q in QUESTIONS]
                jtbd = c.get("/rest/v1/jtbd_desired_outcomes?select=jtbd_id&limit=1").json()[0]["jtbd_id"]
                cases = {
                    "embeddings": lambda i: c.post("/api/v1/embeddings", json={"input": QUESTIONS[i % 3]}),
                    "rpc match_documents": lambda i: c.post("/rest/v1/rpc/match_documents", json={
                        "query_embedding": vectors[i % 3], "match_count": 10}),
                    "rpc match_chunks": lambda i: c.post("/rest/v1/rpc/match_chunks", json={
                        "query_embedding": vectors[i % 3], "match_count": 10}),
                    "rpc hybrid_search": lambda i: c.post("/rest/v1/rpc/hybrid_search", json={
                        "query_text": QUESTIONS[i % 3], "query_embedding": vectors[i % 3], "match_count": 10}),
                    "rpc opportunity_landscape": lambda i: c.get(
                        f"/rest/v1/rpc/opportunity_landscape?jtbd_id={jtbd}"),
                    "/api/v1/search vector": lambda i: c.post("/api/v1/search", json={
                        "query": QUESTIONS[i % 3], "strategy": "vector", "k": 10}),
                    "/api/v1/search hybrid": lambda i: c.post("/api/v1/search", json={
                        "query": QUESTIONS[i % 3], "strategy": "hybrid", "k": 10}),
                }
                for name, call in cases.items():
                    print(f"{name:28} {ms(timed(runs, call))}")
    finally:
        pg.drop(database)


if __name__ == "__main__":
    main()
