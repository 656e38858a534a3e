"""Which agent answers (modes 2 and 4, and panels whose members the system picks).

Every active agent the caller may use is scored against the question's words
(stemmed by PostgreSQL's English configuration; ask_expert/sql/agent_candidates.sql finds
which field of which agent each word matches). A word counts by its rarity
among the agents, idf = ln(1 + agents / agents matching it), times the best
field it appears in:

    name, domain, subdomain 1.0 | capabilities (phrases, taxonomy, skills) 0.8
    knowledge domains 0.6       | tagline and description 0.5

score = sum over matched words / sum over all the question's words, in 0..1.
A common word ("health", "clinical") thus matters less than a telling one
("HIPAA", "breach").

With a semantic embedding model (meaning.py, the default) the question is also
compared in meaning with each agent's profile (name, domain, tagline,
description, capabilities, knowledge domains: agent_profiles.sql; vectors cached
per agent and version), and

    score = SEMANTIC * cosine + (1 - SEMANTIC) * word score

so a question that shares no word with the right agent ("someone wants
everything we hold on them deleted") still finds it. SEMANTIC was chosen by
bench/agent_choice.py (docs/services.md). The candidates, their scores, similarities and
the words that matched are kept in the answer's metadata, so the choice can be
checked afterwards.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np
import psycopg

from vital.db.queries import Queries
from vital.db.rows import many
from vital.errors import NotFound
from vital.services.meaning import Meaning

SQL = Queries(__name__)

WEIGHTS = {"name": 1.0, "capabilities": 0.8, "domains": 0.6, "description": 0.5}
# weight -> the column of agent_candidates.sql holding the question's words matched in that field
FIELDS = {"name": "name_words", "capabilities": "capability_words", "domains": "domain_words",
          "description": "text_words"}
KEEP = 5
STICKY = 1.25  # another agent must score 25% higher to take over a conversation
SEMANTIC = 0.7


@dataclass(frozen=True)
class Candidate:
    agent_tenant_id: str
    agent_id: str
    slug: str
    name: str
    domain: str
    score: float
    matched: dict[str, list[str]]
    similarity: float | None = None  # cosine of question and profile (semantic models only)


@dataclass
class Selection:
    chosen: Candidate
    candidates: list[Candidate]
    latency_ms: float
    fallback: bool = False

    def metadata(self) -> dict:
        return {"chosen": self.chosen.agent_id, "fallback": self.fallback, "weights": WEIGHTS,
                "semantic": self.chosen.similarity is not None,
                "latency_ms": round(self.latency_ms, 2), "candidates": [asdict(c) for c in self.candidates]}


def rank(conn: psycopg.Connection, question: str, *, limit: int = KEEP, meaning: Meaning | None = None,
         semantic: float = SEMANTIC) -> list[Candidate]:
    """Agents best first. Ties go to the lower tier number (core experts), then the name."""
    lexical = _by_words(conn, question)
    if meaning is not None:
        lexical = _with_meaning(conn, question, lexical, meaning, semantic)
    scored = sorted(lexical.values(), key=lambda x: (-x[0].score, x[1], x[0].name))
    return [c for c, _ in scored[:limit]]


def _by_words(conn: psycopg.Connection, question: str) -> dict[str, tuple[Candidate, int]]:
    """The word score of every agent matching a word of the question, by agent id (with its tier)."""
    rows = many(conn, SQL("agent_candidates"), {"query": question})
    if not rows:
        return {}
    agents, words = rows[0]["agents"], rows[0]["query_words"] or []
    df = Counter(w for r in rows for w in set().union(*(r[column] for column in FIELDS.values())))
    idf = {w: math.log(1 + agents / max(1, df[w])) for w in words}
    total = sum(idf.values()) or 1.0
    out = {}
    for r in rows:
        matched = {f: r[column] for f, column in FIELDS.items()}
        best = {w: max(WEIGHTS[f] for f, ws in matched.items() if w in ws) for w in set().union(*matched.values())}
        score = sum(idf.get(w, 0.0) * weight for w, weight in best.items()) / total
        out[str(r["id"])] = (Candidate(str(r["tenant_id"]), str(r["id"]), r["slug"], r["name"], r["domain"],
                                       round(score, 4), {f: sorted(ws) for f, ws in matched.items()}), r["tier"])
    return out


_VECTORS: dict[tuple, np.ndarray] = {}
_LOCK = threading.Lock()


def _with_meaning(conn: psycopg.Connection, question: str, lexical: dict[str, tuple[Candidate, int]],
                  meaning: Meaning, semantic: float) -> dict[str, tuple[Candidate, int]]:
    profiles = many(conn, SQL("agent_profiles"))
    keys = [(meaning.embedder.name, str(r["tenant_id"]), str(r["id"]), r["updated_at"]) for r in profiles]
    with _LOCK:
        todo = [(k, r["profile"]) for k, r in zip(keys, profiles) if k not in _VECTORS]
    if todo:
        vectors = meaning.embedder.embed([text for _, text in todo])
        with _LOCK:
            _VECTORS.update((k, np.asarray(v, np.float32)) for (k, _), v in zip(todo, vectors))
    q = meaning.vector(question)
    out = {}
    for key, r in zip(keys, profiles):
        similarity = float(_VECTORS[key] @ q)
        found, _ = lexical.get(str(r["id"]), (None, None))
        words = found.score if found else 0.0
        out[str(r["id"])] = (Candidate(str(r["tenant_id"]), str(r["id"]), r["slug"], r["name"], r["domain"],
                                       round(semantic * similarity + (1 - semantic) * words, 4),
                                       found.matched if found else {f: [] for f in FIELDS}, round(similarity, 4)),
                             r["tier"])
    return out


def select_agent(conn: psycopg.Connection, question: str, current: str | None = None,
                 meaning: Meaning | None = None) -> Selection:
    """The best agent; with `current` (a conversation's agent), it stays unless clearly beaten."""
    started = time.perf_counter()
    ranked = rank(conn, question, limit=200, meaning=meaning)
    if not ranked:
        raise NotFound("No active agent is available to answer.",
                       hint="Activate an agent of this tenant or of the platform library.")
    chosen = ranked[0]
    mine = next((c for c in ranked if c.agent_id == current), None) if current else None
    if mine is not None and chosen.score <= STICKY * mine.score:
        chosen = mine
    return Selection(chosen, ranked[:KEEP], (time.perf_counter() - started) * 1000, chosen.score <= 0)
