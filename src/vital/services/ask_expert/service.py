"""Ask Expert sessions: interactive answers (modes 1-2) and autonomous runs (modes 3-4).

Modes 1 and 2 answer each question at once, streaming the text; mode 2 first
ranks the agents against the question (agent_selection) and keeps the current
agent unless another scores clearly higher (agent_selection.STICKY), so a
conversation does not hop between experts on every follow-up. Modes 3 and 4 start a run of the
`autonomous-expert` workflow (ask_expert.graphs): plan, human approval, steps,
synthesis, verification; the session follows the run's status.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from vital.db.tenant import Source, tenant_transaction
from vital.errors import Conflict, InvalidInput
from vital.services import analytics, calibration, limits
from vital.services.ask_expert import store
from vital.services.ask_expert.agent_selection import Selection, select_agent
from vital.services.grounding import ground
from vital.services.llm import ChatModel, ChatRequest, ChatResult, ModelUnavailable, bounds, chat_model
from vital.services.llm.usage import record as record_usage
from vital.services.meaning import CANDIDATES, for_settings
from vital.services.retrieval import Retriever, default_retriever, numbered
from vital.services.text import terms
from vital.services.workflows import control
from vital.services.workflows.engine import Engine
from vital.services.workflows.runs import Run, run_of, run_view
from vital.settings import Settings
from vital.tenancy import Caller

AUTONOMOUS = "autonomous-expert"
HISTORY_TURNS = 6
RUN_TO_SESSION = {"waiting_approval": "waiting_approval", "succeeded": "completed", "failed": "failed",
                  "cancelled": "cancelled", "running": "active", "paused": "active", "pending": "active"}


class AskExpert:
    """One caller's sessions; every transaction runs as that caller."""

    def __init__(self, source: Source, caller: Caller, settings: Settings, *, model: ChatModel | None = None,
                 retriever: Retriever | None = None):
        self.source, self.caller = source, caller
        self.settings = settings
        self.model = model
        self.retriever = retriever or default_retriever(settings)

    def _tx(self, *, read_only: bool = False):
        return tenant_transaction(self.source, self.caller, read_only=read_only)

    # -- sessions --------------------------------------------------------------
    def create(self, *, mode: int, query: str, agent_id: str | None = None, mission_template: str | None = None,
               title: str | None = None, budget_tokens: int | None = None, settings: dict | None = None) -> dict:
        """A new session (counted against the tier's sessions per day). Modes 3-4 start their run."""
        store.require_mode(mode)
        if not query.strip():
            raise InvalidInput("The question is empty.")
        if mode in (1, 3) and not agent_id:
            raise InvalidInput(f"Mode {mode}: you pick the agent; give agent_id.")
        if mode in (2, 4) and agent_id:
            raise InvalidInput(f"Mode {mode}: the system picks the agent; leave agent_id out.")
        if mission_template and mode not in (3, 4):
            raise InvalidInput("A mission template is for the autonomous modes 3 and 4.")
        if mode in (3, 4):
            self._engine().require()  # before the session is counted and written
        selection = None
        with self._tx() as conn:
            limits.take_session(conn)
            agent = store.agent(conn, agent_id) if agent_id else None
            template = store.mission_template(conn, mission_template) if mission_template else None
            if mode == 4:
                selection = select_agent(conn, query, meaning=for_settings(self.settings))
                agent = store.agent(conn, selection.chosen.agent_id)
            session_id = store.create_session(conn, mode=mode, query=query, agent=agent, template=template,
                                              title=title, settings=settings, budget_tokens=budget_tokens)
            analytics.event(conn, "ask_expert.session_started", "ask_expert_sessions", session_id, mode=mode)
            if mode in (3, 4):  # last, in the same transaction: at the run cap the 429 takes the session back too
                budget = budget_tokens or (template[3].get("max_tokens") if template else None)
                self._create_run(conn, session_id, mode, query, agent, selection, budget)
        if mode in (3, 4):
            self._drive(session_id, lambda engine_, run_id_: engine_.advance(run_id_))
        return self.get(session_id)

    def get(self, session_id: str) -> dict:
        with self._tx(read_only=True) as conn:
            found = store.session(conn, session_id)
            found["messages"] = store.messages(conn, session_id)
        if found["workflow_run_id"]:
            found["run"] = run_view(self.source, self.caller, found["workflow_run_id"])
        return found

    def list(self, limit: int = 50) -> list[dict]:
        with self._tx(read_only=True) as conn:
            return store.sessions(conn, limit)

    # -- modes 1 and 2 ---------------------------------------------------------
    def ask(self, session_id: str, content: str) -> dict:
        """Answer one question; the stored assistant message."""
        done = None
        for event in self.ask_stream(session_id, content):
            if event["event"] == "done":
                done = event["data"]
        return done

    def ask_stream(self, session_id: str, content: str) -> Iterator[dict]:
        """Events: meta (agent, selection), delta (text as it is produced), done (the stored message)."""
        if not content.strip():
            raise InvalidInput("The question is empty.")
        started = time.perf_counter()
        timings: dict[str, float] = {}
        with self._tx() as conn:
            status = store.lock_session(conn, session_id)
            session = store.session(conn, session_id)
            if session["mode"] not in (1, 2):
                raise Conflict("Sessions in modes 3 and 4 run autonomously: approve or follow their run.")
            if status in ("cancelled", "failed"):
                raise Conflict(f"The session is {status}; start a new one.")
            limits.check_tokens(conn)
            model = self.model or chat_model(conn, self.settings)
            history = store.history(conn, session_id, HISTORY_TURNS)
            selection = None
            if session["mode"] == 2:
                selection = select_agent(conn, content, session.get("agent_id"), for_settings(self.settings))
                timings["selection_ms"] = selection.latency_ms
                agent = store.agent(conn, selection.chosen.agent_id)
                store.update_session(conn, session_id, agent=agent)
            else:
                agent = store.agent(conn, session["agent_id"])
            question_msg = store.add_message(conn, session_id, "user", content)
            request = bounds(conn, ChatRequest(
                task="answer", purpose="interactive", question=content, system=agent.system_prompt,
                agent_name=agent.name, history=history, temperature=agent.temperature, max_tokens=agent.max_tokens))
            query = _retrieval_query(content, history)
            meaning = for_settings(self.settings)
            keep = self.settings.services_passages
            found = self.retriever.search(conn, query, k=max(keep, CANDIDATES) if meaning else keep)
            timings["retrieval_ms"] = found.latency_ms
            analytics.event(conn, "search.performed", "ask_expert_messages", question_msg["id"],
                            strategy=found.strategy, results=len(found.passages),
                            latency_ms=round(found.latency_ms, 2), search_id=found.extra.get("search_id"))
        passages = numbered(meaning.focus(query, found.passages, keep) if meaning else found.passages)
        assessment = calibration.assess(query, passages, meaning, retrieved=found.passages)
        if assessment is not None and assessment.declined:
            model = calibration.Declined(model, assessment)  # "not in your documents": no model is called
        try:
            yield {"event": "meta", "data": {"session_id": session_id, "question_message_id": question_msg["id"],
                                             "agent": {"id": agent.id, "slug": agent.slug, "name": agent.name},
                                             "agent_selection": selection.metadata() if selection else None,
                                             "passages": len(passages)}}
            generation_started = time.perf_counter()
            stream = model.stream(replace(request, passages=passages))
            deltas = iter(stream)
            try:
                for delta in deltas:
                    timings.setdefault("first_token_ms", (time.perf_counter() - started) * 1000)
                    yield {"event": "delta", "data": {"text": delta}}
            except ModelUnavailable as failure:
                # The question keeps an answer that says what went wrong; the client learns the session's id.
                self._failed(session_id, agent, session["mode"], stream.result or failure.result, failure)
                raise
            except GeneratorExit:
                deltas.close()  # the client went away: the endpoint's stream is closed, generation stops
                self._failed(session_id, agent, session["mode"], stream.result, None)
                raise
        except GeneratorExit:
            if "generation_started" not in locals():  # gone before the model was asked
                self._failed(session_id, agent, session["mode"], None, None)
            raise
        result = stream.result
        timings["generation_ms"] = (time.perf_counter() - generation_started) * 1000
        timings["total_ms"] = (time.perf_counter() - started) * 1000
        by_ref = {p.ref: p for p in passages}
        grounded = ground(result.text, by_ref, generative=model.generative, finish_reason=result.finish_reason,
                          meaning=meaning, calibrate=lambda check: calibration.confidence(assessment, check))
        cited = [by_ref[r] for r in grounded.check.cited_refs if r in by_ref]
        metadata = {
            "citations": [p.cited() for p in cited], **grounded.metadata(), **_answerer(result),
            "assessment": assessment.metadata() if assessment else None,
            "mode": session["mode"], "retrieval": {"strategy": found.strategy, "query": query, "passages": len(passages)},
            "timings": {k: round(v, 2) for k, v in timings.items()},
        }
        if selection:
            metadata["agent_selection"] = selection.metadata()
        message = self._answer(session_id, agent, grounded.text, metadata, cited, result,
                               mode=session["mode"], confidence=grounded.confidence,
                               latency_ms=metadata["timings"]["total_ms"])
        message["citations"] = metadata["citations"]
        yield {"event": "done", "data": message}

    def _answer(self, session_id: str, agent: store.Agent, content: str, metadata: dict, cited: list,
                result: ChatResult | None, **event) -> dict:
        """The assistant message and the call's llm_usage row (counted against the tenant's tokens), together."""
        with self._tx() as conn:
            store.lock_session(conn, session_id)
            message = store.add_message(conn, session_id, "assistant", content, agent=agent,
                                        metadata=metadata, citations=cited)
            if result is not None:
                record_usage(conn, result, session_id=session_id, message_id=message["id"])
            analytics.event(conn, "ask_expert.message_answered", "ask_expert_messages", message["id"],
                            agent=agent.slug, outcome=metadata["outcome"], **event)
        return message

    def _failed(self, session_id: str, agent: store.Agent, mode: int, result: ChatResult | None,
                failure: ModelUnavailable | None) -> None:
        """No answer (the endpoint failed, or the client went away): say so in the session, count the spend."""
        if failure is not None:
            content = f"No answer: {failure.message} The question is kept; ask it again later."
            outcome, error = "failed", {"code": failure.code, "message": failure.message}
        else:
            content = "No answer: the request was cancelled before the answer was complete."
            outcome, error = "cancelled", None
        metadata = {"citations": [], "confidence": 0.0, "outcome": outcome, "error": error, "unsupported": [],
                    "mode": mode, **(_answerer(result) if result is not None else {})}
        message = self._answer(session_id, agent, content, metadata, [], result, mode=mode, confidence=0.0)
        if failure is not None:
            failure.context.update(session_id=session_id, message_id=message["id"])

    # -- modes 3 and 4 ---------------------------------------------------------
    def decide(self, session_id: str, *, approved: bool, decision: str | None = None,
               comment: str | None = None) -> dict:
        """Approve, reject or ask for changes to the plan; the run goes on with that decision."""
        self._drive(session_id, lambda engine, run_id: control.decide(engine, run_id, approved=approved,
                                                                      decision=decision, comment=comment))
        return self.get(session_id)

    def resume(self, session_id: str) -> dict:
        """Continue the run after a pause, or after the process running it stopped."""
        self._drive(session_id, control.resume)
        return self.get(session_id)

    def cancel(self, session_id: str) -> dict:
        with self._tx(read_only=True) as conn:
            run_id = store.session(conn, session_id)["workflow_run_id"]
        if run_id:
            control.cancel(self._engine(), run_id)
        with self._tx() as conn:
            store.lock_session(conn, session_id)
            store.update_session(conn, session_id, status="cancelled")
        return self.get(session_id)

    def _engine(self) -> Engine:
        return Engine(self.source, self.caller, self.settings, model=self.model, retriever=self.retriever,
                      graph=AUTONOMOUS)

    def _drive(self, session_id: str, action) -> None:
        """Act on the session's run; whatever happens, the session then mirrors the run."""
        engine, run_id = self._engine(), self._run_id(session_id)
        try:
            action(engine, run_id)
        except ModelUnavailable as exc:
            exc.context["session_id"] = session_id
            raise
        finally:
            self._follow(session_id, engine.get(run_id))

    def _run_id(self, session_id: str) -> str:
        with self._tx(read_only=True) as conn:
            return run_of(store.session(conn, session_id), "This session has no autonomous run (modes 3 and 4 only).")

    def _create_run(self, conn, session_id: str, mode: int, query: str, agent: store.Agent,
                    selection: Selection | None, budget: int | None) -> None:
        run_id = self._engine().create(slug=AUTONOMOUS, budget_tokens=budget, conn=conn, input={
            "question": query, "session_id": session_id, "mode": mode, "agent_id": agent.id,
            "agent_selection": selection.metadata() if selection else None})
        store.update_session(conn, session_id, run_id=run_id)

    def _follow(self, session_id: str, run: Run) -> None:
        """The session's status mirrors its run's."""
        with self._tx() as conn:
            store.lock_session(conn, session_id)
            store.update_session(conn, session_id, status=RUN_TO_SESSION[run.status])
            if run.status == "failed" and store.last_role(conn, session_id) != "assistant":
                # A failed run still answers the question: with what went wrong.
                store.add_message(conn, session_id, "assistant", f"No answer: {run.error or 'the run failed.'}",
                                  metadata={"citations": [], "confidence": 0.0, "outcome": "failed",
                                            "error": {"message": run.error}, "workflow_run_id": run.id})


def _answerer(result: ChatResult) -> dict:
    """What answered and what it spent, for the message's metadata."""
    return {"answerer": result.provider, "model": result.model, "extractive": result.provider == "extractive",
            "finish_reason": result.finish_reason,
            "usage": {"prompt_tokens": result.prompt_tokens, "completion_tokens": result.completion_tokens,
                      "cost_usd": result.cost_usd, "estimated": result.estimated}}


def _retrieval_query(question: str, history: list[tuple[str, str]]) -> str:
    """A short follow-up ("and in the EU?") is searched together with the previous question."""
    if len(terms(question)) >= 5:
        return question
    previous = next((text for role, text in reversed(history) if role == "user"), "")
    return f"{previous} {question}".strip()
