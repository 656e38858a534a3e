"""Personas and jobs-to-be-done: browse and edit the organisation's own; platform-library rows are
read-only for tenants (RLS lets a tenant's update of them change nothing), so they are shown as
such with "copy to my organisation" (a fork: `forked_from_*` names the original); VPANES per
persona and the ODI opportunity landscape of a job as SVG charts beside their tables; the
completeness gaps that `vital db completeness` reports, from the `persona_completeness` and
`jtbd_completeness` views read as the person."""

from __future__ import annotations

from fastapi import APIRouter, Request

from vital.console import charts
from vital.console.forms import answered, problem, rows, untouched, uuid_or_nowhere
from vital.console.visit import Visit

router = APIRouter(include_in_schema=False)

VPANES = ("visibility", "pain", "actions", "needs", "emotions", "scenarios")
_PERSONA = "id,tenant_id,slug,name,role_title,description,seniority,years_experience,vpanes_scores,vpanes_total," \
           "vpanes_tier,status,metadata,forked_from_id,updated_at"
_JOB = "id,tenant_id,slug,title,job_executor_tenant_id,job_executor,situation,motivation,expected_outcome," \
       "job_statement,job_type,frequency,complexity,knowledge_domain_tenant_id,knowledge_domain_id,tags,status," \
       "metadata,forked_from_id,updated_at"
_OUTCOME = "id,tenant_id,jtbd_id,direction,outcome_statement,importance_score,satisfaction_score,opportunity_score," \
           "opportunity_band,is_overserved,score_source,respondent_count,position"


def _own(visit: Visit, row: dict) -> bool:
    return row["tenant_id"] == str(visit.tenant.id)


def _forks_first(visit: Visit, found: list[dict]) -> list[dict]:
    """The organisation's rows, then the platform's it has not copied."""
    copied = {r["forked_from_id"] for r in found if r.get("forked_from_id") and _own(visit, r)}
    return [r for r in found if _own(visit, r)] + [r for r in found if not _own(visit, r) and r["id"] not in copied]


async def _one(visit: Visit, table: str, select: str, row_id: str) -> dict | None:
    found = rows(await visit.api("GET", f"/rest/v1/{table}", query={"select": select, "id": f"eq.{row_id}"}))
    return found[0] if found else None


def _gone(visit: Visit, what: str):
    return visit.render("notice.html", 404, title=f"{what} not found", link=("/personas", "Personas & JTBDs"),
                        text=f"This {what.lower()} does not exist, was deleted, or is not yours to see.")


@router.get("/personas")
async def personas(request: Request):
    visit = await Visit.of(request)
    people = await visit.api("GET", "/rest/v1/personas", query={"select": _PERSONA, "order": "name.asc",
                                                                "limit": "500"})
    jobs = await visit.api("GET", "/rest/v1/jtbds", query={"select": _JOB, "order": "title.asc", "limit": "500"})
    own = f"eq.{visit.tenant.id}"
    persona_gaps = await visit.api("GET", "/rest/v1/persona_completeness", query={
        "tenant_id": own, "is_complete": "is.false", "order": "name.asc"})
    job_gaps = await visit.api("GET", "/rest/v1/jtbd_completeness", query={
        "tenant_id": own, "is_complete": "is.false", "order": "title.asc"})
    listed = _forks_first(visit, rows(people))
    scored = [p for p in listed if p.get("vpanes_total") is not None]
    return visit.render("personas.html", title="Personas & JTBDs", personas=listed, jobs=_forks_first(visit, rows(jobs)),
                        unreadable=not (people.ok and jobs.ok), persona_gaps=rows(persona_gaps),
                        job_gaps=rows(job_gaps), own_id=str(visit.tenant.id),
                        chart=charts.hbars([(p["name"], float(p["vpanes_total"])) for p in scored], 60))


def _scores(form: dict) -> tuple[dict | None, str | None]:
    """The six VPANES scores from the form (0-10 each), or what is wrong with them."""
    scores = {}
    for key in VPANES:
        try:
            value = float((form.get(key) or "").replace(",", "."))
        except ValueError:
            return None, f"{key.capitalize()} must be a number from 0 to 10."
        if not 0 <= value <= 10:
            return None, f"{key.capitalize()} must be from 0 to 10 (it was {value:g})."
        scores[key] = value
    return scores, None


async def _persona_page(visit: Visit, persona: dict, status: int = 200, **context):
    jobs = await visit.api("GET", "/rest/v1/jtbds", query={"select": "id,title,tenant_id",
                                                           "job_executor": f"eq.{persona['id']}"})
    vp = persona.get("vpanes_scores") or {}
    return visit.render("persona.html", status, title=persona["name"], persona=persona, own=_own(visit, persona),
                        jobs=rows(jobs), vpanes=[(k, vp.get(k)) for k in VPANES],
                        chart=charts.hbars([(k.capitalize(), float(vp[k])) for k in VPANES], 10) if vp else None,
                        **context)


@router.get("/personas/{persona_id}")
async def persona(persona_id: str, request: Request):
    visit = await Visit.of(request)
    found = await _one(visit, "personas", _PERSONA, uuid_or_nowhere(persona_id))
    if not found:
        return _gone(visit, "Persona")
    return await _persona_page(visit, found, saved=request.query_params.get("saved"))


@router.post("/personas/{persona_id}")
async def edit_persona(persona_id: str, request: Request):
    visit = await Visit.of(request)
    form = await visit.check_form()
    row_id = uuid_or_nowhere(persona_id)
    found = await _one(visit, "personas", _PERSONA, row_id)
    if not found:
        return _gone(visit, "Persona")
    scores, error = _scores(form)
    name = (form.get("name") or "").strip()
    if error or not name:
        return await _persona_page(visit, found, 400, error=error or "A persona needs a name.")
    reply = await visit.api("PATCH", "/rest/v1/personas", query={"id": f"eq.{row_id}"},
                            headers={"prefer": "return=representation"}, json_body={
                                "name": name, "role_title": (form.get("role_title") or "").strip() or None,
                                "description": (form.get("description") or "").strip() or None,
                                "vpanes_scores": scores})
    reply = untouched(reply, "This persona belongs to the platform library and is read-only. Copy it to your "
                             "organisation to change it.")
    if not reply.ok:
        return await _persona_page(visit, found, reply.status if reply.status < 500 else 503,
                                   error=f"{problem(reply)} Nothing was changed.")
    return visit.redirect(f"/personas/{row_id}?saved=1")


def _copy(row: dict, fields: str) -> dict:
    keep = [f for f in fields.split(",") if f not in ("id", "tenant_id", "updated_at", "forked_from_id") and
            f not in ("vpanes_total", "vpanes_tier", "job_statement")]
    copied = {f: row.get(f) for f in keep}
    copied.update(forked_from_tenant_id=row["tenant_id"], forked_from_id=row["id"])
    return copied


@router.post("/personas/{persona_id}/copy")
async def copy_persona(persona_id: str, request: Request):
    visit = await Visit.of(request)
    await visit.check_form()
    found = await _one(visit, "personas", _PERSONA, uuid_or_nowhere(persona_id))
    if not found:
        return _gone(visit, "Persona")
    reply = await visit.api("POST", "/rest/v1/personas", json_body=_copy(found, _PERSONA),
                            headers={"prefer": "return=representation"})
    back = (f"/personas/{found['id']}", "Back to the persona")
    return answered(visit, reply, f"/personas/{(reply.json() or [{}])[0].get('id')}" if reply.ok else "",
                    back, "Copy")


async def _job_page(visit: Visit, job: dict, status: int = 200, **context):
    outcomes = rows(await visit.api("GET", "/rest/v1/jtbd_desired_outcomes", query={
        "select": _OUTCOME, "jtbd_id": f"eq.{job['id']}", "tenant_id": f"eq.{job['tenant_id']}",
        "order": "opportunity_score.desc,position.asc"}))
    points = [charts.Point(float(o["importance_score"]), float(o["satisfaction_score"]), o["outcome_statement"],
                           f"/outcomes/{o['id']}") for o in outcomes]
    return visit.render("jtbd.html", status, title=job["title"], job=job, own=_own(visit, job), outcomes=outcomes,
                        landscape=charts.odi_landscape(points), **context)


@router.get("/jtbds/{job_id}")
async def job(job_id: str, request: Request):
    visit = await Visit.of(request)
    found = await _one(visit, "jtbds", _JOB, uuid_or_nowhere(job_id))
    if not found:
        return _gone(visit, "Job")
    return await _job_page(visit, found, saved=request.query_params.get("saved"))


@router.post("/jtbds/{job_id}")
async def edit_job(job_id: str, request: Request):
    visit = await Visit.of(request)
    form = await visit.check_form()
    row_id = uuid_or_nowhere(job_id)
    found = await _one(visit, "jtbds", _JOB, row_id)
    if not found:
        return _gone(visit, "Job")
    change = {k: (form.get(k) or "").strip() for k in ("title", "situation", "motivation", "expected_outcome")}
    if not all(change.values()):
        return await _job_page(visit, found, 400, error="A job needs a title, a situation, a motivation and an "
                               "expected outcome.")
    reply = await visit.api("PATCH", "/rest/v1/jtbds", query={"id": f"eq.{row_id}"},
                            headers={"prefer": "return=representation"}, json_body=change)
    reply = untouched(reply, "This job belongs to the platform library and is read-only. Copy it to your "
                             "organisation to change it.")
    if not reply.ok:
        return await _job_page(visit, found, reply.status if reply.status < 500 else 503,
                               error=f"{problem(reply)} Nothing was changed.")
    return visit.redirect(f"/jtbds/{row_id}?saved=1")


@router.post("/jtbds/{job_id}/copy")
async def copy_job(job_id: str, request: Request):
    """The job and its desired outcomes (their scores kept); the job map and the other sections
    stay with the original. Two calls: when the outcomes are refused, the new job is deleted again."""
    visit = await Visit.of(request)
    await visit.check_form()
    found = await _one(visit, "jtbds", _JOB, uuid_or_nowhere(job_id))
    if not found:
        return _gone(visit, "Job")
    back = (f"/jtbds/{found['id']}", "Back to the job")
    made = await visit.api("POST", "/rest/v1/jtbds", json_body=_copy(found, _JOB),
                           headers={"prefer": "return=representation"})
    if not made.ok:
        return answered(visit, made, "", back, "Copy")
    new_id = made.json()[0]["id"]
    outcomes = rows(await visit.api("GET", "/rest/v1/jtbd_desired_outcomes", query={
        "select": _OUTCOME, "jtbd_id": f"eq.{found['id']}", "tenant_id": f"eq.{found['tenant_id']}"}))
    if outcomes:
        keep = ("direction", "outcome_statement", "importance_score", "satisfaction_score", "score_source",
                "respondent_count", "position")
        copied = await visit.api("POST", "/rest/v1/jtbd_desired_outcomes",
                                 json_body=[{"jtbd_id": new_id, **{k: o[k] for k in keep}} for o in outcomes])
        if not copied.ok:
            await visit.api("DELETE", "/rest/v1/jtbds", query={"id": f"eq.{new_id}"})
            return answered(visit, copied, "", back, "Copy")
    return visit.redirect(f"/jtbds/{new_id}")


@router.get("/outcomes/{outcome_id}")
async def outcome(outcome_id: str, request: Request):
    visit = await Visit.of(request)
    found = await _one(visit, "jtbd_desired_outcomes", _OUTCOME, uuid_or_nowhere(outcome_id))
    if not found:
        return _gone(visit, "Outcome")
    job_row = await _one(visit, "jtbds", "id,title,tenant_id", found["jtbd_id"])
    return visit.render("outcome.html", title="Desired outcome", outcome=found, job=job_row, own=_own(visit, found),
                        saved=request.query_params.get("saved"), error=None)


@router.post("/outcomes/{outcome_id}")
async def edit_outcome(outcome_id: str, request: Request):
    visit = await Visit.of(request)
    form = await visit.check_form()
    row_id = uuid_or_nowhere(outcome_id)
    found = await _one(visit, "jtbd_desired_outcomes", _OUTCOME, row_id)
    if not found:
        return _gone(visit, "Outcome")
    values = {}
    for key in ("importance_score", "satisfaction_score"):
        try:
            values[key] = round(float((form.get(key) or "").replace(",", ".")), 1)
        except ValueError:
            values[key] = None
        if values[key] is None or not 1 <= values[key] <= 10:
            job_row = await _one(visit, "jtbds", "id,title,tenant_id", found["jtbd_id"])
            return visit.render("outcome.html", 400, title="Desired outcome", outcome=found, job=job_row,
                                own=_own(visit, found), error="Importance and satisfaction are numbers from 1 to 10. "
                                "Nothing was changed.")
    reply = await visit.api("PATCH", "/rest/v1/jtbd_desired_outcomes",
                            query={"id": f"eq.{row_id}"}, headers={"prefer": "return=representation"},
                            json_body={**values, "score_source": "expert_estimate", "respondent_count": None})
    reply = untouched(reply, "This outcome belongs to the platform library and is read-only.")
    return answered(visit, reply, f"/outcomes/{row_id}?saved=1", (f"/outcomes/{row_id}", "Back"), "Scores")
