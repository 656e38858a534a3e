"""Recall@10 and latency of vector search, unfiltered and tenant-filtered, at 100k and 1M chunks.

Run by hand (figures go to docs/knowledge.md and docs/measurements.md):

    .venv/bin/python bench/knowledge_recall.py load --scale 1m
    .venv/bin/python bench/knowledge_recall.py measure --scale 1m [--queries 100]
    .venv/bin/python bench/knowledge_recall.py reindex-shared --scale 1m --ef-construction 200

`load` builds its own database (bench_knowledge_<scale>) in the configured
cluster (the embedded one unless DATABASE_URL is set): migrations, seed,
synthetic tenants of very different sizes, and synthetic *clustered* 384-dim
unit vectors (50 themes > 1,000 topics > 16 subtopics (offset 0.6), plus Gaussian noise (0.8); each tenant
draws from its own random subset of topics), written by binary COPY with the
HNSW index dropped, then the shared index and `vital kb tune`'s per-tenant
indexes built. Vectors are kept in .npy files beside the data dir so that
`measure` can compute the exact answer with numpy.

`measure` draws fresh query vectors from each tenant's topics and compares, per
tenant size, the naive query under RLS (shared index, with and without
iterative scans), the exact path, and VITAL's search (vital.knowledge.search,
strategy vector: exact below the threshold, per-tenant HNSW above it) with
the exact top 10 over what the tenant may read (its chunks and the platform's).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

import numpy as np
from pgvector.psycopg import register_vector
from psycopg import sql

from vital.db.connection import Database
from vital.db.tenant import tenant_transaction
from vital.knowledge import recall
from vital.knowledge.embeddings import ModelRef
from vital.knowledge.search import PLATFORM, SearchRequest, search
from vital.schema.migrator import Migrator, discover
from vital.schema.seed import seed
from vital.settings import load_settings
from vital.tenancy import Caller

DIMS = 384
THEMES, TOPICS, SUBTOPICS = 50, 1000, 16
SCALES = {  # (chunks per tenant, how many tenants); the platform library is searched by every tenant
    "smoke": {"platform": 500, "tenants": [(5_000, 1), (1_000, 3), (100, 10)]},
    "100k": {"platform": 1_000, "tenants": [(50_000, 1), (10_000, 2), (1_000, 20), (100, 100)]},
    "1m": {"platform": 10_000, "tenants": [(1_000_000, 1), (100_000, 1), (10_000, 5), (1_000, 50), (100, 100)]},
}
MODEL_NAME = "bench-synthetic-clustered-384"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Space:
    """The synthetic embedding space: topic centres and subtopic offsets, fixed by the seed."""

    def __init__(self, seed: int = 7):
        rng = np.random.default_rng(seed)
        # Topics share themes (so neighbourhoods form a continuum, as real embeddings do, not islands).
        themes = _unit(rng.standard_normal((THEMES, DIMS)))
        self.centres = _unit(themes[rng.integers(0, THEMES, TOPICS)] + _unit(rng.standard_normal((TOPICS, DIMS))))
        self.offsets = rng.standard_normal((TOPICS, SUBTOPICS, DIMS)) * (0.6 / np.sqrt(DIMS))

    def draw(self, rng: np.random.Generator, topics: np.ndarray, n: int) -> np.ndarray:
        t = rng.choice(topics, n)
        s = rng.integers(0, SUBTOPICS, n)
        noise = rng.standard_normal((n, DIMS)) * (0.8 / np.sqrt(DIMS))
        return _unit(self.centres[t] + self.offsets[t, s] + noise).astype(np.float32)


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _settings(scale: str):
    return load_settings(database_name=f"bench_knowledge_{scale}")


def _store(settings, scale: str) -> Path:
    path = Path(settings.data_dir).resolve() / f"bench_knowledge_{scale}"
    path.mkdir(parents=True, exist_ok=True)
    return path


# -- load --------------------------------------------------------------------------
def load(scale: str, memory: str) -> None:
    settings = _settings(scale)
    store = _store(settings, scale)
    spec = SCALES[scale]
    with Database(settings) as db:
        if db.server is None:
            sys.exit("load needs the embedded server (it recreates its database); unset DATABASE_URL.")
        db.recreate()
        with db.session(autocommit=True) as conn:
            with Migrator(conn, discover(settings.migrations_dir, settings.rollbacks_dir)) as m:
                m.up()
            seed(conn, settings.seed_dir)
            register_vector(conn)
            model = conn.execute(
                "INSERT INTO embedding_models (tenant_id, provider, name, dimensions, settings) VALUES "
                "(vital.platform_tenant_id(), 'local', %s, %s, '{\"synthetic\": true}') RETURNING id",
                (MODEL_NAME, DIMS)).fetchone()[0]
            shared = f"rag_knowledge_chunks_hnsw_{model.hex}"
            conn.execute(sql.SQL("DROP INDEX public.{}").format(sql.Identifier(shared)))  # rebuilt after the load
            space, rng = Space(), np.random.default_rng(11)
            manifest = {"model": str(model), "dims": DIMS, "tenants": []}
            plan = [("platform", PLATFORM, spec["platform"])]
            for size, count in spec["tenants"]:
                for i in range(count):
                    plan.append((f"bench-{size}-{i:03d}", uuid.UUID(int=int(rng.integers(1, 2**62)) << 64 | i), size))
            started = time.perf_counter()
            for sub, tid, size in plan:
                topics = rng.choice(TOPICS, size=int(np.clip(size // 500, 5, 400)), replace=False)
                if tid != PLATFORM:
                    conn.execute("INSERT INTO tenants (id, name, subdomain, tier) VALUES (%s, %s, %s, 'enterprise')",
                                 (tid, f"Bench {sub}", sub))
                ids = _copy_tenant(conn, tid, model, space.draw(rng, topics, size), store / f"{sub}.npy")
                manifest["tenants"].append({"subdomain": sub, "id": str(tid), "size": size,
                                            "topics": topics.tolist(), "ids": str(ids.name)})
                log(f"{sub}: {size:,} chunks ({time.perf_counter() - started:.0f} s)")
            (store / "manifest.json").write_text(json.dumps(manifest))
            conn.execute(sql.SQL("SET maintenance_work_mem = {}").format(sql.Literal(memory)))
            conn.execute("SET max_parallel_maintenance_workers = 1")
            t = time.perf_counter()
            conn.execute("SELECT vital.ensure_embedding_indexes(%s)", (model,))
            manifest["shared_index_build_s"] = round(time.perf_counter() - t, 1)
            log(f"shared HNSW index built in {manifest['shared_index_build_s']} s")
            conn.execute("VACUUM ANALYZE rag_knowledge_chunks")
            conn.execute("VACUUM ANALYZE rag_documents")
            builds = {}
            for action in recall.plan(conn, settings.search_tenant_index_min_chunks):
                t = time.perf_counter()
                recall.apply(conn, [action], memory=memory)
                builds[str(action.partition.tenant_id)] = round(time.perf_counter() - t, 1)
                log(f"{action} in {builds[str(action.partition.tenant_id)]} s")
            manifest["tenant_index_build_s"] = builds
            manifest["table_bytes"] = conn.execute("SELECT pg_total_relation_size('rag_knowledge_chunks')").fetchone()[0]
            (store / "manifest.json").write_text(json.dumps(manifest))
    log("done")


def _copy_tenant(conn, tenant, model, vectors: np.ndarray, path: Path) -> Path:
    n = len(vectors)
    ids = np.frombuffer(b"".join(uuid.uuid4().bytes for _ in range(n)), dtype=np.uint8).reshape(n, 16)
    docs = [uuid.uuid4() for _ in range(-(-n // 100))]
    with conn.transaction():
        with conn.cursor().copy("COPY rag_documents (id, tenant_id, title, content_hash, status, metadata) "
                                "FROM STDIN") as copy:
            for i, d in enumerate(docs):
                copy.write_row((d, tenant, f"Synthetic document {i}", hashlib.sha256(d.bytes).hexdigest(), "ready",
                                '{"synthetic": true}'))
        with conn.cursor().copy("COPY rag_knowledge_chunks (id, tenant_id, document_id, chunk_index, chunk_text, "
                                "embedding, embedding_model_tenant_id, embedding_model_id) FROM STDIN "
                                "(FORMAT BINARY)") as copy:
            copy.set_types(["uuid", "uuid", "uuid", "int4", "text", "vector", "uuid", "uuid"])
            for i in range(n):
                copy.write_row((uuid.UUID(bytes=ids[i].tobytes()), tenant, docs[i // 100], i % 100,
                                f"synthetic chunk {i}", vectors[i], PLATFORM, model))
    np.save(path, vectors)
    np.save(path.with_suffix(".ids.npy"), ids)
    return path


# -- measure -----------------------------------------------------------------------
NAIVE = ("SELECT c.id FROM rag_knowledge_chunks c WHERE c.embedding_model_id = {model} "
         "ORDER BY c.embedding::extensions.vector(384) <=> %(q)s::extensions.vector(384) LIMIT 10")


def measure(scale: str, queries: int, out: Path | None) -> None:
    settings = _settings(scale)
    store = _store(settings, scale)
    manifest = json.loads((store / "manifest.json").read_text())
    model_id = uuid.UUID(manifest["model"])
    model = ModelRef(PLATFORM, model_id, "local", MODEL_NAME, DIMS)
    tenants = manifest["tenants"]
    vectors = {t["subdomain"]: np.load(store / f"{t['subdomain']}.npy") for t in tenants}
    ids = {t["subdomain"]: np.load(store / f"{t['subdomain']}.ids.npy") for t in tenants}
    space, rng = Space(), np.random.default_rng(23)
    report = {"scale": scale, "dims": DIMS, "queries_per_size": queries, "manifest": {
        k: v for k, v in manifest.items() if k != "tenants"}, "sizes": {}, "unfiltered": {}}
    report["load_average_before"] = os.getloadavg()
    with Database(settings) as db, db.session(autocommit=True) as conn:
        report["server"] = conn.execute("SELECT version(), (SELECT extversion FROM pg_extension "
                                        "WHERE extname = 'vector'), current_setting('shared_buffers')").fetchone()
        naive = sql.SQL(NAIVE).format(model=sql.Literal(str(model_id)))
        for size in sorted({t["size"] for t in tenants if t["subdomain"] != "platform"}):
            group = [t for t in tenants if t["size"] == size and t["subdomain"] != "platform"]
            runs = []
            for qi in range(queries):
                t = group[qi % len(group)]
                q = space.draw(rng, np.array(t["topics"]), 1)[0]
                truth = _exact_top(q, [vectors[t["subdomain"]], vectors["platform"]],
                                   [ids[t["subdomain"]], ids["platform"]])
                runs.append((uuid.UUID(t["id"]), q, truth))
            methods = {
                "naive ef40 (pgvector defaults)": lambda c, tid, q: _naive(c, tid, naive, q, 40, "off"),
                "naive ef100 relaxed_order": lambda c, tid, q: _naive(c, tid, naive, q, 100, "relaxed_order"),
                "naive ef100 strict_order": lambda c, tid, q: _naive(c, tid, naive, q, 100, "strict_order"),
                f"VITAL search (ef {settings.search_ef_search})": lambda c, tid, q: _vital(
                    c, tid, q, model, settings, ef=settings.search_ef_search),
            }
            if size >= settings.search_tenant_index_min_chunks:  # the per-tenant index path: how ef matters
                for ef in (40, 100):
                    methods[f"VITAL search (ef {ef})"] = lambda c, tid, q, ef=ef: _vital(c, tid, q, model, settings,
                                                                                        ef=ef)
            for tid, q, _ in runs:  # warm: every method then finds the tenants' pages in shared buffers
                _vital(conn, tid, q, model, settings, ef=settings.search_ef_search)
                _naive(conn, tid, naive, q, 40, "off")
            for name, method in methods.items():
                report["sizes"].setdefault(str(size), {})[name] = _run(conn, runs, method)
                log(f"size {size:,}: {name}: {report['sizes'][str(size)][name]}")
            exact_runs = runs if size < 1_000_000 else runs[:10]
            report["sizes"][str(size)]["exact (forced)"] = _run(conn, exact_runs, lambda c, tid, q: _vital(
                c, tid, q, model, settings, ef=settings.search_ef_search, force_exact=True))
            log(f"size {size:,}: exact: {report['sizes'][str(size)]['exact (forced)']}")
        everything = np.concatenate(list(vectors.values()))
        every_id = np.concatenate(list(ids.values()))
        runs = []
        for qi in range(queries):
            t = tenants[rng.integers(len(tenants))]
            q = space.draw(rng, np.array(t["topics"]), 1)[0]
            runs.append((None, q, _exact_top(q, [everything], [every_id])))
        for ef in (40, 100, 200):
            report["unfiltered"][f"ef {ef}"] = _run(conn, runs, lambda c, tid, q: _unfiltered(c, naive, q, ef))
            log(f"unfiltered ef {ef}: {report['unfiltered'][f'ef {ef}']}")
    report["load_average_after"] = os.getloadavg()
    text = json.dumps(report, indent=2, default=str)
    (out or store / "report.json").write_text(text)
    print(text)


def _exact_top(q, blocks, idblocks, k=10) -> set[bytes]:
    scores = np.concatenate([b @ q for b in blocks])
    top = np.argpartition(-scores, k)[:k]
    every = np.concatenate(idblocks)
    return {every[i].tobytes() for i in top}


def _run(conn, runs, method) -> dict:
    method(conn, runs[0][0], runs[0][1])  # warm the caches and the code paths
    recalls, latencies, counts = [], [], []
    for tid, q, truth in runs:
        started = time.perf_counter()
        found = method(conn, tid, q)
        latencies.append((time.perf_counter() - started) * 1000)
        counts.append(len(found))
        recalls.append(len({f.bytes for f in found} & truth) / 10)
    latencies.sort()
    return {"recall@10": round(statistics.mean(recalls), 4), "min recall": min(recalls),
            "rows": round(statistics.mean(counts), 2), "p50 ms": round(latencies[len(latencies) // 2], 2),
            "p95 ms": round(latencies[int(len(latencies) * 0.95) - 1 if len(latencies) > 1 else 0], 2),
            "queries": len(runs)}


def _literal(q: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in q) + "]"


def _naive(conn, tenant, statement, q, ef: int, iterative: str):
    """What a developer would write: the shared index, RLS doing the tenant filter."""
    with tenant_transaction(conn, Caller.member(tenant)) as c:
        c.execute("SELECT set_config('hnsw.ef_search', %s, true), set_config('hnsw.iterative_scan', %s, true)",
                  (str(ef), iterative))
        return [r[0] for r in c.execute(statement, {"q": _literal(q)}, prepare=False)]


def _vital(conn, tenant, q, model, settings, *, ef: int, force_exact: bool = False):
    tuned = settings.model_copy(update={"search_ef_search": ef})
    with tenant_transaction(conn, Caller.member(tenant)) as c:
        found = search(c, tenant, SearchRequest("synthetic", "vector", 10), tuned,
                       query_vectors={model: q.tolist()}, exact=force_exact)
    return [uuid.UUID(r["chunk"]["id"]) for r in found["results"]]


def _unfiltered(conn, statement, q, ef):
    with conn.transaction():
        conn.execute("SELECT set_config('hnsw.ef_search', %s, true)", (str(ef),))
        return [r[0] for r in conn.execute(statement, {"q": _literal(q)}, prepare=False)]


def reindex_shared(scale: str, ef_construction: int, memory: str) -> None:
    """Rebuild the shared per-model index with another ef_construction (the migration builds it with
    pgvector's default, 64), to measure what that changes for unfiltered search."""
    settings = _settings(scale)
    manifest = json.loads((_store(settings, scale) / "manifest.json").read_text())
    name = sql.Identifier(f"rag_knowledge_chunks_hnsw_{uuid.UUID(manifest['model']).hex}")
    with Database(settings) as db, db.session(autocommit=True) as conn:
        conn.execute(sql.SQL("SET maintenance_work_mem = {}").format(sql.Literal(memory)))
        conn.execute("SET max_parallel_maintenance_workers = 1")
        started = time.perf_counter()
        conn.execute(sql.SQL("DROP INDEX public.{}").format(name))
        conn.execute(sql.SQL("CREATE INDEX {} ON public.rag_knowledge_chunks USING hnsw "
                             "((embedding::extensions.vector(384)) extensions.vector_cosine_ops) "
                             "WITH (ef_construction = {}) WHERE embedding_model_id = {}::uuid").format(
            name, sql.Literal(ef_construction), sql.Literal(manifest["model"])))
        log(f"shared index rebuilt with ef_construction {ef_construction} in {time.perf_counter() - started:.0f} s")


def markdown(paths: list[Path]) -> str:
    """The reports as the tables of docs/knowledge.md: recall@10 (rows returned) and p50/p95 ms."""
    lines = []
    for path in paths:
        report = json.loads(path.read_text())
        sizes = sorted(report["sizes"], key=int)
        methods = list(dict.fromkeys(m for size in sizes for m in report["sizes"][size]))
        lines += [f"**{report['scale']}** ({report['manifest'].get('table_bytes', 0) / 2**30:.1f} GiB table), "
                  f"{report['dims']} dims, {report['queries_per_size']} queries per tenant size, shared_buffers "
                  f"{report['server'][2]}, load average {report['load_average_before'][0]:.1f} before / "
                  f"{report['load_average_after'][0]:.1f} after:", "",
                  "| method | " + " | ".join(f"{int(s):,} chunks" for s in sizes) + " |",
                  "|---|" + "---|" * len(sizes)]
        for method in methods:
            cells = []
            for size in sizes:
                r = report["sizes"][size].get(method)
                cells.append("" if r is None else f"{r['recall@10']:.3f}" + (f" ({r['rows']:g} rows)" if r["rows"] < 10
                             else "") + f", {r['p50 ms']:.1f}/{r['p95 ms']:.1f} ms")
            lines.append(f"| {method} | " + " | ".join(cells) + " |")
        lines.append("| unfiltered (shared index, no RLS) | " + "; ".join(
            f"{name}: {r['recall@10']:.3f}, {r['p50 ms']:.1f}/{r['p95 ms']:.1f} ms"
            for name, r in report["unfiltered"].items()) + " |" + " |" * (len(sizes) - 1))
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["load", "measure", "reindex-shared", "markdown"])
    parser.add_argument("reports", nargs="*", type=Path, help="markdown: report files to tabulate.")
    parser.add_argument("--scale", choices=sorted(SCALES), default="100k")
    parser.add_argument("--queries", type=int, default=100, help="Queries per tenant size.")
    parser.add_argument("--memory", default="6GB", help="maintenance_work_mem for index builds.")
    parser.add_argument("--out", type=Path, help="Where to write the JSON report.")
    parser.add_argument("--ef-construction", type=int, default=200, help="reindex-shared: the build setting.")
    args = parser.parse_args()
    if args.action == "load":
        load(args.scale, args.memory)
    elif args.action == "markdown":
        print(markdown(args.reports))
    elif args.action == "reindex-shared":
        reindex_shared(args.scale, args.ef_construction, args.memory)
    else:
        measure(args.scale, args.queries, args.out)


if __name__ == "__main__":
    main()
