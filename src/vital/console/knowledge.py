"""Knowledge pages: upload several files (a background job each time, followed by a progress bar
and its per-file errors), the tenant's documents with their versions, collection (moved to another
or a new one), access restrictions and a preview of their chunks, soft delete and restore, "try a
question": what retrieval returns for it and why (each hit's scores per list, the strategy), and the
evaluation sets and runs (evaluation.py). Every read and write
is a call to the public API as the person (`/api/v1/knowledge/*`, `/api/v1/search`,
`/api/v1/deleted`, `/rest/v1`), so RLS decides what shows and what is refused."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile

from vital.console import evaluation
from vital.console.forms import (answered, json_answer, multipart, problem, rows, untouched, uuid_or_nowhere,
                                 wants_json)
from vital.console.visit import Visit
from vital.errors import InvalidInput
from vital.knowledge.ingest import slugify

router = APIRouter(include_in_schema=False)

STRATEGIES = ("hybrid", "vector", "fulltext", "graph", "fusion")
RUNNING = ("queued", "running")
_DOCUMENT = "id,tenant_id,title,version,mime_type,status,source_ref,collection_id,metadata,created_at,updated_at"


async def _collections(visit: Visit) -> list[dict]:
    """The collections the tenant reads (its own and the platform library's), by name."""
    reply = await visit.api("GET", "/rest/v1/knowledge_collections",
                            query={"select": "id,name,tenant_id", "order": "name.asc", "limit": "500"})
    return rows(reply)


def _names(collections) -> dict[str, str]:
    return {r["id"]: r["name"] for r in collections}


async def _page(visit: Visit, status: int = 200, **context):
    library = visit.request.query_params.get("library") == "1"
    owner = "eq.00000000-0000-0000-0000-000000000000" if library else f"eq.{visit.tenant.id}"
    documents = await visit.api("GET", "/rest/v1/rag_documents", query={
        "select": _DOCUMENT, "tenant_id": owner, "order": "updated_at.desc", "limit": "200"})
    jobs = await visit.api("GET", "/api/v1/knowledge/jobs", query={"limit": "10"})
    deleted = await visit.api("GET", "/api/v1/deleted", query={"table": "rag_documents", "limit": "50"})
    return visit.render("knowledge.html", status, title="Knowledge", documents=rows(documents),
                        unreadable=not documents.ok, jobs=rows(jobs), deleted=rows(deleted),
                        collections=_names(await _collections(visit)), library=library, strategies=STRATEGIES,
                        running=RUNNING, **await evaluation.overview(visit),
                        request_deleted=visit.request.query_params.get("deleted"), **context)


@router.get("/knowledge")
async def knowledge(request: Request):
    return await _page(await Visit.of(request))


@router.post("/knowledge/upload")
async def upload(request: Request):
    """The browser's files go to the API as one background job; script follows it on this page,
    without script the job's own page does (it reloads itself until the job ends)."""
    visit = await Visit.of(request)
    form = await visit.check_form()
    files = [f for f in (await request.form()).getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not files:
        message = "Choose one or more files first (text, Markdown, HTML or PDF)."
        if wants_json(visit):
            return json_answer(visit, {"error": message}, 400)
        return await _page(visit, 400, error=message)
    fields = [("collection", form["collection"].strip())] if (form.get("collection") or "").strip() else []
    body, kind = multipart(fields, [("files", f.filename, await f.read(), f.content_type) for f in files])
    reply = await visit.api("POST", "/api/v1/knowledge/documents", query={"background": "true"},
                            headers={"content-type": kind}, body=body)
    if not reply.ok:
        if wants_json(visit):
            return json_answer(visit, {"error": problem(reply)}, reply.status if reply.status < 500 else 503)
        return await _page(visit, reply.status if reply.status < 500 else 503, error=problem(reply))
    job = reply.json()["job_id"]
    if wants_json(visit):
        return json_answer(visit, {"job_id": job, "url": f"/knowledge/jobs/{job}"}, 202)
    return visit.redirect(f"/knowledge/jobs/{job}")


@router.get("/knowledge/jobs/{job_id}")
async def job(job_id: str, request: Request):
    visit = await Visit.of(request)
    reply = await visit.api("GET", f"/api/v1/knowledge/jobs/{uuid_or_nowhere(job_id)}")
    if wants_json(visit):
        return json_answer(visit, reply.json() if reply.ok else {"error": problem(reply)}, reply.status)
    if not reply.ok:
        return visit.render("notice.html", 404, title="Job not found", text="This job does not exist or is not "
                            "yours to see.", link=("/knowledge", "Knowledge"))
    found = reply.json()
    return visit.render("knowledge_job.html", title="Upload job", job=found, running=found["status"] in RUNNING)


@router.get("/knowledge/documents/{document_id}")
async def document(document_id: str, request: Request):
    visit = await Visit.of(request)
    doc_id = uuid_or_nowhere(document_id)
    found = rows(await visit.api("GET", "/rest/v1/rag_documents", query={"select": _DOCUMENT, "id": f"eq.{doc_id}"}))
    if not found:
        return visit.render("notice.html", 404, title="Document not found", text="This document does not exist, "
                            "was deleted, or is not yours to see.", link=("/knowledge", "Knowledge"))
    versions = await visit.api("GET", "/rest/v1/rag_document_versions", query={
        "select": "version,title,content_hash,created_at", "document_id": f"eq.{doc_id}", "order": "version.desc"})
    chunks = await visit.api("GET", "/rest/v1/rag_knowledge_chunks", query={
        "select": "id,chunk_index,chunk_text,token_count", "document_id": f"eq.{doc_id}", "order": "chunk_index.asc",
        "limit": "5"})
    access = await visit.api("GET", "/rest/v1/rag_document_access", query={
        "select": "id,principal_type,user_id,team_id", "document_id": f"eq.{doc_id}"})
    people = await visit.api("GET", "/rest/v1/profiles", query={"select": "user_id,email,display_name",
                                                                "order": "email.asc", "limit": "500"})
    teams = await visit.api("GET", "/rest/v1/org_teams", query={"select": "id,name", "order": "name.asc",
                                                                "limit": "500"})
    doc = found[0]
    collections = await _collections(visit)  # once: the document's collection, and those it may move to
    return visit.render("knowledge_document.html", title=doc["title"] or "Document", doc=doc,
                        own=doc["tenant_id"] == str(visit.tenant.id), versions=rows(versions), chunks=rows(chunks),
                        access=rows(access), people={p["user_id"]: p for p in rows(people)},
                        teams={t["id"]: t["name"] for t in rows(teams)},
                        collection=_names(collections).get(doc["collection_id"] or ""),
                        own_collections=_names(c for c in collections if c["tenant_id"] == str(visit.tenant.id)))


@router.post("/knowledge/documents/{document_id}/delete")
async def delete(document_id: str, request: Request):
    visit = await Visit.of(request)
    await visit.check_form()
    reply = await visit.api("DELETE", "/rest/v1/rag_documents", query={"id": f"eq.{uuid_or_nowhere(document_id)}"},
                            headers={"prefer": "return=representation"})
    reply = untouched(reply, "You may not delete this document.")
    return answered(visit, reply, "/knowledge?deleted=1", ("/knowledge", "Knowledge"), "Delete")


@router.post("/knowledge/documents/{document_id}/restore")
async def restore(document_id: str, request: Request):
    visit = await Visit.of(request)
    await visit.check_form()
    reply = await visit.api("POST", f"/api/v1/deleted/rag_documents/{uuid_or_nowhere(document_id)}/restore")
    return answered(visit, reply, f"/knowledge/documents/{uuid_or_nowhere(document_id)}",
                    ("/knowledge", "Knowledge"), "Restore")


@router.post("/knowledge/documents/{document_id}/collection")
async def move(document_id: str, request: Request):
    """Move the document to one of the tenant's collections, to a new one by name (made here, and
    removed again if the move is refused), or to none. RLS decides: a viewer's write touches nothing."""
    visit = await Visit.of(request)
    form = await visit.check_form()
    back = f"/knowledge/documents/{uuid_or_nowhere(document_id)}"
    target, made = (uuid_or_nowhere(form["collection"]) if form.get("collection") else None), None
    name = (form.get("new_collection") or "").strip()
    if name:
        try:
            slug = slugify(name)
        except InvalidInput:
            return visit.render("notice.html", 400, title="Collection: not changed",
                                text="A collection's name needs at least one letter or digit. Nothing was changed.",
                                link=(back, "Back to the document"))
        found = rows(await visit.api("GET", "/rest/v1/knowledge_collections", query={
            "select": "id", "slug": f"eq.{slug}", "tenant_id": f"eq.{visit.tenant.id}"}))
        if found:
            target = found[0]["id"]
        else:
            created = await visit.api("POST", "/rest/v1/knowledge_collections", json_body={"slug": slug, "name": name},
                                      headers={"prefer": "return=representation"})
            if not created.ok:
                return answered(visit, created, back, (back, "Back to the document"), "Collection")
            target = made = created.json()[0]["id"]
    reply = await visit.api("PATCH", "/rest/v1/rag_documents", query={"id": f"eq.{uuid_or_nowhere(document_id)}"},
                            json_body={"collection_id": target}, headers={"prefer": "return=representation"})
    reply = untouched(reply, "You may not move this document.")
    if not reply.ok and made:
        await visit.api("DELETE", "/rest/v1/knowledge_collections", query={"id": f"eq.{made}"})
    return answered(visit, reply, back, (back, "Back to the document"), "Collection")


@router.post("/knowledge/documents/{document_id}/access")
async def restrict(document_id: str, request: Request):
    """Restrict the document to one more member or team (a document with no rows is open to all)."""
    visit = await Visit.of(request)
    form = await visit.check_form()
    doc_id = uuid_or_nowhere(document_id)
    kind, _, who = (form.get("principal") or "").partition(":")
    if kind not in ("user", "team"):
        return visit.render("notice.html", 400, title="Access: not changed", text="Pick a member or a team.",
                            link=(f"/knowledge/documents/{doc_id}", "Back to the document"))
    reply = await visit.api("POST", "/rest/v1/rag_document_access", json_body={
        "document_id": doc_id, "principal_type": kind, f"{kind}_id": uuid_or_nowhere(who)})
    back = f"/knowledge/documents/{doc_id}"
    return answered(visit, reply, back, (back, "Back to the document"), "Access")


@router.post("/knowledge/documents/{document_id}/access/{access_id}/remove")
async def unrestrict(document_id: str, access_id: str, request: Request):
    visit = await Visit.of(request)
    await visit.check_form()
    back = f"/knowledge/documents/{uuid_or_nowhere(document_id)}"
    reply = await visit.api("DELETE", "/rest/v1/rag_document_access", query={"id": f"eq.{uuid_or_nowhere(access_id)}"})
    return answered(visit, reply, back, (back, "Back to the document"), "Access")


@router.post("/knowledge/try")
async def try_question(request: Request):
    """What retrieval returns for a question, and why: the strategy, the lists it fused, each hit's
    score per list. A POST because the API logs each search (for its feedback)."""
    visit = await Visit.of(request)
    form = await visit.check_form()
    question = (form.get("question") or "").strip()
    strategy = form.get("strategy") if form.get("strategy") in STRATEGIES else "hybrid"
    if not question:
        return await _page(visit, 400, try_error="Type a question first.", strategy=strategy)
    reply = await visit.api("POST", "/api/v1/search", json_body={"query": question, "strategy": strategy, "k": 5})
    if not reply.ok:
        return await _page(visit, 400 if reply.status < 500 else 503, try_error=problem(reply), question=question,
                           strategy=strategy)
    return await _page(visit, found=reply.json(), question=question, strategy=strategy)
