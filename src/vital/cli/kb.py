"""`vital kb ...`: ingest documents, search them, re-embed, tune per-tenant indexes, walk the graph."""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from pathlib import Path
from uuid import UUID

import click
from rich.markup import escape
from rich.table import Table

from vital.cli.common import database, err, handles_errors, option, out, settings
from vital.db.queries import Queries
from vital.errors import Conflict, InvalidInput, NotFound
from vital.knowledge.bounds import MAX_DEPTH, STRATEGIES

query = Queries("vital.knowledge")  # knowledge's named statements (src/vital/knowledge/sql/)

tenant_option = option("--tenant", "subdomain", required=True, envvar="VITAL_TENANT",
                       help="Tenant subdomain (platform = the shared library).")
user_option = option("--user", "email", envvar="VITAL_USER",
                     help="Act as this member (e-mail): documents restricted to others stay hidden.")
json_option = option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
# A batch job may use every core; a server keeps VITAL_EMBEDDING_THREADS (1) for its queries.
threads_option = option("--threads", type=click.IntRange(0, 256), default=0,
                        help="CPU threads of the local embedding model (0 = all cores).")


@click.group()
def kb() -> None:
    """Knowledge base: ingestion, search (vector, full text, hybrid, graph), embeddings."""


@contextmanager
def _tenant(ctx, subdomain: str, email: str | None):
    """An owner connection (autocommit), the tenant's user as a Caller (RLS applies in tenant_transaction),
    and the tenant's id.

    Rule.SERVING: these commands act *as a member* of the tenant, writing into its knowledge (ingest,
    re-embed, feedback, the search log) the way the API would; a suspended tenant's members get nothing
    from the API, so an operator does not feed or query its knowledge here either, and an erased
    tenant (suspended and deleted: its tombstone) must never receive rows again."""
    from vital.db.rows import one
    from vital.tenancy import Caller, Rule, find_tenant

    with database(ctx) as d, d.session(autocommit=True) as conn:
        tenant = find_tenant(conn, subdomain, rule=Rule.SERVING).id
        user = None
        if email:
            found = one(conn, query("ingest.user_by_email"), {"email": email, "tenant": tenant})
            if found is None:
                raise NotFound(f"{email} is not a member of '{subdomain}'.")
            user = found["id"]
        yield conn, Caller.member(tenant, user, subdomain=subdomain), tenant


def _model(conn, s):
    from vital.db.tenant import tenant_transaction
    from vital.knowledge import embeddings
    from vital.tenancy import Caller

    embedder = embeddings.current(s)
    with tenant_transaction(conn, Caller.service()) as c:
        return embedder, embeddings.register(c, embedder)


def _pairs(values: tuple[str, ...], what: str) -> dict:
    pairs = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key:
            raise InvalidInput(f"{what} '{value}' is not KEY=VALUE.")
        pairs[key] = val
    return pairs


@kb.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@tenant_option
@option("--collection", envvar="VITAL_COLLECTION", help="Collection (name or slug; created if missing).")
@option("--domain", "domains", multiple=True, help="Knowledge domain slug (repeatable; the first is primary).")
@option("--meta", multiple=True, help="Document metadata KEY=VALUE (repeatable).")
@user_option
@option("--no-graph", is_flag=True, help="Skip entity extraction into the knowledge graph.")
@option("--tune/--no-tune", default=True, help="Build the tenant's own HNSW index if it has grown enough.")
@threads_option
@json_option
@click.pass_context
@handles_errors
def ingest_cmd(ctx, paths, subdomain, collection, domains, meta, email, no_graph, tune, threads, as_json) -> None:
    """Ingest files and folders (text, Markdown, HTML, PDF, Word, PowerPoint, Excel, CSV) into a tenant's
    knowledge base."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from vital.knowledge.ingest import Ingestor, files_under

    s = settings(ctx).model_copy(update={"embedding_threads": threads})
    files, skipped = files_under(paths)
    if not files:
        raise InvalidInput("No supported files (.txt, .md, .html, .pdf, .docx, .pptx, .xlsx, .csv) under the "
                           "given paths.")
    with _tenant(ctx, subdomain, email) as (conn, caller, tenant):
        embedder, model = _model(conn, s)
        err.print(f"[dim]embedding with {escape(embedder.label)}[/dim]")
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, disable=as_json) as bar:
            task = bar.add_task("ingesting", total=len(files))
            report = Ingestor(conn, caller, s, embedder, model).run(
                files, collection=collection, domains=list(domains), metadata=_pairs(meta, "--meta"),
                on_file=lambda _: bar.advance(task), extract_graph=not no_graph)
        if tune:
            _tune(conn, s, tenant, quiet=as_json)
    if as_json:
        out.print_json(json.dumps({**report.as_dict(), "skipped": [str(p) for p in skipped]}))
        return
    counts: dict[str, int] = {}
    for f in report.files:
        counts[f.status] = counts.get(f.status, 0) + 1
    for f in report.files:
        if f.status == "failed":
            err.print(f"[red]failed[/red] {escape(f.name)}: {escape(f.error['message'])}")
        if f.skipped_pages:
            err.print(f"[yellow]pages skipped[/yellow] {escape(f.name)}: "
                      + ", ".join(f"p. {p['page']} ({escape(p['reason'])})" for p in f.skipped_pages))
    t = report.timings
    out.print(f"job {report.job_id}: {report.status} — {', '.join(f'{n} {k}' for k, n in sorted(counts.items()))}; "
              f"{report.chunks:,} chunks (parse {t.parse:.1f} s, embed {t.embed:.1f} s, write {t.write:.1f} s)"
              + (f"; {len(skipped)} unsupported file(s) skipped" if skipped else ""))
    if report.status == "failed":
        ctx.exit(1)


@kb.command("search")
@click.argument("text")
@tenant_option
@option("--strategy", type=click.Choice(STRATEGIES), default="hybrid", help="How to search.")
@option("-k", "--limit", "k", type=click.IntRange(1, 100), default=10, help="Results to return.")
@option("--collection", "collections", multiple=True, help="Only this collection (slug; repeatable).")
@option("--domain", "domains", multiple=True, help="Only documents of this knowledge domain (slug; repeatable).")
@option("--meta", multiple=True, help="Only documents whose metadata has KEY=VALUE (repeatable).")
@option("--weight", "weights", multiple=True, help="List weight for fusion, e.g. vector=1 fulltext=0.5 graph=0.5.")
@user_option
@json_option
@click.pass_context
@handles_errors
def search_cmd(ctx, text, subdomain, strategy, k, collections, domains, meta, weights, email, as_json) -> None:
    """Search a tenant's knowledge (its own documents and the platform library) with citations."""
    from vital.db.tenant import tenant_transaction
    from vital.knowledge.search import SearchRequest, search

    try:
        weight_map = {key: float(v) for key, v in _pairs(weights, "--weight").items()}
    except ValueError as exc:
        raise InvalidInput("--weight values must be numbers.") from exc
    request = SearchRequest(text, strategy, k, list(collections), list(domains), _pairs(meta, "--meta"), weight_map)
    with _tenant(ctx, subdomain, email) as (conn, caller, tenant):
        with tenant_transaction(conn, caller) as c:
            found = search(c, tenant, request, settings(ctx))
    if as_json:
        out.print_json(json.dumps(found, default=str))
        return
    model = found["embedding"]
    note = " [yellow](hashing fallback: not semantic)[/yellow]" if model["fallback"] else ""
    out.print(f"[dim]{found['count']} result(s), {found['strategy']} in {found['latency_ms']} ms, "
              f"search {found['search_id']}{note}[/dim]")
    for r in found["results"]:
        snippet = escape(r["snippet"]).replace("<mark>", "[bold yellow]").replace("</mark>", "[/bold yellow]")
        library = " [cyan](library)[/cyan]" if r["document"]["library"] else ""
        out.print(f"\n[bold]{r['rank']}.[/bold] {escape(r['citation'])}{library}  [dim]score {r['score']:.4f}[/dim]")
        out.print(f"   {snippet}")


@kb.command("feedback")
@click.argument("search_id", type=click.UUID)
@tenant_option
@option("--chunk", type=click.UUID, help="The judged hit (chunk id); omit to judge the whole list.")
@option("--rating", type=click.IntRange(1, 5), help="Usefulness 1-5.")
@option("--relevant/--not-relevant", default=None, help="Binary relevance.")
@option("--comment", help="Free text.")
@user_option
@click.pass_context
@handles_errors
def feedback_cmd(ctx, search_id, subdomain, chunk, rating, relevant, comment, email) -> None:
    """Record a judgement on a search result (search_feedback)."""
    from vital.db.tenant import tenant_transaction
    from vital.knowledge.search import feedback

    with _tenant(ctx, subdomain, email) as (conn, caller, _):
        with tenant_transaction(conn, caller) as c:
            fid = feedback(c, search_id, chunk_id=chunk, rating=rating, relevant=relevant, comment=comment)
    out.print(f"feedback {fid} recorded")


@kb.command("reembed")
@tenant_option
@option("--batch", type=click.IntRange(1, 10_000), default=256, help="Chunks per batch (one UPDATE each).")
@threads_option
@click.pass_context
@handles_errors
def reembed_cmd(ctx, subdomain, batch, threads) -> None:
    """Re-embed a tenant's chunks with the configured model; search keeps working meanwhile."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from vital.knowledge.reembed import reembed

    s = settings(ctx).model_copy(update={"embedding_threads": threads})
    with _tenant(ctx, subdomain, None) as (conn, caller, tenant):
        embedder, model = _model(conn, s)
        with Progress(TextColumn("re-embedding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err) as bar:
            task = bar.add_task("", total=None)
            result = reembed(conn, caller, embedder, model, batch=batch,
                             progress=lambda done, total: bar.update(task, completed=done, total=total))
        _tune(conn, s, tenant)
    out.print(f"job {result['job_id']}: {result['status']}, {result['chunks']:,} chunks now on {embedder.label}")


@kb.command("reparse")
@tenant_option
@option("--document", type=click.UUID, help="Only this document (its id).")
@option("--all", "every", is_flag=True, help="Every document of the tenant.")
@option("--wait", is_flag=True, help="Follow the job to its end (a worker runs it: `vital up` or `vital worker`).")
@click.pass_context
@handles_errors
def reparse_cmd(ctx, subdomain, document, every, wait) -> None:
    """Re-parse documents from their stored originals with today's parsers (tables, OCR, locations), in a
    background job: same document ids, a new version when the text changed, chunks and vectors replaced."""
    from vital.db.tenant import tenant_transaction
    from vital.jobs import enqueue as jobs
    from vital.knowledge import reparse

    if bool(document) == every:
        raise InvalidInput("Name one document (--document ID) or all of them (--all).")
    s = settings(ctx)
    with _tenant(ctx, subdomain, None) as (conn, caller, _):
        embedder, model = _model(conn, s)
        with tenant_transaction(conn, caller) as c:
            found = reparse.candidates(c, document)
            if document and not found:
                raise NotFound(f"No document {document} in '{subdomain}'.",
                               hint="`vital kb search` or GET /rest/v1/rag_documents show the documents' ids.")
            ready = [r["id"] for r in found if r["has_original"]]
            job = None
            if ready:
                job = reparse.start(c, model, len(ready))
                jobs.reparse_later(c, job, ready, model)
        for row in found:
            if not row["has_original"]:
                note = reparse.no_original(row)
                err.print(f"[yellow]no stored original[/yellow] {escape(row['source_ref'])} ({row['id']}): "
                          f"{escape(note['message'])} {escape(note['hint'])}")
        if job is None:
            if document:
                raise Conflict("Nothing to re-parse: the document has no stored original.")
            out.print("nothing to re-parse")
            return
        out.print(f"job {job}: queued, {len(ready)} document(s) to re-parse"
                  + (f"; {len(found) - len(ready)} without a stored original left alone" if len(found) > len(ready)
                     else ""))
        if wait:
            finished = _follow(conn, caller, job)
            for note in finished["errors"]:
                if note.get("code") != reparse.NO_ORIGINAL:
                    err.print(f"[yellow]{escape(note['code'])}[/yellow] {escape(note['item'])}: "
                              f"{escape(note['message'])}")
            out.print(f"job {job}: {finished['status']} — {finished['items_done']} re-parsed, "
                      f"{finished['items_failed']} failed")
            if finished["status"] == "failed":
                ctx.exit(1)


def _follow(conn, caller, job, poll: float = 0.3) -> dict:
    """The job row once it has ended, with a progress bar meanwhile."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from vital.db.rows import one
    from vital.db.tenant import tenant_transaction

    err.print("[dim]waiting for a worker (`vital up` or `vital worker`) to run it[/dim]")
    with Progress(TextColumn("re-parsing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err) as bar:
        task = bar.add_task("", total=None)
        while True:
            with tenant_transaction(conn, caller, read_only=True) as c:
                row = one(c, query("ingest.job_get"), {"job": job})
            bar.update(task, completed=row["items_done"] + row["items_failed"], total=row["items_total"])
            if row["status"] not in ("queued", "running"):
                return row
            time.sleep(poll)


@kb.command("tune")
@option("--tenant", "subdomain", envvar="VITAL_TENANT", help="Only this tenant  [default: every tenant]")
@option("--dry-run", is_flag=True, help="Show what would be built or dropped.")
@click.pass_context
@handles_errors
def tune_cmd(ctx, subdomain, dry_run) -> None:
    """Build (or drop) per-tenant HNSW indexes by partition size, CONCURRENTLY."""
    from vital.tenancy import Rule, find_tenant

    s = settings(ctx)
    with database(ctx) as d, d.session(autocommit=True) as conn:
        # Rule.OPERATING: index upkeep is an operator's work on the tenant's partition, whatever its status.
        tenant = find_tenant(conn, subdomain, rule=Rule.OPERATING).id if subdomain else None
        _tune(conn, s, tenant, dry_run=dry_run)


def _tune(conn, s, tenant: UUID | None, *, dry_run: bool = False, quiet: bool = False) -> None:
    from vital.knowledge import recall

    actions = recall.plan(conn, s.search_tenant_index_min_chunks, tenant)
    for action in actions:
        if not quiet:
            err.print(f"[dim]{'would ' if dry_run else ''}{action}[/dim]")
    if actions and not dry_run:
        recall.apply(conn, actions)
    if not actions and not quiet:
        err.print(f"[dim]per-tenant indexes up to date (threshold {s.search_tenant_index_min_chunks:,} vectors)[/dim]")


@kb.command("jobs")
@tenant_option
@option("--limit", type=click.IntRange(1, 1000), default=20, help="Most recent jobs to show.")
@json_option
@click.pass_context
@handles_errors
def jobs_cmd(ctx, subdomain, limit, as_json) -> None:
    """Ingestion and embedding jobs of a tenant, newest first."""
    from vital.db.rows import many
    from vital.db.tenant import tenant_transaction

    with _tenant(ctx, subdomain, None) as (conn, caller, _):
        with tenant_transaction(conn, caller, read_only=True) as c:
            rows = many(c, query("ingest.jobs_recent"), {"limit": limit})
    if as_json:
        keys = ("id", "kind", "status", "items_total", "items_done", "items_failed", "progress", "errors")
        out.print_json(json.dumps([{k: r[k] for k in keys} for r in rows], default=str))
        return
    table = Table("job", "kind", "status", "done/total", "failed", "finished")
    for r in rows:
        table.add_row(str(r["id"]), r["kind"], r["status"], f"{r['items_done']}/{r['items_total']}",
                      str(r["items_failed"]), str(r["finished_at"] or ""))
    out.print(table)


@kb.command("graph")
@click.argument("text")
@tenant_option
@option("--depth", type=click.IntRange(1, MAX_DEPTH), default=2, help="Hops to walk from the best match.")
@json_option
@click.pass_context
@handles_errors
def graph_cmd(ctx, text, subdomain, depth, as_json) -> None:
    """Find the graph nodes a text names and show the neighbourhood of the best one."""
    from vital.db.tenant import tenant_transaction
    from vital.knowledge import graph

    with _tenant(ctx, subdomain, None) as (conn, caller, _):
        with tenant_transaction(conn, caller, read_only=True) as c:
            nodes = graph.find_nodes(c, text, limit=5)
            around = graph.neighbourhood(c, UUID(nodes[0]["id"]), depth) if nodes else None
    if as_json:
        out.print_json(json.dumps({"matches": nodes, "neighbourhood": around}))
        return
    if not nodes:
        out.print("no node matches")
        return
    out.print("matches: " + ", ".join(f"{n['name']} ({n['kind']})" for n in nodes))
    for n in around["neighbours"]:
        out.print(f"  {'  ' * (n['depth'] - 1)}-{n['relation']}→ {escape(n['node']['name'])} "
                  f"[dim]({n['node']['kind']}, strength {n['strength']})[/dim]")


@kb.command("models")
@click.pass_context
@handles_errors
def models_cmd(ctx) -> None:
    """Register the configured embedding model (builds its indexes) and show it."""
    with database(ctx) as d, d.session(autocommit=True) as conn:
        embedder, model = _model(conn, settings(ctx))
    out.print(f"{embedder.label}: model {model.id}; semantic: {embedder.semantic}")
