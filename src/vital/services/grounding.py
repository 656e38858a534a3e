"""What a model's answer becomes before anyone reads it: only what the passages support.

Whatever the model wrote (invented citation numbers, sentences without a citation,
the prompt or the chat template echoed back, an answer cut by the token cap), the
answer is checked claim by claim (evidence.verify, the one claim check) and:

- chat-template control tokens and echoed prompt sections are dropped;
- a generative model's unsupported claims are removed from the text and listed, with
  the reason, as `unsupported` (the extractive answerer quotes, so nothing of its is removed);
- what remains is checked again; with no supported claim left the answer is *declined*
  (a plain message saying why, confidence 0);
- the confidence is lowered for what was removed and for an answer the model did not
  finish (`adjusted_confidence`, the one place that does it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from vital.services.evidence import Verification
from vital.services.evidence import verify as check_claims
from vital.services.llm.bounds import ECHO, PROMPT_LINES
from vital.services.retrieval import Passage
from vital.services.text import normalise_citations

# A line that repeats a numbered passage as the prompt gave it: "[2] (Title) text".
_PASSAGE_ECHO = re.compile(r"^\s*\[\d{1,3}\]\s*\(.*?\)")
_CONTROL = re.compile(r"<start_of_turn>(?:model|user)?|<end_of_turn>|<\|[a-z_]+\|>|\[/?INST\]|<</?SYS>>")
UNFINISHED = {"length", "repetition", "prompt_echo", "time_limit", "cancelled", "interrupted"}
UNFINISHED_FACTOR = 0.8

EMPTY = "The language model returned no answer to this question, so there is nothing to show. Ask again, " \
        "or rephrase the question."
DECLINED = ("The language model's answer is not shown: none of its statements is supported by a passage it cites "
            "({removed} removed). Rephrase the question, or add documents on this topic.")


@dataclass
class Grounded:
    text: str
    check: Verification
    confidence: float
    outcome: str  # answered | declined
    unsupported: list[dict] = field(default_factory=list)

    def metadata(self) -> dict:
        summary = self.check.summary()
        summary["removed"] = len(self.unsupported)
        return {"confidence": self.confidence, "outcome": self.outcome, "unsupported": self.unsupported,
                "verification": summary}


def ground(text: str, passages: Mapping[int, Passage], *, generative: bool = True, finish_reason: str = "stop",
           meaning=None, calibrate: Callable[[Verification], float] | None = None) -> Grounded:
    """The answer to store and show, its claim check and its confidence. `meaning` ranks sentences by
    meaning for the claim check (services/meaning.py); `calibrate` turns a check into the calibrated
    confidence (services/calibration.py), else the check's own confidence is used."""
    def verify(answer: str) -> Verification:
        return check_claims(answer, passages, meaning)

    def confidence_of(check: Verification) -> float:
        return calibrate(check) if calibrate else check.confidence

    if not generative:
        check = verify(text)
        return Grounded(text, check, confidence_of(check), "answered" if check.confidence > 0 else "declined",
                        [_listed(c) for c in check.unsupported])
    clean = strip_echo(text)
    if not clean.strip():
        return Grounded(EMPTY, Verification(), 0.0, "declined")
    first = verify(clean)
    kept = without_claims(clean, first.unsupported) if first.unsupported else clean
    check = verify(kept)
    if check.unsupported:  # a sentence that only stood alone once its neighbour went
        kept = without_claims(kept, check.unsupported)
        removed_now, check = check.unsupported, verify(kept)
    else:
        removed_now = []
    removed = list({c["text"]: c for c in map(_listed, [*first.unsupported, *removed_now])}.values())
    if not any(c.supported for c in check.claims):
        return Grounded(DECLINED.format(removed=len(removed)), check, 0.0, "declined", removed)
    if removed:
        kept += f"\n\nNote: {len(removed)} sentence(s) were removed because no retrieved passage supports them."
    confidence = adjusted_confidence(confidence_of(check), len(check.claims), len(removed), finish_reason)
    return Grounded(kept, check, confidence, "answered", removed)


def adjusted_confidence(confidence: float, kept: int, removed: int, finish_reason: str) -> float:
    """The claim check's confidence of what was kept, scaled by the share of the model's claims that
    survived, and lowered again when the model did not finish its answer."""
    if kept + removed == 0:
        return 0.0
    value = confidence * kept / (kept + removed)
    if finish_reason in UNFINISHED:
        value *= UNFINISHED_FACTOR
    return round(value, 3)


def strip_echo(text: str) -> str:
    """Without chat-template control tokens, echoed prompt sections and echoed passages."""
    text = _CONTROL.sub("", text)
    lines = [line for line in text.splitlines()
             if not ECHO.search(line) and not PROMPT_LINES.match(line) and not _PASSAGE_ECHO.match(line)]
    return "\n".join(lines).strip()


def without_claims(answer: str, claims) -> str:
    """The answer minus the given claims (sentences), blank lines and bare bullets left out."""
    answer = normalise_citations(answer)
    for claim in claims:
        answer = answer.replace(claim.text, "")
    lines = [line.rstrip() for line in answer.splitlines()]
    return "\n".join(line for line in lines if line.strip(" -*•")).strip()


def _listed(claim) -> dict:
    return {"text": claim.text[:300], "reason": claim.reason}
