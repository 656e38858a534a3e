"""Noisy neighbour: 19 tenants at a fixed open-loop rate, alone and then beside a 20th that attacks.

  setup    a data dir of its own (VITAL_DATA_DIR, default /tmp/neighbour-data): migrated and seeded,
           20 synthetic tenants (`vital db generate`: agents, documents, chunks; the platform's
           workflow library), `vital serve` on a loopback port;
  probe    the 19 in a closed loop (bench/ops_harness.py's mix) for their maximum throughput; the
           open-loop rate is --share of it (or --rate);
  phase A  the 19 alone, open loop: request i is due at i / rate, its latency counted from then;
  phase B  the same 19 at the same rate while the 20th (bench/hostile.py, its own process) holds 60
           event streams, 30 slow clients and 12 looping/fan-out workflow runs, and sends every
           hostile pattern of issue 14 at 50 requests/s.
Then a table: the 19's errors, p50/p99 alone and with the attacker, rows of other tenants seen; the
attacker's answers by pattern and status; connections closed under a request. The API and the
embedded server are stopped at the end (by pid). Exit 1 when a target is missed.

Run from the project root (about 5 minutes; --smoke: 5 s phases; --only: some of the attacker):

    PYTHONPATH=src .venv/bin/python bench/noisy_neighbour.py [--seconds 60] [--rate R | --share 0.5] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import queue
import random
import signal
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("VITAL_DATA_DIR", "/tmp/neighbour-data")
sys.path.insert(0, str(Path(__file__).parent))

import httpx  # noqa: E402
import psutil  # noqa: E402
import psycopg  # noqa: E402

from hostile import Attacker, arm, foreign_rows, run_attacker  # noqa: E402
from pg_cpu import DatabaseCpu  # noqa: E402
from ops_harness import (MIX, PLATFORM, Result, Run, Tenant, free_port, machine, prepare,  # noqa: E402
                         request_for, start_api, start_worker, stop_api, workload)

from vital.auth.secret import with_secret  # noqa: E402
from vital.auth.tokens import mint_token  # noqa: E402
from vital.cli.db import migrate_and_seed  # noqa: E402
from vital.db.connection import SESSION_OPTIONS, Database  # noqa: E402
from vital.settings import load_settings  # noqa: E402

TENANTS = 20


# -- setup ------------------------------------------------------------------------------
def members(db: Database, tenants: list[Tenant]) -> str:
    """Each tenant's bench user a member (roles are the database's: a user without a membership may
    read but not write, docs/roles.md), and a second member of the last, the attacker, whose streams
    are spread over two users' keys; that second member's token."""
    with psycopg.connect(db.url, options=SESSION_OPTIONS, autocommit=True) as conn:
        for tenant, email in [(t, f"bench@{t.subdomain}.example") for t in tenants] + [
                (tenants[-1], f"bench2@{tenants[-1].subdomain}.example")]:
            conn.execute("INSERT INTO auth.users (email) VALUES (%s) ON CONFLICT (email) DO NOTHING", (email,))
            user = conn.execute("SELECT id FROM auth.users WHERE email = %s", (email,)).fetchone()[0]
            conn.execute("INSERT INTO profiles (tenant_id, user_id, display_name, email) "
                         "VALUES (%s, %s, 'Bench', %s) ON CONFLICT DO NOTHING", (tenant.id, user, email))
            conn.execute("INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (%s, %s, 'member') "
                         "ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = 'member'", (tenant.id, user))
    return mint_token(with_secret(db.settings), tenant_id=tenant.id, user_id=user, email=email, expires_in=6 * 3600)


def stopped(pid: int | None) -> bool:
    """The embedded server's postmaster gone: the last holder stopped it; if it lingers, SIGTERM by pid."""
    for attempt in range(40):
        if not pid or not psutil.pid_exists(pid):
            return True
        if attempt == 20:
            os.kill(pid, signal.SIGTERM)
        time.sleep(0.5)
    return False


def postmaster(db: Database) -> int | None:
    pid_file = db.server.pgdata / "postmaster.pid" if db.server else None
    return int(pid_file.read_text().split()[0]) if pid_file and pid_file.exists() else None


# -- the 19, open loop ----------------------------------------------------------------------
async def open_loop(port: int, tenants: list[Tenant], every: set[str], rate: float, seconds: float,
                    label: str) -> tuple[Run, Counter]:
    """Request i (tenant i mod 19, an operation of the mix) is due at start + i / rate and sent then,
    whatever the earlier ones are doing; its latency runs from when it was due."""
    run, mentions = Run(), Counter()
    rng = random.Random(7)
    ops, weights = list(MIX), list(MIX.values())
    limits = httpx.Limits(max_connections=500, max_keepalive_connections=100)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=30) as http:
        async def one(tenant: Tenant, op: str, due: float, started: float) -> None:
            method, path, body, _ = request_for(op, tenant, rng)
            headers = {"Host": f"{tenant.subdomain}.localhost", "Authorization": f"Bearer {tenant.token}",
                       "Prefer": "return=representation"}
            failure, status, text = None, 0, ""
            try:
                answer = await http.request(method, path, json=body, headers=headers)
                status, text = answer.status_code, answer.text
            except httpx.HTTPError as exc:
                failure = type(exc).__name__
            others = every - {tenant.id, PLATFORM}
            mentions[op] += sum(text.count(other) for other in others)
            run.results.append(Result(op, status, time.perf_counter() - due, due - started,
                                      foreign_rows(text, tenant.id), None, failure))

        tasks, started, i = [], time.perf_counter(), 0
        next_report = started + 5
        while (due := started + i / rate) < started + seconds:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            tasks.append(asyncio.create_task(one(tenants[i % len(tenants)], rng.choices(ops, weights)[0], due,
                                                 started)))
            i += 1
            if time.perf_counter() >= next_report:
                next_report += 5
                bad = sum(not 200 <= r.status < 300 for r in run.results)
                print(f"  {label}: {time.perf_counter() - started:4.0f} s  sent {i}  answered {len(run.results)}  "
                      f"not 2xx {bad}", flush=True)
        await asyncio.gather(*tasks)
        run.seconds = time.perf_counter() - started
    return run, mentions


def cpu_seconds(pids: dict[str, int | None]) -> dict[str, float]:
    """CPU seconds used so far by each named process and its living children (the API's threads, the
    postmaster's backends), and by this bench; differences over a phase show who took the cores."""
    used = {}
    for name, pid in pids.items():
        try:
            procs = [psutil.Process(pid)] if pid else []
            procs += [c for p in procs for c in p.children(recursive=True)]
        except psutil.NoSuchProcess:
            procs = []
        total = 0.0
        for p in procs:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.NoSuchProcess:
                pass
        used[name] = total
    t = os.times()
    used["the 19's client (this bench)"] = t.user + t.system
    return used


def spent(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {k: round(after[k] - before.get(k, 0.0), 1) for k in after}


# -- the phases -----------------------------------------------------------------------------
def phase_b(port: int, victims: list[Tenant], every: set[str], attacker: Attacker, rate: float,
            seconds: float) -> tuple[Run, Counter, dict]:
    spawn = multiprocessing.get_context("spawn")
    ready, go, out = spawn.Event(), spawn.Event(), spawn.Queue()
    process = spawn.Process(target=run_attacker, args=(attacker, ready, go, out), daemon=True)
    process.start()
    try:
        if not ready.wait(60):
            raise SystemExit("the attacker's process did not start")
        go.set()
        time.sleep(1.0)  # its streams, slow clients and runs open first: the 19 are measured beside all of it
        run, mentions = asyncio.run(open_loop(port, victims, every, rate, seconds, "phase B"))
        deadline = time.monotonic() + seconds + 120
        while True:
            try:
                tally = out.get(timeout=1)
                break
            except queue.Empty:
                if not process.is_alive() or time.monotonic() > deadline:
                    raise SystemExit("the attacker's process ended without its figures (its error is above)")
        process.join(30)
    finally:
        if process.is_alive():
            process.kill()
    return run, mentions, tally


def leftovers(db: Database, attacker: Tenant, since, drain_seconds: float = 60.0) -> dict:
    """What this attack left: runs that never started, titles still carrying control/bidi characters. Runs are
    executed by the background-job worker, so a run accepted near the end waits in the queue (its looping
    siblings each run to their caps first): a run counts as left only when it is pending with no job queued
    or running to carry it on. The queue gets `drain_seconds` first, and what is still queued is reported."""
    orphans = ("SELECT count(*) FILTER (WHERE NOT queued), count(*) FILTER (WHERE queued) FROM ("
               " SELECT EXISTS (SELECT 1 FROM procrastinate.procrastinate_jobs j"
               "                 WHERE j.task_name = 'vital.advance_run' AND j.status IN ('todo', 'doing')"
               "                   AND j.args ->> 'run' = r.id::text) AS queued"
               "   FROM workflow_runs r WHERE r.tenant_id = %s AND r.status = 'pending' AND r.created_at >= %s) p")
    with psycopg.connect(db.url, options=SESSION_OPTIONS, autocommit=True) as conn:
        started, deadline = time.monotonic(), time.monotonic() + drain_seconds
        while True:
            pending, queued = conn.execute(orphans, (attacker.id, since)).fetchone()
            if pending + queued == 0 or time.monotonic() > deadline:
                break
            time.sleep(1)
        print(f"the attacker's runs after {time.monotonic() - started:.0f} s: {queued} still queued for the "
              f"worker, {pending} pending with nothing to carry them on", flush=True)
        titles = conn.execute("SELECT count(*) FROM rag_documents WHERE tenant_id = %s AND title ~ %s "
                              "AND created_at >= %s", (attacker.id, "[\\x01-\\x1f\\x7f\u202a-\u202e\u2066-\u2069]",
                                                        since)).fetchone()[0]
    return {"runs_left_pending": pending, "titles_with_control_or_bidi": titles}


# -- the report -------------------------------------------------------------------------------
def report(host: str, rate: float, probe: dict, alone: tuple[Run, Counter], beside: tuple[Run, Counter],
           tally: dict, left: dict, seconds: float, cpu: dict, worker: str, attacker_nice: int,
           database_cpu: dict) -> dict:
    a, b = alone[0].summary(), beside[0].summary()
    closed = lambda s: sum(n for k, n in s["no_answer"].items())  # noqa: E731
    five = {k: n for k, n in tally["statuses"].items() if k.rsplit(" ", 1)[1].startswith("5")}
    figures = {
        "machine": host, "load_average_after": round(os.getloadavg()[0], 1), "seconds_per_phase": seconds,
        "job_worker": worker, "attacker_nice": attacker_nice, "cpu_seconds": cpu,
        "database_cpu_seconds": database_cpu,
        "max_closed_loop_rps": probe["throughput_rps"], "open_loop_rps": rate,
        "alone": {k: a[k] for k in ("requests", "p50_ms", "p99_ms", "errors", "statuses", "no_answer")},
        "with_attacker": {k: b[k] for k in ("requests", "p50_ms", "p99_ms", "errors", "statuses", "no_answer")},
        "p99_ratio": round(b["p99_ms"] / a["p99_ms"], 2) if a["p99_ms"] else None,
        "p50_ratio": round(b["p50_ms"] / a["p50_ms"], 2) if a["p50_ms"] else None,
        "foreign_rows": a["cross_tenant_rows"] + b["cross_tenant_rows"],
        "foreign_ids_mentioned": sum(alone[1].values()) + sum(beside[1].values()),
        "by_op_with_attacker": b["by_op"], "by_op_alone": a["by_op"],
        "attacker": {**tally, "5xx": five}, **left,
    }
    checks = {
        "the 19: 0 errors": a["errors"] == 0 and b["errors"] == 0,
        "the 19: p99 with the attacker <= 2x alone": (figures["p99_ratio"] or 99) <= 2.0,
        "the 19: 0 foreign rows": figures["foreign_rows"] == 0 and figures["foreign_ids_mentioned"] == 0,
        "the attacker: no 5xx": not five,
        # An oversized body is refused (413) while the client still sends it, and the connection closed:
        # the client sees that close (ReadError) more often than the 413. That is the refusal, not a fault.
        "no connection closed under a request (oversized bodies apart)": closed(a) + closed(b) == 0 and not any(
            k.endswith(("ReadError", "RemoteProtocolError")) and "MB body" not in k for k in tally["failures"]),
        "the attacker: no run left pending": left["runs_left_pending"] == 0,
    }
    figures["checks"] = checks
    print(json.dumps(figures, indent=2))
    print(f"\n{host}\nopen loop {rate} req/s over 19 tenants ({probe['throughput_rps']} req/s closed-loop max), "
          f"{seconds:.0f} s per phase\n")
    print("| the 19 | requests | p50 | p99 | errors | no answer | foreign rows |\n|---|---|---|---|---|---|---|")
    for name, s, m in (("alone", a, alone[1]), ("with the attacker", b, beside[1])):
        print(f"| {name} | {s['requests']} | {s['p50_ms']} ms | {s['p99_ms']} ms | {s['errors']} | "
              f"{closed(s)} | {s['cross_tenant_rows'] + sum(m.values())} |")
    print(f"| ratio | | {figures['p50_ratio']}x | {figures['p99_ratio']}x | | | |\n")
    print("| 5 s window | " + " | ".join(f"{w * 5}-{w * 5 + 5}" for w in range(int(seconds // 5))) + " |")
    print("|---|" + "---|" * int(seconds // 5))
    for name, run in (("alone", alone[0]), ("with the attacker", beside[0])):
        print(f"| p99 {name} | " + " | ".join(_window_p99(run, w * 5.0) for w in range(int(seconds // 5))) + " |")
    print()
    names = list(cpu["with the attacker"])
    print(f"| CPU seconds ({worker} job worker; the attacker's client {attacker_nice} steps lower) | "
          f"{' | '.join(names)} |\n|---|{'---|' * len(names)}")
    for phase, used in cpu.items():
        print(f"| {phase} | {' | '.join(str(used.get(n, '')) for n in names)} |")
    print("\n| PostgreSQL's CPU seconds by role and application | alone | with the attacker |\n|---|---|---|")
    for name in sorted(set(database_cpu["alone"]) | set(database_cpu["with the attacker"]),
                       key=lambda n: -database_cpu["with the attacker"].get(n, 0.0)):
        print(f"| {name} | {database_cpu['alone'].get(name, '')} | {database_cpu['with the attacker'].get(name, '')} |")
    print()
    print("| per operation, with the attacker | p50 | p99 | errors |\n|---|---|---|---|")
    for op, s in b["by_op"].items():
        print(f"| {op} | {s['p50_ms']} ms | {s['p99_ms']} ms | {s['errors']} |")
    by_pattern: dict[str, Counter] = {}
    for key, n in tally["statuses"].items():
        pattern, status = key.rsplit(" ", 1)
        by_pattern.setdefault(pattern, Counter())[status] += n
    for key, n in tally["failures"].items():
        pattern, failure = key.rsplit(" ", 1)
        by_pattern.setdefault(pattern, Counter())[failure] += n
    print("\n| the attacker's pattern | answers |\n|---|---|")
    for pattern, counts in sorted(by_pattern.items()):
        print(f"| {pattern} | {', '.join(f'{s} × {n}' for s, n in sorted(counts.items()))} |")
    print(f"\nstreams opened {tally['streams_opened']}, slow clients dropped {tally['slow_dropped']} "
          f"(the last after {tally['slow_dropped_after_s']} s), kept to the end {tally['slow_kept']}; "
          f"runs: {tally['run_outcomes']}; {left}\n")
    for check, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {check}")
    return figures


def _window_p99(run: Run, start: float, width: float = 5.0) -> str:
    """The p99 (ms) of the requests due in [start, start + width): when in the phase the latency went up."""
    inside = sorted(r.seconds for r in run.results if start <= r.at < start + width)
    return f"{inside[min(len(inside) - 1, int(0.99 * len(inside)))] * 1000:.0f}" if inside else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each phase")
    parser.add_argument("--rate", type=float, help="the 19's open-loop rate (default: --share of the probe's max)")
    parser.add_argument("--share", type=float, default=0.5, help="share of the closed-loop maximum")
    parser.add_argument("--probe-seconds", type=float, default=15.0)
    parser.add_argument("--attack-rate", type=float, default=50.0)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers of the API")
    parser.add_argument("--pool-max", type=int, default=20, help="the API's pool size (per worker)")
    parser.add_argument("--only", default="", help="the attacker's parts to run, comma-separated substrings of "
                        "their names (e.g. 'event stream,slow client,MB body'): to find which one hurts")
    parser.add_argument("--worker", choices=("in-api", "apart"), default="in-api",
                        help="the job worker inside `vital serve` (as `vital up` runs it) or a `vital worker` "
                        "process beside `vital serve --no-worker`")
    parser.add_argument("--attacker-nice", type=int, default=0,
                        help="run the attacker's client this many steps below the rest on the CPU: on one machine its "
                        "client takes cores the server would have, which an attacker elsewhere would not")
    parser.add_argument("--smoke", action="store_true", help="5 s phases, 3 s probe: shows that it works")
    args = parser.parse_args()
    if args.smoke:
        args.seconds, args.probe_seconds = 5.0, 3.0
    with Database(load_settings()) as db:
        server_pid = postmaster(db)
        print(f"setup: {db.settings.data_dir} (postmaster {server_pid})", flush=True)
        migrate_and_seed(db, include_all=True)  # its own data dir: migrations merged out of order apply too
        tenants, every = prepare(db, TENANTS)
        victims, bad = tenants[:-1], tenants[-1]
        attacker = Attacker(0, bad.subdomain, bad.id, [bad.token, members(db, tenants)],
                            [t.agents[0] for t in victims], every, args.seconds, rate=args.attack_rate,
                            only=tuple(o for o in args.only.split(",") if o), nice=args.attacker_nice)
        with psycopg.connect(db.url) as conn:
            since = conn.execute("SELECT now()").fetchone()[0]
        apart = args.worker == "apart"
        server = start_api(port := free_port(), args.workers, args.pool_max, no_worker=apart)
        worker = start_worker() if apart else None
        print(f"setup: `vital serve{' --no-worker' if apart else ''}` pid {server.pid} on 127.0.0.1:{port}"
              + (f", `vital worker` pid {worker.pid}" if worker else ""), flush=True)
        try:
            attacker.port = port
            arm(attacker)
            print(f"probe: the 19 in a closed loop, 40 clients, {args.probe_seconds:.0f} s", flush=True)
            probe = asyncio.run(workload(port, victims, every, 40, args.probe_seconds)).summary()
            rate = args.rate or round(args.share * probe["throughput_rps"], 1)
            print(f"probe: {probe['throughput_rps']} req/s max -> open loop at {rate} req/s", flush=True)
            host = machine()
            pids = {"API": server.pid, "worker apart": worker.pid if worker else None, "PostgreSQL": server_pid}
            with DatabaseCpu(db.url, server_pid) as database:
                at = cpu_seconds(pids)
                database.take()
                alone = asyncio.run(open_loop(port, victims, every, rate, args.seconds, "phase A"))
                between, database_alone = cpu_seconds(pids), database.take()
                beside = phase_b(port, victims, every, attacker, rate, args.seconds)
                cpu = {"alone": spent(at, between), "with the attacker": {
                    **spent(between, cpu_seconds(pids)), "the attacker's client": beside[2].pop("cpu_seconds")}}
                database_cpu = {"alone": database_alone, "with the attacker": database.take()}
            left = leftovers(db, bad, since)  # while the API's worker still runs the queued runs
        finally:
            stop_api(server)
            if worker:
                stop_api(worker)
    print(f"cleanup: API {server.pid} stopped; postmaster {server_pid} "
          f"{'stopped' if stopped(server_pid) else 'STILL RUNNING'}", flush=True)
    figures = report(host, rate, probe, alone, beside[:2], beside[2], left, args.seconds, cpu, args.worker,
                     args.attacker_nice, database_cpu)
    return 0 if all(figures["checks"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
