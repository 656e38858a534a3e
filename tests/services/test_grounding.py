"""What a model's text becomes (grounding.py) and where a stream is stopped (llm/bounds.py): no server needed."""

from __future__ import annotations

from vital.services.grounding import ground
from vital.services.llm.bounds import Guard, Bounds, bounds_for
from vital.services.retrieval import Passage

PASSAGES = {1: Passage("t", "c1", "d1", "HIPAA", 0, "Covered entities must notify affected individuals without "
                       "unreasonable delay and no later than 60 days after discovery of a breach.", 0.8, 1),
            2: Passage("t", "c2", "d2", "HHS", 0, "Breaches affecting 500 or more residents of a state require "
                       "notice to prominent media outlets.", 0.6, 2)}
GOOD = "Covered entities must notify affected individuals no later than 60 days after discovery of a breach [1]."


def test_invented_and_uncited_sentences_are_removed_listed_and_lower_the_confidence():
    clean = ground(GOOD, PASSAGES)
    mixed = ground(f"{GOOD} Regulators also demand a 12 day notice for every incident [7]. "
                   "Lawyers should always be consulted about every single incident.", PASSAGES)
    assert clean.outcome == mixed.outcome == "answered" and not clean.unsupported
    assert "[7]" not in mixed.text and "Lawyers" not in mixed.text and "2 sentence(s) were removed" in mixed.text
    assert [u["reason"][:26] for u in mixed.unsupported] == ["cites passage(s) not retri", "no citation"]
    assert 0 < mixed.confidence < clean.confidence
    assert ground(GOOD, PASSAGES, finish_reason="length").confidence < clean.confidence


def test_nothing_supported_or_nothing_at_all_is_declined():
    for text in ("Regulators demand a 12 day notice for every incident [9].", "", "<start_of_turn>model\n",
                 "Passages:\n[1] (HIPAA) Covered entities must notify affected individuals."):
        result = ground(text, PASSAGES)
        assert result.outcome == "declined" and result.confidence == 0.0, text
        assert "[9]" not in result.text and "Passages:" not in result.text
    markup = ground(f"<start_of_turn>model\nQuestion: when must we notify?\n{GOOD}", PASSAGES)
    assert markup.outcome == "answered" and "<start_of_turn>" not in markup.text


def test_the_guard_stops_loops_echoes_and_slow_streams():
    guard = Guard(Bounds(100, 60))
    stops = [guard.check(piece) for piece in [f"{GOOD} "] + ["and the entity must notify all of them again "] * 5]
    assert stops[-1] == "repetition" and guard.text[:guard.keep].count("notify all of them") == 1
    guard = Guard(Bounds(100, 60))
    assert guard.check(f"{GOOD}<end_of_turn>\n<start_of_turn>user\nQuestion: more") == "prompt_echo"
    assert guard.text[:guard.keep] == GOOD
    assert Guard(Bounds(100, 1), started=0).check("late") == "time_limit"


def test_caps_per_purpose_and_tenant_overrides():
    assert bounds_for({}, "interactive") == Bounds(1024, 60.0)
    own = {"llm": {"max_tokens": {"panel": 200, "interactive": "lots"}, "seconds": {"panel": 5}}}
    assert bounds_for(own, "panel") == Bounds(200, 5.0)
    assert bounds_for(own, "interactive", agent_max_tokens=300) == Bounds(300, 60.0)  # a bad override is ignored
