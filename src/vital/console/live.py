"""A run's timeline as it happens: the console's relay of the API's server-sent events for an
autonomous session or a panel, each event put in words (`words.event_text`) so that the page's
script only writes text. A panel's relay also sends each new contribution as the run writes it,
read through the API like everything else. The stream ends when the run rests (it waits for a
person, is paused or ends); the page's script opens it again while its action is under way."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable

from starlette.responses import Response, StreamingResponse

from vital.console import words
from vital.console.answers import api_error, event_error
from vital.console.inprocess import Reply
from vital.console.render import HEADERS
from vital.console.visit import Visit

Extra = Callable[[str, dict], Awaitable[list[tuple[str, dict]]]]


def frame(name: str, data: dict) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, default=str)}\n\n".encode()


def parse(block: str) -> tuple[str, dict]:
    name, data = "message", ""
    for line in block.split("\n"):
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data += line[5:].strip()
    try:
        return name, json.loads(data) if data else {}
    except ValueError:
        return name, {}


async def relay(visit: Visit, path: str, after: int, extra: Extra | None = None) -> Response:
    """The API's events after `after`, as `step` events ({sequence, event, text, at}), `end` and `error`,
    plus whatever `extra` adds for an event (a panel's new contributions)."""
    status, _, chunks = await visit.stream("GET", path, query={"after": str(max(after, 0))})
    if status >= 400:
        collected = b"".join([c async for c in chunks])
        return visit.finish(event_error(api_error(Reply(status, {}, collected), visit.session.role)))

    async def frames() -> AsyncIterator[bytes]:
        buffer = ""
        async for chunk in chunks:
            buffer += chunk.decode("utf-8", "replace")
            while "\n\n" in buffer:
                block, buffer = buffer.split("\n\n", 1)
                if block.startswith(":"):  # the API's heartbeat while the run is quiet: passed on, it keeps
                    yield f"{block}\n\n".encode()  # the browser's connection alive too, and shows as nothing
                    continue
                name, data = parse(block)
                if name in ("end", "timeout"):
                    yield frame("end", data)
                elif name == "error":
                    yield frame("error", {"message": data.get("message") or "The run's timeline stopped."})
                else:
                    payload = data.get("payload") or {}
                    yield frame("step", {"sequence": data.get("sequence"), "event": name, "at": data.get("at"),
                                         "text": words.event_text(name, payload)})
                    for extra_name, extra_data in (await extra(name, payload) if extra else []):
                        yield frame(extra_name, extra_data)

    return visit.finish(StreamingResponse(frames(), media_type="text/event-stream",
                                          headers={**HEADERS, "X-Accel-Buffering": "no"}))


def after_of(visit: Visit) -> int:
    try:
        return int(visit.request.query_params.get("after") or 0)
    except ValueError:
        return 0
