"""How one answer is judged and how a run's figures come from the judgements, on answers written
here (no database): quoted sentences against their chunks, declines, the empty cases."""

from __future__ import annotations

from vital.evaluation.judge import Retrieved, citation_counts, judge
from vital.evaluation.metrics import compute

CHUNK = "Adverse events are coded with MedDRA. The coding conventions are agreed before database lock."
DOCS = [Retrieved("d1", "Data management plan", "data-management-plan", None),
        Retrieved("d2", "Randomisation", "randomisation-and-blinding", "biostatistics/randomisation.md")]


def test_a_quoted_sentence_must_be_in_the_chunk_it_cites():
    answer = ("Extractive answer (no language model was used): the sentences below are quoted.\n\n"
              "Adverse events are coded with MedDRA [1].\n"
              "The coding is done in WHO-ART [1].\n"
              "The coding conventions are agreed before database lock [2].")
    assert citation_counts(answer, {1: CHUNK, 2: CHUNK}, generative=False) == (3, 2)
    assert citation_counts(answer, {1: CHUNK}, generative=False) == (3, 1)  # [2] cites nothing retrieved
    # A model's paraphrase counts when the chunk holds most of its words; a quote would not match.
    assert citation_counts("Events get MedDRA coding from adverse event terms [1].", {1: CHUNK},
                           generative=True) == (1, 1)


def test_judgements_and_the_figures_of_a_run():
    right = judge(expected_document="data-management-plan", fact_pattern="meddra", should_decline=False,
                  documents=DOCS, answer="Coded with MedDRA [1].", confidence=0.8,
                  metadata={"extractive": True}, cited_text={1: CHUNK}, cited_documents=DOCS[:1])
    assert (right.hit_rank, right.fact_found, right.declined, right.correct) == (1, True, False, True)
    by_source = judge(expected_document="biostatistics/randomisation.md", fact_pattern=None, should_decline=False,
                      documents=DOCS, answer="x [1].", confidence=0.6, metadata={}, cited_text={},
                      cited_documents=DOCS[1:])
    assert by_source.hit_rank == 2 and by_source.correct  # no fact: the expected document is among those cited
    unsure = judge(expected_document=None, fact_pattern=None, should_decline=True, documents=DOCS,
                   answer="Nothing retrieved answers this.", confidence=0.1, metadata={}, cited_text={},
                   cited_documents=[])
    assert unsure.declined and unsure.correct and unsure.hit_rank is None
    answered = judge(expected_document=None, fact_pattern=None, should_decline=True, documents=DOCS,
                     answer="Coded with MedDRA [1].", confidence=0.7, metadata={}, cited_text={1: CHUNK},
                     cited_documents=DOCS[:1])
    assert not answered.declined and not answered.correct

    def row(j, should_decline, confidence, latency, **extra):
        return {"error": None, "should_decline": should_decline, "expected_document": extra.get("doc"),
                "fact_pattern": extra.get("fact"), "hit_rank": j.hit_rank, "fact_found": j.fact_found,
                "declined": j.declined, "correct": j.correct, "confidence": confidence,
                "citations_total": j.citations_total, "citations_valid": j.citations_valid, "latency_ms": latency}

    rows = [row(right, False, 0.8, 100, doc="x", fact="y"), row(by_source, False, 0.6, 300, doc="x"),
            row(unsure, True, 0.1, 50), row(answered, True, 0.7, 200),
            {"error": "not_found: gone", "should_decline": False, "declined": None}]
    m = compute(rows, k=1)
    assert (m["questions"], m["judged"], m["errors"], m["answerable"], m["should_decline"]) == (5, 4, 1, 2, 2)
    assert m["hit_at_k"] == 0.5 and m["mrr"] == 0.75 and m["fact_recall"] == 1.0
    assert m["decline_precision"] == 1.0 and m["decline_recall"] == 0.5
    assert m["wrong_confident_rate"] == 0.25 and m["correct"] == 0.75
    assert m["latency_ms_p50"] == 100 and m["latency_ms_p95"] == 300
    empty = compute([], k=5)
    assert empty["mrr"] is None and empty["citation_validity"] is None and empty["latency_ms_p50"] is None
