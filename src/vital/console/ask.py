"""Ask Expert pages: mode 1 (the person picks an agent from a searchable list) and mode 2 (the
system picks and says why); the answer streams through `/ask/stream`, the console's proxy of the
API's server-sent events, and without script the form posts and the page shows the whole answer.
Citations open the cited passage; feedback goes to `/api/v1/feedback`; the history is the person's
sessions. Everything is read through the public API as the person, so RLS decides what shows."""

from __future__ import annotations

import json
from uuid import UUID

from fastapi import APIRouter, Request
from starlette.responses import StreamingResponse

from vital.console import words
from vital.console.agents import own_first
from vital.console.inprocess import Reply
from vital.console.render import HEADERS
from vital.console.answers import api_error, event_error, path_id
from vital.console.visit import Visit

router = APIRouter(include_in_schema=False)


async def agents_for(visit: Visit) -> list[dict]:
    """The agents the person may ask; a tenant's fork hides the platform agent it copies."""
    reply = await visit.api("GET", "/rest/v1/agents", query={
        "select": "id,tenant_id,name,slug,tagline,tier,forked_from_id", "status": "eq.active",
        "order": "tier.asc,name.asc", "limit": "500"})
    return own_first(reply.json() if reply.ok else [], str(visit.tenant.id))


async def _history(visit: Visit) -> list[dict]:
    """The person's own sessions, newest first: a filter of the query like any client's (what the
    person may see at all, RLS decides)."""
    reply = await visit.api("GET", "/rest/v1/ask_expert_sessions", query={
        "select": "id,mode,query,title,created_at", "user_id": f"eq.{visit.session.user_id}",
        "deleted_at": "is.null", "order": "created_at.desc", "limit": "30"})
    return reply.json() if reply.ok else []


async def _ask_page(visit: Visit, status: int = 200, **context):
    return visit.render("ask.html", status, title="Ask Expert", agents=await agents_for(visit),
                        history=await _history(visit), **context)


@router.get("/")
async def home(request: Request):
    visit = await Visit.of(request)
    return visit.redirect("/ask")


@router.get("/ask")
async def ask_page(request: Request):
    visit = await Visit.of(request)
    return await _ask_page(visit)


def _new_session(form: dict) -> tuple[dict | None, str | None]:
    """The API's body for a new session, or what is wrong with the form."""
    question = (form.get("query") or "").strip()
    if not question:
        return None, "Type a question first."
    mode = {"1": 1, "3": 3, "4": 4}.get(form.get("mode") or "", 2)
    if mode in (1, 3):
        try:
            agent = str(UUID(form.get("agent_id") or ""))
        except ValueError:
            return None, "Pick an expert from the list, or let VITAL choose."
        return {"mode": mode, "query": question, "agent_id": agent}, None
    return {"mode": mode, "query": question}, None


@router.post("/ask")
async def ask(request: Request):
    """Without script: the whole answer, then the session's page."""
    visit = await Visit.of(request)
    form = await visit.check_form()
    session_id = form.get("session_id")
    if session_id:
        reply = await visit.api("POST", f"/api/v1/ask-expert/sessions/{path_id(session_id)}/messages",
                                json_body={"content": form.get("query", "")})
    else:
        body, error = _new_session(form)
        if error:
            return await _ask_page(visit, 400, error=error, query=form.get("query", ""))
        reply = await visit.api("POST", "/api/v1/ask-expert/sessions", json_body=body)
    if not reply.ok:
        return await _ask_page(visit, 400 if reply.status < 500 else 503, error=api_error(reply, visit.session.role),
                               query=form.get("query", ""))
    return visit.redirect(f"/sessions/{(reply.json() or {}).get('id') or session_id}")


@router.post("/ask/stream")
async def ask_stream(request: Request):
    """The API's event stream, relayed as it comes; the page's script reads it (CSRF in a header)."""
    visit = await Visit.of(request)
    visit.check_header()
    try:
        form = await request.json()
    except ValueError:
        form = {}
    form = {k: str(v) for k, v in (form or {}).items()}
    if form.get("session_id"):
        path, body = f"/api/v1/ask-expert/sessions/{path_id(form['session_id'])}/messages", \
            {"content": form.get("query", ""), "stream": True}
    else:
        body, error = _new_session(form)
        if error:
            return visit.finish(event_error(error))
        body["stream"], path = True, "/api/v1/ask-expert/sessions"
    status, _, chunks = await visit.stream("POST", path, json.dumps(body).encode())
    if status >= 400:
        collected = b"".join([c async for c in chunks])
        return visit.finish(event_error(api_error(Reply(status, {}, collected), visit.session.role)))
    headers = {**HEADERS, "X-Accel-Buffering": "no"}
    return visit.finish(StreamingResponse(chunks, media_type="text/event-stream", headers=headers))


@router.get("/sessions/{session_id}")
async def session_page(session_id: str, request: Request):
    visit = await Visit.of(request)
    reply = await visit.api("GET", f"/api/v1/ask-expert/sessions/{path_id(session_id)}")
    if not reply.ok:
        return visit.render("notice.html", 404, title="Session not found",
                            text="This session does not exist or is not yours to see.", link=("/ask", "Ask Expert"))
    found = reply.json()
    turns = []
    for message in found.get("messages", []):
        cites = message.get("citations") or []
        links = {c["rank"]: f"/passages/{c['chunk_id']}" for c in cites if c.get("chunk_id")}
        meta = message.get("metadata") or {}
        turns.append({"message": message, "links": links,
                      "confidence": words.confidence(meta, len(cites)) if message["role"] == "assistant" else None,
                      "why": words.why_agent(meta) if found.get("mode") == 2 else None})
    run = found.get("run")
    state = (run or {}).get("status") or found.get("status")  # a paused run leaves the session as it was
    return visit.render("session.html", title=found.get("title") or found.get("query") or "Session", found=found,
                        turns=turns, history=await _history(visit), sent=request.query_params.get("feedback"),
                        run=run, plan=words.plan_of(run), state=state, status_text=words.status(state),
                        timeline=[words.node_line(s) for s in (run or {}).get("steps", [])])


@router.get("/passages/{chunk_id}")
async def passage(chunk_id: str, request: Request):
    visit = await Visit.of(request)
    reply = await visit.api("GET", "/rest/v1/rag_knowledge_chunks", query={
        "id": f"eq.{path_id(chunk_id)}", "select": "id,chunk_index,chunk_text,metadata,document_id"})
    rows = reply.json() if reply.ok else []
    if not rows:
        return visit.render("notice.html", 404, title="Passage not found",
                            text="This passage does not exist any more or is not yours to see.")
    chunk = rows[0]
    doc = await visit.api("GET", "/rest/v1/rag_documents", query={
        "id": f"eq.{chunk['document_id']}", "select": "id,title,version,mime_type,source_ref"})
    documents = doc.json() if doc.ok else []
    meta = chunk.get("metadata") or {}
    return visit.render("passage.html", title="Cited passage", chunk=chunk, document=documents[0] if documents else None,
                        page=meta.get("page") or meta.get("page_number"))


@router.post("/feedback")
async def feedback(request: Request):
    visit = await Visit.of(request)
    form = await visit.check_form()
    session_id = path_id(form.get("session_id", ""))
    rating = 5 if form.get("helpful") == "yes" else 1
    reply = await visit.api("POST", "/api/v1/feedback", json_body={
        "message_id": path_id(form.get("message_id", "")), "rating": rating,
        "comment": (form.get("comment") or "").strip() or None})
    if not reply.ok:
        return visit.render("notice.html", 400, title="Feedback not saved", text=api_error(reply, visit.session.role),
                            link=(f"/sessions/{session_id}", "Back to the session"))
    return visit.redirect(f"/sessions/{session_id}?feedback=sent")
