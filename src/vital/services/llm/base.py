"""One small interface for every model: a request in, a stream of text out, a result with usage.

Tasks are few and named, so that the offline extractive answerer and a real
chat model answer the same requests:
- ``answer``: a grounded answer citing passages as [n];
- ``plan``: the steps of an autonomous run (``data["steps"]``);
- ``contribute``: a panel member's argument and vote (``data["position"]``, ``data["confidence"]``).

Every call ends with a result, whatever the model does: the stream's own end, or an early stop
by its guard (bounds.py: repetition, prompt echo, time limit) or by its consumer (a client that
went away). Both of the latter close the endpoint's stream, so generation stops there too, and
count the tokens with the tokenizer (tokens.py; `estimated`). An endpoint that fails raises
ModelUnavailable carrying what the call spent (`result`), so that it is still recorded.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from vital.errors import VitalError
from vital.services.llm.bounds import Bounds, Guard
from vital.services.llm.tokens import count_tokens
from vital.services.retrieval import Passage

Task = Literal["answer", "plan", "contribute"]


@dataclass(frozen=True)
class ChatRequest:
    task: Task
    question: str
    system: str = ""
    agent_name: str = ""
    passages: Sequence[Passage] = ()
    history: Sequence[tuple[str, str]] = ()
    instructions: str = ""
    options: Sequence[str] = ()
    context: str = ""
    temperature: float = 0.2
    max_tokens: int = 0  # 0: the purpose's cap (llm.bounds); else at most this
    seconds: float = 120.0  # the whole call, first byte to last
    purpose: str = "workflow"  # which caps apply (bounds.PURPOSES): interactive, autonomous, panel, workflow
    stance_hint: str | None = None  # adversarial panels: "advocate" or "opponent"


@dataclass
class ChatResult:
    text: str
    provider: str
    model: str
    data: dict[str, Any] = field(default_factory=dict)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: int = 0
    first_token_ms: int | None = None
    cost_usd: float = 0.0
    status: Literal["succeeded", "failed"] = "succeeded"
    #: stop (the model ended), length (the token cap), repetition, prompt_echo, time_limit, cancelled, error
    finish_reason: str = "stop"
    estimated: bool = False  # token counts from the tokenizer, not from the endpoint

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class ModelUnavailable(VitalError):
    """The endpoint failed (unreachable, timed out, refused, broke off, answered garbage): 502.
    `result` is what the call spent; `context` names what it served (the session, the panel), for the client."""

    code = "llm_unavailable"
    status = 502

    def __init__(self, message: str, *, hint: str | None = None, details: str | None = None):
        super().__init__(message, hint=hint, details=details)
        self.result: ChatResult | None = None
        self.context: dict[str, str] = {}


class ChatStream:
    """Iterate for text deltas; `result` is set once the stream ends, however it ends."""

    def __init__(self, model: "ChatModel", request: ChatRequest):
        self._model = model
        self._request = request
        self.result: ChatResult | None = None

    def __iter__(self) -> Iterator[str]:
        request = self._request
        started = time.perf_counter()
        first: float | None = None
        # The extractive answerer quotes the passages (an echo by design) and cannot loop.
        guard = Guard(Bounds(request.max_tokens, request.seconds)) if self._model.generative else None
        parts: list[str] = []
        gen = self._model._generate(request)
        stopped: str | None = None
        try:
            while True:
                delta = next(gen)
                if not delta:
                    continue
                if first is None:
                    first = time.perf_counter()
                emitted = len(guard.text) if guard else 0
                if guard and (stopped := guard.check(delta)):
                    delta = guard.text[emitted:guard.keep]
                parts.append(delta)
                if delta:
                    yield delta
                if stopped:
                    break
        except StopIteration as stop:
            result: ChatResult = stop.value
        except ModelUnavailable as exc:
            exc.result = exc.result or self._model.finish(request, "".join(parts), None, "error")
            exc.result.status = "failed"
            self.result = self._timed(exc.result, started, first)
            raise
        except GeneratorExit:  # the consumer went away (a client disconnected): stop the endpoint too
            gen.close()
            self.result = self._timed(self._model.finish(request, "".join(parts), None, "cancelled"), started, first)
            raise
        if stopped:
            gen.close()  # closes the HTTP stream: the endpoint stops generating
            # What stands ends where the guard said (the consumer may have seen a little more of the loop).
            result = self._model.finish(request, guard.text[:guard.keep], None, stopped)
            result.completion_tokens = count_tokens(guard.text)  # everything received was generated, and paid
        if not result.text:
            result.text = "".join(parts)
        self.result = self._timed(result, started, first)

    @staticmethod
    def _timed(result: "ChatResult", started: float, first: float | None) -> "ChatResult":
        result.latency_ms = int((time.perf_counter() - started) * 1000)
        result.first_token_ms = int((first - started) * 1000) if first is not None else None
        return result


class ChatModel(ABC):
    provider: str
    model: str
    #: True when the model writes its own text (it can revise a draft, argue, change its mind).
    generative: bool = True

    def stream(self, request: ChatRequest) -> ChatStream:
        return ChatStream(self, request)

    def complete(self, request: ChatRequest) -> ChatResult:
        stream = self.stream(request)
        for _ in stream:
            pass
        assert stream.result is not None
        return stream.result

    def finish(self, request: ChatRequest, text: str, usage: tuple[int, int] | None,
               finish_reason: str = "stop") -> ChatResult:
        """The result of a call that produced `text`; `usage` (prompt, completion) as the endpoint reported
        it, else counted with the tokenizer and marked estimated. Models parse plans and votes here."""
        result = ChatResult(text=text, provider=self.provider, model=self.model, finish_reason=finish_reason)
        if usage is None:
            result.prompt_tokens, result.completion_tokens = count_tokens(prompt_text(request)), count_tokens(text)
            result.estimated = True
        else:
            result.prompt_tokens, result.completion_tokens = usage
        return result

    @abstractmethod
    def _generate(self, request: ChatRequest) -> Iterator[str]:
        """Yield text deltas, then return the ChatResult (text may be left empty: it is joined)."""


def prompt_text(request: ChatRequest) -> str:
    """Everything a request sends to a model, as one text (for counting its tokens)."""
    return " ".join([request.system, request.question, request.instructions, request.context,
                     *(text for _, text in request.history), *(p.text for p in request.passages)])
