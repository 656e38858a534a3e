"""How far one generation may go: token caps and time limits per purpose, and a guard that stops a
stream early when it degenerates (repeats itself, or echoes the prompt or the chat template).

Caps and limits per purpose (the kind of work the call serves), overridable per tenant in
`tenants.settings.llm` like the tier limits (operators edit it, tenants cannot):

    {"llm": {"max_tokens": {"interactive": 512}, "seconds": {"panel": 30}}}

A cap is also bounded by the agent's own `max_tokens` where the caller gives one.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

# purpose -> (max completion tokens, seconds for the whole call)
PURPOSES: dict[str, tuple[int, float]] = {
    "interactive": (1024, 60.0),   # Ask Expert modes 1-2: a person waits for the stream
    "autonomous": (1024, 120.0),   # modes 3-4: each plan, step, synthesis
    "panel": (512, 60.0),          # a panel member's or committee member's turn
    "workflow": (1024, 120.0),     # a tenant's own workflow's llm/agent node
}
REPETITION_NGRAM = 8   # words in a phrase that, seen REPETITION_TIMES, means the model is looping
REPETITION_TIMES = 3
# Where a model has stopped answering: it echoes the prompt's passages (openai_compat's section, or a
# "[n] (Title) ..." line of it), starts a
# new turn of the chat template, or writes its end-of-turn token as text. A leading "<start_of_turn>model"
# is only markup, and a restated "Question: ..." line is common in small models' answers: grounding strips
# both (PROMPT_LINES) without stopping the stream.
ECHO = re.compile(r"^\s*Passages:|^\s*\[\d{1,3}\]\s*\(|<start_of_turn>user|"
                  r"<\|im_start\|>(?:user|system)|<\|start_header_id\|>(?:user|system)|\[INST\]|<<SYS>>|"
                  r"<end_of_turn>|<\|im_end\|>|<\|eot_id\|>|<\|end_of_text\|>|</s>", re.M)
PROMPT_LINES = re.compile(r"^\s*(?:Passages|Question|Instructions|Suggested steps|Options):")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Bounds:
    max_tokens: int
    seconds: float
    ngram: int = REPETITION_NGRAM


def bounds_for(tenant_settings: dict, purpose: str, agent_max_tokens: int | None = None) -> Bounds:
    """The cap and time limit of one call for `purpose`, the tenant's overrides applied."""
    tokens, seconds = PURPOSES[purpose]
    own = tenant_settings.get("llm") if isinstance(tenant_settings.get("llm"), dict) else {}
    tokens = _number(own.get("max_tokens"), purpose, tokens)
    seconds = _number(own.get("seconds"), purpose, seconds)
    if agent_max_tokens:
        tokens = min(tokens, agent_max_tokens)
    return Bounds(max(1, int(tokens)), max(1.0, float(seconds)))


def _number(table, purpose: str, default):
    """An override from {purpose: value}; one that is not a positive number leaves the default."""
    value = table.get(purpose) if isinstance(table, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return default
    return value


class Guard:
    """Watches a stream's text as it grows; `check` says why it must stop, and `keep` how much of it stands.

    Repetition: a phrase of `ngram` words seen `REPETITION_TIMES` times; what is kept ends before its
    second occurrence. Echo: the prompt's scaffolding or a chat template's control tokens; what is kept
    ends before it. Time: the call's seconds have passed (what came so far is kept).
    """

    def __init__(self, bounds: Bounds, started: float | None = None):
        self.bounds = bounds
        self.deadline = (time.monotonic() if started is None else started) + bounds.seconds
        self.text = ""
        self.keep = 0
        self._words: list[tuple[str, int]] = []
        self._seen: dict[tuple[str, ...], list[int]] = {}
        self._scanned = 0

    def check(self, delta: str) -> str | None:
        self.text += delta
        echo = ECHO.search(self.text)
        if echo:
            self.keep = echo.start()
            return "prompt_echo"
        # Words are complete once whitespace follows them: scan up to the last whitespace.
        end = max(self.text.rfind(" "), self.text.rfind("\n"))
        for m in _WORD.finditer(self.text, self._scanned, end + 1 if end >= 0 else 0):
            self._words.append((m.group(0).lower().strip(".,;:!?\"'()[]"), m.start()))
            self._scanned = m.end()
            n = self.bounds.ngram
            if len(self._words) >= n:
                gram = tuple(w for w, _ in self._words[-n:])
                starts = self._seen.setdefault(gram, [])
                starts.append(self._words[-n][1])
                if len(starts) >= REPETITION_TIMES:
                    self.keep = starts[1]
                    return "repetition"
        self.keep = len(self.text)
        if time.monotonic() > self.deadline:
            return "time_limit"
        return None
