"""Personas and jobs-to-be-done: browse, create and edit the organisation's own; platform-library
rows are read-only for tenants (RLS lets a tenant's update of them change nothing), so they are
shown as such with "copy to my organisation" (a fork: `forked_from_*` names the original; a job
with its desired outcomes in one call, `copy_job_to_tenant`); VPANES per persona and the ODI
opportunity landscape of a job as SVG charts beside their tables; the completeness gaps that
`vital db completeness` reports, from the `agent_completeness`, `persona_completeness` and
`jtbd_completeness` views read as the person. The forms' reading and writing: personas_forms.py."""

from __future__ import annotations

from fastapi import APIRouter, Request

from vital.console import charts
from vital.console.forms import answered, rows, uuid_or_nowhere
from vital.console.personas_forms import SENIORITIES, VPANES, Kind, create, edit, gone, job_edit, job_new, one, \
    outcome_scores, persona_edit, persona_new
from vital.console.visit import Visit

router = APIRouter(include_in_schema=False)

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


async def _gaps(visit: Visit, view: str, order: str) -> list[dict]:
    return rows(await visit.api("GET", f"/rest/v1/{view}", query={
        "tenant_id": f"eq.{visit.tenant.id}", "is_complete": "is.false", "order": order}))


@router.get("/personas")
async def personas(request: Request):
    visit = await Visit.of(request)
    people = await visit.api("GET", "/rest/v1/personas", query={"select": _PERSONA, "order": "name.asc",
                                                                "limit": "500"})
    jobs = await visit.api("GET", "/rest/v1/jtbds", query={"select": _JOB, "order": "title.asc", "limit": "500"})
    listed = _forks_first(visit, rows(people))
    scored = [p for p in listed if p.get("vpanes_total") is not None]
    return visit.render("personas.html", title="Personas & JTBDs", personas=listed, jobs=_forks_first(visit, rows(jobs)),
                        unreadable=not (people.ok and jobs.ok), own_id=str(visit.tenant.id),
                        persona_gaps=await _gaps(visit, "persona_completeness", "name.asc"),
                        job_gaps=await _gaps(visit, "jtbd_completeness", "title.asc"),
                        agent_gaps=await _gaps(visit, "agent_completeness", "name.asc"),
                        chart=charts.hbars([(p["name"], float(p["vpanes_total"])) for p in scored], 60))


# -- personas ------------------------------------------------------------------------------------

async def _persona_page(visit: Visit, persona: dict, status: int = 200, **context):
    jobs = await visit.api("GET", "/rest/v1/jtbds", query={"select": "id,title,tenant_id",
                                                           "job_executor": f"eq.{persona['id']}"})
    vp = persona.get("vpanes_scores") or {}
    return visit.render("persona.html", status, title=persona["name"], persona=persona, own=_own(visit, persona),
                        jobs=rows(jobs), vpanes=[(k, vp.get(k)) for k in VPANES],
                        chart=charts.hbars([(k.capitalize(), float(vp[k])) for k in VPANES], 10) if vp else None,
                        **context)


async def _new_persona_page(visit: Visit, status: int = 200, **context):
    return visit.render("persona_new.html", status, title="New persona", vpanes=VPANES, seniorities=SENIORITIES,
                        **{"form": {}, **context})


def _creatable(kind: Kind, parse) -> None:
    """`<path>/new`: the empty form (GET) and the new row from it (POST); registered before
    `<path>/{id}`, which would otherwise take "new" for an id."""
    async def form(request: Request):
        return await kind.new_page(await Visit.of(request))

    async def made(request: Request):
        return await create(await Visit.of(request), kind, parse)

    router.add_api_route(f"{kind.path}/new", form, methods=["GET"], include_in_schema=False)
    router.add_api_route(f"{kind.path}/new", made, methods=["POST"], include_in_schema=False)


PERSONAS = Kind("personas", _PERSONA, "Persona", "/personas", "This persona belongs to the platform library and is "
                "read-only. Copy it to your organisation to change it.", _persona_page, _new_persona_page,
                "Your organisation already has a persona with this name: choose another name.")
_creatable(PERSONAS, persona_new)


@router.get("/personas/{persona_id}")
async def persona(persona_id: str, request: Request):
    visit = await Visit.of(request)
    found = await one(visit, "personas", _PERSONA, uuid_or_nowhere(persona_id))
    if not found:
        return gone(visit, "Persona")
    return await _persona_page(visit, found, saved=request.query_params.get("saved"))


@router.post("/personas/{persona_id}")
async def edit_persona(persona_id: str, request: Request):
    return await edit(await Visit.of(request), PERSONAS, persona_id, persona_edit)


def _copy(row: dict, fields: str) -> dict:
    keep = [f for f in fields.split(",") if f not in ("id", "tenant_id", "updated_at", "forked_from_id") and
            f not in ("vpanes_total", "vpanes_tier", "job_statement")]
    copied = {f: row.get(f) for f in keep}
    copied.update(forked_from_tenant_id=row["tenant_id"], forked_from_id=row["id"])
    return copied


@router.post("/personas/{persona_id}/copy")
async def copy_persona(persona_id: str, request: Request):
    """A persona is one row: one call copies it (its sections stay with the original)."""
    visit = await Visit.of(request)
    await visit.check_form()
    found = await one(visit, "personas", _PERSONA, uuid_or_nowhere(persona_id))
    if not found:
        return gone(visit, "Persona")
    reply = await visit.api("POST", "/rest/v1/personas", json_body=_copy(found, _PERSONA),
                            headers={"prefer": "return=representation"})
    back = (f"/personas/{found['id']}", "Back to the persona")
    return answered(visit, reply, f"/personas/{(reply.json() or [{}])[0].get('id')}" if reply.ok else "",
                    back, "Copy")


# -- jobs ----------------------------------------------------------------------------------------

async def _job_page(visit: Visit, job: dict, status: int = 200, **context):
    outcomes = rows(await visit.api("GET", "/rest/v1/jtbd_desired_outcomes", query={
        "select": _OUTCOME, "jtbd_id": f"eq.{job['id']}", "tenant_id": f"eq.{job['tenant_id']}",
        "order": "opportunity_score.desc,position.asc"}))
    points = [charts.Point(float(o["importance_score"]), float(o["satisfaction_score"]), o["outcome_statement"],
                           f"/outcomes/{o['id']}") for o in outcomes]
    return visit.render("jtbd.html", status, title=job["title"], job=job, own=_own(visit, job), outcomes=outcomes,
                        landscape=charts.odi_landscape(points), **context)


async def _new_job_page(visit: Visit, status: int = 200, **context):
    people = rows(await visit.api("GET", "/rest/v1/personas", query={"select": "id,tenant_id,name,role_title",
                                                                     "order": "name.asc", "limit": "500"}))
    return visit.render("jtbd_new.html", status, title="New job-to-be-done", personas=_forks_first(visit, people),
                        own_id=str(visit.tenant.id), **{"form": {}, **context})


JOBS = Kind("jtbds", _JOB, "Job", "/jtbds", "This job belongs to the platform library and is read-only. Copy it to "
            "your organisation to change it.", _job_page, _new_job_page,
            "Your organisation already has a job with this title: choose another title.")
_creatable(JOBS, job_new)


@router.get("/jtbds/{job_id}")
async def job(job_id: str, request: Request):
    visit = await Visit.of(request)
    found = await one(visit, "jtbds", _JOB, uuid_or_nowhere(job_id))
    if not found:
        return gone(visit, "Job")
    return await _job_page(visit, found, saved=request.query_params.get("saved"))


@router.post("/jtbds/{job_id}")
async def edit_job(job_id: str, request: Request):
    return await edit(await Visit.of(request), JOBS, job_id, job_edit)


@router.post("/jtbds/{job_id}/copy")
async def copy_job(job_id: str, request: Request):
    """The job and its desired outcomes (their scores kept) in one call, so one transaction: a
    refusal leaves nothing behind. The job map and the other sections stay with the original."""
    visit = await Visit.of(request)
    await visit.check_form()
    row_id = uuid_or_nowhere(job_id)
    made = await visit.api("POST", "/rest/v1/rpc/copy_job_to_tenant", json_body={"job_id": row_id})
    if made.ok and made.json() is None:
        return gone(visit, "Job")
    return answered(visit, made, f"/jtbds/{made.json()}" if made.ok else "", (f"/jtbds/{row_id}", "Back to the job"),
                    "Copy")


# -- desired outcomes ----------------------------------------------------------------------------

async def _outcome_page(visit: Visit, outcome: dict, status: int = 200, **context):
    job_row = await one(visit, "jtbds", "id,title,tenant_id", outcome["jtbd_id"])
    return visit.render("outcome.html", status, title="Desired outcome", outcome=outcome, job=job_row,
                        own=_own(visit, outcome), **{"error": None, **context})


OUTCOMES = Kind("jtbd_desired_outcomes", _OUTCOME, "Outcome", "/outcomes", "This outcome belongs to the platform "
                "library and is read-only.", _outcome_page)


@router.get("/outcomes/{outcome_id}")
async def outcome(outcome_id: str, request: Request):
    visit = await Visit.of(request)
    found = await one(visit, "jtbd_desired_outcomes", _OUTCOME, uuid_or_nowhere(outcome_id))
    if not found:
        return gone(visit, "Outcome")
    return await _outcome_page(visit, found, saved=request.query_params.get("saved"))


@router.post("/outcomes/{outcome_id}")
async def edit_outcome(outcome_id: str, request: Request):
    return await edit(await Visit.of(request), OUTCOMES, outcome_id, outcome_scores)
