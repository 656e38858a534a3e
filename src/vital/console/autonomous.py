"""Ask Expert's autonomous modes 3 and 4 on the session page: the plan shown for a decision
(approve, ask for changes with a comment, reject), the steps as they happen (the run's events,
relayed in words by `live.py`), the final report with its citations; pause, resume, cancel.

Every action is the public API's, as the person: the session's approve, resume and cancel, and
the workflow run's pause. A decision runs the plan to its end before the API answers, so without
script the page simply shows the report after the post; with script the page follows the run's
events while the decision is under way."""

from __future__ import annotations

from fastapi import APIRouter, Request

from vital.console import live
from vital.console.answers import acted, path_id
from vital.console.inprocess import Reply
from vital.console.visit import Visit

router = APIRouter(include_in_schema=False)

DECISIONS = ("approved", "changes_requested", "rejected")


def _back(session_id: str) -> tuple[str, str]:
    return f"/sessions/{session_id}", "Back to the session"


@router.post("/sessions/{session_id}/decide")
async def decide(session_id: str, request: Request):
    visit = await Visit.of(request)
    form = await visit.check_form()
    session_id = path_id(session_id)
    decision, comment = form.get("decision"), (form.get("comment") or "").strip() or None
    if decision not in DECISIONS:
        return acted(visit, Reply(400, {}, b'{"message": "Choose approve, ask for changes or reject."}'),
                     "", _back(session_id))
    if decision == "changes_requested" and not comment:
        return acted(visit, Reply(400, {}, b'{"message": "Say what should change in the plan (the comment box), '
                                           b'then ask for changes again. Nothing was sent."}'), "", _back(session_id))
    reply = await visit.api("POST", f"/api/v1/ask-expert/sessions/{session_id}/approve", json_body={
        "approved": decision == "approved", "decision": decision, "comment": comment})
    return acted(visit, reply, f"/sessions/{session_id}", _back(session_id))


@router.post("/sessions/{session_id}/{action}")
async def control(session_id: str, action: str, request: Request):
    """pause (the run's), resume and cancel (the session's)."""
    visit = await Visit.of(request)
    await visit.check_form()
    session_id = path_id(session_id)
    if action == "pause":  # the session has no pause of its own: its run's
        reply = await visit.api("GET", f"/api/v1/ask-expert/sessions/{session_id}")
        run_id = (reply.json() or {}).get("workflow_run_id") if reply.ok else None
        if run_id:
            reply = await visit.api("POST", f"/api/v1/workflows/runs/{path_id(run_id)}/pause")
        elif reply.ok:
            reply = Reply(409, {}, b'{"message": "This session has no autonomous run to pause."}')
    elif action in ("resume", "cancel"):
        reply = await visit.api("POST", f"/api/v1/ask-expert/sessions/{session_id}/{action}")
    else:
        reply = Reply(404, {}, b'{"message": "No such action."}')
    return acted(visit, reply, f"/sessions/{session_id}", _back(session_id))


@router.get("/sessions/{session_id}/events")
async def events(session_id: str, request: Request):
    visit = await Visit.of(request)
    return await live.relay(visit, f"/api/v1/ask-expert/sessions/{path_id(session_id)}/events", live.after_of(visit))
