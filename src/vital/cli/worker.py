"""`vital worker`: background jobs (ingestion, re-embedding, expiry, resumption of workflow runs)."""

from __future__ import annotations

import logging
import os

import click

from vital.cli.common import database, handles_errors, option, out


@click.command("worker")
@option("--concurrency", type=click.IntRange(min=1), envvar="VITAL_WORKER_CONCURRENCY",
        help="Jobs this worker runs at a time  [default: 2]")
@option("--name", default="worker", help="The worker's name in the logs.")
@click.pass_context
@handles_errors
def worker(ctx, concurrency: int | None, name: str) -> None:
    """Run a worker until Ctrl-C: it takes jobs from the queue in the database (docs/operations.md)."""
    import asyncio

    from vital.jobs.worker import work
    from vital.priority import lower_session

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    with database(ctx) as d:
        lower_session(os.getpid(), d.settings.worker_nice)  # a worker in a session of its own (a service)
        out.print(f"VITAL worker '{name}' on the {'embedded' if d.server else 'external'} database (Ctrl-C stops it)")
        try:
            asyncio.run(work(d, concurrency=concurrency, name=name))
        except KeyboardInterrupt:
            pass
