"""Benchmark of the HTTP API on 1,000 tenants x 136 agents.

For a tenant-scoped list of 20 agents (the same SQL throughout, built by the
API's own builder; requests rotate over 100 tenants):
  1. the statement run directly through psycopg in one process, as the API runs it
     (one read-only transaction as the tenant's user): req/s, p50, p99;
  2. RLS overhead: that statement as `authenticated` under RLS versus as the owner
     with an explicit tenant filter returning the same rows (client-side and
     PostgreSQL's own planning/execution times);
  3. through the API (`vital serve`, HTTP/1.1 keep-alive): latency on one
     connection, throughput on many, and CPU per request of the API process and of
     its database backends (a figure that other load on the machine distorts less
     than wall-clock rates); GET /health as the framework's own ceiling;
  4. open loop (--rate R): requests scheduled at fixed times, R per second whatever the
     answers, latency measured from the scheduled time (no coordinated omission): p99.

--baseline SRC serves a second source tree (e.g. /work/main/src) the same way, run
alternately with this one in the same sitting, so that both see the same machine.
Both trees run with httptools and uvloop (dependencies since the hot path's first round;
main's `vital serve` needs them, so they are no longer hidden from the baseline).

Uses the database in use (VITAL_DATABASE_URL, else the embedded one in VITAL_DATA_DIR).
If the volume is missing it says how to create it. Run from the project root:

    .venv/bin/python bench/api_bench.py [--seconds 10] [--workers 1,2] [--connections 32] [--explain]
        [--rate 300] [--baseline /work/main/src]
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
import multiprocessing
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import psutil
import psycopg

from vital.api.rest.build import Builder
from vital.api.rest.params import parse_query
from vital.auth.secret import with_secret
from vital.auth.tokens import mint_token
from vital.api.rest.relations import Relations
from vital.catalog import read
from vital.db.connection import SESSION_OPTIONS, Database
from vital.db.tenant import tenant_transaction
from vital.settings import load_settings
from vital.tenancy import Caller

TENANTS, AGENTS = 1000, 136
QUERY = "select=id,slug,name,status,tier&order=slug&limit=20"
PLATFORM = "00000000-0000-0000-0000-000000000000"
SAMPLE = 100  # tenants the requests rotate over
GENERATE = f"vital db generate --tenants {TENANTS} --agents-per-tenant {AGENTS}"
_LENGTH = re.compile(rb"content-length: *(\d+)", re.I)


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    return {"p50_ms": round(pick(0.50), 3), "p99_ms": round(pick(0.99), 3), "mean_ms": round(
        statistics.fmean(ordered) * 1000, 3)}


# -- the volume --------------------------------------------------------------
def tenants_with_volume(owner: psycopg.Connection) -> list[tuple[uuid.UUID, str]]:
    if owner.execute("SELECT to_regclass('public.agents')").fetchone()[0] is None:
        return []
    return owner.execute(
        "SELECT t.id, t.subdomain FROM tenants t JOIN agents a ON a.tenant_id = t.id "
        "WHERE t.status = 'active' AND t.deleted_at IS NULL GROUP BY t.id, t.subdomain "
        "HAVING count(*) >= %s ORDER BY t.subdomain", (AGENTS,)).fetchall()


def members(owner: psycopg.Connection, tenants) -> list[tuple[uuid.UUID, str, uuid.UUID]]:
    """(tenant, subdomain, user) with one member per tenant: roles are enforced by the database
    (docs/roles.md), so a token's user must be an active member of its tenant to see rows.
    Idempotent; run as the owner."""
    out = []
    for tenant, subdomain in tenants:
        email = f"bench@{subdomain}.example"
        owner.execute("INSERT INTO auth.users (email) VALUES (%s) ON CONFLICT (email) DO NOTHING", (email,))
        user = owner.execute("SELECT id FROM auth.users WHERE email = %s", (email,)).fetchone()[0]
        owner.execute("INSERT INTO profiles (tenant_id, user_id, display_name) VALUES (%s, %s, 'bench') "
                      "ON CONFLICT (tenant_id, user_id) DO NOTHING", (tenant, user))
        owner.execute("INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (%s, %s, 'member') "
                      "ON CONFLICT (tenant_id, user_id) DO NOTHING", (tenant, user))
        out.append((tenant, subdomain, user))
    owner.commit()
    return out


# -- 2 and 3: psycopg in one process -----------------------------------------
def direct(db: Database, builder: Builder, relations: Relations, tenants, n: int, postmaster) -> dict:
    """The API's statement in one process: as the tenant's user under RLS (the whole
    transaction, as the API runs it), and as the owner with an explicit tenant filter
    that returns the same rows; interleaved, so that both see the same machine."""
    agents = relations.table("agents")
    statement = builder.read(agents, parse_query(_pairs(QUERY)), limit=20, offset=0)
    callers = [Caller.member(t, u) for t, _, u in tenants]
    # The owner bypasses RLS: the same statement with the rows RLS would let through.
    owned = [builder.read(agents, parse_query(_pairs(QUERY) + [("or", f"(tenant_id.eq.{t},tenant_id.eq.{PLATFORM})")]),
                          limit=20, offset=0) for t, _, _ in tenants]
    whole, rls_only, owner_only = [], [], []
    with psycopg.connect(db.api_url, options=SESSION_OPTIONS, autocommit=True) as api, \
            psycopg.connect(db.url, options=SESSION_OPTIONS, autocommit=True) as owner:
        me = psutil.Process()
        cpu_before, db_before = sum(me.cpu_times()[:2]), _cpu(None, postmaster)[1]
        for i in range(n):
            started = time.perf_counter()
            with tenant_transaction(api, callers[i % len(callers)], read_only=True):
                statement_started = time.perf_counter()
                api.execute(statement.query, statement.params).fetchone()
                rls_only.append(time.perf_counter() - statement_started)
            whole.append(time.perf_counter() - started)
        cpu_after, db_after = sum(me.cpu_times()[:2]), _cpu(None, postmaster)[1]
        for i in range(n):
            mine = owned[i % len(owned)]
            with owner.transaction():
                statement_started = time.perf_counter()
                owner.execute(mine.query, mine.params).fetchone()
                owner_only.append(time.perf_counter() - statement_started)
            with tenant_transaction(api, callers[i % len(callers)], read_only=True):
                statement_started = time.perf_counter()
                api.execute(statement.query, statement.params).fetchone()
                rls_only.append(time.perf_counter() - statement_started)
        server = {"rls": _server_side(api, statement, n // 10, callers), "owner": _server_side(owner, owned, n // 10)}
    return {"server_side": server, "direct": {"rps": round(n / sum(whole)), **percentiles(whole),
                       "client_cpu_ms_per_request": _per_request(cpu_before, cpu_after, n),
                       "db_cpu_ms_per_request": _per_request(db_before, db_after, n)},
            "rls_statement": percentiles(rls_only[n:]), "owner_statement": percentiles(owner_only)}


def direct_rps(db: Database, builder: Builder, relations: Relations, tenants, n: int) -> int:
    """The direct loop's req/s right now: each API run is compared with the loop measured just before it,
    so that both see the same load on a shared machine."""
    statement = builder.read(relations.table("agents"), parse_query(_pairs(QUERY)), limit=20, offset=0)
    callers = [Caller.member(t, u) for t, _, u in tenants]
    with psycopg.connect(db.api_url, options=SESSION_OPTIONS, autocommit=True) as api:
        started = time.perf_counter()
        for i in range(n):
            with tenant_transaction(api, callers[i % len(callers)], read_only=True):
                api.execute(statement.query, statement.params).fetchone()
        return round(n / (time.perf_counter() - started))


def _server_side(conn, statements, n: int, callers=None) -> dict[str, float]:
    """Median planning and execution time as PostgreSQL reports them (EXPLAIN ANALYZE)."""
    statements = statements if isinstance(statements, list) else [statements]
    planning, execution = [], []
    for i in range(n):
        mine = statements[i % len(statements)]
        query = b"EXPLAIN (ANALYZE, FORMAT JSON) " + mine.query.as_bytes(conn)
        context = tenant_transaction(conn, callers[i % len(callers)], read_only=True) if callers else conn.transaction()
        with context:
            plan = conn.execute(query, mine.params).fetchone()[0][0]
        planning.append(plan["Planning Time"])
        execution.append(plan["Execution Time"])
    return {"planning_ms": round(statistics.median(planning), 3),
            "execution_ms": round(statistics.median(execution), 3)}


def explain(db: Database, builder: Builder, relations: Relations, tenant: uuid.UUID, user: uuid.UUID) -> None:
    agents = relations.table("agents")
    rls = builder.read(agents, parse_query(_pairs(QUERY)), limit=20, offset=0)
    caller = Caller.member(tenant, user)
    with psycopg.connect(db.api_url, options=SESSION_OPTIONS, autocommit=True) as api:
        with tenant_transaction(api, caller, read_only=True):
            plan = api.execute(b"EXPLAIN (ANALYZE, COSTS OFF) " + rls.query.as_bytes(api), rls.params).fetchall()
    print("plan under RLS:\n  " + "\n  ".join(r[0] for r in plan))
    owner_query = parse_query(_pairs(QUERY) + [("or", f"(tenant_id.eq.{tenant},tenant_id.eq.{PLATFORM})")])
    filtered = builder.read(agents, owner_query, limit=20, offset=0)
    with psycopg.connect(db.url, options=SESSION_OPTIONS, autocommit=True) as owner:
        plan = owner.execute(b"EXPLAIN (ANALYZE, COSTS OFF) " + filtered.query.as_bytes(owner),
                             filtered.params).fetchall()
    print("plan as owner:\n  " + "\n  ".join(r[0] for r in plan))


def _pairs(query: str) -> list[tuple[str, str]]:
    return [tuple(part.split("=", 1)) for part in query.split("&")]


# -- 1: through HTTP -----------------------------------------------------------
def _requests(tenants, settings, port: int) -> list[bytes]:
    out = []
    for tenant_id, subdomain, user in tenants:
        token = mint_token(settings, tenant_id=tenant_id, user_id=user, expires_in=3600)
        out.append(f"GET /rest/v1/agents?{QUERY} HTTP/1.1\r\nHost: {subdomain}.localhost:{port}\r\n"
                   f"Authorization: Bearer {token}\r\nAccept: application/json\r\n\r\n".encode())
    return out


async def _client(port: int, requests: list[bytes], stop: float, offset: int, latencies: list[float],
                  failures: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    # Each connection visits the tenants in its own order: in one shared order every connection that
    # reaches a tenant slowed by a hiccup queues behind it, and the convoy exceeds that tenant's
    # concurrent_requests (429s no real traffic pattern makes).
    order = random.Random(offset).sample(requests, len(requests))
    i = 0
    while time.perf_counter() < stop:
        sent = time.perf_counter()
        writer.write(order[i % len(order)])
        i += 1
        head = await reader.readuntil(b"\r\n\r\n")
        await reader.readexactly(int(_LENGTH.search(head).group(1)))
        latencies.append(time.perf_counter() - sent)
        if head[9:12] != b"200":
            failures.append(int(head[9:12]))
    writer.close()


def _load_process(args) -> tuple[list[float], list[int]]:
    port, requests, connections, seconds, seed = args
    latencies, failures = [], []

    async def main():
        stop = time.perf_counter() + seconds
        await asyncio.gather(*(_client(port, requests, stop, seed * 997 + c, latencies, failures)
                               for c in range(connections)))
    asyncio.run(main())
    return latencies, failures


async def _open_loop(port: int, requests: list[bytes], rate: float, seconds: float, connections: int,
                     offset: int, latencies: list[float], failures: list[int]) -> None:
    """Request i is due at start + i/rate; it waits for a free connection if none is, and its
    latency runs from when it was due, so a slow server cannot slow the load down."""
    free: asyncio.Queue = asyncio.Queue()
    order = random.Random(offset).sample(requests, len(requests))  # as in _client
    for _ in range(connections):
        free.put_nowait(await asyncio.open_connection("127.0.0.1", port))

    async def one(i: int, due: float) -> None:
        reader, writer = await free.get()
        try:
            writer.write(order[i % len(order)])
            head = await reader.readuntil(b"\r\n\r\n")
            await reader.readexactly(int(_LENGTH.search(head).group(1)))
            latencies.append(time.perf_counter() - due)
            if head[9:12] != b"200":
                failures.append(int(head[9:12]))
        except (OSError, asyncio.IncompleteReadError):
            failures.append(0)  # a connection closed under the request
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        free.put_nowait((reader, writer))

    start, tasks = time.perf_counter(), []
    for i in range(int(rate * seconds)):
        due = start + i / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(one(i, due)))
    await asyncio.gather(*tasks)
    while not free.empty():
        free.get_nowait()[1].close()


def _open_loop_process(args) -> tuple[list[float], list[int]]:
    port, requests, rate, seconds, connections, seed = args
    latencies, failures = [], []
    asyncio.run(_open_loop(port, requests, rate, seconds, connections, seed * 997, latencies, failures))
    return latencies, failures


def through_api(settings, tenants, postmaster, *, workers: int, connections: int, seconds: float, clients: int,
                path: str | None = None, rate: float | None = None, src: str | None = None) -> dict:
    """Load on `vital serve`; `path` instead of the agents list measures that path (/health: no database);
    `rate`: open loop at that many requests per second; `src`: serve that source tree instead (--baseline)."""
    port = _free_port()
    env = {**os.environ, "VITAL_API_PORT": str(port), "VITAL_API_WORKERS": str(workers),
           "VITAL_API_POOL_MAX_SIZE": str(max(4, min(connections, 32) // workers))}
    if src:
        env["PYTHONPATH"] = src
    # Its log is kept (not discarded) so that a server that exits says why.
    log = tempfile.TemporaryFile()
    server = subprocess.Popen([sys.executable, "-m", "vital", "serve"], env=env, stdout=subprocess.DEVNULL,
                              stderr=log)
    try:
        _wait_ready(port, server, log)
        requests = [f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode()] if path else \
            _requests(tenants, settings, port)
        per_client = max(1, connections // clients)
        with multiprocessing.get_context("spawn").Pool(clients) as pool:
            pool.map(_load_process, [(port, requests, per_client, 2.0, c) for c in range(clients)])  # warm-up
            cpu_before = _cpu(server.pid, postmaster)
            started = time.perf_counter()
            if rate:
                parts = pool.map(_open_loop_process, [(port, requests, rate / clients, seconds, per_client, c)
                                                      for c in range(clients)])
            else:
                parts = pool.map(_load_process, [(port, requests, per_client, seconds, c) for c in range(clients)])
            elapsed = time.perf_counter() - started
            cpu_after = _cpu(server.pid, postmaster)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    latencies = [x for part, _ in parts for x in part]
    failures = [x for _, part in parts for x in part]
    n = len(latencies)
    return {"workers": workers, "connections": per_client * clients, "requests": len(latencies),
            "load": round(os.getloadavg()[0], 2),
            "non_200": dict(Counter(failures)), "rps": round(len(latencies) / elapsed), **percentiles(latencies),
            "api_cpu_ms_per_request": _per_request(cpu_before[0], cpu_after[0], n),
            "db_cpu_ms_per_request": _per_request(cpu_before[1], cpu_after[1], n)}


def _cpu(server_pid: int | None, postmaster: psutil.Process | None) -> tuple[float, float | None]:
    """CPU seconds used so far by the API (the process and its workers) and by the
    backends of our database server logged in as vital_api: figures that other load
    on the machine distorts less than wall-clock rates."""
    api = 0.0
    if server_pid:
        root = psutil.Process(server_pid)
        api = sum(sum(p.cpu_times()[:2]) for p in [root, *root.children(recursive=True)])
    if postmaster is None:
        return api, None
    db = 0.0
    for proc in postmaster.children():
        try:
            if "vital_api" in " ".join(proc.cmdline()):
                db += sum(proc.cpu_times()[:2])
        except psutil.Error:
            pass  # a backend that just ended
    return api, db


def _postmaster(db: Database) -> psutil.Process | None:
    """The embedded server's postmaster (an external server's backends are out of sight)."""
    if db.server is None:
        return None
    return psutil.Process(int((db.server.pgdata / "postmaster.pid").read_text().split()[0]))


def _per_request(before: float | None, after: float | None, n: int) -> float | None:
    return None if before is None or after is None else round((after - before) * 1000 / max(n, 1), 3)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(port: int, server: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"`vital serve` exited with {server.returncode}:\n{_tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /ready HTTP/1.1\r\nHost: localhost\r\n\r\n")
                if b" 200 " in s.recv(200):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"`vital serve` did not become ready:\n{_tail(log)}")


def _tail(log, lines: int = 15) -> str:
    log.seek(0)
    return "\n".join(log.read().decode(errors="replace").splitlines()[-lines:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", default="1,2", help="uvicorn worker counts to measure, comma-separated")
    parser.add_argument("--connections", type=int, default=32, help="concurrent keep-alive connections")
    parser.add_argument("--clients", type=int, default=1, help="load-generating processes")
    parser.add_argument("--direct-runs", type=int, default=5000)
    parser.add_argument("--explain", action="store_true", help="print both plans (RLS and owner) first")
    parser.add_argument("--tenants", type=int, default=TENANTS, help="tenants the volume must have at least")
    parser.add_argument("--rate", type=float, default=300.0, help="open loop: requests per second (0: skip)")
    parser.add_argument("--open-connections", type=int, default=64, help="open loop: keep-alive connections")
    parser.add_argument("--baseline", help="another source tree to serve alternately with this one")
    parser.add_argument("--skip-latency", action="store_true", help="skip /health and the 1-connection run")
    args = parser.parse_args()

    settings = with_secret(load_settings())  # the data dir's secret, as `vital serve` reads it
    with Database(settings) as db:
        with psycopg.connect(db.url, options=SESSION_OPTIONS) as owner:
            tenants = tenants_with_volume(owner)
            agents = owner.execute("SELECT count(*) FROM agents").fetchone()[0] if tenants else 0
        if len(tenants) < args.tenants:
            print(f"This benchmark needs {args.tenants:,} tenants with {AGENTS} agents each; the database has "
                  f"{len(tenants):,}.\nCreate the volume first:  {GENERATE}", file=sys.stderr)
            return 2
        with psycopg.connect(db.url, options=SESSION_OPTIONS) as owner:
            sample = members(owner, tenants[:: max(1, len(tenants) // SAMPLE)][:SAMPLE])
        with psycopg.connect(db.api_url, options=SESSION_OPTIONS, autocommit=True) as api:
            relations = Relations(read(api))
        builder = Builder(relations, settings.api_max_rows)
        print(f"{platform.node()}: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; "
              f"{len(tenants):,} tenants, {agents:,} agents; GET /rest/v1/agents?{QUERY}")
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        if args.explain:
            explain(db, builder, relations, sample[0][0], sample[0][2])
        postmaster = _postmaster(db)
        figures = direct(db, builder, relations, sample, args.direct_runs, postmaster)
        print("direct psycopg (one process, transaction as the user):", figures["direct"])
        print("statement under RLS (authenticated):", figures["rls_statement"])
        print("statement as owner with WHERE tenant_id:", figures["owner_statement"])
        rls = figures["rls_statement"]["p50_ms"] / figures["owner_statement"]["p50_ms"]
        print(f"RLS overhead (p50 ratio): {rls:.2f}x")
        print("server side (median, EXPLAIN ANALYZE):", figures["server_side"])
        trees = [("baseline", args.baseline), ("this tree", None)] if args.baseline else [("this tree", None)]
        for name, src in ([] if args.skip_latency else trees):
            bare = through_api(settings, sample, postmaster, workers=1, connections=args.connections,
                               seconds=args.seconds, clients=args.clients, path="/health", src=src)
            print(f"[{name}] API, 1 worker, GET /health (no database, the framework's own cost):", bare)
            alone = through_api(settings, sample, postmaster, workers=1, connections=1, seconds=args.seconds,
                                clients=1, src=src)
            print(f"[{name}] API, 1 worker, 1 connection (latency):", alone)
            print(f"  p50 ratio API/direct: {alone['p50_ms'] / figures['direct']['p50_ms']:.1f}x")
        for workers in [int(w) for w in args.workers.split(",")]:
            for name, src in trees:
                now = direct_rps(db, builder, relations, sample, max(200, args.direct_runs // 4))
                api = through_api(settings, sample, postmaster, workers=workers, connections=args.connections,
                                  seconds=args.seconds, clients=args.clients, src=src)
                print(f"[{name}] API, {workers} worker(s), {api['connections']} connections (throughput):", api)
                print(f"  throughput ratio API/direct: {api['rps'] / now:.2f}x (direct just before: {now} req/s, "
                      f"load {os.getloadavg()[0]:.2f})")
                if args.rate:
                    opened = through_api(settings, sample, postmaster, workers=workers,
                                         connections=args.open_connections, seconds=args.seconds,
                                         clients=args.clients, rate=args.rate, src=src)
                    print(f"[{name}] API, {workers} worker(s), open loop at {args.rate:g} req/s:", opened)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
