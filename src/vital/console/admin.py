"""Administration pages: members and roles, invitations, API keys (the secret shown once), single
sign-on, the tenant's sign-up settings, its model settings (those the operator lets it change), the
audit log (filters, CSV export) and deleted items with their restore. Each is a call to
`/api/v1/admin/*` or `/api/v1/deleted` as the person: the link is hidden from members and viewers
for tidiness only; the database refuses them, and the page shows that refusal (the API's 403) in
words."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import Response

from vital.console.forms import answered, problem, rows, uuid_or_nowhere
from vital.console.visit import Visit

router = APIRouter(include_in_schema=False)

ROLES = ("viewer", "member", "admin", "owner")
INVITABLE = ("viewer", "member", "admin")
SCOPES = ("read", "write", "all")
AUDIT_FILTERS = ("table", "action", "since", "until")
BACK = ("/admin", "Administration")
# The model's purposes (services/llm/bounds.py) in the words of the pages that use them.
PURPOSES = {"interactive": "Ask Expert (modes 1 and 2)", "autonomous": "Autonomous work (modes 3 and 4)",
            "panel": "Panels and committees", "workflow": "Workflows"}


async def _refusal(visit: Visit):
    """The person's right to these pages, as the database sees it: the SSO settings are readable by
    admins and owners only, so their 403 is the refusal a member or viewer gets (None: allowed)."""
    sso = await visit.api("GET", "/api/v1/admin/sso")
    if sso.ok:
        return None, sso.json()
    status = sso.status if 400 <= sso.status < 500 else 503
    return visit.render("notice.html", status, title="Administration", link=("/ask", "Ask Expert"),
                        text=f"The server refused: {problem(sso)} Administration is for the organisation's "
                             "admins and owners; ask one of them if you need a change."), None


async def _overview(visit: Visit, status: int = 200, **context):
    refused, sso = await _refusal(visit)
    if refused:
        return refused
    members = await visit.api("GET", "/api/v1/admin/members")
    invitations = await visit.api("GET", "/api/v1/admin/invitations", query={"limit": "50"})
    keys = await visit.api("GET", "/api/v1/admin/api-keys")
    settings = await visit.api("GET", "/api/v1/admin/settings")
    llm = await visit.api("GET", "/api/v1/admin/llm")
    return visit.render("admin.html", status, title="Administration", members=rows(members),
                        invitations=rows(invitations), keys=rows(keys), sso=sso,
                        settings=settings.json() if settings.ok else {}, llm=llm.json() if llm.ok else None,
                        purposes=PURPOSES, roles=ROLES, invitable=INVITABLE,
                        scopes=SCOPES, done=visit.request.query_params.get("done"), **context)


@router.get("/admin")
async def overview(request: Request):
    return await _overview(await Visit.of(request))


@router.post("/admin/members/{user_id}")
async def change_member(user_id: str, request: Request):
    visit = await Visit.of(request)
    form = await visit.check_form()
    change = {k: form[k] for k in ("role", "status") if form.get(k)}
    reply = await visit.api("PATCH", f"/api/v1/admin/members/{uuid_or_nowhere(user_id)}", json_body=change)
    return answered(visit, reply, "/admin?done=member", BACK, "Member change")


@router.post("/admin/invitations")
async def invite(request: Request):
    visit = await Visit.of(request)
    form = await visit.check_form()
    email = (form.get("email") or "").strip()
    if "@" not in email:
        return await _overview(visit, 400, error="Type the e-mail address of the person to invite.")
    reply = await visit.api("POST", "/api/v1/admin/invitations", json_body={
        "email": email, "role": form.get("role") if form.get("role") in INVITABLE else "member",
        "redirect_to": f"{visit.request.url.scheme}://{visit.request.headers.get('host', '')}/auth/landing"})
    if not reply.ok:
        return await _overview(visit, reply.status if reply.status < 500 else 503, error=problem(reply))
    return visit.redirect("/admin?done=invited")


@router.post("/admin/invitations/{invitation_id}/revoke")
async def revoke_invitation(invitation_id: str, request: Request):
    visit = await Visit.of(request)
    await visit.check_form()
    reply = await visit.api("DELETE", f"/api/v1/admin/invitations/{uuid_or_nowhere(invitation_id)}")
    return answered(visit, reply, "/admin?done=revoked", BACK, "Revoke the invitation")


@router.post("/admin/keys")
async def new_key(request: Request):
    """The key's secret is in this one answer (a page, never a redirect or the session)."""
    visit = await Visit.of(request)
    form = await visit.check_form()
    scopes = [s for s in SCOPES if form.get(f"scope_{s}")]
    name = (form.get("name") or "").strip()
    if not name or not scopes:
        return await _overview(visit, 400, error="A key needs a name and at least one scope.")
    body = {"name": name, "scopes": scopes}
    if form.get("expires_at"):
        body["expires_at"] = f"{form['expires_at']}T23:59:59Z"
    reply = await visit.api("POST", "/api/v1/admin/api-keys", json_body=body)
    if not reply.ok:
        return await _overview(visit, reply.status if reply.status < 500 else 503, error=problem(reply))
    return await _overview(visit, 201, secret=reply.json())


@router.post("/admin/keys/{key_id}/revoke")
async def revoke_key(key_id: str, request: Request):
    visit = await Visit.of(request)
    await visit.check_form()
    reply = await visit.api("DELETE", f"/api/v1/admin/api-keys/{uuid_or_nowhere(key_id)}")
    return answered(visit, reply, "/admin?done=key-revoked", BACK, "Revoke the key")


def _listed(text: str | None) -> list[str]:
    return [item.strip() for item in (text or "").replace(",", "\n").splitlines() if item.strip()]


@router.post("/admin/sso")
async def set_sso(request: Request):
    visit = await Visit.of(request)
    form = await visit.check_form()
    body = {"issuer": (form.get("issuer") or "").strip(), "client_id": (form.get("client_id") or "").strip(),
            "domains": _listed(form.get("domains")), "default_role": form.get("default_role") or "member",
            "require_sso": form.get("require_sso") == "on", "redirect_urls": _listed(form.get("redirect_urls"))}
    if form.get("client_secret"):  # empty: keep the stored secret
        body["client_secret"] = form["client_secret"]
    reply = await visit.api("PUT", "/api/v1/admin/sso", json_body=body)
    if not reply.ok:
        return await _overview(visit, reply.status if reply.status < 500 else 503, error=problem(reply))
    return visit.redirect("/admin?done=sso")


@router.post("/admin/sso/remove")
async def remove_sso(request: Request):
    visit = await Visit.of(request)
    await visit.check_form()
    reply = await visit.api("DELETE", "/api/v1/admin/sso")
    return answered(visit, reply, "/admin?done=sso-removed", BACK, "Remove single sign-on")


@router.post("/admin/settings")
async def change_settings(request: Request):
    visit = await Visit.of(request)
    form = await visit.check_form()
    reply = await visit.api("PATCH", "/api/v1/admin/settings", json_body={
        "signup_open": form.get("signup_open") == "on", "redirect_urls": _listed(form.get("redirect_urls"))})
    return answered(visit, reply, "/admin?done=settings", BACK, "Settings")


def _number(text: str | None):
    """A form's number as JSON: empty is null (back to the operator's value); what is not a number goes
    as typed, for the database to refuse in words."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return text
    if not math.isfinite(value):
        return text
    return int(value) if value.is_integer() else value


@router.post("/admin/llm")
async def change_llm(request: Request):
    """Only the fields the page offered (what the operator allows) are sent; the database decides."""
    visit = await Visit.of(request)
    form = await visit.check_form()
    change: dict = {}
    if "model" in form:
        change["model"] = form.get("model") or None
    for kind in ("max_tokens", "seconds"):
        given = {p: _number(form.get(f"{kind}.{p}")) for p in PURPOSES if f"{kind}.{p}" in form}
        if given:
            change[kind] = given
    reply = await visit.api("PATCH", "/api/v1/admin/llm", json_body=change)
    if not reply.ok:
        return await _overview(visit, reply.status if reply.status < 500 else 503, error=problem(reply))
    return visit.redirect("/admin?done=llm")


def _audit_query(request: Request) -> dict[str, str]:
    """The filters as the API takes them: dates become the start (since) or the end (until) of a UTC day."""
    given = {k: request.query_params.get(k, "").strip() for k in AUDIT_FILTERS}
    query = {k: v for k, v in given.items() if v}
    if "since" in query and len(query["since"]) == 10:
        query["since"] += "T00:00:00Z"
    if "until" in query and len(query["until"]) == 10:
        query["until"] += "T23:59:59Z"
    return query


@router.get("/admin/audit")
async def audit(request: Request):
    visit = await Visit.of(request)
    refused, _ = await _refusal(visit)
    if refused:
        return refused
    query = _audit_query(request)
    reply = await visit.api("GET", "/api/v1/admin/audit", query={**query, "limit": "200"})
    filters = {k: request.query_params.get(k, "") for k in AUDIT_FILTERS}
    return visit.render("admin_audit.html", 200 if reply.ok else 400, title="Audit log", entries=rows(reply),
                        error=None if reply.ok else problem(reply), filters=filters,
                        export=f"/admin/audit.csv?{urlencode({k: v for k, v in filters.items() if v})}")


@router.get("/admin/audit.csv")
async def audit_csv(request: Request):
    visit = await Visit.of(request)
    reply = await visit.api("GET", "/api/v1/admin/audit", query={**_audit_query(request), "limit": "100000"},
                            headers={"accept": "text/csv"})
    if not reply.ok:
        return visit.render("notice.html", reply.status if reply.status < 500 else 503, title="Audit log export",
                            text=problem(reply), link=("/admin/audit", "Audit log"))
    return visit.finish(Response(reply.body, media_type="text/csv", headers={
        "Content-Disposition": 'attachment; filename="audit.csv"'}))


@router.get("/admin/deleted")
async def deleted(request: Request):
    visit = await Visit.of(request)
    reply = await visit.api("GET", "/api/v1/deleted", query={"limit": "200"})
    return visit.render("admin_deleted.html", 200 if reply.ok else 400, title="Deleted items", items=rows(reply),
                        error=None if reply.ok else problem(reply), done=request.query_params.get("done"))


@router.post("/admin/deleted/{table}/{row_id}/restore")
async def restore(table: str, row_id: str, request: Request):
    visit = await Visit.of(request)
    await visit.check_form()
    table = table if table.replace("_", "").isalnum() else "unknown"  # the API names what it accepts
    reply = await visit.api("POST", f"/api/v1/deleted/{table}/{uuid_or_nowhere(row_id)}/restore")
    return answered(visit, reply, "/admin/deleted?done=restored", ("/admin/deleted", "Deleted items"), "Restore")
