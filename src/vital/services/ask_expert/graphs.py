"""Ask Expert modes 3 and 4: the nodes of the `autonomous-expert` workflow.

plan -> approve (a person) -> execute (one plan step per visit: retrieval and a
cited finding) -> synthesise -> verify (every claim must cite a retrieved
passage that says it; a generative model rewrites up to `max_verify_loops`
times, then unsupported sentences are removed). Before each step the run's
token spend is compared with its budget; at the budget the run stops executing
and answers from what it has. The graph itself is the definition seeded in the
workflows domain; these handlers give its nodes their behaviour (`register`).
The run's own state is `state["data"]["autonomous-expert"]`: plan, step_index,
findings, passages (numbered by retrieval.Numbering), answer, verification, loops, stopped.
"""

from __future__ import annotations

from vital.db.queries import Queries
from vital.db.rows import one
from vital.services import analytics
from vital.services.ask_expert import store
from vital.services.evidence import verify
from vital.services.grounding import ground, without_claims
from vital.services.llm import ChatRequest
from vital.services.retrieval import Numbering, Passage
from vital.services.workflows.context import RunContext, RunState, graph_data
from vital.services.workflows.registry import Registry

SQL = Queries(__name__)

SLUG = "autonomous-expert"


def register(registry: Registry) -> None:
    registry.graph(SLUG, {"plan": plan, "execute": execute, "synthesise": synthesise, "verify": verify_answer},
                   completion=complete)


def _mine(state: RunState) -> dict:
    return graph_data(state, SLUG)


def _keep(state: RunState, **changes) -> dict:
    """A state update of this graph's data."""
    return {"data": {SLUG: {**_mine(state), **changes}}}


def _agent(ctx: RunContext) -> tuple[store.Agent, list[str]]:
    if "agent" not in ctx.cache:
        with ctx.tx(read_only=True) as conn:
            row = one(conn, SQL("run_session"), {"session_id": ctx.run.input["session_id"]})
        agent = store.agent_of(row)
        steps = [s["title"] for s in (row["steps"] or []) if s.get("kind") not in ("human_approval", "plan")]
        ctx.cache["agent"] = (agent, steps)
    return ctx.cache["agent"]


def _passages(state: RunState) -> dict[int, Passage]:
    return Numbering(_mine(state).get("passages")).by_ref()


def plan(ctx: RunContext, node: dict, state: RunState) -> dict:
    agent, template = _agent(ctx)
    approval = state.get("approval") or {}
    changes = (approval.get("comment") or "") if approval.get("decision") == "changes_requested" else ""
    result = ctx.generate(ChatRequest(task="plan", purpose="autonomous", question=state["input"]["question"], system=agent.system_prompt,
                                      agent_name=agent.name, options=template, instructions=changes))
    limit = int(ctx.run.definition.settings.get("max_plan_steps", 7))
    steps = result.data.get("steps", [])[:limit] or [state["input"]["question"]]
    return {**_keep(state, plan=steps, step_index=0, findings=[], passages=[], loops=0, stopped=None),
            "step_output": {"plan": steps}}


def execute(ctx: RunContext, node: dict, state: RunState) -> dict:
    mine = _mine(state)
    plan, index = mine["plan"], mine.get("step_index", 0)
    budget, spent = ctx.run.budget_tokens, ctx.spent_tokens()
    if budget and spent >= budget:
        ctx.records.event("budget_exceeded", {"spent_tokens": spent, "budget_tokens": budget,
                                              "steps_done": index, "steps": len(plan)})
        return {"route": "plan_complete", **_keep(state, stopped="budget"),
                "step_output": {"stopped": "budget", "spent_tokens": spent, "budget_tokens": budget}}
    agent, _ = _agent(ctx)
    question, step = state["input"]["question"], plan[index]
    numbering = Numbering(mine.get("passages"))  # numbers stay valid across steps, into the synthesis
    step_passages = numbering.add(ctx.retrieve(f"{question} {step}").passages)
    result = ctx.generate(ChatRequest(task="answer", purpose="autonomous", question=step, system=agent.system_prompt,
                                      agent_name=agent.name, passages=step_passages,
                                      instructions=f"This is step {index + 1} of a plan to answer: {question}"))
    by_ref = {p.ref: p for p in step_passages}
    # A generative model's finding keeps only what its passages support (the synthesis builds on it).
    grounded = ground(result.text, by_ref, generative=ctx.model.generative, finish_reason=result.finish_reason)
    finding = {"step": index + 1, "title": step, "text": grounded.text,
               "refs": [r for r in grounded.check.cited_refs if r in by_ref], "confidence": grounded.confidence}
    done = index + 1 >= len(plan)
    return {**_keep(state, findings=[*(mine.get("findings") or []), finding], step_index=index + 1,
                    passages=numbering.stored()),
            "route": "plan_complete" if done else "steps_remaining",
            "step_output": {"plan_step": index + 1, "citations": len(finding["refs"]),
                            "confidence": grounded.confidence, "removed": len(grounded.unsupported)}}


def synthesise(ctx: RunContext, node: dict, state: RunState) -> dict:
    agent, _ = _agent(ctx)
    mine = _mine(state)
    passages = _passages(state)
    cited = {r for f in mine.get("findings") or [] for r in f["refs"] if r in passages} or set(passages)
    findings = "\n".join(f"Step {f['step']} ({f['title']}): {f['text']}" for f in mine.get("findings") or [])
    unsupported = (mine.get("verification") or {}).get("unsupported") or []
    context = "Findings of each step:\n" + findings
    if unsupported:
        context += "\n\nThese sentences of the previous draft are not supported by the passage they cite; " \
                   "remove or correct them:\n" + "\n".join(u["text"] for u in unsupported)
    result = ctx.generate(ChatRequest(
        task="answer", purpose="autonomous", question=state["input"]["question"], system=agent.system_prompt, agent_name=agent.name,
        passages=[passages[r] for r in sorted(cited)], context=context,
        instructions="Cover the plan: " + "; ".join(mine.get("plan") or [])))
    return {**_keep(state, answer=result.text, finish_reason=result.finish_reason),
            "step_output": {"chars": len(result.text), "loop": mine.get("loops", 0)}}


def verify_answer(ctx: RunContext, node: dict, state: RunState) -> dict:
    mine = _mine(state)
    passages = _passages(state)
    check = verify(mine.get("answer") or "", passages)
    loops = mine.get("loops", 0) + 1
    limit = int(ctx.run.definition.settings.get("max_verify_loops", 2))
    if check.unsupported and ctx.model.generative and loops <= limit:
        return {"route": "unsupported_claims", **_keep(state, loops=loops, verification=check.summary()),
                "step_output": check.summary()}
    answer = mine.get("answer") or ""
    if ctx.model.generative:  # what it could not fix is removed and listed; nothing left: declined
        grounded = ground(answer, passages, finish_reason=mine.get("finish_reason") or "stop")
        return {"route": "verified", **_keep(state, loops=loops, answer=grounded.text, grounded=grounded.metadata(),
                                             verification=grounded.check.summary()),
                "step_output": grounded.check.summary()}
    if check.unsupported:
        answer = without_unsupported(answer, check.unsupported)
        check = verify(answer, passages)
    return {"route": "verified", **_keep(state, loops=loops, answer=answer, verification=check.summary()),
            "step_output": check.summary()}


def without_unsupported(answer: str, removed) -> str:
    """The answer minus the claims no retrieved passage supports, and a note saying so."""
    text = without_claims(answer, removed)
    return f"{text}\n\nNote: {len(removed)} sentence(s) were removed because no retrieved passage supports them."


def complete(ctx: RunContext, conn, state: RunState, outcome: str) -> dict:
    """The run's answer becomes the session's assistant message, with its citation rows."""
    session_id = ctx.run.input["session_id"]
    store.lock_session(conn, session_id)
    if outcome != "succeeded":
        store.update_session(conn, session_id, status="cancelled")
        return {"outcome": outcome}
    agent, _ = _agent(ctx)
    mine = _mine(state)
    passages = _passages(state)
    answer = mine.get("answer") or ""
    check = verify(answer, passages)
    cited = [passages[r] for r in check.cited_refs if r in passages]
    grounded = mine.get("grounded") or {}
    confidence = grounded.get("confidence", check.confidence)
    metadata = {
        "citations": [p.cited() for p in cited], "confidence": confidence,
        "outcome": grounded.get("outcome", "answered" if confidence > 0 else "declined"),
        "unsupported": grounded.get("unsupported", []),
        "answerer": ctx.model.provider, "model": ctx.model.model, "extractive": ctx.model.provider == "extractive",
        "mode": ctx.run.input.get("mode"), "workflow_run_id": ctx.run.id, "plan": mine.get("plan"),
        "steps": [{k: f[k] for k in ("step", "title", "refs", "confidence")} for f in mine.get("findings") or []],
        "verification": check.summary(), "stopped": mine.get("stopped"),
    }
    if ctx.run.input.get("agent_selection"):
        metadata["agent_selection"] = ctx.run.input["agent_selection"]
    message = store.add_message(conn, session_id, "assistant", answer, agent=agent, metadata=metadata,
                                citations=cited)
    conn.execute(SQL("usage_link"), {"message_id": message["id"], "run_id": ctx.run.id})
    store.update_session(conn, session_id, status="completed")
    analytics.event(conn, "ask_expert.message_answered", "ask_expert_messages", message["id"],
                    mode=ctx.run.input.get("mode"), agent=agent.slug, confidence=confidence,
                    stopped=mine.get("stopped"))
    return {"message_id": message["id"], "confidence": confidence, "claims_checked": len(check.claims),
            "unsupported_claims": len(check.unsupported), "stopped": mine.get("stopped")}
