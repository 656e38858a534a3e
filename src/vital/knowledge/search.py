"""Search: vector, full-text, hybrid, graph and fusion, in one SQL statement, under RLS.

The caller opens tenant_transaction and passes the connection with its tenant
id. Each strategy contributes candidate lists: vector (one per active model
this deployment can embed the query with, each merging the caller's partition
and the platform's, searched as recall.py decides), full text (websearch
syntax, ts_rank_cd), graph (chunks around the nodes the query names). The
lists are fused by reciprocal rank with configurable weights; a single list
keeps its own score (cosine similarity, ts_rank_cd). Every search is logged in
search_logs, whose id feedback refers to.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from uuid import UUID

import psycopg
from psycopg import sql

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.errors import InvalidInput, NotFound
from vital.knowledge import embeddings, graph, recall
from vital.knowledge.bounds import STRATEGIES
from vital.knowledge.chunking import place
from vital.knowledge.embeddings import vector_literal
from vital.settings import Settings

SQL = Queries(__name__)

PLATFORM = UUID(int=0)
# Web-search operators: a quoted phrase, an excluded -word, or OR between words.
_OPERATORS = re.compile(r'"|(^|\s)-\w|\sor\s', re.I)
_LISTS = {"vector": ("vector",), "fulltext": ("fulltext",), "hybrid": ("vector", "fulltext"),
          "graph": ("graph",), "fusion": ("vector", "fulltext", "graph")}


@dataclass
class SearchRequest:
    query: str
    strategy: str = "hybrid"
    k: int = 10
    collections: list[str] = field(default_factory=list)   # collection slugs (own or platform)
    domains: list[str] = field(default_factory=list)       # knowledge domain slugs; sub-domains count
    metadata: dict = field(default_factory=dict)           # document metadata must contain this
    weights: dict[str, float] = field(default_factory=dict)  # vector / fulltext / graph

    def check(self) -> None:
        if not self.query.strip():
            raise InvalidInput("The search query is empty.")
        if self.strategy not in STRATEGIES:
            raise InvalidInput(f"Unknown strategy '{self.strategy}'; use one of {', '.join(STRATEGIES)}.")
        if not 1 <= self.k <= 100:
            raise InvalidInput("k must be between 1 and 100.")
        if set(self.weights) - {"vector", "fulltext", "graph"} or any(w < 0 for w in self.weights.values()):
            raise InvalidInput("weights may set vector, fulltext and graph, each >= 0.")

    def filters(self) -> dict:
        return {k: v for k, v in (("collections", self.collections), ("domains", self.domains),
                                  ("metadata", self.metadata)) if v}


def search(conn: psycopg.Connection, tenant_id: UUID, request: SearchRequest, settings: Settings, *,
           query_vectors: dict[embeddings.ModelRef, list[float]] | None = None, exact: bool = False) -> dict:
    """Run one search as the caller of the open tenant transaction, log it and return the results.

    `query_vectors` replaces embedding the query (benchmarks and recall tests with synthetic vectors);
    `exact` skips the per-tenant indexes (an exact answer whatever the size, for audits and benchmarks).
    """
    request.check()
    wanted = _LISTS[request.strategy]
    # Resolved before the clock starts: the first use of a local model loads it.
    if query_vectors is not None:
        usable, skipped = [(m, _Given(m, v)) for m, v in query_vectors.items()], []
    else:
        usable, skipped = embeddings.searchable(conn, settings) if "vector" in wanted else ([], [])
    started = time.perf_counter()
    fetch = min(max(4 * request.k, 40), 200)
    conn.execute(SQL("search.settings"), {"ef_search": str(max(settings.search_ef_search, fetch))}, prepare=False)
    params: dict = {"text": request.query, "k": request.k, "rrf_k": settings.search_rrf_k}
    eligible = _eligible(conn, request, params)
    partitions = [tenant_id] if tenant_id == PLATFORM else [tenant_id, PLATFORM]
    weights = {"vector": settings.search_vector_weight, "fulltext": settings.search_text_weight,
               "graph": settings.search_graph_weight, **request.weights}
    lists: list[tuple[str, float, sql.Composable]] = []
    used, paths = [], {}
    if "vector" in wanted:
        if skipped and not usable and request.strategy == "vector":
            raise InvalidInput(f"The vectors here were made by {', '.join(m.name for m in skipped)}, which this "
                               "deployment is not configured to run.",
                               hint="Set VITAL_EMBEDDING_PROVIDER and its model, or search with strategy fulltext.")
        lists, paths = _vector_lists(conn, request.query, usable, partitions, eligible, fetch, params,
                                     weights["vector"], exact)
        used = usable
    tsquery = sql.SQL(SQL("search.tsquery_strict" if _OPERATORS.search(request.query) else "search.tsquery_loose"))
    if "fulltext" in wanted:
        branches = [SQL.composed("search.fulltext", partition=sql.Literal(str(p)), eligible=eligible, tsquery=tsquery,
                                 fetch=sql.Literal(fetch)) for p in partitions]
        lists.append(("fulltext", weights["fulltext"], _ranked("fulltext", branches, "score DESC", "score")))
    if "graph" in wanted:
        statement, graph_params = graph.candidates(request.query, eligible, fetch)
        params.update(graph_params)
        lists.append(("graph", weights["graph"], _ranked("graph", [statement], "score DESC", "score")))
    lists = [item for item in lists if item[1] > 0] or lists[:1]
    rows = _fused_rows(conn, lists, partitions, tsquery, params) if lists else []  # no vectors yet: nothing
    results = [_result(rank, row) for rank, row in enumerate(rows, start=1)]
    latency = round((time.perf_counter() - started) * 1000)
    model = used[0][0] if used else None
    search_id = one(conn, SQL("search.log"), {
        "query": request.query, "strategy": request.strategy, "model_tenant": model and model.tenant_id,
        "model": model and model.id, "filters": json.dumps(request.filters()),
        "latency": latency, "results": json.dumps([{"rank": r["rank"], "score": r["score"],
                                                    "chunk_tenant_id": r["chunk"]["tenant_id"],
                                                    "chunk_id": r["chunk"]["id"]} for r in results])})["id"]
    return {"search_id": str(search_id), "query": request.query, "strategy": request.strategy,
            "latency_ms": latency, "count": len(results), "filters": request.filters(),
            "lists": [n for n, _, _ in lists], "vector_paths": paths,
            "embedding": {"models": [e.describe() for _, e in used],
                          "semantic": bool(used) and all(e.semantic for _, e in used),
                          "fallback": any(not e.semantic for _, e in used),
                          "skipped_models": [m.name for m in skipped]},
            "results": results}


def _fused_rows(conn, lists, partitions, tsquery, params) -> list[dict]:
    params.update(list_names=[n for n, _, _ in lists], list_weights=[w for _, w, _ in lists],
                  single=[len(lists) == 1] * len(lists))
    fused = SQL.composed("search.fused", lists=sql.SQL(" UNION ALL ").join(s for _, _, s in lists))
    per_partition = sql.SQL(" UNION ALL ").join(SQL.composed("search.result_rows", partition=sql.Literal(str(p)))
                                                 for p in partitions)
    return many(conn, SQL.composed("search.results", fused=fused, tsquery=tsquery, rows=per_partition), params,
                prepare=False)


def feedback(conn: psycopg.Connection, search_id: UUID, *, chunk_id: UUID | None = None, rating: int | None = None,
             relevant: bool | None = None, comment: str | None = None) -> UUID:
    """Record (or replace) the caller's judgement of a hit, or of the whole list when chunk_id is None."""
    if rating is None and relevant is None:
        raise InvalidInput("Give a rating (1-5) or a relevance judgement.")
    chunk_tenant = None
    if chunk_id is not None:
        chunk = one(conn, SQL("search.chunk_tenant"), {"chunk": chunk_id})
        if chunk is None:
            raise NotFound("No such chunk.")
        chunk_tenant = chunk["tenant_id"]
    return one(conn, SQL("search.feedback"), {
        "search": search_id, "chunk_tenant": chunk_tenant, "chunk": chunk_id, "rating": rating,
        "relevant": relevant, "comment": comment})["id"]


def _vector_lists(conn, text, usable, partitions, eligible, fetch, params, weight, exact):
    """One candidate list per model, merging the partitions the caller reads, each by the path recall.py sets.

    A partition with its own valid HNSW index is searched first, in statements of its own planned with
    sorts, hash and merge joins and materialising disabled: under RLS the planner underestimates a tenant's
    rows (it multiplies the policy's tenant test with ours as if independent) and would otherwise sort the
    whole partition, or read all its documents, instead of walking the index and looking up each candidate's
    document by key. If
    filters leave the index scan short of `fetch` rows (hnsw.max_scan_tuples reached), that partition
    falls back to the exact path, which the filters make cheap.
    """
    indexed = set() if exact else recall.valid_indexes(
        conn, [recall.index_name(m.id, p) for m, _ in usable for p in partitions])
    plan, paths, pending = [], {}, []   # plan: per model, its branches (a fragment, or None = indexed, pending)
    for i, (model, embedder) in enumerate(usable):
        params[f"q{i}"] = vector_literal(embedder.embed_query(text))
        branches = []
        for p in partitions:
            fragment = {"dims": sql.Literal(model.dimensions), "q": sql.Placeholder(f"q{i}"),
                        "partition": sql.Literal(str(p)), "model": sql.Literal(str(model.id)), "eligible": eligible,
                        "fetch": sql.Literal(fetch)}
            key = f"{model.name}:{'library' if p == PLATFORM else 'tenant'}"
            exact_branch = SQL.composed("search.vector_exact", **fragment)
            if recall.index_name(model.id, p) in indexed:
                pending.append((key, len(branches), len(plan), SQL.composed("search.vector_hnsw", **fragment),
                                exact_branch))
                branches.append(None)
                paths[key] = "hnsw"
            else:
                branches.append(exact_branch)
                paths[key] = "exact"
        plan.append((model, branches))
    if pending:
        previous = one(conn, SQL("search.index_walk_on"))["previous"]
        for n, (key, b, m, statement, exact_branch) in enumerate(pending):
            rows = many(conn, statement, params, prepare=False)
            if len(rows) < fetch:
                plan[m][1][b], paths[key] = exact_branch, "exact (filters outran the index)"
                continue
            params.update({f"g{n}_t": [r["tenant_id"] for r in rows], f"g{n}_i": [r["id"] for r in rows],
                           f"g{n}_d": [r["distance"] for r in rows]})
            plan[m][1][b] = SQL.composed("search.vector_given", t=sql.Placeholder(f"g{n}_t"),
                                         i=sql.Placeholder(f"g{n}_i"), d=sql.Placeholder(f"g{n}_d"))
        conn.execute(SQL("search.index_walk_off"), {"previous": previous})
    lists = [(f"vector:{model.name}", weight, _ranked(f"vector:{model.name}", branches, "distance", "1 - distance"))
             for model, branches in plan]
    return lists, paths


class _Given(embeddings.Embedder):
    """A query vector supplied by the caller, standing in for the model that made it."""

    def __init__(self, model: embeddings.ModelRef, vector: list[float]):
        self.provider, self.name, self.dimensions, self._vector = model.provider, model.name, model.dimensions, vector

    def embed(self, texts):
        return [self._vector for _ in texts]


def _ranked(name: str, branches: list[sql.Composable], order: str, raw: str) -> sql.Composed:
    union = sql.SQL(" UNION ALL ").join(sql.SQL("({})").format(b) for b in branches)
    return SQL.composed("search.ranked", list=sql.Literal(name), order=sql.SQL(order), raw=sql.SQL(raw), union=union)


def _eligible(conn: psycopg.Connection, request: SearchRequest, params: dict) -> sql.Composed:
    """The document condition every candidate list applies: live, readable, and the request's filters."""
    conditions = []
    # (what the user calls it, the slugs asked for, the statement that finds their ids, the parameter)
    for noun, slugs, lookup, param in (("collection", request.collections, "collection_ids", "collections"),
                                       ("knowledge domain", request.domains, "domain_ids", "domains")):
        if not slugs:
            continue
        ids = [r["id"] for r in many(conn, SQL(f"search.{lookup}"), {"slugs": slugs})]
        if not ids:
            raise NotFound(f"No {noun} named {', '.join(slugs)}.")
        params[param] = ids
        conditions.append(sql.SQL(SQL(f"search.in_{param}")))
    if request.metadata:
        params["metadata"] = json.dumps(request.metadata)
        conditions.append(sql.SQL(SQL("search.with_metadata")))
    return SQL.composed("search.eligible", filters=sql.SQL(" ").join(conditions))


def _result(rank: int, row: dict) -> dict:
    tenant, title, source_ref = row["tenant_id"], row["title"], row["source_ref"]
    meta = row["chunk_metadata"]
    section, page = meta.get("section"), meta.get("page")
    # Chunks from before locations (migration 34) have only their metadata's section and page.
    location = row["location"] or {k: v for k, v in (("section", section), ("page", page)) if v}
    where = ", ".join(x for x in (place(location, page), f"chunk {row['chunk_index']}") if x)
    return {
        "rank": rank, "score": round(float(row["score"]), 6), "scores": row["lists"], "snippet": row["snippet"],
        "citation": f"{title} — {where}" + (f" [{source_ref}]" if source_ref else ""),
        "document": {"tenant_id": str(tenant), "id": str(row["document_id"]), "title": title,
                     "source_ref": source_ref, "version": row["version"], "mime_type": row["mime_type"],
                     "collection": row["collection"],
                     "collection_id": row["collection_id"] and str(row["collection_id"]),
                     "metadata": row["metadata"], "library": tenant == PLATFORM},
        "chunk": {"tenant_id": str(tenant), "id": str(row["id"]), "index": row["chunk_index"],
                  "text": row["chunk_text"], "char_start": row["char_start"], "char_end": row["char_end"],
                  "section": section, "page": page, "location": location,
                  "ocr": row["ocr_confidence"] is not None and {"confidence": round(row["ocr_confidence"], 4)}
                  or None},
    }
