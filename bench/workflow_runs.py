"""Workflow runs against a small pool: many concurrent runs of one tenant's own definition, another
tenant's reads meanwhile.

`vital serve` on a loopback port with a pool of --pool connections and its background-job worker
beside it (which executes the runs); acme (its concurrent-run cap raised for the measurement, put
back after) starts --runs runs at once of a chain of --steps tool nodes, each one request that
returns as soon as the run is queued (pending); pharmaco reads one agent in a closed loop until every
run rests. Prints each side's answers and latencies, each run's time from its start to its end, the
peak of acme's runs executing at once, and whether any run was left pending or running.

    VITAL_DATA_DIR=/tmp/wf/.vital .venv/bin/vital up --no-serve
    VITAL_DATA_DIR=/tmp/wf/.vital .venv/bin/python bench/workflow_runs.py [--pool 3] [--runs 30] [--steps 8]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
from psycopg.types.json import Jsonb

sys.path.insert(0, str(Path(__file__).parent))

from ops_harness import free_port, machine, percentiles, start_api, stop_api  # noqa: E402

from vital.auth.secret import with_secret  # noqa: E402
from vital.auth.tokens import mint_token  # noqa: E402
from vital.db.connection import SESSION_OPTIONS, Database  # noqa: E402
from vital.settings import load_settings  # noqa: E402

OWNERS = {"acme": "ada@acme.example", "pharmaco": "paul@pharmaco.example"}  # the demo tenants' first owners


def tokens(db: Database, conn: psycopg.Connection) -> dict[str, str]:
    found = {}
    for subdomain, email in OWNERS.items():
        tenant_id, user_id = conn.execute("SELECT t.id, u.id FROM tenants t, auth.users u "
                                          "WHERE t.subdomain = %s AND u.email = %s", (subdomain, email)).fetchone()
        found[subdomain] = mint_token(with_secret(db.settings), tenant_id=tenant_id, user_id=user_id,
                                      expires_in=3600)
    return found


def chain(n: int) -> dict:
    ids = [f"t{i}" for i in range(1, n + 1)]
    return {"nodes": [{"id": i, "type": "tool", "tools": []} for i in ids],
            "edges": [{"from": a, "to": b} for a, b in zip(["__start__", *ids], [*ids, "__end__"])]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pool", type=int, default=3)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--steps", type=int, default=8)
    args = parser.parse_args()
    with Database(load_settings()) as db, psycopg.connect(db.url, options=SESSION_OPTIONS, autocommit=True) as conn:
        keys = tokens(db, conn)
        saved = conn.execute("SELECT settings FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
        conn.execute("UPDATE tenants SET settings = settings || jsonb_build_object('limits', %s::jsonb) "
                     "WHERE subdomain = 'acme'", (Jsonb({"concurrent_runs": args.runs}),))
        server = start_api(port := free_port(), 1, args.pool)
        try:
            result = measure(conn, port, keys, args)
        finally:
            stop_api(server)
            conn.execute("UPDATE tenants SET settings = %s WHERE subdomain = 'acme'", (Jsonb(saved),))
    print(json.dumps({"machine": machine(), "pool": args.pool, "runs": args.runs, "steps": args.steps, **result},
                     indent=2))
    return 0 if result["acme_runs"]["statuses"] == {"succeeded": args.runs} and not result["left_unfinished"] \
        and set(result["pharmaco_reads"]["answers"]) == {"200"} else 1


def measure(conn: psycopg.Connection, port: int, keys: dict[str, str], args) -> dict:
    def client(subdomain: str) -> httpx.Client:
        return httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600, headers={
            "Host": f"{subdomain}.localhost", "Authorization": f"Bearer {keys[subdomain]}"})

    with client("acme") as acme, client("pharmaco") as pharmaco:
        r = acme.post("/api/v1/workflows/definitions", json={
            "slug": f"bench-{uuid.uuid4().hex[:8]}", "name": "Bench chain", "graph": chain(args.steps)})
        r.raise_for_status()
        definition = r.json()["id"]
        done, reads, peak = threading.Event(), [], [0]

        def read() -> None:
            while not done.is_set():
                started = time.perf_counter()
                status = pharmaco.get("/rest/v1/agents?select=id,name&limit=1").status_code
                reads.append((status, time.perf_counter() - started))
                peak[0] = max(peak[0], conn.execute("SELECT count(*) FROM workflow_runs WHERE definition_id = %s "
                                                    "AND status = 'running'", (definition,)).fetchone()[0])

        retried = Counter()

        def start(_: int) -> tuple[int, str, float]:
            started = time.perf_counter()
            # A 429 (the tenant's share of a 3-connection pool, all 30 asking at once) is retried after its
            # Retry-After, as a client would: the starts are counted, and so are the refusals on the way.
            for _attempt in range(20):
                answer = acme.post("/api/v1/workflows/runs", json={"definition_id": definition, "input": {}})
                if answer.status_code != 429:
                    break
                retried[answer.json().get("code", "")] += 1
                time.sleep(float(answer.headers.get("retry-after", 1)))
            status = answer.json().get("status", answer.json().get("code")) if answer.content else ""
            return answer.status_code, status, time.perf_counter() - started

        def moving() -> int:
            return conn.execute("SELECT count(*) FROM workflow_runs WHERE definition_id = %s "
                                "AND status IN ('pending', 'running')", (definition,)).fetchone()[0]

        reader = threading.Thread(target=read)
        reader.start()
        started = time.perf_counter()
        try:
            with ThreadPoolExecutor(args.runs) as executor:
                runs = list(executor.map(start, range(args.runs)))
            accepted = time.perf_counter() - started
            deadline = time.monotonic() + 600  # the worker takes them to their end
            while moving() and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            done.set()
            reader.join()
        wall = time.perf_counter() - started
        left = moving()
        ended = conn.execute("SELECT status, extract(epoch FROM finished_at - created_at)::float8 FROM workflow_runs "
                             "WHERE definition_id = %s", (definition,)).fetchall()
    return {
        "seconds": round(wall, 2), "seconds_all_started": round(accepted, 2), "peak_runs_executing": peak[0],
        "left_unfinished": left,
        "acme_runs": {"answers": dict(Counter(str(c) for c, _, _ in runs)),
                      "refusals": dict(Counter(s for c, s, _ in runs if c != 201)), "429s_retried": dict(retried),
                      "statuses": dict(Counter(s for s, _ in ended)),
                      "start_to_end": percentiles([t for s, t in ended if t is not None]),
                      "post": percentiles([t for _, _, t in runs])},
        "pharmaco_reads": {"requests": len(reads), "answers": dict(Counter(str(c) for c, _ in reads)),
                           **percentiles([t for _, t in reads])},
        "load_average_after": round(os.getloadavg()[0], 1),
    }


if __name__ == "__main__":
    sys.exit(main())
