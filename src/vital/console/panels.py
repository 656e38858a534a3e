"""Panels and committees: set up (kind, archetype, agents, question, options), the transcript round
by round as it happens (the run's events relayed by `live.py`, each new contribution with them),
each member's position and vote, the consensus against the threshold, the dissent, the chair's
rationale and the supermajority outcome of a committee; a person's turn in hybrid panels.

Without script the setup form runs the panel before the page answers and shows the result; with
script the panel is created without running, and its page starts it and follows it live."""

from __future__ import annotations

from fastapi import APIRouter, Request

from vital.console import live, words
from vital.console.answers import acted, api_error, path_id
from vital.console.ask import agents_for
from vital.console.inprocess import Reply
from vital.console.visit import Visit

router = APIRouter(include_in_schema=False)

STEPS_WITH_WORDS = ("opening", "debate", "vote")


async def _setup_page(visit: Visit, status: int = 200, **context):
    archetypes = await visit.api("GET", "/rest/v1/panel_archetypes", query={
        "select": "slug,name,description,consensus_threshold,default_rounds,min_members,max_members,"
                  "allows_human_contributions", "order": "consensus_threshold.desc,slug.asc"})
    listing = await visit.api("GET", "/api/v1/panels", query={"limit": "30"})
    return visit.render("panels.html", status, title="Panels and committees",
                        archetypes=archetypes.json() if archetypes.ok else [], agents=await agents_for(visit),
                        panels=listing.json() if listing.ok else [], form=context.pop("form", {}), **context)


@router.get("/panels")
async def panels_page(request: Request):
    return await _setup_page(await Visit.of(request))


def _body(form, person: str | None) -> tuple[dict | None, str | None]:
    """The API's body for a new panel, or what is wrong with the form."""
    question = (form.get("question") or "").strip()
    if not question:
        return None, "Type the question the panel should decide."
    kind = "committee" if form.get("kind") == "committee" else "panel"
    agents = [path_id(a) for a in form.getlist("agents") if a]
    body: dict = {"question": question, "kind": kind, "run": form.get("live") != "1"}
    if agents:
        if len(agents) < 2:
            return None, "Pick at least two agents, or none and VITAL picks them for the question."
        body["agents"] = agents
    else:
        body["size"] = 4
    if kind == "panel":
        body["archetype"] = form.get("archetype") or "structured"
    elif form.get("chair"):
        body["chair"] = path_id(form["chair"])
    options = [o.strip() for o in (form.get("options") or "").split(",") if o.strip()]
    if options:
        body["options"] = options
    if (form.get("rounds") or "").strip():
        if not form["rounds"].strip().isdigit() or not 1 <= int(form["rounds"]) <= 10:
            return None, "Rounds: a whole number from 1 to 10 (or leave it empty for the archetype's default)."
        body["rounds"] = int(form["rounds"])
    if (form.get("context") or "").strip():
        body["context"] = form["context"].strip()
    if form.get("seat_me") and person:
        body["humans"] = [person]
    return body, None


@router.post("/panels")
async def create(request: Request):
    visit = await Visit.of(request)
    await visit.check_form()
    form = await request.form()
    body, error = _body(form, visit.session.user_id)
    if error is None:
        reply = await visit.api("POST", "/api/v1/panels", json_body=body)
        if reply.ok:
            found = reply.json()
            return visit.redirect(f"/panels/{found['id']}" + ("" if body["run"] else "?start=1"))
        error = api_error(reply, visit.session.role)
    return await _setup_page(visit, 400, error=error, form=dict(form))


@router.get("/panels/{panel_id}")
async def panel_page(panel_id: str, request: Request):
    visit = await Visit.of(request)
    reply = await visit.api("GET", f"/api/v1/panels/{path_id(panel_id)}")
    if not reply.ok:
        return visit.render("notice.html", 404, title="Panel not found",
                            text="This panel does not exist or is not yours to see.", link=("/panels", "Panels"))
    panel = reply.json()
    report = await visit.api("GET", f"/api/v1/panels/{panel['id']}/report")
    report = report.json() if report.ok else {}
    members = {m["id"]: m for m in panel["members"]}
    rounds = [{"round": r,
               "contributions": [c for c in panel["contributions"] if c["round"] == r],
               "votes": [v for v in panel["votes"] if v["round"] == r],
               "synthesis": next((s for s in panel["syntheses"] if s["round"] == r), None)}
              # people's contributions for the coming round show before the agents speak in it
              for r in range(1, max([panel.get("current_round") or 0] + [c["round"] for c in panel["contributions"]]) + 1)]
    chair = next((m for m in panel["members"] if m["role"] == "chair"), None)
    last_votes = next((r["votes"] for r in reversed(rounds) if r["synthesis"]), [])
    me = next((m for m in panel["members"] if m.get("user_id") == visit.session.user_id), None)
    return visit.render(
        "panel.html", title=panel["question"], panel=panel, report=report, members=members, rounds=rounds,
        outcome=words.outcome(report), status_text=words.status(panel["status"], panel=True), me=me,
        options=(panel.get("settings") or {}).get("options") or [],
        final_votes={v["member_id"]: v for v in last_votes},
        chair_vote=next((v for v in last_votes if chair and v["member_id"] == chair["id"]), None), chair=chair,
        autostart=request.query_params.get("start") == "1" and panel["status"] == "pending")


@router.post("/panels/{panel_id}/contributions")
async def contribute(panel_id: str, request: Request):
    visit = await Visit.of(request)
    form = await visit.check_form()
    panel_id = path_id(panel_id)
    content = (form.get("content") or "").strip()
    if not content:
        reply = Reply(400, {}, b'{"message": "Write your contribution first. Nothing was sent."}')
    else:
        reply = await visit.api("POST", f"/api/v1/panels/{panel_id}/contributions",
                                json_body={"content": content, "position": form.get("position") or None})
    return acted(visit, reply, f"/panels/{panel_id}", (f"/panels/{panel_id}", "Back to the panel"))


@router.post("/panels/{panel_id}/{action}")
async def control(panel_id: str, action: str, request: Request):
    """start (a panel created without running), continue (after the people's turn), cancel."""
    visit = await Visit.of(request)
    await visit.check_form()
    panel_id = path_id(panel_id)
    if action in ("start", "continue", "cancel"):
        reply = await visit.api("POST", f"/api/v1/panels/{panel_id}/{action}")
    else:
        reply = Reply(404, {}, b'{"message": "No such action."}')
    return acted(visit, reply, f"/panels/{panel_id}", (f"/panels/{panel_id}", "Back to the panel"))


@router.get("/panels/{panel_id}/events")
async def events(panel_id: str, request: Request):
    """The run's events in words, and after each opening, debate or vote the contributions it wrote."""
    visit = await Visit.of(request)
    panel_id = path_id(panel_id)

    async def contributions(event: str, payload: dict) -> list[tuple[str, dict]]:
        if event != "step_succeeded" or payload.get("node") not in STEPS_WITH_WORDS:
            return []
        reply = await visit.api("GET", f"/api/v1/panels/{panel_id}")
        if not reply.ok:
            return []
        panel = reply.json()
        names = {m["id"]: m["label"] for m in panel["members"]}
        return [("contribution", {"id": c["id"], "speaker": names.get(c["member_id"], "A member"), "round": c["round"],
                                  "stance": c.get("stance"), "text": c["content"]}) for c in panel["contributions"]]

    return await live.relay(visit, f"/api/v1/panels/{panel_id}/events", live.after_of(visit), contributions)
