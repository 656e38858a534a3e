"""`vital db generate`: synthetic volume for benchmarks, with a progress bar."""

from __future__ import annotations

import time

import click

from vital.cli.common import database, handles_errors, option, out, progress_bars
from vital.db.queries import Queries

SQL = Queries(__name__)


@click.command("generate")
@option("--tenants", type=int, default=1000, help="Synthetic tenants to create.")
@option("--agents-per-tenant", type=int, default=136, help="Agents per synthetic tenant.")
@option("--chunks", type=int, default=1_000_000, help="Knowledge chunks in all, spread over the tenants.")
@option("--chunks-per-document", type=int, default=20, help="Chunks per synthetic document.")
@option("--embedding-dims", type=click.Choice(["384", "1536"]), default=None,
        help="Also write random unit vectors for the platform model of this dimension (slow: HNSW upkeep).")
@option("--prefix", default="gen", help="Subdomain prefix of the synthetic tenants.")
@option("--seed", type=int, default=42, help="Random seed (same seed, same data).")
@click.pass_context
@handles_errors
def generate_cmd(ctx, tenants, agents_per_tenant, chunks, chunks_per_document, embedding_dims, prefix, seed) -> None:
    """Fill the database with realistic synthetic volume (bulk COPY, one transaction)."""
    from vital.schema.benchmark_data import Plan, generate

    plan = Plan(tenants, agents_per_tenant, chunks, chunks_per_document, prefix,
                int(embedding_dims) if embedding_dims else None, seed)
    plan.check()
    totals = {"tenants": tenants, "agents": tenants * agents_per_tenant, "chunks": chunks}
    started = time.perf_counter()
    with database(ctx) as d, d.session() as conn, progress_bars(totals) as advance:
        conn.execute(SQL("generate"))
        counts = generate(conn, plan, advance)
        conn.commit()
    out.print(", ".join(f"{v:,} {k}" for k, v in counts.items()) + f" in {time.perf_counter() - started:.1f} s")
