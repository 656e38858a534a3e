"""Background jobs: how soon a worker takes a queued upload, and how many small uploads it ingests a second.

N uploads of one small Markdown file each are queued for acme, one transaction each, the way the API
queues them (`?background=true`: job row, staged file and job together); one `vital worker
--concurrency C` process runs them. Reported: the time from each commit to its job row turning
`running` (pickup: LISTEN/NOTIFY, else the 5 s poll), from the first commit to the last job done, and
jobs per second. Needs a prepared database with the hashing model registered:

    export VITAL_DATA_DIR=/tmp/jobs-bench/.vital VITAL_EMBEDDING_PROVIDER=hash
    vital up --no-serve && vital kb models
    .venv/bin/python bench/jobs_queue.py [--jobs 200] [--concurrency 2]
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
TEXT = "# Deviation {n}\n\nA protocol deviation in the oncology trial, site {n}, reported to the sponsor.\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=2)
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
            committed, jobs = {}, []
            started = time.perf_counter()
            for n in range(args.jobs):
                with tenant_transaction(conn, caller) as tx:
                    model = embeddings.registered(tx, embedder)
                    job, _ = Ingestor(tx, caller, settings, embedder, model).start(1, collection=run)
                    tx.execute(KNOWLEDGE("ingest.job_queued"), {"job": job})
                    ingest_later(tx, job, None, [FileInput.from_bytes(f"{run}-{n}.md", TEXT.format(n=n).encode())],
                                 domains=[], metadata={}, model=model)
                committed[job] = time.perf_counter()
                jobs.append(job)
            queued = time.perf_counter() - started
            picked: dict = {}
            while True:
                rows = conn.execute("SELECT id, status, started_at, finished_at FROM rag_ingestion_jobs "
                                    "WHERE id = ANY(%s)", (jobs,)).fetchall()
                now = time.perf_counter()
                for job, status, _, _ in rows:
                    if status != "queued" and job not in picked:
                        picked[job] = now - committed[job]
                if all(status not in ("queued", "running") for _, status, _, _ in rows):
                    break
                time.sleep(0.02)
            total = time.perf_counter() - started
            statuses = sorted({status for _, status, _, _ in rows})
        finally:
            worker.send_signal(signal.SIGINT)
            worker.wait(60)
    p = percentiles(sorted(picked.values()))
    print(machine())
    print(f"{args.jobs} uploads queued in {queued:.2f} s; all done after {total:.2f} s "
          f"({args.jobs / total:.1f} jobs/s, worker concurrency {args.concurrency}); statuses {statuses}")
    print("pickup after commit (observed by 20 ms polling): " + ", ".join(f"{k} {v}" for k, v in p.items()))


if __name__ == "__main__":
    main()
