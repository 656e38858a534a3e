"""GoTrue's PKCE flow (RFC 7636) for the links and single sign-on: the client's code challenge
is stored when the flow starts; once the link or the provider has said who signs in, the
browser gets `?code=<auth code>` instead of tokens in the fragment, and
`POST /token?grant_type=pkce` trades that code once, with the verifier, for a session.
The database keeps only the sha256 of the code (vital.pkce_flows, migration
20261124000025_sign_in_gaps), for `CODE_SECONDS`."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from uuid import UUID

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from vital.auth.gotrue import GoTrueError
from vital.db.errors import translate
from vital.db.queries import Queries

SQL = Queries(__name__)
CODE_SECONDS = 300  # GoTrue's flow state expiry
METHODS = ("s256", "plain")
_CHALLENGE = re.compile(r"[A-Za-z0-9._~-]{43,128}")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def challenge_of(body: dict[str, Any]) -> tuple[str, str] | None:
    """The (challenge, method) of a request body, None for the implicit flow; GoTrue's errors when half there."""
    challenge, method = body.get("code_challenge"), body.get("code_challenge_method")
    if not challenge and not method:
        return None
    if not isinstance(challenge, str) or not isinstance(method, str) or not challenge or not method:
        raise GoTrueError(400, "validation_failed", "PKCE flow requires code_challenge_method and code_challenge")
    if method.lower() not in METHODS:
        raise GoTrueError(400, "validation_failed", f"code challenge method {method!r} is not supported: "
                          "use s256 or plain")
    if not _CHALLENGE.fullmatch(challenge):
        raise GoTrueError(400, "validation_failed", "code challenge must be 43 to 128 characters of "
                          "A-Z a-z 0-9 - . _ ~")
    return challenge, method.lower()


def with_code(url: str, code: str) -> str:
    """Where the browser goes at the end of a PKCE flow: the target with `?code=` (as GoTrue), no fragment."""
    parts = urlsplit(url)
    query = urlencode([*parse_qsl(parts.query, keep_blank_values=True), ("code", code)])
    return urlunsplit(parts._replace(query=query, fragment=""))


def begin(conn: psycopg.Connection, tenant_id: UUID, source_hash: str, challenge: tuple[str, str]) -> None:
    """Stores the challenge of a flow whose link or SSO state has this sha256 (in the caller's transaction)."""
    conn.execute(SQL("pkce.begin"), {"tenant_id": tenant_id, "source_hash": source_hash,
                                     "challenge": challenge[0], "method": challenge[1]})


def issue_code(pool: ConnectionPool, tenant_id: UUID, source_hash: str, user_id: UUID, method: str) -> str | None:
    """The auth code for a PKCE flow now signed in by `method`, or None when the flow is implicit."""
    code = secrets.token_urlsafe(32)
    with translate(), pool.connection() as conn:
        coded = conn.execute(SQL("pkce.code"), {
            "tenant_id": tenant_id, "source_hash": source_hash, "user_id": user_id, "method": method,
            "code_hash": _sha256(code),
            "expires_at": datetime.now(timezone.utc) + timedelta(seconds=CODE_SECONDS)}).fetchone()[0]
    return code if coded else None


def exchange(pool: ConnectionPool, tenant_id: UUID, auth_code: Any, verifier: Any) -> tuple[UUID, str]:
    """The user and sign-in method of a code whose challenge the verifier answers; GoTrue's errors otherwise."""
    if not isinstance(auth_code, str) or not auth_code or not isinstance(verifier, str) or not verifier:
        raise GoTrueError(400, "validation_failed",
                          "invalid request: both auth code and code verifier should be non-empty")
    s256 = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    with translate(), pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
        found = cur.execute(SQL("pkce.exchange"), {"tenant_id": tenant_id, "code_hash": _sha256(auth_code),
                                                   "verifier": verifier, "verifier_s256": s256}).fetchone()
    if found["outcome"] == "ok":
        return found["user_id"], found["sign_in_method"]
    if found["outcome"] == "expired":
        raise GoTrueError(422, "flow_state_expired", "invalid flow state, flow state has expired")
    if found["outcome"] == "bad_verifier":
        raise GoTrueError(400, "bad_code_verifier", "code challenge does not match previously saved code verifier")
    raise GoTrueError(404, "flow_state_not_found", "invalid flow state, no valid flow state found")
