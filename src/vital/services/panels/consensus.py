"""Consensus arithmetic, pure: weighted votes in, consensus level, strength and dissent out.

The rules (docs/services.md, "Consensus"):
- A vote's weight is its seat's weight; in a committee the chair's counts double.
- Abstentions are left out of the denominator: level = weight of the leading
  position / weight of the votes cast. They still count for the quorum.
- Quorum: the votes cast carry at least half the weight of everyone who voted or
  abstained. Without quorum a recommendation is at most weak.
- A tie for the lead is no consensus: level 0, no recommendation, strength none.
- Reached: level >= threshold (the archetype's; 0.75 for a committee). Strength:
  strong when reached with quorum; moderate above a simple majority (> 0.5);
  weak otherwise; none without votes or on a tie.
- Dissent keeps every member who did not vote for the recommendation (abstentions
  included), with their reason.
Arithmetic is exact (fractions); the stored level is truncated to 3 decimals, so
the database's `reached` (level >= threshold) agrees with the exact comparison.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

CHAIR_FACTOR = 2
QUORUM = Fraction(1, 2)
MAJORITY = Fraction(1, 2)
ABSTAIN = "abstain"


@dataclass(frozen=True)
class Ballot:
    member_id: str
    position: str | None  # None: abstains
    weight: float = 1.0
    chair: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Outcome:
    level: float
    threshold: float
    leader: str | None
    strength: str
    reached: bool
    tie: bool
    quorum: bool
    cast: float
    seated: float
    tally: dict[str, float] = field(default_factory=dict)
    dissent: list[dict] = field(default_factory=list)


def effective_weight(ballot: Ballot, committee: bool) -> Fraction:
    weight = Fraction(str(ballot.weight))
    return weight * CHAIR_FACTOR if committee and ballot.chair else weight


def tally(ballots: Sequence[Ballot], threshold: float, *, committee: bool = False) -> Outcome:
    limit = Fraction(str(threshold))
    by_position: dict[str, Fraction] = {}
    abstained = Fraction(0)
    for ballot in ballots:
        weight = effective_weight(ballot, committee)
        if ballot.position is None:
            abstained += weight
        else:
            by_position[ballot.position] = by_position.get(ballot.position, Fraction(0)) + weight
    cast = sum(by_position.values(), Fraction(0))
    seated = cast + abstained
    table = {p: float(w) for p, w in sorted(by_position.items(), key=lambda x: (-x[1], x[0]))}
    if abstained:
        table[ABSTAIN] = float(abstained)
    top = max(by_position.values(), default=Fraction(0))
    leaders = [p for p, w in by_position.items() if w == top]
    tie = len(leaders) > 1
    quorum = seated > 0 and cast >= QUORUM * seated
    if cast == 0 or tie:
        return Outcome(0.0, float(limit), None, "none", False, tie, quorum, float(cast), float(seated), table,
                       _dissent(ballots, None))
    level = top / cast
    reached = level >= limit
    if not quorum:
        strength = "weak"
    elif reached:
        strength = "strong"
    elif level > MAJORITY:
        strength = "moderate"
    else:
        strength = "weak"
    return Outcome(_truncate(level), float(limit), leaders[0], strength, reached, False, quorum, float(cast),
                   float(seated), table, _dissent(ballots, leaders[0]))


def _dissent(ballots: Sequence[Ballot], leader: str | None) -> list[dict]:
    return [{"member_id": b.member_id, "position": b.position or ABSTAIN, "reason": b.reason}
            for b in ballots if b.position is None or b.position != leader]


def _truncate(level: Fraction) -> float:
    return float(Fraction(int(level * 1000), 1000))
