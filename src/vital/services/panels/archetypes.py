"""How each kind of panel deliberates: who speaks when, what members see, how many rounds, what consensus is.

The numbers (threshold, rounds, member range, whether people may join) come from
the panel_archetypes rows; the behaviour of each speaking order is here:

| archetype | order of speaking | what members see | threshold |
|---|---|---|---|
| structured | seat order, every round | everything said so far | 0.70 |
| open | seat order rotated by one each round | everything said so far | 0.60 |
| socratic | seat order; the moderator's probing question opens each round | everything said so far | 0.65 |
| adversarial | advocates, then opponents, then the judges | everything; advocates and opponents keep their side | 0.50 |
| delphi | seat order, answers independent | only the previous rounds' distribution, anonymously | 0.75 |
| hybrid | agents in seat order, then the people | everything, people's contributions included | 0.70 |
| committee | members in seat order, the chair last | everything | 0.75 (chair counts double) |
"""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg

from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import NotFound

SQL = Queries(__name__)

MIN_AGENTS, MAX_AGENTS = 2, 12
DEFAULT_OPTIONS = ["support", "support-with-conditions", "oppose"]


@dataclass(frozen=True)
class Archetype:
    slug: str
    threshold: float
    speaking_order: str
    rounds: int
    min_members: int
    max_members: int
    allows_humans: bool
    tenant_id: str | None = None
    id: str | None = None
    settings: dict = field(default_factory=dict)

    @property
    def member_range(self) -> tuple[int, int]:
        return max(MIN_AGENTS, self.min_members), min(MAX_AGENTS, self.max_members)

    @property
    def anonymous(self) -> bool:
        return self.speaking_order == "anonymous_rounds"


COMMITTEE = Archetype("committee", 0.75, "chair_last", 2, 3, MAX_AGENTS, False)


def load(conn: psycopg.Connection, slug: str) -> Archetype:
    row = one(conn, SQL("archetype"), {"slug": slug})
    if row is None:
        raise NotFound(f"No panel archetype '{slug}'.",
                       hint="structured, open, socratic, adversarial, delphi or hybrid (or one of your own).")
    return Archetype(row["slug"], float(row["consensus_threshold"]), row["speaking_order"], row["default_rounds"],
                     row["min_members"], row["max_members"], row["allows_human_contributions"],
                     str(row["tenant_id"]), str(row["id"]), row["settings"] or {})


def speaking_order(archetype: Archetype, members: list[dict], round_: int) -> list[dict]:
    """The agent members in the order they speak this round (people post their own contributions)."""
    agents = sorted((m for m in members if m["agent_id"] and m["role"] != "moderator"), key=lambda m: m["seat"])
    order = archetype.speaking_order
    if order == "free" and agents:
        shift = (round_ - 1) % len(agents)
        return agents[shift:] + agents[:shift]
    if order == "opposed":
        rank = {"advocate": 0, "opponent": 1}
        return sorted(agents, key=lambda m: (rank.get(m["role"], 2), m["seat"]))
    if order == "chair_last":
        return sorted(agents, key=lambda m: (m["role"] == "chair", m["seat"]))
    return agents
