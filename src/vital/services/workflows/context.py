"""What a node handler gets: the run's state (generic, each graph's own data under its key) and context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, TypedDict

from vital.db.queries import Queries
from vital.db.tenant import Source, tenant_transaction
from vital.services import limits
from vital.services.llm import ChatModel, ChatRequest, ChatResult, ModelUnavailable, bounds
from vital.services.llm.usage import record as record_usage
from vital.services.retrieval import Retrieved, Retriever
from vital.db.rows import one
from vital.services.workflows.caps import RunLimitReached
from vital.services.workflows.lease import Lease
from vital.services.workflows.records import RunRecords
from vital.services.workflows.runs import Run
from vital.settings import Settings
from vital.tenancy import Caller

SQL = Queries(__name__)


def _merge(left: dict | None, right: dict | None) -> dict:
    return {**(left or {}), **(right or {})}


class RunState(TypedDict, total=False):
    """The graph state. `outputs` merges per node, `data` per graph; every other key is last-write-wins.

    - input: the run's input; outputs: what the generic handlers produced, by node id
    - route: the decision a node took (an edge condition); outcome: "rejected" ends the run cancelled
    - approval: the last decision on a human_approval node
    - data: each registered graph's own state, under its definition slug (`graph_data`); a
      graph proposing a plan for approval keeps it there under `plan`
    """

    input: dict
    outputs: Annotated[dict, _merge]
    route: str | None
    outcome: str | None
    approval: dict
    data: Annotated[dict, _merge]


def graph_data(state: RunState, slug: str) -> dict:
    """A graph's own part of the state."""
    return (state.get("data") or {}).get(slug) or {}


@dataclass
class RunContext:
    """What a node handler may use: the run, its records, the model and retrieval, all as the run's caller."""

    source: Source
    caller: Caller
    settings: Settings
    run: Run
    records: RunRecords
    model: ChatModel
    retriever: Retriever
    links: dict[str, str | None] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)
    lease: Lease | None = None

    def tx(self, *, read_only: bool = False):
        """A transaction as the run's caller."""
        return tenant_transaction(self.source, self.caller, read_only=read_only)

    def retrieve(self, query: str, k: int | None = None) -> Retrieved:
        with self.tx() as conn:  # searches are logged (search_logs)
            return self.retriever.search(conn, query, k=k or self.settings.services_passages)

    def generate(self, request: ChatRequest) -> ChatResult:
        """A model call within the tenant's caps for its purpose, refused at the tier's token limit and past
        the step's call cap, recorded in llm_usage whether it succeeds or fails (a failure raises
        ModelUnavailable); it renews the run's lease (a long step keeps it)."""
        self._count_call()
        with self.tx(read_only=True) as conn:
            limits.check_tokens(conn)
            request = bounds(conn, request)
        try:
            result = self.model.complete(request)
        except ModelUnavailable as exc:
            if exc.result is not None:
                self._record(exc.result)
            raise
        self._record(result)
        return result

    def _record(self, result: ChatResult) -> None:
        with self.tx() as conn:
            record_usage(conn, result, run_id=self.run.id, session_id=self.links.get("session_id"),
                         panel_id=self.links.get("panel_id"))
            if self.lease:
                self.lease.renew(conn)
        self.records.event("llm_called", {"model": result.model, "tokens": result.total_tokens,
                                          "latency_ms": result.latency_ms, "status": result.status,
                                          "finish_reason": result.finish_reason, "estimated": result.estimated})

    def _count_call(self) -> None:
        cap = self.lease.caps["llm_calls_per_step"] if self.lease and self.lease.caps else None
        calls = self.cache.get("llm_calls", 0)
        if cap is not None and calls >= cap:
            raise RunLimitReached("llm_calls_per_step", cap, f"The run was stopped: a step reached the limit of "
                                  f"{cap} model calls ({self.lease.caps.tier} tier).")
        self.cache["llm_calls"] = calls + 1

    def spent_tokens(self) -> int:
        with self.tx(read_only=True) as conn:
            return one(conn, SQL("spend"), {"run_id": self.run.id})["tokens"]
