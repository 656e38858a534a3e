"""Answers on the platform library, as a fresh install gives them: the default embedding model (int8
MiniLM), retrieval, sentences chosen by meaning, the calibrated confidence and declines.

One database (the library template, its library embedded by the default model; vectors from the
tests' vector cache after the first run), one pass over the held-out questions through Ask Expert
(mode 1, a session per question, in-process), shared by every test here. The held-out questions
were never used to fit anything (bench/calibrate.py fits on the dev set)."""

from __future__ import annotations

import copy
import json
import os
import re
import tomllib
from pathlib import Path

import pytest
from psycopg_pool import ConnectionPool

from tests import pg
from tests.services.conftest import agent_id
from vital.db.connection import SESSION_OPTIONS, with_user
from vital.library.seeding import seed_library
from vital.services import calibration
from vital.services.ask_expert.service import AskExpert
from vital.services.llm import ChatRequest
from vital.services.llm.extractive import ExtractiveModel
from vital.services.evidence import verify
from vital.services.meaning import Meaning, for_settings, is_heading, sentence_texts
from vital.services.retrieval import Passage
from vital.settings import Settings
from vital.tenancy import Caller

QUESTIONS = Path(__file__).resolve().parents[2] / "src" / "vital" / "library" / "questions"
SETTINGS = Settings(environment="test", embedding_provider="local", services_retrieval="knowledge",
                    vector_cache_dir=pg.LIBRARY_CACHE)


def heldout() -> list[dict]:
    found = []
    for path in sorted(QUESTIONS.glob("*.toml")):
        found += [q for q in tomllib.loads(path.read_text())["question"] if q["set"] == "heldout"]
    return found


@pytest.fixture(scope="module")
def library():
    name = pg.clone(template=pg.LIBRARY)
    with pg.connect(name, autocommit=True) as conn:
        seed_library(conn, SETTINGS)  # the default model's vectors, as `vital up` seeds them
        conn.execute("UPDATE tenants SET settings = settings || '{\"limits\": {\"sessions_per_day\": 100000, "
                     "\"tokens_per_day\": 1000000000}}' WHERE subdomain = 'acme'")
        tenant, user = conn.execute("SELECT t.id, u.id FROM tenants t, auth.users u WHERE t.subdomain = 'acme' "
                                    "AND u.email = 'ada@acme.example'").fetchone()
    pool = ConnectionPool(with_user(pg.url(name), "vital_api"), min_size=1, max_size=2, open=True,
                          kwargs={"options": SESSION_OPTIONS, "autocommit": True})
    yield AskExpert(pool, Caller.member(tenant, user), SETTINGS), agent_id(name, "acme", "biostatistician"), name
    pool.close()
    pg.drop(name)


@pytest.fixture(scope="module")
def answers(library) -> list[tuple[dict, dict]]:
    """Every held-out question and the stored answer Ask Expert gave it."""
    service, agent, _ = library
    out = []
    for q in heldout():
        session = service.create(mode=1, query=q["text"], agent_id=agent)
        out.append((q, service.ask(session["id"], q["text"])))
    if os.environ.get("ANSWERS_DUMP"):  # to compare two runs' answers (docs/knowledge.md, "Confidence", round 4)
        Path(os.environ["ANSWERS_DUMP"]).write_text(json.dumps([
            {"id": q.get("id", q["text"]), "fact": right(q, m), "confidence": m["metadata"]["confidence"],
             "features": m["metadata"]["assessment"]["features"], "content": m["content"]} for q, m in out], indent=1))
    return out


def right(q: dict, message: dict) -> bool:
    return not message["metadata"]["assessment"]["declined"] and re.search(q["fact"], message["content"]) is not None


def figures(answers) -> tuple[float, float, int, int]:
    answerable = [(q, m) for q, m in answers if not q.get("decline")]
    out_of_scope = [m for q, m in answers if q.get("decline")]
    fact = sum(right(q, m) for q, m in answerable) / len(answerable)
    confident_wrong = sum(m["metadata"]["confidence"] >= 0.5 and (q.get("decline") or not right(q, m))
                          for q, m in answers) / len(answers)
    declined = sum(m["metadata"]["assessment"]["declined"] for m in out_of_scope)
    return fact, confident_wrong, declined, len(out_of_scope)


def test_held_out_answers_hold_their_floor(answers):
    """What the held-out set measured when this was built (docs/knowledge.md, "Confidence"): a regression
    below it fails here."""
    fact, confident_wrong, declined, out_of_scope = figures(answers)
    # Measured 0.809 / 0.098 / 8 of 8 on AVX-512 VNNI (round 4), alone and after other modules alike since ties in
    # search rank by id (round 3's 0.108 in a full-suite run was another tie order); int8 kernels round differently
    # on other CPUs (AVX2 without VNNI), which moves a few ranks, so the floors leave three or four answers of room.
    # The 0.10 is at the edge: not asserted.
    assert fact >= 0.77 and confident_wrong <= 0.13 and declined >= out_of_scope - 2, \
        (fact, confident_wrong, declined, out_of_scope)


def test_every_answer_quotes_whole_cited_sentences_and_never_a_heading(answers):
    for q, message in answers:
        lines = message["content"].splitlines()[2:]
        if message["metadata"]["assessment"]["declined"]:
            assert message["content"].startswith("Not in your documents") and not message["citations"]
            continue
        assert lines and message["citations"], q["text"]
        for line in lines:
            assert re.search(r" \[\d+\][.!?]$", line) and not is_heading(re.sub(r" \[\d+\]", "", line)), line


@pytest.mark.parametrize("question, fact", [
    ("how long must we keep the trial master file for a study run under the EU CTR?", "25 years"),
    ("surgical study, no way to blind the surgeons, how do we keep outcome assessment unbiased?",
     "PROBE|blinded endpoint assessment"),
])
def test_the_first_quoted_sentence_carries_the_fact(answers, question, fact):
    message = next(m for q, m in answers if q["text"] == question)
    first = message["content"].splitlines()[2]
    assert re.search(fact, first), first
    assert message["metadata"]["confidence"] >= 0.5


def test_an_out_of_scope_question_is_declined_naming_the_closest_documents(answers):
    declined = [m for q, m in answers if q.get("decline") and m["metadata"]["assessment"]["declined"]]
    assert declined
    for message in declined:
        closest = message["metadata"]["assessment"]["closest_documents"]
        assert message["metadata"]["confidence"] < 0.3 and closest
        assert all(f'"{title}"' in message["content"] for title in closest)
        assert "not in your documents" in message["content"].lower()


def test_seeding_embedded_every_library_sentence_an_answer_can_quote(library, answers):
    """A fresh process's first answers embed the question, not the library's sentences: `vital up` put them
    in the vector cache with the chunks' vectors."""
    *_, name = library
    with pg.connect(name) as conn:
        texts = [r[0] for r in conn.execute(
            "SELECT c.chunk_text FROM rag_knowledge_chunks c JOIN rag_documents d ON d.id = c.document_id "
            "JOIN knowledge_sources s ON s.id = d.source_id WHERE s.slug = 'vital-platform-library'")]
    wanted = sentence_texts(texts)
    stored = for_settings(SETTINGS).stored()
    assert len(wanted) > 1500 and stored is not None
    assert sum(v is None for v in stored.known(wanted)) == 0


def test_a_heading_closest_to_the_question_is_not_quoted():
    passage = Passage("t", "c1", "d1", "Doc", 0, "Reporting timelines for fatal SUSARs\n"
                      "Fatal or life-threatening SUSARs go to the authority within 7 days of the sponsor's first "
                      "knowledge.\nOther SUSARs are reported within 15 days.", 0.8, 1)
    result = ExtractiveModel(for_settings(SETTINGS)).complete(ChatRequest(
        task="answer", question="What are the reporting timelines for fatal SUSARs?", passages=[passage]))
    lines = result.text.splitlines()[2:]
    assert any("within 7 days" in line for line in lines)
    assert not any(line.startswith("Reporting timelines") for line in lines)


def test_a_quoted_claim_is_checked_without_embedding_the_answer_again():
    """The extractive answer quotes sentences the ranking embedded: the claim check reuses their vectors
    (the quote holds its marker before the full stop) and embeds only a claim that says it otherwise."""
    meaning = Meaning(for_settings(SETTINGS).embedder)  # a cache of its own: nothing seen before
    embedded: list[str] = []
    real = meaning.embedder.embed
    meaning.embedder = copy.copy(meaning.embedder)
    meaning.embedder.embed = lambda texts: embedded.extend(texts) or real(texts)
    passages = {1: Passage("t", "c1", "d1", "Doc", 0, "Fatal or life-threatening SUSARs go to the authority "
                           "within 7 days of the sponsor's first knowledge. Other SUSARs are reported within "
                           "15 days.", 0.8, 1)}
    answer = ExtractiveModel(meaning).complete(ChatRequest(
        task="answer", question="How fast must a fatal SUSAR be reported?", passages=list(passages.values()))).text
    ranked = len(embedded)
    check = verify(answer, passages, meaning)
    assert check.claims and all(c.supported and c.support > 0.99 for c in check.claims)
    assert len(embedded) == ranked  # no claim embedded again
    reworded = verify("The authority hears of a fatal SUSAR within 7 days of the sponsor's first knowledge [1].",
                      passages, meaning)
    assert reworded.claims[0].supported and 0.7 < reworded.claims[0].support < 0.99
    assert len(embedded) == ranked + 1 and embedded[-1].startswith("The authority hears")


def test_focus_brings_forward_a_later_passage_that_answers_but_embeds_no_new_one():
    meaning = for_settings(SETTINGS)
    filler = [Passage("t", f"f{i}", f"d{i}", "Doc", 0, f"Monitoring visits at site {i} review the consent forms "
                      "and the drug accountability logs.", 0.9) for i in range(3)]
    question = "How fast must a fatal SUSAR be reported to the authority?"
    seen = Passage("t", "a1", "d9", "Doc", 0, "Fatal or life-threatening SUSARs go to the authority within "
                   "7 days of the sponsor's first knowledge.", 0.5)
    meaning.sentence_vectors([seen])  # a chunk this process has embedded before
    assert seen in meaning.focus(question, filler + [seen], keep=2)
    cold = Passage("t", "a2", "d8", "Doc", 0, "A fatal SUSAR reaches the competent authority no later than "
                   "seven days after the sponsor learns of it.", 0.5)
    assert {p.chunk_id for p in meaning.focus(question, filler + [cold], keep=2)} == {"f0", "f1"}


@pytest.mark.parametrize("text, places", [
    ("do the Japanese regulators want CDISC data?", {"japan"}),
    ("what does the PMDA charge?", {"japan"}),
    ("how do I register a drug with the Saudi FDA?", {"saudi_arabia", "us"}),
    ("after we launch in germany, when does IQWiG publish?", {"germany"}),
    ("polish the draft before it goes to us", set()),  # lower case: a verb and a pronoun, not places
    ("file the MDR within 30 days", set()),  # FDA's device report shares the EU regulation's name
])
def test_a_place_is_known_by_its_other_forms(text, places):
    assert calibration.places(text) == places


def test_a_question_naming_a_place_the_documents_do_not_cover_is_declined_naming_it(library):
    """Taiwan's regulator asked about a drug master file: FDA passages on the same product read close, but no
    retrieved passage speaks of Taiwan (a dev question: what round 1 answered at 0.68)."""
    service, agent, _ = library
    question = "what does Taiwan's TFDA ask for in a drug master file?"
    message = service.ask(service.create(mode=1, query=question, agent_id=agent)["id"], question)
    assessment = message["metadata"]["assessment"]
    assert assessment["declined"] and assessment["unspoken_jurisdictions"] == ["Taiwan"]
    assert message["metadata"]["confidence"] < 0.3 and not message["citations"]
    assert message["content"].startswith("Not in your documents: nothing that was retrieved speaks of Taiwan (")


def test_a_place_named_by_its_adjective_is_found_under_its_regulators_name(library):
    """"Japanese regulators" and a passage on "Japan's PMDA": the same place, so the answer stands."""
    service, agent, _ = library
    question = "do the Japanese regulators also insist on CDISC datasets for a new drug filing?"
    message = service.ask(service.create(mode=1, query=question, agent_id=agent)["id"], question)
    assert not message["metadata"]["assessment"]["declined"]
    assert message["metadata"]["assessment"]["unspoken_jurisdictions"] == []
    assert "PMDA also requires CDISC" in message["content"] and message["metadata"]["confidence"] >= 0.5
