"""What an answer's metadata means, in words a reader understands: confidence, the "not in your
documents" state, and why the system chose an agent."""

from __future__ import annotations

from typing import Any


def confidence(metadata: dict[str, Any], cited: int) -> dict[str, str]:
    """{'level': high|moderate|low|none, 'text': ...} from the answer's verification."""
    retrieval = metadata.get("retrieval") or {}
    if cited == 0 and not retrieval.get("passages"):
        return {"level": "none", "text": "Not in your documents: nothing in the knowledge base answers this "
                                         "question. Add documents on the topic, or rephrase it."}
    value = float(metadata.get("confidence") or 0.0)
    verification = metadata.get("verification") or {}
    claims, supported = verification.get("claims"), verification.get("supported")
    basis = (f"{supported} of {claims} statements are backed by the cited passages" if claims
             else "based on how well the cited passages match the question")
    if value >= 0.75:
        return {"level": "high", "text": f"High confidence — {basis}."}
    if value >= 0.4:
        return {"level": "moderate", "text": f"Moderate confidence — {basis}; check the citations."}
    if cited == 0:
        return {"level": "none", "text": "Not in your documents: the passages found do not answer this question."}
    return {"level": "low", "text": f"Low confidence — {basis}; read the cited passages before relying on it."}


def why_agent(metadata: dict[str, Any]) -> dict[str, Any] | None:
    """Mode 2: the chosen agent, the question's words it matched, and the runners-up."""
    selection = metadata.get("agent_selection")
    if not selection or not selection.get("candidates"):
        return None
    candidates = selection["candidates"]
    chosen = next((c for c in candidates if c.get("agent_id") == selection.get("chosen")), candidates[0])
    words = sorted({w for found in (chosen.get("matched") or {}).values() for w in found})
    return {"name": chosen.get("name"), "score": chosen.get("score"), "words": words,
            "fallback": bool(selection.get("fallback")),
            "others": [{"name": c.get("name"), "score": c.get("score")} for c in candidates if c is not chosen][:4]}


# -- autonomous runs and panels ------------------------------------------------------------------
NODES = {"plan": "Planning", "approve": "Approval of the plan", "execute": "Evidence step",
         "synthesise": "Writing the report", "verify": "Checking each statement against its sources",
         "frame": "Framing the question and gathering each member's evidence", "opening": "Opening statements",
         "debate": "Debate", "vote": "Vote"}

STATUS = {
    "waiting_approval": "Waiting for you: approve the plan, ask for changes or reject it.",
    "running": "Working: the steps below appear as they finish.",
    "pending": "Not started yet.",
    "paused": "Paused: nothing more happens until you resume.",
    "completed": "Finished.", "succeeded": "Finished.",
    "cancelled": "Cancelled: it was stopped and will not continue.",
    "failed": "Failed: it stopped before the end.",
}


def status(value: str | None, *, panel: bool = False) -> str:
    if panel and value == "waiting_approval":
        return "Waiting for the people seated on the panel: add your view and vote, then continue."
    if panel and value == "running":
        return "Deliberating: the transcript below grows as each turn is written."
    return STATUS.get(value or "", value or "Unknown")


def event_text(kind: str, payload: dict[str, Any]) -> str | None:
    """One event of a run's timeline in words; None for the ones a reader does not need (model calls)."""
    node = payload.get("node")
    name = NODES.get(node, node or "A step")
    if kind == "step_started":
        return f"{name}…"
    if kind == "step_succeeded":
        if node == "plan":
            return f"Plan ready: {len(payload.get('plan') or [])} steps."
        if node == "execute":
            return f"Evidence step {payload.get('plan_step')} done: {payload.get('citations', 0)} passages cited."
        if node == "verify":
            return f"Checked: {payload.get('supported', 0)} of {payload.get('claims', 0)} statements are backed."
        if node in ("opening", "debate"):
            return f"{name}, round {payload.get('round')}: {payload.get('contributions', 0)} contributions."
        if node == "vote":
            leader = payload.get("leader") or "no position"
            return (f"Round {payload.get('round')} vote: {leader} leads, consensus "
                    f"{float(payload.get('consensus') or 0):.2f} ({payload.get('strength')}).")
        if node == "synthesise" and payload.get("recommendation") is not None:
            return f"Synthesis: {payload.get('recommendation')} ({payload.get('strength')})."
        if node == "approve":
            return f"Decision taken: {payload.get('decision')}."
        return f"{name}: done."
    if kind == "step_failed":
        return f"{name} failed."
    return {
        "run_started": "Started.", "run_resumed": "Continuing.", "approval_requested": "Waiting for your decision.",
        "approval_decided": f"Decision: {str(payload.get('decision') or '').replace('_', ' ')}.",
        "budget_exceeded": "The token budget is reached: the report is written from the evidence so far.",
        "run_paused": "Paused.", "run_cancelled": "Cancelled.", "run_succeeded": "Finished.",
        "run_failed": "Failed: the run stopped before the end.", "step_retried": f"{name}: trying again.",
    }.get(kind)


def plan_of(run: dict | None) -> dict | None:
    """The plan waiting for a decision (the latest pending approval), with the earlier versions' count."""
    approvals = (run or {}).get("approvals") or []
    pending = [a for a in approvals if a.get("status") == "pending"]
    if not pending:
        return None
    request = pending[-1].get("request") or {}
    return {"steps": request.get("plan") or [], "version": len(approvals), "options": request.get("options") or []}


def node_line(step: dict[str, Any]) -> dict[str, Any]:
    """A finished or current step of a run, for the page's list of steps."""
    output, node = step.get("output") or {}, step.get("node")
    name = NODES.get(node, node)
    if node == "execute" and output.get("plan_step"):
        name = f"Evidence step {output['plan_step']}"
    return {"name": name, "status": step.get("status"), "ms": step.get("duration_ms"),
            "at": step.get("finished_at") or step.get("started_at")}


STRENGTH = {"strong": "strong", "moderate": "moderate (a majority, below the threshold)",
            "weak": "weak (a plurality, or without quorum)", "none": "none (no votes, or a tie)"}


def outcome(report: dict[str, Any]) -> dict[str, Any]:
    """A panel's or committee's outcome in sentences: the recommendation against the threshold."""
    level, threshold = report.get("consensus_level"), report.get("threshold")
    if level is None:
        return {"reached": False, "lines": ["No vote yet: the panel has not finished a round."]}
    committee = report.get("kind") == "committee"
    recommendation = report.get("recommendation")
    lines = [f"Recommendation: {recommendation}." if recommendation else "No recommendation: the votes were tied.",
             f"Consensus {level:.0%} against the {'supermajority' if committee else 'archetype'}'s threshold of "
             f"{threshold:.0%}: {'reached' if report.get('reached') else 'not reached'} after "
             f"{report.get('rounds')} round(s).",
             f"Strength: {STRENGTH.get(report.get('strength') or 'none', report.get('strength'))}."
             + ("" if report.get("quorum") else " Without quorum: too many members abstained.")]
    if committee:
        lines.append(f"Supermajority outcome: {'carried' if report.get('reached') else 'not carried'} "
                     f"(the chair, {report.get('chair')}, counts double).")
    return {"reached": bool(report.get("reached")), "lines": lines}
