"""What the operations benchmarks share: synthetic tenants with a user each, the API
started on a loopback port, a mixed workload of clients, and the check of every
response for another tenant's ids.

The database is the one in use (VITAL_DATABASE_URL, else the embedded server in
VITAL_DATA_DIR); the tenants are made by `vital db generate` (prefix `load`).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import httpx
import psycopg

from vital.auth.secret import with_secret
from vital.auth.tokens import mint_token
from vital.db.connection import SESSION_OPTIONS, Database
from vital.schema.benchmark_data import Plan, generate

PREFIX = "load"
PLATFORM = str(uuid.UUID(int=0))
TERMS = ["protocol", "dossier", "cohort", "signal", "biomarker", "inspection", "endpoint", "audit", "label", "dose"]
QUESTIONS = ["Which endpoint suits an adaptive oncology trial?", "How is a safety signal escalated?",
             "What goes into the dossier for a paediatric submission?", "How do we prepare the inspection?"]
# Share of each operation in the mix.
MIX = {"list": 30, "read": 25, "write": 15, "search": 20, "ask": 10}


@dataclass
class Tenant:
    subdomain: str
    id: str
    token: str
    agents: list[str]


@dataclass
class Result:
    op: str
    status: int
    seconds: float
    at: float          # seconds since the run started
    foreign: int = 0   # ids of other tenants found in the response
    marker: str | None = None
    failure: str | None = None  # the client's exception, when no answer came


@dataclass
class Run:
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict:
        ok = [r for r in self.results if 200 <= r.status < 300]
        by_op = defaultdict(list)
        for r in self.results:
            by_op[r.op].append(r)
        return {
            "requests": len(self.results), "seconds": round(self.seconds, 1),
            "throughput_rps": round(len(self.results) / self.seconds, 1) if self.seconds else 0,
            **percentiles([r.seconds for r in self.results]),
            "errors": len(self.results) - len(ok), "statuses": dict(Counter(r.status for r in self.results)),
            "no_answer": dict(Counter(r.failure for r in self.results if r.failure)),
            "cross_tenant_rows": sum(r.foreign for r in self.results),
            "by_op": {op: {"requests": len(rs), **percentiles([r.seconds for r in rs]),
                           "errors": sum(not 200 <= r.status < 300 for r in rs)} for op, rs in sorted(by_op.items())},
        }


def percentiles(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {"p50_ms": 0.0, "p99_ms": 0.0}
    ordered = sorted(samples)
    pick = lambda q: round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)  # noqa: E731
    return {"p50_ms": pick(0.50), "p99_ms": pick(0.99), "mean_ms": round(statistics.fmean(ordered) * 1000, 1)}


# -- the tenants ----------------------------------------------------------------
def prepare(db: Database, count: int) -> tuple[list[Tenant], set[str]]:
    """`count` synthetic tenants (created when missing), each on the enterprise tier with one member;
    returns them and the ids of every tenant of the deployment."""
    with psycopg.connect(db.url, options=SESSION_OPTIONS) as conn:
        have = conn.execute("SELECT count(*) FROM tenants WHERE subdomain LIKE %s", (PREFIX + "-%",)).fetchone()[0]
        if have < count:
            if have:
                raise SystemExit(f"{have} '{PREFIX}-*' tenants exist, fewer than {count}: reset the database first.")
            generate(conn, Plan(count, 20, 200 * count, prefix=PREFIX), lambda *_: None)
        rows = conn.execute(
            "SELECT id, subdomain FROM tenants WHERE subdomain LIKE %s ORDER BY subdomain LIMIT %s",
            (PREFIX + "-%", count)).fetchall()
        tenants = []
        for tenant_id, subdomain in rows:
            email = f"bench@{subdomain}.example"
            conn.execute("INSERT INTO auth.users (email) VALUES (%s) ON CONFLICT (email) DO NOTHING", (email,))
            user = conn.execute("SELECT id FROM auth.users WHERE email = %s", (email,)).fetchone()[0]
            conn.execute("INSERT INTO profiles (tenant_id, user_id, display_name, email) VALUES (%s, %s, 'Bench', %s) "
                         "ON CONFLICT DO NOTHING", (tenant_id, user, email))
            # Tier limits are not what this measures: no free-tier session cap.
            conn.execute("UPDATE tenants SET tier = 'enterprise' WHERE id = %s", (tenant_id,))
            agents = [str(r[0]) for r in conn.execute(
                "SELECT id FROM agents WHERE tenant_id = %s AND deleted_at IS NULL ORDER BY slug", (tenant_id,))]
            tenants.append(Tenant(subdomain, str(tenant_id), mint_token(
                with_secret(db.settings), tenant_id=tenant_id, user_id=user, email=email, expires_in=6 * 3600), agents))
        every = {str(r[0]) for r in conn.execute("SELECT id FROM tenants")}
        conn.commit()
    return tenants, every


# -- the API ----------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_api(port: int, workers: int = 1, pool_max: int = 20, *, no_worker: bool = False) -> subprocess.Popen:
    """`vital serve` on 127.0.0.1:port, in its own process group; ready when /ready answers 200.
    no_worker: without its in-process job worker (run `start_worker` beside it).
    Its log goes to the file BENCH_API_LOG names, if any."""
    env = {**os.environ, "VITAL_API_HOST": "127.0.0.1", "VITAL_API_PORT": str(port),
           "VITAL_API_WORKERS": str(workers), "VITAL_API_POOL_MAX_SIZE": str(pool_max),
           **({"VITAL_NO_WORKER": "1"} if no_worker else {})}
    log = open(os.environ["BENCH_API_LOG"], "ab") if os.environ.get("BENCH_API_LOG") else subprocess.DEVNULL
    server = subprocess.Popen([sys.executable, "-m", "vital", "serve"], env=env, stdout=log, stderr=log,
                              start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"`vital serve` exited with {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_api(server)
    raise SystemExit("`vital serve` did not become ready")


def start_worker() -> subprocess.Popen:
    """`vital worker` in its own process group (the deployment that runs workers apart from the API)."""
    log = open(os.environ["BENCH_API_LOG"], "ab") if os.environ.get("BENCH_API_LOG") else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, "-m", "vital", "worker"], stdout=log, stderr=log,
                            start_new_session=True)


def stop_api(server: subprocess.Popen) -> None:
    """SIGTERM to the server's process group (its workers too), by pid; SIGKILL if it lingers."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# -- the workload -----------------------------------------------------------------
def request_for(op: str, tenant: Tenant, rng: random.Random) -> tuple[str, str, dict | list | None, str | None]:
    """(method, path, json body, marker) of one operation."""
    if op == "list":
        return "GET", "/rest/v1/agents?select=id,tenant_id,slug,name,status&order=slug&limit=20", None, None
    if op == "read":
        return "GET", f"/rest/v1/agents?id=eq.{rng.choice(tenant.agents)}&select=*", None, None
    if op == "search":
        return ("GET", "/rest/v1/rag_knowledge_chunks?select=id,tenant_id,document_id,chunk_text"
                       f"&search_vector=wfts(english).{rng.choice(TERMS)}&limit=10", None, None)
    if op == "ask":
        return ("POST", "/api/v1/ask-expert/sessions",
                {"mode": 1, "agent_id": rng.choice(tenant.agents), "query": rng.choice(QUESTIONS)}, None)
    # A write of two rows in one request: both are there afterwards, or neither. (Not search_logs:
    # bookkeeping tables are written only by the definer functions now, docs/roles.md.)
    marker = f"bench-{uuid.uuid4()}"
    rows = [{"slug": f"{marker}-{n}", "name": "Bench", "description": marker} for n in (1, 2)]
    return "POST", "/rest/v1/knowledge_collections", rows, marker


async def client(http: httpx.AsyncClient, tenant: Tenant, foreign: set[str], run: Run, started: float,
                 stop: float, seed: int, mix: dict[str, int]) -> None:
    rng = random.Random(seed)
    ops, weights = list(mix), list(mix.values())
    headers = {"Host": f"{tenant.subdomain}.localhost", "Authorization": f"Bearer {tenant.token}",
               "Prefer": "return=representation"}
    while time.perf_counter() < stop:
        op = rng.choices(ops, weights)[0]
        method, path, body, marker = request_for(op, tenant, rng)
        sent = time.perf_counter()
        failure = None
        try:
            answer = await http.request(method, path, json=body, headers=headers)
            status, text = answer.status_code, answer.text
        except httpx.HTTPError as exc:
            status, text, failure = 0, "", f"{type(exc).__name__}: {exc}"
        done = time.perf_counter()
        run.results.append(Result(op, status, done - sent, sent - started,
                                  sum(text.count(other) for other in foreign), marker, failure))


async def workload(port: int, tenants: list[Tenant], every: set[str], clients: int, seconds: float,
                   mix: dict[str, int] = MIX) -> Run:
    """`clients` concurrent clients, client i acting for tenant i mod len(tenants), for `seconds`."""
    run = Run()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=30) as http:
        started = time.perf_counter()
        stop = started + seconds
        await asyncio.gather(*(client(http, t, every - {t.id, PLATFORM}, run, started, stop, i, mix)
                               for i, t in ((i, tenants[i % len(tenants)]) for i in range(clients))))
        run.seconds = time.perf_counter() - started
    return run


def machine() -> str:
    """The machine, and how busy it was (other work shares these cores)."""
    import platform

    import psutil

    return (f"{platform.node()}: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; "
            f"load average {os.getloadavg()[0]:.1f}")
