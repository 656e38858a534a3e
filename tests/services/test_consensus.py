"""Consensus arithmetic (docs/services.md, "Consensus"): weights, abstentions, ties, quorum, the chair."""

from __future__ import annotations

import pytest

from vital.services.panels.consensus import Ballot, tally


def ballots(*votes, chair: int | None = None, weights: dict[int, float] | None = None):
    return [Ballot(f"m{i}", v, (weights or {}).get(i, 1.0), chair == i, f"reason {i}") for i, v in enumerate(votes)]


def test_unanimous_panel_is_strong():
    out = tally(ballots("approve", "approve", "approve"), 0.7)
    assert (out.level, out.leader, out.reached, out.strength, out.dissent) == (1.0, "approve", True, "strong", [])


def test_level_is_the_leading_share_of_the_weight_cast():
    out = tally(ballots("a", "a", "b", weights={2: 2.0}), 0.6)
    assert out.tally == {"a": 2.0, "b": 2.0} and out.tie
    out = tally(ballots("a", "a", "b", weights={0: 3.0}), 0.6)
    assert out.level == 0.8 and out.leader == "a" and out.reached  # 4 of 5


@pytest.mark.parametrize("threshold, level, reached, strength", [
    (0.7, 0.666, False, "moderate"),   # 2 of 3: a majority below the threshold
    (0.65, 0.666, True, "strong"),
    (0.5, 0.666, True, "strong"),
])
def test_threshold_decides_reached(threshold, level, reached, strength):
    out = tally(ballots("a", "a", "b"), threshold)
    assert (out.level, out.reached, out.strength) == (level, reached, strength)


def test_plurality_without_majority_is_weak():
    out = tally(ballots("a", "a", "b", "c", "d"), 0.6)
    assert (out.leader, out.level, out.strength) == ("a", 0.4, "weak")


def test_abstentions_leave_the_denominator_but_count_for_quorum():
    out = tally(ballots("a", "a", "b", None), 0.6)
    assert out.level == 0.666 and out.reached and out.quorum  # 2 of 3 cast; 3 of 4 voted
    assert out.tally == {"a": 2.0, "b": 1.0, "abstain": 1.0}
    assert {d["member_id"]: d["position"] for d in out.dissent} == {"m2": "b", "m3": "abstain"}


def test_without_quorum_agreement_is_at_most_weak():
    out = tally(ballots("a", None, None, None), 0.7)
    assert out.level == 1.0 and out.reached and not out.quorum and out.strength == "weak"


def test_quorum_is_exactly_half():
    assert tally(ballots("a", "a", None, None), 0.7).strength == "strong"


def test_everyone_abstains():
    out = tally(ballots(None, None), 0.5)
    assert (out.level, out.leader, out.strength, out.reached) == (0.0, None, "none", False)
    assert len(out.dissent) == 2


def test_no_votes_at_all():
    out = tally([], 0.7)
    assert (out.level, out.leader, out.strength) == (0.0, None, "none")


def test_a_tie_is_no_consensus_even_at_a_half_threshold():
    out = tally(ballots("for", "against"), 0.5)  # adversarial threshold
    assert out.tie and out.level == 0.0 and out.leader is None and not out.reached and out.strength == "none"
    assert len(out.dissent) == 2  # nobody holds the recommendation: every view is kept


def test_three_way_tie():
    out = tally(ballots("a", "b", "c"), 0.6)
    assert out.tie and out.leader is None


def test_chair_counts_double_in_a_committee_only():
    votes = ballots("approve", "reject", "reject", chair=0)
    assert tally(votes, 0.75, committee=False).leader == "reject"
    out = tally(votes, 0.75, committee=True)
    assert out.tie and out.tally == {"approve": 2.0, "reject": 2.0}


def test_committee_supermajority_at_exactly_75_percent():
    # chair (2) + one member (1) for, one against: 3 of 4 = 0.75, strong.
    out = tally(ballots("approve", "approve", "reject", chair=0), 0.75, committee=True)
    assert out.level == 0.75 and out.reached and out.strength == "strong"


def test_committee_just_below_75_percent_is_moderate():
    # chair (2) + one (1) for, two against: 3 of 5 = 0.6.
    out = tally(ballots("approve", "approve", "reject", "reject", chair=0), 0.75, committee=True)
    assert (out.level, out.reached, out.strength) == (0.6, False, "moderate")


def test_seeded_committee_example():
    # docs/domains/services.md: chair and three of four others for: 5 of 6 weighted votes.
    out = tally(ballots("approve", "approve", "approve", "approve", "reject", chair=0), 0.75, committee=True)
    assert out.level == 0.833 and out.strength == "strong"


def test_chair_abstaining_counts_double_for_quorum_only():
    out = tally(ballots(None, "a", "b", "b", chair=0), 0.75, committee=True)
    assert out.level == 0.666 and out.quorum  # 3 cast of 5 seated
    assert out.tally["abstain"] == 2.0


def test_level_is_truncated_so_the_database_agrees():
    # 7 of 10.01 would round to 0.700 but is below 0.7: stored 0.699, not reached.
    out = tally(ballots("a", "b", weights={0: 7.0, 1: 3.01}), 0.7)
    assert out.level == 0.699 and not out.reached and out.strength == "moderate"
