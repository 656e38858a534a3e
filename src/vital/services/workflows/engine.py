"""The workflow engine: a definition's graph (JSONB) compiled into a LangGraph graph and run.

Ask Expert modes 3-4, panels and tenants' own workflows all run here, each node with
the behaviour registered for it (registry.py); the engine itself knows no service.
Each node visit is a workflow_run_steps row; approvals are LangGraph interrupts
recorded in workflow_approvals; checkpoints go to workflow_checkpoints
(TenantCheckpointer), so a run continues from its last finished step after a
restart. One execution advances a run at a time: it holds the run's lease (lease.py), a
row's columns renewed before each step, so no connection is held while a node runs.
A graph that fails (loops past the step cap, raises, runs too long) ends its run
`failed` with a readable reason; the caller gets the run, not an error.
"""

from __future__ import annotations

import logging
import uuid
from contextlib import contextmanager
from typing import Any, Iterator

import psycopg
from langgraph.errors import GraphBubbleUp, GraphRecursionError
from langgraph.graph import END, START, StateGraph
from langgraph.types import Command
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from vital.db.queries import Queries
from vital.db.tenant import Source, tenant_transaction
from vital.errors import Conflict, NotFound, VitalError
from vital.services import limits
from vital.services.checkpointer import TenantCheckpointer
from vital.services.llm import ChatModel, ModelUnavailable, chat_model
from vital.services.retrieval import Retriever, default_retriever
from vital.db.rows import one
from vital.services.workflows.caps import RunLimitReached, caps
from vital.services.workflows.context import RunContext, RunState
from vital.services.workflows.lease import Lease, LeaseLost, SliceOver, admit
from vital.services.workflows.records import EventSink, RunRecords, lock
from vital.services.workflows.registry import REGISTRY, Handler, Registry
from vital.services.workflows.runs import TERMINAL, Run, load_run
from vital.settings import Settings
from vital.tenancy import Caller

SQL = Queries(__name__)

log = logging.getLogger(__name__)


class RunHalted(Exception):
    """The run was paused or cancelled; the node that was about to start did not."""


# -- compiling -----------------------------------------------------------------
def compile_graph(ctx: RunContext, handlers: dict[str, Handler]):
    """The run's graph, each node with its behaviour (`Registry.handlers`, resolved before the run starts)."""
    graph = ctx.run.definition.graph
    builder = StateGraph(RunState)
    kinds = {n["id"]: n.get("type") for n in graph["nodes"]}
    for node in graph["nodes"]:
        builder.add_node(node["id"], _wrap(ctx, node, handlers[node["id"]]))
    outgoing: dict[str, list[dict]] = {}
    for edge in graph["edges"]:
        outgoing.setdefault(edge["from"], []).append(edge)
    for source, edges in outgoing.items():
        start = START if source == "__start__" else source
        conditional = {e["condition"]: _target(e["to"]) for e in edges if e.get("condition")}
        plain = [_target(e["to"]) for e in edges if not e.get("condition")]
        if not conditional:
            for target in plain:
                builder.add_edge(start, target)
            continue
        # A decision with no edge of its own: an approval gate stops the run, any other node
        # takes its unconditional edge, else its first conditional one.
        fallback = END if kinds.get(source) == "human_approval" else (plain or list(conditional.values()))[0]
        builder.add_conditional_edges(start, _router(conditional, fallback),
                                      list({*conditional.values(), fallback}))
    return builder.compile(checkpointer=TenantCheckpointer(ctx.source, ctx.caller, ctx.run.id))


def _target(name: str) -> str:
    return END if name == "__end__" else name


def _router(mapping: dict[str, str], fallback: str):
    def route(state: RunState) -> str:
        return mapping.get(state.get("route") or "", fallback)
    return route


def _wrap(ctx: RunContext, node: dict, fn: Handler):
    node_key = node["id"]

    def run(state: RunState) -> dict:
        try:
            status = ctx.lease.renew() if ctx.lease else None
        except LeaseLost:
            raise RunHalted("taken over") from None
        if status and status["status"] in ("paused", "cancelled"):
            raise RunHalted(status["status"])
        if ctx.lease:
            ctx.lease.check(status["steps"])
        step = ctx.records.start_step(node_key, {"type": node.get("type"), "label": node.get("label")})
        ctx.cache["step"], ctx.cache["llm_calls"] = step, 0
        try:
            update = fn(ctx, node, state) or {}
        except GraphBubbleUp:
            ctx.records.finish_step(step, node_key, "waiting_approval")
            raise
        except Exception as exc:
            ctx.records.finish_step(step, node_key, "failed", error=_reason(exc))
            raise
        update.setdefault("route", None)
        ctx.records.finish_step(step, node_key, "succeeded", output=update.pop("step_output", None) or {})
        return update

    return run


def _reason(exc: BaseException) -> str:
    """What a person reads of a failure: our errors' own words; of anything else its kind only
    (the full error goes to the log), never the library's text or a traceback."""
    if isinstance(exc, VitalError):
        return exc.message
    if isinstance(exc, GraphRecursionError):
        return "The run was stopped: it went through too many steps without reaching its end (does the graph loop?)."
    return f"A step failed unexpectedly ({type(exc).__name__})."


# -- running -------------------------------------------------------------------
class Engine:
    """Runs workflows as one caller. `graph`: the registered graph a service's runs need (Ask Expert's,
    the panels'); without it in the registry, creating or advancing a run is refused before it starts."""

    def __init__(self, source: Source, caller: Caller, settings: Settings, *, model: ChatModel | None = None,
                 retriever: Retriever | None = None, sink: EventSink | None = None, registry: Registry = REGISTRY,
                 graph: str | None = None):
        self.source, self.caller = source, caller
        self.settings = settings
        self.model = model
        self.retriever = retriever or default_retriever(settings)
        self.sink = sink
        self.registry = registry
        self.graph = graph
        self.holder = str(uuid.uuid4())  # this engine's executions, in the leases it holds
        self._leases: dict[str, Lease] = {}

    def tx(self, *, read_only: bool = False):
        """A transaction as the engine's caller."""
        return tenant_transaction(self.source, self.caller, read_only=read_only)

    def records(self, run_id: str) -> RunRecords:
        """What the run writes, as the engine's caller, its events also going to the engine's sink."""
        return RunRecords(self.source, self.caller, run_id, self.sink)

    def require(self) -> None:
        """Refuse now, before anything is written, if this engine's graph is not registered."""
        if self.graph is not None:
            self.registry.require(self.graph)

    def _behaviour(self, slug: str, graph: dict) -> dict[str, Handler]:
        self.require()
        return self.registry.handlers(slug, graph)

    def create(self, *, input: dict, slug: str | None = None, definition_id: str | None = None,
               budget_tokens: int | None = None, conn: psycopg.Connection | None = None) -> str:
        """A pending run of a definition (by id, or by slug: own before platform). `conn`: in the caller's
        transaction, so that a refusal at the run cap takes back what the caller wrote for the run
        (an Ask Expert session, a panel) with it."""
        if conn is None:
            with self.tx() as own:
                return self.create(input=input, slug=slug, definition_id=definition_id,
                                   budget_tokens=budget_tokens, conn=own)
        row = one(conn, SQL("definition_resolve"), {"id": definition_id, "slug": slug})
        if row is None:
            raise NotFound("No such active workflow definition.")
        self._behaviour(row["slug"], row["graph"])  # no run is created that this process cannot start
        settings = row["settings"] or {}
        budget = budget_tokens or settings.get("default_budget_tokens")
        admit(conn, caps(conn))  # at the cap: 429 and no run
        return str(one(conn, SQL("run_insert"), {
            "definition_tenant_id": row["tenant_id"], "definition_id": row["id"], "input": Jsonb(input),
            "budget_tokens": budget, "seconds": self.settings.workflow_lease_seconds})["id"])

    @contextmanager
    def leased(self, run_id: str) -> Iterator[Lease]:
        """Hold the run's lease (taken again freely while this engine holds it), or refuse: 404, 409, 429."""
        if not isinstance(self.source, ConnectionPool):
            raise TypeError("workflow runs need a connection pool (their checkpoints commit step by step)")
        held = self._leases.get(run_id)
        if held is None:
            held = Lease(self.source, self.caller, run_id, self.holder, self.settings.workflow_lease_seconds)
            held.claim()
            self._leases[run_id] = held
        held.depth += 1
        try:
            yield held
        finally:
            held.depth -= 1
            if held.depth == 0:
                del self._leases[run_id]
                held.release()

    def get(self, run_id: str) -> Run:
        with self.tx(read_only=True) as conn:
            return load_run(conn, run_id)

    def advance(self, run_id: str, *, resume: dict | None = None, request: dict | None = None,
                slice_seconds: float | None = None, ran_seconds: float = 0.0) -> Run:
        """Run until the graph ends, waits for a person, or is paused/cancelled.

        `resume` is a person's decision on `request`, the approval the run waits on. `slice_seconds`: stop
        before the first step after that long (SliceOver, the run still `running`); `ran_seconds`: how long
        the run executed in earlier slices (they count towards its run-time cap, and it was not resumed).
        """
        with self.leased(run_id) as held:
            held.slice(slice_seconds, ran_seconds)
            run = self.get(run_id)
            if run.status in TERMINAL:
                raise Conflict(f"The run has already ended ({run.status}).")
            if run.status == "waiting_approval" and resume is None:
                return run
            # Before the run is marked running: a process without the graph's behaviour leaves it as it was.
            handlers = self._behaviour(run.definition.slug, run.definition.graph)
            records = self.records(run_id)
            with self.tx(read_only=True) as conn:
                model = self.model or chat_model(conn, self.settings)
            ctx = RunContext(self.source, self.caller, self.settings, run, records, model, self.retriever,
                             links=_links(run), lease=held)
            app = compile_graph(ctx, handlers)
            # Parallel branches run one after the other (each step's transactions, never a fan-out's worth of
            # connections at once); the step cap (lease.check) stops a loop before LangGraph's own limit.
            config = {"configurable": {"thread_id": run.thread_id}, "max_concurrency": 1,
                      "recursion_limit": held.caps["steps_per_run"] + 10}
            # Where the run stands is its checkpoint, not its status: a queued continuation is `pending` too
            # (control.carry_on), and an executor may have died before the first checkpoint.
            saved = app.get_state(config)
            rebuild = resume is not None and bool(request) and "input" not in saved.values  # not this engine's
            first = not saved.values and not rebuild
            records.abandon_steps()  # holding the lease: a step still `running` is a dead executor's
            if not (ran_seconds and run.status == "running"):  # a new slice of a run that never stopped: no event
                records.set_status("running", event="run_started" if first else "run_resumed",
                                   payload={"definition": run.definition.slug, "version": run.definition.version})
            payload: Any = None
            if first:
                payload = {"input": run.input, "outputs": {}}
            elif resume is not None and (rebuild or saved.interrupts):
                # Only at the interrupt it answers: a retry after the decision was acted on goes on from there.
                payload = Command(resume=resume)
            try:
                if rebuild:
                    _rebuild_at_approval(app, config, run, request)
                app.invoke(payload, config, durability="sync")
            except RunHalted:
                return self.get(run_id)
            except SliceOver:
                records.flush()
                raise
            except limits.LimitExceeded as exc:
                records.set_status("paused", event="run_paused", payload={"reason": exc.message})
                raise
            except Exception as exc:
                if not isinstance(exc, VitalError):
                    log.warning("workflow run %s failed", run_id, exc_info=exc)
                records.set_status("failed", event="run_failed", payload={"error": _reason(exc)},
                                   error=_reason(exc))
                records.flush()
                # The graph's own failure (a cap, or an error from a node) is told by the run itself.
                ours = isinstance(exc, VitalError)
                if isinstance(exc, RunLimitReached) or (not ours and (first or "step" in ctx.cache)):
                    return self.get(run_id)
                if ours:
                    if isinstance(exc, ModelUnavailable):  # the client can find the failed run
                        exc.context.setdefault("workflow_run_id", run_id)
                    raise
                raise Conflict("The run's saved state cannot be resumed by this engine.", details=_reason(exc),
                               hint="Was it written by another version (or is it demo data)? Start a new run.") \
                    from exc
            snapshot = app.get_state(config)
            records.flush()
            if snapshot.interrupts:
                request = snapshot.interrupts[0].value
                step = ctx.cache.get("step")
                records.request_approval(step.id if step else None, request if isinstance(request, dict)
                                         else {"request": request})
            elif not snapshot.next:
                self._finish(ctx, snapshot.values)
            records.flush()
            return self.get(run_id)

    def _finish(self, ctx: RunContext, state: RunState) -> None:
        outcome = "cancelled" if state.get("outcome") == "rejected" else "succeeded"
        with self.tx() as conn:
            if lock(conn, ctx.run.id) in TERMINAL:
                return
            done = self.registry.completion(ctx.run.definition.slug)
            output = done(ctx, conn, state, outcome) if done else {"outputs": state.get("outputs", {})}
            ctx.records.set_status(outcome, event="run_succeeded" if outcome == "succeeded" else "run_cancelled",
                                   payload={"outcome": state.get("outcome") or outcome}, output=output, conn=conn)


def _rebuild_at_approval(app, config: dict, run: Run, request: dict) -> None:
    """A run that waits on a plan's approval without state of this engine's making (the seed's
    demo run, or checkpoints lost in a partial restore): rebuild that state from the records,
    the run's input and the plan the person is deciding on, so that the decision applies to it."""
    graph = run.definition.graph
    node = request.get("node") or next((n["id"] for n in graph["nodes"] if n.get("type") == "human_approval"), None)
    before = next((e["from"] for e in graph["edges"] if e["to"] == node), None)
    if request.get("kind") != "plan" or not request.get("plan") or before is None:
        raise Conflict("The run has no state this engine can continue from.",
                       hint="Only a plan's approval can be rebuilt from the records; start a new run.")
    app.checkpointer.delete_thread(run.thread_id)  # what is there cannot be continued, and would mix in
    app.update_state(config, {"input": run.input, "outputs": {},
                              "data": {run.definition.slug: {"plan": list(request["plan"])}}}, as_node=before)


def _links(run: Run) -> dict[str, str | None]:
    """What a run's model calls are linked to in llm_usage: the session or panel its input names."""
    return {"session_id": run.input.get("session_id"), "panel_id": run.input.get("panel_id")}
