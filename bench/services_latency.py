"""Benchmark of Ask Expert modes 1 and 2 on the offline (extractive) answerer.

p50/p95 of the time to the first token and to the full answer (stored, with its
citations), split into retrieval, agent selection (mode 2) and generation, for
each retrieval configuration (services_retrieval = knowledge: the knowledge
library's hybrid search over vectors made at ingestion, by the local model when
installed; and fulltext: the any-word full-text search alone). Runs in-process
through the services layer, as the API's handlers do, on a database of its own:
`vital_bench_services` on the embedded server, dropped and re-created, migrated,
seeded, and given a synthetic corpus through `vital kb ingest`; or --database-url
(an empty scratch database).

    .venv/bin/python bench/services_latency.py [--questions 200] [--documents 200]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool

from vital.db.connection import SESSION_OPTIONS, Database, with_user
from vital.db.tenant import Source, tenant_transaction
from vital.schema.migrator import Migrator, discover
from vital.schema.seed import seed
from vital.services.ask_expert.service import AskExpert
from vital.settings import load_settings
from vital.tenancy import Caller

TOPICS = {
    "sample size": ("non-inferiority margin", "event rate", "statistical power", "one-sided alpha", "dropout rate"),
    "GMP inspection": ("mock inspection", "CAPA closure", "batch record review", "deviation trending", "front room"),
    "HIPAA breach": ("breach notification", "protected health information", "HHS Secretary", "media notice",
                     "risk assessment"),
    "safety signals": ("disproportionality analysis", "MedDRA preferred term", "reporting odds ratio",
                       "case narrative review", "signal validation"),
    "payer value": ("budget impact model", "cost-effectiveness ratio", "payer dossier", "price negotiation",
                    "health technology assessment"),
}
VERBS = ("depends on", "is documented in", "requires", "is reviewed against", "is justified by", "limits")
QUESTIONS = [
    "How do we justify the {a} of a trial and its {b}?",
    "What does the {a} require before the {b}?",
    "Who reviews the {a}, and how is the {b} documented?",
]


def write_corpus(folder: Path, documents: int, rng: random.Random) -> None:
    """Documents of ten paragraphs each, on the topics the questions ask about."""
    for d in range(documents):
        topic = rng.choice(list(TOPICS))
        terms = TOPICS[topic]
        paragraphs = [" ".join(f"The {rng.choice(terms)} {rng.choice(VERBS)} the {rng.choice(terms)} in {topic} work "
                               f"(section {rng.randint(1, 40)})." for _ in range(4)) for _ in range(10)]
        (folder / f"bench-{d:04d}.md").write_text(f"# {topic} note {d}\n\n" + "\n\n".join(paragraphs))


def prepare(url: str, documents: int) -> str:
    """Migrate, seed and ingest the corpus into acme; a summary line."""
    with psycopg.connect(url, autocommit=True, options=SESSION_OPTIONS) as conn:
        with Migrator(conn, discover(*_dirs())) as m:
            m.up()
        seed(conn, load_settings().seed_dir)
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), documents, random.Random(7))
        env = {**os.environ, "VITAL_DATABASE_URL": url}
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "vital", "kb", "ingest", tmp, "--tenant", "acme", "--collection",
                        "bench", "--no-graph"], env=env, check=True, stdout=subprocess.DEVNULL)
        took = time.perf_counter() - started
    return f"{describe(url)}, ingested in {took:.0f} s"


def describe(url: str) -> str:
    with psycopg.connect(url) as conn:
        chunks, vectors, model = conn.execute(
            "SELECT count(*), count(c.embedding), max(m.name) FROM rag_knowledge_chunks c JOIN tenants t "
            "ON t.id = c.tenant_id LEFT JOIN embedding_models m ON m.id = c.embedding_model_id "
            "WHERE t.subdomain = 'acme'").fetchone()
    return f"{chunks} chunks in acme ({vectors} with vectors by {model})"


def _dirs():
    s = load_settings()
    return s.migrations_dir, s.rollbacks_dir


def run(source: Source, caller: Caller, settings, mode: int, questions: list[str]) -> list[dict]:
    service = AskExpert(source, caller, settings)
    agent = None
    if mode == 1:
        with tenant_transaction(source, caller, read_only=True) as conn:
            agent = str(conn.execute("SELECT id FROM agents WHERE slug = 'biostatistician' ORDER BY tenant_id "
                                     "LIMIT 1").fetchone()[0])
    session = service.create(mode=mode, query=questions[0], agent_id=agent)["id"]
    samples = []
    for question in questions:
        started = time.perf_counter()
        first = None
        for event in service.ask_stream(session, question):
            if event["event"] == "delta" and first is None:
                first = time.perf_counter() - started
            if event["event"] == "done":
                timings = event["data"]["metadata"]["timings"]
        samples.append({"first_token": first * 1000, "answer": (time.perf_counter() - started) * 1000,
                        "retrieval": timings["retrieval_ms"], "selection": timings.get("selection_ms", 0.0),
                        "generation": timings["generation_ms"]})
    return samples


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", help="An empty scratch database (default: vital_bench_services, embedded).")
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--documents", type=int, default=200, help="Ten paragraphs each.")
    parser.add_argument("--reuse", action="store_true", help="Keep the corpus of the previous run (no ingestion).")
    args = parser.parse_args()
    base = load_settings()
    rng = random.Random(11)
    questions = []
    for _ in range(args.questions):
        terms = TOPICS[rng.choice(list(TOPICS))]
        a, b = rng.sample(terms, 2)
        questions.append(rng.choice(QUESTIONS).format(a=a, b=b))
    with Database(base) as db:
        url = args.database_url
        if url is None and not args.reuse:
            with psycopg.connect(db.admin_url, autocommit=True) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS vital_bench_services WITH (FORCE)"))
                admin.execute(sql.SQL("CREATE DATABASE vital_bench_services"))
        url = url or db.server.url("vital_bench_services")
        corpus = describe(url) if args.reuse else prepare(url, args.documents)
        with psycopg.connect(url) as owner:
            tenant, user = owner.execute("SELECT t.id, u.id FROM tenants t, auth.users u WHERE t.subdomain = 'acme' "
                                         "AND u.email = 'ada@acme.example'").fetchone()
            owner.execute("UPDATE tenants SET settings = settings || '{\"limits\": {\"sessions_per_day\": 100000, "
                          "\"tokens_per_day\": 1000000000}}' WHERE id = %s", (tenant,))
            owner.commit()
        pool = ConnectionPool(with_user(url, base.api_role), min_size=2, max_size=4, open=True,
                              kwargs={"options": SESSION_OPTIONS, "autocommit": True})
        caller = Caller.member(tenant, user)
        print(f"machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
              f"{platform.processor() or platform.machine()}, load {os.getloadavg()[0]:.1f}; corpus: {corpus}; "
              f"{args.questions} questions per row (after 5 warm-up questions)\n")
        print("| retrieval | mode | first token p50 / p95 ms | full answer p50 / p95 ms | retrieval p50 / p95 ms "
              "| agent selection p50 / p95 ms | generation p50 / p95 ms |")
        print("|---|---|---|---|---|---|---|")
        for retrieval in ("knowledge", "fulltext"):
            settings = base.model_copy(update={"services_retrieval": retrieval})
            for mode in (1, 2):
                run(pool, caller, settings, mode, questions[:5])  # warm-up: models, plans, caches
                samples = run(pool, caller, settings, mode, questions)
                cells = [f"{pct([s[k] for s in samples], 0.5):.1f} / {pct([s[k] for s in samples], 0.95):.1f}"
                         for k in ("first_token", "answer", "retrieval", "selection", "generation")]
                if mode == 1:
                    cells[3] = "-"
                print(f"| {retrieval} | {mode} | " + " | ".join(cells) + " |")
        pool.close()


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
