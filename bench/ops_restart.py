"""Fault test: the database restarted under load, the API left running.

The mixed workload of bench/ops_load.py runs against `vital serve`; after
--down-at seconds the embedded server is stopped (fast shutdown: open sessions
are cut), and started again --down-for seconds later. Reported per phase
(before, down, after): statuses and latencies; then whether the API recovered
without a restart of its own (same process, /ready), how long after the database
was back the first request succeeded, and whether any write was half applied:
every write inserts two rows in one request, so each marker must have 0 or 2
rows, and 2 when the answer was 201.

    VITAL_DATA_DIR=/tmp/load/.vital .venv/bin/python bench/ops_restart.py [--seconds 40]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import psycopg

sys.path.insert(0, str(Path(__file__).parent))

from ops_harness import Run, free_port, machine, percentiles, prepare, start_api, stop_api, workload  # noqa: E402

from vital.db.connection import SESSION_OPTIONS, Database  # noqa: E402
from vital.settings import load_settings  # noqa: E402


async def with_restart(db: Database, port: int, tenants, every, args) -> tuple[Run, float, float, float]:
    """The workload, with the database stopped at --down-at; returns the run and, in seconds since its
    start, when the stop began, when the server was down, and when it was up again."""
    started = time.perf_counter()
    load = asyncio.create_task(workload(port, tenants, every, args.clients, args.seconds))
    await asyncio.sleep(args.down_at)
    stopping = time.perf_counter()
    await asyncio.to_thread(db.server.stop)  # fast shutdown: open sessions are cut
    down = time.perf_counter()
    await asyncio.sleep(args.down_for)
    await asyncio.to_thread(db.server.acquire)
    up = time.perf_counter()
    return await load, stopping - started, down - started, up - started


def phases(run: Run, stopping: float, down: float, up: float) -> dict:
    """By when a request was sent: before the stop, while stopping, while down, after."""
    parts = {"before": [r for r in run.results if r.at < stopping],
             "stopping": [r for r in run.results if stopping <= r.at < down],
             "down": [r for r in run.results if down <= r.at < up],
             "after": [r for r in run.results if r.at >= up]}
    return {name: {"requests": len(rs), "statuses": dict(Counter(r.status for r in rs)),
                   "max_ms": round(max((r.seconds for r in rs), default=0) * 1000, 1),
                   **percentiles([r.seconds for r in rs])} for name, rs in parts.items()}


def writes(db: Database, run: Run) -> dict:
    markers = {r.marker: r.status for r in run.results if r.marker}
    with psycopg.connect(db.url, options=SESSION_OPTIONS) as conn:
        found = dict(conn.execute("SELECT description, count(*) FROM knowledge_collections "
                                  "WHERE description = ANY(%s) GROUP BY description", (list(markers),)).fetchall())
    return {"writes": len(markers), "applied": sum(n == 2 for n in found.values()),
            "half_applied": sum(n not in (0, 2) for n in found.values()),
            "answered_201_but_missing": sum(s == 201 and found.get(m) != 2 for m, s in markers.items()),
            "failed_but_applied": sum(s != 201 and found.get(m) == 2 for m, s in markers.items())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--down-at", type=float, default=10.0)
    parser.add_argument("--down-for", type=float, default=5.0)
    parser.add_argument("--tenants", type=int, default=20)
    args = parser.parse_args()
    with Database(load_settings()) as db:
        if db.server is None:
            raise SystemExit("This test restarts the embedded server: unset DATABASE_URL.")
        tenants, every = prepare(db, args.tenants)
        server = start_api(port := free_port())
        host = machine()
        try:
            run, stopping, down, up = asyncio.run(with_restart(db, port, tenants, every, args))
            after = [r for r in run.results if r.at >= up and 200 <= r.status < 300]
            recovered = {
                "api_process_restarted": server.poll() is not None,
                "ready_after": httpx.get(f"http://127.0.0.1:{port}/ready", timeout=5).status_code,
                "first_success_after_db_up_s": round(min(r.at for r in after) - up, 2) if after else None,
                "errors_after_first_success": sum(not 200 <= r.status < 300 for r in run.results
                                                  if after and r.at > min(a.at for a in after)),
            }
        finally:
            stop_api(server)
        summary = {"machine": host, "load_average_after": round(os.getloadavg()[0], 1), "clients": args.clients,
                   "db_stop_at_s": round(stopping, 1), "db_stop_took_s": round(down - stopping, 1),
                   "db_down_for_s": round(up - down, 1), **{k: v for k, v in run.summary().items() if k != "by_op"},
                   "phases": phases(run, stopping, down, up), "recovery": recovered, "writes": writes(db, run)}
    print(json.dumps(summary, indent=2))
    ok = (summary["cross_tenant_rows"] == 0 and not recovered["api_process_restarted"]
          and summary["writes"]["half_applied"] == 0 and summary["writes"]["answered_201_but_missing"] == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
