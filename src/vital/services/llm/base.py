"""One small interface for every model: a request in, a stream of text out, a result with usage.

Tasks are few and named, so that the offline extractive answerer and a real
chat model answer the same requests:
- ``answer``: a grounded answer citing passages as [n];
- ``plan``: the steps of an autonomous run (``data["steps"]``);
- ``contribute``: a panel member's argument and vote (``data["position"]``, ``data["confidence"]``).
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

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
    max_tokens: int = 1024
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

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class ChatStream:
    """Iterate for text deltas; `result` is set once the stream is exhausted."""

    def __init__(self, model: "ChatModel", request: ChatRequest):
        self._model = model
        self._request = request
        self.result: ChatResult | None = None

    def __iter__(self) -> Iterator[str]:
        started = time.perf_counter()
        first: float | None = None
        parts: list[str] = []
        gen = self._model._generate(self._request)
        try:
            while True:
                delta = next(gen)
                if delta:
                    if first is None:
                        first = time.perf_counter()
                    parts.append(delta)
                    yield delta
        except StopIteration as stop:
            result: ChatResult = stop.value
        result.latency_ms = int((time.perf_counter() - started) * 1000)
        result.first_token_ms = int((first - started) * 1000) if first is not None else None
        if not result.text:
            result.text = "".join(parts)
        self.result = result


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

    @abstractmethod
    def _generate(self, request: ChatRequest) -> Iterator[str]:
        """Yield text deltas, then return the ChatResult (text may be left empty: it is joined)."""
