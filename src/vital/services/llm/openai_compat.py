"""Any OpenAI-compatible chat endpoint (OpenAI, Azure, vLLM, Ollama, llama.cpp server) via the openai SDK."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import openai

from vital.services.llm.base import ChatModel, ChatRequest, ChatResult, ModelUnavailable

__all__ = ["ModelUnavailable", "OpenAICompatibleModel", "parse_steps", "parse_vote"]

_STEP = re.compile(r"^\s*(?:\d+[.)]|[-*])\s*(.+?)\s*$")
_JSON = re.compile(r"\{.*\}", re.S)

GROUNDING = ("Answer only from the numbered passages. Put the passage number in square brackets after "
             "every sentence that states a fact, like [2]. Never cite a passage that does not say what the "
             "sentence says. If the passages do not answer the question, say so plainly.")
PLANNING = ("Break the question into 3 to 7 concrete research steps that can each be answered by searching "
            "the knowledge base. Reply with the steps only, one per line, numbered 1., 2., ...")
CONTRIBUTING = ("You sit on an expert panel. Argue from the numbered passages, citing them as [n]. Then choose "
                "exactly one option, or abstain if the evidence is insufficient. Reply with a JSON object: "
                '{"argument": "...", "position": "<option or abstain>", "confidence": <0..1>}.')


class OpenAICompatibleModel(ChatModel):
    generative = True

    def __init__(self, *, model: str, base_url: str | None, api_key: str | None, timeout: float,
                 usage_provider: str = "openai", price_prompt_per_1k: float = 0.0,
                 price_completion_per_1k: float = 0.0, system_role: str = "system"):
        self.model = model
        self._system_role = system_role
        self.provider = usage_provider
        self._prices = (price_prompt_per_1k, price_completion_per_1k)
        self._timeout = timeout
        # A local endpoint needs no key, but the SDK insists on one. No retry: a failed call is reported at once
        # (a person waits), and a retried generation would be paid twice.
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout,
                                     max_retries=0)

    def _generate(self, request: ChatRequest) -> Iterator[str]:
        messages = self._messages(request)
        parts: list[str] = []
        usage, finish = None, None
        stream = None
        # Between two pieces of the stream the wait is bounded by the call's own time limit too.
        client = self._client.with_options(timeout=min(self._timeout, request.seconds))
        try:
            stream = client.chat.completions.create(
                model=self.model, messages=messages, stream=True, stream_options={"include_usage": True},
                temperature=request.temperature, max_tokens=request.max_tokens or None)
            for chunk in stream:
                if getattr(chunk, "usage", None):
                    usage = chunk.usage
                for choice in getattr(chunk, "choices", None) or ():
                    if getattr(choice, "finish_reason", None):
                        finish = choice.finish_reason
                    delta = choice.delta.content if getattr(choice, "delta", None) else None
                    if isinstance(delta, str):
                        delta = delta.replace("\x00", "")  # PostgreSQL's text and jsonb cannot hold NUL
                    if isinstance(delta, str) and delta:
                        parts.append(delta)
                        yield delta
        except openai.APITimeoutError as exc:
            raise self._failed(request, parts, f"The language model did not answer within {request.seconds:g} s.",
                               exc, hint="Raise the tenant's llm.seconds or the endpoint's capacity, or ask again.")
        except (openai.APIConnectionError, httpx.TransportError) as exc:
            hint = "Check VITAL_LLM_BASE_URL, or unset VITAL_LLM_PROVIDER for the offline answerer."
            what = "broke off the answer midway" if parts else "cannot be reached"
            raise self._failed(request, parts, f"The language model endpoint {what}.", exc, hint=hint)
        except openai.APIStatusError as exc:
            raise self._failed(request, parts,
                               f"The language model endpoint refused the request ({exc.status_code}).", exc)
        except (openai.APIError, httpx.HTTPError, ValueError, TypeError, AttributeError, KeyError) as exc:
            # ValueError covers JSON that does not parse; the others, JSON of the wrong shape.
            raise self._failed(request, parts, "The language model endpoint answered with something that is "
                               "not an OpenAI-compatible completion.", exc,
                               hint="Check that VITAL_LLM_BASE_URL is the endpoint's /v1 address.")
        finally:
            if stream is not None:
                stream.close()  # also when the consumer stopped early: the endpoint stops generating
        reported = (int(usage.prompt_tokens or 0), int(usage.completion_tokens or 0)) if usage else None
        # A stream that ended without saying why (no finish_reason, no usage) was cut off on the way.
        reason = "length" if finish == "length" else "stop" if finish or usage else "interrupted"
        return self.finish(request, "".join(parts), reported, reason)

    def finish(self, request: ChatRequest, text: str, usage: tuple[int, int] | None,
               finish_reason: str = "stop") -> ChatResult:
        result = super().finish(request, text, usage, finish_reason)
        if request.task == "plan":
            result.data = {"steps": parse_steps(text)}
        elif request.task == "contribute":
            result.data, result.text = parse_vote(text, request.options)
        result.cost_usd = round(result.prompt_tokens / 1000 * self._prices[0]
                                + result.completion_tokens / 1000 * self._prices[1], 6)
        return result

    def _failed(self, request: ChatRequest, parts: list[str], message: str, exc: Exception,
                hint: str | None = None) -> ModelUnavailable:
        """The error, with what the call spent: the prompt was read once the endpoint started answering."""
        error = ModelUnavailable(message, details=f"{type(exc).__name__}: {str(exc)[:300]}", hint=hint)
        error.result = self.finish(request, "".join(parts), None, "error")
        if not parts and not isinstance(exc, (openai.APITimeoutError, ValueError, TypeError)):
            error.result.prompt_tokens = 0  # refused or unreachable: nothing was generated or read
        error.result.status = "failed"
        return error

    def _messages(self, request: ChatRequest) -> list[dict]:
        task = {"answer": GROUNDING, "plan": PLANNING, "contribute": CONTRIBUTING}[request.task]
        system = "\n\n".join(x for x in (request.system, task) if x)
        # Some chat templates drop a system message without a word (llama.cpp's gemma format does): then the
        # instructions lead the user's message instead, or the model never sees them.
        head = self._system_role == "system"
        messages = [{"role": "system", "content": system}] if head else []
        messages += [{"role": role, "content": content} for role, content in request.history]
        parts = [] if head else [system]
        if request.passages:
            parts.append("Passages:\n" + "\n".join(f"[{p.ref}] ({p.title}) {p.text}" for p in request.passages))
        if request.context:
            parts.append(request.context)
        if request.options:
            label = "Options" if request.task == "contribute" else "Suggested steps"
            parts.append(f"{label}: " + "; ".join(request.options))
        if request.stance_hint:
            parts.append(f"Your assigned role: {request.stance_hint}.")
        if request.instructions:
            parts.append(f"Instructions: {request.instructions}")
        parts.append(f"Question: {request.question}")
        messages.append({"role": "user", "content": "\n\n".join(parts)})
        return messages


def parse_steps(text: str) -> list[str]:
    steps = [m.group(1) for line in text.splitlines() if (m := _STEP.match(line))]
    return steps[:7] or [line.strip() for line in text.splitlines() if line.strip()][:7]


def parse_vote(text: str, options) -> tuple[dict, str]:
    """{position, confidence} and the argument, from the model's JSON (lenient)."""
    found = _JSON.search(text)
    try:
        obj = json.loads(found.group(0)) if found else {}
    except json.JSONDecodeError:
        obj = {}
    position = str(obj.get("position") or "").strip()
    choices = {o.lower(): o for o in options}
    chosen = choices.get(position.lower())
    try:
        conf = max(0.0, min(1.0, float(obj.get("confidence", 0.5))))
    except (TypeError, ValueError):
        conf = 0.5
    argument = str(obj.get("argument") or text).strip()
    return {"position": chosen, "confidence": conf if chosen else 0.0}, argument

