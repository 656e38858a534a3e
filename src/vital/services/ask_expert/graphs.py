"""Ask Expert modes 3 and 4: the nodes of the `autonomous-expert` workflow.

plan -> approve (a person) -> execute (one plan step per visit: retrieval and a
cited finding) -> synthesise -> verify (every claim must cite a retrieved
passage that says it; a generative model rewrites up to `max_verify_loops`
times, then unsupported sentences are removed). Before each step the run's
token spend is compared with its budget; at the budget the run stops executing
and answers from what it has. The graph itself is the definition seeded in the
workflows domain; these handlers give its nodes their behaviour.
"""

from __future__ import annotations

from dataclasses import asdict

from vital.services import analytics
from vital.services.ask_expert import store
from vital.services.evidence import Verification, verify
from vital.services.llm import ChatRequest
from vital.services.queries import q
from vital.services.retrieval import Passage
from vital.services.text import normalise_citations
from vital.services.workflows.engine import RunContext, RunState, completion, handler

SLUG = "autonomous-expert"


def _agent(ctx: RunContext) -> tuple[store.Agent, list[str]]:
    if "agent" not in ctx.cache:
        with ctx.scope.tx(read_only=True) as conn:
            row = conn.execute(q("ae_run_session"), {"session_id": ctx.run.input["session_id"]}).fetchone()
        agent = store.Agent(str(row[0]), str(row[1]), row[2], row[3], row[4], row[5], float(row[6]), int(row[7]))
        steps = [s["title"] for s in (row[8] or []) if s.get("kind") not in ("human_approval", "plan")]
        ctx.cache["agent"] = (agent, steps)
    return ctx.cache["agent"]


def _passages(state: RunState) -> dict[int, Passage]:
    return {p["ref"]: Passage(**p) for p in state.get("passages") or []}


@handler(f"{SLUG}.plan")
def plan(ctx: RunContext, node: dict, state: RunState) -> dict:
    agent, template = _agent(ctx)
    approval = state.get("approval") or {}
    changes = (approval.get("comment") or "") if approval.get("decision") == "changes_requested" else ""
    result = ctx.generate(ChatRequest(task="plan", question=state["input"]["question"], system=agent.system_prompt,
                                      agent_name=agent.name, options=template, instructions=changes))
    limit = int(ctx.run.definition.settings.get("max_plan_steps", 7))
    steps = result.data.get("steps", [])[:limit] or [state["input"]["question"]]
    return {"plan": steps, "step_index": 0, "findings": [], "passages": [], "loops": 0, "stopped": None,
            "step_output": {"plan": steps}}


@handler(f"{SLUG}.execute")
def execute(ctx: RunContext, node: dict, state: RunState) -> dict:
    plan, index = state["plan"], state.get("step_index", 0)
    budget, spent = ctx.run.budget_tokens, ctx.spent_tokens()
    if budget and spent >= budget:
        ctx.records.event("budget_exceeded", {"spent_tokens": spent, "budget_tokens": budget,
                                              "steps_done": index, "steps": len(plan)})
        return {"route": "plan_complete", "stopped": "budget",
                "step_output": {"stopped": "budget", "spent_tokens": spent, "budget_tokens": budget}}
    agent, _ = _agent(ctx)
    question, step = state["input"]["question"], plan[index]
    known = _passages(state)
    by_chunk = {p.chunk_id: p for p in known.values()}
    found = ctx.retrieve(f"{question} {step}").passages
    step_passages = []
    for p in found:  # a chunk keeps its number across steps, so citations stay valid in the synthesis
        if p.chunk_id not in by_chunk:
            by_chunk[p.chunk_id] = Passage(**{**asdict(p), "ref": len(by_chunk) + 1})
        step_passages.append(by_chunk[p.chunk_id])
    result = ctx.generate(ChatRequest(task="answer", question=step, system=agent.system_prompt,
                                      agent_name=agent.name, passages=step_passages,
                                      instructions=f"This is step {index + 1} of a plan to answer: {question}"))
    check = verify(result.text, {p.ref: p for p in step_passages})
    finding = {"step": index + 1, "title": step, "text": result.text, "refs": check.cited_refs,
               "confidence": check.confidence}
    done = index + 1 >= len(plan)
    return {"findings": [*(state.get("findings") or []), finding], "step_index": index + 1,
            "passages": [asdict(p) for p in sorted(by_chunk.values(), key=lambda p: p.ref)],
            "route": "plan_complete" if done else "steps_remaining",
            "step_output": {"plan_step": index + 1, "citations": len(check.cited_refs),
                            "confidence": check.confidence}}


@handler(f"{SLUG}.synthesise")
def synthesise(ctx: RunContext, node: dict, state: RunState) -> dict:
    agent, _ = _agent(ctx)
    passages = _passages(state)
    cited = {r for f in state.get("findings") or [] for r in f["refs"]} or set(passages)
    findings = "\n".join(f"Step {f['step']} ({f['title']}): {f['text']}" for f in state.get("findings") or [])
    unsupported = (state.get("verification") or {}).get("unsupported") or []
    context = "Findings of each step:\n" + findings
    if unsupported:
        context += "\n\nThese sentences of the previous draft are not supported by the passage they cite; " \
                   "remove or correct them:\n" + "\n".join(u["text"] for u in unsupported)
    result = ctx.generate(ChatRequest(
        task="answer", question=state["input"]["question"], system=agent.system_prompt, agent_name=agent.name,
        passages=[passages[r] for r in sorted(cited)], context=context,
        instructions="Cover the plan: " + "; ".join(state.get("plan") or [])))
    return {"answer": result.text, "step_output": {"chars": len(result.text), "loop": state.get("loops", 0)}}


@handler(f"{SLUG}.verify")
def verify_answer(ctx: RunContext, node: dict, state: RunState) -> dict:
    passages = _passages(state)
    check = verify(state.get("answer") or "", passages)
    loops = state.get("loops", 0) + 1
    limit = int(ctx.run.definition.settings.get("max_verify_loops", 2))
    if check.unsupported and ctx.model.generative and loops <= limit:
        return {"route": "unsupported_claims", "loops": loops, "verification": check.summary(),
                "step_output": check.summary()}
    answer = state.get("answer") or ""
    if check.unsupported:
        answer = without_unsupported(answer, check)
        check = verify(answer, passages)
    return {"route": "verified", "loops": loops, "answer": answer, "verification": check.summary(),
            "step_output": check.summary()}


def without_unsupported(answer: str, check: Verification) -> str:
    """The answer minus the claims no retrieved passage supports, and a note saying so."""
    removed = check.unsupported
    answer = normalise_citations(answer)
    for claim in removed:
        answer = answer.replace(claim.text, "")
    lines = [line.rstrip() for line in answer.splitlines()]
    text = "\n".join(line for line in lines if line.strip(" -*•")).strip()
    return f"{text}\n\nNote: {len(removed)} sentence(s) were removed because no retrieved passage supports them."


@completion(SLUG)
def complete(ctx: RunContext, conn, state: RunState, outcome: str) -> dict:
    """The run's answer becomes the session's assistant message, with its citation rows."""
    session_id = ctx.run.input["session_id"]
    store.lock_session(conn, session_id)
    if outcome != "succeeded":
        store.update_session(conn, session_id, status="cancelled")
        return {"outcome": outcome}
    agent, _ = _agent(ctx)
    passages = _passages(state)
    answer = state.get("answer") or ""
    check = verify(answer, passages)
    cited = [passages[r] for r in check.cited_refs]
    metadata = {
        "citations": [p.cited() for p in cited], "confidence": check.confidence,
        "answerer": ctx.model.provider, "model": ctx.model.model, "extractive": ctx.model.provider == "extractive",
        "mode": ctx.run.input.get("mode"), "workflow_run_id": ctx.run.id, "plan": state.get("plan"),
        "steps": [{k: f[k] for k in ("step", "title", "refs", "confidence")} for f in state.get("findings") or []],
        "verification": check.summary(), "stopped": state.get("stopped"),
    }
    if ctx.run.input.get("agent_selection"):
        metadata["agent_selection"] = ctx.run.input["agent_selection"]
    message = store.add_message(conn, session_id, "assistant", answer, agent=agent, metadata=metadata,
                                citations=cited)
    conn.execute(q("ae_usage_link"), {"message_id": message["id"], "run_id": ctx.run.id})
    store.update_session(conn, session_id, status="completed")
    analytics.event(conn, "ask_expert.message_answered", "ask_expert_messages", message["id"],
                    mode=ctx.run.input.get("mode"), agent=agent.slug, confidence=check.confidence,
                    stopped=state.get("stopped"))
    return {"message_id": message["id"], "confidence": check.confidence, "claims_checked": len(check.claims),
            "unsupported_claims": len(check.unsupported), "stopped": state.get("stopped")}
