"""Benchmark of counting usage through vital.count_usage() (migration 20261124000017).

Tenants may no longer write tenant_usage; every session and model call adds to
its counter through the SECURITY DEFINER function instead. This compares, per
call, the function called as a tenant's user (the services' path now) with the
statement the services ran before, an INSERT ... ON CONFLICT under RLS as the
same user (measured after granting the scratch database's `authenticated` the
writes back, as the migration's rollback does). Each call is its own tenant
transaction, as in the services. Runs on `vital_bench_usage` on the embedded
server (dropped and re-created, migrated, seeded), or --database-url (an empty
scratch database).

    .venv/bin/python bench/usage_counter.py [--calls 5000]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import psutil
import psycopg
from psycopg import sql

from vital.db.connection import SESSION_OPTIONS, Database
from vital.db.tenant import tenant_transaction
from vital.schema.migrator import Migrator, discover
from vital.schema.seed import seed
from vital.settings import load_settings
from vital.tenancy import Caller

DIRECT = """INSERT INTO public.tenant_usage (tenant_id, metric, period, period_start, value)
VALUES ((SELECT auth.tenant_id()), 'sessions', 'day', (now() AT TIME ZONE 'utc')::date, 1)
ON CONFLICT ON CONSTRAINT tenant_usage_counter_key
DO UPDATE SET value = tenant_usage.value + excluded.value
 WHERE tenant_usage.value + excluded.value <= %(limit)s RETURNING value"""
COUNTED = "SELECT vital.count_usage('sessions', 1, %(limit)s)"


def timed(calls: int, one) -> list[float]:
    samples = []
    for i in range(calls):
        started = time.perf_counter()
        one()
        samples.append((time.perf_counter() - started) * 1000)
        if (i + 1) % 1000 == 0:
            print(f"  … {i + 1:,}/{calls:,}", flush=True)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", help="An empty scratch database (default: vital_bench_usage, embedded).")
    parser.add_argument("--calls", type=int, default=5000)
    args = parser.parse_args()
    settings = load_settings()
    with Database(settings) as db:
        url = args.database_url
        if url is None:
            with psycopg.connect(db.admin_url, autocommit=True) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS vital_bench_usage WITH (FORCE)"))
                admin.execute(sql.SQL("CREATE DATABASE vital_bench_usage"))
            url = db.server.url("vital_bench_usage")
        with psycopg.connect(url, autocommit=True, options=SESSION_OPTIONS) as conn:
            with Migrator(conn, discover(settings.migrations_dir, settings.rollbacks_dir)) as m:
                m.up()
            seed(conn, settings.seed_dir)
            tenant, user = conn.execute("SELECT t.id, u.id FROM tenants t, auth.users u WHERE t.subdomain = 'acme' "
                                        "AND u.email = 'ada@acme.example'").fetchone()
            params = {"limit": 10 ** 12}
            caller = Caller.member(tenant, user)

            def call(statement):
                def one():
                    with tenant_transaction(conn, caller) as c:
                        c.execute(statement, params).fetchone()
                return one

            print(f"machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
                  f"{platform.processor() or platform.machine()}, load {os.getloadavg()[0]:.1f}; "
                  f"{args.calls:,} calls each\n")
            rows = []
            for name, statement in (("vital.count_usage() (now)", COUNTED),
                                    ("INSERT ... ON CONFLICT under RLS (before)", DIRECT)):
                if statement is DIRECT:
                    conn.execute("GRANT INSERT, UPDATE ON public.tenant_usage TO authenticated")
                one = call(statement)
                timed(200, one)  # warm-up
                samples = sorted(timed(args.calls, one))
                rows.append((name, statistics.median(samples), samples[int(len(samples) * 0.95)]))
            print("| path | p50 ms | p95 ms |\n|---|---|---|")
            for name, p50, p95 in rows:
                print(f"| {name} | {p50:.3f} | {p95:.3f} |")
            print(f"\nratio p50: {rows[0][1] / rows[1][1]:.2f}×")


if __name__ == "__main__":
    main()
