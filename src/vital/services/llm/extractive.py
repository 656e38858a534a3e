"""The offline answerer: no network, no key, no model. It quotes; it does not write.

Answers are built from the retrieved passages' own whole sentences, each followed
by its citation: with a semantic embedding model (the default), the sentences
closest in meaning to the question (meaning.py), the closest first followed
by the sentence after it in its passage (a lead-in's fact), dropping those far
below it; with the hashing fallback, those that contain most of the
question's words (rarer words count more). A heading is never quoted. Every answer starts by saying that it is extractive. Token counts
are estimates (about 1.3 per word) so that budgets and tier limits behave as
they would with a model; the cost is zero.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vital.services.evidence import confidence, verify
from vital.services.llm.base import ChatModel, ChatRequest, ChatResult
from vital.services.meaning import Meaning, is_heading
from vital.services.retrieval import Passage
from vital.services.text import estimate_tokens, idf_cover, overlap, sentences, term_set, terms

NOTE = "Extractive answer (no language model was used): the sentences below are quoted from the retrieved passages."
NOTHING = ("Extractive answer (no language model was used): nothing that was retrieved answers this question. "
           "Add documents on this topic to the knowledge base, or rephrase the question.")
MAX_SENTENCES = 5
MAX_CHARS = 1200
# By meaning, one sentence and 300 characters more: on the dev questions (bench/calibrate.py, 108 answerable)
# the fact was quoted in 88 answers instead of 85, as the 1,200-character cap cut the sixth sentence; 7 and
# 1,800 quoted it in 89, a wall of quotes for one more.
MEANING_SENTENCES = 6
MEANING_CHARS = 1500
RELATIVE_FLOOR = 0.5  # keep sentences covering at least half as much of the question as the best one
# By meaning: keep sentences scoring within this much of the best one (meaning.py). Measured on the dev
# questions (bench/calibrate.py): 0.15 found the fact in 74 of 94 answers, 0.25 in 77, wider no more.
MEANING_MARGIN = 0.25
MAX_PLAN_STEPS = 5

# Explicit advice against something; anything softer ("without delay") is not a stance.
_AGAINST = re.compile(r"\b(?:should|must|may|can)\s+not\b|\b(?:is|are|was|were)\s+not\s+(?:recommended|required|"
                      r"acceptable|appropriate|permitted|allowed|advised|supported)\b|\bnot\s+recommended\b|"
                      r"\bavoid(?:ed)?\b|\bcontraindicated\b|\bunsafe\b|\bprohibited\b|\bdiscouraged\b", re.I)
COVER_SUPPORT = 0.5
COVER_PARTIAL = 0.2
_CLAUSE = re.compile(r"\?|;|\band\b|\bthen\b|,\s*(?:and|or)\b", re.I)


class ExtractiveModel(ChatModel):
    provider = "extractive"
    model = "extractive-v1"
    generative = False  # quotes only: cannot rewrite a draft or argue; see panels for what stands in

    def __init__(self, meaning: Meaning | None = None):
        self.meaning = meaning  # None: sentences chosen by shared words (the hashing fallback)

    def pick(self, request: ChatRequest, limit: int | None = None) -> list[tuple[str, Passage]]:
        if self.meaning is not None:
            return pick_by_meaning(request.question, request.passages, self.meaning, limit or MEANING_SENTENCES)
        return pick_sentences(request.question + " " + request.instructions, request.passages,
                              limit or MAX_SENTENCES)

    def _generate(self, request: ChatRequest) -> Iterator[str]:
        if request.task == "plan":
            return (yield from self._plan(request))
        if request.task == "contribute":
            return (yield from self._contribute(request))
        return (yield from self._answer(request))

    # -- answer ----------------------------------------------------------------
    def _answer(self, request: ChatRequest) -> Iterator[str]:
        picked = self.pick(request)
        if not picked:
            yield NOTHING
            return self._result(request, NOTHING)
        lines = [NOTE, ""]
        yield NOTE + "\n\n"
        for sentence, passage in picked:
            line = cite(sentence, passage.ref)
            lines.append(line)
            yield line + "\n"
        return self._result(request, "\n".join(lines))

    # -- plan ------------------------------------------------------------------
    def _plan(self, request: ChatRequest) -> Iterator[str]:
        steps = list(request.options) or plan_steps(request.question)
        if request.instructions:
            steps.append(f"Address the reviewer's request: {request.instructions.strip()}")
        text = "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))
        yield text
        return self._result(request, text, data={"steps": steps})

    # -- contribute ------------------------------------------------------------
    def _contribute(self, request: ChatRequest) -> Iterator[str]:
        picked = self.pick(request, limit=2)
        options = list(request.options) or ["support", "oppose"]
        if not picked:
            text = (f"{request.agent_name or 'This member'} (extractive) found no evidence on this question "
                    "in the knowledge base and abstains.")
            yield text
            return self._result(request, text, data={"position": None, "confidence": 0.0})
        body = " ".join(cite(s, p.ref) for s, p in picked)
        position = stance(request.question, body, options, request.stance_hint)
        refs = {p.ref: p for _, p in picked}
        conf = confidence(verify(body, refs), refs) if position else 0.0
        text = (f"{request.agent_name or 'Member'} (extractive, quoting the evidence): {body} "
                + (f"Position: {position}." if position else "Position: abstains (the evidence does not address it)."))
        yield text
        return self._result(request, text, data={"position": position, "confidence": conf})

    def _result(self, request: ChatRequest, text: str, data: dict | None = None) -> ChatResult:
        prompt = " ".join([request.system, request.question, request.instructions, request.context,
                           *(p.text for p in request.passages)])
        return ChatResult(text=text, provider=self.provider, model=self.model, data=data or {},
                          prompt_tokens=estimate_tokens(prompt), completion_tokens=estimate_tokens(text),
                          estimated=True)


def cite(sentence: str, ref: int) -> str:
    """The sentence with its citation before the final punctuation: "... the power [1]."."""
    body = sentence.rstrip()
    end = body[-1] if body and body[-1] in ".!?" else "."
    return f"{body.rstrip('.!?').rstrip()} [{ref}]{end}"


def pick_sentences(question: str, passages: list[Passage] | tuple, limit: int = MAX_SENTENCES,
                   ) -> list[tuple[str, Passage]]:
    """The passages' sentences that best cover the question's words, best first, no near-duplicates."""
    wanted = terms(question)
    if not wanted:
        return []
    candidates = [(s, p, term_set(s)) for p in passages for line in p.text.splitlines()
                  if line.strip() and not is_heading(line) for s in sentences(line)]
    covers = idf_cover(wanted, [ts for _, _, ts in candidates])
    scored = [(cover * (0.75 + 0.25 * passage.score), -order, sentence, passage, ts)
              for order, ((sentence, passage, ts), cover) in enumerate(zip(candidates, covers)) if cover > 0]
    scored.sort(reverse=True)
    # A sentence sharing one common word with the question is not an answer to it.
    floor = RELATIVE_FLOOR * scored[0][0] if scored else 0
    return _without_repeats([(s[2], s[3]) for s in scored if s[0] >= floor], limit)


def pick_by_meaning(question: str, passages, meaning: Meaning, limit: int = MEANING_SENTENCES,
                    ) -> list[tuple[str, Passage]]:
    """The passages' whole sentences closest in meaning to the question, the closest first and the sentence
    after it next; those more than MEANING_MARGIN below the closest do not bear on the question."""
    ranked = meaning.rank(question, passages)
    if not ranked:
        return []
    floor = ranked[0].score - MEANING_MARGIN
    chosen = [s for s in ranked if s.score >= floor]
    # The best sentence is often a lead-in ("The TMF Reference Model ... is the industry's standard index")
    # whose next sentence holds the fact ("Version 3 organises documents into 11 zones"), which reads far
    # from the question on its own: it follows the best one, whatever its score.
    best = ranked[0]
    after = next((s for s in ranked if s.passage.chunk_id == best.passage.chunk_id
                  and s.position == best.position + 1), None)
    if after is not None:
        chosen = [best, after] + [s for s in chosen[1:] if s is not after]
    return _without_repeats([(s.sentence, s.passage) for s in chosen], limit, MEANING_CHARS)


def _without_repeats(ranked: list[tuple[str, Passage]], limit: int, max_chars: int = MAX_CHARS,
                     ) -> list[tuple[str, Passage]]:
    """Best first, skipping near-duplicates (overlapping chunks repeat sentences), within MAX_CHARS."""
    picked: list[tuple[str, Passage]] = []
    seen: list[set[str]] = []
    chars = 0
    for sentence, passage in ranked:
        ts = term_set(sentence)
        if any(len(ts & other) >= 0.8 * max(1, min(len(ts), len(other))) for other in seen):
            continue
        if picked and chars + len(sentence) > max_chars:
            break
        picked.append((sentence, passage))
        seen.append(ts)
        chars += len(sentence)
        if len(picked) == limit:
            break
    return picked


def plan_steps(question: str) -> list[str]:
    """One evidence-gathering step per clause of the question, then a step that weighs the findings."""
    clauses = [c.strip(" ,.") for c in _CLAUSE.split(question) if terms(c)]
    steps = [f"Gather the evidence on: {c}" for c in clauses[: MAX_PLAN_STEPS - 1]] or \
            [f"Gather the evidence on: {question.strip()}"]
    steps.append("Check the evidence for conflicts, gaps and caveats, then answer the question")
    return steps


def stance(question: str, evidence: str, options: list[str], hint: str | None = None) -> str | None:
    """What quoted evidence can say about a proposal, without understanding it.

    Advocates and opponents keep their side. Evidence that advises against
    something explicitly (should not, avoid, contraindicated...) votes the last
    option; evidence covering at least half of the question's words votes the
    first; partial cover votes a middle option ("with conditions"); thin cover
    abstains (None).
    """
    if hint == "advocate":
        return options[0]
    if hint == "opponent":
        return options[-1]
    if _AGAINST.search(evidence):
        return options[-1]
    cover = overlap(terms(question), term_set(evidence))
    if cover >= COVER_SUPPORT:
        return options[0]
    if cover >= COVER_PARTIAL:
        return options[len(options) // 2] if len(options) > 2 else options[0]
    return None
