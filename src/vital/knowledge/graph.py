"""The knowledge graph: entities read from chunks become kg_nodes and kg_edges, walked in SQL.

At ingestion each chunk's mentions (entities.py) are stored in
rag_extracted_entities and merged into nodes by key (the caller's own node,
else the platform's, else a new own node). Edges: entities named in one
sentence with a telling verb between them get that relation (treats, causes,
supersedes...), other entities of one chunk are `related_to`; entities hang
`part_of` the document's knowledge domains, and agents expert in those domains
are linked `expert_in` them. Every edge keeps its evidence chunk, which is the
citation of a graph answer.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from uuid import UUID

import psycopg
from psycopg import sql

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.knowledge.bounds import MAX_DEPTH
from vital.knowledge.entities import EXTRACTOR, Mention, extract, node_key

SQL = Queries(__name__)

FANOUT = 20
_RELATIONS = [  # (relation, verb pattern between source and target, allowed source kinds or None)
    ("supersedes", re.compile(r"\b(supersedes?|replaces?|replaced)\b", re.I), None),
    ("treats", re.compile(r"\b(treats?|treatment of|indicated for|used to treat)\b", re.I), {"drug"}),
    ("causes", re.compile(r"\b(causes?|caused|leads? to|induces?)\b", re.I), None),
    ("requires", re.compile(r"\b(requires?|required|mandates?)\b", re.I), None),
    ("regulates", re.compile(r"\b(regulates?|oversees?|approves?|approved|inspects?)\b", re.I),
     {"organization", "regulation"}),
    ("measured_by", re.compile(r"\b(measured by|assessed by)\b", re.I), None),
]
_STOP = set("a an and are as at be by for from how i in is it of on or the to was what when where which who why "
            "with does do can should must my our your their about into under over than then this that these "
            "those".split())


def link_document(conn: psycopg.Connection, document_id: UUID, chunks: list[tuple[UUID, str]],
                  domains: list[str]) -> dict[str, int]:
    """Entities, nodes and edges for one document's chunks (inside the ingestion transaction)."""
    mentions = {cid: extract(text) for cid, text in chunks}
    rows = [(cid, m) for cid, ms in mentions.items() for m in ms]
    if rows:
        conn.execute(SQL("graph.entities_insert"), {
            "extractor": EXTRACTOR, "chunks": [c for c, _ in rows], "texts": [m.text[:500] for _, m in rows],
            "normalized": [m.normalized for _, m in rows], "types": [m.entity_type for _, m in rows],
            "starts": [m.start for _, m in rows], "ends": [m.end for _, m in rows],
            "confidences": [m.confidence for _, m in rows]})
    domain_rows = many(conn, SQL("graph.domains_with_agents"), {"slugs": domains}) if domains else []
    primary = next((r for r in domain_rows if r["domain_slug"] == domains[0]), None) if domains else None

    wanted: dict[str, tuple] = {}
    first_chunk: dict[str, UUID] = {}
    for cid, m in rows:
        first_chunk.setdefault(m.key, cid)
        wanted.setdefault(m.key, (m.kind, m.name, m.key, cid, None, None,
                                  primary and primary["domain_tenant_id"], primary and primary["domain_id"]))
    for r in domain_rows:
        key = node_key("knowledge_domain", r["domain_slug"])
        wanted.setdefault(key, ("knowledge_domain", r["domain_name"], key, None, None, None, r["domain_tenant_id"],
                                r["domain_id"]))
        if r["agent_id"]:
            akey = node_key("agent", r["agent_slug"])
            wanted.setdefault(akey, ("agent", r["agent_name"], akey, None, r["agent_tenant_id"], r["agent_id"],
                                     None, None))
    if not wanted:
        return {"entities": 0, "nodes": 0, "edges": 0}
    cols = list(zip(*wanted.values()))
    upserted = many(conn, SQL("graph.nodes_upsert"), dict(zip(
        ("kinds", "names", "keys", "chunks", "agent_tenants", "agents", "domain_tenants", "domains"),
        map(list, cols))))
    nodes = {r["normalized_key"]: (r["tenant_id"], r["id"]) for r in upserted}

    edges = _chunk_edges(chunks, mentions)
    counts = Counter(m.key for _, m in rows)
    for r in domain_rows:
        dkey = node_key("knowledge_domain", r["domain_slug"])
        for key, _ in counts.most_common(25):
            edges[(key, "part_of", dkey)] = (0.5, first_chunk[key])
        if r["agent_id"]:
            edges[(node_key("agent", r["agent_slug"]), "expert_in", dkey)] = (1.0, None)
    batch = [(nodes[s], nodes[t], rel, w, chunk) for (s, rel, t), (w, chunk) in edges.items()
             if s in nodes and t in nodes and nodes[s] != nodes[t]]
    if batch:
        conn.execute(SQL("graph.edges_insert"), {
            "source_tenants": [s[0] for s, *_ in batch], "sources": [s[1] for s, *_ in batch],
            "target_tenants": [t[0] for _, t, *_ in batch], "targets": [t[1] for _, t, *_ in batch],
            "relations": [b[2] for b in batch], "weights": [b[3] for b in batch], "chunks": [b[4] for b in batch]})
    return {"entities": len(rows), "nodes": len(nodes), "edges": len(batch)}


def _chunk_edges(chunks, mentions) -> dict[tuple[str, str, str], tuple[float, UUID | None]]:
    """Typed edges from verbs between two mentions of a sentence; related_to for other co-mentions."""
    edges: dict[tuple[str, str, str], tuple[float, UUID | None]] = {}
    together: Counter = Counter()
    evidence: dict[tuple[str, str], UUID] = {}
    for cid, text in chunks:
        ms = mentions[cid]
        for i, a in enumerate(ms):
            for b in ms[i + 1:i + 6]:
                relation = _relation(text, a, b)
                if relation:
                    edges.setdefault((a.key, relation, b.key), (0.9, cid))
        keys = [k for k, _ in Counter(m.key for m in ms).most_common(10)]
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                pair = tuple(sorted((a, b)))
                together[pair] += 1
                evidence.setdefault(pair, cid)
    for (a, b), n in together.items():
        if not any((s, t) in ((a, b), (b, a)) for s, _, t in edges):
            edges[(a, "related_to", b)] = (min(1.0, 0.4 + 0.1 * n), evidence[(a, b)])
    return edges


def _relation(text: str, a: Mention, b: Mention) -> str | None:
    between = text[a.end:b.start]
    if a.key == b.key or len(between) > 80 or re.search(r"[.!?;]\s", between):
        return None
    for relation, verb, kinds in _RELATIONS:
        if verb.search(between) and (kinds is None or a.kind in kinds):
            return relation
    return None


def phrases(text: str) -> list[str]:
    """Word 1- to 3-grams of a query that may name a node (no stop words alone, no short words)."""
    words = re.findall(r"[\w'-]+", text)
    out = []
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            gram = words[i:i + n]
            if all(w.lower() in _STOP for w in gram) or (n == 1 and len(gram[0]) < 4):
                continue
            if gram[0].lower() in _STOP or gram[-1].lower() in _STOP:
                continue
            out.append(" ".join(gram))
    return list(dict.fromkeys(out))[:30]


def walk(seeds: sql.Composable, depth: int = 2) -> sql.Composed:
    return SQL.composed("graph.walk", seeds=seeds, depth=sql.Literal(max(0, min(depth, MAX_DEPTH))),
                        fanout=sql.Literal(FANOUT))


def candidates(text: str, eligible: sql.Composable, fetch: int) -> tuple[sql.Composed, dict]:
    """The graph's candidate list for fusion search: (tenant_id, id, score) of chunks, best first."""
    statement = SQL.composed("graph.chunks", walk=walk(sql.SQL(SQL("graph.seeds"))), eligible=eligible,
                             fetch=sql.Literal(fetch))
    return statement, {"keys": [m.key for m in extract(text)], "phrases": phrases(text)}


def find_nodes(conn: psycopg.Connection, q: str | None, kind: str | None = None, limit: int = 20) -> list[dict]:
    keys = [m.key for m in extract(q)] if q else []
    rows = many(conn, SQL("graph.find_nodes"), {"q": q, "keys": keys, "kind": kind, "limit": limit})
    return [{"tenant_id": str(r["tenant_id"]), "id": str(r["id"]), "kind": r["kind"], "name": r["name"],
             "key": r["key"], "description": r["description"], "library": r["library"],
             "similarity": r["similarity"] and round(r["similarity"], 3)} for r in rows]


def neighbourhood(conn: psycopg.Connection, node_id: UUID, depth: int = 2, limit: int = 200) -> dict | None:
    """A node and what lies within `depth` hops of it (both directions), with the evidence of each step."""
    node = one(conn, SQL("graph.node"), {"id": node_id})
    if node is None:
        return None
    seeds = SQL.composed("graph.seed_node", tenant=sql.Literal(str(node["tenant_id"])),
                         id=sql.Literal(str(node["id"])))
    rows = many(conn, SQL.composed("graph.neighbourhood", walk=walk(seeds, depth)), {"limit": limit})
    reached = defaultdict(list)
    for r in rows:
        if r["depth"] == 0:
            continue
        reached[str(r["id"])].append({
            "depth": r["depth"], "strength": round(r["strength"], 4), "relation": r["via"],
            "path": [str(p) for p in r["path"]],
            "node": {"tenant_id": str(r["tenant_id"]), "id": str(r["id"]), "kind": r["kind"], "name": r["name"],
                     "key": r["key"], "library": r["library"]},
            "evidence": r["chunk_id"] and {"chunk_id": str(r["chunk_id"]), "document_id": str(r["document_id"]),
                                           "chunk_index": r["chunk_index"], "text": r["text"]}})
    return {"node": {"tenant_id": str(node["tenant_id"]), "id": str(node["id"]), "kind": node["kind"],
                     "name": node["name"], "key": node["key"], "description": node["description"],
                     "properties": node["properties"], "library": node["library"],
                     "chunk_id": node["chunk_id"] and str(node["chunk_id"]),
                     "agent_id": node["agent_id"] and str(node["agent_id"]),
                     "domain_id": node["domain_id"] and str(node["domain_id"])},
            "neighbours": [min(steps, key=lambda s: (s["depth"], -s["strength"])) for steps in reached.values()]}
