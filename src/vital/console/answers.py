"""What an API reply means to a page: its error in words, ids taken from a path, a stream that
carries only an error, and the answer to a page's action (a redirect without script, JSON for the
page's script)."""

from __future__ import annotations

import json
from uuid import UUID

from starlette.responses import JSONResponse, Response, StreamingResponse

from vital.console.render import HEADERS
from vital.console.signin import explain

NOWHERE = "00000000-0000-0000-0000-000000000000"  # an id that finds nothing: the API answers 404


def api_error(reply, role: str | None = None) -> str:
    """The API's own message and hint (its errors are written for people), else GoTrue's in words. A
    refusal the database made because of the person's role (403) also says what that role may do."""
    body = reply.json() if reply.body else None
    text = explain(reply)
    if isinstance(body, dict):
        message, hint = body.get("message") or body.get("msg"), body.get("hint")
        if message:
            text = f"{message} {hint}" if hint else message
    if reply.status == 403 and role == "viewer":
        text += (" You are a viewer in this organisation: you can read everything you are shown, but not add or "
                 "change anything. Nothing was changed. Ask one of its admins for the member role.")
    return text


def path_id(value: str) -> str:
    try:
        return str(UUID(value))
    except ValueError:
        return NOWHERE


def event_error(message: str) -> StreamingResponse:
    data = json.dumps({"message": message})
    return StreamingResponse(iter([f"event: error\ndata: {data}\n\n".encode()]), media_type="text/event-stream",
                             headers=HEADERS)


def from_script(visit) -> bool:
    return visit.request.headers.get("x-requested-with") == "fetch"


def acted(visit, reply, next_url: str, back: tuple[str, str]) -> Response:
    """After a page's action: on to `next_url`, or the API's refusal in words (nothing changed)."""
    if reply.ok:
        if from_script(visit):
            return visit.finish(JSONResponse({"next": next_url}, headers=HEADERS))
        return visit.redirect(next_url)
    status = reply.status if 400 <= reply.status < 500 else 503
    message = api_error(reply, visit.session.role)
    if from_script(visit):
        return visit.finish(JSONResponse({"error": message}, status, headers=HEADERS))
    return visit.render("notice.html", status, title="That did not work", text=message, link=back)
