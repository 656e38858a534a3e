"""Background jobs: how soon a worker takes a queued upload, and how many small uploads it ingests a second.

N uploads of one small Markdown file each are queued for acme, one transaction each, the way the API
queues them (`?background=true`: job row, staged file and job together); one `vital worker
--concurrency C` process runs them. Reported: the time from each commit to its job row turning
`running` (pickup: LISTEN/NOTIFY, else the 5 s poll), from the first job row to the last job done, and
jobs per second (times from the job rows). Needs a prepared database with the hashing model registered:

    export VITAL_DATA_DIR=/tmp/jobs-bench/.vital VITAL_EMBEDDING_PROVIDER=hash
    vital up --no-serve && vital kb models
    .venv/bin/python bench/jobs_queue.py [--jobs 200] [--concurrency 2] [--every 0.5]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ops_harness import machine, percentiles  # noqa: E402

from vital.db.connection import Database  # noqa: E402
from vital.db.queries import Queries  # noqa: E402
from vital.db.tenant import tenant_transaction  # noqa: E402
from vital.jobs.enqueue import ingest_later  # noqa: E402
from vital.knowledge import embeddings  # noqa: E402
from vital.knowledge.ingest import FileInput, Ingestor  # noqa: E402
from vital.settings import load_settings  # noqa: E402
from vital.tenancy import Caller, Rule, find_tenant  # noqa: E402

KNOWLEDGE = Queries("vital.knowledge")
QUEUE = Queries("vital.jobs")
TEXT = "# Deviation {n}\n\nA protocol deviation in the oncology trial, site {n}, reported to the sponsor.\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--every", type=float, default=0.0, help="Seconds between two uploads (0: back to back).")
    args = parser.parse_args()
    settings = load_settings(embedding_provider="hash")
    with Database(settings) as db, db.session(autocommit=True) as conn:
        caller = Caller.member(find_tenant(conn, "acme", rule=Rule.OPERATING).id)
        embedder = embeddings.current(settings)
        worker = subprocess.Popen([sys.executable, "-m", "vital", "worker", "--concurrency", str(args.concurrency)],
                                  env={**os.environ, "VITAL_EMBEDDING_PROVIDER": "hash"},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(3)  # the worker is up and listening
            run = f"bench-{int(time.time())}"
            jobs = []
            started = time.perf_counter()
            for n in range(args.jobs):
                with tenant_transaction(conn, caller) as tx:
                    model = embeddings.registered(tx, embedder)
                    job, _ = Ingestor(tx, caller, settings, embedder, model).start(1, collection=run)
                    tx.execute(KNOWLEDGE("ingest.job_queued"), {"job": job})
                    ingest_later(tx, job, None, [FileInput.from_bytes(f"{run}-{n}.md", TEXT.format(n=n).encode())],
                                 domains=[], metadata={}, model=model)
                jobs.append(job)
                time.sleep(args.every)
            queued = time.perf_counter() - started
            while True:
                rows = conn.execute(QUEUE("queue.ingest_times"), {"ids": jobs}).fetchall()
                if all(status not in ("queued", "running") for status, _, _, _ in rows):
                    break
                time.sleep(0.1)
            total = max(finished for _, _, _, finished in rows) - min(created for _, created, _, _ in rows)
            picked = [(started - created).total_seconds() for _, created, started, _ in rows]
            statuses = sorted({status for status, _, _, _ in rows})
        finally:
            worker.send_signal(signal.SIGINT)
            worker.wait(60)
    p = percentiles(picked)
    print(machine())
    print(f"{args.jobs} uploads queued in {queued:.2f} s; all done {total.total_seconds():.2f} s after the first "
          f"({args.jobs / total.total_seconds():.1f} jobs/s, worker concurrency {args.concurrency}); "
          f"statuses {statuses}")
    print("pickup (job row created -> a worker starts it): " + ", ".join(f"{k} {v}" for k, v in p.items()))


if __name__ == "__main__":
    main()
