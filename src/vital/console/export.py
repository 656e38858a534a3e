"""Downloads of a session or a panel with its citations, as Markdown and as PDF (`documents.py`):
`/sessions/{id}/export.md|pdf` and `/panels/{id}/export.md|pdf`. The record is read through the
public API as the person, like the page it comes from: what they may not see, they cannot export."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from vital.console import documents, words
from vital.console.answers import path_id
from vital.console.documents import Document, Section, Source
from vital.console.visit import Visit

router = APIRouter(include_in_schema=False)

KINDS = {"md": ("text/markdown; charset=utf-8", documents.markdown), "pdf": ("application/pdf", documents.pdf)}


def _origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', '')}"


def _sources(cites: list[dict], titles: dict[str, str], origin: str, key: str = "rank") -> list[Source]:
    return [Source(c.get(key) or c.get("ref") or i, titles.get(c.get("chunk_id") or "", c.get("title") or "a document"),
                   c.get("quote") or "", f"{origin}/passages/{c['chunk_id']}" if c.get("chunk_id") else None)
            for i, c in enumerate(cites, 1)]


def session_document(found: dict, origin: str) -> Document:
    meta = [f"Ask Expert, mode {found.get('mode')}" + (f", {found['agent_name']}" if found.get("agent_name") else ""),
            f"Started {found.get('created_at', '')[:16].replace('T', ' ')} UTC; status {found.get('status')}",
            f"{origin}/sessions/{found.get('id')}"]
    sections = []
    if found.get("mode") in (3, 4):
        sections.append(Section("Question", [found.get("query") or ""]))
        plan = ((found.get("run") or {}).get("approvals") or [{}])[-1].get("request", {}).get("plan")
        if plan:
            sections.append(Section("Plan", [f"{i}. {step}" for i, step in enumerate(plan, 1)]))
    for message in found.get("messages", []):
        if message["role"] == "user":
            sections.append(Section("Question", [message["content"]]))
            continue
        meta_ = message.get("metadata") or {}
        titles = {c.get("chunk_id"): c.get("title") for c in meta_.get("citations") or [] if c.get("chunk_id")}
        cites = message.get("citations") or []
        sections.append(Section("Answer" + (f" ({message['agent_slug']})" if message.get("agent_slug") else ""),
                                [message["content"], words.confidence(meta_, len(cites))["text"]],
                                _sources(cites, titles, origin)))
    return Document(found.get("title") or found.get("query") or "Ask Expert session", meta, sections)


def panel_document(panel: dict, report: dict, origin: str) -> Document:
    kind = "Committee" if panel.get("kind") == "committee" else f"Panel ({panel.get('archetype')})"
    meta = [f"{kind}; {len(panel.get('members', []))} members; status {panel.get('status')}",
            f"Convened {str(panel.get('created_at', ''))[:16].replace('T', ' ')} UTC",
            f"{origin}/panels/{panel.get('id')}"]
    outcome = words.outcome(report)
    sections = [Section("Question", [panel.get("question") or ""]), Section("Outcome", outcome["lines"])]
    if report.get("tally"):
        sections.append(Section("Votes in the last round", [
            ", ".join(f"{k}: {v:g}" for k, v in report["tally"].items())]))
    sections.append(Section("Dissent", [f"{d.get('member')} ({d.get('position') or 'abstained'}): {d.get('reason')}"
                                        for d in report.get("dissent") or []] or ["None: every member voted for the "
                                                                                  "recommendation."]))
    names = {m["id"]: m["label"] for m in panel.get("members", [])}
    for round_ in range(1, (panel.get("current_round") or 0) + 1):
        sections.append(Section(f"Round {round_}", []))
        for c in [c for c in panel.get("contributions", []) if c["round"] == round_]:
            sections.append(Section(f"{names.get(c['member_id'], 'A member')}"
                                    + (f" ({c['stance']})" if c.get("stance") else ""),
                                    [c["content"]], _sources(c.get("citations") or [], {}, origin, "ref"), level=3))
    return Document(f"{'Committee' if panel.get('kind') == 'committee' else 'Panel'}: {panel.get('question')}",
                    meta, sections)


def _download(visit: Visit, doc: Document, kind: str, name: str) -> Response:
    media, write = KINDS[kind]
    return visit.finish(Response(write(doc), media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}.{kind}"'}))


def _missing(visit: Visit, what: str) -> Response:
    return visit.render("notice.html", 404, title=f"{what} not found",
                        text=f"This {what.lower()} does not exist or is not yours to see, so there is nothing to export.")


@router.get("/sessions/{session_id}/export.{kind}")
async def export_session(session_id: str, kind: str, request: Request):
    visit = await Visit.of(request)
    reply = await visit.api("GET", f"/api/v1/ask-expert/sessions/{path_id(session_id)}")
    if kind not in KINDS or not reply.ok:
        return _missing(visit, "Session")
    found = reply.json()
    return _download(visit, session_document(found, _origin(request)), kind, f"vital-session-{found['id'][:8]}")


@router.get("/panels/{panel_id}/export.{kind}")
async def export_panel(panel_id: str, kind: str, request: Request):
    visit = await Visit.of(request)
    reply = await visit.api("GET", f"/api/v1/panels/{path_id(panel_id)}")
    report = await visit.api("GET", f"/api/v1/panels/{path_id(panel_id)}/report")
    if kind not in KINDS or not reply.ok or not report.ok:
        return _missing(visit, "Panel")
    panel = reply.json()
    return _download(visit, panel_document(panel, report.json(), _origin(request)), kind,
                     f"vital-{panel['kind']}-{panel['id'][:8]}")
