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
("HIPAA", "breach"). The candidates, their scores and the words that matched
are kept in the answer's metadata, so the choice can be checked afterwards.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import asdict, dataclass

import psycopg

from vital.db.queries import Queries
from vital.db.rows import many
from vital.errors import NotFound

SQL = Queries(__name__)

WEIGHTS = {"name": 1.0, "capabilities": 0.8, "domains": 0.6, "description": 0.5}
# weight -> the column of agent_candidates.sql holding the question's words matched in that field
FIELDS = {"name": "name_words", "capabilities": "capability_words", "domains": "domain_words",
          "description": "text_words"}
KEEP = 5
STICKY = 1.25  # another agent must score 25% higher to take over a conversation


@dataclass(frozen=True)
class Candidate:
    agent_tenant_id: str
    agent_id: str
    slug: str
    name: str
    domain: str
    score: float
    matched: dict[str, list[str]]


@dataclass
class Selection:
    chosen: Candidate
    candidates: list[Candidate]
    latency_ms: float
    fallback: bool = False

    def metadata(self) -> dict:
        return {"chosen": self.chosen.agent_id, "fallback": self.fallback, "weights": WEIGHTS,
                "latency_ms": round(self.latency_ms, 2), "candidates": [asdict(c) for c in self.candidates]}


def rank(conn: psycopg.Connection, question: str, *, limit: int = KEEP) -> list[Candidate]:
    """Agents best first. Ties go to the lower tier number (core experts), then the name."""
    rows = many(conn, SQL("agent_candidates"), {"query": question})
    if not rows:
        return []
    agents, words = rows[0]["agents"], rows[0]["query_words"] or []
    df = Counter(w for r in rows for w in set().union(*(r[column] for column in FIELDS.values())))
    idf = {w: math.log(1 + agents / max(1, df[w])) for w in words}
    total = sum(idf.values()) or 1.0
    scored = []
    for r in rows:
        matched = {f: r[column] for f, column in FIELDS.items()}
        best = {w: max(WEIGHTS[f] for f, ws in matched.items() if w in ws) for w in set().union(*matched.values())}
        score = sum(idf.get(w, 0.0) * weight for w, weight in best.items()) / total
        scored.append((-score, r["tier"], r["name"], Candidate(
            str(r["tenant_id"]), str(r["id"]), r["slug"], r["name"], r["domain"], round(score, 4),
            {f: sorted(ws) for f, ws in matched.items()})))
    scored.sort(key=lambda x: x[:3])
    return [c for *_, c in scored[:limit]]


def select_agent(conn: psycopg.Connection, question: str, current: str | None = None) -> Selection:
    """The best agent; with `current` (a conversation's agent), it stays unless clearly beaten."""
    started = time.perf_counter()
    ranked = rank(conn, question, limit=200)
    if not ranked:
        raise NotFound("No active agent is available to answer.",
                       hint="Activate an agent of this tenant or of the platform library.")
    chosen = ranked[0]
    mine = next((c for c in ranked if c.agent_id == current), None) if current else None
    if mine is not None and chosen.score <= STICKY * mine.score:
        chosen = mine
    return Selection(chosen, ranked[:KEEP], (time.perf_counter() - started) * 1000, chosen.score <= 0)
