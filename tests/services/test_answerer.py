"""The offline answerer and the claim check, without a database."""

from __future__ import annotations

from vital.services.evidence import verify
from vital.services.llm import ChatRequest
from vital.services.llm.extractive import NOTE, ExtractiveModel, plan_steps, stance
from vital.services.retrieval import Passage


def passage(ref: int, text: str, score: float = 0.5) -> Passage:
    return Passage("t", f"c{ref}", f"d{ref}", f"Doc {ref}", 0, text, score, ref)


MARGIN = passage(1, "The non-inferiority margin must be justified from historical placebo-controlled trials. "
                    "Unrelated sentence about catering.")
SIZE = passage(2, "The sample size of a non-inferiority trial depends on the margin, the event rates and the power.")


def test_answer_quotes_and_cites_and_says_it_is_extractive():
    model = ExtractiveModel()
    result = model.complete(ChatRequest(task="answer", question="How is the non-inferiority margin justified?",
                                        passages=[MARGIN, SIZE]))
    assert result.text.startswith(NOTE)
    assert "historical placebo-controlled trials [1]." in result.text
    assert "catering" not in result.text
    check = verify(result.text, {1: MARGIN, 2: SIZE})
    assert check.claims and not check.unsupported and check.confidence > 0.5
    assert result.provider == "extractive" and result.cost_usd == 0 and result.prompt_tokens > 0


def test_answer_streams_in_pieces():
    stream = ExtractiveModel().stream(ChatRequest(task="answer", question="non-inferiority margin sample size",
                                                  passages=[MARGIN, SIZE]))
    pieces = list(stream)
    assert len(pieces) >= 2 and "".join(pieces).strip() == stream.result.text.strip()
    assert stream.result.first_token_ms is not None


def test_nothing_retrieved_means_no_claim_and_zero_confidence():
    result = ExtractiveModel().complete(ChatRequest(task="answer", question="What is the capital of Peru?",
                                                    passages=[SIZE]))
    assert "nothing that was retrieved answers this question" in result.text
    assert verify(result.text, {2: SIZE}).confidence == 0.0


def test_verify_flags_missing_unknown_and_unsupported_citations():
    check = verify("The margin must be justified from historical trials [1]. Sample size depends on the power. "
                   "Regulators always accept any margin [1]. The event rates drive the size [7].", {1: MARGIN, 2: SIZE})
    reasons = [c.reason for c in check.unsupported]
    assert reasons == ["no citation", "the cited passage does not say this", "cites passage(s) not retrieved: [7]"]
    assert check.claims[0].supported


def test_citation_after_the_full_stop_belongs_to_its_sentence():
    check = verify("The sample size depends on the margin and the power. [2] The margin is justified from "
                   "historical placebo-controlled trials. [1]", {1: MARGIN, 2: SIZE})
    assert [c.refs for c in check.claims] == [[2], [1]] and not check.unsupported


def test_plan_has_a_step_per_clause_then_a_check():
    steps = plan_steps("What margin should we use and how many patients do we need?")
    assert len(steps) == 3 and steps[-1].startswith("Check the evidence")


def test_plan_follows_a_mission_template_and_the_reviewer():
    result = ExtractiveModel().complete(ChatRequest(task="plan", question="q", options=["One", "Two"],
                                                    instructions="also cover the EU"))
    assert result.data["steps"] == ["One", "Two", "Address the reviewer's request: also cover the EU"]


def test_offline_stance():
    options = ["support", "support-with-conditions", "oppose"]
    question = "Should we use decentralised trial elements?"
    assert stance(question, "Decentralised trial elements improve recruitment.", options) == "support"
    assert stance(question, "Decentralised elements should not be used for imaging.", options) == "oppose"
    assert stance(question, "Trial recruitment is slow.", options) == "support-with-conditions"
    assert stance(question, "Catering is provided.", options) is None
    assert stance(question, "anything", options, hint="opponent") == "oppose"
