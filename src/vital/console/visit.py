"""One request to the console: its tenant (from the host, exactly as the API decides it), its
session, calls to the public API as the signed-in person (refreshing the access token when it
is about to expire), and the CSRF and Origin checks of state-changing requests."""

from __future__ import annotations

import hmac
import time
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vital.api.auth import resolve_tenant
from vital.auth.tokens import mint_key
from vital.console import inprocess, session as sessions
from vital.console.render import page, secure
from vital.errors import VitalError
from vital.settings import Settings


class Refused(Exception):
    """A console request that cannot go on: answered with `response` (a page or a redirect)."""

    def __init__(self, response: Response):
        self.response = response


class Visit:
    def __init__(self, request: Request, tenant, session: sessions.Session):
        self.request, self.tenant, self.session = request, tenant, session
        self.settings: Settings = request.app.state.api.settings
        self.changed = self.fresh = False

    # -- building one ----------------------------------------------------------------------------
    @classmethod
    async def of(cls, request: Request, *, signed_in: bool = True) -> "Visit":
        try:
            tenant = await resolve_tenant(request)
        except VitalError:
            raise Refused(page("unknown_host.html", 404, host=request.headers.get("host", ""),
                               base=request.app.state.api.settings.base_domain)) from None
        settings = request.app.state.api.settings
        found = sessions.load(request, settings, tenant.subdomain)
        visit = cls(request, tenant, found or sessions.Session(tenant.subdomain))
        visit.changed = visit.fresh = found is None
        if signed_in:
            await visit.require_person()
        return visit

    async def require_person(self) -> None:
        if self.session.needs_refresh():
            await self.refresh()
        if not self.session.signed_in:
            target = self.request.url.path + (f"?{self.request.url.query}" if self.request.url.query else "")
            raise Refused(self.finish(RedirectResponse(f"/sign-in?next={quote(target, safe='')}", 303)))

    async def refresh(self) -> None:
        reply = await self.auth("POST", "/auth/v1/token", query={"grant_type": "refresh_token"},
                                json_body={"refresh_token": self.session.refresh_token})
        if reply.ok:
            self.open(reply.json(), keep=True)
        else:  # the session ended (signed out elsewhere, expired, reused): sign in again
            self.session = self.session.signed_out()
            self.changed = True

    def open(self, grant: dict[str, Any], keep: bool = False) -> None:
        """Keep a GoTrue session answer (access + refresh token) in the sealed cookie; a refresh
        (`keep`) keeps the forms' CSRF token, a sign-in makes a new one."""
        user = grant.get("user") or {}
        before = self.session
        self.session = sessions.Session(
            self.tenant.subdomain, access_token=grant["access_token"], refresh_token=grant.get("refresh_token"),
            expires_at=int(grant.get("expires_at") or time.time() + int(grant.get("expires_in") or 3600)),
            email=user.get("email"), user_id=user.get("id"),
            role=(user.get("app_metadata") or {}).get("tenant_role"))
        if keep:
            self.session.csrf, self.session.tenant_name = before.csrf, before.tenant_name
        self.changed = True

    # -- the public API, as this person --------------------------------------------------------------
    def _headers(self, extra: dict | None = None) -> dict[str, str]:
        headers = {"apikey": mint_key(self.settings, "anon"), **(extra or {})}
        if self.session.access_token:
            headers["authorization"] = f"Bearer {self.session.access_token}"
        return headers

    async def auth(self, method: str, path: str, **kw) -> inprocess.Reply:
        """/auth/v1 with the anon key (and the person's token when signed in)."""
        return await inprocess.call(self.request, method, path, headers=self._headers(kw.pop("headers", None)), **kw)

    async def api(self, method: str, path: str, **kw) -> inprocess.Reply:
        return await inprocess.call(self.request, method, path, headers=self._headers(kw.pop("headers", None)), **kw)

    async def stream(self, method: str, path: str, body: bytes = b"", query: dict | None = None):
        headers = {"accept": "text/event-stream"}
        if method != "GET":
            headers.update({"content-type": "application/json", "content-length": str(len(body))})
        return await inprocess.stream(self.request, method, path, body=body, query=query,
                                      headers=self._headers(headers))

    # -- forms -----------------------------------------------------------------------------------
    def check_origin(self) -> None:
        """A state-changing request must come from a page of this very host (or say nothing)."""
        origin = self.request.headers.get("origin") or self.request.headers.get("referer")
        if origin and origin != "null":
            parts = urlsplit(origin)
            if parts.netloc != self.request.headers.get("host", ""):
                raise Refused(self.refused_form("The request came from another site."))

    async def check_form(self) -> dict[str, str]:
        """The posted form, once its CSRF token and origin are checked."""
        self.check_origin()
        form = {k: v for k, v in (await self.request.form()).items() if isinstance(v, str)}
        token = form.get("csrf") or self.request.headers.get("x-csrf-token", "")
        if self.fresh or not hmac.compare_digest(token.encode(), self.session.csrf.encode()):
            raise Refused(self.refused_form("The form had expired or did not come from this console."))
        return form

    def check_header(self) -> None:
        """Script requests (the streaming ask) carry the CSRF token in X-CSRF-Token."""
        self.check_origin()
        token = self.request.headers.get("x-csrf-token", "")
        if self.fresh or not hmac.compare_digest(token.encode(), self.session.csrf.encode()):
            raise Refused(self.refused_form("The form had expired or did not come from this console."))

    def refused_form(self, why: str) -> Response:
        return self.finish(page("notice.html", 403, visit=self, title="Request refused",
                                text=f"{why} Nothing was changed. Reload the page and try again."))

    # -- answering ---------------------------------------------------------------------------------
    def render(self, template: str, status: int = 200, **context) -> Response:
        return self.finish(page(template, status, visit=self, **context))

    def redirect(self, target: str) -> Response:
        return self.finish(RedirectResponse(target, 303))

    def finish(self, response: Response) -> Response:
        if self.changed:
            sessions.store(response, self.request, self.settings, self.session)
        return secure(response)

    @property
    def tenant_name(self) -> str:
        return self.session.tenant_name or self.tenant.subdomain

    @property
    def is_admin(self) -> bool:
        return self.session.role in ("owner", "admin")


def same_origin_path(target: str | None, default: str = "/ask") -> str:
    """A return path only when it stays on this host: '/x', never '//evil' or 'https://evil'."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
