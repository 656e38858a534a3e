"""What the shared request-rate count costs per request (docs/fairness.md), on a throwaway test cluster.

  1. one round trip to the shared counter per request (vital.auth.limiter, as the API role);
  2. the count the API uses: in memory (vital.api.rates.SharedRate at the pro tier's numbers), flushed by a thread;
  3. the admission itself (vital.api.fairness.Fairness.admit and giving the places back), in process:
     on a loaded machine the whole request's latency varies by more than this costs;
  4. a whole request (GET /rest/v1/agents, 20 rows) through the API on loopback, for scale.

Run from the project root (a minute):  PYTHONPATH=src .venv/bin/python bench/fairness_bench.py [--requests 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.pg: the throwaway cluster

os.environ.setdefault("VITAL_JWT_SECRET", "bench-only-secret-bench-only-secret-bench-only")

import httpx  # noqa: E402
from psycopg_pool import ConnectionPool  # noqa: E402

from tests import pg  # noqa: E402
from tests.harness import api_settings, served_over_loopback, tenants_of  # noqa: E402
from starlette.requests import Request  # noqa: E402

from vital.api.fairness import Fairness, Ticket  # noqa: E402
from vital.api.rates import RateFlusher, SharedRate  # noqa: E402
from vital.auth.limiter import Limiter  # noqa: E402
from vital.db.budget import Budget  # noqa: E402
from vital.db.connection import Database  # noqa: E402
from vital.services.limits import TIERS  # noqa: E402
from vital.tenancy import Caller  # noqa: E402


def timed(label: str, n: int, fn) -> float:
    samples = []
    for i in range(n):
        started = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - started)
    mean = statistics.fmean(samples) * 1e6
    p99 = sorted(samples)[int(0.99 * n)] * 1e6
    print(f"{label:58s} mean {mean:9.1f} µs   p99 {p99:9.1f} µs")
    return mean


def admission(pool, settings, acme, n: int) -> None:
    fairness, caller = Fairness(pool, settings), Caller.member(acme.id, acme.user_id)

    async def rounds():
        tickets = []
        for _ in range(n + 1):
            ticket = Ticket(Budget())
            await fairness.admit(Request({"type": "http", "method": "GET", "path": "/rest/v1/agents", "headers": [],
                                           "state": {"ticket": ticket}}), caller)
            ticket.give_back()
            tickets.append(time.perf_counter())
        return tickets
    started_cpu = time.process_time()
    stamps = asyncio.run(rounds())
    cpu = (time.process_time() - started_cpu) / n * 1e6
    wall = statistics.median(b - a for a, b in zip(stamps[1:], stamps[2:])) * 1e6
    print(f"{'3. admission (rates, concurrency, slots) per request':58s} median {wall:7.1f} µs   CPU {cpu:7.1f} µs "
          "(the 1st reads the quota)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    n = parser.parse_args().requests
    database = pg.clone()
    try:
        settings = api_settings(database)
        pool = ConnectionPool(Database(settings).api_url, min_size=2, max_size=4, open=True,
                              kwargs={"autocommit": True})
        try:
            each = Limiter(pool, "bench_each", limit=10**9, window=timedelta(minutes=1))
            per_trip = timed("1. a shared-counter round trip per request", n, lambda i: each.hit("tenant"))
            rate, limit = SharedRate("bench_batched"), TIERS["pro"]["requests_per_minute"]
            flusher = RateFlusher(pool, [rate])
            flusher.start()
            try:  # the decision in memory; the flush (one statement a second) runs in its own thread
                per_batched = timed("2. the in-memory count (SharedRate, flushed off the path)", n,
                                    lambda i: rate.take("tenant", limit))
            finally:
                flusher.stop()
            print(f"   flushes: {flusher.flushes} for {n} requests")
            admission(pool, settings, tenants_of(database, settings)["acme"], n)
        finally:
            pool.close()
        tenants = tenants_of(database, settings)
        with served_over_loopback(settings) as port, httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            head = {"Host": "acme.localhost", "Authorization": f"Bearer {tenants['acme'].token}"}
            client.get("/rest/v1/agents?limit=20", headers=head)
            whole = timed("4. GET /rest/v1/agents?limit=20 over loopback (whole)", min(n, 1000),
                          lambda i: client.get("/rest/v1/agents?select=id,name&limit=20", headers=head))
        print(f"per-request round trip = {per_trip / whole:.0%} of a request; batched = {per_batched / whole:.1%}")
    finally:
        pg.drop(database)
        pg.cluster().release()


if __name__ == "__main__":
    main()
