"""Ingestion throughput and end-to-end search on a real corpus nobody here wrote: the PostgreSQL 15
documentation (Debian's postgresql-doc-15: `apt-get install postgresql-doc-15`).

    .venv/bin/python bench/knowledge_ingest.py [--docs /usr/share/doc/postgresql-doc-15/html] [--limit N]

Builds its own database (bench_knowledge_corpus, migrated and seeded), ingests every HTML page into
tenant acme with the configured embedder (all-MiniLM-L6-v2-int8 on onnxruntime by default) exactly as `vital kb ingest`
does (then builds the tenant's own HNSW index, as it does past 10,000 chunks), and reports chunks/s
split into parse, embed and write. Set VITAL_EMBEDDING_THREADS=0 to embed on every core, as the CLI does. Then it asks questions a user of the
documentation would ask, each with the pages that answer it (judged by hand from the manual's table of
contents), and reports hit@1, hit@5, MRR and latency per strategy, through vital.knowledge.search under
RLS as acme's user. Figures go to docs/knowledge.md and docs/measurements.md.

    .venv/bin/python bench/knowledge_ingest.py --formats

measures instead the parsing throughput of each format (parse and chunk; embedding and writing do not
depend on the format and are measured above) on files it makes: PDF text pages, PDF table pages,
scanned pages (OCR), Word paragraphs, PowerPoint slides, Excel and CSV rows (no database).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from vital.db.connection import Database
from vital.db.tenant import tenant_transaction
from vital.knowledge import embeddings, recall
from vital.knowledge import ingest as ingestion
from vital.knowledge.ingest import Ingestor, files_under
from vital.knowledge.search import SearchRequest, search
from vital.schema.migrator import Migrator, discover
from vital.schema.seed import seed
from vital.settings import load_settings
from vital.tenancy import Caller

# (question, pages that answer it)
QUESTIONS = [
    ("how do I reclaim disk space taken by deleted rows", {"routine-vacuuming.html", "sql-vacuum.html"}),
    ("what transaction isolation levels are there and how do they differ", {"transaction-iso.html"}),
    ("build an index without locking out writes to the table", {"sql-createindex.html"}),
    ("why does the database write a log before changing data files", {"wal-intro.html", "wal-reliability.html"}),
    ("set up a standby server that follows the primary", {"warm-standby.html", "high-availability.html"}),
    ("restrict which rows each user can see in a table", {"ddl-rowsecurity.html", "sql-createpolicy.html"}),
    ("operators for querying json documents", {"functions-json.html", "datatype-json.html"}),
    ("restore the database to a point in time from archived logs", {"continuous-archiving.html"}),
    ("understand the output of explain analyze", {"using-explain.html", "sql-explain.html"}),
    ("rank full text search results by relevance", {"textsearch-controls.html"}),
    ("split a large table into partitions by date range", {"ddl-partitioning.html"}),
    ("running totals with window functions", {"tutorial-window.html", "functions-window.html",
                                              "sql-expressions.html"}),
    ("prevent transaction id wraparound failure", {"routine-vacuuming.html"}),
    ("back up one database to a file", {"app-pgdump.html", "backup-dump.html"}),
    ("query tables that live on another postgres server", {"postgres-fdw.html", "ddl-foreign-data.html",
                                                            "dblink.html"}),
    ("send a notification to listening clients", {"sql-notify.html", "sql-listen.html"}),
    ("columns computed from other columns", {"ddl-generated-columns.html"}),
    ("a small index for huge tables whose rows are physically ordered", {"brin-intro.html", "brin.html"}),
    ("how many concurrent connections the server accepts", {"runtime-config-connection.html"}),
    ("replicate only some tables to another server with publications", {"logical-replication.html",
                                                                         "logical-replication-publication.html",
                                                                         "sql-createpublication.html"}),
]
STRATEGIES = ("vector", "fulltext", "hybrid", "fusion")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def format_files() -> list[tuple[str, str, int, bytes]]:
    """(file name, unit, units, bytes) of each format, made here (tests.knowledge.office_files' libraries)."""
    import csv
    import io

    import docx
    import openpyxl
    from pptx import Presentation

    from pypdf import PdfReader
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from tests.knowledge.office_files import STABILITY, scanned_pdf, table_pdf

    sentence = "The assay of batch B-{} remained within 98.0 to 102.0 percent for twelve months at 25 C."
    text_pages = io.BytesIO()
    style = getSampleStyleSheet()["Normal"]
    SimpleDocTemplate(text_pages).build([Paragraph(" ".join(sentence.format(i * 10 + j) for j in range(6)), style)
                                         for i in range(400)])
    document = docx.Document()
    for i in range(1000):
        if i % 50 == 0:
            document.add_heading(f"Section {i // 50}", level=2)
        document.add_paragraph(sentence.format(i))
    word = io.BytesIO()
    document.save(word)
    deck = Presentation()
    for i in range(100):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"Result {i}"
        slide.placeholders[1].text = sentence.format(i)
    slides = io.BytesIO()
    deck.save(slides)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Tracker")
    rows = [["Lot", "Site", "Assay (%)", "Status"]] + [[f"L-{i}", "Basel", 99.1, "released"] for i in range(20_000)]
    for row in rows:
        sheet.append(row)
    excel = io.BytesIO()
    book.save(excel)
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    tabular = table_pdf([STABILITY + STABILITY[1:] * 8] * 20)
    scans = [scanned_pdf([sentence.format(i) for i in range(20)]) for _ in range(2)]

    def pages(data: bytes) -> int:
        return len(PdfReader(io.BytesIO(data)).pages)

    return ([("text.pdf", "pages", pages(text_pages.getvalue()), text_pages.getvalue()),
             ("tables.pdf", "pages", pages(tabular), tabular),
             ("word.docx", "paragraphs", 1000, word.getvalue()), ("deck.pptx", "slides", 100, slides.getvalue()),
             ("tracker.xlsx", "rows", 20_000, excel.getvalue()), ("tracker.csv", "rows", 20_000,
                                                                   text.getvalue().encode())]
            + [(f"scan-{i}.pdf", "pages", 1, scan) for i, scan in enumerate(scans)])


def formats() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.knowledge.office_files
    from vital.knowledge.chunking import chunk
    from vital.knowledge.parse import Budget, parse

    budget = Budget(ocr_pages=10, table_cells=10_000_000, sheet_rows=1_000_000, cpu_seconds=600)
    parse("warm.pdf", format_files()[-1][3], budget=budget)  # the OCR model's load is not a page's cost
    totals: dict[str, list[float]] = {}
    for name, unit, units, data in format_files():
        started = time.perf_counter()
        parsed = parse(name, data, budget=budget)
        chunks = chunk(parsed)
        seconds = time.perf_counter() - started
        kind = name.split("-")[0] if name.startswith("scan") else name
        total = totals.setdefault(f"{kind} ({unit})", [0, 0.0, 0])
        total[0] += units
        total[1] += seconds
        total[2] += len(chunks)
    for kind, (units, seconds, chunks) in totals.items():
        print(f"{kind:24} {units:>7,} in {seconds:6.2f} s: {units / seconds:9.1f} per s ({chunks} chunks)")


def main() -> None:
    if "--formats" in sys.argv:
        return formats()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=Path("/usr/share/doc/postgresql-doc-15/html"))
    parser.add_argument("--limit", type=int, help="Only the first N files (a quick run).")
    parser.add_argument("--out", type=Path, help="Where to write the JSON report.")
    parser.add_argument("--lookahead", type=int, default=ingestion.LOOKAHEAD,
                        help="Files parsed and embedded ahead of the writes (0: one file at a time, as before).")
    args = parser.parse_args()
    if not args.docs.is_dir():
        sys.exit(f"{args.docs} not found: apt-get install postgresql-doc-15")
    settings = load_settings(database_name="bench_knowledge_corpus")
    files, skipped = files_under([args.docs])
    files = files[: args.limit] if args.limit else files
    with Database(settings) as db:
        if db.server is None:
            sys.exit("the benchmark recreates its database: run it on the embedded server (unset DATABASE_URL)")
        db.recreate()
        with db.session(autocommit=True) as conn:
            with Migrator(conn, discover(settings.migrations_dir, settings.rollbacks_dir)) as m:
                m.up()
            seed(conn, settings.seed_dir)
            embedder = embeddings.current(settings)
            with tenant_transaction(conn, Caller.service()) as c:
                model = embeddings.register(c, embedder)
            acme = conn.execute("SELECT id FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
            ada = conn.execute("SELECT id FROM auth.users WHERE email = 'ada@acme.example'").fetchone()[0]
            caller = Caller.member(acme, ada)
            log(f"ingesting {len(files)} files with {embedder.label}")
            done = [0]

            def tick(_):
                done[0] += 1
                if done[0] % 100 == 0:
                    log(f"{done[0]}/{len(files)} files")
            ingestion.LOOKAHEAD = args.lookahead
            started = time.perf_counter()
            report = Ingestor(conn, caller, settings, embedder, model).run(
                files, collection="PostgreSQL 15 documentation", on_file=tick)
            wall = time.perf_counter() - started
            t = report.timings
            ingest = {"files": len(files), "skipped_non_html": len(skipped), "status": report.status,
                      "failed": [f.name for f in report.files if f.status == "failed"], "chunks": report.chunks,
                      "model": embedder.label, "lookahead": args.lookahead, "wall_s": round(wall, 1),
                      "parse_s": round(t.parse, 1),
                      "embed_s": round(t.embed, 1), "write_s": round(t.write, 1),
                      "chunks_per_s": round(report.chunks / wall, 1),
                      "chunks_per_s_parse": round(report.chunks / t.parse, 1),
                      "chunks_per_s_embed": round(report.chunks / t.embed, 1),
                      "chunks_per_s_write": round(report.chunks / t.write, 1),
                      "bytes": sum(f.stat().st_size for f in args.docs.glob("*.html"))}
            log(json.dumps(ingest))
            for action in recall.plan(conn, settings.search_tenant_index_min_chunks, acme):  # as `vital kb ingest`
                t0 = time.perf_counter()
                recall.apply(conn, [action])
                ingest["tenant_index_build_s"] = round(time.perf_counter() - t0, 1)
                log(f"{action} in {ingest['tenant_index_build_s']} s")
            embedder.embed_query("warm up")
            timings = []
            for question, _ in QUESTIONS:
                t0 = time.perf_counter()
                embedder.embed_query(question)
                timings.append((time.perf_counter() - t0) * 1000)
            ingest["query_embedding_p50_ms"] = round(statistics.median(timings), 1)
            quality = {}
            for strategy in STRATEGIES:
                ranks, latencies = [], []
                for question, pages in QUESTIONS:
                    t0 = time.perf_counter()
                    with tenant_transaction(conn, caller) as c:
                        found = search(c, acme, SearchRequest(question, strategy, 10), settings)
                    latencies.append((time.perf_counter() - t0) * 1000)
                    refs = [r["document"]["source_ref"] for r in found["results"]]
                    ranks.append(next((i + 1 for i, ref in enumerate(refs) if ref in pages), None))
                latencies.sort()
                quality[strategy] = {
                    "hit@1": sum(r == 1 for r in ranks) / len(ranks), "hit@5": sum(bool(r and r <= 5) for r in ranks)
                    / len(ranks), "mrr@10": round(sum(1 / r for r in ranks if r) / len(ranks), 3),
                    "p50 ms": round(statistics.median(latencies), 1),
                    "p95 ms": round(latencies[int(len(latencies) * 0.95) - 1], 1), "ranks": ranks}
                log(f"{strategy}: {quality[strategy]}")
    result = {"ingest": ingest, "search": quality, "questions": len(QUESTIONS)}
    text = json.dumps(result, indent=2)
    if args.out:
        args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
