"""Node behaviour by node type, for any definition (a tenant's own graphs included).

- ``human_approval``: the run waits (a LangGraph interrupt) until a person decides;
  the decision is the route taken (an edge condition); a rejection with no edge
  of its own ends the run as cancelled. A plan the graph keeps in its data
  (`plan`) is shown with the request.
- ``llm``, ``agent`` (and anything unknown): retrieve for the run's question and the
  node's description, answer with citations.
- ``retrieval``: the passages themselves.
- ``tool``: ``knowledge_search`` and ``document_reader`` search the knowledge base;
  other tools have no implementation in this deployment and are reported as such.
"""

from __future__ import annotations

from langgraph.types import interrupt

from vital.services.grounding import ground
from vital.services.llm import ChatRequest
from vital.services.retrieval import numbered
from vital.services.workflows.caps import RunLimitReached
from vital.services.workflows.context import RunContext, RunState, graph_data
from vital.services.workflows.registry import Registry

RETRIEVAL_TOOLS = {"knowledge_search", "document_reader"}


def conditions(ctx: RunContext, node_id: str) -> dict[str, str]:
    """The decisions a node can take: edge condition -> target node."""
    return {e["condition"]: e["to"] for e in ctx.run.definition.graph["edges"]
            if e["from"] == node_id and e.get("condition")}


def brief(state: RunState) -> str:
    """The run's question: input.question, else the input's values."""
    given = state.get("input") or {}
    return str(given.get("question") or " ".join(str(v) for v in given.values()))


def register(registry: Registry) -> None:
    registry.node_type("human_approval", approval)
    for kind in ("llm", "agent", "parallel_agents", "tally"):
        registry.node_type(kind, generate)
    registry.node_type("retrieval", retrieval)
    registry.node_type("tool", tool)


def approval(ctx: RunContext, node: dict, state: RunState) -> dict:
    options = conditions(ctx, node["id"])
    last = next(reversed(state.get("outputs") or {}), None)
    plan = graph_data(state, ctx.run.definition.slug).get("plan")
    request = {"kind": "plan" if plan else "approval", "node": node["id"],
               "question": f"{node.get('label') or node['id']}: approve to continue?",
               "options": list(options), "plan": plan,
               "summary": (state.get("outputs") or {}).get(last, {}).get("text", "")[:2000] if last else None}
    answer = interrupt({k: v for k, v in request.items() if v is not None})
    approved = bool(answer.get("approved"))
    decision = answer.get("decision") or ("approved" if approved else "rejected")
    rejected = not approved and options.get(decision, "__end__") == "__end__"
    return {"route": decision, "outcome": "rejected" if rejected else None,
            "approval": {"node": node["id"], "approved": approved, "decision": decision,
                         "comment": answer.get("comment")},
            "step_output": {"decision": decision, "approved": approved}}


def generate(ctx: RunContext, node: dict, state: RunState) -> dict:
    question = brief(state)
    instruction = node.get("description") or node.get("label") or node["id"]
    passages = numbered(ctx.retrieve(f"{question} {instruction}").passages)
    earlier = "\n".join(f"{k}: {v.get('text', '')[:500]}" for k, v in (state.get("outputs") or {}).items())
    result = ctx.generate(ChatRequest(task="answer", question=question, instructions=instruction,
                                      passages=passages, context=earlier))
    grounded = ground(result.text, {p.ref: p for p in passages}, generative=ctx.model.generative,
                      finish_reason=result.finish_reason)
    out = {"text": grounded.text, "confidence": grounded.confidence, "outcome": grounded.outcome,
           "unsupported": grounded.unsupported,
           "citations": [p.cited() for p in passages if p.ref in grounded.check.cited_refs]}
    return {"outputs": {node["id"]: out},
            "step_output": {"citations": len(out["citations"]), "confidence": grounded.confidence,
                            "removed": len(grounded.unsupported)}}


def retrieval(ctx: RunContext, node: dict, state: RunState) -> dict:
    found = ctx.retrieve(f"{brief(state)} {node.get('description') or node.get('label') or ''}")
    passages = [p.cited() for p in numbered(found.passages)]
    return {"outputs": {node["id"]: {"passages": passages}}, "step_output": {"passages": len(passages)}}


def tool(ctx: RunContext, node: dict, state: RunState) -> dict:
    results = {}
    for name in _tools(ctx, node):
        if name in RETRIEVAL_TOOLS:
            found = ctx.retrieve(brief(state))
            results[name] = {"status": "succeeded", "passages": [p.cited() for p in numbered(found.passages)]}
        else:
            results[name] = {"status": "unavailable",
                             "detail": f"No implementation of the tool '{name}' is installed in this deployment."}
        ctx.records.event("tool_called", {"node": node["id"], "tool": name, "status": results[name]["status"]})
    return {"outputs": {node["id"]: {"tools": results}},
            "step_output": {name: r["status"] for name, r in results.items()}}


def _tools(ctx: RunContext, node: dict) -> list[str]:
    """The node's tools, each once, within the tenant's cap: definitions written around the API's checks
    (/rest/v1) cannot make one step call a thousand tools."""
    names = list(dict.fromkeys(t for t in node.get("tools") or [] if isinstance(t, str)))
    cap = ctx.lease.caps["tools_per_node"] if ctx.lease and ctx.lease.caps else None
    if cap is not None and len(names) > cap:
        raise RunLimitReached("tools_per_node", cap, f"The run was stopped: the node '{node['id']}' lists "
                              f"{len(names)} tools, the limit is {cap} ({ctx.lease.caps.tier} tier).")
    return names
