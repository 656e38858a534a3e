"""Load test: 50 concurrent clients for 60 s against the API on a loopback port, over 20 tenants.

The mix (bench/ops_harness.py): list agents, read one agent, write two rows in one
request, full-text search of knowledge chunks, Ask Expert mode 1 (a session with
its answer). Every response is searched for the id of any other tenant of the
deployment; the figure that must stay zero is `cross_tenant_rows`, with `errors`.

Run from the project root on a database of its own (it adds 20 tenants):

    VITAL_DATA_DIR=/tmp/load/.vital .venv/bin/vital up --no-serve
    VITAL_DATA_DIR=/tmp/load/.vital .venv/bin/python bench/ops_load.py [--clients 50] [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ops_harness import MIX, free_port, machine, prepare, start_api, stop_api, workload  # noqa: E402

from vital.db.connection import Database  # noqa: E402
from vital.settings import load_settings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--tenants", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers of the API")
    parser.add_argument("--pool-max", type=int, default=20, help="the API's pool size (per worker)")
    parser.add_argument("--mix", default=",".join(f"{k}={v}" for k, v in MIX.items()),
                        help="operation weights, e.g. list=1 to measure one operation alone")
    args = parser.parse_args()
    mix = {k: int(v) for k, v in (part.split("=") for part in args.mix.split(","))}
    with Database(load_settings()) as db:
        tenants, every = prepare(db, args.tenants)
        server = start_api(port := free_port(), args.workers, args.pool_max)
        try:
            asyncio.run(workload(port, tenants, every, args.clients, 5.0, mix))  # warm-up, not counted
            host = machine()
            run = asyncio.run(workload(port, tenants, every, args.clients, args.seconds, mix))
        finally:
            stop_api(server)
    summary = {"machine": host, "load_average_after": round(os.getloadavg()[0], 1), "clients": args.clients,
               "tenants": len(tenants), "workers": args.workers, "pool_max": args.pool_max, "mix": mix, **run.summary()}
    print(json.dumps(summary, indent=2))
    return 0 if summary["errors"] == 0 and summary["cross_tenant_rows"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
