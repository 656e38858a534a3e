"""What the management pages (knowledge, administration, personas) share: an API refusal in
words and ids from paths (answers.py's, as the other pages use them), the answer to a form (on to the next page, or the refusal with nothing
changed), and a multipart body for uploads, which the in-process call sends as it is."""

from __future__ import annotations

import json
import secrets

from starlette.responses import JSONResponse, Response

from vital.console.answers import api_error, path_id
from vital.console.inprocess import Reply
from vital.console.render import HEADERS


def problem(reply) -> str:
    """The API's own message and hint (written for people), else GoTrue's error in words."""
    return api_error(reply)


def uuid_or_nowhere(value: str | None) -> str:
    return path_id(value or "")


def rows(reply) -> list[dict]:
    """A list the API answered, or nothing when it refused (the page then says so)."""
    body = reply.json() if reply.ok else None
    return body if isinstance(body, list) else []


def untouched(reply, message: str):
    """A write RLS let through without touching a row (a platform row, say) is a refusal: say so."""
    if reply.ok and not reply.json():
        return Reply(403, {}, json.dumps({"message": message}).encode())
    return reply


def wants_json(visit) -> bool:
    return "application/json" in visit.request.headers.get("accept", "")


def answered(visit, reply, next_url: str, back: tuple[str, str], what: str) -> Response:
    """After a form: on to `next_url`, or the API's refusal in words with nothing changed."""
    if reply.ok:
        return visit.redirect(next_url)
    status = reply.status if 400 <= reply.status < 500 else 503
    return visit.render("notice.html", status, title=f"{what}: not done",
                        text=f"{problem(reply)} Nothing was changed.", link=back)


def json_answer(visit, payload: dict, status: int = 200) -> Response:
    return visit.finish(JSONResponse(payload, status, headers=HEADERS))


def multipart(fields: list[tuple[str, str]], files: list[tuple[str, str, bytes, str]]) -> tuple[bytes, str]:
    """A multipart/form-data body: text fields, then (field, filename, bytes, content type) files."""
    boundary = f"vital-{secrets.token_hex(12)}"
    parts: list[bytes] = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, data, kind in files:
        safe = filename.replace('"', "'").replace("\r", " ").replace("\n", " ")
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{safe}"\r\n'
                     f"Content-Type: {kind or 'application/octet-stream'}\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
