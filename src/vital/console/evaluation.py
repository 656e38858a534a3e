"""Evaluation on the Knowledge page: the golden sets the organisation reads (its own and the
platform's, read-only) with their question counts, its runs with their status, starting a run
(`POST /api/v1/eval/runs`: members and above; a viewer's refusal in words), and a run's page
that follows its progress as an upload job's page does (it reloads itself while the run is
queued or running) and then shows its figures and every question's judgement. All through the
public API as the person (`/rest/v1/eval_sets`, `/api/v1/eval/runs`), so RLS decides."""

from __future__ import annotations

from fastapi import APIRouter, Request

from vital.console.answers import acted
from vital.console.forms import rows, uuid_or_nowhere
from vital.console.visit import Visit

router = APIRouter(include_in_schema=False)

RUNNING = ("queued", "running")
TAGS = ("golden", "dev", "heldout", "all")
# A run's figures in the order docs/knowledge.md#evaluation explains them: (key, label, higher is
# better); each a share shown in per cent, except the mean reciprocal rank (0-1, shown as it is).
FIGURES = (("hit_at_k", "Hit@k: the expected document among the first k retrieved", True),
           ("mrr", "Mean reciprocal rank of the expected document (1 = always first)", True),
           ("fact_recall", "Fact recall: answers that state the expected fact", True),
           ("decline_precision", "Decline precision: declined answers that should have been declined", True),
           ("decline_recall", "Decline recall: out-of-scope questions declined", True),
           ("wrong_confident_rate", "Wrong and confident (confidence 0.5 or more)", False),
           ("citation_validity", "Citation validity: cited sentences found in the cited passage", True),
           ("correct", "Answers judged right", True))


async def overview(visit: Visit) -> dict:
    """The Knowledge page's evaluation section: sets (own first) and the latest runs."""
    sets = await visit.api("GET", "/rest/v1/eval_sets", query={
        "select": "id,tenant_id,slug,name,description,eval_questions(count())", "order": "name.asc", "limit": "100"})
    runs = await visit.api("GET", "/api/v1/eval/runs", query={"limit": "10"})
    own = str(visit.tenant.id)
    found = sorted(rows(sets), key=lambda s: s["tenant_id"] != own)
    for s in found:
        counted = s.pop("eval_questions", None) or [{}]
        s["questions"], s["own"] = counted[0].get("count", 0), s["tenant_id"] == own
    return {"eval_sets": found, "eval_runs": rows(runs), "eval_unreadable": not (sets.ok and runs.ok),
            "eval_tags": TAGS}


def _whole(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@router.post("/knowledge/eval/runs")
async def start(request: Request):
    """A run of one set (or every set the organisation reads) as a background job; its page follows it."""
    visit = await Visit.of(request)
    form = await visit.check_form()
    body = {"set": form.get("tag") if form.get("tag") in TAGS else "golden", "k": _whole(form.get("k")) or 5}
    if (form.get("eval_set") or "").strip():
        body["eval_set"] = form["eval_set"].strip()
    reply = await visit.api("POST", "/api/v1/eval/runs", json_body=body)
    run = reply.json().get("run_id") if reply.ok else None
    return acted(visit, reply, f"/knowledge/eval/runs/{run}", ("/knowledge#eval-title", "Back to Knowledge"))


@router.get("/knowledge/eval/runs/{run_id}")
async def run(run_id: str, request: Request):
    visit = await Visit.of(request)
    reply = await visit.api("GET", f"/api/v1/eval/runs/{uuid_or_nowhere(run_id)}", query={"results": "true"})
    if not reply.ok:
        return visit.render("notice.html", 404, title="Run not found", text="This evaluation run does not exist or "
                            "is not yours to see.", link=("/knowledge", "Knowledge"))
    found = reply.json()
    figures = found.get("metrics") or {}
    shown = [(label, figures.get(key), better, key != "mrr") for key, label, better in FIGURES]
    return visit.render("eval_run.html", title="Evaluation run", run=found, figures=figures, shown=shown,
                        results=found.get("results") or [], running=found["status"] in RUNNING)
