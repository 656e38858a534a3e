"""Evaluation runs: the questions of a golden set asked as a tenant, each answer judged and stored.

`create` snapshots the questions into the run (one pending eval_results row each, a copy
of the question), so a run always asks what it was started with; `execute` answers the
pending ones in order, each in its own transactions: the retrieval the answerer uses
(ranked documents, for hit@k and MRR), then a real Ask Expert session (one per question,
so no answer sees another's history; each counts against the tenant's sessions per day),
then the judgement (`judge`) and progress. A run interrupted (a worker killed, a retried
job) goes on from the first pending question. At the end the metrics (`metrics`) are
computed from the stored results and kept on the run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import psycopg
from psycopg.types.json import Jsonb

from vital.db.queries import Queries
from vital.db.rows import many, one, plain
from vital.db.tenant import Source, tenant_transaction
from vital.errors import InvalidInput, NotFound, VitalError
from vital.evaluation import judge, metrics
from vital.evaluation.bounds import MAX_K, TAGS
from vital.services.ask_expert import store
from vital.services.ask_expert.service import AskExpert
from vital.services.limits import LimitExceeded
from vital.services.llm import ChatModel
from vital.services.retrieval import Retriever, default_retriever
from vital.settings import Settings
from vital.tenancy import Caller

SQL = Queries(__name__)


@dataclass(frozen=True)
class RunRequest:
    tag: str = "golden"          # golden, dev, heldout or all
    mode: int = 2                # Ask Expert mode: 1 (agent named) or 2 (system picks)
    k: int = 5                   # hit@k; retrieval looks at max(4k, 20) passages for the ranking
    eval_set: str | None = None  # a set's slug (own first, else the platform's); None: every readable set
    agent: str | None = None     # mode 1: the agent's slug

    def check(self) -> None:
        if self.tag not in TAGS:
            raise InvalidInput(f"Unknown question set '{self.tag}'.", hint=f"Use one of {', '.join(TAGS)}.")
        if self.mode not in (1, 2):
            raise InvalidInput(f"Mode {self.mode} cannot be evaluated.",
                               hint="Modes 1 (you name the agent) and 2 (the system picks it) answer at once.")
        if self.mode == 1 and not self.agent:
            raise InvalidInput("Mode 1 needs the agent's slug.", hint="e.g. agent = biostatistician")
        if self.mode == 2 and self.agent:
            raise InvalidInput("Mode 2 picks the agent itself; leave the agent out.")
        if not 1 <= self.k <= MAX_K:
            raise InvalidInput(f"k is {self.k}; it must be between 1 and {MAX_K}.")


class Evaluation:
    """One caller's evaluation runs; every transaction runs as that caller, under RLS."""

    def __init__(self, source: Source, caller: Caller, settings: Settings, *, model: ChatModel | None = None,
                 retriever: Retriever | None = None):
        self.source, self.caller, self.settings = source, caller, settings
        self.model = model
        self.retriever = retriever or default_retriever(settings)

    def _tx(self, *, read_only: bool = False):
        return tenant_transaction(self.source, self.caller, read_only=read_only)

    # -- start -----------------------------------------------------------------
    def create(self, request: RunRequest) -> str:
        with self._tx() as conn:
            return self.create_in(conn, request)

    def create_in(self, conn: psycopg.Connection, request: RunRequest) -> str:
        """A queued run with its questions, in the caller's transaction (the API queues its job beside it)."""
        request.check()
        found = None
        if request.eval_set:
            found = one(conn, SQL("runs.set_by_slug"), {"slug": request.eval_set})
            if found is None:
                raise NotFound(f"No golden set '{request.eval_set}'.",
                               hint="`vital eval import FILE.toml` loads one; the platform's is 'platform-library'.")
        if request.agent:
            store.agent_by_slug(conn, request.agent)  # refuses an unknown agent now, not at the first question
        questions = many(conn, SQL("runs.questions"), {
            "tag": request.tag, "set_id": found and found["id"], "set_tenant": found and found["tenant_id"]})
        if not questions:
            raise InvalidInput(f"No {request.tag} questions to ask" +
                               (f" in the set '{request.eval_set}'." if request.eval_set else "."),
                               hint="Load a golden set with `vital eval import`, or choose another set.")
        s = self.settings
        settings = {"agent": request.agent, "answerer": s.llm_provider, "retrieval": s.services_retrieval,
                    "passages": s.services_passages, "embedding_provider": s.embedding_provider,
                    "depth": depth(request.k)}
        if s.llm_provider == "openai":
            settings["llm_model"] = s.llm_model
        run = one(conn, SQL("runs.run_insert"), {
            "tag": request.tag, "set_tenant": found and found["tenant_id"], "set_id": found and found["id"],
            "mode": request.mode, "k": request.k, "settings": Jsonb(settings), "total": len(questions)})["id"]
        with conn.cursor() as cur:
            cur.executemany(SQL("runs.result_insert"), [
                {"run": run, "question_tenant": q["tenant_id"], "question_id": q["id"], "position": n,
                 "question": q["question"], "expected_document": q["expected_document"],
                 "fact_pattern": q["fact_pattern"], "should_decline": q["should_decline"]}
                for n, q in enumerate(questions)])
        return str(run)

    # -- run -------------------------------------------------------------------
    def execute(self, run_id: str, progress: Callable[[int], None] | None = None) -> dict:
        """Answer and judge every pending question of the run, then store its metrics; the run."""
        with self._tx() as conn:
            run = one(conn, SQL("runs.run_start"), {"run": run_id})
            pending = many(conn, SQL("runs.pending"), {"run": run_id}) if run else []
        if run is None:
            return self.get(run_id)  # finished already (or not this tenant's: get says so)
        agent_id = None
        if run["settings"].get("agent"):
            with self._tx(read_only=True) as conn:
                agent_id = store.agent_by_slug(conn, run["settings"]["agent"]).id
        ask = AskExpert(self.source, self.caller, self.settings, model=self.model, retriever=self.retriever)
        try:
            for question in pending:
                self._one(ask, run_id, run, agent_id, question)
                if progress:
                    progress(1)
        except LimitExceeded as exc:  # every further question would be refused too: the run fails, saying why
            return self.finish(run_id, error=f"{exc.message} {exc.hint or ''}".strip())
        return self.finish(run_id)

    def finish(self, run_id: str, error: str | None = None) -> dict:
        """Store the metrics of what was judged; failed with `error`, else succeeded."""
        with self._tx() as conn:
            run = one(conn, SQL("runs.run_get"), {"run": run_id})
            results = many(conn, SQL("runs.results"), {"run": run_id})
            figures = metrics.compute(results, run["k"])
            conn.execute(SQL("runs.run_finish"), {"run": run_id, "status": "failed" if error else "succeeded",
                                                  "metrics": Jsonb(figures), "error": error})
        return self.get(run_id)

    def _one(self, ask: AskExpert, run_id: str, run: dict, agent_id: str | None, q: dict) -> None:
        outcome = {"id": q["id"], "retrieved": Jsonb([]), "hit_rank": None, "answer": None, "confidence": None,
                   "fact_found": None, "declined": None, "correct": None, "citations_total": 0,
                   "citations_valid": 0, "latency_ms": None, "session_id": None, "error": None}
        try:
            with self._tx() as conn:  # not read-only: the search is logged like any other
                found = self.retriever.search(conn, q["question"], k=depth(run["k"]))
                documents = _documents(conn, list(dict.fromkeys(p.document_id for p in found.passages)))
            started = time.perf_counter()
            try:
                session = ask.create(mode=run["mode"], query=q["question"], agent_id=agent_id,
                                     title=f"Evaluation run {run_id}, question {q['position'] + 1}")
                started = time.perf_counter()
                message = ask.ask(session["id"], q["question"])
            except NotFound as exc:  # mode 2 found no agent for the question: not answering is declining
                session, message = {"id": None}, {"content": f"(not answered: {exc.message})",
                                                  "metadata": {"declined": True, "confidence": 0.0}}
            latency = (time.perf_counter() - started) * 1000
            meta = message["metadata"]
            cites = meta.get("citations") or []
            with self._tx(read_only=True) as conn:
                texts = {c["chunk_id"]: c["chunk_text"] for c in many(conn, SQL("runs.chunks"), {
                    "ids": [c["chunk_id"] for c in cites]})}
                cited_docs = _documents(conn, list(dict.fromkeys(c["document_id"] for c in cites)))
            verdict = judge.judge(
                expected_document=q["expected_document"], fact_pattern=q["fact_pattern"],
                should_decline=q["should_decline"], documents=documents, answer=message["content"],
                confidence=float(meta.get("confidence") or 0.0), metadata=meta,
                cited_text={c["ref"]: texts.get(c["chunk_id"], "") for c in cites}, cited_documents=cited_docs)
            outcome.update(
                retrieved=Jsonb([d.stored(n) for n, d in enumerate(documents, 1)]), hit_rank=verdict.hit_rank,
                answer=message["content"], confidence=float(meta.get("confidence") or 0.0),
                fact_found=verdict.fact_found, declined=verdict.declined, correct=verdict.correct,
                citations_total=verdict.citations_total, citations_valid=verdict.citations_valid,
                latency_ms=round(latency, 2), session_id=session["id"])
        except LimitExceeded:
            raise
        except VitalError as exc:  # this question could not be asked; the run goes on and says so
            outcome["error"] = f"{exc.code}: {exc.message}"[:1000]
        with self._tx() as conn:
            conn.execute(SQL("runs.result_update"), outcome)
            conn.execute(SQL("runs.run_advance"), {"run": run_id})

    # -- read ------------------------------------------------------------------
    def get(self, run_id: str, *, results: bool = False) -> dict:
        with self._tx(read_only=True) as conn:
            run = one(conn, SQL("runs.run_get"), {"run": run_id})
            if run is None:
                raise NotFound(f"No evaluation run {run_id}.", hint="`vital eval list` shows the tenant's runs.")
            out = view(run)
            if results:
                out["results"] = [plain(r) for r in many(conn, SQL("runs.results"), {"run": run_id})]
        return out

    def list(self, limit: int = 20) -> list[dict]:
        with self._tx(read_only=True) as conn:
            return [view(r) for r in many(conn, SQL("runs.runs_recent"), {"limit": limit})]


def depth(k: int) -> int:
    """Passages retrieval returns for the document ranking: enough for k distinct documents."""
    return max(4 * k, 20)


def view(run: dict) -> dict:
    out = plain(run)
    out["progress"] = float(run["progress"]) if run["progress"] is not None else None
    return out


def _documents(conn: psycopg.Connection, ids: list[str]) -> list[judge.Retrieved]:
    """The documents in the order given (what RLS lets the caller read)."""
    rows = {r["document_id"]: r for r in many(conn, SQL("runs.documents"), {"ids": ids})}
    return [judge.Retrieved(i, rows[i]["title"], rows[i]["slug"], rows[i]["source_ref"]) for i in ids if i in rows]
